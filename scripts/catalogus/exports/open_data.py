"""The Dutch page `/open-data/`: the files, the licence and every field and column, documented
from the committed export schema, so documentation and data cannot drift apart."""

import html
import json

from markupsafe import Markup

from .. import evidence_map_pages, releases, urls
from ..evidence_map import CSV_HEADER
from ..output import BuildSettings, GeneratedFile
from ..rendering import render
from . import csv_export, evidence_map_export, record_exports
from .atom import FEED_PATH
from .common import FORMAT_VERSION, LICENCE_NAME, LICENCE_URL, PUBLISHER, read_export_schema
from .csv_export import CSV_PATH
from .json_export import JSON_PATH, SCHEMA_PATH

PLURALS = {
    "term": "termen",
    "verwijzing": "verwijzingen",
    "tekst": "teksten",
    "object": "objecten",
    "geheel getal": "gehele getallen",
}

# What a CSV column shows of its field: (for one value, for a list).
CSV_PARTS = {
    "value": ("", "de waarden"),
    "slug": ("de code", "de codes"),
    "label": ("het label", "de labels"),
    "id": ("de id", "de ids"),
    "citation": ("titel (jaar)", "titel (jaar) van elke bron, z.j. als het jaar onbekend is"),
    "url": ("het webadres", "de webadressen"),
}


def table_cell(text: str) -> Markup:
    """Schema text for a markdown table cell: on one line, `|` escaped, and `<`, `>` and `&`
    escaped as HTML (quotes need no escaping outside an attribute)."""
    one_line = " ".join(str(text).split())
    return Markup(html.escape(one_line, quote=False).replace("|", "\\|"))


def _resolve(schema: dict, node: dict) -> dict:
    """A schema node with a local `$ref` merged in (the node's own title and description win)."""
    reference = node.get("$ref")
    if not reference:
        return node
    target = schema
    for key in reference.removeprefix("#/").split("/"):
        target = target[key]
    return {**_resolve(schema, target), **{k: v for k, v in node.items() if k != "$ref"}}


def type_label(schema: dict, node: dict) -> str:
    """The type of a field in Dutch words, e.g. `lijst van termen` or `tekst of null`."""
    node = _resolve(schema, node)
    if "anyOf" in node:  # a definition or null, as `strongest_evidence`
        options = [type_label(schema, option) for option in node["anyOf"]]
        return " of ".join(option for option in options if option != "null") + " of null"
    types = node.get("type", "object")
    types = types if isinstance(types, list) else [types]
    names = []
    for kind in types:
        if kind == "null" and len(types) > 1:
            continue
        if kind == "array":
            item = type_label(schema, _resolve(schema, node.get("items", {}))).split(" of ")[0]
            names.append(f"lijst van {PLURALS.get(item, item)}")
        elif kind == "string" and node.get("contentMediaType") == "text/markdown":
            names.append("tekst (Markdown)")
        elif kind == "object" and set(node.get("properties", {})) == {"slug", "label"}:
            names.append("term")
        elif kind == "object" and set(node.get("properties", {})) == {"id", "title", "url"}:
            names.append("verwijzing")
        else:
            names.append(
                {
                    "string": "tekst",
                    "integer": "geheel getal",
                    "object": "object",
                    "boolean": "ja of nee (true of false)",
                    "null": "null",
                }.get(kind, kind)
            )
    label = " of ".join(names)
    return label + " of null" if "null" in types else label


def _field_nodes(schema: dict, node: dict, prefix: str = "") -> list[tuple[str, dict]]:
    """(dotted path, node) for every field under an object node, depth first.

    Definitions (terms, references, the intervention) are documented once, on their own.
    """
    found = []
    for name, child in _resolve(schema, node).get("properties", {}).items():
        path = f"{prefix}{name}"
        found.append((path, child))
        if "$ref" in child or "$ref" in child.get("items", {}):
            continue  # a definition of its own (term, reference, intervention)
        if "properties" in child:
            found += _field_nodes(schema, child, f"{path}.")
        elif "properties" in child.get("items", {}):
            found += _field_nodes(schema, child["items"], f"{path}[].")
    return found


def field_rows(schema: dict, node: dict) -> list[dict]:
    """A row of the field table for every field under an object node."""
    rows = []
    for path, child in _field_nodes(schema, node):
        resolved = _resolve(schema, child)
        rows.append(
            {
                "path": path,
                "title": resolved.get("title", ""),
                "type": type_label(schema, child),
                "description": resolved.get("description", ""),
            }
        )
    return rows


def _schema_node(schema: dict, field: tuple[str, ...]) -> dict:
    node = _resolve(schema, schema["$defs"]["intervention"])
    for key in field:
        node = _resolve(schema, node)
        if "items" in node:
            node = _resolve(schema, node["items"])
        node = _resolve(schema, node["properties"][key])
    return node


def column_rows(schema: dict) -> list[dict]:
    """A row of the CSV table for every column: the field's titles from the outside in, and
    what of the field the column shows."""
    rows = []
    for column in csv_export.COLUMNS:
        titles = [
            _schema_node(schema, column.field[: depth + 1]).get("title", "")
            for depth in range(len(column.field))
        ]
        is_list = _resolve(schema, _schema_node(schema, column.field[:1])).get("type") == "array"
        one, many = CSV_PARTS[column.part]
        rows.append(
            {
                "name": column.name,
                "titles": " › ".join(titles),
                "field": ".".join(column.field),
                "shows": many if is_list else one,
                "is_list": is_list,
            }
        )
    return rows


def other_export(
    title: str, json_path: str, schema_path: str, csv_path: str, schema: dict, items_key: str
) -> dict:
    """What `/open-data/` says about an export besides interventies.json: its files, and its
    fields and CSV columns, all from its schema. `items_key` is the field with its items."""
    items = _resolve(schema, schema["properties"][items_key]["items"])
    return {
        "title": title,
        "json": json_path,
        "schema": schema_path,
        "csv": csv_path,
        "description": schema["description"],
        "file_fields": field_rows(schema, schema),
        "items_key": items_key,
        "item_fields": field_rows(schema, items),
    }


def other_exports(settings: BuildSettings) -> list[dict]:
    """Every export besides interventies.json: the record kinds and the evidence and gap map."""
    found = []
    for kind in record_exports.KINDS:
        schema = record_exports.export_schema(kind, settings)
        entry = other_export(
            kind.title.removesuffix(" (open data)"),
            kind.json_path,
            kind.schema_path,
            kind.csv_path,
            schema,
            "records",
        )
        entry["columns"] = [
            {"name": name, "field": ".".join(field), "part": part}
            for name, field, part in record_exports.csv_columns(schema, schema["$defs"]["record"])
        ]
        found.append(entry)
    schema = json.loads((settings.root / evidence_map_export.EXPORT_SCHEMA).read_text("utf-8"))
    entry = other_export(
        "Bewijskaart",
        evidence_map_export.JSON_PATH,
        evidence_map_export.SCHEMA_PATH,
        evidence_map_pages.CATALOGUE_CSV,
        schema,
        "cells",
    )
    entry["columns"] = [{"name": name, "field": "", "part": ""} for name in CSV_HEADER]
    found.append(entry)
    return found


def page(schema: dict, others: list[dict] = (), release_names: list[str] = ()) -> str:
    """The markdown of `/open-data/` for the export schema `schema`, the other exports
    `others` (from `other_exports`) and the committed releases, newest first."""
    definitions = schema["$defs"]
    term = _resolve(schema, definitions["term"])
    version_rules = " ".join(schema["properties"]["version"]["description"].split())
    return render(
        "open_data.md",
        cell=table_cell,
        files={"json": JSON_PATH, "schema": SCHEMA_PATH, "csv": CSV_PATH, "feed": FEED_PATH},
        publisher=PUBLISHER,
        licence_name=LICENCE_NAME,
        licence_url=LICENCE_URL,
        version=FORMAT_VERSION,
        version_rules=version_rules.removeprefix("De versie van het formaat. "),
        description=schema["description"],
        file_fields=field_rows(schema, schema),
        intervention_fields=field_rows(schema, definitions["intervention"]),
        slug_description=term["properties"]["slug"]["description"],
        label_description=term["properties"]["label"]["description"],
        reference_description=_resolve(schema, definitions["reference"])["description"],
        columns=column_rows(schema),
        others=others,
        releases=[f"{releases.RELEASES.name}/{name}.json" for name in release_names],
        changelog=releases.CHANGELOG.as_posix(),
    )


def files(settings: BuildSettings) -> list[GeneratedFile]:
    # No `last_modified`: the page changes with the schema, not with a review, so the sitemap
    # keeps the date mkdocs gives it.
    return [
        GeneratedFile(
            urls.OPEN_DATA,
            page(
                read_export_schema(settings.root),
                other_exports(settings),
                releases.release_names(settings.root),
            ),
        )
    ]
