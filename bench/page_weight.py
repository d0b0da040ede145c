"""Page weight: the overview page and its script as they are sent, compressed."""

from __future__ import annotations

import gzip
from pathlib import Path

from bench.results import WEIGHT_BUDGET, Results, Row, verdict


def overview_weight(site_dir: Path) -> tuple[int, int]:
    """Gzipped (level 6) bytes of the overview page and of its script, as they are sent."""
    files = [site_dir / "interventies" / "index.html", site_dir / "assets" / "overview.js"]
    raw = sum(path.stat().st_size for path in files)
    packed = sum(len(gzip.compress(path.read_bytes(), compresslevel=6)) for path in files)
    return packed, raw


def add_weight(results: Results, size: int, site_dir: Path) -> None:
    packed, raw = overview_weight(site_dir)
    results.add(
        Row(
            "Overview page + overview.js, gzip -6",
            size,
            f"{packed / 1000:,.0f} KB",
            f"(uncompressed: {raw / 1000:,.0f} KB)",
            "—",
            WEIGHT_BUDGET.text,
            verdict(WEIGHT_BUDGET, size, packed),
            "weight",
        )
    )
