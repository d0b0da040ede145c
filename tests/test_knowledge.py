"""Phenomenon pages, the bottleneck register, cases, the foreign comparison and the charts,
built from SYNTHETIC records."""

import re
from dataclasses import replace
from pathlib import Path

import pytest

from catalogus import (
    abroad_page,
    bottleneck_pages,
    case_pages,
    evidence_map,
    home_widgets,
    paths,
    phenomenon_pages,
    queries,
)
from catalogus.output import BuildSettings, made
from catalogus.records import (
    Bottleneck,
    Case,
    Catalogue,
    Intervention,
    PhenomenonRecord,
    load_catalogue,
)
from catalogus.vocabularies import load_vocabularies


@pytest.fixture
def catalogue(valid_record_data):
    intervention = Intervention.from_data("proef", Path("proef.yml"), valid_record_data)
    phenomenon = PhenomenonRecord.from_data(
        "vastgoed",
        Path("phenomena/vastgoed.yml"),
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
        Path("bottlenecks/proef-knelpunt.yml"),
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
        Path("cases/proef-casus.yml"),
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
    page = phenomenon_pages.phenomenon_page(catalogue, "vastgoed")
    rows = {row.split("</th>")[0]: row for row in page.split("<tr")[1:]}
    location = next(row for head, row in rows.items() if "Locatie en huisvesting" in head)
    laundering = next(row for head, row in rows.items() if "Witwassen en besteding" in head)
    assert "Proefaanpak Testdorp" in location and "ww-gap" not in location
    assert 'class="ww-gap-map__gap"' in laundering and "<strong>Gat:</strong>" in laundering


def test_phenomenon_page_lists_its_bottlenecks_and_cases(catalogue):
    page = phenomenon_pages.phenomenon_page(catalogue, "vastgoed")
    assert "../../knelpunten/proef-knelpunt/" in page
    assert "../../casussen/proef-casus/" in page


def test_case_and_intervention_link_both_ways(catalogue):
    from catalogus import intervention_pages

    case_page = case_pages.case_page(catalogue, catalogue.cases["proef-casus"])
    assert "../../interventies/proef/" in case_page
    intervention_page = intervention_pages.intervention_page(
        catalogue, catalogue.interventions["proef"]
    )
    assert "../../casussen/proef-casus/" in intervention_page


def test_case_and_bottleneck_link_both_ways(catalogue):
    catalogue.cases["proef-casus"] = replace(
        catalogue.cases["proef-casus"], bottlenecks=("proef-knelpunt",)
    )
    case_page = case_pages.case_page(catalogue, catalogue.cases["proef-casus"])
    section = case_page[case_page.index("## Knelpunten die deze casus laat zien") :]
    assert '<a href="../../knelpunten/proef-knelpunt/"><strong>Proefknelpunt' in section
    bottleneck_page = bottleneck_pages.bottleneck_page(
        catalogue, catalogue.bottlenecks["proef-knelpunt"]
    )
    section = bottleneck_page[bottleneck_page.index("## Casussen die dit knelpunt laten zien") :]
    assert '<a href="../../casussen/proef-casus/"><strong>Proefcasus' in section


def test_case_list_says_when_where_and_which_phenomena(catalogue):
    catalogue.cases["proef-casus"] = replace(
        catalogue.cases["proef-casus"], period_start=2019, period_end=2021
    )
    index = case_pages.case_index(catalogue)
    assert (
        '<small class="ww-meta">2019–2021 · Limburg · Ondermijning in de vastgoedketen</small>'
        in index
    )


def test_register_carries_the_filters_of_the_overview(catalogue):
    register = bottleneck_pages.bottleneck_register(catalogue)
    assert 'data-parameter="fenomeen"' in register and 'data-parameter="status"' in register
    assert 'data-fenomeen="vastgoed"' in register and 'data-status="opgelost"' in register


def test_region_map_links_every_region_and_has_a_table(catalogue):
    region_map = home_widgets.region_map(catalogue, "index.md")
    assert region_map.count("<a href=") == 10 * 2  # a tile and a table row per region
    assert "<table>" in region_map
    # The name and count are the link's own text, read in full by a screen reader.
    assert (
        '<span class="ww-map__name">Oost-Nederland</span> <span class="ww-map__count">0'
        '<span class="ww-visually-hidden"> interventies</span>'
    ) in region_map
    assert "ww-at-3-1 ww-span-1-2" in region_map


def test_shades_spread_from_none_to_most():
    assert home_widgets.shade(0, 10) == 0
    assert home_widgets.shade(1, 10) == 1
    assert home_widgets.shade(10, 10) == home_widgets.SHADES - 1


def test_matrix_counts_per_region_and_abroad(catalogue):
    matrix = home_widgets.phenomenon_region_matrix(catalogue, "index.md")
    assert 'aria-label="Ondermijning in de vastgoedketen in Landelijk: 1"' in matrix
    assert "<caption>" in matrix
    # An empty cell says "geen" to a screen reader without an aria-label on a plain span.
    assert '<span aria-hidden="true">·</span><span class="ww-visually-hidden">geen</span>' in matrix
    assert "<span aria-label" not in matrix


def test_phenomenon_page_links_its_feed_only_with_a_public_intervention(catalogue):
    # Feeds are made of public records only: on the internal site a phenomenon whose
    # interventions are all internal has no feed.
    assert 'href="feed.xml"' in phenomenon_pages.phenomenon_page(catalogue, "vastgoed")
    internal = replace(catalogue.interventions["proef"], access="internal")
    catalogue.interventions["proef"] = internal
    page = phenomenon_pages.phenomenon_page(catalogue, "vastgoed")
    assert "Alle 1 interventies" in page and "feed.xml" not in page


def test_abroad_page_compares_a_foreign_approach_with_its_dutch_counterpart(
    catalogue, valid_record_data
):
    valid_record_data.update(
        country="BE", adoption_in_nl="Een *wetswijziging*.", dutch_counterparts=["proef"]
    )
    del valid_record_data["regions"]
    foreign = Intervention.from_data("proef-be", Path("proef-be.yml"), valid_record_data)
    catalogue.interventions["proef-be"] = foreign
    valid_record_data.update(adoption_in_nl="Een *wetswijziging*. Daarna meer.\n\nVerder.")
    later = Intervention.from_data("proef-be-2", Path("proef-be-2.yml"), valid_record_data)
    catalogue.interventions["proef-be-2"] = replace(later, title="Tweede", instruments=())
    page = abroad_page.abroad_page(catalogue)
    assert '<nav class="ww-jump-list"' in page and '<a href="#land-be">België</a>' in page
    table = page[page.index('<table class="ww-comparison">') :]
    headers = re.findall(r'<th scope="col">([^<]+)</th>', table)
    assert headers == [
        "Land", "Aanpak", "Fenomenen", "Juridische basis daar", "Onderbouwing", "Uitkomst",
        "Nederlandse tegenhanger", "Wat Nederland nodig heeft",
    ]  # fmt: skip
    rows = table.split("<tr>")[2:]
    # The country's anchor sits on its first row only.
    assert rows[0].startswith('<td id="land-be">België</td>')
    assert rows[1].startswith("<td>België</td>") and "niet vastgelegd" in rows[1]
    assert '<a href="../interventies/proef-be/">' in rows[0]
    assert '<a href="../interventies/proef/">Proefaanpak Testdorp</a>' in rows[0]
    assert "ww-badge--outcome-" in rows[0] and "ww-badge--evidence-" in rows[0]
    # Only the first sentence, as plain text; the rest stays on the record's page.
    assert "Een wetswijziging. <a" in rows[1] and "Daarna" not in rows[1]
    assert 'href="../interventies/proef-be-2/#wat-nederland-nodig-heeft"' in rows[1]


def test_every_page_names_its_record_file_and_review_date(catalogue):
    older = replace(catalogue.cases["proef-casus"], id="ouder", last_reviewed="2025-03-01")
    catalogue.cases["ouder"] = replace(older, path=Path("cases/ouder.yml"))
    settings = BuildSettings(catalogue, Path("."))
    generated = {
        page.path: (page.source, page.last_modified)
        for family in (
            made(phenomenon_pages.plan(settings)),
            bottleneck_pages.pages(settings),
            case_pages.pages(settings),
            abroad_page.pages(settings),
        )
        for page in family
    }
    assert generated == {
        "fenomenen/vastgoed.md": ("phenomena/vastgoed.yml", "2026-01-01"),
        "knelpunten/index.md": ("", "2026-01-01"),
        "knelpunten/proef-knelpunt.md": ("bottlenecks/proef-knelpunt.yml", "2026-01-01"),
        "casussen/index.md": ("", "2026-01-01"),
        "casussen/proef-casus.md": ("cases/proef-casus.yml", "2026-01-01"),
        "casussen/ouder.md": ("cases/ouder.yml", "2025-03-01"),
        "buitenland/index.md": ("", ""),
    }


def test_a_cross_cutting_approach_helps_at_steps_without_blocking_them(catalogue):
    from dataclasses import replace

    from catalogus import intervention_pages

    record = replace(catalogue.interventions["proef"], cross_cutting=True)
    page = intervention_pages.intervention_page(catalogue, record)
    assert "<dt>Helpt bij (overkoepelend)</dt>" in page and "<dt>Blokkeert</dt>" not in page


def test_intervention_page_lists_practical_material_and_the_desk_to_call(catalogue):
    from catalogus import intervention_pages

    page = intervention_pages.intervention_page(catalogue, catalogue.interventions["proef"])
    section = page[page.index("## Praktisch materiaal") : page.index("## Contact")]
    assert (
        '<span class="ww-material-kind">Modelbesluit</span>: '
        '<a href="https://example.org/modelbesluit" rel="noopener noreferrer">'
        "Een verzonnen modelbesluit</a> (2021)"
    ) in section
    contact = page[page.index("## Contact") :]
    assert "<p>Team Ondermijning, meldpunt, <a " in contact


def test_intervention_without_material_has_no_empty_section(catalogue):
    from catalogus import intervention_pages

    record = replace(catalogue.interventions["proef"], materials=())
    assert "Praktisch materiaal" not in intervention_pages.intervention_page(catalogue, record)


def test_bottleneck_page_cites_its_status_and_names_the_steps_it_hinders(catalogue):
    from catalogus.records import Source

    bottleneck = replace(
        catalogue.bottlenecks["proef-knelpunt"],
        barrier_steps=("locatie",),
        status_source=Source("Staatsblad 2023, 123", "https://example.org/stb", 2023),
    )
    page = bottleneck_pages.bottleneck_page(catalogue, bottleneck)
    assert (
        'volgens <a href="https://example.org/stb" rel="noopener noreferrer">'
        "Staatsblad 2023, 123</a> (2023)"
    ) in page
    assert "<dt>Hindert bij stappen</dt> <dd>Locatie en huisvesting</dd>" in page


def test_the_proposal_form_states_each_length_limit_once(catalogue):
    from catalogus import proposal_page
    from catalogus.schema import plain, read_schema

    page = proposal_page.proposal_page(catalogue, plain(read_schema()), "", "")
    hint = page[page.index('id="ww-proposal-summary-hint"') :].split("</span>")[0]
    assert hint.count("Ten hoogste 300 tekens") == 1


def varied_catalogue(catalogue) -> Catalogue:
    """SYNTHETIC: the proef record forty times over, each with other phenomena, regions, steps
    and country, some cross-cutting, some with a term twice."""
    vocabularies = catalogue.vocabularies
    phenomena, regions, steps = (
        list(vocabularies[name]) for name in ("phenomena", "regions", "barrier_steps")
    )
    record = catalogue.interventions["proef"]
    interventions = {}
    for number in range(40):
        interventions[f"proef-{number}"] = replace(
            record,
            id=f"proef-{number}",
            phenomena=tuple(phenomena[(number * k) % len(phenomena)] for k in (1, 3, 3)),
            regions=tuple(regions[(number + k) % len(regions)] for k in range(number % 3)),
            barrier_steps=tuple(steps[(number * k) % len(steps)] for k in (2, 5)),
            cross_cutting=number % 7 == 0,
            country="NL" if number % 4 else "BE",
        )
    return replace(catalogue, interventions=interventions)


def test_records_by_term_lists_what_records_with_lists(catalogue):
    for each in (catalogue, varied_catalogue(catalogue), load_catalogue(paths.ROOT)):
        for vocabulary in ("phenomena", "regions", "countries", "kinds", "barrier_steps"):
            grouped = queries.records_by_term(each, vocabulary)
            for slug in each.vocabularies[vocabulary]:
                assert grouped.get(slug, []) == queries.records_with(each, vocabulary, slug)


def test_the_cells_from_one_pass_are_the_cells_of_their_definition(catalogue):
    """A cell holds the records that are not cross-cutting, name its phenomenon and block its
    step: Dutch and foreign apart, in the catalogue's order."""
    for each in (catalogue, varied_catalogue(catalogue), load_catalogue(paths.ROOT)):
        phenomena = list(each.vocabularies["phenomena"])
        cells = evidence_map.catalogue_map(each, phenomena)
        assert len(cells) == len(phenomena) * len(each.vocabularies["barrier_steps"])
        for (phenomenon, step), found in cells.items():
            blocking = [
                record
                for record in each.interventions.values()
                if not record.cross_cutting
                and phenomenon in record.phenomena
                and step in record.barrier_steps
            ]
            assert found.dutch == tuple(r for r in blocking if not r.is_foreign)
            assert found.foreign == tuple(r for r in blocking if r.is_foreign)
            assert found == evidence_map.cell(each, phenomenon, step)
