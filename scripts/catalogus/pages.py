"""Page generation: plain functions from a catalogue to pages, keyed by their source path.

Nothing here knows about mkdocs; `site.py` hands the pages to it. A page is markdown for its fixed
structure (front matter, section headings) and HTML built here for everything that comes from a
record: plain-text fields are escaped, markdown fields are rendered and sanitised by
`markdown_text`. So record text can neither inject markup nor be evaluated as a template.

Links inside that HTML are relative URLs (mkdocs rewrites links in markdown only); `url_of` maps a
source path to the URL mkdocs gives it with `use_directory_urls`.
"""

import datetime
import html
import json
from collections.abc import Iterable
from urllib.parse import urlencode

from . import freshness, markdown_text
from .records import Catalogue, Intervention, Source

# The vocabularies that have a page per term: their folder (a public URL), title and noun.
TERM_SECTIONS = {
    "phenomena": ("fenomenen", "Fenomenen", "fenomeen"),
    "regions": ("regios", "Regio's", "regio"),
    "countries": ("landen", "Landen", "land"),
    "kinds": ("soorten", "Soorten interventie", "soort"),
    "instruments": ("instrumenten", "Juridische instrumenten", "instrument"),
}

# Query parameters of the overview: a public contract, documented in docs/over/links.md.
FILTER_PARAMETERS = {
    "phenomena": "fenomeen",
    "regions": "regio",
    "countries": "land",
    "kinds": "soort",
    "evidence_levels": "onderbouwing",
    "statuses": "status",
}
ABROAD = "buitenland"
OVERVIEW = "interventies/index.md"

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
    year, month, day = (int(part) for part in iso_date.split("-"))
    return f"{day} {MONTHS[month - 1]} {year}"


def escape(text: str) -> str:
    return html.escape(str(text), quote=True)


def intervention_path(record_id: str) -> str:
    return f"interventies/{record_id}.md"


def term_path(vocabulary: str, slug: str) -> str:
    folder = TERM_SECTIONS[vocabulary][0]
    return f"{folder}/{slug.lower() if vocabulary == 'countries' else slug}.md"


def url_of(path: str) -> str:
    """The URL of a source page relative to the site root, e.g. `fenomenen/vastgoed/`."""
    if path == "index.md":
        return ""
    if path.endswith("/index.md"):
        return path.removesuffix("index.md")
    return path.removesuffix(".md") + "/"


def relative_url(from_path: str, to_path: str, **selection: str) -> str:
    """A link from one page to another that works wherever the site is hosted."""
    target = "../" * url_of(from_path).count("/") + url_of(to_path)
    if selection:
        target += "?" + urlencode(selection)
    return target or "./"


def values_of(record: Intervention, vocabulary: str) -> tuple[str, ...]:
    return {
        "phenomena": record.phenomena,
        "regions": record.regions,
        "countries": (record.country,),
        "kinds": record.kinds,
        "instruments": record.instruments,
        "evidence_levels": (record.evidence_level,),
        "statuses": (record.status,),
        "outcomes": (record.outcome,),
        "barrier_steps": record.barrier_steps,
    }[vocabulary]


def matches(record: Intervention, vocabulary: str, value: str) -> bool:
    if vocabulary == "countries" and value == ABROAD:
        return record.is_foreign
    return value in values_of(record, vocabulary)


def records_with(catalogue: Catalogue, vocabulary: str, value: str) -> list[Intervention]:
    return [
        record for record in catalogue.interventions.values() if matches(record, vocabulary, value)
    ]


def terms_in_use(catalogue: Catalogue, vocabulary: str) -> list[str]:
    used = {
        slug
        for record in catalogue.interventions.values()
        for slug in values_of(record, vocabulary)
    }
    return [slug for slug in catalogue.vocabularies[vocabulary] if slug in used]


def terms_with_pages(catalogue: Catalogue, vocabulary: str) -> list[str]:
    """Terms that get a page: those used by an intervention, a case or a bottleneck."""
    used = set(terms_in_use(catalogue, vocabulary))
    for item in [*catalogue.cases.values(), *catalogue.bottlenecks.values()]:
        used.update(getattr(item, vocabulary, ()))
        if vocabulary == "countries" and hasattr(item, "country"):
            used.add(item.country)
    if vocabulary == "phenomena":
        used.update(catalogue.phenomena)
    return [slug for slug in catalogue.vocabularies[vocabulary] if slug in used]


def term_links(catalogue: Catalogue, vocabulary: str, slugs: Iterable[str], from_path: str) -> str:
    return ", ".join(
        f'<a href="{relative_url(from_path, term_path(vocabulary, slug))}">'
        f"{escape(catalogue.term(vocabulary, slug).label)}</a>"
        for slug in slugs
    )


def badge(kind: str, slug: str, label: str) -> str:
    return f'<span class="ww-badge ww-badge--{kind} ww-badge--{kind}-{slug}">{escape(label)}</span>'


def where(catalogue: Catalogue, record: Intervention) -> str:
    if record.is_foreign:
        return catalogue.term("countries", record.country).label
    return ", ".join(catalogue.term("regions", slug).label for slug in record.regions)


def intervention_list(catalogue: Catalogue, records: Iterable[Intervention], from_path: str) -> str:
    """A list of interventions with their summaries, as an HTML block."""
    items = []
    for record in records:
        evidence = catalogue.term("evidence_levels", record.evidence_level).label
        items.append(
            f'<li><a href="{relative_url(from_path, intervention_path(record.id))}">'
            f"<strong>{escape(record.title)}</strong></a><br>"
            f"{escape(record.summary)}<br>"
            f'<small class="ww-meta">{escape(where(catalogue, record))} · {escape(evidence)}</small>'
            "</li>"
        )
    if not items:
        return "<p><em>Nog geen interventies.</em></p>\n"
    return f'<ul class="ww-list">{"".join(items)}</ul>\n'


def front_matter(title: str, description: str, hide: tuple[str, ...] = ()) -> str:
    # The theme puts page.meta.title and .description into <title>, <meta> and the header
    # without escaping (MkDocs templates do not autoescape), so they are HTML-escaped here; as
    # JSON strings they are also valid YAML, whatever the record says.
    lines = [
        "---",
        f"title: {json.dumps(escape(title), ensure_ascii=False)}",
        f"description: {json.dumps(escape(description), ensure_ascii=False)}",
    ]
    if hide:
        lines.append(f"hide: {json.dumps(list(hide))}")
    return "\n".join(lines) + "\n---\n\n"


def facts_list(facts: list[tuple[str, str]]) -> str:
    return (
        '<dl class="ww-facts">'
        + "".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in facts)
        + "</dl>\n\n"
    )


def record_head(title: str, summary: str, facts: list[tuple[str, str]], banner: str = "") -> str:
    """The top of a record's page: title, an optional banner, the summary and the facts."""
    return (
        front_matter(title, summary, hide=("navigation",))
        + heading(title)
        + banner
        + f'<p class="ww-lead">{escape(summary)}</p>\n\n'
        + facts_list(facts)
    )


def heading(text: str) -> str:
    """A page's h1 as HTML, so record text in it is not read as markdown."""
    return f"<h1>{escape(text)}</h1>\n\n"


def external_link(url: str, text_html: str) -> str:
    """A link to another site; anything but a web address stays plain text (the schema already
    refuses other addresses, this holds even for a record that bypassed it)."""
    if not url.lower().startswith(("https://", "http://")):
        return text_html
    return f'<a href="{escape(url)}" rel="noopener noreferrer">{text_html}</a>'


def source_list(sources: Iterable[Source]) -> str:
    items = "".join(
        f"<li>{external_link(source.url, escape(source.title))} ({source.year or 'z.j.'})</li>"
        for source in sources
    )
    return f"<ul>{items}</ul>"


def section(title: str, body_html: str) -> str:
    """A fixed section heading (markdown, so it enters the table of contents) and its HTML."""
    return f'## {title}\n\n<div class="ww-text">\n{body_html}\n</div>\n\n'


def intervention_facts(catalogue: Catalogue, record: Intervention) -> list[tuple[str, str]]:
    path = intervention_path(record.id)
    term = catalogue.term
    facts = [("Fenomenen", term_links(catalogue, "phenomena", record.phenomena, path))]
    if record.is_foreign:
        facts.append(("Land", term_links(catalogue, "countries", [record.country], path)))
    else:
        facts.append(("Regio's", term_links(catalogue, "regions", record.regions, path)))
    facts.append(("Soort", term_links(catalogue, "kinds", record.kinds, path)))
    if record.instruments:
        facts.append(
            ("Instrumenten", term_links(catalogue, "instruments", record.instruments, path))
        )
    if record.barrier_steps:
        steps = ", ".join(
            escape(term("barrier_steps", slug).label) for slug in record.barrier_steps
        )
        facts.append(("Blokkeert", steps))
    if record.lead_organisation:
        facts.append(("Trekker", escape(record.lead_organisation)))
    if record.partners:
        facts.append(("Partners", ", ".join(escape(partner) for partner in record.partners)))
    facts.append(("Status", escape(term("statuses", record.status).label)))
    if record.period_start:
        facts.append(("Periode", f"{record.period_start}–{record.period_end or 'heden'}"))
    if record.target_group:
        facts.append(("Doelgroep", escape(record.target_group)))
    return facts


INTERNAL_BANNER = (
    '<div class="ww-internal" role="note"><strong>Intern</strong>: deze interventie is niet '
    "openbaar. Deel de inhoud alleen met professionals die er beroepsmatig mee werken.</div>\n\n"
)


def intervention_page(catalogue: Catalogue, record: Intervention) -> str:
    path = intervention_path(record.id)
    evidence = catalogue.term("evidence_levels", record.evidence_level)
    outcome = catalogue.term("outcomes", record.outcome)
    banner = INTERNAL_BANNER if not record.is_public else ""
    if freshness.is_overdue(record.last_reviewed, datetime.date.today()):
        banner += (
            '<div class="admonition warning"><p class="admonition-title">Beoordeling verlopen</p>'
            f"<p>Deze beschrijving is meer dan {freshness.REVIEW_MONTHS} maanden niet "
            "nagekeken. Controleer of de gegevens nog kloppen voordat u erop bouwt.</p></div>\n\n"
        )
    parts = [
        record_head(record.title, record.summary, intervention_facts(catalogue, record), banner),
        section(
            "Onderbouwing en uitkomst",
            f"<p><strong>Onderbouwing:</strong> {badge('evidence', evidence.slug, evidence.label)}</p>"
            f"<p>{escape(record.evidence_explanation)}</p>"
            f"<p><strong>Uitkomst:</strong> {badge('outcome', outcome.slug, outcome.label)}</p>"
            f"<p>{escape(record.outcome_explanation)}</p>",
        ),
        section("Beschrijving", markdown_text.render(record.description)),
    ]
    if record.active_components:
        items = "".join(f"<li>{escape(component)}</li>" for component in record.active_components)
        parts.append(section("Werkzame elementen", f"<ul>{items}</ul>"))
    for title, text in (
        ("Aanpak", record.approach),
        ("Resultaten", record.results),
        ("Lessen", record.lessons),
    ):
        if text:
            parts.append(section(title, markdown_text.render(text)))
    implementation_titles = {
        "costs": "Kosten",
        "capacity": "Capaciteit",
        "legal_basis": "Juridische basis",
        "preconditions": "Randvoorwaarden",
    }
    implementation = "".join(
        f"<h3>{title}</h3>{markdown_text.render(record.implementation[key])}"
        for key, title in implementation_titles.items()
        if record.implementation.get(key)
    )
    if implementation:
        parts.append(section("Wat is nodig om het in te voeren", implementation))
    if record.contact_organisation:
        contact = external_link(record.contact_url, escape(record.contact_organisation))
        parts.append(section("Contact", f"<p>{contact}</p>"))
    if record.sources:
        parts.append(section("Bronnen", source_list(record.sources)))
    related = [
        catalogue.interventions[other]
        for other in record.related
        if other in catalogue.interventions
    ]
    if related:
        parts.append(section("Verwante interventies", intervention_list(catalogue, related, path)))
    cases = [case for case in catalogue.cases.values() if record.id in case.interventions]
    if cases:
        items = "".join(
            f'<li><a href="{relative_url(path, f"casussen/{case.id}.md")}">{escape(case.title)}</a>'
            f"<br>{escape(case.summary)}</li>"
            for case in cases
        )
        parts.append(section("Gebruikt in casussen", f'<ul class="ww-list">{items}</ul>'))
    parts.append(
        f'<p class="ww-reviewed">Laatst beoordeeld: '
        f'<time datetime="{record.last_reviewed}">{dutch_date(record.last_reviewed)}</time></p>\n'
    )
    return "".join(parts)


def term_page(catalogue: Catalogue, vocabulary: str, slug: str) -> str:
    path = term_path(vocabulary, slug)
    term = catalogue.term(vocabulary, slug)
    records = records_with(catalogue, vocabulary, slug)
    noun = TERM_SECTIONS[vocabulary][2]
    count = f"{len(records)} {'interventie' if len(records) == 1 else 'interventies'}"
    filter_link = ""
    if vocabulary in FILTER_PARAMETERS:
        selection = {FILTER_PARAMETERS[vocabulary]: slug}
        filter_link = (
            f' <a href="{escape(relative_url(path, OVERVIEW, **selection))}">'
            "Filter verder in het overzicht</a>"
        )
    return (
        front_matter(term.label, term.description, hide=("navigation",))
        + heading(term.label)
        + f'<p class="ww-lead">{escape(term.description)}</p>\n\n'
        + f"<p><strong>{count}</strong> met dit {noun}.{filter_link}</p>\n\n"
        + intervention_list(catalogue, records, path)
    )


def term_index_page(catalogue: Catalogue, vocabulary: str) -> str:
    folder, title, _ = TERM_SECTIONS[vocabulary]
    path = f"{folder}/index.md"
    items = "".join(
        f'<li><a href="{relative_url(path, term_path(vocabulary, slug))}">'
        f"{escape(catalogue.term(vocabulary, slug).label)}</a> "
        f"({len(records_with(catalogue, vocabulary, slug))})<br>"
        f"{escape(catalogue.term(vocabulary, slug).description)}</li>"
        for slug in terms_with_pages(catalogue, vocabulary)
    )
    return (
        front_matter(title, f"{title} in de catalogus")
        + heading(title)
        + f'<ul class="ww-list">{items}</ul>\n'
    )


def _facet(
    catalogue: Catalogue, vocabulary: str, legend: str, extra: tuple[tuple[str, str], ...] = ()
) -> str:
    parameter = FILTER_PARAMETERS[vocabulary]
    options = [*extra] + [
        (slug, catalogue.term(vocabulary, slug).label)
        for slug in terms_in_use(catalogue, vocabulary)
    ]
    items = "".join(
        f'<li><label><input type="checkbox" name="{parameter}" value="{escape(value)}"> '
        f'{escape(label)} <span class="ww-count" data-count-for="{parameter}={escape(value)}">'
        f"({len(records_with(catalogue, vocabulary, value))})</span></label></li>"
        for value, label in options
    )
    return (
        f'<fieldset class="ww-facet" data-parameter="{parameter}">'
        f"<legend>{legend}</legend><ul>{items}</ul></fieldset>"
    )


def _overview_item(catalogue: Catalogue, record: Intervention, evidence_rank: int) -> str:
    attributes = {
        f"data-{parameter}": " ".join(values_of(record, vocabulary))
        for vocabulary, parameter in FILTER_PARAMETERS.items()
    }
    if record.is_foreign:
        attributes["data-land"] += f" {ABROAD}"
    attributes["data-reviewed"] = record.last_reviewed
    attributes["data-evidence-rank"] = str(evidence_rank)
    attributes["data-text"] = " ".join(
        [record.title, record.summary, record.lead_organisation, *record.partners]
    ).lower()
    attribute_text = " ".join(f'{name}="{escape(value)}"' for name, value in attributes.items())
    evidence = catalogue.term("evidence_levels", record.evidence_level).label
    return (
        f'<li class="ww-result" {attribute_text}>'
        f'<a class="ww-result__title" href="{relative_url(OVERVIEW, intervention_path(record.id))}">'
        f"{escape(record.title)}</a>"
        f'<p class="ww-result__summary">{escape(record.summary)}</p>'
        f'<p class="ww-result__meta">{escape(where(catalogue, record))} · '
        f"{badge('evidence', record.evidence_level, evidence)}"
        f" · laatst beoordeeld {dutch_date(record.last_reviewed)}</p></li>"
    )


def overview_page(catalogue: Catalogue) -> str:
    total = len(catalogue.interventions)
    ranks = {slug: rank for rank, slug in enumerate(catalogue.vocabularies["evidence_levels"])}
    facets = "".join(
        [
            _facet(catalogue, "phenomena", "Fenomeen"),
            _facet(catalogue, "regions", "Regio"),
            _facet(catalogue, "countries", "Land", ((ABROAD, "Buitenland (alle landen)"),)),
            _facet(catalogue, "kinds", "Soort interventie"),
            _facet(catalogue, "evidence_levels", "Onderbouwing"),
            _facet(catalogue, "statuses", "Status"),
        ]
    )
    items = "".join(
        _overview_item(catalogue, record, ranks[record.evidence_level])
        for record in catalogue.interventions.values()
    )
    return (
        front_matter(
            "Interventies",
            "Overzicht van alle interventies, te filteren op fenomeen, regio en land.",
            hide=("navigation", "toc"),
        )
        + heading("Interventies")
        + '<div class="ww-overview">\n'
        + '<form class="ww-filters" role="search" aria-label="Filter de interventies">'
        + '<p><label for="ww-text">Zoek in titel en samenvatting</label>'
        + '<input id="ww-text" type="search" name="q" autocomplete="off"></p>'
        + '<p><label for="ww-sort">Sorteer op</label><select id="ww-sort" name="sorteer">'
        + '<option value="titel">Titel</option>'
        + '<option value="beoordeeld">Laatst beoordeeld</option>'
        + '<option value="onderbouwing">Onderbouwing (sterkste eerst)</option></select></p>'
        # On phones the facets fold away so the results are not pushed off the screen; the
        # overview's script opens them on wide screens.
        + '<details class="ww-facets"><summary>Filters '
        + '<span class="ww-active-filters"></span></summary>'
        + facets
        + "</details>"
        + '<p><button type="reset" class="md-button">Wis alle filters</button></p>'
        + "</form>\n"
        + '<div class="ww-results">'
        + f'<p class="ww-result-count" role="status" aria-live="polite">{total} interventies</p>'
        + f'<ul class="ww-result-list">{items}</ul>'
        + "</div>\n</div>\n"
    )


def question_form(catalogue: Catalogue, from_path: str) -> str:
    """Choose a phenomenon and a region (or abroad) and land on the overview with that selection."""
    phenomena = "".join(
        f'<option value="{escape(slug)}">{escape(catalogue.term("phenomena", slug).label)}</option>'
        for slug in terms_in_use(catalogue, "phenomena")
    )
    regions = "".join(
        f'<option value="regio:{escape(slug)}">'
        f"{escape(catalogue.term('regions', slug).label)}</option>"
        for slug in terms_in_use(catalogue, "regions")
    )
    return (
        f'<form class="ww-question" action="{relative_url(from_path, OVERVIEW)}" method="get" '
        "data-question-form>"
        '<p><label for="ww-question-phenomenon">Wat werkt tegen</label>'
        '<select id="ww-question-phenomenon" name="fenomeen">'
        f'<option value="">alle fenomenen</option>{phenomena}</select></p>'
        '<p><label for="ww-question-where">in</label>'
        '<select id="ww-question-where" name="waar">'
        '<option value="">heel Nederland en het buitenland</option>'
        f"{regions}"
        f'<option value="land:{ABROAD}">het buitenland</option></select></p>'
        '<p><button type="submit" class="md-button md-button--primary">Toon interventies</button></p>'
        "</form>"
    )


def redirect_page(target_url: str) -> str:
    """A static page that sends an old link on to the record's current page."""
    target = escape(target_url)
    return (
        '<!doctype html>\n<html lang="nl"><head><meta charset="utf-8">'
        f'<meta http-equiv="refresh" content="0; url={target}">'
        f'<link rel="canonical" href="{target}"><meta name="robots" content="noindex">'
        "<title>Verplaatst</title></head><body>"
        f'<p>Deze interventie staat nu op <a href="{target}">{target}</a>.</p></body></html>\n'
    )


def redirects(catalogue: Catalogue) -> dict[str, str]:
    """Files that keep the links of renamed records working, keyed by their site path."""
    return {
        f"interventies/{old_id}/index.html": redirect_page(f"../{record.id}/")
        for record in catalogue.interventions.values()
        for old_id in record.former_ids
    }


def generate_pages(catalogue: Catalogue) -> dict[str, str]:
    """Every generated page of the site, keyed by its source path (e.g. `interventies/x.md`)."""
    pages = {OVERVIEW: overview_page(catalogue)}
    for record in catalogue.interventions.values():
        pages[intervention_path(record.id)] = intervention_page(catalogue, record)
    for vocabulary, (folder, _, _) in TERM_SECTIONS.items():
        pages[f"{folder}/index.md"] = term_index_page(catalogue, vocabulary)
        for slug in terms_with_pages(catalogue, vocabulary):
            pages[term_path(vocabulary, slug)] = term_page(catalogue, vocabulary, slug)
    return pages
