"""The mkdocs side: a thin adapter that hands the generated pages to mkdocs.

`hooks/catalogus_hook.py` re-exports these event handlers; everything they do is a call to
`records` or `pages`, which work without mkdocs.
"""

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from . import exports, kinds, knowledge, pages, search_index, security
from .records import Catalogue, InvalidCatalogue, load_catalogue
from .schema import published_schemas

_catalogue: Catalogue | None = None


def current_catalogue() -> Catalogue:
    """The catalogue of the build in progress (loaded once per build, in `on_config`)."""
    if _catalogue is None:
        raise PluginError("de catalogus is nog niet geladen")
    return _catalogue


def is_internal_build(config: MkDocsConfig) -> bool:
    return bool(config.extra.get("internal"))


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _catalogue
    try:
        # The catalogue beside mkdocs.yml, so tests and benchmarks can build other catalogues.
        root = Path(config.config_file_path).parent
        catalogue = load_catalogue(root)
        # Only the internal build (mkdocs-internal.yml) publishes records with `access: internal`.
        _catalogue = catalogue if is_internal_build(config) else catalogue.only_public()
    except InvalidCatalogue as error:
        raise PluginError(
            "De catalogus bevat fouten; los ze op (of voer 'catalogus validate' uit):\n"
            + str(error)
        ) from None
    return config


def on_serve(server, config: MkDocsConfig, builder):
    """`mkdocs serve` rebuilds when a record, a vocabulary or a schema changes, not only docs/."""
    root = Path(config.config_file_path).parent
    for folder in (*kinds.KINDS, "vocabularies", "schema"):
        if (root / folder).is_dir():
            server.watch(str(root / folder))
    return server


def on_files(files: Files, config: MkDocsConfig) -> Files:
    catalogue = current_catalogue()
    root = Path(config.config_file_path).parent
    generated = (
        pages.generate_pages(catalogue)
        | knowledge.generate_pages(catalogue)
        | pages.redirects(catalogue)
        | published_schemas(root / "schema", catalogue.vocabularies)
    )
    for source_path, content in generated.items():
        files.append(File.generated(config, source_path, content=content))
    # Open data (JSON, CSV, feeds, /open-data/); non-markdown files are copied as they are.
    site_url = config.site_url or ""
    exported = exports.generate_exports(current_catalogue(), root, site_url)
    for source_path, content in exported.items():
        files.append(File.generated(config, source_path, content=content))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Intervention pages end with how to cite them and their schema.org data."""
    record = current_catalogue().interventions.get(_record_id(page) or "")
    if record is None:
        return markdown
    site_url = config.site_url or ""
    cite = exports.citation(record, site_url)
    if not cite:
        return markdown
    return (
        markdown
        + "\n## Citeren\n\n"
        + f'<p class="ww-cite">{pages.escape(cite["text"])}</p>\n\n'
        + exports.json_ld_script(record, current_catalogue(), site_url)
        + "\n"
    )


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav) -> dict:
    record_id = _record_id(page)
    if record_id and config.repo_url:
        page.edit_url = f"{config.repo_url.rstrip('/')}/edit/main/interventions/{record_id}.yml"
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return security.with_content_security_policy(output)


def on_post_build(config: MkDocsConfig) -> None:
    robots = "Disallow: /" if is_internal_build(config) else "Allow: /"
    (Path(config.site_dir) / "robots.txt").write_text(
        f"User-agent: *\n{robots}\n", encoding="utf-8"
    )
    dutch_search = Path(config.site_dir) / "assets/javascripts/lunr/min/lunr.nl.min.js"
    patch = (Path(__file__).parent / "search_stemming.js").read_text(encoding="utf-8")
    dutch_search.write_text(
        dutch_search.read_text(encoding="utf-8") + "\n" + patch, encoding="utf-8"
    )
    # Runs after the theme's search plugin wrote the index: hooks come after plugins.
    search_index.rewrite(Path(config.site_dir))
    # Review dates as <lastmod>, and only public pages, in sitemap.xml(.gz).
    exports.write_sitemap(Path(config.site_dir), current_catalogue(), config.site_url or "")


def _record_id(page: Page) -> str | None:
    parts = page.file.src_uri.split("/")
    if len(parts) == 2 and parts[0] == "interventies" and parts[1] != "index.md":
        return parts[1].removesuffix(".md")
    return None
