"""`catalogus release`: dated snapshots of the public data with a changelog, made from a
SYNTHETIC catalogue, read back with json and compared to the catalogue and the exports."""

import copy
import json

import jsonschema
import yaml

from catalogus import build, releases
from catalogus.exports import record_exports

from .site_project import make_project


def write(project, record_id, data):
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    (project / "interventions" / f"{record_id}.yml").write_text(text, encoding="utf-8")


def test_release_snapshots_public_records_and_logs_changes(tmp_path, valid_record_data, run_cli):
    secret = copy.deepcopy(valid_record_data) | {"title": "Geheim 5521", "access": "internal"}
    twee = copy.deepcopy(valid_record_data) | {"title": "Tweede proefaanpak"}
    project = make_project(
        tmp_path / "project",
        {"proef-een": valid_record_data, "proef-twee": twee, "proef-geheim": secret},
    )
    arguments = ["release", "--root", str(project), "--site-url", "https://example.org/"]
    result = run_cli(*arguments, "--today", "2026-11-29")
    assert result.code == 0, result.stderr
    first = json.loads((project / "data/releases/2026-11.json").read_text("utf-8"))
    assert first["release"] == "2026-11" and first["released"] == "2026-11-29"
    assert first["previous"] is None
    assert [item["id"] for item in first["interventions"]] == ["proef-een", "proef-twee"]
    assert "5521" not in json.dumps(first, ensure_ascii=False)
    # Each kind's records are exactly what its export holds, valid against its schema.
    settings = build.load_settings(project, "https://example.org/")
    for kind in record_exports.KINDS:
        schema = record_exports.export_schema(kind, settings)
        export = record_exports.export_data(kind, settings)
        assert first[kind.folder] == export["records"]
        jsonschema.Draft202012Validator(schema).validate(export | {"records": first[kind.folder]})

    # A month later: one record changed, one removed, one added.
    write(project, "proef-een", valid_record_data | {"summary": "Een andere samenvatting."})
    (project / "interventions/proef-twee.yml").unlink()
    write(project, "proef-drie", copy.deepcopy(twee) | {"title": "Derde proefaanpak"})
    assert run_cli(*arguments, "--today", "2026-12-30").code == 0
    second = json.loads((project / "data/releases/2026-12.json").read_text("utf-8"))
    assert second["previous"] == "2026-11"
    assert second["changes"]["interventions"] == {
        "added": ["proef-drie"],
        "changed": ["proef-een"],
        "removed": ["proef-twee"],
    }
    changelog = (project / releases.CHANGELOG).read_text("utf-8")
    assert changelog.startswith("# Versies van de gegevens\n\n## 2026-12 (30 december 2026)")
    assert "- Nieuw sinds 2026-11: interventies: proef-drie." in changelog
    assert "- Gewijzigd sinds 2026-11: interventies: proef-een." in changelog
    assert "- Verwijderd sinds 2026-11: interventies: proef-twee." in changelog
    assert changelog.index("## 2026-12") < changelog.index("## 2026-11 (29 november 2026)")

    # The site publishes both, as they were made, and /open-data/ links them.
    files = {item.path: item.content for item in build.generate_files(settings)}
    assert (
        files["data/releases/2026-11.json"] == (project / "data/releases/2026-11.json").read_bytes()
    )
    assert "(../data/releases/2026-12.json)" in files["open-data/index.md"]


def test_a_release_is_never_overwritten_and_names_are_checked(tmp_path, valid_record_data, run_cli):
    project = make_project(tmp_path / "project", {"proef-een": valid_record_data})
    arguments = ["release", "--root", str(project), "--today", "2026-11-29"]
    assert run_cli(*arguments).code == 0
    before = (project / "data/releases/2026-11.json").read_bytes()
    again = run_cli(*arguments)
    assert again.code == 2 and "bestaat al" in again.stderr
    assert (project / "data/releases/2026-11.json").read_bytes() == before
    wrong = run_cli(*arguments, "--name", "december")
    assert wrong.code == 2 and "JJJJ-MM" in wrong.stderr
    assert "Traceback" not in wrong.stderr
