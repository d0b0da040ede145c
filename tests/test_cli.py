"""The `catalogus` command: exit codes, output, and keeping the schema in step with vocabularies."""

import json
import re
import shutil

import pytest

from catalogus import paths
from catalogus.cli import EXIT_INVALID, EXIT_USAGE, EXIT_VALID

LINE = re.compile(r"(?P<path>[^:]+):(?P<line>\d+):(?P<column>\d+): (?P<field>\S+): (?P<message>.+)")


def test_exit_codes_are_0_1_2():
    assert (EXIT_VALID, EXIT_INVALID, EXIT_USAGE) == (0, 1, 2)


# validate


def test_valid_file_exits_0(run_cli, write_record, valid_record_text):
    path = write_record(valid_record_text)
    result = run_cli("validate", str(path))
    assert result.code == 0
    assert result.stdout == ""
    assert result.stderr == "1 bestanden gecontroleerd: geen problemen.\n"


def test_invalid_file_exits_1(run_cli, write_record, mutate):
    path = write_record(mutate("access: public", "access: openbaar"))
    result = run_cli("validate", str(path))
    assert result.code == 1
    assert result.lines == [
        f"{path}:12:1: access: 'openbaar' is niet toegestaan: kies uit public, internal"
    ]
    assert result.stderr == "1 probleem in 1 van 1 bestanden.\n"


def test_five_problems_give_five_lines(run_cli, write_record, mutate):
    text = mutate("title: Proefaanpak Testdorp\n", "")
    text = text.replace("country: NL", "country: BE")
    text = text.replace("  start: 2019\n  end: 2021", "  start: 2021\n  end: 2019")
    text = text.replace("    year: 2020", "    year: twintig")
    text = text.replace("lessons:", "lesons:")
    path = write_record(text)

    result = run_cli("validate", str(path))

    assert result.code == 1
    assert len(result.lines) == 5
    assert [LINE.fullmatch(line)["field"] for line in result.lines] == [
        "title",
        "regions",
        "period.end",
        "lesons",
        "sources[0].year",
    ]
    assert all(LINE.fullmatch(line)["path"] == str(path) for line in result.lines)
    assert result.stderr == "5 problemen in 1 van 1 bestanden.\n"


def test_a_directory_is_validated_file_by_file(run_cli, tmp_path, valid_record_text):
    (tmp_path / "goed.yml").write_text(valid_record_text, encoding="utf-8")
    (tmp_path / "leeg.yml").write_text("", encoding="utf-8")
    (tmp_path / "verkeerd.yaml").write_text(valid_record_text, encoding="utf-8")
    (tmp_path / ".verborgen.yml").write_text("", encoding="utf-8")

    result = run_cli("validate", str(tmp_path))

    assert result.code == 1
    assert [LINE.fullmatch(line)["path"] for line in result.lines] == [
        str(tmp_path / "leeg.yml"),
        str(tmp_path / "verkeerd.yaml"),
    ]
    assert result.stderr == "2 problemen in 2 van 3 bestanden.\n"


def test_without_paths_the_catalogue_directory_is_validated(
    run_cli, empty_catalogue, valid_record_text
):
    (empty_catalogue / "proef.yml").write_text(valid_record_text, encoding="utf-8")
    assert run_cli("validate").code == 0
    (empty_catalogue / "kapot.yml").write_text("title: 'open\n", encoding="utf-8")
    result = run_cli("validate")
    assert result.code == 1
    assert result.lines[0].startswith(f"{empty_catalogue / 'kapot.yml'}:1:8: -: ")


def test_related_may_name_a_record_in_the_catalogue(run_cli, empty_catalogue, write_record, mutate):
    (empty_catalogue / "in-de-catalogus.yml").write_text("", encoding="utf-8")
    path = write_record(mutate("related: []", "related: [in-de-catalogus]"))
    assert run_cli("validate", str(path)).code == 0


def test_related_may_name_a_record_beside_the_file(run_cli, empty_catalogue, write_record, mutate):
    write_record("", "ernaast.yml")
    path = write_record(mutate("related: []", "related: [ernaast]"))
    assert run_cli("validate", str(path)).code == 0


def test_unknown_related_suggests_a_known_id(run_cli, empty_catalogue, write_record, mutate):
    write_record("", "wet-bibob.yml")
    path = write_record(mutate("related: []", "related: [wet-bibop]"))
    result = run_cli("validate", str(path))
    assert result.code == 1
    assert "er is geen interventie met id 'wet-bibop' (bedoelde u 'wet-bibob'?)" in result.stdout


def test_duplicate_ids_differing_in_case_across_two_directories(
    run_cli, tmp_path, valid_record_text
):
    first, second = tmp_path / "eerste", tmp_path / "tweede"
    first.mkdir()
    second.mkdir()
    (first / "proef-interventie.yml").write_text(valid_record_text, encoding="utf-8")
    (second / "Proef-Interventie.yml").write_text(valid_record_text, encoding="utf-8")

    result = run_cli("validate", str(first), str(second))

    assert result.code == 1
    assert (
        f"{second / 'Proef-Interventie.yml'}:1:1: -: de id 'Proef-Interventie' bestaat al "
        f"({first / 'proef-interventie.yml'}): kies een andere bestandsnaam"
    ) in result.lines


def test_a_file_named_twice_is_not_a_duplicate(run_cli, write_record, valid_record_text):
    path = write_record(valid_record_text)
    result = run_cli(
        "validate",
        str(path),
        str(path.parent),
        str(path.parent / ".." / path.parent.name / path.name),
    )
    assert result.code == 0, result.stdout
    assert result.stderr == "1 bestanden gecontroleerd: geen problemen.\n"


def test_github_format(run_cli, write_record, mutate):
    path = write_record(mutate("  result: onbekend", "  result: 'onbekend, 100%'"))
    result = run_cli("validate", "--format", "github", str(path))
    assert result.code == 1
    assert result.lines == [
        f"::error file={path},line=36,col=3,title=outcome.result::"
        "'onbekend, 100%25' staat niet in de woordenlijst uitkomsten (vocabularies/) "
        "(bedoelde u 'onbekend'?): kies uit positief, gemengd, geen-effect, negatief, onbekend"
    ]


def test_github_format_of_a_valid_file_prints_nothing(run_cli, write_record, valid_record_text):
    path = write_record(valid_record_text)
    result = run_cli("validate", "--format", "github", str(path))
    assert (result.code, result.stdout) == (0, "")


def test_path_that_does_not_exist_exits_2(run_cli, tmp_path, write_record, valid_record_text):
    path = write_record(valid_record_text)
    result = run_cli("validate", str(path), str(tmp_path / "bestaat-niet.yml"))
    assert result.code == 2
    assert result.stdout == ""
    assert result.stderr == f"catalogus: '{tmp_path / 'bestaat-niet.yml'}' bestaat niet\n"


@pytest.mark.parametrize(
    "arguments",
    [
        (),
        ("onbekend",),
        ("validate", "--format", "xml"),
        ("validate", "--onbekend"),
        ("schema", "extra"),
    ],
    ids=["no-command", "unknown-command", "unknown-format", "unknown-option", "extra-argument"],
)
def test_bad_arguments_exit_2(run_cli, arguments):
    result = run_cli(*arguments)
    assert result.code == 2
    assert result.stderr.startswith("usage: catalogus")


def test_help_exits_0(run_cli):
    result = run_cli("validate", "--help")
    assert result.code == 0
    assert "--format {text,github}" in result.stdout


# The vocabularies and the schema file


@pytest.fixture
def copied_catalogue(tmp_path, monkeypatch):
    """The schema and vocabularies copied into tmp_path, with catalogus.paths pointing there."""
    vocabularies = tmp_path / "vocabularies"
    shutil.copytree(paths.VOCABULARIES, vocabularies)
    schema = tmp_path / "schema" / "interventie.schema.json"
    schema.parent.mkdir()
    shutil.copyfile(paths.SCHEMA, schema)
    monkeypatch.setattr(paths, "VOCABULARIES", vocabularies)
    monkeypatch.setattr(paths, "SCHEMA", schema)
    return tmp_path


NEW_TERM = "- slug: nieuw-fenomeen\n  label: Nieuw fenomeen\n  description: Voor de test.\n"


def test_schema_check_passes_when_the_schema_is_current(run_cli, copied_catalogue):
    assert run_cli("schema", "--check").code == 0


def test_schema_check_fails_when_a_vocabulary_gained_a_term(run_cli, copied_catalogue):
    phenomena = copied_catalogue / "vocabularies" / "phenomena.yml"
    phenomena.write_text(phenomena.read_text(encoding="utf-8") + NEW_TERM, encoding="utf-8")

    result = run_cli("schema", "--check")

    assert result.code == 1
    assert result.stdout == (
        f"{paths.SCHEMA}: de keuzelijsten (vocabularies/) of de meldingen voor de editor "
        "lopen achter op de regels: voer 'catalogus schema' uit\n"
    )


def test_schema_check_fails_when_the_schema_file_lost_a_term(run_cli, copied_catalogue):
    schema = json.loads(paths.SCHEMA.read_text(encoding="utf-8"))
    schema["properties"]["status"]["enum"].remove("pilot")
    paths.SCHEMA.write_text(
        json.dumps(schema, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )

    assert run_cli("schema", "--check").code == 1


def test_schema_writes_the_vocabularies_into_the_schema_file(run_cli, copied_catalogue):
    phenomena = copied_catalogue / "vocabularies" / "phenomena.yml"
    phenomena.write_text(phenomena.read_text(encoding="utf-8") + NEW_TERM, encoding="utf-8")

    assert run_cli("schema").code == 0

    schema = json.loads(paths.SCHEMA.read_text(encoding="utf-8"))
    items = schema["properties"]["phenomena"]["items"]
    assert items["enum"][-1] == "nieuw-fenomeen"
    assert items["enumDescriptions"][-1] == "Nieuw fenomeen: Voor de test."
    assert run_cli("schema", "--check").code == 0


def test_schema_wraps_a_rule_written_plainly_with_its_dutch_message(run_cli, copied_catalogue):
    schema = json.loads(paths.SCHEMA.read_text(encoding="utf-8"))
    schema["properties"]["lead_organisation"]["maxLength"] = 120
    paths.SCHEMA.write_text(
        json.dumps(schema, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    assert run_cli("schema", "--check").code == 1

    assert run_cli("schema").code == 0

    field = json.loads(paths.SCHEMA.read_text(encoding="utf-8"))["properties"]["lead_organisation"]
    assert "maxLength" not in field
    messages = [wrapper.get("else", {}).get("errorMessage") for wrapper in field["allOf"]]
    assert "Ten hoogste 120 tekens toegestaan: verkort de tekst." in messages
    assert run_cli("schema", "--check").code == 0


def test_validate_uses_the_vocabularies_not_the_schema_file(
    run_cli, copied_catalogue, write_record, mutate
):
    phenomena = copied_catalogue / "vocabularies" / "phenomena.yml"
    phenomena.write_text(phenomena.read_text(encoding="utf-8") + NEW_TERM, encoding="utf-8")
    path = write_record(mutate("phenomena: [vastgoed, witwassen]", "phenomena: [nieuw-fenomeen]"))

    assert run_cli("validate", str(path)).code == 0


@pytest.mark.parametrize("command", [("validate",), ("schema", "--check")])
def test_broken_vocabulary_is_reported(run_cli, copied_catalogue, empty_catalogue, command):
    statuses = copied_catalogue / "vocabularies" / "statuses.yml"
    statuses.write_text(
        statuses.read_text(encoding="utf-8")
        + "- slug: pilot\n  label: Nog eens\n  description: x\n",
        encoding="utf-8",
    )

    result = run_cli(*command)

    assert result.code == 1
    [line] = result.lines
    assert re.fullmatch(
        rf"{re.escape(str(statuses))}:\d+:1: -: slug 'pilot' komt dubbel voor", line
    )


# The real catalogue


@pytest.mark.content
def test_the_real_catalogue_validates(run_cli):
    """Depends on the records in interventions/, not only on the code: fix the records."""
    result = run_cli("validate")
    assert result.code == 0, result.stdout


@pytest.mark.content
def test_the_real_schema_file_is_current(run_cli):
    """Depends on vocabularies/ and schema/: run `catalogus schema` after changing a vocabulary."""
    assert run_cli("schema", "--check").code == 0
