"""The errors newsgraph raises on purpose: all derive from `NewsgraphError`, and each says in one sentence what
went wrong and, where it can, what to do about it.

A leaf module: it imports nothing of newsgraph, so every layer (the store included) can raise these.
"""

from __future__ import annotations


class NewsgraphError(Exception):
    """The base of every error newsgraph raises on purpose; its message is meant for a person."""


class OptionsError(NewsgraphError, ValueError):
    """An option cannot be used (a batch size of 0, a date that is no date, a malformed Dask address)."""


class InputError(NewsgraphError, ValueError):
    """An input cannot be read as articles (a file, a record, a page); the message is the reason shown."""


class FetchError(InputError):
    """A URL could not be fetched (status, timeout, size, redirects)."""


class FeedError(InputError):
    """A feed cannot be parsed."""


class EmptyArticle(InputError):
    """The input holds no article text once cleaned."""


class NamesFileError(NewsgraphError, ValueError):
    """The user's names file cannot be used; the message says where in it and why."""


class OutputError(NewsgraphError):
    """A file could not be written (a full disk, a folder that cannot be written): nothing half-written is left."""

    @classmethod
    def writing(cls, what: str, exc: OSError) -> OutputError:
        """'cannot write WHAT: REASON' for the OSError met writing WHAT."""
        return cls(f"cannot write {what}: {exc.strerror or exc}")


class StoreError(NewsgraphError):
    """The database cannot be used; the message says why."""


class SchemaMismatch(StoreError):
    """The database holds another version of newsgraph's schema."""


class MissingDatabase(StoreError):
    """No newsgraph database is where one was asked for (read commands never create one)."""


class DatabaseError(StoreError):
    """The database driver failed (a lock not had in time, a server gone away, a file that is no database):
    its error wrapped, with the driver's own message."""


class SearchTimeout(DatabaseError):
    """A full-text search took longer than its time limit and was stopped (`serve` answers 503)."""


class PlanError(StoreError, ValueError):
    """A plan the store refuses to apply: it points at records that are not there."""


class MissingDependency(NewsgraphError):
    """What was asked needs an optional part of newsgraph that is not installed (an extra: `bulk`, `dask`,
    `postgres`); the message says which and how to install it."""


class GazetteerError(NewsgraphError):
    """The gazetteer's index can be neither found nor built; the message says where and why."""


class ModelError(NewsgraphError):
    """A language model cannot be loaded (not installed, or damaged)."""


class ExecutorError(NewsgraphError):
    """Analysis cannot start where it was asked to run (a Dask scheduler out of reach)."""


class AnalysisError(NewsgraphError):
    """Analysis of one article failed; `article_id` names it."""

    def __init__(self, article_id: str, reason: str) -> None:
        super().__init__(f"{article_id}: {reason}")
        self.article_id = article_id
        self.reason = reason


class UnknownActor(NewsgraphError, ValueError):
    """No actor is known by the name asked for."""


__all__ = [
    "AnalysisError",
    "DatabaseError",
    "EmptyArticle",
    "ExecutorError",
    "FeedError",
    "FetchError",
    "GazetteerError",
    "InputError",
    "MissingDatabase",
    "MissingDependency",
    "ModelError",
    "NamesFileError",
    "NewsgraphError",
    "OptionsError",
    "OutputError",
    "PlanError",
    "SchemaMismatch",
    "StoreError",
    "UnknownActor",
]
