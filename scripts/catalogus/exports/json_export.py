"""`/data/interventies.json`, and the schema that describes it at `/data/interventies.schema.json`.

The JSON objects are the one description of a record in the exports: the CSV is derived from
them column by column, and the open-data page documents both from the committed schema.
"""

import functools
import io
import json
from collections.abc import Iterable, Iterator

import orjson

from .. import urls
from ..output import BuildSettings, GeneratedFile, Planned
from ..records import Catalogue, Intervention
from .common import (
    EXPORT_SCHEMA,
    FORMAT_VERSION,
    LICENCE_NAME,
    LICENCE_URL,
    PUBLISHER,
    catalogue_date,
    intervention_url,
    public_records,
)

JSON_PATH = "data/interventies.json"
SCHEMA_PATH = "data/interventies.schema.json"
IMPLEMENTATION_KEYS = ("costs", "capacity", "legal_basis", "preconditions")
_FORMAT = {"ensure_ascii": False, "indent": 2}
ITEM_INDENT = b"    "


def term(catalogue: Catalogue, vocabulary: str, slug: str) -> dict:
    return {"slug": slug, "label": catalogue.term(vocabulary, slug).label}


def terms(catalogue: Catalogue, vocabulary: str, slugs: Iterable[str]) -> list[dict]:
    return [term(catalogue, vocabulary, slug) for slug in slugs]


def references(catalogue: Catalogue, site_url: str, ids: Iterable[str]) -> list[dict]:
    """Links to other public records; ids of internal or unknown records are left out."""
    found = []
    for record_id in ids:
        other = catalogue.interventions.get(record_id)
        if other is not None and other.is_public:
            found.append(
                {"id": other.id, "title": other.title, "url": intervention_url(site_url, other.id)}
            )
    return found


def _text(value: str) -> str | None:
    return value or None


def intervention_data(record: Intervention, catalogue: Catalogue, site_url: str) -> dict:
    """One record as an object of the JSON export (see the export schema)."""
    if not record.is_public:
        raise ValueError(f"{record.id} is niet openbaar en hoort in geen enkele export")
    return {
        "id": record.id,
        "url": intervention_url(site_url, record.id),
        "former_ids": list(record.former_ids),
        "title": record.title,
        "summary": record.summary,
        "description": record.description,
        "phenomena": terms(catalogue, "phenomena", record.phenomena),
        "regions": terms(catalogue, "regions", record.regions),
        "country": term(catalogue, "countries", record.country),
        "access": record.access,
        "kinds": terms(catalogue, "kinds", record.kinds),
        "instruments": terms(catalogue, "instruments", record.instruments),
        "lead_organisation": _text(record.lead_organisation),
        "partners": list(record.partners),
        "barrier_steps": terms(catalogue, "barrier_steps", record.barrier_steps),
        "cross_cutting": record.cross_cutting,
        "status": term(catalogue, "statuses", record.status),
        "period": (
            {"start": record.period_start, "end": record.period_end}
            if record.period_start is not None
            else None
        ),
        "target_group": _text(record.target_group),
        "active_components": list(record.active_components),
        "implementation": {
            key: _text(record.implementation.get(key, "")) for key in IMPLEMENTATION_KEYS
        },
        "evidence": {
            "level": term(catalogue, "evidence_levels", record.evidence_level),
            "explanation": record.evidence_explanation,
        },
        "outcome": {
            "result": term(catalogue, "outcomes", record.outcome),
            "explanation": record.outcome_explanation,
        },
        "approach": _text(record.approach),
        "results": _text(record.results),
        "lessons": _text(record.lessons),
        "adoption_in_nl": _text(record.adoption_in_nl),
        "dutch_counterparts": references(catalogue, site_url, record.dutch_counterparts),
        "contact": (
            {
                "organisation": record.contact_organisation,
                "desk": _text(record.contact_desk),
                "url": _text(record.contact_url),
            }
            if record.contact_organisation
            else None
        ),
        "sources": [
            {"title": source.title, "url": source.url, "year": source.year}
            for source in record.sources
        ],
        "materials": [
            {
                "kind": term(catalogue, "material_kinds", material.kind),
                "title": material.title,
                "url": material.url,
                "year": material.year,
            }
            for material in record.materials
        ],
        "related": references(catalogue, site_url, record.related),
        "last_reviewed": record.last_reviewed,
    }


def export_head(catalogue: Catalogue, site_url: str) -> dict:
    """What the JSON export says before its records."""
    return {
        "version": FORMAT_VERSION,
        "generated": catalogue_date(catalogue),
        "publisher": PUBLISHER,
        "licence": {"name": LICENCE_NAME, "url": LICENCE_URL},
        "url": urls.base_url(site_url),
    }


def export_items(catalogue: Catalogue, site_url: str) -> Iterator[dict]:
    """The public records as JSON objects, one at a time."""
    for record in public_records(catalogue):
        yield intervention_data(record, catalogue, site_url)


def export_data(catalogue: Catalogue, site_url: str) -> dict:
    """The whole JSON export as data: the public records with their labels resolved."""
    return {
        **export_head(catalogue, site_url),
        "interventions": list(export_items(catalogue, site_url)),
    }


def render(catalogue: Catalogue, site_url: str) -> bytes:
    """The file's bytes: UTF-8, indented, fields in a fixed order, exactly as
    `json.dumps(export_data(...), ensure_ascii=False, indent=2)` writes them.

    It is written one record at a time: encoding the data of every record at once took some
    70 MiB at 1,000 records, the largest peak of a build's memory.
    """
    head = json.dumps({**export_head(catalogue, site_url), "interventions": []}, **_FORMAT)
    output = io.BytesIO()
    output.write(head.removesuffix("[]\n}").encode("utf-8"))
    separator = b"[\n"
    for item in export_items(catalogue, site_url):
        # orjson writes the same bytes as `json.dumps` with these options, seven times faster
        # (`json` indents in Python). An item sits two levels deep; a JSON text has no line
        # break inside a string.
        encoded = orjson.dumps(item, option=orjson.OPT_INDENT_2)
        output.write(separator + ITEM_INDENT + encoded.replace(b"\n", b"\n" + ITEM_INDENT))
        separator = b",\n"
    output.write(b"[]" if separator == b"[\n" else b"\n  ]")
    output.write(b"\n}\n")
    return output.getvalue()


def plan(settings: BuildSettings) -> list[Planned]:
    """The JSON export and, beside it, an exact copy of the committed schema that describes it."""
    return [
        (
            GeneratedFile(JSON_PATH, "", last_modified=catalogue_date(settings.catalogue)),
            functools.partial(render, settings.catalogue, settings.site_url),
        ),
        (
            GeneratedFile(SCHEMA_PATH, "", source=EXPORT_SCHEMA.as_posix()),
            (settings.root / EXPORT_SCHEMA).read_bytes,
        ),
    ]
