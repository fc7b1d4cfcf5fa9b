"""Command line: ``minutes-graph build | who | query | serve``.

Argument parsing only; the work is done by library functions. Our own
exceptions become one ``Error: ...`` line and exit status 2; anything else is
a bug and keeps its traceback.

Exit status of ``build``: 0 all inputs built; 3 some inputs were skipped
(each named in a warning line); 1 with ``--strict`` when there was any warning
(nothing is written then); 2 on errors.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence

from . import __version__
from .errors import MinutesGraphError

__all__ = ["main", "make_parser"]

EXIT_OK, EXIT_STRICT, EXIT_ERROR, EXIT_SKIPPED = 0, 1, 2, 3


def _formats_help() -> str:
    from .exporters import EXPORTERS
    return ", ".join(f"{e.name} ({e.suffix})" for e in sorted(EXPORTERS.values(), key=lambda e: e.name))


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="minutes-graph",
        description="Turn Danish municipal decision minutes into a knowledge graph of people, units, "
        "bodies and initiatives, exported for Gephi (GraphML/GEXF), SPARQL (RDF) and Python.",
        epilog="Start with: minutes-graph build seeds --out exports",
    )
    parser.add_argument("--version", action="version", version=f"minutes-graph {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    b = sub.add_parser("build", help="build the graph from minutes files or folders",
                       description="Read minutes (.txt files, folders read recursively in sorted order), extract "
                       "people, units, bodies and initiatives, and write the graph to --out.")
    b.add_argument("inputs", nargs="+", metavar="INPUT", help="minutes files or folders")
    b.add_argument("--out", "-o", default="exports", metavar="DIR", help="output folder (default: exports)")
    b.add_argument("--format", "-f", default="all", metavar="LIST",
                   help=f"comma-separated output formats, or 'all' (the default); available: {_formats_help()}")
    b.add_argument("--base-iri", default=None, metavar="IRI", help="base IRI of minted RDF resources")
    b.add_argument("--evidence", choices=["statements", "none"], default="statements",
                   help="RDF: a statement node with document, quote and offsets for every presents/attends/decides/"
                   "concerns/owns edge (default), or direct triples only (much smaller, for bulk loads)")
    b.add_argument("--jobs", "-j", type=int, default=None, metavar="N",
                   help="extraction processes: this one and N-1 workers (default: number of cores)")
    b.add_argument("--strict", action="store_true", help="fail (exit 1, write nothing) on any warning")
    b.add_argument("--quiet", "-q", action="store_true", help="print only warnings and errors")

    w = sub.add_parser("who", help="who is connected to an initiative, or what a person is connected to",
                       description="Print the people connected to an initiative, or the initiatives connected to a "
                       "person, each with its path and evidence. Reads a built graph (--graph) or builds --from inputs.")
    w.add_argument("name", help="a person's or an initiative's name (label or alias)")
    w.add_argument("--graph", "-g", default="exports", metavar="DIR", help="folder of a built graph (default: exports)")
    w.add_argument("--from", dest="inputs", nargs="+", metavar="INPUT", help="build from these inputs instead")

    q = sub.add_parser("query", help="run a SPARQL query (a named query or a .rq file) on a built graph",
                       description="Run SPARQL over the built graph. NAME is one of the shipped queries (see --list) "
                       "or a path to a .rq file.")
    q.add_argument("query", nargs="?", metavar="NAME|FILE.rq", help="named query or .rq file")
    q.add_argument("--graph", "-g", default="exports", metavar="DIR", help="folder of a built graph (default: exports)")
    q.add_argument("--format", "-f", default="table", choices=["table", "csv", "json"], help="result format (default: table)")
    q.add_argument("--list", action="store_true", help="list the named queries")

    s = sub.add_parser("serve", help="serve a built graph read-only over the SPARQL 1.1 Protocol",
                       description="Start a local, read-only SPARQL endpoint at http://HOST:PORT/sparql.")
    s.add_argument("--graph", "-g", default="exports", metavar="DIR", help="folder of a built graph (default: exports)")
    s.add_argument("--host", default="127.0.0.1", help="interface to listen on (default: 127.0.0.1)")
    s.add_argument("--port", "-p", type=int, default=7878, help="port (default: 7878)")
    s.add_argument("--timeout", type=float, default=10.0, help="per-query time limit in seconds (default: 10)")
    return parser


def _build(args) -> int:
    from .exporters import export_all, parse_formats
    from .pipeline import build

    formats = parse_formats(args.format)
    jobs = args.jobs or os.cpu_count() or 1
    started = time.perf_counter()
    done = [0]
    show_progress = not args.quiet and sys.stderr.isatty()

    def progress(n: int) -> None:
        done[0] += n
        if show_progress and done[0] % 50 == 0:
            print(f"\r  extracted {done[0]} documents ...", end="", file=sys.stderr, flush=True)

    graph = build(args.inputs, jobs=jobs, progress=progress)
    if show_progress and done[0] >= 50:
        print(file=sys.stderr)
    for warning in graph.warnings:
        print(f"Warning: {warning}", file=sys.stderr)
    if args.strict and graph.warnings:
        print(f"Error: {len(graph.warnings)} warning(s) and --strict given; nothing written.", file=sys.stderr)
        return EXIT_STRICT
    options = {"base_iri": args.base_iri} if args.base_iri else {}
    options["evidence"] = args.evidence == "statements"
    written = export_all(graph, args.out, formats, **options)
    if not args.quiet:
        summary = graph.summary()
        nodes = ", ".join(f"{k} {v}" for k, v in summary["nodes"].items())
        edges = ", ".join(f"{k} {v}" for k, v in summary["edges"].items())
        print(f"Built {graph.nx.graph.get('documents', 0)} documents in {time.perf_counter() - started:.1f}s "
              f"({len(graph.skipped)} skipped, {len(graph.warnings)} warnings)")
        print(f"  nodes: {nodes}")
        print(f"  edges: {edges}")
        print(f"  wrote: {', '.join(str(p) for p in written)}")
    return EXIT_SKIPPED if graph.skipped else EXIT_OK


def _who(args) -> int:
    from .pipeline import build, load

    graph = build(args.inputs, jobs=1) if args.inputs else load(args.graph)
    as_initiative = graph.people_connected_to(args.name)
    as_person = graph.initiatives_connected_to(args.name)
    if not graph.find(args.name):
        print(f"Error: nothing named {args.name!r} in the graph (try a full name or an alias).", file=sys.stderr)
        return EXIT_ERROR
    for title, connections, other in (("People connected to", as_initiative, "person"),
                                      ("Initiatives connected to", as_person, "initiative")):
        if not connections:
            continue
        print(f"{title} {args.name}:")
        for c in connections:
            print(f"  {getattr(c, other)}  (via {c.via})")
            for step in c.path:
                print(f"      {step.source} -{step.relation}-> {step.target}   [{step.document}:{step.lines}] {step.evidence[:100]}")
    if not as_initiative and not as_person:
        print(f"{args.name}: found, but connected to no initiative or person.")
    return EXIT_OK


def _query(args) -> int:
    from .sparql import list_queries, run_query_cli

    if args.list or not args.query:
        for name, description in list_queries():
            print(f"{name:28} {description}")
        return EXIT_OK
    return run_query_cli(args.query, args.graph, args.format, sys.stdout)


def _serve(args) -> int:
    from .serve import serve

    serve(args.graph, host=args.host, port=args.port, timeout=args.timeout)
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return EXIT_OK
    handler = {"build": _build, "who": _who, "query": _query, "serve": _serve}[args.command]
    try:
        return handler(args)
    except MinutesGraphError as err:
        print(f"Error: {err}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader went away (``minutes-graph query ... | head``): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
