"""Who is connected to an initiative? People, the path that connects them, and the evidence.

    python examples/people_around_initiative.py "<initiative name>"
    python examples/people_around_initiative.py "<initiative name>" --graph exports
    python examples/people_around_initiative.py "<initiative name>" --from seeds

Reads a built graph (``minutes-graph build seeds --out exports``) or builds one
from minutes files with ``--from``. A person is connected when they present an
agenda item concerning the initiative, or own it.
"""
from __future__ import annotations

import argparse
import sys

import graph


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("initiative", help="the initiative's name (label or alias)")
    parser.add_argument("--graph", default="exports", help="folder of a built graph (default: exports)")
    parser.add_argument("--from", dest="inputs", nargs="+", help="build from these minutes files or folders instead")
    args = parser.parse_args(argv)

    g = graph.build(args.inputs) if args.inputs else graph.load(args.graph)
    if not g.find(args.initiative, "Initiative"):
        print(f"No initiative named {args.initiative!r} in the graph.", file=sys.stderr)
        return 1
    connections = g.people_connected_to(args.initiative)
    people = sorted({c.person for c in connections})
    print(f"{len(people)} people connected to {args.initiative}:")
    for person in people:
        print(f"\n{person}")
        for c in (c for c in connections if c.person == person):
            print(f"  via {c.via}:")
            for step in c.path:
                print(f"    {step.source} -{step.relation}-> {step.target}")
                print(f"      [{step.document} line {step.lines}] {step.evidence[:120]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
