"""Serves the real site (built once, in tests/conftest.py) on 127.0.0.1 and drives Debian's
Chromium with Playwright."""

import dataclasses
import functools
import http.server
import sys
import threading
import urllib.parse
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

    def __init__(self, page, contexts: "Contexts"):
        self.page = page
        self._errors: list[str] = []
        self.requests: list[str] = []
        contexts.listen(
            page,
            "console",
            lambda message: message.type == "error" and self._errors.append(message.text),
        )
        contexts.listen(page, "pageerror", lambda error: self._errors.append(str(error)))
        contexts.listen(page, "request", lambda request: self.requests.append(request.url))

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


# Playwright's own default; a test may set a shorter one for its page.
DEFAULT_TIMEOUT = 30_000


@dataclasses.dataclass
class TabState:
    """What a test did in a tab that the tab's next test must not meet: the origins it opened,
    its popups, and the listeners it added."""

    key: tuple[bool, str]
    origins: set[str] = dataclasses.field(default_factory=set)
    popups: list = dataclasses.field(default_factory=list)
    listeners: list = dataclasses.field(default_factory=list)

    def forget(self) -> None:
        # Emptied, not replaced: the tab's own listeners fill these very collections.
        self.origins.clear()
        self.popups.clear()
        self.listeners.clear()


class Contexts:
    """The browser contexts of this pytest-xdist worker, one per colour scheme with JavaScript and
    one without, and the tabs in them that tests use one after another.

    A page in a fresh browser context took about 1.5 s of processor time, a new tab in a context
    that already has one open about 0.6 s, and the next page in a tab used before about 0.4 s. So
    the contexts are kept, each with one blank tab open, and a test gets a tab an earlier test
    used. When a test ends, what its pages could leave behind is taken away (`forget`):

    - the document is replaced by a blank one, which ends its scripts, timers and listeners;
    - the storage of every origin the tab opened (local and session storage, caches, databases)
      and the cookies are cleared;
    - the test's popups are closed, the listeners it added on the page are removed, and the
      mouse, print emulation and default timeout are as on a new tab.

    A tab that opened more than one origin, or that cannot be reset, is closed instead. Its
    history is what a tab keeps: a test that goes back does so within its own pages. The theme
    stores the palette it chose in the origin's storage, so pages in another colour scheme need
    a context of their own.
    """

    def __init__(self, browser):
        self.browser = browser
        self.blank_tabs = {}
        self.used_tabs = {}
        self.tabs = {}

    def new_page(self, width: int, javascript: bool, color_scheme: str):
        key = (javascript, color_scheme)
        if key not in self.blank_tabs:
            context = self.browser.new_context(
                java_script_enabled=javascript, color_scheme=color_scheme
            )
            self.blank_tabs[key] = context.new_page()
            self.used_tabs[key] = []
        if self.used_tabs[key]:
            page = self.used_tabs[key].pop()
        else:
            page = self.blank_tabs[key].context.new_page()
            tab = self.tabs[page] = TabState(key)
            page.on("framenavigated", lambda frame: tab.origins.add(origin(frame.url)))
            page.on("popup", lambda popup: tab.popups.append(popup))
        page.set_viewport_size({"width": width, "height": 900})
        # As a new tab is: in a tab behind another, Tab past the page's last element went round
        # to its first instead of leaving the page (a keyboard walk after axe's tabs met this).
        page.bring_to_front()
        return page

    def listen(self, page, event: str, handler) -> None:
        """`page.on(event, handler)`, removed again when the test ends."""
        page.on(event, handler)
        self.tabs[page].listeners.append((event, handler))

    def forget(self, pages) -> None:
        """Close the popups of `pages`, reset each tab for the next test (or close it), and
        clear the storage of every origin it opened, and the cookies."""
        for page in pages:
            tab = self.tabs[page]
            for popup in tab.popups:
                popup.close()
            for event, handler in tab.listeners:
                page.remove_listener(event, handler)
            origins = tab.origins - {"null"}
            reusable = len(origins) <= 1 and self._reset(page)
            if not reusable:
                page.close()
                del self.tabs[page]
            blank = self.blank_tabs[tab.key]
            session = blank.context.new_cdp_session(blank)
            for address in origins:
                session.send(
                    "Storage.clearDataForOrigin", {"origin": address, "storageTypes": "all"}
                )
            session.detach()
            blank.context.clear_cookies()
            if reusable:
                tab.forget()
                self.used_tabs[tab.key].append(page)

    def _reset(self, page) -> bool:
        """Put `page` back as a new tab is, on a blank document; False if it cannot be."""
        try:
            page.set_default_timeout(DEFAULT_TIMEOUT)
            page.goto("about:blank")
            page.mouse.move(0, 0)
            page.emulate_media(media="null")
            return True
        except Exception:
            return False

    def close(self) -> None:
        for tab in self.blank_tabs.values():
            tab.context.close()


def origin(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") else "null"


@pytest.fixture(scope="session")
def contexts(browser):
    kept = Contexts(browser)
    yield kept
    kept.close()


@pytest.fixture
def visit(contexts):
    pages = []

    def open_page(
        url: str, width: int = 1280, javascript: bool = True, color_scheme: str = "light"
    ) -> Visit:
        page = contexts.new_page(width, javascript, color_scheme)
        pages.append(page)
        result = Visit(page, contexts)
        page.goto(url)
        return result

    yield open_page
    contexts.forget(pages)


def forget_the_last_page(page) -> None:
    """Clear the storage and cookies the page open in this tab left, before the next one opens."""
    if page.url.startswith("http"):
        page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
    page.context.clear_cookies()


class Tabs:
    """One tab per width and colour scheme, going from page to page, for checks that only read
    what a page shows (axe, reflow, text spacing): the next page in a tab took about half the
    processor time of a new page, whose renderer compiles the theme's scripts anew. The storage
    and cookies a page leaves are cleared before the next one opens; nothing else outlives a
    page."""

    def __init__(self, contexts: Contexts):
        self.contexts = contexts
        self.pages = {}

    def open(self, url: str, width: int = 1280, color_scheme: str = "light"):
        key = (width, color_scheme)
        if key not in self.pages:
            self.pages[key] = self.contexts.new_page(width, True, color_scheme)
        page = self.pages[key]
        forget_the_last_page(page)
        page.goto(url)
        return page


@pytest.fixture(scope="module")
def tabs(contexts):
    opened = Tabs(contexts)
    yield opened
    contexts.forget(opened.pages.values())
