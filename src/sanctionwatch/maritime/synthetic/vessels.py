"""Invented vessel identities: MMSI with a real MID, IMO with a valid check digit, names.

Nothing here names a real ship; names are drawn from word lists so that synthetic
events never collide with a listed vessel by accident.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from sanctionwatch.errors import ConfigError

# MID -> ISO 3166 alpha-2 of the flag (ITU Maritime Identification Digits, the ones we plant).
MID_FLAGS: dict[int, str] = {
    273: "RU",
    312: "BZ",
    352: "PA",
    353: "PA",
    412: "CN",
    413: "CN",
    431: "JP",
    440: "KR",
    441: "KR",
    445: "KP",
    457: "MN",
    477: "HK",
    511: "PW",
    538: "MH",
    574: "VN",
    616: "KM",
    636: "LR",
    667: "SL",
    671: "TG",
}
# MIDs no administration holds; an MMSI using one is an identity anomaly.
UNALLOCATED_MIDS = (789, 795)

TANKER = 80
CARGO = 70
FISHING = 30

_PREFIXES = (
    "OCEAN",
    "SEA",
    "GOLDEN",
    "EAST",
    "NEW",
    "GRAND",
    "PACIFIC",
    "BLUE",
    "SILVER",
    "NORTH",
    "HAI",
    "JIN",
    "XIN",
    "HONG",
    "RICH",
    "WIN",
    "KUM",
    "CHON",
    "RYONG",
    "SAE",
)
_SUFFIXES = (
    "PIONEER",
    "GLORY",
    "STAR",
    "WAY",
    "HARMONY",
    "FORTUNE",
    "BRIGHT",
    "VENUS",
    "DRAGON",
    "PHOENIX",
    "RAINBOW",
    "LIGHT",
    "WIND",
    "RIVER",
    "CREST",
    "UNITY",
    "HOPE",
    "SPIRIT",
)


def imo_check_digit(first_six: int) -> int:
    """The IMO check digit: digits weighted 7..2, last digit of the sum."""
    digits = [int(c) for c in f"{first_six:06d}"]
    return sum(d * w for d, w in zip(digits, range(7, 1, -1), strict=True)) % 10


def imo_is_valid(imo: int) -> bool:
    """True if a 7-digit IMO number carries the right check digit."""
    return 1_000_000 <= imo <= 9_999_999 and imo % 10 == imo_check_digit(imo // 10)


def mmsi_mid(mmsi: int) -> int:
    """The Maritime Identification Digits (first three of nine) of a ship MMSI."""
    return mmsi // 1_000_000


@dataclass(frozen=True)
class Identity:
    """What a ship says about itself in AIS type 5 (and MarineCadastre columns)."""

    mmsi: int
    imo: int | None
    name: str
    callsign: str
    ship_type: int
    to_bow: int
    to_stern: int
    to_port: int
    to_starboard: int
    draught: float
    destination: str

    @property
    def length(self) -> int:
        return self.to_bow + self.to_stern

    @property
    def width(self) -> int:
        return self.to_port + self.to_starboard

    @property
    def flag(self) -> str | None:
        """Flag implied by the MID, or None for an unallocated MID."""
        return MID_FLAGS.get(mmsi_mid(self.mmsi))

    def but(self, **changes: object) -> Identity:
        """A copy with some fields changed (a rename, a reflag, a new destination)."""
        return replace(self, **changes)  # type: ignore[arg-type]


class IdentityFactory:
    """Draws distinct, plausible identities from a seeded generator."""

    def __init__(self, rng: np.random.Generator) -> None:
        self._rng = rng
        self._mmsis: set[int] = set()
        self._imos: set[int] = set()
        self._names: set[str] = set()
        slots = [(60 + 3 * k, layer) for k in range(90) for layer in (0, 1, 2)]
        order = self._rng.permutation(len(slots))
        self._size_slots = [slots[int(i)] for i in order]

    def mmsi(self, mid: int) -> int:
        while True:
            mmsi = mid * 1_000_000 + int(self._rng.integers(100_000, 999_999))
            if mmsi not in self._mmsis:
                self._mmsis.add(mmsi)
                return mmsi

    def imo(self, *, valid: bool = True) -> int:
        while True:
            head = int(self._rng.integers(900_000, 999_999))
            check = imo_check_digit(head)
            if not valid:
                check = (check + 1 + int(self._rng.integers(0, 9))) % 10
            imo = head * 10 + check
            if imo not in self._imos:
                self._imos.add(imo)
                return imo

    def name(self) -> str:
        while True:
            prefix = _PREFIXES[int(self._rng.integers(len(_PREFIXES)))]
            suffix = _SUFFIXES[int(self._rng.integers(len(_SUFFIXES)))]
            number = int(self._rng.integers(0, 30))
            name = f"{prefix} {suffix}" + (f" {number}" if number > 1 else "")
            if name not in self._names:
                self._names.add(name)
                return name

    def callsign(self, mid: int) -> str:
        letters = "ABCDEFGHJKLMNPQRSTUVWXYZ"
        start = {"KP": "HM", "CN": "B", "PA": "3E", "KR": "D", "SL": "9L", "TG": "5V"}.get(
            MID_FLAGS.get(mid, ""), "V"
        )
        tail = "".join(letters[int(i)] for i in self._rng.integers(0, len(letters), 6 - len(start)))
        return start + tail

    def _free_dimensions(self, ship_type: int) -> tuple[int, int]:
        """Length and beam no other planted ship has within 2 m: a shared size means a swap.

        Sizes come from a shuffled grid (lengths 3 m apart, beams in layers 6 m
        apart), so they are distinct by construction rather than by retrying.
        """
        if not self._size_slots:
            raise ConfigError(
                "ran out of distinct ship sizes", hint="plant fewer ships in one data set"
            )
        length, layer = self._size_slots.pop()
        if ship_type not in (TANKER, CARGO):
            length = 20 + (length - 60) // 6  # fishing boats: 20-65 m
        width = max(5, round(length / 6.5)) + 6 * layer
        return length, width

    def vessel(
        self,
        mid: int,
        ship_type: int = TANKER,
        *,
        length: int | None = None,
        width: int | None = None,
        imo_valid: bool = True,
        destination: str = "",
    ) -> Identity:
        """A new ship flagged by ``mid`` with dimensions typical of its type."""
        if length is None or width is None:
            length, width = self._free_dimensions(ship_type)
        bow = round(length * 0.6)
        port = width // 2
        return Identity(
            mmsi=self.mmsi(mid),
            imo=self.imo(valid=imo_valid) if ship_type != FISHING else None,
            name=self.name(),
            callsign=self.callsign(mid),
            ship_type=ship_type,
            to_bow=bow,
            to_stern=length - bow,
            to_port=port,
            to_starboard=width - port,
            draught=round(float(self._rng.uniform(0.45, 0.8)) * length / 16.0, 1),
            destination=destination,
        )
