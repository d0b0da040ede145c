"""Typed records of every kind, built from files the validator has accepted, and the catalogue.

About 300 lines because each of the four record kinds is a dataclass with its `from_data`;
they belong together with `Catalogue.only_public`, which must see every reference between them.
"""

import datetime
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import kinds, paths, personal_data
from .kept_checks import KeptChecks
from .validation import Problem, Validator, record_paths
from .vocabularies import Term, Vocabularies, load_vocabularies


@dataclass(frozen=True)
class Source:
    title: str
    url: str
    year: int | None = None


@dataclass(frozen=True)
class Material:
    """A document to work with (a model decision, a beleidsregel...), not a source of the text."""

    kind: str
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
    materials: tuple[Material, ...] = ()
    contact_desk: str = ""
    former_ids: tuple[str, ...] = ()
    # Only for a foreign approach (the schema forbids them for a Dutch one).
    adoption_in_nl: str = ""
    dutch_counterparts: tuple[str, ...] = ()
    # Helps at every step without blocking one in particular (the barrier model, the
    # fenomeentafels, RIEC-LIEC): shown apart, so it does not hide a gap at any step.
    cross_cutting: bool = False
    # Only in the preview of `mkdocs serve`: what is still wrong, shown on the page.
    draft_problems: tuple[str, ...] = ()

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
            contact_desk=contact.get("desk", ""),
            sources=tuple(Source(**source) for source in data.get("sources", ())),
            materials=tuple(Material(**material) for material in data.get("materials", ())),
            related=tuple(data.get("related", ())),
            former_ids=tuple(data.get("former_ids", ())),
            last_reviewed=data["last_reviewed"],
            adoption_in_nl=data.get("adoption_in_nl", ""),
            dutch_counterparts=tuple(data.get("dutch_counterparts", ())),
            cross_cutting=data.get("cross_cutting", False),
        )


def _sources(data: dict) -> tuple[Source, ...]:
    return tuple(Source(**source) for source in data.get("sources", ()))


@dataclass(frozen=True)
class ChainStep:
    step: str
    description: str


@dataclass(frozen=True)
class PhenomenonRecord:
    """What a Fenomeentafel knows of one phenomenon; its id is the phenomenon's slug."""

    id: str
    path: Path
    description: str
    signals: tuple[str, ...]
    chain: tuple[ChainStep, ...]
    open_questions: tuple[str, ...]
    expert_table: dict
    sources: tuple[Source, ...]
    last_reviewed: str
    # Only in the preview of `mkdocs serve`: what is still wrong, shown on the page.
    draft_problems: tuple[str, ...] = ()

    @classmethod
    def from_data(cls, record_id: str, path: Path, data: dict) -> "PhenomenonRecord":
        return cls(
            id=record_id,
            path=path,
            description=data["description"],
            signals=tuple(data.get("signals", ())),
            chain=tuple(ChainStep(**link) for link in data["chain"]),
            open_questions=tuple(data.get("open_questions", ())),
            expert_table=dict(data.get("expert_table", {})),
            sources=_sources(data),
            last_reviewed=data["last_reviewed"],
        )


@dataclass(frozen=True)
class Bottleneck:
    id: str
    path: Path
    title: str
    summary: str
    description: str
    phenomena: tuple[str, ...]
    kind: str
    status: str
    since: int | None
    picked_up_by: str
    resolution: str
    resolved_by: tuple[str, ...]
    sources: tuple[Source, ...]
    last_reviewed: str
    barrier_steps: tuple[str, ...] = ()  # the steps where it hinders raising barriers
    status_source: Source | None = None  # what shows the status is still true
    # Only in the preview of `mkdocs serve`: what is still wrong, shown on the page.
    draft_problems: tuple[str, ...] = ()

    @classmethod
    def from_data(cls, record_id: str, path: Path, data: dict) -> "Bottleneck":
        status_source = data.get("status_source")
        return cls(
            id=record_id,
            path=path,
            title=data["title"],
            summary=data["summary"],
            description=data["description"],
            phenomena=tuple(data["phenomena"]),
            kind=data["kind"],
            status=data["status"],
            since=data.get("since"),
            picked_up_by=data.get("picked_up_by", ""),
            resolution=data.get("resolution", ""),
            resolved_by=tuple(data.get("resolved_by", ())),
            sources=_sources(data),
            last_reviewed=data["last_reviewed"],
            barrier_steps=tuple(data.get("barrier_steps", ())),
            status_source=Source(**status_source) if status_source else None,
        )


@dataclass(frozen=True)
class Case:
    id: str
    path: Path
    title: str
    summary: str
    situation: str
    approach: str
    lessons: str
    interventions: tuple[str, ...]
    phenomena: tuple[str, ...]
    regions: tuple[str, ...]
    country: str
    period_start: int | None
    period_end: int | None
    sources: tuple[Source, ...]
    last_reviewed: str
    bottlenecks: tuple[str, ...] = ()  # the knelpunten it illustrates
    # Only in the preview of `mkdocs serve`: what is still wrong, shown on the page.
    draft_problems: tuple[str, ...] = ()

    @classmethod
    def from_data(cls, record_id: str, path: Path, data: dict) -> "Case":
        period = data.get("period", {})
        return cls(
            id=record_id,
            path=path,
            title=data["title"],
            summary=data["summary"],
            situation=data["situation"],
            approach=data["approach"],
            lessons=data["lessons"],
            interventions=tuple(data["interventions"]),
            phenomena=tuple(data["phenomena"]),
            regions=tuple(data.get("regions", ())),
            country=data["country"],
            period_start=period.get("start"),
            period_end=period.get("end"),
            sources=_sources(data),
            last_reviewed=data["last_reviewed"],
            bottlenecks=tuple(data.get("bottlenecks", ())),
        )


RECORD_TYPES = {
    kinds.INTERVENTIONS.folder: Intervention,
    kinds.PHENOMENA.folder: PhenomenonRecord,
    kinds.BOTTLENECKS.folder: Bottleneck,
    kinds.CASES.folder: Case,
}


class InvalidCatalogue(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(problem.format() for problem in problems))
        self.problems = problems


@dataclass
class Catalogue:
    interventions: dict[str, Intervention]
    vocabularies: Vocabularies
    phenomena: dict[str, PhenomenonRecord] = field(default_factory=dict)
    bottlenecks: dict[str, Bottleneck] = field(default_factory=dict)
    cases: dict[str, Case] = field(default_factory=dict)

    def term(self, vocabulary: str, slug: str) -> Term:
        return self.vocabularies[vocabulary][slug]

    def records_of_every_kind(self) -> tuple[dict, ...]:
        return (self.interventions, self.phenomena, self.bottlenecks, self.cases)

    def drafts(self) -> list:
        """The records that still have problems (only in the preview)."""
        return [
            record
            for records in self.records_of_every_kind()
            for record in records.values()
            if record.draft_problems
        ]

    def without(self, left_out: set[tuple[type, str]]) -> "Catalogue":
        """The catalogue without the records given as (record type, id)."""

        def kept(records: dict) -> dict:
            return {
                key: record
                for key, record in records.items()
                if (type(record), key) not in left_out
            }

        return Catalogue(
            kept(self.interventions),
            self.vocabularies,
            kept(self.phenomena),
            kept(self.bottlenecks),
            kept(self.cases),
        )

    def only_public(self) -> "Catalogue":
        """The catalogue as the public site shows it: internal interventions and every
        reference to them removed."""
        public = {key: record for key, record in self.interventions.items() if record.is_public}

        def visible(ids: tuple[str, ...]) -> tuple[str, ...]:
            return tuple(other for other in ids if other in public)

        return Catalogue(
            {
                key: replace(
                    record,
                    related=visible(record.related),
                    dutch_counterparts=visible(record.dutch_counterparts),
                )
                for key, record in public.items()
            },
            self.vocabularies,
            self.phenomena,
            {
                key: replace(bottleneck, resolved_by=visible(bottleneck.resolved_by))
                for key, bottleneck in self.bottlenecks.items()
            },
            {
                key: replace(case, interventions=visible(case.interventions))
                for key, case in self.cases.items()
            },
        )


def _draft_problem(problem: Problem) -> str:
    return f"regel {problem.line}, {problem.field or 'bestand'}: {problem.message}"


class _KeptBetweenBuilds:
    """What `make serve` keeps from one build to the next (see `keep_between_builds`)."""

    def __init__(self) -> None:
        self.validators: dict[tuple, Validator] = {}


_kept: _KeptBetweenBuilds | None = None
# The last catalogue loaded in this process, with the versions of everything it was read from:
# every build loads it twice (the hook, then the macros of the hand-written pages), and `make
# serve` loads it again after a change that touched no record.
_last_loaded: tuple[tuple, "Catalogue", list[Problem]] | None = None


def keep_between_builds() -> None:
    """`make serve` builds again after every change: the validator is kept while the schemas,
    vocabularies and contacts it was made from are unchanged, a record file is parsed again
    only when it changed, and checked again only when it or what its checks read of other
    records changed (`kept_checks`)."""
    global _kept
    if _kept is None:
        _kept = _KeptBetweenBuilds()


def _versions(files: list[Path]) -> tuple:
    """What tells whether files changed: their modification times and sizes."""
    return tuple(
        (path, status.st_mtime_ns, status.st_size)
        for path in files
        if path.is_file() and (status := path.stat())
    )


def _validator_inputs(root: Path) -> tuple:
    schema_directory = root / paths.SCHEMAS.name
    return _versions(
        sorted((root / paths.VOCABULARIES.name).iterdir())
        + sorted(schema_directory.iterdir())
        + [root / personal_data.OFFICIAL_CONTACTS]
    )


def _validator(root: Path, vocabularies: Vocabularies, inputs: tuple) -> Validator:
    schema_directory = root / paths.SCHEMAS.name
    if _kept is None:
        return Validator.for_catalogue(
            schema_directory, vocabularies, personal_data.load_allowlist(root)
        )
    key = (root, datetime.date.today(), inputs)
    if key not in _kept.validators:
        _kept.validators = {
            key: Validator.for_catalogue(
                schema_directory, vocabularies, personal_data.load_allowlist(root)
            )
        }
        _kept.validators[key].loaded = {}
        _kept.validators[key].kept_checks = KeptChecks()
    return _kept.validators[key]


def load_catalogue(root: Path = paths.ROOT, drafts: bool = False) -> Catalogue:
    """Every record of every kind under `root`, validated; `InvalidCatalogue` lists all problems.

    With `drafts` (the preview while writing), a record with problems is loaded all the same and
    carries them, so its page can show them; one whose fields cannot make a record is left out.
    """
    global _last_loaded
    files = [
        path
        for folder in kinds.KINDS
        if (root / folder).is_dir()
        for path in record_paths(root / folder)
    ]
    inputs = _validator_inputs(root)
    key = (root.resolve(), datetime.date.today(), inputs, _versions(files))
    if _last_loaded is None or _last_loaded[0] != key:
        vocabularies = load_vocabularies(root / paths.VOCABULARIES.name)
        validator = _validator(root, vocabularies, inputs)
        _last_loaded = (key, *_validated_catalogue(validator, files, vocabularies))
    catalogue, problems = _last_loaded[1:]
    if problems and not drafts:
        raise InvalidCatalogue(problems)
    return catalogue


def _validated_catalogue(
    validator: Validator, files: list[Path], vocabularies: Vocabularies
) -> tuple[Catalogue, list[Problem]]:
    """The catalogue as the preview shows it (drafts carry their problems), and every problem."""
    records, problems = validator.validate_records(files)
    problems_by_file: dict[str, list[Problem]] = {}
    for problem in problems:
        problems_by_file.setdefault(problem.path, []).append(problem)
    loaded: dict[str, dict] = {folder: {} for folder in kinds.KINDS}
    for record in sorted(records, key=lambda record: record.id):
        record_type = RECORD_TYPES[record.kind.folder]
        try:
            loaded_record = record_type.from_data(record.id, record.path, record.data)
        except (KeyError, TypeError, AttributeError, ValueError):
            continue  # only a draft gets here: its fields are too broken to make a record
        draft_problems = problems_by_file.get(str(record.path), ())
        if draft_problems:
            loaded_record = replace(
                loaded_record,
                draft_problems=tuple(_draft_problem(problem) for problem in draft_problems),
            )
        loaded[record.kind.folder][record.id] = loaded_record
    catalogue = Catalogue(
        loaded[kinds.INTERVENTIONS.folder],
        vocabularies,
        loaded[kinds.PHENOMENA.folder],
        loaded[kinds.BOTTLENECKS.folder],
        loaded[kinds.CASES.folder],
    )
    return catalogue, problems
