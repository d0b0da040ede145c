"""Macros for hand-written pages that opt in with `render_macros: true` in their front matter.

Registered through mkdocs-macros (`modules: [catalogus.macros]`). The macros load the catalogue
themselves, from the folder of the config being built, so they do not depend on the hook having
run first. Their output comes from templates, with record text escaped; mkdocs-macros never
evaluates what a macro returns.
"""

import functools
from pathlib import Path

from markupsafe import Markup

from . import facets, guide, home_widgets, queries
from .build import load_settings, preview_settings
from .kinds import KINDS
from .records import Catalogue
from .rendering import render
from .schema import read_schema

FILTERS = {"phenomenon": "phenomena", "region": "regions", "country": "countries"}


def define_env(env) -> None:
    root = Path(env.conf.config_file_path).parent

    @functools.cache
    def catalogue() -> Catalogue:
        # Loaded at the first macro a page calls, after the hook's on_config loaded the same
        # files (and refused a catalogue with problems, in Dutch): `load_catalogue` then reuses
        # that validation instead of doing it twice per build.
        settings = load_settings(root, internal=bool(env.conf.extra.get("internal")), drafts=True)
        return preview_settings(settings)[0].catalogue

    def page_path() -> str:
        return env.page.file.src_uri

    def select(phenomenon: str | None, region: str | None, country: str | None):
        records = list(catalogue().interventions.values())
        for argument, value in (
            ("phenomenon", phenomenon),
            ("region", region),
            ("country", country),
        ):
            if value is None:
                continue
            vocabulary = FILTERS[argument]
            if value not in catalogue().vocabularies[vocabulary] and value != queries.ABROAD:
                raise ValueError(f"onbekende waarde {value!r} voor {argument}")
            records = [record for record in records if queries.matches(record, vocabulary, value)]
        return records

    @env.macro
    def editors_email_link() -> Markup:
        """The editors' address as a mail link (mkdocs.yml, extra.editors_email)."""
        address = env.conf.extra.get("editors_email", "")
        return Markup(render("mail_link.html", address=address))

    @env.macro
    def count_interventions(phenomenon=None, region=None, country=None) -> int:
        """How many public interventions match, e.g. `count_interventions(phenomenon='vastgoed')`."""
        return len(select(phenomenon, region, country))

    @env.macro
    def list_interventions(phenomenon=None, region=None, country=None) -> str:
        """A list of the matching interventions with their summaries."""
        records = select(phenomenon, region, country)
        return home_widgets.intervention_list(catalogue(), records, page_path())

    @env.macro
    def latest_reviewed(number=5) -> str:
        """The most recently reviewed interventions."""
        records = queries.newest_first(catalogue().interventions.values())[:number]
        return home_widgets.intervention_list(catalogue(), records, page_path())

    @env.macro
    def region_map() -> str:
        """The schematic map of the RIEC regions, shaded by their number of interventions."""
        return home_widgets.region_map(catalogue(), page_path())

    @env.macro
    def phenomenon_region_matrix() -> str:
        """How many interventions each phenomenon has per region and abroad."""
        return home_widgets.phenomenon_region_matrix(catalogue(), page_path())

    @env.macro
    def evidence_spread() -> str:
        """How many interventions rest on each level of evidence."""
        return home_widgets.evidence_spread(catalogue().interventions.values(), catalogue())

    @env.macro
    def schema_fields(kind="interventions") -> str:
        """A table of a record's fields from its schema: name, meaning, required, values."""
        schema = read_schema(root / "schema" / KINDS[kind].schema_file)
        return guide.field_table(schema, catalogue())

    @env.macro
    def vocabulary_table(vocabulary) -> str:
        """The terms of a vocabulary with their labels and descriptions."""
        return guide.vocabulary_table(catalogue(), vocabulary)

    @env.macro
    def question_form() -> str:
        """The home page's question: which phenomenon, in which region or abroad."""
        return home_widgets.question_form(catalogue(), page_path())

    @env.macro
    def filter_parameters() -> str:
        """The overview's query parameters, from the facet table the overview is built from."""
        return guide.parameter_table(facets.INTERVENTION_FACETS, facets.OTHER_PARAMETERS)
