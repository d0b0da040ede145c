"""Every refusal of the loader, with its exact place and Dutch message: what an editor reads
must not drift (tests/test_hostile.py checks the same refusals through the command line).
"""

from pathlib import Path

import pytest
import yaml

from catalogus import loading
from catalogus.loading import MAX_FILE_BYTES, LoadError, decode, parse, read_file

UNREADABLE = "YAML kan niet worden gelezen: "
TAG = "is niet toegestaan: haal de tag (het woord met ! ervoor) weg"
UNTAG = "haal de tag (het woord met ! ervoor) weg"


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        ("a: 1\n\tb: 2\n", 2, 1, "gebruik spaties in plaats van tabs"),
        ("\na: 1\n\tb: 2\n\tc: 3\n", 3, 1, "gebruik spaties in plaats van tabs"),
        ("\n\tb: 2\n", 2, 1, "gebruik spaties in plaats van tabs"),
        ("a: 1\nb:  \tx\n", 2, 5, "gebruik spaties in plaats van tabs"),
        (
            'a: "open\nb: 2\n',
            1,
            4,
            UNREADABLE + "een aanhalingsteken of haakje is niet gesloten "
            "(found unexpected end of stream)",
        ),
        (
            "a: @x\n",
            1,
            4,
            UNREADABLE + "een teken dat hier niet mag staan "
            "(found character that cannot start any token)",
        ),
        (
            "a: b: c\n",
            1,
            5,
            UNREADABLE + "een dubbele punt op een onverwachte plek; zet de waarde tussen "
            "aanhalingstekens (mapping values are not allowed in this context)",
        ),
        (
            "a: 1\nb\nc: 2\n",
            3,
            1,
            UNREADABLE
            + "een regel zonder dubbele punt na de sleutel (could not find expected ':')",
        ),
        (
            "a: *x\n",
            1,
            4,
            UNREADABLE + "een alias (*) zonder bijbehorend anker (found undefined alias)",
        ),
        (
            "a: 1\n---\nb: 2\n",
            2,
            1,
            UNREADABLE + "een tweede document (na ---): een record is één document "
            "(but found another document)",
        ),
        ("a: [1, 2\n", 2, 1, UNREADABLE + "did not find expected ',' or ']'"),
        (
            "a: &x 1\nb: *x\n",
            1,
            4,
            "ankers en aliassen (& en *) zijn niet toegestaan: schrijf de waarde voluit",
        ),
        (
            "a: !!python/object/apply:os.system [ls]\n",
            1,
            4,
            f"YAML-tag 'tag:yaml.org,2002:python/object/apply:os.system' {TAG}",
        ),
        ("a: !include x\n", 1, 4, f"YAML-tag '!include' {TAG}"),
        ("a: !!set {x}\n", 1, 4, f"YAML-tag 'tag:yaml.org,2002:set' {TAG}"),
        ("a: !!binary aGk=\n", 1, 4, f"YAML-tag 'tag:yaml.org,2002:binary' {TAG}"),
        (
            'a: !!int ""\n',
            1,
            4,
            f"de waarde '' past niet bij de YAML-tag 'tag:yaml.org,2002:int': {UNTAG}",
        ),
        (
            'a: !!float ""\n',
            1,
            4,
            f"de waarde '' past niet bij de YAML-tag 'tag:yaml.org,2002:float': {UNTAG}",
        ),
        (
            "a: !!float x\n",
            1,
            4,
            f"de waarde 'x' past niet bij de YAML-tag 'tag:yaml.org,2002:float': {UNTAG}",
        ),
        (
            "a: !!bool foo\n",
            1,
            4,
            f"de waarde 'foo' past niet bij de YAML-tag 'tag:yaml.org,2002:bool': {UNTAG}",
        ),
        (
            "a: !!int x\n",
            1,
            4,
            f"de waarde 'x' past niet bij de YAML-tag 'tag:yaml.org,2002:int': {UNTAG}",
        ),
        ("2024: x\n", 1, 1, "sleutel 2024 moet tekst zijn: zet hem tussen aanhalingstekens"),
        ("[a]: x\n", 1, 1, "sleutel ['a'] moet tekst zijn: zet hem tussen aanhalingstekens"),
        (
            "a: 0x" + "f" * 20 + "\n",
            1,
            4,
            "dit getal is te groot: schrijf een jaartal of een klein getal",
        ),
        (
            "a: " + "9" * 5000 + "\n",
            1,
            4,
            "dit getal is te groot: schrijf een jaartal of een klein getal",
        ),
        (
            "a: x\x1b\n",
            1,
            5,
            "het teken U+001B (een stuurteken) mag niet in een record staan: haal het weg",
        ),
        (
            "a: 1\nb: 2\nc: xy\x07\n",
            3,
            6,
            "het teken U+0007 (een stuurteken) mag niet in een record staan: haal het weg",
        ),
        (
            "é: é\x07\n",
            1,
            5,
            "het teken U+0007 (een stuurteken) mag niet in een record staan: haal het weg",
        ),
        (
            "a: " + "[" * 60 + "]" * 60 + "\n",
            1,
            53,
            "de gegevens zijn dieper genest dan 50 niveaus: maak de structuur vlakker",
        ),
    ],
)
def test_refusals_name_the_place_and_say_what_to_do(text, line, column, message):
    with pytest.raises(LoadError) as refused:
        parse(text)
    assert (refused.value.line, refused.value.column, refused.value.message) == (
        line,
        column,
        message,
    )
    assert refused.value.field == ""


def test_a_duplicate_key_names_the_field_and_where_it_was_first():
    with pytest.raises(LoadError) as refused:
        parse("a: 1\nb:\n  x: 0\n  c: 1\n  c: 2\n")
    error = refused.value
    assert (error.line, error.column, error.field) == (5, 3, "c")
    assert error.message == (
        "sleutel 'c' komt dubbel voor (eerst op regel 4): voeg de twee samen tot één"
    )


@pytest.mark.parametrize(
    ("raw", "line", "column", "message"),
    [
        (
            b"\xef\xbb\xbfa: 1\n",
            1,
            1,
            "het bestand begint met een byte-order mark (BOM): sla het op als UTF-8 zonder BOM",
        ),
        (b"a: 1\nb: \xe9\n", 2, 4, "byte 0xe9 is geen geldige UTF-8: sla het bestand op als UTF-8"),
        (b"\xff", 1, 1, "byte 0xff is geen geldige UTF-8: sla het bestand op als UTF-8"),
    ],
)
def test_bytes_that_are_not_utf8_are_refused_with_their_place(raw, line, column, message):
    with pytest.raises(LoadError) as refused:
        decode(raw)
    assert (refused.value.line, refused.value.column, refused.value.message) == (
        line,
        column,
        message,
    )


def test_a_file_at_the_size_limit_is_read(tmp_path):
    path = tmp_path / "grens.yml"
    path.write_bytes(b"a: " + b"x" * (MAX_FILE_BYTES - 4) + b"\n")
    assert len(read_file(path)) == MAX_FILE_BYTES


def test_a_file_over_the_size_limit_is_refused(tmp_path):
    path = tmp_path / "groot.yml"
    path.write_bytes(b"a: " + b"x" * (MAX_FILE_BYTES - 3) + b"\n")
    with pytest.raises(LoadError) as refused:
        read_file(path)
    assert (refused.value.line, refused.value.column, refused.value.message) == (
        1,
        1,
        f"het bestand is {MAX_FILE_BYTES + 1} bytes; een record mag ten hoogste "
        f"{MAX_FILE_BYTES} bytes zijn: verkort de tekst",
    )


def test_a_special_file_that_never_ends_is_refused():
    with pytest.raises(LoadError) as refused:
        read_file(Path("/dev/zero"))
    assert (refused.value.line, refused.value.column) == (1, 1)
    assert refused.value.message == (
        f"het bestand is groter dan {MAX_FILE_BYTES} bytes, het maximum voor een record: "
        "verkort de tekst"
    )


def test_a_file_that_cannot_be_read_is_refused(tmp_path):
    with pytest.raises(LoadError) as refused:
        read_file(tmp_path)
    assert (refused.value.line, refused.value.column) == (1, 1)
    assert refused.value.message == "het bestand kan niet worden gelezen: Is a directory"


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def test_a_wide_but_shallow_document_loads():
    siblings = ", ".join(nested(2) for _ in range(60))
    data, _ = parse(f"a: [{siblings}]\n")
    assert len(data["a"]) == 60


@pytest.mark.parametrize(("depth", "refused"), [(48, False), (49, True)])
def test_nesting_is_counted_after_a_closed_sibling(depth, refused):
    # The mapping, the outer list and the nested lists: 50 levels are allowed, 51 are not.
    text = f"a: [[], {nested(depth)}]\n"
    if refused:
        with pytest.raises(LoadError, match="dieper genest dan 50 niveaus"):
            parse(text)
    else:
        assert parse(text)[0]["a"][0] == []


# Errors the C parser does not raise today; the loader still turns them into a clean refusal.


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (yaml.YAMLError("kapot"), "kapot"),
        (yaml.MarkedYAMLError(problem="kapot"), "kapot"),
        (yaml.MarkedYAMLError(), "onbekende fout"),
        (yaml.MarkedYAMLError(context="in een lijst"), "in een lijst"),
    ],
)
def test_any_yaml_error_is_a_load_error_at_the_start(monkeypatch, error, message):
    def fail(text):
        raise error

    monkeypatch.setattr(loading, "_check_nesting", fail)
    with pytest.raises(LoadError) as refused:
        parse("a: 1\n")
    assert (refused.value.line, refused.value.column) == (1, 1)
    assert refused.value.message == f"YAML kan niet worden gelezen: {message}"


def test_a_reader_error_with_a_character_as_text_is_refused(monkeypatch):
    def fail(text):
        raise yaml.reader.ReaderError("record", 3, "\x07", "utf-8", "special characters")

    monkeypatch.setattr(loading, "_check_nesting", fail)
    with pytest.raises(LoadError) as refused:
        parse("abc\x07\n")
    assert (refused.value.line, refused.value.column) == (1, 4)
    assert refused.value.message.startswith("het teken U+0007 (een stuurteken)")
