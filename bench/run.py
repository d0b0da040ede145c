"""The performance benchmark: validation, build, serve, memory, page weight and facet clicks.

Every figure is measured on SYNTHETIC catalogues (bench/synthetic.py: made-up records shaped
like the real ones, each file marked as synthetic) written into a temporary folder, and set
against a floor measured in the same run. Needs the test set-up (Playwright and Debian's
Chromium): `make setup-test`, then

    .venv/bin/python bench/run.py [--sizes 1000 5000 10000] [--runs 3] [--report bench/REPORT.md]

`make bench` runs the full sizes, profiles what misses its budget and writes bench/REPORT.md.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import datetime
import functools
import gzip
import hashlib
import http.server
import io
import os
import platform
import pstats
import queue
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

import jinja2
import yaml

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(ROOT))

from synthetic import write_catalogue  # noqa: E402

from catalogus import exports, knowledge, pages, paths, site  # noqa: E402
from catalogus import macros as catalogue_macros  # noqa: E402
from catalogus.output import BuildSettings  # noqa: E402
from catalogus.validation import Validator, record_paths  # noqa: E402
from catalogus.vocabularies import load_vocabularies  # noqa: E402
from tests.site_project import make_project  # noqa: E402

BUILD_ENVIRONMENT = dict(os.environ, NO_MKDOCS_2_WARNING="1")
# Record folders copied into every synthetic project besides the synthetic interventions.
# Phenomenon records name no intervention; bottlenecks and cases name real ones, so they stay out.
EXTRA_FOLDERS = ("phenomena",)
GIB = 1024**3


@dataclass(frozen=True)
class Budget:
    size: tuple[int, ...]  # the catalogue sizes the budget is set for
    limit: float
    text: str


VALIDATION_BUDGET = Budget((10_000,), 1.5, "≤ 1.5× floor at 10,000")
BUILD_BUDGET = Budget((1_000, 5_000), 1.2, "≤ 1.2× floor at 1,000 and 5,000")
MEMORY_BUDGET = Budget((10_000,), 1 * GIB, "≤ 1 GiB at 10,000")
WEIGHT_BUDGET = Budget((1_000,), 300_000, "≤ 300 KB (300,000 bytes) at 1,000")
CLICK_BUDGET = Budget((5_000,), 50.0, "≤ 50 ms at 5,000")


def verdict(budget: Budget, size: int, value: float) -> str:
    """PASS or FAIL where the budget is set for this size; elsewhere only informative."""
    if size not in budget.size:
        return "—"
    return "PASS" if value <= budget.limit else "FAIL"


@dataclass
class Row:
    measure: str
    records: int
    ours: str
    floor: str
    ratio: str
    budget: str
    result: str
    key: str = ""  # which part a profile would look at: "validation", "build", …


@dataclass
class Results:
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    profiles: list[str] = field(default_factory=list)
    peaks: list[str] = field(default_factory=list)  # peak memory of the builds, by size

    def add(self, row: Row) -> None:
        self.rows.append(row)
        print(f"  → {row.measure} @ {row.records}: {row.ours} (floor {row.floor}) {row.result}")

    def note(self, text: str) -> None:
        self.notes.append(text)
        print(f"  ! {text}")


def log(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", flush=True)


def seconds(value: float) -> str:
    return f"{value:.2f} s" if value >= 1 else f"{value * 1000:.0f} ms"


def megabytes(value: float) -> str:
    return f"{value / 1024**2:,.0f} MiB"


def runs_text(count: int) -> str:
    return f"{count} run" + ("" if count == 1 else "s")


# ---------------------------------------------------------------- synthetic projects


def synthetic_project(target: Path, count: int) -> Path:
    """A copy of the site's sources with `count` SYNTHETIC interventions as its catalogue."""
    project = make_project(target, {})
    for folder in EXTRA_FOLDERS:
        shutil.copytree(ROOT / folder, project / folder)
    write_catalogue(project, count)
    (project / "SYNTHETISCH.txt").write_text(
        "Deze map is een SYNTHETISCHE catalogus voor bench/run.py; de records zijn verzonnen.\n",
        encoding="utf-8",
    )
    return project


class _MacroEnvironment:
    """Just enough of mkdocs-macros' `env` for `catalogus.macros.define_env`."""

    def __init__(self) -> None:
        self.macros: dict[str, Callable] = {}
        self.page = SimpleNamespace(file=SimpleNamespace(src_uri="index.md"))

    def macro(self, function: Callable) -> Callable:
        self.macros[function.__name__] = function
        return function


def _front_matter(text: str) -> tuple[str, str]:
    match = re.match(r"---\n.*?\n---\n", text, re.DOTALL)
    return (match.group(0), text[match.end() :]) if match else ("", text)


def static_project(project: Path, target: Path) -> Path:
    """The floor: `project`'s pages written out as static markdown, built without the hook.

    The copy's mkdocs.yml has no `hooks` entry, its interventions folder is empty and the pages
    the hook would generate (`pages.generate_pages | knowledge.generate_pages`, plus the one
    markdown page of the exports, open-data/index.md, so the navigation is the same, each with
    what the hook's `on_page_markdown` adds to it) are files in docs/. Hand-written pages that use macros are rendered here beforehand, so the macros
    plugin (still configured) has nothing to do. `strict` is off: the floor has no data files,
    so its open-data page links to files that are not there.
    """
    shutil.copytree(project, target, ignore=shutil.ignore_patterns("site", "interventions"))
    (target / "interventions").mkdir()
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config.pop("hooks", None)
    config["strict"] = False
    (target / "mkdocs.yml").write_text(
        yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    # The hook's own on_config loads the catalogue exactly as a build of `project` would.
    site.on_config(SimpleNamespace(config_file_path=str(project / "mkdocs.yml"), extra={}))
    catalogue = site.current_catalogue()
    generated = pages.generate_pages(catalogue) | knowledge.generate_pages(catalogue)
    exported = exports.generate_exports(BuildSettings(catalogue, project))
    generated |= {output.path: output.content for output in exported if output.is_page}
    if hasattr(site, "on_page_markdown"):  # what the hook adds to a page's markdown (citations)
        site_config = SimpleNamespace(site_url=config.get("site_url", ""))
        for source_path, content in generated.items():
            page = SimpleNamespace(file=SimpleNamespace(src_uri=source_path))
            generated[source_path] = site.on_page_markdown(content, page, site_config, None)
    docs = target / "docs"
    for source_path, content in generated.items():
        destination = docs / source_path
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_text(content, encoding="utf-8")
    environment = _MacroEnvironment()
    catalogue_macros.define_env(environment)
    for page in docs.rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        header, body = _front_matter(text)
        if not re.search(r"^render_macros:\s*true\s*$", header, re.MULTILINE):
            continue
        environment.page.file.src_uri = page.relative_to(docs).as_posix()
        rendered = jinja2.Environment().from_string(body).render(**environment.macros)
        header = re.sub(r"^render_macros:.*\n", "", header, flags=re.MULTILINE)
        page.write_text(header + rendered, encoding="utf-8")
    return target


# ---------------------------------------------------------------- validation


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


# ---------------------------------------------------------------- builds


@dataclass
class Build:
    seconds: float
    peak_bytes: int


def build(project: Path, timeout: float | None = None) -> Build:
    """`python -m mkdocs build -q` in `project` as a subprocess: wall time and its own peak RSS."""
    with tempfile.TemporaryFile() as output:
        start = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "build", "-q"],
            cwd=project,
            env=BUILD_ENVIRONMENT,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        # wait4 gives this child's own rusage; RUSAGE_CHILDREN would be the maximum over all.
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            output.seek(0)
            text = output.read().decode("utf-8", "replace")
            raise RuntimeError(f"mkdocs build failed in {project}:\n{text[-3000:]}")
    return Build(elapsed, usage.ru_maxrss * 1024)  # ru_maxrss is in KiB on Linux


# ---------------------------------------------------------------- serve


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Serve:
    """`mkdocs serve` as a subprocess, its log lines read in a thread with their arrival time."""

    def __init__(self, project: Path):
        self.port = free_port()
        self.lines: queue.Queue[tuple[float, str]] = queue.Queue()
        self.log: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{self.port}"],
            cwd=project,
            env=BUILD_ENVIRONMENT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stderr:
            self.lines.put((time.perf_counter(), line.rstrip()))

    def wait_for(self, text: str, timeout: float) -> float | None:
        """The arrival time of the next log line containing `text`, or None after `timeout`."""
        deadline = time.perf_counter() + timeout
        while (left := deadline - time.perf_counter()) > 0:
            try:
                arrived, line = self.lines.get(timeout=min(left, 0.5))
            except queue.Empty:
                if self.process.poll() is not None:
                    log_tail = "\n".join(self.log[-20:])
                    raise RuntimeError(f"mkdocs serve stopped:\n{log_tail}") from None
                continue
            self.log.append(line)
            if text in line:
                return arrived
        return None

    def drain(self) -> None:
        with contextlib.suppress(queue.Empty):
            while True:
                self.log.append(self.lines.get_nowait()[1])

    def get(self, path: str) -> str:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=30) as reply:
            return reply.read().decode("utf-8")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)  # serve cleans up its temporary site
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@dataclass
class ServeResult:
    record_change_rebuilds: bool
    rebuilds: list[float]  # seconds from the change to "Documentation built"
    reported: list[float]  # the build's own time, as mkdocs logs it ("built in … seconds")
    trigger: str  # what was changed for the rebuilds that were timed
    change_visible: bool  # the changed record's new text is on the served page afterwards


def _edit_record(path: Path, number: int) -> str:
    marker = f"Gewijzigd voor de benchmark ({number})."
    text = path.read_text(encoding="utf-8")
    text = re.sub(
        r"^summary: .*$", f"summary: Synthetisch record. {marker}", text, count=1, flags=re.M
    )
    path.write_text(text, encoding="utf-8")
    return marker


def measure_serve(
    project: Path, runs: int, build_seconds: float, watch_wait: float = 10.0
) -> ServeResult:
    """Start `mkdocs serve`, change one record, and time until the log says the build is done.

    mkdocs' watcher polls every 0.5 s and logs "Detected file changes" before it rebuilds, so a
    record change that is not seen within `watch_wait` seconds is not watched. Then a
    hand-written page (which serve always watches) is touched instead, to time the rebuild such
    a change would need; the rebuild reloads the catalogue, so the record change shows up too.
    """
    startup = max(120.0, 6 * build_seconds)
    rebuild_timeout = max(60.0, 4 * build_seconds)
    record = sorted((project / "interventions").glob("*.yml"))[0]
    watched_page = project / "docs" / "over" / "index.md"
    serve = Serve(project)
    rebuilds: list[float] = []
    try:
        if serve.wait_for("Serving on", startup) is None:
            raise RuntimeError("mkdocs serve did not start:\n" + "\n".join(serve.log[-20:]))
        time.sleep(1.0)  # let the watcher take its first snapshot
        marker = _edit_record(record, 0)
        changed = time.perf_counter()
        record_change_rebuilds = serve.wait_for("Detected file changes", watch_wait) is not None
        if record_change_rebuilds:
            done = serve.wait_for("Documentation built", rebuild_timeout)
            if done is None:
                raise RuntimeError("serve saw the change but did not finish the rebuild")
            rebuilds.append(done - changed)
        for number in range(1, runs + 1):
            if len(rebuilds) >= runs:
                break
            if rebuilds:
                serve.wait_for("Reloading browsers", 5.0)
            serve.drain()
            time.sleep(1.0)
            if record_change_rebuilds:
                marker = _edit_record(record, number)
            else:
                os.utime(watched_page)
            changed = time.perf_counter()
            done = serve.wait_for("Documentation built", rebuild_timeout)
            if done is None:
                raise RuntimeError("mkdocs serve did not rebuild:\n" + "\n".join(serve.log[-20:]))
            rebuilds.append(done - changed)
        serve.wait_for("Reloading browsers", 5.0)
        change_visible = marker in serve.get(f"/interventies/{record.stem}/")
    finally:
        serve.stop()
        serve.drain()
    built = [re.search(r"Documentation built in ([\d.]+) seconds", line) for line in serve.log]
    reported = [float(match.group(1)) for match in built if match][1:]  # [0]: the first build
    trigger = "a record file" if record_change_rebuilds else "a hand-written page (docs/)"
    return ServeResult(record_change_rebuilds, rebuilds, reported, trigger, change_visible)


# ---------------------------------------------------------------- page weight


def overview_weight(site_dir: Path) -> tuple[int, int]:
    """Gzipped (level 6) bytes of the overview page and of its script, as they are sent."""
    files = [site_dir / "interventies" / "index.html", site_dir / "assets" / "overview.js"]
    raw = sum(path.stat().st_size for path in files)
    packed = sum(len(gzip.compress(path.read_bytes(), compresslevel=6)) for path in files)
    return packed, raw


# ---------------------------------------------------------------- facet clicks in Chromium

CLICK_SCRIPT = """
async ({selector, clicks, warmup}) => {
  const status = document.querySelector(".ww-result-count");
  const boxes = [...document.querySelectorAll(selector)];
  if (!status || !boxes.length) throw new Error("no overview or no facet " + selector);
  const nextFrame = () => new Promise((resolve) =>
    requestAnimationFrame(() => { const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(); channel.port2.postMessage(0); }));
  const changed = (before) => new Promise((resolve) => {
    if (status.textContent !== before) return resolve(performance.now());
    const observer = new MutationObserver(() => {
      if (status.textContent !== before) { observer.disconnect(); resolve(performance.now()); }
    });
    observer.observe(status, {childList: true, characterData: true, subtree: true});
  });
  const toList = [], toFrame = [];
  for (let i = 0; i < warmup + clicks; i++) {
    // Check a box, then uncheck it: every click changes the count.
    const box = boxes[Math.floor(i / 2) % boxes.length];
    await nextFrame();
    const before = status.textContent;
    const start = performance.now();
    box.click();
    const listed = await changed(before);
    await nextFrame();
    const painted = performance.now();
    if (i >= warmup) { toList.push(listed - start); toFrame.push(painted - start); }
  }
  // Where the time goes: the same clicks with the history calls made no-ops (the handler's own
  // script), then a forced style and layout (what the list's new state costs to render).
  const push = history.pushState, replace = history.replaceState;
  history.pushState = history.replaceState = () => {};
  const script = [], layout = [];
  try {
    for (let i = 0; i < warmup + clicks; i++) {
      await nextFrame();
      const start = performance.now();
      boxes[Math.floor(i / 2) % boxes.length].click();
      const handled = performance.now();
      document.documentElement.offsetHeight;
      if (i >= warmup) { script.push(handled - start); layout.push(performance.now() - handled); }
    }
  } finally {
    history.pushState = push;
    history.replaceState = replace;
  }
  return {toList, toFrame, script, layout, total: status.textContent, boxes: boxes.length};
}
"""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *arguments) -> None:
        pass


@contextlib.contextmanager
def static_server(directory: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


def measure_clicks(site_dir: Path, clicks: int) -> dict:
    """Milliseconds from a programmatic click on a phenomenon checkbox to the new result count."""
    from playwright.sync_api import sync_playwright

    from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGUMENTS

    with static_server(site_dir) as base_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGUMENTS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            errors: list[str] = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(f"{base_url}/interventies/", wait_until="load", timeout=120_000)
            result = page.evaluate(
                CLICK_SCRIPT,
                {"selector": 'input[name="fenomeen"]', "clicks": clicks, "warmup": 2},
            )
            if errors:
                raise RuntimeError(f"errors in the overview page: {errors}")
            return result
        finally:
            browser.close()


# ---------------------------------------------------------------- profiles


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


# ---------------------------------------------------------------- the run


@dataclass
class Settings:
    sizes: list[int]
    runs: int
    slow_runs: int
    slow_from: int
    floor_sizes: list[int]
    serve_size: int
    weight_size: int
    click_size: int
    memory_size: int
    clicks: int
    watch_wait: float
    profile: bool
    work: Path


def nearest(sizes: list[int], wanted: int) -> int:
    return min(sizes, key=lambda size: (abs(size - wanted), size))


def run(settings: Settings) -> Results:
    results = Results()
    failing: dict[str, int] = {}  # part → the smallest size where it missed its budget
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
        build_runs = settings.slow_runs if size >= settings.slow_from else settings.runs

        log(f"{size:,} records: validation, {runs_text(settings.runs)}")
        floor, ours = measure_validation(files, settings.runs)
        ratio = statistics.median(ours) / statistics.median(floor)
        results.add(
            Row(
                "Validation (`Validator.for_catalogue` + `.validate`)",
                size,
                f"{seconds(statistics.median(ours))} ({runs_text(settings.runs)})",
                f"{seconds(statistics.median(floor))} parse only, CSafeLoader",
                f"{ratio:.2f}×",
                VALIDATION_BUDGET.text,
                verdict(VALIDATION_BUDGET, size, ratio),
                "validation",
            )
        )

        builds: list[Build] = []
        if size in settings.floor_sizes:
            log(f"{size:,} records: writing the static floor project")
            static = static_project(project, settings.work / f"static-{size}")
            floor_builds: list[Build] = []
            for number in range(build_runs):
                log(f"{size:,} records: build {number + 1}/{build_runs} (hook, then floor)")
                builds.append(build(project))
                floor_builds.append(build(static))
            ours_seconds = statistics.median(build.seconds for build in builds)
            floor_seconds = statistics.median(build.seconds for build in floor_builds)
            ratio = ours_seconds / floor_seconds
            results.add(
                Row(
                    "`mkdocs build` (with the hook)",
                    size,
                    f"{seconds(ours_seconds)} ({runs_text(build_runs)})",
                    f"{seconds(floor_seconds)} static pages, no hook ({runs_text(build_runs)})",
                    f"{ratio:.2f}×",
                    BUILD_BUDGET.text,
                    verdict(BUILD_BUDGET, size, ratio),
                    "build",
                )
            )
            floor_peak = max(build.peak_bytes for build in floor_builds)
            shutil.rmtree(static)
        else:
            log(f"{size:,} records: one build (no floor at this size)")
            builds.append(build(project))
            floor_peak = 0
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
        peak = max(build.peak_bytes for build in builds)
        if size == settings.memory_size:
            results.add(
                Row(
                    "Peak memory of the build (max RSS)",
                    size,
                    megabytes(peak),
                    f"{megabytes(floor_peak)} static build" if floor_peak else "—",
                    f"{peak / floor_peak:.2f}×" if floor_peak else "—",
                    MEMORY_BUDGET.text,
                    verdict(MEMORY_BUDGET, size, peak),
                    "memory",
                )
            )
        results.peaks.append(
            f"{size:,}: {megabytes(peak)}"
            + (f" (static floor {megabytes(floor_peak)})" if floor_peak else "")
        )

        if size == settings.weight_size:
            packed, raw = overview_weight(project / "site")
            results.add(
                Row(
                    "Overview page + overview.js, gzip -6",
                    size,
                    f"{packed / 1000:,.0f} KB",
                    f"(uncompressed: {raw / 1000:,.0f} KB)",
                    "—",
                    WEIGHT_BUDGET.text,
                    verdict(WEIGHT_BUDGET, size, packed),
                    "weight",
                )
            )

        if size == settings.click_size:
            log(f"{size:,} records: facet clicks in Chromium")
            clicks = measure_clicks(project / "site", settings.clicks)
            to_list = statistics.median(clicks["toList"])
            to_frame = statistics.median(clicks["toFrame"])
            results.add(
                Row(
                    "Facet click → updated count (Chromium)",
                    size,
                    f"{to_list:.1f} ms (median of {len(clicks['toList'])} clicks)",
                    "—",
                    "—",
                    CLICK_BUDGET.text,
                    verdict(CLICK_BUDGET, size, to_list),
                    "click",
                )
            )
            results.note(
                f"Facet click at {size:,} records: {to_list:.1f} ms from `click()` to the new count "
                f"(synchronous work of the change handler); {to_frame:.1f} ms to the next frame "
                f"(style, layout and paint of the list included), median of "
                f"{len(clicks['toFrame'])} clicks on the {clicks['boxes']} phenomenon boxes. "
                "With `history.pushState`/`replaceState` made no-ops the handler's own script "
                f"takes {statistics.median(clicks['script']):.1f} ms and a forced style and layout "
                f"after it {statistics.median(clicks['layout']):.1f} ms (a history call made "
                "while the list is changed forces that layout inside the click)."
            )

        if size == settings.serve_size:
            log(f"{size:,} records: mkdocs serve, {runs_text(settings.runs)} of a rebuild")
            build_seconds = statistics.median(build.seconds for build in builds)
            served = measure_serve(project, settings.runs, build_seconds, settings.watch_wait)
            rebuild = statistics.median(served.rebuilds)
            results.add(
                Row(
                    f"`mkdocs serve` rebuild after a change to {served.trigger}",
                    size,
                    f"{seconds(rebuild)} ({runs_text(len(served.rebuilds))})",
                    f"{seconds(build_seconds)} full `mkdocs build` (subprocess)",
                    f"{rebuild / build_seconds:.2f}×",
                    "no budget set",
                    "—" if served.record_change_rebuilds else "FAIL (record change not watched)",
                    "serve",
                )
            )
            if served.reported:
                results.note(
                    f"Serve rebuild at {size:,} records: {seconds(rebuild)} from the change to "
                    "'Documentation built' (the watcher polls every 0.5 s); mkdocs itself logs "
                    f"{seconds(statistics.median(served.reported))} for the build."
                )
            if not served.record_change_rebuilds:
                results.note(
                    "FINDING: `mkdocs serve` does not rebuild when a record in interventions/ "
                    f"changes (no 'Detected file changes' within {settings.watch_wait:g} s): "
                    "the hook has no `on_serve` that adds the record folders to the watched "
                    "paths, so serve watches only docs/, mkdocs.yml and the `watch:` entries. "
                    "The rebuild time shown is that of a touched hand-written page, which "
                    "reloads the catalogue too; the changed record "
                    f"{'was' if served.change_visible else 'was NOT'} visible after it."
                )

        for row in results.rows:
            if row.records == size and row.result.startswith("FAIL") and row.key not in failing:
                failing[row.key] = size
        if settings.profile:
            for key, failed_size in failing.items():
                if failed_size != size or key not in ("validation", "build"):
                    continue
                log(f"{size:,} records: profiling {key}")
                text = profile_validation(files) if key == "validation" else profile_build(project)
                results.profiles.append(f"### {key.capitalize()} at {size:,} records\n\n{text}")
        shutil.rmtree(project)
    return results


# ---------------------------------------------------------------- the report


def machine() -> dict[str, str]:
    cpuinfo = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    model = re.search(r"^model name\s*:\s*(.*)$", cpuinfo, re.MULTILINE)
    memory = re.search(r"^MemTotal:\s*(\d+) kB", Path("/proc/meminfo").read_text())
    return {
        "CPU": model.group(1).strip() if model else platform.processor() or "unknown",
        "Cores": str(os.cpu_count()),
        "RAM": f"{int(memory.group(1)) / 1024**2:.1f} GiB" if memory else "unknown",
        "Python": platform.python_version(),
        "OS": platform.platform(),
    }


def load_average() -> str:
    return " / ".join(f"{value:.2f}" for value in os.getloadavg())


def code_fingerprint() -> str:
    """A hash of the code a build runs, to tell whether it changed while the benchmark ran."""
    digest = hashlib.sha256()
    for path in sorted(
        [*(ROOT / "scripts" / "catalogus").glob("*.py"), *(ROOT / "hooks").glob("*")]
    ):
        digest.update(path.name.encode() + path.read_bytes())
    for path in sorted((ROOT / "docs").rglob("*")):
        if path.is_file():
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:12]


def git_state() -> str:
    def git(*arguments: str) -> str:
        return subprocess.run(
            ["git", *arguments], cwd=ROOT, capture_output=True, text=True, check=False
        ).stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    dirty = git("status", "--porcelain", "--", "scripts", "hooks", "docs", "mkdocs.yml")
    return f"{commit}" + (" with uncommitted changes in scripts/, hooks/ or docs/" if dirty else "")


def table(results: Results) -> str:
    lines = [
        "| Measure | Records | Ours (median) | Floor (same run) | Ratio | Budget | Result |",
        "|---|---:|---|---|---:|---|---|",
    ]
    lines += [
        f"| {row.measure} | {row.records:,} | {row.ours} | {row.floor} | {row.ratio} | "
        f"{row.budget} | {row.result} |"
        for row in results.rows
    ]
    return "\n".join(lines)


def report(results: Results, settings: Settings, command: str, started: str, loads: str) -> str:
    facts = machine()
    parts = [
        "# Performance benchmark",
        "",
        "Generated by `bench/run.py`; every catalogue is SYNTHETIC (made-up records shaped like "
        "the real ones, written by `bench/synthetic.py` into a temporary folder).",
        "",
        f"- Command: `{command}`",
        f"- Date: {started}",
        f"- Machine: {facts['CPU']}, {facts['Cores']} cores, {facts['RAM']} RAM, "
        f"Python {facts['Python']} ({facts['OS']})",
        f"- Code: commit {git_state()}",
        f"- Load average (1/5/15 min) at start → end: {loads}",
        f"- Runs: {settings.runs} per figure; builds at {settings.slow_from:,} records and more: "
        f"{settings.slow_runs}. The static floor build is made at "
        f"{', '.join(f'{size:,}' for size in settings.floor_sizes)} records only; elsewhere "
        "one build is made (for its time and peak memory). Facet clicks: median of "
        f"{settings.clicks} after 2 warm-up clicks.",
        "",
        table(results),
        "",
    ]
    if results.notes:
        parts += ["## Notes", "", *[f"- {note}" for note in results.notes], ""]
    if results.profiles:
        parts += ["## Profiles of what missed its budget", "", "\n\n".join(results.profiles), ""]
    return "\n".join(parts)


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
    sizes = sorted(set(options.sizes))
    # A role whose size is not among --sizes goes to the nearest size that is.
    floor_sizes = [size for size in sizes if size in options.floor_sizes] or sizes[:1]
    work = Path(tempfile.mkdtemp(prefix="catalogus-bench-synthetisch-"))
    settings = Settings(
        sizes=sizes,
        runs=options.runs,
        slow_runs=options.slow_runs,
        slow_from=options.slow_from,
        floor_sizes=floor_sizes,
        serve_size=nearest(sizes, options.serve_size),
        weight_size=nearest(sizes, options.weight_size),
        click_size=nearest(sizes, options.click_size),
        memory_size=nearest(sizes, options.memory_size),
        clicks=options.clicks,
        watch_wait=options.watch_wait,
        profile=options.profile,
        work=work,
    )
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
    results.note("Peak memory (max RSS) of the builds: " + "; ".join(results.peaks) + ".")
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
