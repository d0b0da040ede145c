"""Record markdown to safe HTML: Python-Markdown, then the nh3 sanitiser with an allow-list.

Records come from pull requests anyone may open. Raw HTML in them is reduced to the allow-list,
links keep only http(s) and mailto targets, and every link gets rel="noopener noreferrer".
"""

import markdown
import nh3

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


# One converter for every field: building one loads its extensions, which cost more than
# converting a typical field (profiled in bench/REPORT.md).
_converter = markdown.Markdown(extensions=["tables", "sane_lists"])


def render(text: str) -> str:
    """Safe HTML for a markdown field of a record."""
    html = _converter.reset().convert(text)
    # Headings of a record's text sit below the page's own section headings (h2).
    for level in (2, 1):
        html = html.replace(f"<h{level}", f"<h{level + 2}").replace(
            f"</h{level}>", f"</h{level + 2}>"
        )
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
