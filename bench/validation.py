"""Validation time: the validator as `catalogus validate` uses it, against parsing alone."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from bench.results import VALIDATION_BUDGET, Results, Row, log, runs_text, seconds, verdict
from catalogus import paths
from catalogus.validation import Validator
from catalogus.vocabularies import load_vocabularies


def measure_validation(files: list[Path], runs: int) -> tuple[list[float], list[float]]:
    """Parsing alone (libyaml's safe loader) against the validator as `catalogus validate` uses it."""

    def parse_only() -> None:
        for path in files:
            yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)

    def validate() -> None:
        validator = Validator.for_catalogue(paths.SCHEMAS, load_vocabularies())
        problems = validator.validate(files)
        if problems:
            raise RuntimeError(
                "the synthetic catalogue is not valid:\n"
                + "\n".join(problem.format() for problem in problems[:5])
            )

    floor, ours = [], []
    for _ in range(runs):  # alternated, so drift on a busy machine hits both alike
        floor.append(timed(parse_only))
        ours.append(timed(validate))
    return floor, ours


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def add_validation(results: Results, size: int, files: list[Path], runs: int) -> None:
    log(f"{size:,} records: validation, {runs_text(runs)}")
    floor, ours = measure_validation(files, runs)
    ratio = statistics.median(ours) / statistics.median(floor)
    results.add(
        Row(
            "Validation (`Validator.for_catalogue` + `.validate`)",
            size,
            f"{seconds(statistics.median(ours))} ({runs_text(runs)})",
            f"{seconds(statistics.median(floor))} parse only, CSafeLoader",
            f"{ratio:.2f}×",
            VALIDATION_BUDGET.text,
            verdict(VALIDATION_BUDGET, size, ratio),
            "validation",
        )
    )
