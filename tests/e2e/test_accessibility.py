"""WCAG 2.1 AA in headless Chromium, beyond what axe sees: keyboard walks, visible focus measured
in pixels, reflow at 320 px, text spacing, the accessibility tree of the pictures and tables, and
axe on every page type in both schemes.

The page types and the checks are the ones /toegankelijkheid/ lists (catalogus.accessibility):
each key of CHECKS is the name of a test here.
"""

import base64
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from catalogus import accessibility, evidence_map, home_widgets, queries, urls
from catalogus.records import load_catalogue

from .conftest import ROOT

CATALOGUE = load_catalogue(ROOT).only_public()
PAGES = {
    key: "/" + urls.url_of(path) for key, (_, path) in accessibility.sample_pages(CATALOGUE).items()
}
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PHONE = 320

# Every element in the tab order, in document order: what a Tab walk must meet, one by one. Of a
# group of radio buttons only the chosen one (or the first) is in the tab order; Material's
# "back to top" button comes and goes with the scrolling (see walk). Each gets a
# number in data-walk, so the walk can say which one has the focus.
TAB_ORDER = """() => {
  const radios = new Set();
  return [...document.querySelectorAll("a[href], button, input, select, textarea, summary, [tabindex]")]
    .filter((element) => element.tabIndex >= 0 && !element.disabled && !element.closest("[hidden], .md-top")
      && element.checkVisibility({ visibilityProperty: true }))
    .filter((element) => {
      if (element.type !== "radio") return true;
      const group = [...document.querySelectorAll(`input[type=radio][name="${element.name}"]`)];
      const chosen = group.find((radio) => radio.checked) || group[0];
      return element === chosen;
    })
    .map((element, index) => {
      element.dataset.walk = index;
      return element.id || element.getAttribute("href") || element.getAttribute("name")
        || element.textContent.trim().slice(0, 40);
    });
}"""

# Decodes two screenshots in the page and counts the pixels whose colour changed with the focus
# by at least 3:1 (WCAG's relative luminance), so the indicator is measured, not assumed.
CONTRASTING_PIXELS = """async ([before, after]) => {
  const pixels = async (png) => {
    const bytes = Uint8Array.from(atob(png), (character) => character.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: "image/png" }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext("2d");
    context.drawImage(bitmap, 0, 0);
    return context.getImageData(0, 0, bitmap.width, bitmap.height).data;
  };
  const channel = (value) => {
    const share = value / 255;
    return share <= 0.04045 ? share / 12.92 : ((share + 0.055) / 1.055) ** 2.4;
  };
  const luminance = (data, at) =>
    0.2126 * channel(data[at]) + 0.7152 * channel(data[at + 1]) + 0.0722 * channel(data[at + 2]);
  const [first, second] = [await pixels(before), await pixels(after)];
  let count = 0;
  for (let at = 0; at < first.length; at += 4) {
    const [light, dark] = [luminance(first, at), luminance(second, at)].sort((a, b) => b - a);
    if ((light + 0.05) / (dark + 0.05) >= 3) count += 1;
  }
  return count;
}"""

# Waits for the page's transitions and other finite animations to end.
TRANSITIONS_ENDED = """() => Promise.allSettled(document.getAnimations()
  .filter((animation) => animation.effect.getComputedTiming().endTime < Infinity)
  .map((animation) => animation.finished))"""

TEXT_SPACING = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
    word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
"""

# Text whose box is smaller than the text in it, in the content; text hidden on purpose for
# screen readers (1 px, clipped) is meant to be so.
CLIPPED_TEXT = """() => [...document.querySelectorAll(".md-content *")]
  .filter((element) => {
    const style = getComputedStyle(element);
    const hides = [style.overflowX, style.overflowY].some((value) => ["hidden", "clip"].includes(value));
    return hides && style.clipPath === "none" && element.textContent.trim()
      && element.checkVisibility()
      && (element.scrollWidth > element.clientWidth + 1 || element.scrollHeight > element.clientHeight + 1);
  })
  .map((element) => element.outerHTML.slice(0, 120))"""


def test_every_check_in_the_statement_has_a_test():
    tests = {
        name for name, value in globals().items() if name.startswith("test_") and callable(value)
    }
    assert set(accessibility.CHECKS) <= tests


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_no_violation(tabs, base_url, name, scheme):
    page = tabs.open(base_url + PAGES[name], color_scheme=scheme)
    expected_scheme = "slate" if scheme == "dark" else "default"
    assert page.evaluate("document.body.dataset.mdColorScheme") == expected_scheme
    # The visit waits for the load event only: contrast is measured once transitions have ended.
    page.evaluate(TRANSITIONS_ENDED)
    # Every node of every violation is reported; axe then builds no selector for each of the
    # thousands of nodes that pass, which took a third to a half of a run.
    options = {
        "runOnly": {"type": "tag", "values": WCAG_AA},
        "resultTypes": ["violations"],
    }
    report = Axe().run(page, options=options)
    serious = [
        (violation["id"], [node["target"] for node in violation["nodes"]])
        for violation in report.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
    assert serious == []


# Where the focus is: an element's number in the walk, "top" for Material's "back to top"
# button, or null once the focus has left the page's elements.
WHERE_THE_FOCUS_IS = """() => {
  const element = document.activeElement;
  return element.matches(".md-top") ? "top" : element.dataset.walk ?? null;
}"""

# Records, for each element that gets the focus, what WHERE_THE_FOCUS_IS would say.
RECORD_THE_WALK = """() => {
  window.__walk = [];
  document.addEventListener("focusin", (event) => {
    const element = event.target;
    window.__walk.push(element.matches(".md-top") ? "top" : element.dataset.walk ?? null);
  }, true);
}"""


def walk(page, steps: int) -> list[str | None]:
    """Where the focus is after each of `steps` presses of Tab. Material's "back to top" button
    shows only while one scrolls up, so whether a walk meets it depends on the scrolling: the
    walk steps over it.

    Up to the last press, the page records each element that gets the focus, read once the presses
    are done: a question to the page after every press took a quarter of the walk's processor
    time. Presses that move the focus nowhere (a trap) record nothing and end the walk short.
    The last press should take the focus out of the page, to no element and so with no event:
    where it went is asked."""
    page.evaluate(RECORD_THE_WALK)
    within: list[str | None] = []
    presses = steps - 1
    while presses > 0:
        for _ in range(presses):
            page.keyboard.press("Tab")
        moved = [place for place in page.evaluate("window.__walk") if place != "top"]
        if len(moved) == len(within):
            return within
        within = moved
        presses = steps - 1 - len(within)
    place = "top"
    while place == "top":
        page.keyboard.press("Tab")
        place = page.evaluate(WHERE_THE_FOCUS_IS)
    return [*within[: steps - 1], place]


# Per page, controls the walk must reach in this order (ids, or the text of links and buttons).
MILESTONES = {
    "home": [
        "#ww-content",
        "ww-question-phenomenon",
        "ww-question-where",
        "Toon interventies",
        *(f"regios/{slug}/" for slug in home_widgets.REGION_TILES),
    ],
    "overview": ["#ww-content", "ww-text", "ww-sort", "Filters", "Wis alle filters"],
    "regions": ["#ww-content", *(f"../regios/{slug}/" for slug in home_widgets.REGION_TILES)],
    "phenomenon": ["#ww-content"],
    "evidence map": ["#ww-content"],
    "proposal": ["#ww-content", "ww-proposal-name", "ww-proposal-summary"],
}


@pytest.mark.parametrize("name", MILESTONES)
def test_keyboard_walk(visit, base_url, name):
    page = visit(base_url + PAGES[name]).page
    order = page.evaluate(TAB_ORDER)
    where = walk(page, len(order) + 1)
    # Every element in the tab order gets the focus once, in document order, and after the last
    # the focus leaves the page: nothing traps it, nothing is skipped, nothing jumps back.
    assert where[: len(order)] == [str(index) for index in range(len(order))]
    assert where[len(order) :] == [None]
    positions = [order.index(milestone) for milestone in MILESTONES[name]]
    assert positions == sorted(positions)


def test_keyboard_walk_uses_the_overview(visit, base_url):
    """The overview's filters, sorting and text search answer to the keyboard alone."""
    page = visit(base_url + PAGES["overview"]).page
    phenomenon = next(iter(CATALOGUE.interventions.values())).phenomena[0]
    box = page.locator(f'input[name="fenomeen"][value="{phenomenon}"]')
    page.keyboard.press("Tab")
    box.focus()
    page.keyboard.press("Space")
    assert box.is_checked()
    expected = len(queries.records_with(CATALOGUE, "phenomena", phenomenon))
    assert page.locator(".ww-result-count").inner_text().startswith(f"{expected} van ")
    sort = page.locator("#ww-sort")
    sort.focus()
    last = sort.locator("option").last.get_attribute("value")
    page.keyboard.press("End")
    assert sort.input_value() == last
    page.wait_for_url(re.compile(f"sorteer={last}"))


def test_keyboard_walk_answers_the_home_question(visit, base_url):
    page = visit(base_url + PAGES["home"]).page
    page.keyboard.press("Tab")
    page.locator("#ww-question-phenomenon").focus()
    page.keyboard.press("ArrowDown")
    chosen = page.locator("#ww-question-phenomenon").input_value()
    assert chosen
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/interventies/\?fenomeen="))
    assert page.locator(f'input[name="fenomeen"][value="{chosen}"]').is_checked()


def test_skip_link_leads_to_the_content(visit, base_url):
    for name in ("home", "overview", "evidence map", "proposal"):
        page = visit(base_url + PAGES[name]).page
        page.keyboard.press("Tab")
        skip = page.locator(":focus")
        assert skip.inner_text() == "Naar de inhoud"
        assert skip.is_visible()
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "ww-content"
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.closest('#ww-content') !== null")


def contrasting_pixels(page, selector: str) -> tuple[int, int]:
    """How many pixels around an element change by 3:1 or more when it gets the focus, and the
    least that counts as visible: a 2 px line around the element (WCAG 2.4.13's measure)."""
    element = page.locator(selector).first
    element.evaluate("element => element.scrollIntoView({ block: 'center' })")
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.mouse.move(0, 0)
    page.wait_for_timeout(300)
    box = element.bounding_box()
    viewport = page.viewport_size
    margin = 8
    left, top = max(box["x"] - margin, 0), max(box["y"] - margin, 0)
    right = min(box["x"] + box["width"] + margin, viewport["width"])
    bottom = min(box["y"] + box["height"] + margin, viewport["height"])
    clip = {"x": left, "y": top, "width": right - left, "height": bottom - top}
    before = page.screenshot(clip=clip)
    element.focus()
    # Material fades some controls in and out; wait until the focus has settled.
    page.wait_for_timeout(300)
    after = page.screenshot(clip=clip)
    changed = page.evaluate(
        CONTRASTING_PIXELS,
        [base64.b64encode(before).decode(), base64.b64encode(after).decode()],
    )
    # A 2 px line along the edges in view: a region taller than the screen shows only its sides.
    edges = 0
    if box["y"] >= 0:
        edges += box["width"]
    if box["y"] + box["height"] <= viewport["height"]:
        edges += box["width"]
    if box["x"] >= 0:
        edges += clip["height"] - 2 * margin
    if box["x"] + box["width"] <= viewport["width"]:
        edges += clip["height"] - 2 * margin
    return changed, 2 * edges


FOCUS_TARGETS = {
    "home": [
        ".ww-skip",
        ".md-header__button.md-logo",
        ".md-tabs__link",
        "#ww-question-phenomenon",
        ".ww-question button",
        ".ww-map__tiles a",
        ".ww-matrix--regions",
        ".ww-matrix--regions td a",
        ".ww-map__table summary",
        # Last: the search field opens the search over the page, and blurring it does not close it.
        ".md-search__input",
    ],
    "overview": [
        "#ww-text",
        "#ww-sort",
        'input[name="fenomeen"]',
        ".ww-filters button[type=reset]",
        ".ww-result__title",
    ],
    "phenomenon": [".ww-table-scroll", ".ww-gap-map a"],
    "evidence map": [".ww-evidence-map-wrapper", ".ww-evidence-map td a"],
    "proposal": [
        "#ww-proposal-name",
        'input[name="phenomena"]',
        ".ww-proposal button[type=submit]",
    ],
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", FOCUS_TARGETS)
def test_focus_is_visible(visit, base_url, name, scheme):
    page = visit(base_url + PAGES[name], color_scheme=scheme).page
    page.set_default_timeout(5000)
    # Focus by script counts as keyboard focus (:focus-visible) once a key was pressed.
    page.keyboard.press("Shift")
    faint = {}
    for selector in FOCUS_TARGETS[name]:
        changed, least = contrasting_pixels(page, selector)
        if changed < least:
            faint[selector] = (changed, least)
    assert faint == {}


@pytest.mark.parametrize("name", PAGES)
def test_reflows_at_320_pixels(tabs, base_url, name):
    page = tabs.open(base_url + PAGES[name], width=PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE


@pytest.mark.parametrize("name", PAGES)
def test_text_spacing_loses_nothing(tabs, base_url, name):
    page = tabs.open(base_url + PAGES[name], width=PHONE)
    page.add_style_tag(content=TEXT_SPACING)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE
    assert page.evaluate(CLIPPED_TEXT) == []


def test_result_count_stays_in_view_on_a_phone(visit, base_url):
    page = visit(base_url + PAGES["overview"], width=390).page
    page.locator(".ww-facets summary").click()
    box = page.locator('input[name="fenomeen"]').last
    box.scroll_into_view_if_needed()
    box.check()
    total = len(CATALOGUE.interventions)
    status = page.locator(".ww-result-count")
    assert status.get_attribute("role") == "status"
    summary = page.locator(".ww-filters__summary")
    assert summary.inner_text().startswith(status.inner_text())
    assert f"van {total} interventies" in status.inner_text()
    top, bottom = summary.evaluate(
        "element => [element.getBoundingClientRect().top, element.getBoundingClientRect().bottom]"
    )
    assert top >= 0 and bottom <= page.viewport_size["height"]


def quoted(line: str) -> str:
    """An aria-snapshot line as YAML: single-quoted, since names hold colons."""
    return "'" + line.replace("'", "''") + "'"


def test_accessibility_tree_of_the_pictures(visit, base_url):
    page = visit(base_url + PAGES["home"]).page

    # The map: a named list of links, each with the region and its count.
    tiles = []
    for slug in home_widgets.REGION_TILES:
        count = len(queries.records_with(CATALOGUE, "regions", slug))
        noun = "interventie" if count == 1 else "interventies"
        label = CATALOGUE.term("regions", slug).label
        tiles.append(f'  - listitem:\n    - link "{label} {count} {noun}"')
    expect(page.locator(".ww-map__tiles")).to_match_aria_snapshot(
        '- list "Schematische kaart van de tien RIEC-regio\'s":\n' + "\n".join(tiles)
    )

    # The matrix: a row per phenomenon with its header, and every cell read out, the empty
    # ones as "geen".
    phenomenon = queries.terms_in_use(CATALOGUE, "phenomena")[0]
    label = CATALOGUE.term("phenomena", phenomenon).label
    records = queries.records_with(CATALOGUE, "phenomena", phenomenon)
    cells = []
    for slug, term in CATALOGUE.vocabularies["regions"].items():
        count = sum(1 for record in records if slug in record.regions)
        cells.append(f'cell "{label} in {term.label}: {count}"' if count else 'cell "geen"')
    abroad = sum(1 for record in records if record.is_foreign)
    cells.append(f'cell "{label} in Buitenland: {abroad}"' if abroad else 'cell "geen"')
    row = page.locator(".ww-matrix--regions tbody tr").first
    expect(row).to_match_aria_snapshot(
        "- row:\n"
        + f'  - rowheader "{label}"\n'
        + "\n".join(f"  - {quoted(cell)}" for cell in cells)
    )
    expect(page.locator(".ww-matrix--regions")).to_match_aria_snapshot(
        '- region "Fenomenen per regio":\n  - table "Aantal interventies per fenomeen en regio"'
    )

    # The evidence spread: a row per level, its header and its count.
    levels = []
    for slug, term in CATALOGUE.vocabularies["evidence_levels"].items():
        count = sum(
            1 for record in CATALOGUE.interventions.values() if record.evidence_level == slug
        )
        levels.append(f'  - row "{term.label} {count}":\n    - rowheader "{term.label}"')
    expect(page.locator("table.ww-spread")).to_match_aria_snapshot(
        '- table "Interventies per niveau van onderbouwing":\n'
        "  - rowgroup:\n"
        "    - row:\n"
        '      - columnheader "Onderbouwing"\n'
        '      - columnheader "Verhouding"\n'
        '      - columnheader "Aantal"\n'
        "  - rowgroup:\n" + "\n".join("  " + level.replace("\n", "\n  ") for level in levels)
    )


def test_accessibility_tree_of_the_evidence_and_gap_tables(visit, base_url):
    page = visit(base_url + PAGES["evidence map"]).page
    steps = [term.label for term in CATALOGUE.vocabularies["barrier_steps"].values()]
    header = "\n".join(f'      - columnheader "{step}"' for step in steps)
    expect(page.locator(".ww-evidence-map-wrapper")).to_match_aria_snapshot(
        "- " + quoted('region "Bewijskaart: fenomenen per stap"') + ":\n"
        '  - table "Interventies per fenomeen en stap, met het sterkste bewijs":\n'
        "    - rowgroup:\n"
        "      - row:\n"
        '        - columnheader "Fenomeen"\n' + header.replace("      -", "        -")
    )
    # Each cell is named by its phenomenon and step: a count with its evidence, or a gap.
    phenomenon = queries.terms_in_use(CATALOGUE, "phenomena")[0]
    label = CATALOGUE.term("phenomena", phenomenon).label
    cells = []
    for slug, term in CATALOGUE.vocabularies["barrier_steps"].items():
        cell = evidence_map.cell(CATALOGUE, phenomenon, slug)
        if cell.is_gap:
            cells.append(f'cell "Gat: geen interventie tegen {label} bij {term.label}"')
        else:
            cells.append(
                f"cell /{re.escape(f'{label}, {term.label}: ')}\\d+ interventies?, sterkste bewijs .+/"
            )
    row = page.locator(".ww-evidence-map tbody tr").filter(
        has=page.get_by_role("rowheader", name=label, exact=True)
    )
    expect(row).to_match_aria_snapshot(
        f'- row:\n  - rowheader "{label}"\n' + "\n".join(f"  - {quoted(cell)}" for cell in cells)
    )

    # The gap table on a phenomenon's page: four named columns, a header per step.
    page = visit(base_url + PAGES["phenomenon"]).page
    expect(page.locator(".ww-gap-map")).to_match_aria_snapshot(
        "- table:\n"
        "  - rowgroup:\n"
        "    - row:\n"
        '      - columnheader "Stap"\n'
        '      - columnheader "Nederlandse interventies"\n'
        '      - columnheader "Knelpunten"\n'
        '      - columnheader "Buitenland"'
    )
    for row in page.locator(".ww-gap-map tbody tr").all():
        assert row.get_by_role("rowheader").count() == 1
        assert [cell.inner_text().strip() != "" for cell in row.get_by_role("cell").all()] == [
            True
        ] * 3


def test_single_key_shortcuts_are_off(visit, base_url):
    page = visit(base_url + PAGES["about"]).page
    for key in ("f", "s", "/", "n", "p"):
        page.keyboard.press(key)
        assert page.evaluate("document.activeElement === document.body")
        assert page.url == base_url + PAGES["about"]
    # In a field the letters are typed as usual.
    page.locator(".md-search__input").focus()
    page.keyboard.type("fsn")
    assert page.locator(".md-search__input").input_value() == "fsn"
