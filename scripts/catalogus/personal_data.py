"""Recognising personal data in text: citizen service numbers, phone numbers, e-mail addresses,
IBANs and Dutch licence plates. Patterns are deliberately specific (an 11-check for BSNs, mod 97
for IBANs, the official side codes for plates) so ordinary figures do not trip them.
"""

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import paths

# Patterns start with a plain character class so the regex engine can skip ahead quickly; the
# boundaries are checked afterwards, in `_standalone`.
CITIZEN_SERVICE_NUMBER = re.compile(r"\d{4}(?:\.\d{2}\.\d{3}|\d{5})")
PHONE_NUMBER = re.compile(
    r"(?<![\w+])(?:\+31|0031|0)[\s-]?(?:\(0\)[\s-]?)?[1-9](?:[\s-]?\d){8}(?!\d)"
)
EMAIL_ADDRESS = re.compile(r"[\w.+-]++@[\w-]+(?:\.[\w-]+)+")
IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b")
# The side codes of Dutch licence plates (1 to 14), always written with hyphens.
PLATE_SHAPE = re.compile(r"[A-Z\d]{1,3}-[A-Z\d]{2,3}-[A-Z\d]{1,3}")
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


def load_allowlist(path: Path = paths.ROOT / "data" / "official-contacts.yml") -> Allowlist:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return Allowlist(
        frozenset(address.lower() for address in data.get("email_addresses") or ()),
        frozenset(mailbox.lower() for mailbox in data.get("role_mailboxes") or ()),
        frozenset(_digits(number) for number in data.get("phone_numbers") or ()),
    )


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _standalone(text: str, match: re.Match, joiners: str = ".") -> bool:
    """Whether a match is a whole token, not part of a longer number or code."""
    before = text[match.start() - 1] if match.start() else " "
    after = text[match.end()] if match.end() < len(text) else " "
    return not (before.isalnum() or before in joiners or after.isalnum() or after in joiners)


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


def find(text: str, allowlist: Allowlist) -> list[str]:
    """Descriptions (in Dutch) of the personal data found in `text`."""
    found = []
    ibans = [match for match in IBAN.finditer(text) if passes_iban_check(match.group())]
    found.extend(f"een IBAN ({match.group()})" for match in ibans)
    for match in reversed(ibans):  # so the digits of an IBAN are not read as a phone number
        text = text[: match.start()] + " " + text[match.end() :]
    for match in CITIZEN_SERVICE_NUMBER.finditer(text):
        if _standalone(text, match) and passes_eleven_check(match.group()):
            found.append(f"een burgerservicenummer ({match.group()})")
    for match in PHONE_NUMBER.finditer(text):
        if _digits(match.group()) not in allowlist.phone_numbers:
            found.append(f"een telefoonnummer ({match.group()})")
    for match in EMAIL_ADDRESS.finditer(text) if "@" in text else ():
        address = match.group().lower()
        mailbox = address.split("@")[0]
        if address not in allowlist.email_addresses and mailbox not in allowlist.role_mailboxes:
            found.append(f"een persoonlijk e-mailadres ({match.group()})")
    for shape in PLATE_SHAPE.finditer(text):
        if LICENCE_PLATE.fullmatch(shape.group()) and _standalone(text, shape, "-"):
            found.append(f"een kenteken ({shape.group()})")
    return found
