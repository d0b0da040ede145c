"""The questions professionals bring, answered from the home page in a few clicks (issue 14).

Each test follows one user: what works here (a region with its national approaches), at which
step (the evidence and gap map), abroad (foreign approaches per phenomenon), and what worked
(outcome). The assertions are on what is shown, computed from the real catalogue.
"""

import csv
import io
import re
from urllib.parse import parse_qs, urlparse

from catalogus import evidence_map, queries
from catalogus.records import load_catalogue

from .conftest import ROOT

CATALOGUE = load_catalogue(ROOT).only_public()
RECORDS = list(CATALOGUE.interventions.values())


def visible_titles(page) -> list[str]:
    """The titles of the whole selection: "Toon meer" is pressed until every page is listed."""
    more = page.locator(".ww-more")
    while more.is_visible():
        more.click()
    return page.locator(".ww-result:not([hidden]) .ww-result__title").all_inner_texts()


def regional_question():
    """A phenomenon and a region for which the catalogue has both regional and national work."""
    for phenomenon in CATALOGUE.vocabularies["phenomena"]:
        for region in CATALOGUE.vocabularies["regions"]:
            if region == "landelijk":
                continue
            regional = [r for r in RECORDS if phenomenon in r.phenomena and region in r.regions]
            national = [
                r for r in RECORDS if phenomenon in r.phenomena and "landelijk" in r.regions
            ]
            if regional and national:
                return phenomenon, region, regional, national
    raise AssertionError("the catalogue has no phenomenon with regional and national work")


def test_a_region_shows_its_own_and_the_national_approaches(visit, base_url):
    phenomenon, region, regional, national = regional_question()
    page = visit(base_url + "/").page
    page.select_option("#ww-question-phenomenon", phenomenon)
    page.select_option("#ww-question-where", f"regio:{region}")
    page.get_by_role("button", name="Toon interventies").click()
    page.wait_for_url(re.compile(r"/interventies/\?"))
    shown = visible_titles(page)
    assert sorted(shown) == sorted(record.title for record in regional + national)
    # National ones are marked as such, in words.
    for record in national:
        item = page.locator(
            ".ww-result", has=page.get_by_role("link", name=record.title, exact=True)
        )
        assert "Landelijke aanpak" in item.inner_text()
    assert (
        f"{len(shown)} van {len(RECORDS)} interventies"
        in page.locator(".ww-result-count").inner_text()
    )
    # One click shows only the region's own.
    page.get_by_label("Alleen regionale interventies, zonder de landelijke").check()
    assert sorted(visible_titles(page)) == sorted(record.title for record in regional)
    page.wait_for_url(re.compile(r"landelijk=nee"))
    assert parse_qs(urlparse(page.url).query)["landelijk"] == ["nee"]


def test_every_result_shows_evidence_and_outcome_and_filters_on_outcome(visit, base_url):
    outcome = next(r.outcome for r in RECORDS if r.outcome != "onbekend")
    page = visit(base_url + f"/interventies/?uitkomst={outcome}").page
    expected = sorted(r.title for r in RECORDS if r.outcome == outcome)
    assert sorted(visible_titles(page)) == expected
    label = CATALOGUE.term("outcomes", outcome).label
    for meta in page.locator(".ww-result:not([hidden]) .ww-result__meta").all_inner_texts():
        assert "Onderbouwing:" in meta and f"Uitkomst: {label}" in meta
    # Sorting on outcome puts what worked first.
    page.goto(base_url + "/interventies/?sorteer=uitkomst")
    ranks = list(CATALOGUE.vocabularies["outcomes"])
    by_title = {r.title: ranks.index(r.outcome) for r in RECORDS}
    shown = [by_title[title] for title in visible_titles(page)]
    assert shown == sorted(shown)


def test_an_empty_selection_says_why_and_offers_the_nearest(visit, base_url):
    # A phenomenon with no foreign approach, asked abroad; else any phenomenon with an outcome
    # nobody reached.
    phenomenon = next(
        (
            slug
            for slug in queries.terms_in_use(CATALOGUE, "phenomena")
            if not any(r.is_foreign for r in queries.records_with(CATALOGUE, "phenomena", slug))
        ),
        None,
    )
    if phenomenon:
        query = f"fenomeen={phenomenon}&land=buitenland"
        without_country = len(queries.records_with(CATALOGUE, "phenomena", phenomenon))
    else:
        phenomenon = queries.terms_in_use(CATALOGUE, "phenomena")[0]
        query = f"fenomeen={phenomenon}&uitkomst=negatief&uitkomst=geen-effect"
        without_country = None
    page = visit(base_url + f"/interventies/?{query}").page
    assert visible_titles(page) == []
    empty = page.locator(".ww-empty")
    assert empty.is_visible()
    assert "Geen interventies met deze keuze" in empty.inner_text()
    options = empty.get_by_role("button")
    assert options.count() >= 1
    if without_country is not None:
        assert f"{without_country} interventie" in empty.inner_text()
    options.first.click()
    assert len(visible_titles(page)) > 0


def test_active_filters_show_as_chips_that_remove_them(visit, base_url):
    phenomenon, region, _, _ = regional_question()
    page = visit(base_url + f"/interventies/?fenomeen={phenomenon}&regio={region}").page
    chips = page.locator(".ww-chip")
    assert chips.count() == 2
    phenomenon_label = CATALOGUE.term("phenomena", phenomenon).label
    page.get_by_role("button", name=f"Filter Fenomeen: {phenomenon_label} weghalen").click()
    assert page.locator(".ww-chip").count() == 1
    assert not page.locator(f'input[name="fenomeen"][value="{phenomenon}"]').is_checked()
    # The keyboard stays on the chips.
    assert page.evaluate("document.activeElement.className") == "ww-chip"


def test_the_result_count_stays_in_view_on_a_phone(visit, base_url):
    page = visit(base_url + "/interventies/", width=390).page
    page.locator(".ww-facets > summary").click()
    box = page.locator('input[name="fenomeen"]').first
    box.check()
    summary = page.locator(".ww-filters__summary")
    assert summary.is_visible()
    assert re.search(r"\d+ van \d+ interventies", summary.inner_text())
    top = summary.bounding_box()["y"]
    assert 0 <= top <= 900


def test_the_gap_map_of_a_phenomenon(visit, base_url):
    phenomenon = next(slug for slug in CATALOGUE.phenomena if slug == "vastgoed")
    page = visit(base_url + "/").page
    page.get_by_role("link", name=CATALOGUE.term("phenomena", phenomenon).label).first.click()
    page.wait_for_url(re.compile(rf"/fenomenen/{phenomenon}/"))
    table = page.locator("table.ww-gap-map")
    steps = evidence_map.phenomenon_steps(CATALOGUE, phenomenon)
    assert table.locator("tbody tr").count() == len(steps)
    for row, step in zip(table.locator("tbody tr").all(), steps, strict=True):
        cell = evidence_map.cell(CATALOGUE, phenomenon, step)
        text = row.inner_text()
        assert CATALOGUE.term("barrier_steps", step).label in text
        for record in cell.dutch:
            assert record.title in text
        assert ("Gat" in text) == cell.is_gap
    # Cross-cutting approaches are shown once, apart, and in no step.
    for record in evidence_map.cross_cutting(CATALOGUE, phenomenon):
        assert record.title not in table.inner_text()
        assert page.locator(".ww-cross-cutting").get_by_role("link", name=record.title).count() == 1
    # Each entry shows evidence and outcome in words.
    assert "Uitkomst:" in table.inner_text()
    # The table downloads as CSV.
    link = page.get_by_role("link", name=re.compile("CSV"))
    href = link.first.get_attribute("href")
    response = page.request.get(page.url + href if not href.startswith("/") else base_url + href)
    rows = list(csv.reader(io.StringIO(response.text().lstrip("\ufeff")), delimiter=";"))
    assert len(rows) == len(steps) + 1


def test_the_evidence_map_of_the_catalogue(visit, base_url):
    page = visit(base_url + "/bewijskaart/").page
    table = page.locator("table.ww-evidence-map")
    phenomena = queries.terms_with_pages(CATALOGUE, "phenomena")
    assert table.locator("tbody tr").count() == len(phenomena)
    steps = list(CATALOGUE.vocabularies["barrier_steps"])
    assert len(steps) == table.locator("thead th").count() - 1
    gaps = page.locator("td.ww-evidence-map__gap").count()
    cells = evidence_map.catalogue_map(CATALOGUE, phenomena)
    assert gaps == sum(1 for cell in cells.values() if not cell.interventions)
    # A cell links to that selection in the overview.
    phenomenon, step = next(key for key, cell in cells.items() if cell.interventions)
    link = table.locator(f'a[href*="fenomeen={phenomenon}"][href*="stap={step}"]')
    count = len(cells[phenomenon, step].interventions)
    assert link.inner_text().startswith(str(count))
    link.click()
    page.wait_for_url(re.compile(r"/interventies/\?"))
    assert len(visible_titles(page)) == count


def test_what_other_countries_do_against_a_phenomenon(visit, base_url):
    foreign = [r for r in RECORDS if r.is_foreign]
    phenomenon = next(
        slug
        for slug in CATALOGUE.vocabularies["phenomena"]
        if any(slug in r.phenomena for r in foreign) and slug in CATALOGUE.phenomena
    )
    page = visit(base_url + f"/fenomenen/{phenomenon}/").page
    section = page.locator(".ww-abroad-section")
    for record in foreign:
        if phenomenon in record.phenomena:
            assert section.get_by_role("link", name=record.title).count() >= 1
    comparison = visit(base_url + "/buitenland/").page
    table = comparison.locator("table.ww-comparison")
    assert table.locator("tbody tr").count() == len(foreign)
    headers = table.locator("thead th").all_inner_texts()
    for header in ("Land", "Aanpak", "Fenomenen", "Onderbouwing", "Uitkomst"):
        assert header in headers
    countries = {r.country for r in foreign}
    assert comparison.locator(".ww-jump-list a").count() == len(countries)
