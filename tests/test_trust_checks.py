"""The validator refuses markup, unsafe links and recognisable personal data in records."""

import pytest

from catalogus import personal_data
from catalogus.checks import Context, check_markup, check_personal_data

from .conftest import TODAY

ALLOWLIST = personal_data.Allowlist(
    email_addresses=frozenset({"ondermijning@example.org"}),
    role_mailboxes=frozenset({"info"}),
    phone_numbers=frozenset({"0201234567"}),
)
CONTEXT = Context(known_ids=frozenset(), today=TODAY, allowlist=ALLOWLIST)


def findings(check, data):
    return list(check("proef", data, CONTEXT))


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
