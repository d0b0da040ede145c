"""What every export shares: who publishes it under which licence, and which records it holds.

Builds are reproducible: the only date in the exports is the newest `last_reviewed` of the
records they contain.
"""

import datetime
import json
from pathlib import Path

from .. import urls
from ..records import Catalogue, Intervention

# The version of the export format: a higher minor number only adds fields.
FORMAT_VERSION = "1.0"
PUBLISHER = "Wat werkt tegen ondermijning"
LICENCE_NAME = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/deed.nl"

# The committed schema of the JSON export, relative to the project root.
EXPORT_SCHEMA = Path("schema/export-interventies.schema.json")


def read_export_schema(root: Path) -> dict:
    return json.loads((root / EXPORT_SCHEMA).read_text(encoding="utf-8"))


def intervention_url(site_url: str, record_id: str) -> str:
    return urls.absolute_url(site_url, urls.intervention_path(record_id))


def public_records(catalogue: Catalogue) -> list[Intervention]:
    """The public records of a catalogue, by id.

    `generate_exports` already hands every format a public-only catalogue; each format starts
    here as well, so one called on its own with a whole catalogue cannot leak either.
    """
    return sorted(
        (record for record in catalogue.interventions.values() if record.is_public),
        key=lambda record: record.id,
    )


def catalogue_date(catalogue: Catalogue) -> str:
    """The newest `last_reviewed` of the public records (today only for an empty catalogue)."""
    dates = [record.last_reviewed for record in public_records(catalogue)]
    return max(dates) if dates else datetime.date.today().isoformat()
