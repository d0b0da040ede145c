"""Compiled templates are kept on disk from one build to the next (catalogus.compiled_templates)."""

import os
import tempfile

import jinja2
import pytest

from catalogus import compiled_templates


@pytest.fixture
def temporary_folder(tmp_path, monkeypatch):
    """The temporary folder Jinja keeps the compilations in, for this test only."""
    folder = tmp_path / "temporary"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


class Builds:
    """Renders `page.html` as a build does: each in a new environment, as each build is a process
    of its own; `compiled` holds every source Jinja compiled."""

    def __init__(self, templates):
        self.templates = templates
        self.compiled = []

    def render(self) -> str:
        environment = jinja2.Environment(
            loader=jinja2.FileSystemLoader(self.templates),
            bytecode_cache=compiled_templates.kept("proef"),
        )
        compile_source = environment.compile

        def compile_and_note(source, *arguments, **keywords):
            self.compiled.append(source)
            return compile_source(source, *arguments, **keywords)

        environment.compile = compile_and_note
        return environment.get_template("page.html").render(name="wereld")


def test_the_next_build_uses_the_compilation_until_the_source_changes(tmp_path, temporary_folder):
    templates = tmp_path / "templates"
    templates.mkdir()
    builds = Builds(templates)
    (templates / "page.html").write_text("Hallo {{ name }}", encoding="utf-8")
    assert builds.render() == "Hallo wereld"
    assert builds.render() == "Hallo wereld"
    assert builds.compiled == ["Hallo {{ name }}"]
    kept = list((temporary_folder / f"_jinja2-cache-{os.getuid()}").glob("__catalogus_proef_*"))
    assert len(kept) == 1

    (templates / "page.html").write_text("Dag {{ name }}", encoding="utf-8")
    assert builds.render() == "Dag wereld"
    assert builds.compiled == ["Hallo {{ name }}", "Dag {{ name }}"]


def test_a_temporary_folder_that_is_not_safe_keeps_nothing(tmp_path, temporary_folder):
    # Someone else's file where Jinja would make its private folder.
    (temporary_folder / f"_jinja2-cache-{os.getuid()}").write_text("", encoding="utf-8")
    assert compiled_templates.kept("proef") is None
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "page.html").write_text("Hallo {{ name }}", encoding="utf-8")
    builds = Builds(templates)
    assert builds.render() == builds.render() == "Hallo wereld"
    assert len(builds.compiled) == 2
