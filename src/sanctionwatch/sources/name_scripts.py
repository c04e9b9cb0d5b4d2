"""Names in another script, written inside a Latin-script alias or a note.

The UN list often packs two writings of one name into a single field:
``Haji Gulab Gul (حاجی گلاب گل ولد حاجی حضرت گل )``, ``حسن غول (Hassan Ghul; Hassan Gul)``,
``Abubakar (original script: Абубакар)``, or a note ``name in original script: عبدالسلام حنفي``.
A screening query in either script matches better against each writing on its own, so
these helpers pull the writings apart. They are pure and know nothing of any list.
"""

from __future__ import annotations

import re

__all__ = ["names_in_note", "split_scripts"]

# Arabic (with supplements and presentation forms), Cyrillic, Hangul, CJK ideographs.
_OTHER = (
    "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
    "\u0400-\u04ff\u0500-\u052f"
    "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af"
    "\u3400-\u4dbf\u4e00-\u9fff"
)
_OTHER_RUN = re.compile(rf"[{_OTHER}]+(?:[\s'\-]+[{_OTHER}]+)*")
_JOINERS = "'\u2019-"
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
# Labels around the second writing: "original script:", "name in Arabic script;", "In Arabic:".
_LABEL = re.compile(
    r"\b(?:name\s+)?(?:in\s+)?(?:original|arabic|cyrillic|latin|russian)(?:\s+script)?\s*[:;,]?",
    re.IGNORECASE,
)
_NOTE_NAMES_A_SCRIPT = re.compile(r"\b(?:script|arabic|cyrillic|russian)\b", re.IGNORECASE)


def _clean(text: str) -> str:
    return " ".join(text.split()).strip(" ,;:.()[]")


def split_scripts(name: str) -> list[str]:
    """The separate writings in a name that mixes Latin with another script.

    Returns [] when the name is in one script only (nothing to split). Latin variants
    listed with ";" inside the brackets become separate names.
    """
    name = " ".join(name.split())
    runs = list(_OTHER_RUN.finditer(name))
    if not runs or not _LATIN_LETTER.search(name):
        return []
    for run in runs:
        # Scripts mixed inside one word ("AAИ", "Ch'Иo", homoglyphs) are not two writings,
        # and a lone letter is no name.
        before = name[: run.start()].rstrip(_JOINERS)[-1:]
        after = name[run.end() :].lstrip(_JOINERS)[:1]
        if _LATIN_LETTER.match(before) or _LATIN_LETTER.match(after) or len(run.group(0)) < 2:
            return []
    others = [_clean(run.group(0)) for run in runs]
    latin = _OTHER_RUN.sub(" ", name)
    latin = _LABEL.sub(" ", latin).replace("(", ";").replace(")", ";")
    parts = [_clean(p) for p in latin.split(";")]
    found: list[str] = []
    for part in [*others, *parts]:
        if len(re.findall(r"\w", part)) >= 2 and part not in found and part != name:
            found.append(part)
    return found


def names_in_note(note: str) -> list[str]:
    """Names in another script that a note labels as such ("name in original script: ...")."""
    note = " ".join(note.split())
    if not _NOTE_NAMES_A_SCRIPT.search(note):
        return []
    found: list[str] = []
    for match in _OTHER_RUN.finditer(note):
        name = _clean(match.group(0))
        if len(name) >= 2 and name not in found:
            found.append(name)
    return found
