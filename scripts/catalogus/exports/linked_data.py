"""What an intervention's page says about itself to machines and to people who cite it:
schema.org data (JSON-LD) and a ready reference. Both are empty for a record that is not public,
so the internal build's pages of internal records carry neither.
"""

import json

from markupsafe import Markup

from .. import urls
from ..records import Catalogue, Intervention
from ..rendering import dutch_date
from .common import LICENCE_NAME, LICENCE_URL, PUBLISHER, intervention_url


def json_ld(record: Intervention, catalogue: Catalogue, site_url: str, published: str = "") -> dict:
    """schema.org data for an intervention's page; `{}` for a record that is not public.

    `published` is the day the record first appeared in the catalogue (from git); without it,
    its review is the oldest date the build knows of.
    """
    if not record.is_public:
        return {}
    url = intervention_url(site_url, record.id)
    home = urls.base_url(site_url)
    places = [
        {
            "@type": "Country",
            "name": catalogue.term("countries", record.country).label,
            "identifier": record.country,
        }
    ]
    places += [
        {"@type": "Place", "name": catalogue.term("regions", slug).label}
        for slug in record.regions
        if slug != "landelijk"
    ]
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "@id": url,
        "url": url,
        "mainEntityOfPage": url,
        "headline": record.title,
        "name": record.title,
        "description": record.summary,
        "inLanguage": "nl",
        "datePublished": published or record.last_reviewed,
        "dateModified": max(record.last_reviewed, published),
        "isAccessibleForFree": True,
        "license": LICENCE_URL,
        "publisher": {"@type": "Organization", "name": PUBLISHER, "url": home},
        "isPartOf": {"@type": "WebSite", "name": PUBLISHER, "url": home},
        "about": [
            {
                "@type": "DefinedTerm",
                "termCode": slug,
                "name": catalogue.term("phenomena", slug).label,
                "url": urls.absolute_url(site_url, urls.term_path("phenomena", slug)),
                "inDefinedTermSet": urls.absolute_url(site_url, urls.term_index_path("phenomena")),
            }
            for slug in record.phenomena
        ],
        "keywords": [catalogue.term("kinds", slug).label for slug in record.kinds]
        + [catalogue.term("instruments", slug).label for slug in record.instruments],
        "spatialCoverage": places,
    }
    if record.period_start is not None:
        data["temporalCoverage"] = f"{record.period_start}/{record.period_end or '..'}"
    if record.sources:
        data["citation"] = [
            {"@type": "CreativeWork", "name": source.title, "url": source.url}
            | ({"datePublished": str(source.year)} if source.year else {})
            for source in record.sources
        ]
    return data


def json_ld_text(
    record: Intervention, catalogue: Catalogue, site_url: str, published: str = ""
) -> Markup:
    """`json_ld` as the text of a `<script type="application/ld+json">` element; "" when the
    record is not public.

    `<`, `>` and `&` are written as JSON escapes, so record text can neither close the element
    nor be read as markup; what is left is safe to print unescaped, hence `Markup` (HTML-escaping
    it instead would turn its quotes into entities and break the JSON).
    """
    data = json_ld(record, catalogue, site_url, published)
    if not data:
        return Markup("")
    text = json.dumps(data, ensure_ascii=False)
    return Markup(text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e"))


def citation(record: Intervention, site_url: str) -> dict:
    """How to cite an intervention's page; `{}` for a record that is not public.

    `text` is a ready reference in APA style, e.g. "Wat werkt tegen ondermijning. (2025,
    15 januari). Wet Bibob. https://…"; the other keys are its parts, as plain text.
    """
    if not record.is_public:
        return {}
    url = intervention_url(site_url, record.id)
    date_label = dutch_date(record.last_reviewed)
    day_month, year = date_label.rsplit(" ", 1)
    return {
        "title": record.title,
        "publisher": PUBLISHER,
        "url": url,
        "date": record.last_reviewed,
        "date_label": date_label,
        "licence": LICENCE_NAME,
        "licence_url": LICENCE_URL,
        "text": f"{PUBLISHER}. ({year}, {day_month}). {record.title}. {url}",
    }
