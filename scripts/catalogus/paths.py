"""Where the catalogue's data lives in the repository."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
INTERVENTIONS = ROOT / "interventions"
VOCABULARIES = ROOT / "vocabularies"
SCHEMA = ROOT / "schema" / "interventie.schema.json"
SCHEMAS = ROOT / "schema"
