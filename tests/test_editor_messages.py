"""What an editor sees while typing: yaml-language-server itself (the language server of the YAML
extension of VS Code and other editors, pinned in package.json) checks broken records of every
kind against the repository's schemas, and every message it shows must be Dutch.

SYNTHETIC TEST DATA: the records are made from each schema (its examples and first enum values),
then broken one rule at a time; they describe nothing real.
"""

import copy
import json
import re
import subprocess
import threading
import time
from pathlib import Path

import jsonschema
import pytest
import yaml

from catalogus import paths, schema
from catalogus.kinds import INTERVENTIONS, KINDS
from catalogus.vocabularies import load_vocabularies

# Under pytest-xdist these tests share one worker: one yaml-language-server for the module.
pytestmark = [pytest.mark.ide, pytest.mark.xdist_group("test_editor_messages")]

LANGUAGE_SERVER = paths.ROOT / "node_modules" / "yaml-language-server"
# Valid values for the schemas' patterns (an id, a web address, a date).
PATTERN_SAMPLES = ("wet-bibob", "https://www.riec.nl/", "2026-11-23")
UNKNOWN_FIELD = "onbekend_veld"
INITIALIZE = {"processId": None, "rootUri": None, "capabilities": {}}


def english_messages() -> list[re.Pattern]:
    """Every message yaml-language-server words itself, as patterns with its placeholders open."""
    catalogue = json.loads((LANGUAGE_SERVER / "l10n" / "bundle.l10n.json").read_text("utf-8"))
    # Three messages are kept outside the bundle, in the validator's ProblemTypeMessages.
    validator = LANGUAGE_SERVER / "out/src/languageservice/parser/schemaValidation"
    source = (validator / "baseValidator.js").read_text("utf-8")
    block = source.split("ProblemTypeMessages = {", 1)[1].split("};", 1)[0]
    problem_types = re.findall(r"\]: '([^']*)'", block)
    assert len(problem_types) == 3, "yaml-language-server changed: update english_messages()"
    patterns = []
    for message in [*catalogue, *problem_types]:
        parts = re.split(r"\{\d+\}", message)
        patterns.append(re.compile(".*".join(re.escape(part) for part in parts), re.DOTALL))
    return patterns


class LanguageServer:
    """yaml-language-server over stdio, spoken to in LSP's JSON-RPC. A thread reads what it
    says, so a server that falls silent fails the test instead of hanging it."""

    def __init__(self):
        self.process = subprocess.Popen(
            ["node", str(LANGUAGE_SERVER / "bin" / "yaml-language-server"), "--stdio"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.writing = threading.Lock()
        self.diagnostics: dict[str, list[dict]] = {}
        self.initialized = threading.Event()
        threading.Thread(target=self.read, daemon=True).start()
        self.send({"id": 1, "method": "initialize", "params": INITIALIZE})
        assert self.initialized.wait(60), "yaml-language-server did not start"
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": {"yaml": {"validate": True}}})

    def send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        with self.writing:
            self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            self.process.stdin.flush()

    def notify(self, method: str, params: dict) -> None:
        self.send({"method": method, "params": params})

    def read(self) -> None:
        while message := self.receive():
            if message.get("id") == 1:
                self.initialized.set()
            elif message.get("method") == "workspace/configuration":
                # The server asks for its settings (yaml, http, [yaml], editor), in that order.
                settings = [{"validate": True}] + [{}] * (len(message["params"]["items"]) - 1)
                self.send({"id": message["id"], "result": settings})
            elif message.get("method") == "textDocument/publishDiagnostics":
                params = message["params"]
                self.diagnostics[params["uri"]] = params["diagnostics"]

    def receive(self) -> dict | None:
        length = 0
        while line := self.process.stdout.readline().strip():
            name, _, value = line.decode().partition(":")
            if name.lower() == "content-length":
                length = int(value)
        return json.loads(self.process.stdout.read(length)) if length else None

    def open(self, path: Path) -> str:
        uri = path.as_uri()
        document = {"uri": uri, "languageId": "yaml", "version": 1, "text": path.read_text("utf-8")}
        self.notify("textDocument/didOpen", {"textDocument": document})
        return uri

    def messages(self, uris: list[str], seconds: float = 60) -> dict[str, list[str]]:
        """The messages of every document, once each has been checked and found broken."""
        deadline = time.monotonic() + seconds
        while not all(self.diagnostics.get(uri) for uri in uris):
            if time.monotonic() > deadline:
                unchecked = [uri for uri in uris if not self.diagnostics.get(uri)]
                raise AssertionError(f"no problem shown for {len(unchecked)}: {unchecked[:5]}")
            time.sleep(0.1)
        return {uri: [item["message"] for item in self.diagnostics[uri]] for uri in uris}

    def close(self) -> None:
        self.process.kill()
        self.process.wait()


@pytest.fixture(scope="module")
def language_server():
    if not (LANGUAGE_SERVER / "bin" / "yaml-language-server").is_file():
        pytest.fail("yaml-language-server is missing: run 'make setup-test' (npm ci)")
    server = LanguageServer()
    yield server
    server.close()


def _sample(node: dict):
    """A valid value for a plain schema node."""
    if "examples" in node:
        return copy.deepcopy(node["examples"][0])
    if "enum" in node:
        return node["enum"][0]
    kind = node.get("type")
    if kind == "object":
        return {name: _sample(child) for name, child in node.get("properties", {}).items()}
    if kind == "array":
        return [_sample(node["items"])]
    if kind == "integer":
        return node.get("minimum", 2020)
    if kind == "boolean":
        return True
    if "pattern" in node:
        return next(text for text in PATTERN_SAMPLES if re.search(node["pattern"], text))
    return "Tekst"


def valid_record(plain_schema: dict) -> dict:
    """A record with every field, less the fields the schema's conditions refuse."""
    record = _sample(plain_schema)
    validator = jsonschema.Draft7Validator(plain_schema)
    for error in list(validator.iter_errors(record)):
        if error.absolute_path:
            record.pop(error.absolute_path[0], None)
    assert not list(validator.iter_errors(record)), "the synthetic record should be valid"
    return record


def _wrapper_message(node: dict, rule: dict) -> str:
    """The message of the generated wrapper that holds `rule`, such as {"minLength": 1}."""
    for entry in node.get("allOf", []):
        if entry.get("$comment") == schema.GENERATED and schema.plain({"allOf": [entry]}) == rule:
            return entry.get("else", entry)["errorMessage"]
    raise AssertionError(f"no message for {rule}")


def breakages(plain_node: dict, editor_node: dict, value, path=()):
    """(path, broken value or None to leave the field out, the message the editor should show)
    for every rule of the node and the nodes under it that `value` holds."""
    kind = plain_node.get("type")
    if path and kind:
        wrong = 12 if kind in ("string", "array", "object", "boolean") else "tekst"
        yield path, wrong, editor_node["errorMessage"]
    if "enum" in plain_node:
        yield path, "geen-bestaande-waarde", editor_node["errorMessage"]
    if "pattern" in plain_node:
        yield path, "Niet goed!", editor_node["patternErrorMessage"]
    rules = {
        "minLength": lambda limit: "",
        "maxLength": lambda limit: "x" * (limit + 1),
        "minItems": lambda limit: [],
        "maxItems": lambda limit: [*value, *value][: limit + 1],
        "uniqueItems": lambda unique: [value[0], value[0]],
        "minimum": lambda limit: limit - 1,
        "maximum": lambda limit: limit + 1,
    }
    if isinstance(value, list) and value and isinstance(value[0], dict):
        # yaml-language-server compares items by identity, so it finds no two mappings alike and
        # says nothing of them, in any language; the validator does report them.
        rules.pop("uniqueItems")
    for keyword, broken in rules.items():
        if keyword in plain_node:
            limit = plain_node[keyword]
            yield path, broken(limit), _wrapper_message(editor_node, {keyword: limit})
    if kind == "object":
        for name in plain_node.get("required", []):
            yield (*path, name), None, _wrapper_message(editor_node, {"required": [name]})
        if plain_node.get("additionalProperties") is False:
            yield (*path, UNKNOWN_FIELD), "x", editor_node["errorMessage"]
        for name, child in plain_node.get("properties", {}).items():
            if name in value:
                yield from breakages(
                    child, editor_node["properties"][name], value[name], (*path, name)
                )
    if kind == "array" and value:
        yield from breakages(plain_node["items"], editor_node["items"], value[0], (*path, 0))


def broken_copy(record: dict, path: tuple, value) -> dict:
    broken = copy.deepcopy(record)
    parent = broken
    for step in path[:-1]:
        parent = parent[step]
    if value is None:
        del parent[path[-1]]
    else:
        # Through JSON, so repeated items are copies, not one object that YAML would alias.
        parent[path[-1]] = json.loads(json.dumps(value))
    return broken


def write_record(folder: Path, name: str, schema_file: Path, data: dict) -> Path:
    path = folder / f"{name}.yml"
    modeline = f"# yaml-language-server: $schema={schema_file}\n"
    path.write_text(modeline + yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


# The cases from issue 16 the editor used to word in English, with the schema's own Dutch.
ISSUE_CASES = {
    "regio-leeg-nederlands": (
        {"country": "NL", "regions": []},
        "een Nederlandse interventie heeft minstens één regio: een RIEC-regio of 'landelijk'",
    ),
    "regio-buitenlands": (
        {"country": "BE", "regions": ["rotterdam"]},
        "een buitenlandse interventie heeft geen RIEC-regio's: laat 'regions' leeg of weg",
    ),
    "bronnen-leeg": (
        {"sources": []},
        "een openbare interventie heeft minstens één bron: voeg een bron toe met title, url en year",
    ),
    "overname-nederlands": (
        {"country": "NL", "adoption_in_nl": "Tekst"},
        "'adoption_in_nl' is alleen voor een buitenlandse aanpak: haal het weg",
    ),
    "tegenhangers-nederlands": (
        {"country": "NL", "dutch_counterparts": ["wet-bibob"]},
        "'dutch_counterparts' is alleen voor een buitenlandse aanpak: haal het weg",
    ),
    # And the same rules' messages for a field left out (None).
    "regio-ontbreekt-nederlands": (
        {"country": "NL", "regions": None},
        "een Nederlandse interventie heeft minstens één regio: voeg 'regions' toe met een "
        "RIEC-regio of 'landelijk'",
    ),
    "bronnen-ontbreken": (
        {"sources": None},
        "een openbare interventie heeft minstens één bron: voeg 'sources' toe met title, url en "
        "year",
    ),
}


def schema_messages(node) -> set[str]:
    """Every message a schema holds for an editor."""
    if isinstance(node, list):
        return set().union(*(schema_messages(value) for value in node))
    if not isinstance(node, dict):
        return set()
    own = {node[key] for key in ("errorMessage", "patternErrorMessage") if key in node}
    return own.union(*(schema_messages(value) for value in node.values()))


def test_every_rule_of_every_kind_speaks_dutch_in_the_editor(language_server, tmp_path):
    english = english_messages()
    vocabularies = load_vocabularies(paths.VOCABULARIES)
    expected: dict[str, str] = {}
    every_message: dict[str, set[str]] = {}
    for kind in KINDS.values():
        schema_file = paths.SCHEMAS / kind.schema_file
        editor_schema = schema.read_schema(schema_file)
        plain_schema = schema.schema_with_vocabularies(schema.plain(editor_schema), vocabularies)
        record = valid_record(plain_schema)
        folder = tmp_path / kind.folder
        folder.mkdir()
        cases = list(breakages(plain_schema, editor_schema, record))
        if kind is INTERVENTIONS:
            for name, (changes, message) in ISSUE_CASES.items():
                changed = {
                    key: value for key, value in (record | changes).items() if value is not None
                }
                path = write_record(folder, name, schema_file, changed)
                expected[language_server.open(path)] = message
        for number, (path, value, message) in enumerate(cases):
            path_file = write_record(
                folder, f"regel-{number}", schema_file, broken_copy(record, path, value)
            )
            expected[language_server.open(path_file)] = message
        every_message[kind.folder] = schema_messages(editor_schema)

    seen = language_server.messages(list(expected))

    english_seen = [
        (uri, message)
        for uri, messages in seen.items()
        for message in messages
        if any(pattern.fullmatch(message) for pattern in english)
    ]
    assert english_seen == []
    missing = [(uri, message) for uri, message in expected.items() if message not in seen[uri]]
    assert missing == []
    # Each rule of each kind was broken: every message its schema holds was shown.
    for folder, messages in every_message.items():
        shown = {message for uri in seen if f"/{folder}/" in uri for message in seen[uri]}
        assert messages - shown == set(), folder
