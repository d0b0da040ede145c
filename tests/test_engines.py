"""The build is not tied to one engine: `catalogus generate` writes every generated file into a
folder, and the site builds with ProperDocs (a fork of MkDocs 1.x) to the same pages as MkDocs."""

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from catalogus import background, build, output, urls
from catalogus.cli import main
from catalogus.output import DuplicateOutput, GeneratedFile, collect

ROOT = Path(__file__).resolve().parents[1]


def test_generate_writes_every_page_export_and_schema(tmp_path):
    assert main(["generate", str(tmp_path / "out"), "--root", str(ROOT)]) == 0
    written = {
        path.relative_to(tmp_path / "out").as_posix()
        for path in (tmp_path / "out").rglob("*")
        if path.is_file()
    }
    expected = {generated.path for generated in build.generate_files(build.load_settings(ROOT))}
    assert written == expected
    for path in (
        urls.OVERVIEW,
        "bewijskaart/index.md",
        "data/interventies.json",
        "schema/interventie.json",
    ):
        assert path in written


def test_two_generators_for_one_path_are_refused():
    with pytest.raises(DuplicateOutput, match=r"fenomenen/vastgoed\.md"):
        collect(
            [
                [GeneratedFile("fenomenen/vastgoed.md", "a", source="phenomena/vastgoed.yml")],
                [GeneratedFile("fenomenen/vastgoed.md", "b")],
            ]
        )


@pytest.mark.parametrize("second_process", [True, False])
def test_generating_into_a_folder_writes_what_generating_in_memory_holds(
    tmp_path, monkeypatch, second_process
):
    """The mkdocs build writes the files as they are made and keeps them without content; a
    second process makes the intervention pages, or this one does (one processor, no fork)."""
    monkeypatch.setattr(background, "can_fork", lambda: second_process)
    settings = build.load_settings(ROOT)
    in_memory = build.generate_files(settings)
    written = build.generate_files(settings, tmp_path)
    assert [(each.path, each.source, each.last_modified) for each in written] == [
        (each.path, each.source, each.last_modified) for each in in_memory
    ]
    assert all(each.content == "" for each in written)
    for each in in_memory:
        content = each.content if isinstance(each.content, bytes) else each.content.encode()
        assert (tmp_path / each.path).read_bytes() == content, each.path


def test_a_path_taken_twice_is_refused_when_writing_into_a_folder_too(tmp_path):
    with pytest.raises(DuplicateOutput, match=r"fenomenen/vastgoed\.md"):
        collect(
            [
                [GeneratedFile("fenomenen/vastgoed.md", "a")],
                [GeneratedFile("fenomenen/vastgoed.md", "b")],
            ],
            tmp_path,
        )
    assert (tmp_path / "fenomenen/vastgoed.md").read_text(encoding="utf-8") == "a"


def test_a_file_that_cannot_be_written_fails_the_build(tmp_path):
    """The files are written by a thread of their own; its error still reaches the build."""
    (tmp_path / "fenomenen").write_text("a file where a folder should be", encoding="utf-8")
    with pytest.raises(FileExistsError):
        collect(
            [[GeneratedFile("index.md", "a"), GeneratedFile("fenomenen/vastgoed.md", "b")]],
            tmp_path,
        )


def test_a_slow_disk_never_makes_the_build_hold_many_files(tmp_path, monkeypatch):
    """SYNTHETIC files and a writer slowed down: each file is made only once all but the last
    WRITES_IN_FLIGHT are written."""
    written = []

    def slow_write(files, folder):
        time.sleep(0.002)
        written.extend(generated.path for generated in files)

    monkeypatch.setattr(output, "write_files", slow_write)
    behind = []

    def files():
        for number in range(300):
            behind.append(number - len(written))
            yield GeneratedFile(f"pagina-{number}.md", "tekst")

    collect([files()], tmp_path)
    assert len(written) == 300
    assert max(behind) <= output.WRITES_IN_FLIGHT + 1


def article(html: str) -> str:
    return html[html.index("<article") : html.index("</article>")]


def built_files(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}


@pytest.mark.long
def test_properdocs_builds_the_same_pages_as_mkdocs(tmp_path, site_dir):
    properdocs = Path(sys.executable).with_name("properdocs")
    if not properdocs.exists():
        pytest.fail("ProperDocs is not installed: run make setup-test")
    target = tmp_path / "properdocs"
    subprocess.run(
        [str(properdocs), "build", "--strict", "--quiet", "-f", "mkdocs.yml", "-d", str(target)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    # The MkDocs build is the one the browser tests use too.
    sites = {"mkdocs": site_dir, "properdocs": target}
    mkdocs_files = built_files(sites["mkdocs"])
    assert mkdocs_files == built_files(sites["properdocs"])
    assert "bewijskaart/index.html" in mkdocs_files
    # The generated pages read the same (the generator <meta> names the engine).
    for page in ("interventies/wet-bibob/index.html", "fenomenen/vastgoed/index.html"):
        articles = [article((sites[engine] / page).read_text()) for engine in sites]
        assert articles[0] == articles[1]
    shutil.rmtree(tmp_path)


def test_the_links_page_documents_every_parameter_the_overview_reads():
    from catalogus import facets, guide

    table = guide.parameter_table(facets.INTERVENTION_FACETS, facets.OTHER_PARAMETERS)
    for facet in facets.INTERVENTION_FACETS:
        assert f"| `{facet.parameter}` |" in table
    for name, _, _ in facets.OTHER_PARAMETERS:
        assert f"| `{name}` |" in table
    links = (ROOT / "docs/over/links.md").read_text(encoding="utf-8")
    assert "render_macros: true" in links and "{{ filter_parameters() }}" in links
