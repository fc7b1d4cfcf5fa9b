"""Benchmark the pipeline on a synthetic corpus: stage times, docs/s, exports, SPARQL, memory.

Usage::

    python bench/run.py --docs 2000                    # 1-job and 2-job builds
    python bench/run.py --docs 10000 --skip-rdflib     # skip rdflib's writer and SPARQL engine
    python bench/run.py --docs 500 --profile           # cProfile of a 1-job extraction

Each build runs in its own worker process (this script with ``--worker``), so
that its peak memory (``resource.getrusage``) is its own. The last line
printed is one JSON object with every measurement; numbers that could not be
taken (a function not there yet, a step skipped) are ``null`` and print as
``n/a``. See ``bench/README.md`` for the targets.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
QUERY = "who-is-connected"


def _rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident set size in MB (``ru_maxrss`` is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(who).ru_maxrss
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def _pss_kb(pid: int | str) -> int:
    """Proportional set size of ``pid`` in KiB: pages shared after ``fork`` are split among the sharers."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _children(pid: int | str) -> list[str]:
    found: list[str] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                found += f.read().split()
    except OSError:
        pass
    return found


class _TreeMemory:
    """Peak memory of this process and its worker processes together, sampled every ``interval`` s.

    ``ru_maxrss`` of parent and children cannot be added up: forked workers
    share the parent's pages until they write to them, and each process's RSS
    counts them in full, at different moments. Summing the PSS of the whole
    tree at the same instant counts every page once. Linux only (``/proc``);
    elsewhere :attr:`peak_mb` stays ``None``.

    Reading ``smaps_rollup`` walks a process's page tables (about 13 ms for
    600 MB), and the extracting parent shares the machine with its workers:
    sampling every 0.2 s, a 10,000-document 2-job extraction took 31.7 s
    against 25.9 s without the sampler. Memory grows while
    records accumulate, so a sample a second still sees the peak.
    """

    def __init__(self, interval: float = 1.0) -> None:
        import threading

        self.interval = interval
        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = os.getpid()
        while not self._stop.is_set():
            total = _pss_kb(me) + sum(_pss_kb(child) for child in _children(me))
            self.peak_kb = max(self.peak_kb, total)
            self._stop.wait(self.interval)

    def __enter__(self):
        if os.path.exists("/proc/self/smaps_rollup"):
            self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()
        return False

    @property
    def peak_mb(self) -> float | None:
        return round(self.peak_kb / 1024, 1) if self.peak_kb else None


class _Clock:
    """Collects named timings: ``with clock("read"): ...`` stores ``read_s``."""

    def __init__(self) -> None:
        self.times: dict[str, float | None] = {}

    def __call__(self, name: str):
        clock = self

        class _Timer:
            def __enter__(self):
                self.start = time.perf_counter()

            def __exit__(self, *exc):
                clock.times[f"{name}_s"] = round(time.perf_counter() - self.start, 4)
                return False

        return _Timer()


def _optional(module: str, name: str):
    """``module.name`` if it exists in the code base right now, else ``None``."""
    try:
        mod = __import__(module, fromlist=[name])
    except ImportError:
        return None
    return getattr(mod, name, None)


# --------------------------------------------------------------------------- worker: one build

def _read(corpus: str):
    from graph.errors import InputError
    from graph.read import collect_paths, read_documents

    return [s for s in read_documents(collect_paths([corpus])) if not isinstance(s, InputError)]


def _extract_1job(sources, clock: _Clock):
    """Segment and extract document by document (as the pipeline does), timing the two stages apart."""
    from graph.errors import InputError
    from graph.extract import Extractor
    from graph.segment import segment

    with clock("extract_init"):
        extractor = Extractor()
    segment_s = extract_s = 0.0
    results = []  # one per source, as extract_documents returns them
    for source in sources:
        t0 = time.perf_counter()
        try:
            minutes = segment(source)
        except InputError as err:
            results.append(err)
            continue
        t1 = time.perf_counter()
        results.append(extractor.extract(minutes))
        t2 = time.perf_counter()
        segment_s += t1 - t0
        extract_s += t2 - t1
    clock.times["segment_s"] = round(segment_s, 4)
    clock.times["extract_s"] = round(extract_s, 4)
    return results


def _build(corpus: str, jobs: int, clock: _Clock):
    """Build ``corpus`` as :func:`graph.build` does (same memory hygiene), timing each stage."""
    from graph.build import build_graph
    from graph.errors import InputError
    from graph.pipeline import _few_collections, extract_documents, extract_recurring_names
    from graph.query import MinutesGraph
    from graph.resolve import resolve

    with _few_collections():
        with clock("read"):
            sources = _read(corpus)
        count = len(sources)
        if jobs <= 1:
            results = _extract_1job(sources, clock)
        else:
            clock.times.update(segment_s=None, extract_init_s=None)  # inside the workers' extract time
            with clock("extract"), _TreeMemory() as tree:
                results = extract_documents(sources, jobs)
            clock.times["tree_peak_mb"] = tree.peak_mb
        with clock("recurring"):
            extract_recurring_names(sources, results, jobs)
        extracted = [r for r in results if not isinstance(r, InputError)]
        del sources, results
        built = len(extracted)
        with clock("resolve"):
            resolution = resolve(extracted)
        del extracted
        with clock("build"):
            graph = MinutesGraph(build_graph(resolution, consume=True))
            graph.nx.graph["documents"] = built
        del resolution
    return count, graph


def _exports(graph, out: Path, clock: _Clock, skip_rdflib: bool, skip_rdflib_turtle: bool = False) -> dict:
    """Time every registered exporter, the RDF helpers and SPARQL; returns extra results."""
    from graph.exporters import EXPORTERS

    result: dict = {"export_formats": sorted(EXPORTERS)}
    for name in sorted(EXPORTERS):
        exporter = EXPORTERS[name]
        target = out / f"graph{exporter.suffix}"
        with clock(f"export_{name}"), open(target, "wb") as stream:
            exporter.export(graph, stream)
        result[f"export_{name}_mb"] = round(target.stat().st_size / 1e6, 2)
        result[f"peak_rss_after_export_{name}_mb"] = _rss_mb()  # a rise here is this exporter's doing
    clock.times["turtle_export_s"] = clock.times.get("export_turtle_s")

    result["peak_rss_after_exports_mb"] = _rss_mb()

    # SPARQL on pyoxigraph: the store `minutes-graph query --graph OUT` and `serve` load
    # (graph.sparql.load_store: the N-Triples export, one default graph)
    base_iri = _optional("graph.exporters.rdf", "DEFAULT_BASE_IRI") or "https://example.org/minutes-graph/"
    load_store = _optional("graph.sparql", "load_store")
    nquads = _optional("graph.exporters.rdf", "nquads")
    run_query = _optional("graph.sparql", "run_query")
    clock.times.update(sparql_load_s=None, sparql_2hop_s=None)
    result.update(triples=None, sparql_rows=None)
    import pyoxigraph as ox

    store = ox.Store()
    try:
        with clock("sparql_load"):
            if load_store is not None:
                store = load_store(out)
            elif nquads is not None:
                store.bulk_load(nquads(graph, base_iri), format=ox.RdfFormat.N_QUADS)
            elif (out / "graph.ttl").is_file():
                store.bulk_load(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE)
        result["triples"] = len(store) or _count_turtle(out / "graph.ttl")
        if run_query is not None:
            run_query(store, QUERY)  # cold
            with clock("sparql_2hop"):
                _, rows = run_query(store, QUERY)
            result["sparql_rows"] = len(rows)
    except Exception as err:  # noqa: BLE001 -- code still being written: report it, do not fail the benchmark
        result["sparql_error"] = f"{type(err).__name__}: {str(err).splitlines()[0] if str(err) else ''}"
        clock.times["sparql_2hop_s"] = None
    del store
    result["peak_rss_with_sparql_mb"] = _rss_mb()

    # rdflib's writer and SPARQL engine, for comparison
    clock.times["rdflib_turtle_export_s"] = clock.times["rdflib_sparql_2hop_s"] = None
    if skip_rdflib:
        return result
    rdflib_turtle = _optional("graph.exporters.rdf", "rdflib_turtle")
    if rdflib_turtle is not None and not skip_rdflib_turtle:
        with clock("rdflib_turtle_export"), open(out / "graph.rdflib.ttl", "wb") as stream:
            rdflib_turtle(graph, stream, base_iri)
    to_rdflib = _optional("graph.exporters.rdf", "to_rdflib")
    read_query = _optional("graph.sparql", "read_query")
    if to_rdflib is not None and read_query is not None:
        try:
            with clock("to_rdflib"):
                rdf = to_rdflib(graph, base_iri)
            if hasattr(rdf, "default_union"):  # a Dataset: query the union of its graphs, as pyoxigraph does
                rdf.default_union = True
            text = read_query(QUERY)[1]
            len(list(rdf.query(text)))  # cold: parses the query, warms indexes
            with clock("rdflib_sparql_2hop"):
                result["rdflib_sparql_rows"] = len(list(rdf.query(text)))
        except Exception as err:  # noqa: BLE001 -- same as above
            result["rdflib_sparql_error"] = f"{type(err).__name__}: {str(err).splitlines()[0] if str(err) else ''}"
            clock.times["rdflib_sparql_2hop_s"] = None
    result["peak_rss_with_rdflib_mb"] = _rss_mb()
    return result


def _count_turtle(path: Path) -> int | None:
    if not path.is_file():
        return None
    import pyoxigraph as ox

    return sum(1 for _ in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))


def worker(corpus: str, jobs: int, out: str | None, skip_rdflib: bool, skip_rdflib_turtle: bool = False) -> dict:
    """One build of ``corpus`` with ``jobs`` workers; with ``out``, also exports and SPARQL."""
    clock = _Clock()
    count, graph = _build(corpus, jobs, clock)
    t = clock.times
    stages = ("read", "segment", "extract_init", "extract", "recurring", "resolve", "build")
    total = sum(t.get(f"{s}_s") or 0.0 for s in stages)
    result = {
        "jobs": jobs, "docs": count, "built_docs": graph.nx.graph["documents"],
        "nodes": graph.nx.number_of_nodes(), "edges": graph.nx.number_of_edges(),
        "summary": graph.summary(), "pipeline_s": round(total, 3),
        "docs_per_s": round(count / total, 1) if total else None,
        "peak_rss_build_mb": _rss_mb(), "peak_rss_children_mb": _rss_mb(resource.RUSAGE_CHILDREN),
    }
    if out:
        result.update(_exports(graph, Path(out), clock, skip_rdflib, skip_rdflib_turtle))
    result["times"] = clock.times
    return result


def floor(corpus: str) -> dict:
    """spaCy's blank Danish tokenizer over the same texts: the floor our pipeline stands on."""
    import spacy

    texts = [s.text for s in _read(corpus)]
    nlp = spacy.blank("da")
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=256):
        pass
    elapsed = time.perf_counter() - started
    return {"spacy_floor_s": round(elapsed, 3), "spacy_floor_docs_per_s": round(len(texts) / elapsed, 1)}


def profile(corpus: str, top: int = 25) -> str:
    """cProfile of a 1-job segment + extract, top ``top`` functions by cumulative time."""
    sources = _read(corpus)
    profiler = cProfile.Profile()
    profiler.enable()
    _extract_1job(sources, _Clock())
    profiler.disable()
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(top)
    return text.getvalue()


# --------------------------------------------------------------------------- driver

def _spawn(*args: str) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), *args]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        raise SystemExit(f"bench worker failed ({' '.join(args)}): exit {proc.returncode}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _fmt(value) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def _report(runs: dict[int, dict], floor_result: dict, args) -> dict:
    first = runs[min(runs)]
    t1 = first["times"]
    summary: dict = {
        "docs": first["docs"],
        "triples": first.get("triples"),
        "nodes": first["nodes"],
        "edges": first["edges"],
        "persons": first["summary"]["nodes"].get("Person"),
        "initiatives": first["summary"]["nodes"].get("Initiative"),
        "units": first["summary"]["nodes"].get("Unit"),
    }
    for jobs, run in sorted(runs.items()):
        key = "docs_per_s_1job" if jobs == 1 else f"docs_per_s_{jobs}jobs"
        summary[key] = run["docs_per_s"]
    summary.setdefault("docs_per_s_1job", None)
    summary.setdefault("docs_per_s_2jobs", None)
    for name in ("turtle_export_s", "rdflib_turtle_export_s", "sparql_2hop_s", "rdflib_sparql_2hop_s"):
        summary[name] = t1.get(name)
    # the targets are stated for about a million triples: the same figures per million
    millions = (summary["triples"] or 0) / 1e6
    for name in ("turtle_export_s", "rdflib_turtle_export_s"):
        value = summary[name]
        summary[f"{name[:-2]}_per_mtriples_s"] = round(value / millions, 3) if value and millions else None
    # memory: the 1-job process through its exports (rdflib comparisons excluded), and each
    # multi-job build as the larger of the parent's own peak (resolve and build run there, after
    # the workers are gone) and the peak of parent + workers sampled together while they extract
    peaks = [first.get("peak_rss_after_exports_mb") or first["peak_rss_build_mb"]]
    for jobs, run in runs.items():
        if jobs > 1:
            tree = run["times"].get("tree_peak_mb")
            total = max(run["peak_rss_build_mb"], tree) if tree else (
                run["peak_rss_build_mb"] + jobs * run["peak_rss_children_mb"])  # no /proc: an upper bound
            summary[f"peak_rss_{jobs}jobs_mb"] = round(total, 1)
            summary[f"peak_rss_{jobs}jobs_child_mb"] = run["peak_rss_children_mb"]
            summary[f"peak_rss_{jobs}jobs_extract_tree_mb"] = tree
            peaks.append(total)
    summary["peak_rss_1job_mb"] = peaks[0]
    summary["peak_rss_1job_build_mb"] = first["peak_rss_build_mb"]
    for key, value in first.items():
        if key.startswith("peak_rss_after_export_"):
            summary[key] = value
    summary["peak_rss_mb"] = round(max(peaks), 1)
    summary["peak_rss_with_sparql_mb"] = first.get("peak_rss_with_sparql_mb")
    summary["peak_rss_with_rdflib_mb"] = first.get("peak_rss_with_rdflib_mb")
    for jobs, run in sorted(runs.items()):
        for stage, value in run["times"].items():
            if jobs == min(runs) or stage in ("read_s", "extract_s", "recurring_s", "resolve_s", "build_s"):
                summary[stage if jobs == min(runs) else f"{stage[:-2]}_{jobs}jobs_s"] = value
        summary[f"pipeline_{jobs}job{'s' if jobs > 1 else ''}_s"] = run["pipeline_s"]
    summary.update(floor_result)
    floor_rate = floor_result.get("spacy_floor_docs_per_s")
    summary["floor_ratio_1job"] = round(floor_rate / summary["docs_per_s_1job"], 1) if floor_rate and summary["docs_per_s_1job"] else None
    for key in ("sparql_rows", "rdflib_sparql_rows", "sparql_error", "rdflib_sparql_error"):
        if key in first:
            summary[key] = first[key]
    summary["skip_rdflib"] = bool(args.skip_rdflib)
    summary["skip_rdflib_turtle"] = bool(args.skip_rdflib or args.skip_rdflib_turtle)
    summary["cores"] = os.cpu_count()
    return summary


def _print_table(runs: dict[int, dict], summary: dict) -> None:
    print(f"corpus: {summary['docs']} documents -> {summary['nodes']} nodes, {summary['edges']} edges, "
          f"{_fmt(summary['triples'])} triples ({_fmt(summary['persons'])} people, "
          f"{_fmt(summary['initiatives'])} initiatives, {_fmt(summary['units'])} units)")
    stages = ["read_s", "segment_s", "extract_init_s", "extract_s", "recurring_s", "resolve_s", "build_s"]
    print(f"{'stage':28}" + "".join(f"{f'jobs={j}':>12}" for j in sorted(runs)))
    for stage in stages:
        print(f"{stage:28}" + "".join(f"{_fmt(runs[j]['times'].get(stage)):>12}" for j in sorted(runs)))
    print(f"{'pipeline_s':28}" + "".join(f"{_fmt(runs[j]['pipeline_s']):>12}" for j in sorted(runs)))
    print(f"{'docs/s':28}" + "".join(f"{_fmt(runs[j]['docs_per_s']):>12}" for j in sorted(runs)))
    first = runs[min(runs)]
    print("exports and queries (1-job graph):")
    for key, value in sorted(first["times"].items()):
        if key.startswith(("export_", "to_", "turtle", "rdflib", "sparql")):
            print(f"  {key:34} {_fmt(value)}")
    print(f"spaCy blank('da') floor: {_fmt(summary.get('spacy_floor_docs_per_s'))} docs/s "
          f"(pipeline is {_fmt(summary.get('floor_ratio_1job'))}x slower at 1 job)")
    print(f"peak RSS: {_fmt(summary['peak_rss_mb'])} MB "
          f"(1 job {_fmt(summary['peak_rss_1job_mb'])}, of which build {_fmt(summary['peak_rss_1job_build_mb'])}; "
          f"2 jobs {_fmt(summary.get('peak_rss_2jobs_mb'))}; with SPARQL store "
          f"{_fmt(summary.get('peak_rss_with_sparql_mb'))}; with rdflib {_fmt(summary.get('peak_rss_with_rdflib_mb'))})")
    after = [f"{k[len('peak_rss_after_export_'):-3]} {v}" for k, v in summary.items() if k.startswith("peak_rss_after_export_")]
    print(f"  peak RSS after each export: {', '.join(after)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark minutes-graph on a synthetic corpus.")
    parser.add_argument("--docs", type=int, default=500, help="documents to generate (default: 500)")
    parser.add_argument("--jobs-list", default="1,2", help="comma-separated job counts to build with (default: 1,2)")
    parser.add_argument("--keep", metavar="DIR", help="generate the corpus (and exports) in DIR and keep them")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed (default: 0)")
    parser.add_argument("--skip-rdflib", action="store_true", help="skip rdflib's Turtle writer and SPARQL engine")
    parser.add_argument("--skip-rdflib-turtle", action="store_true",
                        help="skip only rdflib's Turtle writer (it takes many minutes beyond ~100,000 triples)")
    parser.add_argument("--profile", action="store_true", help="print a cProfile (top 25) of a 1-job extraction instead")
    parser.add_argument("--worker", choices=["build", "floor", "profile"], help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    parser.add_argument("--jobs", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker == "build":
        print(json.dumps(worker(args.corpus, args.jobs, args.out, args.skip_rdflib, args.skip_rdflib_turtle)))
        return 0
    if args.worker == "floor":
        print(json.dumps(floor(args.corpus)))
        return 0

    from generate import generate_corpus  # bench/generate.py, beside this script

    with tempfile.TemporaryDirectory(prefix="minutes-bench-") as tmp:
        root = Path(args.keep) if args.keep else Path(tmp)
        corpus, out = root / "corpus", root / "exports"
        out.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        if not (corpus.is_dir() and len(list(corpus.glob("*.txt"))) == args.docs):
            generate_corpus(args.docs, corpus, args.seed)
        print(f"generated {args.docs} documents in {time.perf_counter() - started:.1f}s ({corpus})", flush=True)
        if args.profile:
            print(profile(str(corpus)))
            return 0
        load_before = round(os.getloadavg()[0], 2)
        jobs_list = sorted({int(j) for j in args.jobs_list.split(",") if j.strip()})
        runs: dict[int, dict] = {}
        for i, jobs in enumerate(jobs_list):
            extra = ["--out", str(out)] if i == 0 else []
            extra += ["--skip-rdflib"] if args.skip_rdflib else []
            extra += ["--skip-rdflib-turtle"] if args.skip_rdflib_turtle else []
            runs[jobs] = _spawn("--worker", "build", "--corpus", str(corpus), "--jobs", str(jobs), *extra)
            print(f"built with jobs={jobs}: {runs[jobs]['docs_per_s']} docs/s", flush=True)
        floor_result = _spawn("--worker", "floor", "--corpus", str(corpus))
        summary = _report(runs, floor_result, args)
        summary["load_avg"] = [load_before, round(os.getloadavg()[0], 2)]
        _print_table(runs, summary)
        print(json.dumps(summary, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
