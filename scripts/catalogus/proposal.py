"""Proposals from the issue form "Interventie voorstellen": from a submitted issue to a record.

GitHub renders a submitted issue form as markdown: for every field a heading `### <label>`, a blank
line and the answer, or `_No response_` when it was left empty. A dropdown with several choices
gives them joined by ", ", and a checkbox gives `- [X] <label>` when ticked.

This module only turns that text into a record; it does not validate it. The workflow
(.github/workflows/proposal.yml) runs `catalogus validate` on the result and reports its problems
back on the issue. A `ValueError` here means the text is not a usable form at all (a heading
missing, a required answer empty, a source line that cannot be read); its message is Dutch and
meant for the person who filled in the form.

GitHub's issue forms cannot read files, so the form's dropdown options are copies of the
vocabularies. `form_options` says what they must be, `update_form_options` rewrites them and the
tests fail when the committed form has drifted from vocabularies/.

Longer than about 300 lines because the issue form's format and its parser stay together:
reading each answer, mapping labels back to vocabulary slugs and writing the record.
"""

import re
import unicodedata
from pathlib import Path

import yaml

from . import paths
from .vocabularies import Vocabularies, load_vocabularies

ISSUE_FORM = paths.ROOT / ".github" / "ISSUE_TEMPLATE" / "interventie-voorstellen.yml"
MODELINE = "# yaml-language-server: $schema=../schema/interventie.schema.json\n"

# The form's fields: the id of each element in the issue form and its label, which is the heading
# GitHub writes into the issue. Changing a label here means changing it in the form too. The title
# is `name`: GitHub reads a `title` in a prefilled issue address as the issue's own title.
FORM_LABELS = {
    "name": "Titel",
    "summary": "Samenvatting",
    "description": "Beschrijving",
    "phenomena": "Fenomenen",
    "regions": "Regio's",
    "country": "Land",
    "kinds": "Soort interventie",
    "status": "Status",
    "evidence_level": "Niveau van onderbouwing",
    "evidence_explanation": "Toelichting op de onderbouwing",
    "outcome": "Uitkomst",
    "outcome_explanation": "Toelichting op de uitkomst",
    "lead_organisation": "Trekker",
    "sources": "Bronnen",
    "confirmation": "Bevestiging",
}
OPTIONAL_FIELDS = {"lead_organisation"}

# Which vocabulary fills which dropdown of the form.
FORM_VOCABULARIES = {
    "phenomena": "phenomena",
    "regions": "regions",
    "kinds": "kinds",
    "status": "statuses",
    "evidence_level": "evidence_levels",
    "outcome": "outcomes",
    "country": "countries",
}
# The extra choice in the regions dropdown for an approach abroad, which has no RIEC region.
FOREIGN = "buitenland"

NO_RESPONSE = "_No response_"
HEADING = re.compile(r"^###[ \t]+(?P<label>.+?)[ \t]*$")
CHECKED = re.compile(r"^\s*[-*]\s*\[[xX]\]\s+\S")
DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
URL_START = re.compile(r"^(https?://|www\.)", re.IGNORECASE)
WEB_ADDRESS = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
# What someone may write for a source without a date.
NO_YEAR = {"z.j.", "zj", "z.j", "onbekend", "-", "geen"}
MAX_ID_LENGTH = 60
# Letters NFKD does not split into an ASCII letter and an accent.
ASCII_FOR = str.maketrans(
    {"ß": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l"}
)


# Reading the issue


def parse_issue_form(
    body: str, labels: tuple[str, ...] = tuple(FORM_LABELS.values())
) -> dict[str, str]:
    """The answers in a submitted issue form, by label; an empty answer is "".

    Only headings that are labels of the form start a new answer, so a `### kopje` someone typed
    inside the description stays part of the description.
    """
    text = body.replace("\r\n", "\n").replace("\r", "\n")
    answers: dict[str, list[str]] = {}
    current = None
    for line in text.split("\n"):
        heading = HEADING.match(line)
        if heading and heading["label"] in labels:
            current = heading["label"]
            if current in answers:
                raise ValueError(
                    f"Het kopje '### {current}' staat twee keer in het formulier. Gebruik dat "
                    "kopje niet in uw eigen tekst."
                )
            answers[current] = []
        elif current is not None:
            answers[current].append(line)
    if not answers:
        raise ValueError(
            "Dit is geen ingevuld formulier 'Interventie voorstellen': de kopjes ('### Titel', "
            "'### Samenvatting', ...) ontbreken. Open een nieuw issue met dat formulier."
        )
    return {label: _answer(lines) for label, lines in answers.items()}


def _answer(lines: list[str]) -> str:
    answer = "\n".join(lines).strip()
    return "" if answer == NO_RESPONSE else answer


def record_id(title: str) -> str:
    """The id for a title: ASCII, lower case, words joined by hyphens, at most 60 characters."""
    ascii_text = (
        unicodedata.normalize("NFKD", title.translate(ASCII_FOR))
        .encode("ascii", "ignore")
        .decode("ascii")
    )
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    identifier = ""
    for word in words:
        longer = f"{identifier}-{word}" if identifier else word
        if len(longer) > MAX_ID_LENGTH:
            break
        identifier = longer
    if not identifier:
        identifier = "-".join(words)[:MAX_ID_LENGTH].strip("-")
    if not identifier:
        raise ValueError(
            "Uit de titel valt geen id te maken: gebruik een titel met letters of cijfers."
        )
    return identifier


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _text(text: str) -> str:
    # Tabs are refused in record files; a text pasted from a word processor often has them.
    return "\n".join(line.rstrip().replace("\t", "    ") for line in text.split("\n"))


def _choices(answer: str) -> list[str]:
    return [choice.strip() for choice in answer.split(",") if choice.strip()]


def _sources(answer: str, problems: list[str]) -> list[dict]:
    label = FORM_LABELS["sources"]
    sources = []
    for number, line in enumerate(answer.split("\n"), start=1):
        line = re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", line).strip()  # list markers
        if not line:
            continue
        if "|" not in line and (address := WEB_ADDRESS.search(line)):
            # "Titel https://... 2021": the address separates the title from the year.
            before, after = line[: address.start()], line[address.end() :]
            line = " | ".join((before.strip(" -–:,"), address[0], after.strip(" -–:,()")))
        parts = [part.strip() for part in line.split("|")]
        urls = [index for index, part in enumerate(parts) if URL_START.match(part)]
        if not urls:
            problems.append(
                f"{label}, regel {number}: geen webadres gevonden. Schrijf elke bron op een eigen "
                "regel: de titel, het webadres (https://...) en het jaar als de bron het noemt."
            )
            continue
        at = urls[-1]
        title, url, rest = " | ".join(parts[:at]).strip(), parts[at], parts[at + 1 :]
        if not title:
            problems.append(
                f"{label}, regel {number}: de titel ontbreekt. Schrijf eerst de titel, dan het "
                "webadres en het jaar."
            )
            continue
        if url.lower().startswith("www."):
            url = f"https://{url}"
        source: dict = {"title": _one_line(title), "url": url}
        year = " ".join(part for part in rest if part)
        if year.lower() in NO_YEAR:
            year = ""
        if year:
            if not re.fullmatch(r"[0-9]{4}", year):
                problems.append(
                    f"{label}, regel {number}: '{year}' is geen jaartal. Schrijf het jaar in vier "
                    "cijfers, of laat het weg als de bron geen datum noemt."
                )
                continue
            source["year"] = int(year)
        sources.append(source)
    if not sources and not problems:
        problems.append(
            f"{label}: geef minstens één openbare bron, met titel en webadres (https://...)."
        )
    return sources


def record_from_issue(body: str, today: str) -> tuple[str, str]:
    """The id and YAML text of the record proposed in a submitted issue form.

    `today` (JJJJ-MM-DD) becomes `last_reviewed`; the record is public. Raises `ValueError` with
    every problem, in Dutch, when the text is not a complete form.
    """
    if not DATE.match(today):
        raise ValueError(f"'{today}' is geen datum in de vorm JJJJ-MM-DD.")
    answers = parse_issue_form(body)
    missing = [label for label in FORM_LABELS.values() if label not in answers]
    if missing:
        raise ValueError(
            "In het formulier ontbreken deze onderdelen: "
            + ", ".join(missing)
            + ". Laat de kopjes ('### ...') van het formulier staan."
        )
    field = {key: answers[label] for key, label in FORM_LABELS.items()}
    problems = [
        f"{FORM_LABELS[key]}: deze vraag is verplicht, maar niet beantwoord."
        for key, answer in field.items()
        if not answer and key not in OPTIONAL_FIELDS and key != "confirmation"
    ]
    if not any(CHECKED.match(line) for line in field["confirmation"].split("\n")):
        problems.append(
            f"{FORM_LABELS['confirmation']}: vink aan dat de interventie echt bestaat en dat alle "
            "informatie openbaar is."
        )
    sources = _sources(field["sources"], problems) if field["sources"] else []
    if problems:
        raise ValueError("\n".join(problems))

    record: dict = {
        "title": _one_line(field["name"]),
        "summary": _one_line(field["summary"]),
        "description": _text(field["description"]),
        "phenomena": _choices(field["phenomena"]),
    }
    regions = [region for region in _choices(field["regions"]) if region != FOREIGN]
    if regions:
        record["regions"] = regions
    record["country"] = country_code(field["country"])
    record["access"] = "public"
    record["kinds"] = _choices(field["kinds"])
    if field["lead_organisation"]:
        record["lead_organisation"] = _one_line(field["lead_organisation"])
    record["status"] = _one_line(field["status"])
    record["evidence"] = {
        "level": _one_line(field["evidence_level"]),
        "explanation": _text(field["evidence_explanation"]),
    }
    record["outcome"] = {
        "result": _one_line(field["outcome"]),
        "explanation": _text(field["outcome_explanation"]),
    }
    record["sources"] = sources
    record["last_reviewed"] = today
    text = yaml.safe_dump(record, allow_unicode=True, sort_keys=False)
    return record_id(record["title"]), MODELINE + text


def write_record_from_issue(body_file: Path, output_dir: Path, today: str) -> Path:
    """Write the record proposed in the issue text in `body_file` to `output_dir/<id>.yml`.

    For `catalogus from-issue`. Raises `ValueError` (in Dutch) when the form is unusable or a
    record with that id already exists; it never overwrites a file.
    """
    try:
        body = body_file.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ValueError("De tekst van het issue is geen geldige UTF-8.") from None
    identifier, text = record_from_issue(body, today)
    path = output_dir / f"{identifier}.yml"
    if path.exists():
        raise ValueError(
            f"Er bestaat al een interventie met de id '{identifier}' ({path}). Kies een andere "
            "titel, of open een gewoon issue om die interventie aan te vullen."
        )
    path.write_text(text, encoding="utf-8")
    return path


# Keeping the form's dropdowns in step with the vocabularies


def country_option(code: str, label: str) -> str:
    return f"{code} ({label})"


def country_code(answer: str) -> str:
    """The ISO code in an answer such as 'BE (België)', or in a bare code such as 'be'."""
    return _one_line(answer).split(" ")[0].upper()


def form_options(vocabularies: Vocabularies) -> dict[str, list[str]]:
    """What each dropdown of the issue form must offer: the slugs of its vocabulary, in order;
    countries by name, the Netherlands first, so nobody needs to know an ISO code."""
    options = {
        form_id: list(vocabularies[vocabulary]) for form_id, vocabulary in FORM_VOCABULARIES.items()
    }
    options["regions"].append(FOREIGN)
    countries = sorted(vocabularies["countries"].values(), key=lambda term: term.label)
    options["country"] = [country_option("NL", vocabularies["countries"]["NL"].label)] + [
        country_option(term.slug, term.label) for term in countries if term.slug != "NL"
    ]
    return options


def _option_line(indent: str, slug: str) -> str:
    plain = yaml.safe_load(slug) == slug
    return f"{indent}- {slug if plain else yaml.safe_dump(slug).splitlines()[0]}"


def update_form_options(text: str, vocabularies: Vocabularies) -> str:
    """The issue form's text with the options of its vocabulary dropdowns rewritten.

    Works on lines, so comments and help texts stay as written. Each dropdown must give its
    `id:` before its `options:`, and write the options as a block list.
    """
    wanted = form_options(vocabularies)
    lines = text.split("\n")
    result: list[str] = []
    current_id = None
    index = 0
    while index < len(lines):
        line = lines[index]
        result.append(line)
        index += 1
        if re.match(r"^\s*-\s+type:", line):
            current_id = None
        elif match := re.match(r"^\s*id:\s*(\S+)\s*$", line):
            current_id = match[1]
        elif (match := re.match(r"^(\s*)options:\s*$", line)) and current_id in wanted:
            indent = match[1]
            item = re.compile(rf"^{indent}\s*- ")
            while index < len(lines) and item.match(lines[index]):
                index += 1
            result.extend(_option_line(indent + "  ", slug) for slug in wanted[current_id])
            current_id = None
    return "\n".join(result)


def update_issue_form(
    path: Path = ISSUE_FORM, vocabularies_dir: Path = paths.VOCABULARIES, check: bool = False
) -> bool:
    """Bring the form's dropdowns in step with the vocabularies; True if they were behind.

    With `check`, only report: the file is left as it is.
    """
    text = path.read_text(encoding="utf-8")
    wanted = update_form_options(text, load_vocabularies(vocabularies_dir))
    if wanted == text:
        return False
    if not check:
        path.write_text(wanted, encoding="utf-8")
    return True


if (
    __name__ == "__main__"
):  # python -m catalogus.proposal: update the form after editing vocabularies
    print(f"{ISSUE_FORM}: bijgewerkt" if update_issue_form() else f"{ISSUE_FORM}: al bij")
