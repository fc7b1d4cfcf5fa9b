"""The whole pipeline: read -> segment -> extract -> resolve -> build.

>>> g = build(["seeds/000_2eb527c07c3843b1.txt"])
>>> len(g.nodes_of_type("Meeting")), len(g.connections()) > 5
(1, True)
"""
from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from pathlib import Path

import networkx as nx

from .build import build_graph
from .errors import ExtractionError, GraphNotFoundError, InputError
from .extract import Extractor
from .model import ExtractedMinutes, SourceDocument
from .query import MinutesGraph
from .read import collect_paths, read_documents
from .resolve import resolve
from .segment import segment

__all__ = ["build", "load", "extract_documents"]


@contextmanager
def _few_collections():
    """Run the cyclic garbage collector rarely while a build allocates millions of small records.

    The records form no cycles (and the extractor breaks the one a spaCy Doc
    makes), so reference counting frees them; frequent full collections would
    only rescan a growing heap, which makes a large build slower than linear.
    """
    old = gc.get_threshold()
    gc.set_threshold(100_000, 50, 100)
    try:
        yield
    finally:
        gc.set_threshold(*old)


def _worker_init() -> None:
    gc.set_threshold(100_000, 50, 100)

_EXTRACTOR: Extractor | None = None


def _extractor() -> Extractor:
    global _EXTRACTOR
    if _EXTRACTOR is None:
        _EXTRACTOR = Extractor()
    return _EXTRACTOR


def _extract_one(source: SourceDocument) -> ExtractedMinutes | InputError:
    try:
        return _extractor().extract(segment(source))
    except InputError as err:
        return err
    except Exception as err:  # noqa: BLE001 - one document must not stop a corpus
        # a bug, not bad input: say so, skip the document, build the rest
        return ExtractionError(f"{source.path}: extraction failed ({type(err).__name__}: {err}); "
                               "skipped - please report this as a bug with the file")


def extract_documents(sources: list[SourceDocument], jobs: int = 1, progress: Callable[[int], None] | None = None) -> list[ExtractedMinutes | InputError]:
    """Segment and extract documents, in ``jobs`` worker processes when ``jobs > 1``.

    Workers return compact records (never spaCy docs); the order of results
    is the order of ``sources``, so the output does not depend on ``jobs``.
    """
    results: list[ExtractedMinutes | InputError] = []
    if jobs <= 1 or len(sources) < 2 * jobs:
        for source in sources:
            results.append(_extract_one(source))
            if progress:
                progress(1)
        return results
    import multiprocessing as mp

    forking = "fork" in mp.get_all_start_methods()
    ctx = mp.get_context("fork" if forking else "spawn")
    if forking:
        _extractor()  # built once here, shared copy-on-write by the forked workers
    chunk = max(1, min(64, len(sources) // (jobs * 8) or 1))
    with ctx.Pool(jobs, initializer=_worker_init) as pool:
        for result in pool.imap(_extract_one, sources, chunksize=chunk):
            results.append(result)
            if progress:
                progress(1)
    return results


def build(inputs: Iterable[str | os.PathLike], jobs: int = 1, progress: Callable[[int], None] | None = None) -> MinutesGraph:
    """Build the knowledge graph of the minutes in ``inputs`` (files or folders).

    Files that cannot be read or are not minutes are skipped with a warning
    (``MinutesGraph.warnings``, ``MinutesGraph.skipped``); the rest is built.
    """
    with _few_collections():
        return _build(collect_paths(inputs), jobs, progress)


def _build(paths: list[Path], jobs: int, progress) -> MinutesGraph:
    warnings: list[str] = []
    skipped: list[str] = []
    sources: list[SourceDocument] = []
    for result in read_documents(paths):
        if isinstance(result, InputError):
            warnings.append(str(result))
            skipped.append(str(result).split(":", 1)[0])
        else:
            warnings.extend(result.warnings)
            sources.append(result)
    extracted: list[ExtractedMinutes] = []
    for source, result in zip(sources, extract_documents(sources, jobs, progress)):
        if isinstance(result, InputError):
            warnings.append(str(result))
            skipped.append(source.path)
        else:
            warnings.extend(result.warnings)
            extracted.append(result)
    del sources  # the texts are no longer needed; the records keep what the graph shows
    documents = len(extracted)
    resolution = resolve(extracted)
    del extracted  # the resolution holds the records now, and the build releases them one by one
    graph = build_graph(resolution, consume=True)
    graph.graph["documents"] = documents
    return MinutesGraph(graph, tuple(warnings), tuple(skipped))


def load(directory: str | os.PathLike) -> MinutesGraph:
    """Read a built graph back from ``DIR/graph.graphml`` without re-extracting."""
    path = Path(directory) / "graph.graphml"
    if not path.is_file():
        raise GraphNotFoundError(f"{path}: no built graph here; run 'minutes-graph build INPUT --out {directory}' first")
    g = nx.read_graphml(path, force_multigraph=True)
    return MinutesGraph(nx.MultiDiGraph(g))
