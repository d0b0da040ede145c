"""Intervention pages, and the redirects that keep the links of renamed records working."""

import datetime
import functools
from collections.abc import Iterator

from . import freshness, urls
from .exports import linked_data
from .output import BuildSettings, GeneratedFile, Planned, record_source
from .records import Case, Catalogue, Intervention
from .rendering import record_markdown, render
from .vocabularies import Vocabularies

TEXT_SECTIONS = {"approach": "Aanpak", "results": "Resultaten", "lessons": "Lessen"}
IMPLEMENTATION_SECTIONS = {
    "costs": "Kosten",
    "capacity": "Capaciteit",
    "legal_basis": "Juridische basis",
    "preconditions": "Randvoorwaarden",
}


# `make serve` generates every page again after each change, so it keeps each intervention page
# with what it was made from (see `keep_pages`); a full build makes each page once and keeps none.
_kept_pages: dict[str, tuple[tuple, str]] | None = None
_kept_vocabularies: Vocabularies | None = None


def keep_pages() -> None:
    global _kept_pages
    if _kept_pages is None:
        _kept_pages = {}


def intervention_page(
    catalogue: Catalogue,
    record: Intervention,
    site_url: str = "",
    today: datetime.date | None = None,
    published: str = "",
) -> str:
    """The page's markdown. Besides the record, it shows its related and counterpart records,
    the cases that name it, the vocabularies' labels, the address of the site, whether the record
    is overdue for review today, and the day it was first published: a kept page is used only
    while all of these are equal to what it was made from."""
    today = today or datetime.date.today()
    related = [
        catalogue.interventions[other]
        for other in record.related
        if other in catalogue.interventions
    ]
    counterparts = [catalogue.interventions[other] for other in record.dutch_counterparts]
    cases = [case for case in catalogue.cases.values() if record.id in case.interventions]
    if _kept_pages is None:
        return _intervention_page(
            catalogue, record, related, counterparts, cases, site_url, today, published
        )
    _keep_pages_of(catalogue.vocabularies)
    inputs = (record, related, counterparts, cases, site_url, today, published)
    kept = _kept_pages.get(record.id)
    if kept is None or kept[0] != inputs:
        page = _intervention_page(
            catalogue, record, related, counterparts, cases, site_url, today, published
        )
        kept = _kept_pages[record.id] = (inputs, page)
    return kept[1]


def _keep_pages_of(vocabularies: Vocabularies) -> None:
    """Kept pages show the labels of the vocabularies they were made with: others drop them.
    A build reads the vocabularies again only when a file changed, so most calls compare no
    more than the object."""
    global _kept_vocabularies
    if vocabularies is not _kept_vocabularies:
        if vocabularies != _kept_vocabularies:
            _kept_pages.clear()
        _kept_vocabularies = vocabularies


def _intervention_page(
    catalogue: Catalogue,
    record: Intervention,
    related: list[Intervention],
    counterparts: list[Intervention],
    cases: list[Case],
    site_url: str,
    today: datetime.date,
    published: str,
) -> str:
    text = {
        "description": record_markdown(record.description),
        "sections": [
            (title, record_markdown(getattr(record, field)))
            for field, title in TEXT_SECTIONS.items()
            if getattr(record, field)
        ],
        "implementation": [
            (title, record_markdown(record.implementation[key]))
            for key, title in IMPLEMENTATION_SECTIONS.items()
            if record.implementation.get(key)
        ],
        "adoption": record_markdown(record.adoption_in_nl) if record.adoption_in_nl else "",
    }
    return render(
        "intervention.md",
        catalogue=catalogue,
        record=record,
        text=text,
        overdue=freshness.is_overdue(record.last_reviewed, today),
        review_months=freshness.REVIEW_MONTHS,
        related=related,
        counterparts=counterparts,
        cases=cases,
        citation=linked_data.citation(record, site_url),
        linked_data=linked_data.json_ld_text(record, catalogue, site_url, published),
    )


def redirect_page(target_url: str) -> str:
    """A static page that sends an old link on to the record's current page."""
    return render("redirect.html", target=target_url)


def first_published(settings: BuildSettings, record: Intervention) -> str:
    """The day the record's file was first committed, "" without history."""
    history = settings.history
    return history.first_added.get(record_source(record), "") if history else ""


def plan(settings: BuildSettings) -> Iterator[Planned]:
    """Each record's page and its old addresses' redirects, listed with how to make each."""
    catalogue = settings.catalogue
    for record in catalogue.interventions.values():
        yield (
            GeneratedFile(
                urls.intervention_path(record.id),
                "",
                source=record_source(record),
                last_modified=record.last_reviewed,
            ),
            functools.partial(
                intervention_page,
                catalogue,
                record,
                settings.site_url,
                published=first_published(settings, record),
            ),
        )
        for old_id in record.former_ids:
            yield (
                GeneratedFile(
                    f"interventies/{old_id}/index.html", "", source=record_source(record)
                ),
                functools.partial(redirect_page, f"../{record.id}/"),
            )
