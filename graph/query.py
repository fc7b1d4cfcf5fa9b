"""Traversal of a built graph: who is connected to which initiatives.

A person is connected to an initiative when the person presents an agenda
item that concerns it, or owns it (the rule of the gold guidelines). Each
answer carries its path through the graph and the evidence of every step.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("p", type="Person", label="Ane Berg")
>>> g.add_node("i", type="AgendaItem", label="Punkt 1", document="d.txt", number=1)
>>> g.add_node("x", type="Initiative", label="Program for y")
>>> _ = g.add_edge("p", "i", relation="presents", evidence="Pkt. 1 Ane Berg")
>>> _ = g.add_edge("i", "x", relation="concerns", evidence="Program for y")
>>> [c.person for c in MinutesGraph(g).people_connected_to("program for y")]
['Ane Berg']
"""
from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from .lexicon import fold

__all__ = ["MinutesGraph", "Connection", "Step"]


@dataclass(frozen=True, slots=True)
class Step:
    """One edge of a path: ``source -relation-> target`` with its evidence."""

    source: str
    relation: str
    target: str
    document: str
    lines: str
    evidence: str


@dataclass(frozen=True, slots=True)
class Connection:
    """A person connected to an initiative, with the path that connects them."""

    person: str
    initiative: str
    via: str  # "presents" or "owns"
    path: tuple[Step, ...]


class MinutesGraph:
    """The knowledge graph of a build, with the questions users ask of it.

    ``nx`` is the underlying ``networkx.MultiDiGraph``; nodes have ``type`` and
    ``label``; edges have ``relation`` and evidence attributes.
    """

    def __init__(self, graph: nx.MultiDiGraph, warnings: tuple[str, ...] = (), skipped: tuple[str, ...] = ()) -> None:
        self.nx = graph
        self.warnings = warnings
        self.skipped = skipped

    def __repr__(self) -> str:
        return f"<MinutesGraph {self.nx.number_of_nodes()} nodes, {self.nx.number_of_edges()} edges>"

    def nodes_of_type(self, kind: str) -> list[str]:
        return sorted(n for n, t in self.nx.nodes(data="type") if t == kind)

    def label(self, node: str) -> str:
        return str(self.nx.nodes[node].get("label", node))

    def find(self, name: str, kind: str | None = None) -> list[str]:
        """Nodes whose label or alias is ``name`` (case-insensitive), optionally of one type."""
        wanted = fold(name)
        found = []
        for node, data in self.nx.nodes(data=True):
            if kind and data.get("type") != kind:
                continue
            names = [str(data.get("label", ""))] + [a for a in str(data.get("aliases", "")).split(";") if a]
            if any(fold(n) == wanted for n in names):
                found.append(node)
        return sorted(found)

    def _step(self, u: str, v: str, relation: str) -> Step:
        data = next((d for d in self.nx.get_edge_data(u, v, default={}).values() if d.get("relation") == relation), {})
        return Step(self.label(u), relation, self.label(v), str(data.get("document", "")), str(data.get("lines", "")), str(data.get("evidence", "")))

    def _out(self, node: str, relation: str) -> list[str]:
        return sorted({v for _, v, r in self.nx.out_edges(node, data="relation") if r == relation})

    def _in(self, node: str, relation: str) -> list[str]:
        return sorted({u for u, _, r in self.nx.in_edges(node, data="relation") if r == relation})

    def connections(self) -> list[Connection]:
        """Every (person, initiative) connection of the graph, with paths."""
        found: list[Connection] = []
        for person in self.nodes_of_type("Person"):
            for item in self._out(person, "presents"):
                for initiative in self._out(item, "concerns"):
                    if self.nx.nodes[initiative].get("type") == "Initiative":
                        found.append(Connection(self.label(person), self.label(initiative), "presents",
                                                (self._step(person, item, "presents"), self._step(item, initiative, "concerns"))))
            for initiative in self._out(person, "owns"):
                found.append(Connection(self.label(person), self.label(initiative), "owns", (self._step(person, initiative, "owns"),)))
        return sorted(found, key=lambda c: (c.person, c.initiative, c.via, [s.target for s in c.path]))

    def people_connected_to(self, initiative: str) -> list[Connection]:
        """People connected to the initiative named ``initiative`` (label or alias)."""
        labels = {self.label(n) for n in self.find(initiative, "Initiative")}
        return [c for c in self.connections() if c.initiative in labels]

    def initiatives_connected_to(self, person: str) -> list[Connection]:
        """Initiatives connected to the person named ``person`` (label or alias)."""
        labels = {self.label(n) for n in self.find(person, "Person")}
        return [c for c in self.connections() if c.person in labels]

    def summary(self) -> dict[str, dict[str, int]]:
        """Counts of nodes by type and edges by relation."""
        nodes: dict[str, int] = {}
        for _, t in self.nx.nodes(data="type"):
            nodes[str(t)] = nodes.get(str(t), 0) + 1
        edges: dict[str, int] = {}
        for _, _, r in self.nx.edges(data="relation"):
            edges[str(r)] = edges.get(str(r), 0) + 1
        return {"nodes": dict(sorted(nodes.items())), "edges": dict(sorted(edges.items()))}
