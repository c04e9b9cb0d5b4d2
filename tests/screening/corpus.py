"""A small hand-built corpus of real DPRK listings (names as the lists write them)."""

from __future__ import annotations

from sanctionwatch.model.entity import ListedEntity


def _person(
    ref: str, name: str, *aliases: str, dob: str | None = None, **props: list[str]
) -> ListedEntity:
    properties: dict[str, list[str]] = {"name": [name], "nationality": ["kp"], **props}
    if aliases:
        properties["alias"] = list(aliases)
    if dob:
        properties["birthDate"] = [dob]
    source = "un" if ref.startswith("KP") else "ofac"
    key = "unscId" if source == "un" else "authorityId"
    return ListedEntity(
        f"{source}-{ref}", "Person", source, properties, [{key: [ref], "program": ["DPRK"]}]
    )


def corpus() -> list[ListedEntity]:
    return [
        _person("KPi.033", "RI WON HO", dob="1964-07-17", passportNumber=["381310014"]),
        _person("20157", "KIM, Jong Un", dob="1984-01-08"),
        _person("90001", "KIM, Jong Il"),
        _person("23213", "CHOE, Ryong Hae", "CH'OE RYONG-HAE", dob="1950-01-15"),
        _person("KPi.076", "CHOE SON HUI", "Ch'oe So'n-hu'i", dob="1964-08-10"),
        _person("KPi.045", "KIM KYONG OK"),
        _person("KPi.012", "MUN CHO'NG-CH'O'L", birthDateRange=["1950/1955"]),
        _person("KPi.078", "RI U'N SO'NG", weakAlias=["Ri Un"]),
        ListedEntity(
            "un-KPe.041",
            "LegalEntity",
            "un",
            {
                "name": ["KOREA RYONBONG GENERAL CORPORATION"],
                "alias": ["Korea Yonbong General Corporation"],
            },
            [{"unscId": ["KPe.041"], "program": ["DPRK"]}],
        ),
        ListedEntity(
            "un-KPe.008",
            "LegalEntity",
            "un",
            {"name": ["OCEAN MARITIME MANAGEMENT COMPANY, LIMITED (OMM)"], "country": ["kp"]},
            [{"unscId": ["KPe.008"], "program": ["DPRK"]}],
        ),
        ListedEntity(
            "ofac-17083",
            "Vessel",
            "ofac",
            {"name": ["CHON MA SAN"], "imoNumber": ["8660313"], "flag": ["kp"]},
            [{"authorityId": ["17083"], "program": ["DPRK"]}],
        ),
        ListedEntity(
            "ofac-99999",
            "Vessel",
            "ofac",
            {"name": ["CHON MA SAN"], "imoNumber": ["IMO 9074729"], "mmsi": ["445123000"]},
            [{"authorityId": ["99999"], "program": ["IRAN"]}],
        ),
        ListedEntity(
            "ofac-23162",
            "Vessel",
            "ofac",
            {"name": ["KUM SONG 7"], "imoNumber": ["8607495"]},
            [{"authorityId": ["23162"], "program": ["DPRK3"]}],
        ),
        ListedEntity(
            "ofac-7001",
            "Person",
            "ofac",
            {"name": ["LAVROV, Sergey Viktorovich"], "alias": ["Сергей Викторович Лавров"]},
            [{"authorityId": ["7001"], "program": ["RUSSIA-EO14024"]}],
        ),
    ]
