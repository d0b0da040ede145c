"""The catalogue is broad enough to consult: the counts issue 15 asks for, on the real records."""

import re
from collections import Counter

import pytest

from catalogus import paths
from catalogus.records import load_catalogue

# Under pytest-xdist these tests share one worker: the real catalogue loaded once for the module.
pytestmark = [pytest.mark.content, pytest.mark.xdist_group("test_content_coverage")]


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(paths.ROOT)


@pytest.fixture(scope="module")
def public(catalogue):
    return [record for record in catalogue.interventions.values() if record.is_public]


def test_at_least_a_hundred_public_interventions(public):
    assert len(public) >= 100


def test_at_least_thirty_foreign_interventions_from_ten_countries(public):
    foreign = [record for record in public if record.is_foreign]
    assert len(foreign) >= 30
    assert len({record.country for record in foreign}) >= 10


def test_every_phenomenon_has_six_interventions_one_of_them_foreign(catalogue, public):
    total = Counter(slug for record in public for slug in record.phenomena)
    foreign = Counter(slug for record in public if record.is_foreign for slug in record.phenomena)
    thin = {
        slug: (total[slug], foreign[slug])
        for slug in catalogue.vocabularies["phenomena"]
        if total[slug] < 6 or foreign[slug] < 1
    }
    assert not thin, f"(alle, buitenlandse) per dun fenomeen: {thin}"


def test_every_riec_region_has_four_regional_interventions(catalogue, public):
    regional = Counter(slug for record in public for slug in record.regions if slug != "landelijk")
    thin = {
        slug: regional[slug]
        for slug in catalogue.vocabularies["regions"]
        if slug != "landelijk" and regional[slug] < 4
    }
    assert not thin, thin


def test_thirty_outcomes_are_known_and_each_names_its_evaluation(public):
    known = [record for record in public if record.outcome != "onbekend"]
    assert len(known) >= 30
    # A known outcome names what it rests on: an evaluation, review, audit or study, or its year.
    evaluation = re.compile(
        r"\b(19|20)\d\d\b|evaluat|review|rekenkamer|onderzoek|studie|rapport|audit|monitor|"
        r"inspectie|beoordeling|ombudsman|greta|fatf",
        re.IGNORECASE,
    )
    unnamed = [record.id for record in known if not evaluation.search(record.outcome_explanation)]
    assert not unnamed


def test_fifteen_cases_and_twenty_five_knelpunten(catalogue):
    assert len(catalogue.cases) >= 15
    assert len(catalogue.bottlenecks) >= 25


def test_every_knelpunt_names_its_steps_and_phenomena_and_sources_its_status(catalogue):
    incomplete = [
        bottleneck.id
        for bottleneck in catalogue.bottlenecks.values()
        if not (bottleneck.barrier_steps and bottleneck.phenomena and bottleneck.status_source)
    ]
    assert not incomplete
