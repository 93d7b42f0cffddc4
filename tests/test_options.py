"""Options check themselves when made: whoever makes them (the command line, a script, a server) gets one
OptionsError (a NewsgraphError) with a sentence that names the option and says what it takes."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from click.testing import CliRunner

from newsgraph import NewsgraphError, Options
from newsgraph.cli import main
from newsgraph.errors import OptionsError


@pytest.mark.parametrize(
    ("given", "said"),
    [
        ({"batch_size": 0}, "batch_size must be a whole number of at least 1, not 0"),
        ({"workers": 0}, "workers must be a whole number of at least 1"),
        ({"workers": 2.5}, "workers must be a whole number"),
        ({"max_bytes": -1}, "max_bytes must be a whole number of at least 1"),
        ({"spacy_batch_size": True}, "spacy_batch_size must be a whole number"),
        ({"http_timeout": 0}, "http_timeout must be a positive number, not 0"),
        ({"http_timeout": float("inf")}, "http_timeout must be a positive number"),
        ({"story_window_days": -1.0}, "story_window_days must be a positive number"),
        ({"chunk_chars": 50}, "chunk_chars must be between 100 and 1,000,000 (the model's own limit), not 50"),
        ({"chunk_chars": 2_000_000}, "chunk_chars must be between 100 and 1,000,000"),
        ({"story_threshold": float("nan")}, "story_threshold must be a number of at least 0"),
        ({"merge_threshold": -0.1}, "merge_threshold must be a number of at least 0"),
        ({"published": "next Tuesday-ish"}, "published: 'next Tuesday-ish' is not a date newsgraph reads"),
        ({"outlet": 7}, "outlet must be text, not int"),
        ({"dask": "tcp://sched uler:8786"}, "dask: 'tcp://sched uler:8786' is not a Dask scheduler's address"),
        ({"dask": "tcp://scheduler:99999"}, "dask: 'tcp://scheduler:99999' is not a Dask scheduler's address"),
        ({"dask": "ftp://scheduler:8786"}, "dask: 'ftp://scheduler:8786' is not a Dask scheduler's address"),
        ({"dask": "tcp://scheduler:8786", "workers": 2}, "workers and dask: analyse on local workers or on a Dask"),
    ],
)
def test_an_option_that_cannot_be_used_is_one_clear_error(given: dict[str, Any], said: str) -> None:
    with pytest.raises(OptionsError, match="^" + said.replace("(", r"\(").replace(")", r"\)")) as caught:
        Options(**given)
    assert isinstance(caught.value, NewsgraphError) and isinstance(caught.value, ValueError)


def test_options_are_normalized_as_ingest_reads_them() -> None:
    options = Options(published="Feb 1, 2016", outlet="  Harbor   Gazette ")
    assert options.published == "2016-02-01" and options.outlet == "Harbor Gazette"
    assert Options(outlet="   ").outlet is None
    assert replace(options, batch_size=3).published == "2016-02-01"  # checked again, unchanged
    for address in ("tcp://10.0.0.5:8786", "scheduler.example.org:8786", "tls://[::1]:8786", "localhost"):
        assert Options(dask=address).dask == address
    with pytest.raises(OptionsError):
        replace(options, batch_size=0)  # a copy is checked as the original was


def test_the_command_line_reports_a_bad_option_in_one_line(tmp_path: Any) -> None:
    result = CliRunner().invoke(
        main, ["ingest", str(tmp_path), "--db", str(tmp_path / "n.db"), "--published", "someday"]
    )
    assert result.exit_code == 1 and not (tmp_path / "n.db").exists()
    assert result.output.strip() == "Error: published: 'someday' is not a date newsgraph reads (2016-02-01, 'Feb 1, 2016', ...)"
    result = CliRunner().invoke(main, ["ingest", str(tmp_path), "--db", str(tmp_path / "n.db"), "--dask", "a b"])
    assert result.exit_code == 1 and "is not a Dask scheduler's address" in result.output
    assert "Traceback" not in result.output
