"""Controlled vocabularies: data files of terms, each with a slug, a Dutch label and a description."""

import re
from dataclasses import dataclass
from pathlib import Path

from . import paths
from .loading import LoadError, load_file, parse_fast, read_file

# Which file holds which vocabulary; the names are those the schema uses in `x-vocabulary`.
FILES = {
    "phenomena": "phenomena.yml",
    "regions": "regions.yml",
    "countries": "countries.yml",
    "kinds": "kinds.yml",
    "instruments": "instruments.yml",
    "barrier_steps": "barrier-steps.yml",
    "statuses": "statuses.yml",
    "evidence_levels": "evidence-levels.yml",
    "outcomes": "outcomes.yml",
    "bottleneck_kinds": "bottleneck-kinds.yml",
    "bottleneck_statuses": "bottleneck-statuses.yml",
    "material_kinds": "material-kinds.yml",
}

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
COUNTRY_CODE_PATTERN = re.compile(r"^[A-Z]{2}$")


@dataclass(frozen=True)
class Term:
    slug: str
    label: str
    description: str


class VocabularyError(Exception):
    def __init__(self, path: Path, line: int, message: str):
        super().__init__(message)
        self.path = path
        self.line = line
        self.message = message


Vocabularies = dict[str, dict[str, Term]]


def load_vocabulary(name: str, directory: Path = paths.VOCABULARIES) -> dict[str, Term]:
    """The terms of one vocabulary, in file order (which is their ranking where order matters).

    Every validation and build reads them: the file is read without positions, and read again
    with them only to name the line of a problem."""
    path = directory / FILES[name]
    try:
        data, _ = parse_fast(read_file(path))
    except LoadError as error:
        raise VocabularyError(path, error.line, error.message) from None
    if not isinstance(data, list):
        raise VocabularyError(path, 1, "een woordenlijst is een lijst van termen")
    slug_pattern = COUNTRY_CODE_PATTERN if name == "countries" else SLUG_PATTERN
    terms: dict[str, Term] = {}
    for index, entry in enumerate(data):
        problem = _problem_of_term(entry, slug_pattern, terms)
        if problem:
            positioned, positions = load_file(path)
            raise VocabularyError(path, positions.locate(positioned, (index,))[0], problem)
        terms[entry["slug"]] = Term(**entry)
    return terms


def _problem_of_term(entry, slug_pattern: re.Pattern, terms: dict[str, Term]) -> str | None:
    if not isinstance(entry, dict) or set(entry) != {"slug", "label", "description"}:
        return "elke term heeft precies de velden slug, label en description"
    if not all(isinstance(value, str) and value.strip() for value in entry.values()):
        return "slug, label en description zijn niet-lege tekst"
    if not slug_pattern.match(entry["slug"]):
        return f"slug '{entry['slug']}' moet uit kleine letters, cijfers en streepjes bestaan"
    if entry["slug"] in terms:
        return f"slug '{entry['slug']}' komt dubbel voor"
    return None


def load_vocabularies(directory: Path = paths.VOCABULARIES) -> Vocabularies:
    return {name: load_vocabulary(name, directory) for name in FILES}
