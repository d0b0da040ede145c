"""Open data: the catalogue as JSON, CSV, Atom feeds and a sitemap, plus JSON-LD and a citation.

Plain functions without mkdocs; `site.py` publishes what `generate_exports` returns and lets
`write_sitemap` correct the sitemap mkdocs wrote. Every function here skips records that are not
public, whatever catalogue it is handed: the internal build hands over internal records too, and
nothing with `access: internal` may reach an export, a feed, the sitemap or JSON-LD.

Builds are reproducible: the only date in the exports is the newest `last_reviewed` of the
records they contain.

The JSON export is described by `schema/export-interventies.schema.json`, published beside it;
the CSV is derived from the JSON objects column by column (`CSV_COLUMNS`), and the open-data page
documents both from that schema, so documentation and data cannot drift apart.
"""

import csv
import datetime
import gzip
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .pages import TERM_SECTIONS, dutch_date, intervention_path, term_path, url_of, values_of
from .records import Catalogue, Intervention

# The version of the export format: a higher minor number only adds fields.
FORMAT_VERSION = "1.0"
PUBLISHER = "Wat werkt tegen ondermijning"
LICENCE_NAME = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/deed.nl"

# The committed schema of the JSON export, relative to the project root.
EXPORT_SCHEMA = Path("schema/export-interventies.schema.json")

# Where the exports are published (source paths, which are also their URLs).
JSON_PATH = "data/interventies.json"
SCHEMA_PATH = "data/interventies.schema.json"
CSV_PATH = "data/interventies.csv"
FEED_PATH = "feed.xml"
OPEN_DATA_PAGE = "open-data/index.md"
OVERVIEW = "interventies/index.md"

ATOM = "http://www.w3.org/2005/Atom"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# Characters XML 1.0 does not allow, not even escaped.
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Excel reads a cell that starts with one of these as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CSV_LIST_SEPARATOR = "; "


# --- shared ------------------------------------------------------------------------------------


def base_url(site_url: str) -> str:
    return site_url.rstrip("/") + "/"


def page_url(site_url: str, source_path: str) -> str:
    """The absolute URL of a page, e.g. `https://…/interventies/wet-bibob/`."""
    return base_url(site_url) + url_of(source_path)


def intervention_url(site_url: str, record_id: str) -> str:
    return page_url(site_url, intervention_path(record_id))


def public_records(catalogue: Catalogue) -> list[Intervention]:
    """The public records of a catalogue, by id. Every export starts here."""
    return sorted(
        (record for record in catalogue.interventions.values() if record.is_public),
        key=lambda record: record.id,
    )


def newest_first(records: Iterable[Intervention]) -> list[Intervention]:
    """Newest `last_reviewed` first; records reviewed on the same day by title, then id."""
    by_title = sorted(records, key=lambda record: (record.title.casefold(), record.id))
    return sorted(by_title, key=lambda record: record.last_reviewed, reverse=True)


def catalogue_date(catalogue: Catalogue) -> str:
    """The newest `last_reviewed` of the public records (today only for an empty catalogue)."""
    dates = [record.last_reviewed for record in public_records(catalogue)]
    return max(dates) if dates else datetime.date.today().isoformat()


# --- JSON --------------------------------------------------------------------------------------


def _term(catalogue: Catalogue, vocabulary: str, slug: str) -> dict:
    return {"slug": slug, "label": catalogue.term(vocabulary, slug).label}


def _terms(catalogue: Catalogue, vocabulary: str, slugs: Iterable[str]) -> list[dict]:
    return [_term(catalogue, vocabulary, slug) for slug in slugs]


def _references(catalogue: Catalogue, site_url: str, ids: Iterable[str]) -> list[dict]:
    """Links to other public records; ids of internal or unknown records are left out."""
    references = []
    for record_id in ids:
        other = catalogue.interventions.get(record_id)
        if other is not None and other.is_public:
            references.append(
                {"id": other.id, "title": other.title, "url": intervention_url(site_url, other.id)}
            )
    return references


def _text(value: str) -> str | None:
    return value or None


def intervention_data(record: Intervention, catalogue: Catalogue, site_url: str) -> dict:
    """One record as an object of the JSON export (see the export schema)."""
    if not record.is_public:
        raise ValueError(f"{record.id} is niet openbaar en hoort in geen enkele export")
    implementation_keys = ("costs", "capacity", "legal_basis", "preconditions")
    return {
        "id": record.id,
        "url": intervention_url(site_url, record.id),
        "former_ids": list(record.former_ids),
        "title": record.title,
        "summary": record.summary,
        "description": record.description,
        "phenomena": _terms(catalogue, "phenomena", record.phenomena),
        "regions": _terms(catalogue, "regions", record.regions),
        "country": _term(catalogue, "countries", record.country),
        "access": record.access,
        "kinds": _terms(catalogue, "kinds", record.kinds),
        "instruments": _terms(catalogue, "instruments", record.instruments),
        "lead_organisation": _text(record.lead_organisation),
        "partners": list(record.partners),
        "barrier_steps": _terms(catalogue, "barrier_steps", record.barrier_steps),
        "status": _term(catalogue, "statuses", record.status),
        "period": (
            {"start": record.period_start, "end": record.period_end}
            if record.period_start is not None
            else None
        ),
        "target_group": _text(record.target_group),
        "active_components": list(record.active_components),
        "implementation": {
            key: _text(record.implementation.get(key, "")) for key in implementation_keys
        },
        "evidence": {
            "level": _term(catalogue, "evidence_levels", record.evidence_level),
            "explanation": record.evidence_explanation,
        },
        "outcome": {
            "result": _term(catalogue, "outcomes", record.outcome),
            "explanation": record.outcome_explanation,
        },
        "approach": _text(record.approach),
        "results": _text(record.results),
        "lessons": _text(record.lessons),
        "adoption_in_nl": _text(record.adoption_in_nl),
        "dutch_counterparts": _references(catalogue, site_url, record.dutch_counterparts),
        "contact": (
            {"organisation": record.contact_organisation, "url": _text(record.contact_url)}
            if record.contact_organisation
            else None
        ),
        "sources": [
            {"title": source.title, "url": source.url, "year": source.year}
            for source in record.sources
        ],
        "related": _references(catalogue, site_url, record.related),
        "last_reviewed": record.last_reviewed,
    }


def export_data(catalogue: Catalogue, site_url: str) -> dict:
    """The whole JSON export as data: the public records with their labels resolved."""
    return {
        "version": FORMAT_VERSION,
        "generated": catalogue_date(catalogue),
        "publisher": PUBLISHER,
        "licence": {"name": LICENCE_NAME, "url": LICENCE_URL},
        "url": base_url(site_url),
        "interventions": [
            intervention_data(record, catalogue, site_url) for record in public_records(catalogue)
        ],
    }


def json_export(catalogue: Catalogue, site_url: str) -> bytes:
    """`/data/interventies.json`: UTF-8, indented, fields in a fixed order."""
    text = json.dumps(export_data(catalogue, site_url), ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")


def read_export_schema(root: Path) -> dict:
    return json.loads((root / EXPORT_SCHEMA).read_text(encoding="utf-8"))


# --- CSV ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CsvColumn:
    """A CSV column: a field of the JSON object (a path of keys) and which part of it to show.

    `part` is `value` (as is), `slug` or `label` (of a term), `id` (of a reference), `citation`
    ("title (year)") or `url` (of a source). A list becomes its parts joined with `; `.
    """

    name: str
    field: tuple[str, ...]
    part: str = "value"


def _columns(*specs: tuple) -> tuple[CsvColumn, ...]:
    return tuple(CsvColumn(name, tuple(field.split(".")), *rest) for name, field, *rest in specs)


# The header is a public contract: add columns only at the end of a group, never rename.
CSV_COLUMNS = _columns(
    ("id", "id"),
    ("url", "url"),
    ("former_ids", "former_ids"),
    ("title", "title"),
    ("summary", "summary"),
    ("description", "description"),
    ("phenomena", "phenomena", "slug"),
    ("phenomena_labels", "phenomena", "label"),
    ("regions", "regions", "slug"),
    ("regions_labels", "regions", "label"),
    ("country", "country", "slug"),
    ("country_label", "country", "label"),
    ("access", "access"),
    ("kinds", "kinds", "slug"),
    ("kinds_labels", "kinds", "label"),
    ("instruments", "instruments", "slug"),
    ("instruments_labels", "instruments", "label"),
    ("lead_organisation", "lead_organisation"),
    ("partners", "partners"),
    ("barrier_steps", "barrier_steps", "slug"),
    ("barrier_steps_labels", "barrier_steps", "label"),
    ("status", "status", "slug"),
    ("status_label", "status", "label"),
    ("period_start", "period.start"),
    ("period_end", "period.end"),
    ("target_group", "target_group"),
    ("active_components", "active_components"),
    ("implementation_costs", "implementation.costs"),
    ("implementation_capacity", "implementation.capacity"),
    ("implementation_legal_basis", "implementation.legal_basis"),
    ("implementation_preconditions", "implementation.preconditions"),
    ("evidence_level", "evidence.level", "slug"),
    ("evidence_level_label", "evidence.level", "label"),
    ("evidence_explanation", "evidence.explanation"),
    ("outcome", "outcome.result", "slug"),
    ("outcome_label", "outcome.result", "label"),
    ("outcome_explanation", "outcome.explanation"),
    ("approach", "approach"),
    ("results", "results"),
    ("lessons", "lessons"),
    ("adoption_in_nl", "adoption_in_nl"),
    ("dutch_counterparts", "dutch_counterparts", "id"),
    ("related", "related", "id"),
    ("contact_organisation", "contact.organisation"),
    ("contact_url", "contact.url"),
    ("sources", "sources", "citation"),
    ("source_urls", "sources", "url"),
    ("last_reviewed", "last_reviewed"),
)


def _part(value, part: str) -> str:
    if value is None:
        return ""
    if part == "citation":
        return f"{value['title']} ({value['year'] or 'z.j.'})"
    if part != "value":
        return str(value[part])
    return str(value)


def _cell(item: dict, column: CsvColumn) -> str:
    value = item
    for key in column.field:
        value = None if value is None else value[key]
    if isinstance(value, list):
        text = CSV_LIST_SEPARATOR.join(_part(element, column.part) for element in value)
    else:
        text = _part(value, column.part)
    # A cell that starts like a formula (e.g. a markdown list "- …") gets an apostrophe, so Excel
    # shows it as text instead of an error or, worse, evaluating it.
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_rows(catalogue: Catalogue, site_url: str) -> list[list[str]]:
    """The header and one row per public record."""
    rows = [[column.name for column in CSV_COLUMNS]]
    for item in export_data(catalogue, site_url)["interventions"]:
        rows.append([_cell(item, column) for column in CSV_COLUMNS])
    return rows


def csv_export(catalogue: Catalogue, site_url: str) -> bytes:
    """`/data/interventies.csv`: for Dutch Excel, so UTF-8 with BOM, `;` and CRLF line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerows(csv_rows(catalogue, site_url))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


# --- Atom --------------------------------------------------------------------------------------


def _xml_text(text: str) -> str:
    return NOT_XML.sub("", str(text))


def _atom(parent: ET.Element, name: str, text: str | None = None, **attributes) -> ET.Element:
    element = ET.SubElement(parent, name, attributes)
    if text is not None:
        element.text = _xml_text(text)
    return element


def _atom_date(iso_date: str) -> str:
    return f"{iso_date}T00:00:00Z"


def phenomenon_feed_path(slug: str) -> str:
    return f"fenomenen/{slug}/feed.xml"


def atom_feed(catalogue: Catalogue, site_url: str, phenomenon: str | None = None) -> bytes:
    """An Atom feed (RFC 4287) of the public records, newest `last_reviewed` first.

    Without `phenomenon` it is `/feed.xml` with every record; with it, the feed of one phenomenon
    at `/fenomenen/<slug>/feed.xml`. Entry ids are the pages' URLs, which never change.
    """
    records = public_records(catalogue)
    if phenomenon is None:
        path, alternate = FEED_PATH, OVERVIEW
        title = f"{PUBLISHER}: interventies"
        subtitle = "Nieuwe en opnieuw beoordeelde interventies tegen ondermijning."
    else:
        records = [record for record in records if phenomenon in record.phenomena]
        label = catalogue.term("phenomena", phenomenon).label
        path, alternate = phenomenon_feed_path(phenomenon), term_path("phenomena", phenomenon)
        title = f"{PUBLISHER}: {label}"
        subtitle = f"Nieuwe en opnieuw beoordeelde interventies tegen {label.lower()}."
    records = newest_first(records)
    updated = records[0].last_reviewed if records else catalogue_date(catalogue)

    # Unprefixed names in the Atom namespace, declared once on the root element.
    feed = ET.Element("feed", {"xmlns": ATOM, XML_LANG: "nl"})
    _atom(feed, "id", base_url(site_url) + path)
    _atom(feed, "title", title, type="text")
    _atom(feed, "subtitle", subtitle, type="text")
    _atom(feed, "updated", _atom_date(updated))
    author = _atom(feed, "author")
    _atom(author, "name", PUBLISHER)
    _atom(author, "uri", base_url(site_url))
    _atom(feed, "link", rel="self", type="application/atom+xml", href=base_url(site_url) + path)
    _atom(feed, "link", rel="alternate", type="text/html", href=page_url(site_url, alternate))
    _atom(feed, "rights", f"Inhoud onder {LICENCE_NAME}: {LICENCE_URL}", type="text")
    for record in records:
        url = intervention_url(site_url, record.id)
        entry = _atom(feed, "entry")
        _atom(entry, "id", url)
        _atom(entry, "title", record.title, type="text")
        _atom(entry, "updated", _atom_date(record.last_reviewed))
        _atom(entry, "link", rel="alternate", type="text/html", href=url)
        _atom(entry, "summary", record.summary, type="text")
        for slug in record.phenomena:
            _atom(
                entry,
                "category",
                term=slug,
                label=_xml_text(catalogue.term("phenomena", slug).label),
                scheme=base_url(site_url) + "fenomenen/",
            )
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def atom_feeds(catalogue: Catalogue, site_url: str) -> dict[str, bytes]:
    """`/feed.xml` and a feed per phenomenon that has public records, keyed by their paths."""
    feeds = {FEED_PATH: atom_feed(catalogue, site_url)}
    in_use = {slug for record in public_records(catalogue) for slug in record.phenomena}
    for slug in catalogue.vocabularies["phenomena"]:
        if slug in in_use:
            feeds[phenomenon_feed_path(slug)] = atom_feed(catalogue, site_url, slug)
    return feeds


# --- sitemap -----------------------------------------------------------------------------------


def page_dates(catalogue: Catalogue, site_url: str) -> dict[str, str]:
    """The `lastmod` of every generated page (by absolute URL): the newest review it shows."""
    records = public_records(catalogue)
    newest = catalogue_date(catalogue)
    dates = {page_url(site_url, OVERVIEW): newest}
    for vocabulary, (folder, _, _) in TERM_SECTIONS.items():
        dates[page_url(site_url, f"{folder}/index.md")] = newest
        for record in records:
            for slug in values_of(record, vocabulary):
                url = page_url(site_url, term_path(vocabulary, slug))
                dates[url] = max(dates.get(url, ""), record.last_reviewed)
    for record in records:
        dates[intervention_url(site_url, record.id)] = record.last_reviewed
    return dates


def hidden_pages(catalogue: Catalogue, site_url: str) -> set[str]:
    """URLs that must not be in the sitemap: the pages of records that are not public.

    The public build has no such pages; the internal build has them. (Term pages stay: a term
    can have a page for a phenomenon record, a case or a bottleneck as well.)
    """
    return {
        intervention_url(site_url, record.id)
        for record in catalogue.interventions.values()
        if not record.is_public
    }


def rewrite_sitemap(sitemap_xml: bytes | str, catalogue: Catalogue, site_url: str) -> bytes:
    """The sitemap mkdocs wrote, with the review dates as `lastmod` and only public pages.

    Generated pages get the newest `last_reviewed` they show (an intervention page its record's);
    hand-written pages keep the date mkdocs gave them.
    """
    dates = page_dates(catalogue, site_url)
    hidden = hidden_pages(catalogue, site_url)
    original = ET.fromstring(sitemap_xml)
    urlset = ET.Element(f"{{{SITEMAP}}}urlset")
    for url in original.iter(f"{{{SITEMAP}}}url"):
        location = (url.findtext(f"{{{SITEMAP}}}loc") or "").strip()
        if not location or location in hidden:
            continue
        lastmod = dates.get(location) or (url.findtext(f"{{{SITEMAP}}}lastmod") or "").strip()
        entry = ET.SubElement(urlset, f"{{{SITEMAP}}}url")
        ET.SubElement(entry, f"{{{SITEMAP}}}loc").text = location
        if lastmod:
            ET.SubElement(entry, f"{{{SITEMAP}}}lastmod").text = lastmod
    ET.indent(urlset)
    return (
        ET.tostring(urlset, encoding="utf-8", xml_declaration=True, default_namespace=SITEMAP)
        + b"\n"
    )


def write_sitemap(site_dir: Path, catalogue: Catalogue, site_url: str) -> None:
    """Rewrite `sitemap.xml` and `sitemap.xml.gz` in a built site (if the theme wrote them)."""
    sitemap = Path(site_dir) / "sitemap.xml"
    if not sitemap.is_file():
        return
    content = rewrite_sitemap(sitemap.read_bytes(), catalogue, site_url)
    sitemap.write_bytes(content)
    # mtime=0: the same sitemap gives the same bytes, whenever it is built.
    (Path(site_dir) / "sitemap.xml.gz").write_bytes(gzip.compress(content, mtime=0))


# --- on the intervention page ------------------------------------------------------------------


def json_ld(record: Intervention, catalogue: Catalogue, site_url: str) -> dict:
    """schema.org data (JSON-LD) for an intervention's page; `{}` for a record that is not public.

    Render it with `json_ld_script`, which makes it safe inside HTML.
    """
    if not record.is_public:
        return {}
    url = intervention_url(site_url, record.id)
    home = base_url(site_url)
    publisher = {"@type": "Organization", "name": PUBLISHER, "url": home}
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
        "dateModified": record.last_reviewed,
        "isAccessibleForFree": True,
        "license": LICENCE_URL,
        "publisher": publisher,
        "isPartOf": {"@type": "WebSite", "name": PUBLISHER, "url": home},
        "about": [
            {
                "@type": "DefinedTerm",
                "termCode": slug,
                "name": catalogue.term("phenomena", slug).label,
                "url": page_url(site_url, term_path("phenomena", slug)),
                "inDefinedTermSet": page_url(site_url, "fenomenen/index.md"),
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


def json_ld_script(record: Intervention, catalogue: Catalogue, site_url: str) -> str:
    """`json_ld` as a `<script type="application/ld+json">` element; "" when not public.

    `<`, `>` and `&` are written as JSON escapes, so record text cannot close the element.
    """
    data = json_ld(record, catalogue, site_url)
    if not data:
        return ""
    text = json.dumps(data, ensure_ascii=False)
    text = text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    return f'<script type="application/ld+json">{text}</script>'


def citation(record: Intervention, site_url: str) -> dict:
    """How to cite an intervention's page; `{}` for a record that is not public.

    `text` is a ready reference in APA style, e.g. "Wat werkt tegen ondermijning. (2025,
    15 januari). Wet Bibob. https://…"; the other keys are its parts, as plain text.
    """
    if not record.is_public:
        return {}
    url = intervention_url(site_url, record.id)
    day_month, year = dutch_date(record.last_reviewed).rsplit(" ", 1)
    return {
        "title": record.title,
        "publisher": PUBLISHER,
        "url": url,
        "date": record.last_reviewed,
        "date_label": dutch_date(record.last_reviewed),
        "licence": LICENCE_NAME,
        "licence_url": LICENCE_URL,
        "text": f"{PUBLISHER}. ({year}, {day_month}). {record.title}. {url}",
    }


# --- the open-data page ------------------------------------------------------------------------


def _resolve(schema: dict, node: dict) -> dict:
    """A schema node with a local `$ref` merged in (the node's own title and description win)."""
    reference = node.get("$ref")
    if not reference:
        return node
    target = schema
    for key in reference.removeprefix("#/").split("/"):
        target = target[key]
    return {**_resolve(schema, target), **{k: v for k, v in node.items() if k != "$ref"}}


PLURALS = {
    "term": "termen",
    "verwijzing": "verwijzingen",
    "tekst": "teksten",
    "object": "objecten",
    "geheel getal": "gehele getallen",
}


def _type_label(schema: dict, node: dict) -> str:
    node = _resolve(schema, node)
    types = node.get("type", "object")
    types = types if isinstance(types, list) else [types]
    names = []
    for kind in types:
        if kind == "null":
            continue
        if kind == "array":
            item = _type_label(schema, _resolve(schema, node.get("items", {}))).split(" of ")[0]
            names.append(f"lijst van {PLURALS.get(item, item)}")
        elif kind == "string" and node.get("contentMediaType") == "text/markdown":
            names.append("tekst (Markdown)")
        elif kind == "object" and set(node.get("properties", {})) == {"slug", "label"}:
            names.append("term")
        elif kind == "object" and set(node.get("properties", {})) == {"id", "title", "url"}:
            names.append("verwijzing")
        else:
            names.append(
                {"string": "tekst", "integer": "geheel getal", "object": "object"}.get(kind, kind)
            )
    label = " of ".join(names)
    return label + " of null" if "null" in types else label


def _cell_text(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _field_rows(schema: dict, node: dict, prefix: str = "") -> list[tuple[str, dict]]:
    """(dotted path, node) for every field under an object node, depth first.

    Definitions (terms, references, the intervention) are documented once, on their own.
    """
    rows = []
    for name, child in _resolve(schema, node).get("properties", {}).items():
        path = f"{prefix}{name}"
        rows.append((path, child))
        if "$ref" in child or "$ref" in child.get("items", {}):
            continue  # a definition of its own (term, reference, intervention)
        if "properties" in child:
            rows += _field_rows(schema, child, f"{path}.")
        elif "properties" in child.get("items", {}):
            rows += _field_rows(schema, child["items"], f"{path}[].")
    return rows


def _field_table(schema: dict, node: dict, prefix: str = "") -> str:
    lines = ["| Veld | Naam | Type | Betekenis |", "|---|---|---|---|"]
    for path, child in _field_rows(schema, node, prefix):
        resolved = _resolve(schema, child)
        lines.append(
            f"| `{path}` | {_cell_text(resolved.get('title', ''))} | "
            f"{_type_label(schema, child)} | {_cell_text(resolved.get('description', ''))} |"
        )
    return "\n".join(lines) + "\n"


def _schema_node(schema: dict, field: tuple[str, ...]) -> dict:
    node = _resolve(schema, schema["$defs"]["intervention"])
    for key in field:
        node = _resolve(schema, node)
        if "items" in node:
            node = _resolve(schema, node["items"])
        node = _resolve(schema, node["properties"][key])
    return node


# What a CSV column shows of its field: (for one value, for a list).
CSV_PARTS = {
    "value": ("", "de waarden"),
    "slug": ("de code", "de codes"),
    "label": ("het label", "de labels"),
    "id": ("de id", "de ids"),
    "citation": ("titel (jaar)", "titel (jaar) van elke bron, z.j. als het jaar onbekend is"),
    "url": ("het webadres", "de webadressen"),
}


def _csv_table(schema: dict) -> str:
    lines = ["| Kolom | Veld | Inhoud |", "|---|---|---|"]
    for column in CSV_COLUMNS:
        titles = [
            _schema_node(schema, column.field[: depth + 1]).get("title", "")
            for depth in range(len(column.field))
        ]
        is_list = _resolve(schema, _schema_node(schema, column.field[:1])).get("type") == "array"
        one, many = CSV_PARTS[column.part]
        content = f"{many}, gescheiden door `; `" if is_list else one
        field_name = ".".join(column.field)
        content = f"`{field_name}`: {content}" if content else f"`{field_name}`"
        lines.append(f"| `{column.name}` | {_cell_text(' › '.join(titles))} | {content} |")
    return "\n".join(lines) + "\n"


def open_data_page(schema: dict) -> str:
    """The Dutch page `/open-data/`: the files, the licence and every field, from the schema."""
    definitions = schema["$defs"]
    version = schema["properties"]["version"]
    term = _resolve(schema, definitions["term"])
    reference = _resolve(schema, definitions["reference"])
    front_matter = (
        "---\n"
        'title: "Open data"\n'
        'description: "Alle openbare interventies als JSON, CSV en Atom-feed, onder CC BY 4.0."\n'
        "---\n\n"
    )
    return (
        front_matter
        + "# Open data\n\n"
        + "De catalogus is open data: alle openbare interventies staan in bestanden die u vrij "
        "mag downloaden en hergebruiken. Interventies die alleen voor professionals zijn "
        "bedoeld (`access: internal`), staan nooit in deze bestanden, feeds of de sitemap.\n\n"
        "## Bestanden\n\n"
        "| Bestand | Formaat | Inhoud |\n"
        "|---|---|---|\n"
        f"| [interventies.json](../{JSON_PATH}) | JSON, UTF-8 | Alle openbare interventies met "
        "alle velden en de labels van de termen. |\n"
        f"| [interventies.schema.json](../{SCHEMA_PATH}) | JSON Schema (2020-12) | De beschrijving "
        "van het JSON-bestand, om het te controleren of er code uit te maken. |\n"
        f"| [interventies.csv](../{CSV_PATH}) | CSV | Eén regel per interventie, voor Excel en "
        "andere spreadsheets. |\n"
        f"| [feed.xml](../{FEED_PATH}) | Atom | Nieuwe en opnieuw beoordeelde interventies, "
        "nieuwste eerst. |\n"
        "| `/fenomenen/<fenomeen>/feed.xml` | Atom | Dezelfde feed voor één "
        "[fenomeen](../fenomenen/index.md) met openbare interventies, naast de pagina van dat "
        "fenomeen, zoals `/fenomenen/witwassen/feed.xml`. |\n\n"
        "## Licentie\n\n"
        f"De inhoud valt onder [{LICENCE_NAME}]({LICENCE_URL}) (Naamsvermelding 4.0 "
        "Internationaal). U mag de gegevens kopiëren, bewerken en hergebruiken, ook commercieel, "
        f"als u de bron vermeldt: *{PUBLISHER}*, met een link naar de catalogus of naar de pagina "
        "van de interventie (het veld `url`). De bronnen waarnaar de interventies verwijzen, "
        "vallen onder hun eigen voorwaarden.\n\n"
        "## Versies\n\n"
        f"Dit is versie {FORMAT_VERSION} van het formaat (het veld `version`). "
        f"{_cell_text(version['description']).removeprefix('De versie van het formaat. ')} "
        "Veldnamen en kolomnamen zijn Engels en veranderen binnen een versie niet. Het veld "
        "`generated` is de datum van de meest recente beoordeling, niet van het bouwen: "
        "zolang er niets verandert, blijven de bestanden gelijk.\n\n"
        "## Velden van interventies.json\n\n"
        + f"{_cell_text(schema['description'])} Het [schema](../{SCHEMA_PATH}) beschrijft elk "
        "veld; de tabellen hieronder zijn eruit gemaakt.\n\n"
        "Het bestand is één object met deze velden:\n\n"
        + _field_table(schema, schema)
        + "\n"
        + "Elke interventie in `interventions` heeft deze velden:\n\n"
        + _field_table(schema, definitions["intervention"])
        + "\n"
        + f"Een **term** is een object met `slug` ({_cell_text(term['properties']['slug']['description'])}) "
        f"en `label` ({_cell_text(term['properties']['label']['description'])}). "
        f"Een **verwijzing** is een object met `id`, `title` en `url`: "
        f"{_cell_text(reference['description'])}\n\n"
        "## Kolommen van interventies.csv\n\n"
        "Het CSV-bestand is UTF-8 met een byte-order mark, met een puntkomma als scheidingsteken "
        "en Windows-regeleinden (CRLF), zodat het in een Nederlandstalige Excel direct goed "
        "opent. De eerste regel noemt de kolommen. Een lijst staat in één cel, gescheiden door "
        "een puntkomma en een spatie; het JSON-bestand geeft dezelfde lijsten exact. Een cel die "
        "met `=`, `+`, `-` of `@` zou beginnen (zoals een opsomming in Markdown), begint met een "
        "apostrof, zodat Excel haar niet als formule leest.\n\n" + _csv_table(schema) + "\n"
        "## Feeds\n\n"
        "De feeds volgen Atom (RFC 4287). Elk item is een interventie met haar titel, "
        "samenvatting, link en fenomenen; de datum (`updated`) is de datum waarop een redacteur "
        "de interventie het laatst heeft beoordeeld. Zo ziet u in een feedlezer welke "
        "interventies nieuw of bijgewerkt zijn.\n"
    )


# --- everything at once ------------------------------------------------------------------------


def generate_exports(catalogue: Catalogue, root: Path, site_url: str) -> dict[str, str | bytes]:
    """Every export file and the open-data page, keyed by source path (also their URL)."""
    schema_file = root / EXPORT_SCHEMA
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    return {
        JSON_PATH: json_export(catalogue, site_url),
        SCHEMA_PATH: schema_file.read_bytes(),
        CSV_PATH: csv_export(catalogue, site_url),
        **atom_feeds(catalogue, site_url),
        OPEN_DATA_PAGE: open_data_page(schema),
    }
