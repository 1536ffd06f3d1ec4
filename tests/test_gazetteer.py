"""The shipped actor gazetteer, its loader, and the TABARI dictionary reader behind it.

Reads only files shipped in the package (no /work/shared needed)."""

from __future__ import annotations

from datetime import date

import pytest

from vigie.nlp.gazetteer import Actor, Role, load_agents, load_gazetteer
from vigie.nlp.tabari import (
    merge_synonym_blocks,
    parse_actors,
    parse_agents,
    parse_date,
)

OCT_18_2021 = date(2021, 10, 18)


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


def test_lavrov_roles_by_date(gazetteer):
    lavrov = gazetteer.get("person/sergey-lavrov")
    assert lavrov is not None and lavrov.type == "person"
    role = lavrov.role_on(OCT_18_2021)
    assert (role.code, role.country, role.sector, role.title) == ("RUSGOV", "RUS", "GOV", "Foreign Minister")
    earlier = lavrov.role_on(date(2000, 1, 1))
    assert earlier.title == "Amb. to UN"
    assert (earlier.start, earlier.end) == (date(1994, 9, 22), date(2004, 7, 12))
    assert lavrov.role_on(None).title == "Foreign Minister"
    assert lavrov.surname == "Lavrov"
    assert "Sergei Lavrov" in lavrov.aliases["en"]
    assert "Sergueï Lavrov" in lavrov.aliases["fr"]
    assert lavrov.label("fr") == "Sergueï Lavrov"
    # no bare surname and no role-prefixed alias
    forms = [f.casefold() for forms in lavrov.aliases.values() for f in forms]
    assert "lavrov" not in forms
    assert not any("minister" in f for f in forms)


def test_nato(gazetteer):
    nato = gazetteer.get("NATO")
    assert nato.type == "igo" and nato.code == "IGOWSTNAT" and nato.qid == "Q7184"
    assert "Otan" in nato.aliases["fr"]
    assert "Alliance atlantique" in nato.aliases["fr"]
    assert "North Atlantic Treaty Organization" in nato.aliases["en"]
    assert nato.country is None


def test_russia_seats_and_adjectives(gazetteer):
    russia = gazetteer.get("RUS")
    assert russia.type == "country" and russia.country == "RUS" and russia.iso
    assert russia.label("fr") == "Russie" and russia.qid == "Q159"
    assert {"Moscou", "Kremlin"} <= set(russia.seats["fr"])
    assert {"Moscow", "Kremlin"} <= set(russia.seats["en"])
    assert "russe" in russia.adjectives["fr"] and "Russes" in russia.adjectives["fr"]
    assert "Russian" in russia.adjectives["en"]
    # cities are not names of the country
    assert "Novosibirsk" not in russia.aliases["en"]


def test_belarus_french_name(gazetteer):
    assert gazetteer.get("BLR").name["fr"] == "Biélorussie"


def test_ambiguous_seat(gazetteer):
    assert "Bruxelles" in gazetteer.get("EU").seats["fr"]
    assert "Bruxelles" in gazetteer.get("EU").ambiguous_seats["fr"]
    assert "Bruxelles" in gazetteer.get("BEL").ambiguous_seats["fr"]


def test_biden_and_nuland(gazetteer):
    biden = gazetteer.get("person/joe-biden")
    role = biden.role_on(OCT_18_2021)
    assert role.code == "USAGOV" and role.country == "USA" and role.title == "President"
    assert biden.role_on(date(2012, 6, 1)).title == "Vice President"
    nuland = gazetteer.get("person/victoria-nuland")
    assert nuland.country == "USA"
    assert nuland.role_on(OCT_18_2021).code == "USAGOV"


def test_igo_official_has_no_country(gazetteer):
    guterres = gazetteer.get("person/antonio-guterres")
    assert guterres.country is None and guterres.igo == "UN"
    assert guterres.role_on(OCT_18_2021).igo == "UN"


def test_records_are_well_formed(gazetteer):
    assert len(gazetteer) > 10_000
    assert len(set(gazetteer.actors)) == len(gazetteer.actors)
    types = {actor.type for actor in gazetteer}
    assert types == {"country", "igo", "person", "group", "org"}
    for actor in gazetteer:
        assert actor.id and actor.name.get("en"), actor.id
        if actor.type == "person":
            assert actor.id.startswith("person/")
        for role in actor.roles:
            assert role.start is None or role.end is None or role.start <= role.end or role.code, actor.id


def test_role_on_prefers_latest_dated_role():
    actor = Actor(
        id="person/x",
        type="person",
        name={"en": "X"},
        aliases={},
        adjectives={},
        seats={},
        country="FRA",
        sector="GOV",
        code="FRAGOV",
        qid=None,
        roles=(
            Role("FRAELI", "FRA", "ELI", None, None, None),
            Role("FRAGOV", "FRA", "GOV", date(2010, 1, 1), None, "Minister"),
            Role("FRAGOV", "FRA", "GOV", date(2015, 1, 1), date(2016, 1, 1), "Prime Minister"),
        ),
    )
    assert actor.role_on(date(2015, 6, 1)).title == "Prime Minister"
    assert actor.role_on(date(2017, 1, 1)).title == "Minister"
    assert actor.role_on(date(2000, 1, 1)).code == "FRAELI"
    assert actor.role_on(None).title == "Prime Minister"
    assert actor.label("fr") == "X"


def test_agents():
    fr = load_agents("fr")
    assert fr["ministre"] == "GOV"
    assert fr["police"] == "COP"
    assert fr["manifestant"] == "OPP"
    assert fr["rebelle"] == "REB"
    assert len(fr) >= 80
    en = load_agents("en")
    assert en["protester"] == "OPP" and en["police"] == "COP" and en["foreign minister"] == "GOV"


TABARI_SNIPPET = """\
# a comment line
SERGEY_LAVROV_  # CountryInfo.txt
+SERGEY_VIKTOROVICH_LAVROV_
+LAVROV
+RUSSIAN_FOREIGN_MINISTER_LAVROV
\t[RUSGOV 19940922-20040712] # Amb. to UN
\t[RUSGOV >20040309]  # Foreign Minister
KOFI_ANNAN_\t[IGOUNO 970101-061231] [ELI]# IGOrulers.txt
OLD_ENTRY_\t[FRAGOV <320101]
NOT_AN_ACTOR_  [---]
IVO_JOSIPOVIC_
PRESIDENT_JOSIPOVIC_
JOSIPOVIC_
\t[HRVGOV >20120219]

BROKEN_ [XYZGOV 9008223-911221]
"""


def test_tabari_parse():
    warnings: list[str] = []
    entries = parse_actors(TABARI_SNIPPET, warnings)
    by_name = {e.name: e for e in entries}
    lavrov = by_name["SERGEY_LAVROV_"]
    assert lavrov.comment == "CountryInfo.txt"
    assert lavrov.aliases == ["SERGEY_VIKTOROVICH_LAVROV_", "LAVROV", "RUSSIAN_FOREIGN_MINISTER_LAVROV"]
    first, second = lavrov.codes
    assert (first.code, first.start, first.end, first.comment) == (
        "RUSGOV",
        date(1994, 9, 22),
        date(2004, 7, 12),
        "Amb. to UN",
    )
    assert (second.start, second.end, second.comment) == (date(2004, 3, 9), None, "Foreign Minister")
    annan = by_name["KOFI_ANNAN_"]
    assert [(c.code, c.start, c.end) for c in annan.codes] == [
        ("IGOUNO", date(1997, 1, 1), date(2006, 12, 31)),
        ("ELI", None, None),
    ]
    assert annan.comment == "IGOrulers.txt"
    assert by_name["OLD_ENTRY_"].codes[0].end == date(1932, 1, 1)  # yy > 30: 19yy
    assert by_name["NOT_AN_ACTOR_"].discarded and not by_name["NOT_AN_ACTOR_"].codes
    assert by_name["BROKEN_"].codes == [] and any("7 digits" in w for w in warnings)

    merged = {e.name: e for e in merge_synonym_blocks(entries)}
    josipovic = merged["IVO_JOSIPOVIC_"]
    assert josipovic.aliases == ["PRESIDENT_JOSIPOVIC_", "JOSIPOVIC_"]
    assert josipovic.codes[0].code == "HRVGOV" and josipovic.codes[0].start == date(2012, 2, 19)


def test_tabari_repairs_and_dates():
    entries = parse_actors("X_ [ARMUNR 9008223-911221]\n", repairs={"ARMUNR 9008223-911221": "ARMUNR 900823-911221"})
    assert entries[0].codes[0].start == date(1990, 8, 23)
    assert parse_date("140608") == date(2014, 6, 8)
    assert parse_date("300101") == date(2030, 1, 1)
    assert parse_date("310101") == date(1931, 1, 1)
    assert parse_date("19300101") == date(1930, 1, 1)
    assert parse_date("1920030320") == date(2003, 3, 20)


def test_tabari_agents():
    text = "!PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON\nBUSINESS!PERSON! [~BUS]\nLAWMAN {LAWMEN} [~COP]\nPROTESTER [~OPP] # x\n"
    agents = parse_agents(text)
    assert [(a.phrase, a.code) for a in agents] == [
        ("BUSINESSMAN", "~BUS"),
        ("BUSINESSWOMAN", "~BUS"),
        ("BUSINESSPERSON", "~BUS"),
        ("LAWMAN", "~COP"),
        ("PROTESTER", "~OPP"),
    ]
    assert agents[3].plurals == ["LAWMEN"]
