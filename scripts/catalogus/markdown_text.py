"""Record markdown to safe HTML: cmark-gfm, then the nh3 sanitiser with an allow-list.

cmark-gfm is GitHub's CommonMark renderer, so a record's text reads on the site as it does in the
pull request an editor opened (a nested list indented by three spaces, for one), and it is fast in
C: Python-Markdown took most of the hook's own build time (bench/REPORT.md).

Records come from pull requests anyone may open. Raw HTML in them is reduced to the allow-list,
links keep only http(s) and mailto targets, and every link gets rel="noopener noreferrer".
A Dutch court ruling's ECLI number in the text links to the ruling on rechtspraak.nl, and a
Kamerstuk reference to its official publication on officielebekendmakingen.nl.
"""

import html
import re

import cmarkgfm
import nh3
from cmarkgfm.cmark import Options

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    # Attributes for every tag: none. Without this key nh3 allows `lang` and `title` everywhere.
    "*": set(),
    "a": {"href", "title"},
    "th": {"align"},
    "td": {"align"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

# Raw HTML is left in for nh3 to reduce to the allow-list (cmark's own "safe" mode would drop even
# an allowed <strong>); GitHub's table syntax is the one extension records use.
CMARK_OPTIONS = Options.CMARK_OPT_UNSAFE
CMARK_EXTENSIONS = ["table"]

# A Dutch ECLI: ECLI:NL:<court>:<year>:<number>; a full stop after it ends the sentence.
ECLI = re.compile(r"(?<![\w:])ECLI:NL:[A-Z0-9]{1,7}:\d{4}:[A-Z0-9]+(?:\.[A-Z0-9]+)*(?!\w)")
RULING_URL = "https://uitspraken.rechtspraak.nl/details?id="
# A parliamentary paper as Dutch legal writing cites it: "Kamerstukken II 2019/20, 35 764, nr. 6"
# or "Kamerstuk 29 911, nr. 435"; the dossier may carry a part, as in "36 200-VI".
KAMERSTUK = re.compile(
    r"(?<!\w)Kamerstuk(?:ken)?(?: I{1,2})?(?: \d{4}/\d{2,4})?,? "
    r"(?P<dossier>\d{2}[ \u00a0]?\d{3})(?P<part>-[A-Z0-9]+)?,? nr\. ?(?P<number>\d+)(?!\w)"
)
KAMERSTUK_URL = "https://zoek.officielebekendmakingen.nl/kst-{dossier}{part}-{number}.html"
# A tag of sanitised HTML (its attribute values are quoted), or the text between two tags.
TAG = re.compile(r"""(<(?:[^>"']|"[^"]*"|'[^']*')*>)""")
LINK_TAG = re.compile(r"</?a[\s>]", re.IGNORECASE)


# Made once: `nh3.clean` builds its sanitiser from these sets on every call, which took half the
# time of cleaning a record's fields.
_CLEANER = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=ALLOWED_URL_SCHEMES,
    link_rel="noopener noreferrer",
)


def _clean(html_text: str) -> str:
    return _CLEANER.clean(html_text)


# `make serve` renders every field again after each change, so it keeps what it rendered (the
# text alone decides the HTML); a full build renders each field once and keeps nothing.
_rendered: dict[str, str] | None = None


def keep_rendered() -> None:
    global _rendered
    if _rendered is None:
        _rendered = {}


def render(text: str) -> str:
    """Safe HTML for a markdown field of a record."""
    if _rendered is None:
        return _render(text)
    if text not in _rendered:
        _rendered[text] = _render(text)
    return _rendered[text]


def _render(text: str) -> str:
    if "|" in text:
        converted = cmarkgfm.markdown_to_html_with_extensions(
            text, options=CMARK_OPTIONS, extensions=CMARK_EXTENSIONS
        )
    else:  # no table: the same HTML, without a third of the time attaching the extension takes
        converted = cmarkgfm.markdown_to_html(text, options=CMARK_OPTIONS)
    converted = converted.rstrip("\n")
    # Headings of a record's text sit below the page's own section headings (h2).
    for level in (2, 1):
        converted = converted.replace(f"<h{level}", f"<h{level + 2}").replace(
            f"</h{level}>", f"</h{level + 2}>"
        )
    safe = _clean(converted)
    # The substring test first: it is C-fast, and most fields name neither.
    if "ECLI:NL:" not in safe and "Kamerstuk" not in safe:
        return safe
    if not (ECLI.search(safe) or KAMERSTUK.search(safe)):
        return safe
    # The sanitiser runs again over the added links: it stays the last word on what a page gets.
    return _clean(link_official_references(safe))


def _link(url: str, text: str) -> str:
    return f'<a href="{url}" rel="noopener noreferrer">{text}</a>'


def _ruling_link(match: re.Match) -> str:
    return _link(RULING_URL + match[0], match[0])


def _kamerstuk_link(match: re.Match) -> str:
    dossier = re.sub(r"\D", "", match["dossier"])
    url = KAMERSTUK_URL.format(dossier=dossier, part=match["part"] or "", number=match["number"])
    return _link(url, match[0])


def link_official_references(safe_html: str) -> str:
    """Links each Dutch ECLI number and Kamerstuk reference in the text of sanitised HTML to its
    official publication; text that is already in a link, and attribute values, stay as they are."""
    parts = TAG.split(safe_html)
    in_link = False
    for index, part in enumerate(parts):
        if index % 2:  # a tag
            if LINK_TAG.match(part):
                in_link = not part.startswith("</")
        elif not in_link:
            parts[index] = KAMERSTUK.sub(_kamerstuk_link, ECLI.sub(_ruling_link, part))
    return "".join(parts)


def plain_text_with_references(text: str) -> str:
    """Plain text, escaped, with its ECLI numbers and Kamerstuk references linked."""
    return link_official_references(html.escape(text, quote=True))
