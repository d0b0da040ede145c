"""How fast `catalogus validate` is on synthetic catalogues, against parsing alone.

Run: .venv/bin/python bench/validation_speed.py [COUNT ...]
(`bench/run.py` measures this too, with the site build, serve, memory and the browser.)
"""

import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # for `bench` when run as a script

from bench.synthetic import write_catalogue
from bench.validation import measure_validation
from catalogus import paths
from catalogus.validation import record_paths

RUNS = 3


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
            floor_runs, our_runs = measure_validation(files, RUNS)
            floor, ours = statistics.median(floor_runs), statistics.median(our_runs)
            print(
                f"| {label} ({len(files)}) | {floor:.3f} s | {ours:.3f} s | {ours / floor:.2f}× |"
            )


if __name__ == "__main__":
    main([int(argument) for argument in sys.argv[1:]] or [1000, 5000])
