"""Exporters: small plugins chosen by format name (the habit of ``rdflib/plugin.py``).

Each exporter has a ``name``, a file ``suffix``, a one-line ``description`` and
``export(graph, stream, **options)`` writing bytes to ``stream``. Files are
written atomically by :func:`write_atomic`: a temporary file in the target
folder, then a rename, so a reader never sees half a file.

>>> sorted(EXPORTERS)[:2]
['gexf', 'graphml']
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..errors import UnknownFormatError

__all__ = ["Exporter", "EXPORTERS", "register", "get_exporter", "write_atomic", "export_all", "parse_formats", "sorted_edges"]


@dataclass(frozen=True)
class Exporter:
    """A registered output format."""

    name: str
    suffix: str
    description: str
    export: Callable[..., None]


EXPORTERS: dict[str, Exporter] = {}
_ALIASES = {"ttl": "turtle", "nt": "ntriples", "n-triples": "ntriples", "json-ld": "jsonld"}


def register(name: str, suffix: str, description: str) -> Callable:
    """Decorator registering ``export(graph, stream, **options)`` under ``name``."""
    def wrap(func: Callable) -> Callable:
        EXPORTERS[name] = Exporter(name, suffix, description, func)
        return func
    return wrap


def get_exporter(name: str) -> Exporter:
    """The exporter registered as ``name`` (or a common alias such as ``ttl``)."""
    key = _ALIASES.get(name.strip().lower(), name.strip().lower())
    if key not in EXPORTERS:
        raise UnknownFormatError(f"Unknown export format {name!r} (available: {', '.join(sorted(EXPORTERS))}).")
    return EXPORTERS[key]


def parse_formats(spec: str | list[str]) -> list[Exporter]:
    """``'turtle,graphml'`` -> exporters, in the order given, without repeats; ``'all'`` -> every format."""
    names = spec.split(",") if isinstance(spec, str) else [n for s in spec for n in s.split(",")]
    if [n.strip().lower() for n in names] == ["all"]:
        return [EXPORTERS[name] for name in sorted(EXPORTERS)]
    result: list[Exporter] = []
    for name in names:
        if name.strip():
            exporter = get_exporter(name)
            if exporter not in result:
                result.append(exporter)
    return result


def _by_str(pair: tuple) -> str:
    return str(pair[0])


def sorted_edges(g):
    """``(u, v, key, data)`` of a multigraph ordered by ``str`` of source, target and key.

    Walks the adjacency (plain dicts) node by node instead of sorting a list
    of every edge, so a writer's order costs no extra memory.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph([("b", "a", "x"), ("a", "c", "y"), ("a", "b", "z")])
    >>> [(u, v, k) for u, v, k, _ in sorted_edges(g)]
    [('a', 'b', 'z'), ('a', 'c', 'y'), ('b', 'a', 'x')]
    """
    for u, neighbours in sorted(g.adjacency(), key=_by_str):
        for v, keyed in sorted(neighbours.items(), key=_by_str):
            for key, data in sorted(keyed.items(), key=_by_str):
                yield u, v, key, data


def write_atomic(path: str | os.PathLike, write: Callable[[BinaryIO], None]) -> Path:
    """Write a file through ``write(stream)`` into a temporary file, then rename it into place."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a build output is an ordinary file
        with os.fdopen(fd, "wb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def export_all(graph, out_dir: str | os.PathLike, formats: list[Exporter], **options) -> list[Path]:
    """Write ``graph.<suffix>`` in ``out_dir`` for every exporter in ``formats``."""
    written = []
    for exporter in formats:
        target = Path(out_dir) / f"graph{exporter.suffix}"
        written.append(write_atomic(target, lambda stream, e=exporter: e.export(graph, stream, **options)))
    return written


# built-in exporters register themselves on import
from . import graphml as _graphml  # noqa: E402,F401
from . import gexf as _gexf  # noqa: E402,F401
from . import rdf as _rdf  # noqa: E402,F401
