"""Person names of eight naming traditions, in the forms a bank's book holds them.

Each tradition is a small class whose ``draw`` gives one full name: middle names and
initials (Anglo), two given names (Western European, Hispanic), paternal and maternal
family names (Hispanic), patronymics (Russian, Ukrainian), father's names (Arabic), and
both name orders where customers write both (East Asian, Russian). About 2% of Chinese,
Japanese, Korean, Russian/Ukrainian and Arabic names stay in their own script.
"""

from __future__ import annotations

import bisect
import itertools
import random
from collections.abc import Iterable, Mapping

from sanctionwatch.screening.korean import hangul_romanisations

from . import words
from .sampling import (
    Drawable,
    Locale,
    Mix,
    chance,
    faker_data,
    faker_locale,
    faker_pool,
    fold,
    greek,
    merged_locale,
    mix,
    person_names,
    pick,
    pinyin,
    pool,
    ranked,
    russian,
    ukrainian,
)

NATIVE_SCRIPT_SHARE = 0.02


class Anglo:
    """US, British and other English-speaking customers."""

    def __init__(self) -> None:
        def given(gender: str) -> Mix:
            return mix(
                (0.72, faker_pool("en_US", f"first_names_{gender}")),
                (0.12, faker_pool("en_GB", f"first_names_{gender}")),
                # Faker's generic English lists: thousands of rarer given names, unweighted.
                (0.16, faker_pool("en", f"first_names_{gender}")),
            )

        # Faker's en_US surnames are the 1,000 commonest, about 40% of US residents (its
        # weights put Smith at 2.2% where the 2010 census has 0.83%); the rest of a real
        # population is a long tail of surnames of every origin.
        tail_lists: list[Iterable[str]] = [
            person_names(faker_data("person", loc, attr))
            for loc, attr in (
                ("en", "last_names"),
                ("en_IE", "last_names"),
                ("de_DE", "last_names"),
                ("de_AT", "last_names"),
                ("it_IT", "last_names"),
                ("nl_NL", "last_names"),
                ("fr_FR", "last_names"),
                ("es_ES", "last_names"),
                ("sv_SE", "last_names"),
                ("fi_FI", "last_names"),
                ("pl_PL", "unisex_last_names"),
            )
        ]
        tail_lists += [
            (greek(n) for n in faker_data("person", "el_GR", "last_names_male")),
            (ukrainian(n) for n in faker_data("person", "uk_UA", "last_names_male")),
        ]
        family = mix(
            (0.42, faker_pool("en_US", "last_names")),
            (0.10, faker_pool("en_GB", "last_names")),
            (0.08, faker_pool("en_NZ", "last_names")),
            (0.40, pool(itertools.chain.from_iterable(tail_lists), fold)),
        )
        self.names = Locale(given("male"), given("female"), family)

    def draw(self, rng: random.Random) -> str:
        male = chance(rng, 0.5)
        parts = [self.names.given(rng, male)]
        middle = rng.random()
        if middle < 0.10:
            parts.append(self.names.given(rng, male))
        elif middle < 0.25:
            parts.append(self.names.given(rng, male)[0] + ".")
        family = self.names.surname(rng, male)
        if chance(rng, 0.015):
            family = f"{family}-{self.names.surname(rng, male)}"
        parts.append(family)
        if male and chance(rng, 0.02):
            parts.append(pick(rng, ("Jr.", "Sr.", "II", "III")))
        return " ".join(parts)


class WesternEuropean:
    """German, French, Italian, Dutch, Nordic, Portuguese and Greek customers."""

    def __init__(self) -> None:
        greek_names = Locale(
            faker_pool("el_GR", "first_names_male", greek),
            faker_pool("el_GR", "first_names_female", greek),
            faker_pool("el_GR", "last_names_male", greek),
            faker_pool("el_GR", "last_names_female", greek),
        )
        self.traditions: dict[str, Locale] = {
            "de": merged_locale("de_DE", "de_AT", "de_CH"),
            "fr": merged_locale("fr_FR", "fr_BE", "fr_CH", "fr_QC"),
            "it": merged_locale("it_IT"),
            "nl": merged_locale("nl_NL", "nl_BE"),
            "nordic": merged_locale("sv_SE", "da_DK", "no_NO", "fi_FI"),
            "pt": merged_locale("pt_PT"),
            "gr": greek_names,
        }
        self._keys = tuple(self.traditions)
        self._cum = tuple(itertools.accumulate((0.30, 0.22, 0.18, 0.10, 0.10, 0.04, 0.06)))

    def draw(self, rng: random.Random) -> str:
        tradition = self._keys[bisect.bisect_right(self._cum, rng.random() * self._cum[-1])]
        names = self.traditions[tradition]
        male = chance(rng, 0.5)
        given = names.given(rng, male)
        if chance(rng, 0.10):  # Jean-Pierre, Hans Peter
            joiner = "-" if tradition == "fr" or (tradition == "de" and chance(rng, 0.4)) else " "
            given = f"{given}{joiner}{names.given(rng, male)}"
        name = f"{given} {names.surname(rng, male)}"
        return fold(name) if chance(rng, 0.25) else name


class Hispanic:
    """Spanish and Latin American customers: most carry two family names."""

    def __init__(self) -> None:
        self.locales = tuple(
            faker_locale(loc) for loc in ("es_ES", "es_MX", "es_CO", "es_AR", "es_CL")
        )
        self._cum = tuple(itertools.accumulate((0.35, 0.30, 0.15, 0.10, 0.10)))

    def draw(self, rng: random.Random) -> str:
        names = self.locales[bisect.bisect_right(self._cum, rng.random() * self._cum[-1])]
        male = chance(rng, 0.5)
        parts = [names.given(rng, male)]
        if chance(rng, 0.20):  # Juan Carlos, María José
            parts.append(names.given(rng, male))
        parts.append(names.surname(rng, male))
        if chance(rng, 0.70):  # paternal and maternal family names
            parts.append(names.surname(rng, not male))
        name = " ".join(parts)
        return fold(name) if chance(rng, 0.30) else name


class Chinese:
    """Mainland (pinyin), Taiwanese (Wade-Giles) and Hong Kong/Singapore customers."""

    def __init__(self, anglo: Anglo) -> None:
        self.anglo = anglo
        self.family = faker_pool("zh_CN", "last_names", pinyin)
        self.family_hanzi = faker_pool("zh_CN", "last_names")
        # Faker lists single characters and a few whole two-character names (秀英).
        self.given_chars = {
            male: tuple(faker_data("person", "zh_CN", f"first_names_{gender}"))
            for male, gender in ((True, "male"), (False, "female"))
        }
        self.single_chars = {
            male: tuple(c for c in chars if len(c) == 1) for male, chars in self.given_chars.items()
        }
        self.pinyin = {
            ch: pinyin(ch).lower()
            for chars in self.given_chars.values()
            for name in chars
            for ch in name
        }
        # Faker's weights for zh_TW's romanised surnames do not match its own Hanzi list
        # (HUANG 0.15 against 黃 6), so rank weights stand in for them.
        self.tw_given = {
            male: faker_pool("zh_TW", f"first_romanized_names_{g}", str.title)
            for male, g in ((True, "male"), (False, "female"))
        }
        self.tw_family = ranked(
            list(faker_data("person", "zh_TW", "last_romanized_names")), str.title
        )
        self.southern_family = ranked(words.SOUTHERN_CHINESE_FAMILY)

    def hanzi_given(self, rng: random.Random, male: bool) -> str:
        given = pick(rng, self.given_chars[male])
        if len(given) == 1 and chance(rng, 0.65):  # most given names have two characters
            given += pick(rng, self.single_chars[male])
        return given

    def brand(self, rng: random.Random) -> str:
        """Two syllables of pinyin, as in trading-company names (Xinda, Haofeng)."""
        chars = self.single_chars[chance(rng, 0.5)]
        return (self.pinyin[pick(rng, chars)] + self.pinyin[pick(rng, chars)]).capitalize()

    def draw(self, rng: random.Random) -> str:
        male = chance(rng, 0.5)
        style = rng.random()
        if style < NATIVE_SCRIPT_SHARE:
            return self.family_hanzi.draw(rng) + self.hanzi_given(rng, male)
        if style < 0.77:  # mainland
            given = "".join(self.pinyin[ch] for ch in self.hanzi_given(rng, male)).capitalize()
            family = self.family.draw(rng)
        elif style < 0.92:  # Taiwan
            given, family = self.tw_given[male].draw(rng), self.tw_family.draw(rng)
        else:  # Hong Kong / Singapore: an English given name before the family name
            return f"{self.anglo.names.given(rng, male)} {self.southern_family.draw(rng)}"
        return f"{family} {given}" if chance(rng, 0.6) else f"{given} {family}"


class Japanese:
    """Japanese customers: Faker's romanised names plus ``words``' longer lists."""

    def __init__(self) -> None:
        ja = "ja_JP"
        # Offset 15 gives Sato about 3%: it is ~1.5% of all Japanese, and these ~130 names
        # stand for the whole population.
        self.family = ranked(
            list(faker_data("person", ja, "last_romanized_names")) + list(words.JAPANESE_FAMILY),
            offset=15.0,
        )
        self.given = {
            True: pool(
                list(faker_data("person", ja, "first_romanized_names_male"))
                + list(words.JAPANESE_GIVEN_MALE)
            ),
            False: pool(
                list(faker_data("person", ja, "first_romanized_names_female"))
                + list(words.JAPANESE_GIVEN_FEMALE)
            ),
        }
        self.native = faker_locale(ja)

    def draw(self, rng: random.Random) -> str:
        male = chance(rng, 0.5)
        if chance(rng, NATIVE_SCRIPT_SHARE):
            return f"{self.native.surname(rng, male)} {self.native.given(rng, male)}"
        given, family = self.given[male].draw(rng), self.family.draw(rng)
        return f"{given} {family}" if chance(rng, 0.65) else f"{family} {given}"


class Korean:
    """South Korean customers: conventional or Revised Romanisation, three ways of writing
    the given name (Min-jun, Minjun, Min Jun), both name orders."""

    def __init__(self) -> None:
        self.family_hangul = faker_pool("ko_KR", "last_names")
        self.given = {
            male: tuple(faker_data("person", "ko_KR", f"first_names_{gender}"))
            for male, gender in ((True, "male"), (False, "female"))
        }
        # Syllables by position, to recombine into given names Faker does not list.
        self.syllables = {
            male: (
                tuple(n[0] for n in names if len(n) == 2),
                tuple(n[1] for n in names if len(n) == 2),
            )
            for male, names in self.given.items()
        }
        self.spellings = {
            hangul: pool(dict(spellings))
            for hangul, spellings in words.KOREAN_SURNAME_SPELLINGS.items()
        }

    def surname(self, rng: random.Random) -> str:
        """A surname in one of its usual Latin spellings (이 -> Lee, Yi, Rhee)."""
        hangul = self.family_hangul.draw(rng)
        spellings = self.spellings.get(hangul)
        if spellings is not None:
            return spellings.draw(rng)
        return "".join(hangul_romanisations(hangul)[-1]).capitalize()

    def given_hangul(self, rng: random.Random, male: bool) -> str:
        if chance(rng, 0.5):
            return pick(rng, self.given[male])
        first, second = self.syllables[male]
        return pick(rng, first) + pick(rng, second)

    def draw(self, rng: random.Random) -> str:
        male = chance(rng, 0.5)
        given_hangul = self.given_hangul(rng, male)
        if chance(rng, NATIVE_SCRIPT_SHARE):
            return self.family_hangul.draw(rng) + given_hangul
        family = self.surname(rng)
        revised = hangul_romanisations(given_hangul)[-1]
        syllables = revised
        if chance(rng, 0.55):  # the conventional spelling, syllable by syllable
            syllables = [
                words.KOREAN_SYLLABLE_CONVENTIONAL.get(ch, rr)
                for ch, rr in zip(given_hangul, revised, strict=True)
            ]
        style = rng.random()
        if style < 0.45:
            given = "-".join(syllables).capitalize()
        elif style < 0.80:
            given = "".join(syllables).capitalize()
        else:
            given = " ".join(s.capitalize() for s in syllables)
        return f"{given} {family}" if chance(rng, 0.5) else f"{family} {given}"


class Cyrillic:
    """Russian and Ukrainian customers, romanised by BGN/PCGN; many with a patronymic."""

    MALE_COMMON = (
        "Александр Сергей Дмитрий Андрей Алексей Иван Михаил Николай Владимир Евгений "
        "Максим Артём Юрий Олег Игорь Павел Виктор Денис Роман Антон"
    )
    FEMALE_COMMON = (
        "Елена Ольга Наталья Татьяна Ирина Светлана Анна Мария Екатерина Юлия Марина "
        "Галина Людмила Анастасия Оксана"
    )

    def __init__(self) -> None:
        # (names, patronymics in the given-name slots) per locale and script (native or not).
        self.locales: dict[tuple[str, bool], tuple[Locale, Locale]] = {}
        for locale, romanise in (("ru_RU", russian), ("uk_UA", ukrainian)):
            male_given: Iterable[str] | Mapping[str, float]
            female_given: Iterable[str] | Mapping[str, float]
            male_given = faker_data("person", locale, "first_names_male")
            female_given = faker_data("person", locale, "first_names_female")
            if locale == "ru_RU":
                # Faker's Russian given names are alphabetical and include rare old names;
                # the common ones get most of the weight, as in a real population.
                male_given = _boosted(male_given, self.MALE_COMMON, 25.0)
                female_given = _boosted(female_given, self.FEMALE_COMMON, 8.0)
            for native in (True, False):
                convert = None if native else romanise
                family = faker_pool(locale, "last_names_male", convert)
                names = Locale(
                    pool(male_given, convert),
                    pool(female_given, convert),
                    family,
                    faker_pool(locale, "last_names_female", convert),
                )
                patronymics = Locale(
                    faker_pool(locale, "middle_names_male", convert),
                    faker_pool(locale, "middle_names_female", convert),
                    family,
                )
                self.locales[locale, native] = (names, patronymics)

    def draw(self, rng: random.Random) -> str:
        locale = "ru_RU" if chance(rng, 0.8) else "uk_UA"
        native = chance(rng, NATIVE_SCRIPT_SHARE)
        names, patronymics = self.locales[locale, native]
        male = chance(rng, 0.5)
        given, family = names.given(rng, male), names.surname(rng, male)
        patronymic = patronymics.given(rng, male)
        if native:
            return f"{family} {given} {patronymic}"
        style = rng.random()
        if style < 0.50:
            return f"{given} {family}"
        if style < 0.80:
            return f"{given} {patronymic} {family}"
        return f"{family} {given} {patronymic}"


def _boosted(names: Iterable[str], common: str, factor: float) -> dict[str, float]:
    top = set(common.split())
    return {n: factor if n in top else 1.0 for n in names}


class Arabic:
    """Gulf, Levant and Egyptian customers (English-style spellings, often a father's name)
    and Maghreb customers (French-style spellings, Faker's fr_DZ)."""

    def __init__(self) -> None:
        self.given = {
            True: ranked(words.ARABIC_GIVEN_MALE, offset=3.0),
            False: ranked(words.ARABIC_GIVEN_FEMALE, offset=6.0),
        }
        self.family_al = ranked(words.ARABIC_FAMILY_AL, offset=10.0)
        self.family_plain = ranked(words.ARABIC_FAMILY_PLAIN, offset=10.0)
        self.maghreb = faker_locale("fr_DZ")
        self.native = faker_locale("ar_AA")

    def family(self, rng: random.Random) -> str:
        if chance(rng, 0.5):
            return self.family_plain.draw(rng)
        name = self.family_al.draw(rng)
        style = rng.random()
        if style < 0.6:
            return f"Al-{name}"
        if style < 0.9:
            return f"Al {name}"
        return f"Al{name.lower()}"

    def draw(self, rng: random.Random) -> str:
        male = chance(rng, 0.5)
        style = rng.random()
        if style < NATIVE_SCRIPT_SHARE:
            return f"{self.native.given(rng, male)} {self.native.surname(rng, male)}"
        if style < 0.25:
            given, family = self.maghreb.given(rng, male), self.maghreb.surname(rng, male)
            return f"{given} {family}" if chance(rng, 0.7) else f"{family} {given}"
        given, father = self.given[male].draw(rng), self.given[True].draw(rng)
        family = self.family(rng)
        parts = rng.random()
        if parts < 0.50:
            return f"{given} {family}"
        if parts < 0.88:
            return f"{given} {father} {family}"
        if parts < 0.94:
            return f"{given} {'bin' if male else 'binti'} {father} {family}"
        return f"{given} {father} {self.given[True].draw(rng)} {family}"


# Share of persons per tradition: roughly the mix of the earlier, smaller vocabulary.
REGION_SHARES = {
    "anglo": 0.27,
    "western_european": 0.13,
    "hispanic": 0.12,
    "chinese": 0.11,
    "japanese": 0.06,
    "korean": 0.10,
    "cyrillic": 0.10,
    "arabic": 0.11,
}


class People:
    """Draws a tradition by its share, then a name of that tradition."""

    def __init__(self) -> None:
        self.anglo = Anglo()
        self.western_european = WesternEuropean()
        self.hispanic = Hispanic()
        self.chinese = Chinese(self.anglo)
        self.japanese = Japanese()
        self.korean = Korean()
        self.cyrillic = Cyrillic()
        self.arabic = Arabic()
        self.traditions: dict[str, Drawable] = {
            "anglo": self.anglo,
            "western_european": self.western_european,
            "hispanic": self.hispanic,
            "chinese": self.chinese,
            "japanese": self.japanese,
            "korean": self.korean,
            "cyrillic": self.cyrillic,
            "arabic": self.arabic,
        }
        self._regions = tuple(REGION_SHARES)
        self._cum = tuple(itertools.accumulate(REGION_SHARES.values()))

    def draw(self, rng: random.Random) -> tuple[str, str]:
        """A person's name and its region (a key of ``REGION_SHARES``)."""
        region = self._regions[bisect.bisect_right(self._cum, rng.random() * self._cum[-1])]
        return self.traditions[region].draw(rng), region
