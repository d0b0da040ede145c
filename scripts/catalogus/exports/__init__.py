"""Open data: the catalogue as JSON, CSV and Atom feeds, the `/open-data/` page that documents
them, and what intervention pages and the sitemap say about the catalogue to machines.

Public by construction: `generate_exports` makes a public-only catalogue once and hands only that
to every format, in the public and the internal build alike, so a format cannot leak a record
with `access: internal` by forgetting a filter. (Each format also skips records that are not
public when it is called on its own.)
"""

from collections.abc import Iterator
from dataclasses import replace

from ..output import BuildSettings, GeneratedFile, Planned, collect, made
from . import (
    atom,
    csv_export,
    evidence_map_export,
    json_export,
    linked_data,
    open_data,
    record_exports,
    sitemap,
)

__all__ = [
    "FORMATS",
    "PLANNED_FORMATS",
    "export_groups",
    "export_plan",
    "generate_exports",
    "linked_data",
    "sitemap",
]

# The largest exports, listed before they are made, so that a second process can make them
# while the build goes on (see `build.Generation`); each from settings whose catalogue is public.
PLANNED_FORMATS = (json_export.plan, csv_export.plan, atom.plan)
# Every other export: each makes its files from build settings whose catalogue is public only.
FORMATS = (
    record_exports.files,
    evidence_map_export.files,
    open_data.files,
)


def _public(settings: BuildSettings) -> BuildSettings:
    return replace(settings, catalogue=settings.catalogue.only_public())


def export_plan(settings: BuildSettings) -> list[Planned]:
    """The files of `PLANNED_FORMATS`, listed, to be made from the public records only."""
    public = _public(settings)
    return [planned for plan in PLANNED_FORMATS for planned in plan(public)]


def export_groups(settings: BuildSettings) -> Iterator[list[GeneratedFile]]:
    """The files of every other format and the open-data page, made from the public records
    only, one format at a time."""
    public = _public(settings)
    for make_files in FORMATS:
        yield make_files(public)


def generate_exports(settings: BuildSettings) -> list[GeneratedFile]:
    """Every export file and the open-data page, made from the public records only."""
    return collect([made(export_plan(settings)), *export_groups(settings)])
