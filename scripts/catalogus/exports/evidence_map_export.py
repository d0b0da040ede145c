"""`/data/bewijskaart.json`: the evidence and gap map as data, with its committed schema beside
it; the same cells as /bewijskaart/ and its CSV (`evidence_map.catalogue_map`)."""

import json
from pathlib import Path

from .. import evidence_map, queries, urls
from ..output import BuildSettings, GeneratedFile
from ..records import Catalogue
from .common import (
    FORMAT_VERSION,
    LICENCE_NAME,
    LICENCE_URL,
    PUBLISHER,
    catalogue_date,
    intervention_url,
)
from .json_export import term

JSON_PATH = "data/bewijskaart.json"
SCHEMA_PATH = "data/bewijskaart.schema.json"
EXPORT_SCHEMA = Path("schema/export-bewijskaart.schema.json")


def _interventions(records, site_url: str) -> list[dict]:
    return [
        {"id": record.id, "title": record.title, "url": intervention_url(site_url, record.id)}
        for record in records
    ]


def export_data(catalogue: Catalogue, site_url: str) -> dict:
    phenomena = queries.terms_with_pages(catalogue, "phenomena")
    cells = evidence_map.catalogue_map(catalogue, phenomena).values()
    return {
        "version": FORMAT_VERSION,
        "generated": catalogue_date(catalogue),
        "publisher": PUBLISHER,
        "licence": {"name": LICENCE_NAME, "url": LICENCE_URL},
        "url": urls.base_url(site_url),
        "cells": [_cell_data(catalogue, cell, site_url) for cell in cells],
        "cross_cutting": [
            {
                "phenomenon": term(catalogue, "phenomena", slug),
                "interventions": _interventions(
                    evidence_map.cross_cutting(catalogue, slug), site_url
                ),
            }
            for slug in phenomena
        ],
    }


def _cell_data(catalogue: Catalogue, cell: evidence_map.Cell, site_url: str) -> dict:
    strongest = evidence_map.strongest_evidence(catalogue, cell.interventions)
    return {
        "phenomenon": term(catalogue, "phenomena", cell.phenomenon),
        "step": term(catalogue, "barrier_steps", cell.step),
        "in_chain": cell.step in evidence_map.phenomenon_steps(catalogue, cell.phenomenon),
        "gap": cell.is_gap,
        "strongest_evidence": term(catalogue, "evidence_levels", strongest) if strongest else None,
        "dutch": _interventions(cell.dutch, site_url),
        "foreign": _interventions(cell.foreign, site_url),
        "bottlenecks": [
            {
                "id": item.id,
                "title": item.title,
                "url": urls.absolute_url(site_url, urls.bottleneck_path(item.id)),
            }
            for item in cell.bottlenecks
        ],
    }


def files(settings: BuildSettings) -> list[GeneratedFile]:
    data = export_data(settings.catalogue, settings.site_url)
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return [
        GeneratedFile(JSON_PATH, text.encode("utf-8"), last_modified=data["generated"]),
        GeneratedFile(
            SCHEMA_PATH,
            (settings.root / EXPORT_SCHEMA).read_bytes(),
            source=EXPORT_SCHEMA.as_posix(),
        ),
    ]
