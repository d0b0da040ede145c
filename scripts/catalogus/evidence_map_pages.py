"""/bewijskaart/, the catalogue's evidence and gap map (phenomena × steps of the criminal
business process), and each map as CSV: the catalogue's at /bewijskaart/bewijskaart.csv, a
phenomenon's at /fenomenen/<slug>/bewijskaart.csv beside its page."""

from . import evidence_map, home_widgets, queries, urls
from .exports.csv_export import spreadsheet
from .output import BuildSettings, GeneratedFile
from .records import Catalogue
from .rendering import render

PAGE = "bewijskaart/index.md"
CSV_NAME = "bewijskaart.csv"
CATALOGUE_CSV = f"bewijskaart/{CSV_NAME}"


def phenomenon_csv_path(slug: str) -> str:
    return f"{urls.TERM_FOLDERS['phenomena']}/{slug}/{CSV_NAME}"


def evidence_map_page(catalogue: Catalogue) -> str:
    phenomena = queries.terms_with_pages(catalogue, "phenomena")
    cells = evidence_map.catalogue_map(catalogue, phenomena)
    most = max((len(cell.interventions) for cell in cells.values()), default=0)
    return render(
        "evidence_map.md",
        catalogue=catalogue,
        here=PAGE,
        phenomena=phenomena,
        steps=list(catalogue.vocabularies["barrier_steps"]),
        cells=cells,
        strongest={
            key: evidence_map.strongest_evidence(catalogue, cell.interventions)
            for key, cell in cells.items()
        },
        shades={
            key: home_widgets.shade(len(cell.interventions), most) for key, cell in cells.items()
        },
        csv_name=CSV_NAME,
        gaps=sum(1 for cell in cells.values() if not cell.interventions),
    )


def pages(settings: BuildSettings) -> list[GeneratedFile]:
    catalogue = settings.catalogue
    newest = queries.newest_review(catalogue.interventions.values())
    phenomena = queries.terms_with_pages(catalogue, "phenomena")
    everything = evidence_map.catalogue_map(catalogue, phenomena)
    generated = [
        GeneratedFile(PAGE, evidence_map_page(catalogue), last_modified=newest),
        GeneratedFile(
            CATALOGUE_CSV,
            spreadsheet(evidence_map.csv_rows(catalogue, everything.values())),
            last_modified=newest,
        ),
    ]
    for slug in catalogue.phenomena:
        steps = evidence_map.phenomenon_steps(catalogue, slug)
        of_steps = evidence_map.cells(catalogue, [slug], steps)
        cells = [of_steps[slug, step] for step in steps]
        generated.append(
            GeneratedFile(
                phenomenon_csv_path(slug),
                spreadsheet(evidence_map.csv_rows(catalogue, cells)),
                last_modified=newest,
            )
        )
    return generated
