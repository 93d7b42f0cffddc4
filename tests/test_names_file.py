"""The user's own names file: people, country forms and places added to the registry."""

from __future__ import annotations

import json
import pickle
from dataclasses import FrozenInstanceError
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph import Article, Newsgraph, Options
from newsgraph.analyze.actors import CountryTable
from newsgraph.analyze.registry import RegistryError, load
from newsgraph.cli import main
from newsgraph.errors import NamesFileError
from newsgraph.ingest import metadata as md
from newsgraph.ingest.outlets import Outlet, OutletTable

NAMES = {
    "people": [{"name": "Choe Son Hui", "aliases": ["Madam Choe"], "country": "PRK", "role": "foreign minister"}],
    "countries": {"PRK": {"aliases": ["the Hermit Kingdom"]}},
    "places": [
        {
            "name": "Ryugyong Hotel", "aliases": ["the pyramid hotel"], "feature": "facility",
            "kind": "landmark", "country": "PRK", "lat": 39.04, "lon": 125.73,
        }
    ],
}  # fmt: skip
TEXT = (
    "Madam Choe met diplomats at the Ryugyong Hotel on Monday. Officials of the Hermit Kingdom said "
    "the visit went well, and the foreign minister left Pyongyang by train."
)


def write(tmp_path: Path, data: object) -> str:
    path = tmp_path / "names.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_names_file_adds_people_country_forms_and_places(tmp_path: Path) -> None:
    options = Options(names_file=write(tmp_path, NAMES))
    with Newsgraph(tmp_path / "n.db", options) as ng:
        ng.ingest_articles([Article(id="a", text=TEXT, language="en", published="2023-10-20")])
        data = ng.export()
    entities = {e["name"]: e for e in data["entities"]}
    choe = entities["Choe Son Hui"]
    assert (choe["type"], choe["country"], choe["role"]) == ("person", "PRK", "foreign minister")
    assert "Madam Choe" in choe["aliases"]
    assert "the Hermit Kingdom" in entities["North Korea"]["aliases"]
    hotel = next(p for p in data["places"] if p["name"] == "Ryugyong Hotel")
    assert (hotel["country"], hotel["feature"]) == ("PRK", "facility")


def test_without_the_file_none_of_it_applies(tmp_path: Path) -> None:
    with Newsgraph(tmp_path / "n.db") as ng:
        ng.ingest_articles([Article(id="a", text=TEXT, language="en", published="2023-10-20")])
        data = ng.export()
    assert "Choe Son Hui" not in {e["name"] for e in data["entities"]}
    assert "Ryugyong Hotel" not in {p["name"] for p in data["places"]}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "expected a JSON object"),
        ({"persons": []}, "unknown keys"),
        ({"people": [{"aliases": ["x"]}]}, "people[0]: needs a 'name'"),
        ({"countries": {"North Korea": {}}}, "alpha-3"),
        ({"places": [{"name": "X", "lat": 100, "lon": 0}]}, "'lat' (-90..90)"),
        ({"places": [{"name": "X", "feature": "street", "lat": 1, "lon": 1}]}, "'feature' must be one of"),
        ({"outlets": [{"domains": ["x.example"]}]}, "outlets[0]: needs a 'name'"),
        ({"outlets": [{"name": "X", "domain": ["x.example"]}]}, "outlets[0]: unknown keys ['domain']"),
        ({"outlets": [{"name": "X", "domains": "x.example"}]}, "outlets[0]: 'domains' must be a list of host names"),
        ({"outlets": [{"name": "X", "domains": ["https://x.example/news"]}]}, "'https://x.example/news' is not a host"),
        ({"outlets": [{"name": "X", "wire": "yes"}]}, "outlets[0]: 'wire' must be true or false"),
        ({"outlets": [{"name": "X", "aliases": [""]}]}, "outlets[0].aliases: expected a list of names"),
        (
            {"outlets": [{"name": "X", "domains": ["x.example"]}, {"name": "Y", "domains": ["www.X.example"]}]},
            "outlets[1]: domain 'x.example' is already outlets[0]'s",
        ),
    ],
)
def test_a_bad_names_file_is_refused_with_where_and_why(tmp_path: Path, data: object, message: str) -> None:
    with pytest.raises(RegistryError, match=message.replace("[", r"\[").replace("(", r"\(").replace(")", r"\)")):
        load(write(tmp_path, data))


def test_cli_refuses_a_bad_names_file_before_reading_inputs(tmp_path: Path) -> None:
    bad = tmp_path / "names.json"
    bad.write_text("{not json", encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", str(tmp_path), "--db", str(tmp_path / "n.db"), "--names", str(bad)])
    assert result.exit_code == 1 and "not JSON" in result.stderr


def test_the_file_does_not_override_what_the_article_itself_resolved(tmp_path: Path) -> None:
    from newsgraph import Mention
    from newsgraph.analyze.actors import load_roles, resolve

    registry = load(write(tmp_path, {"people": [{"name": "Choe Son Hui", "aliases": ["Choe"], "country": "PRK"}]}))
    text = "Choe Ryong Hae met the envoy on Monday. Choe said the talks went well. Choe left."
    ms = [Mention(0, 14, "Choe Ryong Hae", "PERSON"), Mention(40, 44, "Choe", "PERSON")]
    assert [m.canonical for m in resolve(text, ms, CountryTable.build(registry), load_roles(), registry)] == ["Choe Ryong Hae", "Choe Ryong Hae"]
    alone = [Mention(text.rindex("Choe"), text.rindex("Choe") + 4, "Choe", "PERSON")]
    assert [m.canonical for m in resolve(text, alone, CountryTable.build(registry), load_roles(), registry)] == ["Choe Son Hui"]


@pytest.mark.parametrize("data", [{"people": None}, {"places": 3}, {"outlets": {"name": "X"}}])
def test_wrong_kinds_of_lists_are_refused_not_crashed_on(tmp_path: Path, data: object) -> None:
    with pytest.raises(RegistryError, match="must be a list"):
        load(write(tmp_path, data))


# --- outlets and wire agencies ----------------------------------------------------------------

OUTLETS = {  # invented for these tests, on reserved domains
    "outlets": [
        {"name": "Valley Wire", "domains": ["valleywire.example"], "aliases": ["VWire", "Valley Wire Service"], "wire": True},
        {"name": "Hill Gazette", "domains": ["www.HillGazette.example"], "aliases": ["The Hill Gazette"]},
    ]
}  # fmt: skip
FLOOD = (
    "Flood water rose along the Wabash River on Tuesday, forcing hundreds of families from their homes in "
    "low-lying streets, the county emergency office said. Volunteers filled sandbags through the night at "
    "the fairground, and two shelters opened in school gyms. The river is expected to crest on Thursday, "
    "about four feet above flood stage, before falling slowly over the weekend."
)


def flood_files(folder: Path) -> None:
    """One wire dispatch as the wire agency published it, and reprinted, a little longer, by a paper."""
    folder.mkdir()
    (folder / "wire.txt").write_text(
        f"River floods force families from homes\nJune 3, 2025\n\nTERRE HAUTE (VWire) - {FLOOD}\n\n"
        "Original url: https://valleywire.example/2025/06/03/river-floods\n",
        encoding="utf-8",
    )
    (folder / "paper.txt").write_text(
        f"River floods force families from homes | The Hill Gazette\nJune 3, 2025\n\n"
        f"TERRE HAUTE (Valley Wire Service) - {FLOOD}\n\nThe Hill Gazette will update this story.\n\n"
        "Original url: https://news.hillgazette.example/2025/06/03/river-floods\n",
        encoding="utf-8",
    )


def test_names_file_outlets_are_parsed() -> None:
    from newsgraph.analyze.registry import parse

    registry = parse(OUTLETS, "names.json")
    assert registry.outlets == (
        Outlet("Valley Wire", ("valleywire.example",), ("VWire", "Valley Wire Service"), True),
        Outlet("Hill Gazette", ("hillgazette.example",), ("The Hill Gazette",), False),
    )
    assert pickle.loads(pickle.dumps(registry)) == registry  # it travels in the analysis context


def test_a_users_wire_in_a_dateline_is_canonical_and_its_own_copy_is_the_original(tmp_path: Path) -> None:
    flood_files(tmp_path / "in")
    options = Options(names_file=write(tmp_path, OUTLETS))
    with Newsgraph(tmp_path / "n.db", options) as ng:
        ng.ingest([tmp_path / "in"])
        by_file = {Path(a.source).name: a for a in ng.articles()}
        wire, paper = by_file["wire.txt"], by_file["paper.txt"]
        assert (wire.outlet, wire.credited) == ("Valley Wire", ["Valley Wire"])
        assert (paper.outlet, paper.credited) == ("Hill Gazette", ["Valley Wire"])  # 'Valley Wire Service' made canonical
        assert ng._store.reuse()[paper.id][0] == wire.id  # the same day: the wire agency's own copy is the original
        [story] = ng.stories()
        brief = ng.brief(story.id)
    assert brief is not None
    [group] = brief.reprints
    assert (group.original_id, group.source, group.kind, group.copies) == (wire.id, "Valley Wire", "dispatch", [paper.id])
    shown = CliRunner().invoke(main, ["show", story.id, "--names", options.names_file or "", "--db", str(tmp_path / "n.db")])
    assert "1 of 2 articles is a reprint of one Valley Wire dispatch" in shown.stdout


def test_without_the_names_file_the_wire_is_nobody_and_the_fuller_text_is_the_original(tmp_path: Path) -> None:
    flood_files(tmp_path / "in")
    with Newsgraph(tmp_path / "n.db") as ng:
        ng.ingest([tmp_path / "in"])
        by_file = {Path(a.source).name: a for a in ng.articles()}
        wire, paper = by_file["wire.txt"], by_file["paper.txt"]
        assert (wire.outlet, wire.credited) == ("valleywire.example", [])
        assert (paper.outlet, paper.credited) == ("news.hillgazette.example", [])
        assert ng._store.reuse()[wire.id][0] == paper.id


def test_outlet_table_lookups_with_a_users_outlets() -> None:
    table = OutletTable.build(load_registry_outlets())
    assert md.dateline_credit("TERRE HAUTE (VWire) - Flood water rose.", table) == "Valley Wire"
    assert md.dateline_credit("TERRE HAUTE (VWire) - Flood water rose.") is None
    assert md.canonical_credit("valley wire service", table) == "Valley Wire" and md.is_wire("VWire", table)
    assert md.outlet_from_url("https://news.hillgazette.example/a", table) == "Hill Gazette"
    assert md.known_outlet("the hill gazette", table) == "Hill Gazette"
    assert md.split_title_suffix("River floods | The Hill Gazette", outlets=table) == ("River floods", "Hill Gazette")
    assert md.split_title_suffix("River floods Hill Gazette English", require_separator=False, outlets=table) == (
        "River floods",
        "Hill Gazette",
    )
    assert md.byline("By Jane Roe and VWire", table) == ["Jane Roe", "Valley Wire"]
    assert md.credit_line("With Valley Wire Service", table) == ["Valley Wire"]
    assert md.credit_line("With Valley Wire Service") is None
    # the package's table is still there, and is not changed by a user's table (no hidden state)
    assert md.canonical_credit("Agence France-Presse", table) == "AFP" and md.outlet_from_url("https://dw.com/x", table) == "DW"
    assert OutletTable.default().wire("VWire") is None and md.known_outlet("Hill Gazette") is None


def test_a_users_outlets_win_over_the_package_table() -> None:
    table = OutletTable.build([Outlet("AP Daily", ("apnews.com",), ("AP",), wire=False)])
    assert md.is_wire("AP") and md.canonical_credit("Associated Press") == "AP"
    assert not md.is_wire("AP", table) and md.canonical_credit("AP", table) == "AP"
    assert md.known_outlet("AP", table) == "AP Daily" and md.outlet_from_url("https://apnews.com/x", table) == "AP Daily"
    assert md.is_wire("Associated Press", table)  # what the file does not name stays as the package has it


def test_the_outlet_table_is_an_immutable_value_that_pickles() -> None:
    table = OutletTable.build(load_registry_outlets())
    copy = pickle.loads(pickle.dumps(table))
    assert copy == table and copy.wire("VWire") == "Valley Wire" and copy.outlet_of_host("hillgazette.example")
    assert pickle.loads(pickle.dumps(OutletTable.default())) == OutletTable.default()
    assert OutletTable.build() is OutletTable.default()
    with pytest.raises(FrozenInstanceError):
        table.extra = ()  # type: ignore[misc]
    with pytest.raises(TypeError):
        table._hosts["x.example"] = "X"  # type: ignore[index]


def load_registry_outlets() -> tuple[Outlet, ...]:
    from newsgraph.analyze.registry import parse

    return parse(OUTLETS).outlets


# --- what is no names file: one NamesFileError naming the file and why, soon, never a traceback ----------------------


def names_error(path: Path | str) -> str:
    with pytest.raises(RegistryError) as caught:
        load(str(path))
    assert isinstance(caught.value, NamesFileError)
    return str(caught.value)


def test_a_names_file_over_the_cap_is_refused_unread(tmp_path: Path) -> None:
    big = tmp_path / "names.json"
    with big.open("wb") as f:
        f.truncate(10_000_001)  # sparse: no disk, and nothing of it is read
    assert names_error(big) == f"{big}: file of 10,000,001 bytes is over the 10,000,000-byte cap of a names file"


@pytest.mark.parametrize("depth", [1_000, 100_000])
def test_deep_nesting_is_refused_not_a_recursion_error(tmp_path: Path, depth: int) -> None:
    path = tmp_path / "names.json"
    path.write_text('{"comment": ' + "[" * depth + "]" * depth + "}", encoding="utf-8")
    assert names_error(path) == f"{path}: nested too deeply for a names file"


def test_nesting_up_to_the_bound_and_brackets_in_strings_are_fine(tmp_path: Path) -> None:
    from newsgraph.analyze.registry import MAX_DEPTH

    path = tmp_path / "names.json"
    inner = MAX_DEPTH - 1  # the object itself is one level
    path.write_text('{"comment": ' + "[" * inner + "]" * inner + "}", encoding="utf-8")
    assert load(str(path)) is not None
    path.write_text('{"comment": ' + "[" * (inner + 1) + "]" * (inner + 1) + "}", encoding="utf-8")
    assert names_error(path) == f"{path}: nested too deeply for a names file"
    path.write_text(json.dumps({"comment": '\\"[{' * 5000, "people": [{"name": "[[[[", "aliases": ["}}"]}]}))
    registry = load(str(path))
    assert registry is not None and registry.people[0].name == "[[[["


def test_binary_garbage_and_numbers_python_cannot_read_are_one_error(tmp_path: Path) -> None:
    path = tmp_path / "names.json"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe")
    assert names_error(path) == f"{path}: not UTF-8 text (a bad byte at 0)"
    path.write_text('{"places": [{"name": "X", "lat": ' + "1" * 5000 + ', "lon": 0}]}', encoding="utf-8")
    assert names_error(path).startswith(f"{path}: not JSON: ")


def test_a_byte_order_mark_is_allowed(tmp_path: Path) -> None:
    path = tmp_path / "names.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(NAMES).encode())
    registry = load(str(path))
    assert registry is not None and registry.people[0].name == "Choe Son Hui"


def test_a_folder_or_a_socket_is_no_names_file(tmp_path: Path) -> None:
    import socket

    assert names_error(tmp_path) == f"{tmp_path}: a folder, not a regular file"
    with socket.socket(socket.AF_UNIX) as s:
        s.bind(str(tmp_path / "s"))
        assert names_error(tmp_path / "s") == f"{tmp_path / 's'}: a socket, not a regular file"


@pytest.mark.processes
@pytest.mark.parametrize("kind", ["/dev/zero", "fifo"])
def test_a_device_or_a_named_pipe_as_names_file_is_one_line_at_once(tmp_path: Path, kind: str) -> None:
    """`--names /dev/zero` read until the kernel killed the process, and a named pipe hung: now one line, at once
    (the child's memory is bounded, so the old behaviour fails the test rather than the machine)."""
    import os
    import resource
    import subprocess
    import sys
    import time

    names = kind
    if kind == "fifo":
        names = str(tmp_path / "names.json")
        os.mkfifo(names)

    def bounded() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (3_000_000_000, 3_000_000_000))

    started = time.monotonic()
    run = subprocess.run(
        [sys.executable, "-m", "newsgraph.cli", "ingest", str(tmp_path), "--db", str(tmp_path / "n.db"), "--names", names],
        capture_output=True, text=True, timeout=60, preexec_fn=bounded, env={**os.environ, "NO_COLOR": "1"},
    )  # fmt: skip
    assert time.monotonic() - started < 30
    what = "a character device" if kind == "/dev/zero" else "a named pipe"
    assert (run.returncode, run.stdout, run.stderr) == (1, "", f"Error: {names}: {what}, not a regular file\n")
