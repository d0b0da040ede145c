"""How fast `mkdocs build` is with the hook, against the same pages built as static markdown.

Run: .venv/bin/python bench/build_speed.py [COUNT ...]
(`bench/run.py` measures this too, with validation, serve, memory and the browser.)
"""

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # for `bench` when run as a script

from bench.builds import build
from bench.projects import static_project, synthetic_project

RUNS = 2


def main(counts: list[int]) -> None:
    print("| records | with the hook | static floor | ratio | peak memory (hook, floor) |")
    print("|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as temporary:
        for count in counts:
            project = synthetic_project(Path(temporary) / str(count) / "project", count)
            static = static_project(project, Path(temporary) / str(count) / "floor")
            for _ in range(RUNS):  # alternating, so the load of the machine falls on both
                ours, floor = build(project), build(static)
                print(
                    f"| {count:,} | {ours.seconds:.2f} s | {floor.seconds:.2f} s "
                    f"| {ours.seconds / floor.seconds:.2f}× "
                    f"| {ours.peak_bytes / 2**20:,.0f} MiB, {floor.peak_bytes / 2**20:,.0f} MiB |",
                    flush=True,
                )


if __name__ == "__main__":
    main([int(argument) for argument in sys.argv[1:]] or [1000])
