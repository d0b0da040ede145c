"""Rules the schema cannot express. Each check yields findings: a field path, a stable code
naming the rule (for programs) and a Dutch message (for the editor).

A check gets the record's raw data (which may still break the schema, so checks look before they
leap) and the catalogue context; it never raises and never stops at the first problem.

Longer than about 300 lines because it is the list of rules itself: one short function per
rule, registered per kind at the end, so a reader sees every rule in one place.
"""

import datetime
import difflib
import re
import unicodedata
import urllib.parse
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from . import personal_data
from .kinds import INTERVENTIONS, PHENOMENA, RecordKind

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

FieldPath = tuple[str | int, ...]


class Finding(NamedTuple):
    path: FieldPath
    code: str  # short, ASCII and stable, such as "reference-internal"
    message: str


@dataclass(frozen=True)
class Context:
    """What checks know beyond the record itself."""

    known_ids: frozenset[str]  # ids of interventions, the kind other records refer to
    today: datetime.date
    interventions: Mapping[str, Any] = field(default_factory=dict)  # id → data, where loaded
    phenomenon_slugs: frozenset[str] = frozenset()
    former_id_owners: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    allowlist: personal_data.Allowlist = field(default_factory=personal_data.Allowlist)
    # Ids of the knelpunten, when their files are among those read (else None: not checked).
    bottleneck_ids: frozenset[str] | None = None


def suggest(value: str, options) -> str:
    """A Dutch 'did you mean' clause for the closest option, or nothing."""
    same_but_case = [option for option in options if option.casefold() == value.casefold()]
    matches = same_but_case or difflib.get_close_matches(value, list(options), n=1, cutoff=0.6)
    return f" (bedoelde u '{matches[0]}'?)" if matches else ""


def kebab_case(text: str) -> str:
    """The id an editor most likely meant for a file name."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def check_id(record_id: str, data: dict, context: Context) -> Iterator[Finding]:
    if not ID_PATTERN.match(record_id):
        yield Finding(
            (),
            "id-invalid",
            f"de bestandsnaam '{record_id}' is geen geldige id: gebruik kleine letters, cijfers "
            f"en streepjes, bijvoorbeeld '{kebab_case(record_id) or 'mijn-interventie'}.yml'",
        )


# Fields that hold ids of interventions, and whether a record may name itself there.
REFERENCE_FIELDS = ("related", "dutch_counterparts", "resolved_by", "interventions")


def check_references(record_id: str, data: dict, context: Context) -> Iterator[Finding]:
    for field_name in REFERENCE_FIELDS:
        references = data.get(field_name)
        if not isinstance(references, list):
            continue
        for index, other in enumerate(references):
            if not isinstance(other, str):
                continue
            location = (field_name, index)
            if other == record_id and field_name in ("related", "dutch_counterparts"):
                yield Finding(
                    location, "reference-self", "een interventie kan niet naar zichzelf verwijzen"
                )
            elif other not in context.known_ids:
                yield Finding(
                    location,
                    "reference-unknown",
                    f"er is geen interventie met id '{other}'"
                    f"{suggest(other, context.known_ids)}: gebruik de bestandsnaam zonder .yml",
                )
            else:
                yield from _check_reference_target(field_name, location, other, data, context)


def _check_reference_target(
    field_name: str, location: FieldPath, other: str, data: dict, context: Context
) -> Iterator[Finding]:
    target = context.interventions.get(other)
    if not isinstance(target, dict):
        return
    if data.get("access", "public") == "public" and target.get("access") == "internal":
        yield Finding(
            location,
            "reference-internal",
            f"'{other}' is intern en mag niet op de openbare site genoemd worden: haal de "
            "verwijzing weg of maak dit record ook intern",
        )
    if field_name == "dutch_counterparts" and target.get("country") not in (None, "NL"):
        yield Finding(
            location,
            "reference-not-dutch",
            f"'{other}' is geen Nederlandse interventie: noem hier alleen Nederlandse",
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
        yield Finding(
            ("last_reviewed",),
            "review-date-nonexistent",
            f"'{text}' is geen bestaande datum: controleer dag en maand",
        )
    elif date > context.today:
        yield Finding(
            ("last_reviewed",),
            "review-date-future",
            f"'{text}' ligt in de toekomst: gebruik de datum van de beoordeling",
        )


def check_period(record_id: str, data: dict, context: Context) -> Iterator[Finding]:
    period = data.get("period")
    if not isinstance(period, dict):
        return
    start, end = period.get("start"), period.get("end")
    if isinstance(start, int) and start > context.today.year:
        yield Finding(
            ("period", "start"), "period-start-future", f"het beginjaar {start} ligt in de toekomst"
        )
    if isinstance(start, int) and isinstance(end, int) and end < start:
        yield Finding(
            ("period", "end"),
            "period-end-before-start",
            f"de periode eindigt ({end}) voordat ze begint ({start}): controleer de jaren",
        )
    if data.get("status") == "beeindigd" and end is None:
        yield Finding(
            ("period", "end"),
            "period-end-missing",
            "een beëindigde interventie heeft een eindjaar: vul period.end in",
        )


def check_source_years(record_id: str, data: dict, context: Context) -> Iterator[Finding]:
    sources = data.get("sources")
    if not isinstance(sources, list):
        return
    for index, source in enumerate(sources):
        year = source.get("year") if isinstance(source, dict) else None
        if isinstance(year, int) and year > context.today.year:
            yield Finding(
                ("sources", index, "year"),
                "source-year-future",
                f"het jaar {year} ligt in de toekomst",
            )


# Sites that republish other people's documents. Their copies may be altered, incomplete or gone
# tomorrow, and a reader cannot tell who published them; a record cites the publisher instead.
MIRROR_SITES = frozenset(
    {
        "1library.net",
        "123dok.com",
        "123dok.org",
        "5dok.net",
        "5dok.org",
        "adoc.pub",
        "docplayer.net",
        "docplayer.nl",
        "docslib.org",
        "dokumen.pub",
        "dokumen.tips",
        "fdocuments.net",
        "lexboost.com",
        "opennieuwsbank.nl",
        "pdfslide.net",
        "scribd.com",
        "studeersnel.nl",
        "studocu.com",
        "studylibit.com",
        "studylib.net",
        "vdocument.in",
        "vdocuments.mx",
        "yumpu.com",
    }
)


# An address whose host is written plainly: `urlsplit` would find that same host, and it takes
# ten times as long. Anything else (capitals, a port, a user, a line break) goes to `urlsplit`.
PLAIN_ADDRESS = re.compile(r"https?://([a-z0-9.-]+)(?:[/?#]|\Z)")


def _host(url: str) -> str:
    plain = PLAIN_ADDRESS.match(url)
    host = plain.group(1) if plain else urllib.parse.urlsplit(url).hostname or ""
    return host.removeprefix("www.")


def _cited_addresses(data: dict) -> Iterator[tuple[FieldPath, str]]:
    for field_name in ("sources", "materials"):
        items = data.get(field_name)
        for index, item in enumerate(items if isinstance(items, list) else ()):
            if isinstance(item, dict) and isinstance(item.get("url"), str):
                yield (field_name, index, "url"), item["url"]
    status_source = data.get("status_source")
    if isinstance(status_source, dict) and isinstance(status_source.get("url"), str):
        yield ("status_source", "url"), status_source["url"]


def check_mirror_sites(record_id: str, data: dict, context: Context) -> Iterator[Finding]:
    """A source or document is cited at its publisher, not at a site that copies it."""
    for path, url in _cited_addresses(data):
        # The host and each of its parent domains, looked up rather than compared with each site.
        labels = _host(url).split(".")
        mirror = next(
            (
                ".".join(labels[index:])
                for index in range(len(labels))
                if ".".join(labels[index:]) in MIRROR_SITES
            ),
            None,
        )
        if mirror:
            yield Finding(
                path,
                "source-mirror",
                f"{mirror} is een kopieersite, niet de uitgever: verwijs naar het document bij "
                "de uitgever zelf (de overheid, de organisatie, rechtspraak.nl) of laat de bron weg",
            )


def strings_in(value: Any, path: FieldPath = ()) -> list[tuple[FieldPath, str]]:
    """Every text in a record, with where it is."""
    found: list[tuple[FieldPath, str]] = []
    _collect_strings(value, path, found)
    return found


def _collect_strings(value: Any, path: FieldPath, found: list[tuple[FieldPath, str]]) -> None:
    # Appending to one list, not yielding through nested generators: every text check walks
    # each record, and the generators took a fifth of the validation time.
    if isinstance(value, str):
        found.append((path, value))
    elif isinstance(value, dict):
        for key, item in value.items():
            _collect_strings(item, (*path, key), found)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _collect_strings(item, (*path, index), found)


HTML_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!?][^>]*>?")
CHARACTER_REFERENCE = re.compile(r"&#x?[0-9a-fA-F]+;?|&[a-zA-Z][a-zA-Z0-9]{1,31};")
UNSAFE_SCHEME = re.compile(r"(?i)\b(?:javascript|vbscript|data|file)\s*:")
# UNSAFE_SCHEME read backwards, for the text of a whole record: every match ends in a colon, and
# a pattern that starts with one lets the search jump from colon to colon instead of trying
# every character (the forward search took a third of the validation time).
UNSAFE_SCHEME_REVERSED = re.compile(r":\s*(?i:tpircsavaj|tpircsbv|atad|elif)(?!\w)")
# Inline links `[text](target)`, and reference definitions `[name]: target` at the start of a
# line, also inside a block quote or a list item (`> [name]: target`, `- [name]: target`).
MARKDOWN_LINK_TARGET = re.compile(
    r"\]\(\s*<?([^)\s>]*)|^[ \t]*(?:(?:>|[-*+]|\d+[.)])[ \t]*)*\[[^\]]*\]:\s*<?([^\s>]*)",
    re.MULTILINE,
)
SAFE_LINK = re.compile(r"^(?:https?://|mailto:)", re.IGNORECASE)
# A markdown autolink, `<https://…>`: markdown, not HTML, when it points at a web or mail address.
AUTOLINK = re.compile(r"""<([a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^\s<>"'`]*)>""")


def all_text(data: dict) -> str:
    """Every text of a record in one string, so a clean record is checked in one pass."""
    return "\n".join(text for _, text in strings_in(data))


# The checks that read a record's whole text get it from `run_checks`, which joins it once for
# them all; called on their own (as in the tests) they join it themselves.


def check_markup(
    record_id: str, data: dict, context: Context, text: str | None = None
) -> Iterator[Finding]:
    """Records are plain text and markdown: no HTML, no scripts, only web and mail links."""
    text = all_text(data) if text is None else text
    # Every finding below needs one of these in the text it is found in, so also in all text
    # together; most records have none and skip the walk over their fields.
    if not (
        "<" in text
        or "](" in text
        or "]:" in text
        or CHARACTER_REFERENCE.search(text)
        or UNSAFE_SCHEME_REVERSED.search(text[::-1])
    ):
        return
    for path, text in strings_in(data):
        if path[-1:] == ("url",):
            continue  # the schema allows only http(s) addresses there, and says so itself
        unsafe_autolinks = [
            target for target in AUTOLINK.findall(text) if not SAFE_LINK.match(target)
        ]
        text = AUTOLINK.sub("", text)
        if unsafe_autolinks:
            yield Finding(
                path,
                "markup-unsafe-link",
                f"de link '{unsafe_autolinks[0][:60]}' is geen webadres: "
                "links beginnen met https://, http:// of mailto:",
            )
        elif match := HTML_TAG.search(text):
            yield Finding(
                path,
                "markup-html",
                f"HTML is niet toegestaan ({match.group()[:40]}): schrijf gewone tekst of markdown",
            )
        elif match := CHARACTER_REFERENCE.search(text):
            yield Finding(
                path,
                "markup-character-reference",
                f"tekencodes zoals {match.group()} zijn niet toegestaan: typ het teken zelf",
            )
        elif match := UNSAFE_SCHEME.search(text):
            yield Finding(
                path,
                "markup-unsafe-scheme",
                f"'{match.group()}' is niet toegestaan: links beginnen met https://, http:// of mailto:",
            )
        else:
            for inline, reference in MARKDOWN_LINK_TARGET.findall(text):
                target = inline or reference
                if not SAFE_LINK.match(target):
                    yield Finding(
                        path,
                        "markup-unsafe-link",
                        f"de link '{target[:60]}' is geen webadres: "
                        "links beginnen met https://, http:// of mailto:",
                    )
                    break


def check_personal_data(
    record_id: str, data: dict, context: Context, text: str | None = None
) -> Iterator[Finding]:
    """Public records must not contain personal data that can be recognised."""
    if data.get("access") == "internal" or not personal_data.find(
        all_text(data) if text is None else text, context.allowlist
    ):
        return
    for path, text in strings_in(data):
        for found in personal_data.find(text, context.allowlist):
            yield Finding(
                path,
                found.code,
                f"bevat {found.description}: persoonsgegevens horen niet in een openbaar record; "
                "haal ze weg of anonimiseer ze",
            )


PLACEHOLDER = "VUL IN"


def check_placeholders(
    record_id: str, data: dict, context: Context, text: str | None = None
) -> Iterator[Finding]:
    """`catalogus new` writes placeholders; a record is ready once none is left."""
    if PLACEHOLDER not in (all_text(data) if text is None else text):
        return
    for path, text in strings_in(data):
        if text.startswith(PLACEHOLDER):
            yield Finding(
                path, "placeholder", f"vervang de plaatshouder '{text[:60]}' door de echte waarde"
            )


def check_former_ids(record_id: str, data: dict, context: Context) -> Iterator[Finding]:
    former = data.get("former_ids")
    if not isinstance(former, list):
        return
    for index, old_id in enumerate(former):
        if not isinstance(old_id, str):
            continue
        if old_id == record_id or old_id in context.known_ids:
            yield Finding(
                ("former_ids", index),
                "former-id-in-use",
                f"'{old_id}' is de id van een bestaande interventie; een vroegere id mag niet "
                "meer in gebruik zijn",
            )
        others = [owner for owner in context.former_id_owners.get(old_id, ()) if owner != record_id]
        if others:
            yield Finding(
                ("former_ids", index),
                "former-id-shared",
                f"'{old_id}' staat ook als vroegere id bij '{others[0]}': een oude link "
                "kan maar naar één pagina leiden",
            )


def check_phenomenon_id(record_id: str, data: dict, context: Context) -> Iterator[Finding]:
    if record_id not in context.phenomenon_slugs:
        yield Finding(
            (),
            "phenomenon-unknown",
            f"'{record_id}' is geen fenomeen uit vocabularies/phenomena.yml"
            f"{suggest(record_id, context.phenomenon_slugs)}: de bestandsnaam is de slug",
        )


def check_chain_steps(record_id: str, data: dict, context: Context) -> Iterator[Finding]:
    chain = data.get("chain")
    if not isinstance(chain, list):
        return
    seen: set[str] = set()
    for index, link in enumerate(chain):
        step = link.get("step") if isinstance(link, dict) else None
        if isinstance(step, str) and step in seen:
            yield Finding(
                ("chain", index, "step"),
                "chain-step-repeated",
                f"de stap '{step}' staat al eerder in de keten",
            )
        seen.add(step)


def check_resolution(record_id: str, data: dict, context: Context) -> Iterator[Finding]:
    if data.get("status") == "opgelost" and not data.get("resolution"):
        yield Finding(
            ("resolution",),
            "resolution-missing",
            "een opgelost knelpunt zegt hoe het is opgelost: vul resolution in",
        )


def check_bottleneck_references(record_id: str, data: dict, context: Context) -> Iterator[Finding]:
    """A case names the knelpunten it illustrates: they must exist."""
    references = data.get("bottlenecks")
    if context.bottleneck_ids is None or not isinstance(references, list):
        return
    for index, other in enumerate(references):
        if isinstance(other, str) and other not in context.bottleneck_ids:
            yield Finding(
                ("bottlenecks", index),
                "reference-unknown-bottleneck",
                f"er is geen knelpunt met id '{other}'"
                f"{suggest(other, context.bottleneck_ids)}: gebruik de bestandsnaam in "
                "bottlenecks/ zonder .yml",
            )


COMMON_CHECKS = (
    check_placeholders,
    check_references,
    check_review_date,
    check_period,
    check_source_years,
    check_mirror_sites,
    check_markup,
    check_personal_data,
)
CHECKS = (check_id, *COMMON_CHECKS)
TEXT_CHECKS = frozenset({check_placeholders, check_markup, check_personal_data})
CHECKS_BY_KIND: dict[str, tuple] = {
    INTERVENTIONS.folder: (*CHECKS, check_former_ids),
    PHENOMENA.folder: (check_phenomenon_id, check_chain_steps, *COMMON_CHECKS),
    "bottlenecks": (*CHECKS, check_resolution),
    "cases": (*CHECKS, check_bottleneck_references),
}


def run_checks(
    record_id: str, data: Any, context: Context, kind: RecordKind = INTERVENTIONS
) -> Iterator[Finding]:
    if not isinstance(data, dict):
        return
    text = all_text(data)
    for check in CHECKS_BY_KIND[kind.folder]:
        if check in TEXT_CHECKS:
            yield from check(record_id, data, context, text)
        else:
            yield from check(record_id, data, context)
