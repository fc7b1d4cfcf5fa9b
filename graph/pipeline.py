"""The whole pipeline: read -> segment -> extract -> resolve -> build.

Extraction runs twice where it must: after the first pass, documents that
repeat an initiative another meeting gave as an agenda title (and that their
own pass missed) are extracted again with those names to look for.

>>> g = build(["seeds/000_2eb527c07c3843b1.txt"])
>>> len(g.nodes_of_type("Meeting")), len(g.connections()) > 5
(1, True)
"""
from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import networkx as nx

from .build import build_graph
from .errors import ExtractionError, GraphNotFoundError, InputError
from .extract import Extractor, RecurringNames
from .model import ExtractedMinutes, SourceDocument
from .query import MinutesGraph
from .read import collect_paths, read_documents
from .resolve import resolve
from .segment import segment

__all__ = ["build", "load", "extract_documents", "extract_recurring_names"]


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
        return _extractor().extract(segment(source), source.recurring)
    except InputError as err:
        return err
    except Exception as err:  # noqa: BLE001 - one document must not stop a corpus
        # a bug, not bad input: say so, skip the document, build the rest
        return ExtractionError(f"{source.path}: extraction failed ({type(err).__name__}: {err}); "
                               "skipped - please report this as a bug with the file")


def extract_documents(sources: list[SourceDocument], jobs: int = 1, progress: Callable[[int], None] | None = None) -> list[ExtractedMinutes | InputError]:
    """Segment and extract documents in ``jobs`` processes when ``jobs > 1``.

    Workers return compact records (never spaCy docs); the order of results
    is the order of ``sources``, so the output does not depend on ``jobs``.
    Where processes fork, this process is one of the ``jobs``: it extracts
    too, between taking in what the ``jobs - 1`` workers send back.
    """
    if jobs <= 1 or len(sources) < 2 * jobs:
        results: list[ExtractedMinutes | InputError] = []
        for source in sources:
            results.append(_extract_one(source))
            if progress:
                progress(1)
        return results
    import multiprocessing as mp

    if "fork" in mp.get_all_start_methods():
        return _extract_forked(sources, jobs, progress, mp.get_context("fork"))
    results = []
    chunk = max(1, min(64, len(sources) // (jobs * 8) or 1))
    with mp.get_context("spawn").Pool(jobs, initializer=_worker_init) as pool:
        for result in pool.imap(_extract_one, sources, chunksize=chunk):
            results.append(result)
            if progress:
                progress(1)
    return results


#: the work of a forked map: workers read it from the memory they share with this process
_WORK: Callable[[int, int], list] | None = None


def _extract_chunk(sources: list[SourceDocument], index: int, size: int) -> list[ExtractedMinutes | InputError]:
    return [_extract_one(source) for source in sources[index * size : (index + 1) * size]]


def _claim(counter, chunks: int) -> int | None:
    """The next chunk nobody has taken yet, or None when all are taken."""
    with counter.get_lock():
        index = counter.value
        counter.value += 1
    return index if index < chunks else None


def _chunk_worker(counter, chunks: int, size: int, done) -> None:
    _worker_init()
    while (index := _claim(counter, chunks)) is not None:
        done.put((index, _WORK(index, size)))


def _extract_forked(sources: list[SourceDocument], jobs: int, progress, ctx) -> list[ExtractedMinutes | InputError]:
    """Extraction by this process and ``jobs - 1`` forked workers (see :func:`_forked_map`)."""
    _extractor()  # built once here, shared copy-on-write by the forked workers
    return _forked_map(lambda index, size: _extract_chunk(sources, index, size), len(sources), jobs, progress, ctx)


def _forked_map(work: Callable[[int, int], list], count: int, jobs: int, progress, ctx) -> list:
    """``work(index, size)`` over chunks of ``count`` items, by this process and ``jobs - 1`` forked workers.

    Nothing is sent to the workers (they see ``work`` and its data in memory
    shared at the fork) and this process, which has to unpickle what they send
    back, simply takes fewer chunks itself. A chunk that a worker took but never
    sent (the worker died) is done here at the end. Results come back in order.
    """
    global _WORK
    import queue

    _WORK = work
    size = max(1, min(16, count // (jobs * 4)))  # small enough that every process gets some
    chunks = -(-count // size)
    counter = ctx.Value("i", 0)
    done = ctx.Queue()
    workers = [ctx.Process(target=_chunk_worker, args=(counter, chunks, size, done), daemon=True) for _ in range(jobs - 1)]
    by_chunk: dict[int, list] = {}

    def keep(index: int, batch: list) -> None:
        by_chunk[index] = batch
        if progress:
            progress(len(batch))

    def receive(timeout: float | None) -> bool:
        try:
            keep(*(done.get(timeout=timeout) if timeout else done.get_nowait()))
        except queue.Empty:
            return False
        return True

    try:
        for worker in workers:
            worker.start()
        while (index := _claim(counter, chunks)) is not None:
            keep(index, work(index, size))
            while receive(None):
                pass
        while len(by_chunk) < chunks:
            if not receive(0.2) and not any(w.is_alive() for w in workers):
                while receive(0.2):  # whatever the workers sent before they ended
                    pass
                for index in range(chunks):
                    if index not in by_chunk:
                        keep(index, work(index, size))
    finally:
        _WORK = None
        for worker in workers:
            if worker.is_alive():
                worker.join(timeout=5)
            if worker.is_alive():
                worker.terminate()
        done.close()
    return [result for index in range(chunks) for result in by_chunk[index]]


def extract_recurring_names(sources: list[SourceDocument], results: list, jobs: int) -> None:
    """Extract again, in place, the documents that repeat an initiative named by an agenda title elsewhere.

    The first pass finds the names of the corpus; only documents whose decision
    text holds one of them that their own extraction missed run a second time.
    """
    extracted = [r for r in results if isinstance(r, ExtractedMinutes)]
    names = RecurringNames((item.title for r in extracted for item in r.minutes.items if item.title),
                           (m.text for r in extracted for m in r.mentions
                            if m.kind == "Initiative" and (not m.canonical or m.canonical.startswith("aka:"))))
    if not names:
        return
    def scan(index: int, size: int) -> list[tuple[str, ...]]:
        return [names.to_look_for(source.text, result) if isinstance(result, ExtractedMinutes) else ()
                for source, result in zip(sources[index * size : (index + 1) * size], results[index * size : (index + 1) * size])]

    import multiprocessing as mp

    if jobs > 1 and len(sources) >= 2 * jobs and "fork" in mp.get_all_start_methods():
        missing = _forked_map(scan, len(sources), jobs, None, mp.get_context("fork"))
    else:
        missing = scan(0, len(sources))
    again = [(index, replace(source, recurring=names_missing))
             for index, (source, names_missing) in enumerate(zip(sources, missing)) if names_missing]
    if again:
        for (index, _), result in zip(again, extract_documents([s for _, s in again], jobs)):
            results[index] = result


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
    results = extract_documents(sources, jobs, progress)
    extract_recurring_names(sources, results, jobs)
    extracted: list[ExtractedMinutes] = []
    for source, result in zip(sources, results):
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
