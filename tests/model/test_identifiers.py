from sanctionwatch.model.identifiers import (
    imo_check_digit_ok,
    imos_in_text,
    mmsi_mid,
    normalize_imo,
    normalize_mmsi,
)


def test_imo_check_digit() -> None:
    # 9074729 is the IMO example number (check digit 9); changing the last digit breaks it.
    assert imo_check_digit_ok("9074729")
    assert not imo_check_digit_ok("9074728")
    assert not imo_check_digit_ok("917941")


def test_normalize_imo() -> None:
    assert normalize_imo("IMO 9074729") == "9074729"
    assert normalize_imo("IMO 9074728") is None
    assert normalize_imo("no number") is None


def test_imos_in_text() -> None:
    text = "Vessel YU JONG 2 (IMO 8604917); also IMO: 9074728 (bad digit), IMO no. 8605026."
    assert imos_in_text(text) == ["8604917", "8605026"]


def test_mmsi() -> None:
    assert normalize_mmsi("445 123 456") == "445123456"
    assert normalize_mmsi("12345") is None
    assert mmsi_mid("445123456") == "445"
    assert mmsi_mid("111234567") is None  # SAR aircraft, not a ship station
