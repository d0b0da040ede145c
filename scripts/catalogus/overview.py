"""The overview of all interventions (/interventies/): filters, free text and sorting.

Without JavaScript it is the full list; docs/assets/overview.js filters it in the browser from
the data attributes written here, so the list is its own data.
"""

from dataclasses import dataclass

from . import facets, queries, urls
from .output import BuildSettings, GeneratedFile
from .records import Catalogue, Intervention
from .rendering import render

SORT_OPTIONS = (
    ("titel", "Titel"),
    ("beoordeeld", "Laatst beoordeeld"),
    ("onderbouwing", "Onderbouwing (sterkste eerst)"),
    ("uitkomst", "Uitkomst (wat werkte eerst)"),
)


@dataclass(frozen=True)
class OverviewItem:
    record: Intervention
    path: str
    national: bool
    attributes: dict[str, str]


def overview_item(record: Intervention, ranks: dict[str, dict[str, int]]) -> OverviewItem:
    attributes = facets.item_attributes(record, facets.INTERVENTION_FACETS, queries.values_of)
    attributes["data-reviewed"] = record.last_reviewed
    attributes["data-evidence-rank"] = str(ranks["evidence_levels"][record.evidence_level])
    # What worked first: the outcomes vocabulary runs from positive to unknown.
    attributes["data-outcome-rank"] = str(ranks["outcomes"][record.outcome])
    attributes["data-text"] = " ".join(
        [record.title, record.summary, record.lead_organisation, *record.partners]
    ).lower()
    return OverviewItem(
        record,
        urls.intervention_path(record.id),
        facets.NATIONAL in record.regions,
        attributes,
    )


def overview_page(catalogue: Catalogue) -> str:
    ranks = {
        vocabulary: {slug: rank for rank, slug in enumerate(catalogue.vocabularies[vocabulary])}
        for vocabulary in ("evidence_levels", "outcomes")
    }
    records = list(catalogue.interventions.values())
    return render(
        "overview.md",
        catalogue=catalogue,
        here=urls.OVERVIEW,
        sort_options=SORT_OPTIONS,
        facet_groups=facets.facet_groups(
            catalogue, facets.INTERVENTION_FACETS, records, queries.values_of
        ),
        items=[overview_item(record, ranks) for record in records],
        regional_only=facets.REGIONAL_ONLY,
    )


def pages(settings: BuildSettings) -> list[GeneratedFile]:
    catalogue = settings.catalogue
    return [
        GeneratedFile(
            urls.OVERVIEW,
            overview_page(catalogue),
            last_modified=queries.newest_review(catalogue.interventions.values()),
        )
    ]
