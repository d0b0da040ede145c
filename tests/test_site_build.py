"""Building the site from SYNTHETIC catalogues: what reaches the published pages."""

import copy
import os
import re
import subprocess
import sys

import pytest
import yaml

from .site_project import build, make_project

# Under pytest-xdist these tests share one worker: the one-record site built once for the module.
pytestmark = pytest.mark.xdist_group("test_site_build")


@pytest.fixture
def built_site(tmp_path, valid_record_data):
    def build_with(records: dict[str, dict]):
        project = make_project(tmp_path / "project", records)
        result = build(project)
        assert result.returncode == 0, result.stderr
        return project / "site"

    return build_with


@pytest.fixture(scope="module")
def one_record_site(tmp_path_factory, valid_record_text):
    """The site of the synthetic valid record alone, built once for the tests that only read it."""
    data = yaml.safe_load(valid_record_text)
    project = make_project(tmp_path_factory.mktemp("one-record") / "project", {"proef-een": data})
    result = build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def test_every_record_has_a_page_and_appears_in_the_overview(built_site, valid_record_data):
    other = copy.deepcopy(valid_record_data)
    other["title"] = "Tweede proefaanpak"
    site = built_site({"proef-een": valid_record_data, "proef-twee": other})
    for record_id in ("proef-een", "proef-twee"):
        assert (site / "interventies" / record_id / "index.html").is_file()
    overview = (site / "interventies" / "index.html").read_text(encoding="utf-8")
    assert 'href="../interventies/proef-een/"' in overview
    assert 'href="../interventies/proef-twee/"' in overview
    assert (site / "fenomenen" / "vastgoed" / "index.html").is_file()
    assert (site / "regios" / "landelijk" / "index.html").is_file()
    assert (site / "landen" / "nl" / "index.html").is_file()


def test_record_text_is_never_evaluated_as_a_template(built_site, valid_record_data):
    valid_record_data["description"] = "Sjabloontekst {{ 7*7 }} en {% if true %}ja{% endif %}."
    valid_record_data["title"] = "Titel {{ 6*7 }}"
    site = built_site({"proef-een": valid_record_data})
    page = (site / "interventies" / "proef-een" / "index.html").read_text(encoding="utf-8")
    article = page[page.index("<article") : page.index("</article>")]
    assert "{{ 7*7 }}" in article and "{% if true %}" in article and "{{ 6*7 }}" in article
    assert "49" not in article and "42" not in article


def test_intervention_page_links_to_its_yaml_for_editing(one_record_site):
    site = one_record_site
    page = (site / "interventies" / "proef-een" / "index.html").read_text(encoding="utf-8")
    assert "/edit/main/interventions/proef-een.yml" in page


def test_navigation_does_not_list_records(one_record_site):
    site = one_record_site
    # Every page carries the whole navigation; a page that does not mention records shows it.
    about = (site / "over" / "index.html").read_text(encoding="utf-8")
    assert "Interventies" in about
    assert "proef-een" not in about


def test_the_more_tab_opens_the_page_about_the_catalogue(one_record_site):
    site = one_record_site
    home = (site / "index.html").read_text(encoding="utf-8")
    tab = re.search(r'<a href="([^"]*)" class="md-tabs__link">\s*Meer\s*</a>', home)
    assert tab and tab[1] == "over/"


def test_macros_count_and_list_in_an_opted_in_page(tmp_path, valid_record_data):
    project = make_project(tmp_path / "project", {"proef-een": valid_record_data})
    (project / "docs" / "thema.md").write_text(
        "---\nrender_macros: true\n---\n# Thema\n\n"
        "Aantal: {{ count_interventions(phenomenon='vastgoed') }}.\n\n"
        "{{ list_interventions(region='landelijk') }}\n",
        encoding="utf-8",
    )
    (project / "docs" / "zonder.md").write_text("# Zonder\n\n{{ 7*7 }}\n", encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.stderr
    theme = (project / "site" / "thema" / "index.html").read_text(encoding="utf-8")
    assert "Aantal: 1." in theme
    assert 'href="../interventies/proef-een/"' in theme
    without = (project / "site" / "zonder" / "index.html").read_text(encoding="utf-8")
    assert "{{ 7*7 }}" in without


def test_invalid_catalogue_fails_the_build_with_the_validator_messages(tmp_path, valid_record_data):
    del valid_record_data["title"]
    project = make_project(tmp_path / "project", {"proef-een": valid_record_data})
    result = build(project)
    assert result.returncode != 0
    assert "proef-een.yml" in result.stderr and "verplicht veld 'title'" in result.stderr
    # The hook says so in Dutch, before any page renders: no traceback from the macros plugin.
    assert "De catalogus bevat fouten" in result.stderr and "Traceback" not in result.stderr


def test_a_build_prints_nothing_a_newcomer_reads_as_trouble(tmp_path, valid_record_data):
    project = make_project(tmp_path / "project", {"proef-een": valid_record_data})
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.yml"],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr
    messages = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(messages) <= 3, messages  # cleaning, building, built in N seconds
    assert not any("macros" in line or "nav" in line for line in messages), messages


def test_renamed_record_keeps_its_old_link_and_overdue_record_says_so(
    built_site, valid_record_data
):
    valid_record_data["former_ids"] = ["oude-naam"]
    valid_record_data["last_reviewed"] = "2020-01-01"
    site = built_site({"proef-een": valid_record_data})
    redirect = (site / "interventies" / "oude-naam" / "index.html").read_text(encoding="utf-8")
    assert 'http-equiv="refresh" content="0; url=../proef-een/"' in redirect
    page = (site / "interventies" / "proef-een" / "index.html").read_text(encoding="utf-8")
    assert "Beoordeling verlopen" in page


def test_schemas_are_published_with_the_vocabularies_enums(one_record_site):
    import json

    site = one_record_site
    published = json.loads((site / "schema" / "interventie.json").read_text(encoding="utf-8"))
    phenomena = published["properties"]["phenomena"]["items"]["enum"]
    assert "vastgoed" in phenomena and "witwassen" in phenomena
    assert (site / "schema" / "casus.json").is_file()


def test_contributor_guide_explains_every_field_of_the_schema(one_record_site):
    import html
    import json

    from catalogus import paths

    site = one_record_site
    guide = (site / "bijdragen" / "index.html").read_text(encoding="utf-8")
    schema = json.loads(paths.SCHEMA.read_text(encoding="utf-8"))
    # The titles as text: how a quote is escaped (&#x27; or &#39;) is the template engine's choice.
    text = html.unescape(guide)
    for name, field in schema["properties"].items():
        assert f"<code>{name}</code>" in guide
        assert field["title"] in text


def test_intervention_page_can_be_cited_and_carries_structured_data(one_record_site):
    site = one_record_site
    page = (site / "interventies" / "proef-een" / "index.html").read_text(encoding="utf-8")
    assert '<script type="application/ld+json">' in page
    assert 'class="ww-cite">Wat werkt tegen ondermijning. (2025, 15 januari).' in page
