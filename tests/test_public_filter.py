"""`Catalogue.only_public`: what the public site is built from holds no internal intervention and
no reference to one, in any kind of record. The built-site check is in tests/test_access.py;
this one runs in-process, so mutation testing (`make mutate`) sees it.

SYNTHETIC TEST DATA: copies of tests/data/valid-record.yml.
"""

from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from catalogus import paths
from catalogus.records import Bottleneck, Case, Catalogue, Intervention, PhenomenonRecord
from catalogus.vocabularies import load_vocabularies

from .conftest import VALID_RECORD


def intervention(record_id: str, **changes) -> Intervention:
    data = yaml.safe_load(VALID_RECORD.read_text(encoding="utf-8"))
    record = Intervention.from_data(record_id, Path(f"{record_id}.yml"), data)
    return replace(record, **changes)


def bottleneck(record_id: str, resolved_by: tuple[str, ...]) -> Bottleneck:
    return Bottleneck(
        id=record_id,
        path=Path(f"bottlenecks/{record_id}.yml"),
        title="Een knelpunt",
        summary="Samenvatting.",
        description="Beschrijving.",
        phenomena=("vastgoed",),
        kind="juridisch",
        status="opgelost",
        since=2020,
        picked_up_by="",
        resolution="Opgelost.",
        resolved_by=resolved_by,
        sources=(),
        last_reviewed="2025-01-15",
    )


def case(record_id: str, interventions: tuple[str, ...]) -> Case:
    return Case(
        id=record_id,
        path=Path(f"cases/{record_id}.yml"),
        title="Een casus",
        summary="Samenvatting.",
        situation="Situatie.",
        approach="Aanpak.",
        lessons="Lessen.",
        interventions=interventions,
        phenomena=("vastgoed",),
        regions=(),
        country="NL",
        period_start=2020,
        period_end=None,
        sources=(),
        last_reviewed="2025-01-15",
    )


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    phenomenon = PhenomenonRecord(
        id="vastgoed",
        path=Path("phenomena/vastgoed.yml"),
        description="Beschrijving.",
        signals=(),
        chain=(),
        open_questions=(),
        expert_table={},
        sources=(),
        last_reviewed="2025-01-15",
    )
    return Catalogue(
        {
            "openbaar": intervention(
                "openbaar", related=("intern", "ander"), dutch_counterparts=("intern",)
            ),
            "ander": intervention("ander", related=("openbaar",)),
            "intern": intervention("intern", access="internal", related=("openbaar",)),
            "buitenland": intervention(
                "buitenland", country="BE", dutch_counterparts=("intern", "openbaar")
            ),
        },
        load_vocabularies(paths.VOCABULARIES),
        {"vastgoed": phenomenon},
        {
            "opgelost": bottleneck("opgelost", ("intern", "openbaar")),
            "alleen-intern": bottleneck("alleen-intern", ("intern",)),
        },
        {"casus": case("casus", ("openbaar", "intern", "ander"))},
    )


def test_internal_interventions_are_left_out(catalogue):
    public = catalogue.only_public()
    assert list(public.interventions) == ["openbaar", "ander", "buitenland"]
    assert all(record.is_public for record in public.interventions.values())


def test_references_to_internal_interventions_are_left_out(catalogue):
    public = catalogue.only_public()
    assert public.interventions["openbaar"].related == ("ander",)
    assert public.interventions["openbaar"].dutch_counterparts == ()
    assert public.interventions["ander"].related == ("openbaar",)
    assert public.interventions["buitenland"].dutch_counterparts == ("openbaar",)
    assert public.bottlenecks["opgelost"].resolved_by == ("openbaar",)
    assert public.bottlenecks["alleen-intern"].resolved_by == ()
    assert public.cases["casus"].interventions == ("openbaar", "ander")


def test_everything_else_is_kept_as_it_was(catalogue):
    public = catalogue.only_public()
    assert public.vocabularies is catalogue.vocabularies
    assert public.phenomena == catalogue.phenomena
    assert list(public.bottlenecks) == ["opgelost", "alleen-intern"]
    assert list(public.cases) == ["casus"]
    assert replace(public.interventions["openbaar"], related=(), dutch_counterparts=()) == replace(
        catalogue.interventions["openbaar"], related=(), dutch_counterparts=()
    )
    assert replace(public.cases["casus"], interventions=()) == replace(
        catalogue.cases["casus"], interventions=()
    )


def test_the_full_catalogue_is_left_unchanged(catalogue):
    catalogue.only_public()
    assert list(catalogue.interventions) == ["openbaar", "ander", "intern", "buitenland"]
    assert catalogue.interventions["openbaar"].related == ("intern", "ander")
    assert catalogue.bottlenecks["opgelost"].resolved_by == ("intern", "openbaar")
    assert catalogue.cases["casus"].interventions == ("openbaar", "intern", "ander")


def test_nothing_in_the_public_catalogue_names_an_internal_intervention(catalogue):
    public = catalogue.only_public()
    named = [
        other
        for record in public.interventions.values()
        for other in record.related + record.dutch_counterparts
    ]
    named += [other for record in public.bottlenecks.values() for other in record.resolved_by]
    named += [other for record in public.cases.values() for other in record.interventions]
    assert named
    assert "intern" not in named
