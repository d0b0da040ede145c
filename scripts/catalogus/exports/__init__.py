"""Open data: the catalogue as JSON, CSV and Atom feeds, the `/open-data/` page that documents
them, and what intervention pages and the sitemap say about the catalogue to machines.

Public by construction: `generate_exports` makes a public-only catalogue once and hands only that
to every format, in the public and the internal build alike, so a format cannot leak a record
with `access: internal` by forgetting a filter. (Each format also skips records that are not
public when it is called on its own.)
"""

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

__all__ = ["FORMATS", "generate_exports", "linked_data", "sitemap"]

# Every export: each makes its files from build settings whose catalogue is public only.
FORMATS = (
    json_export.files,
    csv_export.files,
    record_exports.files,
    evidence_map_export.files,
    atom.files,
    open_data.files,
)


def generate_exports(settings: BuildSettings) -> list[GeneratedFile]:
    """Every export file and the open-data page, made from the public records only."""
    public = replace(settings, catalogue=settings.catalogue.only_public())
    return collect(make_files(public) for make_files in FORMATS)
