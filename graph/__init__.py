"""minutes-graph: Danish municipal decision minutes -> a knowledge graph.

>>> import graph
>>> g = graph.build(["seeds"])            # doctest: +SKIP
>>> g.people_connected_to("Center for Ensomhed")  # doctest: +SKIP
"""
from __future__ import annotations

__version__ = "0.1.0"

from .errors import (  # noqa: E402
    GraphNotFoundError,
    InputError,
    MinutesGraphError,
    NotMinutesError,
    QueryError,
    UnknownFormatError,
)
from .pipeline import build, load  # noqa: E402
from .query import Connection, MinutesGraph, Step  # noqa: E402

__all__ = [
    "build",
    "load",
    "MinutesGraph",
    "Connection",
    "Step",
    "MinutesGraphError",
    "InputError",
    "NotMinutesError",
    "UnknownFormatError",
    "GraphNotFoundError",
    "QueryError",
    "__version__",
]
