"""Serves the real site (built once, in tests/conftest.py) on 127.0.0.1 and drives Debian's
Chromium with Playwright."""

import functools
import http.server
import sys
import threading
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
# Without these flags Chromium phones home at start-up; the tests assert no request leaves 127.0.0.1.
CHROMIUM_ARGUMENTS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *arguments) -> None:
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        # A test may end while its page still loads (the search index), which closes the
        # connection: not a fault of the page under test. Anything else is still printed.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@pytest.fixture(scope="session")
def base_url(site_dir) -> str:
    handler = functools.partial(QuietHandler, directory=str(site_dir))
    server = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGUMENTS)
        yield browser
        browser.close()


def open_search(page) -> None:
    """Open the search as a reader does, by its field, and wait until its index is built (the
    index is fetched only then: docs/assets/search_on_demand.js)."""
    page.locator("input.md-search__input").click()
    meta = page.locator(".md-search-result__meta")
    # A busy machine builds the index of the whole site in several seconds.
    expect(meta).not_to_contain_text("initialiseren", timeout=30_000)


class Visit:
    """A page plus what happened while it was open: console errors and requests.

    A visit waits for the load event only; the errors and the requests are read once the network
    is quiet. The search index is fetched only when the search is opened
    (docs/assets/search_on_demand.js): a test that searches calls `open_search` first.
    """

    def __init__(self, page):
        self.page = page
        self._errors: list[str] = []
        self.requests: list[str] = []
        page.on(
            "console",
            lambda message: message.type == "error" and self._errors.append(message.text),
        )
        page.on("pageerror", lambda error: self._errors.append(str(error)))
        page.on("request", lambda request: self.requests.append(request.url))

    def settle(self) -> None:
        """Wait until the network is quiet."""
        self.page.wait_for_load_state("networkidle")

    def open_search(self) -> None:
        open_search(self.page)

    @property
    def errors(self) -> list[str]:
        self.settle()
        return self._errors

    def foreign_requests(self, base_url: str) -> list[str]:
        self.settle()
        return [
            url
            for url in self.requests
            if not (url.startswith(base_url) or url.startswith("data:"))
        ]


@pytest.fixture
def visit(browser):
    # Closed after the test: an open context keeps its renderer process, and a run of a few
    # hundred visits left open ran the machine out of memory.
    contexts = []

    def open_page(
        url: str, width: int = 1280, javascript: bool = True, color_scheme: str = "light"
    ) -> Visit:
        context = browser.new_context(
            viewport={"width": width, "height": 900},
            java_script_enabled=javascript,
            color_scheme=color_scheme,
        )
        contexts.append(context)
        page = context.new_page()
        result = Visit(page)
        page.goto(url)
        return result

    yield open_page
    for context in contexts:
        context.close()


def forget_the_last_page(page) -> None:
    """Clear the storage and cookies the page open in this tab left, before the next one opens."""
    if page.url.startswith("http"):
        page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
    page.context.clear_cookies()


class Tabs:
    """One browser tab per width and colour scheme, going from page to page, for checks that only
    read what a page shows (axe, reflow, text spacing): the next page in a tab took about a sixth
    of the processor time of a page in a fresh browser context, whose renderer starts and compiles
    the theme's scripts anew. The storage and cookies a page leaves are cleared before the next
    one opens; nothing else outlives a page."""

    def __init__(self, browser):
        self.browser = browser
        self.pages = {}

    def open(self, url: str, width: int = 1280, color_scheme: str = "light"):
        key = (width, color_scheme)
        if key not in self.pages:
            context = self.browser.new_context(
                viewport={"width": width, "height": 900}, color_scheme=color_scheme
            )
            self.pages[key] = context.new_page()
        page = self.pages[key]
        forget_the_last_page(page)
        page.goto(url)
        return page

    def close(self) -> None:
        for page in self.pages.values():
            page.context.close()


@pytest.fixture(scope="module")
def tabs(browser):
    opened = Tabs(browser)
    yield opened
    opened.close()
