"""The GraphML contract (../shared/CONTRACT.md), read back with networkx and xml.etree."""
from __future__ import annotations

import datetime
import io
import xml.etree.ElementTree as ET
from collections import Counter

import networkx as nx
import pytest

from graph.exporters import export_all, get_exporter
from graph.exporters.graphml import export_graphml, gephi_safe, xml_safe

NS = {"g": "http://graphml.graphdrawing.org/xmlns"}
SEED_DOCUMENTS = {
    "000_2eb527c07c3843b1.txt": "2022-12-02",
    "001_b4e6dcb2cf1b819c.txt": None,  # the document gives no date
    "002_306ec24a535d918f.txt": "2024-04-30",
    "003_9149ff3ea57836cb.txt": "2024-12-17",
    "004_7d1dff19a2ca3e0e.txt": "2021-10-14",
}
ENDS = {
    "presents": ({"Person"}, {"AgendaItem"}),
    "attends": ({"Person"}, {"Meeting"}),
    "decides": ({"Body", "Person"}, {"AgendaItem", "Decision"}),
    "concerns": ({"AgendaItem", "Decision"}, {"Initiative"}),
    "owns": ({"Unit", "Body", "Person"}, {"Initiative"}),
}


@pytest.fixture(scope="module")
def graphml_path(tmp_path_factory, seed_graph):
    out = tmp_path_factory.mktemp("graphml")
    (path,) = export_all(seed_graph, out, [get_exporter("graphml")])
    assert path.name == "graph.graphml"
    return path


@pytest.fixture(scope="module")
def seed_nx(graphml_path):
    return nx.read_graphml(graphml_path, force_multigraph=True)


@pytest.fixture(scope="module")
def seed_xml(graphml_path):
    return ET.parse(graphml_path).getroot()


def _export(g) -> bytes:
    stream = io.BytesIO()
    export_graphml(g, stream)
    return stream.getvalue()


def _edge_ids(data: bytes | ET.Element) -> list[str | None]:
    root = ET.fromstring(data) if isinstance(data, bytes) else data
    return [e.get("id") for e in root.iter("{%s}edge" % NS["g"])]


# --- the seed export ----------------------------------------------------------------------


def test_graphml_is_directed_and_has_the_seed_documents(seed_nx, seed_xml):
    assert seed_nx.is_directed()
    assert seed_xml.find("g:graph", NS).get("edgedefault") == "directed"
    meetings = {d["document"] for _, d in seed_nx.nodes(data=True) if d["type"] == "Meeting"}
    assert meetings == set(SEED_DOCUMENTS)


def test_graphml_every_node_has_type_and_label(seed_nx):
    assert seed_nx.number_of_nodes() > 50
    for node, data in seed_nx.nodes(data=True):
        assert isinstance(data.get("type"), str) and data["type"], node
        assert isinstance(data.get("label"), str) and data["label"].strip(), node
    types = Counter(t for _, t in seed_nx.nodes(data="type"))
    assert {"Person", "Unit", "Body", "Initiative", "Meeting", "AgendaItem"} <= set(types)


def test_graphml_agenda_items_have_document_and_integer_number(seed_nx, seed_xml):
    items = [d for _, d in seed_nx.nodes(data=True) if d["type"] == "AgendaItem"]
    assert len(items) >= 25
    for data in items:
        assert data["document"] in SEED_DOCUMENTS
        assert type(data["number"]) is int and data["number"] >= 1
    keys = {k.get("attr.name"): k.get("attr.type") for k in seed_xml.findall("g:key[@for='node']", NS)}
    assert keys["number"] in {"int", "long"}
    numbers = {(d["document"], d["number"]) for d in items}
    assert len(numbers) == len(items)  # one node per (document, number)
    assert ("003_9149ff3ea57836cb.txt", 11) in numbers


def test_graphml_meetings_have_document_and_iso_date(seed_nx):
    meetings = {d["document"]: d for _, d in seed_nx.nodes(data=True) if d["type"] == "Meeting"}
    for document, date in SEED_DOCUMENTS.items():
        data = meetings[document]
        assert data.get("date") == date
        if date:
            assert datetime.date.fromisoformat(data["date"]).isoformat() == data["date"]


def test_graphml_every_edge_has_relation_and_unique_id(seed_nx, seed_xml):
    ids = _edge_ids(seed_xml)
    assert len(ids) == seed_nx.number_of_edges() > 100
    assert None not in ids and "" not in ids
    duplicates = [i for i, c in Counter(ids).items() if c > 1]
    assert duplicates == []
    for u, v, data in seed_nx.edges(data=True):
        assert isinstance(data.get("relation"), str) and data["relation"], (u, v)


def test_graphml_contract_relations_connect_the_right_types(seed_nx):
    types = dict(seed_nx.nodes(data="type"))
    seen = Counter()
    for u, v, relation in seed_nx.edges(data="relation"):
        if relation in ENDS:
            sources, targets = ENDS[relation]
            assert types[u] in sources and types[v] in targets, (u, relation, v)
            seen[relation] += 1
    assert set(seen) == set(ENDS)


def test_graphml_one_node_per_entity_label(seed_nx):
    for kind in ("Person", "Unit", "Body", "Initiative", "Meeting"):
        labels = Counter(d["label"] for _, d in seed_nx.nodes(data=True) if d["type"] == kind)
        assert [l for l, c in labels.items() if c > 1] == [], kind


def test_graphml_no_attribute_is_none_or_a_list(seed_graph, seed_xml):
    safe = gephi_safe(seed_graph.nx)
    values = [v for _, d in safe.nodes(data=True) for v in d.values()]
    values += [v for _, _, d in safe.edges(data=True) for v in d.values()]
    assert values
    assert {type(v) for v in values} <= {str, int, float}
    for data in seed_xml.iter("{%s}data" % NS["g"]):
        text = data.text or ""
        assert text not in {"None", "[]", "()"}
        assert not (text.startswith("['") and text.endswith("']")), text


# --- hand-made graphs ---------------------------------------------------------------------


def test_graphml_forbidden_characters_removed_and_markup_kept_as_text():
    g = nx.MultiDiGraph()
    g.add_node("p\x00:1", type="Person", label="Anne\x00 Bo\x0bdal", note=None, tags=["a", "b"], flag=True)
    g.add_node("i:2", type="Initiative", label="<b>&amp;</b> & <i>\x0c", score=0.5, number=7)
    g.add_edge("p\x00:1", "i:2", key="owns:1", relation="owns", evidence="<tag attr=\"x\">\x1f'quoted'</tag>", empty=None)
    data = _export(g)
    assert b"\x00" not in data and b"\x0b" not in data and b"\x0c" not in data and b"\x1f" not in data
    ET.fromstring(data)  # well-formed XML
    back = nx.read_graphml(io.BytesIO(data), force_multigraph=True)
    assert set(back.nodes) == {"p:1", "i:2"}
    assert back.nodes["p:1"]["label"] == "Anne Bodal"
    assert back.nodes["p:1"]["tags"] == "a;b"
    assert back.nodes["p:1"]["flag"] == "true"
    assert "note" not in back.nodes["p:1"]
    assert back.nodes["i:2"]["label"] == "<b>&amp;</b> & <i>"
    assert back.nodes["i:2"]["score"] == 0.5 and back.nodes["i:2"]["number"] == 7
    ((u, v, key, edge),) = back.edges(keys=True, data=True)
    assert (u, v, key) == ("p:1", "i:2", "owns:1")
    assert edge["evidence"] == "<tag attr=\"x\">'quoted'</tag>"
    assert "empty" not in edge


def test_graphml_xml_safe_values():
    assert xml_safe("a\x00b\x08c\x0bd\x0ce\x1ff\ufffeg") == "abcdefg"
    assert xml_safe("tab\tnew\nline\r") == "tab\tnew\nline\r"
    assert xml_safe(["x", 1, "y"]) == "x;1;y"
    assert xml_safe(False) == "false"
    assert xml_safe(3) == 3 and xml_safe(2.5) == 2.5


def test_graphml_parallel_edges_keep_distinct_ids():
    g = nx.MultiDiGraph()
    g.add_node("a", type="Person", label="A")
    g.add_node("b", type="AgendaItem", label="Punkt 1", document="d.txt", number=1)
    g.add_edge("a", "b", key="presents:a->b", relation="presents")
    g.add_edge("a", "b", key="mentions:a->b", relation="mentions")
    data = _export(g)
    assert sorted(_edge_ids(data)) == ["mentions:a->b", "presents:a->b"]
    back = nx.read_graphml(io.BytesIO(data), force_multigraph=True)
    assert sorted(r for _, _, r in back.edges(data="relation")) == ["mentions", "presents"]


def test_graphml_default_edge_keys_still_give_unique_ids():
    g = nx.MultiDiGraph()
    g.add_edge("a", "b", relation="presents")
    g.add_edge("c", "d", relation="presents")
    g.add_edge("a", "b", relation="mentions")
    for n in g:
        g.nodes[n].update(type="Person", label=n)
    ids = _edge_ids(_export(g))
    assert len(ids) == 3 and len(set(ids)) == 3, ids


def test_graphml_export_is_deterministic_for_insertion_order():
    def make(order):
        g = nx.MultiDiGraph()
        for n in order:
            g.add_node(n, type="Person", label=n.upper(), b=1, a="x")
        for u, v in zip(order, order[1:]):
            g.add_edge(u, v, key=f"k:{min(u, v)}-{max(u, v)}", relation="attends")
        return g

    assert _export(make(["x", "y", "z"])) == _export(make(["x", "y", "z"]))
    g1, g2 = make(["x", "y", "z"]), nx.MultiDiGraph()
    for n in reversed(list(g1.nodes)):
        g2.add_node(n, **dict(reversed(list(g1.nodes[n].items()))))
    for u, v, k, d in reversed(list(g1.edges(keys=True, data=True))):
        g2.add_edge(u, v, key=k, **d)
    assert _export(g1) == _export(g2)
