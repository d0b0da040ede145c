"""Page markup from Jinja templates (in `templates/`), rendered with autoescape on.

Python decides what a page holds and passes plain values; the templates decide how it looks.
Whatever a template prints is HTML-escaped unless it is `Markup`, and the only `Markup` that holds
record text is `record_markdown`, the sanitised rendering of a markdown field. Record text is
never itself a template, so `{{ 7*7 }}` in a record shows as written.
"""

import functools
import html
import json
from pathlib import Path

import jinja2
from markupsafe import Markup

from . import compiled_templates, markdown_text, queries, urls

TEMPLATES = Path(__file__).parent / "templates"

MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


def dutch_date(iso_date: str) -> str:
    year, month, day = (int(part) for part in str(iso_date).split("-"))
    return f"{day} {MONTHS[month - 1]} {year}"


def yaml_text(text: str) -> Markup:
    """A title or description for a page's front matter. The theme puts page.meta into <title>,
    <meta> and the header without escaping (MkDocs templates do not autoescape), so it is
    HTML-escaped here; as a JSON string it is also valid YAML, whatever the record says."""
    return Markup(json.dumps(html.escape(str(text), quote=True), ensure_ascii=False))


def is_web_address(url: str) -> bool:
    """Only web addresses become links, even for a record that bypassed the schema."""
    return str(url).lower().startswith(("https://", "http://"))


def record_markdown(text: str) -> Markup:
    """A record's markdown field as sanitised HTML, the one way record text reaches a page as
    markup."""
    return Markup(markdown_text.render(text))


def reference_links(text: str) -> Markup:
    """A plain-text field, escaped, with its ECLI numbers and Kamerstuk references linked."""
    return Markup(markdown_text.plain_text_with_references(str(text)))


@functools.cache
def environment() -> jinja2.Environment:
    templates = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=compiled_templates.kept("pages"),
    )
    templates.filters["dutch_date"] = dutch_date
    templates.filters["yaml_text"] = yaml_text
    templates.filters["reference_links"] = reference_links
    templates.globals["relative_url"] = urls.relative_url
    templates.globals["is_web_address"] = is_web_address
    templates.globals["urls"] = urls
    templates.globals["where"] = queries.where
    return templates


def render(template: str, **context) -> str:
    return environment().get_template(template).render(**context)
