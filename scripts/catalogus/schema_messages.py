"""JSON Schema errors in Dutch: each error translated per keyword into a finding an editor can act
on, with "bedoelde u …?" suggestions, and combinators unwrapped to the errors that explain them."""

import re
from collections.abc import Iterable, Iterator
from typing import Any

import jsonschema

from . import checks

TYPE_NAMES = {
    "string": "tekst",
    "integer": "een geheel getal",
    "number": "een getal",
    "array": "een lijst",
    "object": "een groep velden (sleutel: waarde)",
    "boolean": "true of false",
    "null": "leeg",
}

VOCABULARY_NAMES = {
    "phenomena": "fenomenen",
    "regions": "regio's",
    "countries": "landen (ISO-codes)",
    "kinds": "soorten interventie",
    "instruments": "juridische instrumenten",
    "barrier_steps": "stappen van het bedrijfsproces",
    "statuses": "statussen",
    "evidence_levels": "niveaus van onderbouwing",
    "outcomes": "uitkomsten",
    "bottleneck_kinds": "soorten knelpunt",
    "bottleneck_statuses": "statussen van knelpunten",
}


def type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "true of false"
    if value is None:
        return "leeg"
    for json_type, python_type in (("integer", int), ("number", float), ("string", str)):
        if isinstance(value, python_type):
            return TYPE_NAMES[json_type]
    return TYPE_NAMES["array"] if isinstance(value, list) else TYPE_NAMES["object"]


def _quote(value: Any) -> str:
    text = value if isinstance(value, str) else repr(value)
    return f"'{text[:60]}…'" if len(text) > 60 else f"'{text}'"


def findings(error: jsonschema.ValidationError) -> list[checks.Finding]:
    """The findings for one schema error: one per unknown field."""
    schema = error.schema if isinstance(error.schema, dict) else {}
    if error.validator == "additionalProperties" and "errorMessage" not in schema:
        # jsonschema names every unknown field of a mapping in one error.
        known = schema.get("properties", {})
        path = tuple(error.absolute_path)
        extra = sorted(key for key in error.instance if key not in known)
        return [_unknown_field(path, unknown, known) for unknown in extra]
    return [_schema_message(error)]


def _unknown_field(path: tuple, unknown: str, known: dict) -> checks.Finding:
    return checks.Finding(
        (*path, unknown),
        _schema_code("additionalProperties"),
        _unknown_field_message(unknown, known),
    )


def _unknown_field_message(unknown: str, known: dict) -> str:
    return f"onbekend veld '{unknown}'{checks.suggest(unknown, known)}: toegestaan zijn {', '.join(known)}"


def _schema_code(keyword: str) -> str:
    """`maxLength` → `schema-max-length`: the schema keyword names the rule."""
    return "schema-" + re.sub(r"(?<!^)(?=[A-Z])", "-", keyword).lower()


def _schema_message(error: jsonschema.ValidationError) -> checks.Finding:
    """The finding for one schema error: field path, code and Dutch message."""
    path, message = _schema_path_and_message(error)
    return checks.Finding(path, _schema_code(error.validator), message)


def _schema_path_and_message(error: jsonschema.ValidationError) -> tuple[tuple, str]:
    path = tuple(error.absolute_path)
    schema = error.schema if isinstance(error.schema, dict) else {}
    keyword, expected, value = error.validator, error.validator_value, error.instance
    if keyword == "required":
        # Named as the field, also when the schema words the message (as for `regions` and
        # `sources`), so the editor and a GitHub annotation see which field is meant.
        # jsonschema reports each missing field as its own error, named only in the message.
        absent = [name for name in expected if name not in value]
        missing = next((name for name in absent if error.message.startswith(repr(name))), absent[0])
        message = f"verplicht veld '{missing}' ontbreekt: voeg het toe"
        return (*path, missing), schema.get("errorMessage", message)
    if "errorMessage" in schema:
        return path, schema["errorMessage"]
    if keyword == "additionalProperties":
        known = schema.get("properties", {})
        extra = sorted(key for key in value if key not in known)
        return (*path, extra[0]), _unknown_field_message(extra[0], known)
    if keyword == "enum":
        vocabulary = schema.get("x-vocabulary")
        suggestion = checks.suggest(str(value), expected)
        if vocabulary:
            listing = "" if len(expected) > 30 else f": kies uit {', '.join(expected)}"
            return path, (
                f"{_quote(value)} staat niet in de woordenlijst {VOCABULARY_NAMES[vocabulary]} "
                f"(vocabularies/){suggestion}{listing}"
            )
        return (
            path,
            f"{_quote(value)} is niet toegestaan{suggestion}: kies uit {', '.join(expected)}",
        )
    if keyword == "type":
        message = f"moet {TYPE_NAMES.get(expected, expected)} zijn, niet {type_name(value)}"
        if expected == "string" and isinstance(value, dict):
            # The usual cause: an unquoted text with ": " in it reads as a key and a value.
            message += (
                ": staat er een dubbele punt in de tekst? Zet de tekst dan tussen aanhalingstekens"
            )
        return path, message
    if keyword == "pattern":
        hint = schema.get("patternErrorMessage", "de vorm klopt niet")
        return path, f"{_quote(value)} heeft niet de juiste vorm: {hint}"
    if keyword == "maxLength":
        return (
            path,
            f"is {len(value)} tekens lang; ten hoogste {expected} toegestaan: verkort de tekst",
        )
    if keyword == "minLength":
        return path, "mag niet leeg zijn: vul een waarde in of laat het veld weg"
    if keyword == "minItems":
        return path, f"moet minstens {expected} waarde(n) bevatten"
    if keyword == "maxItems":
        return path, f"mag ten hoogste {expected} waarde(n) bevatten"
    if keyword == "uniqueItems":
        seen, double = [], None
        for item in value:
            if item in seen:
                double = item
                break
            seen.append(item)
        return path, f"{_quote(double)} staat er dubbel in: haal er één weg"
    if keyword == "minimum":
        return path, f"moet minstens {expected} zijn"
    if keyword == "maximum":
        return path, f"mag ten hoogste {expected} zijn"
    return path, f"voldoet niet aan het schema ({keyword}: {error.message})"


def leaf_errors(
    errors: Iterable[jsonschema.ValidationError],
) -> Iterator[jsonschema.ValidationError]:
    """Errors of combinators (allOf, if/then) unwrapped to the errors that explain them."""
    for error in errors:
        if error.context:
            yield from leaf_errors(error.context)
        else:
            yield error
