"""Typed intervention records, built from files the validator has accepted."""

from dataclasses import dataclass
from pathlib import Path

from . import paths
from .schema import read_schema
from .validation import Problem, Validator, record_paths
from .vocabularies import Term, Vocabularies, load_vocabularies


@dataclass(frozen=True)
class Source:
    title: str
    url: str
    year: int | None = None


@dataclass(frozen=True)
class Intervention:
    id: str
    path: Path
    title: str
    summary: str
    description: str
    phenomena: tuple[str, ...]
    regions: tuple[str, ...]
    country: str
    access: str
    kinds: tuple[str, ...]
    instruments: tuple[str, ...]
    lead_organisation: str
    partners: tuple[str, ...]
    barrier_steps: tuple[str, ...]
    status: str
    period_start: int | None
    period_end: int | None
    target_group: str
    active_components: tuple[str, ...]
    implementation: dict[str, str]
    evidence_level: str
    evidence_explanation: str
    outcome: str
    outcome_explanation: str
    approach: str
    results: str
    lessons: str
    contact_organisation: str
    contact_url: str
    sources: tuple[Source, ...]
    related: tuple[str, ...]
    last_reviewed: str
    # Only for a foreign approach (the schema forbids them for a Dutch one).
    adoption_in_nl: str = ""
    dutch_counterparts: tuple[str, ...] = ()

    @property
    def is_foreign(self) -> bool:
        return self.country != "NL"

    @property
    def is_public(self) -> bool:
        return self.access == "public"

    @classmethod
    def from_data(cls, record_id: str, path: Path, data: dict) -> "Intervention":
        period = data.get("period", {})
        evidence = data["evidence"]
        outcome = data["outcome"]
        contact = data.get("contact", {})
        return cls(
            id=record_id,
            path=path,
            title=data["title"],
            summary=data["summary"],
            description=data["description"],
            phenomena=tuple(data["phenomena"]),
            regions=tuple(data.get("regions", ())),
            country=data["country"],
            access=data.get("access", "public"),
            kinds=tuple(data["kinds"]),
            instruments=tuple(data.get("instruments", ())),
            lead_organisation=data.get("lead_organisation", ""),
            partners=tuple(data.get("partners", ())),
            barrier_steps=tuple(data.get("barrier_steps", ())),
            status=data["status"],
            period_start=period.get("start"),
            period_end=period.get("end"),
            target_group=data.get("target_group", ""),
            active_components=tuple(data.get("active_components", ())),
            implementation=dict(data.get("implementation", {})),
            evidence_level=evidence["level"],
            evidence_explanation=evidence["explanation"],
            outcome=outcome["result"],
            outcome_explanation=outcome["explanation"],
            approach=data.get("approach", ""),
            results=data.get("results", ""),
            lessons=data.get("lessons", ""),
            contact_organisation=contact.get("organisation", ""),
            contact_url=contact.get("url", ""),
            sources=tuple(Source(**source) for source in data.get("sources", ())),
            related=tuple(data.get("related", ())),
            last_reviewed=data["last_reviewed"],
            adoption_in_nl=data.get("adoption_in_nl", ""),
            dutch_counterparts=tuple(data.get("dutch_counterparts", ())),
        )


class InvalidCatalogue(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(problem.format() for problem in problems))
        self.problems = problems


@dataclass
class Catalogue:
    interventions: dict[str, Intervention]
    vocabularies: Vocabularies

    def term(self, vocabulary: str, slug: str) -> Term:
        return self.vocabularies[vocabulary][slug]

    def only_public(self) -> "Catalogue":
        return Catalogue(
            {key: record for key, record in self.interventions.items() if record.is_public},
            self.vocabularies,
        )


def load_catalogue(root: Path = paths.ROOT) -> Catalogue:
    """Every record under `root`/interventions, validated; `InvalidCatalogue` lists all problems."""
    vocabularies = load_vocabularies(root / paths.VOCABULARIES.name)
    validator = Validator(read_schema(root / paths.SCHEMA.relative_to(paths.ROOT)), vocabularies)
    files = record_paths(root / paths.INTERVENTIONS.name)
    records, problems = validator.validate_records(files)
    if problems:
        raise InvalidCatalogue(problems)
    interventions = {
        record.id: Intervention.from_data(record.id, record.path, record.data) for record in records
    }
    return Catalogue(dict(sorted(interventions.items())), vocabularies)
