"""A throw-away copy of the project with a catalogue of SYNTHETIC records, for build tests."""

import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
PROJECT_PARTS = (
    "mkdocs.yml",
    "mkdocs-internal.yml",
    "docs",
    "overrides",
    "hooks",
    "vocabularies",
    "schema",
    "data",
)


def make_project(target: Path, records: dict[str, dict]) -> Path:
    """Copy the site's sources into `target` with `records` (id → data) as its catalogue."""
    target.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        else:
            shutil.copy(source, target / part)
    (target / "interventions").mkdir()
    for record_id, data in records.items():
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        (target / "interventions" / f"{record_id}.yml").write_text(text, encoding="utf-8")
    return target


def build(project: Path, config: str = "mkdocs.yml") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", config],
        cwd=project,
        capture_output=True,
        text=True,
    )


def build_both(project: Path) -> tuple[Path, Path]:
    """Build the public and the internal site of `project`; fail on any build error."""
    for config in ("mkdocs.yml", "mkdocs-internal.yml"):
        result = build(project, config)
        assert result.returncode == 0, result.stderr
    return project / "site", project / "site-internal"
