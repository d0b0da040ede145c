"""The validator refuses markup, unsafe links and recognisable personal data in records."""

import urllib.parse

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from catalogus import checks, personal_data
from catalogus.checks import (
    REFERENCE_FIELDS,
    UNSAFE_SCHEME,
    UNSAFE_SCHEME_REVERSED,
    Context,
    check_markup,
    check_personal_data,
    check_references,
)

from .conftest import TODAY

ALLOWLIST = personal_data.Allowlist(
    email_addresses=frozenset({"ondermijning@example.org"}),
    role_mailboxes=frozenset({"info"}),
    phone_numbers=frozenset({"0201234567"}),
)
CONTEXT = Context(known_ids=frozenset(), today=TODAY, allowlist=ALLOWLIST)


def findings(check, data, context=CONTEXT):
    return [(finding.path, finding.message) for finding in check("proef", data, context)]


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "Tekst <img src=x onerror=alert(1)>",
        "<svg onload=alert(1)>",
        "<!-- commentaar -->",
        "[klik](javascript:alert(1))",
        "[klik]( JavaScript:alert(1))",
        "[klik](data:text/html;base64,PHNjcmlwdD4=)",
        "Zie vbscript:msgbox",
        "jav&#x09;ascript:alert(1)",
        "[relatief](/etc/passwd)",
        "[anker](#boven)",
        "<javascript:alert(1)>",
        "Zie <ftp://example.org/bestand>",
        "<https://www.riec.nl/> en <b>vet</b>",
    ],
)
def test_markup_and_unsafe_links_are_refused_with_their_field(text):
    data = {"sources": [{"title": text}], "partners": ["Gemeente", text]}
    assert [path for path, _ in findings(check_markup, data)] == [
        ("sources", 0, "title"),
        ("partners", 1),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Gewone tekst met een [link](https://www.riec.nl/) en een [mail](mailto:info@riec.nl).",
        "Minder dan 5 < 7 en 3 > 2; artikel 13b Opiumwet; {{ 7*7 }} blijft tekst.",
        "Een kop\n\n- een lijst\n- met *nadruk*",
        "Een autolink: <https://www.riec.nl/> of <mailto:info@riec.nl>.",
    ],
)
def test_plain_text_and_markdown_pass(text):
    assert findings(check_markup, {"description": text}) == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("BSN 123456782", "burgerservicenummer"),
        ("BSN 1234.56.782", "burgerservicenummer"),
        ("Bel 06-12345678", "telefoonnummer"),
        ("Bel +31 6 1234 5678", "telefoonnummer"),
        ("Bel 010 123 45 67", "telefoonnummer"),
        ("Mail j.jansen@gmail.com", "persoonlijk e-mailadres"),
        ("Rekening NL91 ABNA 0417 1643 00", "IBAN"),
        ("Rekening NL91ABNA0417164300", "IBAN"),
        ("Auto met kenteken 12-ABC-3", "kenteken"),
        ("Auto met kenteken AB-12-CD", "kenteken"),
    ],
)
def test_personal_data_is_refused_in_public_records(text, kind):
    [(path, message)] = findings(check_personal_data, {"description": text})
    assert path == ("description",)
    assert kind in message


@pytest.mark.parametrize(
    "text",
    [
        "In 2019-2021 ging € 143.000.000 om in 1.234 zaken.",
        "ECLI:NL:HR:2020:797 en Kamerstuk 35 764 nr. 6; artikel 2:20 BW.",
        "Een nummer dat de elfproef niet haalt: 123456789.",
        "Een ongeldig IBAN: NL00 ABNA 0000 0000 00.",
        "Mail info@riec.nl of ondermijning@example.org, bel 020-1234567.",
    ],
)
def test_figures_and_official_contacts_pass(text):
    assert findings(check_personal_data, {"description": text}) == []


def test_internal_records_may_hold_contact_details():
    data = {"access": "internal", "description": "Bel 06-12345678"}
    assert findings(check_personal_data, data) == []


def test_eleven_check():
    assert personal_data.passes_eleven_check("123456782")
    assert not personal_data.passes_eleven_check("123456789")


def codes(check, data, context=CONTEXT):
    return [(finding.path, finding.code) for finding in check("proef", data, context)]


# Links: every unsafe scheme, and reference definitions wherever markdown reads them


@pytest.mark.parametrize("scheme", ["javascript", "vbscript", "data", "file", "JavaScript"])
@pytest.mark.parametrize(
    "form",
    [
        "[klik]({}:iets)",
        "[klik]: {}:iets",
        "> [klik]: {}:iets",
        "- [klik]: {}:iets",
        "Zie {}:iets",
        "Zie {} :iets",
    ],
)
def test_every_unsafe_scheme_is_refused_in_every_form(scheme, form):
    text = form.format(scheme)
    assert codes(check_markup, {"description": text}) == [
        (("description",), "markup-unsafe-scheme")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "> [x]: ftp://example.org/bestand",
        "> [x]: /etc/passwd",
        "- [x]: /relatief",
        "* [x]: ftp://example.org/",
        "+ [x]: ftp://example.org/",
        "1. [x]: ftp://example.org/",
        "2) [x]: ftp://example.org/",
        "> - [x]: #anker",
        "  > > [x]: <./pad>",
        "   - > [x]: relatief.html",
        "Tekst.\n\n> [x]: ftp://example.org/\n\nZie [hier][x].",
        "1. Stap\n\n    [x]: ftp://example.org/",
        "[x]:\n  ftp://example.org/",
        "[]: ftp://example.org/",
    ],
)
def test_reference_definitions_nested_or_split_are_checked(text):
    assert codes(check_markup, {"approach": text}) == [(("approach",), "markup-unsafe-link")]


@pytest.mark.parametrize(
    "text",
    [
        "> [x]: https://example.org/",
        "- [x]: mailto:info@example.org",
        "1. Een stap: zie [de bron](https://example.org/).",
        "Een zin met [haken]: gewone tekst op dezelfde regel.",
    ],
)
def test_nested_references_to_web_and_mail_addresses_pass(text):
    assert findings(check_markup, {"approach": text}) == []


def test_only_the_first_unsafe_link_of_a_field_is_reported():
    data = {"lessons": "[a](ftp://een) en [b](ftp://twee)", "results": "[c](https://ok)"}
    assert findings(check_markup, data) == [
        (
            ("lessons",),
            "de link 'ftp://een' is geen webadres: links beginnen met https://, http:// of mailto:",
        )
    ]


def test_url_fields_are_left_to_the_schema():
    assert findings(check_markup, {"sources": [{"url": "javascript:alert(1)"}]}) == []


# References to other interventions, in a catalogue where they apply

TARGETS = {
    "openbaar-nl": {"access": "public", "country": "NL"},
    "zonder-velden": {},
    "intern-nl": {"access": "internal", "country": "NL"},
    "openbaar-be": {"access": "public", "country": "BE"},
    "intern-be": {"access": "internal", "country": "BE"},
    "niet-geladen": None,
}
CATALOGUE = Context(known_ids=frozenset(TARGETS), today=TODAY, interventions=TARGETS)


@pytest.mark.parametrize("field", REFERENCE_FIELDS)
@pytest.mark.parametrize("access", [{"access": "public"}, {}], ids=["public", "access-left-out"])
def test_a_public_record_may_not_name_an_internal_one(field, access):
    data = {**access, field: ["openbaar-nl", "intern-nl"]}
    assert codes(check_references, data, CATALOGUE) == [((field, 1), "reference-internal")]
    [(_, message)] = findings(check_references, data, CATALOGUE)
    assert message.startswith("'intern-nl' is intern en mag niet op de openbare site genoemd")


@pytest.mark.parametrize("field", REFERENCE_FIELDS)
def test_an_internal_record_may_name_an_internal_one(field):
    data = {"access": "internal", field: ["intern-nl", "zonder-velden", "niet-geladen"]}
    assert findings(check_references, data, CATALOGUE) == []


def test_dutch_counterparts_must_be_dutch():
    data = {"country": "BE", "dutch_counterparts": ["openbaar-nl", "zonder-velden", "openbaar-be"]}
    assert findings(check_references, data, CATALOGUE) == [
        (
            ("dutch_counterparts", 2),
            "'openbaar-be' is geen Nederlandse interventie: noem hier alleen Nederlandse",
        )
    ]


@pytest.mark.parametrize(
    "field", [field for field in REFERENCE_FIELDS if field != "dutch_counterparts"]
)
def test_other_references_may_name_a_foreign_intervention(field):
    assert findings(check_references, {field: ["openbaar-be"]}, CATALOGUE) == []


def test_an_internal_foreign_counterpart_breaks_both_rules():
    data = {"dutch_counterparts": ["intern-be"]}
    assert codes(check_references, data, CATALOGUE) == [
        (("dutch_counterparts", 0), "reference-internal"),
        (("dutch_counterparts", 0), "reference-not-dutch"),
    ]


def test_the_validator_refuses_a_public_record_that_names_an_internal_one(
    validator, write_record, valid_record_data
):
    internal = dict(valid_record_data, access="internal")
    public = dict(valid_record_data, related=["interne-aanpak"])
    internal_path = write_record(internal, "interne-aanpak.yml")
    public_path = write_record(public, "openbare-aanpak.yml")
    problems = validator.validate([public_path], context_paths=[internal_path])
    assert [(problem.field, problem.code) for problem in problems] == [
        ("related[0]", "reference-internal")
    ]
    assert validator.validate([internal_path], context_paths=[public_path]) == []


# What mutation testing (make mutate) showed no test noticed


def test_personal_data_at_the_end_of_one_field_is_found_beside_the_next():
    data = {"summary": "BSN 123456782", "title": "Proef"}
    assert codes(check_personal_data, data) == [(("summary",), "personal-data-bsn")]


def test_a_url_field_does_not_end_the_markup_check_of_its_record():
    data = {"sources": [{"url": "https://example.org/", "title": "<b>vet</b>"}]}
    assert codes(check_markup, data) == [(("sources", 0, "title"), "markup-html")]


def test_a_reference_that_is_not_text_does_not_end_the_reference_check():
    data = {"related": [1, "onbekend"]}
    assert codes(check_references, data) == [(("related", 1), "reference-unknown")]


def test_a_dutch_counterpart_may_not_be_the_record_itself():
    data = {"dutch_counterparts": ["proef"]}
    assert codes(check_references, data) == [(("dutch_counterparts", 0), "reference-self")]


@pytest.mark.parametrize(
    ("field", "url"),
    [
        ("sources", "https://5dok.net/document/rapport.html"),
        ("sources", "http://docplayer.nl/1-rapport.html"),
        ("materials", "https://www.lexboost.com/rechtspraak/ECLI:NL:HR:2020:797"),
    ],
)
def test_a_copy_site_is_refused_where_a_publisher_is_cited(field, url):
    from catalogus.checks import check_mirror_sites

    [(path, message)] = findings(check_mirror_sites, {field: [{"title": "Rapport", "url": url}]})
    assert path == (field, 0, "url") and "de uitgever" in message


def test_a_publisher_whose_name_merely_contains_a_copy_site_passes():
    from catalogus.checks import check_mirror_sites

    data = {
        "sources": [
            {"url": "https://www.not5dok.net.example.org/"},
            {"url": "https://rechtspraak.nl/"},
        ]
    }
    assert findings(check_mirror_sites, data) == []


SCHEME_ALPHABET = st.sampled_from(
    ["javascript", "JavaScript", "vbscript", "data", "DATA", "file", "ſcript", ":", " ", "\n", "a",
     "_", "1", "é", "-", "(", "javaſcript", "İ"]
)  # fmt: skip


@settings(max_examples=2000, derandomize=True, deadline=None)
@given(st.lists(SCHEME_ALPHABET, max_size=12).map("".join))
def test_the_reversed_unsafe_scheme_finds_what_the_forward_one_finds(text):
    # The whole record's text is searched backwards, from colon to colon (see checks.py).
    assert bool(UNSAFE_SCHEME_REVERSED.search(text[::-1])) == bool(UNSAFE_SCHEME.search(text))


ADDRESS_PARTS = st.sampled_from(
    ["https://", "http://", "HTTPS://", " https://", "\thttps://", "scribd.com", "www.", "5dok",
     ".net", "Yumpu.com", "ſcribd.com", "sCribd", "K", "\u212a", "-", ".", "/", "?", "#", ":80",
     "user@", "[::1]", "[", "%", "\n", "\r", "\t", " ", "é", "xn--", "studocu.com."]
)  # fmt: skip


@settings(max_examples=2000, derandomize=True, deadline=None)
@given(st.lists(ADDRESS_PARTS, max_size=8).map("".join))
def test_a_plainly_written_host_is_the_host_urlsplit_finds(url):
    try:
        expected = (urllib.parse.urlsplit(url).hostname or "").removeprefix("www.")
    except ValueError:
        with pytest.raises(ValueError):
            checks._host(url)
    else:
        assert checks._host(url) == expected
