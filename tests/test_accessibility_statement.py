"""The accessibility statement (/toegankelijkheid/): every WCAG 2.1 A and AA success criterion,
once, with a verdict; the contact is the editors' address."""

from markupsafe import escape

from catalogus import accessibility
from catalogus.output import BuildSettings
from catalogus.paths import ROOT
from catalogus.records import load_catalogue

# WCAG 2.1 has 30 success criteria at level A and 20 at level AA.
LEVEL_COUNTS = {"A": 30, "AA": 20}


def test_every_criterion_of_level_a_and_aa_once():
    numbers = [criterion.number for criterion in accessibility.CRITERIA]
    assert len(numbers) == len(set(numbers)) == 50
    levels = [criterion.level for criterion in accessibility.CRITERIA]
    assert {level: levels.count(level) for level in LEVEL_COUNTS} == LEVEL_COUNTS
    verdicts = {accessibility.MEETS, accessibility.PARTLY, accessibility.NOT_APPLICABLE}
    assert all(
        criterion.verdict in verdicts and criterion.how for criterion in accessibility.CRITERIA
    )


def test_statement_names_the_checks_the_limits_and_the_contact():
    settings = BuildSettings(load_catalogue(ROOT), ROOT, editors_email="redactie@example.org")
    page = accessibility.statement(settings)
    assert "mailto:redactie@example.org" in page
    assert page.count('<tr><th scope="row">') == 50
    for check in accessibility.CHECKS.values():
        assert str(escape(check)) in page
    assert "3.1.2 Taal van onderdelen (AA)" in page
    pinned = accessibility.tool_versions(ROOT)["playwright"]
    assert f"Playwright {pinned}" in page
