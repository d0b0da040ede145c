"""Where every generated page lives: source paths (as mkdocs names them) and the URLs they get.

Public URLs are a contract (docs/over/links.md): change a rule here only with a redirect.
A source path is the markdown file mkdocs would read (`interventies/wet-bibob.md`); with
`use_directory_urls` it is served at `interventies/wet-bibob/`.
"""

from urllib.parse import urlencode

# The vocabularies that have a page per term, and the folder (a public URL) of those pages.
TERM_FOLDERS = {
    "phenomena": "fenomenen",
    "regions": "regios",
    "countries": "landen",
    "kinds": "soorten",
    "instruments": "instrumenten",
}

HOME = "index.md"
OVERVIEW = "interventies/index.md"
BOTTLENECKS = "knelpunten/index.md"
CASES = "casussen/index.md"
ABROAD = "buitenland/index.md"
OPEN_DATA = "open-data/index.md"


def intervention_path(record_id: str) -> str:
    return f"interventies/{record_id}.md"


def bottleneck_path(bottleneck_id: str) -> str:
    return f"knelpunten/{bottleneck_id}.md"


def case_path(case_id: str) -> str:
    return f"casussen/{case_id}.md"


def record_path(folder: str, record_id: str) -> str:
    """The page of a record of any kind, by the folder its file is in (`interventions`...)."""
    if folder == "interventions":
        return intervention_path(record_id)
    if folder == "phenomena":
        return term_path("phenomena", record_id)
    if folder == "bottlenecks":
        return bottleneck_path(record_id)
    return case_path(record_id)


def term_index_path(vocabulary: str) -> str:
    return f"{TERM_FOLDERS[vocabulary]}/index.md"


def term_path(vocabulary: str, slug: str) -> str:
    # Country codes are upper case in records and lower case in URLs (/landen/it/).
    return f"{TERM_FOLDERS[vocabulary]}/{slug.lower() if vocabulary == 'countries' else slug}.md"


def url_of(path: str) -> str:
    """The URL of a source page relative to the site root, e.g. `fenomenen/vastgoed/`."""
    if path == HOME:
        return ""
    if path.endswith("/index.md"):
        return path.removesuffix("index.md")
    if path.endswith(".md"):
        return path.removesuffix(".md") + "/"
    return path


def relative_url(from_path: str, to_path: str, **selection: str) -> str:
    """A link from one page to another that works wherever the site is hosted."""
    target = "../" * url_of(from_path).count("/") + url_of(to_path)
    if selection:
        target += "?" + urlencode(selection)
    return target or "./"


def base_url(site_url: str) -> str:
    return site_url.rstrip("/") + "/"


def absolute_url(site_url: str, path: str) -> str:
    """The full address of a page, for feeds, sitemaps and citations."""
    return base_url(site_url) + url_of(path)
