"""Taking apart names written in two scripts (real UN alias and note texts)."""

from __future__ import annotations

import pytest

from sanctionwatch.sources.name_scripts import names_in_note, split_scripts


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("Agha Jan Alizai اغا جان عالیزی", ["اغا جان عالیزی", "Agha Jan Alizai"]),
        (
            "Haji Gulab Gul (حاجی گلاب گل ولد حاجی حضرت گل )",
            ["حاجی گلاب گل ولد حاجی حضرت گل", "Haji Gulab Gul"],
        ),
        (
            "حسن غول (Hassan Ghul; Hassan Gul; Hasan Gul)",
            ["حسن غول", "Hassan Ghul", "Hassan Gul", "Hasan Gul"],
        ),
        ("Amir Khazmat (original script: Амир Хазмат)", ["Амир Хазмат", "Amir Khazmat"]),
        ("KIM JONG SIK", []),
        # Cyrillic letters inside a Latin word are homoglyphs, not a second writing.
        ("Kim J\u043eng Sik", []),
        ("Kim Cho\u2019ng-sik", []),
        ("خليل بن احمد بن محمد جراية", []),
    ],
)
def test_split_scripts(name: str, parts: list[str]) -> None:
    assert split_scripts(name) == parts


@pytest.mark.parametrize(
    ("note", "names"),
    [
        ("name in original script: عبدالباقي حقاني ", ["عبدالباقي حقاني"]),
        (
            "Name in Latin script, Abdul Salam Hanafi, name in original script; عبدالسلام حنفي",
            ["عبدالسلام حنفي"],
        ),
        ("original script: Ахмад Шишани", ["Ахмад Шишани"]),
        # A name broken over two lines in the file.
        (
            "expires on 31 Aug. 2021; name in Arabic script: سالم مصطفى محمد ال\nمنصور",
            ["سالم مصطفى محمد ال منصور"],
        ),
        # Script text without a label saying it is a name is left alone.
        ("ﻣﺻطﻔﻰ ﻋدﻧﺎن اﻟﻌزﯾز National Identification card no. 9080002892", []),
        ("former Yugoslavia", []),
    ],
)
def test_names_in_note(note: str, names: list[str]) -> None:
    assert names_in_note(note) == names
