"""The validator: schema errors in Dutch, rule checks, positions, and how problems are reported."""

import datetime
import gc
from pathlib import Path

import jsonschema
import pytest

from catalogus import loading, validation
from catalogus.schema_messages import _schema_message
from catalogus.validation import (
    Problem,
    RecordFile,
    Validator,
    field_name,
    record_paths,
)


def reported(problems: list[Problem]) -> list[tuple[str, str]]:
    return [(problem.field, problem.message) for problem in problems]


def schema_messages(schema: dict, instance) -> list[tuple[tuple, str]]:
    return [
        (finding.path, finding.message)
        for finding in map(
            _schema_message, jsonschema.Draft7Validator(schema).iter_errors(instance)
        )
    ]


# The synthetic record itself


def test_the_synthetic_record_is_valid(validate_record, valid_record_text):
    assert validate_record(valid_record_text) == []


def test_the_synthetic_record_uses_every_field(validator, valid_record_data):
    # Foreign-only fields, and former ids (copies of this record would claim the same ones).
    foreign_only = {"adoption_in_nl", "dutch_counterparts", "former_ids"}
    assert set(valid_record_data) == set(validator.schema["properties"]) - foreign_only


# Problem formatting


def test_format():
    problem = Problem("interventions/a.yml", 3, 5, "sources[0].url", "klopt niet")
    assert problem.format() == "interventions/a.yml:3:5: sources[0].url: klopt niet"


def test_format_without_field_shows_a_dash():
    assert Problem("a.yml", 1, 1, "", "leeg").format() == "a.yml:1:1: -: leeg"


def test_format_keeps_one_problem_on_one_line():
    problem = Problem("a.yml", 2, 1, "x\ny", "een\r\ntwee")
    assert problem.format() == r"a.yml:2:1: x\ny: een\r\ntwee"


def test_format_github():
    problem = Problem("interventions/a.yml", 3, 5, "sources[0].url", "klopt niet")
    assert problem.format_github() == (
        "::error file=interventions/a.yml,line=3,col=5,title=sources[0].url::klopt niet"
    )


def test_format_github_without_field_is_titled_record():
    assert Problem("a.yml", 1, 1, "", "leeg").format_github() == (
        "::error file=a.yml,line=1,col=1,title=record::leeg"
    )


def test_format_github_escapes_the_message():
    problem = Problem("a.yml", 1, 1, "title", "100% fout\r\nregel twee: a, b")
    assert problem.format_github().endswith("::100%25 fout%0D%0Aregel twee: a, b")


def test_format_github_escapes_properties():
    problem = Problem("C:/map,x/a%.yml", 1, 1, "a:b,c\nd", "m")
    assert problem.format_github() == (
        "::error file=C%3A/map%2Cx/a%25.yml,line=1,col=1,title=a%3Ab%2Cc%0Ad::m"
    )


def test_problems_sort_by_path_line_column_field_and_message():
    problems = [
        Problem("b.yml", 1, 1, "", "x"),
        Problem("a.yml", 10, 1, "", "x"),
        Problem("a.yml", 2, 7, "z", "x"),
        Problem("a.yml", 2, 7, "a", "y"),
        Problem("a.yml", 2, 3, "", "x"),
    ]
    assert [(p.path, p.line, p.column, p.field) for p in sorted(problems)] == [
        ("a.yml", 2, 3, ""),
        ("a.yml", 2, 7, "a"),
        ("a.yml", 2, 7, "z"),
        ("a.yml", 10, 1, ""),
        ("b.yml", 1, 1, ""),
    ]


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ((), ""),
        (("title",), "title"),
        (("period", "end"), "period.end"),
        (("sources", 0, "url"), "sources[0].url"),
        (("related", 3), "related[3]"),
        ((0,), "[0]"),
    ],
)
def test_field_name(path, name):
    assert field_name(path) == name


# Every problem is reported, sorted, and located


def test_every_problem_is_reported_not_only_the_first(validate_record, mutate):
    text = mutate("title: Proefaanpak Testdorp\n", "")
    text = text.replace("phenomena: [vastgoed, witwassen]", "phenomena: [vastgoedd, witwassen]")
    text = text.replace("  start: 2019\n  end: 2021", "  start: 2021\n  end: 2019")
    text = text.replace('last_reviewed: "2025-01-15"', "last_reviewed: 2026-02-30")
    text = text.replace("lessons:", "lesons:")

    problems = validate_record(text)

    assert [(p.line, p.field) for p in problems] == [
        (1, "title"),
        (8, "phenomena[0]"),
        (22, "period.end"),
        (41, "lesons"),
        (51, "last_reviewed"),
    ]


def test_every_file_is_reported(write_record, validator, valid_record_text):
    paths = [
        write_record(valid_record_text.replace("country: NL", "country: XX"), "b.yml"),
        write_record(valid_record_text, "c.yml"),
        write_record("", "a.yml"),
    ]
    problems = validator.validate(paths)
    assert [(problem.path, problem.field) for problem in problems] == [
        (str(paths[2]), ""),
        (str(paths[0]), "regions"),  # a foreign country has no Dutch regions
        (str(paths[0]), "country"),
    ]


def test_positions_are_read_only_for_a_file_with_a_problem(
    write_record, validator, valid_record_text, monkeypatch
):
    # Reading positions builds every node in Python; a valid record takes the fast pass only.
    parsed = []
    monkeypatch.setattr(
        validation, "parse", lambda text: parsed.append(text) or loading.parse(text)
    )
    broken = valid_record_text.replace("country: NL", "country: XX")
    problems = validator.validate(
        [write_record(valid_record_text, "a.yml"), write_record(broken, "b.yml")]
    )
    assert parsed == [broken]
    assert [(problem.line, problem.field) for problem in problems] == [
        (10, "regions"),
        (11, "country"),
    ]


@pytest.mark.parametrize(
    ("old", "new", "line", "column", "field"),
    [
        ("title: Proefaanpak Testdorp", "title: 12", 3, 1, "title"),
        ("  level: praktijkervaring", "  level: praktijk", 33, 3, "evidence.level"),
        ("    year: 2020", "    year: 2030", 50, 5, "sources[0].year"),
        ("kinds: [bestuurlijk, preventief]", "kinds: [bestuurlijk, preventif]", 13, 22, "kinds[1]"),
        ("  - Testpartner Twee", "  - Testpartner Een", 16, 1, "partners"),
    ],
)
def test_problems_point_at_the_field(validate_record, mutate, old, new, line, column, field):
    [problem] = validate_record(mutate(old, new))
    assert (problem.line, problem.column, problem.field) == (line, column, field)


def test_a_missing_nested_field_points_at_its_parent(validate_record, mutate):
    [problem] = validate_record(mutate("  result: onbekend\n", ""))
    assert (problem.line, problem.column, problem.field) == (35, 1, "outcome.result")


# Schema errors in Dutch, one keyword at a time


def test_required(validate_record, valid_record_data):
    del valid_record_data["summary"]
    assert reported(validate_record(valid_record_data)) == [
        ("summary", "verplicht veld 'summary' ontbreekt: voeg het toe")
    ]


def test_required_nested(validate_record, valid_record_data):
    del valid_record_data["contact"]["organisation"]
    assert reported(validate_record(valid_record_data)) == [
        ("contact.organisation", "verplicht veld 'organisation' ontbreekt: voeg het toe")
    ]


def test_additional_properties_with_suggestion(validate_record, valid_record_data):
    valid_record_data["sumary"] = "x"
    [(field, message)] = reported(validate_record(valid_record_data))
    assert field == "sumary"
    assert message.startswith(
        "onbekend veld 'sumary' (bedoelde u 'summary'?): toegestaan zijn title, "
    )


def test_every_missing_field_is_reported(validate_record, valid_record_data):
    del valid_record_data["title"], valid_record_data["summary"], valid_record_data["status"]
    assert [field for field, _ in reported(validate_record(valid_record_data))] == [
        "status",
        "summary",
        "title",
    ]


def test_every_unknown_field_is_reported(validate_record, valid_record_data):
    valid_record_data |= {"sumary": "x", "lesons": "y", "extra": "z"}
    valid_record_data["period"] |= {"einde": 2021, "begin": 2019}
    assert [field for field, _ in reported(validate_record(valid_record_data))] == [
        "extra",
        "lesons",
        "period.begin",
        "period.einde",
        "sumary",
    ]


def test_additional_properties_nested(validate_record, valid_record_data):
    valid_record_data["period"]["einde"] = 2021
    assert reported(validate_record(valid_record_data)) == [
        (
            "period.einde",
            "onbekend veld 'einde' (bedoelde u 'end'?): toegestaan zijn start, end",
        )
    ]


def test_enum_with_vocabulary_suggests_and_lists_the_terms(validate_record, valid_record_data):
    valid_record_data["status"] = "beëindigd"
    assert reported(validate_record(valid_record_data)) == [
        (
            "status",
            "'beëindigd' staat niet in de woordenlijst statussen (vocabularies/) "
            "(bedoelde u 'beeindigd'?): kies uit pilot, lopend, structureel, beeindigd",
        )
    ]


def test_enum_with_a_long_vocabulary_does_not_list_it(validate_record, valid_record_data):
    valid_record_data["country"] = "XX"
    valid_record_data["regions"] = []
    assert reported(validate_record(valid_record_data)) == [
        ("country", "'XX' staat niet in de woordenlijst landen (ISO-codes) (vocabularies/)")
    ]


def test_enum_without_vocabulary(validate_record, valid_record_data):
    valid_record_data["access"] = "publiek"
    assert reported(validate_record(valid_record_data)) == [
        ("access", "'publiek' is niet toegestaan (bedoelde u 'public'?): kies uit public, internal")
    ]


def test_enum_quotes_long_values_shortened(validate_record, valid_record_data):
    valid_record_data["access"] = "x" * 100
    [(_, message)] = reported(validate_record(valid_record_data))
    assert message.startswith(f"'{'x' * 60}…' is niet toegestaan")


@pytest.mark.parametrize(
    ("value", "name"),
    [
        (12, "een geheel getal"),
        (1.5, "een getal"),
        (True, "true of false"),
        (None, "leeg"),
        (["a"], "een lijst"),
    ],
)
def test_type(validate_record, valid_record_data, value, name):
    valid_record_data["title"] = value
    assert reported(validate_record(valid_record_data)) == [
        ("title", f"moet tekst zijn, niet {name}")
    ]


def test_type_of_text_that_reads_as_a_mapping_hints_at_the_colon(validate_record, mutate):
    [problem] = validate_record(mutate("results: Geen.", "results:\n  Resultaat: geen"))
    assert problem.field == "results"
    assert problem.message.startswith("moet tekst zijn, niet een groep velden (sleutel: waarde)")


def test_type_integer(validate_record, valid_record_data):
    valid_record_data["period"]["start"] = "2019"
    assert reported(validate_record(valid_record_data)) == [
        ("period.start", "moet een geheel getal zijn, niet tekst")
    ]


def test_type_array(validate_record, valid_record_data):
    valid_record_data["kinds"] = "bestuurlijk"
    assert reported(validate_record(valid_record_data)) == [
        ("kinds", "moet een lijst zijn, niet tekst")
    ]


def test_type_object(validate_record, valid_record_data):
    valid_record_data["evidence"] = "praktijkervaring"
    assert reported(validate_record(valid_record_data)) == [
        ("evidence", "moet een groep velden (sleutel: waarde) zijn, niet tekst")
    ]


def test_pattern_uses_the_schema_hint(validate_record, valid_record_data):
    valid_record_data["last_reviewed"] = "15-01-2025"
    assert reported(validate_record(valid_record_data)) == [
        (
            "last_reviewed",
            "'15-01-2025' heeft niet de juiste vorm: "
            "Schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2026-11-23.",
        )
    ]


@pytest.mark.parametrize(
    "url",
    [
        "example.org",
        "ftp://example.org/",
        "https://example .org/",
        "https://localhost/",
        "javascript:alert(1)",
        "https://example.org/a b",
    ],
)
def test_malformed_urls(validate_record, valid_record_data, url):
    valid_record_data["contact"]["url"] = url
    [(field, message)] = reported(validate_record(valid_record_data))
    assert field == "contact.url"
    assert "heeft niet de juiste vorm: Geef een volledig webadres" in message


@pytest.mark.parametrize(
    "url",
    ["https://example.org", "http://www.example.org:8080/a?b=c#d", "https://a-b.example.nl/x"],
)
def test_wellformed_urls(validate_record, valid_record_data, url):
    valid_record_data["contact"]["url"] = url
    assert validate_record(valid_record_data) == []


def test_max_length(validate_record, valid_record_data):
    valid_record_data["summary"] = "x" * 301
    assert reported(validate_record(valid_record_data)) == [
        ("summary", "is 301 tekens lang; ten hoogste 300 toegestaan: verkort de tekst")
    ]


def test_max_length_allows_the_maximum(validate_record, valid_record_data):
    valid_record_data["summary"] = "x" * 300
    assert validate_record(valid_record_data) == []


def test_min_length(validate_record, valid_record_data):
    valid_record_data["title"] = ""
    assert reported(validate_record(valid_record_data)) == [
        ("title", "mag niet leeg zijn: vul een waarde in of laat het veld weg")
    ]


def test_min_items(validate_record, valid_record_data):
    valid_record_data["kinds"] = []
    assert reported(validate_record(valid_record_data)) == [
        ("kinds", "moet minstens 1 waarde(n) bevatten")
    ]


def test_max_items():
    assert schema_messages({"type": "array", "maxItems": 1}, [1, 2]) == [
        ((), "mag ten hoogste 1 waarde(n) bevatten")
    ]


def test_unique_items(validate_record, valid_record_data):
    valid_record_data["phenomena"] = ["vastgoed", "witwassen", "vastgoed"]
    assert reported(validate_record(valid_record_data)) == [
        ("phenomena", "'vastgoed' staat er dubbel in: haal er één weg")
    ]


def test_minimum(validate_record, valid_record_data):
    valid_record_data["period"]["start"] = 1899
    assert reported(validate_record(valid_record_data)) == [
        ("period.start", "moet minstens 1900 zijn")
    ]


def test_maximum():
    assert schema_messages({"type": "integer", "maximum": 2100}, 2101) == [
        ((), "mag ten hoogste 2100 zijn")
    ]


def test_other_keywords_fall_back_to_the_jsonschema_message():
    [(path, message)] = schema_messages({"multipleOf": 2}, 3)
    assert path == ()
    assert message.startswith("voldoet niet aan het schema (multipleOf: ")


def test_error_message_from_the_schema():
    schema = {"properties": {"a": {"type": "string", "errorMessage": "eigen uitleg"}}}
    assert schema_messages(schema, {"a": 1}) == [(("a",), "eigen uitleg")]


def test_error_message_of_a_required_field_names_the_field():
    schema = {"required": ["a"], "errorMessage": "a is nodig"}
    assert schema_messages(schema, {}) == [(("a",), "a is nodig")]


# Conditional rules (if/then/else in the schema)


def test_foreign_intervention_with_a_region(validate_record, valid_record_data):
    valid_record_data["country"] = "BE"
    assert reported(validate_record(valid_record_data)) == [
        (
            "regions",
            "een buitenlandse interventie heeft geen RIEC-regio's: laat 'regions' leeg of weg",
        )
    ]


@pytest.mark.parametrize("regions", [[], None])
def test_foreign_intervention_without_regions_is_valid(validate_record, valid_record_data, regions):
    valid_record_data["country"] = "IT"
    if regions is None:
        del valid_record_data["regions"]
    else:
        valid_record_data["regions"] = regions
    assert validate_record(valid_record_data) == []


def test_dutch_intervention_without_regions(validate_record, valid_record_data):
    del valid_record_data["regions"]
    assert reported(validate_record(valid_record_data)) == [
        (
            "regions",
            "een Nederlandse interventie heeft minstens één regio: "
            "voeg 'regions' toe met een RIEC-regio of 'landelijk'",
        )
    ]


def test_dutch_intervention_with_empty_regions(validate_record, valid_record_data):
    valid_record_data["regions"] = []
    assert reported(validate_record(valid_record_data)) == [
        (
            "regions",
            "een Nederlandse interventie heeft minstens één regio: een RIEC-regio of 'landelijk'",
        )
    ]


@pytest.mark.parametrize("access", ["public", None])
def test_public_intervention_without_sources(validate_record, valid_record_data, access):
    del valid_record_data["sources"]
    if access is None:
        del valid_record_data["access"]  # public is the default
    assert reported(validate_record(valid_record_data)) == [
        (
            "sources",
            "een openbare interventie heeft minstens één bron: "
            "voeg 'sources' toe met title, url en year",
        )
    ]


def test_public_intervention_with_empty_sources(validate_record, valid_record_data):
    valid_record_data["sources"] = []
    [(field, message)] = reported(validate_record(valid_record_data))
    assert field == "sources"
    assert message.startswith("een openbare interventie heeft minstens één bron")


def test_source_year_is_optional(validate_record, valid_record_data):
    del valid_record_data["sources"][0]["year"]
    assert validate_record(valid_record_data) == []


def test_source_needs_title_and_url(validate_record, valid_record_data):
    valid_record_data["sources"][0] = {"year": 2020}
    assert reported(validate_record(valid_record_data)) == [
        ("sources[0].title", "verplicht veld 'title' ontbreekt: voeg het toe"),
        ("sources[0].url", "verplicht veld 'url' ontbreekt: voeg het toe"),
    ]


def test_internal_intervention_without_sources_is_valid(validate_record, valid_record_data):
    valid_record_data["access"] = "internal"
    del valid_record_data["sources"]
    assert validate_record(valid_record_data) == []


# Values YAML 1.1 would have changed


def test_norway_is_a_country_not_false(validate_record, mutate, validator, write_record):
    text = mutate("country: NL", "country: NO").replace("regions: [landelijk]\n", "")
    assert validate_record(text) == []
    [record], _ = validator.load([write_record(text)])
    assert record.data["country"] == "NO"


def test_unquoted_date_stays_text(validate_record, mutate, validator, write_record):
    text = mutate('last_reviewed: "2025-01-15"', "last_reviewed: 2025-01-15")
    assert validate_record(text) == []
    [record], _ = validator.load([write_record(text)])
    assert record.data["last_reviewed"] == "2025-01-15"


# Loading files, odd records and ids


def test_wrong_extension(validator, write_record, valid_record_text):
    path = write_record(valid_record_text, "proef.yaml")
    assert validator.validate([path]) == [
        Problem(str(path), 1, 1, "", "gebruik de extensie .yml voor een record")
    ]


def test_load_errors_become_problems_with_their_field(validate_record, mutate):
    [problem] = validate_record(mutate("results: Geen.", "results: Geen.\ntitle: Nog een"))
    assert (problem.line, problem.column, problem.field) == (42, 1, "title")
    assert "komt dubbel voor" in problem.message


def test_empty_record(validate_record):
    assert reported(validate_record("# niets\n")) == [
        ("", "het bestand is leeg: vul de velden van een record in")
    ]


@pytest.mark.parametrize(
    ("text", "name"), [("- a\n", "een lijst"), ("tekst\n", "tekst"), ("12\n", "een geheel getal")]
)
def test_record_that_is_not_a_mapping(validate_record, text, name):
    assert reported(validate_record(text)) == [
        ("", f"een record is een groep velden (sleutel: waarde), niet {name}")
    ]


def test_invalid_file_name_is_reported(validate_record, valid_record_text):
    [problem] = validate_record(valid_record_text, "Proef Interventie.yml")
    assert problem.field == ""
    assert "bijvoorbeeld 'proef-interventie.yml'" in problem.message


def test_related_uses_known_ids(validate_record, valid_record_data):
    valid_record_data["related"] = ["elders"]
    assert validate_record(valid_record_data, known_ids={"elders"}) == []
    [(field, message)] = reported(validate_record(valid_record_data))
    assert field == "related[0]"
    assert "er is geen interventie met id 'elders'" in message


def test_related_may_name_records_validated_together(validator, write_record, valid_record_data):
    valid_record_data["related"] = ["tweede"]
    first = write_record(valid_record_data, "eerste.yml")
    second = write_record(valid_record_data | {"related": ["eerste"]}, "tweede.yml")
    assert validator.validate([first, second]) == []


def test_ids_differing_only_in_case_collide(tmp_path, validator, valid_record_text):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    lower = tmp_path / "a" / "proef.yml"
    upper = tmp_path / "b" / "Proef.yml"
    lower.write_text(valid_record_text, encoding="utf-8")
    upper.write_text(valid_record_text, encoding="utf-8")

    problems = validator.validate([upper, lower])

    assert [problem for problem in problems if "bestaat al" in problem.message] == [
        Problem(
            str(upper),
            1,
            1,
            "",
            f"de id 'Proef' bestaat al ({lower}): kies een andere bestandsnaam",
        )
    ]


def test_check_ids_reports_each_later_duplicate(validator):
    names = [("x", "c/x.yml"), ("X", "a/X.yml"), ("x", "b/x.yml")]
    records = [RecordFile(name, Path(path), {}, None) for name, path in names]
    problems = list(validator.check_ids(records))
    assert [(problem.path, problem.message) for problem in problems] == [
        ("b/x.yml", "de id 'x' bestaat al (a/X.yml): kies een andere bestandsnaam"),
        ("c/x.yml", "de id 'x' bestaat al (a/X.yml): kies een andere bestandsnaam"),
    ]


def test_validator_fills_the_enums_from_the_vocabularies(validator):
    phenomena = validator.schema["properties"]["phenomena"]["items"]["enum"]
    assert phenomena == list(validator.vocabularies["phenomena"])


def test_record_paths_lists_files_of_any_extension_but_no_hidden_files(tmp_path):
    for name in ["b.yml", "a.yaml", ".verborgen.yml", "c.txt"]:
        (tmp_path / name).write_text("", encoding="utf-8")
    (tmp_path / "submap.yml").mkdir()
    assert [path.name for path in record_paths(tmp_path)] == ["a.yaml", "b.yml", "c.txt"]


def test_validator_today_defaults_to_the_real_date(validator):
    assert Validator(validator.schema, validator.vocabularies).today == datetime.date.today()


def test_a_country_in_the_wrong_case_gets_its_suggestion_and_nothing_else(validate_record, mutate):
    [problem] = validate_record(mutate("country: NL", "country: nl"))
    assert problem.field == "country"
    assert "(bedoelde u 'NL'?)" in problem.message


def test_a_record_without_a_country_is_not_told_it_is_foreign(validate_record, mutate):
    [problem] = validate_record(mutate("country: NL\n", ""))
    assert problem.field == "country" and "ontbreekt" in problem.message


@pytest.mark.parametrize("enabled", [True, False])
def test_loading_pauses_the_cyclic_collector_and_leaves_it_as_it_was(
    validator, write_record, valid_record_text, monkeypatch, enabled
):
    paths = [write_record(valid_record_text, f"record-{number}.yml") for number in range(20)]
    read_fast = validation._read_fast
    collector_on = []

    def read_and_note(path: Path):
        collector_on.append(gc.isenabled())
        return read_fast(path)

    monkeypatch.setattr(validation, "_read_fast", read_and_note)
    was_enabled = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        records, problems = validator.load(paths)
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was_enabled else gc.disable)()
    assert len(records) == 20 and problems == []
    assert collector_on == [False] * 20


def test_loading_leaves_no_reference_cycles_for_the_paused_collector(
    validator, write_record, valid_record_text
):
    paths = [write_record(valid_record_text, f"record-{number}.yml") for number in range(20)]
    was_enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        records, _ = validator.load(paths)
        assert gc.collect() == 0
    finally:
        (gc.enable if was_enabled else gc.disable)()
    assert len(records) == 20
