"""Macros for hand-written pages that opt in with `render_macros: true` in their front matter.

Registered through mkdocs-macros (`modules: [catalogus.macros]`). Their output is markdown built
by `pages`, with record text escaped; mkdocs-macros never evaluates what a macro returns.
"""

from . import charts, guide, pages, paths
from .kinds import KINDS
from .schema import read_schema
from .site import current_catalogue

FILTERS = {"phenomenon": "phenomena", "region": "regions", "country": "countries"}


def _select(phenomenon: str | None, region: str | None, country: str | None):
    catalogue = current_catalogue()
    records = list(catalogue.interventions.values())
    for argument, value in (("phenomenon", phenomenon), ("region", region), ("country", country)):
        if value is None:
            continue
        vocabulary = FILTERS[argument]
        if value not in catalogue.vocabularies[vocabulary] and value != pages.ABROAD:
            raise ValueError(f"onbekende waarde {value!r} voor {argument}")
        records = [record for record in records if pages.matches(record, vocabulary, value)]
    return catalogue, records


def define_env(env) -> None:
    def page_path() -> str:
        return env.page.file.src_uri

    @env.macro
    def count_interventions(phenomenon=None, region=None, country=None) -> int:
        """How many public interventions match, e.g. `count_interventions(phenomenon='vastgoed')`."""
        return len(_select(phenomenon, region, country)[1])

    @env.macro
    def list_interventions(phenomenon=None, region=None, country=None) -> str:
        """A list of the matching interventions with their summaries, as markdown."""
        catalogue, records = _select(phenomenon, region, country)
        return pages.intervention_list(catalogue, records, page_path())

    @env.macro
    def latest_reviewed(number=5) -> str:
        """The most recently reviewed interventions."""
        catalogue = current_catalogue()
        records = sorted(
            catalogue.interventions.values(), key=lambda record: record.last_reviewed, reverse=True
        )
        return pages.intervention_list(catalogue, records[:number], page_path())

    @env.macro
    def region_map() -> str:
        """The schematic map of the RIEC regions, shaded by their number of interventions."""
        return charts.region_map(current_catalogue(), page_path())

    @env.macro
    def phenomenon_region_matrix() -> str:
        """How many interventions each phenomenon has per region and abroad."""
        return charts.phenomenon_region_matrix(current_catalogue(), page_path())

    @env.macro
    def evidence_spread() -> str:
        """How many interventions rest on each level of evidence."""
        catalogue = current_catalogue()
        return charts.evidence_spread(catalogue.interventions.values(), catalogue)

    @env.macro
    def schema_fields(kind="interventions") -> str:
        """A table of a record's fields from its schema: name, meaning, required, values."""
        return guide.field_table(
            read_schema(paths.SCHEMAS / KINDS[kind].schema_file), current_catalogue()
        )

    @env.macro
    def vocabulary_table(vocabulary) -> str:
        """The terms of a vocabulary with their labels and descriptions."""
        return guide.vocabulary_table(current_catalogue(), vocabulary)

    @env.macro
    def question_form() -> str:
        """The home page's question: which phenomenon, in which region or abroad."""
        return pages.question_form(current_catalogue(), page_path())
