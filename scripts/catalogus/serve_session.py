"""`mkdocs serve --dirty` (`make serve`): after a change, only the pages that changed are built.

A dirty build of mkdocs skips every page whose file says it is not modified and keeps the HTML
the previous build wrote. mkdocs counts a generated file (held in memory) as always modified;
here it counts as modified only when its content or its record file differ from the previous
build of this session. A page's HTML is made from its markdown and from the site around it, so
this is correct because everything else a page depends on is handled here or rebuilt whole:

- the site around every page (mkdocs.yml: nav, theme, extensions; the theme's overrides): when
  it changed, every page is built again;
- the hand-written pages in docs/ show the catalogue through macros: they are built every time
  (their previous HTML is removed, so mkdocs counts them as modified);
- the search index: mkdocs indexes only the pages it builds, so each page's entries are kept and
  the whole index is written after every build, in the order a full build writes it;
- a generated file no longer made (a record deleted, a draft left out of the preview) would stay
  in the site folder: its output is removed;
- the sitemap, robots.txt and the 404 page are written whole by every build.

What a build changed is only taken as built when the build finishes: after a failed build the
next one compares with the last build that finished. tests/test_serve_session.py compares the
site after one-record changes of several kinds with a fresh build of the same files.
"""

import hashlib
import logging
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from .output import GeneratedFile, write_files


def without_dirty_warning(record: logging.LogRecord) -> bool:
    return not record.getMessage().startswith("A 'dirty' build is being performed")


class GeneratedSiteFile(File):
    """A generated file that mkdocs' dirty build skips when it is unchanged (see above)."""

    modified = True

    def is_modified(self) -> bool:
        return self.modified


def _digest(generated: GeneratedFile) -> str:
    content = generated.content
    data = content.encode("utf-8") if isinstance(content, str) else content
    # The record file is part of what a page shows: its edit link.
    return hashlib.blake2b(data + b"\0" + generated.source.encode("utf-8")).hexdigest()


def site_key(config: MkDocsConfig) -> str:
    """A digest of what every page's HTML is made with besides its markdown: the configuration
    file and the theme's overrides."""
    key = hashlib.blake2b(Path(config.config_file_path).read_bytes())
    custom_dir = config.theme.custom_dir
    if custom_dir:
        for path in sorted(Path(custom_dir).rglob("*")):
            if path.is_file():
                status = path.stat()
                key.update(f"{path}\0{status.st_mtime_ns}\0{status.st_size}\n".encode())
    return key.hexdigest()


def _remove(output: Path, site_dir: Path) -> None:
    """Remove an output file, and its folders that are left empty (as a full build has none)."""
    output.unlink()
    folder = output.parent
    while folder != site_dir and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


class Session:
    """What the builds of one `mkdocs serve --dirty` session keep from each other."""

    def __init__(self) -> None:
        self.site_key = ""
        self.digests: dict[str, str] = {}  # generated path → digest, as last built
        self.destinations: dict[str, str] = {}  # generated path → its output file
        self.search_entries: dict[str, list[dict]] = {}  # page URL → its search entries
        # The build in progress: made in `site_files`, taken as built in `finish`.
        self.pending_digests: dict[str, str] = {}
        self.pending_destinations: dict[str, str] = {}
        self.built_entries: dict[str, list[dict]] = {}
        self.unfinished = False
        # The generated files as mkdocs reads them; an unchanged one stays as last written.
        self.folder = tempfile.TemporaryDirectory(prefix="catalogus-serve-")

    def site_files(
        self, config: MkDocsConfig, files: Files, generated: Iterable[GeneratedFile]
    ) -> list[File]:
        """The generated files as mkdocs files, each marked modified or not and read from the
        session's folder; prepares the site folder for a dirty build (see the module's
        description)."""
        key = site_key(config)
        # A build that failed half-way may have written pages the digests do not describe.
        if key != self.site_key or self.unfinished:
            self.site_key = key
            self.digests, self.search_entries = {}, {}
        self.unfinished = True
        self.pending_digests, self.pending_destinations = {}, {}
        self.built_entries = {}
        folder = Path(self.folder.name)
        site_files = []
        for generated_file in generated:
            site_file = GeneratedSiteFile.generated(
                config, generated_file.path, abs_src_path=str(folder / generated_file.path)
            )
            digest = _digest(generated_file)
            site_file.modified = self.digests.get(generated_file.path) != digest
            if site_file.modified:
                write_files([generated_file], folder)
            self.pending_digests[generated_file.path] = digest
            self.pending_destinations[generated_file.path] = site_file.abs_dest_path
            site_files.append(site_file)
        # The files of docs/ too, so that the output of one deleted there goes as well.
        for file in files:
            self.pending_destinations[file.src_uri] = file.abs_dest_path
        for path, destination in self.destinations.items():
            if path not in self.pending_destinations and os.path.isfile(destination):
                _remove(Path(destination), Path(config.site_dir))
        for hand_written in files.documentation_pages():
            if os.path.isfile(hand_written.abs_dest_path):
                os.remove(hand_written.abs_dest_path)
        return site_files

    def keep_search_entries(self, page_url: str, entries: list[dict]) -> None:
        """Called once a page is indexed, with its entries."""
        self.built_entries[page_url] = entries

    def search_entries_of(self, page_urls: Iterable[str]) -> list[dict]:
        """The search entries of every page, those of pages not built this time as last built."""
        entries = self.search_entries | self.built_entries
        return [entry for url in page_urls for entry in entries.get(url, ())]

    def finish(self, page_urls: Iterable[str]) -> None:
        """The build finished: what it made is now what the next build compares with."""
        self.unfinished = False
        self.digests = self.pending_digests
        self.destinations = self.pending_destinations
        kept = self.search_entries | self.built_entries
        self.search_entries = {url: kept[url] for url in page_urls if url in kept}
