"""A unit's portfolio: the initiatives it owns, and the agenda items and meetings that concern them.

    python examples/unit_portfolio.py "HR"
    python examples/unit_portfolio.py "Strategi og Udvikling" --graph exports

Plain networkx traversal of ``g.nx`` (a ``MultiDiGraph``: nodes have ``type``
and ``label``, edges have ``relation`` and evidence attributes):

    unit -owns-> initiative <-concerns- agenda item -part_of-> meeting (date)
"""
from __future__ import annotations

import argparse
import sys

import graph


def portfolio(g: graph.MinutesGraph, unit_name: str) -> dict[str, list[tuple[str, str, str]]]:
    """``initiative label -> [(date, agenda item label, document), ...]`` for the unit named ``unit_name``."""
    nx_graph = g.nx
    units = g.find(unit_name, "Unit") or g.find(unit_name)
    owned = {v for unit in units for _, v, rel in nx_graph.out_edges(unit, data="relation")
             if rel == "owns" and nx_graph.nodes[v].get("type") == "Initiative"}
    result: dict[str, list[tuple[str, str, str]]] = {}
    for initiative in owned:
        items = []
        for item, _, rel in nx_graph.in_edges(initiative, data="relation"):
            if rel != "concerns" or nx_graph.nodes[item].get("type") != "AgendaItem":
                continue
            data = nx_graph.nodes[item]
            meetings = [m for _, m, r in nx_graph.out_edges(item, data="relation") if r == "part_of"]
            date = next((str(nx_graph.nodes[m].get("date")) for m in meetings if nx_graph.nodes[m].get("date")), "no date")
            items.append((date, str(data.get("label", item)), str(data.get("document", ""))))
        result[str(nx_graph.nodes[initiative].get("label", initiative))] = sorted(set(items))
    return dict(sorted(result.items()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("unit", help="the unit's name or acronym (label or alias)")
    parser.add_argument("--graph", default="exports", help="folder of a built graph (default: exports)")
    parser.add_argument("--from", dest="inputs", nargs="+", help="build from these minutes files or folders instead")
    args = parser.parse_args(argv)

    g = graph.build(args.inputs) if args.inputs else graph.load(args.graph)
    if not g.find(args.unit):
        print(f"No unit named {args.unit!r} in the graph.", file=sys.stderr)
        return 1
    owned = portfolio(g, args.unit)
    print(f"{args.unit} owns {len(owned)} initiative(s):")
    for initiative, items in owned.items():
        print(f"\n{initiative}")
        for date, label, document in items:
            print(f"  {date}  {label}  [{document}]")
        if not items:
            print("  (no agenda item concerns it)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
