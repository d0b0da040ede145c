"""The register of bottlenecks (/knelpunten/), filtered in place like the overview, and a page per
bottleneck (/knelpunten/<id>/)."""

from dataclasses import dataclass

from . import facets, queries, urls
from .output import BuildSettings, GeneratedFile, record_source
from .records import Bottleneck, Catalogue
from .rendering import record_markdown, render

SORT_OPTIONS = (("titel", "Titel"), ("beoordeeld", "Laatst beoordeeld"))


@dataclass(frozen=True)
class RegisterItem:
    record: Bottleneck
    attributes: dict[str, str]  # the data attributes the filter script reads


def register_item(item: Bottleneck) -> RegisterItem:
    attributes = facets.item_attributes(item, facets.BOTTLENECK_FACETS, facets.bottleneck_values)
    attributes["data-reviewed"] = item.last_reviewed
    # Bottlenecks have no evidence; the script sorts on the attribute all the same.
    attributes["data-evidence-rank"] = "0"
    attributes["data-text"] = f"{item.title} {item.summary}".lower()
    return RegisterItem(item, attributes)


def bottleneck_register(catalogue: Catalogue) -> str:
    """All bottlenecks, filterable by phenomenon and status with the overview's script."""
    items = list(catalogue.bottlenecks.values())
    return render(
        "bottlenecks.md",
        catalogue=catalogue,
        here=urls.BOTTLENECKS,
        sort_options=SORT_OPTIONS,
        facet_groups=facets.facet_groups(
            catalogue, facets.BOTTLENECK_FACETS, items, facets.bottleneck_values
        ),
        items=[register_item(item) for item in items],
    )


def bottleneck_page(catalogue: Catalogue, item: Bottleneck) -> str:
    return render(
        "bottleneck.md",
        catalogue=catalogue,
        item=item,
        text={
            "description": record_markdown(item.description),
            "resolution": record_markdown(item.resolution) if item.resolution else "",
        },
        addressed=[catalogue.interventions[other] for other in item.resolved_by],
        cases=[case for case in catalogue.cases.values() if item.id in case.bottlenecks],
    )


def pages(settings: BuildSettings) -> list[GeneratedFile]:
    catalogue = settings.catalogue
    bottlenecks = catalogue.bottlenecks.values()
    generated = [
        GeneratedFile(
            urls.BOTTLENECKS,
            bottleneck_register(catalogue),
            last_modified=queries.newest_review(bottlenecks),
        )
    ]
    generated.extend(
        GeneratedFile(
            urls.bottleneck_path(item.id),
            bottleneck_page(catalogue, item),
            source=record_source(item),
            last_modified=item.last_reviewed,
        )
        for item in bottlenecks
    )
    return generated
