"""Every link between pages of the built site leads to a page that exists.

Generated pages link in raw HTML, which mkdocs does not check, so this test does.
"""

import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

HREF = re.compile(r'(?:href|action)="([^"#?]*)[^"]*"')


def broken_links(site: Path) -> list[tuple[str, str]]:
    broken = []
    for page in site.rglob("*.html"):
        page_url = "/" + page.relative_to(site).as_posix()
        for href in HREF.findall(page.read_text(encoding="utf-8")):
            if not href or urlparse(href).scheme or href.startswith("//"):
                continue
            target = site / unquote(urljoin(page_url, href)).lstrip("/")
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append((page_url, href))
    return broken


def test_internal_links_resolve(site_dir):
    assert broken_links(site_dir) == []


def test_link_checker_finds_a_broken_link(tmp_path):
    (tmp_path / "index.html").write_text('<a href="missing/">x</a><a href="./">y</a>')
    assert broken_links(tmp_path) == [("/index.html", "missing/")]
