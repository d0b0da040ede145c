"""Property test: whatever a file holds, `catalogus validate` answers with problems, not a crash.

Random bytes, random text, random YAML (dicts, lists and scalars dumped with `yaml.safe_dump`)
and the real records of interventions/ with random mutations go through
`catalogus.cli.main(["validate", path])` in-process. It must never raise, must return 0 or 1
(1 exactly when it reports a problem), and every line it prints on stdout is a problem
`path:line:column: field: message` of that file, at a line of the file (or its end). Nothing
from the file may reach the output as a control character: no terminal escape sequences, and
no line separator that would split one problem over two lines.

To keep the whole file well under 20 seconds, the validator is built once (the CLI builds it
from the same schema and vocabularies on every call) and the real catalogue is not read as
context: a reference to a real intervention is then simply reported as unknown.
"""

import contextlib
import functools
import io
import json
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from catalogus import cli, paths
from catalogus.validation import Validator

# Under pytest-xdist these tests share one worker: one validator for the module.
pytestmark = pytest.mark.xdist_group("test_validator_fuzz")

REAL_RECORDS = [
    path.read_text(encoding="utf-8") for path in sorted(paths.INTERVENTIONS.glob("*.yml"))
]
FOLDERS = ("interventions", "phenomena", "bottlenecks", "cases", "elders")
# Without the shrink phase a failure is reported as found: a few seconds instead of a minute.
FUZZ = settings(
    derandomize=True,
    database=None,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
# What YAML counts as a line break (PyYAML and libyaml agree): a problem's line must exist.
LINE_BREAKS = re.compile("\r\n|[\n\r\x85\u2028\u2029]")
# Characters that must never reach a terminal or CI log from a record: C0 and C1 controls (an
# escape sequence can clear and rewrite the screen) and Unicode line separators (one problem,
# one line). Line breaks between problems are "\n" only.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def _schema_keys() -> list[str]:
    """Every property name in the schemas, so random mappings look like records now and then."""
    keys: set[str] = set()

    def walk(node) -> None:
        if isinstance(node, dict):
            keys.update(node.get("properties", {}))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for schema in paths.SCHEMAS.glob("*.schema.json"):
        walk(json.loads(schema.read_text(encoding="utf-8")))
    return sorted(keys)


# --- Strategies ---------------------------------------------------------------------------------

# Any character a file can hold in UTF-8 (lone surrogates cannot be encoded).
characters = st.characters(blacklist_categories=("Cs",))
texts = st.text(characters, max_size=40)
keys = st.sampled_from(_schema_keys()) | texts
scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | texts
    | st.sampled_from(["NL", "NO", "yes", "2026-02-30", "1e3", "0x1F", "~", "https://x.nl/"])
)
values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=5),
    max_leaves=30,
)
documents = st.dictionaries(keys, values, max_size=12) | values


@st.composite
def random_yaml(draw) -> str:
    return yaml.safe_dump(
        draw(documents),
        allow_unicode=draw(st.booleans()),
        default_flow_style=draw(st.sampled_from([False, True, None])),
        sort_keys=False,
        width=draw(st.sampled_from([80, 10_000])),
    )


REPLACEMENT_VALUES = [
    "123", "-1", "0x1F", "1.5e3", ".nan", "null", "~", "true", "no", "[]", "{}", "[a, b]",
    "{a: 1}", "''", '"tekst"', "2026-01-01", "99999999999999999999999", "|", ">-", "&anker x",
    "*anker", "!!python/object:os.system", "'open", "[open", "- lijst", "a: b: c",
]  # fmt: skip
KEY_VALUE = re.compile(r"^(\s*(?:- )?[\w-]+:)( .*)?$")


def _line_index(draw, lines: list[str]) -> int:
    return draw(st.integers(0, max(len(lines) - 1, 0)))


def delete_key(draw, text: str) -> str:
    """Remove a key with its whole block (the lines indented below it)."""
    lines = text.splitlines(keepends=True)
    starts = [index for index, line in enumerate(lines) if KEY_VALUE.match(line.rstrip("\n"))]
    if not starts:
        return text
    start = draw(st.sampled_from(starts))
    indent = len(lines[start]) - len(lines[start].lstrip(" -"))
    end = start + 1
    while end < len(lines) and (
        not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip(" ")) > indent
    ):
        end += 1
    return "".join(lines[:start] + lines[end:])


def change_type(draw, text: str) -> str:
    """Give a key another kind of value: a number, a list, a mapping, null, a broken token."""
    lines = text.splitlines(keepends=True)
    candidates = [index for index, line in enumerate(lines) if KEY_VALUE.match(line.rstrip("\n"))]
    if not candidates:
        return text
    index = draw(st.sampled_from(candidates))
    key = KEY_VALUE.match(lines[index].rstrip("\n")).group(1)
    lines[index] = f"{key} {draw(st.sampled_from(REPLACEMENT_VALUES))}\n"
    return "".join(lines)


def insert_line(draw, text: str) -> str:
    lines = text.splitlines(keepends=True)
    indent = " " * draw(st.sampled_from([0, 2, 4, 7]))
    line = indent + draw(st.text(characters, max_size=60) | st.sampled_from(REPLACEMENT_VALUES))
    lines.insert(draw(st.integers(0, len(lines))), line + "\n")
    return "".join(lines)


def truncate(draw, text: str) -> str:
    return text[: draw(st.integers(0, len(text)))]


def duplicate_line(draw, text: str) -> str:
    lines = text.splitlines(keepends=True)
    if not lines:
        return text
    index = _line_index(draw, lines)
    return "".join([*lines[: index + 1], lines[index], *lines[index + 1 :]])


def change_data(draw, text: str) -> str:
    """On the data rather than the text: delete an item, or give it a random value, and dump."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return text
    containers = []

    def collect(node) -> None:
        if isinstance(node, dict) and node:
            containers.append(node)
            for value in node.values():
                collect(value)
        elif isinstance(node, list) and node:
            containers.append(node)
            for value in node:
                collect(value)

    collect(data)
    if not containers:
        return text
    container = draw(st.sampled_from(containers))
    key = draw(
        st.sampled_from(list(container) if isinstance(container, dict) else range(len(container)))
    )
    if draw(st.booleans()):
        del container[key]
    else:
        container[key] = draw(values)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


MUTATIONS = [delete_key, change_type, insert_line, truncate, duplicate_line, change_data]


@st.composite
def mutated_records(draw) -> str:
    text = draw(st.sampled_from(REAL_RECORDS))
    for mutation in draw(st.lists(st.sampled_from(MUTATIONS), min_size=1, max_size=3)):
        text = mutation(draw, text)
    return text


# --- Running the validator ----------------------------------------------------------------------


@functools.cache
def _validator(schema_directory: Path, vocabularies_file: Path) -> Validator:
    return Validator.for_catalogue(schema_directory, cli.load_vocabularies(vocabularies_file))


class _OnceBuiltValidator(Validator):
    @classmethod
    def for_catalogue(cls, schema_directory, vocabularies, allowlist=None):
        return _validator(schema_directory, paths.VOCABULARIES)


@pytest.fixture(scope="module")
def validate(tmp_path_factory):
    """Write content to <folder>/proef-fuzz.yml and run `catalogus validate` on it in-process."""
    root = tmp_path_factory.mktemp("fuzz")
    empty = root / "no-catalogue"
    empty.mkdir()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(paths, "INTERVENTIONS", empty)
        patch.setattr(cli, "Validator", _OnceBuiltValidator)

        def run(content: bytes, folder: str = "interventions"):
            path = root / folder / "proef-fuzz.yml"
            path.parent.mkdir(exist_ok=True)
            path.write_bytes(content)
            stdout, stderr = io.StringIO(), io.StringIO()
            with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
                code = cli.main(["validate", str(path)])
            return path, code, stdout.getvalue()

        yield run


def check(validate, content: bytes, folder: str = "interventions") -> None:
    path, code, stdout = validate(content, folder)
    assert code in (0, 1)
    raw = [line for line in stdout.split("\n") if CONTROL.search(line)]
    assert not raw, "control characters reach the output:\n" + "\n".join(map(repr, raw[:3]))
    lines = stdout.splitlines()
    assert (code == 1) == bool(lines), stdout
    text = content.decode("utf-8", errors="replace")
    # The end of the file counts as a line: libyaml reports an error at the end of a file without
    # a final line break on the line after the last one.
    last_line = len(LINE_BREAKS.findall(text)) + 2
    problem = re.compile(re.escape(str(path)) + r":(\d+):(\d+): ")
    for line in lines:
        match = problem.match(line)
        assert match, f"not a problem of {path}: {line!r}"
        assert 1 <= int(match[1]) <= last_line, line
        assert int(match[2]) >= 1, line


# --- The properties -----------------------------------------------------------------------------


def test_the_real_records_are_there_to_mutate():
    assert len(REAL_RECORDS) >= 10


@settings(FUZZ, max_examples=30)
@given(content=st.binary(max_size=2_000))
def test_random_bytes(validate, content):
    check(validate, content)


@settings(FUZZ, max_examples=30)
@given(text=st.text(characters, max_size=500))
def test_random_text(validate, text):
    check(validate, text.encode("utf-8"))


@settings(FUZZ, max_examples=60)
@given(text=random_yaml(), folder=st.sampled_from(FOLDERS))
# Found by this test: a key or value with an escape sequence, a C1 control or a Unicode line
# separator (all legal in a double-quoted YAML string) reaches the output as it is.
@example(text='"\\e[2J\\e[1;1H": 1\n', folder="interventions")
@example(text='? "\\N"\n: null\n', folder="interventions")
@example(text='country: "\\e[31mNL"\n', folder="interventions")
@example(text='"a\\u2028/x.yml:1:1: -: nep": 1\n', folder="cases")
def test_random_yaml(validate, text, folder):
    check(validate, text.encode("utf-8"), folder)


@settings(FUZZ, max_examples=80)
@given(text=mutated_records())
def test_mutated_real_records(validate, text):
    check(validate, text.encode("utf-8"))
