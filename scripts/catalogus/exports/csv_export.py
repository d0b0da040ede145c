"""`/data/interventies.csv`: the JSON objects flattened column by column, for Dutch Excel."""

import csv
import functools
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..output import BuildSettings, GeneratedFile, Planned
from ..records import Catalogue
from . import json_export
from .common import catalogue_date

CSV_PATH = "data/interventies.csv"
LIST_SEPARATOR = "; "
# Excel reads a cell that starts with one of these as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    """A CSV column: a field of the JSON object (a path of keys) and which part of it to show.

    `part` is `value` (as is), `slug` or `label` (of a term), `id` (of a reference), `citation`
    ("title (year)") or `url` (of a source). A list becomes its parts joined with `; `.
    """

    name: str
    field: tuple[str, ...]
    part: str = "value"


def _columns(*specs: tuple) -> tuple[Column, ...]:
    return tuple(Column(name, tuple(field.split(".")), *rest) for name, field, *rest in specs)


# The header is a public contract: add columns only at the end of a group, never rename.
COLUMNS = _columns(
    ("id", "id"),
    ("url", "url"),
    ("former_ids", "former_ids"),
    ("title", "title"),
    ("summary", "summary"),
    ("description", "description"),
    ("phenomena", "phenomena", "slug"),
    ("phenomena_labels", "phenomena", "label"),
    ("regions", "regions", "slug"),
    ("regions_labels", "regions", "label"),
    ("country", "country", "slug"),
    ("country_label", "country", "label"),
    ("access", "access"),
    ("kinds", "kinds", "slug"),
    ("kinds_labels", "kinds", "label"),
    ("instruments", "instruments", "slug"),
    ("instruments_labels", "instruments", "label"),
    ("lead_organisation", "lead_organisation"),
    ("partners", "partners"),
    ("barrier_steps", "barrier_steps", "slug"),
    ("barrier_steps_labels", "barrier_steps", "label"),
    ("cross_cutting", "cross_cutting"),
    ("status", "status", "slug"),
    ("status_label", "status", "label"),
    ("period_start", "period.start"),
    ("period_end", "period.end"),
    ("target_group", "target_group"),
    ("active_components", "active_components"),
    ("implementation_costs", "implementation.costs"),
    ("implementation_capacity", "implementation.capacity"),
    ("implementation_legal_basis", "implementation.legal_basis"),
    ("implementation_preconditions", "implementation.preconditions"),
    ("evidence_level", "evidence.level", "slug"),
    ("evidence_level_label", "evidence.level", "label"),
    ("evidence_explanation", "evidence.explanation"),
    ("outcome", "outcome.result", "slug"),
    ("outcome_label", "outcome.result", "label"),
    ("outcome_explanation", "outcome.explanation"),
    ("approach", "approach"),
    ("results", "results"),
    ("lessons", "lessons"),
    ("adoption_in_nl", "adoption_in_nl"),
    ("dutch_counterparts", "dutch_counterparts", "id"),
    ("related", "related", "id"),
    ("contact_organisation", "contact.organisation"),
    ("contact_desk", "contact.desk"),
    ("contact_url", "contact.url"),
    ("sources", "sources", "citation"),
    ("source_urls", "sources", "url"),
    ("materials", "materials", "citation"),
    ("material_urls", "materials", "url"),
    ("last_reviewed", "last_reviewed"),
)


def _part(value, part: str) -> str:
    if value is None:
        return ""
    if part == "citation":
        return f"{value['title']} ({value['year'] or 'z.j.'})"
    if part != "value":
        return str(value[part])
    if isinstance(value, bool):
        return "ja" if value else "nee"
    return str(value)


def _cell(item: dict, column: Column) -> str:
    value = item
    for key in column.field:
        value = None if value is None else value[key]
    if isinstance(value, list):
        text = LIST_SEPARATOR.join(_part(element, column.part) for element in value)
    else:
        text = _part(value, column.part)
    return as_text(text)


def as_text(text: str) -> str:
    """A cell that starts like a formula (e.g. a markdown list "- …") gets an apostrophe, so
    Excel shows it as text instead of an error or, worse, evaluating it."""
    return "'" + text if text.startswith(FORMULA_START) else text


def spreadsheet(table: Iterable[list[str]]) -> bytes:
    """A table for Dutch Excel: UTF-8 with a byte-order mark, `;` between cells, CRLF line ends.

    Rows are encoded as they come, so a build never holds the table and its text side by side.
    """
    output = io.BytesIO()
    text = io.TextIOWrapper(output, encoding="utf-8", newline="", write_through=True)
    text.write("\ufeff")
    writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
    for row in table:
        writer.writerow([as_text(str(cell)) for cell in row])
    text.detach()  # the bytes stay readable once the wrapper is gone
    return output.getvalue()


def rows(catalogue: Catalogue, site_url: str) -> Iterator[list[str]]:
    """The header and one row per public record."""
    yield [column.name for column in COLUMNS]
    for item in json_export.export_items(catalogue, site_url):
        yield [_cell(item, column) for column in COLUMNS]


def render(catalogue: Catalogue, site_url: str) -> bytes:
    """The file's bytes, as `spreadsheet` writes them."""
    return spreadsheet(rows(catalogue, site_url))


def plan(settings: BuildSettings) -> list[Planned]:
    return [
        (
            GeneratedFile(CSV_PATH, "", last_modified=catalogue_date(settings.catalogue)),
            functools.partial(render, settings.catalogue, settings.site_url),
        )
    ]
