"""Serve: how long `mkdocs serve` takes to rebuild after a change, and whether it sees records."""

from __future__ import annotations

import contextlib
import os
import queue
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from bench.builds import BUILD_ENVIRONMENT
from bench.results import SERVE_BUDGET, Results, Row, log, runs_text, seconds, verdict


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
            [
                sys.executable,
                "-m",
                "mkdocs",
                "serve",
                "--dirty",
                "--dev-addr",
                f"127.0.0.1:{self.port}",
            ],
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

    def cpu_seconds(self) -> float:
        """The CPU time serve has used so far (Linux): on a machine shared with other jobs, the
        part of a rebuild's wall time that is serve's own work."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

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
    cpu: list[float]  # serve's CPU seconds from the change to "Documentation built"


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
    cpu: list[float] = []
    try:
        if serve.wait_for("Serving on", startup) is None:
            raise RuntimeError("mkdocs serve did not start:\n" + "\n".join(serve.log[-20:]))
        time.sleep(1.0)  # let the watcher take its first snapshot
        cpu_before = serve.cpu_seconds()
        marker = _edit_record(record, 0)
        changed = time.perf_counter()
        record_change_rebuilds = serve.wait_for("Detected file changes", watch_wait) is not None
        if record_change_rebuilds:
            done = serve.wait_for("Documentation built", rebuild_timeout)
            if done is None:
                raise RuntimeError("serve saw the change but did not finish the rebuild")
            rebuilds.append(done - changed)
            cpu.append(serve.cpu_seconds() - cpu_before)
        for number in range(1, runs + 1):
            if len(rebuilds) >= runs:
                break
            if rebuilds:
                serve.wait_for("Reloading browsers", 5.0)
            serve.drain()
            time.sleep(1.0)
            cpu_before = serve.cpu_seconds()
            if record_change_rebuilds:
                marker = _edit_record(record, number)
            else:
                os.utime(watched_page)
            changed = time.perf_counter()
            done = serve.wait_for("Documentation built", rebuild_timeout)
            if done is None:
                raise RuntimeError("mkdocs serve did not rebuild:\n" + "\n".join(serve.log[-20:]))
            rebuilds.append(done - changed)
            cpu.append(serve.cpu_seconds() - cpu_before)
        serve.wait_for("Reloading browsers", 5.0)
        change_visible = marker in serve.get(f"/interventies/{record.stem}/")
    finally:
        serve.stop()
        serve.drain()
    built = [re.search(r"Documentation built in ([\d.]+) seconds", line) for line in serve.log]
    reported = [float(match.group(1)) for match in built if match][1:]  # [0]: the first build
    trigger = "a record file" if record_change_rebuilds else "a hand-written page (docs/)"
    return ServeResult(record_change_rebuilds, rebuilds, reported, trigger, change_visible, cpu)


def add_serve(
    results: Results, size: int, project: Path, runs: int, build_seconds: float, watch_wait: float
) -> None:
    """Rebuilds in `mkdocs serve` against `build_seconds`, the median full build at this size."""
    log(f"{size:,} records: mkdocs serve, {runs_text(runs)} of a rebuild")
    served = measure_serve(project, runs, build_seconds, watch_wait)
    rebuild = statistics.median(served.rebuilds)
    results.add(
        Row(
            f"`mkdocs serve` rebuild after a change to {served.trigger}",
            size,
            f"{seconds(rebuild)} ({runs_text(len(served.rebuilds))})",
            f"{seconds(build_seconds)} full `mkdocs build` (subprocess)",
            f"{rebuild / build_seconds:.2f}×",
            SERVE_BUDGET.text,
            verdict(SERVE_BUDGET, size, rebuild)
            if served.record_change_rebuilds
            else "FAIL (record change not watched)",
            "serve",
        )
    )
    if served.reported:
        results.note(
            f"Serve rebuild at {size:,} records: {seconds(rebuild)} from the change to "
            "'Documentation built' (the watcher polls every 0.5 s); mkdocs itself logs "
            f"{seconds(statistics.median(served.reported))} for the build, and the serve process "
            f"used {seconds(statistics.median(served.cpu))} of CPU time for it."
        )
    if not served.record_change_rebuilds:
        results.note(
            "FINDING: `mkdocs serve` does not rebuild when a record in interventions/ "
            f"changes (no 'Detected file changes' within {watch_wait:g} s): "
            "the hook has no `on_serve` that adds the record folders to the watched "
            "paths, so serve watches only docs/, mkdocs.yml and the `watch:` entries. "
            "The rebuild time shown is that of a touched hand-written page, which "
            "reloads the catalogue too; the changed record "
            f"{'was' if served.change_visible else 'was NOT'} visible after it."
        )
