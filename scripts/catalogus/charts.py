"""Pictures built at build time: a schematic map of the RIEC regions, a phenomenon × region
matrix and the spread of evidence levels. Plain HTML and inline SVG, no third party; colours come
from classes in catalogus.css so they follow the light and dark scheme and print.
"""

from collections.abc import Iterable

from .pages import ABROAD, OVERVIEW, escape, records_with, relative_url, term_path, terms_in_use
from .records import Catalogue, Intervention

# A schematic tile map: each region a tile at (column, row, width, height) in a 4 × 4 grid,
# placed roughly where it lies. Tiles, not borders: the picture says which region, not where
# exactly its boundary runs.
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
TILE_WIDTH, TILE_HEIGHT, GAP = 190, 80, 6
SHADES = 5


def shade(count: int, most: int) -> int:
    """A shade from 0 (none) to SHADES - 1 (the most), so one region never washes out the rest."""
    if count == 0 or most == 0:
        return 0
    return 1 + round((count - 1) / max(most - 1, 1) * (SHADES - 2))


def region_map(catalogue: Catalogue, from_path: str) -> str:
    """The ten RIEC regions shaded by their number of interventions, each a link to its page."""
    counts = {slug: len(records_with(catalogue, "regions", slug)) for slug in REGION_TILES}
    most = max(counts.values(), default=0)
    tiles = []
    for slug, (column, row, width, height) in REGION_TILES.items():
        label = catalogue.term("regions", slug).label
        x, y = column * (TILE_WIDTH + GAP), row * (TILE_HEIGHT + GAP)
        w, h = width * TILE_WIDTH + (width - 1) * GAP, height * TILE_HEIGHT + (height - 1) * GAP
        noun = "interventie" if counts[slug] == 1 else "interventies"
        tiles.append(
            f'<a href="{relative_url(from_path, term_path("regions", slug))}" '
            f'aria-label="{escape(label)}: {counts[slug]} {noun}">'
            f'<rect class="ww-shade-{shade(counts[slug], most)}" x="{x}" y="{y}" width="{w}" '
            f'height="{h}" rx="6"></rect>'
            f'<text x="{x + w / 2}" y="{y + h / 2 - 6}" text-anchor="middle">{escape(label)}</text>'
            f'<text x="{x + w / 2}" y="{y + h / 2 + 16}" text-anchor="middle" '
            f'class="ww-map__count">{counts[slug]}</text></a>'
        )
    width = 4 * TILE_WIDTH + 3 * GAP
    height = 4 * TILE_HEIGHT + 3 * GAP
    rows = "".join(
        f'<tr><th scope="row"><a href="{relative_url(from_path, term_path("regions", slug))}">'
        f"{escape(catalogue.term('regions', slug).label)}</a></th><td>{counts[slug]}</td></tr>"
        for slug in REGION_TILES
    )
    national = len(records_with(catalogue, "regions", "landelijk"))
    return (
        '<figure class="ww-map">'
        f'<svg viewBox="-4 -4 {width + 8} {height + 8}" role="group" '
        'aria-label="Schematische kaart van de tien RIEC-regio\'s">'
        f"{''.join(tiles)}</svg>"
        "<figcaption>Schematische kaart: elk vlak is een RIEC-regio, hoe donkerder hoe meer "
        f"interventies. Daarnaast zijn er {national} landelijke interventies.</figcaption>"
        "</figure>"
        '<details class="ww-map__table"><summary>De kaart als tabel</summary>'
        '<table><thead><tr><th scope="col">Regio</th><th scope="col">Interventies</th></tr>'
        f"</thead><tbody>{rows}</tbody></table></details>"
    )


def phenomenon_region_matrix(
    catalogue: Catalogue, from_path: str, phenomena: Iterable[str] | None = None
) -> str:
    """A table of how many interventions each phenomenon has per region, and abroad."""
    phenomena = list(phenomena) if phenomena is not None else terms_in_use(catalogue, "phenomena")
    regions = list(catalogue.vocabularies["regions"])
    columns = [(slug, catalogue.term("regions", slug).label, "regio") for slug in regions]
    columns.append((ABROAD, "Buitenland", "land"))
    cells: dict[tuple[str, str], int] = {}
    for phenomenon in phenomena:
        for slug, _, parameter in columns:
            vocabulary = "regions" if parameter == "regio" else "countries"
            cells[phenomenon, slug] = sum(
                1
                for record in records_with(catalogue, "phenomena", phenomenon)
                if _in(record, vocabulary, slug)
            )
    most = max(cells.values(), default=0)
    header = "".join(f'<th scope="col">{escape(label)}</th>' for _, label, _ in columns)
    body = []
    for phenomenon in phenomena:
        label = catalogue.term("phenomena", phenomenon).label
        row = [
            f'<th scope="row"><a href="{relative_url(from_path, term_path("phenomena", phenomenon))}">'
            f"{escape(label)}</a></th>"
        ]
        for slug, region_label, parameter in columns:
            count = cells[phenomenon, slug]
            link = relative_url(from_path, OVERVIEW, fenomeen=phenomenon, **{parameter: slug})
            content = (
                f'<a href="{escape(link)}" aria-label="{escape(label)} in {escape(region_label)}: '
                f'{count}">{count}</a>'
                if count
                else '<span aria-label="geen">·</span>'
            )
            row.append(f'<td class="ww-shade-{shade(count, most)}">{content}</td>')
        body.append(f"<tr>{''.join(row)}</tr>")
    return (
        '<div class="ww-matrix" role="region" aria-label="Fenomenen per regio" tabindex="0">'
        "<table><caption>Aantal interventies per fenomeen en regio</caption>"
        f'<thead><tr><th scope="col">Fenomeen</th>{header}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></div>"
    )


def _in(record: Intervention, vocabulary: str, slug: str) -> bool:
    if vocabulary == "countries":
        return record.is_foreign
    return slug in record.regions


def evidence_spread(records: Iterable[Intervention], catalogue: Catalogue) -> str:
    """How many interventions rest on each level of evidence, as bars in a table."""
    records = list(records)
    levels = catalogue.vocabularies["evidence_levels"]
    counts = {
        slug: sum(1 for record in records if record.evidence_level == slug) for slug in levels
    }
    most = max(counts.values(), default=0) or 1
    rows = "".join(
        f'<tr><th scope="row">{escape(term.label)}</th>'
        f'<td><span class="ww-bar" style="width: {counts[slug] / most * 100:.0f}%"></span></td>'
        f"<td>{counts[slug]}</td></tr>"
        for slug, term in levels.items()
    )
    return (
        '<table class="ww-spread"><caption>Interventies per niveau van onderbouwing</caption>'
        '<thead><tr><th scope="col">Onderbouwing</th><th scope="col"><span class="md-visually-hidden">'
        'Verhouding</span></th><th scope="col">Aantal</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )
