"""What a build produces: generated files, each with one owner, and the settings they are made for.

Every page family and export returns `GeneratedFile`s; `collect` refuses two files for one path,
so no dict merge silently decides which of two generators wins. Edit links and sitemap dates are
read from these files, not computed again elsewhere.
"""

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from .history import History
from .records import Catalogue


@dataclass(frozen=True)
class BuildSettings:
    """What generators need beyond the records: where the catalogue lives and where it is served."""

    catalogue: Catalogue
    root: Path  # the folder with mkdocs.yml, interventions/, vocabularies/, schema/
    site_url: str = ""
    internal: bool = False
    repo_url: str = ""  # where proposals become issues; none: the proposal page leaves it out
    editors_email: str = ""  # the editors' address; none: the page leaves that route out
    history: History | None = None  # from git; none: /nieuw/ says it is not available


@dataclass(frozen=True)
class GeneratedFile:
    path: str  # its source path in the site, e.g. `interventies/wet-bibob.md`, `feed.xml`
    content: str | bytes
    source: str = ""  # the record file it is made from, relative to the catalogue root
    last_modified: str = ""  # ISO date of the last change to what it shows

    @property
    def is_page(self) -> bool:
        return self.path.endswith(".md")


def record_source(record) -> str:
    """A record's file relative to the catalogue root (`bottlenecks/x.yml`), for edit links."""
    return f"{record.path.parent.name}/{record.path.name}" if record.path else ""


# A file listed before it is made, and how to make its content: a family that can be listed
# this way can be made by a second process while the build goes on (see `build.Generation`).
Planned = tuple[GeneratedFile, Callable[[], str | bytes]]


def made(plan: Iterable[Planned]) -> Iterator[GeneratedFile]:
    """The planned files with their content, made one at a time."""
    for listed, make in plan:
        yield replace(listed, content=make())


def write_planned(report: Callable[[int], None], plan: Iterable[Planned], folder: Path) -> None:
    """Makes and writes each planned file in turn, reporting how many are written."""
    for count, generated in enumerate(made(plan), 1):
        write_files([generated], folder)
        report(count)


WRITES_IN_FLIGHT = 64


class DuplicateOutput(Exception):
    """Two generators made a file for the same path: a bug, never something to resolve quietly."""


@dataclass(frozen=True)
class WrittenElsewhere:
    """Files another process writes into the folder (see `build.Generation`): listed, and
    checked for a path taken twice, but not written here."""

    files: list[GeneratedFile]


def collect(
    groups: Iterable[Iterable[GeneratedFile] | WrittenElsewhere], folder: Path | None = None
) -> list[GeneratedFile]:
    """All generated files in one list, refusing a second file for a path already taken.

    With a `folder`, each file is written there as it comes and listed without its content, so
    the build never holds all of them at once (about 40 MB per 1,000 records).
    """
    taken: dict[str, GeneratedFile] = {}
    # The files are written by a thread of their own: creating a file waits on the file system
    # (0.1 to 0.3 ms each here), time in which the next page is made. At most WRITES_IN_FLIGHT
    # wait to be written, so a slow disk never makes the build hold many files at once.
    with ThreadPoolExecutor(max_workers=1) as writer:
        in_flight: deque[Future] = deque()
        for group in groups:
            if isinstance(group, WrittenElsewhere):
                for listed in group.files:
                    _refuse_if_taken(taken, listed)
                    taken[listed.path] = listed
                continue
            for generated in group:
                _refuse_if_taken(taken, generated)
                if folder is not None:
                    in_flight.append(writer.submit(write_files, [generated], folder))
                    generated = replace(generated, content="")
                    while in_flight and (in_flight[0].done() or len(in_flight) > WRITES_IN_FLIGHT):
                        # A file that could not be written raises its error here.
                        in_flight.popleft().result()
                taken[generated.path] = generated
        for write in in_flight:
            write.result()
    return list(taken.values())


def _refuse_if_taken(taken: dict[str, GeneratedFile], generated: GeneratedFile) -> None:
    if generated.path in taken:
        raise DuplicateOutput(
            f"twee gegenereerde bestanden voor {generated.path} "
            f"(uit {taken[generated.path].source or 'de code'} en "
            f"{generated.source or 'de code'})"
        )


def write_files(files: Iterable[GeneratedFile], folder: Path) -> None:
    for generated in files:
        target = folder / generated.path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(generated.content, bytes):
            target.write_bytes(generated.content)
        else:
            target.write_text(generated.content, encoding="utf-8")
