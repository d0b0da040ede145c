"""The search index rewrite: page types as labels, list pages reduced, weights (no mkdocs)."""

import copy
import json
import re

import pytest

from catalogus import paths
from catalogus.build import generated_pages
from catalogus.records import load_catalogue
from catalogus.search_index import (
    introduction,
    is_copy,
    page_type,
    refine,
    refine_documents,
    write,
)

from .site_project import build, make_project

THEME_FIELDS = {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {"boost": 1000000.0}}


def index_of(*documents: dict) -> dict:
    """A search index as the theme writes it, with `documents`."""
    config = {"lang": ["nl"], "separator": "[\\s\\-]+", "pipeline": [], "fields": THEME_FIELDS}
    return {"config": config, "docs": list(documents)}


def document(location: str, title: str = "Titel", text: str = "<p>Tekst.</p>", **more) -> dict:
    return {"location": location, "title": title, "text": text, **more}


def documents_by_location(index: dict) -> dict[str, dict]:
    return {entry["location"]: entry for entry in index["docs"]}


@pytest.mark.parametrize(
    ("location", "label"),
    [
        ("interventies/wet-bibob/", "Interventie"),
        ("interventies/wet-bibob/#aanpak", "Interventie"),
        ("knelpunten/makelaar-geen-gereguleerd-beroep/", "Knelpunt"),
        ("casussen/sluiting-clubhuis-motorclub-heiloo/", "Casus"),
        ("fenomenen/vastgoed/", "Fenomeen"),
        ("interventies/", "Overzicht"),
        ("knelpunten/", "Overzicht"),
        ("casussen/", "Overzicht"),
        ("fenomenen/", "Overzicht"),
        ("regios/", "Overzicht"),
        ("buitenland/", "Overzicht"),
        ("buitenland/#vs-rico", "Overzicht"),
        ("bewijskaart/", "Overzicht"),
        ("nieuw/#november-2026", "Overzicht"),
        ("regios/landelijk/", "Regio"),
        ("landen/nl/", "Land"),
        ("soorten/bestuurlijk/", "Soort"),
        ("instrumenten/wet-bibob/", "Instrument"),
        ("", "Startpagina"),
        ("#laatst-beoordeeld", "Startpagina"),
        ("over/", "Pagina"),
        ("over/links/", "Pagina"),
        ("open-data/#feeds", "Pagina"),
        # A page somewhere else is an ordinary page, even if a folder name recurs in its path.
        ("proef/interventies/wet-bibob/", "Pagina"),
    ],
)
def test_page_type_follows_the_address(location, label):
    assert page_type(location) == label


@pytest.mark.parametrize(
    ("location", "copied"),
    [
        ("interventies/wet-bibob/", False),
        ("interventies/wet-bibob/#aanpak", False),
        ("interventies/wet-bibob/#verwante-interventies", True),
        ("interventies/wet-bibob/#gebruikt-in-casussen", True),
        ("casussen/heiloo/#gebruikte-interventies", True),
        ("knelpunten/makelaar/#aangepakt-door", True),
        ("fenomenen/vastgoed/#knelpunten", True),
        ("fenomenen/vastgoed/#casussen", True),
        ("fenomenen/vastgoed/#wat-het-is", False),
        ("regios/landelijk/", False),
        ("#laatst-beoordeeld", True),
        ("buitenland/#vs-rico", True),
        # A hand-written page's own section keeps its text, whatever its heading.
        ("over/#casussen", False),
        # The open-data page's generated field tables are reference, not content to find first.
        ("open-data/#knelpuntenjson-en-knelpuntencsv", True),
        ("open-data/", False),
    ],
)
def test_copies_are_the_sections_that_repeat_other_pages(location, copied):
    assert is_copy(location) == copied


@pytest.mark.parametrize(
    ("text", "own"),
    [
        (
            "Landelijk <p>Een landelijke aanpak.</p> <p>12 interventies.</p> <ul><li>X</li></ul>",
            "<p>Een landelijke aanpak.</p>",
        ),
        ("Fenomenen <ul><li><p>Vastgoed</p></li></ul>", ""),
        ("Regio's Noord-Holland1Noord-Nederland1", ""),
        ("<p>Een\nalinea.</p>", "<p>Een\nalinea.</p>"),
    ],
)
def test_introduction_is_the_first_paragraph_before_any_list(text, own):
    assert introduction(text) == own


def test_every_page_shows_its_type_once_and_keeps_its_own_tags():
    refined = refine(
        index_of(
            document("interventies/wet-bibob/"),
            document("interventies/wet-bibob/#aanpak"),
            document("over/", tags=["Uitleg"]),
        )
    )
    pages = documents_by_location(refined)
    assert pages["interventies/wet-bibob/"]["tags"] == ["Interventie"]
    assert pages["over/"]["tags"] == ["Pagina", "Uitleg"]
    # The theme shows the page's tags once, above its title; sections would repeat them.
    assert "tags" not in pages["interventies/wet-bibob/#aanpak"]


def test_list_pages_keep_their_title_and_introduction_only():
    summary = "Met de Wet Bibob kan een overheidsorgaan een vergunning weigeren."
    region = document(
        "regios/landelijk/",
        title="Landelijk",
        text=f"Landelijk <p>Een landelijke aanpak.</p> <ul><li>Wet Bibob{summary}</li></ul>",
    )
    home_section = document("#laatst-beoordeeld", text=f"<ul><li>Wet Bibob{summary}</li></ul>")
    refined = refine(index_of(document(""), home_section, region))
    pages = documents_by_location(refined)
    assert list(pages) == ["", "regios/landelijk/"]
    assert pages["regios/landelijk/"]["title"] == "Landelijk"
    assert pages["regios/landelijk/"]["text"] == "<p>Een landelijke aanpak.</p>"
    assert "Bibob" not in json.dumps(refined["docs"])


def test_record_pages_lose_only_the_sections_that_list_other_records():
    record = [
        document("interventies/wet-bibob/", text="<p>Met de Wet Bibob ...</p>"),
        document("interventies/wet-bibob/#aanpak", text="<ol><li>Een stap</li></ol>"),
        document("interventies/wet-bibob/#verwante-interventies", text="<ul><li>Emergo</li></ul>"),
    ]
    refined = refine(index_of(*copy.deepcopy(record)))
    assert refined["docs"] == [
        {**record[0], "tags": ["Interventie"]},
        record[1],
    ]


def test_weights_order_interventions_then_knelpunten_and_cases_then_lists():
    refined = refine(
        index_of(
            document("interventies/wet-bibob/"),
            document("fenomenen/vastgoed/"),
            document("over/"),
            document("knelpunten/makelaar/"),
            document("knelpunten/makelaar/#het-knelpunt"),
            document("casussen/heiloo/"),
            document("instrumenten/wet-bibob/"),
            document("interventies/"),
        )
    )
    boosts = {entry["location"]: entry.get("boost", 1) for entry in refined["docs"]}
    assert boosts == {
        "interventies/wet-bibob/": 1,
        "fenomenen/vastgoed/": 1,
        "over/": 1,
        "knelpunten/makelaar/": 0.8,
        "knelpunten/makelaar/#het-knelpunt": 0.8,
        "casussen/heiloo/": 0.8,
        "instrumenten/wet-bibob/": 0.5,
        "interventies/": 0.5,
    }


def test_a_boost_from_the_front_matter_wins():
    refined = refine(index_of(document("regios/landelijk/", boost=2)))
    assert refined["docs"][0]["boost"] == 2


def test_tags_are_shown_but_not_searched():
    refined = refine(index_of(document("over/")))
    assert refined["config"]["fields"] == {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}
    assert {key: refined["config"][key] for key in ("lang", "separator", "pipeline")} == {
        "lang": ["nl"],
        "separator": "[\\s\\-]+",
        "pipeline": [],
    }


def test_refining_twice_changes_nothing():
    index = index_of(
        document(""),
        document("#waar-de-interventies-lopen"),
        document("regios/landelijk/", text="Landelijk <p>Aanpak.</p> <ul><li>X</li></ul>"),
        document("interventies/wet-bibob/"),
        document("interventies/wet-bibob/#verwante-interventies"),
        document("casussen/heiloo/", tags=["Eigen"]),
    )
    once = refine(index)
    assert refine(copy.deepcopy(once)) == once


def test_write_puts_the_refined_index_over_the_file_the_theme_wrote(tmp_path):
    path = tmp_path / "search" / "search_index.json"
    path.parent.mkdir()
    path.write_text("{}", encoding="utf-8")
    index = index_of(document("casussen/heiloo/", title="Sluiting in Heiloo (Noord-Holland) – één"))
    write(tmp_path, index["config"], index["docs"])
    text = path.read_text(encoding="utf-8")
    assert json.loads(text) == refine(index)
    # Compact and in UTF-8, not escaped: the browser downloads the whole file.
    assert "– één" in text
    assert text == json.dumps(refine(index), ensure_ascii=False, separators=(",", ":"))


@pytest.mark.parametrize("count", [0, 1, 3])
def test_the_index_is_written_document_by_document_as_one_text_would_be(tmp_path, count):
    (tmp_path / "search").mkdir()
    index = index_of(*(document(f"interventies/proef-{number}/") for number in range(count)))
    write(tmp_path, index["config"], index["docs"])
    assert (tmp_path / "search" / "search_index.json").read_text("utf-8") == json.dumps(
        refine(index), ensure_ascii=False, separators=(",", ":")
    )


def test_a_page_refined_when_indexed_is_written_as_the_whole_index_refined(tmp_path):
    (tmp_path / "search").mkdir()
    pages = [
        [document("regios/landelijk/", text="<p>Landelijk.</p> <ul><li>X</li></ul>")],
        [
            document("interventies/wet-bibob/"),
            document("interventies/wet-bibob/#verwante-interventies"),
        ],
    ]
    index = index_of(*(each for page in pages for each in page))
    refined_per_page = [each for page in pages for each in refine_documents(page)]
    write(tmp_path, index["config"], refined_per_page)
    written = json.loads((tmp_path / "search" / "search_index.json").read_text("utf-8"))
    assert written == refine(index)


def test_the_built_site_has_the_refined_index(tmp_path, valid_record_data):
    project = make_project(tmp_path / "project", {"proef-een": valid_record_data})
    result = build(project)
    assert result.returncode == 0, result.stderr
    index = json.loads((project / "site" / "search" / "search_index.json").read_text("utf-8"))
    pages = documents_by_location(index)
    assert pages["interventies/proef-een/"]["tags"] == ["Interventie"]
    assert pages["interventies/"]["boost"] == 0.5
    # The overview lists the record with its summary; the index no longer repeats it there.
    assert valid_record_data["summary"] not in pages["interventies/"]["text"]
    assert "tags" not in index["config"]["fields"]
    # A fact's name and its value are two words in a result's excerpt, not one.
    record = pages["interventies/proef-een/"]["text"]
    assert "Fenomenen Ondermijning in de vastgoedketen" in record
    assert re.search(r"Status [A-Z]", record)


def test_no_page_runs_a_fact_name_into_its_value():
    """The theme's indexer takes a page's text as it stands: `<dt>Soort</dt><dd>Bestuurlijk`
    became "SoortBestuurlijk" in every result's excerpt. Every generated page of the catalogue,
    records of each kind among them, keeps the two apart."""
    pages = generated_pages(load_catalogue(paths.ROOT).only_public())
    assert any("<dt>" in content for content in pages.values())
    assert [path for path, content in pages.items() if "</dt><dd" in content] == []
