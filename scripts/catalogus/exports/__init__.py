"""Open data: the catalogue as JSON, CSV and Atom feeds, the `/open-data/` page that documents
them, and what intervention pages and the sitemap say about the catalogue to machines.

Public by construction: `generate_exports` makes a public-only catalogue once and hands only that
to every format, in the public and the internal build alike, so a format cannot leak a record
with `access: internal` by forgetting a filter. (Each format also skips records that are not
public when it is called on its own.)
"""

from collections.abc import Iterator
from dataclasses import replace

from ..output import BuildSettings, GeneratedFile, collect
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

__all__ = ["FORMATS", "export_groups", "generate_exports", "linked_data", "sitemap"]

# Every export: each makes its files from build settings whose catalogue is public only.
FORMATS = (
    json_export.files,
    csv_export.files,
    record_exports.files,
    evidence_map_export.files,
    atom.files,
    open_data.files,
)


def export_groups(settings: BuildSettings) -> Iterator[list[GeneratedFile]]:
    """Each format's files and the open-data page, made from the public records only, one format
    at a time."""
    public = replace(settings, catalogue=settings.catalogue.only_public())
    for make_files in FORMATS:
        yield make_files(public)


def generate_exports(settings: BuildSettings) -> list[GeneratedFile]:
    """Every export file and the open-data page, made from the public records only."""
    return collect(export_groups(settings))
