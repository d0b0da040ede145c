"""The intervention pages are made by a second process while the build makes the rest: whatever
goes wrong there reaches the build as a clear error, and never leaves the process behind."""

import multiprocessing
import os
import time
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from catalogus import background, bottleneck_pages, build, intervention_pages, site, urls
from catalogus.output import DuplicateOutput, GeneratedFile

from .site_project import make_project

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def settings():
    return build.load_settings(ROOT)


@pytest.fixture(autouse=True)
def second_process(monkeypatch):
    """Fork even on a machine with one processor, so these tests check the second process."""
    monkeypatch.setattr(background, "can_fork", lambda: True)
    yield
    assert multiprocessing.active_children() == []


def test_an_error_in_the_second_process_is_raised_with_where_it_happened(
    settings, tmp_path, monkeypatch
):
    def broken_page(*arguments, **keywords):
        raise ValueError("SYNTHETISCH: een pagina die niet lukt")

    monkeypatch.setattr(intervention_pages, "intervention_page", broken_page)
    with pytest.raises(ValueError, match="een pagina die niet lukt") as raised:
        build.generate_files(settings, tmp_path)
    where = str(raised.value.__cause__)
    assert where.startswith("Traceback") and "broken_page" in where


def test_an_error_that_cannot_travel_between_processes_still_arrives_as_its_text(
    settings, tmp_path, monkeypatch
):
    class Unpicklable(Exception):
        def __reduce__(self):
            raise TypeError("not picklable")

    def broken_page(*arguments, **keywords):
        raise Unpicklable("SYNTHETISCH: onverzendbaar")

    monkeypatch.setattr(intervention_pages, "intervention_page", broken_page)
    with pytest.raises(RuntimeError, match="onverzendbaar"):
        build.generate_files(settings, tmp_path)


def test_a_second_process_that_dies_fails_the_build_in_dutch(settings, tmp_path, monkeypatch):
    def killed(*arguments, **keywords):
        os._exit(9)

    monkeypatch.setattr(intervention_pages, "intervention_page", killed)
    with pytest.raises(
        background.BackgroundFailed, match=r"stopte zonder resultaat \(exitcode 9\)"
    ):
        build.generate_files(settings, tmp_path)


def test_when_this_process_fails_first_the_second_is_ended(settings, tmp_path, monkeypatch):
    def slow_page(*arguments, **keywords):
        time.sleep(60)

    def broken_register(*arguments, **keywords):
        raise ValueError("SYNTHETISCH: een register dat niet lukt")

    monkeypatch.setattr(intervention_pages, "intervention_page", slow_page)
    monkeypatch.setattr(bottleneck_pages, "pages", broken_register)
    start = time.monotonic()
    with pytest.raises(ValueError, match="register dat niet lukt"):
        build.generate_files(settings, tmp_path)
    assert time.monotonic() - start < 30  # not waiting for the second process to finish


def test_a_path_taken_in_both_processes_is_refused(settings, tmp_path, monkeypatch):
    record = next(iter(settings.catalogue.interventions.values()))
    page = urls.intervention_path(record.id)

    def register_and_one_more(*arguments, **keywords):
        yield GeneratedFile(page, "SYNTHETISCH", source="het register")

    monkeypatch.setattr(bottleneck_pages, "pages", register_and_one_more)
    with pytest.raises(DuplicateOutput, match=page):
        build.generate_files(settings, tmp_path)


def test_the_site_build_reports_a_dead_second_process_without_a_traceback(monkeypatch):
    def killed(*arguments, **keywords):
        os._exit(9)

    monkeypatch.setattr(intervention_pages, "intervention_page", killed)
    monkeypatch.setattr(site._Build, "serving", False)
    monkeypatch.setattr(site._Build, "session", None)
    config = load_config(str(ROOT / "mkdocs.yml"))
    site.on_config(config)  # the second process is still at work, or dead: nothing waits yet
    with pytest.raises(PluginError, match=r"stopte zonder resultaat \(exitcode 9\)"):
        site.on_env(None, config, None)
    site.on_build_error(PluginError(""))  # the hook's temporary folder is released


def test_mkdocs_reads_an_intervention_page_only_once_the_second_process_wrote_it(
    tmp_path, monkeypatch, valid_record_data
):
    """SYNTHETIC records whose pages take the second process longer than the rest of the
    build: mkdocs waits for them instead of reading a file that is not there yet."""
    slowly_made = intervention_pages.intervention_page

    def slow_page(*arguments, **keywords):
        time.sleep(1)
        return slowly_made(*arguments, **keywords)

    monkeypatch.setattr(intervention_pages, "intervention_page", slow_page)
    for name in ("serving", "session", "generation"):
        monkeypatch.setattr(site._Build, name, getattr(site._Build, name))
    second = dict(valid_record_data, title="Tweede proefinterventie")
    project = make_project(
        tmp_path / "project", {"proef-een": valid_record_data, "proef-twee": second}
    )
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    mkdocs_build(config)
    for record_id, title in (
        ("proef-een", valid_record_data["title"]),
        ("proef-twee", second["title"]),
    ):
        page = (tmp_path / "site" / "interventies" / record_id / "index.html").read_text("utf-8")
        assert f"<h1>{title}</h1>" in page


def test_waiting_for_one_step_does_not_wait_for_the_rest():
    def first_step_then_slow(report):
        report(1)
        time.sleep(60)

    work = background.Background(first_step_then_slow)
    start = time.monotonic()
    work.wait_for(1)
    assert time.monotonic() - start < 30
    work.stop()
