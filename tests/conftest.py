"""Shared fixtures: a synthetic valid record, a validator with a fixed date, and CLI runners."""

import datetime
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from filelock import FileLock

from catalogus import paths
from catalogus.cli import main
from catalogus.schema import read_schema
from catalogus.validation import Problem, Validator
from catalogus.vocabularies import load_vocabularies

TESTS = Path(__file__).parent
# SYNTHETIC TEST DATA: a made-up record, independent of the real catalogue in interventions/.
VALID_RECORD = TESTS / "data" / "valid-record.yml"
HOSTILE = TESTS / "hostile"

# The date the validator fixture treats as today, so checks of future dates never drift.
TODAY = datetime.date(2026, 6, 1)
# The id (file name) under which helpers write a record; it is a valid kebab-case id.
RECORD_NAME = "proef-interventie.yml"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """`make test` spreads the tests over pytest-xdist workers, a test or a whole xdist_group at a
    time, in the order they are collected. A group (such as test_xss.py, about 30 s) or a long test
    handed out last kept the run waiting for that one worker alone: they are handed out first."""
    items.sort(
        key=lambda item: (
            not (item.get_closest_marker("xdist_group") or item.get_closest_marker("long"))
        )
    )


@dataclass
class CliResult:
    code: int
    stdout: str
    stderr: str

    @property
    def lines(self) -> list[str]:
        return self.stdout.splitlines()


@pytest.fixture(scope="session")
def valid_record_text() -> str:
    """The text of the synthetic valid record (tests/data/valid-record.yml)."""
    return VALID_RECORD.read_text(encoding="utf-8")


@pytest.fixture
def valid_record_data(valid_record_text) -> dict:
    """A fresh, mutable copy of the synthetic valid record as data."""
    return yaml.safe_load(valid_record_text)


@pytest.fixture(scope="session")
def validator() -> Validator:
    """A validator with the real schema and vocabularies and `today` fixed at TODAY."""
    return Validator(read_schema(paths.SCHEMA), load_vocabularies(paths.VOCABULARIES), today=TODAY)


def built_once(tmp_path_factory, name: str, make: Callable[[Path], Path]) -> Path:
    """What `make(folder)` returns, made once per test run.

    `make test` spreads the tests over several pytest-xdist workers, each with its own session:
    the first worker that needs it makes it under a lock in the run's shared temporary folder, the
    others wait for it and reuse it. A worker whose `make` failed leaves nothing behind, so the
    next one tries again and fails with its own message.
    """
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the run's folder; each worker's own basetemp is below it
    made = root / f"{name}.path"
    with FileLock(root / f"{name}.lock"):
        if not made.exists():
            folder = root / name
            shutil.rmtree(folder, ignore_errors=True)
            made.write_text(str(make(folder)), encoding="utf-8")
    return Path(made.read_text(encoding="utf-8"))


def build_real_site(target: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(target)],
        cwd=TESTS.parent,
        check=True,
    )
    return target


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    """The real site, built once: the browser tests serve it, tests/test_engines.py compares it."""
    return built_once(tmp_path_factory, "site", build_real_site)


def build_xss_corpus_site(target: Path) -> Path:
    from catalogus.build import generated_pages

    from .test_xss import build_xss_site, xss_catalogue

    return build_xss_site(target / "project", generated_pages(xss_catalogue()))


@pytest.fixture(scope="session")
def xss_site(tmp_path_factory) -> Path:
    """The XSS corpus's generated pages built once: tests/test_xss.py reads the files,
    tests/e2e/test_xss_browser.py opens them in Chromium."""
    return built_once(tmp_path_factory, "xss", build_xss_corpus_site)


@pytest.fixture
def write_record(tmp_path) -> Callable[..., Path]:
    """Write record text (str), raw bytes or data (dict, dumped as YAML) into tmp_path."""

    def write(content: str | bytes | dict | list, name: str = RECORD_NAME) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
        return path

    return write


@pytest.fixture
def validate_record(write_record, validator) -> Callable[..., list[Problem]]:
    """Write one record into tmp_path and validate it; returns the sorted problems."""

    def validate(
        content: str | bytes | dict | list, name: str = RECORD_NAME, known_ids=()
    ) -> list[Problem]:
        return validator.validate([write_record(content, name)], known_ids)

    return validate


@pytest.fixture
def mutate(valid_record_text) -> Callable[[str, str], str]:
    """The valid record's text with `old` (which must occur exactly once) replaced by `new`."""

    def replace(old: str, new: str) -> str:
        assert valid_record_text.count(old) == 1, f"{old!r} is not unique in the valid record"
        return valid_record_text.replace(old, new)

    return replace


@pytest.fixture
def run_cli(capsys) -> Callable[..., CliResult]:
    """Run `catalogus.cli.main([...])` in-process; returns exit code, stdout and stderr."""

    def run(*arguments: str) -> CliResult:
        capsys.readouterr()  # drop anything printed before
        try:
            code = main(list(arguments))
        except SystemExit as exit_:  # argparse exits on bad arguments
            code = exit_.code
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


@pytest.fixture
def empty_catalogue(tmp_path, monkeypatch) -> Path:
    """Point catalogus.paths.INTERVENTIONS at an empty directory, hiding the real catalogue."""
    directory = tmp_path / "interventions"
    directory.mkdir()
    monkeypatch.setattr(paths, "INTERVENTIONS", directory)
    return directory
