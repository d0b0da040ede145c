"""`make serve` (`mkdocs serve --dirty`) builds only what a change touches; after one-record
changes of every kind its site must equal a fresh build of the same files. SYNTHETIC records."""

import copy
import filecmp
import hashlib
import multiprocessing
import os
from pathlib import Path

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.structure.files import Files

from catalogus import intervention_pages, markdown_text, records, serve_session, site
from catalogus.output import GeneratedFile

from .site_project import make_project

SERVE_URL = "http://127.0.0.1:8000/"  # what `mkdocs serve` sets as the site's address


def write(project: Path, record_id: str, data: dict) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    (project / "interventions" / f"{record_id}.yml").write_text(text, encoding="utf-8")


def read(project: Path, record_id: str) -> dict:
    return yaml.safe_load((project / "interventions" / f"{record_id}.yml").read_text("utf-8"))


def change(project: Path, record_id: str, **fields) -> None:
    write(project, record_id, read(project, record_id) | fields)


def dirty_build(project: Path, site_dir: Path) -> None:
    """A build of `make serve` (`mkdocs serve --dirty`) after the previous one in this process."""
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site_dir))
    config.site_url = SERVE_URL
    build(config, serve_url=SERVE_URL, dirty=True)


def build_afresh(config_file: str, site_dir: str) -> None:
    """A build of `mkdocs serve` (the preview) in a process that has built nothing before."""
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    config = load_config(config_file, site_dir=site_dir)
    config.plugins.on_startup(command="serve", dirty=False)
    config.site_url = SERVE_URL
    build(config, serve_url=SERVE_URL)


# Each fresh build runs in a process of its own, forked from a server process that has imported
# mkdocs, the theme and the hook but never built: nothing is kept, and the imports (about a
# third of a small site's build) are not made again for every build.
FRESH_BUILDS = multiprocessing.get_context("forkserver")
FRESH_BUILDS.set_forkserver_preload([__name__, "material.plugins.search.plugin", "catalogus.site"])


def fresh_build(project: Path, site_dir: Path) -> None:
    process = FRESH_BUILDS.Process(
        target=build_afresh, args=(str(project / "mkdocs.yml"), str(site_dir))
    )
    process.start()
    process.join()
    assert process.exitcode == 0, f"the fresh build of {project} failed"


def fingerprint(project: Path) -> str:
    """A digest of every file in `project`, by path and content."""
    digest = hashlib.sha256()
    for path in sorted(path for path in project.rglob("*") if path.is_file()):
        digest.update(str(path.relative_to(project)).encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def differences(incremental: Path, fresh: Path) -> list[str]:
    """The files that are not the same in both sites, or not in both."""
    found = []
    for folder in [fresh, *sorted(path for path in fresh.rglob("*") if path.is_dir())]:
        where = folder.relative_to(fresh)
        if not (incremental / where).is_dir():
            continue  # named as "only in a fresh build" in the folder that holds it
        comparison = filecmp.dircmp(incremental / where, folder)
        found += [f"only after the change: {where / name}" for name in comparison.left_only]
        found += [f"only in a fresh build: {where / name}" for name in comparison.right_only]
        _, mismatch, errors = filecmp.cmpfiles(
            comparison.left, comparison.right, comparison.common_files, shallow=False
        )
        found += [f"differs: {where / name}" for name in mismatch + errors]
    return found


def draft_with_problems(project: Path) -> None:
    change(project, "eerste", summary="VUL IN: een zin over de aanpak")


def draft_too_broken_for_a_page(project: Path) -> None:
    change(project, "tweede", kinds="geen lijst")


def draft_fixed(project: Path, original: dict) -> None:
    write(project, "eerste", original["eerste"])
    write(project, "tweede", original["tweede"])


def case_naming(project: Path, original: dict) -> None:
    """A SYNTHETIC case that names `eerste`: its page lists the case."""
    record = original["eerste"]
    case = {
        "title": "Verzonnen casus",
        "summary": "Een verzonnen casus voor de test.",
        "situation": "Een verzonnen situatie.",
        "approach": "Een verzonnen aanpak.",
        "lessons": "Een verzonnen les.",
        "interventions": ["eerste"],
        "phenomena": ["vastgoed"],
        "country": "NL",
        "sources": record["sources"],
        "last_reviewed": record["last_reviewed"],
    }
    (project / "cases").mkdir(exist_ok=True)
    text = yaml.safe_dump(case, allow_unicode=True, sort_keys=False)
    (project / "cases" / "verzonnen-casus.yml").write_text(text, encoding="utf-8")


def relabel_kind(project: Path, original: dict) -> None:
    """A vocabulary's label changes: every page that shows the term shows the new label."""
    kinds_file = project / "vocabularies" / "kinds.yml"
    terms = yaml.safe_load(kinds_file.read_text(encoding="utf-8"))
    changed = [
        term | {"label": "Verzonnen soort"} if term["slug"] == "bestuurlijk" else term
        for term in terms
    ]
    kinds_file.write_text(yaml.safe_dump(changed, allow_unicode=True), encoding="utf-8")


CHANGES = {
    "text edited": lambda project, original: change(
        project, "eerste", description="Een andere, verzonnen beschrijving."
    ),
    "phenomenon added": lambda project, original: change(
        project, "eerste", phenomena=["vastgoed", "witwassen", "drugsproductie"]
    ),
    "phenomenon removed": lambda project, original: change(
        project, "eerste", phenomena=["vastgoed"]
    ),
    "title changed": lambda project, original: change(project, "tweede", title="Andere titel"),
    # `eerste` lists `derde` as related, with its title.
    "title of a related record changed": lambda project, original: change(
        project, "derde", title="Nieuwe titel van de derde"
    ),
    "case naming a record added": case_naming,
    "case naming a record removed": lambda project, original: (
        project / "cases" / "verzonnen-casus.yml"
    ).unlink(),
    "vocabulary label changed": relabel_kind,
    # Changes that give other records' checks another answer while their own files stay as they
    # are: each makes or mends a problem in a record whose file did not change.
    "referenced record made internal": lambda project, original: change(
        project, "derde", access="internal"
    ),
    "referenced record public again": lambda project, original: write(
        project, "derde", original["derde"]
    ),
    "former id": lambda project, original: change(project, "tweede", former_ids=["oude-aanpak"]),
    "former id shared": lambda project, original: change(
        project, "derde", former_ids=["oude-aanpak"]
    ),
    "former id no longer shared": lambda project, original: write(
        project, "derde", original["derde"]
    ),
    "duplicate id made": lambda project, original: write(project, "Tweede", original["tweede"]),
    "duplicate id removed": lambda project, original: (
        project / "interventions" / "Tweede.yml"
    ).unlink(),
    # `eerste` refers to `derde`: its page becomes a draft with a problem, and is fixed again.
    "record deleted": lambda project, original: (project / "interventions" / "derde.yml").unlink(),
    "record added again": lambda project, original: write(project, "derde", original["derde"]),
    "new record": lambda project, original: write(project, "vierde", original["derde"]),
    "draft with problems": lambda project, original: draft_with_problems(project),
    "draft too broken for a page": lambda project, original: draft_too_broken_for_a_page(project),
    "draft fixed": draft_fixed,
}


@pytest.fixture
def records_data(valid_record_data) -> dict[str, dict]:
    records = {
        record_id: copy.deepcopy(valid_record_data) | {"title": f"Proefaanpak {record_id}"}
        for record_id in ("eerste", "tweede", "derde")
    }
    records["eerste"]["related"] = ["derde"]
    return records


@pytest.fixture
def serve_session_in_this_process(monkeypatch):
    """What `make serve` keeps between builds, for this test only."""
    monkeypatch.setattr(records, "_kept", None)
    monkeypatch.setattr(markdown_text, "_rendered", None)
    monkeypatch.setattr(intervention_pages, "_kept_pages", None)
    monkeypatch.setattr(intervention_pages, "_kept_vocabularies", None)
    monkeypatch.setattr(site._Build, "session", None)
    monkeypatch.setattr(site._Build, "serving", False)


@pytest.mark.long
def test_after_each_change_the_served_site_equals_a_fresh_build(
    tmp_path, records_data, serve_session_in_this_process, monkeypatch
):
    project = make_project(tmp_path / "project", records_data)
    served = tmp_path / "served"
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(served))
    # mkdocs keeps the search plugin for the whole process: what the session sets goes after it.
    search = config.plugins["material/search"]
    monkeypatch.setattr(search, "is_dirty", search.is_dirty)
    monkeypatch.setattr(search, "search_index_prev", search.search_index_prev)
    config.plugins.on_startup(command="serve", dirty=True)
    dirty_build(project, served)
    # Several changes put back files as they were before ("public again", "removed"): a fresh
    # build of the same files is the same site, so it is built once.
    fresh_builds: dict[str, Path] = {}
    for number, (name, make_change) in enumerate(CHANGES.items()):
        make_change(project, records_data)
        dirty_build(project, served)
        # Not a vacuous pass: the dirty build skipped the files the change did not touch.
        assert any(
            not file.modified
            for file in site._Build.site_files
            if isinstance(file, serve_session.GeneratedSiteFile)
        ), name
        files = fingerprint(project)
        if files not in fresh_builds:
            fresh_builds[files] = tmp_path / f"fresh-{number}"
            fresh_build(project, fresh_builds[files])
        assert differences(served, fresh_builds[files]) == [], name
    assert len(fresh_builds) < len(CHANGES)


def test_a_build_that_failed_half_way_is_not_what_the_next_compares_with(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: Proef\n", encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins._current_plugin = None  # what mkdocs sets while a hook runs
    session = serve_session.Session()

    def modified(content: str) -> bool:
        page = GeneratedFile("proef.md", content, source="interventions/proef.yml")
        (site_file,) = session.site_files(config, Files([]), [page])
        return site_file.modified

    assert modified("# Een")
    session.finish(["proef/"])
    assert not modified("# Een")
    session.finish(["proef/"])
    # This build fails: its page may be written, but the build never finishes.
    assert modified("# Twee")
    # Back to what the last finished build made: built again, as the failed build's page is there.
    assert modified("# Een")
