"""The one explicit context analysis runs in: options, the user's names (their contents), the country table, the
gazetteer and the lexicons.

Passed down to every step of analysis like trafilatura's options object, never held in globals,
so `analyze(articles, context)` runs unchanged in another process: the context pickles whole and small (the
gazetteer as the path of its index, which the worker opens on first use; the lexicons by name, read from the
package's data once per process; the sentence encoder by name, loaded once per process when first used).
"""

from __future__ import annotations

from dataclasses import dataclass

from newsgraph.analyze.actors import CountryTable
from newsgraph.analyze.embedding import EncoderSpec, spec_for
from newsgraph.analyze.gazetteer import Gazetteer, open_gazetteer
from newsgraph.analyze.lexicons import Lexicons, load_lexicons
from newsgraph.analyze.registry import Registry
from newsgraph.analyze.registry import load as load_registry
from newsgraph.options import Options


@dataclass(frozen=True)
class AnalysisContext:
    """What analysis needs besides the articles. Build it with `AnalysisContext.create(options)`."""

    options: Options
    registry: Registry | None
    """The contents of the user's names file, or None."""
    countries: CountryTable
    """How countries are named, the names file's forms first."""
    gazetteer: Gazetteer
    """The places index, the names file's places first."""
    lexicons: Lexicons
    """Every word list analysis reads (package data)."""
    encoder: EncoderSpec | None = None
    """The sentence encoder articles are embedded with (what to load, not the model), None when embeddings are
    off."""

    @classmethod
    def create(cls, options: Options | None = None) -> AnalysisContext:
        """Read the names file (RegistryError when it cannot be used) and open the gazetteer (built
        into the cache directory on first use)."""
        options = options or Options()
        return cls.build(options, load_registry(options.names_file))

    @classmethod
    def build(cls, options: Options, registry: Registry | None) -> AnalysisContext:
        """The context of these options with a names file's contents already read."""
        gaz = open_gazetteer(options.cache_dir).with_registry(registry)
        return cls(options, registry, CountryTable.build(registry), gaz, load_lexicons(), spec_for(options))
