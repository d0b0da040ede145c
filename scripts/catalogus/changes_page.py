"""/nieuw/, "Wat is er nieuw": what was added, changed (which fields) and removed, by month, from
the git history of the record folders (`history`), and Atom feeds of those changes: all of
them at /nieuw/feed.xml, per phenomenon at /nieuw/fenomenen/<slug>.xml and per region at
/nieuw/regios/<slug>.xml. Only public records: a change in which either version of a record was
internal is left out, and only field names are shown, never old values.
"""

import xml.etree.ElementTree as ET
from dataclasses import dataclass

from . import kinds, urls
from .exports.atom import ATOM, XML_LANG, add_element, atom_date
from .exports.common import LICENCE_NAME, LICENCE_URL, PUBLISHER
from .history import Change, History
from .output import BuildSettings, GeneratedFile
from .records import Catalogue
from .rendering import MONTHS, render
from .schema import plain, read_schema

PAGE = "nieuw/index.md"
FEED = "nieuw/feed.xml"
# A feed reader needs the recent changes, not the whole history.
FEED_ENTRIES = 100
STATUS_LABELS = {"added": "Nieuw", "changed": "Gewijzigd", "removed": "Verwijderd"}


@dataclass(frozen=True)
class Entry:
    """What happened to one record in one month."""

    month: str  # YYYY-MM
    date: str  # the last change in that month
    folder: str
    record_id: str
    status: str  # added, changed or removed
    fields: tuple[str, ...]  # the changed fields' Dutch names (for `changed`)
    title: str
    phenomena: tuple[str, ...]
    regions: tuple[str, ...]
    path: str  # the record's page if it is public now, else ""


def feed_path(vocabulary: str | None = None, slug: str = "") -> str:
    if vocabulary is None:
        return FEED
    return f"nieuw/{urls.TERM_FOLDERS[vocabulary]}/{slug}.xml"


def month_label(month: str) -> str:
    year, number = month.split("-")
    return f"{MONTHS[int(number) - 1]} {year}"


def _field_names(settings: BuildSettings) -> dict[str, dict[str, str]]:
    """Per record folder, each field's Dutch name from its schema."""
    names = {}
    for folder, kind in kinds.KINDS.items():
        path = settings.root / "schema" / kind.schema_file
        properties = plain(read_schema(path)).get("properties", {}) if path.is_file() else {}
        names[folder] = {key: node.get("title", key) for key, node in properties.items()}
    return names


def _page_path(catalogue: Catalogue, folder: str, record_id: str) -> str:
    if record_id not in getattr(catalogue, folder):
        return ""
    return urls.record_path(folder, record_id)


def _title(catalogue: Catalogue, change: Change) -> str:
    if change.folder == "phenomena":
        term = catalogue.vocabularies["phenomena"].get(change.record_id)
        return term.label if term else change.record_id
    return str(change.after.get("title") or change.before.get("title") or change.record_id)


def _list(data: dict, key: str) -> tuple[str, ...]:
    value = data.get(key, ())
    return tuple(str(item) for item in value) if isinstance(value, list) else ()


def entries(settings: BuildSettings, history: History) -> list[Entry]:
    """Every month's entries, newest month first, by title within a month."""
    catalogue = settings.catalogue
    names = _field_names(settings)
    grouped: dict[tuple[str, str, str], list[Change]] = {}
    for change in history.changes:  # oldest first
        if change.is_public:
            key = (change.date[:7], change.folder, change.record_id)
            grouped.setdefault(key, []).append(change)
    found = []
    for (month, folder, record_id), changes in grouped.items():
        added = any(change.status == "A" for change in changes)
        removed = changes[-1].status == "D"
        if added and removed:
            continue  # came and went within the month
        status = "added" if added else "removed" if removed else "changed"
        fields = []
        for change in changes:
            for key in change.changed_fields:
                name = names[folder].get(key, key)
                if name not in fields:
                    fields.append(name)
        last = changes[-1]
        data = last.after or last.before
        phenomena = (record_id,) if folder == "phenomena" else _list(data, "phenomena")
        found.append(
            Entry(
                month,
                last.date,
                folder,
                record_id,
                status,
                tuple(fields) if status == "changed" else (),
                _title(catalogue, last),
                phenomena,
                _list(data, "regions"),
                "" if status == "removed" else _page_path(catalogue, folder, record_id),
            )
        )
    by_title = sorted(found, key=lambda entry: (entry.title.casefold(), entry.record_id))
    return sorted(by_title, key=lambda entry: entry.month, reverse=True)


def page(settings: BuildSettings, history: History | None) -> str:
    found = entries(settings, history) if history is not None else []
    months: dict[str, dict[str, list[Entry]]] = {}
    for entry in found:
        months.setdefault(entry.month, {}).setdefault(entry.status, []).append(entry)
    return render(
        "changes.md",
        here=PAGE,
        available=history is not None,
        truncated=history is not None and history.truncated,
        months=[(month_label(month), groups) for month, groups in months.items()],
        statuses=STATUS_LABELS,
        kind_nouns={folder: kind.noun for folder, kind in kinds.KINDS.items()},
        feed=FEED,
    )


def feed(settings: BuildSettings, selected: list[Entry], title: str, path: str) -> bytes:
    site_url = settings.site_url
    self_url = urls.absolute_url(site_url, path)
    root = ET.Element("feed", {"xmlns": ATOM, XML_LANG: "nl"})
    add_element(root, "id", self_url)
    add_element(root, "title", f"{PUBLISHER}: {title}", type="text")
    newest = max((entry.date for entry in selected), default="1970-01-01")
    add_element(root, "updated", atom_date(newest))
    author = add_element(root, "author")
    add_element(author, "name", PUBLISHER)
    add_element(root, "link", rel="self", type="application/atom+xml", href=self_url)
    add_element(
        root, "link", rel="alternate", type="text/html", href=urls.absolute_url(site_url, PAGE)
    )
    add_element(root, "rights", f"Inhoud onder {LICENCE_NAME}: {LICENCE_URL}", type="text")
    for entry in sorted(selected, key=lambda entry: entry.date, reverse=True)[:FEED_ENTRIES]:
        noun = kinds.KINDS[entry.folder].noun
        summary = f"{STATUS_LABELS[entry.status]} ({noun})"
        if entry.fields:
            summary += ": " + ", ".join(entry.fields)
        element = add_element(root, "entry")
        add_element(
            element,
            "id",
            f"{urls.absolute_url(site_url, PAGE)}#{entry.month}-{entry.folder}-{entry.record_id}",
        )
        add_element(element, "title", f"{STATUS_LABELS[entry.status]}: {entry.title}", type="text")
        add_element(element, "updated", atom_date(entry.date))
        target = entry.path or PAGE
        add_element(
            element,
            "link",
            rel="alternate",
            type="text/html",
            href=urls.absolute_url(site_url, target),
        )
        add_element(element, "summary", summary + ".", type="text")
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def pages(settings: BuildSettings) -> list[GeneratedFile]:
    """/nieuw/ and its feeds (the feeds only where there is history to report)."""
    history = settings.history
    generated = [GeneratedFile(PAGE, page(settings, history))]
    if history is None:
        return generated
    found = entries(settings, history)
    generated.append(GeneratedFile(FEED, feed(settings, found, "wat is er nieuw", FEED)))
    catalogue = settings.catalogue
    for vocabulary in ("phenomena", "regions"):
        for slug, term in catalogue.vocabularies[vocabulary].items():
            selected = [entry for entry in found if slug in getattr(entry, vocabulary)]
            if selected:
                path = feed_path(vocabulary, slug)
                generated.append(
                    GeneratedFile(path, feed(settings, selected, f"nieuw bij {term.label}", path))
                )
    return generated
