"""Build stage: resolved entities and statements -> a networkx ``MultiDiGraph``.

Nodes keep the GraphML contract of ``../shared/CONTRACT.md``: ``type`` and
``label`` everywhere, ``document`` on meetings, agenda items and decisions,
``number`` on agenda items, ``date`` on meetings. Node ids derive from type and
canonical name (entities) or document and item number (structure), so they are
stable across runs. There is one edge per (source, relation, target); its
evidence is the first occurrence in document order and ``count`` says how many
times the text states it. Edge keys are unique ids, so Gephi keeps every edge.
"""
from __future__ import annotations

from sys import intern

import networkx as nx

from .model import Evidence, Mention
from .resolve import Resolution

__all__ = ["build_graph", "meeting_id", "item_id", "decision_id"]


def meeting_id(document: str) -> str:
    return f"meeting:{document}"


def item_id(document: str, number: int) -> str:
    return f"item:{document}#{number}"


def decision_id(document: str, number: int) -> str:
    return f"decision:{document}#{number}"


def _evidence_attrs(ev: Evidence | None) -> dict:
    if ev is None:
        return {}
    return {"document": intern(ev.document), "lines": intern(ev.lines), "char_start": ev.char_start, "char_end": ev.char_end, "evidence": ev.quote}


def _clean(attrs: dict) -> dict:
    """Drop ``None`` values: GraphML and Gephi need every attribute typed and present."""
    return {k: v for k, v in attrs.items() if v is not None and v != ""}


def build_graph(resolution: Resolution, consume: bool = False) -> nx.MultiDiGraph:
    """Assemble the knowledge graph of a build.

    With ``consume=True`` each document's records are released as soon as
    they are in the graph (``resolution.extracted[i]`` becomes ``None``), so
    the records and the graph are never both whole in memory.
    """
    g = nx.MultiDiGraph()
    for entity in resolution.entities:
        g.add_node(entity.node_id, **_clean({
            **_evidence_attrs(entity.evidence), "type": entity.kind, "label": entity.label,
            "aliases": ";".join(entity.aliases), "documents": ";".join(entity.documents),
        }))
    # one new edge per statement, by the hundred thousand: written into networkx's own adjacency
    # dicts as MultiDiGraph.add_edge writes them (both ends are nodes already), without its
    # per-call checks, key search and adjacency views
    succ, pred = g._succ, g._pred
    node_of = resolution.entity_of.node_ids()
    records = resolution.extracted
    for index in range(len(records)):
        extracted = records[index]
        _add_structure(g, extracted.minutes)
        for st in extracted.statements:
            source, target = st.source, st.target
            # mentions resolve to entities, which are all nodes; a structure reference may name
            # an item the document lacks
            if source.__class__ is Mention:
                u = node_of.get(id(source))
            else:
                u = _structure_node(source)
                u = u if u in g else None
            if target.__class__ is Mention:
                v = node_of.get(id(target))
            else:
                v = _structure_node(target)
                v = v if v in g else None
            if u is None or v is None or u == v:
                continue
            relation, ev = st.relation, st.evidence
            keys = succ[u].get(v)
            found = keys.get(relation) if keys is not None else None
            if found is None:  # one edge per (u, relation, v), added in document order
                if keys is None:
                    keys = succ[u][v] = pred[v][u] = {}
                keys[relation] = {"relation": relation, "count": 1, "document": intern(ev.document), "lines": intern(ev.lines),
                                  "char_start": ev.char_start, "char_end": ev.char_end, "evidence": ev.quote}
                continue
            found["count"] += 1
            if (ev.document, ev.char_start) < (found["document"], found["char_start"]):
                found.update(document=intern(ev.document), lines=intern(ev.lines), char_start=ev.char_start,
                             char_end=ev.char_end, evidence=ev.quote)
        if consume:
            records[index] = None
    return g


def _add_structure(g: nx.MultiDiGraph, minutes) -> None:
    """The meeting, agenda items and decisions of one document, with part_of and decision_of edges."""
    meeting = minutes.meeting
    doc = minutes.document
    label = " ".join(x for x in (meeting.kind or "Møde", meeting.date or doc) if x)
    g.add_node(meeting_id(doc), **_clean({
        **_evidence_attrs(meeting.evidence), "type": "Meeting", "label": label, "document": doc,
        "kind": meeting.kind, "date": meeting.date, "start": meeting.start, "end": meeting.end,
        "location": meeting.location, "missing": ";".join(meeting.missing),
    }))
    times = {e.number: e for e in minutes.schedule}
    for item in minutes.items:
        slot = times.get(item.number)
        g.add_node(item_id(doc, item.number), **_clean({
            **_evidence_attrs(item.evidence), "type": "AgendaItem",
            "label": f"Punkt {item.number}: {item.title}" if item.title else f"Punkt {item.number}",
            "document": doc, "number": item.number, "title": item.title,
            "date": meeting.date, "start": intern(slot.start) if slot and slot.start else None,
            "end": intern(slot.end) if slot and slot.end else None,
        }))
        g.add_edge(item_id(doc, item.number), meeting_id(doc), key="part_of", relation="part_of", document=doc)
        if item.decision is not None:
            ev = item.decision
            g.add_node(decision_id(doc, item.number), **_clean({
                **_evidence_attrs(ev), "type": "Decision", "label": f"Beslutning for punkt {item.number}",
                "document": doc, "number": item.number, "text": ev.quote, "date": meeting.date,
            }))
            g.add_edge(decision_id(doc, item.number), item_id(doc, item.number),
                       key="decision_of", relation="decision_of", document=doc)


def _structure_node(end: tuple) -> str | None:
    """The node id of a reference to a meeting, agenda item or decision (``("AgendaItem", doc, 3)``)."""
    kind = end[0]
    if kind == "Meeting":
        return meeting_id(end[1])
    if kind == "AgendaItem":
        return item_id(end[1], end[2])
    if kind == "Decision":
        return decision_id(end[1], end[2])
    return None
