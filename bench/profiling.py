"""Profiles of what misses its budget: validation in this process, a build under cProfile."""

from __future__ import annotations

import cProfile
import io
import pstats
import subprocess
import sys
from pathlib import Path

from bench import ROOT
from bench.builds import BUILD_ENVIRONMENT
from bench.results import Results, log
from catalogus import paths
from catalogus.validation import Validator
from catalogus.vocabularies import load_vocabularies

PROFILED = ("validation", "build")


def top_functions(stats: pstats.Stats, own: int = 12, ours: int = 10) -> str:
    """The functions with the most own time, and the project's functions by cumulative time."""
    rows = stats.stats  # type: ignore[attr-defined]
    total = sum(entry[2] for entry in rows.values()) or 1.0

    def name(key: tuple) -> str:
        filename, line, function = key
        short = filename.split("site-packages/")[-1].replace(str(ROOT) + "/", "")
        return f"{short}:{line}({function})"

    by_own = sorted(rows.items(), key=lambda item: item[1][2], reverse=True)[:own]
    project = [
        item
        for item in rows.items()
        if "scripts/catalogus" in item[0][0] or "catalogus/" in item[0][0]
    ]
    by_cumulative = sorted(project, key=lambda item: item[1][3], reverse=True)[:ours]
    lines = ["Most own time (tottime):", ""]
    lines += ["| own s | cumul. s | calls | function |", "|---:|---:|---:|---|"]
    lines += [
        f"| {entry[2]:.2f} | {entry[3]:.2f} | {entry[1]:,} | `{name(key)}` |"
        for key, entry in by_own
    ]
    lines += ["", "The project's functions by cumulative time:", ""]
    lines += ["| cumul. s | own s | calls | function |", "|---:|---:|---:|---|"]
    lines += [
        f"| {entry[3]:.2f} | {entry[2]:.2f} | {entry[1]:,} | `{name(key)}` |"
        for key, entry in by_cumulative
    ]
    lines += ["", f"(profiled total of own time: {total:.1f} s; cProfile slows the code down)"]
    return "\n".join(lines)


def profile_validation(files: list[Path]) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    Validator.for_catalogue(paths.SCHEMAS, load_vocabularies()).validate(files)
    profiler.disable()
    return top_functions(pstats.Stats(profiler, stream=io.StringIO()))


def profile_build(project: Path) -> str:
    output = project.parent / f"{project.name}-build.prof"
    subprocess.run(
        [sys.executable, "-m", "cProfile", "-o", str(output), "-m", "mkdocs", "build", "-q"],
        cwd=project,
        env=BUILD_ENVIRONMENT,
        check=True,
        capture_output=True,
    )
    return top_functions(pstats.Stats(str(output), stream=io.StringIO()))


def profile_first_failures(results: Results, size: int, files: list[Path], project: Path) -> None:
    """Profile validation and the build at the smallest size where each missed its budget."""
    first_failure: dict[str, int] = {}
    for row in results.rows:
        if row.result.startswith("FAIL"):
            first_failure.setdefault(row.key, row.records)
    for key, failed_size in first_failure.items():
        if failed_size != size or key not in PROFILED:
            continue
        log(f"{size:,} records: profiling {key}")
        text = profile_validation(files) if key == "validation" else profile_build(project)
        results.profiles.append(f"### {key.capitalize()} at {size:,} records\n\n{text}")
