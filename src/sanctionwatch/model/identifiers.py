"""Vessel and aircraft identifiers: IMO numbers (with check digit) and MMSI."""

from __future__ import annotations

import re

_IMO_DIGITS = re.compile(r"(?<!\d)(\d{7})(?!\d)")
_IMO_IN_TEXT = re.compile(r"\bIMO\b[\s.:#-]*(?:number|no\.?)?[\s.:#-]*(\d{7})\b", re.IGNORECASE)


def imo_check_digit_ok(digits: str) -> bool:
    """True if seven digits carry a valid IMO check digit (weights 7..2 on the first six)."""
    if not re.fullmatch(r"\d{7}", digits):
        return False
    total = sum(int(d) * w for d, w in zip(digits[:6], range(7, 1, -1), strict=True))
    return total % 10 == int(digits[6])


def normalize_imo(value: str) -> str | None:
    """Return the seven IMO digits if ``value`` holds a valid IMO number, else None."""
    match = _IMO_DIGITS.search(value)
    if match is None:
        return None
    digits = match.group(1)
    return digits if imo_check_digit_ok(digits) else None


def imos_in_text(text: str) -> list[str]:
    """Valid IMO numbers written as "IMO 1234567" (or similar) in free text, in order."""
    found: list[str] = []
    for match in _IMO_IN_TEXT.finditer(text):
        digits = match.group(1)
        if imo_check_digit_ok(digits) and digits not in found:
            found.append(digits)
    return found


def normalize_mmsi(value: str) -> str | None:
    """Return the nine MMSI digits, or None if ``value`` is not an MMSI."""
    digits = re.sub(r"\D", "", value)
    return digits if len(digits) == 9 else None


def mmsi_mid(mmsi: str) -> str | None:
    """The Maritime Identification Digits (flag) of a ship station MMSI (first three digits)."""
    digits = normalize_mmsi(mmsi)
    if digits is None or digits[0] not in "234567":
        return None
    return digits[:3]
