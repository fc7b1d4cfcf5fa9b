"""Extraction in several processes: same records as one process, whoever extracts what."""
from __future__ import annotations

import multiprocessing
import os
import time
from pathlib import Path

import pytest

from graph import pipeline
from graph.read import collect_paths, read_documents

ROOT = Path(__file__).resolve().parent.parent
FORKS = "fork" in multiprocessing.get_all_start_methods()


@pytest.fixture(scope="module")
def sources():
    """The seeds and the probe sets: 96 documents of several layouts."""
    return [s for s in read_documents(collect_paths([ROOT / "seeds", *sorted((ROOT / "tests/data/probes").glob("*/seeds"))]))]


@pytest.fixture(scope="module")
def one_process(sources):
    return repr(pipeline.extract_documents(sources, 1))


@pytest.mark.skipif(not FORKS, reason="chunks are shared with forked workers only where processes fork")
def test_workers_and_this_process_share_the_chunks(sources, one_process, monkeypatch):
    """The parent extracts too, slowly here, so the worker surely takes chunks; the records are the same."""
    parent, extract_chunk, taken_here = os.getpid(), pipeline._extract_chunk, []

    def slow_here(documents, index, size):
        if os.getpid() == parent:
            taken_here.append(index)
            time.sleep(0.05)
        return extract_chunk(documents, index, size)

    monkeypatch.setattr(pipeline, "_extract_chunk", slow_here)
    seen = []
    results = pipeline.extract_documents(sources, 2, progress=seen.append)
    assert repr(results) == one_process
    assert sum(seen) == len(sources) == 96
    chunks = -(-len(sources) // max(1, min(16, len(sources) // 8)))
    assert 0 < len(taken_here) < chunks  # both processes extracted


@pytest.mark.skipif(not FORKS, reason="chunks are shared with forked workers only where processes fork")
def test_a_chunk_lost_with_a_dead_worker_is_extracted_here(sources, one_process, monkeypatch):
    """A worker that dies holding a chunk (killed, out of memory) loses no document."""

    def dies_holding_a_chunk(counter, chunks, size, done):
        pipeline._claim(counter, chunks)
        os._exit(3)

    monkeypatch.setattr(pipeline, "_chunk_worker", dies_holding_a_chunk)
    assert repr(pipeline.extract_documents(sources, 3)) == one_process


def test_few_documents_are_extracted_in_this_process(sources, one_process):
    assert repr(pipeline.extract_documents(sources[:3], 2)) == repr(pipeline.extract_documents(sources[:3], 1))


def test_build_keeps_both_adjacencies_of_every_edge(seed_graph):
    """The build writes statement edges into networkx's adjacency dicts itself: each edge is seen,
    with the same attributes, from its source (out_edges) and its target (in_edges)."""
    g = seed_graph.nx
    out_edges = {(u, v, k): id(d) for u, v, k, d in g.out_edges(keys=True, data=True)}
    in_edges = {(u, v, k): id(d) for u, v, k, d in g.in_edges(keys=True, data=True)}
    assert out_edges == in_edges and len(out_edges) == g.number_of_edges() > 250
    presents = [(g.nodes[u]["label"], g.nodes[v]["number"]) for u, v, r in g.in_edges("item:000_2eb527c07c3843b1.txt#3", data="relation")
                if r == "presents"]
    assert presents == [("Helle Rasmussen", 3), ("Vibeke Jørgensen", 3)]


def _minutes(title: str, decision: str) -> str:
    return (f"Chefteammøde (Chefteammøde)\n\n01-02-2026 10:00 - 11:00\n\nMødedeltagere : Bo Lund\n\n"
            f"Punkt 1: {title}\n\nBeslutning for Punkt 1: {title}\n\nChefteamet besluttede:\n\n{decision}\n")


@pytest.mark.parametrize("first, second, name", [
    # a title names it
    (("Status på Styrket hverdagsrehabilitering", "- At status tages til efterretning."),
     ("Budget 2027", "- At Styrket hverdagsrehabilitering indgår i budgettet."), "Styrket hverdagsrehabilitering"),
    # running text names it: a capitalised name of two words
    (("Status på demens", "- Ordningen Venlig Kiosk udvides til 30 butikker."),
     ("Budget 2027", "- Lene følger op på Venlig Kiosk i december."), "Venlig Kiosk"),
])
def test_an_initiative_named_in_one_meeting_is_found_again_in_another(tmp_path, first, second, name):
    (tmp_path / "a.txt").write_text(_minutes(*first), encoding="utf-8")
    (tmp_path / "b.txt").write_text(_minutes(*second), encoding="utf-8")
    g = pipeline.build([tmp_path])
    concerns = {(g.nx.nodes[u]["document"], g.nx.nodes[v]["label"]) for u, v, d in g.nx.edges(data=True)
                if d["relation"] == "concerns"}
    assert {("a.txt", name), ("b.txt", name)} <= concerns


@pytest.mark.skipif(not FORKS, reason="chunks are shared with forked workers only where processes fork")
def test_the_second_pass_gives_the_same_graph_with_two_jobs(tmp_path):
    """Recurring names are found again and re-extracted the same way by one process or two."""
    (tmp_path / "0.txt").write_text(_minutes("Status på Varm mad til alle", "- At status tages til efterretning."),
                                    encoding="utf-8")
    for n, title in enumerate(["Budget 2027", "Eventuelt", "Kommende møder", "Budget 2028", "Sygefravær"], start=1):
        (tmp_path / f"{n}.txt").write_text(_minutes(title, "- At Varm mad til alle udvides."), encoding="utf-8")
    sources = [s for s in read_documents(collect_paths([tmp_path]))]
    one, two = pipeline.extract_documents(sources, 1), pipeline.extract_documents(sources, 2)
    before = [any(m.text == "Varm mad til alle" for m in r.mentions) for r in one]
    pipeline.extract_recurring_names(sources, one, 1)
    pipeline.extract_recurring_names(sources, two, 2)
    assert repr(one) == repr(two)
    assert before == [True, False, False, False, False, False]  # only the title names it at first
    assert all(any(m.text == "Varm mad til alle" for m in r.mentions) for r in one)
