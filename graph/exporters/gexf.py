"""GEXF 1.2 for Gephi: node colours by type, sizes by degree, time from meeting dates.

The graph is written in dynamic mode (``timeformat="date"``) so that Gephi's
timeline shows it grow meeting by meeting: every node and edge starts at the
date of the first meeting it appears in.

- ``Meeting``: its ``date``; ``AgendaItem`` and ``Decision``: their ``date``
  (the meeting's), else the date of their ``document``;
- entities (people, units, bodies, initiatives): the earliest date of the
  meetings of their ``documents`` (``;``-joined document names);
- edges: the date of the meeting of their ``document`` (an edge without a
  ``document`` starts when the later of its two ends does).

Nodes and edges without any date have no ``start`` (Gephi shows them always).
Attribute values are made XML- and Gephi-safe as in the GraphML export
(:func:`graph.exporters.graphml.xml_safe`: lists ``;``-joined, no ``None``,
no characters XML forbids). The bytes depend only on the graph: nodes and
edges are written in sorted order, edge ids are the graph's edge keys and the
file's ``lastmodifieddate`` is the latest meeting date, not today.

>>> import io, networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("meeting:a.txt", type="Meeting", label="Møde", document="a.txt", date="2024-01-02")
>>> g.add_node("person:ane", type="Person", label="Ane Berg", documents=["a.txt"])
>>> _ = g.add_edge("person:ane", "meeting:a.txt", key="attends:1", relation="attends", document="a.txt")
>>> out = io.BytesIO(); export_gexf(g, out)
>>> back = nx.read_gexf(io.BytesIO(out.getvalue()))
>>> back.nodes["person:ane"]["start"], back.nodes["person:ane"]["type"]
('2024-01-02', 'Person')
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import BinaryIO

import networkx as nx

from . import register, sorted_edges
from .graphml import attribute_types, gephi_safe, xml_safe

__all__ = ["export_gexf", "write_gexf", "TYPE_COLOURS", "first_dates", "to_gexf_graph"]

#: Node colour per type (r, g, b), chosen to stay apart in Gephi's default view.
TYPE_COLOURS = {
    "Person": (31, 119, 180), "Unit": (44, 160, 44), "Body": (214, 39, 40), "Initiative": (255, 127, 14),
    "Meeting": (127, 127, 127), "AgendaItem": (188, 189, 34), "Decision": (148, 103, 189),
}
#: Colour of node types not listed above.
OTHER_COLOUR = (90, 90, 90)
#: Attribute names GEXF reads as structure; ours are renamed (``start``/``end`` of an
#: agenda item's time slot become ``start_time``/``end_time``).
_RESERVED = {"start": "start_time", "end": "end_time", "id": "id_attr", "pid": "pid_attr", "spells": "spells_attr",
             "slices": "slices_attr", "parents": "parents_attr", "viz": "viz_attr", "weight": "weight_attr"}
_EDGE_RESERVED = {**_RESERVED, "label": "label_attr", "type": "type_attr"}
_NS = ('xmlns="http://www.gexf.net/1.2draft" xmlns:viz="http://www.gexf.net/1.2draft/viz" '
       'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
       'xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" version="1.2"')
#: Characters that need work in an attribute value: XML-forbidden ones (removed) and markup (escaped).
_NEEDS_WORK = re.compile('[&<>"\n\r\t\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]')
_FLUSH_CHARS = 1 << 20


def _is_date(value) -> bool:
    return isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-" and value[:4].isdigit()


def _attr(value) -> str:
    """A quoted XML attribute value: XML-safe (:func:`xml_safe`) and escaped."""
    if type(value) is int:
        return f'"{value}"'
    text = value if type(value) is str else str(xml_safe(value))
    if _NEEDS_WORK.search(text) is None:
        return f'"{text}"'
    text = str(xml_safe(text)).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    return '"' + text.replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;") + '"'


def first_dates(graph: nx.MultiDiGraph) -> tuple[dict, dict[str, str]]:
    """``(node -> date, document -> date)``: when each node first appears, from meeting dates."""
    doc_date: dict[str, str] = {}
    for _, data in graph.nodes(data=True):
        if data.get("type") == "Meeting" and _is_date(data.get("date")) and data.get("document"):
            doc = str(data["document"])
            doc_date[doc] = min(doc_date.get(doc, data["date"]), data["date"])
    node_date: dict = {}
    for node, data in graph.nodes(data=True):
        date = data.get("date") if _is_date(data.get("date")) else None
        if date is None:
            documents = data.get("documents") or data.get("document") or ()
            if isinstance(documents, str):
                documents = documents.split(";")
            dates = [doc_date[d] for d in documents if d in doc_date]
            date = min(dates) if dates else None
        if date:
            node_date[node] = date
    return node_date, doc_date


def _edge_date(u, v, data: dict, node_date: dict, doc_date: dict[str, str]) -> str | None:
    if "document" in data:
        return doc_date.get(str(data["document"]))
    ends = [d for d in (node_date.get(u), node_date.get(v)) if d]  # no document: when the later end appears
    return max(ends) if ends else None


def _size(degree: int) -> float:
    return round(4.0 + 3.0 * degree ** 0.5, 3)




def _attribute_types(items: Iterator[dict], reserved: dict[str, str], skip: tuple[str, ...]) -> dict[str, str]:
    """GEXF type of every attribute: ``long`` if always int, ``double`` if numeric, else ``string``."""
    return attribute_types(items, integer="long", rename=reserved, skip=skip)


def _attvalues(data: dict, ids: dict[str, str], reserved: dict[str, str], skip: tuple[str, ...]) -> str:
    values = [f'<attvalue for="{ids[reserved.get(key, key)]}" value={_attr(value)} />'
              for key, value in sorted(data.items()) if value is not None and key not in skip]
    if not values:
        return ""
    return "\n        <attvalues>\n          " + "\n          ".join(values) + "\n        </attvalues>"


def write_gexf(graph, stream: BinaryIO) -> None:
    """Stream ``graph`` (a networkx graph or a MinutesGraph) as GEXF 1.2 to the binary ``stream``."""
    g = getattr(graph, "nx", graph)
    node_date, doc_date = first_dates(g)
    last_date = max(doc_date.values(), default=None)
    node_types = _attribute_types((d for _, d in g.nodes(data=True)), _RESERVED, ("label",))
    edge_types = _attribute_types((d for _, _, d in g.edges(data=True)), _EDGE_RESERVED, ())
    node_ids = {k: str(i) for i, k in enumerate(node_types)}
    edge_ids = {k: str(i) for i, k in enumerate(edge_types)}
    chunks: list[str] = []
    size = 0

    def emit(text: str) -> None:
        nonlocal size
        chunks.append(text)
        size += len(text)
        if size > _FLUSH_CHARS:
            stream.write("".join(chunks).encode("utf-8"))
            chunks.clear()
            size = 0

    meta_date = f' lastmodifieddate="{last_date}"' if last_date else ""
    emit(f"<?xml version='1.0' encoding='utf-8'?>\n<gexf {_NS}>\n"
         f"  <meta{meta_date}>\n    <creator>minutes-graph</creator>\n  </meta>\n"
         f'  <graph defaultedgetype="directed" mode="dynamic" timeformat="date">\n')
    for cls, types, ids in (("node", node_types, node_ids), ("edge", edge_types, edge_ids)):
        emit(f'    <attributes class="{cls}" mode="static">\n')
        for key, kind in types.items():
            emit(f'      <attribute id="{ids[key]}" title={_attr(key)} type="{kind}" />\n')
        emit("    </attributes>\n")
    emit("    <nodes>\n")
    degree = g.degree
    for node in sorted(g.nodes, key=str):
        data = g.nodes[node]
        r, gr, b = TYPE_COLOURS.get(str(data.get("type")), OTHER_COLOUR)
        start = f' start="{node_date[node]}"' if node in node_date else ""
        emit(f'      <node id={_attr(node)} label={_attr(data.get("label", node))}{start}>'
             f'{_attvalues(data, node_ids, _RESERVED, ("label",))}\n'
             f'        <viz:color r="{r}" g="{gr}" b="{b}" a="1.0" />\n'
             f'        <viz:size value="{_size(degree[node])}" />\n      </node>\n')
    emit("    </nodes>\n    <edges>\n")
    for u, v, key, data in sorted_edges(g):
        extra = ""
        if data.get("relation") is not None:
            extra += f' label={_attr(data["relation"])}'
        count = data.get("count")
        if isinstance(count, (int, float)) and not isinstance(count, bool):
            extra += f' weight="{float(count)}"'
        date = _edge_date(u, v, data, node_date, doc_date)
        if date:
            extra += f' start="{date}"'
        emit(f'      <edge id={_attr(key)} source={_attr(u)} target={_attr(v)}{extra}>'
             f'{_attvalues(data, edge_ids, _EDGE_RESERVED, ())}\n      </edge>\n')
    emit("    </edges>\n  </graph>\n</gexf>\n")
    stream.write("".join(chunks).encode("utf-8"))


def to_gexf_graph(graph) -> nx.MultiDiGraph:
    """The same content as a networkx graph (``viz``, ``start``), ready for ``nx.write_gexf``."""
    source = getattr(graph, "nx", graph)
    node_date, doc_date = first_dates(source)
    g = gephi_safe(source)
    degree = dict(g.degree())
    for node, data in g.nodes(data=True):
        for name in [k for k in data if k in _RESERVED]:
            data[_RESERVED[name]] = data.pop(name)
        r, gr, b = TYPE_COLOURS.get(str(data.get("type")), OTHER_COLOUR)
        data["viz"] = {"color": {"r": r, "g": gr, "b": b, "a": 1.0}, "size": _size(degree.get(node, 0))}
        if node in node_date:
            data["start"] = node_date[node]
    for u, v, key, data in g.edges(keys=True, data=True):
        date = _edge_date(u, v, data, node_date, doc_date)
        for name in [k for k in data if k in _EDGE_RESERVED]:
            data[_EDGE_RESERVED[name]] = data.pop(name)
        data["id"] = str(key)
        if data.get("relation") is not None:
            data["label"] = str(data["relation"])
        if isinstance(data.get("count"), (int, float)) and not isinstance(data.get("count"), bool):
            data["weight"] = float(data["count"])
        if date:
            data["start"] = date
    g.graph["mode"] = "dynamic"
    return g


@register("gexf", ".gexf", "GEXF 1.2 for Gephi, with colours, sizes and meeting dates")
def export_gexf(graph, stream: BinaryIO, **options) -> None:
    """Write ``graph`` as GEXF 1.2 (dynamic, ``timeformat="date"``) to the binary ``stream``."""
    write_gexf(graph, stream)
