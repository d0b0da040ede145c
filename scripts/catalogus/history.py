"""What changed in the catalogue, read from git at build time: for /nieuw/, its feeds, the
first-publication date in JSON-LD and the `lastmod` of hand-written pages.

Two processes, whatever the length of the history: one `git log --raw` lists every commit with
the blobs of the files it added, changed or removed, and one `git cat-file --batch` reads all
those blobs. A shallow clone or a tarball has no (complete) history: `read_history` then returns
`None`, and the pages say that history is not available in this build.
"""

import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import kinds

# How far back /nieuw/ goes: enough for years of editing, and the build stays fast.
MAX_COMMITS = 2000
HAND_WRITTEN = "docs"
NO_BLOB = "0" * 40
COMMIT_MARK = "\x1e"


@dataclass(frozen=True)
class Change:
    """One record's change in one commit; `before`/`after` are its parsed YAML ({} if absent)."""

    date: str  # ISO date of the commit, YYYY-MM-DD
    folder: str  # interventions, phenomena, bottlenecks or cases
    record_id: str
    status: str  # A (added), M (changed) or D (removed)
    before: dict
    after: dict

    @property
    def changed_fields(self) -> list[str]:
        keys = [*self.before, *(key for key in self.after if key not in self.before)]
        return [key for key in keys if self.before.get(key) != self.after.get(key)]

    @property
    def is_public(self) -> bool:
        """Neither version was internal: an internal record's history is never shown."""
        return all(
            isinstance(data, dict) and data.get("access", "public") == "public"
            for data in (self.before, self.after)
        )


@dataclass
class History:
    changes: list[Change] = field(default_factory=list)  # oldest first
    last_commit: dict[str, str] = field(default_factory=dict)  # path → date of its last commit
    first_added: dict[str, str] = field(default_factory=dict)  # path → date it was first added
    truncated: bool = False  # the history went further back than MAX_COMMITS


def _git(root: Path, *arguments: str, stdin: bytes | None = None) -> bytes | None:
    try:
        result = subprocess.run(
            ["git", "-C", str(root), *arguments],
            input=stdin,
            capture_output=True,
            check=False,
            timeout=120,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout if result.returncode == 0 else None


def _blobs(root: Path, shas: set[str]) -> dict[str, bytes]:
    """The content of every blob, read by one `git cat-file --batch`."""
    if not shas:
        return {}
    ordered = sorted(shas)
    output = _git(root, "cat-file", "--batch", stdin=("\n".join(ordered) + "\n").encode())
    found: dict[str, bytes] = {}
    position = 0
    while output is not None and position < len(output):
        header_end = output.index(b"\n", position)
        sha, kind, *size = output[position:header_end].decode().split()
        if kind == "missing":
            position = header_end + 1
            continue
        start = header_end + 1
        found[sha] = output[start : start + int(size[0])]
        position = start + int(size[0]) + 1
    return found


def _parsed(content: bytes) -> dict:
    try:
        data = yaml.load(content.decode("utf-8"), Loader=yaml.CSafeLoader)  # libyaml: fast
    except (yaml.YAMLError, UnicodeDecodeError):
        return {"access": "unreadable"}  # never shown: a broken file may hold anything
    return data if isinstance(data, dict) else {"access": "unreadable"}


def read_history(root: Path) -> History | None:
    """The history of the record folders and docs/ under `root`; `None` without a complete one
    (no git, no repository, a shallow clone)."""
    if _git(root, "rev-parse", "--is-shallow-repository") != b"false\n":
        return None
    log = _git(
        root,
        "log",
        f"--max-count={MAX_COMMITS}",
        f"--format={COMMIT_MARK}%cI",
        "--raw",
        "--no-abbrev",
        "--no-renames",
        "--relative",
        "--",
        *kinds.KINDS,
        HAND_WRITTEN,
    )
    if log is None:
        return None
    return parse_log(root, log.decode("utf-8", errors="replace"))


def parse_log(root: Path, log: str) -> History:
    history = History()
    raw: list[tuple[str, str, str, str, str]] = []  # date, status, path, old blob, new blob
    commits = log.split(COMMIT_MARK)[1:]
    history.truncated = len(commits) >= MAX_COMMITS
    for commit in commits:
        lines = commit.strip("\n").split("\n")
        date = lines[0].strip()[:10]
        for line in lines[1:]:
            if not line.startswith(":"):
                continue
            meta, path = line.split("\t", 1)
            _, _, old, new, status = meta.split()
            raw.append((date, status[0], path, old, new))
    blobs = _blobs(root, {sha for _, _, _, old, new in raw for sha in (old, new) if sha != NO_BLOB})
    # A version is the new blob of one commit and the old one of the next: parse it once.
    parsed = {sha: _parsed(content) for sha, content in blobs.items()}
    for date, status, path, old, new in reversed(raw):  # git log lists the newest first
        history.last_commit[path] = date
        if status == "A":
            history.first_added.setdefault(path, date)
        folder, _, name = path.partition("/")
        if folder not in kinds.KINDS or "/" in name or not name.endswith(".yml"):
            continue
        history.changes.append(
            Change(
                date,
                folder,
                name.removesuffix(".yml"),
                status,
                parsed.get(old, {}),
                parsed.get(new, {}),
            )
        )
    return history
