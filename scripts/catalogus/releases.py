"""Dated releases of the data, so a report can cite the catalogue as it was: `catalogus release`
writes `data/releases/<name>.json` (every public record of every kind, as the open-data exports
hold them, and what changed since the previous release) and adds an entry to
`data/releases/CHANGELOG.md`. The site publishes every committed release at
`/data/releases/<name>.json`.
"""

import json
import re
from pathlib import Path

from . import urls
from .exports import json_export, record_exports
from .exports.common import FORMAT_VERSION, LICENCE_NAME, LICENCE_URL, PUBLISHER
from .output import BuildSettings, GeneratedFile
from .rendering import dutch_date

RELEASES = Path("data/releases")
CHANGELOG = RELEASES / "CHANGELOG.md"
CHANGELOG_TITLE = "# Versies van de gegevens\n"
# A month (2026-12), or a day when there is more than one release in a month (2026-12-15).
NAME = re.compile(r"^[0-9]{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?$")
# The record kinds of a release, in its order: key → Dutch plural for the changelog.
KIND_NAMES = {
    "interventions": "interventies",
    "phenomena": "fenomenen",
    "bottlenecks": "knelpunten",
    "cases": "casussen",
}


class ReleaseError(Exception):
    """A release that cannot be made, with what to do, in Dutch."""


def release_path(root: Path, name: str) -> Path:
    return root / RELEASES / f"{name}.json"


def records_by_kind(settings: BuildSettings) -> dict[str, list[dict]]:
    """Every public record of every kind, as the exports hold them."""
    found = {
        "interventions": json_export.export_data(settings.catalogue, settings.site_url)[
            "interventions"
        ]
    }
    for kind in record_exports.KINDS:
        found[kind.folder] = record_exports.export_data(kind, settings)["records"]
    return found


def previous_release(root: Path, name: str) -> dict | None:
    """The newest release made before `name`, if any."""
    folder = root / RELEASES
    names = sorted(path.stem for path in folder.glob("*.json") if NAME.match(path.stem))
    older = [other for other in names if other < name]
    if not older:
        return None
    return json.loads(release_path(root, older[-1]).read_text(encoding="utf-8"))


def changes_since(previous: dict | None, records: dict[str, list[dict]]) -> dict:
    """Per kind the ids added, changed and removed since `previous` (all added without one)."""
    changes = {}
    for kind, items in records.items():
        before = {item["id"]: item for item in (previous or {}).get(kind, [])}
        after = {item["id"]: item for item in items}
        changes[kind] = {
            "added": sorted(set(after) - set(before)),
            "changed": sorted(key for key in set(after) & set(before) if after[key] != before[key]),
            "removed": sorted(set(before) - set(after)),
        }
    return changes


def snapshot(settings: BuildSettings, name: str, released: str) -> dict:
    records = records_by_kind(settings)
    previous = previous_release(settings.root, name)
    return {
        "release": name,
        "released": released,
        "previous": previous["release"] if previous else None,
        "version": FORMAT_VERSION,
        "publisher": PUBLISHER,
        "licence": {"name": LICENCE_NAME, "url": LICENCE_URL},
        "url": urls.base_url(settings.site_url),
        "changes": changes_since(previous, records),
        **records,
    }


def changelog_entry(release: dict) -> str:
    """The release's entry in CHANGELOG.md, in Dutch."""
    counts = ", ".join(f"{len(release[kind])} {label}" for kind, label in KIND_NAMES.items())
    lines = [f"## {release['release']} ({dutch_date(release['released'])})", "", f"- {counts}."]
    if not release["previous"]:
        lines.append("- Eerste versie.")
    for change, label in (("added", "Nieuw"), ("changed", "Gewijzigd"), ("removed", "Verwijderd")):
        parts = [
            f"{plural}: {', '.join(release['changes'][kind][change])}"
            for kind, plural in KIND_NAMES.items()
            if release["changes"][kind][change] and release["previous"]
        ]
        if parts:
            lines.append(f"- {label} sinds {release['previous']}: " + "; ".join(parts) + ".")
    return "\n".join(lines) + "\n"


def make_release(settings: BuildSettings, name: str, released: str) -> Path:
    """Write release `name` of the public catalogue of `settings` and its changelog entry;
    `ReleaseError` if it cannot be made."""
    root = settings.root
    if not NAME.match(name):
        raise ReleaseError(
            f"'{name}' is geen geldige naam voor een versie: gebruik JJJJ-MM, zoals 2026-12, "
            "of JJJJ-MM-DD voor een tweede versie in dezelfde maand."
        )
    target = release_path(root, name)
    if target.exists():
        raise ReleaseError(
            f"{target.relative_to(root)} bestaat al: een versie verandert nooit meer. "
            "Kies een andere naam, zoals JJJJ-MM-DD."
        )
    release = snapshot(settings, name, released)
    target.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(release, ensure_ascii=False, indent=2) + "\n"
    target.write_text(text, encoding="utf-8")
    changelog = root / CHANGELOG
    existing = changelog.read_text(encoding="utf-8") if changelog.is_file() else CHANGELOG_TITLE
    body = existing.removeprefix(CHANGELOG_TITLE).lstrip("\n")
    changelog.write_text(
        f"{CHANGELOG_TITLE}\n{changelog_entry(release)}" + (f"\n{body}" if body else ""),
        encoding="utf-8",
    )
    return target


def release_names(root: Path) -> list[str]:
    """The committed releases, newest first."""
    return sorted(
        (path.stem for path in (root / RELEASES).glob("*.json") if NAME.match(path.stem)),
        reverse=True,
    )


def files(settings: BuildSettings) -> list[GeneratedFile]:
    """Every committed release, published as it was made."""
    folder = settings.root / RELEASES
    return [
        GeneratedFile(
            f"data/releases/{path.name}",
            path.read_bytes(),
            source=path.relative_to(settings.root).as_posix(),
        )
        for path in sorted(folder.glob("*.json"))
        if NAME.match(path.stem)
    ]
