"""A page per phenomenon with a record of its own (/fenomenen/<slug>/), as a Fenomeentafel works
from it: the criminal business process step by step as an evidence and gap map (what blocks each
step, how well it works, what hinders it, what other countries do), so a gap stands out. Phenomena without a record get a plain term page instead
(`term_pages`).
"""

import functools

from . import evidence_map, evidence_map_pages, home_widgets, queries, urls
from .output import BuildSettings, GeneratedFile, Planned, record_source
from .records import Catalogue
from .rendering import record_markdown, render


def phenomenon_page(catalogue: Catalogue, slug: str) -> str:
    here = urls.term_path("phenomena", slug)
    record = catalogue.phenomena[slug]
    interventions = queries.records_with(catalogue, "phenomena", slug)
    cells = evidence_map.cells(catalogue, [slug], [link.step for link in record.chain])
    steps = [(link.step, link.description, cells[slug, link.step]) for link in record.chain]
    return render(
        "phenomenon.md",
        catalogue=catalogue,
        term=catalogue.term("phenomena", slug),
        record=record,
        here=here,
        interventions=interventions,
        # Feeds hold public records only (exports.atom_feeds): on the internal site a
        # phenomenon with internal interventions alone has no feed to link to.
        has_feed=any(other.is_public for other in interventions),
        description=record_markdown(record.description),
        steps=steps,
        cross_cutting=evidence_map.cross_cutting(catalogue, slug),
        foreign=[other for other in interventions if other.is_foreign],
        csv_name=evidence_map_pages.CSV_NAME,
        matrix=home_widgets.phenomenon_region_matrix(catalogue, here, [slug]),
        spread=home_widgets.evidence_spread(interventions, catalogue),
        bottlenecks=[item for item in catalogue.bottlenecks.values() if slug in item.phenomena],
        cases=[case for case in catalogue.cases.values() if slug in case.phenomena],
    )


def plan(settings: BuildSettings) -> list[Planned]:
    """The pages, listed with how to make each."""
    catalogue = settings.catalogue
    return [
        (
            GeneratedFile(
                urls.term_path("phenomena", slug),
                "",
                source=record_source(record),
                last_modified=record.last_reviewed,
            ),
            functools.partial(phenomenon_page, catalogue, slug),
        )
        for slug, record in catalogue.phenomena.items()
    ]
