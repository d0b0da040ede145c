"""The rule checks the schema cannot express, one function at a time."""

import datetime
import inspect

import pytest

from catalogus import checks
from catalogus.checks import (
    Context,
    check_id,
    check_period,
    check_references,
    check_review_date,
    check_source_years,
    kebab_case,
    run_checks,
    suggest,
)

TODAY = datetime.date(2026, 6, 1)
CONTEXT = Context(known_ids=frozenset({"wet-bibob", "emergo", "proef"}), today=TODAY)


def findings(check, data, record_id="proef", context=CONTEXT):
    """(path, message) of each finding; tests/test_finding_codes.py checks the codes."""
    return [(finding.path, finding.message) for finding in check(record_id, data, context)]


def test_every_check_function_is_run():
    defined = {
        function
        for name, function in inspect.getmembers(checks, inspect.isfunction)
        if name.startswith("check_")
    }
    assert defined == {check for kind in checks.CHECKS_BY_KIND.values() for check in kind}


def test_a_records_text_is_joined_once_for_every_check(monkeypatch):
    joined = []
    monkeypatch.setattr(
        checks, "all_text", lambda data: joined.append(data) or "VUL IN <b> 123456782"
    )
    data = {"description": "VUL IN <b> 123456782"}
    codes = {finding.code for finding in run_checks("proef", data, CONTEXT)}
    assert {"placeholder", "markup-html", "personal-data-bsn"} <= codes
    assert joined == [data]


# suggest and kebab_case


def test_suggest_names_the_closest_option():
    assert suggest("vastgoedd", ["witwassen", "vastgoed"]) == " (bedoelde u 'vastgoed'?)"


def test_suggest_is_silent_without_a_close_option():
    assert suggest("xyz", ["vastgoed", "witwassen"]) == ""
    assert suggest("vastgoed", []) == ""


@pytest.mark.parametrize(
    ("name", "id_"),
    [
        ("Bad-Name", "bad-name"),
        ("Wet Bibob", "wet-bibob"),
        ("Café_Één", "cafe-een"),
        ("--x--", "x"),
        ("___", ""),
    ],
)
def test_kebab_case(name, id_):
    assert kebab_case(name) == id_


# check_id


@pytest.mark.parametrize("record_id", ["wet-bibob", "a", "project-1012-emergo", "2024"])
def test_valid_ids_pass(record_id):
    assert findings(check_id, {}, record_id) == []


@pytest.mark.parametrize(
    ("record_id", "suggestion"),
    [
        ("Bad-Name", "bad-name.yml"),
        ("wet_bibob", "wet-bibob.yml"),
        ("dubbel--streepje", "dubbel-streepje.yml"),
        ("-begint-met-streepje", "begint-met-streepje.yml"),
        ("eindigt-met-streepje-", "eindigt-met-streepje.yml"),
        ("met spatie", "met-spatie.yml"),
        ("één", "een.yml"),
        ("___", "mijn-interventie.yml"),
    ],
)
def test_invalid_ids_are_reported_with_a_suggestion(record_id, suggestion):
    [(path, message)] = findings(check_id, {}, record_id)
    assert path == ()
    assert message.startswith(f"de bestandsnaam '{record_id}' is geen geldige id")
    assert f"bijvoorbeeld '{suggestion}'" in message


# check_references


def test_related_known_ids_pass():
    assert findings(check_references, {"related": ["wet-bibob", "emergo"]}) == []


@pytest.mark.parametrize("related", [None, "wet-bibob", {"a": 1}, 3])
def test_related_that_is_not_a_list_is_left_to_the_schema(related):
    assert findings(check_references, {"related": related}) == []


def test_related_items_that_are_not_text_are_left_to_the_schema():
    assert findings(check_references, {"related": [1, None, ["x"]]}) == []


def test_related_to_itself():
    assert findings(check_references, {"related": ["wet-bibob", "proef"]}) == [
        (("related", 1), "een interventie kan niet naar zichzelf verwijzen")
    ]


def test_related_unknown_id_with_suggestion():
    [(path, message)] = findings(check_references, {"related": ["wet-bibobb"]})
    assert path == ("related", 0)
    assert message == (
        "er is geen interventie met id 'wet-bibobb' (bedoelde u 'wet-bibob'?): "
        "gebruik de bestandsnaam zonder .yml"
    )


def test_related_reports_every_unknown_id():
    result = findings(check_references, {"related": ["onbekend-een", "emergo", "onbekend-twee"]})
    assert [path for path, _ in result] == [("related", 0), ("related", 2)]


# check_review_date


@pytest.mark.parametrize("date", ["2020-01-01", "2026-06-01", "2024-02-29"])
def test_existing_past_dates_and_today_pass(date):
    assert findings(check_review_date, {"last_reviewed": date}) == []


@pytest.mark.parametrize("date", ["2026-02-30", "2025-02-29", "2026-13-01", "2026-00-10"])
def test_dates_that_do_not_exist(date):
    assert findings(check_review_date, {"last_reviewed": date}) == [
        (("last_reviewed",), f"'{date}' is geen bestaande datum: controleer dag en maand")
    ]


def test_date_in_the_future():
    assert findings(check_review_date, {"last_reviewed": "2026-06-02"}) == [
        (
            ("last_reviewed",),
            "'2026-06-02' ligt in de toekomst: gebruik de datum van de beoordeling",
        )
    ]


@pytest.mark.parametrize("value", [None, 20260101, "1-1-2026", "2026-1-1", "20260101", "gisteren"])
def test_dates_of_the_wrong_form_are_left_to_the_schema(value):
    assert findings(check_review_date, {"last_reviewed": value}) == []


def test_missing_date_is_left_to_the_schema():
    assert findings(check_review_date, {}) == []


# check_period


def test_period_in_order_passes():
    assert (
        findings(check_period, {"status": "beeindigd", "period": {"start": 2019, "end": 2021}})
        == []
    )
    assert findings(check_period, {"status": "lopend", "period": {"start": 2026}}) == []
    assert findings(check_period, {"period": {"start": 2020, "end": 2020}}) == []


def test_period_that_ends_before_it_starts():
    assert findings(check_period, {"period": {"start": 2021, "end": 2019}}) == [
        (
            ("period", "end"),
            "de periode eindigt (2019) voordat ze begint (2021): controleer de jaren",
        )
    ]


def test_period_that_starts_in_the_future():
    assert findings(check_period, {"period": {"start": 2027}}) == [
        (("period", "start"), "het beginjaar 2027 ligt in de toekomst")
    ]


def test_ended_intervention_needs_an_end_year():
    assert findings(check_period, {"status": "beeindigd", "period": {"start": 2019}}) == [
        (("period", "end"), "een beëindigde interventie heeft een eindjaar: vul period.end in")
    ]


@pytest.mark.parametrize("period", [None, [2019, 2021], "2019-2021", {"start": "2019", "end": 1}])
def test_period_of_the_wrong_type_is_left_to_the_schema(period):
    assert findings(check_period, {"period": period}) == []


def test_period_reports_all_its_problems():
    data = {"status": "beeindigd", "period": {"start": 2030}}
    assert [path for path, _ in findings(check_period, data)] == [
        ("period", "start"),
        ("period", "end"),
    ]


# check_source_years


def test_source_years_up_to_this_year_pass():
    sources = [{"year": 2026}, {"year": 1999}]
    assert findings(check_source_years, {"sources": sources}) == []


def test_source_year_in_the_future():
    sources = [{"year": 2020}, {"year": 2027}, {"year": 2030}]
    assert findings(check_source_years, {"sources": sources}) == [
        (("sources", 1, "year"), "het jaar 2027 ligt in de toekomst"),
        (("sources", 2, "year"), "het jaar 2030 ligt in de toekomst"),
    ]


@pytest.mark.parametrize("sources", [None, "bron", [None, "bron", 2030, {"year": "2030"}]])
def test_sources_of_the_wrong_type_are_left_to_the_schema(sources):
    assert findings(check_source_years, {"sources": sources}) == []


# run_checks


@pytest.mark.parametrize("data", [None, [], "tekst", 3])
def test_run_checks_skips_data_that_is_not_a_mapping(data):
    assert list(run_checks("Bad_Name", data, CONTEXT)) == []


def test_run_checks_reports_every_finding_of_every_check():
    data = {
        "related": ["Bad_Name", "onbekend"],
        "last_reviewed": "2026-02-30",
        "period": {"start": 2021, "end": 2019},
        "sources": [{"year": 2027}],
    }
    paths = [finding.path for finding in run_checks("Bad_Name", data, CONTEXT)]
    assert paths == [
        (),
        ("related", 0),
        ("related", 1),
        ("last_reviewed",),
        ("period", "end"),
        ("sources", 0, "year"),
    ]


def test_a_former_id_that_is_not_text_does_not_end_the_check():
    assert findings(checks.check_former_ids, {"former_ids": [1, "wet-bibob"]}) == [
        (
            ("former_ids", 1),
            "'wet-bibob' is de id van een bestaande interventie; een vroegere id mag niet meer "
            "in gebruik zijn",
        )
    ]


def test_a_chain_link_that_is_not_a_mapping_is_left_to_the_schema():
    chain = ["los", {"step": "a"}, {"step": "a"}]
    assert findings(checks.check_chain_steps, {"chain": chain}) == [
        (("chain", 2, "step"), "de stap 'a' staat al eerder in de keten")
    ]
