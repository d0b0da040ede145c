"""The projects a benchmark builds: a synthetic catalogue with the hook, and its static floor."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import jinja2
import yaml

from bench import ROOT
from bench.synthetic import write_catalogue
from catalogus import build
from catalogus import macros as catalogue_macros
from catalogus.output import write_files
from tests.site_project import make_project

# Record folders copied into every synthetic project besides the synthetic interventions.
# Phenomenon records name no intervention; bottlenecks and cases name real ones, so they stay out.
EXTRA_FOLDERS = ("phenomena",)


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

    def __init__(self, project: Path) -> None:
        self.macros: dict[str, Callable] = {}
        self.page = SimpleNamespace(file=SimpleNamespace(src_uri="index.md"))
        self.conf = SimpleNamespace(config_file_path=str(project / "mkdocs.yml"), extra={})

    def macro(self, function: Callable) -> Callable:
        self.macros[function.__name__] = function
        return function


def _front_matter(text: str) -> tuple[str, str]:
    match = re.match(r"---\n.*?\n---\n", text, re.DOTALL)
    return (match.group(0), text[match.end() :]) if match else ("", text)


def static_project(project: Path, target: Path) -> Path:
    """The floor: `project`'s pages written out as static markdown, built without the hook.

    The copy's mkdocs.yml has no `hooks` entry, its interventions folder is empty and every file
    the hook would add (`build.generate_files`: pages, exports, schemas) is a file in docs/.
    Hand-written pages that use macros are rendered here beforehand, so the macros plugin (still
    configured) has nothing to do. `strict` is off, as the hook's edit links and sitemap dates
    are not there.
    """
    shutil.copytree(project, target, ignore=shutil.ignore_patterns("site", "interventions"))
    (target / "interventions").mkdir()
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config.pop("hooks", None)
    config["strict"] = False
    (target / "mkdocs.yml").write_text(
        yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    # Generated exactly as the hook does for a build of `project`.
    settings = build.load_settings(project, config.get("site_url", ""))
    docs = target / "docs"
    write_files(build.generate_files(settings), docs)
    environment = _MacroEnvironment(project)
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
