"""A page per term of a vocabulary (a region, a country, a kind, an instrument, a phenomenon
without a record of its own) listing its interventions, and an index page per vocabulary."""

import functools

from markupsafe import Markup

from . import facets, queries, urls
from .output import BuildSettings, GeneratedFile, Planned
from .records import Catalogue, Intervention
from .rendering import render

# Each vocabulary with term pages: the title of its index and what one term is called.
TERM_SECTIONS = {
    "phenomena": ("Fenomenen", "fenomeen"),
    "regions": ("Regio's", "regio"),
    "countries": ("Landen", "land"),
    "kinds": ("Soorten interventie", "soort"),
    "instruments": ("Juridische instrumenten", "instrument"),
}


def term_page(
    catalogue: Catalogue, vocabulary: str, slug: str, by_term: dict[str, list[Intervention]]
) -> str:
    """`by_term`: the vocabulary's `queries.records_by_term`."""
    # A region's page also lists the national approaches, which apply there too.
    national = (
        by_term.get(facets.NATIONAL, [])
        if vocabulary == "regions" and slug != facets.NATIONAL
        else None
    )
    return render(
        "term.md",
        catalogue=catalogue,
        term=catalogue.term(vocabulary, slug),
        here=urls.term_path(vocabulary, slug),
        records=by_term.get(slug, []),
        noun=TERM_SECTIONS[vocabulary][1],
        parameter=facets.PARAMETER_OF.get(vocabulary, ""),
        national=national,
    )


def term_index_page(
    catalogue: Catalogue,
    vocabulary: str,
    by_term: dict[str, list[Intervention]],
    picture: Markup | str = "",
) -> str:
    """The terms of a vocabulary that have a page; `picture` goes above the list (the regions'
    index shows the map)."""
    return render(
        "term_index.md",
        title=TERM_SECTIONS[vocabulary][0],
        vocabulary=vocabulary,
        here=urls.term_index_path(vocabulary),
        picture=picture,
        terms=[
            (catalogue.term(vocabulary, slug), len(by_term.get(slug, [])))
            for slug in queries.terms_with_pages(catalogue, vocabulary)
        ],
    )


def plan(settings: BuildSettings, region_map: Markup | str = "") -> list[Planned]:
    """Term pages and indexes, listed with how to make each; phenomena with a record of their
    own get a phenomenon page instead (`phenomenon_pages`)."""
    catalogue = settings.catalogue
    planned: list[Planned] = []
    for vocabulary in TERM_SECTIONS:
        picture = region_map if vocabulary == "regions" else ""
        by_term = queries.records_by_term(catalogue, vocabulary)
        planned.append(
            (
                GeneratedFile(
                    urls.term_index_path(vocabulary),
                    "",
                    last_modified=queries.newest_review(catalogue.interventions.values()),
                ),
                functools.partial(term_index_page, catalogue, vocabulary, by_term, picture),
            )
        )
        for slug in queries.terms_with_pages(catalogue, vocabulary):
            if vocabulary == "phenomena" and slug in catalogue.phenomena:
                continue
            planned.append(
                (
                    GeneratedFile(
                        urls.term_path(vocabulary, slug),
                        "",
                        last_modified=queries.newest_review(by_term.get(slug, [])),
                    ),
                    functools.partial(term_page, catalogue, vocabulary, slug, by_term),
                )
            )
    return planned
