"""The preview while writing (`mkdocs serve`): drafts show with their problems; the real build
refuses them. Built from SYNTHETIC records."""

import copy

import pytest

from catalogus import build, security
from catalogus.records import InvalidCatalogue

from .site_project import make_project


@pytest.fixture
def drafts_project(tmp_path, valid_record_data):
    draft = copy.deepcopy(valid_record_data)
    draft["summary"] = "VUL IN: een zin over de aanpak"
    draft["sources"] = []
    broken = copy.deepcopy(valid_record_data)
    broken["title"] = "Kapot concept"
    broken["phenomena"] = ["bestaat-niet"]
    broken["kinds"] = "geen lijst"
    return make_project(
        tmp_path / "project",
        {"proef": valid_record_data, "concept": draft, "kapot": broken},
    )


def test_the_real_build_refuses_drafts(drafts_project):
    with pytest.raises(InvalidCatalogue):
        build.load_settings(drafts_project)


def test_a_draft_shows_in_the_preview_under_a_banner_listing_its_problems(drafts_project):
    settings, left_out = build.preview_settings(build.load_settings(drafts_project, drafts=True))
    pages = {generated.path: generated.content for generated in build.generate_files(settings)}
    draft_page = pages["interventies/concept.md"]
    assert "Concept: 2 problemen" in draft_page
    assert "vervang de plaatshouder" in draft_page
    assert "minstens één bron" in draft_page
    assert "Concept:" not in pages["interventies/proef.md"]
    # A draft too broken for a page is left out and named, and the others still show.
    assert "interventies/kapot.md" not in pages
    assert left_out == [str(drafts_project / "interventions" / "kapot.yml")]


def test_only_the_preview_allows_the_live_reload_script():
    page = "<html><head></head><body><script>__md_scope=1</script></body></html>"
    published = security.with_content_security_policy(page)
    assert "'unsafe-inline'" not in published.split("style-src")[0]
    assert "'sha256-" in published
    preview = security.with_content_security_policy(page, live_reload=True)
    assert "script-src 'self' 'unsafe-inline';" in preview
