"""A new intervention record: the id from the title, and a commented file with placeholders.

The comments come from the schema's Dutch titles and descriptions, so the template never drifts
from what the validator checks. Placeholders start with `VUL IN`; the validator refuses them
until an editor has filled them in.
"""

import json

from .checks import PLACEHOLDER, kebab_case
from .schema import plain
from .vocabularies import Vocabularies

MODELINE = "# yaml-language-server: $schema=../schema/interventie.schema.json"

# What an editor is asked for; everything else becomes a placeholder or a commented example.
ASKED = ("title", "phenomena", "regions", "country", "kinds")


def record_id(title: str) -> str:
    return kebab_case(title)


def _value(value) -> str:
    # JSON is valid YAML, and quotes every text safely.
    return json.dumps(value, ensure_ascii=False)


def _comment(schema_property: dict) -> str:
    text = schema_property.get("description", "")
    return f"# {schema_property.get('title', '')}: {text}"


def template(schema: dict, vocabularies: Vocabularies, answers: dict, today: str) -> str:
    """The text of a new record with the editor's answers filled in."""
    schema = plain(schema)
    properties = schema["properties"]
    required = set(schema["required"])
    evidence_levels = ", ".join(vocabularies["evidence_levels"])
    outcomes = ", ".join(vocabularies["outcomes"])
    statuses = ", ".join(vocabularies["statuses"])
    values = {
        **{key: answers[key] for key in ASKED if answers.get(key) is not None},
        "summary": f"{PLACEHOLDER}: één of twee gewone zinnen, ten hoogste 300 tekens",
        "description": f"{PLACEHOLDER}: wat de interventie is (doel, doelgroep, werkwijze)",
        "status": f"{PLACEHOLDER}: kies uit {statuses}",
        "evidence": {
            "level": f"{PLACEHOLDER}: kies uit {evidence_levels}",
            "explanation": f"{PLACEHOLDER}: waarom dit niveau",
        },
        "outcome": {
            "result": f"{PLACEHOLDER}: kies uit {outcomes}",
            "explanation": f"{PLACEHOLDER}: wat er bekend is over de resultaten, met bron",
        },
        "sources": [
            {"title": f"{PLACEHOLDER}: titel van de bron", "url": "https://", "year": None}
        ],
        "last_reviewed": today,
        "access": "public",
    }
    foreign_only = ("adoption_in_nl", "dutch_counterparts")
    lines = [MODELINE, f"# Nieuw record, gemaakt met 'catalogus new' op {today}.", ""]
    for key, schema_property in properties.items():
        if key in foreign_only and answers.get("country") == "NL":
            continue
        lines.append(_comment(schema_property))
        if key in values:
            value = values[key]
            if key == "sources":
                lines.append("sources:")
                lines.append(f"  - title: {_value(value[0]['title'])}")
                lines.append(f"    url: {_value(PLACEHOLDER + ': https://...')}")
                lines.append("    # year: 2024  (alleen als de bron een datum noemt)")
            elif isinstance(value, dict):
                lines.append(f"{key}:")
                lines.extend(f"  {name}: {_value(item)}" for name, item in value.items())
            else:
                lines.append(f"{key}: {_value(value)}")
        elif key in required:
            lines.append(f"{key}: {_value(PLACEHOLDER)}")
        else:
            example = schema_property.get("examples", [None])[0]
            shown = _value(example) if example is not None else "..."
            lines.append(f"# {key}: {shown}")
        lines.append("")
    return "\n".join(lines)
