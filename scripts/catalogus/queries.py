"""Questions asked of a catalogue: which records carry a term, which terms are in use.

Every page family and export asks through these, so "a record with this phenomenon" or "abroad"
means the same thing everywhere.
"""

from collections.abc import Iterable

from .records import Catalogue, Intervention

# Not a country but every foreign country at once: a value of the `land` filter.
ABROAD = "buitenland"


# How to read each vocabulary's terms off a record: a table built once, since every list page
# asks it of every record for every term (a dict built per call took 13 µs a call).
_TERMS_OF_RECORD = {
    "phenomena": lambda record: record.phenomena,
    "regions": lambda record: record.regions,
    "countries": lambda record: (record.country,),
    "kinds": lambda record: record.kinds,
    "instruments": lambda record: record.instruments,
    "evidence_levels": lambda record: (record.evidence_level,),
    "statuses": lambda record: (record.status,),
    "outcomes": lambda record: (record.outcome,),
    # A cross-cutting approach helps at every step but blocks none in particular, so a
    # selection by step shows the approaches specific to it (see evidence_map).
    "barrier_steps": lambda record: () if record.cross_cutting else record.barrier_steps,
}


def values_of(record: Intervention, vocabulary: str) -> tuple[str, ...]:
    return _TERMS_OF_RECORD[vocabulary](record)


def matches(record: Intervention, vocabulary: str, value: str) -> bool:
    if vocabulary == "countries" and value == ABROAD:
        return record.is_foreign
    return value in values_of(record, vocabulary)


def records_with(catalogue: Catalogue, vocabulary: str, value: str) -> list[Intervention]:
    return [
        record for record in catalogue.interventions.values() if matches(record, vocabulary, value)
    ]


def records_by_term(catalogue: Catalogue, vocabulary: str) -> dict[str, list[Intervention]]:
    """Each term's interventions, as `records_with` lists them, found in one pass over the
    records: a page family that lists every term asks this once, not once per term."""
    grouped: dict[str, list[Intervention]] = {}
    for record in catalogue.interventions.values():
        for slug in dict.fromkeys(values_of(record, vocabulary)):
            grouped.setdefault(slug, []).append(record)
    return grouped


def terms_in_use(catalogue: Catalogue, vocabulary: str) -> list[str]:
    """The terms at least one intervention carries, in the vocabulary's order."""
    used = {
        slug
        for record in catalogue.interventions.values()
        for slug in values_of(record, vocabulary)
    }
    return [slug for slug in catalogue.vocabularies[vocabulary] if slug in used]


def terms_with_pages(catalogue: Catalogue, vocabulary: str) -> list[str]:
    """Terms that get a page: those used by an intervention, a case or a bottleneck."""
    used = set(terms_in_use(catalogue, vocabulary))
    for item in [*catalogue.cases.values(), *catalogue.bottlenecks.values()]:
        used.update(getattr(item, vocabulary, ()))
        if vocabulary == "countries" and hasattr(item, "country"):
            used.add(item.country)
    if vocabulary == "phenomena":
        used.update(catalogue.phenomena)
    return [slug for slug in catalogue.vocabularies[vocabulary] if slug in used]


def where(catalogue: Catalogue, record: Intervention) -> str:
    """Where an intervention runs, in words: its country abroad, its regions at home."""
    if record.is_foreign:
        return catalogue.term("countries", record.country).label
    return ", ".join(catalogue.term("regions", slug).label for slug in record.regions)


def newest_review(records: Iterable) -> str:
    """The newest `last_reviewed` among records of any kind: a list page's last-modified date."""
    return max((record.last_reviewed for record in records), default="")


def newest_first(records: Iterable[Intervention]) -> list[Intervention]:
    """Newest `last_reviewed` first; records reviewed on the same day by title, then id."""
    by_title = sorted(records, key=lambda record: (record.title.casefold(), record.id))
    return sorted(by_title, key=lambda record: record.last_reviewed, reverse=True)
