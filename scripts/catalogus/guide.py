"""Tables for the contributor guide, generated from the schema and the vocabularies so the guide
never drifts from what the validator checks."""

from .pages import escape
from .records import Catalogue


def _values(schema_property: dict) -> str:
    items = schema_property.get("items", schema_property)
    if "x-vocabulary" in items:
        return f"een term uit <code>vocabularies/</code> ({escape(items['x-vocabulary'])})"
    if "enum" in items:
        return ", ".join(f"<code>{escape(value)}</code>" for value in items["enum"])
    if "properties" in items:
        return "velden: " + ", ".join(
            f"<code>{escape(name)}</code>" for name in items["properties"]
        )
    return ""


def field_table(schema: dict, catalogue: Catalogue) -> str:
    required = set(schema.get("required", ()))
    rows = "".join(
        f"<tr><td><code>{escape(name)}</code></td><td><strong>"
        f"{escape(field.get('title', ''))}</strong><br>{escape(field.get('description', ''))}</td>"
        f"<td>{'ja' if name in required else 'nee'}</td><td>{_values(field)}</td></tr>"
        for name, field in schema["properties"].items()
    )
    return (
        '<div class="ww-matrix" role="region" aria-label="Velden van een record" tabindex="0">'
        '<table><thead><tr><th scope="col">Veld</th><th scope="col">Betekenis</th>'
        '<th scope="col">Verplicht</th><th scope="col">Waarden</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></div>"
    )


def vocabulary_table(catalogue: Catalogue, vocabulary: str) -> str:
    rows = "".join(
        f"<tr><td><code>{escape(term.slug)}</code></td><td>{escape(term.label)}</td>"
        f"<td>{escape(term.description)}</td></tr>"
        for term in catalogue.vocabularies[vocabulary].values()
    )
    return (
        '<table><thead><tr><th scope="col">Slug</th><th scope="col">Naam</th>'
        f'<th scope="col">Betekenis</th></tr></thead><tbody>{rows}</tbody></table>'
    )
