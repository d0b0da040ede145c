"""The whole build without a site engine: every generated page, export and schema as files.

`generate_files` is what any engine drives: the mkdocs hook hands the files to mkdocs, and
`catalogus generate FOLDER` writes them into a folder for an engine without hooks, next to the
hand-written pages of docs/.
"""

from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from . import (
    abroad_page,
    accessibility,
    background,
    bottleneck_pages,
    case_pages,
    changes_page,
    evidence_map_pages,
    exports,
    history,
    home_widgets,
    intervention_pages,
    overview,
    paths,
    phenomenon_pages,
    proposal_page,
    releases,
    term_pages,
    urls,
)
from .output import (
    BuildSettings,
    GeneratedFile,
    Planned,
    WrittenElsewhere,
    collect,
    made,
    write_planned,
)
from .records import Catalogue, load_catalogue
from .schema import published_schemas


def load_settings(
    root: Path,
    site_url: str = "",
    internal: bool = False,
    drafts: bool = False,
    repo_url: str = "",
    editors_email: str = "",
) -> BuildSettings:
    """The catalogue under `root` as one build publishes it: the public build never sees an
    internal record. Raises `InvalidCatalogue` with every problem, unless `drafts` (the preview
    while writing) keeps records with problems to show them."""
    catalogue = load_catalogue(root, drafts)
    return BuildSettings(
        catalogue if internal else catalogue.only_public(),
        root,
        site_url,
        internal,
        repo_url,
        editors_email,
        history.read_history(root),
    )


def schema_files(settings: BuildSettings) -> list[GeneratedFile]:
    return [
        GeneratedFile(path, content)
        for path, content in published_schemas(
            settings.root / "schema", settings.catalogue.vocabularies
        ).items()
    ]


def generate_files(settings: BuildSettings, folder: Path | None = None) -> list[GeneratedFile]:
    """Every generated file of the site; two generators claiming one path is an error. With a
    `folder`, the files are written there as they are made and listed without their content."""
    if folder is None:
        return collect(
            _families(settings, made(_planned_pages(settings)), made(exports.export_plan(settings)))
        )
    generation = Generation(settings, folder)
    generation.wait()
    return generation.files


class Generation:
    """Every generated file written into `folder`, most of them by a second process.

    The intervention, term and phenomenon pages and the largest exports are listed at once,
    without being made, and a forked second process (see `background`) makes and writes them in
    the order mkdocs reads them, while this process makes the other files. So `files` is
    complete before they are written. An engine calls `wait_for` before it reads one of them,
    and `wait` before it copies files: by then mkdocs has read the pages before it, so it seldom
    has to wait. Both raise what went wrong in the second process.
    """

    def __init__(self, settings: BuildSettings, folder: Path) -> None:
        pages, export_files = _planned_pages(settings), exports.export_plan(settings)
        plan = pages + export_files
        self._written_after = {listed.path: count for count, (listed, _) in enumerate(plan, 1)}
        self._second_process: background.Background | None = background.Background(
            write_planned, plan, folder
        )
        try:
            self.files = collect(_families(settings, _listed(pages), _listed(export_files)), folder)
        except BaseException:
            self.stop()
            raise

    def is_made_elsewhere(self, path: str) -> bool:
        return path in self._written_after

    def wait_for(self, path: str) -> None:
        if self._second_process is not None:
            self._second_process.wait_for(self._written_after[path])

    def wait(self) -> None:
        second_process, self._second_process = self._second_process, None
        if second_process is not None:
            second_process.result()

    def stop(self) -> None:
        """The build failed: the second process is ended, not waited for."""
        second_process, self._second_process = self._second_process, None
        if second_process is not None:
            second_process.stop()


def _listed(plan: list[Planned]) -> WrittenElsewhere:
    return WrittenElsewhere([listed for listed, _ in plan])


def _planned_pages(settings: BuildSettings) -> list[Planned]:
    """The intervention, term and phenomenon pages, listed: in the site's order they follow
    the overview."""
    region_map = home_widgets.region_map(settings.catalogue, urls.term_index_path("regions"))
    return [
        *intervention_pages.plan(settings),
        *term_pages.plan(settings, region_map),
        *phenomenon_pages.plan(settings),
    ]


def _families(
    settings: BuildSettings,
    planned_pages: Iterable[GeneratedFile] | WrittenElsewhere,
    planned_exports: Iterable[GeneratedFile] | WrittenElsewhere,
) -> Iterator[Iterable[GeneratedFile] | WrittenElsewhere]:
    """The files of each page family and export, each made only when its turn comes."""
    yield overview.pages(settings)
    yield planned_pages
    yield bottleneck_pages.pages(settings)
    yield case_pages.pages(settings)
    yield abroad_page.pages(settings)
    yield evidence_map_pages.pages(settings)
    yield proposal_page.pages(settings)
    yield changes_page.pages(settings)
    yield releases.files(settings)
    yield accessibility.pages(settings)
    yield schema_files(settings)
    yield planned_exports
    yield from exports.export_groups(settings)


def preview_settings(settings: BuildSettings) -> tuple[BuildSettings, list[str]]:
    """The catalogue of the preview while writing, and the draft records left out of it.

    A draft may hold anything (an unknown term, a field of the wrong type) that its page or another
    page cannot show. One such record must not stop the preview of all the others, so drafts that
    break generation are left out one by one; they are named for the terminal.
    """
    drafts = settings.catalogue.drafts()
    if not drafts:
        return settings, []
    try:
        generate_files(settings)
        return settings, []
    except Exception:  # whatever a draft breaks, see above; a bug with no draft still raises
        pass
    left_out = {(type(record), record.id) for record in drafts}
    for record in drafts:
        candidate = left_out - {(type(record), record.id)}
        try:
            generate_files(replace(settings, catalogue=settings.catalogue.without(candidate)))
        except Exception:  # this draft breaks generation: it stays out
            continue
        left_out = candidate
    named = sorted(str(record.path) for record in drafts if (type(record), record.id) in left_out)
    return replace(settings, catalogue=settings.catalogue.without(left_out)), named


def generated_pages(catalogue: Catalogue, root: Path = paths.ROOT) -> dict[str, str]:
    """The generated markdown pages of a catalogue by source path, without a site engine."""
    files = generate_files(BuildSettings(catalogue, root))
    return {generated.path: generated.content for generated in files if generated.is_page}
