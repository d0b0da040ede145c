"""The XSS corpus (tests/xss/payloads.yml) against every page family beside the intervention
pages: phenomena, knelpunten, casussen, buitenland and the home page's widgets.

Each payload goes into every text field of a SYNTHETIC phenomenon, bottleneck and case record, and
of the interventions they list, built with `from_data` on purpose without the validator. A page
is compared with the same page rendered from harmless text: a payload may not add a single
element, attribute or link that could run (the pages have an <svg> map and a bar's inline style
of their own). Plain-text fields must show the payload exactly as written.
"""

import functools
import html
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from catalogus import (
    abroad_page,
    bottleneck_pages,
    case_pages,
    home_widgets,
    paths,
    phenomenon_pages,
    urls,
)
from catalogus.output import BuildSettings, made
from catalogus.records import Bottleneck, Case, Catalogue, Intervention, PhenomenonRecord
from catalogus.vocabularies import Term, load_vocabularies

from .test_xss import (
    PAYLOADS,
    TEXT_FIELDS,
    URL_PAYLOADS,
    audit,
    base_record,
    collapse,
    page_body,
    text_of,
    with_value,
)

HARMLESS = "Gewone tekst"
# Read once: reading YAML would take most of the test's time.
VOCABULARIES = load_vocabularies(paths.VOCABULARIES)
INTERVENTION = base_record()

# SYNTHETIC TEST DATA: made-up records of the other kinds, each valid for its schema.
PHENOMENON = {
    "description": "Synthetisch.",
    "signals": ["Een signaal."],
    "chain": [
        {"step": "locatie", "description": "Een pand."},
        {"step": "witwassen", "description": "Geld wit maken."},
    ],
    "open_questions": ["Een vraag?"],
    "expert_table": {
        "name": "Proeftafel",
        "organisation": "Proeforganisatie",
        "url": "https://example.org/tafel",
        "since": 2021,
    },
    "sources": [{"title": "Bron", "url": "https://example.org/"}],
    "last_reviewed": "2026-01-01",
}
BOTTLENECK = {
    "title": "Proefknelpunt",
    "summary": "Synthetisch.",
    "description": "Synthetisch.",
    "phenomena": ["vastgoed"],
    "kind": "juridisch",
    "status": "opgelost",
    "since": 2020,
    "picked_up_by": "Een proefministerie",
    "resolution": "Een wet.",
    "resolved_by": ["proef"],
    "sources": [{"title": "Bron", "url": "https://example.org/"}],
    "last_reviewed": "2026-01-01",
}
CASE = {
    "title": "Proefcasus",
    "summary": "Synthetisch.",
    "situation": "S.",
    "approach": "A.",
    "lessons": "L.",
    "interventions": ["proef"],
    "phenomena": ["vastgoed"],
    "regions": ["limburg"],
    "country": "NL",
    "sources": [{"title": "Bron", "url": "https://example.org/"}],
    "last_reviewed": "2026-01-01",
}

# Every field an editor writes text in, by its dotted name as the validator prints it.
PHENOMENON_PLAIN = (
    "signals[0]",
    "chain[0].description",
    "open_questions[0]",
    "expert_table.name",
    "expert_table.organisation",
    "sources[0].title",
)
BOTTLENECK_PLAIN = ("title", "summary", "picked_up_by", "sources[0].title")
CASE_PLAIN = ("title", "summary", "sources[0].title")
FOREIGN_PLAIN = ("title", "summary")
MARKDOWN = {
    "phenomenon": ("description",),
    "bottleneck": ("description", "resolution"),
    "case": ("situation", "approach", "lessons"),
    "foreign": ("adoption_in_nl",),
}
URL_FIELDS = {
    "phenomenon": ("expert_table.url", "sources[0].url"),
    "bottleneck": ("sources[0].url",),
    "case": ("sources[0].url",),
}


def with_values(data: dict, fields, text: str) -> dict:
    for name in fields:
        data = with_value(data, name, text)
    return data


def foreign_record(text: str) -> dict:
    data = with_values(INTERVENTION, TEXT_FIELDS + MARKDOWN["foreign"], text)
    data.update(country="BE", dutch_counterparts=["proef"])
    del data["regions"]
    return data


@functools.cache
def catalogue_with(text: str, url: str = "https://example.org/") -> Catalogue:
    """Every record kind with `text` in each of its text fields and `url` in each URL field."""
    records = {
        "phenomenon": with_values(PHENOMENON, PHENOMENON_PLAIN + MARKDOWN["phenomenon"], text),
        "bottleneck": with_values(BOTTLENECK, BOTTLENECK_PLAIN + MARKDOWN["bottleneck"], text),
        "case": with_values(CASE, CASE_PLAIN + MARKDOWN["case"], text),
    }
    for kind, fields in URL_FIELDS.items():
        records[kind] = with_values(records[kind], fields, url)
    interventions = {
        "proef": Intervention.from_data(
            "proef", Path("proef.yml"), with_values(INTERVENTION, TEXT_FIELDS, text)
        ),
        "proef-be": Intervention.from_data("proef-be", Path("proef-be.yml"), foreign_record(text)),
    }
    return Catalogue(
        interventions,
        VOCABULARIES,
        {"vastgoed": PhenomenonRecord.from_data("vastgoed", Path("v.yml"), records["phenomenon"])},
        {
            "proef-knelpunt": Bottleneck.from_data(
                "proef-knelpunt", Path("k.yml"), records["bottleneck"]
            )
        },
        {"proef-casus": Case.from_data("proef-casus", Path("c.yml"), records["case"])},
    )


def widgets(catalogue: Catalogue) -> dict[str, str]:
    records = list(catalogue.interventions.values())
    return {
        "region map": home_widgets.region_map(catalogue, urls.term_index_path("regions")),
        "matrix": home_widgets.phenomenon_region_matrix(catalogue, urls.HOME),
        "evidence spread": home_widgets.evidence_spread(records, catalogue),
        "question form": home_widgets.question_form(catalogue, urls.HOME),
        "intervention list": home_widgets.intervention_list(catalogue, records, urls.HOME),
    }


FAMILIES = {
    "fenomenen": lambda settings: made(phenomenon_pages.plan(settings)),
    "knelpunten": bottleneck_pages.pages,
    "casussen": case_pages.pages,
    "buitenland": abroad_page.pages,
}
# Where each family shows record text as written (plain-text fields), by output.
SHOWN_IN = {
    "fenomenen": ["fenomenen/vastgoed.md"],
    "knelpunten": ["knelpunten/index.md", "knelpunten/proef-knelpunt.md"],
    "casussen": ["casussen/index.md", "casussen/proef-casus.md"],
    "buitenland": ["buitenland/index.md"],
    "home widgets": ["intervention list"],
}


def outputs(catalogue: Catalogue, family: str) -> dict[str, str]:
    """A family's pages (without front matter) or widgets, by path or name."""
    if family == "home widgets":
        # As plain text: Markup would escape whatever the checks add to it.
        return {name: str(widget) for name, widget in widgets(catalogue).items()}
    settings = BuildSettings(catalogue, Path("."))
    return {page.path: page_body(page.content) for page in FAMILIES[family](settings)}


@functools.cache
def rendered(text: str, family: str, url: str = "https://example.org/") -> dict[str, str]:
    return outputs(catalogue_with(text, url), family)


@functools.cache
def problems(body: str) -> Counter:
    return Counter(audit(body))


def assert_no_more_markup_than_harmless_text(found: dict[str, str], harmless: dict[str, str]):
    assert found.keys() == harmless.keys()
    for name, body in found.items():
        assert problems(body) == problems(harmless[name]), name
        # A template payload (`{{ 7*7 }}`) is never evaluated.
        assert body.count("49") == harmless[name].count("49"), name


@pytest.mark.parametrize("family", [*FAMILIES, "home widgets"])
@pytest.mark.parametrize("payload", PAYLOADS, ids=str)
def test_every_family_escapes_and_sanitises_every_text_field(payload, family):
    found = rendered(payload.text, family)
    assert_no_more_markup_than_harmless_text(found, rendered(HARMLESS, family))
    for name in SHOWN_IN[family]:
        assert collapse(payload.text) in collapse(text_of(found[name]).text), name


@pytest.mark.parametrize("family", FAMILIES)
@pytest.mark.parametrize("payload", URL_PAYLOADS, ids=str)
def test_url_fields_never_become_a_script_link(payload, family):
    found = rendered(HARMLESS, family, payload.text)
    assert_no_more_markup_than_harmless_text(found, rendered(HARMLESS, family))


@pytest.mark.parametrize("payload", PAYLOADS, ids=str)
def test_front_matter_holds_the_text_escaped(payload):
    # The theme puts title and description into <head> without escaping them.
    catalogue = catalogue_with(payload.text)
    for page in (
        bottleneck_pages.bottleneck_page(catalogue, catalogue.bottlenecks["proef-knelpunt"]),
        case_pages.case_page(catalogue, catalogue.cases["proef-casus"]),
    ):
        front_matter = yaml.safe_load(page.split("\n---\n", 1)[0])
        escaped = html.escape(payload.text, quote=True)
        assert (front_matter["title"], front_matter["description"]) == (escaped, escaped)


@functools.cache
def with_term_text(text: str, family: str) -> dict[str, str]:
    """A family's outputs with `text` as the label and description of every term."""
    catalogue = catalogue_with(HARMLESS)
    vocabularies = {
        name: {slug: Term(slug, text, text) for slug in terms}
        for name, terms in catalogue.vocabularies.items()
    }
    return outputs(replace(catalogue, vocabularies=vocabularies), family)


@pytest.mark.parametrize("family", [*FAMILIES, "home widgets"])
@pytest.mark.parametrize("payload", PAYLOADS, ids=str)
def test_term_labels_are_escaped_everywhere(payload, family):
    # Vocabularies arrive by pull request as well; their labels name links, columns and options.
    found = with_term_text(payload.text, family)
    assert_no_more_markup_than_harmless_text(found, with_term_text(HARMLESS, family))
