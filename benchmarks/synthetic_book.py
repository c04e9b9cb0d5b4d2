"""A seeded synthetic book of realistic customer and vessel names (no real customers).

Names are combined from common given and family names of several regions,
company stems with legal forms, and ship names, so the mix of tokens looks
like a bank's or shipping firm's book. A few records (``plant``) copy listed
names so alerts are raised.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Iterator, Sequence
from pathlib import Path

GIVEN = [
    "James",
    "Mary",
    "John",
    "Patricia",
    "Robert",
    "Jennifer",
    "Michael",
    "Linda",
    "David",
    "Elizabeth",
    "William",
    "Barbara",
    "Richard",
    "Susan",
    "Joseph",
    "Jessica",
    "Thomas",
    "Sarah",
    "Charles",
    "Karen",
    "Daniel",
    "Lisa",
    "Matthew",
    "Nancy",
    "Anthony",
    "Wei",
    "Fang",
    "Jing",
    "Lei",
    "Min",
    "Jun",
    "Yan",
    "Hui",
    "Xin",
    "Tao",
    "Hiroshi",
    "Yuki",
    "Kenji",
    "Akiko",
    "Takashi",
    "Naoko",
    "Ji-hoon",
    "Seo-yeon",
    "Min-jun",
    "Ha-eun",
    "Do-yun",
    "Su-bin",
    "Sung-min",
    "Young-ho",
    "Kyung-soo",
    "Hye-jin",
    "Ivan",
    "Olga",
    "Sergei",
    "Natalia",
    "Dmitri",
    "Elena",
    "Alexei",
    "Tatiana",
    "Mikhail",
    "Irina",
    "Mohammed",
    "Fatima",
    "Ahmed",
    "Aisha",
    "Omar",
    "Layla",
    "Hassan",
    "Noor",
    "Ali",
    "Zainab",
    "Yusuf",
    "Mariam",
    "Juan",
    "Maria",
    "Carlos",
    "Ana",
    "Luis",
    "Carmen",
    "Jose",
    "Lucia",
    "Miguel",
    "Sofia",
    "Pedro",
    "Elena",
    "Hans",
    "Anna",
    "Klaus",
    "Petra",
    "Jan",
    "Eva",
    "Lars",
    "Ingrid",
    "Pierre",
    "Claire",
    "Marco",
    "Giulia",
]
FAMILY = [
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Garcia",
    "Miller",
    "Davis",
    "Rodriguez",
    "Martinez",
    "Hernandez",
    "Lopez",
    "Wilson",
    "Anderson",
    "Taylor",
    "Thomas",
    "Moore",
    "Jackson",
    "Martin",
    "Lee",
    "Thompson",
    "White",
    "Harris",
    "Clark",
    "Wang",
    "Li",
    "Zhang",
    "Liu",
    "Chen",
    "Yang",
    "Huang",
    "Zhao",
    "Wu",
    "Zhou",
    "Sato",
    "Suzuki",
    "Takahashi",
    "Tanaka",
    "Watanabe",
    "Kim",
    "Park",
    "Choi",
    "Jung",
    "Kang",
    "Cho",
    "Yoon",
    "Jang",
    "Lim",
    "Han",
    "Shin",
    "Seo",
    "Kwon",
    "Hwang",
    "Ahn",
    "Song",
    "Ivanov",
    "Smirnov",
    "Kuznetsov",
    "Popov",
    "Vasiliev",
    "Petrov",
    "Sokolov",
    "Mikhailov",
    "Novikov",
    "Fedorov",
    "Hassan",
    "Hussein",
    "Abdullah",
    "Rahman",
    "Khalil",
    "Haddad",
    "Mansour",
    "Saleh",
    "Nasser",
    "Aziz",
    "Muller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Meyer",
    "Rossi",
    "Russo",
    "Ferrari",
    "Dubois",
    "Laurent",
    "Moreau",
]
STEMS = [
    "Global",
    "Pacific",
    "Atlantic",
    "Northern",
    "Eastern",
    "Golden",
    "Silver",
    "Blue",
    "Ocean",
    "Harbor",
    "Summit",
    "Pioneer",
    "United",
    "Allied",
    "Premier",
    "Royal",
    "Star",
    "Sun",
    "Green",
    "Red",
    "Bright",
    "Dragon",
    "Phoenix",
    "Lotus",
    "Crystal",
    "Iron",
    "Trading",
    "Shipping",
    "Logistics",
    "Holdings",
    "Industries",
    "Energy",
    "Petroleum",
    "Metals",
    "Textiles",
    "Foods",
    "Electronics",
    "Capital",
    "Investment",
    "Marine",
    "Maritime",
    "Resources",
    "Mining",
    "Chemicals",
    "Agro",
    "Tech",
]
FORMS = ("Ltd", "LLC", "Co., Ltd.", "Corporation", "GmbH", "S.A.", "JSC", "PLC", "Inc.", "Pte Ltd")
SHIP_WORDS = [
    "Ocean",
    "Star",
    "Sea",
    "Wind",
    "Pacific",
    "Glory",
    "Fortune",
    "Harmony",
    "Grace",
    "Spirit",
    "Pride",
    "Victory",
    "Dawn",
    "Pearl",
    "Horizon",
    "Voyager",
    "Explorer",
    "Navigator",
    "Trader",
    "Carrier",
    "Express",
    "Queen",
    "King",
    "Princess",
    "Lucky",
    "Happy",
]
COUNTRIES = ("us", "gb", "de", "fr", "cn", "jp", "kr", "ru", "ae", "sg", "hk", "pa", "lr", "mh")


def _imo(rng: random.Random) -> str:
    digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(5)]
    check = sum(d * w for d, w in zip(digits, range(7, 1, -1), strict=True)) % 10
    return "".join(map(str, digits)) + str(check)


def records(count: int, seed: int = 7, plant: Sequence[str] = ()) -> Iterator[dict[str, str]]:
    """``count`` records; one in every 5,000 is a planted copy of a name from ``plant``."""
    rng = random.Random(seed)
    for n in range(count):
        ident = f"r{n:07d}"
        if plant and n % 5_000 == 2_500:
            yield {"id": ident, "name": plant[(n // 5_000) % len(plant)]}
            continue
        kind = rng.random()
        if kind < 0.7:
            name = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"
            row = {"id": ident, "name": name, "schema": "Person"}
            if rng.random() < 0.6:
                row["birth_date"] = (
                    f"{rng.randint(1940, 2004)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                )
            if rng.random() < 0.5:
                row["nationality"] = rng.choice(COUNTRIES)
        elif kind < 0.95:
            name = f"{rng.choice(STEMS)} {rng.choice(STEMS)} {rng.choice(FORMS)}"
            row = {"id": ident, "name": name, "schema": "Company", "country": rng.choice(COUNTRIES)}
        else:
            name = f"{rng.choice(SHIP_WORDS)} {rng.choice(SHIP_WORDS)} {rng.randint(1, 30)}"
            row = {"id": ident, "name": name, "schema": "Vessel", "imo": _imo(rng)}
        yield row


def write_csv(path: Path, count: int, seed: int = 7, plant: Sequence[str] = ()) -> Path:
    fields = ["id", "name", "schema", "birth_date", "nationality", "country", "imo"]
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields)
        writer.writeheader()
        for row in records(count, seed, plant):
            writer.writerow(row)
    return path
