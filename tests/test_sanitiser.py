"""The markdown renderer's sanitiser: its allow-list pinned, and no attribute beyond it survives.

Records reach the page through `markdown_text.render`; `style` would allow a full-page overlay
(the policy allows inline styles for the theme), `class` the theme's own look, and `id` or
`name` could clobber globals the theme's scripts read (an element with id `__xss` becomes
`window.__xss`).
"""

from html.parser import HTMLParser

import cmarkgfm
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from catalogus import markdown_text
from catalogus.markdown_text import render


def test_the_allow_list_is_pinned():
    assert {
        "p", "br", "strong", "em", "b", "i", "code", "pre", "blockquote",
        "ul", "ol", "li", "a", "h3", "h4", "h5", "h6",
        "table", "thead", "tbody", "tr", "th", "td",
    } == markdown_text.ALLOWED_TAGS  # fmt: skip
    assert {
        "*": set(),
        "a": {"href", "title"},
        "th": {"align"},
        "td": {"align"},
    } == markdown_text.ALLOWED_ATTRIBUTES
    assert {"http", "https", "mailto"} == markdown_text.ALLOWED_URL_SCHEMES


class Elements(HTMLParser):
    """Every element of a fragment with its attributes, in order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def elements(fragment: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Elements()
    parser.feed(fragment)
    parser.close()
    return parser.found


# Every attribute a payload could use on an allowed tag, with a marker value.
HOSTILE_ATTRIBUTES = (
    'style="position:fixed;top:0;left:0;width:100%;height:100%;z-index:9999;background:#fff" '
    'class="md-dialog md-dialog--active" id="__xss" name="__xss" lang="en" dir="rtl" '
    'onclick="window.__xss=1" tabindex="0" target="_blank" rel="opener" data-md-component="x"'
)

# Where each allowed tag can stand, so the parser keeps it; {} is where the attributes go.
IN_CONTEXT = {
    "p": "<p {}>tekst</p>",
    "br": "<p>een<br {}>twee</p>",
    "strong": "<p><strong {}>tekst</strong></p>",
    "em": "<p><em {}>tekst</em></p>",
    "b": "<p><b {}>tekst</b></p>",
    "i": "<p><i {}>tekst</i></p>",
    "code": "<p><code {}>tekst</code></p>",
    "pre": "<pre {}>tekst</pre>",
    "blockquote": "<blockquote {}>tekst</blockquote>",
    "ul": "<ul {}><li>tekst</li></ul>",
    "ol": "<ol {}><li>tekst</li></ol>",
    "li": "<ul><li {}>tekst</li></ul>",
    "a": '<p><a href="https://example.org/" title="titel" {}>tekst</a></p>',
    "h3": "<h3 {}>tekst</h3>",
    "h4": "<h4 {}>tekst</h4>",
    "h5": "<h5 {}>tekst</h5>",
    "h6": "<h6 {}>tekst</h6>",
    "table": "<table {}><tbody><tr><td>tekst</td></tr></tbody></table>",
    "thead": "<table><thead {}><tr><th>kop</th></tr></thead></table>",
    "tbody": "<table><tbody {}><tr><td>tekst</td></tr></tbody></table>",
    "tr": "<table><tbody><tr {}><td>tekst</td></tr></tbody></table>",
    "th": '<table><thead><tr><th align="center" {}>kop</th></tr></thead></table>',
    "td": '<table><tbody><tr><td align="right" {}>tekst</td></tr></tbody></table>',
}


def test_every_allowed_tag_is_tried():
    assert set(IN_CONTEXT) == markdown_text.ALLOWED_TAGS


@pytest.mark.parametrize("tag", sorted(IN_CONTEXT))
def test_an_allowed_tag_keeps_only_its_allowed_attributes(tag):
    rendered = render(IN_CONTEXT[tag].format(HOSTILE_ATTRIBUTES))
    found = elements(rendered)
    assert tag in [name for name, _ in found], rendered
    for name, attributes in found:
        allowed = markdown_text.ALLOWED_ATTRIBUTES.get(name, set())
        assert set(attributes) - {"rel"} <= allowed, rendered
        if "rel" in attributes:
            assert (name, attributes["rel"]) == ("a", "noopener noreferrer")


def test_links_keep_their_address_and_title_and_get_a_safe_rel():
    assert elements(render('[tekst](https://example.org/pad "Titel")')) == [
        ("p", {}),
        ("a", {"href": "https://example.org/pad", "title": "Titel", "rel": "noopener noreferrer"}),
    ]
    assert elements(render("[mail](mailto:info@example.org)"))[1] == (
        "a",
        {"href": "mailto:info@example.org", "rel": "noopener noreferrer"},
    )


@pytest.mark.parametrize(
    "target",
    ["javascript:alert(1)", "vbscript:msgbox", "data:text/html,x", "ftp://example.org/"],
)
def test_links_with_other_schemes_lose_their_address(target):
    [_, (name, attributes)] = elements(render(f"[tekst]({target})"))
    assert name == "a" and "href" not in attributes


def test_table_cells_keep_their_alignment():
    rendered = render('<table><tr><th align="left">a</th><td align="right">b</td></tr></table>')
    cells = [(name, attributes) for name, attributes in elements(rendered) if name in ("th", "td")]
    assert cells == [("th", {"align": "left"}), ("td", {"align": "right"})]


@pytest.mark.parametrize(
    ("markdown", "heading"),
    [
        ("# Kop", "h3"),
        ("## Kop", "h4"),
        ("### Kop", "h3"),
        ("#### Kop", "h4"),
        ("###### Kop", "h6"),
    ],
)
def test_headings_sit_below_the_page_headings(markdown, heading):
    assert render(markdown) == f"<{heading}>Kop</{heading}>"


def test_a_heading_is_closed_before_the_text_that_follows():
    assert render("# Kop\n\nTekst.\n\n## Sub\n\nMeer.") == (
        "<h3>Kop</h3>\n<p>Tekst.</p>\n<h4>Sub</h4>\n<p>Meer.</p>"
    )


def test_markdown_still_renders():
    assert render("Een *lijst*:\n\n- een\n- twee") == (
        "<p>Een <em>lijst</em>:</p>\n<ul>\n<li>een</li>\n<li>twee</li>\n</ul>"
    )
    assert render("| a | b |\n|---|---|\n| 1 | 2 |").startswith("<table>\n<thead>\n<tr>")


def test_record_text_reads_as_github_shows_it_in_the_pull_request():
    # Editors see their text in GitHub's preview; a list nested under an item of a numbered list
    # (indented by three spaces, as in the records) must stay a list on the site too.
    text = "1. **Stap een.** Uitleg:\n   - eerste punt;\n   - tweede punt.\n2. Stap twee."
    assert [name for name, _ in elements(render(text))] == [
        "ol", "li", "strong", "ul", "li", "li", "li",
    ]  # fmt: skip
    # A list may follow a sentence directly, as on GitHub.
    assert [name for name, _ in elements(render("Drie punten:\n- a\n- b"))] == [
        "p", "ul", "li", "li",
    ]  # fmt: skip


# Markdown's own characters, with letters, spaces and line breaks between them; no `|`.
MARKDOWN_WITHOUT_PIPES = st.text(alphabet="#*_-+`~[]()<>!:\\/.1 \nab&\"'=", max_size=80)


@given(MARKDOWN_WITHOUT_PIPES)
@settings(max_examples=400, deadline=None)
def test_text_without_a_pipe_renders_as_it_would_with_the_table_extension(text):
    """Text without `|` skips the table extension (faster): it cannot hold a table."""
    with_tables = cmarkgfm.markdown_to_html_with_extensions(
        text, options=markdown_text.CMARK_OPTIONS, extensions=markdown_text.CMARK_EXTENSIONS
    )
    assert cmarkgfm.markdown_to_html(text, options=markdown_text.CMARK_OPTIONS) == with_tables


def test_a_table_still_renders():
    assert "<table>" in render("| Kosten | Jaar |\n|---|---|\n| 10 | 2024 |")
