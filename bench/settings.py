"""The settings of a run: which sizes, how many runs, and at which size each measure is made."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Settings:
    sizes: list[int]
    runs: int
    slow_runs: int
    slow_from: int
    floor_sizes: list[int]
    serve_size: int
    weight_size: int
    click_size: int
    memory_size: int
    clicks: int
    watch_wait: float
    profile: bool
    work: Path


def nearest(sizes: list[int], wanted: int) -> int:
    return min(sizes, key=lambda size: (abs(size - wanted), size))


def settings_from(options: argparse.Namespace, work: Path) -> Settings:
    """The command line's options as settings; the synthetic catalogues go into `work`."""
    sizes = sorted(set(options.sizes))
    # A role whose size is not among --sizes goes to the nearest size that is.
    floor_sizes = [size for size in sizes if size in options.floor_sizes] or sizes[:1]
    return Settings(
        sizes=sizes,
        runs=options.runs,
        slow_runs=options.slow_runs,
        slow_from=options.slow_from,
        floor_sizes=floor_sizes,
        serve_size=nearest(sizes, options.serve_size),
        weight_size=nearest(sizes, options.weight_size),
        click_size=nearest(sizes, options.click_size),
        memory_size=nearest(sizes, options.memory_size),
        clicks=options.clicks,
        watch_wait=options.watch_wait,
        profile=options.profile,
        work=work,
    )
