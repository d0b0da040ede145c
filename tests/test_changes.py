"""/nieuw/ and its feeds from the git history of a SYNTHETIC catalogue; the build without a
complete history (a shallow clone, a tarball); robots.txt, JSON-LD dates and the `lastmod` of
hand-written pages."""

import copy
import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from catalogus import build, changes_page, history, site
from catalogus.exports import linked_data

from .site_project import build as mkdocs_build
from .site_project import make_project

# Under pytest-xdist these tests share one worker: a catalogue with a git history, made once for the module.
pytestmark = pytest.mark.xdist_group("test_changes")

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SITE = "https://example.org/"


def git(project: Path, *arguments: str, date: str = "2026-01-10") -> None:
    stamp = f"{date}T12:00:00+00:00"
    environment = {
        **os.environ,
        "GIT_AUTHOR_DATE": stamp,
        "GIT_COMMITTER_DATE": stamp,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
    }
    subprocess.run(
        ["git", "-C", str(project), *arguments], check=True, capture_output=True, env=environment
    )


def write(project: Path, record_id: str, data: dict) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    (project / "interventions" / f"{record_id}.yml").write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def repository(tmp_path_factory, valid_record_text):
    """A catalogue with a history: added in January; in February one record changed, one
    removed, and an internal record added and changed."""
    base = yaml.safe_load(valid_record_text)
    twee = copy.deepcopy(base) | {"title": "Tweede proefaanpak", "regions": ["rotterdam"]}
    project = make_project(
        tmp_path_factory.mktemp("history") / "project", {"proef-een": base, "proef-twee": twee}
    )
    git(project, "init", "-q", "-b", "main")
    git(project, "add", ".")
    git(project, "commit", "-q", "-m", "start")
    changed = copy.deepcopy(base) | {"summary": "Een nieuwe samenvatting van de proef."}
    write(project, "proef-een", changed)
    git(project, "commit", "-q", "-am", "change", date="2026-02-05")
    (project / "interventions" / "proef-twee.yml").unlink()
    secret = copy.deepcopy(base) | {"title": "Geheime aanpak 9931", "access": "internal"}
    write(project, "proef-geheim", secret)
    git(project, "add", ".")
    git(project, "commit", "-q", "-m", "remove and internal", date="2026-02-20")
    return project


def generated(project: Path) -> dict:
    settings = build.load_settings(project, SITE)
    return {item.path: item.content for item in build.generate_files(settings)}


def test_history_lists_changes_with_their_fields(repository):
    found = history.read_history(repository)
    assert found is not None and not found.truncated
    summary = [(change.date, change.record_id, change.status) for change in found.changes]
    assert ("2026-01-10", "proef-een", "A") in summary
    assert ("2026-02-05", "proef-een", "M") in summary
    assert ("2026-02-20", "proef-twee", "D") in summary
    change = next(change for change in found.changes if change.status == "M")
    assert change.changed_fields == ["summary"]
    assert found.first_added["interventions/proef-een.yml"] == "2026-01-10"
    assert found.last_commit["interventions/proef-een.yml"] == "2026-02-05"
    assert found.last_commit["docs/index.md"] == "2026-01-10"


def test_new_page_shows_months_added_changed_and_removed(repository):
    page = generated(repository)[changes_page.PAGE]
    february, january = page.split("## Februari 2026")[1].split("## Januari 2026")
    assert "<h3>Gewijzigd</h3>" in february and "Samenvatting" in february
    assert "<h3>Verwijderd</h3>" in february and "Tweede proefaanpak" in february
    assert '<a href="../interventies/proef-een/">' in february
    # A removed record has no page to link to.
    assert 'href="../interventies/proef-twee/"' not in february
    assert "<h3>Nieuw</h3>" in january and "Tweede proefaanpak" in january
    # Nothing of an internal record, in any version.
    for content in generated(repository).values():
        text = content.decode("utf-8") if isinstance(content, bytes) else content
        assert "9931" not in text and "proef-geheim" not in text


def test_change_feeds_parse_and_follow_phenomena_and_regions(repository):
    files = generated(repository)
    root = ET.fromstring(files[changes_page.FEED])
    titles = [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]
    assert titles[0] in {"Gewijzigd: Proefaanpak Testdorp", "Verwijderd: Tweede proefaanpak"}
    assert len(titles) == 4  # two added, one changed, one removed
    changed = next(
        e for e in root.iter(f"{ATOM}entry") if "Gewijzigd" in e.findtext(f"{ATOM}title")
    )
    assert changed.findtext(f"{ATOM}summary") == "Gewijzigd (interventie): Samenvatting."
    rotterdam = ET.fromstring(files[changes_page.feed_path("regions", "rotterdam")])
    assert {entry.findtext(f"{ATOM}title") for entry in rotterdam.iter(f"{ATOM}entry")} == {
        "Nieuw: Tweede proefaanpak",
        "Verwijderd: Tweede proefaanpak",
    }
    phenomenon = yaml.safe_load((repository / "interventions/proef-een.yml").read_text())[
        "phenomena"
    ][0]
    assert changes_page.feed_path("phenomena", phenomenon) in files


def test_shallow_clone_and_tarball_build_without_history(repository, tmp_path):
    shallow = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repository}", str(shallow)], check=True
    )
    tarball = tmp_path / "tarball"
    shutil.copytree(repository, tarball, ignore=shutil.ignore_patterns(".git"))
    for project in (shallow, tarball):
        assert history.read_history(project) is None
        files = generated(project)
        assert "niet beschikbaar" in files[changes_page.PAGE]
        assert changes_page.FEED not in files


def test_built_site_has_history_dates_and_names_its_sitemap(repository):
    result = mkdocs_build(repository)
    assert result.returncode == 0, result.stderr
    built = repository / "site"
    robots = (built / "robots.txt").read_text()
    assert "Sitemap: https://" in robots and robots.rstrip().endswith("/sitemap.xml")
    sitemap = ET.parse(built / "sitemap.xml").getroot()
    dates = {
        url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod")
        for url in sitemap.iter(f"{SITEMAP}url")
    }
    over = next(date for loc, date in dates.items() if loc.endswith("/over/"))
    assert over == "2026-01-10"  # its file's last commit, not the day of the build
    page = (built / "interventies/proef-een/index.html").read_text("utf-8")
    data = json.loads(re.search(r'application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert data["datePublished"] == "2026-01-10"
    assert data["publisher"]["name"] == "Wat werkt tegen ondermijning"
    assert data["dateModified"] >= data["datePublished"]
    assert (built / "nieuw/index.html").is_file()


def test_robots_txt_names_the_sitemap_only_on_the_public_site():
    assert site.robots_txt(False, "https://example.org/a/") == (
        "User-agent: *\nAllow: /\nSitemap: https://example.org/a/sitemap.xml\n"
    )
    assert site.robots_txt(True, "https://example.org/") == "User-agent: *\nDisallow: /\n"


def test_json_ld_without_history_publishes_the_review_date(repository):
    settings = build.load_settings(repository, SITE)
    record = settings.catalogue.interventions["proef-een"]
    data = linked_data.json_ld(record, settings.catalogue, SITE)
    assert data["datePublished"] == data["dateModified"] == record.last_reviewed
