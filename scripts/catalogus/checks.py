"""Rules the schema cannot express. Each check yields `(field path, message)` pairs.

A check gets the record's raw data (which may still break the schema, so checks look before they
leap) and the catalogue context; it never raises and never stops at the first problem.
"""

import datetime
import difflib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

FieldPath = tuple[str | int, ...]
Finding = tuple[FieldPath, str]


@dataclass(frozen=True)
class Context:
    """What checks know beyond the record itself."""

    known_ids: frozenset[str]
    today: datetime.date


def suggest(value: str, options) -> str:
    """A Dutch 'did you mean' clause for the closest option, or nothing."""
    matches = difflib.get_close_matches(value, list(options), n=1, cutoff=0.6)
    return f" (bedoelde u '{matches[0]}'?)" if matches else ""


def kebab_case(text: str) -> str:
    """The id an editor most likely meant for a file name."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def check_id(record_id: str, data: dict, context: Context) -> Iterator[Finding]:
    if not ID_PATTERN.match(record_id):
        yield (
            (),
            f"de bestandsnaam '{record_id}' is geen geldige id: gebruik kleine letters, cijfers "
            f"en streepjes, bijvoorbeeld '{kebab_case(record_id) or 'mijn-interventie'}.yml'",
        )


def check_related(record_id: str, data: dict, context: Context) -> Iterator[Finding]:
    related = data.get("related")
    if not isinstance(related, list):
        return
    for index, other in enumerate(related):
        if not isinstance(other, str):
            continue
        if other == record_id:
            yield ("related", index), "een interventie kan niet naar zichzelf verwijzen"
        elif other not in context.known_ids:
            yield (
                ("related", index),
                f"er is geen interventie met id '{other}'"
                f"{suggest(other, context.known_ids)}: gebruik de bestandsnaam zonder .yml",
            )


def _calendar_date(text: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None


def check_review_date(record_id: str, data: dict, context: Context) -> Iterator[Finding]:
    text = data.get("last_reviewed")
    if not isinstance(text, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return  # the schema reports the form
    date = _calendar_date(text)
    if date is None:
        yield ("last_reviewed",), f"'{text}' is geen bestaande datum: controleer dag en maand"
    elif date > context.today:
        yield (
            ("last_reviewed",),
            f"'{text}' ligt in de toekomst: gebruik de datum van de beoordeling",
        )


def check_period(record_id: str, data: dict, context: Context) -> Iterator[Finding]:
    period = data.get("period")
    if not isinstance(period, dict):
        return
    start, end = period.get("start"), period.get("end")
    if isinstance(start, int) and start > context.today.year:
        yield ("period", "start"), f"het beginjaar {start} ligt in de toekomst"
    if isinstance(start, int) and isinstance(end, int) and end < start:
        yield (
            ("period", "end"),
            f"de periode eindigt ({end}) voordat ze begint ({start}): controleer de jaren",
        )
    if data.get("status") == "beeindigd" and end is None:
        yield ("period", "end"), "een beëindigde interventie heeft een eindjaar: vul period.end in"


def check_source_years(record_id: str, data: dict, context: Context) -> Iterator[Finding]:
    sources = data.get("sources")
    if not isinstance(sources, list):
        return
    for index, source in enumerate(sources):
        year = source.get("year") if isinstance(source, dict) else None
        if isinstance(year, int) and year > context.today.year:
            yield ("sources", index, "year"), f"het jaar {year} ligt in de toekomst"


CHECKS = (check_id, check_related, check_review_date, check_period, check_source_years)


def run_checks(record_id: str, data: Any, context: Context) -> Iterator[Finding]:
    if not isinstance(data, dict):
        return
    for check in CHECKS:
        yield from check(record_id, data, context)
