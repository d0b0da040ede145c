"""Peak memory: the largest resident set of the builds a size was measured with."""

from __future__ import annotations

from bench.builds import Build
from bench.results import MEMORY_BUDGET, Results, Row, megabytes, verdict


def add_memory(
    results: Results, size: int, builds: list[Build], floor_builds: list[Build], with_row: bool
) -> None:
    """Note the peak of this size's builds; `with_row`: also set it against the budget."""
    peak = max(build.peak_bytes for build in builds)
    floor_peak = max((build.peak_bytes for build in floor_builds), default=0)
    if with_row:
        results.add(
            Row(
                "Peak memory of the build (its processes)",
                size,
                megabytes(peak),
                f"{megabytes(floor_peak)} static build" if floor_peak else "—",
                f"{peak / floor_peak:.2f}×" if floor_peak else "—",
                MEMORY_BUDGET.text,
                verdict(MEMORY_BUDGET, size, peak),
                "memory",
            )
        )
    results.peaks.append(
        f"{size:,}: {megabytes(peak)}"
        + (f" (static floor {megabytes(floor_peak)})" if floor_peak else "")
    )


def peaks_note(results: Results) -> None:
    results.note(
        "Peak memory of the builds (the build process and what its second process holds of its own): "
        + "; ".join(results.peaks)
        + "."
    )
