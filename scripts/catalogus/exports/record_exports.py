"""Phenomena (with their chains), knelpunten and cases as JSON and CSV, each with its schema.

The export schema of each kind is generated from the kind's record schema, so a field added to
a record reaches the export, its schema and `/open-data/` at once: every field keeps its Dutch
title and description, a vocabulary slug becomes a term (`slug` and `label`) and an id of another
record becomes a reference (`id`, `title`, `url`). The same schema then drives both the data
and the CSV columns, so the three cannot drift apart.
"""

import copy
import json
from dataclasses import dataclass
from typing import Any

from .. import queries, urls
from ..output import BuildSettings, GeneratedFile
from ..records import Catalogue
from ..schema import plain, read_schema, schema_with_vocabularies
from . import csv_export
from .common import (
    FORMAT_VERSION,
    LICENCE_NAME,
    LICENCE_URL,
    PUBLISHER,
    catalogue_date,
    read_export_schema,
)

SCHEMA_BASE = "https://wat-werkt-tegen-ondermijning.nl/"
# Keys of a record schema that help editors write a record, not readers read the export.
EDITOR_KEYS = {
    "patternErrorMessage",
    "examples",
    "enum",
    "enumDescriptions",
    "x-vocabulary",
    "minItems",
    "maxItems",
    "maxLength",
    "default",
}


# The file-level fields every export shares with `interventies.json`.
FILE_FIELDS = ("version", "generated", "publisher", "licence", "url")


@dataclass(frozen=True)
class ExportKind:
    """One record kind as open data: its files, its record schema and how its records read."""

    folder: str  # the catalogue's attribute and record folder, e.g. `bottlenecks`
    name: str  # the Dutch file name, e.g. `knelpunten` (data/knelpunten.json)
    record_schema: str  # in schema/
    title: str
    description: str
    # Fields holding ids of other records: field → the catalogue attribute they refer to.
    references: tuple[tuple[str, str], ...] = ()

    @property
    def json_path(self) -> str:
        return f"data/{self.name}.json"

    @property
    def schema_path(self) -> str:
        return f"data/{self.name}.schema.json"

    @property
    def csv_path(self) -> str:
        return f"data/{self.name}.csv"


KINDS = (
    ExportKind(
        "phenomena",
        "fenomenen",
        "fenomeen.schema.json",
        "Fenomenen (open data)",
        "Alle fenomenen waarvoor de catalogus een beschrijving heeft, elk met zijn criminele "
        "bedrijfsproces (de stappen van het barrièremodel), signalen, open vragen en bronnen.",
    ),
    ExportKind(
        "bottlenecks",
        "knelpunten",
        "knelpunt.schema.json",
        "Knelpunten (open data)",
        "Alle knelpunten die professionals tegenkomen bij de aanpak van ondermijning, met hun "
        "status en de openbare interventies die ze aanpakken.",
        (("resolved_by", "interventions"),),
    ),
    ExportKind(
        "cases",
        "casussen",
        "casus.schema.json",
        "Casussen (open data)",
        "Alle praktijkcasussen, zonder persoonsgegevens, met de openbare interventies en de "
        "knelpunten die ze laten zien.",
        (("interventions", "interventions"), ("bottlenecks", "bottlenecks")),
    ),
)


def _sources(sources) -> list[dict]:
    return [{"title": source.title, "url": source.url, "year": source.year} for source in sources]


def _period(start, end) -> dict | None:
    return None if start is None else {"start": start, "end": end}


def record_fields(folder: str, record) -> dict:
    """A record's fields as its YAML file names them (absent ones left out)."""
    if folder == "phenomena":
        return {
            "description": record.description,
            "signals": list(record.signals),
            "chain": [
                {"step": link.step, "description": link.description} for link in record.chain
            ],
            "open_questions": list(record.open_questions),
            "expert_table": record.expert_table or None,
            "sources": _sources(record.sources),
            "last_reviewed": record.last_reviewed,
        }
    if folder == "bottlenecks":
        status_source = record.status_source
        return {
            "title": record.title,
            "summary": record.summary,
            "description": record.description,
            "phenomena": list(record.phenomena),
            "barrier_steps": list(record.barrier_steps),
            "kind": record.kind,
            "status": record.status,
            "status_source": _sources([status_source])[0] if status_source else None,
            "since": record.since,
            "picked_up_by": record.picked_up_by or None,
            "resolution": record.resolution or None,
            "resolved_by": list(record.resolved_by),
            "sources": _sources(record.sources),
            "last_reviewed": record.last_reviewed,
        }
    return {
        "title": record.title,
        "summary": record.summary,
        "situation": record.situation,
        "approach": record.approach,
        "lessons": record.lessons,
        "interventions": list(record.interventions),
        "bottlenecks": list(record.bottlenecks),
        "phenomena": list(record.phenomena),
        "regions": list(record.regions),
        "country": record.country,
        "period": _period(record.period_start, record.period_end),
        "sources": _sources(record.sources),
        "last_reviewed": record.last_reviewed,
    }


def _nullable(node: dict) -> dict:
    """The node, also allowing null: an optional field the export always has."""
    if "$ref" in node:
        rest = {key: value for key, value in node.items() if key != "$ref"}
        return {"anyOf": [{"$ref": node["$ref"]}, {"type": "null"}], **rest}
    if isinstance(node.get("type"), str):
        return {**node, "type": [node["type"], "null"]}
    return node


def _export_node(node: dict, reference: bool = False) -> dict:
    """A record schema's field as the export holds it (see the module's docstring)."""
    described = {key: node[key] for key in ("title", "description") if key in node}
    if reference:
        return {"type": "array", **described, "items": {"$ref": "#/$defs/reference"}}
    if "x-vocabulary" in node:
        return {"$ref": "#/$defs/term", **described}
    exported = {key: value for key, value in node.items() if key not in EDITOR_KEYS}
    if "items" in node:
        exported["items"] = _export_node(node["items"])
    if "properties" in node:
        # Every field is always there: an absent optional one is null, or an empty list.
        exported["properties"] = {}
        for name, child in node["properties"].items():
            child = _export_node(child)
            optional = name not in node.get("required", ()) and child.get("type") != "array"
            exported["properties"][name] = _nullable(child) if optional else child
        exported["required"] = list(node["properties"])
    return exported


def item_schema(kind: ExportKind, record_schema: dict) -> dict:
    """The schema of one record in the export: its id, page and every field of its schema."""
    references = dict(kind.references)
    properties = {
        "id": {
            "type": "string",
            "title": "Id",
            "description": "De vaste id van het record: de bestandsnaam zonder .yml.",
            "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$",
        },
        "url": {
            "type": "string",
            "title": "Webadres",
            "description": "De pagina van het record op de site.",
            "format": "uri",
        },
    }
    if kind.folder == "phenomena":
        properties["title"] = {
            "type": "string",
            "title": "Naam",
            "description": "De Nederlandse naam van het fenomeen.",
            "minLength": 1,
        }
    record = _export_node(
        {
            **record_schema,
            "properties": {
                name: (_export_node(child, reference=True) if name in references else child)
                for name, child in record_schema["properties"].items()
            },
        }
    )
    properties.update(record["properties"])
    return {
        "type": "object",
        "title": record_schema.get("title", ""),
        "description": record_schema.get("description", ""),
        "additionalProperties": False,
        "required": list(properties),
        "properties": properties,
    }


def export_schema(kind: ExportKind, settings: BuildSettings) -> dict:
    """The JSON Schema of `data/<name>.json`, made from the record schema (see above)."""
    interventions = read_export_schema(settings.root)
    record_schema = schema_with_vocabularies(
        plain(read_schema(settings.root / "schema" / kind.record_schema)),
        settings.catalogue.vocabularies,
    )
    top = {key: interventions["properties"][key] for key in FILE_FIELDS}
    reference = copy.deepcopy(interventions["$defs"]["reference"])
    reference["description"] = "Een ander openbaar record van de catalogus."
    reference["properties"]["id"]["description"] = "De id van het record."
    reference["properties"]["title"]["description"] = "De titel van het record."
    reference["properties"]["url"]["description"] = "De pagina van het record."
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{SCHEMA_BASE}{kind.schema_path}",
        "title": kind.title,
        "description": kind.description,
        "type": "object",
        "additionalProperties": False,
        "required": [*FILE_FIELDS, "records"],
        "properties": {
            **top,
            "records": {
                "type": "array",
                "title": "Records",
                "description": "Eén object per record, op volgorde van id.",
                "items": {"$ref": "#/$defs/record"},
            },
        },
        "$defs": {
            "term": interventions["$defs"]["term"],
            "reference": reference,
            "record": item_schema(kind, record_schema),
        },
    }


def _reference(catalogue: Catalogue, folder: str, record_id: str, site_url: str) -> dict | None:
    """A reference to a public record; `None` for one that is internal or unknown."""
    other = getattr(catalogue, folder).get(record_id)
    if other is None or not getattr(other, "is_public", True):
        return None
    url = urls.absolute_url(site_url, urls.record_path(folder, record_id))
    return {"id": record_id, "title": other.title, "url": url}


def record_data(
    kind: ExportKind, record, record_schema: dict, catalogue: Catalogue, site_url: str
) -> dict:
    """One record as the export holds it."""
    references = dict(kind.references)
    fields = record_fields(kind.folder, record)
    data = {
        "id": record.id,
        "url": urls.absolute_url(site_url, urls.record_path(kind.folder, record.id)),
    }
    if kind.folder == "phenomena":
        data["title"] = catalogue.term("phenomena", record.id).label
    for name, node in record_schema["properties"].items():
        value = fields.get(name)
        if name in references:
            found = (_reference(catalogue, references[name], other, site_url) for other in value)
            data[name] = [reference for reference in found if reference is not None]
        else:
            data[name] = _nested(node, value, catalogue)
    return data


def _nested(node: dict, value: Any, catalogue: Catalogue) -> Any:
    """A value of a record field as the export holds it: nested terms resolved, absent → null."""
    if value is None:
        return [] if node.get("type") == "array" else None
    if "x-vocabulary" in node:
        return {"slug": value, "label": catalogue.term(node["x-vocabulary"], value).label}
    if node.get("type") == "array":
        return [_nested(node["items"], element, catalogue) for element in value]
    if node.get("type") == "object":
        return {
            name: _nested(child, value.get(name), catalogue)
            for name, child in node.get("properties", {}).items()
        }
    return value


def export_data(kind: ExportKind, settings: BuildSettings) -> dict:
    """The whole export of one kind as data, its records in order of id."""
    catalogue = settings.catalogue
    record_schema = schema_with_vocabularies(
        plain(read_schema(settings.root / "schema" / kind.record_schema)), catalogue.vocabularies
    )
    records = sorted(getattr(catalogue, kind.folder).values(), key=lambda record: record.id)
    return {
        "version": FORMAT_VERSION,
        # The export's only date, so an unchanged catalogue gives the same bytes.
        "generated": queries.newest_review(records) or catalogue_date(catalogue),
        "publisher": PUBLISHER,
        "licence": {"name": LICENCE_NAME, "url": LICENCE_URL},
        "url": urls.base_url(settings.site_url),
        "records": [
            record_data(kind, record, record_schema, catalogue, settings.site_url)
            for record in records
        ],
    }


def csv_columns(
    schema: dict, node: dict, prefix: str = ""
) -> list[tuple[str, tuple[str, ...], str]]:
    """(column name, field path, part) for every column of a CSV made from an export schema.

    A term gives a column of codes and one of labels, a reference the ids, an object a column
    per field (`period_start`), a list of objects a column per field of its items, each cell the
    list's values joined with `; `.
    """
    columns = []
    for name, child in node["properties"].items():
        column = f"{prefix}{name}"
        items = child.get("items", {})
        if _is_term(child) or _is_term(items):
            plural = "_labels" if items else "_label"
            columns += [(column, (name,), "slug"), (column + plural, (name,), "label")]
        elif items.get("$ref") == "#/$defs/reference":
            columns.append((column, (name,), "id"))
        elif "properties" in child or "properties" in items:
            for sub_name, sub_field, part in csv_columns(schema, items or child, f"{column}_"):
                columns.append((sub_name, (name, *sub_field), part))
        else:
            columns.append((column, (name,), "value"))
    return columns


def _is_term(node: dict) -> bool:
    return node.get("$ref") == "#/$defs/term" or {"$ref": "#/$defs/term"} in node.get("anyOf", [])


def _cell_values(value: Any, field: tuple[str, ...], part: str) -> list[str]:
    """The texts of one field of a record, following lists on the way; an absent value is an
    empty text, so the columns of a list of objects stay aligned (`sources_year`)."""
    if value is None:
        return [""]
    if isinstance(value, list):
        return [text for element in value for text in _cell_values(element, field, part)]
    if field:
        return _cell_values(value[field[0]], field[1:], part)
    if part in ("slug", "label", "id"):
        return [str(value[part])]
    if isinstance(value, bool):
        return ["ja" if value else "nee"]
    return [str(value)]


def csv_rows(data: dict, schema: dict) -> list[list[str]]:
    """The header and one row per record of an export."""
    columns = csv_columns(schema, schema["$defs"]["record"])
    table = [[name for name, _, _ in columns]]
    for record in data["records"]:
        table.append(
            [
                csv_export.LIST_SEPARATOR.join(_cell_values(record, field, part))
                for _, field, part in columns
            ]
        )
    return table


def _json_bytes(data: dict) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def files(settings: BuildSettings) -> list[GeneratedFile]:
    """For every kind its JSON, its schema and its CSV."""
    generated = []
    for kind in KINDS:
        data = export_data(kind, settings)
        schema = export_schema(kind, settings)
        generated += [
            GeneratedFile(kind.json_path, _json_bytes(data), last_modified=data["generated"]),
            GeneratedFile(kind.schema_path, _json_bytes(schema)),
            GeneratedFile(
                kind.csv_path,
                csv_export.spreadsheet(csv_rows(data, schema)),
                last_modified=data["generated"],
            ),
        ]
    return generated
