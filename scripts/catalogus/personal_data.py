"""Recognising personal data in text: citizen service numbers, phone numbers, e-mail addresses,
IBANs and Dutch licence plates. Patterns are deliberately specific (an 11-check for BSNs, mod 97
for IBANs, the official side codes for plates) so ordinary figures do not trip them.
"""

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

# Where a catalogue keeps the official contact details its public records may show.
OFFICIAL_CONTACTS = Path("data") / "official-contacts.yml"

# Each pattern starts with one character class or one of a few literal characters, which lets the
# regex engine skip ahead to where a match can start; a repeat (`\d{4}`), `\b` or a lookbehind
# first makes it try every position. So a lookbehind for "nothing of a word before" comes after
# the first character, and looks back over it: `(?<!\w.)`. The boundaries after a match are
# checked afterwards, in `_standalone`.
CITIZEN_SERVICE_NUMBER = re.compile(r"\d\d{3}(?:\.\d{2}\.\d{3}|\d{5})")
# An area code may stand between brackets: "(020) 123 4567".
PHONE_NUMBER = re.compile(
    r"(?:\+(?<![\w+].)31|0(?<![\w+].)(?:031)?|\((?<![\w+].)0(?=\d{1,3}\)))"
    r"[\s-]?(?:\(0\)[\s-]?)?[1-9](?:\)?[\s-]?\d){8}(?!\d)"
)
EMAIL_ADDRESS = re.compile(r"[\w.+-]++@[\w-]+(?:\.[\w-]+)+")
IBAN = re.compile(r"[A-Z](?<!\w.)[A-Z]\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b")
# The side codes of Dutch licence plates (1 to 14), always written with hyphens.
PLATE_SHAPE = re.compile(r"[A-Z\d][A-Z\d]{0,2}-[A-Z\d]{2,3}-[A-Z\d]{1,3}")
# Every side code has a group of letters, so a plate has a letter beside one of its hyphens. This
# starts at a hyphen, which the engine finds fast; most records have none of it, and skip the
# search for shapes.
PLATE_WITH_A_LETTER = re.compile(
    r"-(?:(?<=[A-Z]-)[A-Z\d]{2,3}-[A-Z\d]|(?<=[A-Z\d]-)"
    r"(?:[A-Z][A-Z\d]{1,2}|[A-Z\d]{1,2}[A-Z])-[A-Z\d]|(?<=[A-Z\d]-)[A-Z\d]{2,3}-[A-Z])"
)
# A scan with any of the three patterns above costs the engine about 6.5 ns per character, and
# most text holds none of them. So `find` first writes the text as one byte per character, in the
# classes the patterns need (`_classes`), and searches that for each pattern's anchor: literal
# bytes, found at a fraction of the cost. The pattern itself is tried only near an anchor.
# Wherever a pattern matches, its anchor matches the classes at most its reach further on.
IBAN_ANCHOR = re.compile(rb"AA00")  # [A-Z][A-Z]\d\d
CITIZEN_SERVICE_NUMBER_ANCHOR = re.compile(rb"0000(?:00000|\.00\.000)")
# `[1-9](?:\)?[\s-]?\d){8}`, whose first digit stands at most 9 characters after the start of
# the match: "0031", a separator, "(0)" and a separator.
PHONE_NUMBER_ANCHOR = re.compile(rb"0(?:\)?[ 0-]?0){8}")
PHONE_NUMBER_REACH = 9
# Lead bytes of the UTF-8 characters beyond ASCII that `\d` or `\s` match: the first byte of a
# character decides its class, and the bytes that continue it are dropped, so the classes have
# one byte per character. A lead byte that can start a digit counts as a digit ("0"), also where
# it can start whitespace (\xe1) or neither; so the phone anchor takes "0" as a separator too.
# tests/test_personal_data.py checks every code point.
NON_ASCII_DIGIT_LEADS = b"\xd9\xdb\xdf\xe0\xe1\xea\xef\xf0\xf1\xf2\xf3\xf4"
NON_ASCII_SPACE_LEADS = b"\xc2\xe2\xe3"
CONTINUATION_BYTES = bytes(range(0x80, 0xC0))


def _class_of(byte: int) -> bytes:
    character = chr(byte)
    if character in "0123456789" or byte in NON_ASCII_DIGIT_LEADS:
        return b"0"
    if "A" <= character <= "Z":
        return b"A"
    if (byte < 0x80 and character.isspace()) or byte in NON_ASCII_SPACE_LEADS:
        return b" "
    if character in ".)-":
        return character.encode()
    return b"x"


CHARACTER_CLASSES = b"".join(_class_of(byte) for byte in range(256))


def _classes(text: str) -> bytes:
    """`text` as one byte per character: "0" a digit, "A" a capital, " " whitespace, ".", ")" and
    "-" themselves, "x" anything else."""
    encoded = text.encode("utf-8", "surrogatepass")
    return encoded.translate(CHARACTER_CLASSES, CONTINUATION_BYTES)


def _matches(
    pattern: re.Pattern, anchor: re.Pattern, reach: int, text: str, classes: bytes
) -> Iterator[re.Match]:
    """What `pattern.finditer(text)` finds, trying the pattern only near `anchor` in `classes`.

    A match starts at most `reach` characters before where its anchor matches, so none starts
    before the first anchor, less the reach.
    """
    position = 0
    while anchored := anchor.search(classes, position):
        for start in range(max(position, anchored.start() - reach), anchored.start() + 1):
            if match := pattern.match(text, start):
                yield match
                position = match.end()
                break
        else:
            position = anchored.start() + 1


LICENCE_PLATE = re.compile(
    r"\b(?:[A-Z]{2}-\d{2}-\d{2}|\d{2}-\d{2}-[A-Z]{2}|\d{2}-[A-Z]{2}-\d{2}|[A-Z]{2}-\d{2}-[A-Z]{2}"
    r"|[A-Z]{2}-[A-Z]{2}-\d{2}|\d{2}-[A-Z]{2}-[A-Z]{2}|\d{2}-[A-Z]{3}-\d|\d-[A-Z]{3}-\d{2}"
    r"|[A-Z]{2}-\d{3}-[A-Z]|[A-Z]-\d{3}-[A-Z]{2}|[A-Z]{3}-\d{2}-[A-Z]|[A-Z]-\d{2}-[A-Z]{3}"
    r"|\d-[A-Z]{2}-\d{3}|\d{3}-[A-Z]{2}-\d)\b"
)


@dataclass(frozen=True)
class Allowlist:
    email_addresses: frozenset[str] = frozenset()
    role_mailboxes: frozenset[str] = frozenset()
    phone_numbers: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Found:
    """One piece of personal data: a stable code, and a Dutch description for the editor."""

    code: str
    description: str


def load_allowlist(root: Path) -> Allowlist:
    """The official contacts of the catalogue at `root`; none when it lists none."""
    path = root / OFFICIAL_CONTACTS
    if not path.is_file():
        return Allowlist()
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return Allowlist(
        frozenset(address.lower() for address in data.get("email_addresses") or ()),
        frozenset(mailbox.lower() for mailbox in data.get("role_mailboxes") or ()),
        frozenset(_digits(number) for number in data.get("phone_numbers") or ()),
    )


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _character(text: str, index: int) -> str:
    """The character at `index`, or nothing before the start and past the end."""
    return text[index] if 0 <= index < len(text) else ""


def _standalone(text: str, match: re.Match, joiner: str, continues: Callable[[str], bool]) -> bool:
    """Whether a match is a whole token, not part of a longer number or code.

    A letter or digit beside it joins it to more, and so does a `joiner` with a character that
    `continues` the token beyond it ("1.123456782", "AB-12-CD-34"); a joiner with nothing
    beyond it is punctuation, such as the full stop that ends a sentence.
    """
    for beside, beyond in ((match.start() - 1, match.start() - 2), (match.end(), match.end() + 1)):
        character = _character(text, beside)
        if character.isalnum() or (character == joiner and continues(_character(text, beyond))):
            return False
    return True


def passes_eleven_check(number: str) -> bool:
    digits = [int(digit) for digit in _digits(number)]
    if len(digits) != 9 or (digits[0] == 0 and digits[1] == 0):
        return False
    total = sum(weight * digit for weight, digit in zip(range(9, 1, -1), digits[:8], strict=True))
    return (total - digits[8]) % 11 == 0


def passes_iban_check(text: str) -> bool:
    compact = text.replace(" ", "")
    rearranged = compact[4:] + compact[:4]
    number = "".join(str(int(character, 36)) for character in rearranged)
    return len(compact) >= 15 and int(number) % 97 == 1


def _email_addresses(text: str) -> Iterator[re.Match]:
    """EMAIL_ADDRESS's matches in `text`, found within the words that hold an @ only.

    An address holds no whitespace, so no match crosses a word's edge; scanning the whole text
    for one costs more than the rest of the personal-data check together.
    """
    if "@" not in text:
        return
    for word in text.split():
        if "@" in word:
            yield from EMAIL_ADDRESS.finditer(word)


def find(text: str, allowlist: Allowlist) -> list[Found]:
    """The personal data found in `text`."""
    found = []
    classes = _classes(text)
    ibans = [
        match
        for match in _matches(IBAN, IBAN_ANCHOR, 0, text, classes)
        if passes_iban_check(match.group())
    ]
    found.extend(Found("personal-data-iban", f"een IBAN ({match.group()})") for match in ibans)
    for match in reversed(ibans):  # so the digits of an IBAN are not read as a phone number
        text = text[: match.start()] + " " + text[match.end() :]
        classes = classes[: match.start()] + b" " + classes[match.end() :]
    bsn_anchor = CITIZEN_SERVICE_NUMBER_ANCHOR
    for match in _matches(CITIZEN_SERVICE_NUMBER, bsn_anchor, 0, text, classes):
        if _standalone(text, match, ".", str.isdigit) and passes_eleven_check(match.group()):
            found.append(Found("personal-data-bsn", f"een burgerservicenummer ({match.group()})"))
    phone_anchor = PHONE_NUMBER_ANCHOR
    for match in _matches(PHONE_NUMBER, phone_anchor, PHONE_NUMBER_REACH, text, classes):
        if _digits(match.group()) not in allowlist.phone_numbers:
            found.append(Found("personal-data-phone", f"een telefoonnummer ({match.group()})"))
    for match in _email_addresses(text):
        address = match.group().lower()
        mailbox = address.split("@")[0]
        if address not in allowlist.email_addresses and mailbox not in allowlist.role_mailboxes:
            found.append(
                Found("personal-data-email", f"een persoonlijk e-mailadres ({match.group()})")
            )
    if not PLATE_WITH_A_LETTER.search(text):
        return found
    for shape in PLATE_SHAPE.finditer(text):
        if LICENCE_PLATE.fullmatch(shape.group()) and _standalone(text, shape, "-", str.isalnum):
            found.append(Found("personal-data-licence-plate", f"een kenteken ({shape.group()})"))
    return found
