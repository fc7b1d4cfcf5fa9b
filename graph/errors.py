"""Exceptions raised by minutes-graph.

One base class, small subclasses, each message says what failed, where, and
how to fix it (the habit of ``networkx/exception.py`` and ``sqlite_utils``).
"""
from __future__ import annotations

__all__ = [
    "MinutesGraphError",
    "InputError",
    "NotMinutesError",
    "ExtractionError",
    "UnknownFormatError",
    "GraphNotFoundError",
    "QueryError",
]


class MinutesGraphError(Exception):
    """Base class of every error minutes-graph raises on purpose."""


class InputError(MinutesGraphError):
    """An input file cannot be read as text (missing, empty, binary, undecodable)."""


class NotMinutesError(InputError):
    """A text file was read but it does not look like meeting minutes."""


class ExtractionError(InputError):
    """Extraction failed on a document because of a bug; the document is skipped and named."""


class UnknownFormatError(MinutesGraphError):
    """An export or result format name is not registered."""


class GraphNotFoundError(MinutesGraphError):
    """A built graph folder is missing or incomplete."""


class QueryError(MinutesGraphError):
    """A SPARQL query is unknown, unreadable or fails to run."""
