"""Hostile input: every file in tests/hostile/ (plus a few generated ones) is refused cleanly.

For each case `catalogus validate <file>` must exit 1 within a second and print exactly one line
`path:line:column: field: message` that names the file, the field and the Dutch explanation.
Each case pins the protection that produces its message, so removing that protection fails it.
"""

import faulthandler
import os
import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from catalogus.loading import MAX_FILE_BYTES

from .conftest import HOSTILE, VALID_RECORD

# A generous sanity bound per file, as the issue asks; real runs take a few hundredths. It is CPU
# time, which a billion-laughs file or a parser loop burns but other processes on the machine (the
# parallel test workers, for one) do not add to.
SECONDS_PER_FILE = 1.0
# Without its protection a case may hang instead of fail (the alias bomb expands to 10^9 items);
# the watchdog then ends the whole test run with a traceback rather than letting it hang.
WATCHDOG_SECONDS = 20
RANDOM_SEED = 20261123

LINE = re.compile(r"(?P<path>.+):(?P<line>\d+):(?P<column>\d+): (?P<field>\S+): (?P<message>.+)")


def _record_text() -> str:
    return VALID_RECORD.read_text(encoding="utf-8")


def _too_large(directory: Path) -> Path:
    path = directory / "too-large.yml"
    with path.open("wb") as stream:
        stream.write(b"description: |\n")
        line = b"  " + b"x" * 1022 + b"\n"
        stream.write(line * (10 * 1024))  # 10 MiB
    return path


def _random_bytes(directory: Path) -> Path:
    path = directory / "random-bytes.yml"
    path.write_bytes(random.Random(RANDOM_SEED).randbytes(64 * 1024))
    return path


def _control_character(directory: Path) -> Path:
    # An escape character could rewrite a terminal or CI log; YAML does not allow it in text.
    path = directory / "control-character.yml"
    path.write_text(
        _record_text().replace("title: Proefaanpak", "title: \x1b[2JProefaanpak"), encoding="utf-8"
    )
    return path


def _huge_number(directory: Path) -> Path:
    # Python refuses to turn integers of more than 4300 digits into text, which a message needs.
    path = directory / "huge-number.yml"
    path.write_text(
        _record_text().replace("    year: 2020", "    year: 0x" + "f" * 5000), encoding="utf-8"
    )
    return path


def _deep_block_nesting(directory: Path) -> Path:
    # 100 levels fail cleanly; tens of thousands crashed PyYAML's composer (see test_loading).
    path = directory / "deep-block-nesting.yml"
    path.write_text("partners:\n  " + "- " * 100 + "x\n", encoding="utf-8")
    return path


@dataclass(frozen=True)
class Case:
    name: str
    line: int
    column: int
    field: str
    phrase: str
    # For cases generated into tmp_path (big or binary files are not committed).
    generate: Callable[[Path], Path] | None = None

    def path(self, tmp_path: Path) -> Path:
        return self.generate(tmp_path) if self.generate else HOSTILE / self.name

    def __str__(self) -> str:
        return self.name


CASES = [
    # Loading: plain YAML data only, and only what a person would write.
    Case("tab-indentation.yml", 28, 1, "-", "gebruik spaties in plaats van tabs"),
    Case("unclosed-quote.yml", 2, 8, "-", "een aanhalingsteken of haakje is niet gesloten"),
    Case(
        "duplicate-key.yml",
        41,
        1,
        "status",
        "sleutel 'status' komt dubbel voor (eerst op regel 20)",
    ),
    # "haal de tag ... weg" comes from the allow-list of tags, not from the fallback behind it.
    Case("python-tag.yml", 2, 8, "-", "python/object/apply:os.system' is niet toegestaan: haal"),
    Case("custom-tag.yml", 14, 20, "-", "YAML-tag '!include' is niet toegestaan: haal de tag"),
    Case("alias-bomb.yml", 15, 9, "-", "ankers en aliassen (& en *) zijn niet toegestaan"),
    Case("deep-nesting.yml", 16, 101, "-", "dieper genest dan 50 niveaus"),
    Case("empty.yml", 1, 1, "-", "het bestand is leeg"),
    Case(
        "not-a-mapping.yml",
        1,
        1,
        "-",
        "een record is een groep velden (sleutel: waarde), niet een lijst",
    ),
    Case("not-utf8.yml", 7, 6, "-", "byte 0xe9 is geen geldige UTF-8"),
    Case("bom.yml", 1, 1, "-", "byte-order mark (BOM)"),
    Case("multiple-documents.yml", 51, 1, "-", "een tweede document (na ---)"),
    Case("non-string-key.yml", 40, 1, "-", "sleutel 2024 moet tekst zijn"),
    Case("newline-in-key.yml", 41, 1, r"lessons\nfake.yml:1:1", "onbekend veld"),
    Case("wrong-extension.yaml", 1, 1, "-", "gebruik de extensie .yml"),
    Case("Bad-Name.yml", 1, 1, "-", "'Bad-Name' is geen geldige id"),
    # Schema and rule checks.
    Case("wrong-type.yml", 15, 1, "partners", "moet een lijst zijn, niet tekst"),
    Case("missing-required.yml", 1, 1, "title", "verplicht veld 'title' ontbreekt"),
    Case("unknown-key.yml", 41, 1, "lesons", "onbekend veld 'lesons' (bedoelde u 'lessons'?)"),
    Case(
        "unknown-vocabulary-term.yml",
        8,
        13,
        "phenomena[0]",
        "'vastgoedd' staat niet in de woordenlijst fenomenen (vocabularies/) "
        "(bedoelde u 'vastgoed'?)",
    ),
    Case(
        "related-missing.yml",
        49,
        11,
        "related[0]",
        "er is geen interventie met id 'deze-interventie-bestaat-niet'",
    ),
    Case("invalid-date.yml", 50, 1, "last_reviewed", "'2026-02-30' is geen bestaande datum"),
    Case(
        "period-end-before-start.yml",
        22,
        3,
        "period.end",
        "de periode eindigt (2019) voordat ze begint (2021)",
    ),
    Case("malformed-url.yml", 47, 5, "sources[0].url", "heeft niet de juiste vorm"),
    Case("foreign-with-region.yml", 9, 1, "regions", "een buitenlandse interventie heeft geen"),
    Case("dutch-without-region.yml", 1, 1, "regions", "Nederlandse interventie heeft minstens één"),
    Case(
        "public-without-sources.yml",
        1,
        1,
        "sources",
        "openbare interventie heeft minstens één bron",
    ),
    Case("summary-too-long.yml", 3, 1, "summary", "is 327 tekens lang; ten hoogste 300 toegestaan"),
    # Generated into tmp_path.
    Case(
        "too-large.yml",
        1,
        1,
        "-",
        f"een record mag ten hoogste {MAX_FILE_BYTES} bytes zijn",
        generate=_too_large,
    ),
    Case("random-bytes.yml", 1, 1, "-", "byte 0x8a is geen geldige UTF-8", generate=_random_bytes),
    Case(
        "control-character.yml",
        3,
        8,
        "-",
        "het teken U+001B (een stuurteken) mag niet",
        generate=_control_character,
    ),
    Case("huge-number.yml", 50, 11, "-", "dit getal is te groot", generate=_huge_number),
    Case("deep-block-nesting.yml", 2, 101, "-", "dieper genest", generate=_deep_block_nesting),
]


def test_every_hostile_file_has_a_case():
    files = {path.name for path in HOSTILE.iterdir() if not path.name.startswith(".")}
    static = {case.name for case in CASES if case.generate is None}
    assert files == static


def test_case_names_and_messages_are_distinct():
    assert len({case.name for case in CASES}) == len(CASES)
    assert len({case.phrase for case in CASES}) == len(CASES)


@pytest.fixture
def watchdog(capsys):
    """End the test run, with a traceback on the real stderr, if a case hangs."""
    with capsys.disabled():
        stderr = os.dup(2)  # the terminal's stderr, not pytest's capture
    faulthandler.dump_traceback_later(WATCHDOG_SECONDS, exit=True, file=stderr)
    yield
    faulthandler.cancel_dump_traceback_later()
    os.close(stderr)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_hostile_file_is_refused(case, tmp_path, run_cli, watchdog):
    path = case.path(tmp_path)

    start = time.process_time()
    result = run_cli("validate", str(path))
    elapsed = time.process_time() - start

    assert result.code == 1, result
    assert len(result.lines) == 1, result.lines
    line = result.lines[0]
    assert LINE.fullmatch(line), line
    prefix = f"{path}:{case.line}:{case.column}: {case.field}: "
    assert line.startswith(prefix), f"{line!r} does not start with {prefix!r}"
    assert case.phrase in line[len(prefix) :]
    assert "1 probleem in 1 van 1 bestanden." in result.stderr
    assert elapsed < SECONDS_PER_FILE, f"{case.name} took {elapsed:.2f} s"


def test_the_whole_hostile_directory_reports_every_file(run_cli):
    result = run_cli("validate", str(HOSTILE))

    assert result.code == 1
    # Split at the first colon: a hostile key may itself hold "name.yml:1:1: ".
    reported = {Path(line.split(":", 1)[0]).name for line in result.lines}
    assert reported == {case.name for case in CASES if case.generate is None}


def test_github_format_annotates_hostile_files(run_cli):
    result = run_cli("validate", "--format", "github", str(HOSTILE / "unknown-key.yml"))

    assert result.code == 1
    assert len(result.lines) == 1
    assert result.lines[0].startswith(
        f"::error file={HOSTILE / 'unknown-key.yml'},line=41,col=1,title=lesons::"
        "onbekend veld 'lesons' (bedoelde u 'lessons'?)"
    )


def test_github_format_prints_one_annotation_per_problem(run_cli):
    result = run_cli(
        "validate",
        "--format",
        "github",
        str(HOSTILE / "tab-indentation.yml"),
        str(HOSTILE / "invalid-date.yml"),
        str(HOSTILE / "newline-in-key.yml"),
    )

    assert result.code == 1
    assert len(result.lines) == 3
    annotation = re.compile(r"::error file=(?P<file>[^,]+),line=\d+,col=\d+,title=[^:]+::.+")
    for line in result.lines:
        assert annotation.fullmatch(line), line
    files = [annotation.fullmatch(line)["file"] for line in result.lines]
    assert [Path(file).name for file in files] == [
        "invalid-date.yml",
        "newline-in-key.yml",
        "tab-indentation.yml",
    ]
    # The line break in the key is escaped, in the title as in the message.
    assert "title=lessons%0Afake.yml%3A1%3A1%3A -%3A vervalst::" in result.lines[1]
