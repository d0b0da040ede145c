"""The overview shows at most 200 results at once, more on request; without JavaScript, all.

The real catalogue has fewer records than that, so the page is served with its items repeated
(SYNTHETIC: copies of the real items, only to make the list long).
"""

import re
import urllib.request

import pytest

PAGE_SIZE = 200
COPIES = 5
ITEM = re.compile(r'<li class="ww-result".*?</li>', re.DOTALL)


@pytest.fixture
def long_overview(base_url):
    """The overview's URL, its HTML served with every result repeated, and the item count."""
    url = base_url + "/interventies/"
    with urllib.request.urlopen(url) as response:
        html = response.read().decode("utf-8")
    items = ITEM.findall(html)
    start, end = html.index(items[0]), html.index(items[-1]) + len(items[-1])
    long_html = html[:start] + "\n".join(items * COPIES) + html[end:]

    def open_page(visit, javascript: bool = True):
        result = visit("about:blank", javascript=javascript)
        result.page.route(
            url, lambda route: route.fulfill(body=long_html, content_type="text/html")
        )
        result.page.goto(url)
        result.page.wait_for_load_state("networkidle")
        return result.page

    return open_page, len(items) * COPIES


def shown(page) -> int:
    return page.locator(".ww-result:not([hidden])").count()


def test_a_long_list_shows_a_page_at_a_time(visit, long_overview):
    open_page, total = long_overview
    page = open_page(visit)
    more = page.locator(".ww-more")
    assert page.locator(".ww-result-count").inner_text() == f"{total} interventies"
    assert shown(page) == PAGE_SIZE
    assert more.inner_text() == f"Toon meer (nog {total - PAGE_SIZE} interventies)"
    more.click()
    assert shown(page) == 2 * PAGE_SIZE
    # The keyboard goes on at the first of the items just shown.
    first_new = page.locator(".ww-result:not([hidden]) .ww-result__title").nth(PAGE_SIZE)
    assert first_new.evaluate("(link) => link === document.activeElement")
    while more.is_visible():
        more.click()
    assert shown(page) == total
    # A new selection starts again at the first page.
    page.locator('input[name="land"][value="buitenland"]').check()
    matching = int(page.locator(".ww-result-count").inner_text().split()[0])
    assert shown(page) == min(matching, PAGE_SIZE)


def test_without_javascript_the_whole_list_shows(visit, long_overview):
    open_page, total = long_overview
    page = open_page(visit, javascript=False)
    assert shown(page) == total
    assert page.locator(".ww-more").count() == 0
