from followthemoney import model

from sanctionwatch.model.entity import Fact, listed_entities


def test_listed_entities_folds_sanctions_and_facts() -> None:
    person = model.make_entity("Person")
    person.id = "un-KPi.033"
    person.add("name", "KIM Jong Un")
    person.add("weakAlias", "Kim Chong-un")
    sanction = model.make_entity("Sanction")
    sanction.id = "un-KPi.033-sanction"
    sanction.add("entity", person.id)
    sanction.add("unscId", "KPi.033")
    sanction.add("program", "DPRK")
    facts = [Fact("un-KPi.033", "birthDateRange", "1982/1984"), Fact("missing", "x", "y")]

    [listed] = listed_entities("un", [sanction, person], facts)

    assert listed.caption == "KIM Jong Un"
    assert listed.names == ["KIM Jong Un", "Kim Chong-un"]
    assert listed.reference == "KPi.033"
    assert listed.programs == ["DPRK"]
    assert listed.get("birthDateRange") == ["1982/1984"]
