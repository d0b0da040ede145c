"""End-to-end tests of the real site in headless Chromium."""

import re
from urllib.parse import parse_qs, urlparse

import pytest

from catalogus import accessibility, urls
from catalogus.records import load_catalogue

from .conftest import ROOT

FULL_CATALOGUE = load_catalogue(ROOT)
CATALOGUE = FULL_CATALOGUE.only_public()
ONE_RECORD = next(iter(CATALOGUE.interventions.values()))
# One page of each type, as the accessibility statement lists them (axe, reflow and the keyboard
# are tested per page type in test_accessibility.py).
PAGES = {
    key: "/" + urls.url_of(path) for key, (_, path) in accessibility.sample_pages(CATALOGUE).items()
}


def visible_titles(page) -> list[str]:
    """The titles of the whole selection: "Toon meer" is pressed until every page is listed."""
    more = page.locator(".ww-more")
    while more.is_visible():
        more.click()
    return page.locator(".ww-result:not([hidden]) .ww-result__title").all_inner_texts()


@pytest.mark.parametrize("name", PAGES)
def test_page_loads_without_errors_or_foreign_requests(visit, base_url, name):
    result = visit(base_url + PAGES[name])
    assert result.page.locator("h1").count() == 1
    assert result.errors == []
    assert result.foreign_requests(base_url) == []


def test_filter_narrows_list_updates_counts_and_url(visit, base_url):
    result = visit(base_url + "/interventies/")
    page = result.page
    total = len(CATALOGUE.interventions)
    assert len(visible_titles(page)) == total
    phenomenon = ONE_RECORD.phenomena[0]
    expected = sorted(
        record.title
        for record in CATALOGUE.interventions.values()
        if phenomenon in record.phenomena
    )
    page.locator(f'input[name="fenomeen"][value="{phenomenon}"]').check()
    assert sorted(visible_titles(page)) == expected
    assert (
        page.locator(".ww-result-count").inner_text() == f"{len(expected)} van {total} interventies"
    )
    page.wait_for_url(re.compile(r"\?fenomeen="))
    assert parse_qs(urlparse(page.url).query) == {"fenomeen": [phenomenon]}
    # Counts in other facets now count within the selection.
    national = sum(
        1
        for record in CATALOGUE.interventions.values()
        if phenomenon in record.phenomena and "landelijk" in record.regions
    )
    count = page.locator('[data-count-for="regio=landelijk"]').inner_text()
    assert count == f"({national})"
    page.go_back()
    assert len(visible_titles(page)) == total
    page.go_forward()
    assert sorted(visible_titles(page)) == expected


def test_url_opens_the_same_selection(visit, base_url):
    result = visit(base_url + "/interventies/?land=buitenland&sorteer=beoordeeld")
    page = result.page
    expected = sorted(
        record.title for record in CATALOGUE.interventions.values() if record.is_foreign
    )
    assert sorted(visible_titles(page)) == expected
    assert page.locator('input[name="land"][value="buitenland"]').is_checked()
    assert page.locator("#ww-sort").input_value() == "beoordeeld"


def test_free_text_filter(visit, base_url):
    page = visit(base_url + "/interventies/").page
    word = ONE_RECORD.title.split()[0]
    page.locator("#ww-text").fill(word)
    assert ONE_RECORD.title in visible_titles(page)
    page.wait_for_url(re.compile(r"[?&]tekst="))
    # The address opens the same selection, without the theme's site search over it (which
    # opens for `?q=`).
    page.goto(page.url)
    assert page.locator("#ww-text").input_value() == word
    assert ONE_RECORD.title in visible_titles(page)
    assert not page.locator("#__search").is_checked()


def test_home_question_lands_on_overview_with_selection(visit, base_url):
    page = visit(base_url + "/").page
    phenomenon = ONE_RECORD.phenomena[0]
    page.select_option("#ww-question-phenomenon", phenomenon)
    page.select_option("#ww-question-where", "regio:landelijk")
    page.get_by_role("button", name="Toon interventies").click()
    page.wait_for_url(re.compile(r"/interventies/\?"))
    assert parse_qs(urlparse(page.url).query) == {"fenomeen": [phenomenon], "regio": ["landelijk"]}
    assert page.locator(f'input[name="fenomeen"][value="{phenomenon}"]').is_checked()


def test_without_javascript_every_intervention_is_listed(visit, base_url):
    page = visit(base_url + "/interventies/", javascript=False).page
    titles = page.locator(".ww-result__title").all_inner_texts()
    assert sorted(titles) == sorted(record.title for record in CATALOGUE.interventions.values())
    assert page.locator(".ww-result__summary").count() == len(titles)


def test_intervention_prints_without_site_chrome(visit, base_url):
    page = visit(base_url + PAGES["intervention"]).page
    page.emulate_media(media="print")
    assert not page.locator(".md-header").is_visible()
    assert not page.locator(".md-sidebar--secondary").is_visible()
    assert page.locator("h1").is_visible()
    assert page.locator(".ww-facts").is_visible()


def test_register_of_bottlenecks_counts_knelpunten(visit, base_url):
    page = visit(
        base_url + PAGES["bottlenecks"] + "?status=opgelost&fenomeen=bedreiging-professionals"
    ).page
    results = page.locator(".ww-results").inner_text()
    assert page.locator(".ww-result-count").inner_text().endswith(" knelpunten")
    assert "Geen knelpunten met deze keuze" in results
    assert "interventie" not in results.lower()


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_the_three_bottleneck_statuses_look_different(visit, base_url, color_scheme):
    page = visit(base_url + PAGES["bottlenecks"], color_scheme=color_scheme).page
    looks = {}
    for status in ("open", "in-behandeling", "opgelost"):
        badge = page.locator(f".ww-badge--status-{status}").first
        looks[status] = badge.evaluate(
            "badge => { const style = getComputedStyle(badge);"
            " return [style.borderTopStyle, style.borderTopColor]; }"
        )
    styles = {style for style, _ in looks.values()}
    colours = {colour for _, colour in looks.values()}
    assert len(styles) == 3 and len(colours) == 3


def test_home_matrix_fits_beside_the_phenomena_at_laptop_width(visit, base_url):
    page = visit(base_url + PAGES["home"]).page
    region = page.locator(".ww-matrix--regions")
    assert region.evaluate("region => region.scrollWidth <= region.clientWidth")


def test_abroad_compares_in_one_table_with_a_jump_list(visit, base_url):
    page = visit(base_url + PAGES["abroad"]).page
    assert page.locator("h1").inner_text() == "Wat deden andere landen?"
    foreign = [record for record in CATALOGUE.interventions.values() if record.is_foreign]
    assert page.locator("table.ww-comparison tbody tr").count() == len(foreign)
    jump = page.locator(".ww-jump-list a").first
    target = jump.get_attribute("href")
    jump.click()
    assert page.locator(target).inner_text() == jump.inner_text()
    assert page.locator(target).is_visible()


def test_abroad_table_prints_without_clipping(visit, base_url):
    page = visit(base_url + PAGES["abroad"]).page
    page.emulate_media(media="print")
    region = page.locator(".ww-matrix:has(.ww-comparison)")
    assert region.evaluate("region => getComputedStyle(region).overflowX") == "visible"
    assert region.evaluate("region => region.scrollWidth <= region.clientWidth")
