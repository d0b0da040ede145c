"""Personal data in public records: every pattern at every sentence position, every licence-plate
side code, the allow-list of official contacts, and the checks through `catalogus validate`.

SYNTHETIC TEST DATA: every number, address and plate here is made up for the test.
"""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from catalogus import personal_data
from catalogus.personal_data import Allowlist, find, load_allowlist

ALLOWLIST = Allowlist(
    email_addresses=frozenset({"ondermijning@example.org"}),
    role_mailboxes=frozenset({"info"}),
    phone_numbers=frozenset({"0201234567"}),
)

# One of each kind, in each form the patterns know; all of them pass their checksum.
SAMPLES = {
    "bsn": ("123456782", "personal-data-bsn"),
    "bsn-dotted": ("1234.56.782", "personal-data-bsn"),
    "mobile": ("06-12345678", "personal-data-phone"),
    "mobile-compact": ("0612345678", "personal-data-phone"),
    "international": ("+31 6 1234 5678", "personal-data-phone"),
    "international-zero": ("+31 (0)10 123 4567", "personal-data-phone"),
    "landline-spaced": ("010 123 45 67", "personal-data-phone"),
    "area-code-in-brackets": ("(010) 123 4567", "personal-data-phone"),
    "email": ("j.jansen@gmail.com", "personal-data-email"),
    "iban-compact": ("NL91ABNA0417164300", "personal-data-iban"),
    "iban-spaced": ("NL91 ABNA 0417 1643 00", "personal-data-iban"),
    "plate": ("AB-12-CD", "personal-data-licence-plate"),
    "plate-newest": ("12-ABC-3", "personal-data-licence-plate"),
}

# Where a value can stand in Dutch prose or markdown; {} is the value.
POSITIONS = {
    "end-of-sentence": "Het nummer van de betrokkene is {}.",
    "before-comma": "Het nummer {}, dat bekend is.",
    "before-semicolon": "Het nummer {}; verder niets.",
    "before-colon": "Nummer {}: bekend.",
    "before-exclamation": "Let op: {}!",
    "before-question-mark": "Is het {}?",
    "after-colon": "Nummer:{}",
    "between-brackets": "(zie {})",
    "between-square-brackets": "[{}]",
    "between-quotes": '"{}"',
    "between-single-quotes": "'{}'",
    "between-curly-quotes": "“{}”",
    "between-single-curly-quotes": "‘{}’",
    "between-guillemets": "«{}»",
    "alone": "{}",
    "start-of-text": "{} is het nummer.",
    "start-of-line": "Eerste regel.\n{} staat op de tweede.",
    "end-of-line": "Op deze regel: {}.\nEn nog een regel.",
    "list-item": "- {}",
    "list-item-star": "* {}",
    "numbered-list-item": "1. {}",
    "block-quote": "> {}",
    "emphasis": "*{}*",
    "after-slash": "nummer/{}",
    "after-abbreviation": "nr.{}",
    "hyphen-at-end": "{}- en verder",
    "hyphen-at-start": "zie -{}",
}


@pytest.mark.parametrize("position", POSITIONS.values(), ids=list(POSITIONS))
@pytest.mark.parametrize(("value", "code"), SAMPLES.values(), ids=list(SAMPLES))
def test_every_pattern_is_found_at_every_position(value, code, position):
    text = position.format(value)
    assert [found.code for found in find(text, Allowlist())] == [code], text


@pytest.mark.parametrize(
    "text",
    [
        # Part of a longer number or code, not a number of its own.
        "Versie 1.123456782 van het bestand.",
        "1.123456782",
        "123456782.5",
        "X-AB-12-CD",
        "AB-12-CD-3",
        "Een bedrag van 123456782.5 euro.",
        "Zaaknummer 1234567820 en 91234567820.",
        "Code AB-12-CD-34 en X-AB-12-CD.",
        "Referentie ABAB-12-CD.",
        "In 2019-2021 ging € 143.000.000 om in 1.234 zaken.",
        "ECLI:NL:HR:2020:797 en Kamerstuk 35 764 nr. 6; artikel 2:20 BW.",
    ],
)
def test_numbers_and_codes_that_are_part_of_more_pass(text):
    assert find(text, Allowlist()) == []


# The 14 side codes of Dutch licence plates, in the order of personal_data.LICENCE_PLATE.
SIDE_CODES = {
    1: "AB-12-34",
    2: "12-34-AB",
    3: "12-AB-34",
    4: "AB-12-CD",
    5: "AB-CD-12",
    6: "12-AB-CD",
    7: "12-ABC-3",
    8: "1-ABC-23",
    9: "AB-123-C",
    10: "A-123-BC",
    11: "ABC-12-D",
    12: "A-12-BCD",
    13: "1-AB-234",
    14: "123-AB-4",
}


@pytest.mark.parametrize("plate", SIDE_CODES.values(), ids=[f"side-code-{n}" for n in SIDE_CODES])
def test_every_side_code_is_a_licence_plate(plate):
    assert find(f"De auto met kenteken {plate} stond er.", Allowlist()) == [
        personal_data.Found("personal-data-licence-plate", f"een kenteken ({plate})")
    ]


@pytest.mark.parametrize("shape", ["12-34-56", "AB-CD-EF", "AB-12-C", "1-2-3", "ABC-DEF-G"])
def test_shapes_that_are_no_side_code_pass(shape):
    assert find(f"Code {shape} in de tekst.", Allowlist()) == []


def test_every_side_code_is_tested():
    assert len(SIDE_CODES) == personal_data.LICENCE_PLATE.pattern.count("|") + 1 == 14


# The allow-list of official contacts


@pytest.mark.parametrize(
    "text",
    [
        "Mail ondermijning@example.org.",
        "Mail Ondermijning@Example.ORG.",
        "Mail info@example.org of info@elders.example.",
        "Bel 020-1234567 of 020 123 45 67.",
    ],
)
def test_official_contacts_pass(text):
    assert find(text, ALLOWLIST) == []


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # A person's address on the domain of an official address is still a person's address.
        ("Mail j.jansen@example.org.", "personal-data-email"),
        ("Mail ondermijning.jansen@example.org.", "personal-data-email"),
        ("Mail ondermijning@example.org.nl.", "personal-data-email"),
        ("Mail informatie@example.org.", "personal-data-email"),
        ("Bel 020-1234568.", "personal-data-phone"),
    ],
)
def test_a_personal_contact_beside_an_official_one_is_refused(text, code):
    assert [found.code for found in find(text, ALLOWLIST)] == [code]


def test_the_allowlist_is_read_from_the_catalogue_root(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "official-contacts.yml").write_text(
        "email_addresses: [Meld@Example.org]\nrole_mailboxes: [Info]\n"
        "phone_numbers: ['020 123 45 67']\n",
        encoding="utf-8",
    )
    assert load_allowlist(tmp_path) == Allowlist(
        frozenset({"meld@example.org"}), frozenset({"info"}), frozenset({"0201234567"})
    )


def test_a_catalogue_without_official_contacts_allows_none(tmp_path):
    assert load_allowlist(tmp_path) == Allowlist()
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "official-contacts.yml").write_text("", encoding="utf-8")
    assert load_allowlist(tmp_path) == Allowlist()


# The checksums


def test_eleven_check():
    assert personal_data.passes_eleven_check("123456782")
    assert personal_data.passes_eleven_check("1234.56.782")
    assert not personal_data.passes_eleven_check("123456789")
    assert not personal_data.passes_eleven_check("12345678")
    # Weighted 9..2 and minus the last digit: 111222333 passes, 111222334 does not.
    assert personal_data.passes_eleven_check("111222333")
    assert not personal_data.passes_eleven_check("111222334")
    # Numbers that begin with two zeroes are never issued, even where the sum is right.
    assert not personal_data.passes_eleven_check("001234560")
    assert personal_data.passes_eleven_check("010000008")
    assert personal_data.passes_eleven_check("100000009")


def test_iban_check():
    assert personal_data.passes_iban_check("NL91 ABNA 0417 1643 00")
    assert personal_data.passes_iban_check("DE89370400440532013000")
    assert personal_data.passes_iban_check("NO93 8601 1117 947")  # 15 characters, the shortest
    assert not personal_data.passes_iban_check("NL91 ABNA 0417 1643 01")
    assert not personal_data.passes_iban_check("NL00 ABNA 0000 0000 00")
    # Too short for any country, even where the remainder is right.
    assert not personal_data.passes_iban_check("NL18 1234 56")


# Through `catalogus validate`, the public entry point


def test_the_citizen_service_number_at_the_end_of_a_sentence_is_refused(
    run_cli, write_record, mutate
):
    sentence = "  Het BSN van de betrokkene is 123456782."
    path = write_record(mutate("  er één ding aan kan veranderen.", sentence))
    result = run_cli("validate", str(path))
    assert result.code == 1
    assert result.lines == [
        f"{path}:6:1: description: bevat een burgerservicenummer (123456782): persoonsgegevens "
        "horen niet in een openbaar record; haal ze weg of anonimiseer ze"
    ]


@pytest.mark.parametrize(("value", "code"), SAMPLES.values(), ids=list(SAMPLES))
def test_the_validator_refuses_each_pattern_where_a_sentence_ends(
    validate_record, valid_record_data, value, code
):
    valid_record_data["lessons"] = f"Bekend was {value}."
    [problem] = validate_record(valid_record_data)
    assert (problem.field, problem.code) == ("lessons", code)


@pytest.mark.parametrize(
    ("value", "refused"),
    [
        ("123456782", True),
        ("123456789", False),  # fails the 11-check
        ("NL91 ABNA 0417 1643 00", True),
        ("NL91 ABNA 1417 1643 00", False),  # fails mod 97
        ("NL91ABNA0417164300", True),
        ("NL91ABNA1417164300", False),
    ],
)
def test_the_validator_applies_the_checksums(validate_record, valid_record_data, value, refused):
    valid_record_data["results"] = f"Het nummer is {value}."
    assert bool(validate_record(valid_record_data)) is refused


def test_the_validator_allows_personal_data_in_an_internal_record(
    validate_record, valid_record_data
):
    valid_record_data["access"] = "internal"
    valid_record_data["results"] = "Het BSN is 123456782."
    assert validate_record(valid_record_data) == []


def test_the_digits_of_every_iban_are_not_read_again_as_a_phone_number():
    text = "Rekeningen NL91 ABNA 0417 1643 00 en NL91 ABNA 0417 1643 00."
    assert [found.code for found in find(text, Allowlist())] == ["personal-data-iban"] * 2


def test_removing_an_iban_leaves_nothing_that_reads_as_a_plate():
    assert [found.code for found in find("NL91ABNA0417164300-12-CD", Allowlist())] == [
        "personal-data-iban"
    ]


# The patterns are written for speed (see personal_data.py); these are the plain forms they
# replaced, which must find exactly the same.
PLAIN_FORMS = {
    "CITIZEN_SERVICE_NUMBER": r"\d{4}(?:\.\d{2}\.\d{3}|\d{5})",
    "PHONE_NUMBER": r"(?<![\w+])(?:\+31|0031|0|\(0(?=\d{1,3}\)))[\s-]?(?:\(0\)[\s-]?)?[1-9]"
    r"(?:\)?[\s-]?\d){8}(?!\d)",
    "IBAN": r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b",
    "PLATE_SHAPE": r"[A-Z\d]{1,3}-[A-Z\d]{2,3}-[A-Z\d]{1,3}",
}
NUMBER_ALPHABET = st.sampled_from(list("0123456789٣AKLNXZa+-().@ \n_é"))
# Random text, and each sample between two characters that may or may not join it to more.
NUMBERS = st.text(NUMBER_ALPHABET, max_size=40) | st.builds(
    "{}{}{}".format,
    NUMBER_ALPHABET,
    st.sampled_from([value for value, _ in SAMPLES.values()]),
    NUMBER_ALPHABET,
)


@settings(max_examples=2000, derandomize=True, deadline=None)
@given(NUMBERS)
def test_fast_patterns_find_what_their_plain_forms_find(text):
    for name, plain in PLAIN_FORMS.items():
        fast = getattr(personal_data, name)
        assert [match.span() for match in fast.finditer(text)] == [
            match.span() for match in re.finditer(plain, text)
        ], name


@settings(max_examples=2000, derandomize=True, deadline=None)
@given(NUMBERS)
def test_every_text_with_a_licence_plate_has_a_plate_with_a_letter(text):
    plates = [
        shape
        for shape in personal_data.PLATE_SHAPE.finditer(text)
        if personal_data.LICENCE_PLATE.fullmatch(shape.group())
    ]
    if plates:
        assert personal_data.PLATE_WITH_A_LETTER.search(text)


@pytest.mark.parametrize("plate", SIDE_CODES.values(), ids=[f"side-code-{n}" for n in SIDE_CODES])
def test_every_side_code_has_a_plate_with_a_letter(plate):
    assert personal_data.PLATE_WITH_A_LETTER.search(f"kenteken {plate}.")


def test_every_character_has_one_class_and_digits_and_whitespace_keep_theirs():
    every_character = "".join(map(chr, range(0x110000)))
    classes = personal_data._classes(every_character)
    assert len(classes) == len(every_character)
    for pattern, allowed in ((r"\d", b"0"), (r"\s", b" 0"), (r"[A-Z]", b"A"), (r"[.)-]", None)):
        for match in re.finditer(pattern, every_character):
            expected = allowed or match.group().encode()
            assert classes[match.start()] in expected, (hex(match.start()), pattern)


# Digits, whitespace and @ signs beyond ASCII (Arabic-Indic, full-width, Myanmar, mathematical;
# no-break, thin, ideographic and Ogham spaces, NEL), and the characters a number is written with.
NEAR_MISSES = st.sampled_from(
    list("0123456789٣３၃𝟑AKLNXZa+-().@＠ \n\x1c\x85\u00a0\u2009\u3000\u1680_é–")
)
# The longest way to write a phone number's start: "0031", a separator, "(0)", a separator.
SAMPLE_VALUES = st.sampled_from(
    [value for value, _ in SAMPLES.values()] + ["0031 (0) 6 1234 5678", "0031-(0)-612345678"]
)
# Runs of digits with what may stand between them, after what may start a phone number.
DIGIT_RUNS = st.builds(
    "{}{}".format,
    st.sampled_from(["", "0", "+31", "0031", "(0", "(010)", "0 (0)", "+31 (0) "]),
    # Drawn as one string, not character by character: the same texts, in a quarter of the time.
    st.text(alphabet="0123456789٣３ -).\u1680\u00a0", min_size=8, max_size=24),
)
# Texts with several samples, so an IBAN can stand beside the number it must not leave behind.
TEXTS = st.lists(NEAR_MISSES | SAMPLE_VALUES | DIGIT_RUNS, max_size=12).map("".join)
PLAIN_SEARCHES = {"_matches": lambda pattern, anchor, reach, text, classes: pattern.finditer(text)}


@settings(max_examples=1000, derandomize=True, deadline=None)
@given(TEXTS)
def test_each_pattern_tried_at_its_anchors_finds_what_a_scan_finds(text):
    classes = personal_data._classes(text)
    for pattern, anchor, reach in (
        (personal_data.IBAN, personal_data.IBAN_ANCHOR, 0),
        (personal_data.CITIZEN_SERVICE_NUMBER, personal_data.CITIZEN_SERVICE_NUMBER_ANCHOR, 0),
        (
            personal_data.PHONE_NUMBER,
            personal_data.PHONE_NUMBER_ANCHOR,
            personal_data.PHONE_NUMBER_REACH,
        ),
    ):
        anchored = personal_data._matches(pattern, anchor, reach, text, classes)
        assert [match.span() for match in anchored] == [
            match.span() for match in pattern.finditer(text)
        ], pattern.pattern


@settings(max_examples=1000, derandomize=True, deadline=None)
@given(TEXTS)
def test_find_finds_what_it_finds_scanning_the_whole_text(text):
    anchored = find(text, ALLOWLIST)
    with pytest.MonkeyPatch.context() as monkeypatch:
        for name, plain in PLAIN_SEARCHES.items():
            monkeypatch.setattr(personal_data, name, plain)
        assert anchored == find(text, ALLOWLIST)
