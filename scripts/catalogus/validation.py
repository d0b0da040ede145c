"""Validating record files: loading, schema and rule checks, reported as sorted problems."""

import contextlib
import datetime
import gc
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from pathlib import Path
from typing import Any

import fastjsonschema
import jsonschema

from . import checks, personal_data, schema_messages
from .kept_checks import KeptChecks
from .kinds import INTERVENTIONS, KINDS, RecordKind, kind_of
from .loading import LoadError, Positions, parse, parse_fast, read_file
from .schema import plain, read_schema, schema_with_vocabularies
from .vocabularies import Vocabularies

RECORD_SUFFIX = ".yml"

# What a JSON type is called in a message to an editor.
CONTROL_CHARACTER = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _escaped(match: re.Match) -> str:
    character = match.group()
    return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(character, f"\\u{ord(character):04x}")


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    field: str
    message: str
    # The rule that was broken, as in `checks.Finding`. The message already says it in words,
    # so two problems at one place with one message are one problem.
    code: str = dataclass_field(default="", compare=False)

    def format(self) -> str:
        # One problem, one line: a key or file name from a hostile record may hold line breaks
        # or other control characters (NEL, LINE SEPARATOR...), which are shown escaped.
        line = f"{self.path}:{self.line}:{self.column}: {self.field or '-'}: {self.message}"
        return CONTROL_CHARACTER.sub(_escaped, line)

    def format_github(self) -> str:
        def escape(text: str) -> str:
            return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

        def escape_property(text: str) -> str:
            return escape(text).replace(":", "%3A").replace(",", "%2C")

        return (
            f"::error file={escape_property(self.path)},line={self.line},col={self.column},"
            f"title={escape_property(self.field or 'record')}::{escape(self.message)}"
        )


@dataclass
class RecordFile:
    """A record file that loaded as YAML; `data` may still break the schema."""

    id: str
    path: Path
    data: Any
    positions: Positions | None  # None until a problem needs its place: see `locate`
    kind: RecordKind = INTERVENTIONS
    text: str = ""

    def locate(self, field_path: tuple) -> tuple[int, int]:
        """The line and column of a field; the file's text is read with positions on first use.

        Most records have no problem, so they are loaded without positions (`parse_fast`).
        """
        if self.positions is None:
            self.data, self.positions = parse(self.text)
        return self.positions.locate(self.data, field_path)


def field_name(path: Iterable[Any]) -> str:
    name = ""
    for step in path:
        name += f"[{step}]" if isinstance(step, int) else (f".{step}" if name else str(step))
    return name


class Validator:
    """Validates record files against the schema (with live vocabularies) and the rule checks."""

    def __init__(
        self,
        schema: dict,
        vocabularies: Vocabularies,
        today: datetime.date | None = None,
        other_schemas: dict[str, dict] | None = None,
        allowlist: personal_data.Allowlist | None = None,
    ):
        """`schema` is the interventions' schema; `other_schemas` those of other kinds by folder;
        `allowlist` the official contacts public records may show (none if not given)."""
        self.vocabularies = vocabularies
        # The plain rules: the validator words its own, richer messages.
        self.schema = schema_with_vocabularies(plain(schema), vocabularies)
        filled_schemas = {INTERVENTIONS.folder: self.schema} | {
            folder: schema_with_vocabularies(plain(other_schema), vocabularies)
            for folder, other_schema in (other_schemas or {}).items()
        }
        self.schema_validators = {
            folder: jsonschema.Draft7Validator(filled) for folder, filled in filled_schemas.items()
        }
        self.filled_schemas = filled_schemas
        # Compiled on first use: compiling takes a moment, validating one file should not wait.
        self.quick_checks: dict[str, Any] = {}
        self.today = today or datetime.date.today()
        self.allowlist = allowlist or personal_data.Allowlist()
        # `make serve` keeps one validator between builds: a file is parsed again only when its
        # modification time or size changed (path → (those, what it loaded as)).
        self.loaded: dict[Path, tuple[tuple[int, int], tuple[str, Any, Positions]]] | None = None
        # And each file's problems, while what they were found from is unchanged.
        self.kept_checks: KeptChecks | None = None

    @classmethod
    def for_catalogue(
        cls,
        schema_directory: Path,
        vocabularies: Vocabularies,
        allowlist: personal_data.Allowlist | None = None,
    ) -> "Validator":
        """A validator for every kind of record whose schema is in `schema_directory`."""
        schemas = {
            folder: read_schema(schema_directory / kind.schema_file)
            for folder, kind in KINDS.items()
            if (schema_directory / kind.schema_file).is_file()
        }
        return cls(
            schemas.pop(INTERVENTIONS.folder),
            vocabularies,
            other_schemas=schemas,
            allowlist=allowlist,
        )

    def load(self, paths: Iterable[Path]) -> tuple[list[RecordFile], list[Problem]]:
        # Loading builds many containers and leaves no reference cycles, so the cyclic garbage
        # collector, which runs every few hundred new containers and now and then walks all
        # that were loaded, finds nothing: 3 to 7% of validating 10,000 records.
        with _collector_paused():
            return self._load(paths)

    def _load(self, paths: Iterable[Path]) -> tuple[list[RecordFile], list[Problem]]:
        records, problems = [], []
        for path in paths:
            if path.suffix != RECORD_SUFFIX:
                message = f"gebruik de extensie {RECORD_SUFFIX} voor een record"
                problems.append(Problem(str(path), 1, 1, "", message, "file-extension"))
                continue
            try:
                text, data, positions = self._load_file(path)
            except LoadError as error:
                problems.append(
                    Problem(str(path), error.line, error.column, error.field, error.message, "load")
                )
                continue
            records.append(RecordFile(path.stem, path, data, positions, kind_of(path), text))
        return records, problems

    def _load_file(self, path: Path) -> tuple[str, Any, Positions]:
        """The file's text and data (`parse_fast`); kept while the file is unchanged, under
        `make serve`."""
        if self.loaded is None:
            return _read_fast(path)
        status = path.stat()
        version = (status.st_mtime_ns, status.st_size)
        if path not in self.loaded or self.loaded[path][0] != version:
            self.loaded[path] = (version, _read_fast(path))
        return self.loaded[path][1]

    def check_record(self, record: RecordFile, context: checks.Context) -> Iterator[Problem]:
        data = record.data
        if data is None:
            yield Problem(
                str(record.path),
                1,
                1,
                "",
                "het bestand is leeg: vul de velden van een record in",
                "record-empty",
            )
            return
        if not isinstance(data, dict):
            yield Problem(
                str(record.path),
                1,
                1,
                "",
                f"een record is een groep velden (sleutel: waarde), niet {schema_messages.type_name(data)}",
                "record-not-mapping",
            )
            return
        schema_validator = self.schema_validators.get(record.kind.folder)
        if schema_validator is None:
            yield Problem(
                str(record.path),
                1,
                1,
                "",
                f"er is geen schema voor een {record.kind.noun}",
                "schema-missing",
            )
            return
        rule_findings = list(checks.run_checks(record.id, data, context, record.kind))
        # A placeholder from `catalogus new` explains itself; the schema need not add to it.
        placeholders = {finding.path for finding in rule_findings if finding.code == "placeholder"}
        findings = [
            finding
            for error in self._schema_errors(record.kind.folder, data)
            for finding in schema_messages.findings(error)
            if finding.path not in placeholders
        ] + rule_findings
        for finding in findings:
            line, column = record.locate(finding.path)
            yield Problem(
                str(record.path),
                line,
                column,
                field_name(finding.path),
                finding.message,
                finding.code,
            )

    def _schema_errors(self, folder: str, data: dict) -> Iterator[jsonschema.ValidationError]:
        # A compiled validator answers "valid?" many times faster; only when it says no does
        # jsonschema walk the record again to list every problem with its place.
        if folder not in self.quick_checks:
            self.quick_checks[folder] = fastjsonschema.compile(self.filled_schemas[folder])
        try:
            self.quick_checks[folder](data)
        except fastjsonschema.JsonSchemaException:
            yield from schema_messages.leaf_errors(self.schema_validators[folder].iter_errors(data))

    def check_ids(self, records: list[RecordFile]) -> Iterator[Problem]:
        """Two files must never share an id, also not when they differ only in capitals."""
        first_by_id: dict[tuple[str, str], RecordFile] = {}
        for record in sorted(records, key=lambda record: str(record.path)):
            key = (record.kind.folder, record.id.lower())
            if key in first_by_id:
                yield Problem(
                    str(record.path),
                    1,
                    1,
                    "",
                    f"de id '{record.id}' bestaat al ({first_by_id[key].path}): kies een andere bestandsnaam",
                    "id-duplicate",
                )
            else:
                first_by_id[key] = record

    def validate_records(
        self,
        paths: Iterable[Path],
        known_ids: Iterable[str] = (),
        context_paths: Iterable[Path] = (),
    ) -> tuple[list[RecordFile], list[Problem]]:
        """The records that loaded, and every problem of every file in `paths`, sorted.

        `context_paths` are other intervention files that references may point to: they are read
        for the checks, but their own problems are not reported.
        """
        paths = list(paths)
        records, problems = self.load(paths)
        context_records, _ = self.load(set(context_paths) - set(paths))
        interventions = {
            record.id: record.data
            for record in context_records + records
            if record.kind is INTERVENTIONS
        }
        bottleneck_ids = frozenset(
            record.id for record in context_records + records if record.kind.folder == "bottlenecks"
        )
        context = checks.Context(
            known_ids=frozenset(known_ids) | frozenset(interventions),
            bottleneck_ids=bottleneck_ids or None,
            today=self.today,
            interventions=interventions,
            phenomenon_slugs=frozenset(self.vocabularies.get("phenomena", {})),
            allowlist=self.allowlist,
            former_id_owners=_former_id_owners(interventions),
        )
        for record in records:
            if self.kept_checks is None:
                problems.extend(self.check_record(record, context))
            else:
                problems.extend(
                    self.kept_checks.problems(
                        str(record.path),
                        record.text,
                        context,
                        lambda noting, record=record: self.check_record(record, noting),
                    )
                )
        problems.extend(self.check_ids(records))
        return records, sorted(set(problems))

    def validate(
        self,
        paths: Iterable[Path],
        known_ids: Iterable[str] = (),
        context_paths: Iterable[Path] = (),
    ) -> list[Problem]:
        return self.validate_records(paths, known_ids, context_paths)[1]


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _read_fast(path: Path) -> tuple[str, Any, Positions]:
    text = read_file(path)
    return (text, *parse_fast(text))


def _former_id_owners(interventions: dict[str, Any]) -> dict[str, tuple[str, ...]]:
    owners: dict[str, list[str]] = {}
    for record_id, data in interventions.items():
        former = data.get("former_ids") if isinstance(data, dict) else None
        for old_id in former if isinstance(former, list) else ():
            if isinstance(old_id, str):
                owners.setdefault(old_id, []).append(record_id)
    return {old_id: tuple(ids) for old_id, ids in owners.items()}


def record_paths(directory: Path) -> list[Path]:
    """Every file an editor may have meant as a record, so a wrong extension is reported too."""
    return sorted(
        path for path in directory.iterdir() if path.is_file() and not path.name.startswith(".")
    )
