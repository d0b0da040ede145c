"""The performance benchmark (bench/run.py) at a tiny size, so it cannot rot.

The whole benchmark runs once on 20 SYNTHETIC records: validation, both builds, serve, page
weight and the facet clicks in Chromium. The figures are not checked against the budgets (those
are set for 1,000 to 10,000 records); `make bench` measures them.
"""

import json
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from bench.builds import tree_memory_bytes
from bench.projects import static_project, synthetic_project
from bench.results import Budget, verdict
from bench.settings import nearest

# Under pytest-xdist these tests share one worker: one tiny benchmark run for the module.
pytestmark = pytest.mark.xdist_group("test_bench")

RUN = Path(__file__).resolve().parents[1] / "bench" / "run.py"


def test_verdict_only_where_the_budget_is_set():
    budget = Budget((1_000,), 1.2, "≤ 1.2×")
    assert verdict(budget, 1_000, 1.2) == "PASS"
    assert verdict(budget, 1_000, 1.21) == "FAIL"
    assert verdict(budget, 20, 9.0) == "—"


def test_roles_go_to_the_nearest_size():
    assert nearest([20], 5_000) == 20
    assert nearest([1_000, 5_000, 10_000], 5_000) == 5_000


def test_a_group_of_tests_shares_one_worker(request):
    """`make test` runs with `--dist loadgroup`: the tests of an xdist_group run in one worker, so
    what they share (this module's tiny benchmark run, a built test site) is made once. xdist
    marks a grouped test by its node id; where it cannot, every group is silently ignored."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        pytest.skip("not run by pytest-xdist")
    if request.config.getvalue("loadgroup"):
        assert request.node.nodeid.endswith("@test_bench")


# In a process of its own: the benchmark drives Chromium with Playwright's sync API, which cannot
# run beside the browser the end-to-end tests keep open in this process.
TINY_RUN = """
import dataclasses, importlib.util, json, sys
spec = importlib.util.spec_from_file_location("bench_run", sys.argv[1])
bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench)
results = bench.main(sys.argv[2:])
print(json.dumps([dataclasses.asdict(row) for row in results.rows]))
"""


@pytest.fixture(scope="module")
def tiny_run(tmp_path_factory):
    report = tmp_path_factory.mktemp("bench") / "REPORT.md"
    arguments = ["--sizes", "20", "--runs", "1", "--clicks", "3", "--watch-wait", "3"]
    result = subprocess.run(
        [sys.executable, "-c", TINY_RUN, str(RUN), *arguments, "--report", str(report)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    rows = [SimpleNamespace(**row) for row in json.loads(result.stdout.splitlines()[-1])]
    return SimpleNamespace(rows=rows), report.read_text(encoding="utf-8")


def test_every_measure_has_a_row(tiny_run):
    results, _ = tiny_run
    keys = [row.key for row in results.rows]
    assert keys == ["validation", "build", "memory", "weight", "click", "frame", "serve"]
    assert all(row.records == 20 for row in results.rows)


def test_figures_are_plausible(tiny_run):
    results, _ = tiny_run
    rows = {row.key: row for row in results.rows}
    assert float(rows["validation"].ratio.rstrip("×")) > 0
    assert float(rows["build"].ratio.rstrip("×")) > 0
    assert rows["weight"].ours.endswith("KB")
    assert rows["click"].ours.endswith("clicks)")
    assert rows["frame"].ours.endswith("clicks)")
    assert "s (" in rows["serve"].ours


def test_report_has_table_and_machine(tiny_run):
    _, report = tiny_run
    assert "| Measure | Records |" in report
    assert "Machine:" in report and "cores" in report and "Python" in report
    assert "SYNTHETIC" in report


def test_static_floor_project_has_no_hook(tmp_path):
    project = synthetic_project(tmp_path / "project", 3)
    static = static_project(project, tmp_path / "static")
    config = (static / "mkdocs.yml").read_text(encoding="utf-8")
    assert "hooks" not in config
    assert not list((static / "interventions").iterdir())
    assert (static / "docs" / "interventies" / "index.md").is_file()
    assert "{{" not in (static / "docs" / "index.md").read_text(encoding="utf-8")


def test_peak_memory_counts_what_a_child_process_holds_of_its_own():
    """A build's second process holds memory of its own: counted, once."""
    holder = (
        "import os, sys, time; block = bytearray(150 * 2**20); "
        "pid = os.fork(); "
        "own = bytearray(100 * 2**20) if pid == 0 else None; "  # the child's, written: private
        "print(1, flush=True) if pid == 0 else None; time.sleep(60)"
    )
    process = subprocess.Popen([sys.executable, "-c", holder], stdout=subprocess.PIPE)
    try:
        process.stdout.readline()  # the child holds its own 100 MiB
        total = tree_memory_bytes(process.pid)
        # The parent's 150 MiB once, the child's own 100 MiB, not the shared 150 MiB again.
        assert 250 * 2**20 <= total < 330 * 2**20
    finally:
        for child in Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split():
            os.kill(int(child), 9)
        process.kill()
        process.wait()
