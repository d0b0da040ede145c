"""Foreign approaches side by side (/buitenland/): what they are, their legal basis there, what
the Netherlands would need to adopt them, and the Dutch counterpart."""

from dataclasses import dataclass

from markupsafe import Markup

from . import urls
from .output import BuildSettings, GeneratedFile
from .records import Catalogue, Intervention
from .rendering import record_markdown, render


@dataclass(frozen=True)
class Approach:
    record: Intervention
    adoption: Markup | str  # adoption_in_nl as sanitised markdown
    counterparts: list[Intervention]


def foreign_approaches(catalogue: Catalogue) -> list[Approach]:
    return [
        Approach(
            record,
            record_markdown(record.adoption_in_nl) if record.adoption_in_nl else "",
            [catalogue.interventions[other] for other in record.dutch_counterparts],
        )
        for record in catalogue.interventions.values()
        if record.is_foreign
    ]


def abroad_page(catalogue: Catalogue) -> str:
    return render(
        "abroad.md", catalogue=catalogue, here=urls.ABROAD, approaches=foreign_approaches(catalogue)
    )


def pages(settings: BuildSettings) -> list[GeneratedFile]:
    catalogue = settings.catalogue
    foreign = [record for record in catalogue.interventions.values() if record.is_foreign]
    return [
        GeneratedFile(
            urls.ABROAD,
            abroad_page(catalogue),
            last_modified=max((record.last_reviewed for record in foreign), default=""),
        )
    ]
