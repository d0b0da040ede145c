"""Every finding names its rule with a stable code beside the Dutch message, and the validator
decides by code, never by the wording of a message.
"""

import re
import shutil

import pytest

from catalogus import checks, paths, personal_data
from catalogus.checks import Context, Finding, run_checks
from catalogus.kinds import BOTTLENECKS, INTERVENTIONS, PHENOMENA
from catalogus.kinds import CASES as CASES_KIND
from catalogus.records import InvalidCatalogue, load_catalogue
from catalogus.validation import Validator

from .conftest import HOSTILE, TODAY

CODE = re.compile(r"[a-z]+(?:-[a-z0-9]+)*")

CONTEXT = Context(
    known_ids=frozenset({"bestaand", "intern", "belgisch"}),
    today=TODAY,
    interventions={
        "intern": {"access": "internal", "country": "NL"},
        "belgisch": {"country": "BE"},
    },
    phenomenon_slugs=frozenset({"vastgoed"}),
    former_id_owners={"oud": ("ander",)},
    bottleneck_ids=frozenset({"bekend"}),
)

LONG = "x" * 70
SUFFIX = ": persoonsgegevens horen niet in een openbaar record; haal ze weg of anonimiseer ze"
# The message of each rule, exactly (long values are cut short).
MESSAGES = {
    "id-invalid": "de bestandsnaam 'Bad_Name' is geen geldige id: gebruik kleine letters, cijfers "
    "en streepjes, bijvoorbeeld 'bad-name.yml'",
    "reference-self": "een interventie kan niet naar zichzelf verwijzen",
    "reference-unknown": "er is geen interventie met id 'onbekend': gebruik de bestandsnaam "
    "zonder .yml",
    "reference-internal": "'intern' is intern en mag niet op de openbare site genoemd worden: "
    "haal de verwijzing weg of maak dit record ook intern",
    "reference-not-dutch": "'belgisch' is geen Nederlandse interventie: noem hier alleen "
    "Nederlandse",
    "review-date-nonexistent": "'2025-02-30' is geen bestaande datum: controleer dag en maand",
    "review-date-future": "'2027-01-01' ligt in de toekomst: gebruik de datum van de beoordeling",
    "period-start-future": "het beginjaar 2030 ligt in de toekomst",
    "period-end-before-start": "de periode eindigt (2019) voordat ze begint (2020): controleer "
    "de jaren",
    "period-end-missing": "een beëindigde interventie heeft een eindjaar: vul period.end in",
    "source-year-future": "het jaar 2030 ligt in de toekomst",
    "source-mirror": "docplayer.nl is een kopieersite, niet de uitgever: verwijs naar het "
    "document bij de uitgever zelf (de overheid, de organisatie, rechtspraak.nl) of laat de bron weg",
    "markup-html": f"HTML is niet toegestaan (<b title='{'x' * 30}): schrijf gewone tekst of "
    "markdown",
    "markup-character-reference": "tekencodes zoals &#106; zijn niet toegestaan: typ het teken "
    "zelf",
    "markup-unsafe-scheme": "'vbscript:' is niet toegestaan: links beginnen met https://, "
    "http:// of mailto:",
    "markup-unsafe-link": f"de link 'ftp://{'x' * 54}' is geen webadres: links beginnen met "
    "https://, http:// of mailto:",
    "personal-data-bsn": "bevat een burgerservicenummer (123456782)" + SUFFIX,
    "personal-data-phone": "bevat een telefoonnummer (0612345678)" + SUFFIX,
    "personal-data-email": "bevat een persoonlijk e-mailadres (a@b.nl)" + SUFFIX,
    "personal-data-iban": "bevat een IBAN (NL91ABNA0417164300)" + SUFFIX,
    "personal-data-licence-plate": "bevat een kenteken (AB-12-CD)" + SUFFIX,
    "placeholder": f"vervang de plaatshouder 'VUL IN: {'x' * 52}' door de echte waarde",
    "former-id-in-use": "'bestaand' is de id van een bestaande interventie; een vroegere id mag "
    "niet meer in gebruik zijn",
    "former-id-shared": "'oud' staat ook als vroegere id bij 'ander': een oude link kan maar "
    "naar één pagina leiden",
    "phenomenon-unknown": "'onbekend' is geen fenomeen uit vocabularies/phenomena.yml: de "
    "bestandsnaam is de slug",
    "chain-step-repeated": "de stap 'a' staat al eerder in de keten",
    "resolution-missing": "een opgelost knelpunt zegt hoe het is opgelost: vul resolution in",
    "reference-unknown-bottleneck": "er is geen knelpunt met id 'onbekend' (bedoelde u "
    "'bekend'?): gebruik de bestandsnaam in bottlenecks/ zonder .yml",
}

# One record per rule, each breaking only that rule: (kind, id, data, code, field path).
CASES = [
    (INTERVENTIONS, "Bad_Name", {}, "id-invalid", ()),
    (INTERVENTIONS, "proef", {"related": ["proef"]}, "reference-self", ("related", 0)),
    (INTERVENTIONS, "proef", {"related": ["onbekend"]}, "reference-unknown", ("related", 0)),
    (INTERVENTIONS, "proef", {"related": ["intern"]}, "reference-internal", ("related", 0)),
    (
        INTERVENTIONS,
        "proef",
        {"dutch_counterparts": ["belgisch"]},
        "reference-not-dutch",
        ("dutch_counterparts", 0),
    ),
    (
        INTERVENTIONS,
        "proef",
        {"last_reviewed": "2025-02-30"},
        "review-date-nonexistent",
        ("last_reviewed",),
    ),
    (
        INTERVENTIONS,
        "proef",
        {"last_reviewed": "2027-01-01"},
        "review-date-future",
        ("last_reviewed",),
    ),
    (
        INTERVENTIONS,
        "proef",
        {"period": {"start": 2030}},
        "period-start-future",
        ("period", "start"),
    ),
    (
        INTERVENTIONS,
        "proef",
        {"period": {"start": 2020, "end": 2019}},
        "period-end-before-start",
        ("period", "end"),
    ),
    (
        INTERVENTIONS,
        "proef",
        {"status": "beeindigd", "period": {"start": 2020}},
        "period-end-missing",
        ("period", "end"),
    ),
    (
        INTERVENTIONS,
        "proef",
        {"sources": [{"year": 2030}]},
        "source-year-future",
        ("sources", 0, "year"),
    ),
    (
        BOTTLENECKS,
        "proef",
        {"status_source": {"url": "https://www.docplayer.nl/123-rapport.html"}},
        "source-mirror",
        ("status_source", "url"),
    ),
    (INTERVENTIONS, "proef", {"summary": f"<b title='{LONG}'>"}, "markup-html", ("summary",)),
    (INTERVENTIONS, "proef", {"summary": "&#106;"}, "markup-character-reference", ("summary",)),
    (INTERVENTIONS, "proef", {"summary": "vbscript:x"}, "markup-unsafe-scheme", ("summary",)),
    (
        INTERVENTIONS,
        "proef",
        {"summary": f"[a](ftp://{LONG})"},
        "markup-unsafe-link",
        ("summary",),
    ),
    (INTERVENTIONS, "proef", {"summary": "BSN 123456782"}, "personal-data-bsn", ("summary",)),
    (INTERVENTIONS, "proef", {"summary": "Bel 0612345678"}, "personal-data-phone", ("summary",)),
    (INTERVENTIONS, "proef", {"summary": "Mail a@b.nl"}, "personal-data-email", ("summary",)),
    (
        INTERVENTIONS,
        "proef",
        {"summary": "NL91ABNA0417164300"},
        "personal-data-iban",
        ("summary",),
    ),
    (
        INTERVENTIONS,
        "proef",
        {"summary": "AB-12-CD"},
        "personal-data-licence-plate",
        ("summary",),
    ),
    (INTERVENTIONS, "proef", {"title": f"VUL IN: {LONG}"}, "placeholder", ("title",)),
    (INTERVENTIONS, "proef", {"former_ids": ["bestaand"]}, "former-id-in-use", ("former_ids", 0)),
    (INTERVENTIONS, "proef", {"former_ids": ["oud"]}, "former-id-shared", ("former_ids", 0)),
    (PHENOMENA, "onbekend", {}, "phenomenon-unknown", ()),
    (
        PHENOMENA,
        "vastgoed",
        {"chain": [{"step": "a"}, {"step": "a"}]},
        "chain-step-repeated",
        ("chain", 1, "step"),
    ),
    (BOTTLENECKS, "proef", {"status": "opgelost"}, "resolution-missing", ("resolution",)),
    (
        CASES_KIND,
        "proef",
        {"bottlenecks": ["onbekend"]},
        "reference-unknown-bottleneck",
        ("bottlenecks", 0),
    ),
]


@pytest.mark.parametrize(
    ("kind", "record_id", "data", "code", "path"), CASES, ids=[case[3] for case in CASES]
)
def test_each_rule_has_its_own_code(kind, record_id, data, code, path):
    [finding] = run_checks(record_id, data, CONTEXT, kind)
    assert finding == (path, code, MESSAGES[code])


def test_codes_are_short_ascii_and_unique_per_rule():
    codes = [case[3] for case in CASES]
    assert len(set(codes)) == len(codes) == len(MESSAGES)
    assert all(CODE.fullmatch(code) and len(code) <= 40 for code in codes)


def test_the_cases_reach_every_check():
    reached = set()
    for kind, record_id, data, _, _ in CASES:
        for check in checks.CHECKS_BY_KIND[kind.folder]:
            if list(check(record_id, data, CONTEXT)):
                reached.add(check)
    assert reached == {check for kind in checks.CHECKS_BY_KIND.values() for check in kind}


def test_personal_data_names_its_kind_in_the_code():
    found = personal_data.find("BSN 123456782, bel 0612345678.", personal_data.Allowlist())
    assert [item.code for item in found] == ["personal-data-bsn", "personal-data-phone"]
    assert [item.description for item in found] == [
        "een burgerservicenummer (123456782)",
        "een telefoonnummer (0612345678)",
    ]


def test_a_finding_is_a_path_a_code_and_a_message():
    finding = Finding(("title",), "placeholder", "vervang de plaatshouder")
    path, code, message = finding
    assert (path, code, message) == (("title",), "placeholder", "vervang de plaatshouder")


# The validator: problems carry the code, and the placeholder rule is found by its code


@pytest.mark.parametrize(
    ("old", "new", "field", "code"),
    [
        ("title: Proefaanpak Testdorp\n", "", "title", "schema-required"),
        ("country: NL", "country: NL\nkleur: rood", "kleur", "schema-additional-properties"),
        ("status: beeindigd", "status: afgelopen", "status", "schema-enum"),
        ("start: 2019", "start: '2019'", "period.start", "schema-type"),
        (
            'last_reviewed: "2025-01-15"',
            'last_reviewed: "15-01-2025"',
            "last_reviewed",
            "schema-pattern",
        ),
        ("phenomena: [vastgoed, witwassen]", "phenomena: []", "phenomena", "schema-min-items"),
    ],
)
def test_schema_problems_are_coded_by_their_keyword(validate_record, mutate, old, new, field, code):
    problems = validate_record(mutate(old, new))
    assert (field, code) in [(problem.field, problem.code) for problem in problems]


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("empty.yml", "record-empty"),
        ("not-a-mapping.yml", "record-not-mapping"),
        ("wrong-extension.yaml", "file-extension"),
        ("duplicate-key.yml", "load"),
        ("python-tag.yml", "load"),
    ],
)
def test_file_problems_are_coded(validator, name, code):
    [problem] = validator.validate([HOSTILE / name])
    assert problem.code == code


def test_duplicate_ids_are_coded(validator, write_record, valid_record_text):
    first = write_record(valid_record_text, "een/proef.yml")
    second = write_record(valid_record_text, "twee/proef.yml")
    [problem] = validator.validate([first, second])
    assert problem.code == "id-duplicate"


def test_a_placeholder_is_reported_once_not_also_by_the_schema(validate_record, mutate):
    problems = validate_record(mutate("status: beeindigd", 'status: "VUL IN: kies een status"'))
    assert [(problem.field, problem.code) for problem in problems] == [("status", "placeholder")]


def test_the_code_does_not_change_what_is_printed_or_compared(validator, validate_record, mutate):
    [problem] = validate_record(mutate("status: beeindigd", "status: afgelopen"))
    assert problem.format().endswith(f": status: {problem.message}")
    assert problem.code not in problem.format()
    assert problem == type(problem)(
        problem.path, problem.line, problem.column, problem.field, problem.message
    )


def test_the_validator_uses_the_allowlist_it_is_given(validator, write_record, mutate):
    path = write_record(mutate("results: Geen.", "results: Mail meld@example.org."))
    assert [problem.code for problem in validator.validate([path])] == ["personal-data-email"]
    allowlist = personal_data.Allowlist(email_addresses=frozenset({"meld@example.org"}))
    allowing = Validator(validator.schema, validator.vocabularies, TODAY, allowlist=allowlist)
    assert allowing.validate([path]) == []


def test_the_catalogue_is_loaded_with_the_official_contacts_of_its_root(
    tmp_path, valid_record_text
):
    for folder in ("schema", "vocabularies"):
        shutil.copytree(paths.ROOT / folder, tmp_path / folder)
    (tmp_path / "interventions").mkdir()
    record = valid_record_text.replace("results: Geen.", "results: Mail meld@example.org.")
    (tmp_path / "interventions" / "proef.yml").write_text(record, encoding="utf-8")
    with pytest.raises(InvalidCatalogue) as refused:
        load_catalogue(tmp_path)
    assert [problem.code for problem in refused.value.problems] == ["personal-data-email"]
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "official-contacts.yml").write_text(
        "email_addresses: [meld@example.org]\n", encoding="utf-8"
    )
    assert list(load_catalogue(tmp_path).interventions) == ["proef"]
