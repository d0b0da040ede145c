"""Mutation testing of the safeguards (`make mutate`): which deliberate bugs do the tests miss?

mutmut (pinned in requirements-mutate.lock, configured in pyproject.toml under [tool.mutmut])
changes the trust-critical code one small edit at a time, and runs the fast tests that reach
the edit; an edit that no test notices "survives". It only changes code inside functions:
module-level constants (the patterns of personal_data, the sanitiser's allow-list, the CSP) are
pinned by tests of their own instead.

mutmut expects the package under src/, so it runs on a copy of the project in .mutate/ (made
from the files git knows, with scripts/ as src/). Afterwards `cd .mutate && ../.venv/bin/mutmut
show NAME` shows what a surviving mutant changed.
"""

import collections
import fnmatch
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORKSPACE = ROOT / ".mutate"
MUTMUT = Path(sys.executable).parent / "mutmut"
# Every function of these modules; of records.py only the public filter and the loader that
# refuses an invalid catalogue (the `from_data` constructors copy fields and are not safeguards).
SCOPE = (
    "catalogus.loading.*",
    "catalogus.checks.*",
    "catalogus.personal_data.*",
    "catalogus.markdown_text.*",
    "catalogus.security.*",
    "catalogus.records.*only_public__mutmut_*",
    "catalogus.records.x_load_catalogue__mutmut_*",
)
# A mutant that makes the tests hang or crash is noticed as well as one that fails them.
DETECTED = ("killed", "timeout", "segfault")


def copy_project() -> None:
    if WORKSPACE.exists():
        shutil.rmtree(WORKSPACE)
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if not source.is_file():
            continue  # deleted, but not yet committed
        target = WORKSPACE / (
            "src" + name.removeprefix("scripts") if name.startswith("scripts/") else name
        )
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)


def results(scope: list[str]) -> dict[str, str]:
    """The status of every mutant in `scope`, by name."""
    listed = subprocess.run(
        [MUTMUT, "results", "--all", "true"],
        cwd=WORKSPACE,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    statuses = {}
    for line in listed.splitlines():
        name, _, status = line.strip().rpartition(": ")
        if any(fnmatch.fnmatch(name, pattern) for pattern in scope):
            statuses[name] = status
    return statuses


def report(statuses: dict[str, str], seconds: float) -> None:
    by_module: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for name, status in statuses.items():
        by_module[name.split(".")[1]][status] += 1
    print(f"\nMutation testing took {seconds / 60:.1f} minutes.\n")
    print(f"{'module':<16}{'mutants':>8}{'killed':>8}{'survived':>9}{'no tests':>9}{'score':>8}")
    for module, counts in [
        *sorted(by_module.items()),
        ("all", sum(by_module.values(), collections.Counter())),
    ]:
        checked = counts.total() - counts["not checked"]
        detected = sum(counts[status] for status in DETECTED)
        score = f"{100 * detected / checked:.1f}%" if checked else "-"
        print(
            f"{module:<16}{checked:>8}{detected:>8}{counts['survived']:>9}"
            f"{counts['no tests']:>9}{score:>8}"
        )
    undetected = sorted(name for name, status in statuses.items() if status not in DETECTED)
    print(f"\n{len(undetected)} not detected:")
    for name in undetected:
        print(f"  {name}: {statuses[name]}")


def main(patterns: list[str]) -> int:
    """Mutation-test the mutants whose names match `patterns` (default: the whole scope)."""
    scope = patterns or list(SCOPE)
    copy_project()
    start = time.monotonic()
    run = subprocess.run([MUTMUT, "run", *scope], cwd=WORKSPACE)
    seconds = time.monotonic() - start
    if run.returncode != 0:
        return run.returncode
    report(results(scope), seconds)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
