"""Tables for the contributor guide, generated from the schema and the vocabularies so the guide
never drifts from what the validator checks."""

from dataclasses import dataclass

from markupsafe import Markup

from .records import Catalogue
from .rendering import render
from .schema import plain


@dataclass(frozen=True)
class Field:
    name: str
    title: str
    description: str
    required: bool
    takes: str  # what the values are: "vocabulary", "enum", "properties" (of an object) or ""
    values: tuple[str, ...]  # the vocabulary's name, the allowed values or the object's fields


def _field(name: str, schema_property: dict, required: bool) -> Field:
    items = schema_property.get("items", schema_property)
    takes, values = "", ()
    if "x-vocabulary" in items:
        takes, values = "vocabulary", (items["x-vocabulary"],)
    elif "enum" in items:
        takes, values = "enum", tuple(items["enum"])
    elif "properties" in items:
        takes, values = "properties", tuple(items["properties"])
    return Field(
        name,
        schema_property.get("title", ""),
        schema_property.get("description", ""),
        required,
        takes,
        values,
    )


def field_table(schema: dict, catalogue: Catalogue) -> Markup:
    schema = plain(schema)
    required = set(schema.get("required", ()))
    fields = [
        _field(name, schema_property, name in required)
        for name, schema_property in schema["properties"].items()
    ]
    return Markup(render("field_table.html", fields=fields))


def vocabulary_table(catalogue: Catalogue, vocabulary: str) -> Markup:
    return Markup(
        render("vocabulary_table.html", terms=catalogue.vocabularies[vocabulary].values())
    )


def parameter_table(facet_table, other_parameters) -> Markup:
    """The overview's query parameters for /over/links/: every facet, then free text, national
    approaches and sorting."""
    rows = [(facet.parameter, facet.values_description, facet.example) for facet in facet_table]
    rows += list(other_parameters)
    # Markdown (the page's own format), so the descriptions' `code` spans render.
    return Markup(render("parameter_table.md", rows=rows))
