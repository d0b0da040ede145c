"""Foreign approaches side by side (/buitenland/): one comparison table, a row per approach,
grouped by country. The long texts (what the Netherlands would need) stay on the record pages;
the table gives their first sentence."""

import re
from dataclasses import dataclass

from markupsafe import Markup

from . import markdown_text, queries, urls
from .output import BuildSettings, GeneratedFile
from .records import Catalogue, Intervention
from .rendering import render

# A sentence ends at . ! or ? followed by white space; "1.000" does not end one.
SENTENCE_END = re.compile(r"[.!?](?=\s)")


@dataclass(frozen=True)
class Approach:
    record: Intervention
    country: str  # the country's name
    anchor: str  # the jump list's target, on the first row of each country; else ""
    adoption_start: str  # the first sentence of adoption_in_nl, as plain text
    counterparts: list[Intervention]


def first_sentence(markdown: str) -> str:
    """The first sentence of a markdown text, as plain text."""
    first_paragraph = markdown.strip().split("\n\n")[0]
    text = " ".join(Markup(markdown_text.render(first_paragraph)).striptags().split())
    end = SENTENCE_END.search(text)
    return text[: end.end()] if end else text


def country_anchor(country: str) -> str:
    return f"land-{country.lower()}"


def foreign_approaches(catalogue: Catalogue) -> list[Approach]:
    """The foreign approaches ordered by country name, then title."""
    foreign = sorted(
        (record for record in catalogue.interventions.values() if record.is_foreign),
        key=lambda record: (catalogue.term("countries", record.country).label, record.title),
    )
    approaches = []
    for index, record in enumerate(foreign):
        first_of_country = index == 0 or foreign[index - 1].country != record.country
        approaches.append(
            Approach(
                record,
                catalogue.term("countries", record.country).label,
                country_anchor(record.country) if first_of_country else "",
                first_sentence(record.adoption_in_nl) if record.adoption_in_nl else "",
                [catalogue.interventions[other] for other in record.dutch_counterparts],
            )
        )
    return approaches


def abroad_page(catalogue: Catalogue) -> str:
    approaches = foreign_approaches(catalogue)
    return render(
        "abroad.md",
        catalogue=catalogue,
        here=urls.ABROAD,
        approaches=approaches,
        countries=[(item.anchor, item.country) for item in approaches if item.anchor],
    )


def pages(settings: BuildSettings) -> list[GeneratedFile]:
    catalogue = settings.catalogue
    foreign = [record for record in catalogue.interventions.values() if record.is_foreign]
    return [
        GeneratedFile(
            urls.ABROAD,
            abroad_page(catalogue),
            last_modified=queries.newest_review(foreign),
        )
    ]
