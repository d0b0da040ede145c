"""Build time: `mkdocs build` with the hook, against the same pages built as static markdown."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from bench.projects import static_project
from bench.results import BUILD_BUDGET, Results, Row, log, runs_text, seconds, verdict

BUILD_ENVIRONMENT = dict(os.environ, NO_MKDOCS_2_WARNING="1")


@dataclass
class Build:
    seconds: float
    peak_bytes: int


def build(project: Path) -> Build:
    """`python -m mkdocs build -q` in `project` as a subprocess: wall time and peak memory.

    The peak is the larger of the build's own max RSS and the most memory its process tree held
    at once, sampled (see `tree_memory_bytes`): the second process that writes pages while
    mkdocs reads them (catalogus.background) holds memory of its own, which the build's own max
    RSS leaves out.
    """
    with tempfile.TemporaryFile() as output:
        start = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "build", "-q"],
            cwd=project,
            env=BUILD_ENVIRONMENT,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        tree = _TreePeak(process.pid)
        tree.start()
        # wait4 gives this child's own rusage; RUSAGE_CHILDREN would be the maximum over all.
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        tree.finish()
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            output.seek(0)
            text = output.read().decode("utf-8", "replace")
            raise RuntimeError(f"mkdocs build failed in {project}:\n{text[-3000:]}")
    # ru_maxrss is in KiB on Linux
    return Build(elapsed, max(usage.ru_maxrss * 1024, tree.peak_bytes))


class _TreePeak(threading.Thread):
    """The most memory a process tree held at once, sampled every 20 ms."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_bytes = 0
        self._finished = threading.Event()

    def run(self) -> None:
        while not self._finished.wait(0.02):
            self.peak_bytes = max(self.peak_bytes, tree_memory_bytes(self.pid))

    def finish(self) -> None:
        self._finished.set()
        self.join()


def tree_memory_bytes(pid: int) -> int:
    """The resident memory of `pid` and the private memory of each of its descendants: a forked
    process shares its parent's pages until one of them writes to a page, so a shared page is
    counted once, with the parent. 0 for a process that is gone."""
    total = _kilobytes(pid, "status", ("VmRSS:",)) * 1024
    pending = _children(pid)
    while pending:
        descendant = pending.pop()
        total += _kilobytes(descendant, "smaps_rollup", ("Private_Clean:", "Private_Dirty:")) * 1024
        pending.extend(_children(descendant))
    return total


def _kilobytes(pid: int, name: str, fields: tuple[str, ...]) -> int:
    try:
        text = Path(f"/proc/{pid}/{name}").read_text(encoding="utf-8")
    except OSError:  # the process ended meanwhile
        return 0
    return sum(int(line.split()[1]) for line in text.splitlines() if line.startswith(fields))


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text(encoding="utf-8")
    except OSError:
        return []
    return [int(child) for child in text.split()]


def add_builds(
    results: Results, project: Path, size: int, runs: int, floor: Path | None
) -> tuple[list[Build], list[Build]]:
    """The builds of `project` and of its static floor, written to `floor` (None: no floor).

    Without a floor one build is made, for its time and peak memory.
    """
    if floor is None:
        log(f"{size:,} records: one build (no floor at this size)")
        builds = [build(project)]
        results.add(
            Row(
                "`mkdocs build` (with the hook)",
                size,
                f"{seconds(builds[0].seconds)} (1 run)",
                "not measured at this size",
                "—",
                BUILD_BUDGET.text,
                "—",
                "build",
            )
        )
        return builds, []
    log(f"{size:,} records: writing the static floor project")
    static = static_project(project, floor)
    builds, floor_builds = [], []
    for number in range(runs):
        log(f"{size:,} records: build {number + 1}/{runs} (hook, then floor)")
        builds.append(build(project))
        floor_builds.append(build(static))
    shutil.rmtree(static)
    ours_seconds = statistics.median(each.seconds for each in builds)
    floor_seconds = statistics.median(each.seconds for each in floor_builds)
    ratio = ours_seconds / floor_seconds
    results.add(
        Row(
            "`mkdocs build` (with the hook)",
            size,
            f"{seconds(ours_seconds)} ({runs_text(runs)})",
            f"{seconds(floor_seconds)} static pages, no hook ({runs_text(runs)})",
            f"{ratio:.2f}×",
            BUILD_BUDGET.text,
            verdict(BUILD_BUDGET, size, ratio),
            "build",
        )
    )
    return builds, floor_builds
