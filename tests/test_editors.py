"""The editors' workflow: `catalogus new` both ways, `catalogus review`, former ids."""

import re

import pytest

from catalogus import freshness
from catalogus.cli import main

FILLED = {
    "summary": "Een synthetische aanpak voor deze test; ze beschrijft niets echts.",
    "description": "Synthetisch testrecord.",
    "status": "pilot",
    "level": "praktijkervaring",
    "result": "onbekend",
    "explanation": "Synthetisch: er is niets bekend.",
    "title": "Een synthetische bron",
    "url": "https://example.org/bron",
}


def fill_placeholders(text: str) -> str:
    """What an editor does: replace each `VUL IN` placeholder by a real value."""

    def replace(match: re.Match) -> str:
        return f'{match.group(1)}: "{FILLED[match.group(1).strip(" -")]}"'

    return re.sub(r'^( *-? *\w+): "VUL IN[^"]*"', replace, text, flags=re.MULTILINE)


def test_new_with_flags_writes_a_record_that_validates_once_filled_in(tmp_path, capsys):
    code = main(
        [
            "new",
            "--title",
            "Proef: synthetische aanpak",
            "--phenomenon",
            "vastgoed",
            "--region",
            "rotterdam",
            "--kind",
            "bestuurlijk",
            "--directory",
            str(tmp_path),
        ]
    )
    assert code == 0
    path = tmp_path / "proef-synthetische-aanpak.yml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/interventie.schema.json\n")
    assert "# Fenomenen:" in text  # the schema's descriptions are the comments
    assert main(["validate", str(path)]) == 1
    assert "vervang de plaatshouder" in capsys.readouterr().out
    path.write_text(fill_placeholders(text), encoding="utf-8")
    assert main(["validate", str(path)]) == 0, capsys.readouterr().out


def test_new_asks_questions_with_the_vocabularies_labels(tmp_path, monkeypatch, capsys):
    answers = iter(["Proef met vragen", "1", "n", "5,11", "1"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    assert main(["new", "--directory", str(tmp_path)]) == 0
    shown = capsys.readouterr().out
    assert "Ondermijning in de vastgoedketen (vastgoed)" in shown
    text = (tmp_path / "proef-met-vragen.yml").read_text(encoding="utf-8")
    assert 'phenomena: ["vastgoed"]' in text
    assert 'regions: ["amsterdam-amstelland", "landelijk"]' in text
    assert 'kinds: ["bestuurlijk"]' in text
    path = tmp_path / "proef-met-vragen.yml"
    path.write_text(fill_placeholders(text), encoding="utf-8")
    assert main(["validate", str(path)]) == 0, capsys.readouterr().out


def test_new_asks_again_after_an_invalid_choice(tmp_path, monkeypatch):
    answers = iter(["Proef opnieuw", "99", "x", "2", "j", "XX", "BE", "1"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    assert main(["new", "--directory", str(tmp_path)]) == 0
    text = (tmp_path / "proef-opnieuw.yml").read_text(encoding="utf-8")
    assert 'phenomena: ["witwassen"]' in text and 'country: "BE"' in text


def test_new_refuses_an_existing_id(tmp_path, capsys):
    (tmp_path / "bestaande-aanpak.yml").write_text("", encoding="utf-8")
    arguments = ["new", "--title", "Bestaande aanpak", "--phenomenon", "vastgoed"]
    arguments += ["--region", "limburg", "--kind", "bestuurlijk", "--directory", str(tmp_path)]
    assert main(arguments) == 1
    assert "bestaat al" in capsys.readouterr().err


@pytest.mark.parametrize(
    "arguments",
    [
        ["--title", "X"],
        [
            "--title",
            "X",
            "--phenomenon",
            "vastgoedd",
            "--kind",
            "bestuurlijk",
            "--region",
            "limburg",
        ],
        ["--title", "X", "--phenomenon", "vastgoed", "--kind", "bestuurlijk"],
    ],
)
def test_new_with_incomplete_or_wrong_flags_is_a_usage_error(tmp_path, arguments):
    assert main(["new", *arguments, "--directory", str(tmp_path)]) == 2
    assert list(tmp_path.iterdir()) == []


def test_review_lists_records_older_than_the_age_oldest_first(capsys):
    assert main(["review", "--months", "0", "--today", "2030-01-01"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines and lines == sorted(lines)
    assert main(["review", "--today", "2026-11-23"]) == 0
    assert capsys.readouterr().out == ""


def test_months_between():
    import datetime

    assert freshness.months_between(datetime.date(2025, 5, 23), datetime.date(2026, 11, 23)) == 18
    assert freshness.months_between(datetime.date(2025, 5, 24), datetime.date(2026, 11, 23)) == 17
    assert freshness.is_overdue("2025-05-23", datetime.date(2026, 11, 23))
    assert not freshness.is_overdue("2025-05-24", datetime.date(2026, 11, 23))


def test_former_ids_may_not_be_in_use_or_claimed_twice(validate_record, valid_record_data):
    valid_record_data["former_ids"] = ["proef-interventie"]
    problems = validate_record(valid_record_data)
    assert [problem.field for problem in problems] == ["former_ids[0]"]
