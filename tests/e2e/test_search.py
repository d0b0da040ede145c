"""End-to-end tests of the site search in Chromium: a query that names a record finds that record
first, and every result says what kind of page it is (catalogus/search_index.py)."""

import re
from dataclasses import dataclass
from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from catalogus import urls
from catalogus.records import load_catalogue

from .conftest import ROOT, open_search

CATALOGUE = load_catalogue(ROOT).only_public()

RECORD_TYPES = ("Interventie", "Knelpunt", "Casus", "Fenomeen")
LIST_TYPES = ("Overzicht", "Regio", "Land", "Soort", "Instrument", "Startpagina")
TYPES = (*RECORD_TYPES, *LIST_TYPES, "Pagina")

# A query that names one record, and that record's page with its type.
NAMED_RECORDS = {
    "Bibob": ("/interventies/wet-bibob/", "Interventie"),
    "Emergo": ("/interventies/project-1012-emergo/", "Interventie"),
    "Damocles": ("/interventies/opiumwet-13b-sluiting/", "Interventie"),
    "174a": ("/interventies/gemeentewet-174a-woningsluiting/", "Interventie"),
    "RICO": ("/interventies/vs-rico/", "Interventie"),
    "Addiopizzo": ("/interventies/italie-addiopizzo/", "Interventie"),
    "Heiloo": ("/casussen/sluiting-clubhuis-motorclub-heiloo/", "Casus"),
    "shishalounge": ("/casussen/bibob-besluit-shishalounge-rotterdam/", "Casus"),
    "Harderwijk": ("/casussen/woningsluiting-harderwijk-evenredigheid/", "Casus"),
    "waterbedeffect": (
        "/knelpunten/bibob-informatie-niet-delen-tussen-bestuursorganen/",
        "Knelpunt",
    ),
    "Wwft": ("/knelpunten/niet-alle-financiele-tussenpersonen-onder-wwft/", "Knelpunt"),
    "Holsloot": ("/casussen/drugslab-holsloot-sluiting-loods-niet-woning/", "Casus"),
    "mensenhandel": ("/fenomenen/mensenhandel/", "Fenomeen"),
}


@dataclass
class Result:
    path: str
    type: str
    title: str


def search(visit, base_url, query: str, color_scheme: str = "light"):
    """A fresh page with `query` typed into Material's search and its results shown."""
    visit_result = visit(base_url + "/", color_scheme=color_scheme)
    visit_result.open_search()
    page = visit_result.page
    # The whole query at once, then a key that changes nothing: Material searches on keyup.
    page.keyboard.insert_text(query)
    page.keyboard.press("End")
    expect(page.locator(".md-search-result__meta")).to_contain_text("overeenkomend")
    return visit_result


@pytest.fixture(scope="module")
def search_tab(tabs, base_url):
    """The home page with the search open and its index built, kept open from query to query:
    the index is built once per worker, not once per query."""
    page = tabs.open(base_url + "/")
    open_search(page)
    return page


def search_in_tab(page, query: str):
    """`query` typed into the open search, with its own results shown: the field is emptied
    first, and the theme's results wait for a query again before this one is typed."""
    field = page.locator("input.md-search__input")
    field.press("Control+a")
    field.press("Backspace")
    meta = page.locator(".md-search-result__meta")
    expect(meta).to_have_text("Typ om te beginnen met zoeken")
    page.keyboard.insert_text(query)
    page.keyboard.press("End")
    expect(meta).to_contain_text("overeenkomend")
    return page


def results(page) -> list[Result]:
    """The results Material shows (its first ten at once), in order."""
    found = []
    for item in page.locator(".md-search-result__item").all():
        article = item.locator(".md-search-result__link").first
        found.append(
            Result(
                path=urlparse(article.get_attribute("href")).path,
                type=" ".join(article.locator(".md-tag").all_inner_texts()),
                title=article.locator("h1").inner_text(),
            )
        )
    return found


def titled(word: str) -> set[str]:
    """The pages of every record whose title holds `word`: those a search for it must put first."""
    pages = [
        *(
            (urls.intervention_path(key), record.title)
            for key, record in CATALOGUE.interventions.items()
        ),
        *((urls.case_path(key), case.title) for key, case in CATALOGUE.cases.items()),
        *((urls.bottleneck_path(key), item.title) for key, item in CATALOGUE.bottlenecks.items()),
        *(
            (urls.term_path("phenomena", slug), term.label)
            for slug, term in CATALOGUE.vocabularies["phenomena"].items()
        ),
    ]
    return {"/" + urls.url_of(path) for path, title in pages if word.casefold() in title.casefold()}


@pytest.mark.parametrize("query", NAMED_RECORDS)
def test_a_query_that_names_a_record_finds_it_first(search_tab, query):
    # The named record is among the records whose title holds the query, and those come first.
    found = results(search_in_tab(search_tab, query))
    named = titled(query)
    assert NAMED_RECORDS[query][0] in named
    first = found[: len(named)]
    assert {result.path for result in first} == named
    assert NAMED_RECORDS[query] in {(result.path, result.type) for result in first}


def test_woningsluiting_finds_the_records_named_so_then_the_13b_closure(search_tab):
    # Three records say "Woningsluiting" in their title (the 174a intervention, a knelpunt and a
    # case); the 13b record is called "Sluiting van drugspanden" and only says it in its text.
    found = results(search_in_tab(search_tab, "woningsluiting"))
    named = titled("woningsluiting")
    assert "/interventies/gemeentewet-174a-woningsluiting/" in named
    assert {result.path for result in found[: len(named)]} == named
    paths = [result.path for result in found]
    closure = paths.index("/interventies/opiumwet-13b-sluiting/")
    assert all(result.type in RECORD_TYPES for result in found[: closure + 1])


def test_motorclub_finds_the_motorcycle_gang_records_before_any_list(search_tab):
    found = results(search_in_tab(search_tab, "motorclub"))
    paths = [result.path for result in found]
    assert paths[0] in titled("motorclub") | {
        "/interventies/aanpak-outlaw-motorcycle-gangs/",
        "/fenomenen/outlaw-motorcycle-gangs/",
    }
    # The Heiloo case is found among the records, before any list page.
    heiloo = paths.index("/casussen/sluiting-clubhuis-motorclub-heiloo/")
    assert all(result.type in RECORD_TYPES for result in found[: heiloo + 1])
    # RICO (used against the Hells Angels) comes after the Dutch and foreign approaches that
    # are about motorcycle gangs, and before any list page.
    rico = paths.index("/interventies/vs-rico/")
    assert all(result.type in RECORD_TYPES for result in found[: rico + 1])
    assert [result.type for result in found if result.type not in RECORD_TYPES] == []


def test_vakantieparken_finds_both_holiday_park_interventions_first(search_tab):
    found = results(search_in_tab(search_tab, "vakantieparken"))
    # "vakantiepark" and "vakantieparken" share a stem: every record titled either way comes first.
    named = titled("vakantiepark")
    assert {
        "/interventies/vitale-vakantieparken-veluwe/",
        "/interventies/zicht-op-ondermijning-vakantieparken/",
    } <= named
    assert {result.path for result in found[: len(named)]} == named


def result_count(page) -> int:
    """How many documents Material's search reports for the query shown."""
    text = page.locator(".md-search-result__meta").inner_text()
    return 0 if text.startswith("Geen") else int(text.split()[0])


@pytest.mark.parametrize(
    ("inflected", "base"), [("woningsluitingen", "woningsluiting"), ("bedreigingen", "bedreiging")]
)
def test_dutch_search_finds_inflected_forms(search_tab, inflected, base):
    assert result_count(search_in_tab(search_tab, base)) > 0
    assert result_count(search_in_tab(search_tab, inflected)) > 0


def test_an_inflected_query_is_found_and_not_reported_missing(visit, base_url):
    visit_result = search(visit, base_url, "woningsluitingen")
    page = visit_result.page
    assert results(page)[0].path == "/interventies/gemeentewet-174a-woningsluiting/"
    # Material lists query words no result matched under "Ontbreekt"; the stem did match.
    expect(page.locator(".md-search-result__terms")).to_have_count(0)
    page.locator(".md-search-result__link").first.click()
    expect(page.locator("article mark").first).to_contain_text("oningsluit")
    assert visit_result.errors == []


@pytest.mark.parametrize(
    ("query", "path"),
    [("Oost-Brabant", "/regios/oost-brabant/"), ("Knelpunten", "/knelpunten/")],
)
def test_a_list_is_still_found_by_its_own_name(search_tab, query, path):
    # Right after the records that carry the name in their title, before any text match.
    found = results(search_in_tab(search_tab, query))
    assert [result.path for result in found].index(path) <= len(titled(query))


def test_every_result_shows_its_type_to_eyes_and_screen_readers(visit, base_url):
    visit_result = search(visit, base_url, "Bibob")
    page = visit_result.page
    found = results(page)
    assert len(found) == 10  # Material shows ten at once; Bibob has more
    assert [result.type for result in found if result.type not in TYPES] == []
    assert {"Interventie", "Knelpunt", "Casus", "Instrument"} <= {result.type for result in found}
    first = page.locator(".md-search-result__item").first
    expect(first.locator(".md-tag")).to_be_visible()
    # In the accessibility tree too, after the title (the theme marks its tags as navigation).
    assert re.search(r"navigation: Interventie$", first.aria_snapshot(), re.MULTILINE)
    assert visit_result.errors == []
    assert visit_result.foreign_requests(base_url) == []


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_search_results_have_no_serious_accessibility_violations(visit, base_url, color_scheme):
    page = search(visit, base_url, "Bibob", color_scheme).page
    scheme = page.evaluate("document.body.dataset.mdColorScheme")
    assert scheme == {"light": "default", "dark": "slate"}[color_scheme]
    # The search panel fades in; contrast is measured once its transitions have ended.
    page.evaluate(
        "() => Promise.all(document.getAnimations().map(animation => animation.finished))"
    )
    report = Axe().run(page, context=".md-search")
    serious = [
        (violation["id"], [node["target"] for node in violation["nodes"]])
        for violation in report.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
    assert serious == []


def index_requests(visited) -> list[str]:
    return [url for url in visited.requests if url.endswith("/search/search_index.json")]


def open_by_field(page) -> None:
    page.locator("input.md-search__input").click()


def open_by_phone_button(page) -> None:
    page.set_viewport_size({"width": 390, "height": 800})
    page.locator('label.md-header__button[for="__search"]').click()


@pytest.mark.parametrize(
    "open_search", [open_by_field, open_by_phone_button], ids=["field", "phone button"]
)
def test_the_search_index_is_fetched_only_when_the_search_is_opened(visit, base_url, open_search):
    """A reader who does not search never downloads the index nor builds it; one who does gets
    an answer to what they typed before it was built (docs/assets/search_on_demand.js)."""
    visited = visit(base_url + "/interventies/")
    visited.settle()
    assert index_requests(visited) == []
    page = visited.page
    open_search(page)
    # Typed at once, before the index can be built: the theme asks again once it is.
    page.keyboard.insert_text("Bibob")
    page.keyboard.press("End")
    expect(page.locator(".md-search-result__meta")).to_contain_text("overeenkomend", timeout=30_000)
    assert results(page)[0].path == NAMED_RECORDS["Bibob"][0]
    assert len(index_requests(visited)) == 1
    assert visited.errors == []


def test_a_link_with_a_query_opens_the_search_with_its_results(visit, base_url):
    visited = visit(base_url + "/?q=Emergo")
    page = visited.page
    expect(page.locator(".md-search-result__meta")).to_contain_text("overeenkomend", timeout=30_000)
    assert results(page)[0].path == NAMED_RECORDS["Emergo"][0]
    assert len(index_requests(visited)) == 1
