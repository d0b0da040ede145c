"""The site search finds records first and says what each result is.

Material for MkDocs writes `search/search_index.json`: one document per page and one per section
of a page, each with a `location`, `title` and `text`, and the fields to search with their
weights. Its search worker (mkdocs-material 9.x) builds the lunr index in the browser from this
file: it multiplies every score of a document by the document's `boost`, weighs a title word a
thousand times a text word, and shows a page's `tags` as labels under its title in the result
list. Rewriting the file after the build therefore changes search without touching the theme:

- every page gets its type (Interventie, Knelpunt, Casus, Fenomeen, Overzicht, ...) as a tag,
  shown with each result; tags are not searched, so "casus" does not match every case;
- list pages, whose text is mostly copies of record summaries, keep only their title and their
  first paragraph and lose their sections; record pages lose the sections that list related
  records with their summaries. A query then finds a record by its own text, not by every page
  that repeats its summary;
- weights decide between pages whose titles match alike: interventions and phenomena first,
  then knelpunten and cases, then list pages. A list whose title names the query (a region, a
  country) still comes before records that only mention it in their text.

The page types follow the site's addresses, a public contract documented on /over/links/.
"""

import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

# Record pages: /<folder>/<id>/.
RECORD_TYPES = {
    "interventies": "Interventie",
    "knelpunten": "Knelpunt",
    "casussen": "Casus",
    "fenomenen": "Fenomeen",
}
# Lists of the records with one term: /<folder>/<slug>/.
TERM_LIST_TYPES = {
    "regios": "Regio",
    "landen": "Land",
    "soorten": "Soort",
    "instrumenten": "Instrument",
}
# Pages that list records across the catalogue, besides the index page of each folder above.
# `nieuw`: the change log names every record; a search should find the record first.
OVERVIEW_FOLDERS = ("buitenland", "bewijskaart", "nieuw")
# Pages whose sections are generated field tables and file lists (`/open-data/`): a search for
# "knelpunten" should find the knelpunten, not the table of the columns of knelpunten.csv.
REFERENCE_FOLDERS = ("open-data",)
OVERVIEW = "Overzicht"
HOME = "Startpagina"
OTHER = "Pagina"
LIST_TYPES = (HOME, OVERVIEW, *TERM_LIST_TYPES.values())

# Weights against an intervention, a phenomenon or another page (1). They only order pages whose
# titles match alike: a title match outweighs any text match by far.
BOOSTS = {"Knelpunt": 0.8, "Casus": 0.8} | {label: 0.5 for label in LIST_TYPES}

# Sections of record pages that list related records with their summaries (heading anchors).
COPIED_SECTIONS = (
    "verwante-interventies",
    "gebruikt-in-casussen",
    "gebruikte-interventies",
    "aangepakt-door",
    "casussen",
    "knelpunten",
)

PARAGRAPH = re.compile(r"<p>.*?</p>", re.DOTALL)
LIST_START = re.compile(r"<[ou]l>")


def page_type(location: str) -> str:
    """The Dutch label of the page a search document belongs to, from its location."""
    parts = [part for part in location.split("#")[0].split("/") if part]
    if not parts:
        return HOME
    folder = parts[0]
    if len(parts) == 1 and (
        folder in RECORD_TYPES or folder in TERM_LIST_TYPES or folder in OVERVIEW_FOLDERS
    ):
        return OVERVIEW
    if len(parts) == 2 and folder in RECORD_TYPES:
        return RECORD_TYPES[folder]
    if len(parts) == 2 and folder in TERM_LIST_TYPES:
        return TERM_LIST_TYPES[folder]
    return OTHER


def is_copy(location: str) -> bool:
    """Whether a section repeats what other pages say: every section of a list page (charts,
    tables, record summaries), and the lists of related records on a record page."""
    page, _, anchor = location.partition("#")
    if not anchor:
        return False
    kind = page_type(page)
    folder = page.strip("/").split("/")[0]
    return (
        kind in LIST_TYPES
        or folder in REFERENCE_FOLDERS
        or (kind in RECORD_TYPES.values() and anchor in COPIED_SECTIONS)
    )


def introduction(text: str) -> str:
    """A list page's own text: its first paragraph, if that comes before any list."""
    list_start = LIST_START.search(text)
    before_lists = text[: list_start.start()] if list_start else text
    paragraph = PARAGRAPH.search(before_lists)
    return paragraph.group(0) if paragraph else ""


def refine_documents(documents: Iterable[dict]) -> Iterator[dict]:
    """Documents with types as tags, copies left out and list pages' text cut to their
    introduction. Refining refined documents changes nothing, so a page can be refined when it
    is indexed and the whole index again when it is written."""
    for document in documents:
        location = document["location"]
        if is_copy(location):
            continue
        document = dict(document)
        kind = page_type(location)
        if "#" not in location:
            tags = document.get("tags", [])
            document["tags"] = tags if kind in tags else [kind, *tags]
        if kind in LIST_TYPES:
            document["text"] = introduction(document["text"])
        if kind in BOOSTS:
            # A boost an editor set in the page's front matter (`search: boost:`) wins.
            document.setdefault("boost", BOOSTS[kind])
        yield document


def searched_config(config: dict) -> dict:
    """The index settings with tags shown but not searched."""
    fields = {name: field for name, field in config["fields"].items() if name != "tags"}
    return {**config, "fields": fields}


def refine(index: dict) -> dict:
    """The search index with refined documents and tags not searched (see above)."""
    config = searched_config(index["config"])
    return {**index, "config": config, "docs": list(refine_documents(index["docs"]))}


def _compact(value) -> str:
    # Compact, as the theme writes it: the browser downloads the whole file.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def write(site_dir: Path, config: dict, documents: Iterable[dict]) -> None:
    """Write the refined index of `documents` over the theme's file, as `_compact(refine(...))`
    would, one document at a time: the whole index as one text was the largest peak of a build
    at 10,000 records."""
    path = Path(site_dir) / "search" / "search_index.json"
    with path.open("w", encoding="utf-8") as file:
        file.write('{"config":' + _compact(searched_config(config)) + ',"docs":[')
        for number, document in enumerate(refine_documents(documents)):
            file.write(("," if number else "") + _compact(document))
        file.write("]}")
