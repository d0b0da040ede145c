"""Pictures and lists that hand-written pages include through macros (the home page above all),
and that generated pages reuse: a schematic map of the RIEC regions, a phenomenon × region matrix,
the spread of evidence levels, the home page's question form and lists of interventions.

Each widget returns `Markup` rendered from a template, so a page template can include it as it
is. Plain HTML, no third party; colours come from classes in catalogus.css so they
follow the light and dark scheme and print.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup

from . import facets, queries
from .records import Catalogue, Intervention
from .rendering import render

# A schematic tile map: each region a tile at (column, row, width, height) in a 4 × 4 grid,
# placed roughly where it lies. Tiles, not borders: the picture says which region, not where
# exactly its boundary runs. The grid is CSS (catalogus.css, .ww-map__tiles), so the names are
# text that wraps and zooms instead of lettering in a picture that shrinks with the screen.
REGION_TILES = {
    "noord-holland": (1, 0, 1, 1),
    "noord-nederland": (2, 0, 2, 1),
    "den-haag": (0, 1, 1, 1),
    "amsterdam-amstelland": (1, 1, 1, 1),
    "midden-nederland": (2, 1, 1, 1),
    "oost-nederland": (3, 1, 1, 2),
    "rotterdam": (0, 2, 2, 1),
    "oost-brabant": (2, 2, 1, 2),
    "zeeland-west-brabant": (0, 3, 2, 1),
    "limburg": (3, 3, 1, 1),
}
SHADES = 5


def shade(count: int, most: int) -> int:
    """A shade from 0 (none) to SHADES - 1 (the most), so one region never washes out the rest."""
    if count == 0 or most == 0:
        return 0
    return 1 + round((count - 1) / max(most - 1, 1) * (SHADES - 2))


@dataclass(frozen=True)
class Tile:
    slug: str
    label: str
    count: int
    shade: int
    column: int
    row: int
    columns: int
    rows: int


def region_map(catalogue: Catalogue, from_path: str) -> Markup:
    """The ten RIEC regions shaded by their number of interventions, each a link to its page,
    with the same figures as a table."""
    counts = {slug: len(queries.records_with(catalogue, "regions", slug)) for slug in REGION_TILES}
    most = max(counts.values(), default=0)
    tiles = [
        Tile(
            slug,
            catalogue.term("regions", slug).label,
            counts[slug],
            shade(counts[slug], most),
            *REGION_TILES[slug],
        )
        for slug in REGION_TILES
    ]
    return Markup(
        render(
            "region_map.html",
            here=from_path,
            tiles=tiles,
            national=len(queries.records_with(catalogue, "regions", "landelijk")),
        )
    )


@dataclass(frozen=True)
class Column:
    slug: str
    label: str
    parameter: str  # the overview's filter that selects it: `regio`, or `land` for abroad

    @property
    def selection(self) -> dict[str, str]:
        """The overview's selection for this column. A region's cell counts its own
        interventions, so its link leaves out the national ones the overview adds by default."""
        selection = {self.parameter: self.slug}
        if self.parameter == "regio" and self.slug != facets.NATIONAL:
            selection[facets.REGIONAL_ONLY[0]] = facets.REGIONAL_ONLY[1]
        return selection


def _in(record: Intervention, column: Column) -> bool:
    if column.parameter == "land":
        return record.is_foreign
    return column.slug in record.regions


def phenomenon_region_matrix(
    catalogue: Catalogue, from_path: str, phenomena: Iterable[str] | None = None
) -> Markup:
    """A table of how many interventions each phenomenon has per region, and abroad; each count
    links to that selection in the overview."""
    if phenomena is None:
        phenomena = queries.terms_in_use(catalogue, "phenomena")
    columns = [
        Column(slug, term.label, "regio")
        for slug, term in catalogue.vocabularies["regions"].items()
    ]
    columns.append(Column(queries.ABROAD, "Buitenland", "land"))
    rows = []
    for phenomenon in phenomena:
        records = queries.records_with(catalogue, "phenomena", phenomenon)
        counts = [sum(1 for record in records if _in(record, column)) for column in columns]
        rows.append((catalogue.term("phenomena", phenomenon), counts))
    return Markup(
        render(
            "region_matrix.html",
            here=from_path,
            columns=columns,
            rows=rows,
            most=max((count for _, counts in rows for count in counts), default=0),
            shade=shade,
        )
    )


def evidence_spread(records: Iterable[Intervention], catalogue: Catalogue) -> Markup:
    """How many interventions rest on each level of evidence, as bars in a table."""
    records = list(records)
    levels = catalogue.vocabularies["evidence_levels"]
    counts = {
        slug: sum(1 for record in records if record.evidence_level == slug) for slug in levels
    }
    most = max(counts.values(), default=0) or 1
    return Markup(
        render(
            "evidence_spread.html",
            levels=[
                (term.label, counts[slug], f"{counts[slug] / most * 100:.0f}%")
                for slug, term in levels.items()
            ],
        )
    )


def question_form(catalogue: Catalogue, from_path: str) -> Markup:
    """Choose a phenomenon and a region (or abroad) and land on the overview with that selection."""
    return Markup(
        render(
            "question_form.html",
            catalogue=catalogue,
            here=from_path,
            phenomena=queries.terms_in_use(catalogue, "phenomena"),
            regions=queries.terms_in_use(catalogue, "regions"),
            abroad=queries.ABROAD,
        )
    )


def intervention_list(
    catalogue: Catalogue, records: Iterable[Intervention], from_path: str
) -> Markup:
    """A list of interventions with their summaries, where they run and their evidence."""
    return Markup(
        render("intervention_list.html", catalogue=catalogue, records=list(records), here=from_path)
    )
