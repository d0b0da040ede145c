"""The schema's two forms: as editors read it (a Dutch message for every rule) and plain, as the
validator reads it. The one is made from the other and back without loss."""

import json

from catalogus import paths, schema
from catalogus.kinds import KINDS

PLAIN = {
    "type": "object",
    "additionalProperties": False,
    "required": ["title", "year"],
    "properties": {
        "title": {"type": "string", "minLength": 1, "maxLength": 20},
        "year": {"type": "integer", "minimum": 1900},
        "tags": {"type": "array", "items": {"type": "string"}, "uniqueItems": True},
    },
    "allOf": [
        {
            "if": {"required": ["year"]},
            "then": {
                "properties": {
                    "tags": {"minItems": 1, "errorMessage": "eigen uitleg"},
                    "title": {"not": {}, "errorMessage": "weg ermee"},
                }
            },
        }
    ],
}


def test_plain_takes_off_everything_for_editors_adds():
    assert schema.plain(schema.for_editors(PLAIN)) == PLAIN


def test_for_editors_leaves_no_rule_the_editor_words_in_english():
    editor = schema.for_editors(PLAIN)
    title = editor["properties"]["title"]
    assert "minLength" not in title and "maxLength" not in title
    assert title["errorMessage"] == schema.TYPE_MESSAGES["string"]
    assert '"not"' not in json.dumps(editor)
    assert "required" not in {key for key in editor if key != "allOf"}


def test_a_rule_with_its_own_message_keeps_it_for_the_editor():
    editor = schema.for_editors(PLAIN)
    tags = editor["allOf"][0]["then"]["properties"]["tags"]
    assert tags["errorMessage"] == "eigen uitleg"
    assert tags["allOf"][0]["then"]["else"]["errorMessage"] == "eigen uitleg"
    title = editor["allOf"][0]["then"]["properties"]["title"]
    assert title["allOf"][0]["then"]["errorMessage"] == "weg ermee"


def test_the_committed_schemas_are_in_the_editors_form():
    for kind in KINDS.values():
        committed = schema.read_schema(paths.SCHEMAS / kind.schema_file)
        assert schema.for_editors(schema.plain(committed)) == committed
        assert schema.GENERATED not in json.dumps(schema.plain(committed))
