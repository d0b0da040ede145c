"""The overview shows at most 50 results at once, more on request; without JavaScript, all.

These tests build a SYNTHETIC catalogue of 250 records (bench/synthetic.py), five pages, once
for the test run (shared by the test workers) and serve its site.
"""

import functools
import html
import http.server
import re
import threading
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from bench.projects import synthetic_project
from tests.conftest import built_once
from tests.site_project import build

from .conftest import QuietHandler

PAGE_SIZE = 50
RECORDS = 250
ITEM = re.compile(
    r'<li class="ww-result"(?P<attributes>[^>]*)>.*?class="ww-result__title"[^>]*>'
    r"(?P<title>[^<]*)</a>",
    re.DOTALL,
)
ATTRIBUTE = re.compile(r'data-([a-z-]+)="([^"]*)"')
BOX = re.compile(r'<input type="checkbox" name="([a-z]+)" value="([^"]+)" data-label=')


def build_paging_site(target: Path) -> Path:
    project = synthetic_project(target / "project", RECORDS)
    result = build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="module")
def overview(tmp_path_factory):
    """The synthetic site's overview: its URL, its records (title and facet values) and boxes."""
    site = built_once(tmp_path_factory, "paging", build_paging_site)
    page = (site / "interventies" / "index.html").read_text(encoding="utf-8")
    records = [
        {
            "title": html.unescape(match["title"]),
            **{name: set(value.split()) for name, value in ATTRIBUTE.findall(match["attributes"])},
        }
        for match in ITEM.finditer(page)
    ]
    assert len(records) == RECORDS
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/interventies/", records, BOX.findall(page)
    server.shutdown()


def shown_titles(page) -> list[str]:
    return page.locator(".ww-result:not([hidden]) .ww-result__title").all_inner_texts()


def show_all(page) -> None:
    more = page.locator(".ww-more")
    while more.is_visible():
        more.click()


def expected_count(records, selection: dict[str, set[str]], parameter: str, value: str) -> int:
    """How many records choosing `value` would show: the other facets' choices apply, not this
    facet's own; a national approach counts for every region (its own regions not twice)."""

    def chosen(record, name: str, wanted: set[str]) -> bool:
        if name == "regio" and "landelijk" in record["regio"]:
            return True
        return bool(record[name] & wanted)

    return sum(
        1
        for record in records
        if all(
            chosen(record, name, wanted) for name, wanted in selection.items() if name != parameter
        )
        and chosen(record, parameter, {value})
    )


def test_a_long_list_shows_a_page_at_a_time(visit, overview):
    url, records, _ = overview
    page = visit(url).page
    more = page.locator(".ww-more")
    assert page.locator(".ww-result-count").inner_text() == f"{RECORDS} interventies"
    assert len(shown_titles(page)) == PAGE_SIZE
    assert more.inner_text() == f"Toon meer (nog {RECORDS - PAGE_SIZE} interventies)"
    more.click()
    assert len(shown_titles(page)) == 2 * PAGE_SIZE
    # The keyboard goes on at the first of the items just shown.
    first_new = page.locator(".ww-result__title").nth(PAGE_SIZE)
    assert first_new.evaluate("(link) => link === document.activeElement")
    show_all(page)
    assert sorted(shown_titles(page)) == sorted(record["title"] for record in records)
    assert page.locator(".ww-result-count").inner_text() == f"{RECORDS} interventies"


def test_a_new_selection_starts_at_the_first_page_and_the_url_keeps_it(visit, overview):
    url, records, _ = overview
    page = visit(url).page
    page.locator(".ww-more").click()
    page.locator('input[name="land"][value="NL"]').check()
    dutch = [record["title"] for record in records if "NL" in record["land"]]
    assert len(dutch) > PAGE_SIZE  # the selection is longer than one page
    assert (
        page.locator(".ww-result-count").inner_text() == f"{len(dutch)} van {RECORDS} interventies"
    )
    assert len(shown_titles(page)) == PAGE_SIZE
    assert (
        page.locator(".ww-more").inner_text()
        == f"Toon meer (nog {len(dutch) - PAGE_SIZE} interventies)"
    )
    page.wait_for_url(re.compile(r"\?land=NL"))
    page.go_back()
    assert page.locator(".ww-result-count").inner_text() == f"{RECORDS} interventies"
    assert len(shown_titles(page)) == PAGE_SIZE
    page.go_forward()
    assert page.locator('input[name="land"][value="NL"]').is_checked()
    assert len(shown_titles(page)) == PAGE_SIZE
    assert set(shown_titles(page)) <= set(dutch)


def test_a_filter_finds_a_record_beyond_the_first_page(visit, overview):
    url, records, _ = overview
    page = visit(url).page
    first_page = set(shown_titles(page))
    # A title with a three-digit number, which no other title's number contains.
    title = next(
        record["title"]
        for record in records
        if record["title"] not in first_page and re.search(r" \d{3}$", record["title"])
    )
    page.locator("#ww-text").fill(title)
    assert shown_titles(page) == [title]
    assert page.locator(".ww-result-count").inner_text() == f"1 van {RECORDS} interventies"
    assert not page.locator(".ww-more").is_visible()
    # A shared link opens the same selection.
    page.wait_for_url(re.compile(r"[?&]tekst="))
    assert visit(page.url).page.locator(".ww-result__title").all_inner_texts() == [title]


def test_every_facet_count_counts_the_records(visit, overview):
    url, records, boxes = overview
    phenomenon = sorted(next(iter(records))["fenomeen"])[0]
    selection = {"fenomeen": {phenomenon}, "land": {"NL"}}
    page = visit(f"{url}?fenomeen={phenomenon}&land=NL").page
    expected = [
        record["title"]
        for record in records
        if phenomenon in record["fenomeen"] and "NL" in record["land"]
    ]
    show_all(page)
    assert sorted(shown_titles(page)) == sorted(expected)
    counts = page.locator("[data-count-for]").evaluate_all(
        "(labels) => labels.map((label) => [label.dataset.countFor, label.textContent])"
    )
    assert counts == [
        [f"{parameter}={value}", f"({expected_count(records, selection, parameter, value)})"]
        for parameter, value in boxes
    ]
    assert parse_qs(urlparse(page.url).query) == {"fenomeen": [phenomenon], "land": ["NL"]}


def test_the_button_fits_a_phone(visit, overview):
    url, _, _ = overview
    page = visit(url, width=390).page
    more = page.locator(".ww-more")
    more.scroll_into_view_if_needed()
    box = more.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_without_javascript_the_whole_list_shows(visit, overview):
    url, records, _ = overview
    page = visit(url, javascript=False).page
    assert sorted(page.locator(".ww-result__title").all_inner_texts()) == sorted(
        record["title"] for record in records
    )
    assert page.locator(".ww-more").count() == 0
