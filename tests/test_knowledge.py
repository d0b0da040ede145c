"""Phenomenon pages, the bottleneck register, cases, the foreign comparison and the charts,
built from SYNTHETIC records."""

from pathlib import Path

import pytest

from catalogus import charts, knowledge, paths
from catalogus.records import Bottleneck, Case, Catalogue, Intervention, PhenomenonRecord
from catalogus.vocabularies import load_vocabularies


@pytest.fixture
def catalogue(valid_record_data):
    intervention = Intervention.from_data("proef", Path("proef.yml"), valid_record_data)
    phenomenon = PhenomenonRecord.from_data(
        "vastgoed",
        Path("vastgoed.yml"),
        {
            "description": "Synthetisch.",
            "chain": [
                {"step": "locatie", "description": "Een pand."},
                {"step": "witwassen", "description": "Geld wit maken."},
            ],
            "sources": [{"title": "Bron", "url": "https://example.org/"}],
            "last_reviewed": "2026-01-01",
        },
    )
    bottleneck = Bottleneck.from_data(
        "proef-knelpunt",
        Path("proef-knelpunt.yml"),
        {
            "title": "Proefknelpunt",
            "summary": "Synthetisch.",
            "description": "Synthetisch.",
            "phenomena": ["vastgoed"],
            "kind": "juridisch",
            "status": "opgelost",
            "resolution": "Een wet.",
            "resolved_by": ["proef"],
            "sources": [{"title": "Bron", "url": "https://example.org/"}],
            "last_reviewed": "2026-01-01",
        },
    )
    case = Case.from_data(
        "proef-casus",
        Path("proef-casus.yml"),
        {
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
        },
    )
    return Catalogue(
        {"proef": intervention},
        load_vocabularies(paths.VOCABULARIES),
        {"vastgoed": phenomenon},
        {"proef-knelpunt": bottleneck},
        {"proef-casus": case},
    )


def test_a_step_nothing_blocks_is_shown_as_a_gap(catalogue):
    # The synthetic intervention blocks `locatie` only.
    page = knowledge.phenomenon_page(catalogue, "vastgoed")
    location = page[page.index("Locatie en huisvesting") : page.index("Witwassen en besteding")]
    laundering = page[page.index("Witwassen en besteding") :]
    assert "Proefaanpak Testdorp" in location and "ww-gap" not in location
    assert "ww-gap" in laundering.split("</li>")[0]


def test_phenomenon_page_lists_its_bottlenecks_and_cases(catalogue):
    page = knowledge.phenomenon_page(catalogue, "vastgoed")
    assert "../../knelpunten/proef-knelpunt/" in page
    assert "../../casussen/proef-casus/" in page


def test_case_and_intervention_link_both_ways(catalogue):
    from catalogus import pages

    case_page = knowledge.case_page(catalogue, catalogue.cases["proef-casus"])
    assert "../../interventies/proef/" in case_page
    intervention_page = pages.intervention_page(catalogue, catalogue.interventions["proef"])
    assert "../../casussen/proef-casus/" in intervention_page


def test_register_carries_the_filters_of_the_overview(catalogue):
    register = knowledge.bottleneck_register(catalogue)
    assert 'data-parameter="fenomeen"' in register and 'data-parameter="status"' in register
    assert 'data-fenomeen="vastgoed"' in register and 'data-status="opgelost"' in register


def test_region_map_links_every_region_and_has_a_table(catalogue):
    region_map = charts.region_map(catalogue, "index.md")
    assert region_map.count("<a href=") == 10 * 2  # a tile and a table row per region
    assert "<table>" in region_map
    assert 'aria-label="Oost-Nederland: 0 interventies"' in region_map


def test_shades_spread_from_none_to_most():
    assert charts.shade(0, 10) == 0
    assert charts.shade(1, 10) == 1
    assert charts.shade(10, 10) == charts.SHADES - 1


def test_matrix_counts_per_region_and_abroad(catalogue):
    matrix = charts.phenomenon_region_matrix(catalogue, "index.md")
    assert 'aria-label="Ondermijning in de vastgoedketen in Landelijk: 1"' in matrix
    assert "<caption>" in matrix
