"""The XSS corpus in headless Chromium: no payload from a record ever runs on the built site.

Two SYNTHETIC sites are built:

- every payload of tests/xss/payloads.yml in every text field of a record, pages generated with
  `build.generated_pages` on records from `Intervention.from_data`: on purpose WITHOUT the
  validator, so the pages must be safe on their own;
- the records among those that `catalogus validate` accepts, built the normal way (the hook
  loads and validates them): what an editor can actually publish.

On every page: no dialog opens, `window.__xss` stays undefined, no navigation or popup happens by
itself, the Content-Security-Policy reports nothing blocked, no element carries an event handler,
`srcdoc` or a `javascript:`/`data:`/`vbscript:` URL, external links in the article have
rel="noopener noreferrer", and record text (also `{{ 7*7 }}`) is shown exactly as written.
Hovering, focusing and clicking everything in the article must not run a payload either.
"""

import functools
import http.server
import threading
from pathlib import Path

import pytest
import yaml

from catalogus import paths, urls
from catalogus.build import generated_pages
from catalogus.validation import Validator
from catalogus.vocabularies import load_vocabularies

from ..site_project import build, make_project
from ..test_xss import (
    PAYLOADS,
    PREFIX,
    SEARCH_WORDS,
    SITE_NAME,
    TEXT_FIELDS,
    URL_RECORD_ID,
    collapse,
    record_with_payload,
    xss_catalogue,
)
from .conftest import QuietHandler, forget_the_last_page, open_search

CATALOGUE = xss_catalogue()
GENERATED = generated_pages(CATALOGUE)
PAYLOAD_OF_PAGE = {urls.intervention_path(payload.record_id): payload for payload in PAYLOADS}

# Recorded before any script of the page runs: what the Content-Security-Policy blocked.
RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"}: ${event.sample}`
  );
});
"""

# Where a page shows record text: the article, not the theme's header, navigation or search.
ARTICLE = ".md-content article"

# Everything in the rendered document a payload could use to run; in `scope` only known tags.
AUDIT = """
(scope) => {
  const problems = [];
  const unsafe = (value) => {
    try {
      return ["javascript:", "data:", "vbscript:"].includes(
        new URL(value, document.baseURI).protocol
      );
    } catch {
      return /^[\\s\\x00-\\x20]*(javascript|data|vbscript):/i.test(value);
    }
  };
  const urlAttributes = new Set([
    "href", "src", "action", "formaction", "data", "xlink:href", "background", "poster",
    "codebase", "cite", "srcset",
  ]);
  const show = (element) => element.outerHTML.slice(0, 160);
  for (const element of document.querySelectorAll("*")) {
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith("on")) {
        problems.push(`event handler: ${show(element)}`);
      } else if (name === "srcdoc") {
        problems.push(`srcdoc: ${show(element)}`);
      } else if (urlAttributes.has(name) && unsafe(attribute.value)) {
        problems.push(`${attribute.value.split(":")[0]}: URL: ${show(element)}`);
      }
    }
    const equiv = (element.getAttribute("http-equiv") || "").toLowerCase();
    if (element.localName === "meta" && equiv === "refresh") {
      problems.push(`meta refresh: ${show(element)}`);
    }
  }
  // The proposal form (/voorstellen/) is drawn by the code: its text fields are expected there.
  const form = (element) => element.closest("form#ww-proposal");
  for (const element of document.querySelectorAll(
    "iframe, frame, object, embed, applet, base, math, textarea"
  )) {
    if (!(element.localName === "textarea" && form(element))) {
      problems.push(`element: ${show(element)}`);
    }
  }
  const data = (element) =>
    element.localName === "script" &&
    ["application/ld+json", "application/json"].includes(element.type);
  for (const script of document.querySelectorAll("script")) {
    if (data(script)) {
      // schema.org data holds record text, and must stay one well-formed JSON data block.
      try {
        JSON.parse(script.textContent);
      } catch {
        problems.push(`a data block that is not JSON: ${show(script)}`);
      }
    } else if (/__xss|alert\\(/.test(script.textContent)) {
      problems.push(`script: ${show(script)}`);
    }
  }
  const article = document.querySelector(scope) || document.createElement("article");
  if (!document.querySelector(scope)) {
    problems.push(`no ${scope} in the page: something in <head> swallowed the body`);
  }
  const allowed = new Set([
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "a", "strong", "em", "b", "i", "code", "pre",
    "blockquote", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "dl", "dt",
    "dd", "span", "small", "br", "time", "div", "hr", "form", "fieldset", "legend", "label",
    "input", "select", "option", "details", "summary", "button", "mark", "del", "article", "nav",
    "figure", "figcaption", "caption",
  ]);
  const theme = (element) => element.closest(".md-content__button");
  for (const element of article.querySelectorAll("*")) {
    if (theme(element)) continue;
    const field = element.localName === "textarea" && form(element);
    if (!allowed.has(element.localName) && !data(element) && !field) {
      problems.push(`element in ${scope}: ${show(element)}`);
    }
    if (element.hasAttribute("style")) {
      problems.push(`style attribute in ${scope}: ${show(element)}`);
    }
  }
  for (const link of article.querySelectorAll("a[href]")) {
    if (theme(link)) continue;
    const url = new URL(link.getAttribute("href"), document.baseURI);
    const external = ["http:", "https:"].includes(url.protocol) && url.host !== location.host;
    const rel = (link.getAttribute("rel") || "").split(/\\s+/);
    if (external && !(rel.includes("noopener") && rel.includes("noreferrer"))) {
      problems.push(`external link without rel="noopener noreferrer": ${show(link)}`);
    }
    if (link.hasAttribute("target")) {
      problems.push(`link with a target: ${show(link)}`);
    }
  }
  const text = (selector) => {
    const element = article.querySelector(selector);
    return element ? element.textContent : null;
  };
  return {
    problems,
    marker: window.__xss === undefined ? null : String(window.__xss),
    violations: window.__cspViolations || [],
    title: document.title,
    h1: text("h1"),
    header: (document.querySelector('[data-md-component="header-topic"]') || {}).textContent,
    lead: text(".ww-lead"),
    listed: [...article.querySelectorAll(".ww-result__title, .ww-list strong")].map(
      (element) => element.textContent
    ),
    article: article.innerText,
  };
}
"""

# Hover, focus and click everything in the article (not the theme's edit button). A web address
# cannot run anything in this page, and following one would only take the tab away from it: such
# a link is not followed, which also took most of a page's processor time.
# Any other link (javascript:, data:) is followed as a reader's click follows it; when web links
# were followed too, the click on the next link cancelled a javascript: link before it ran.
INTERACT = """
() => {
  const ARTICLE = ".md-content article";
  const article = document.querySelector(ARTICLE) || document.createElement("article");
  // Last, after the page's own handlers, as the default action comes after them all.
  const stayHere = (event) => {
    const link = event.target.closest && event.target.closest("a");
    if (link && ["http:", "https:"].includes(link.protocol)) event.preventDefault();
  };
  window.addEventListener("click", stayHere);
  for (const element of article.querySelectorAll("*")) {
    if (element.closest(".md-content__button")) continue;
    for (const type of ["mouseover", "mouseenter", "mousemove"]) {
      element.dispatchEvent(new MouseEvent(type, { bubbles: true }));
    }
    element.dispatchEvent(new FocusEvent("focus"));
    if (["a", "button", "summary"].includes(element.localName)) {
      // SVG links (the region map) have no click() of their own.
      element.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true }));
    }
  }
  window.removeEventListener("click", stayHere);
}
"""


def serve(directory: Path):
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}"


@pytest.fixture(scope="module")
def xss_site_url(xss_site):
    server, url = serve(xss_site)
    yield f"{url}/{PREFIX}/"
    server.shutdown()


class Inspection:
    """A browser tab that opens one page after another, with what happened while each was open.

    Every page of the corpus is checked in the same tab of one browser context (per pytest-xdist
    worker): a page in a fresh context took about six times the processor time of the next page
    in a tab that has the theme's scripts already compiled. What a page does is recorded from its
    own load on; the storage and cookies a page could leave are cleared before the next opens,
    and a page's timers end with it.

    Navigations are watched, not intercepted: intercepting every request (to answer a navigation
    with 204 No Content, so that the page stayed) added about 0.18 s of processor time to each
    page, and no page of the corpus ever navigated. A navigation still shows as a problem.
    """

    def __init__(self, browser):
        self.url = ""
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.context.add_init_script(RECORD_CSP_VIOLATIONS)
        self.dialogs: list[str] = []
        self.popups: list[str] = []
        self.navigations: list[str] = []
        self.context.on("request", self._request)  # also those of popups
        self.page = self.context.new_page()
        self.context.on("page", self._popup)  # pages opened after this one
        self.page.on("dialog", self._dialog)

    def open(self, url: str) -> "Inspection":
        forget_the_last_page(self.page)
        self.url = url
        self.dialogs.clear()
        self.popups.clear()
        self.navigations.clear()
        self.page.goto(url, wait_until="load")
        self.page.wait_for_load_state("networkidle")
        self.page.wait_for_timeout(100)
        return self

    def _request(self, request) -> None:
        # Any navigation but the load of the page under test.
        if request.is_navigation_request() and (request.url != self.url or self.page_loaded):
            self.navigations.append(request.url)

    @property
    def page_loaded(self) -> bool:
        return hasattr(self, "page") and self.page.url == self.url

    def reset(self) -> None:
        """Forget what happened so far, to inspect the next step on the same page."""
        self.dialogs.clear()
        self.popups.clear()
        self.navigations.clear()
        self.page.evaluate("() => { window.__xss = undefined; window.__cspViolations = []; }")

    def _popup(self, page) -> None:
        self.popups.append(page.url)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def problems(self, interact: bool = True, scope: str = ARTICLE) -> list[str]:
        """Everything that shows a payload ran or could run; `scope` is where record text is."""
        on_load = list(self.navigations)
        audit = self.page.evaluate(AUDIT, scope)
        problems = list(audit["problems"])
        if interact:
            self.page.evaluate(INTERACT)
            self.page.wait_for_timeout(300)
            after = self.page.evaluate(AUDIT, scope)
            audit["marker"] = audit["marker"] or after["marker"]
            audit["violations"] = after["violations"]
        problems += [f"navigation by itself to {url}" for url in on_load]
        problems += [f"popup {url}" for url in self.popups]
        problems += [f"dialog {dialog}" for dialog in self.dialogs]
        problems += [f"Content-Security-Policy: {violation}" for violation in audit["violations"]]
        if audit["marker"] is not None:
            problems.append(f"window.__xss = {audit['marker']}")
        self.audit = audit
        return problems

    def close(self) -> None:
        self.context.close()


@pytest.fixture(scope="module")
def inspection(browser):
    opened = Inspection(browser)
    yield opened
    opened.close()


def shown_as_written(audit: dict, source_path: str) -> list[str]:
    """Differences between record text and what the page shows."""
    differences = []
    payload = PAYLOAD_OF_PAGE.get(source_path)
    if payload is not None:
        expected = collapse(payload.text)
        for where, shown in (
            ("document.title", audit["title"]),
            ("the header", audit["header"]),
            ("h1", audit["h1"]),
            (".ww-lead", audit["lead"]),
        ):
            wanted = f"{expected} - {SITE_NAME}" if where == "document.title" else expected
            if collapse(shown or "") != wanted:
                differences.append(f"{where} shows {collapse(shown or '')!r}, not {wanted!r}")
        if payload.kind == "template" and "49" in audit["article"]:
            differences.append("a template was evaluated: 49 in the article")
    titles = {collapse(record.title) for record in CATALOGUE.interventions.values()}
    for shown in audit["listed"]:
        if collapse(shown) not in titles:
            differences.append(f"a listed title shows {shown!r}")
    return differences


# Under pytest-xdist the pages go to one worker, which mostly waits for each page to settle,
# while the others compute: when every worker opened corpus pages at once, a quarter of the
# processor stood idle. The tab is opened once.
@pytest.mark.xdist_group("xss-pages")
@pytest.mark.parametrize("source_path", sorted(GENERATED))
def test_generated_page_runs_no_payload(inspection, xss_site_url, source_path):
    inspection.open(xss_site_url + urls.url_of(source_path))
    problems = inspection.problems()
    problems += shown_as_written(inspection.audit, source_path)
    assert not problems, "\n".join(problems)


@pytest.mark.xdist_group("xss-pages")
def test_the_clicks_follow_a_script_link_but_not_a_web_address(inspection):
    # A blank page: the site's Content-Security-Policy would block the script link.
    inspection.open("about:blank")
    inspection.page.set_content(
        '<div class="md-content"><article>'
        '<a href="javascript:void (window.__xss = 1)">script</a>'
        '<a href="https://example.org/elders">web</a>'
        "</article></div>"
    )
    inspection.reset()
    inspection.page.evaluate(INTERACT)
    inspection.page.wait_for_timeout(300)
    assert inspection.page.evaluate("window.__xss") == 1
    assert inspection.navigations == []
    assert inspection.page.url == "about:blank"


@pytest.mark.xdist_group("xss-pages")
def test_a_page_that_navigates_by_itself_is_reported(inspection, xss_site_url):
    inspection.open("about:blank")
    elsewhere = xss_site_url + "elders/"
    with inspection.page.expect_request(elsewhere):
        inspection.page.set_content(f"<script>location.href = {elsewhere!r};</script>")
    assert f"navigation by itself to {elsewhere}" in inspection.problems(interact=False)


def test_corpus_pages_are_all_there():
    assert len(PAYLOAD_OF_PAGE) == len(PAYLOADS)
    assert urls.intervention_path(URL_RECORD_ID) in GENERATED
    assert "interventies/index.md" in GENERATED


@pytest.fixture(scope="module")
def search_page(browser, xss_site_url):
    inspection = Inspection(browser).open(xss_site_url + urls.url_of("interventies/index.md"))
    open_search(inspection.page)
    yield inspection
    inspection.close()


# Under pytest-xdist these share one worker, and with it the one search page they type into.
@pytest.mark.xdist_group("xss-search")
@pytest.mark.parametrize("payload", PAYLOADS, ids=str)
def test_search_result_runs_no_payload(search_page, payload):
    # The theme shows a search result's title with innerHTML. Search for the one word only this
    # record has, so that only its result is on screen.
    search_page.reset()
    page = search_page.page
    page.locator("input.md-search__input").fill(SEARCH_WORDS[payload.id])
    page.keyboard.press("End")
    link = page.locator(f'.md-search-result__item a[href*="/{payload.record_id}/"]').first
    link.wait_for(state="attached", timeout=10_000)
    page.wait_for_timeout(200)
    problems = search_page.problems(interact=False, scope=".md-search-result")
    title = collapse(link.locator("h1").first.text_content() or "")
    if title != collapse(payload.text):
        problems.append(f"the result's title shows {title!r}, not {collapse(payload.text)!r}")
    assert not problems, "\n".join(problems)


# --- What an editor can publish: records the validator accepts, built the normal way ---------


def accepted_records(directory: Path) -> dict[str, dict]:
    """The corpus records (payload in every text field) that `catalogus validate` accepts."""
    validator = Validator.for_catalogue(paths.SCHEMAS, load_vocabularies(paths.VOCABULARIES))
    directory.mkdir()
    accepted = {}
    for payload in PAYLOADS:
        data = record_with_payload(payload.text, TEXT_FIELDS)
        path = directory / f"{payload.record_id}.yml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
        if not validator.validate([path]):
            accepted[payload.record_id] = data
    return accepted


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    target = tmp_path_factory.mktemp("published")
    records = accepted_records(target / "candidates")
    project = make_project(target / "project", records)
    result = build(project)
    assert result.returncode == 0, result.stderr
    server, url = serve(project / "site")
    yield url + "/", records
    server.shutdown()


@pytest.mark.xdist_group("xss-pages")
def test_records_the_validator_accepts_run_no_payload(inspection, published):
    url, records = published
    assert records, "the validator refused every corpus record; nothing to check"
    problems = {}
    for record_id in records:
        source_path = urls.intervention_path(record_id)
        inspection.open(url + urls.url_of(source_path))
        found = inspection.problems() + shown_as_written(inspection.audit, source_path)
        if found:
            problems[record_id] = found
    assert not problems, "\n".join(
        f"{record_id}: {problem}" for record_id, found in problems.items() for problem in found
    )
