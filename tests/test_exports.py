"""Open data: JSON, CSV, Atom feeds, sitemap, JSON-LD and citation, read back with real parsers.

SYNTHETIC records only: the valid test record and variations of it, plus an internal record that
must appear in none of the exports.
"""

import copy
import csv
import datetime
import gzip
import html
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import orjson
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from catalogus import exports, paths, rendering
from catalogus.exports import atom, common, csv_export, json_export, linked_data, open_data, sitemap
from catalogus.output import BuildSettings, GeneratedFile, made
from catalogus.records import Catalogue, Intervention, load_catalogue
from catalogus.vocabularies import load_vocabularies

from .site_project import ROOT, build_both, make_project

# Under pytest-xdist these tests share one worker: a public and an internal site built once for the module.
pytestmark = pytest.mark.xdist_group("test_exports")

SITE = "https://example.org/catalogus/"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
MARKER = "GeheimMarker4417"
TERM_FIELDS = {
    "phenomena": "phenomena",
    "regions": "regions",
    "kinds": "kinds",
    "instruments": "instruments",
    "barrier_steps": "barrier_steps",
}
HOSTILE_TITLE = 'Aanpak <script>alert("x")</script> & ]]> "citaat"\x0b einde'


@pytest.fixture(scope="module")
def vocabularies():
    return load_vocabularies(paths.VOCABULARIES)


@pytest.fixture(scope="module")
def export_schema():
    return json.loads((ROOT / common.EXPORT_SCHEMA).read_text(encoding="utf-8"))


def variations(base: dict) -> dict[str, dict]:
    """Four records: the valid one, a foreign one with little filled in, a third, an internal."""
    een = copy.deepcopy(base)
    # A reference to an internal record: the validator refuses it, the exports must drop it.
    een["related"] = ["proef-twee", "proef-intern"]

    twee = copy.deepcopy(base)
    twee.update(
        title="Tweede aanpak & co",
        summary='Met een puntkomma; "aanhalingstekens"\nen een tweede regel.',
        country="IT",
        regions=[],
        phenomena=["witwassen"],
        adoption_in_nl="- Een wet\n- Een dienst",
        dutch_counterparts=["proef-een", "proef-intern"],
        sources=[{"title": "Bron zonder jaar", "url": "https://example.org/zonder-jaar"}],
        last_reviewed="2026-03-01",
    )
    for key in ("period", "contact", "implementation", "lead_organisation", "target_group"):
        del twee[key]

    drie = copy.deepcopy(base)
    drie.update(
        title="Derde aanpak",
        phenomena=["vastgoed"],
        last_reviewed="2025-06-30",
        former_ids=["oude-proef", "nog-oudere-proef"],
    )
    del drie["period"]["end"]

    intern = copy.deepcopy(base)
    intern.update(
        access="internal",
        title=f"Interne aanpak {MARKER}",
        summary=f"Samenvatting {MARKER}.",
        phenomena=["mensenhandel"],
        regions=["rotterdam"],
        last_reviewed="2027-01-01",
    )
    return {"proef-een": een, "proef-twee": twee, "proef-drie": drie, "proef-intern": intern}


@pytest.fixture
def records(valid_record_data) -> dict[str, dict]:
    return variations(valid_record_data)


@pytest.fixture
def catalogue(records, vocabularies) -> Catalogue:
    interventions = {
        record_id: Intervention.from_data(record_id, Path(f"{record_id}.yml"), data)
        for record_id, data in sorted(records.items())
    }
    return Catalogue(interventions, vocabularies)


PUBLIC_IDS = ["proef-drie", "proef-een", "proef-twee"]  # by id
NEWEST_FIRST = ["proef-twee", "proef-drie", "proef-een"]


def label(vocabularies, vocabulary: str, slug: str) -> str:
    return vocabularies[vocabulary][slug].label


def page(record_id: str) -> str:
    return f"{SITE}interventies/{record_id}/"


# --- JSON --------------------------------------------------------------------------------------


def validate_export(data: dict, schema: dict) -> None:
    validator_class = jsonschema.Draft202012Validator
    validator_class.check_schema(schema)
    validator_class(schema, format_checker=validator_class.FORMAT_CHECKER).validate(data)


def whole_catalogue_and_empty(catalogue: Catalogue) -> list[Catalogue]:
    """The test catalogue, the real one and one without records: the exports are written record
    by record, and each must come out as if the whole document were encoded at once."""
    return [catalogue, load_catalogue(paths.ROOT), Catalogue({}, catalogue.vocabularies)]


def test_json_export_is_the_whole_document_encoded_at_once(catalogue):
    for each in whole_catalogue_and_empty(catalogue):
        whole = json.dumps(json_export.export_data(each, SITE), ensure_ascii=False, indent=2)
        assert json_export.render(each, SITE) == (whole + "\n").encode("utf-8")


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.text(),
    lambda children: st.lists(children) | st.dictionaries(st.text(), children),
    max_leaves=25,
)


@given(JSON_VALUES)
def test_orjson_writes_what_json_dumps_writes(value):
    """The JSON export is written with orjson: for any text (control characters, quotes,
    characters beyond the BMP), number, list or object it must give json.dumps' bytes."""
    expected = json.dumps(value, ensure_ascii=False, indent=2).encode("utf-8")
    assert orjson.dumps(value, option=orjson.OPT_INDENT_2) == expected


def test_csv_export_is_the_whole_table_written_at_once(catalogue):
    for each in whole_catalogue_and_empty(catalogue):
        table = list(csv_export.rows(each, SITE))
        text = io.StringIO()
        csv.writer(text, delimiter=";", lineterminator="\r\n").writerows(
            [[csv_export.as_text(str(cell)) for cell in row] for row in table]
        )
        assert csv_export.render(each, SITE) == ("\ufeff" + text.getvalue()).encode("utf-8")


def test_json_export_is_valid_against_its_schema(catalogue, export_schema):
    data = json.loads(json_export.render(catalogue, SITE).decode("utf-8"))
    validate_export(data, export_schema)
    assert data["version"] == common.FORMAT_VERSION
    # The newest review of the *public* records: the internal one is newer still.
    assert data["generated"] == "2026-03-01"
    assert data["url"] == SITE
    assert data["licence"]["name"] == "CC BY 4.0"


def test_json_export_matches_the_records(catalogue, records, vocabularies):
    items = json.loads(json_export.render(catalogue, SITE))["interventions"]
    assert [item["id"] for item in items] == PUBLIC_IDS
    for item in items:
        data = records[item["id"]]
        assert item["url"] == page(item["id"])
        assert item["former_ids"] == data.get("former_ids", [])
        for key in ("title", "summary", "description", "last_reviewed"):
            assert item[key] == data[key]
        for key in ("lead_organisation", "target_group", "approach", "results", "lessons"):
            assert item[key] == data.get(key)
        assert item["adoption_in_nl"] == data.get("adoption_in_nl")
        for field, vocabulary in TERM_FIELDS.items():
            assert item[field] == [
                {"slug": slug, "label": label(vocabularies, vocabulary, slug)}
                for slug in data.get(field, [])
            ]
        assert item["country"] == {
            "slug": data["country"],
            "label": label(vocabularies, "countries", data["country"]),
        }
        assert item["status"]["slug"] == data["status"]
        assert item["evidence"] == {
            "level": {
                "slug": data["evidence"]["level"],
                "label": label(vocabularies, "evidence_levels", data["evidence"]["level"]),
            },
            "explanation": data["evidence"]["explanation"],
        }
        assert item["outcome"]["result"]["slug"] == data["outcome"]["result"]
        assert item["outcome"]["explanation"] == data["outcome"]["explanation"]
        assert item["partners"] == data.get("partners", [])
        assert item["active_components"] == data.get("active_components", [])
        period = data.get("period")
        assert item["period"] == (period and {"start": period["start"], "end": period.get("end")})
        implementation = data.get("implementation", {})
        assert item["implementation"] == {
            key: implementation.get(key)
            for key in ("costs", "capacity", "legal_basis", "preconditions")
        }
        contact = data.get("contact")
        assert item["contact"] == (
            contact
            and {
                "organisation": contact["organisation"],
                "desk": contact.get("desk"),
                "url": contact.get("url"),
            }
        )
        assert item["sources"] == [
            {"title": source["title"], "url": source["url"], "year": source.get("year")}
            for source in data["sources"]
        ]
        assert item["materials"] == [
            {
                "kind": {
                    "slug": material["kind"],
                    "label": label(vocabularies, "material_kinds", material["kind"]),
                },
                "title": material["title"],
                "url": material["url"],
                "year": material.get("year"),
            }
            for material in data.get("materials", [])
        ]
        for field in ("related", "dutch_counterparts"):
            expected = [other for other in data.get(field, []) if other in PUBLIC_IDS]
            assert [reference["id"] for reference in item[field]] == expected
            for reference in item[field]:
                assert reference["url"] == page(reference["id"])
                assert reference["title"] == records[reference["id"]]["title"]


def test_export_schema_covers_every_field_of_a_record(export_schema):
    record_schema = json.loads(paths.SCHEMA.read_text(encoding="utf-8"))
    exported = export_schema["$defs"]["intervention"]["properties"]
    assert set(record_schema["properties"]) <= set(exported)
    # The open-data page is made from these: every field has a title and a description.
    for field in exported.values():
        assert field.get("title") and field.get("description")
    assert jsonschema.Draft202012Validator(export_schema["properties"]["version"]).is_valid(
        common.FORMAT_VERSION
    )


# --- CSV ---------------------------------------------------------------------------------------


def read_csv(raw: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))


def test_csv_is_made_for_dutch_excel(catalogue):
    raw = csv_export.render(catalogue, SITE)
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = read_csv(raw)
    header = [column.name for column in csv_export.COLUMNS]
    assert rows[0] == header
    assert len(set(header)) == len(header)
    assert all(name.isascii() and name == name.lower() for name in header)
    assert raw.startswith(b"\xef\xbb\xbf" + ";".join(header).encode() + b"\r\n")
    assert raw.endswith(b"\r\n")
    # Every line end between rows is CRLF; a bare LF only occurs inside a quoted field.
    assert raw.count(b"\r\n") == len(rows)
    assert all(len(row) == len(header) for row in rows)


def test_csv_rows_match_the_records(catalogue, records, vocabularies):
    rows = read_csv(csv_export.render(catalogue, SITE))
    by_id = {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert [row[0] for row in rows[1:]] == PUBLIC_IDS
    for record_id, row in by_id.items():
        data = records[record_id]
        assert row["url"] == page(record_id)
        assert row["title"] == data["title"]
        assert row["former_ids"] == "; ".join(data.get("former_ids", []))
        assert row["summary"] == data["summary"]
        assert row["phenomena"] == "; ".join(data["phenomena"])
        assert row["phenomena_labels"] == "; ".join(
            label(vocabularies, "phenomena", slug) for slug in data["phenomena"]
        )
        assert row["regions"] == "; ".join(data["regions"])
        assert row["country"] == data["country"]
        assert row["country_label"] == label(vocabularies, "countries", data["country"])
        assert row["partners"] == "; ".join(data.get("partners", []))
        assert row["evidence_level"] == data["evidence"]["level"]
        assert row["outcome"] == data["outcome"]["result"]
        assert row["period_start"] == str(data.get("period", {}).get("start", ""))
        assert row["period_end"] == str(data.get("period", {}).get("end", ""))
        assert row["contact_url"] == data.get("contact", {}).get("url", "")
        assert row["source_urls"] == "; ".join(source["url"] for source in data["sources"])
        assert row["last_reviewed"] == data["last_reviewed"]
        assert "proef-intern" not in row["related"] + row["dutch_counterparts"]
    assert by_id["proef-een"]["sources"] == "Een verzonnen bron (2020)"
    assert by_id["proef-twee"]["sources"] == "Bron zonder jaar (z.j.)"
    assert by_id["proef-een"]["related"] == "proef-twee"
    assert by_id["proef-twee"]["dutch_counterparts"] == "proef-een"
    # A cell that would start like a formula is kept as text for Excel.
    assert by_id["proef-twee"]["adoption_in_nl"] == "'- Een wet\n- Een dienst"


# --- Atom --------------------------------------------------------------------------------------


def read_feed(raw: bytes) -> ET.Element:
    assert raw.startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    root = ET.fromstring(raw)
    assert root.tag == f"{ATOM}feed"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "nl"
    return root


def atom_date(text: str) -> datetime.datetime:
    moment = datetime.datetime.fromisoformat(text)
    assert moment.tzinfo is not None and text.endswith("Z")
    return moment


def check_required_elements(feed: ET.Element, feed_url: str, alternate: str) -> None:
    assert feed.findtext(f"{ATOM}id") == feed_url
    assert feed.findtext(f"{ATOM}title")
    atom_date(feed.findtext(f"{ATOM}updated"))
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == "Wat werkt tegen ondermijning"
    links = {link.get("rel"): link for link in feed.findall(f"{ATOM}link")}
    assert links["self"].get("href") == feed_url
    assert links["self"].get("type") == "application/atom+xml"
    assert links["alternate"].get("href") == alternate
    for entry in feed.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated", "summary"):
            assert entry.find(f"{ATOM}{name}") is not None, name
        atom_date(entry.findtext(f"{ATOM}updated"))
        assert entry.find(f"{ATOM}link[@rel='alternate']").get("href") == entry.findtext(
            f"{ATOM}id"
        )


def test_feed_lists_public_records_newest_first(catalogue, records):
    feed = read_feed(atom.feed(catalogue, SITE))
    check_required_elements(feed, f"{SITE}feed.xml", f"{SITE}interventies/")
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}id") for entry in entries] == [
        page(record_id) for record_id in NEWEST_FIRST
    ]
    for entry, record_id in zip(entries, NEWEST_FIRST, strict=True):
        data = records[record_id]
        assert entry.findtext(f"{ATOM}title") == data["title"]
        assert entry.findtext(f"{ATOM}summary") == data["summary"]
        assert entry.findtext(f"{ATOM}updated") == f"{data['last_reviewed']}T00:00:00Z"
        terms = [category.get("term") for category in entry.findall(f"{ATOM}category")]
        assert terms == data["phenomena"]
    assert feed.findtext(f"{ATOM}updated") == "2026-03-01T00:00:00Z"


def test_feed_text_is_escaped_and_reads_back_unchanged(valid_record_data, vocabularies):
    valid_record_data["title"] = HOSTILE_TITLE
    valid_record_data["summary"] = "<![CDATA[ x ]]> &amp; <b>vet</b>"
    record = Intervention.from_data("proef-een", Path("proef-een.yml"), valid_record_data)
    raw = atom.feed(Catalogue({"proef-een": record}, vocabularies), SITE)
    assert b"<script>" not in raw and b"<b>" not in raw
    entry = read_feed(raw).find(f"{ATOM}entry")
    # Characters XML cannot hold at all (here a vertical tab) are dropped; the rest is kept.
    assert entry.findtext(f"{ATOM}title") == HOSTILE_TITLE.replace("\x0b", "")
    assert entry.findtext(f"{ATOM}summary") == valid_record_data["summary"]


def test_a_feed_per_phenomenon_with_public_records(catalogue, vocabularies):
    feeds = {
        generated.path: generated.content
        for generated in made(atom.plan(BuildSettings(catalogue, ROOT, SITE)))
    }
    # mensenhandel only has the internal record: no feed.
    assert set(feeds) == {"feed.xml", "fenomenen/vastgoed/feed.xml", "fenomenen/witwassen/feed.xml"}
    vastgoed = read_feed(feeds["fenomenen/vastgoed/feed.xml"])
    check_required_elements(
        vastgoed, f"{SITE}fenomenen/vastgoed/feed.xml", f"{SITE}fenomenen/vastgoed/"
    )
    assert label(vocabularies, "phenomena", "vastgoed") in vastgoed.findtext(f"{ATOM}title")
    ids = [entry.findtext(f"{ATOM}id") for entry in vastgoed.findall(f"{ATOM}entry")]
    assert ids == [page("proef-drie"), page("proef-een")]
    witwassen = read_feed(feeds["fenomenen/witwassen/feed.xml"])
    ids = [entry.findtext(f"{ATOM}id") for entry in witwassen.findall(f"{ATOM}entry")]
    assert ids == [page("proef-twee"), page("proef-een")]


# --- sitemap -----------------------------------------------------------------------------------


def mkdocs_sitemap(paths_: list[str]) -> str:
    urls = "".join(
        f"<url><loc>{SITE}{path}</loc><lastmod>2030-01-01</lastmod></url>" for path in paths_
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>\n'
    )


def read_sitemap(raw: bytes) -> dict[str, str]:
    root = ET.fromstring(raw)
    assert root.tag == f"{SITEMAP}urlset"
    return {
        url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod")
        for url in root.findall(f"{SITEMAP}url")
    }


def test_sitemap_has_review_dates_and_only_public_pages(catalogue, records):
    original = mkdocs_sitemap(
        [
            "",
            "over/",
            "interventies/",
            *(f"interventies/{record_id}/" for record_id in PUBLIC_IDS),
            "interventies/proef-intern/",
            "fenomenen/vastgoed/",
            "fenomenen/mensenhandel/",
        ]
    )
    generated = [
        GeneratedFile("interventies/index.md", "", last_modified="2026-03-01"),
        *(
            GeneratedFile(f"interventies/{record_id}.md", "", last_modified=data["last_reviewed"])
            for record_id, data in records.items()
        ),
        GeneratedFile("fenomenen/vastgoed.md", "", last_modified="2025-06-30"),
        # A generated page without a date keeps mkdocs's, like a hand-written one.
        GeneratedFile("fenomenen/mensenhandel.md", ""),
        # Not a page, so never in the sitemap, whatever its date.
        GeneratedFile("feed.xml", b"", last_modified="2026-03-01"),
    ]
    rewritten = sitemap.rewrite_sitemap(
        original, generated, SITE, hidden=sitemap.internal_pages(catalogue)
    )
    assert read_sitemap(rewritten) == {
        SITE: "2030-01-01",  # hand-written pages keep mkdocs's date
        f"{SITE}over/": "2030-01-01",
        f"{SITE}interventies/": "2026-03-01",
        page("proef-drie"): "2025-06-30",
        page("proef-een"): "2025-01-15",
        page("proef-twee"): "2026-03-01",
        f"{SITE}fenomenen/vastgoed/": "2025-06-30",
        f"{SITE}fenomenen/mensenhandel/": "2030-01-01",
    }


def test_written_sitemap_is_the_same_bytes_in_every_build(tmp_path, catalogue):
    generated = [GeneratedFile("interventies/proef-een.md", "", last_modified="2025-01-15")]
    written = []
    for build in ("eerste", "tweede"):
        site = tmp_path / build
        site.mkdir()
        (site / "sitemap.xml").write_text(mkdocs_sitemap(["interventies/proef-een/"]))
        sitemap.write_sitemap(site, generated, SITE, hidden=sitemap.internal_pages(catalogue))
        written.append(
            ((site / "sitemap.xml").read_bytes(), (site / "sitemap.xml.gz").read_bytes())
        )
    assert written[0] == written[1]
    plain, packed = written[0]
    assert gzip.decompress(packed) == plain
    assert packed[4:8] == bytes(4)  # the gzip header's time stamp is zero, not the build's
    assert read_sitemap(plain) == {page("proef-een"): "2025-01-15"}


def test_no_sitemap_is_written_where_the_theme_wrote_none(tmp_path, catalogue):
    sitemap.write_sitemap(tmp_path, [], SITE, hidden=sitemap.internal_pages(catalogue))
    assert list(tmp_path.iterdir()) == []


# --- JSON-LD and citation ----------------------------------------------------------------------


def test_json_ld_describes_the_intervention_page(catalogue, records, vocabularies):
    data = linked_data.json_ld(catalogue.interventions["proef-een"], catalogue, SITE)
    record = records["proef-een"]
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Article"
    assert data["url"] == data["@id"] == page("proef-een")
    assert data["name"] == data["headline"] == record["title"]
    assert data["description"] == record["summary"]
    assert data["dateModified"] == record["last_reviewed"]
    assert data["inLanguage"] == "nl"
    assert data["license"] == common.LICENCE_URL
    assert data["publisher"]["name"] == "Wat werkt tegen ondermijning"
    assert [term["termCode"] for term in data["about"]] == record["phenomena"]
    assert data["about"][0]["url"] == f"{SITE}fenomenen/vastgoed/"
    assert data["spatialCoverage"][0] == {
        "@type": "Country",
        "name": label(vocabularies, "countries", "NL"),
        "identifier": "NL",
    }
    assert data["temporalCoverage"] == "2019/2021"
    assert data["citation"][0]["url"] == record["sources"][0]["url"]
    json.dumps(data)  # plain JSON data


def json_ld_script(record: Intervention, catalogue: Catalogue, site_url: str) -> str:
    """The JSON-LD element as an autoescaping template prints it, like the intervention page."""
    template = rendering.environment().from_string(
        '<script type="application/ld+json">{{ linked_data }}</script>'
    )
    return template.render(linked_data=linked_data.json_ld_text(record, catalogue, site_url))


def test_json_ld_script_cannot_be_closed_by_record_text(catalogue, valid_record_data):
    valid_record_data["title"] = "</script><script>alert(1)</script> & co"
    record = Intervention.from_data("proef-een", Path("proef-een.yml"), valid_record_data)
    script = json_ld_script(record, catalogue, SITE)
    assert script.startswith('<script type="application/ld+json">')
    body = script.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert "<" not in body and ">" not in body and "&" not in body
    assert json.loads(body)["name"] == valid_record_data["title"]


def test_citation_names_title_publisher_url_and_date(catalogue):
    cite = linked_data.citation(catalogue.interventions["proef-een"], SITE)
    assert cite["title"] == "Proefaanpak Testdorp"
    assert cite["publisher"] == "Wat werkt tegen ondermijning"
    assert cite["url"] == page("proef-een")
    assert cite["date"] == "2025-01-15"
    assert cite["date_label"] == "15 januari 2025"
    assert cite["licence"] == "CC BY 4.0"
    assert cite["text"] == (
        "Wat werkt tegen ondermijning. (2025, 15 januari). Proefaanpak Testdorp. "
        f"{page('proef-een')}"
    )


# --- internal records --------------------------------------------------------------------------


def test_no_export_contains_an_internal_record(catalogue):
    internal = catalogue.interventions["proef-intern"]
    generated = exports.generate_exports(BuildSettings(catalogue, ROOT, SITE, internal=True))
    for generated_file in generated:
        path, content = generated_file.path, generated_file.content
        text = content.decode("utf-8") if isinstance(content, bytes) else content
        assert MARKER not in text and "proef-intern" not in text, path
        assert "2027-01-01" not in text, path
    assert linked_data.json_ld(internal, catalogue, SITE) == {}
    assert linked_data.json_ld_text(internal, catalogue, SITE) == ""
    assert linked_data.citation(internal, SITE) == {}
    with pytest.raises(ValueError):
        json_export.intervention_data(internal, catalogue, SITE)
    rewritten = sitemap.rewrite_sitemap(
        mkdocs_sitemap(["interventies/proef-intern/"]),
        [GeneratedFile("interventies/proef-intern.md", "", last_modified="2027-01-01")],
        SITE,
        hidden=sitemap.internal_pages(catalogue),
    )
    assert read_sitemap(rewritten) == {}


SECRET = "zqx8812"  # in every text field and the id of the internal record below


def secret_record(base: dict) -> dict:
    """An internal record with the secret in every field that holds text."""
    data = copy.deepcopy(base)
    text = f"Geheim€{SECRET}"
    data.update(
        access="internal",
        former_ids=[f"oud-{SECRET}"],
        phenomena=["mensenhandel"],
        regions=["rotterdam"],
        partners=[text],
        active_components=[text],
        implementation={key: text for key in data["implementation"]},
        evidence={"level": "praktijkervaring", "explanation": text},
        outcome={"result": "onbekend", "explanation": text},
        contact={"organisation": text, "url": f"https://example.org/{SECRET}"},
        sources=[{"title": text, "url": f"https://example.org/{SECRET}", "year": 2020}],
        last_reviewed="2027-02-03",
    )
    text_fields = ("title", "summary", "description", "lead_organisation", "target_group")
    for key in (*text_fields, "approach", "results", "lessons"):
        data[key] = text
    return data


def readings(content: str | bytes) -> list[str]:
    """A file as text in every form a secret could hide in: as written, with HTML entities
    resolved, and for JSON and XML as their parsed values."""
    text = content.decode("utf-8") if isinstance(content, bytes) else content
    found = [text, html.unescape(text)]
    stripped = text.removeprefix("\ufeff").lstrip()
    if stripped.startswith(("{", "[")):
        found.append(json.dumps(json.loads(stripped), ensure_ascii=False))
    if stripped.startswith("<?xml"):
        root = ET.fromstring(content)
        found += [" ".join(root.itertext())]
        found += [value for element in root.iter() for value in element.attrib.values()]
    return found


@pytest.mark.parametrize("internal", [False, True], ids=["public", "internal"])
def test_every_export_file_is_free_of_internal_records(valid_record_data, vocabularies, internal):
    public = copy.deepcopy(valid_record_data)
    public.update(related=[f"intern-{SECRET}"], dutch_counterparts=[f"intern-{SECRET}"])
    records = {"proef-een": public, f"intern-{SECRET}": secret_record(valid_record_data)}
    catalogue = Catalogue(
        {
            record_id: Intervention.from_data(record_id, Path(f"{record_id}.yml"), data)
            for record_id, data in records.items()
        },
        vocabularies,
    )
    generated = exports.generate_exports(BuildSettings(catalogue, ROOT, SITE, internal))
    assert {"data/interventies.json", "data/interventies.csv", "feed.xml"} <= {
        generated_file.path for generated_file in generated
    }
    for generated_file in generated:
        assert SECRET not in generated_file.path and "mensenhandel" not in generated_file.path
        for text in readings(generated_file.content):
            assert SECRET not in text.lower(), generated_file.path
            assert "2027-02-03" not in text, generated_file.path


def test_a_format_that_forgets_to_filter_still_gets_only_public_records(catalogue, monkeypatch):
    def careless(settings: BuildSettings) -> list[GeneratedFile]:
        titles = [record.title for record in settings.catalogue.interventions.values()]
        return [GeneratedFile("alles.txt", "\n".join(sorted(titles)))]

    monkeypatch.setattr(exports, "FORMATS", (*exports.FORMATS, careless))
    generated = exports.generate_exports(BuildSettings(catalogue, ROOT, SITE, internal=True))
    [everything] = [
        generated_file for generated_file in generated if generated_file.path == "alles.txt"
    ]
    assert everything.content.splitlines() == sorted(
        catalogue.interventions[record_id].title for record_id in PUBLIC_IDS
    )


# --- the open-data page ------------------------------------------------------------------------


def test_open_data_page_is_made_from_the_schema(export_schema):
    text = open_data.page(export_schema)
    assert text.startswith("---\n") and "# Open data" in text
    assert "CC BY 4.0" in text and common.LICENCE_URL in text
    for path in ("data/interventies.json", "data/interventies.csv", "feed.xml"):
        assert f"](../{path})" in text
    fields = export_schema["$defs"]["intervention"]["properties"]
    for name, field in fields.items():
        assert f"| `{name}` | {field['title']} |" in text
        assert " ".join(field["description"].split()) in text
    for column in csv_export.COLUMNS:
        assert f"| `{column.name}` |" in text
    # Generated, not copied: a changed description shows on the page.
    changed = copy.deepcopy(export_schema)
    changed["$defs"]["intervention"]["properties"]["title"]["description"] = "Nieuwe uitleg."
    assert "Nieuwe uitleg." in open_data.page(changed)


def test_open_data_page_keeps_schema_text_inside_its_table_cell(export_schema):
    changed = copy.deepcopy(export_schema)
    changed["$defs"]["intervention"]["properties"]["title"]["description"] = (
        "Eén <b>cel</b> | geen kolom &\n meer."
    )
    text = open_data.page(changed)
    assert "| Eén &lt;b&gt;cel&lt;/b&gt; \\| geen kolom &amp; meer. |" in text


# --- the built site ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built_sites(tmp_path_factory, valid_record_text):
    """The public and the internal site of a synthetic catalogue with one internal record."""
    public = yaml.safe_load(valid_record_text)
    intern = copy.deepcopy(public)
    intern.update(
        access="internal",
        title=f"Interne aanpak {MARKER}",
        summary=f"Samenvatting {MARKER}.",
        phenomena=["mensenhandel"],
        regions=["rotterdam"],
        last_reviewed="2025-12-01",
    )
    project = make_project(
        tmp_path_factory.mktemp("exports") / "project",
        {"proef-een": public, "proef-intern": intern},
    )
    return build_both(project)


EXPORT_FILES = (
    "data/interventies.json",
    "data/interventies.schema.json",
    "data/interventies.csv",
    "feed.xml",
    "fenomenen/vastgoed/feed.xml",
    "fenomenen/witwassen/feed.xml",
    "sitemap.xml",
)


def test_built_site_publishes_the_exports(built_sites, export_schema):
    site, _ = built_sites
    published_schema = json.loads((site / "data/interventies.schema.json").read_bytes())
    assert published_schema == export_schema
    data = json.loads((site / "data/interventies.json").read_bytes())
    validate_export(data, published_schema)
    assert [item["id"] for item in data["interventions"]] == ["proef-een"]
    assert data["generated"] == "2025-01-15"
    assert data["url"] == "https://wat-werkt-tegen-ondermijning.nl/"
    rows = read_csv((site / "data/interventies.csv").read_bytes())
    assert [row[0] for row in rows] == ["id", "proef-een"]
    feed = read_feed((site / "feed.xml").read_bytes())
    assert [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")] == [
        "Proefaanpak Testdorp"
    ]
    read_feed((site / "fenomenen/vastgoed/feed.xml").read_bytes())
    assert not (site / "fenomenen/mensenhandel/feed.xml").exists()
    open_data = (site / "open-data/index.html").read_text(encoding="utf-8")
    assert 'href="../data/interventies.csv"' in open_data
    assert "Open data" in (site / "index.html").read_text(encoding="utf-8")  # in the navigation


def test_built_sitemap_lists_every_page_with_review_dates(built_sites):
    site, _ = built_sites
    sitemap = read_sitemap((site / "sitemap.xml").read_bytes())
    assert read_sitemap(gzip.decompress((site / "sitemap.xml.gz").read_bytes())) == sitemap
    base = "https://wat-werkt-tegen-ondermijning.nl/"
    folders = {
        path.parent.relative_to(site).as_posix()
        for path in site.rglob("index.html")
        # Redirects from a renamed record's old id are not pages of their own.
        if 'http-equiv="refresh"' not in path.read_text(encoding="utf-8")
    }
    assert set(sitemap) == {base if folder == "." else f"{base}{folder}/" for folder in folders}
    assert sitemap[f"{base}interventies/proef-een/"] == "2025-01-15"
    assert sitemap[f"{base}fenomenen/vastgoed/"] == "2025-01-15"


def test_internal_build_exports_only_public_records(built_sites):
    """The internal site shows internal records, but its open data and sitemap do not."""
    public_site, internal_site = built_sites
    assert (internal_site / "interventies/proef-intern/index.html").is_file()
    for site in (public_site, internal_site):
        for path in EXPORT_FILES:
            assert MARKER not in (site / path).read_text(encoding="utf-8"), (site, path)
            assert "proef-intern" not in (site / path).read_text(encoding="utf-8"), (site, path)
        assert not (site / "fenomenen/mensenhandel/feed.xml").exists()
        assert "2025-12-01" not in (site / "data/interventies.json").read_text(encoding="utf-8")
    for path in EXPORT_FILES[:-1]:
        assert (public_site / path).read_bytes() == (internal_site / path).read_bytes(), path
