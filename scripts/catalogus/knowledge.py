"""Pages for the knowledge around the interventions: phenomenon pages with the criminal business
process, the register of bottlenecks, practice cases and the comparison of foreign approaches.

Like `pages`, plain functions from a catalogue to pages keyed by source path; record text is
escaped or rendered by `markdown_text`.
"""

from . import charts, markdown_text
from .pages import (
    FILTER_PARAMETERS,
    badge,
    dutch_date,
    escape,
    external_link,
    facts_list,
    front_matter,
    heading,
    intervention_list,
    intervention_path,
    record_head,
    records_with,
    relative_url,
    section,
    source_list,
    term_index_page,
    term_links,
    term_path,
)
from .records import Bottleneck, Case, Catalogue

BOTTLENECKS = "knelpunten/index.md"
CASES = "casussen/index.md"
ABROAD_SECTION = "buitenland/index.md"


def bottleneck_path(bottleneck_id: str) -> str:
    return f"knelpunten/{bottleneck_id}.md"


def case_path(case_id: str) -> str:
    return f"casussen/{case_id}.md"


def reviewed(date: str) -> str:
    return (
        f'<p class="ww-reviewed">Laatst beoordeeld: <time datetime="{date}">'
        f"{dutch_date(date)}</time></p>\n"
    )


def phenomenon_page(catalogue: Catalogue, slug: str) -> str:
    """A phenomenon as a Fenomeentafel works from it: its chain with the interventions that
    block each step, so a step nothing blocks stands out."""
    path = term_path("phenomena", slug)
    term = catalogue.term("phenomena", slug)
    record = catalogue.phenomena[slug]
    interventions = records_with(catalogue, "phenomena", slug)
    parts = [
        front_matter(term.label, term.description, hide=("navigation",)),
        heading(term.label),
        f'<p class="ww-lead">{escape(term.description)}</p>\n\n',
        f'<p><a href="{escape(relative_url(path, "interventies/index.md", fenomeen=slug))}">'
        f"Alle {len(interventions)} interventies tegen dit fenomeen in het overzicht</a>"
        + (
            ' · <a href="feed.xml">Volg nieuwe interventies (Atom-feed)</a>'
            if interventions
            else ""
        )
        + "</p>\n\n",
        section("Wat het is", markdown_text.render(record.description)),
    ]
    if record.signals:
        items = "".join(f"<li>{escape(signal)}</li>" for signal in record.signals)
        parts.append(section("Signalen en indicatoren", f"<ul>{items}</ul>"))
    steps = []
    for link in record.chain:
        blocking = [
            intervention
            for intervention in interventions
            if link.step in intervention.barrier_steps
        ]
        label = catalogue.term("barrier_steps", link.step).label
        if blocking:
            links = "".join(
                f'<li><a href="{relative_url(path, intervention_path(item.id))}">'
                f"{escape(item.title)}</a></li>"
                for item in blocking
            )
            blockers = f'<ul class="ww-compact">{links}</ul>'
        else:
            blockers = (
                '<p class="ww-gap"><strong>Gat:</strong> geen interventie in de catalogus '
                "blokkeert deze stap.</p>"
            )
        steps.append(
            f'<li class="ww-chain__step{" ww-chain__step--gap" if not blocking else ""}">'
            f"<h3>{escape(label)}</h3><p>{escape(link.description)}</p>{blockers}</li>"
        )
    parts.append(
        section(
            "Het criminele bedrijfsproces",
            "<p>De stappen die criminelen voor dit fenomeen nodig hebben (het barrièremodel), met "
            "per stap de interventies die haar blokkeren.</p>"
            f'<ol class="ww-chain">{"".join(steps)}</ol>',
        )
    )
    parts.append(
        section(
            "Waar en hoe sterk",
            charts.phenomenon_region_matrix(catalogue, path, [slug])
            + charts.evidence_spread(interventions, catalogue),
        )
    )
    if record.open_questions:
        items = "".join(f"<li>{escape(question)}</li>" for question in record.open_questions)
        parts.append(section("Open vragen", f"<ul>{items}</ul>"))
    if record.expert_table:
        table = record.expert_table
        name = external_link(table.get("url", ""), escape(table["name"]))
        since = f", sinds {table['since']}" if table.get("since") else ""
        parts.append(
            section(
                "Expertisetafel",
                f"<p>{name}, gecoördineerd door {escape(table['organisation'])}{since}.</p>",
            )
        )
    bottlenecks = [item for item in catalogue.bottlenecks.values() if slug in item.phenomena]
    if bottlenecks:
        parts.append(section("Knelpunten", bottleneck_list(catalogue, bottlenecks, path)))
    cases = [case for case in catalogue.cases.values() if slug in case.phenomena]
    if cases:
        parts.append(section("Casussen", case_list(cases, path)))
    parts.append(section("Bronnen", source_list(record.sources)))
    parts.append(reviewed(record.last_reviewed))
    return "".join(parts)


def bottleneck_list(catalogue: Catalogue, bottlenecks: list[Bottleneck], from_path: str) -> str:
    items = "".join(
        f'<li><a href="{relative_url(from_path, bottleneck_path(item.id))}">'
        f"<strong>{escape(item.title)}</strong></a> "
        f"{badge('status', item.status, catalogue.term('bottleneck_statuses', item.status).label)}"
        f"<br>{escape(item.summary)}</li>"
        for item in bottlenecks
    )
    return f'<ul class="ww-list">{items}</ul>\n'


def case_list(cases: list[Case], from_path: str) -> str:
    items = "".join(
        f'<li><a href="{relative_url(from_path, case_path(case.id))}"><strong>'
        f"{escape(case.title)}</strong></a><br>{escape(case.summary)}</li>"
        for case in cases
    )
    return f'<ul class="ww-list">{items}</ul>\n'


def bottleneck_page(catalogue: Catalogue, item: Bottleneck) -> str:
    path = bottleneck_path(item.id)
    facts = [
        ("Fenomenen", term_links(catalogue, "phenomena", item.phenomena, path)),
        ("Soort", escape(catalogue.term("bottleneck_kinds", item.kind).label)),
        (
            "Status",
            badge("status", item.status, catalogue.term("bottleneck_statuses", item.status).label),
        ),
    ]
    if item.since:
        facts.append(("Sinds", str(item.since)))
    if item.picked_up_by:
        facts.append(("Opgepakt door", escape(item.picked_up_by)))
    parts = [
        record_head(item.title, item.summary, facts),
        section("Het knelpunt", markdown_text.render(item.description)),
    ]
    if item.resolution:
        parts.append(section("Oplossing", markdown_text.render(item.resolution)))
    addressed = [catalogue.interventions[other] for other in item.resolved_by]
    if addressed:
        parts.append(section("Aangepakt door", intervention_list(catalogue, addressed, path)))
    parts.append(section("Bronnen", source_list(item.sources)))
    parts.append(reviewed(item.last_reviewed))
    return "".join(parts)


def bottleneck_register(catalogue: Catalogue) -> str:
    """All bottlenecks, filterable by phenomenon and status with the overview's script."""
    path = BOTTLENECKS
    items = list(catalogue.bottlenecks.values())

    def facet(parameter: str, legend: str, vocabulary: str, values_of) -> str:
        used = {value for item in items for value in values_of(item)}
        options = "".join(
            f'<li><label><input type="checkbox" name="{parameter}" value="{slug}"> '
            f"{escape(term.label)} "
            f'<span class="ww-count" data-count-for="{parameter}={slug}">'
            f"({sum(1 for item in items if slug in values_of(item))})</span></label></li>"
            for slug, term in catalogue.vocabularies[vocabulary].items()
            if slug in used
        )
        return (
            f'<fieldset class="ww-facet" data-parameter="{parameter}"><legend>{legend}</legend>'
            f"<ul>{options}</ul></fieldset>"
        )

    results = "".join(
        f'<li class="ww-result" data-fenomeen="{" ".join(item.phenomena)}" '
        f'data-status="{item.status}" data-reviewed="{item.last_reviewed}" data-evidence-rank="0" '
        f'data-text="{escape((item.title + " " + item.summary).lower())}">'
        f'<a class="ww-result__title" href="{relative_url(path, bottleneck_path(item.id))}">'
        f"{escape(item.title)}</a>"
        f'<p class="ww-result__summary">{escape(item.summary)}</p>'
        f'<p class="ww-result__meta">'
        f"{badge('status', item.status, catalogue.term('bottleneck_statuses', item.status).label)}"
        f" · {escape(catalogue.term('bottleneck_kinds', item.kind).label)}"
        f"{f' · sinds {item.since}' if item.since else ''}</p></li>"
        for item in items
    )
    phenomenon_parameter = FILTER_PARAMETERS["phenomena"]
    return (
        front_matter(
            "Knelpunten",
            "Knelpunten die professionals tegenkomen bij de aanpak van ondermijning.",
            hide=("navigation", "toc"),
        )
        + heading("Knelpunten")
        + "<p>Knelpunten die het veld is tegengekomen bij de aanpak van ondermijning: juridisch, "
        "bij het delen van informatie, in capaciteit of organisatie. Wat is opgelost, staat er "
        "ook: met de wet of interventie die het oploste.</p>\n\n"
        + '<div class="ww-overview">\n<form class="ww-filters" role="search" '
        'aria-label="Filter de knelpunten">'
        + '<p><label for="ww-text">Zoek in titel en samenvatting</label>'
        '<input id="ww-text" type="search" name="q" autocomplete="off"></p>'
        '<p><label for="ww-sort">Sorteer op</label><select id="ww-sort" name="sorteer">'
        '<option value="titel">Titel</option>'
        '<option value="beoordeeld">Laatst beoordeeld</option></select></p>'
        '<details class="ww-facets"><summary>Filters <span class="ww-active-filters"></span>'
        "</summary>"
        + facet(phenomenon_parameter, "Fenomeen", "phenomena", lambda item: item.phenomena)
        + facet("status", "Status", "bottleneck_statuses", lambda item: (item.status,))
        + "</details>"
        '<p><button type="reset" class="md-button">Wis alle filters</button></p></form>\n'
        '<div class="ww-results">'
        f'<p class="ww-result-count" role="status" aria-live="polite">{len(items)} knelpunten</p>'
        f'<ul class="ww-result-list">{results}</ul></div>\n</div>\n'
    )


def case_page(catalogue: Catalogue, case: Case) -> str:
    path = case_path(case.id)
    where = (
        term_links(catalogue, "regions", case.regions, path)
        if case.regions
        else term_links(catalogue, "countries", [case.country], path)
    )
    facts = [
        ("Fenomenen", term_links(catalogue, "phenomena", case.phenomena, path)),
        ("Waar", where),
    ]
    if case.period_start:
        facts.append(("Periode", f"{case.period_start}–{case.period_end or 'heden'}"))
    used = [catalogue.interventions[other] for other in case.interventions]
    return "".join(
        [
            record_head(case.title, case.summary, facts),
            section("Situatie", markdown_text.render(case.situation)),
            section("Aanpak", markdown_text.render(case.approach)),
            section("Lessen", markdown_text.render(case.lessons)),
            section("Gebruikte interventies", intervention_list(catalogue, used, path))
            if used
            else "",
            section("Bronnen", source_list(case.sources)),
            reviewed(case.last_reviewed),
        ]
    )


def case_index(catalogue: Catalogue) -> str:
    return (
        front_matter("Casussen", "Terugblikken op praktijkcasussen, zonder persoonsgegevens.")
        + heading("Casussen")
        + "<p>Terugblikken op hoe een integrale aanpak in de praktijk verliep, uit openbare "
        "bronnen en geanonimiseerd zoals gepubliceerd.</p>\n\n"
        + case_list(list(catalogue.cases.values()), CASES)
    )


def abroad_page(catalogue: Catalogue) -> str:
    """Foreign approaches side by side: what they are, their legal basis there, what the
    Netherlands would need, and the Dutch counterpart."""
    path = ABROAD_SECTION
    foreign = [record for record in catalogue.interventions.values() if record.is_foreign]
    blocks = []
    for record in foreign:
        country = catalogue.term("countries", record.country).label
        legal = (
            term_links(catalogue, "instruments", record.instruments, path)
            if record.instruments
            else "niet vastgelegd"
        )
        counterparts = [catalogue.interventions[other] for other in record.dutch_counterparts]
        counterpart_html = (
            intervention_list(catalogue, counterparts, path)
            if counterparts
            else "<p>Er is geen Nederlandse tegenhanger in de catalogus.</p>"
        )
        blocks.append(
            f'<section class="ww-abroad">'
            f'<h2 id="{record.id}"><a href="{relative_url(path, intervention_path(record.id))}">'
            f"{escape(record.title)}</a></h2>"
            + facts_list([("Land", escape(country)), ("Juridische basis daar", legal)])
            + f"<p>{escape(record.summary)}</p>"
            "<h3>Wat Nederland nodig heeft om het over te nemen</h3>"
            + (
                markdown_text.render(record.adoption_in_nl)
                if record.adoption_in_nl
                else "<p>Nog niet beschreven.</p>"
            )
            + f"<h3>Nederlandse tegenhanger</h3>{counterpart_html}</section>\n\n"
        )
    return (
        front_matter(
            "Buitenland",
            "Buitenlandse aanpakken vergeleken met wat Nederland heeft en nodig heeft.",
        )
        + heading("Wat deden andere landen?")
        + f"<p>{len(foreign)} buitenlandse aanpakken: wat ze zijn, waar ze daar op rusten, wat "
        "Nederland nodig zou hebben om ze over te nemen en of er al een Nederlandse tegenhanger "
        "is.</p>\n\n" + "".join(blocks)
    )


def generate_pages(catalogue: Catalogue) -> dict[str, str]:
    """The knowledge pages by source path; phenomenon pages replace the plain term pages."""
    result = {
        term_path("phenomena", slug): phenomenon_page(catalogue, slug)
        for slug in catalogue.phenomena
    }
    regions_index = term_index_page(catalogue, "regions")
    result["regios/index.md"] = regions_index.replace(
        "</h1>\n\n", "</h1>\n\n" + charts.region_map(catalogue, "regios/index.md") + "\n\n", 1
    )
    result[BOTTLENECKS] = bottleneck_register(catalogue)
    for item in catalogue.bottlenecks.values():
        result[bottleneck_path(item.id)] = bottleneck_page(catalogue, item)
    result[CASES] = case_index(catalogue)
    for case in catalogue.cases.values():
        result[case_path(case.id)] = case_page(catalogue, case)
    result[ABROAD_SECTION] = abroad_page(catalogue)
    return result
