"""Options check themselves when made: whoever makes them (the command line, a script, a server) gets one
OptionsError (a NewsgraphError) with a sentence that names the option and says what it takes."""

from __future__ import annotations

import os
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newsgraph import Newsgraph, NewsgraphError, Options
from newsgraph.cli import main
from newsgraph.errors import OptionsError

CORES = os.cpu_count() or 1


@pytest.mark.parametrize(
    ("given", "said"),
    [
        ({"batch_size": 0}, "batch_size must be a whole number of at least 1, not 0"),
        ({"workers": 0}, "workers must be a whole number of at least 1"),
        ({"workers": 2.5}, "workers must be a whole number"),
        ({"max_bytes": -1}, "max_bytes must be a whole number of at least 1"),
        ({"spacy_batch_size": True}, "spacy_batch_size must be a whole number"),
        ({"http_timeout": 0}, "http_timeout must be a positive number of seconds, at most 3,600, not 0"),
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
        ({"workers": 4 * CORES + 1}, f"workers: at most {4 * CORES} on this machine (4 per core), not {4 * CORES + 1}"),
        ({"n_process": 10**6}, f"n_process: at most {4 * CORES} on this machine (4 per core), not 1000000"),
        ({"http_timeout": 1e300}, "http_timeout must be a positive number of seconds, at most 3,600, not 1e+300"),
        ({"http_timeout": float("nan")}, "http_timeout must be a positive number"),
        ({"max_bytes": 10**23}, "max_bytes must be a whole number of at most 1,000,000,000, not 10000"),
        ({"batch_size": 10**9}, "batch_size must be a whole number of at most 10,000, not 1000000000"),
        ({"spacy_batch_size": 10**5}, "spacy_batch_size must be a whole number of at most 10,000"),
        ({"max_redirects": 10**4}, "max_redirects must be a whole number of at most 20, not 10000"),
    ],
)
def test_an_option_that_cannot_be_used_is_one_clear_error(given: dict[str, Any], said: str) -> None:
    with pytest.raises(OptionsError, match="^" + re.escape(said)) as caught:
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
    assert Options(dask=" tcp://10.0.0.5:8786/ ").dask == "tcp://10.0.0.5:8786"  # as Dask reads it


def test_the_command_line_reports_a_bad_option_in_one_line(tmp_path: Any) -> None:
    result = CliRunner().invoke(
        main, ["ingest", str(tmp_path), "--db", str(tmp_path / "n.db"), "--published", "someday"]
    )
    assert result.exit_code == 1 and not (tmp_path / "n.db").exists()
    assert result.output.strip() == "Error: published: 'someday' is not a date newsgraph reads (2016-02-01, 'Feb 1, 2016', ...)"
    result = CliRunner().invoke(main, ["ingest", str(tmp_path), "--db", str(tmp_path / "n.db"), "--dask", "a b"])
    assert result.exit_code == 1 and "is not a Dask scheduler's address" in result.output
    assert "Traceback" not in result.output


def test_the_largest_options_a_machine_takes_are_fine() -> None:
    options = Options(workers=4 * CORES, http_timeout=3600, max_bytes=10**9, batch_size=10_000, max_redirects=20)
    assert (options.workers, options.http_timeout) == (4 * CORES, 3600)


DOWN = "http://127.0.0.1:9/a.html"  # a URL on this machine that nothing answers


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["ingest", DOWN, "--timeout", "-1"], "Invalid value for '--timeout': -1.0 is not in the range x>0."),
        (["ingest", DOWN, "--timeout", "nan"], "http_timeout must be a positive number of seconds, at most 3,600, not nan"),
        (["ingest", DOWN, "--timeout", "inf"], "http_timeout must be a positive number of seconds, at most 3,600, not inf"),
        (["ingest", DOWN, "--timeout", "1e300"], "http_timeout must be a positive number of seconds, at most 3,600"),
        (["ingest", DOWN, "--max-bytes", "-5"], "Invalid value for '--max-bytes': -5 is not in the range x>=1."),
        (["ingest", DOWN, "--max-bytes", "1" + "0" * 23], "max_bytes must be a whole number of at most 1,000,000,000"),
        (["ingest", DOWN, "--batch-size", "0"], "Invalid value for '--batch-size': 0 is not in the range x>=1."),
        (["ingest", DOWN, "--batch-size", "1000000000"], "batch_size must be a whole number of at most 10,000"),
        (["ingest", DOWN, "--workers", "0"], "Invalid value for '--workers': 0 is not in the range x>=1."),
        (["ingest", DOWN, "--workers", "100000"], f"workers: at most {4 * CORES} on this machine (4 per core), not 100000"),
        (["ingest", DOWN, "--progress-every", "-1"], "Invalid value for '--progress-every': -1.0 is not in the range x>=0."),
        (["ingest", DOWN, "--progress-every", "nan"], "Invalid value for '--progress-every': 'nan' is not a number of seconds."),
        (["ingest", DOWN, "--progress-every", "inf"], "Invalid value for '--progress-every': 'inf' is not a number of seconds."),
        (["stories", "--limit", "-1"], "Invalid value for '--limit': -1 is not in the range x>=1."),
        (["stories", "--limit", "0"], "Invalid value for '--limit': 0 is not in the range x>=1."),
        (["actors", "--limit", "-1"], "Invalid value for '--limit': -1 is not in the range x>=1."),
        (["report", "-o", "OUT", "--limit", "-1"], "Invalid value for '--limit': -1 is not in the range x>=1."),
        (["report", "-o", "OUT", "--pairs", "-1"], "Invalid value for '--pairs': -1 is not in the range x>=0."),
    ],
)  # fmt: skip
def test_every_numeric_option_refuses_nonsense_in_one_line(tmp_path: Path, argv: list[str], said: str) -> None:
    """No traceback, no silently empty answer, nothing started: one `Error:` line naming the option (click's usage
    lines before it for a value its type refuses, exit status 2; Options' own line alone, exit status 1)."""
    db = tmp_path / "n.db"
    with Newsgraph(db):
        pass  # an empty database: the read commands would answer (nothing) if the option were taken
    argv = [str(tmp_path / "out") if a == "OUT" else a for a in argv]
    result = CliRunner().invoke(main, [*argv, "--db", str(db)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output and not result.stdout
    errors = [line for line in result.output.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 1 and errors[0].startswith(f"Error: {said}"), errors
    assert result.exit_code == (2 if "Invalid value" in said else 1)
    if result.exit_code == 1:
        assert result.output == errors[0] + "\n"
    assert not (tmp_path / "out").exists()


def test_the_api_refuses_counts_that_are_no_counts(tmp_path: Any) -> None:
    from newsgraph import Newsgraph

    with Newsgraph(tmp_path / "n.db") as ng:
        for call in (lambda: ng.actors(-1), lambda: ng.actors(0), lambda: ng.report(tmp_path / "r", limit=-1),
                     lambda: ng.report(tmp_path / "r", pairs=-2)):  # fmt: skip
            with pytest.raises(OptionsError, match="must be a whole number of at least"):
                call()
        assert not (tmp_path / "r").exists()
