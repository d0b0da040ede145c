"""The sitemap mkdocs wrote, corrected: review dates as `lastmod`, and only public pages.

mkdocs dates every page with the build; a generated page's `lastmod` is its `last_modified`
instead, the newest review of what it shows, so the sitemap only changes when the content does.
Hand-written pages, and generated ones without a date, keep what mkdocs wrote.
"""

import gzip
import xml.etree.ElementTree as ET
from collections.abc import Collection, Iterable
from pathlib import Path

from .. import urls
from ..output import GeneratedFile
from ..records import Catalogue

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"


def internal_pages(catalogue: Catalogue) -> set[str]:
    """The pages that must not be in a sitemap: those of records that are not public.

    The public build has no such pages; the internal build has them. (Term pages stay: a term
    can have a page for a phenomenon record, a case or a bottleneck as well.)
    """
    return {
        urls.intervention_path(record.id)
        for record in catalogue.interventions.values()
        if not record.is_public
    }


def rewrite_sitemap(
    sitemap_xml: bytes | str,
    generated: Iterable[GeneratedFile],
    site_url: str,
    *,
    hidden: Collection[str],
) -> bytes:
    """`sitemap_xml` without the pages at the source paths in `hidden`, and with the
    `last_modified` of every generated page that has one as its `lastmod`."""
    dates = {
        urls.absolute_url(site_url, page.path): page.last_modified
        for page in generated
        if page.is_page and page.last_modified
    }
    hidden_urls = {urls.absolute_url(site_url, path) for path in hidden}
    original = ET.fromstring(sitemap_xml)
    urlset = ET.Element(f"{{{SITEMAP}}}urlset")
    for url in original.iter(f"{{{SITEMAP}}}url"):
        location = (url.findtext(f"{{{SITEMAP}}}loc") or "").strip()
        if not location or location in hidden_urls:
            continue
        lastmod = dates.get(location) or (url.findtext(f"{{{SITEMAP}}}lastmod") or "").strip()
        entry = ET.SubElement(urlset, f"{{{SITEMAP}}}url")
        ET.SubElement(entry, f"{{{SITEMAP}}}loc").text = location
        if lastmod:
            ET.SubElement(entry, f"{{{SITEMAP}}}lastmod").text = lastmod
    ET.indent(urlset)
    return (
        ET.tostring(urlset, encoding="utf-8", xml_declaration=True, default_namespace=SITEMAP)
        + b"\n"
    )


def write_sitemap(
    site_dir: Path,
    generated: Iterable[GeneratedFile],
    site_url: str,
    *,
    hidden: Collection[str],
) -> None:
    """Rewrite `sitemap.xml` and `sitemap.xml.gz` in a built site, if the theme wrote them."""
    sitemap = Path(site_dir) / "sitemap.xml"
    if not sitemap.is_file():
        return
    content = rewrite_sitemap(sitemap.read_bytes(), generated, site_url, hidden=hidden)
    sitemap.write_bytes(content)
    # mtime=0: the same sitemap gives the same bytes, whenever it is built.
    (Path(site_dir) / "sitemap.xml.gz").write_bytes(gzip.compress(content, mtime=0))
