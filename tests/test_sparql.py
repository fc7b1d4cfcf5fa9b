"""SPARQL over a built graph: named queries, the ``query`` command, loading and errors."""
from __future__ import annotations

import csv
import doctest
import io
import json
import shutil
import textwrap
from pathlib import Path

import pytest

import graph.sparql
from graph.cli import main
from graph.errors import GraphNotFoundError, QueryError
from graph.sparql import format_table, list_queries, load_store, run_query

MG = "https://w3id.org/minutes-graph/vocab#"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


@pytest.fixture(scope="session")
def graph_dir(seed_exports) -> Path:
    """The folder with every export of the seeds (graph.nt is the file loaded)."""
    return seed_exports


@pytest.fixture(scope="session")
def store(graph_dir):
    return load_store(graph_dir)


def test_sparql_who_is_connected_matches_python_api(store, seed_graph):
    variables, rows = run_query(store, "who-is-connected")
    assert variables == ["person", "initiative", "via"]
    expected = {(c.person, c.initiative, c.via) for c in seed_graph.connections()}
    assert expected, "the seeds should connect people to initiatives"
    assert {tuple(r) for r in rows} == expected
    assert len(rows) == len(set(map(tuple, rows)))  # DISTINCT
    assert rows == sorted(rows)


@pytest.mark.parametrize("suffix", [".trig", ".ttl", ".jsonld"])
def test_sparql_same_answers_from_every_rdf_format(graph_dir, store, tmp_path, suffix):
    shutil.copy(graph_dir / f"graph{suffix}", tmp_path)
    assert run_query(tmp_path, "who-is-connected") == run_query(store, "who-is-connected")


def test_sparql_cli_prints_table(graph_dir, capsys):
    assert main(["query", "who-is-connected", "--graph", str(graph_dir)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["person", "initiative", "via"]
    assert set(lines[1]) <= {"-", " "}
    assert any("Helle Rasmussen" in line for line in lines)
    assert lines[-1].endswith("rows)")


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_sparql_cli_csv_and_json_parse(graph_dir, store, capsys, fmt):
    _, rows = run_query(store, "who-is-connected")
    assert main(["query", "who-is-connected", "--graph", str(graph_dir), "--format", fmt]) == 0
    out = capsys.readouterr().out
    if fmt == "csv":
        parsed = list(csv.DictReader(io.StringIO(out)))
        got = [[r["person"], r["initiative"], r["via"]] for r in parsed]
    else:
        parsed = json.loads(out)
        assert parsed["head"]["vars"] == ["person", "initiative", "via"]
        got = [[b[v]["value"] for v in ("person", "initiative", "via")] for b in parsed["results"]["bindings"]]
    assert got == rows


def test_sparql_cli_lists_queries(capsys):
    assert main(["query", "--list"]) == 0
    out = capsys.readouterr().out
    for name, description in list_queries():
        assert name in out and description
    assert "who-is-connected" in out


def test_sparql_unknown_query_exits_2_listing_names(graph_dir, capsys):
    assert main(["query", "who-is-conected", "--graph", str(graph_dir)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("Error: Unknown query 'who-is-conected' (available:")
    assert "who-is-connected" in err and "initiative-timeline" in err
    assert len(err.splitlines()) == 1


def test_sparql_syntax_error_exits_2_one_line(graph_dir, tmp_path, capsys):
    broken = tmp_path / "broken.rq"
    broken.write_text("# broken\nSELECT ?x WHERE { ?x ?y \n", encoding="utf-8")
    assert main(["query", str(broken), "--graph", str(graph_dir)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("Error: SPARQL syntax error in 'broken':")
    assert len(err.splitlines()) == 1


def test_sparql_missing_rq_file_is_query_error():
    with pytest.raises(QueryError, match=r"Query file 'nowhere/x\.rq' not found \(named queries: .*who-is-connected"):
        run_query(graph.sparql.load_store_from_text(""), "nowhere/x.rq")


def test_sparql_update_is_refused(store):
    with pytest.raises(QueryError, match=r"'query' is a SPARQL update; only queries"):
        run_query(store, "INSERT DATA { <urn:a> <urn:b> <urn:c> }")


def test_sparql_folder_without_rdf_is_graph_not_found(tmp_path, capsys):
    (tmp_path / "graph.graphml").write_text("<graphml/>", encoding="utf-8")
    with pytest.raises(GraphNotFoundError, match=r"No RDF in .* \(looked for graph\.nt, graph\.trig, graph\.ttl"):
        load_store(tmp_path)
    assert main(["query", "who-is-connected", "--graph", str(tmp_path / "missing")]) == 2
    assert "not found; build it first" in capsys.readouterr().err


@pytest.mark.parametrize("name", [name for name, _ in list_queries()])
def test_sparql_every_shipped_query_runs(store, name):
    path = Path(graph.sparql.ontology_dir()) / "queries" / f"{name}.rq"
    assert path.read_text(encoding="utf-8").startswith("# "), "first line: '# one-line description'"
    variables, rows = run_query(store, name)
    assert variables and all(len(r) == len(variables) for r in rows)


def test_sparql_prefers_ntriples_and_sees_trig_named_graphs(tmp_path):
    (tmp_path / "graph.ttl").write_text(f'<urn:x> <{RDFS_LABEL}> "from turtle" .\n', encoding="utf-8")
    (tmp_path / "graph.trig").write_text(f'<urn:g> {{ <urn:x> <{RDFS_LABEL}> "from trig" . }}\n', encoding="utf-8")
    query = f"SELECT ?l WHERE {{ ?s <{RDFS_LABEL}> ?l }}"
    assert run_query(tmp_path, query) == (["l"], [["from trig"]])  # named graph, no GRAPH clause
    (tmp_path / "graph.nt").write_text(f'<urn:x> <{RDFS_LABEL}> "from nt" .\n', encoding="utf-8")
    assert run_query(tmp_path, query) == (["l"], [["from nt"]])


def test_sparql_values_are_plain_python(tmp_path):
    (tmp_path / "graph.ttl").write_text(textwrap.dedent(f"""\
        @prefix mg: <{MG}> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        <urn:item> mg:itemNumber 3 ; mg:title "Punkt"@da .
        <urn:meeting> mg:date "2024-04-30"^^xsd:date .
        """), encoding="utf-8")
    _, rows = run_query(tmp_path, f"SELECT ?n ?t ?d ?none WHERE {{ ?i <{MG}itemNumber> ?n ; <{MG}title> ?t . "
                                  f"?m <{MG}date> ?d }}")
    assert rows == [[3, "Punkt", "2024-04-30", None]]


def test_sparql_table_aligns_and_truncates():
    text = format_table(["name", "n"], [["x" * 80, 7], ["Bo", None]])
    lines = text.splitlines()
    assert lines[2].endswith("…  7") and len(lines[2].split()[0]) == 48
    assert lines[-1] == "(2 rows)"


def test_sparql_doctests():
    assert doctest.testmod(graph.sparql).failed == 0

