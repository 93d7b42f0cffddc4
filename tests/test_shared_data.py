"""The rule for tests that read ../shared: skip when absent, fail when CI requires the data."""

from __future__ import annotations

from pathlib import Path

import pytest

import conftest


def test_missing_shared_data_skips(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(conftest, "SHARED", tmp_path / "absent")
    monkeypatch.delenv("NEWSGRAPH_REQUIRE_SHARED", raising=False)
    with pytest.raises(pytest.skip.Exception):
        conftest.shared_path("samples", "seeds")


def test_missing_shared_data_fails_when_required(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(conftest, "SHARED", tmp_path / "absent")
    monkeypatch.setenv("NEWSGRAPH_REQUIRE_SHARED", "1")
    with pytest.raises(pytest.fail.Exception):
        conftest.shared_path("samples", "seeds")
