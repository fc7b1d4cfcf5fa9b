"""The benchmark scripts run on a tiny corpus: the generator's shape and run.py's JSON line.

No timings are asserted: they depend on the machine.
"""
from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
KEYS = {
    "docs", "triples", "docs_per_s_1job", "docs_per_s_2jobs", "turtle_export_s", "rdflib_turtle_export_s",
    "sparql_2hop_s", "rdflib_sparql_2hop_s", "peak_rss_mb", "read_s", "segment_s", "extract_s", "resolve_s",
    "build_s", "export_graphml_s", "export_gexf_s", "spacy_floor_docs_per_s",
}


@pytest.fixture(scope="module")
def generate():
    spec = importlib.util.spec_from_file_location("bench_generate", BENCH / "generate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module.generate_corpus


def test_bench_generate_shape(generate, tmp_path):
    paths = generate(20, tmp_path / "a", seed=0)
    assert len(paths) == 20
    for path in paths:
        text = path.read_text(encoding="utf-8")
        assert 2500 <= len(text.encode("utf-8")) <= 7000, path.name
        assert re.search(r"^(Rådmandsmøde \(Rådmandsmøde\)|Chefteammøde \(Chefteammøde\))$", text, re.M)
        assert re.search(r"^\d\d-\d\d-\d{4} \d\d:\d\d - \d\d:\d\d$", text, re.M)
        assert re.search(r"Pkt\. 1 kl\. \d+\.\d\d-\d+\.\d\d", text)
        assert re.search(r"^Punkt \d+: ", text, re.M)
    joined = "\n".join(p.read_text(encoding="utf-8") for p in paths)
    assert "Mødedeltagere : " in joined
    assert "Beslutning for Punkt" in joined
    assert re.search(r"^[-•] At ", joined, re.M)


def test_bench_generate_is_deterministic(generate, tmp_path):
    a = generate(5, tmp_path / "a", seed=3)
    b = generate(5, tmp_path / "b", seed=3)
    c = generate(5, tmp_path / "c", seed=4)
    assert [p.name for p in a] == [p.name for p in b]
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]
    assert [p.read_bytes() for p in a] != [p.read_bytes() for p in c]


def test_bench_generate_builds_a_graph(generate, tmp_path):
    import graph

    generate(20, tmp_path / "corpus")
    g = graph.build([tmp_path / "corpus"], jobs=1)
    assert not g.skipped
    summary = g.summary()["nodes"]
    assert summary["Meeting"] == 20
    assert summary["Person"] > 20 and summary["Initiative"] > 10
    assert g.connections()


def test_bench_run_prints_json_last(tmp_path):
    proc = subprocess.run(
        [sys.executable, str(BENCH / "run.py"), "--docs", "20", "--skip-rdflib", "--keep", str(tmp_path)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert KEYS <= set(result)
    assert result["docs"] == 20
    assert result["docs_per_s_1job"] > 0 and result["docs_per_s_2jobs"] > 0
    assert result["rdflib_turtle_export_s"] is None and result["rdflib_sparql_2hop_s"] is None  # skipped
    assert "docs/s" in proc.stdout
    assert result["turtle_export_per_mtriples_s"] > 0 and result["rdflib_turtle_export_per_mtriples_s"] is None
    if Path("/proc/self/smaps_rollup").exists():
        # the 2-job peak is parent and workers sampled together, not the sum of their separate peaks
        tree = result["peak_rss_2jobs_extract_tree_mb"]
        assert 0 < tree <= result["peak_rss_2jobs_mb"]
