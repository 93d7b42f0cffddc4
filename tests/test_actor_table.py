"""The actor table: its converter (scripts/petrarch_actors.py) on a small dictionary written here, the table read at a
date, and its use in analysis (a name the article does not place gets a country and a sector) and in the API (any
alias of an actor finds it)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from newsgraph import Article, Newsgraph, analyze
from newsgraph.analyze.actor_table import ActorTable, load_actor_table, without_initials
from newsgraph.analyze.actors import CountryTable, load_roles, resolve
from newsgraph.models import Mention

ROOT = Path(__file__).resolve().parents[1]

ACTORS = """# a test dictionary
ZEMBLAN_REPUBLIC_ [RUS]
+ZEMBLA_
IVAN_PETROVICH_KORSAKOV_  # CountryInfo.txt
+IVAN_P._KORSAKOV
+KORSAKOV
\t[RUSGOV 19940922-20040712] # Amb. to UN
\t[RUSGOV >20040309]  # Foreign Minister
ANNA_MARCHETTI_  # CountryInfo.txt
\t[ITAELI 550101-990427]
\t[ITAGOV >990427]
\t[ITAELI]
JOHN_SMITH_
\t[USAGOV 010101-050101]
PETER_SMITH_
\t[GBRMIL]
NORTHERN_FRONT_ [TMPREB]
UNITED_BLOCK_OF_NATIONS_ [IGOUNO]
"""
AGENTS = """!PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON
!MINIST! = MINISTER, MINISTERS, MINISTRY, MINISTRIES
INTERIOR_!MINIST! [~GOV]
RIOT_POLICE {} [~COP]
REBEL [~REB]
CONGRESS!PERSON! [~LEG]
"""


@pytest.fixture(scope="module")
def converter() -> ModuleType:
    spec = importlib.util.spec_from_file_location("petrarch_actors", ROOT / "scripts" / "petrarch_actors.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["petrarch_actors"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def table(converter: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> ActorTable:
    folder = tmp_path_factory.mktemp("dictionaries")
    for name in converter.ACTOR_FILES:
        (folder / name).write_text(ACTORS if "Countries" in name else "", encoding="utf-8")
    (folder / converter.AGENT_FILE).write_text(AGENTS, encoding="utf-8")
    out = folder / "out"
    assert converter.main(["--from", str(folder), "--out", str(out)]) == 0
    rows = [r for r in (out / "actors.tsv").read_text("utf-8").splitlines() if not r.startswith("#")]
    agents = dict(r.split("\t") for r in (out / "agents.tsv").read_text("utf-8").splitlines() if "\t" in r)
    return ActorTable(rows, agents)


def test_converter_reads_dates_codes_and_roles(converter: ModuleType, table: ActorTable) -> None:
    assert converter.day("990427") == "19990427" and converter.day("040309") == "20040309"
    assert converter.day("20040712") == "20040712" and converter.day("2004017") == ""
    assert converter.code_parts("RUSGOVDEV", {"RUS"}) == ("RUS", "government")
    assert converter.code_parts("TMPREB", {"TLS"}) == ("TLS", "rebels")  # CAMEO's East Timor is ISO's TLS
    assert converter.code_parts("IGOUNOKID", {"RUS"}) == ("", "igo")
    assert converter.code_parts("RUS", {"RUS"}) is None  # a country itself: countries.json's business
    assert table.find("Zembla", None) is None  # the country's own block is left out
    assert table.find("Northern Front", None) is not None
    assert table.agent("the Zemblan interior ministry") == "government"
    assert table.agent("congressmen") == "legislature" and table.agent("riot police") == "police"
    assert table.agent("rebels") == "rebels" and table.agent("the weather") is None


def test_a_name_is_read_at_the_articles_date(table: ActorTable) -> None:
    then, now = table.find("Korsakov", "2003-05-01", person=True), table.find("Korsakov", "2004-06-01", person=True)
    assert then is not None and now is not None
    assert (then.name, then.country, then.sector, then.role) == ("Ivan Petrovich Korsakov", "RUS", "government", "ambassador")
    assert now.role == "foreign minister"
    # after the dictionaries' last day (here 2004-07-12) an office they leave open may have ended: the country only
    later = table.find("Korsakov", "2023-05-01", person=True)
    assert later is not None and (later.country, later.sector, later.role) == ("RUS", None, None)
    early, late = table.find("Anna Marchetti", "1980-01-01"), table.find("Anna Marchetti", "2005-01-01")
    assert early is not None and early.sector == "elite" and late is not None and late.sector == "government"
    assert table.find("Marchetti", "2005-01-01", person=True) is not None  # the one full name that ends so
    assert table.find("Ivan P. Korsakov", "2010-01-01", person=True) is not None
    un = table.find("United Block of Nations", None)
    assert un is not None and (un.country, un.sector) == (None, "igo")


def test_a_surname_many_actors_share_is_nobody(table: ActorTable) -> None:
    assert table.find("Smith", "2003-01-01", person=True) is None
    assert table.find("Adam Smith", "2003-01-01", person=True) is None
    found = table.find("John Smith", "2003-01-01", person=True)
    assert found is not None and found.country == "USA"
    assert table.find("John Smith", "2010-01-01", person=True) is None  # no period holds that date


def test_initials_and_titles_are_no_part_of_a_name() -> None:
    assert without_initials("Donald J. Trump") == "Donald Trump"
    assert without_initials("Vladimir V. Putin") == "Vladimir Putin"
    assert without_initials("Mr. Obama") == "Obama" and without_initials("J. Smith") == "J. Smith"


def test_analysis_places_names_by_the_table_and_the_user_wins() -> None:
    text = "Bouteflika met Hezbollah leaders. Smith, a farmer, said Lavrov had written. Algeria agreed."
    mentions = [
        Mention(0, 10, "Bouteflika", "PERSON"),
        Mention(15, 24, "Hezbollah", "ORG"),
        Mention(34, 39, "Smith", "PERSON"),
        Mention(57, 63, "Lavrov", "PERSON"),
        Mention(77, 84, "Algeria", "GPE"),
    ]
    countries, roles, actors = CountryTable.build(), load_roles(), load_actor_table()
    out = resolve(text, mentions, countries, roles, None, actors, "2005-06-01")
    got = {m.text: (m.country, m.sector) for m in out}
    assert got["Bouteflika"] == ("DZA", "government") and got["Hezbollah"][0] == "LBN"
    assert got["Smith"] == (None, None)  # a common surname: nobody in particular
    lavrov = next(m for m in out if m.text == "Lavrov")
    assert (lavrov.country, lavrov.role) == ("RUS", "foreign minister")
    early = next(m for m in resolve(text, mentions, countries, roles, None, actors, "2002-06-01") if m.text == "Lavrov")
    assert early.role == "ambassador"


def test_one_entity_per_person_and_any_alias_finds_it(tmp_path: Path) -> None:
    articles = [
        Article(id="a", text="Vladimir V. Putin met Donald J. Trump in Helsinki on Monday.", published="2014-07-16"),
        Article(id="b", text="Donald Trump met Vladimir Putin in Helsinki on Monday.", published="2014-07-17"),
    ]
    with Newsgraph(tmp_path / "n.db") as ng:
        ng.ingest_articles([Article(**{**a.__dict__, "language": "en"}) for a in articles])
        people = {e["name"]: e for e in ng.export()["entities"] if e["type"] == "person"}
        assert {"Vladimir Putin", "Donald Trump"} <= set(people)
        assert not {"Vladimir V. Putin", "Donald J. Trump"} & set(people)
        assert people["Vladimir Putin"]["country"] == "RUS" and people["Vladimir Putin"]["sector"] == "government"
        relation = ng.relations("Vladimir Vladimirovich Putin", "Donald J. Trump")
        assert relation.a == "Vladimir Vladimirovich Putin"
        assert sum(len(p.events) for p in relation.points) >= 1


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ('"We lost everything," Nguyen said outside her flooded salon in Houston.', "Nguyen"),  # a surname in the table
        ("Coach Howard criticized the referees after the game.", "Howard"),
        ("The Tigers beat the Mavericks 102-99 on Sunday.", "Tigers"),  # a team, not a group the table lists
        ("The Senate passed the budget bill in Canberra.", "Senate"),  # a role noun: whose senate the text says
    ],
)
def test_a_word_many_may_bear_needs_the_article_to_name_its_country(text: str, name: str) -> None:
    (analysis,) = analyze([Article("x", text, published="2023-05-10")])
    mention = next(m for m in analysis.mentions if m.text == name)
    assert (mention.country, mention.sector) == (None, None)


def test_a_distinctive_name_the_dictionaries_list_needs_no_country_named() -> None:
    (analysis,) = analyze([Article("x", "Hezbollah said it fired rockets at Israel.", published="2006-07-20")])
    hezbollah = next(m for m in analysis.mentions if m.text == "Hezbollah")
    assert (hezbollah.country, hezbollah.sector) == ("LBN", "rebels")
