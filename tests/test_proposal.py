"""From a submitted issue form "Interventie voorstellen" to a record (catalogus.proposal)."""

import pytest
import yaml

from catalogus.proposal import (
    FORM_LABELS,
    MODELINE,
    parse_issue_form,
    record_from_issue,
    record_id,
    update_form_options,
    write_record_from_issue,
)
from catalogus.vocabularies import Term

# Before the validator fixture's TODAY (2026-06-01), so `last_reviewed` is not in the future.
REVIEWED = "2026-05-30"

# SYNTHETIC TEST DATA: an issue body as GitHub renders the form "Interventie voorstellen". The
# intervention, the municipality and the sources are made up; they describe nothing real.
SYNTHETIC_BODY = """\
### Titel

Proefaanpak Café-ondermijning Zonnedal

### Samenvatting

Een verzonnen aanpak waarin een verzonnen gemeente   horecapanden
controleert op signalen van ondermijning.

### Beschrijving

Deze interventie bestaat niet. De verzonnen gemeente Zonnedal controleert samen met partners
horecapanden waar signalen van witwassen zijn.

### Werkwijze

1. Signalen verzamelen.
2. Samen controleren.

### Fenomenen

risicovolle-branches, witwassen

### Regio's

oost-nederland, midden-nederland

### Land

nl

### Soort interventie

bestuurlijk, gebiedsgericht

### Status

pilot

### Niveau van onderbouwing

praktijkervaring

### Toelichting op de onderbouwing

Er is alleen een verzonnen verslag van de uitvoering.

### Uitkomst

onbekend

### Toelichting op de uitkomst

Er is geen evaluatie, want de aanpak is verzonnen.

### Trekker

Gemeente Zonnedal

### Bronnen

- Verzonnen verslag van de proefaanpak | https://example.org/verslag | 2025
Verzonnen raadsinformatiebrief | https://example.org/raadsbrief
Verzonnen notitie zonder datum | www.example.org/notitie | z.j.

### Bevestiging

- [X] De interventie bestaat echt, alles wat ik heb ingevuld is openbaar en in mijn eigen woorden, en er staan geen persoonsgegevens in.
"""


def render(answers: dict[str, str]) -> str:
    return "".join(f"### {label}\n\n{answer}\n\n" for label, answer in answers.items())


def body_with(label: str, answer: str, body: str = SYNTHETIC_BODY) -> str:
    """The synthetic body with the answer under `### label` replaced."""
    answers = parse_issue_form(body)
    assert label in answers
    return render({**answers, label: answer})


def body_without(label: str, body: str = SYNTHETIC_BODY) -> str:
    return render({key: answer for key, answer in parse_issue_form(body).items() if key != label})


def data_of(text: str) -> dict:
    return yaml.safe_load(text)


# parse_issue_form


def test_parse_gives_every_answer_by_label():
    answers = parse_issue_form(SYNTHETIC_BODY)
    assert list(answers) == list(FORM_LABELS.values())
    assert answers["Titel"] == "Proefaanpak Café-ondermijning Zonnedal"
    assert answers["Fenomenen"] == "risicovolle-branches, witwassen"
    assert answers["Land"] == "nl"


def test_parse_gives_an_empty_answer_for_no_response():
    answers = parse_issue_form(body_with("Trekker", "_No response_"))
    assert answers["Trekker"] == ""


def test_parse_keeps_headings_that_are_not_form_labels_in_the_answer():
    description = parse_issue_form(SYNTHETIC_BODY)["Beschrijving"]
    assert "### Werkwijze\n\n1. Signalen verzamelen." in description


def test_parse_reads_windows_line_endings():
    assert parse_issue_form(SYNTHETIC_BODY.replace("\n", "\r\n")) == parse_issue_form(
        SYNTHETIC_BODY
    )


# record_from_issue


def test_record_from_the_synthetic_issue():
    identifier, text = record_from_issue(SYNTHETIC_BODY, REVIEWED)

    assert identifier == "proefaanpak-cafe-ondermijning-zonnedal"
    assert text.startswith(MODELINE)
    data = data_of(text)
    assert list(data) == [
        "title",
        "summary",
        "description",
        "phenomena",
        "regions",
        "country",
        "access",
        "kinds",
        "lead_organisation",
        "status",
        "evidence",
        "outcome",
        "sources",
        "last_reviewed",
    ]
    assert data["title"] == "Proefaanpak Café-ondermijning Zonnedal"
    assert data["summary"] == (
        "Een verzonnen aanpak waarin een verzonnen gemeente horecapanden controleert op "
        "signalen van ondermijning."
    )
    assert data["description"].startswith("Deze interventie bestaat niet.")
    assert data["phenomena"] == ["risicovolle-branches", "witwassen"]
    assert data["regions"] == ["oost-nederland", "midden-nederland"]
    assert data["country"] == "NL"
    assert data["access"] == "public"
    assert data["kinds"] == ["bestuurlijk", "gebiedsgericht"]
    assert data["status"] == "pilot"
    assert data["evidence"] == {
        "level": "praktijkervaring",
        "explanation": "Er is alleen een verzonnen verslag van de uitvoering.",
    }
    assert data["outcome"]["result"] == "onbekend"
    assert data["sources"] == [
        {
            "title": "Verzonnen verslag van de proefaanpak",
            "url": "https://example.org/verslag",
            "year": 2025,
        },
        {"title": "Verzonnen raadsinformatiebrief", "url": "https://example.org/raadsbrief"},
        {"title": "Verzonnen notitie zonder datum", "url": "https://www.example.org/notitie"},
    ]
    assert data["last_reviewed"] == REVIEWED
    assert "'2026-05-30'" in text  # a string, not a YAML date


def test_record_from_the_synthetic_issue_passes_the_validator(validate_record):
    identifier, text = record_from_issue(SYNTHETIC_BODY, REVIEWED)
    assert validate_record(text, name=f"{identifier}.yml") == []


def test_written_record_passes_catalogus_validate(tmp_path, run_cli):
    body_file = tmp_path / "issue.md"
    body_file.write_text(SYNTHETIC_BODY, encoding="utf-8")
    folder = tmp_path / "interventions"
    folder.mkdir()

    path = write_record_from_issue(body_file, folder, REVIEWED)

    assert path == folder / "proefaanpak-cafe-ondermijning-zonnedal.yml"
    result = run_cli("validate", str(path))
    assert result.code == 0, result.stdout


def test_foreign_approach_has_no_regions(validate_record):
    body = body_with("Regio's", "buitenland")
    body = body_with("Land", "BE", body)
    identifier, text = record_from_issue(body, REVIEWED)
    data = data_of(text)
    assert "regions" not in data
    assert data["country"] == "BE"
    assert validate_record(text, name=f"{identifier}.yml") == []


def test_norway_stays_a_country_code(validate_record):
    body = body_with("Land", "NO", body_with("Regio's", "buitenland"))
    identifier, text = record_from_issue(body, REVIEWED)
    assert data_of(text)["country"] == "NO"
    assert validate_record(text, name=f"{identifier}.yml") == []


def test_lead_organisation_may_be_left_empty(validate_record):
    identifier, text = record_from_issue(body_with("Trekker", "_No response_"), REVIEWED)
    assert "lead_organisation" not in data_of(text)
    assert validate_record(text, name=f"{identifier}.yml") == []


def test_tabs_become_spaces(validate_record):
    body = body_with("Beschrijving", "Een verzonnen tekst\tmet een tab.")
    identifier, text = record_from_issue(body, REVIEWED)
    assert data_of(text)["description"] == "Een verzonnen tekst    met een tab."
    assert validate_record(text, name=f"{identifier}.yml") == []


def test_wrong_choices_are_left_to_the_validator(validate_record):
    body = body_with("Fenomenen", "bestaat-niet")
    identifier, text = record_from_issue(body, REVIEWED)
    assert data_of(text)["phenomena"] == ["bestaat-niet"]
    problems = validate_record(text, name=f"{identifier}.yml")
    assert [problem.field for problem in problems] == ["phenomena[0]"]


def test_personal_data_is_left_to_the_validator(validate_record):
    body = body_with("Beschrijving", "Bel voor meer informatie 06-12345678.")
    identifier, text = record_from_issue(body, REVIEWED)
    problems = validate_record(text, name=f"{identifier}.yml")
    assert [problem.field for problem in problems] == ["description"]


# record_id


@pytest.mark.parametrize(
    ("title", "identifier"),
    [
        ("Wet Bibob: integriteitstoets", "wet-bibob-integriteitstoets"),
        ("Opiumwet 13b - sluiting", "opiumwet-13b-sluiting"),
        ("België: bestuurlijke handhaving", "belgie-bestuurlijke-handhaving"),
        ("Straße, Ærø en Łódź", "strasse-aero-en-lodz"),
        ("  --Veel   --  tekens!!  ", "veel-tekens"),
    ],
)
def test_record_id_is_ascii_kebab_case(title, identifier):
    assert record_id(title) == identifier


def test_record_id_of_a_long_title_stops_at_a_word():
    identifier = record_id("Een zeer lange titel " * 10)
    assert len(identifier) <= 60
    assert identifier.startswith("een-zeer-lange-titel-")
    assert not identifier.endswith("-")
    assert identifier.split("-")[-1] in {"een", "zeer", "lange", "titel"}


# Bodies that are not a usable form: a ValueError in Dutch, for the person who filled it in


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("", "Dit is geen ingevuld formulier 'Interventie voorstellen'"),
        ("Ik wil graag de Wet Bibob toevoegen.", "de kopjes ('### Titel', "),
        (body_without("Bronnen"), "In het formulier ontbreken deze onderdelen: Bronnen."),
        (body_with("Samenvatting", "_No response_"), "Samenvatting: deze vraag is verplicht"),
        (body_with("Fenomenen", ""), "Fenomenen: deze vraag is verplicht"),
        (body_with("Bevestiging", "- [ ] De interventie bestaat echt"), "Bevestiging: vink aan"),
        (body_with("Bevestiging", "_No response_"), "Bevestiging: vink aan"),
        (
            body_with("Bronnen", "Een bron zonder link | 2020"),
            "Bronnen, regel 1: geen webadres gevonden",
        ),
        (
            body_with(
                "Bronnen", "Goede bron | https://example.org/a | 2020\n| https://example.org"
            ),
            "Bronnen, regel 2: de titel ontbreekt",
        ),
        (
            body_with("Bronnen", "Een bron | https://example.org/a | twintig"),
            "Bronnen, regel 1: 'twintig' is geen jaartal",
        ),
        (
            body_with("Beschrijving", "Tekst.\n\n### Titel\n\nNog een titel"),
            "Het kopje '### Titel' staat twee keer in het formulier",
        ),
        (body_with("Titel", "!!!"), "Uit de titel valt geen id te maken"),
    ],
)
def test_malformed_body_gives_a_dutch_message(body, message):
    with pytest.raises(ValueError) as raised:
        record_from_issue(body, REVIEWED)
    assert message in str(raised.value)


def test_every_problem_is_reported_at_once():
    body = body_with("Samenvatting", "_No response_")
    body = body_with("Status", "_No response_", body)
    body = body_with("Bronnen", "geen link", body)
    with pytest.raises(ValueError) as raised:
        record_from_issue(body, REVIEWED)
    assert str(raised.value).splitlines() == [
        "Samenvatting: deze vraag is verplicht, maar niet beantwoord.",
        "Status: deze vraag is verplicht, maar niet beantwoord.",
        "Bronnen, regel 1: geen webadres gevonden. Schrijf elke bron op een eigen regel: de "
        "titel, het webadres (https://...) en het jaar als de bron het noemt.",
    ]


def test_today_must_be_a_date():
    with pytest.raises(ValueError, match="geen datum in de vorm JJJJ-MM-DD"):
        record_from_issue(SYNTHETIC_BODY, "23-11-2026")


def test_an_existing_record_is_never_overwritten(tmp_path):
    body_file = tmp_path / "issue.md"
    body_file.write_text(SYNTHETIC_BODY, encoding="utf-8")
    existing = tmp_path / "proefaanpak-cafe-ondermijning-zonnedal.yml"
    existing.write_text("bestaat al\n", encoding="utf-8")
    with pytest.raises(ValueError, match="Er bestaat al een interventie met de id"):
        write_record_from_issue(body_file, tmp_path, REVIEWED)
    assert existing.read_text(encoding="utf-8") == "bestaat al\n"


def test_a_body_that_is_not_utf8_gives_a_dutch_message(tmp_path):
    body_file = tmp_path / "issue.md"
    body_file.write_bytes(b"### Titel\n\n\xff\n")
    with pytest.raises(ValueError, match="geen geldige UTF-8"):
        write_record_from_issue(body_file, tmp_path, REVIEWED)


# Keeping the form's dropdowns in step with the vocabularies (SYNTHETIC vocabularies)


def test_update_form_options_rewrites_only_the_vocabulary_dropdowns():
    def terms(*slugs):
        return {slug: Term(slug, slug.title(), "Verzonnen.") for slug in slugs}

    vocabularies = {
        "phenomena": terms("nieuw-fenomeen", "ander-fenomeen"),
        "regions": terms("landelijk"),
        "kinds": terms("bestuurlijk"),
        "statuses": terms("lopend"),
        "evidence_levels": terms("praktijkervaring"),
        "outcomes": terms("onbekend", "no"),
        "countries": {"NL": Term("NL", "Nederland", "Verzonnen.")},
    }
    form = """\
body:
  # a comment that stays
  - type: dropdown
    id: phenomena
    attributes:
      label: Fenomenen
      multiple: true
      options:
        - oud-fenomeen
    validations:
      required: true
  - type: dropdown
    id: other
    attributes:
      options:
        - blijft
  - type: dropdown
    id: outcome
    attributes:
      options:
        - onbekend
"""
    updated = update_form_options(form, vocabularies)
    assert updated == form.replace(
        "        - oud-fenomeen\n", "        - nieuw-fenomeen\n        - ander-fenomeen\n"
    ).replace("        - onbekend\n", "        - onbekend\n        - 'no'\n")
    assert update_form_options(updated, vocabularies) == updated
    assert yaml.safe_load(updated)["body"][2]["attributes"]["options"] == ["onbekend", "no"]


def test_from_issue_command_writes_a_record_the_validator_accepts(tmp_path, capsys):
    from catalogus.cli import main

    body = tmp_path / "issue.md"
    body.write_text(SYNTHETIC_BODY, encoding="utf-8")
    output = tmp_path / "out"
    output.mkdir()
    assert (
        main(["from-issue", str(body), "--output-dir", str(output), "--today", "2026-01-02"]) == 0
    )
    path = capsys.readouterr().out.strip()
    assert main(["validate", path]) == 0, capsys.readouterr().out
    assert main(["from-issue", str(tmp_path / "ontbreekt.md")]) == 2


@pytest.mark.parametrize(
    ("answer", "country"), [("BE (België)", "BE"), ("nl", "NL"), ("DE (Duitsland)", "DE")]
)
def test_the_country_comes_from_the_dropdown_choice_or_a_code(answer, country):
    body = body_with("Land", answer)
    if country != "NL":
        body = body_with("Regio's", "buitenland", body)
    _, text = record_from_issue(body, REVIEWED)
    assert yaml.safe_load(text)["country"] == country


@pytest.mark.parametrize(
    "line",
    [
        "Evaluatie van de aanpak | https://example.org/evaluatie | 2021",
        "Evaluatie van de aanpak https://example.org/evaluatie 2021",
        "- Evaluatie van de aanpak: https://example.org/evaluatie (2021)",
    ],
)
def test_a_source_may_be_written_as_plain_text_around_its_address(line):
    _, text = record_from_issue(body_with("Bronnen", line), REVIEWED)
    assert yaml.safe_load(text)["sources"] == [
        {"title": "Evaluatie van de aanpak", "url": "https://example.org/evaluatie", "year": 2021}
    ]
