"""Seeds -> CLI build -> graph.graphml (networkx) and graph.ttl (rdflib): concrete facts, determinism, score."""
from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
import rdflib
from rdflib.namespace import RDF, RDFS

from graph.cli import main

D000 = "000_2eb527c07c3843b1.txt"
D001 = "001_b4e6dcb2cf1b819c.txt"
D002 = "002_306ec24a535d918f.txt"
D003 = "003_9149ff3ea57836cb.txt"
SHARED = Path(__file__).resolve().parents[2] / "shared"


def _cli_build(seeds_dir: Path, out: Path) -> Path:
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = main(["build", str(seeds_dir), "--out", str(out), "--jobs", "1"])
    assert code == 0, stderr.getvalue()
    assert stdout.getvalue().startswith("Built 5 documents")
    return out


@pytest.fixture(scope="module")
def exports(tmp_path_factory, seeds_dir) -> Path:
    return _cli_build(seeds_dir, tmp_path_factory.mktemp("e2e") / "a")


@pytest.fixture(scope="module")
def g(exports) -> nx.MultiDiGraph:
    return nx.read_graphml(exports / "graph.graphml", force_multigraph=True)


@pytest.fixture(scope="module")
def rdf(exports) -> rdflib.Graph:
    graph = rdflib.Graph()
    graph.parse(exports / "graph.ttl", format="turtle")
    return graph


# --- helpers over the GraphML --------------------------------------------------------------


def node(g, kind: str, label: str) -> str:
    found = [n for n, d in g.nodes(data=True) if d.get("type") == kind and d.get("label") == label]
    assert len(found) == 1, f"{kind} {label!r}: {len(found)} nodes"
    return found[0]


def item(g, document: str, number: int) -> str:
    found = [n for n, d in g.nodes(data=True)
             if d.get("type") == "AgendaItem" and d.get("document") == document and d.get("number") == number]
    assert len(found) == 1, f"item {number} of {document}: {len(found)} nodes"
    return found[0]


def meeting(g, document: str) -> str:
    found = [n for n, d in g.nodes(data=True) if d.get("type") == "Meeting" and d.get("document") == document]
    assert len(found) == 1
    return found[0]


def targets(g, source: str, relation: str) -> set[str]:
    return {v for _, v, r in g.out_edges(source, data="relation") if r == relation}


def sources(g, target: str, relation: str) -> set[str]:
    return {u for u, _, r in g.in_edges(target, data="relation") if r == relation}


def item_and_decision(g, item_node: str) -> set[str]:
    """The agenda item and the Decision node(s) that are ``decision_of`` it."""
    return {item_node} | sources(g, item_node, "decision_of")


def labels(g, nodes) -> set[str]:
    return {g.nodes[n]["label"] for n in nodes}


# --- concrete facts (GraphML) ----------------------------------------------------------------


def test_end_to_end_presents(g):
    helle = node(g, "Person", "Helle Rasmussen")
    third = item(g, D000, 3)
    assert third in targets(g, helle, "presents")
    assert labels(g, sources(g, third, "presents")) == {"Helle Rasmussen", "Vibeke Jørgensen"}
    assert g.nodes[third]["label"].endswith("Program for fastholdelse og rekruttering")


def test_end_to_end_presents_edge_carries_evidence(g):
    helle, third = node(g, "Person", "Helle Rasmussen"), item(g, D000, 3)
    (data,) = [d for d in g.get_edge_data(helle, third).values() if d["relation"] == "presents"]
    assert data["document"] == D000
    assert str(data["lines"]) == "11"
    assert "Helle Rasmussen" in data["evidence"]
    text = (Path(__file__).resolve().parents[1] / "seeds" / D000).read_text(encoding="utf-8")
    assert "Helle Rasmussen" in text[data["char_start"]:data["char_end"]]


def test_end_to_end_decides(g):
    chefteamet = node(g, "Body", "Chefteamet")
    assert targets(g, chefteamet, "decides") & item_and_decision(g, item(g, D000, 3))


def test_end_to_end_otto_is_one_person(g):
    ottos = [n for n, d in g.nodes(data=True) if d["type"] == "Person" and d["label"].startswith("Otto")]
    assert labels(g, ottos) == {"Otto Junge Ohrt"}
    otto = node(g, "Person", "Otto Junge Ohrt")
    assert {meeting(g, D000), meeting(g, D002)} <= targets(g, otto, "attends")


def test_end_to_end_thune_slash_svend(g):
    first = item(g, D002, 1)
    assert labels(g, sources(g, first, "presents")) == {"Thune Korsager", "Svend"}
    thune = node(g, "Person", "Thune Korsager")
    assert meeting(g, D002) in targets(g, thune, "attends")


def test_end_to_end_hosea_attends_001(g):
    hosea = node(g, "Person", "Hosea")
    assert targets(g, hosea, "attends") == {meeting(g, D001)}


def test_end_to_end_003_item_1_decided_by_rådmandsmødekredsen(g):
    deciders = set()
    for target in item_and_decision(g, item(g, D003, 1)):
        deciders |= sources(g, target, "decides")
    assert labels(g, deciders) == {"Rådmandsmødekredsen"}
    assert g.nodes[next(iter(deciders))]["type"] == "Body"


def test_end_to_end_center_owned_and_concerned(g):
    center = node(g, "Initiative", "Center for Pårørendesamarbejde")
    owners = sources(g, center, "owns")
    assert labels(g, owners) == {"Strategi og Udvikling"}
    assert g.nodes[next(iter(owners))]["type"] == "Unit"
    fifth = item(g, D000, 5)
    assert center in set().union(*(targets(g, n, "concerns") for n in item_and_decision(g, fifth)))


def test_end_to_end_meetings(g):
    m000 = g.nodes[meeting(g, D000)]
    assert (m000["date"], m000["start"], m000["end"]) == ("2022-12-02", "10:00", "11:30")
    assert "date" not in g.nodes[meeting(g, D001)]
    for n in (item(g, D000, k) for k in range(1, 7)):
        assert targets(g, n, "part_of") == {meeting(g, D000)}


# --- the same facts in Turtle ------------------------------------------------------------------


def _local(iri) -> str:
    return str(iri).replace("#", "/").rsplit("/", 1)[-1]


def _subjects(rdf: rdflib.Graph, label: str, kind: str | None = None) -> set:
    found = {s for s, o in rdf.subject_objects(RDFS.label) if str(o) == label}
    if kind:
        found = {s for s in found if any(_local(t) == kind for t in rdf.objects(s, RDF.type))}
    return found


def _related(rdf: rdflib.Graph, subject, relation: str) -> set:
    return {o for p, o in rdf.predicate_objects(subject) if _local(p) == relation}


def test_end_to_end_turtle_has_the_same_facts(rdf, g):
    (helle,) = _subjects(rdf, "Helle Rasmussen", "Person")
    item_label = g.nodes[item(g, D000, 3)]["label"]
    assert any(str(l) == item_label for o in _related(rdf, helle, "presents") for l in rdf.objects(o, RDFS.label))
    (center,) = _subjects(rdf, "Center for Pårørendesamarbejde", "Initiative")
    (strategy,) = _subjects(rdf, "Strategi og Udvikling", "Unit")
    assert center in _related(rdf, strategy, "owns")
    assert len(_subjects(rdf, "Otto Junge Ohrt", "Person")) == 1
    assert _subjects(rdf, "Otto Ohrt", "Person") == set()
    (hosea,) = _subjects(rdf, "Hosea", "Person")
    assert len(_related(rdf, hosea, "attends")) == 1


def test_end_to_end_turtle_matches_graphml(rdf, g):
    """Every contract edge of the GraphML is a triple of the Turtle, by labels of its ends."""
    relations = {"presents", "attends", "decides", "concerns", "owns"}
    from_graphml = {(g.nodes[u]["label"], r, g.nodes[v]["label"]) for u, v, r in g.edges(data="relation") if r in relations}
    label = {s: str(o) for s, o in rdf.subject_objects(RDFS.label)}
    from_turtle = {(label.get(s), _local(p), label.get(o)) for s, p, o in rdf if _local(p) in relations}
    assert len(from_graphml) > 100
    assert from_graphml == from_turtle


# --- determinism -----------------------------------------------------------------------------------


def test_end_to_end_rebuild_is_byte_identical(exports, tmp_path, seeds_dir):
    """A second build, with two worker processes this time, writes the same bytes."""
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = main(["build", str(seeds_dir), "--out", str(tmp_path / "b"), "--jobs", "2", "-q"])
    assert code == 0, stderr.getvalue()
    for name in ("graph.graphml", "graph.ttl"):
        assert (tmp_path / "b" / name).read_bytes() == (exports / name).read_bytes(), name


def test_end_to_end_output_does_not_depend_on_hash_seed(tmp_path, seeds_dir):
    """Two interpreters with different hash seeds write the same bytes (node ids, order, aliases)."""
    runs = {}
    for seed in ("0", "1"):
        out = tmp_path / f"seed{seed}"
        runs[out] = subprocess.Popen(
            [sys.executable, "-m", "graph", "build", str(seeds_dir), "--out", str(out), "--jobs", "1", "-q"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONHASHSEED": seed},
        )
    for out, process in runs.items():
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
    first, second = runs
    for name in ("graph.graphml", "graph.ttl"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


# --- the score against the gold ---------------------------------------------------------------------

THRESHOLDS = {
    "presents": 0.95, "attends": 0.95, "decides": 0.90,
    "Person": 0.9, "Unit": 0.9, "Body": 0.9, "Initiative": 0.75,
    "concerns": 0.8, "owns": 0.6, "connected": 0.8, "edges_micro": 0.85,
}


@pytest.mark.skipif(not (SHARED / "eval" / "score.py").is_file() or not (SHARED / "gold").is_dir(),
                    reason="../shared/eval/score.py and ../shared/gold are not here")
def test_end_to_end_score_against_gold(exports):
    result = subprocess.run(
        [sys.executable, str(SHARED / "eval" / "score.py"), "--graph", str(exports / "graph.graphml"),
         "--gold", str(SHARED / "gold"), "--json"],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    scores = json.loads(result.stdout)
    below = {k: round(scores[k]["f"], 3) for k, floor in THRESHOLDS.items() if scores[k]["f"] < floor}
    assert below == {}, f"F1 below the floor: {below}"


PROBES = Path(__file__).resolve().parent / "data" / "probes"
PROBE_FLOORS = {"probe1": 0.95, "probe2": 0.95, "probe3": 0.92, "probe4": 0.9, "probe5": 0.92, "probe6": 0.95,
                "probe7": 0.92, "probe8": 0.89, "probe9": 0.89, "probe10": 0.86, "probe11": 0.92, "probe12": 0.92,
                "probe13": 0.93, "probe14": 0.94, "probe15": 0.94, "probe16": 0.88, "probe17": 0.9, "probe18": 0.92}
#: people, presents, attends, decides: 0.9 everywhere but probe8, whose coordination forum
#: ("Tværgående Koordinationsforum (TKF)") decides under a name no lexicon knows
CORE_FLOORS = {"probe8": 0.85}


@pytest.mark.skipif(not (SHARED / "eval" / "score.py").is_file(), reason="../shared/eval/score.py is not here")
@pytest.mark.parametrize("probe", sorted(p.name for p in PROBES.iterdir() if p.is_dir()))
def test_end_to_end_score_on_probe_sets(probe, tmp_path):
    """Minutes written apart from the seeds, with their own gold: the extractor generalises."""
    from graph import build
    from graph.exporters import get_exporter, write_atomic

    graph = build([PROBES / probe / "seeds"])
    assert not graph.skipped
    target = tmp_path / "graph.graphml"
    write_atomic(target, lambda stream: get_exporter("graphml").export(graph, stream))
    result = subprocess.run(
        [sys.executable, str(SHARED / "eval" / "score.py"), "--graph", str(target), "--gold", str(PROBES / probe / "gold"), "--json"],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    scores = json.loads(result.stdout)
    assert scores["edges_micro"]["f"] >= PROBE_FLOORS[probe]  # a little below today's score: catches regressions
    assert min(scores[k]["f"] for k in ("Person", "presents", "attends", "decides")) >= CORE_FLOORS.get(probe, 0.9)
