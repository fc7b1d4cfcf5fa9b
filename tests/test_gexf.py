"""GEXF export: read back with networkx, colours, sizes, meeting dates, stable bytes."""
from __future__ import annotations

import io
import re

import networkx as nx
import pytest

from graph.exporters import get_exporter
from graph.exporters.gexf import TYPE_COLOURS, export_gexf


@pytest.fixture(scope="module")
def gexf_bytes(seed_graph) -> bytes:
    out = io.BytesIO()
    export_gexf(seed_graph, out)
    return out.getvalue()


@pytest.fixture(scope="module")
def gexf_back(gexf_bytes) -> nx.Graph:
    return nx.read_gexf(io.BytesIO(gexf_bytes))


def test_gexf_registered():
    exporter = get_exporter("gexf")
    assert exporter.suffix == ".gexf"
    assert exporter.export is export_gexf


def test_gexf_reads_back_with_every_node(seed_graph, gexf_back):
    assert gexf_back.number_of_nodes() == seed_graph.nx.number_of_nodes()
    assert set(gexf_back.nodes) == set(seed_graph.nx.nodes)


def test_gexf_type_and_label_attributes(seed_graph, gexf_back):
    for node, data in seed_graph.nx.nodes(data=True):
        back = gexf_back.nodes[node]
        assert back["type"] == data["type"]
        assert back["label"] == data["label"]
    helle = [d for _, d in gexf_back.nodes(data=True) if d.get("label") == "Helle Rasmussen"]
    assert helle and helle[0]["type"] == "Person"


def test_gexf_edges_keep_relation(seed_graph, gexf_back):
    relations = {r for _, _, r in gexf_back.edges(data="relation")}
    assert {"presents", "concerns", "owns", "part_of"} <= relations


def test_gexf_colours_and_sizes_in_xml(gexf_bytes):
    text = gexf_bytes.decode("utf-8")
    for kind in ("Person", "Initiative", "Meeting", "Unit"):
        r, g, b = TYPE_COLOURS[kind]
        assert f'<viz:color r="{r}" g="{g}" b="{b}"' in text
    assert "<viz:size value=" in text


def test_gexf_dynamic_with_dates(gexf_bytes):
    graph_element = re.search(r"<graph [^>]*>", gexf_bytes.decode("utf-8")).group(0)
    assert 'mode="dynamic"' in graph_element
    assert 'timeformat="date"' in graph_element


def test_gexf_meeting_starts_at_its_date(gexf_back):
    meeting = gexf_back.nodes["meeting:000_2eb527c07c3843b1.txt"]
    assert meeting["start"] == "2022-12-02"
    assert meeting["start_time"] == "10:00"  # the meeting's clock time, renamed from ``start``


def test_gexf_entities_start_at_first_meeting(gexf_back):
    helle = next(d for _, d in gexf_back.nodes(data=True) if d.get("label") == "Helle Rasmussen")
    # in 000 (2022-12-02) and 001 (no date): the earliest dated meeting
    assert helle["start"] == "2022-12-02"
    chefteamet = next(d for _, d in gexf_back.nodes(data=True) if d.get("label") == "Chefteamet")
    assert chefteamet["start"] == "2021-10-14"  # 004 is the earliest meeting


def test_gexf_edges_start_at_their_meeting(gexf_back):
    for u, v, data in gexf_back.edges(data=True):
        if data.get("document") == "002_306ec24a535d918f.txt":
            assert data["start"] == "2024-04-30"
        if data.get("document") == "001_b4e6dcb2cf1b819c.txt":  # a meeting without a date
            assert "start" not in data


def test_gexf_undated_meeting_has_no_spell(gexf_back):
    assert "start" not in gexf_back.nodes["meeting:001_b4e6dcb2cf1b819c.txt"]


def test_gexf_no_none_values(gexf_bytes):
    text = gexf_bytes.decode("utf-8")
    assert 'value="None"' not in text
    assert "[" not in re.sub(r"<attvalue [^>]*>", "", text).split("<nodes>")[0]  # no list reprs in declarations


def test_gexf_bytes_are_deterministic(seed_graph, gexf_bytes):
    again = io.BytesIO()
    export_gexf(seed_graph, again)
    assert again.getvalue() == gexf_bytes
    assert b"lastmodifieddate=\"2024-12-17\"" in gexf_bytes  # the latest meeting, not today


def test_gexf_lists_and_forbidden_characters():
    g = nx.MultiDiGraph()
    g.add_node("meeting:a.txt", type="Meeting", label="Møde", document="a.txt", date="2024-03-01")
    g.add_node("person:x", type="Person", label="Ane\x0bBerg", aliases=["Ane", "A. Berg"], documents="a.txt", note=None)
    g.add_edge("person:x", "meeting:a.txt", key="attends:x", relation="attends", document="a.txt")
    out = io.BytesIO()
    export_gexf(g, out)
    back = nx.read_gexf(io.BytesIO(out.getvalue()))
    person = back.nodes["person:x"]
    assert person["label"] == "AneBerg"
    assert person["aliases"] == "Ane;A. Berg"
    assert "note" not in person
    assert person["start"] == "2024-03-01"
    assert back.edges["person:x", "meeting:a.txt"]["start"] == "2024-03-01"
