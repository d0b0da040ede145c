"""Atom feeds (RFC 4287): `/feed.xml` with every public record, and one per phenomenon beside its
page (`/fenomenen/<slug>/feed.xml`), newest `last_reviewed` first.

The XML is built with ElementTree, which escapes every text and attribute; entry ids are the
pages' URLs, which never change.
"""

import functools
import re
import xml.etree.ElementTree as ET

from .. import urls
from ..output import BuildSettings, GeneratedFile, Planned
from ..queries import newest_first
from ..records import Catalogue, Intervention
from .common import (
    LICENCE_NAME,
    LICENCE_URL,
    PUBLISHER,
    catalogue_date,
    intervention_url,
    public_records,
)

FEED_PATH = "feed.xml"
ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_DECLARATION = "<?xml version='1.0' encoding='utf-8'?>\n"  # as ElementTree writes it
# Characters XML 1.0 does not allow, not even escaped.
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def feed_path(phenomenon: str | None = None) -> str:
    return FEED_PATH if phenomenon is None else f"fenomenen/{phenomenon}/feed.xml"


def _xml_text(text: str) -> str:
    return NOT_XML.sub("", str(text))


def add_element(parent: ET.Element, name: str, text: str | None = None, **attributes) -> ET.Element:
    element = ET.SubElement(parent, name, attributes)
    if text is not None:
        element.text = _xml_text(text)
    return element


def atom_date(iso_date: str) -> str:
    return f"{iso_date}T00:00:00Z"


def entries(catalogue: Catalogue, phenomenon: str | None = None) -> list[Intervention]:
    """The public records in a feed, newest first."""
    records = public_records(catalogue)
    if phenomenon is not None:
        records = [record for record in records if phenomenon in record.phenomena]
    return newest_first(records)


def updated(catalogue: Catalogue, records: list[Intervention]) -> str:
    """The date of a feed with these entries: the newest entry's review."""
    return records[0].last_reviewed if records else catalogue_date(catalogue)


def feed(catalogue: Catalogue, site_url: str, phenomenon: str | None = None) -> bytes:
    """`/feed.xml`, or with `phenomenon` the feed of one phenomenon."""
    if phenomenon is None:
        alternate = urls.OVERVIEW
        title = f"{PUBLISHER}: interventies"
        subtitle = "Nieuwe en opnieuw beoordeelde interventies tegen ondermijning."
    else:
        label = catalogue.term("phenomena", phenomenon).label
        alternate = urls.term_path("phenomena", phenomenon)
        title = f"{PUBLISHER}: {label}"
        subtitle = f"Nieuwe en opnieuw beoordeelde interventies tegen {label.lower()}."
    records = entries(catalogue, phenomenon)
    home = urls.base_url(site_url)
    self_url = urls.absolute_url(site_url, feed_path(phenomenon))

    # Unprefixed names in the Atom namespace, declared once on the root element.
    root = ET.Element("feed", {"xmlns": ATOM, XML_LANG: "nl"})
    add_element(root, "id", self_url)
    add_element(root, "title", title, type="text")
    add_element(root, "subtitle", subtitle, type="text")
    add_element(root, "updated", atom_date(updated(catalogue, records)))
    author = add_element(root, "author")
    add_element(author, "name", PUBLISHER)
    add_element(author, "uri", home)
    add_element(root, "link", rel="self", type="application/atom+xml", href=self_url)
    add_element(
        root,
        "link",
        rel="alternate",
        type="text/html",
        href=urls.absolute_url(site_url, alternate),
    )
    add_element(root, "rights", f"Inhoud onder {LICENCE_NAME}: {LICENCE_URL}", type="text")
    for record in records:
        url = intervention_url(site_url, record.id)
        entry = add_element(root, "entry")
        add_element(entry, "id", url)
        add_element(entry, "title", record.title, type="text")
        add_element(entry, "updated", atom_date(record.last_reviewed))
        add_element(entry, "link", rel="alternate", type="text/html", href=url)
        add_element(entry, "summary", record.summary, type="text")
        for slug in record.phenomena:
            add_element(
                entry,
                "category",
                term=slug,
                label=_xml_text(catalogue.term("phenomena", slug).label),
                scheme=urls.absolute_url(site_url, urls.term_index_path("phenomena")),
            )
    ET.indent(root)
    # Serialised as text and encoded once: with encoding="utf-8" ElementTree encodes each of its
    # many small writes on its own, which took most of the feeds' time.
    return (XML_DECLARATION + ET.tostring(root, encoding="unicode") + "\n").encode("utf-8")


def phenomena_with_feeds(catalogue: Catalogue) -> list[str]:
    """The phenomena that have public records, in the vocabulary's order."""
    in_use = {slug for record in public_records(catalogue) for slug in record.phenomena}
    return [slug for slug in catalogue.vocabularies["phenomena"] if slug in in_use]


def plan(settings: BuildSettings) -> list[Planned]:
    """`/feed.xml` and a feed per phenomenon with public records."""
    catalogue = settings.catalogue
    return [
        (
            GeneratedFile(
                feed_path(phenomenon),
                "",
                last_modified=updated(catalogue, entries(catalogue, phenomenon)),
            ),
            functools.partial(feed, catalogue, settings.site_url, phenomenon),
        )
        for phenomenon in [None, *phenomena_with_feeds(catalogue)]
    ]
