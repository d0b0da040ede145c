"""The counts beside the overview's filters: each says how many records choosing that value alone
shows, as docs/assets/overview.js filters them."""

import pytest

from catalogus import facets, paths, queries
from catalogus.records import load_catalogue


@pytest.fixture(scope="module")
def records():
    return list(load_catalogue(paths.ROOT).interventions.values())


def shown(record, facet: facets.Facet, value: str) -> bool:
    """Whether the overview shows `record` when `value` alone is chosen in `facet`."""
    if facet.vocabulary == "countries" and value == queries.ABROAD:
        return record.is_foreign
    values = queries.values_of(record, facet.vocabulary)
    return value in values or (facet.vocabulary == "regions" and facets.NATIONAL in values)


def test_every_count_is_the_number_of_records_its_value_shows(records):
    catalogue = load_catalogue(paths.ROOT)
    groups = facets.facet_groups(catalogue, facets.INTERVENTION_FACETS, records, queries.values_of)
    checked = 0
    for facet, group in zip(facets.INTERVENTION_FACETS, groups, strict=True):
        for option in group.options:
            expected = sum(1 for record in records if shown(record, facet, option.value))
            assert option.count == expected, (facet.parameter, option.value)
            checked += 1
    assert checked > 50


def test_a_national_approach_counts_under_every_region_and_abroad_counts_foreign_records(records):
    catalogue = load_catalogue(paths.ROOT)
    national = [record for record in records if facets.NATIONAL in record.regions]
    foreign = [record for record in records if record.is_foreign]
    assert national and foreign  # the real catalogue has both, or this test checks nothing
    groups = {
        group.parameter: {option.value: option.count for option in group.options}
        for group in facets.facet_groups(
            catalogue, facets.INTERVENTION_FACETS, records, queries.values_of
        )
    }
    assert all(count >= len(national) for count in groups["regio"].values())
    assert groups["land"][queries.ABROAD] == len(foreign)
