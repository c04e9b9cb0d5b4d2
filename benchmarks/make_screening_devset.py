"""Generate the labelled screening development set from the real UN and OFAC lists.

    PYTHONPATH=src:benchmarks python benchmarks/make_screening_devset.py

Writes ``benchmarks/data/screening_devset.jsonl``: one query per line with its
``class``, the expected listed entity (``expect``, for positives) or the entity
it must NOT be confused with (``near``, for negatives). Seeded, so the file is
reproducible. Variations are made by rules written here, independently of the
screening code (ICU transliterators for Hangul and Cyrillic, hand tables for
romanisation styles), so the benchmark does not grade the code with its own
tables.

Sources: UN consolidated list 2026-05-08 (DPRK entries KPi/KPe) and OFAC
SDN.CSV 2024-05-03 (DPRK programs), from ../shared/data/lists.
"""

from __future__ import annotations

import json
import random
import re
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

import icu
from normality import ascii_text
from screening_lists import load_corpus

from sanctionwatch.model.entity import ListedEntity

OUT = Path(__file__).parent / "data" / "screening_devset.jsonl"
PER_CLASS = 60
SEED = 20261128

# Surnames as the DPRK/UN write them → South-Korean conventional, RR spellings.
SURNAMES = {
    "kim": ("Kim", "Gim"),
    "ri": ("Lee", "Yi"),
    "pak": ("Park", "Bak"),
    "choe": ("Choi", "Choe"),
    "jong": ("Chung", "Jeong"),
    "jo": ("Cho", "Jo"),
    "kang": ("Kang", "Gang"),
    "o": ("Oh", "O"),
    "ryu": ("Yoo", "Ryu"),
    "rim": ("Lim", "Im"),
    "ro": ("Roh", "No"),
    "sin": ("Shin", "Sin"),
    "han": ("Han", "Han"),
    "jang": ("Chang", "Jang"),
    "jon": ("Chun", "Jeon"),
    "paek": ("Baek", "Baek"),
    "yun": ("Yoon", "Yun"),
    "kwon": ("Kwon", "Gwon"),
    "hwang": ("Hwang", "Hwang"),
    "ko": ("Koh", "Go"),
    "song": ("Song", "Song"),
    "hyon": ("Hyun", "Hyeon"),
    "chang": ("Chang", "Jang"),
    "ju": ("Joo", "Ju"),
    "mun": ("Moon", "Mun"),
    "yang": ("Yang", "Yang"),
    "thae": ("Tae", "Tae"),
    "ho": ("Heo", "Heo"),
    "so": ("Seo", "Seo"),
    "an": ("Ahn", "An"),
    "cha": ("Cha", "Cha"),
    "ryom": ("Yeom", "Yeom"),
    "u": ("Woo", "U"),
    "chon": ("Chun", "Cheon"),
    "tong": ("Dong", "Dong"),
}
# DPRK-style given-name syllables → (South-Korean conventional, Revised Romanization).
SYLLABLES = {
    "son": ("sun", "seon"),
    "chol": ("chul", "cheol"),
    "jong": ("jung", "jeong"),
    "song": ("sung", "seong"),
    "yong": ("young", "yeong"),
    "hyok": ("hyuk", "hyeok"),
    "hyon": ("hyun", "hyeon"),
    "chon": ("chun", "cheon"),
    "tok": ("duk", "deok"),
    "kon": ("gun", "geon"),
    "hui": ("hee", "hui"),
    "su": ("soo", "su"),
    "ju": ("joo", "ju"),
    "un": ("eun", "eun"),
    "kum": ("keum", "geum"),
    "il": ("il", "il"),
    "ho": ("ho", "ho"),
    "nam": ("nam", "nam"),
    "kwang": ("kwang", "gwang"),
    "chun": ("choon", "chun"),
    "myong": ("myung", "myeong"),
    "kyong": ("kyung", "gyeong"),
    "sok": ("suk", "seok"),
    "pyong": ("byung", "byeong"),
    "gil": ("gil", "gil"),
    "sik": ("sik", "sik"),
    "thaek": ("taek", "taek"),
    "hae": ("hae", "hae"),
    "ryong": ("ryong", "ryong"),
    "u": ("woo", "u"),
    "gon": ("gun", "geon"),
    "mun": ("moon", "mun"),
    "chang": ("chang", "chang"),
    "hak": ("hak", "hak"),
    "gwon": ("kwon", "gwon"),
    "won": ("won", "won"),
    "sun": ("soon", "sun"),
    "ok": ("ok", "ok"),
    "hun": ("hoon", "hun"),
    "kuk": ("kook", "guk"),
    "guk": ("kook", "guk"),
    "tong": ("dong", "dong"),
    "hwan": ("hwan", "hwan"),
    "bom": ("bum", "beom"),
    "se": ("se", "se"),
    "min": ("min", "min"),
    "jin": ("jin", "jin"),
    "yo": ("yeo", "yeo"),
    "man": ("man", "man"),
    "thae": ("tae", "tae"),
    "kyu": ("kyu", "gyu"),
    "sam": ("sam", "sam"),
    "ung": ("woong", "ung"),
}
# McCune–Reischauer with breves for syllables written with ŏ/ŭ.
BREVES = {
    "son": "sŏn",
    "chol": "ch'ŏl",
    "jong": "chŏng",
    "song": "sŏng",
    "yong": "yŏng",
    "hyok": "hyŏk",
    "hyon": "hyŏn",
    "chon": "ch'ŏn",
    "tok": "tŏk",
    "kon": "kŏn",
    "hui": "hŭi",
    "un": "ŭn",
    "kum": "kŭm",
    "myong": "myŏng",
    "kyong": "kyŏng",
    "sok": "sŏk",
    "pyong": "p'yŏng",
    "gon": "kŏn",
    "bom": "pŏm",
    "choe": "ch'oe",
    "thaek": "t'aek",
    "thae": "t'ae",
    "jon": "chŏn",
    "ryom": "ryŏm",
}
# Hand-checked Hangul of listed people (Korean press spellings).
REAL_HANGUL = {
    "ofac-20157": "김정은",
    "ofac-21444": "김여정",
    "ofac-23213": "최룡해",
    "ofac-23215": "리병철",
    "ofac-12211": "김영철",
    "ofac-19491": "리만건",
    "ofac-19497": "박영식",
    "ofac-23212": "정경택",
    "ofac-23214": "김정식",
    "ofac-33936": "리영길",
    "ofac-39496": "전일호",
    "ofac-39498": "김수길",
    "un-KPi.033": "리원호",
}
# Listed people's names in Chinese characters (hanja) as Chinese media write them.
REAL_HANJA = {
    "ofac-20157": "金正恩",
    "ofac-21444": "金與正",
    "ofac-23213": "崔龍海",
    "ofac-23215": "李炳哲",
    "ofac-12211": "金英哲",
    "ofac-19497": "朴英植",
    "ofac-33936": "李永吉",
    "ofac-39498": "金秀吉",
    "ofac-23214": "金正植",
    "ofac-19491": "李萬建",
}
LEGAL_SWAPS = [
    ("GENERAL CORPORATION", ["Gen. Corp.", "General Corp", "GEN CORP", ""]),
    ("CORPORATION", ["Corp.", "Corp", "CORP", "Co.", ""]),
    ("COMPANY LIMITED", ["Co., Ltd.", "Co Ltd", "CO. LTD", "LLC"]),
    ("CO., LTD.", ["Company Limited", "Co Ltd", "Limited", "LLC"]),
    ("CO., LTD", ["Company Limited", "Co Ltd", "Limited", "LLC"]),
    ("LIMITED", ["Ltd", "Ltd.", "LTD", "Co., Ltd."]),
    ("COMPANY", ["Co.", "Co", "Company Ltd", "Corp."]),
    ("LLC", ["Limited Liability Company", "OOO", "L.L.C."]),
    ("GROUP", ["Grp", "Group Co., Ltd."]),
    ("BANK", ["Bank JSC", "Bank Co., Ltd."]),
]
HOMOGLYPHS = {
    "a": "а",
    "e": "е",
    "o": "о",
    "p": "р",
    "c": "с",
    "x": "х",
    "y": "у",
    "i": "і",
    "A": "А",
    "E": "Е",
    "O": "О",
    "P": "Р",
    "C": "С",
    "K": "К",
    "M": "М",
    "H": "Н",
    "T": "Т",
    "B": "В",
    "X": "Х",
    "I": "І",
    "N": "Ν",
    "Z": "Ζ",
}
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]
SYLLABLE_POOL = [
    "il",
    "un",
    "ho",
    "chol",
    "su",
    "nam",
    "song",
    "hyok",
    "jin",
    "min",
    "gil",
    "sik",
    "nam",
    "chun",
    "kwang",
    "myong",
    "ok",
    "hui",
    "yong",
    "jong",
    "u",
    "ung",
    "bom",
    "se",
    "tae",
]

_LATIN_HANGUL = icu.Transliterator.createInstance("Latin-Hangul")
_LATIN_CYRILLIC = icu.Transliterator.createInstance("Latin-Cyrillic")
# Titles and ranks as DPRK reporting and bank records put them before a name.
TITLES = ["Mr.", "Mr", "Dr.", "Gen.", "General", "Marshal", "Vice Marshal", "Colonel", "Comrade"]
TITLES += ["H.E.", "Minister", "Director", "Ambassador"]
# Diacritics a transliteration or a keyboard adds to a plain Latin vowel.
DIACRITICS = {"a": "āáà", "e": "éèē", "i": "īíï", "o": "ōóö", "u": "ūúü"}


# How Greek press writes a Korean name by sound (Κιμ Τζονγκ Ουν, Τσόε Ριόνγκ Χε).
# Written from Greek spelling practice; ICU's Latin-Greek is not used because it
# drops h and writes w as β, which Greek writers of foreign names do not do.
_GREEK_UNITS = [
    ("ch", "τσ"), ("kh", "κ"), ("th", "τ"), ("ph", "π"), ("ng", "νγκ"), ("ae", "ε"),
    ("oe", "οε"), ("j", "τζ"), ("g", "γκ"), ("u", "ου"), ("o", "ο"), ("a", "α"),
    ("e", "ε"), ("i", "ι"), ("b", "μπ"), ("d", "ντ"), ("p", "π"), ("t", "τ"), ("s", "σ"),
    ("m", "μ"), ("n", "ν"), ("r", "ρ"), ("l", "λ"), ("k", "κ"), ("h", "χ"),
]  # fmt: skip
_GREEK_TONOS = {"α": "ά", "ε": "έ", "ι": "ί", "ο": "ό", "υ": "ύ"}


def greek(name: str, rng: random.Random) -> str:
    words = []
    for word in name.lower().split():
        out = ""
        i = 0
        while i < len(word):
            if word[i] in "yw":
                # A glide: γι/γου at the start of a word, ι/ου after a consonant.
                glide = "ι" if word[i] == "y" else "ου"
                out += glide if i else "γ" + glide
                i += 1
                continue
            for latin, letters in _GREEK_UNITS:
                if word.startswith(latin, i):
                    out += letters
                    i += len(latin)
                    break
            else:
                out += word[i]
                i += 1
        if out.endswith("σ"):
            out = out[:-1] + "ς"
        # The accent of ου goes on its υ.
        vowels = [j for j, ch in enumerate(out) if ch in _GREEK_TONOS and out[j : j + 2] != "ου"]
        if len(vowels) > 1:
            j = rng.choice(vowels)
            out = out[:j] + _GREEK_TONOS[out[j]] + out[j + 1 :]
        words.append(out[:1].upper() + out[1:])
    return " ".join(words)


def with_diacritics(name: str, rng: random.Random) -> str | None:
    spots = [i for i, ch in enumerate(name) if ch.lower() in DIACRITICS]
    if not spots:
        return None
    chars = list(name)
    for i in rng.sample(spots, min(len(spots), rng.randint(1, 3))):
        mark = rng.choice(DIACRITICS[chars[i].lower()])
        chars[i] = mark.upper() if chars[i].isupper() else mark
    return "".join(chars)


def middle_initials(name: str) -> str | None:
    """'AKRAM TURKI HISHAN AL-MAZIDIH' → 'Akram T. H. Al-Mazidih' (first and last kept)."""
    words = name.split()
    if len(words) < 3:
        return None
    middle = [f"{w[0].upper()}." for w in words[1:-1]]
    return " ".join([words[0].capitalize(), *middle, words[-1].capitalize()])


def plain(text: str) -> tuple[str, ...]:
    """Independent plain normalisation: ASCII, lowercase, sorted alphanumeric tokens."""
    text = (ascii_text(unicodedata.normalize("NFKC", text)) or "").lower()
    text = re.sub(r"['’`]", "", text)
    return tuple(sorted(re.findall(r"[a-z0-9]+", text)))


def korean_parts(entity: ListedEntity) -> tuple[str, list[str]] | None:
    """(surname, given syllables) of a listed Korean person name, else None."""
    name = entity.caption.replace("’", "'")
    if "," in name:
        family, given = (p.strip() for p in name.split(",", 1))
    else:
        tokens = name.split()
        if len(tokens) < 2:
            return None
        family, given = tokens[0], " ".join(tokens[1:])
    family = family.lower().replace("'", "")
    if family not in SURNAMES or " " in family:
        return None
    syllables = [s.lower().replace("'", "") for s in re.split(r"[\s\-]+", given) if s]
    if not syllables or len(syllables) > 3 or any(not s.isalpha() for s in syllables):
        return None
    return family, syllables


def cap(s: str) -> str:
    return s[:1].upper() + s[1:]


# The DPRK system writes the aspirates ㅋ ㅌ ㅍ as kh, th, ph; ICU's Latin-Hangul reads
# Revised Romanization, which writes them k, t, p, and turns "th" into 트+ㅎ.
_DPRK_DIGRAPHS = re.compile(r"([ktp])h")


def hangul(family: str, given: list[str], by_syllable: bool = False) -> str:
    """The name in Hangul by ICU's Latin-Hangul.

    ``by_syllable`` (held-out rounds from 2 on) transliterates each syllable on
    its own, with the DPRK aspirate digraphs as RR writes them, as a Korean
    writer knowing the syllables would. The development set keeps the first
    rule (given syllables joined, digraphs as written): ICU then reads across
    the lost boundaries and makes syllables no Korean writes (Su Il → 싈, Thae →
    트해), so a miss there says more about ICU than about the screener.
    """
    if not by_syllable:
        return _LATIN_HANGUL.transliterate(f"{family} {''.join(given)}").replace(" ", "")
    syllables = [_DPRK_DIGRAPHS.sub(r"\1", s) for s in [family, *given]]
    return "".join(_LATIN_HANGUL.transliterate(s) for s in syllables)


def korean_variants(
    family: str, given: list[str], rng: random.Random, hangul_by_syllable: bool = False
) -> dict[str, str]:
    conv_sur, rr_sur = SURNAMES[family]
    dprk = f"{cap(family)} {' '.join(cap(s) for s in given)}"
    conv_given = "-".join(SYLLABLES.get(s, (s, s))[0] for s in given)
    rr_given = "".join(SYLLABLES.get(s, (s, s))[1] for s in given)
    breves_given = "-".join(BREVES.get(s, s) for s in given)
    out = {
        "dprk_style": dprk,
        "rr": f"{rr_sur} {cap(rr_given)}",
        "conventional": f"{conv_sur} {cap(conv_given)}",
        "mr_breves": f"{cap(BREVES.get(family, family))} {cap(breves_given)}",
        "mr_apostrophe": " ".join(
            BREVES.get(s, s).replace("ŏ", "o'").replace("ŭ", "u'").upper() for s in [family, *given]
        ),
        "reordered": f"{' '.join(cap(s) for s in given)} {cap(family)}",
        "comma": f"{family.upper()}, {' '.join(cap(s) for s in given)}",
        "surname_variant": f"{rng.choice([conv_sur, rr_sur])} {' '.join(cap(s) for s in given)}",
        "hangul": hangul(family, given, hangul_by_syllable),
        "cyrillic": _LATIN_CYRILLIC.transliterate(dprk),
    }
    if len(given) > 1:
        out["joined"] = f"{cap(family)} {cap(''.join(given))}"
        out["hyphenated"] = f"{cap(family)} {cap('-'.join(given))}"
    return out


def homoglyph(name: str, rng: random.Random) -> str | None:
    spots = [i for i, ch in enumerate(name) if ch in HOMOGLYPHS]
    if not spots:
        return None
    chars = list(name)
    for i in rng.sample(spots, min(len(spots), rng.randint(1, 3))):
        chars[i] = HOMOGLYPHS[chars[i]]
    return "".join(chars)


def invisible(name: str, rng: random.Random) -> str:
    chars = list(name)
    for _ in range(rng.randint(1, 3)):
        chars.insert(rng.randint(1, len(chars) - 1), rng.choice(INVISIBLE))
    return "".join(chars)


def typo(name: str, rng: random.Random) -> str | None:
    words = name.split()
    long_words = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
    if not long_words:
        return None
    i = rng.choice(long_words)
    w = list(words[i])
    pos = rng.randint(1, len(w) - 2)
    kind = rng.choice(["sub", "del", "ins", "swap"])
    letters = "aeioustnrlhk"
    if kind == "sub":
        w[pos] = rng.choice([c for c in letters if c != w[pos].lower()])
        w[pos] = w[pos].upper() if words[i].isupper() else w[pos]
    elif kind == "del":
        del w[pos]
    elif kind == "ins":
        w.insert(pos, w[pos])
    else:
        w[pos], w[pos + 1] = w[pos + 1], w[pos]
    words[i] = "".join(w)
    return " ".join(words)


def arabic_noise(name: str, rng: random.Random) -> str:
    marks = ["\u064e", "\u064f", "\u0650", "\u0652", "\u0651", "\u0640"]
    chars = list(name)
    letters = [i for i, ch in enumerate(chars) if "\u0621" <= ch <= "\u064a"]
    for i in sorted(rng.sample(letters, min(len(letters), rng.randint(1, 4))), reverse=True):
        chars.insert(i + 1, rng.choice(marks))
    return "".join(chars)


def legal_variant(name: str, rng: random.Random) -> str | None:
    upper = name.upper()
    for form, swaps in LEGAL_SWAPS:
        if upper.endswith(" " + form) or upper.endswith(form) and upper != form:
            stem = name[: len(name) - len(form)].rstrip(" ,")
            replacement = rng.choice(swaps)
            return f"{stem} {replacement}".strip() if replacement else stem
    return None


Rows = dict[str, list[dict[str, Any]]]


def build(
    seed: int = SEED, taken: set[tuple[str, str]] | None = None, hangul_by_syllable: bool = False
) -> Rows:
    """Every class's queries; ``taken`` (class, entity id) pairs are left out (held-out set).

    ``hangul_by_syllable``: see :func:`hangul` (off for the development set).
    """
    rng = random.Random(seed)
    taken = taken or set()
    corpus = load_corpus()
    by_id = {e.id: e for e in corpus}
    corpus_plain = {plain(n) for e in corpus for n in e.names}
    dprk = [
        e
        for e in corpus
        if any(p.upper().startswith("DPRK") for p in e.programs)
        or (e.reference or "").startswith("KP")
    ]
    persons = [e for e in dprk if e.schema == "Person"]
    orgs = [e for e in dprk if e.schema in ("LegalEntity", "Organization", "Company")]
    vessels = [e for e in dprk if e.schema == "Vessel" and e.get("imoNumber")]
    korean = [(e, kp) for e in persons if (kp := korean_parts(e))]
    all_imos = {v for e in corpus for v in e.get("imoNumber")}
    rows: dict[str, list[dict[str, Any]]] = defaultdict(list)

    def add(cls: str, query: dict[str, Any], expect: str | None = None, near: str | None = None):
        if (cls, expect or near or "") in taken:
            return
        rows[cls].append({"class": cls, "query": query, "expect": expect, "near": near})

    for entity, (family, given) in rng.sample(korean, len(korean)):
        variants = korean_variants(family, given, rng, hangul_by_syllable)
        for cls, name in variants.items():
            if len(rows[cls]) < PER_CLASS:
                add(cls, {"name": name, "schema": "Person"}, expect=entity.id)
        dob = next(iter(entity.get("birthDate")), None)
        if dob and len(rows["dob_agree"]) < PER_CLASS:
            add(
                "dob_agree",
                {"name": variants["conventional"], "birth_date": dob, "nationality": "KP"},
                expect=entity.id,
            )
        if dob and len(rows["dob_partial"]) < PER_CLASS:
            add("dob_partial", {"name": variants["rr"], "birth_date": dob[:4]}, expect=entity.id)
        # Hard negatives: one given-name syllable replaced (Kim Jong Un vs Kim Jong Il).
        i = rng.randrange(len(given))
        other = [
            s
            for s in SYLLABLE_POOL
            if s != given[i] and SYLLABLES.get(s) != SYLLABLES.get(given[i])
        ]
        swapped = list(given)
        swapped[i] = rng.choice(other)
        neg = f"{cap(family)} {' '.join(cap(s) for s in swapped)}"
        if plain(neg) not in corpus_plain and len(rows["neg_syllable"]) < PER_CLASS:
            add("neg_syllable", {"name": neg, "schema": "Person"}, near=entity.id)
        if dob and len(rows["neg_dob_conflict"]) < PER_CLASS:
            year = int(dob[:4]) + rng.choice([-1, 1]) * rng.randint(6, 15)
            add(
                "neg_dob_conflict",
                {"name": variants["dprk_style"], "birth_date": f"{year}-{dob[5:] or '01-01'}"},
                near=entity.id,
            )
    # A different person: this one's surname with another listed person's given name.
    for entity, (family, given) in rng.sample(korean, len(korean)):
        _, (_, other_given) = rng.choice(korean)
        if other_given == given:
            continue
        name = f"{cap(family)} {' '.join(cap(s) for s in other_given)}"
        if plain(name) not in corpus_plain and len(rows["neg_other_person"]) < PER_CLASS:
            add("neg_other_person", {"name": name, "schema": "Person"}, near=entity.id)
    for entity_id, hangul in REAL_HANGUL.items():
        if entity_id in by_id:
            add("hangul_real", {"name": hangul}, expect=entity_id)
    for entity_id, hanja in REAL_HANJA.items():
        if entity_id in by_id:
            add("chinese_hanja", {"name": hanja}, expect=entity_id)
    for name in [
        "Kim Jong Il",
        "Kim Jong Nam",
        "Kim Jong Chol",
        "Kim Yo Jung Il",
        "김정일",
        "Kim Jong Ho",
    ]:
        if plain(name) not in corpus_plain:
            add("neg_kim_jong", {"name": name, "schema": "Person"}, near="ofac-20157")

    everyone = dprk
    for entity in rng.sample(everyone, len(everyone)):
        name = entity.caption
        schema = entity.schema
        for cls, variant in (
            ("exact", name),
            ("homoglyph", homoglyph(name, rng)),
            ("invisible", invisible(name, rng)),
            ("typo", typo(name, rng)),
        ):
            if variant and len(rows[cls]) < PER_CLASS:
                add(cls, {"name": variant, "schema": schema}, expect=entity.id)
    for entity in rng.sample(orgs, len(orgs)):
        for name in entity.names[:3]:
            variant = legal_variant(name, rng)
            if variant and plain(variant) != plain(name) and len(rows["legal_form"]) < PER_CLASS:
                add("legal_form", {"name": variant, "schema": "Organization"}, expect=entity.id)
                break
        if len(rows["org_cyrillic"]) < PER_CLASS:
            add(
                "org_cyrillic",
                {"name": _LATIN_CYRILLIC.transliterate(entity.caption.title())},
                expect=entity.id,
            )
    # Arabic script as the UN list gives it (other regimes), with the vowel marks
    # and tatweel that make the same name look different.
    arabic = [
        (e, n)
        for e in corpus
        if e.source == "un"
        for n in e.get("alias")
        if any("\u0600" <= ch <= "\u06ff" for ch in n)
    ]
    for entity, name in rng.sample(arabic, min(PER_CLASS, len(arabic))):
        add("arabic_script", {"name": arabic_noise(name, rng)}, expect=entity.id)
    other_vessel_names = [e.caption for e in corpus if e.schema == "Vessel" and e not in vessels]
    for entity in rng.sample(vessels, len(vessels)):
        imo = entity.get("imoNumber")[0]
        renamed = rng.choice(other_vessel_names)
        add(
            "vessel_imo",
            {"name": renamed, "schema": "Vessel", "imo": f"IMO {imo}"},
            expect=entity.id,
        )
        spaced = (
            entity.caption.replace(" ", "") if " " in entity.caption else " ".join(entity.caption)
        )
        add("vessel_name", {"name": f"M/V {spaced.title()}", "schema": "Vessel"}, expect=entity.id)
        while True:
            fake = str(rng.randint(7000000, 9899999))
            if fake not in all_imos:
                break
        add(
            "neg_vessel_imo",
            {"name": entity.caption, "schema": "Vessel", "imo": f"IMO{fake}"},
            near=entity.id,
        )
        if entity.get("mmsi"):
            add(
                "vessel_mmsi",
                {"name": entity.caption.title(), "schema": "Vessel", "mmsi": entity.get("mmsi")[0]},
                expect=entity.id,
            )
    # Classes added later draw from their own generator, so the older classes stay as they were.
    extra = random.Random(seed + 1)
    for entity, (family, given) in extra.sample(korean, len(korean)):
        dprk = f"{cap(family)} {' '.join(cap(s) for s in given)}"
        if len(rows["title"]) < PER_CLASS:
            add("title", {"name": f"{extra.choice(TITLES)} {dprk}", "schema": "Person"}, entity.id)
        if len(rows["greek"]) < PER_CLASS:
            add("greek", {"name": greek(dprk, extra)}, expect=entity.id)
    others = [
        e
        for e in corpus
        if e.source == "un" and e.schema == "Person" and not (e.reference or "").startswith("KP")
    ]
    for entity in extra.sample(others, len(others)):
        name = entity.caption
        initials = middle_initials(name)
        if initials and len(rows["initials"]) < PER_CLASS:
            add("initials", {"name": initials, "schema": "Person"}, expect=entity.id)
        accented = with_diacritics(" ".join(w.capitalize() for w in name.split()), extra)
        if accented and len(rows["diacritics"]) < PER_CLASS:
            add("diacritics", {"name": accented, "schema": "Person"}, expect=entity.id)
    return rows


def write(rows: Rows, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as fh:
        for cls in sorted(rows):
            for i, row in enumerate(rows[cls][:PER_CLASS]):
                row["id"] = f"{cls}-{i:03d}"
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    for cls in sorted(rows):
        print(f"{cls:20s} {min(len(rows[cls]), PER_CLASS)}")


def main() -> None:
    write(build(), OUT)


if __name__ == "__main__":
    main()
