"""The kinds of record in the catalogue: each a folder of YAML files with a JSON Schema of its own."""

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class RecordKind:
    folder: str  # the folder of its records, beside mkdocs.yml
    schema_file: str  # its JSON Schema, in schema/
    noun: str  # what an editor calls one, in Dutch


INTERVENTIONS = RecordKind("interventions", "interventie.schema.json", "interventie")
PHENOMENA = RecordKind("phenomena", "fenomeen.schema.json", "fenomeen")
BOTTLENECKS = RecordKind("bottlenecks", "knelpunt.schema.json", "knelpunt")
CASES = RecordKind("cases", "casus.schema.json", "casus")
KINDS = {kind.folder: kind for kind in (INTERVENTIONS, PHENOMENA, BOTTLENECKS, CASES)}


def kind_of(path: Path) -> RecordKind:
    """A record's kind follows from its folder; files elsewhere are read as interventions."""
    return KINDS.get(path.parent.name, INTERVENTIONS)
