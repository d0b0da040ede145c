"""The budgets, the rows of the results table, and how figures are written in it."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

GIB = 1024**3


@dataclass(frozen=True)
class Budget:
    size: tuple[int, ...]  # the catalogue sizes the budget is set for
    limit: float
    text: str


VALIDATION_BUDGET = Budget((10_000,), 1.5, "≤ 1.5× floor at 10,000")
BUILD_BUDGET = Budget((1_000, 5_000), 1.2, "≤ 1.2× floor at 1,000 and 5,000")
MEMORY_BUDGET = Budget((10_000,), 1 * GIB, "≤ 1 GiB at 10,000")
WEIGHT_BUDGET = Budget((1_000,), 300_000, "≤ 300 KB (300,000 bytes) at 1,000")
CLICK_BUDGET = Budget((5_000,), 50.0, "≤ 50 ms at 5,000")
# What a visitor waits for: the click until the next painted frame, the list laid out included.
FRAME_BUDGET = Budget((5_000,), 100.0, "≤ 100 ms at 5,000")
SERVE_BUDGET = Budget((1_000,), 5.0, "≤ 5 s at 1,000")


def verdict(budget: Budget, size: int, value: float) -> str:
    """PASS or FAIL where the budget is set for this size; elsewhere only informative."""
    if size not in budget.size:
        return "—"
    return "PASS" if value <= budget.limit else "FAIL"


@dataclass
class Row:
    measure: str
    records: int
    ours: str
    floor: str
    ratio: str
    budget: str
    result: str
    key: str = ""  # which part a profile would look at: "validation", "build", …


@dataclass
class Results:
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    profiles: list[str] = field(default_factory=list)
    peaks: list[str] = field(default_factory=list)  # peak memory of the builds, by size

    def add(self, row: Row) -> None:
        self.rows.append(row)
        print(f"  → {row.measure} @ {row.records}: {row.ours} (floor {row.floor}) {row.result}")

    def note(self, text: str) -> None:
        self.notes.append(text)
        print(f"  ! {text}")


def log(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", flush=True)


def seconds(value: float) -> str:
    return f"{value:.2f} s" if value >= 1 else f"{value * 1000:.0f} ms"


def megabytes(value: float) -> str:
    return f"{value / 1024**2:,.0f} MiB"


def runs_text(count: int) -> str:
    return f"{count} run" + ("" if count == 1 else "s")
