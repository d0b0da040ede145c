"""Page generation: plain functions from a catalogue to markdown pages, keyed by their source path.

Nothing here knows about mkdocs; `site.py` hands the pages to it. Text from records is escaped
(plain-text fields) or inserted as markdown (markdown fields), never evaluated as a template.
"""

import html
import json
from collections.abc import Iterable
from urllib.parse import urlencode

from .records import Catalogue, Intervention

# The vocabularies that have a page per term, with the folder their pages live in (a public URL).
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

MONTHS = (
    "januari februari maart april mei juni juli augustus september oktober november december"
).split()


def dutch_date(iso_date: str) -> str:
    year, month, day = (int(part) for part in iso_date.split("-"))
    return f"{day} {MONTHS[month - 1]} {year}"


def escape(text: str) -> str:
    return html.escape(text, quote=True)


def term_slug_in_url(vocabulary: str, slug: str) -> str:
    return slug.lower() if vocabulary == "countries" else slug


def intervention_path(record_id: str) -> str:
    return f"interventies/{record_id}.md"


def term_path(vocabulary: str, slug: str) -> str:
    folder = TERM_SECTIONS[vocabulary][0]
    return f"{folder}/{term_slug_in_url(vocabulary, slug)}.md"


def link(from_path: str, to_path: str) -> str:
    """A relative link between two source pages, so mkdocs checks it and rewrites it."""
    depth = from_path.count("/")
    return "../" * depth + to_path


def overview_url(from_path: str, **selection: str) -> str:
    """A link to the overview with a selection, e.g. `overview_url(path, fenomeen='vastgoed')`."""
    target = link(from_path, "interventies/index.md")
    return target + ("?" + urlencode(selection) if selection else "")


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


def records_with(catalogue: Catalogue, vocabulary: str, slug: str) -> list[Intervention]:
    return [
        record
        for record in catalogue.interventions.values()
        if slug in values_of(record, vocabulary)
    ]


def terms_in_use(catalogue: Catalogue, vocabulary: str) -> list[str]:
    used = {slug for record in catalogue.interventions.values() for slug in values_of(record, vocabulary)}
    return [slug for slug in catalogue.vocabularies[vocabulary] if slug in used]


def term_links(catalogue: Catalogue, vocabulary: str, slugs: Iterable[str], from_path: str) -> str:
    return ", ".join(
        f"[{escape(catalogue.term(vocabulary, slug).label)}]({link(from_path, term_path(vocabulary, slug))})"
        for slug in slugs
    )


def badge(kind: str, slug: str, label: str) -> str:
    return f'<span class="ww-badge ww-badge--{kind} ww-badge--{kind}-{slug}">{escape(label)}</span>'


def intervention_list(catalogue: Catalogue, records: Iterable[Intervention], from_path: str) -> str:
    """A plain list of interventions with their summaries, as markdown."""
    lines = []
    for record in records:
        evidence = catalogue.term("evidence_levels", record.evidence_level).label
        where = (
            escape(catalogue.term("countries", record.country).label)
            if record.is_foreign
            else ", ".join(escape(catalogue.term("regions", slug).label) for slug in record.regions)
        )
        lines.append(
            f"- **[{escape(record.title)}]({link(from_path, intervention_path(record.id))})**  \n"
            f"  {escape(record.summary)}  \n"
            f"  <small>{where} · {escape(evidence)}</small>"
        )
    return "\n".join(lines) + "\n" if lines else "*Nog geen interventies.*\n"


def front_matter(title: str, description: str, hide: tuple[str, ...] = ()) -> str:
    # JSON strings are valid YAML, so any title or summary is safe in front matter.
    return (
        f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n"
        f"description: {json.dumps(description, ensure_ascii=False)}\n"
        + (f"hide: {json.dumps(list(hide))}\n" if hide else "")
        + "---\n\n"
    )


def intervention_page(catalogue: Catalogue, record: Intervention) -> str:
    path = intervention_path(record.id)
    term = catalogue.term
    facts = [("Fenomenen", term_links(catalogue, "phenomena", record.phenomena, path))]
    if record.is_foreign:
        facts.append(("Land", term_links(catalogue, "countries", [record.country], path)))
    else:
        facts.append(("Regio's", term_links(catalogue, "regions", record.regions, path)))
    facts.append(("Soort", term_links(catalogue, "kinds", record.kinds, path)))
    if record.instruments:
        facts.append(("Instrumenten", term_links(catalogue, "instruments", record.instruments, path)))
    if record.barrier_steps:
        steps = ", ".join(escape(term("barrier_steps", slug).label) for slug in record.barrier_steps)
        facts.append(("Blokkeert", steps))
    if record.lead_organisation:
        facts.append(("Trekker", escape(record.lead_organisation)))
    if record.partners:
        facts.append(("Partners", ", ".join(escape(partner) for partner in record.partners)))
    facts.append(("Status", escape(term("statuses", record.status).label)))
    if record.period_start:
        end = record.period_end or "heden"
        facts.append(("Periode", f"{record.period_start}–{end}"))
    if record.target_group:
        facts.append(("Doelgroep", escape(record.target_group)))

    evidence = term("evidence_levels", record.evidence_level)
    outcome = term("outcomes", record.outcome)
    parts = [
        front_matter(record.title, record.summary),
        f"# {escape(record.title)}\n",
        f'<p class="ww-lead">{escape(record.summary)}</p>\n',
        '<dl class="ww-facts">\n'
        + "".join(f"<dt>{name}</dt>\n<dd markdown>{value}</dd>\n" for name, value in facts)
        + "</dl>\n",
        "## Onderbouwing en uitkomst\n",
        '<div class="ww-assessment">\n',
        f"<p><strong>Onderbouwing:</strong> {badge('evidence', evidence.slug, evidence.label)}</p>\n",
        f"<p>{escape(record.evidence_explanation)}</p>\n",
        f"<p><strong>Uitkomst:</strong> {badge('outcome', outcome.slug, outcome.label)}</p>\n",
        f"<p>{escape(record.outcome_explanation)}</p>\n",
        "</div>\n",
        f"## Beschrijving\n\n{record.description}\n",
    ]
    if record.active_components:
        items = "\n".join(f"- {escape(component)}" for component in record.active_components)
        parts.append(f"## Werkzame elementen\n\n{items}\n")
    for heading, text in (
        ("Aanpak", record.approach),
        ("Resultaten", record.results),
        ("Lessen", record.lessons),
    ):
        if text:
            parts.append(f"## {heading}\n\n{text}\n")
    implementation_headings = {
        "costs": "Kosten",
        "capacity": "Capaciteit",
        "legal_basis": "Juridische basis",
        "preconditions": "Randvoorwaarden",
    }
    if record.implementation:
        parts.append("## Wat is nodig om het in te voeren\n")
        for key, heading in implementation_headings.items():
            if record.implementation.get(key):
                parts.append(f"### {heading}\n\n{record.implementation[key]}\n")
    if record.contact_organisation:
        contact = escape(record.contact_organisation)
        if record.contact_url:
            contact = f"[{contact}]({record.contact_url})"
        parts.append(f"## Contact\n\n{contact}\n")
    if record.sources:
        sources = "\n".join(
            f"- [{escape(source.title)}]({source.url}) ({source.year})" for source in record.sources
        )
        parts.append(f"## Bronnen\n\n{sources}\n")
    related = [catalogue.interventions[other] for other in record.related if other in catalogue.interventions]
    if related:
        parts.append("## Verwante interventies\n\n" + intervention_list(catalogue, related, path))
    parts.append(
        f'<p class="ww-reviewed">Laatst beoordeeld: '
        f'<time datetime="{record.last_reviewed}">{dutch_date(record.last_reviewed)}</time></p>\n'
    )
    return "\n".join(parts)


def term_page(catalogue: Catalogue, vocabulary: str, slug: str) -> str:
    path = term_path(vocabulary, slug)
    term = catalogue.term(vocabulary, slug)
    records = records_with(catalogue, vocabulary, slug)
    kind = TERM_SECTIONS[vocabulary][2]
    filter_link = ""
    if vocabulary in FILTER_PARAMETERS:
        selection = {FILTER_PARAMETERS[vocabulary]: slug}
        filter_link = f"[Filter verder in het overzicht]({overview_url(path, **selection)})\n"
    count = f"{len(records)} {'interventie' if len(records) == 1 else 'interventies'}"
    return (
        front_matter(term.label, term.description)
        + f"# {escape(term.label)}\n\n"
        + f'<p class="ww-lead">{escape(term.description)}</p>\n\n'
        + f"**{count}** met dit {kind}. {filter_link}\n"
        + intervention_list(catalogue, records, path)
    )


def term_index_page(catalogue: Catalogue, vocabulary: str) -> str:
    folder, title, _ = TERM_SECTIONS[vocabulary]
    path = f"{folder}/index.md"
    lines = []
    for slug in terms_in_use(catalogue, vocabulary):
        term = catalogue.term(vocabulary, slug)
        count = len(records_with(catalogue, vocabulary, slug))
        lines.append(
            f"- [{escape(term.label)}]({link(path, term_path(vocabulary, slug))}) ({count})  \n"
            f"  {escape(term.description)}"
        )
    return front_matter(title, f"{title} in de catalogus") + f"# {title}\n\n" + "\n".join(lines) + "\n"


def _facet(catalogue: Catalogue, vocabulary: str, legend: str, extra: list[tuple[str, str]] = ()) -> str:
    parameter = FILTER_PARAMETERS[vocabulary]
    options = list(extra) + [
        (slug, catalogue.term(vocabulary, slug).label) for slug in terms_in_use(catalogue, vocabulary)
    ]
    items = []
    for value, label in options:
        count = sum(1 for record in catalogue.interventions.values() if _matches(record, vocabulary, value))
        items.append(
            f'<li><label><input type="checkbox" name="{parameter}" value="{escape(value)}"> '
            f'{escape(label)} <span class="ww-count" data-count-for="{parameter}={escape(value)}">'
            f"({count})</span></label></li>"
        )
    return (
        f'<fieldset class="ww-facet" data-parameter="{parameter}">'
        f"<legend>{legend}</legend><ul>{''.join(items)}</ul></fieldset>"
    )


def _matches(record: Intervention, vocabulary: str, value: str) -> bool:
    if vocabulary == "countries" and value == ABROAD:
        return record.is_foreign
    return value in values_of(record, vocabulary)


def _overview_item(catalogue: Catalogue, record: Intervention, path: str) -> str:
    attributes = {
        f"data-{parameter}": " ".join(values_of(record, vocabulary))
        for vocabulary, parameter in FILTER_PARAMETERS.items()
    }
    if record.is_foreign:
        attributes["data-land"] += f" {ABROAD}"
    attributes["data-reviewed"] = record.last_reviewed
    rank = list(catalogue.vocabularies["evidence_levels"]).index(record.evidence_level)
    attributes["data-evidence-rank"] = str(rank)
    attributes["data-text"] = " ".join(
        [record.title, record.summary, record.lead_organisation, *record.partners]
    ).lower()
    attribute_text = " ".join(f'{name}="{escape(value)}"' for name, value in attributes.items())
    evidence = catalogue.term("evidence_levels", record.evidence_level).label
    where = (
        catalogue.term("countries", record.country).label
        if record.is_foreign
        else ", ".join(catalogue.term("regions", slug).label for slug in record.regions)
    )
    href = f"{record.id}/"  # raw HTML on /interventies/, so a URL, not a source path
    return (
        f'<li class="ww-result" {attribute_text}>'
        f'<a class="ww-result__title" href="{href}">{escape(record.title)}</a>'
        f'<p class="ww-result__summary">{escape(record.summary)}</p>'
        f'<p class="ww-result__meta">{escape(where)} · {badge("evidence", record.evidence_level, evidence)}'
        f" · laatst beoordeeld {dutch_date(record.last_reviewed)}</p></li>"
    )


def overview_page(catalogue: Catalogue) -> str:
    path = "interventies/index.md"
    total = len(catalogue.interventions)
    facets = "".join(
        [
            _facet(catalogue, "phenomena", "Fenomeen"),
            _facet(catalogue, "regions", "Regio"),
            _facet(catalogue, "countries", "Land", [(ABROAD, "Buitenland (alle landen)")]),
            _facet(catalogue, "kinds", "Soort interventie"),
            _facet(catalogue, "evidence_levels", "Onderbouwing"),
            _facet(catalogue, "statuses", "Status"),
        ]
    )
    items = "".join(_overview_item(catalogue, record, path) for record in catalogue.interventions.values())
    return (
        front_matter(
            "Interventies",
            "Overzicht van alle interventies, te filteren op fenomeen, regio en land.",
            hide=("navigation", "toc"),
        )
        + "# Interventies\n\n"
        + '<div class="ww-overview">\n'
        + '<form class="ww-filters" role="search" aria-label="Filter de interventies">'
        + '<p><label for="ww-text">Zoek in titel en samenvatting</label>'
        + '<input id="ww-text" type="search" name="q" autocomplete="off"></p>'
        + '<p><label for="ww-sort">Sorteer op</label><select id="ww-sort" name="sorteer">'
        + '<option value="titel">Titel</option>'
        + '<option value="beoordeeld">Laatst beoordeeld</option>'
        + '<option value="onderbouwing">Onderbouwing (sterkste eerst)</option></select></p>'
        + facets
        + '<p><button type="reset" class="md-button">Wis alle filters</button></p>'
        + "</form>\n"
        + '<div class="ww-results">'
        + f'<p class="ww-result-count" role="status" aria-live="polite">{total} interventies</p>'
        + f'<ul class="ww-result-list">{items}</ul>'
        + "</div>\n</div>\n"
    )


def generate_pages(catalogue: Catalogue) -> dict[str, str]:
    """Every generated page of the site, keyed by its source path (e.g. `interventies/x.md`)."""
    pages = {"interventies/index.md": overview_page(catalogue)}
    for record in catalogue.interventions.values():
        pages[intervention_path(record.id)] = intervention_page(catalogue, record)
    for vocabulary, (folder, _, _) in TERM_SECTIONS.items():
        pages[f"{folder}/index.md"] = term_index_page(catalogue, vocabulary)
        for slug in terms_in_use(catalogue, vocabulary):
            pages[term_path(vocabulary, slug)] = term_page(catalogue, vocabulary, slug)
    return pages


def question_form(catalogue: Catalogue, page_url: str) -> str:
    """Choose a phenomenon and a region (or abroad) and land on the overview with that selection.

    `page_url` is the URL of the page the form is on (e.g. `""` for the home page): the form is raw
    HTML, which mkdocs does not rewrite, so its action is a relative URL, not a source path.
    """
    action = "../" * page_url.count("/") + "interventies/"
    phenomena = "".join(
        f'<option value="{escape(slug)}">{escape(catalogue.term("phenomena", slug).label)}</option>'
        for slug in terms_in_use(catalogue, "phenomena")
    )
    regions = "".join(
        f'<option value="regio:{escape(slug)}">{escape(catalogue.term("regions", slug).label)}</option>'
        for slug in terms_in_use(catalogue, "regions")
    )
    return (
        f'<form class="ww-question" action="{action}" method="get" '
        'data-question-form>'
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
