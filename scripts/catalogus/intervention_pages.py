"""Intervention pages, and the redirects that keep the links of renamed records working."""

import datetime

from . import freshness, urls
from .exports import linked_data
from .output import BuildSettings, GeneratedFile, record_source
from .records import Catalogue, Intervention
from .rendering import record_markdown, render

TEXT_SECTIONS = {"approach": "Aanpak", "results": "Resultaten", "lessons": "Lessen"}
IMPLEMENTATION_SECTIONS = {
    "costs": "Kosten",
    "capacity": "Capaciteit",
    "legal_basis": "Juridische basis",
    "preconditions": "Randvoorwaarden",
}


def intervention_page(
    catalogue: Catalogue,
    record: Intervention,
    site_url: str = "",
    today: datetime.date | None = None,
    published: str = "",
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
        overdue=freshness.is_overdue(record.last_reviewed, today or datetime.date.today()),
        review_months=freshness.REVIEW_MONTHS,
        related=[
            catalogue.interventions[other]
            for other in record.related
            if other in catalogue.interventions
        ],
        counterparts=[catalogue.interventions[other] for other in record.dutch_counterparts],
        cases=[case for case in catalogue.cases.values() if record.id in case.interventions],
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


def pages(settings: BuildSettings) -> list[GeneratedFile]:
    catalogue = settings.catalogue
    generated = []
    for record in catalogue.interventions.values():
        generated.append(
            GeneratedFile(
                urls.intervention_path(record.id),
                intervention_page(
                    catalogue,
                    record,
                    settings.site_url,
                    published=first_published(settings, record),
                ),
                source=record_source(record),
                last_modified=record.last_reviewed,
            )
        )
        generated.extend(
            GeneratedFile(
                f"interventies/{old_id}/index.html",
                redirect_page(f"../{record.id}/"),
                source=record_source(record),
            )
            for old_id in record.former_ids
        )
    return generated
