"""Records with `access: internal` never reach the public site, and do reach the internal one."""

import copy
import gzip
import json

import pytest

from .site_project import build_both, make_project
from .test_security import policy_of

# Under pytest-xdist these tests share one worker: a public and an internal site built once for the module.
pytestmark = pytest.mark.xdist_group("test_access")

MARKER = "ZqxInternMarker7731"


def all_text(site):
    """Every file of a built site as text, gzip files unpacked, JSON also read unescaped."""
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        raw = path.read_bytes()
        if path.suffix == ".gz":
            raw = gzip.decompress(raw)
        text = raw.decode("utf-8", errors="replace")
        yield path, text
        if path.suffix == ".json":
            yield path, json.dumps(json.loads(text), ensure_ascii=False)


@pytest.fixture(scope="module")
def built_sites(tmp_path_factory):
    import yaml

    from .conftest import VALID_RECORD

    public = yaml.safe_load(VALID_RECORD.read_text(encoding="utf-8"))
    internal = copy.deepcopy(public)
    internal.update(
        access="internal",
        title=f"Interne aanpak {MARKER}",
        summary=f"Samenvatting {MARKER}.",
        description=f"Hoe de barrière werkt: {MARKER}.",
    )
    internal["partners"] = [f"Partner {MARKER}"]
    project = make_project(
        tmp_path_factory.mktemp("access") / "project",
        {"openbare-aanpak": public, "interne-aanpak": internal},
    )
    return build_both(project)


def test_internal_record_is_nowhere_in_the_public_site(built_sites):
    public_site, _ = built_sites
    leaks = [str(path) for path, text in all_text(public_site) if MARKER in text]
    assert leaks == []
    assert not (public_site / "interventies" / "interne-aanpak").exists()
    overview = (public_site / "interventies" / "index.html").read_text(encoding="utf-8")
    assert "interne-aanpak" not in overview


def test_internal_record_is_in_the_internal_site_with_a_banner(built_sites):
    _, internal_site = built_sites
    page = (internal_site / "interventies" / "interne-aanpak" / "index.html").read_text("utf-8")
    assert MARKER in page and 'class="ww-internal"' in page
    public_page = (internal_site / "interventies" / "openbare-aanpak" / "index.html").read_text(
        "utf-8"
    )
    assert 'class="ww-internal"' not in public_page
    assert MARKER in (internal_site / "search" / "search_index.json").read_text("utf-8")


def test_internal_site_asks_search_engines_to_stay_away(built_sites):
    public_site, internal_site = built_sites
    assert (internal_site / "robots.txt").read_text() == "User-agent: *\nDisallow: /\n"
    assert "Disallow" not in (public_site / "robots.txt").read_text()
    pages = [page for page in internal_site.rglob("*.html") if page.name != "404.html"]
    assert internal_site / "interventies" / "interne-aanpak" / "index.html" in pages
    for page in pages:
        assert '<meta name="robots" content="noindex, nofollow">' in page.read_text("utf-8")
    assert "noindex" not in (public_site / "index.html").read_text("utf-8")


def test_every_public_page_carries_a_content_security_policy(built_sites):
    public_site, _ = built_sites
    pages = [page for page in public_site.rglob("*.html") if page.name != "404.html"]
    assert public_site / "index.html" in pages
    assert public_site / "interventies" / "openbare-aanpak" / "index.html" in pages
    for page in pages:
        policy = policy_of(page.read_text("utf-8"))
        scripts = policy.pop("script-src")
        assert scripts[0] == "'self'" and all(s.startswith("'sha256-") for s in scripts[1:])
        assert policy == {
            "default-src": ["'self'"],
            "style-src": ["'self'", "'unsafe-inline'"],
            "img-src": ["'self'", "data:"],
            "font-src": ["'self'"],
            "connect-src": ["'self'"],
            "worker-src": ["'self'"],
            "object-src": ["'none'"],
            "base-uri": ["'self'"],
            "form-action": ["'self'"],
        }, page
