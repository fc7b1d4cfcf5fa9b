"""GraphML for Gephi, networkx and the scorer (``../shared/CONTRACT.md``).

Values are strings, integers or floats only (no ``None``, no lists: lists are
``;``-joined), characters that XML 1.0 forbids are removed, and every edge has
a unique id, so Gephi keeps every edge.
"""
from __future__ import annotations

import re
from typing import BinaryIO

import networkx as nx

from . import register, sorted_edges

__all__ = ["gephi_safe", "export_graphml", "xml_safe", "attribute_types"]

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
        key = _edge_id(u, v, key, data)  # unique in the file, as Gephi needs
        g.add_edge(xml_safe(u), xml_safe(v), key=xml_safe(key), **{k: xml_safe(x) for k, x in sorted(data.items()) if x is not None})
    return g


_HEADER = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
)


def _text(value) -> str:
    """Element text: XML-safe and escaped."""
    return str(xml_safe(value)).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(value) -> str:
    """An attribute value: escaped so that quotes, tabs and newlines survive a parser's normalisation."""
    return (_text(value).replace('"', "&quot;").replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;"))


def attribute_types(records, integer: str = "int", rename: dict[str, str] | None = None,
                    skip: tuple[str, ...] = ()) -> dict[str, str]:
    """Type of every attribute for a GraphML key or GEXF attribute declaration.

    ``integer`` (GraphML ``int``, GEXF ``long``) when every value is an int,
    ``double`` when every value is a number, else ``string``; ``rename`` maps
    attribute names first, ``skip`` leaves names out.
    """
    kinds: dict[str, str] = {}
    rename = rename or {}
    for data in records:
        for name, value in data.items():
            if value is None or name in skip:
                continue
            name = rename.get(name, name)
            kind = "string" if isinstance(value, bool) else integer if isinstance(value, int) else \
                "double" if isinstance(value, float) else "string"
            seen = kinds.get(name)
            if seen is None or seen == kind:
                kinds[name] = kind
            elif {seen, kind} == {integer, "double"}:
                kinds[name] = "double"
            else:
                kinds[name] = "string"
    return dict(sorted(kinds.items()))


def _edge_id(u, v, key, data) -> str:
    """An id unique in the file: Gephi drops every edge whose id it has seen before.

    Our graphs key an edge by its relation (one per node pair); a string key
    that is not the relation is taken as the id; networkx's numbers for
    parallel edges (0, 1, ...) are appended.
    """
    relation = data.get("relation", "edge")
    if isinstance(key, str) and key != relation:
        return key  # already an id (a graph read back from GraphML keeps its ids)
    base = f"{relation}:{u}->{v}"
    return base if key == relation else f"{base}#{key}"


@register("graphml", ".graphml", "GraphML for Gephi, networkx and the scorer")
def export_graphml(graph, stream: BinaryIO, **options) -> None:
    """Stream GraphML: nodes and edges in sorted order, typed keys, no copy of the graph in memory."""
    g = getattr(graph, "nx", graph)
    node_types = attribute_types(data for _, data in g.nodes(data=True))
    edge_types = attribute_types(data for _, _, data in g.edges(data=True))
    out: list[str] = [_HEADER]
    ids: dict[tuple[str, str], str] = {}
    for domain, types in (("node", node_types), ("edge", edge_types)):
        for name, kind in types.items():
            ids[(domain, name)] = key = f"d{len(ids)}"
            out.append(f'  <key id="{key}" for="{domain}" attr.name="{_attr(name)}" attr.type="{kind}" />\n')
    out.append('  <graph edgedefault="directed">\n')

    def flush() -> None:
        stream.write("".join(out).encode("utf-8", "replace"))
        out.clear()

    def data_lines(domain: str, data: dict) -> None:
        for name, value in sorted(data.items()):
            if value is not None:
                out.append(f'      <data key="{ids[(domain, name)]}">{_text(value)}</data>\n')

    for node in sorted(g.nodes, key=str):
        out.append(f'    <node id="{_attr(node)}">\n')
        data_lines("node", g.nodes[node])
        out.append("    </node>\n")
        if len(out) > 20000:
            flush()
    for u, v, key, data in sorted_edges(g):
        out.append(f'    <edge id="{_attr(_edge_id(u, v, key, data))}" source="{_attr(u)}" target="{_attr(v)}">\n')
        data_lines("edge", data)
        out.append("    </edge>\n")
        if len(out) > 20000:
            flush()
    out.append("  </graph>\n</graphml>\n")
    flush()
