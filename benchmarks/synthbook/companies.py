"""Company names: family-name firms with each country's legal forms, stem-and-industry
names, and Chinese, Russian, Japanese and Korean house styles."""

from __future__ import annotations

import bisect
import itertools
import random
import string

from sanctionwatch.screening.korean import hangul_romanisations

from . import words
from .people import People
from .sampling import Drawable, chance, faker_data, mix, pick, pinyin, pool, ranked

# Countries for names that carry no national style (as in the earlier book).
ANY_COUNTRY = ("us", "gb", "de", "fr", "cn", "jp", "kr", "ru", "ae", "sg", "hk", "pa", "lr", "mh")
CONJUNCTIONS = {"en": "and", "de": "und", "fr": "et", "it": "e", "es": "y", "nl": "en"}


class Companies:
    """Draws a company name and its country."""

    def __init__(self, people: People) -> None:
        self.people = people
        european = people.western_european.traditions
        arabic = people.arabic
        # (weight, family names, legal forms or None for the generic list, countries)
        self.firms: dict[str, tuple[float, Drawable, Drawable | None, tuple[str, ...]]] = {
            "en": (
                0.33,
                people.anglo.names.family,
                pool(
                    list(faker_data("company", "en_US", "company_suffixes"))
                    + ["Ltd", "Limited", "LLP", "& Co.", "Holdings Ltd", "Inc.", "Corp."]
                ),
                ("us", "gb", "sg", "hk", "ca", "au", "ie"),
            ),
            "de": (
                0.15,
                european["de"].family,
                pool(faker_data("company", "de_DE", "company_suffixes")),
                ("de", "at", "ch"),
            ),
            "fr": (
                0.08,
                european["fr"].family,
                pool(faker_data("company", "fr_FR", "company_suffixes")),
                ("fr", "be", "ch"),
            ),
            "it": (
                0.08,
                european["it"].family,
                pool(faker_data("company", "it_IT", "company_suffixes")),
                ("it",),
            ),
            "es": (
                0.12,
                people.hispanic.locales[0].family,
                mix(
                    (0.5, pool(faker_data("company", "es_ES", "company_suffixes"))),
                    (0.5, pool(faker_data("company", "es_MX", "company_suffixes"))),
                ),
                ("es", "mx", "co", "ar", "pa"),
            ),
            "nl": (
                0.06,
                european["nl"].family,
                pool(faker_data("company", "nl_NL", "company_suffixes")),
                ("nl", "be"),
            ),
            "pl": (
                0.04,
                pool(faker_data("person", "pl_PL", "unisex_last_names")),
                pool(faker_data("company", "pl_PL", "company_suffixes")),
                ("pl",),
            ),
            "gr": (0.07, european["gr"].family, None, ("gr", "cy", "mt", "lr", "mh", "pa")),
            "ar": (
                0.07,
                mix((0.5, arabic.family_plain), (0.5, arabic.maghreb.family)),
                None,
                ("ae", "sa", "eg", "jo", "dz", "qa"),
            ),
        }
        self._firm_keys = tuple(self.firms)
        self._firm_cum = tuple(itertools.accumulate(f[0] for f in self.firms.values()))
        self.stems = pool(words.COMPANY_STEMS)
        self.industries = pool(words.INDUSTRIES)
        self.legal_forms = ranked(words.LEGAL_FORMS, offset=4.0)
        places: list[str] = list(faker_data("address", "de_DE", "cities"))
        places += list(faker_data("address", "nl_NL", "cities"))[:600]
        places += list(faker_data("address", "en_US", "states"))
        places += list(words.SHIP_PLACES)
        places += [pinyin(c) for c in faker_data("address", "zh_CN", "cities")]
        self.places = pool(places)
        self.catch_adjectives = pool(faker_data("company", "en_US", "catch_phrase_words")[0])
        self.zh_cities = pool(faker_data("address", "zh_CN", "cities"), pinyin)
        self.ko_brands = pool(
            faker_data("company", "ko_KR", "company_name_words"),
            lambda w: "".join(hangul_romanisations(w)[-1]).capitalize(),
        )
        self.ru_family = people.cyrillic.locales["ru_RU", False][0].family

    def draw(self, rng: random.Random) -> tuple[str, str]:
        """A company name and its country (ISO code)."""
        style = rng.random()
        if style < 0.30:
            return self.family_firm(rng)
        if style < 0.72:
            return self.stem_firm(rng), pick(rng, ANY_COUNTRY)
        if style < 0.84:
            return self.chinese_firm(rng)
        if style < 0.91:
            return self.russian_firm(rng), pick(rng, ("ru", "ru", "kz", "by"))
        if style < 0.96:
            return self.japanese_firm(rng), "jp"
        return self.korean_firm(rng), "kr"

    def family_firm(self, rng: random.Random) -> tuple[str, str]:
        """Smith, Jones and Lee; Müller GmbH; Papadopoulos Shipping S.A."""
        key = self._firm_keys[
            bisect.bisect_right(self._firm_cum, rng.random() * self._firm_cum[-1])
        ]
        _, family, forms, countries = self.firms[key]
        country = pick(rng, countries)
        a, b = family.draw(rng), family.draw(rng)
        style = rng.random()
        if key == "gr":
            word = pick(rng, ("Shipping", "Maritime", "Navigation", "Shipmanagement", "Tankers"))
            return f"{a} {word} {pick(rng, ('S.A.', 'Ltd', 'Inc.', 'Co.'))}", country
        if key == "ar":
            if style < 0.5:
                form = pick(rng, ("LLC", "W.L.L.", "Est.", "FZE"))
                return f"{a} {self.industries.draw(rng)} {form}", country
            return f"{a} & Sons {pick(rng, ('Co.', 'Group', 'Trading'))}", country
        form = (forms or self.legal_forms).draw(rng)
        if style < 0.50:
            name = f"{a} {form}"
        elif style < 0.62:
            name = f"{a}-{b} {form}" if chance(rng, 0.5) else f"{a}-{b}"
        elif style < 0.75:
            name = f"{a} & {b} {form}"
        elif style < 0.85:
            name = f"{a}, {b} {CONJUNCTIONS.get(key, '&')} {family.draw(rng)}"
        else:
            name = f"{a} {self.industries.draw(rng)} {form}"
        return name, country

    def stem_firm(self, rng: random.Random) -> str:
        """Golden Harbour Shipping Ltd; Rotterdam Bulk Carriers B.V.; KTM Logistics FZE."""
        lead = rng.random()
        if lead < 0.50:
            first = self.stems.draw(rng)
        elif lead < 0.72:
            first = self.places.draw(rng)
        elif lead < 0.82:
            first = self.catch_adjectives.draw(rng)
        elif lead < 0.90:
            first = self.people.anglo.names.family.draw(rng)
        else:
            first = "".join(pick(rng, string.ascii_uppercase) for _ in range(rng.randint(2, 4)))
        parts = [first]
        if chance(rng, 0.30):
            parts.append(self.stems.draw(rng))
        if chance(rng, 0.85):
            parts.append(self.industries.draw(rng))
        if chance(rng, 0.92):
            parts.append(self.legal_forms.draw(rng))
        return " ".join(parts)

    def chinese_firm(self, rng: random.Random) -> tuple[str, str]:
        """Dalian Haofeng Shipping Co., Ltd.; Xinda Trading Limited (Hong Kong)."""
        brand, industry = self.people.chinese.brand(rng), self.industries.draw(rng)
        if chance(rng, 0.2):
            return f"{brand} {industry} {pick(rng, ('Limited', 'Company Limited', 'Ltd'))}", "hk"
        city = f"{self.zh_cities.draw(rng)} " if chance(rng, 0.75) else ""
        form = pick(rng, ("Co., Ltd.", "Co., Ltd.", "Co., Ltd.", "Group Co., Ltd.", "Co."))
        return f"{city}{brand} {industry} {form}", "cn"

    def russian_firm(self, rng: random.Random) -> str:
        """OOO "Uralstroy"; AO "Sibneft-Invest"; ZAO "Volkov i Partnery"."""
        prefix = pick(rng, words.RUSSIAN_COMPANY_PREFIXES)
        style = rng.random()
        if style < 0.65:
            name = pick(rng, words.RUSSIAN_NAME_HEADS) + pick(rng, words.RUSSIAN_NAME_TAILS)
            if chance(rng, 0.25):
                name += "-" + pick(rng, ("Invest", "Trans", "Servis", "Holding", "M", "Yug"))
            return f'{prefix} "{name}"' if chance(rng, 0.7) else f"{prefix} {name}"
        family = self.ru_family.draw(rng)
        if style < 0.80:
            return f'{prefix} "{family}"'
        if style < 0.90:
            return f'{prefix} "{family} i Partnery"'
        return f"{self.stems.draw(rng)} {self.industries.draw(rng)} {pick(rng, ('JSC', 'LLC'))}"

    def japanese_firm(self, rng: random.Random) -> str:
        """Tanaka Shoji Co., Ltd.; Imabari Kaiun Co., Ltd."""
        family, word = (
            self.people.japanese.family.draw(rng),
            pick(rng, words.JAPANESE_COMPANY_WORDS),
        )
        style = rng.random()
        if style < 0.5:
            return f"{family} {word} Co., Ltd."
        if style < 0.7:
            return f"{family} {word} K.K."
        if style < 0.8:
            return f"{pick(rng, words.JAPANESE_PLACES)} {word} Co., Ltd."
        return f"{family} {self.industries.draw(rng)} Co., Ltd."

    def korean_firm(self, rng: random.Random) -> str:
        """Hanbit Electronics Co., Ltd.; Goryeo Pacific Shipping Corp."""
        brand = self.ko_brands.draw(rng)
        if chance(rng, 0.3):
            brand = f"{brand} {self.stems.draw(rng)}"
        return f"{brand} {self.industries.draw(rng)} {pick(rng, ('Co., Ltd.', 'Corp.', 'Inc.'))}"
