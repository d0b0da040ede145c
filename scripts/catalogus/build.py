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
from .output import BuildSettings, GeneratedFile, WrittenElsewhere, collect
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
        return collect(_families(settings, intervention_pages.pages(settings)))
    generation = Generation(settings, folder)
    generation.wait()
    return generation.files


class Generation:
    """Every generated file written into `folder`, the intervention pages by a second process.

    About half of the build's own time goes to the intervention pages. A forked second process
    (see `background`) writes them while this one makes the other files. They are listed at
    once, without being made, so `files` is complete before they are written. An engine calls
    `wait` before it reads an intervention page or copies a file: it returns once every file is
    in the folder, and raises what went wrong in the second process. Until then the engine has
    other pages to read, so the second process mostly costs the build no time at all.
    """

    def __init__(self, settings: BuildSettings, folder: Path) -> None:
        self.written_elsewhere = intervention_pages.listed_pages(settings)
        self._second_process: background.Background | None = background.Background(
            _write, intervention_pages.pages(settings), folder
        )
        try:
            self.files = collect(
                _families(settings, WrittenElsewhere(self.written_elsewhere)), folder
            )
        except BaseException:
            self.stop()
            raise

    def wait(self) -> None:
        second_process, self._second_process = self._second_process, None
        if second_process is not None:
            second_process.result()

    def stop(self) -> None:
        """The build failed: the second process is ended, not waited for."""
        second_process, self._second_process = self._second_process, None
        if second_process is not None:
            second_process.stop()


def _write(files: Iterable[GeneratedFile], folder: Path) -> None:
    collect([files], folder)


def _families(
    settings: BuildSettings, interventions: Iterable[GeneratedFile] | WrittenElsewhere
) -> Iterator[Iterable[GeneratedFile] | WrittenElsewhere]:
    """The files of each page family and export, each made only when its turn comes."""
    region_map = home_widgets.region_map(settings.catalogue, urls.term_index_path("regions"))
    yield overview.pages(settings)
    yield interventions
    yield term_pages.pages(settings, region_map)
    yield phenomenon_pages.pages(settings)
    yield bottleneck_pages.pages(settings)
    yield case_pages.pages(settings)
    yield abroad_page.pages(settings)
    yield evidence_map_pages.pages(settings)
    yield proposal_page.pages(settings)
    yield changes_page.pages(settings)
    yield releases.files(settings)
    yield accessibility.pages(settings)
    yield schema_files(settings)
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
