"""A seeded synthetic book of realistic customer and vessel names (no real customers).

70% persons, 25% companies, 5% vessels; 60% of persons have a birth date and 50% a
nationality (mostly one of their name's region). Persons come from eight naming traditions
(Anglo, Western European, Hispanic, Chinese, Japanese, Korean, Russian/Ukrainian, Arabic)
drawn from Faker's locale data with our seeded ``random.Random`` (see ``synthbook``). One
record in every 5,000 copies a name from ``plant`` so alerts are raised.

Diversity of 1,000,000 records, measured 2026-11-28 with
``PYTHONPATH=src python benchmarks/synthetic_book.py --records 1000000`` (seed 7, Faker
40.63.0), against the earlier generator (~100 given x ~100 family names, 46 company stems,
26 ship words; main at 8090e4c) measured the same way:

| 1,000,000 records | earlier: distinct | now: distinct | now: name no other has |
|---|---:|---:|---:|
| all | 48,060 (4.8%) | 839,215 (83.9%) | 75.9% of records |
| persons (~700k) | 8,352 (1.2%) | 581,255 (83.1%) | 75.1% |
| companies (~250k) | 21,160 (8.5%) | 223,198 (89.1%) | 82.6% |
| vessels (~50k) | 18,548 (37.5%) | 34,913 (69.8%) | 54.9% |

Ignoring case, accents, hyphens and word order, 552,051 person names (78.9%) are distinct.
The earlier book had no head and no tail (its 8,352 person names occur 84 times each on
average; the top one, Elena Fedorov, 193 times). This one has a Zipf-like head: the
commonest spellings repeat ~30 times (Li Yang 35, Wang Jianjun 35, Kim Ye-eun 31, Michael
Smith 26) and the commonest Korean names ~80-90 times over their spellings and orders
(Kim Sang-ho, Sangho Kim, ...: 91). Distinct person names per region (700,000 persons drawn
with seed 7): Hispanic 99%, Western European 98%, Anglo 91%, Arabic 82%, Russian/Ukrainian
82%, Chinese 66%, Korean 60%, Japanese 58%.

Why these targets: a full name's expected count is about N x its region's share x its given
name's share x its family name's share. Surnames have long tails (Faker's 1,000 commonest US
surnames cover ~40% of residents; the census puts Smith at 0.83%), so in 1,000,000 records
most Anglo, European and Hispanic names occur once, while concentrated traditions repeat
(Kim ~20% of Koreans; Wang, Li, Zhang ~7% each of Chinese). A head of hundreds per spelling
needs a book dominated by one country; this one keeps the earlier book's mix of regions,
and lands at the top of the 60-85% of distinct person names we aimed for.

Generating 1,000,000 records takes 6-8 s on the shared 2-core machine, plus ~0.4 s to build
the vocabulary (the earlier generator: 3.6 s); writing them as CSV ~10 s; peak RSS of the
describing run 340 MiB.
"""

from __future__ import annotations

import argparse
import csv
import random
import time
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

# Benchmarks import each other as top-level modules (the script's directory is on sys.path).
from synthbook import ANY_COUNTRY, REGION_COUNTRIES, vocabulary

FIELDS = ["id", "name", "schema", "birth_date", "nationality", "country", "imo"]


def _imo(rng: random.Random) -> str:
    digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(5)]
    check = sum(d * w for d, w in zip(digits, range(7, 1, -1), strict=True)) % 10
    return "".join(map(str, digits)) + str(check)


def records(count: int, seed: int = 7, plant: Sequence[str] = ()) -> Iterator[dict[str, str]]:
    """``count`` records; one in every 5,000 is a planted copy of a name from ``plant``."""
    rng = random.Random(seed)
    vocab = vocabulary()
    for n in range(count):
        ident = f"r{n:07d}"
        if plant and n % 5_000 == 2_500:
            yield {"id": ident, "name": plant[(n // 5_000) % len(plant)]}
            continue
        kind = rng.random()
        if kind < 0.7:
            name, region = vocab.people.draw(rng)
            row = {"id": ident, "name": name, "schema": "Person"}
            if rng.random() < 0.6:
                row["birth_date"] = (
                    f"{rng.randint(1940, 2004)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                )
            if rng.random() < 0.5:
                # Mostly a country of the name's region; people also hold other passports.
                countries = REGION_COUNTRIES[region] if rng.random() < 0.75 else ANY_COUNTRY
                row["nationality"] = rng.choice(countries)
        elif kind < 0.95:
            name, country = vocab.companies.draw(rng)
            row = {"id": ident, "name": name, "schema": "Company", "country": country}
        else:
            name = vocab.vessels.draw(rng)
            row = {"id": ident, "name": name, "schema": "Vessel", "imo": _imo(rng)}
        yield row


def write_csv(path: Path, count: int, seed: int = 7, plant: Sequence[str] = ()) -> Path:
    """Write ``records(count, seed, plant)`` to ``path`` as CSV; returns ``path``."""
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=FIELDS)
        writer.writeheader()
        for row in records(count, seed, plant):
            writer.writerow(row)
    return path


def name_key(name: str) -> str:
    """A name with case, accents, hyphens and word order ignored (Kim Min-jun = Minjun KIM)."""
    plain = unicodedata.normalize("NFKD", name.casefold().replace("-", ""))
    return " ".join(sorted("".join(c for c in plain if not unicodedata.combining(c)).split()))


def describe(rows: Iterable[dict[str, str]], top: int = 8) -> None:
    """Print distinct names overall and per schema, the share of one-off names and the head."""
    by_schema: dict[str, Counter[str]] = {}
    for row in rows:
        by_schema.setdefault(row.get("schema", "planted"), Counter())[row["name"]] += 1
    overall: Counter[str] = Counter()
    for counts in by_schema.values():
        overall.update(counts)
    for label, counts in [("all", overall), *sorted(by_schema.items())]:
        total = sum(counts.values())
        once = sum(1 for c in counts.values() if c == 1)
        keys = len({name_key(name) for name in counts})
        print(
            f"{label:<8} {total:>9,} records {len(counts):>9,} distinct names "
            f"({len(counts) / total:.1%}); {keys:,} ({keys / total:.1%}) ignoring case, accents, "
            f"hyphens and word order; {once / total:.1%} of records have a name no other has"
        )
    for schema, counts in sorted(by_schema.items()):
        head = ", ".join(f"{name} ({c})" for name, c in counts.most_common(top))
        print(f"commonest {schema} names: {head}")
        if schema == "Person":  # one person's name in several spellings and orders
            by_key: Counter[str] = Counter()
            for name, c in counts.items():
                by_key[name_key(name)] += c
            head = ", ".join(f"{key} ({c})" for key, c in by_key.most_common(top))
            print(f"  ignoring case, accents, hyphens and word order: {head}")


def main() -> None:
    parser = argparse.ArgumentParser(description="Generate the synthetic book and describe it.")
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--csv", type=Path, help="also write the book to this CSV file")
    args = parser.parse_args()
    started = time.perf_counter()
    vocabulary()
    print(f"vocabulary built in {time.perf_counter() - started:.2f} s")
    started = time.perf_counter()
    for _ in records(args.records, args.seed):
        pass
    print(f"{args.records:,} records generated in {time.perf_counter() - started:.2f} s")
    if args.csv:
        started = time.perf_counter()
        write_csv(args.csv, args.records, args.seed)
        print(f"written to {args.csv} in {time.perf_counter() - started:.2f} s")
    describe(records(args.records, args.seed))


if __name__ == "__main__":
    main()
