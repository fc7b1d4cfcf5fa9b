"""GraphML for Gephi, networkx and the scorer (``../shared/CONTRACT.md``).

Values are strings, integers or floats only (no ``None``, no lists: lists are
``;``-joined), characters that XML 1.0 forbids are removed, and every edge has
a unique id, so Gephi keeps every edge.
"""
from __future__ import annotations

import re
from typing import BinaryIO

import networkx as nx

from . import register

__all__ = ["gephi_safe", "export_graphml", "xml_safe"]

_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(value):
    """A value GraphML/GEXF can hold: str/int/float, with XML-forbidden characters removed."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, (list, tuple, set)):
        value = ";".join(map(str, value))
    return _XML_FORBIDDEN.sub("", str(value))


def gephi_safe(graph) -> nx.MultiDiGraph:
    """A copy of the graph with every attribute value made XML- and Gephi-safe, in sorted order."""
    g = nx.MultiDiGraph()
    for node in sorted(graph.nodes):
        g.add_node(xml_safe(node), **{k: xml_safe(v) for k, v in sorted(graph.nodes[node].items()) if v is not None})
    for u, v, key, data in sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2]))):
        if not isinstance(key, str):
            # networkx numbers parallel edges 0, 1, ... per node pair; Gephi needs ids unique in the file
            key = f"{data.get('relation', 'edge')}:{u}->{v}#{key}"
        g.add_edge(xml_safe(u), xml_safe(v), key=xml_safe(key), **{k: xml_safe(x) for k, x in sorted(data.items()) if x is not None})
    return g


@register("graphml", ".graphml", "GraphML for Gephi, networkx and the scorer")
def export_graphml(graph, stream: BinaryIO, **options) -> None:
    nx_graph = getattr(graph, "nx", graph)
    nx.write_graphml(gephi_safe(nx_graph), stream, encoding="utf-8", prettyprint=True, named_key_ids=False, infer_numeric_types=False)
