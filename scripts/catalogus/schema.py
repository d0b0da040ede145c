"""The record schema: a JSON Schema file whose enums are filled from the vocabularies.

The committed schema file carries the vocabularies' slugs as enums so that editors' IDEs can offer
them; `catalogus schema` rewrites them, and the validator always uses fresh ones, so a vocabulary
change can never drift from what is checked.
"""

import copy
import json
from pathlib import Path
from typing import Any

from . import paths
from .kinds import KINDS
from .vocabularies import Vocabularies


def read_schema(path: Path = paths.SCHEMA) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _fill_enums(node: Any, vocabularies: Vocabularies) -> None:
    if isinstance(node, dict):
        name = node.get("x-vocabulary")
        if name:
            terms = vocabularies[name].values()
            node["enum"] = [term.slug for term in terms]
            node["enumDescriptions"] = [f"{term.label}: {term.description}" for term in terms]
        for value in node.values():
            _fill_enums(value, vocabularies)
    elif isinstance(node, list):
        for value in node:
            _fill_enums(value, vocabularies)


def schema_with_vocabularies(schema: dict, vocabularies: Vocabularies) -> dict:
    filled = copy.deepcopy(schema)
    _fill_enums(filled, vocabularies)
    return filled


def render(schema: dict) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def published_schemas(schema_directory: Path, vocabularies: Vocabularies) -> dict[str, str]:
    """The schema of every kind of record as the site publishes it, e.g. `schema/interventie.json`,
    so editors' IDEs and other tools can fetch it."""
    return {
        f"schema/{kind.schema_file.removesuffix('.schema.json')}.json": render(
            schema_with_vocabularies(read_schema(schema_directory / kind.schema_file), vocabularies)
        )
        for kind in KINDS.values()
        if (schema_directory / kind.schema_file).is_file()
    }
