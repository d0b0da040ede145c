"""Phenomena, knelpunten, cases and the evidence and gap map as open data, read back with real
parsers (json, csv, a JSON Schema validator) and compared to the catalogue they were made from.

The catalogue is the project's own, plus one SYNTHETIC internal intervention that a knelpunt and
a case refer to: it must appear in no export.
"""

import csv
import io
import json
from dataclasses import replace

import jsonschema
import pytest

from catalogus import build, exports
from catalogus.exports import evidence_map_export, open_data, record_exports
from catalogus.output import BuildSettings

from .site_project import ROOT

# Under pytest-xdist these tests share one worker: the real catalogue's exports made once for the module.
pytestmark = pytest.mark.xdist_group("test_record_exports")

SITE = "https://example.org/catalogus/"
SECRET = "intern-geheim-4471"


@pytest.fixture(scope="module")
def settings():
    public = build.load_settings(ROOT, SITE)
    catalogue = public.catalogue
    any_intervention = next(iter(catalogue.interventions.values()))
    internal = replace(any_intervention, id=SECRET, title=f"Titel {SECRET}", access="internal")
    bottleneck = next(iter(catalogue.bottlenecks.values()))
    case = next(iter(catalogue.cases.values()))
    whole = replace(
        catalogue,
        interventions={**catalogue.interventions, SECRET: internal},
        bottlenecks={
            **catalogue.bottlenecks,
            bottleneck.id: replace(bottleneck, resolved_by=(*bottleneck.resolved_by, SECRET)),
        },
        cases={
            **catalogue.cases,
            case.id: replace(case, interventions=(*case.interventions, SECRET)),
        },
    )
    return replace(public, catalogue=whole)


@pytest.fixture(scope="module")
def generated(settings):
    return {item.path: item for item in exports.generate_exports(settings)}


def parsed_json(generated, path):
    return json.loads(generated[path].content.decode("utf-8"))


def parsed_csv(generated, path):
    text = generated[path].content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))


def validator(schema):
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


@pytest.mark.parametrize("kind", record_exports.KINDS, ids=lambda kind: kind.name)
def test_every_kind_is_exported_valid_against_its_published_schema(generated, settings, kind):
    data = parsed_json(generated, kind.json_path)
    schema = parsed_json(generated, kind.schema_path)
    validator(schema).validate(data)
    records = getattr(settings.catalogue, kind.folder)
    assert [item["id"] for item in data["records"]] == sorted(records)
    assert data["generated"] == max(record.last_reviewed for record in records.values())
    # Every field of the record schema is in the export, and nothing else besides id and url.
    record_schema = json.loads((ROOT / "schema" / kind.record_schema).read_text("utf-8"))
    extra = {"id", "url", "title"} if kind.folder == "phenomena" else {"id", "url"}
    assert set(schema["$defs"]["record"]["properties"]) == set(record_schema["properties"]) | extra


def test_phenomena_export_their_chains_with_labels(generated, settings):
    data = parsed_json(generated, "data/fenomenen.json")
    catalogue = settings.catalogue
    for item in data["records"]:
        record = catalogue.phenomena[item["id"]]
        assert item["title"] == catalogue.term("phenomena", record.id).label
        assert item["url"] == f"{SITE}fenomenen/{record.id}/"
        assert [link["step"]["slug"] for link in item["chain"]] == [
            link.step for link in record.chain
        ]
        assert [link["step"]["label"] for link in item["chain"]] == [
            catalogue.term("barrier_steps", link.step).label for link in record.chain
        ]
        assert [source["url"] for source in item["sources"]] == [
            source.url for source in record.sources
        ]


def test_knelpunten_and_cases_match_their_records(generated, settings):
    catalogue = settings.catalogue
    for item in parsed_json(generated, "data/knelpunten.json")["records"]:
        record = catalogue.bottlenecks[item["id"]]
        assert (item["title"], item["summary"], item["since"]) == (
            record.title,
            record.summary,
            record.since,
        )
        assert item["status"] == {
            "slug": record.status,
            "label": catalogue.term("bottleneck_statuses", record.status).label,
        }
        assert [other["id"] for other in item["resolved_by"]] == [
            other for other in record.resolved_by if other != SECRET
        ]
    for item in parsed_json(generated, "data/casussen.json")["records"]:
        record = catalogue.cases[item["id"]]
        assert item["situation"] == record.situation
        assert item["country"]["slug"] == record.country
        assert [other["id"] for other in item["bottlenecks"]] == list(record.bottlenecks)
        assert [other["id"] for other in item["interventions"]] == [
            other for other in record.interventions if other != SECRET
        ]


@pytest.mark.parametrize("kind", record_exports.KINDS, ids=lambda kind: kind.name)
def test_csv_has_a_row_per_record_matching_the_json(generated, kind):
    data = parsed_json(generated, kind.json_path)
    schema = parsed_json(generated, kind.schema_path)
    header, *rows = parsed_csv(generated, kind.csv_path)
    assert header == [
        name for name, _, _ in record_exports.csv_columns(schema, schema["$defs"]["record"])
    ]
    assert len(rows) == len(data["records"])
    for row, item in zip(rows, data["records"], strict=True):
        cells = dict(zip(header, row, strict=True))
        assert cells["id"] == item["id"]
        assert cells["last_reviewed"] == item["last_reviewed"]
        # A list of objects keeps its columns aligned, also where a source has no year.
        assert len(cells["sources_url"].split("; ")) == len(item["sources"])
        assert cells["sources_year"].split("; ") == [
            str(source["year"] or "") for source in item["sources"]
        ]


def test_evidence_map_is_exported_as_data(generated, settings):
    data = parsed_json(generated, evidence_map_export.JSON_PATH)
    validator(parsed_json(generated, evidence_map_export.SCHEMA_PATH)).validate(data)
    catalogue = settings.catalogue
    steps = list(catalogue.vocabularies["barrier_steps"])
    phenomena = {cell["phenomenon"]["slug"] for cell in data["cells"]}
    assert len(data["cells"]) == len(phenomena) * len(steps)
    for cell in data["cells"]:
        blocking = sorted(
            record.id
            for record in catalogue.interventions.values()
            if record.is_public
            and not record.cross_cutting
            and cell["phenomenon"]["slug"] in record.phenomena
            and cell["step"]["slug"] in record.barrier_steps
        )
        assert sorted(other["id"] for other in cell["dutch"] + cell["foreign"]) == blocking
        assert cell["gap"] == (not cell["dutch"])


def test_no_new_export_names_an_internal_record(generated):
    for path, item in generated.items():
        text = item.content.decode("utf-8") if isinstance(item.content, bytes) else item.content
        assert SECRET not in text, path


def test_open_data_documents_every_export_from_its_schema(generated, settings):
    page = generated["open-data/index.md"].content
    for kind in record_exports.KINDS:
        schema = record_exports.export_schema(kind, settings)
        assert f"(../{kind.json_path})" in page and f"(../{kind.csv_path})" in page
        for name, node in schema["$defs"]["record"]["properties"].items():
            assert f"| `{name}` | {open_data.table_cell(node['title'])} |" in page, name
        for name, _, _ in record_exports.csv_columns(schema, schema["$defs"]["record"]):
            assert f"`{name}`" in page
    cell = json.loads((ROOT / evidence_map_export.EXPORT_SCHEMA).read_text("utf-8"))
    for name, node in cell["$defs"]["cell"]["properties"].items():
        assert f"| `{name}` | {node['title']} |" in page, name


def test_exports_of_an_empty_catalogue_are_still_valid(settings):
    empty = replace(settings.catalogue, interventions={}, phenomena={}, bottlenecks={}, cases={})
    files = {item.path: item for item in exports.generate_exports(BuildSettings(empty, ROOT, SITE))}
    for kind in record_exports.KINDS:
        data = parsed_json(files, kind.json_path)
        validator(parsed_json(files, kind.schema_path)).validate(data)
        assert data["records"] == []
