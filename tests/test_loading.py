"""Safe YAML loading: every refusal is a LoadError with a position, and plain data stays plain."""

import contextlib
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalogus import loading, paths
from catalogus.loading import LoadError, decode, load_file, parse, read_file


def refusal(text: str) -> LoadError:
    with pytest.raises(LoadError) as caught:
        parse(text)
    return caught.value


def position(error: LoadError) -> tuple[int, int]:
    return error.line, error.column


# Reading and decoding


def test_read_file_returns_text(tmp_path):
    path = tmp_path / "a.yml"
    path.write_text("title: Één\n", encoding="utf-8")
    assert read_file(path) == "title: Één\n"


def test_file_over_the_size_limit_is_refused_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "big.yml"
    path.write_bytes(b"a: b\n" * 10)
    monkeypatch.setattr(loading, "MAX_FILE_BYTES", 49)
    with pytest.raises(LoadError) as caught:
        read_file(path)
    assert position(caught.value) == (1, 1)
    assert "het bestand is 50 bytes; een record mag ten hoogste 49 bytes zijn" in str(caught.value)


def test_file_of_exactly_the_size_limit_is_read(tmp_path, monkeypatch):
    path = tmp_path / "limit.yml"
    path.write_bytes(b"a: b\n" * 10)
    monkeypatch.setattr(loading, "MAX_FILE_BYTES", 50)
    assert read_file(path) == "a: b\n" * 10


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_file_larger_than_its_reported_size_is_refused():
    # /dev/zero reports size 0 but never ends; only MAX_FILE_BYTES + 1 bytes may be read.
    with pytest.raises(LoadError) as caught:
        read_file(Path("/dev/zero"))
    assert "groter dan 200000 bytes" in caught.value.message


def test_missing_file_is_a_load_error(tmp_path):
    with pytest.raises(LoadError) as caught:
        read_file(tmp_path / "bestaat-niet.yml")
    assert position(caught.value) == (1, 1)
    assert "het bestand kan niet worden gelezen" in caught.value.message


def test_directory_is_a_load_error(tmp_path):
    with pytest.raises(LoadError) as caught:
        read_file(tmp_path)
    assert "het bestand kan niet worden gelezen" in caught.value.message


def test_byte_order_mark_is_refused():
    with pytest.raises(LoadError) as caught:
        decode(b"\xef\xbb\xbftitle: x\n")
    assert position(caught.value) == (1, 1)
    assert "byte-order mark (BOM)" in caught.value.message


def test_invalid_utf8_reports_line_and_column_of_the_byte():
    with pytest.raises(LoadError) as caught:
        decode(b"title: x\nsummary: y\nlessons: Caf" + b"\xe9 \n")
    assert position(caught.value) == (3, 13)
    assert "byte 0xe9 is geen geldige UTF-8" in caught.value.message


def test_utf8_text_is_decoded():
    assert decode("title: geïntimideerd €\n".encode()) == "title: geïntimideerd €\n"


def test_load_file_returns_data_and_positions(tmp_path):
    path = tmp_path / "a.yml"
    path.write_text("title: x\nkinds:\n  - a\n  - b\n", encoding="utf-8")
    data, positions = load_file(path)
    assert data == {"title": "x", "kinds": ["a", "b"]}
    assert positions.locate(data, ("kinds", 1)) == (4, 5)


# Refusals while parsing


def test_tab_is_refused_at_its_position():
    error = refusal("title: x\nsummary:\n  a\tb\n")
    assert position(error) == (3, 4)
    assert error.message == "gebruik spaties in plaats van tabs"


def test_tab_on_the_first_line_is_located():
    assert position(refusal("\ttitle: x\n")) == (1, 1)


def test_alias_is_refused():
    error = refusal("a: &anker x\nb: *anker\n")
    assert position(error) == (1, 4)  # an alias is the anchored node itself, so: the anchor
    assert "ankers en aliassen (& en *) zijn niet toegestaan" in error.message


def test_recursive_alias_is_refused():
    assert "ankers en aliassen" in refusal("a: &a [*a]\n").message


def test_merge_key_is_refused():
    assert "niet toegestaan" in refusal("a: &a {x: 1}\nb:\n  <<: *a\n").message


def test_anchor_without_alias_loads():
    assert parse("a: &anker x\n")[0] == {"a": "x"}


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("a: !!python/object/apply:os.system [echo]\n", "tag:yaml.org,2002:python/object/apply"),
        ("a: !!python/name:os.system\n", "tag:yaml.org,2002:python/name:os.system"),
        ("a: !!binary aGVsbG8=\n", "tag:yaml.org,2002:binary"),
        ("a: !!timestamp 2020-01-01\n", "tag:yaml.org,2002:timestamp"),
        ("a: !!set {x}\n", "tag:yaml.org,2002:set"),
        ("a: !!omap [x: 1]\n", "tag:yaml.org,2002:omap"),
        ("a: !include other.yml\n", "!include"),
        ("a: !<tag:example.org,2026:x> y\n", "tag:example.org,2026:x"),
    ],
)
def test_tags_beyond_plain_data_are_refused(text, tag):
    error = refusal(text)
    assert position(error) == (1, 4)
    assert error.message.startswith(f"YAML-tag '{tag}")
    assert "is niet toegestaan" in error.message


def test_tag_directive_cannot_smuggle_a_python_tag():
    text = "%TAG !py! tag:yaml.org,2002:python/\n---\na: !py!object/apply:os.system [echo]\n"
    assert "YAML-tag 'tag:yaml.org,2002:python/object/apply:os.system'" in refusal(text).message


def test_plain_core_tags_are_allowed():
    text = "a: !!str 1\nb: !!int '2'\nc: !!float '1.5'\nd: !!bool 'true'\ne: !!null ''\n"
    assert parse(text)[0] == {"a": "1", "b": 2, "c": 1.5, "d": True, "e": None}


@pytest.mark.parametrize(
    ("text", "shown"),
    [("1: a\n", "1"), ("~: a\n", "None"), ("true: a\n", "True"), ("? [a]\n: b\n", "['a']")],
)
def test_keys_must_be_text(text, shown):
    error = refusal(text)
    assert error.message == f"sleutel {shown} moet tekst zijn: zet hem tussen aanhalingstekens"


def test_duplicate_key_names_the_field_and_the_first_line():
    error = refusal("title: a\nsummary: b\ntitle: c\n")
    assert position(error) == (3, 1)
    assert error.field == "title"
    assert "sleutel 'title' komt dubbel voor (eerst op regel 1)" in error.message


def test_nested_duplicate_key_is_refused():
    error = refusal("evidence:\n  level: a\n  level: b\n")
    assert position(error) == (3, 3)
    assert error.field == "level"


TOO_DEEP = loading.MAX_NESTING_DEPTH + 1


def test_nesting_up_to_the_limit_loads():
    depth = loading.MAX_NESTING_DEPTH
    data, _ = parse("[" * depth + "]" * depth)
    for _ in range(depth - 1):
        data = data[0]
    assert data == []


@pytest.mark.parametrize(
    "text",
    [
        "a: " + "[" * TOO_DEEP + "]" * TOO_DEEP,
        "a: " + "{b: " * TOO_DEEP + "x" + "}" * TOO_DEEP,
        "a:\n  " + "- " * TOO_DEEP + "x\n",
        "".join("  " * level + f"k{level}:\n" for level in range(TOO_DEEP))
        + "  " * TOO_DEEP
        + "x\n",
    ],
    ids=["flow-list", "flow-mapping", "block-list", "block-mapping"],
)
def test_nesting_beyond_the_limit_is_refused(text):
    error = refusal(text)
    assert f"dieper genest dan {loading.MAX_NESTING_DEPTH} niveaus" in error.message


def test_nesting_that_crashed_the_c_parser_is_refused_in_a_subprocess(tmp_path):
    # Tens of thousands of levels made PyYAML's C composer overflow the stack (a segfault), so
    # this runs in a separate process: a regression fails the test instead of the test run.
    block = tmp_path / "block.yml"
    block.write_text("partners:\n  " + "- " * 60_000 + "x\n", encoding="utf-8")
    flow = tmp_path / "flow.yml"
    flow.write_text("partners: " + "[" * 90_000 + "]" * 90_000 + "\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "catalogus.cli", "validate", str(block), str(flow)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1, result.stderr
    assert result.stdout.count(f"dieper genest dan {loading.MAX_NESTING_DEPTH} niveaus") == 2


def test_deep_nesting_past_other_line_breaks_is_refused_in_a_subprocess(tmp_path):
    # libyaml also breaks lines at CR, NEL and the Unicode separators, skips a BOM at the start
    # of a line and nests a compact `- - -` after an explicit value `: `; an earlier bound read
    # indentation after "\n" only, and these files crashed the composer.
    texts = {
        "cr": "partners:\r" + "- " * 60_000 + "x\r",
        "nel": "partners:\x85" + "- " * 60_000 + "x\x85",
        "line-separator": "partners:\u2028" + "- " * 60_000 + "x\u2028",
        "explicit-value": "? partners\n: " + "- " * 60_000 + "x\n",
        "bom": "partners:\n\ufeff" + "- " * 60_000 + "x\n",
    }
    files = []
    for name, text in texts.items():
        files.append(tmp_path / f"{name}.yml")
        files[-1].write_text(text, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "catalogus.cli", "validate", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1, result.stderr
    assert result.stdout.count(f"dieper genest dan {loading.MAX_NESTING_DEPTH} niveaus") == 5


@pytest.mark.parametrize(
    "text",
    [
        "a:\r" + "- " * TOO_DEEP + "x\r",
        "? a\n: " + "- " * TOO_DEEP + "x\n",
        "a:\n\ufeff" + "- " * TOO_DEEP + "x\n",
    ],
    ids=["carriage-return", "explicit-value", "byte-order-mark"],
)
def test_nesting_past_a_line_start_the_bound_missed_is_refused(text):
    error = refusal(text)
    assert f"dieper genest dan {loading.MAX_NESTING_DEPTH} niveaus" in error.message


def test_unclosed_quote_points_at_the_opening_quote():
    error = refusal("title: x\nsummary: 'begint hier\nlessons: y\n")
    assert position(error) == (2, 10)
    assert "een aanhalingsteken of haakje is niet gesloten" in error.message


def test_unclosed_double_quote_points_at_the_opening_quote():
    assert position(refusal('title: "x\n')) == (1, 8)


def test_undefined_alias_is_explained():
    assert "een alias (*) zonder bijbehorend anker" in refusal("a: *nergens\n").message


def test_unexpected_colon_is_explained_in_dutch():
    error = refusal("title: Wet Bibob: de toets\n")
    assert position(error) == (1, 17)
    assert "een dubbele punt op een onverwachte plek" in error.message


def test_line_without_colon_is_explained():
    assert "een regel zonder dubbele punt" in refusal("title: x\nsummary\nlessons: y\n").message


def test_character_that_cannot_start_a_token_is_explained():
    assert "een teken dat hier niet mag staan" in refusal("title: @x\n").message


def test_second_document_is_explained():
    error = refusal("title: x\n---\ntitle: y\n")
    assert position(error) == (2, 1)
    assert "een tweede document (na ---)" in error.message


def test_unknown_parser_problem_keeps_the_english_text():
    error = refusal("a: [x, y\nb: 2\n")
    assert error.message.startswith("YAML kan niet worden gelezen: ")
    assert "did not find expected" in error.message


@pytest.mark.parametrize(
    ("text", "where", "code"),
    [
        ("title: x\nlessons: Caf\x07\n", (2, 13), "U+0007"),
        ("title: é\nlessons: 'a\x1bb'\n", (2, 12), "U+001B"),  # after a two-byte character
        ('title: "\x00"\n', (1, 9), "U+0000"),
        ("title: \ufffe\n", (1, 8), "U+FFFE"),
    ],
)
def test_control_characters_are_refused_at_their_position(text, where, code):
    error = refusal(text)
    assert position(error) == where
    assert error.message == (
        f"het teken {code} (een stuurteken) mag niet in een record staan: haal het weg"
    )
    assert "\n" not in error.message


@pytest.mark.parametrize("number", ["1" * 5000, "0x" + "f" * 5000, str(2**64)])
def test_huge_integers_are_refused(number):
    error = refusal(f"title: x\nyear: {number}\n")
    assert position(error) == (2, 7)
    assert "dit getal is te groot" in error.message


def test_integers_up_to_64_bits_load():
    assert parse(f"a: {2**64 - 1}\nb: -{2**63}\n")[0] == {"a": 2**64 - 1, "b": -(2**63)}


# What plain values become


def test_norway_stays_a_country_code():
    data, _ = parse("country: NO\n")
    assert data == {"country": "NO"}


@pytest.mark.parametrize("word", ["NO", "no", "No", "yes", "Yes", "on", "off", "OFF", "y", "n"])
def test_yaml_1_1_booleans_stay_text(word):
    assert parse(f"a: {word}\n")[0] == {"a": word}


@pytest.mark.parametrize(
    ("word", "value"), [("true", True), ("True", True), ("FALSE", False), ("false", False)]
)
def test_true_and_false_are_booleans(word, value):
    assert parse(f"a: {word}\n")[0] == {"a": value}


@pytest.mark.parametrize("date", ["2026-11-23", "2026-02-30", "2001-12-14t21:59:43.10-05:00"])
def test_dates_stay_text(date):
    data, _ = parse(f"last_reviewed: {date}\n")
    assert data == {"last_reviewed": date}
    assert isinstance(data["last_reviewed"], str)


def test_numbers_null_and_text():
    data, _ = parse("a: 2024\nb: 1.5\nc:\nd: ~\ne: '2024'\nf: tekst\n")
    assert data == {"a": 2024, "b": 1.5, "c": None, "d": None, "e": "2024", "f": "tekst"}


def test_empty_and_comment_only_files_are_none():
    assert parse("")[0] is None
    assert parse("# alleen commentaar\n")[0] is None


# Positions


def test_positions_of_keys_items_and_nested_fields():
    text = "title: x\nsources:\n  - title: a\n    url: b\n  - title: c\nkinds: [p, q]\n"
    data, positions = parse(text)
    assert positions.locate(data, ("title",)) == (1, 1)
    assert positions.locate(data, ("sources",)) == (2, 1)
    assert positions.locate(data, ("sources", 0)) == (3, 5)
    assert positions.locate(data, ("sources", 0, "url")) == (4, 5)
    assert positions.locate(data, ("sources", 1, "title")) == (5, 5)
    assert positions.locate(data, ("kinds", 1)) == (6, 12)


def test_locate_stops_at_the_deepest_part_that_exists():
    data, positions = parse("title: x\nsources:\n  - title: a\n")
    assert positions.locate(data, ()) == (1, 1)
    assert positions.locate(data, ("missing",)) == (1, 1)
    assert positions.locate(data, ("sources", 5)) == (2, 1)
    assert positions.locate(data, ("sources", 0, "url")) == (3, 5)
    assert positions.locate(data, ("title", "deeper")) == (1, 1)


# Anything at all: a LoadError or data, never another exception


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_load_or_raise_load_error(raw):
    try:
        parse(decode(raw))
    except LoadError as error:
        assert error.line >= 1 and error.column >= 1
        assert "\n" not in error.message or error.message.startswith("YAML kan niet")


YAML_ALPHABET = st.sampled_from(list("ab1 :-?[]{},#&*!|>'\"%@`\t\n\r\x00\x1b\\~é€"))


@settings(
    max_examples=400,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.text(YAML_ALPHABET, max_size=80))
def test_yaml_like_text_loads_or_raises_load_error(text):
    try:
        parse(text)
    except LoadError as error:
        assert error.line >= 1 and error.column >= 1


def test_file_that_grows_after_stat_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(loading, "MAX_FILE_BYTES", 10)
    path = tmp_path / "groeit.yml"
    path.write_bytes(b"a: b\n")
    with path.open("ab") as stream, pytest.raises(LoadError) as caught:
        # The file grows between stat() and read(): stat says 5 bytes, read finds more.
        original_stat = Path.stat

        def stat_then_grow(self, *args, **kwargs):
            result = original_stat(self, *args, **kwargs)
            if self == path:
                stream.write(b"c: d\n" * 10)
                stream.flush()
            return result

        monkeypatch.setattr(Path, "stat", stat_then_grow)
        read_file(path)
    assert "groter dan 10 bytes" in caught.value.message


def _real_depth(text: str) -> int:
    """How deep libyaml nests `text`, up to where it stops at an error."""
    depth = deepest = 0
    with contextlib.suppress(yaml.YAMLError):
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                deepest = max(deepest, depth)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    return deepest


def test_nesting_bound_is_never_below_the_real_depth():
    # The bound lets ordinary records skip the event scan; it must never under-count.
    texts = [
        "a:\n  b:\n    c:\n    - - d: [1, {e: 2}]\n",
        "- - - x\n",
        "a:\n- b:\n  - c\n",
        "? - a\n: b\n",
        "a:\r- - - x\r",
        "? a\n: - - - x\n",
        "a:\n\ufeff- - - x\n",
        "- !!map a: b\n",
    ]
    for text in texts:
        assert loading._nesting_bound(text) >= _real_depth(text), text


NESTING_ALPHABET = st.sampled_from(list("ab -?:[]{},&*!|>'\"#\n\r\x85\u2028\u2029\ufeff"))


@settings(
    max_examples=500,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.text(NESTING_ALPHABET, max_size=60))
def test_nesting_bound_is_never_below_the_real_depth_of_any_text(text):
    assert loading._nesting_bound(text) >= _real_depth(text), text


def test_ordinary_record_skips_the_event_scan(valid_record_text, monkeypatch):
    def no_event_scan(*arguments, **keywords):
        raise AssertionError("the event scan ran")

    monkeypatch.setattr(yaml, "parse", no_event_scan)
    data, positions = loading.parse_fast(valid_record_text)
    assert positions is None
    assert data == yaml.safe_load(valid_record_text)


# The fast pass without positions: never more accepting than `parse`, and the same data


def _fast_pass_agrees(text: str) -> bool:
    """Whether the fast pass took `text`; if it did, `parse` must take it and give the same data."""
    try:
        fast = loading._plain_data(text)
    except Exception:  # anything the fast pass leaves to `parse`
        return False
    data, _ = parse(text)  # a LoadError here means the fast pass took what `parse` refuses
    assert repr(fast) == repr(data), text  # repr: NaN equals itself, True differs from 1
    return True


YAML_TOKENS = st.sampled_from(
    [
        "a", "b", "1", "-1", "0x1F", "99999999999999999999", "1.5", ".nan", "true", "yes", "NO",
        "~", "null", "2026-01-01", ": ", ":", "- ", "-", "? ", "\n", "\r", "\x85", "\ufeff",
        "  ", " ", "[", "]", "{", "}", ", ", "&x ", "*x", "&y ", "*y", "!!str ", "!!int ",
        "!!bool ", "!!float ", "!!null ", "!!map ", "!!seq ", "!!set ", "!!binary ", "!x ",
        "<<", "=", "'q'", '"d"', '"\\t"', "|\n", ">-\n", "#c", "---\n", "...\n", "%YAML 1.1\n",
    ]
)  # fmt: skip


@settings(
    max_examples=1500,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.lists(YAML_TOKENS, max_size=30).map("".join))
def test_fast_pass_takes_only_what_parse_takes_and_gives_the_same_data(text):
    _fast_pass_agrees(text)


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.text(YAML_ALPHABET, max_size=80))
def test_fast_pass_agrees_on_yaml_like_text(text):
    _fast_pass_agrees(text)


@pytest.mark.parametrize(
    "text",
    [
        "a: &x b\nc: *x\n",
        "a: &x [1]\nb: *x\n",
        "a: &a [*a]\n",
        "a: !!str &x b\nc: *x\n",
        "? &k a\n: 1\n? *k\n: 2\n",
        "a: 1\na: 2\n",
        "1: a\n",
        "a: !!set {x}\n",
        "a: !!str {=: b}\n",
        "a: {<<: {b: 1}}\n",
        "a:\tb\n",
        "a: 99999999999999999999\n",
        "[" * TOO_DEEP + "]" * TOO_DEEP + "\n",
    ],
)
def test_fast_pass_leaves_refusals_and_oddities_to_parse(text):
    assert not _fast_pass_agrees(text)


def test_fast_pass_takes_nesting_up_to_the_limit():
    depth = loading.MAX_NESTING_DEPTH
    assert _fast_pass_agrees("[" * depth + "]" * depth + "\n")


def test_fast_pass_takes_every_real_record_and_agrees_on_the_hostile_files():
    folders = ("interventions", "phenomena", "bottlenecks", "cases")
    records = [path for folder in folders for path in (paths.ROOT / folder).glob("*.yml")]
    assert records and all(_fast_pass_agrees(read_file(path)) for path in records)
    for path in (Path(__file__).parent / "hostile").iterdir():
        with contextlib.suppress(LoadError):  # a file the reader refuses never reaches a parser
            _fast_pass_agrees(read_file(path))
