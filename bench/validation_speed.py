"""How fast `catalogus validate` is on synthetic catalogues, against parsing alone.

Run: .venv/bin/python bench/validation_speed.py [COUNT ...]
(`bench/run.py` measures this too, with the site build, serve, memory and the browser.)
"""

import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import write_catalogue

from catalogus import paths
from catalogus.validation import Validator, record_paths
from catalogus.vocabularies import load_vocabularies

RUNS = 3


def median_seconds(action) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(files: list[Path]) -> tuple[float, float]:
    def parse_only():
        for path in files:
            yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)

    def validate():
        # As `catalogus validate` builds it: the schemas of every kind of record.
        validator = Validator.for_catalogue(paths.SCHEMAS, load_vocabularies())
        problems = validator.validate(files)
        assert not problems, problems[:3]

    return median_seconds(parse_only), median_seconds(validate)


def main(counts: list[int]) -> None:
    print("| records | parse only (C loader) | catalogus validate | ratio |")
    print("|---:|---:|---:|---:|")
    rows = [("catalogue", record_paths(paths.INTERVENTIONS))]
    with tempfile.TemporaryDirectory() as temporary:
        for count in counts:
            rows.append(
                (str(count), record_paths(write_catalogue(Path(temporary) / str(count), count)))
            )
        for label, files in rows:
            floor, ours = measure(files)
            print(
                f"| {label} ({len(files)}) | {floor:.3f} s | {ours:.3f} s | {ours / floor:.2f}× |"
            )


if __name__ == "__main__":
    main([int(argument) for argument in sys.argv[1:]] or [1000, 5000])
