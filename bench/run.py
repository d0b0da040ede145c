"""The performance benchmark: validation, build, serve, memory, page weight and facet clicks.

Every figure is measured on SYNTHETIC catalogues (bench/synthetic.py: made-up records shaped
like the real ones, each file marked as synthetic) written into a temporary folder, and set
against a floor measured in the same run. Needs the test set-up (Playwright and Debian's
Chromium): `make setup-test`, then

    .venv/bin/python bench/run.py [--sizes 1000 5000 10000] [--runs 3] [--report bench/REPORT.md]

`make bench` runs the full sizes, profiles what misses its budget and writes bench/REPORT.md.

This file is the command line and the run over the sizes; each measure has a module of its own:
projects.py (the synthetic project and its static floor), validation.py, builds.py, memory.py,
page_weight.py, facet_clicks.py (in Chromium), serving.py (`mkdocs serve`), profiling.py; the
budgets and the table's rows are in results.py, the report in report.py.
"""

from __future__ import annotations

import argparse
import datetime
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

# The repository root, for the `bench` and `tests` packages when this file is run as a script.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.builds import add_builds
from bench.facet_clicks import add_clicks
from bench.memory import add_memory, peaks_note
from bench.page_weight import add_weight
from bench.profiling import profile_first_failures
from bench.projects import synthetic_project
from bench.report import code_fingerprint, load_average, report, table
from bench.results import Results, log
from bench.serving import add_serve
from bench.settings import Settings, settings_from
from bench.validation import add_validation
from catalogus.validation import record_paths


def run(settings: Settings) -> Results:
    results = Results()
    code = code_fingerprint()
    for size in settings.sizes:
        if code_fingerprint() != code:
            code = code_fingerprint()
            results.note(
                f"The code (scripts/catalogus, hooks/ or docs/) changed before the {size:,}-record "
                "measurements started: others were editing it while the benchmark ran."
            )
        log(f"{size:,} records: writing the synthetic catalogue")
        project = synthetic_project(settings.work / f"catalogue-{size}", size)
        files = record_paths(project / "interventions")
        add_validation(results, size, files, settings.runs)
        build_runs = settings.slow_runs if size >= settings.slow_from else settings.runs
        floor = settings.work / f"static-{size}" if size in settings.floor_sizes else None
        builds, floor_builds = add_builds(results, project, size, build_runs, floor)
        add_memory(results, size, builds, floor_builds, size == settings.memory_size)
        if size == settings.weight_size:
            add_weight(results, size, project / "site")
        if size == settings.click_size:
            add_clicks(results, size, project / "site", settings.clicks)
        if size == settings.serve_size:
            build_seconds = statistics.median(build.seconds for build in builds)
            add_serve(results, size, project, settings.runs, build_seconds, settings.watch_wait)
        if settings.profile:
            profile_first_failures(results, size, files, project)
        shutil.rmtree(project)
    return results


def parse_arguments(arguments: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 5_000, 10_000])
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (default 3)")
    parser.add_argument(
        "--slow-runs", type=int, default=1, help="runs of each build from --slow-from records"
    )
    parser.add_argument("--slow-from", type=int, default=10_000)
    parser.add_argument(
        "--floor-sizes",
        type=int,
        nargs="*",
        default=[1_000, 5_000],
        help="sizes with a static floor build (default: where the build budget applies)",
    )
    parser.add_argument("--serve-size", type=int, default=1_000)
    parser.add_argument("--weight-size", type=int, default=1_000)
    parser.add_argument("--click-size", type=int, default=5_000)
    parser.add_argument("--memory-size", type=int, default=10_000)
    parser.add_argument("--clicks", type=int, default=11, help="measured facet clicks")
    parser.add_argument(
        "--watch-wait",
        type=float,
        default=10.0,
        help="seconds to wait for serve to notice a changed record (default 10)",
    )
    parser.add_argument("--profile", action="store_true", help="profile what misses its budget")
    parser.add_argument("--report", type=Path, help="write the report (markdown) here")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    return parser.parse_args(arguments)


def main(arguments: list[str] | None = None) -> Results:
    options = parse_arguments(arguments)
    work = Path(tempfile.mkdtemp(prefix="catalogus-bench-synthetisch-"))
    settings = settings_from(options, work)
    command = "python bench/run.py " + " ".join(
        arguments if arguments is not None else sys.argv[1:]
    )
    started = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    load_at_start = load_average()
    code_at_start = code_fingerprint()
    log(f"synthetic catalogues in {work}")
    try:
        results = run(settings)
    finally:
        if not options.keep:
            shutil.rmtree(work, ignore_errors=True)
    loads = f"{load_at_start} → {load_average()}"
    if code_fingerprint() != code_at_start:
        results.note(
            "The code under scripts/catalogus, hooks/ or docs/ CHANGED while the benchmark ran "
            "(others were editing it): figures measured before and after the change are mixed."
        )
    peaks_note(results)
    print()
    print(table(results))
    for note in results.notes:
        print(f"\n- {note}")
    if options.report:
        options.report.write_text(
            report(results, settings, command.strip(), started, loads), encoding="utf-8"
        )
        log(f"report written to {options.report}")
    return results


if __name__ == "__main__":
    main()
