"""The evidence and gap map: per phenomenon and step of the criminal business process, what
blocks it, how strong the evidence is, what hinders it, and what other countries do.

Made in the manner of the Campbell and 3ie evidence and gap maps: a cell with nothing in it is a
gap, and is shown as one. Cross-cutting approaches (the barrier model itself, the fenomeentafels,
RIEC-LIEC) help at every step, so they are kept apart instead of filling every cell.
"""

from dataclasses import dataclass

from .records import Bottleneck, Catalogue, Intervention


@dataclass(frozen=True)
class Cell:
    phenomenon: str
    step: str
    dutch: tuple[Intervention, ...]  # Dutch interventions that block this step specifically
    foreign: tuple[Intervention, ...]
    bottlenecks: tuple[Bottleneck, ...]  # knelpunten that hinder raising a barrier here

    @property
    def interventions(self) -> tuple[Intervention, ...]:
        return self.dutch + self.foreign

    @property
    def is_gap(self) -> bool:
        """No Dutch intervention blocks this step specifically (a foreign one may show how)."""
        return not self.dutch


def cell(catalogue: Catalogue, phenomenon: str, step: str) -> Cell:
    return cells(catalogue, [phenomenon], [step])[phenomenon, step]


def cells(
    catalogue: Catalogue, phenomena: list[str], steps: list[str]
) -> dict[tuple[str, str], Cell]:
    """The cell of each phenomenon and step, from one pass over the records (a map has hundreds
    of cells, and a pass per cell took most of the time of its pages at 1,000 records)."""
    blocking: dict[tuple[str, str], list[Intervention]] = {
        (phenomenon, step): [] for phenomenon in phenomena for step in steps
    }
    for record in catalogue.interventions.values():
        if record.cross_cutting:
            continue
        for phenomenon in dict.fromkeys(record.phenomena):
            for step in dict.fromkeys(record.barrier_steps):
                if (phenomenon, step) in blocking:
                    blocking[phenomenon, step].append(record)
    return {
        (phenomenon, step): Cell(
            phenomenon,
            step,
            tuple(record for record in records if not record.is_foreign),
            tuple(record for record in records if record.is_foreign),
            tuple(
                item
                for item in catalogue.bottlenecks.values()
                if phenomenon in item.phenomena and step in item.barrier_steps
            ),
        )
        for (phenomenon, step), records in blocking.items()
    }


def cross_cutting(catalogue: Catalogue, phenomenon: str) -> list[Intervention]:
    return [
        record
        for record in catalogue.interventions.values()
        if record.cross_cutting and phenomenon in record.phenomena
    ]


def phenomenon_steps(catalogue: Catalogue, phenomenon: str) -> list[str]:
    """The steps of a phenomenon's chain as its record describes them, else every step."""
    record = catalogue.phenomena.get(phenomenon)
    if record is not None and record.chain:
        return [link.step for link in record.chain]
    return list(catalogue.vocabularies["barrier_steps"])


def strongest_evidence(catalogue: Catalogue, records) -> str:
    """The slug of the strongest evidence level among records, "" for none."""
    levels = list(catalogue.vocabularies["evidence_levels"])
    ranks = [levels.index(record.evidence_level) for record in records]
    return levels[max(ranks)] if ranks else ""


def catalogue_map(catalogue: Catalogue, phenomena: list[str]) -> dict[tuple[str, str], Cell]:
    """Every phenomenon × every step of the barrier model, for /bewijskaart/."""
    return cells(catalogue, phenomena, list(catalogue.vocabularies["barrier_steps"]))


CSV_HEADER = [
    "fenomeen",
    "stap",
    "stap_label",
    "aantal",
    "aantal_nederland",
    "aantal_buitenland",
    "sterkste_onderbouwing",
    "gat",
    "interventies",
    "knelpunten",
]


def csv_rows(catalogue: Catalogue, cells) -> list[list[str]]:
    """The cells as spreadsheet rows, one per phenomenon and step (a tidy table)."""
    table = [CSV_HEADER]
    for item in cells:
        strongest = strongest_evidence(catalogue, item.interventions)
        table.append(
            [
                item.phenomenon,
                item.step,
                catalogue.term("barrier_steps", item.step).label,
                str(len(item.interventions)),
                str(len(item.dutch)),
                str(len(item.foreign)),
                catalogue.term("evidence_levels", strongest).label if strongest else "",
                "ja" if item.is_gap else "nee",
                "; ".join(record.id for record in item.interventions),
                "; ".join(bottleneck.id for bottleneck in item.bottlenecks),
            ]
        )
    return table
