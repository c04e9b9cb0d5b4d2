"""Ships and IMO numbers in free text: ship numbers, the entry's own company number, or neither."""

from __future__ import annotations

import pytest

from sanctionwatch.sources.ship_mentions import ImoMention, imo_mentions, ship_names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Real UN COMMENTS1 sentences (KPe.022, KPe.020, KPe.066): the entry's own number.
        ("IMO Number: 5342883. The Chongchongang Shipping Company, through its vessel, ...", "own"),
        (
            "... these resolutions. International Maritime Organization (IMO) Number: 1790183.",
            "own",
        ),
        ("... through a ship-to-ship transfer operation. Company Number IMO 5434358.", "own"),
        ("Owner of the DPRK tanker PAEK MA, in mid-January 2018. IMO number: 5963351.", "own"),
        # No ship word before the number.
        ("Arranged payments; see IMO 9074729 records.", "unattributed"),
    ],
)
def test_classification(text: str, expected: str) -> None:
    (mention,) = imo_mentions(text)
    assert mention.kind == expected


def test_ship_with_name_before_the_number() -> None:
    text = "Registered owner of the vessel WISE HONEST (IMO 8905490), which exported coal."
    assert imo_mentions(text) == [ImoMention("8905490", "ship", "WISE HONEST")]


def test_ship_with_name_after_the_ship_word() -> None:
    text = "Ship manager of the tanker YU JONG 2 which, IMO: 9074729, loaded fuel."
    assert imo_mentions(text) == [ImoMention("9074729", "ship", "YU JONG 2")]


def test_ship_without_a_readable_name() -> None:
    assert imo_mentions("Operates a vessel with IMO 9074729.") == [
        ImoMention("9074729", "ship", None)
    ]


def test_bad_check_digit_next_to_a_ship_word() -> None:
    assert imo_mentions("Managed tanker BAD DIGIT (IMO 8905491).") == [
        ImoMention("8905491", "bad-check-digit")
    ]


def test_several_mentions_in_order() -> None:
    text = "Owns vessel A ONE (IMO 8905490) and vessel B TWO (IMO 9074729). IMO number: 5342883."
    assert [(m.imo, m.kind, m.name) for m in imo_mentions(text)] == [
        ("8905490", "ship", "A ONE"),
        ("9074729", "ship", "B TWO"),
        ("5342883", "own", None),
    ]


def test_no_imo_no_mentions() -> None:
    assert imo_mentions("Company number 1234567 in the registry of Panama.") == []


def test_ship_names() -> None:
    # Real KPe.064 and KPe.070 text; mixed-case names (KPe.020 "Chong Chon Gang") are not read.
    assert ship_names("Registered owner of DPRK tankers SAM JONG 1 and SAM JONG 2. Both") == [
        "SAM JONG 1",
        "SAM JONG 2",
    ]
    assert ship_names("The company also owns vessels JI SONG 8 and WOORY STAR. IMO") == [
        "JI SONG 8",
        "WOORY STAR",
    ]
    assert ship_names("is the operator/manager of the vessel Chong Chon Gang. It") == []
    assert ship_names("tanker YU JONG 2 ... the tanker\nYU JONG 2 again") == ["YU JONG 2"]
