"""The filters of the overview and the bottleneck register: one table, one builder.

The query parameters are a public contract (docs/over/links.md, whose table is generated from
`PARAMETERS`); the overview's script reads the facets from the page, so a facet added here
appears in the page, the script and the documentation at once.
"""

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from . import queries
from .records import Bottleneck, Catalogue


@dataclass(frozen=True)
class Facet:
    vocabulary: str
    parameter: str  # the query parameter, e.g. `fenomeen`
    legend: str  # the fieldset's legend on the page
    values_description: str  # what the parameter takes, for /over/links/
    example: str
    extra: tuple[tuple[str, str], ...] = ()  # values that are not terms, e.g. ("buitenland", …)


INTERVENTION_FACETS = (
    Facet("phenomena", "fenomeen", "Fenomeen", "slug van een fenomeen", "?fenomeen=vastgoed"),
    Facet(
        "regions",
        "regio",
        "Regio",
        "slug van een RIEC-regio of `landelijk`",
        "?regio=rotterdam&regio=den-haag",
    ),
    Facet(
        "countries",
        "land",
        "Land",
        "ISO-code in hoofdletters, of `buitenland` voor alle landen behalve Nederland",
        "?land=buitenland",
        extra=((queries.ABROAD, "Buitenland (alle landen)"),),
    ),
    Facet(
        "barrier_steps",
        "stap",
        "Blokkeert stap",
        "slug van een stap van het criminele bedrijfsproces; overkoepelende aanpakken tellen niet mee",
        "?fenomeen=vastgoed&stap=locatie",
    ),
    Facet(
        "kinds",
        "soort",
        "Soort interventie",
        "slug van een soort interventie",
        "?soort=bestuurlijk",
    ),
    Facet(
        "evidence_levels",
        "onderbouwing",
        "Onderbouwing",
        "slug van een niveau van onderbouwing",
        "?onderbouwing=goed-beschreven",
    ),
    Facet(
        "outcomes",
        "uitkomst",
        "Uitkomst",
        "slug van een uitkomst: `positief`, `gemengd`, `geen-effect`, `negatief` of `onbekend`",
        "?uitkomst=positief",
    ),
    Facet(
        "statuses",
        "status",
        "Status",
        "`pilot`, `lopend`, `structureel` of `beeindigd`",
        "?status=structureel",
    ),
)

BOTTLENECK_FACETS = (
    Facet("phenomena", "fenomeen", "Fenomeen", "slug van een fenomeen", "?fenomeen=vastgoed"),
    Facet(
        "bottleneck_statuses",
        "status",
        "Status",
        "`open`, `in-behandeling` of `opgelost`",
        "?status=open",
    ),
)

# National approaches apply in every region: choosing a region shows them too, marked as
# national, unless this parameter asks for the region's own interventions only.
REGIONAL_ONLY = ("landelijk", "nee")

# The overview's other parameters: free text, national approaches and sorting.
OTHER_PARAMETERS = (
    ("tekst", "vrije tekst, gezocht in titel, samenvatting en organisaties", "?tekst=bibob"),
    (
        REGIONAL_ONLY[0],
        "`nee`: bij een gekozen regio alleen de interventies van die regio, zonder de landelijke",
        "?regio=oost-brabant&landelijk=nee",
    ),
    (
        "sorteer",
        "`titel` (standaard), `beoordeeld`, `onderbouwing` of `uitkomst`",
        "?sorteer=uitkomst",
    ),
)

NATIONAL = "landelijk"  # the region slug of a national approach

PARAMETER_OF = {facet.vocabulary: facet.parameter for facet in INTERVENTION_FACETS}


def bottleneck_values(item: Bottleneck, vocabulary: str) -> tuple[str, ...]:
    return {"phenomena": item.phenomena, "bottleneck_statuses": (item.status,)}[vocabulary]


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    count: int  # how many items choosing it alone would show


@dataclass(frozen=True)
class FacetGroup:
    parameter: str
    legend: str
    options: tuple[Option, ...]


def facet_groups(
    catalogue: Catalogue,
    facets: Sequence[Facet],
    items: Iterable,
    values_of: Callable[[object, str], tuple[str, ...]],
) -> list[FacetGroup]:
    """The filters for a list of items: per facet, the values in use with their counts."""
    items = list(items)
    groups = []
    for facet in facets:
        tally = _Tally(facet, items, values_of)
        choices = [*facet.extra] + [
            (slug, term.label)
            for slug, term in catalogue.vocabularies[facet.vocabulary].items()
            if slug in tally.used
        ]
        options = tuple(Option(value, label, tally.count(value)) for value, label in choices)
        groups.append(FacetGroup(facet.parameter, facet.legend, options))
    return groups


class _Tally:
    """The values of one facet that items carry, and how many items choosing each value alone
    shows: a national approach under every region, "abroad" every foreign record.

    One pass over the items: a pass per value took most of the overview's time at 5,000 records.
    """

    def __init__(self, facet: Facet, items: list, values_of: Callable) -> None:
        self.used: set[str] = set()
        self.counts: Counter = Counter()
        self.everywhere = 0  # items that every value shows
        for item in items:
            values = set(values_of(item, facet.vocabulary))
            self.used |= values
            if facet.vocabulary == "regions" and NATIONAL in values:
                self.everywhere += 1
            else:
                self.counts.update(values)
            if facet.vocabulary == "countries" and item.is_foreign:
                self.counts[queries.ABROAD] += 1

    def count(self, value: str) -> int:
        return self.counts[value] + self.everywhere


def item_attributes(item, facets: Sequence[Facet], values_of) -> dict[str, str]:
    """The data attributes the filter script matches an item on, e.g. `data-fenomeen`."""
    attributes = {
        f"data-{facet.parameter}": " ".join(values_of(item, facet.vocabulary)) for facet in facets
    }
    if any(facet.extra for facet in facets) and getattr(item, "is_foreign", False):
        attributes["data-land"] += f" {queries.ABROAD}"
    return attributes
