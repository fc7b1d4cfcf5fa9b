"""GEXF for Gephi: node colours by type, sizes by degree, time spells from meeting dates."""
from __future__ import annotations

from typing import BinaryIO

import networkx as nx

from . import register
from .graphml import gephi_safe

__all__ = ["export_gexf", "TYPE_COLOURS"]

#: Node colour per type (r, g, b), chosen to stay apart in Gephi's default view.
TYPE_COLOURS = {
    "Person": (31, 119, 180), "Unit": (44, 160, 44), "Body": (214, 39, 40), "Initiative": (255, 127, 14),
    "Meeting": (127, 127, 127), "AgendaItem": (188, 189, 34), "Decision": (148, 103, 189),
}


@register("gexf", ".gexf", "GEXF 1.2 for Gephi, with colours, sizes and meeting dates")
def export_gexf(graph, stream: BinaryIO, **options) -> None:
    g = gephi_safe(getattr(graph, "nx", graph))
    degree = dict(g.degree())
    for node, data in g.nodes(data=True):
        r, gr, b = TYPE_COLOURS.get(str(data.get("type")), (90, 90, 90))
        data["viz"] = {"color": {"r": r, "g": gr, "b": b, "a": 1.0}, "size": float(4 + 2 * degree.get(node, 0) ** 0.5 * 3)}
    nx.write_gexf(g, stream, encoding="utf-8", prettyprint=True, version="1.2draft")
