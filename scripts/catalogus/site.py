"""The mkdocs side: a thin adapter over `build`, plus what only a hook can do.

`hooks/catalogus_hook.py` re-exports these event handlers. The pages, exports and schemas come
from `build.generate_files`, which works without mkdocs; here they are handed to mkdocs, and the
built HTML gets what exists only after the theme ran: edit links, the Content-Security-Policy,
robots.txt, the sitemap's dates and the Dutch search stemmer.
"""

import logging
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import ClassVar

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from . import (
    build,
    compiled_templates,
    exports,
    intervention_pages,
    kinds,
    markdown_text,
    records,
    search_index,
    security,
    serve_session,
)
from .background import BackgroundFailed
from .output import BuildSettings, DuplicateOutput, GeneratedFile
from .records import InvalidCatalogue


class _Build:
    """The build in progress: its settings and generated files (made once, in `on_config`)."""

    settings: ClassVar[BuildSettings | None] = None
    files: ClassVar[dict[str, GeneratedFile]] = {}
    # `mkdocs serve`: the preview while writing, which shows drafts and live-reloads.
    serving: ClassVar[bool] = False
    # `--dirty` (`make serve`): what one build keeps for the next, which builds only what changed.
    session: ClassVar[serve_session.Session | None] = None
    site_files: ClassVar[Files | None] = None
    # Each built page's search documents, taken from the theme's index (see `on_post_page`).
    search_documents: ClassVar[list[dict]] = []
    # Each converted page's HTML as UTF-8 until the page is built (see `on_page_content`).
    held_html: ClassVar[dict[str, bytes]] = {}
    # Where the generated files wait for mkdocs to read them (see `on_files`).
    folder: ClassVar[tempfile.TemporaryDirectory | None] = None
    # The generation still writing into the folder (see `on_pre_page`).
    generation: ClassVar[build.Generation | None] = None


log = logging.getLogger("mkdocs.hooks.catalogus")


def catalogue_root(config: MkDocsConfig) -> Path:
    # The catalogue beside mkdocs.yml, so tests and benchmarks can build other catalogues.
    return Path(config.config_file_path).parent


def is_internal_build(config: MkDocsConfig) -> bool:
    return bool(config.extra.get("internal"))


def on_startup(command: str, dirty: bool) -> None:
    _Build.serving = command == "serve"
    _Build.session = serve_session.Session() if dirty else None
    if dirty:
        records.keep_between_builds()
        markdown_text.keep_rendered()
        intervention_pages.keep_pages()
        # mkdocs warns that a dirty build may leave pages stale, which `strict: true` turns into
        # a failed build; serve_session keeps exactly those pages right.
        logging.getLogger("mkdocs.commands.build").addFilter(serve_session.without_dirty_warning)
    # The macros plugin reports its set-up at INFO, some 10 lines a newcomer reads as trouble.
    logging.getLogger("mkdocs.plugins.mkdocs_macros").setLevel(logging.WARNING)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        settings = build.load_settings(
            catalogue_root(config),
            config.site_url or "",
            is_internal_build(config),
            drafts=_Build.serving,
            repo_url=config.repo_url or "",
            editors_email=config.extra.get("editors_email", ""),
        )
        if _Build.serving:
            settings, left_out = build.preview_settings(settings)
            for record in settings.catalogue.drafts():
                log.info(
                    "Concept: %s heeft %d probleem/problemen; de pagina toont ze.",
                    record.path,
                    len(record.draft_problems),
                )
            for path in left_out:
                log.info("Niet in de voorvertoning: %s (voer 'make validate' uit).", path)
        _Build.settings = settings
        _Build.search_documents = []
        _Build.held_html = {}
        _release_folder()
        if _Build.session is None:
            # Written to a folder as they are made; see `on_files`.
            _Build.folder = tempfile.TemporaryDirectory(prefix="catalogus-site-")
            _Build.generation = build.Generation(settings, Path(_Build.folder.name))
            files = _Build.generation.files
        else:
            files = build.generate_files(settings)
        _Build.files = {generated.path: generated for generated in files}
    except InvalidCatalogue as error:
        raise PluginError(
            "De catalogus bevat fouten; los ze op (voer 'make validate' uit om ze te zien):\n"
            + str(error)
        ) from None
    except DuplicateOutput as error:
        raise PluginError(str(error)) from None
    return config


def _wait_for_generation(path: str | None = None) -> None:
    """The generated file at `path` is in the folder, or with no path every one (see
    `build.Generation`)."""
    generation = _Build.generation
    if generation is None:
        return
    try:
        if path is None:
            _Build.generation = None
            generation.wait()
        elif generation.is_made_elsewhere(path):
            generation.wait_for(path)
    except BackgroundFailed as error:
        raise PluginError(str(error)) from None


def on_pre_page(page: Page, config: MkDocsConfig, files: Files) -> Page:
    """A page the second process makes is read once it is written; mkdocs read the pages
    before it meanwhile."""
    _wait_for_generation(page.file.src_uri)
    return page


def on_serve(server, config: MkDocsConfig, builder):
    """`mkdocs serve` rebuilds when a record, a vocabulary or a schema changes, not only docs/."""
    root = catalogue_root(config)
    for folder in (*kinds.KINDS, "vocabularies", "schema"):
        if (root / folder).is_dir():
            server.watch(str(root / folder))
    return server


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """The generated files join the site from a folder, not from memory: mkdocs keeps every file
    it is given until the build ends, and reads one from disk only when it uses it. The generated
    files are about 40 MB per 1,000 records."""
    if _Build.session is None:
        folder = Path(_Build.folder.name)
        generated_files = [
            File.generated(config, generated.path, abs_src_path=str(folder / generated.path))
            for generated in _Build.files.values()
        ]
    else:
        generated_files = _Build.session.site_files(config, files, _Build.files.values())
        # What is still needed of them: their record files (edit links), dates (the sitemap).
        _Build.files = {
            path: replace(generated, content="") for path, generated in _Build.files.items()
        }
    for generated_file in generated_files:
        files.append(generated_file)
    _Build.site_files = files
    return files


def _release_folder() -> None:
    if _Build.folder is not None:
        _Build.folder.cleanup()
        _Build.folder = None


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """mkdocs converts every page before it builds the first, and keeps what it read and made
    until the build ends. Its markdown is not used after this, and its HTML is held as UTF-8
    until the page is built (`on_page_context`): Python's text takes two bytes per character
    once one character lies beyond Latin-1, as a dash or a euro sign does."""
    # Empty, not None: None is mkdocs' sign of a page not read yet, which has no title.
    page.markdown = ""
    _Build.held_html[page.file.src_uri] = html.encode("utf-8")
    return ""


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    # Before mkdocs copies the files that are not pages, such as the redirects.
    _wait_for_generation()
    env.bytecode_cache = compiled_templates.kept("theme")
    return env


@event_priority(100)  # before the theme's search plugin reads the page's HTML
def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav) -> dict:
    """The page's HTML back as text, and its edit link: a generated page is edited in its
    record, and a list page has nothing to edit."""
    held = _Build.held_html.pop(page.file.src_uri, None)
    if held is not None:
        page.content = held.decode("utf-8")
    generated = _Build.files.get(page.file.src_uri)
    if generated is not None:
        page.edit_url = (
            f"{config.repo_url.rstrip('/')}/edit/main/{generated.source}"
            if generated.source and config.repo_url
            else None
        )
    return context


def _search_plugin(config: MkDocsConfig):
    search = config.plugins.get("material/search")
    return search if search is not None and search.config.enabled else None


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """The page is built: its search documents are taken and its HTML released."""
    search = _search_plugin(config)
    if search is not None:
        # The theme's search plugin indexed this page (in its `on_page_context`). Its documents
        # are taken from the theme's index and refined now: the index never holds the text that
        # goes, and the theme writes an empty index that `on_post_build` replaces.
        entries = search.search_index.entries
        documents = list(search_index.refine_documents(entries))
        entries.clear()
        _Build.search_documents.extend(documents)
        if _Build.session is not None:
            _Build.session.keep_search_entries(page.url, documents)
    page.content = None
    return security.with_content_security_policy(output, live_reload=_Build.serving)


def on_build_error(error: Exception) -> None:
    if _Build.generation is not None:
        _Build.generation.stop()
        _Build.generation = None
    _release_folder()


def robots_txt(internal: bool, site_url: str) -> str:
    """Everything allowed and the sitemap named, or for the internal site nothing allowed."""
    if internal:
        return "User-agent: *\nDisallow: /\n"
    sitemap = f"Sitemap: {site_url.rstrip('/')}/sitemap.xml\n" if site_url else ""
    return f"User-agent: *\nAllow: /\n{sitemap}"


def hand_written_dates(config: MkDocsConfig) -> dict[str, str]:
    """The sitemap's `lastmod` of each hand-written page: its file's last commit (from git),
    by its page URL; empty without history."""
    settings = _Build.settings
    if settings is None or settings.history is None:
        return {}
    history = settings.history
    docs = Path(config.docs_dir).resolve().relative_to(settings.root.resolve()).as_posix()
    return {
        path.removeprefix(f"{docs}/"): date
        for path, date in history.last_commit.items()
        if path.startswith(f"{docs}/") and path.endswith(".md")
    }


def on_post_build(config: MkDocsConfig) -> None:
    site_dir = Path(config.site_dir)
    (site_dir / "robots.txt").write_text(
        robots_txt(is_internal_build(config), config.site_url or ""), encoding="utf-8"
    )
    dutch_search = site_dir / "assets/javascripts/lunr/min/lunr.nl.min.js"
    patch = (Path(__file__).parent / "search_stemming.js").read_text(encoding="utf-8")
    theme_script = dutch_search.read_text(encoding="utf-8")
    # A dirty build (`make serve`) does not copy the theme's script again.
    if not theme_script.endswith("\n" + patch):
        dutch_search.write_text(theme_script + "\n" + patch, encoding="utf-8")
    session = _Build.session
    search = _search_plugin(config)
    page_urls = [file.page.url for file in _Build.site_files.documentation_pages() if file.page]
    if search is not None:
        # A dirty build indexed only the pages it built: the index is written whole again.
        documents = (
            _Build.search_documents if session is None else session.search_entries_of(page_urls)
        )
        # With the settings the theme writes (its `generate_search_index`).
        theme_config = search.search_index.config
        search_config = {
            key: theme_config[key] for key in ("lang", "separator", "pipeline", "fields")
        }
        search_index.write(site_dir, search_config, documents)
        _Build.search_documents = []
    # Review dates as <lastmod>, and only public pages, in sitemap.xml(.gz).
    hand_written = [
        GeneratedFile(path, "", last_modified=date)
        for path, date in hand_written_dates(config).items()
        if path not in _Build.files
    ]
    exports.sitemap.write_sitemap(
        site_dir,
        [*_Build.files.values(), *hand_written],
        config.site_url or "",
        hidden=exports.sitemap.internal_pages(_Build.settings.catalogue),
    )
    if session is not None:
        session.finish(page_urls)
    _release_folder()
