"""The XSS corpus (tests/xss/payloads.yml) against page generation, the built site and the validator.

Records arrive by pull request from anyone, so every payload goes into every text field of a
SYNTHETIC record:

- page generation: `build.generated_pages` on records built with `Intervention.from_data`, on
  purpose without the validator, must never let a payload become markup, a script link or a
  template; what reaches the theme's templates (title, description, search index) is checked
  on a real `mkdocs build`. tests/e2e/test_xss_browser.py loads the same pages in Chromium.
- the validator: `catalogus validate` refuses a record with a markup payload in any field, exit
  1, with a problem line that names the field (`sources[0].title`, `partners[1]`, ...).
"""

import base64
import copy
import functools
import itertools
import json
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import markupsafe
import pytest
import yaml

from catalogus import intervention_pages, markdown_text, paths, rendering, urls
from catalogus.build import generated_pages
from catalogus.exports import linked_data
from catalogus.records import Catalogue, Intervention
from catalogus.vocabularies import load_vocabularies

from .conftest import TESTS, VALID_RECORD
from .site_project import build, make_project

# Under pytest-xdist these tests share one worker: the corpus's pages generated once for the module.
pytestmark = pytest.mark.xdist_group("test_xss")

CORPUS = TESTS / "xss" / "payloads.yml"
SITE_NAME = "Wat werkt tegen ondermijning"
# Generated pages go under this folder of the throw-away project's docs/, so they do not collide
# with the pages the site's hook generates for its own (empty) catalogue.
PREFIX = "proef"


@dataclass(frozen=True)
class Payload:
    id: str
    kind: str  # "markup" (must be refused by the validator) or "template" (harmless text)
    text: str

    def __str__(self) -> str:
        return self.id

    @property
    def record_id(self) -> str:
        return f"xss-{self.id}"


def _load_corpus() -> tuple[list[Payload], list[Payload]]:
    data = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))
    texts = [Payload(item["id"], item["kind"], item["text"]) for item in data["text"]]
    urls = [Payload(item["id"], "url", item["text"]) for item in data["urls"]]
    return texts, urls


PAYLOADS, URL_PAYLOADS = _load_corpus()
MARKUP_PAYLOADS = [payload for payload in PAYLOADS if payload.kind == "markup"]
TEMPLATE_PAYLOADS = [payload for payload in PAYLOADS if payload.kind == "template"]
QUOTE_PAYLOADS = [payload for payload in PAYLOADS if payload.kind == "quote"]

# Every field of a record that holds text an editor writes, by its dotted name as the validator
# prints it. Plain-text fields are escaped by `pages`; markdown fields are rendered and sanitised.
PLAIN_FIELDS = (
    "title",
    "summary",
    "lead_organisation",
    "partners[1]",
    "target_group",
    "active_components[0]",
    "evidence.explanation",
    "outcome.explanation",
    "contact.organisation",
    "sources[0].title",
)
MARKDOWN_FIELDS = (
    "description",
    "approach",
    "results",
    "lessons",
    "implementation.costs",
    "implementation.capacity",
    "implementation.legal_basis",
    "implementation.preconditions",
)
URL_FIELDS = ("contact.url", "sources[0].url")
# Text fields of a foreign record only; `pages` does not show them (yet), the validator checks them.
FOREIGN_FIELDS = ("adoption_in_nl", "dutch_counterparts[0]")
# Fields whose values are slugs, codes, dates or ids: a payload there is refused as well.
SLUG_FIELDS = (
    "phenomena[0]",
    "regions[0]",
    "country",
    "access",
    "kinds[0]",
    "instruments[0]",
    "barrier_steps[0]",
    "status",
    "evidence.level",
    "outcome.result",
    "related[0]",
    "last_reviewed",
)
TEXT_FIELDS = PLAIN_FIELDS + MARKDOWN_FIELDS

# What the marker of a payload looks like when it runs: see tests/xss/payloads.yml.
MARKERS = ("__xss", "alert(")
UNSAFE_SCHEMES = ("javascript:", "data:", "vbscript:")
URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "xlink:href",
    "background",
    "poster",
    "codebase",
    "cite",
}
DANGEROUS_TAGS = {
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "base",
    "meta", "link", "math", "svg", "textarea", "img", "video", "audio", "source", "template",
    "noscript", "xmp", "plaintext", "title", "marquee",
}  # fmt: skip


def field_path(name: str) -> tuple[str | int, ...]:
    """`sources[0].title` → ("sources", 0, "title")."""
    return tuple(
        int(part[1:-1]) if part.startswith("[") else part
        for part in re.findall(r"\[\d+\]|[^.\[\]]+", name)
    )


def with_value(data: dict, name: str, value) -> dict:
    """A copy of record data with the field `name` (dotted, as printed) set to `value`."""
    data = copy.deepcopy(data)
    path = field_path(name)
    container = data
    for step, following in itertools.pairwise(path):
        if isinstance(step, str):
            container = container.setdefault(step, [] if isinstance(following, int) else {})
        else:
            container = container[step]
    last = path[-1]
    if isinstance(last, int):
        while len(container) <= last:
            container.append(value)
    container[last] = value
    return data


@functools.cache
def _parsed_base_record() -> dict:
    return yaml.safe_load(VALID_RECORD.read_text(encoding="utf-8"))


def base_record() -> dict:
    """The synthetic valid record (tests/data/valid-record.yml) as data, a copy of its own: the
    corpus makes some thousands, and parsing the file each time was most of their cost."""
    return copy.deepcopy(_parsed_base_record())


def foreign_base_record() -> dict:
    """The synthetic record as a foreign approach, which may have the foreign-only fields."""
    data = base_record()
    data["country"] = "BE"
    del data["regions"]
    return data


# A word only one record of the corpus has (in its first partner), to find it with the site search.
# Letters only, so that no digits (such as 49) show up on a page through it.
SEARCH_WORDS = {
    payload.id: f"kenmerk{chr(97 + number // 26)}{chr(97 + number % 26)}q"
    for number, payload in enumerate(PAYLOADS)
}


def record_with_payload(text: str, fields=TEXT_FIELDS, search_word: str = "") -> dict:
    data = base_record()
    for name in fields:
        data = with_value(data, name, text)
    if search_word:
        data["partners"][0] = f"Testpartner {search_word}"
    return data


def url_record() -> dict:
    """A record whose contact and sources link to every URL payload (text stays harmless)."""
    data = base_record()
    data["title"] = "Proef met webadressen"
    data["contact"]["url"] = URL_PAYLOADS[0].text
    data["sources"] = [
        {"title": f"Bron {payload.id}", "url": payload.text, "year": 2020}
        for payload in URL_PAYLOADS
    ]
    return data


URL_RECORD_ID = "xss-url-fields"


def xss_catalogue(include_urls: bool = True) -> Catalogue:
    """One record per payload with the payload in every text field; no validator involved."""
    records = {
        payload.record_id: record_with_payload(payload.text, search_word=SEARCH_WORDS[payload.id])
        for payload in PAYLOADS
    }
    if include_urls:
        records[URL_RECORD_ID] = url_record()
    interventions = {
        record_id: Intervention.from_data(record_id, Path(f"{record_id}.yml"), data)
        for record_id, data in records.items()
    }
    return Catalogue(dict(sorted(interventions.items())), load_vocabularies(paths.VOCABULARIES))


def build_xss_site(target: Path, generated: dict[str, str]) -> Path:
    """A project with an empty catalogue and `generated` written under docs/PREFIX; its site/."""
    project = make_project(target, {})
    for source_path, content in generated.items():
        page = project / "docs" / PREFIX / source_path
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(content, encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def collapse(text: str) -> str:
    """Text as a browser shows it: control characters as spaces, runs of whitespace as one."""
    return " ".join(re.sub(r"[\x00-\x1f\x7f]", " ", text).split())


# --- Reading HTML the way the checks need it ---------------------------------------------------


def normalised_url(value: str) -> str:
    """A URL attribute as the browser's URL parser sees its scheme.

    Character references are already decoded by the HTML parser; the URL parser then drops
    leading and trailing C0 controls and spaces, and removes tabs and line breaks anywhere.
    """
    value = value.strip("".join(chr(code) for code in range(0x21)))
    return re.sub(r"[\t\n\r]", "", value).lower()


def is_unsafe_url(value: str) -> bool:
    return normalised_url(value).startswith(UNSAFE_SCHEMES)


class MarkupAudit(HTMLParser):
    """Everything in an HTML fragment that a payload could use to run, as readable problems.

    `drawn` are elements the code itself draws (the region map's <svg>), not record text.
    A JSON-LD data block never runs; its escaping is tested in test_json_ld_keeps_every_payload_inside_its_data_block.
    """

    def __init__(self, drawn: frozenset[str] = frozenset()):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.drawn = drawn

    def handle_starttag(self, tag, attrs):
        self._check(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._check(tag, attrs)

    def _check(self, tag, attrs):
        is_data_block = tag == "script" and dict(attrs).get("type") in (
            "application/ld+json",
            "application/json",
        )
        if tag in DANGEROUS_TAGS and tag not in self.drawn and not is_data_block:
            self.problems.append(f"element <{tag}>")
        names = {name for name, _ in attrs}
        for name, value in attrs:
            value = value or ""
            if (
                name.startswith("on")
                or name in ("srcdoc", "style", "http-equiv")
                or (name in URL_ATTRIBUTES and is_unsafe_url(value))
            ):
                self.problems.append(f"<{tag} {name}={value!r}>")
        if tag == "a" and "href" in names:
            href = dict(attrs)["href"] or ""
            rel = set((dict(attrs).get("rel") or "").split())
            if (
                normalised_url(href).startswith(("http:", "https:", "//"))
                and not {
                    "noopener",
                    "noreferrer",
                }
                <= rel
            ):
                self.problems.append(f"external link without noopener noreferrer: {href!r}")
        if tag == "a" and "target" in names:
            self.problems.append(f"<a target={dict(attrs)['target']!r}>")


def audit(fragment: str, drawn: frozenset[str] = frozenset()) -> list[str]:
    parser = MarkupAudit(drawn)
    parser.feed(fragment)
    parser.close()
    return parser.problems


def page_body(page: str) -> str:
    """A generated page without its front matter (which the theme uses, not the page body)."""
    assert page.startswith("---\n")
    return page.split("\n---\n", 1)[1]


class TextOf(HTMLParser):
    """The text of an HTML fragment, as innerHTML would show it, and the tags in it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text = ""
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text += data


def text_of(fragment: str) -> TextOf:
    parser = TextOf()
    parser.feed(fragment)
    parser.close()
    return parser


def visible_code(text: str) -> str:
    """A payload with its base64 `data:` parts decoded, so their marker can be seen."""
    for encoded in re.findall(r"base64,([A-Za-z0-9+/=]+)", text):
        text += "\n" + base64.b64decode(encoded).decode()
    return text


# --- The corpus itself --------------------------------------------------------------------------


def test_corpus_is_large_varied_and_every_payload_leaves_a_marker():
    assert len(PAYLOADS) >= 25
    assert len({payload.id for payload in PAYLOADS + URL_PAYLOADS}) == len(PAYLOADS + URL_PAYLOADS)
    for payload in MARKUP_PAYLOADS + QUOTE_PAYLOADS + URL_PAYLOADS:
        assert any(marker in visible_code(payload.text) for marker in MARKERS), payload.id
    for payload in TEMPLATE_PAYLOADS:
        assert "{{ 7*7 }}" in payload.text, payload.id
    texts = "\n".join(payload.text for payload in PAYLOADS)
    for family in (
        "<script",
        "onerror=",
        "<svg onload",
        "<iframe srcdoc",
        "](javascript:",
        "](data:",
        "](vbscript:",
        "jav&#x09;ascript:",
        "%6A%61vascript:",
        "[kwaad]: javascript:",
        "<javascript:",
        '" onmouseover="',
        "</textarea><script>",
        "expression(",
        "<math",
        "<form action",
        "{{ 7*7 }}",
        "{% raw %}",
        "count_interventions()",
    ):
        assert family in texts, family


def test_field_paths_reach_every_text_field_of_the_synthetic_record():
    data = record_with_payload("PAYLOAD")
    for name in TEXT_FIELDS:
        value = data
        for step in field_path(name):
            value = value[step]
        assert value == "PAYLOAD", name
    assert data["partners"][0] == "Testpartner Een"


# --- Page generation, without the validator -----------------------------------------------------


@pytest.mark.parametrize("payload", PAYLOADS, ids=str)
def test_markdown_renderer_leaves_nothing_that_runs(payload):
    rendered = markdown_text.render(payload.text)
    assert audit(rendered) == []
    assert "49" not in rendered


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return xss_catalogue()


@pytest.fixture(scope="module")
def generated(catalogue) -> dict[str, str]:
    return generated_pages(catalogue)


@pytest.mark.parametrize("payload", PAYLOADS, ids=str)
def test_intervention_page_body_escapes_and_sanitises_every_field(generated, payload):
    page = generated[urls.intervention_path(payload.record_id)]
    body = page_body(page)
    assert audit(body) == []
    # Plain-text fields are shown exactly as written: the escaped text is in the page.
    assert str(markupsafe.escape(payload.text)) in body
    assert "49" not in body


def test_overview_and_term_pages_escape_every_title_and_summary(generated):
    listing_pages = [path for path in generated if not path.startswith("interventies/xss-")]
    assert "interventies/index.md" in listing_pages
    for path in listing_pages:
        # Elements the code draws, not record text: the region map, the proposal form's fields.
        drawn = {
            "regios/index.md": frozenset({"svg"}),
            "voorstellen/index.md": frozenset({"textarea"}),
        }
        drawn = drawn.get(path, frozenset())
        assert audit(page_body(generated[path]), drawn) == [], path


@pytest.mark.parametrize("payload", URL_PAYLOADS, ids=str)
def test_url_fields_never_become_a_script_link(payload):
    # Without the validator, contact.url and sources[].url reach the page as they are.
    data = base_record()
    data["contact"]["url"] = payload.text
    data["sources"][0]["url"] = payload.text
    record = Intervention.from_data("xss-url", Path("xss-url.yml"), data)
    catalogue = Catalogue({record.id: record}, load_vocabularies(paths.VOCABULARIES))
    body = page_body(intervention_pages.intervention_page(catalogue, record))
    assert audit(body) == []


@pytest.mark.parametrize("payload", PAYLOADS, ids=str)
def test_json_ld_keeps_every_payload_inside_its_data_block(catalogue, payload):
    # Intervention pages carry schema.org data in a <script type="application/ld+json">, printed
    # by an autoescaping template.
    record = catalogue.interventions[payload.record_id]
    template = rendering.environment().from_string(
        '<script type="application/ld+json">{{ linked_data }}</script>'
    )
    script = template.render(
        linked_data=linked_data.json_ld_text(record, catalogue, "https://example.org/")
    )
    parsed = ScriptBlocks()
    parsed.feed(script)
    parsed.close()
    assert parsed.blocks == [("application/ld+json", parsed.blocks[0][1])]
    assert parsed.other == []
    data = json.loads(parsed.blocks[0][1])
    assert (data["headline"], data["description"]) == (payload.text, payload.text)


class ScriptBlocks(HTMLParser):
    """The <script> elements of a fragment (type and text), and anything else in it."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.blocks: list[tuple[str, str]] = []
        self.other: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.in_script = True
            self.blocks.append((dict(attrs).get("type") or "", ""))
        else:
            self.other.append(tag)

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_script = False
        else:
            self.other.append(f"/{tag}")

    def handle_data(self, data):
        if self.in_script:
            kind, text = self.blocks[-1]
            self.blocks[-1] = (kind, text + data)
        elif data.strip():
            self.other.append(data)


# --- What reaches the theme: a real build -------------------------------------------------------


@pytest.fixture(scope="module")
def built_site(xss_site) -> Path:
    return xss_site


class HeadOf(HTMLParser):
    """The <title> text and the attributes of <meta name="description"> of a built page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.titles: list[str] = []
        self.descriptions: list[list[tuple[str, str | None]]] = []
        self.unexpected: list[str] = []
        self.in_title = False
        self.in_head = True

    def handle_starttag(self, tag, attrs):
        if tag == "body":
            self.in_head = False
        if not self.in_head:
            return
        if tag == "title":
            self.in_title = True
            self.titles.append("")
        elif tag == "meta" and ("name", "description") in attrs:
            self.descriptions.append(attrs)
        elif tag not in ("meta", "link", "script", "style", "html", "head", "title"):
            self.unexpected.append(f"<{tag} {attrs}>")

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False

    def handle_data(self, data):
        if self.in_title:
            self.titles[-1] += data


@pytest.mark.parametrize("payload", PAYLOADS, ids=str)
def test_built_page_title_and_description_are_the_record_text(built_site, payload):
    # The theme puts the front matter's title and description into <head> as they are
    # (mkdocs' templates do not escape); they must still arrive there as text.
    page = built_site / PREFIX / "interventies" / payload.record_id / "index.html"
    head = HeadOf()
    head.feed(page.read_text(encoding="utf-8"))
    assert head.unexpected == []
    assert head.titles == [f"{payload.text} - {SITE_NAME}"]
    assert head.descriptions == [[("name", "description"), ("content", payload.text)]]


@pytest.mark.parametrize("payload", PAYLOADS, ids=str)
def test_search_index_titles_are_the_record_text(built_site, payload):
    # The theme's search shows a result's title with innerHTML: it must hold no markup.
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    location = f"{PREFIX}/interventies/{payload.record_id}/"
    titles = [entry["title"] for entry in index["docs"] if entry["location"] == location]
    assert titles, location
    for title in titles:
        shown = text_of(title)
        assert (shown.tags, shown.text) == ([], payload.text)


# --- The validator ------------------------------------------------------------------------------

PROBLEM = re.compile(r"(?P<path>.+):(?P<line>\d+):(?P<column>\d+): (?P<field>\S+): (?P<message>.+)")


def file_name(field: str) -> str:
    """A valid record id per field: `sources[0].title` → proef-sources-0-title.yml."""
    return "proef-" + re.sub(r"[^a-z0-9]+", "-", field.lower()).strip("-") + ".yml"


def write_records(directory: Path, records: dict[str, dict]) -> dict[str, str]:
    """Write each field's record into `directory`; returns file path (as printed) → field."""
    directory.mkdir()
    written = {}
    for field, data in records.items():
        path = directory / file_name(field)
        # libyaml's emitter: the corpus writes some thousands of records.
        text = yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False)
        path.write_text(text, "utf-8")
        written[str(path)] = field
    return written


def records_with(text: str, fields) -> dict[str, dict]:
    return {
        field: with_value(
            foreign_base_record() if field in FOREIGN_FIELDS else base_record(), field, text
        )
        for field in fields
    }


def problem_fields(stdout: str) -> dict[str, set[str]]:
    fields: dict[str, set[str]] = {}
    for line in stdout.splitlines():
        match = PROBLEM.fullmatch(line)
        assert match, f"not a problem line: {line!r}"
        fields.setdefault(match["path"], set()).add(match["field"])
    return fields


ALL_FIELDS = TEXT_FIELDS + URL_FIELDS + FOREIGN_FIELDS + SLUG_FIELDS


def test_the_records_the_validator_tests_start_from_are_valid(tmp_path, run_cli, empty_catalogue):
    directory = tmp_path / "records"
    directory.mkdir()
    for name, data in (("proef-nl.yml", base_record()), ("proef-be.yml", foreign_base_record())):
        (directory / name).write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    result = run_cli("validate", str(directory))
    assert (result.code, result.stdout) == (0, "")


@pytest.mark.parametrize("payload", MARKUP_PAYLOADS + URL_PAYLOADS, ids=str)
def test_validator_refuses_the_payload_in_every_field_and_names_it(
    tmp_path, run_cli, empty_catalogue, payload
):
    # A URL payload is about the URL fields; in a text field a web address with quotes is
    # ordinary text, escaped on every page (the `quote` payloads check that).
    fields = URL_FIELDS if payload in URL_PAYLOADS else ALL_FIELDS
    written = write_records(tmp_path / "records", records_with(payload.text, fields))
    result = run_cli("validate", str(tmp_path / "records"))
    assert result.code == 1, result.stdout
    found = problem_fields(result.stdout)
    not_named = sorted(
        field for path, field in written.items() if field not in found.get(path, set())
    )
    assert not not_named, f"{payload.text!r} passes, or is not named, in: {', '.join(not_named)}"


@pytest.mark.parametrize("payload", TEMPLATE_PAYLOADS, ids=str)
def test_validator_accepts_template_text_which_is_shown_as_written(
    tmp_path, run_cli, empty_catalogue, payload
):
    # README: record text is never evaluated as a template; `{{ 7*7 }}` shows as written.
    records = records_with(payload.text, (*TEXT_FIELDS, "adoption_in_nl"))
    write_records(tmp_path / "records", records)
    result = run_cli("validate", str(tmp_path / "records"))
    assert (result.code, result.stdout) == (0, "")


RULING = "https://uitspraken.rechtspraak.nl/details?id="


def test_a_dutch_ecli_in_record_text_links_to_the_ruling():
    html = markdown_text.render(
        "De Raad van State (ECLI:NL:RVS:2022:285). Ook ECLI:BE:GHANT:2020:1."
    )
    assert (
        f'(<a href="{RULING}ECLI:NL:RVS:2022:285" rel="noopener noreferrer">'
        "ECLI:NL:RVS:2022:285</a>)." in html
    )
    assert "ECLI:BE:GHANT:2020:1" in html and html.count("<a ") == 1  # Dutch rulings only


def test_an_ecli_in_a_link_or_an_attribute_stays_as_it_is():
    html = markdown_text.render(
        '[de uitspraak ECLI:NL:HR:2020:797](https://example.org/ "ECLI:NL:HR:2020:797 >")'
    )
    assert html.count("<a ") == 1 and RULING not in html


def test_an_ecli_in_plain_text_links_to_the_ruling_and_the_rest_is_escaped():
    html = rendering.reference_links("<b>zie</b> ECLI:NL:GHARL:2018:10865")
    assert html == (
        f'&lt;b&gt;zie&lt;/b&gt; <a href="{RULING}ECLI:NL:GHARL:2018:10865" '
        'rel="noopener noreferrer">ECLI:NL:GHARL:2018:10865</a>'
    )


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Kamerstukken II 2019/20, 35 764, nr. 6", "kst-35764-6.html"),
        ("Kamerstuk 29 911, nr. 435", "kst-29911-435.html"),
        ("Kamerstukken I 2023/24, 36 200-VI, nr. 12", "kst-36200-VI-12.html"),
    ],
)
def test_a_kamerstuk_reference_links_to_its_official_publication(text, address):
    html = markdown_text.render(f"Zie {text}.")
    assert html == (
        f'<p>Zie <a href="https://zoek.officielebekendmakingen.nl/{address}" '
        f'rel="noopener noreferrer">{text}</a>.</p>'
    )
    assert address in rendering.reference_links(text)


def test_a_kamerstuk_in_a_link_stays_as_it_is():
    html = markdown_text.render("[Kamerstuk 29 911, nr. 435](https://example.org/)")
    assert html.count("<a ") == 1 and "officielebekendmakingen" not in html
