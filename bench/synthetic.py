"""SYNTHETIC catalogues for benchmarks: records shaped like the real ones, clearly marked as made up.

Each synthetic record is a real record's structure with a new id, a title and summary that say
"Synthetisch", and vocabulary values drawn at random (seeded, so runs are comparable).
"""

import random
from pathlib import Path

import yaml

from catalogus.loading import load_file

ROOT = Path(__file__).resolve().parents[1]
MARKER = "# SYNTHETISCH: verzonnen record voor een benchmark; beschrijft niets echts.\n"


class _Dumper(yaml.CSafeDumper):
    """libyaml's safe dumper (20x faster than the pure-Python one, so 10,000 records take
    seconds), writing multi-line text as `|` blocks the way the real records are written."""


def _text(dumper: yaml.CSafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def _vocabulary(name: str) -> list[str]:
    return [term["slug"] for term in yaml.safe_load((ROOT / "vocabularies" / name).read_text())]


def write_catalogue(target: Path, count: int, seed: int = 1) -> Path:
    """Write `count` synthetic records into `target`/interventions and return that folder."""
    generator = random.Random(seed)
    # The project's loader, not yaml.safe_load: YAML 1.1 reads `country: NO` (Norway) as false.
    templates = [load_file(path)[0] for path in sorted((ROOT / "interventions").glob("*.yml"))]
    phenomena = _vocabulary("phenomena.yml")
    regions = [slug for slug in _vocabulary("regions.yml")]
    kinds = _vocabulary("kinds.yml")
    folder = target / "interventions"
    folder.mkdir(parents=True, exist_ok=True)
    ids = [f"synthetisch-{number:05d}" for number in range(count)]
    for number, record_id in enumerate(ids):
        record = dict(generator.choice(templates))
        record["title"] = f"Synthetische interventie {number}"
        record["summary"] = (
            f"Synthetisch record {number} voor een benchmark; het beschrijft niets echts."
        )
        record["phenomena"] = generator.sample(phenomena, generator.randint(1, 3))
        if record["country"] == "NL":
            record["regions"] = generator.sample(regions, generator.randint(1, 2))
        record["kinds"] = generator.sample(kinds, generator.randint(1, 3))
        record.pop("dutch_counterparts", None)  # real ids, not in a synthetic catalogue
        record["related"] = generator.sample(ids, 2) if count > 2 else []
        record["related"] = [other for other in record["related"] if other != record_id]
        text = yaml.dump(record, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
        (folder / f"{record_id}.yml").write_text(MARKER + text, encoding="utf-8")
    return folder
