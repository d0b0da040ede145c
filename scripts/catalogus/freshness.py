"""When a record is due for review: its `last_reviewed` date is older than a number of months."""

import datetime

REVIEW_MONTHS = 18


def months_between(earlier: datetime.date, later: datetime.date) -> int:
    """Whole months from `earlier` to `later`."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - 1 if later.day < earlier.day else months


def is_overdue(last_reviewed: str, today: datetime.date, months: int = REVIEW_MONTHS) -> bool:
    return months_between(datetime.date.fromisoformat(last_reviewed), today) >= months
