"""Reading YAML files safely: plain data plus the line and column of every key and item.

Records come from pull requests anyone may open, so loading refuses anything beyond plain data:
YAML tags, anchors and aliases, duplicate keys, deep nesting, bytes that are not UTF-8 and files
over a size limit. Every refusal is a `LoadError` with a line and column, never a traceback.

Longer than most modules (about 300 lines) on purpose: each refusal is a few lines of the one
constructor that enforces it, and they read best together, as the one gate every file passes.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import yaml

MAX_FILE_BYTES = 200_000
MAX_NESTING_DEPTH = 50
MAX_INTEGER_BITS = 64

# Only the plain tags of the YAML core schema are constructed; `!!python/...`, `!!binary`,
# `!!timestamp`, `!!set` and custom tags are refused.
ALLOWED_TAGS = {
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}


class LoadError(Exception):
    def __init__(self, line: int, column: int, message: str, field: str = ""):
        super().__init__(message)
        self.line = line
        self.column = column
        self.message = message
        self.field = field


@dataclass
class Positions:
    """Where each mapping key and sequence item of a loaded document starts (1-based)."""

    by_container: dict[int, Any] = field(default_factory=dict)

    def locate(self, data: Any, path: tuple) -> tuple[int, int]:
        """The line and column of the deepest part of `path` that exists in `data`."""
        line, column = 1, 1
        container = data
        for step in path:
            marks = self.by_container.get(id(container))
            if marks is None:
                break
            try:
                line, column = marks[step]
                container = container[step]
            except (KeyError, IndexError, TypeError):
                break
        return line, column


def _position(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _RecordResolver(yaml.resolver.Resolver):
    """YAML 1.1 resolution without its surprises for editors.

    Dates stay strings (the schema checks their form), and only `true`/`false` are booleans:
    in YAML 1.1 `country: NO` (Norway) would otherwise become `False`.
    """

    yaml_implicit_resolvers: ClassVar[dict] = {
        first: [
            (tag, regexp)
            for tag, regexp in resolvers
            if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")
        ]
        for first, resolvers in yaml.resolver.Resolver.yaml_implicit_resolvers.items()
    }


_RecordResolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


class _RecordConstructor(yaml.constructor.SafeConstructor):
    def __init__(self) -> None:
        super().__init__()
        self.positions = Positions()

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        if node in self.constructed_objects:
            line, column = _position(node)
            raise LoadError(
                line,
                column,
                "ankers en aliassen (& en *) zijn niet toegestaan: schrijf de waarde voluit",
            )
        if node.tag not in ALLOWED_TAGS:
            line, column = _position(node)
            raise LoadError(
                line,
                column,
                f"YAML-tag {node.tag!r} is niet toegestaan: haal de tag (het woord met ! ervoor) weg",
            )
        if not isinstance(node, yaml.ScalarNode):
            return super().construct_object(node, deep)
        try:
            return super().construct_object(node, deep)
        except (ValueError, IndexError, KeyError):
            # An explicit tag on a value it does not fit (`!!int ""`, `!!bool foo`): PyYAML's
            # constructors fail on those with a bare Python error.
            line, column = _position(node)
            raise LoadError(
                line,
                column,
                f"de waarde {node.value[:40]!r} past niet bij de YAML-tag {node.tag!r}: "
                "haal de tag (het woord met ! ervoor) weg",
            ) from None

    def construct_yaml_map(self, node: yaml.MappingNode):
        mapping: dict = {}
        yield mapping
        marks = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                line, column = _position(key_node)
                raise LoadError(
                    line,
                    column,
                    f"sleutel {key!r} moet tekst zijn: zet hem tussen aanhalingstekens",
                )
            if key in mapping:
                line, column = _position(key_node)
                raise LoadError(
                    line,
                    column,
                    f"sleutel '{key}' komt dubbel voor (eerst op regel {marks[key][0]}): "
                    "voeg de twee samen tot één",
                    field=key,
                )
            mapping[key] = self.construct_object(value_node)
            marks[key] = _position(key_node)
        self.positions.by_container[id(mapping)] = marks

    def construct_yaml_seq(self, node: yaml.SequenceNode):
        items: list = []
        yield items
        items.extend(self.construct_object(child) for child in node.value)
        self.positions.by_container[id(items)] = [_position(child) for child in node.value]

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        # Python refuses to convert integers of more than 4300 decimal digits, either while
        # loading or later when a message shows the value; no record needs such a number.
        try:
            value = super().construct_yaml_int(node)
        except ValueError:
            if not node.value.lstrip("+-").replace("_", "").isdigit():
                raise  # not a number at all: construct_object says the tag does not fit
            value = None
        if value is None or value.bit_length() > MAX_INTEGER_BITS:
            line, column = _position(node)
            message = "dit getal is te groot: schrijf een jaartal of een klein getal"
            raise LoadError(line, column, message)
        return value


_RecordConstructor.add_constructor("tag:yaml.org,2002:map", _RecordConstructor.construct_yaml_map)
_RecordConstructor.add_constructor("tag:yaml.org,2002:seq", _RecordConstructor.construct_yaml_seq)
_RecordConstructor.add_constructor("tag:yaml.org,2002:int", _RecordConstructor.construct_yaml_int)


class _RecordLoader(yaml.cyaml.CParser, _RecordConstructor, _RecordResolver):
    def __init__(self, stream: str) -> None:
        yaml.cyaml.CParser.__init__(self, stream)
        _RecordConstructor.__init__(self)
        _RecordResolver.__init__(self)


# Every level of nesting below the first starts after one of these characters, which belongs to
# the level above: a flow bracket, a block indicator (`-`, `?`, `:`) or a line break (libyaml also
# breaks lines at CR, NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR).
_NESTING_MARKS = "[{-?:\n\r\x85\u2028\u2029"
# libyaml's composer recursed past its C stack between 20,000 and 40,000 levels; the fast path
# composes only what stays well below that, and measures the real depth on the way.
COMPOSER_SAFE_DEPTH = 2_000


def _nesting_bound(text: str) -> int:
    """A cheap upper bound on how deep `text` can nest, without parsing it.

    Counting characters (each `count` stays in C) rather than reading lines: an earlier bound
    read indentation after "\n" only, and a record with CR line breaks or compact `: - - -`
    values nested past it, deep enough to crash the composer.
    """
    return 1 + sum(map(text.count, _NESTING_MARKS))


def _check_nesting(text: str) -> None:
    """Refuse deep nesting before composing: PyYAML's C composer recurses and can crash."""
    if _nesting_bound(text) <= MAX_NESTING_DEPTH:
        return  # the usual record: no need to scan its events
    depth = 0
    for event in yaml.parse(text, Loader=yaml.CSafeLoader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_NESTING_DEPTH:
                line, column = _position(event)
                raise LoadError(
                    line,
                    column,
                    f"de gegevens zijn dieper genest dan {MAX_NESTING_DEPTH} niveaus: "
                    "maak de structuur vlakker",
                )
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


class _LeftToParse(Exception):
    """The fast pass met something it leaves to `parse` to accept or refuse in words."""


_STR, _SEQ, _MAP = (f"tag:yaml.org,2002:{name}" for name in ("str", "seq", "map"))
_OTHER_SCALARS = ALLOWED_TAGS - {_STR, _SEQ, _MAP}


class _PlainLoader(_RecordLoader):
    """The same parser and resolver as `parse`, building plain data without positions.

    It accepts a strict part of what `parse` accepts and builds the same data from it: plain
    mappings with text keys, sequences and scalars of the allowed tags, at most
    MAX_NESTING_DEPTH deep, no node reached twice (an alias). Everything else is left to `parse`.
    """

    def plain_data(self) -> Any:
        node = self.get_single_node()
        return None if node is None else self._plain(node, 0, set())

    def _plain(self, node: yaml.Node, depth: int, seen: set) -> Any:
        if node in seen:
            raise _LeftToParse  # an alias: the composer hands out the anchored node again
        seen.add(node)
        kind, tag = type(node), node.tag
        if kind is yaml.ScalarNode:
            if tag == _STR:
                return node.value
            if tag in _OTHER_SCALARS:
                return self.yaml_constructors[tag](self, node)
        elif depth >= MAX_NESTING_DEPTH:
            raise _LeftToParse
        elif kind is yaml.MappingNode and tag == _MAP:
            mapping: dict = {}
            for key_node, value_node in node.value:
                key = self._plain(key_node, depth + 1, seen)
                if type(key) is not str or key in mapping:
                    raise _LeftToParse
                mapping[key] = self._plain(value_node, depth + 1, seen)
            return mapping
        elif kind is yaml.SequenceNode and tag == _SEQ:
            return [self._plain(child, depth + 1, seen) for child in node.value]
        raise _LeftToParse


def _plain_data(text: str) -> Any:
    if "\t" in text or _nesting_bound(text) > COMPOSER_SAFE_DEPTH:
        raise _LeftToParse
    loader = _PlainLoader(text)
    try:
        return loader.plain_data()
    finally:
        loader.dispose()


def parse_fast(text: str) -> tuple[Any, Positions | None]:
    """What `parse` gives for `text`, but without positions (None) when it is plain data.

    Loading with positions builds every node in Python; most records are plain data and take the
    fast pass, and only a file that has a problem needs `parse` again for the problem's place.
    """
    try:
        return _plain_data(text), None
    except Exception:
        # Whatever the fast pass does not take, `parse` accepts or refuses with its message.
        return parse(text)


def decode(raw: bytes) -> str:
    """The text of a record file; a `LoadError` for a BOM or bytes that are not UTF-8."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raise LoadError(
            1,
            1,
            "het bestand begint met een byte-order mark (BOM): sla het op als UTF-8 zonder BOM",
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        raise LoadError(
            line,
            column,
            f"byte 0x{raw[error.start]:02x} is geen geldige UTF-8: sla het bestand op als UTF-8",
        ) from None


def parse(text: str) -> tuple[Any, Positions]:
    """Plain data from YAML text, with positions; a `LoadError` for anything else."""
    if "\t" in text:
        # Tabs are legal in some places and fatal in others; refusing them everywhere gives one
        # clear message instead of a confusing parser error.
        line = text.count("\n", 0, text.index("\t")) + 1
        column = text.index("\t") - (text.rfind("\n", 0, text.index("\t")) + 1) + 1
        raise LoadError(line, column, "gebruik spaties in plaats van tabs")
    try:
        _check_nesting(text)
        loader = _RecordLoader(text)
        try:
            data = loader.get_single_data()
        finally:
            loader.dispose()
    except yaml.reader.ReaderError as error:
        # A character YAML does not allow, such as a control character; `position` counts bytes
        # of the UTF-8 text the C parser reads.
        before = text.encode("utf-8")[: error.position].decode("utf-8", errors="ignore")
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        character = error.character if isinstance(error.character, int) else ord(error.character)
        raise LoadError(
            line,
            column,
            f"het teken U+{character:04X} (een stuurteken) mag niet in een record staan: "
            "haal het weg",
        ) from None
    except yaml.MarkedYAMLError as error:
        # For an unclosed quote or bracket the parser stops at the end of the file; where the
        # quote or bracket opened (the context) is what the editor needs to find.
        at_end = "end of stream" in (error.problem or "")
        mark = (error.context_mark if at_end else None) or error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise LoadError(line, column, f"YAML kan niet worden gelezen: {_describe(error)}") from None
    except yaml.YAMLError as error:
        raise LoadError(1, 1, f"YAML kan niet worden gelezen: {error}") from None
    return data, loader.positions


def _describe(error: yaml.MarkedYAMLError) -> str:
    problem = error.problem or error.context or "onbekende fout"
    hints = {
        "found unexpected end of stream": "een aanhalingsteken of haakje is niet gesloten",
        "found character that cannot start any token": "een teken dat hier niet mag staan",
        # PyYAML says "... not allowed here", the C parser "... not allowed in this context".
        "mapping values are not allowed": (
            "een dubbele punt op een onverwachte plek; zet de waarde tussen aanhalingstekens"
        ),
        "could not find expected ':'": "een regel zonder dubbele punt na de sleutel",
        "found undefined alias": "een alias (*) zonder bijbehorend anker",
        "but found another document": "een tweede document (na ---): een record is één document",
    }
    for english, dutch in hints.items():
        if english in problem:
            return f"{dutch} ({problem})"
    return problem


def read_file(path: Path) -> str:
    """The text of a record file, refusing files that are too large to be a record."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise LoadError(
                1,
                1,
                f"het bestand is {size} bytes; een record mag ten hoogste "
                f"{MAX_FILE_BYTES} bytes zijn: verkort de tekst",
            )
        with path.open("rb") as stream:
            raw = stream.read(MAX_FILE_BYTES + 1)
        if len(raw) > MAX_FILE_BYTES:
            # A special file, or one that grew since stat(), can hold more than its size says.
            raise LoadError(
                1,
                1,
                f"het bestand is groter dan {MAX_FILE_BYTES} bytes, het maximum voor een record: "
                "verkort de tekst",
            )
    except OSError as error:
        raise LoadError(1, 1, f"het bestand kan niet worden gelezen: {error.strerror}") from None
    return decode(raw)


def load_file(path: Path) -> tuple[Any, Positions]:
    return parse(read_file(path))
