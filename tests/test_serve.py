"""The read-only SPARQL endpoint: protocol, content negotiation, refusals, time limit, shutdown."""
from __future__ import annotations

import csv
import io
import json
import threading
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from SPARQLWrapper import JSON, POST, SPARQLWrapper

from graph.serve import make_server
from graph.sparql import read_query

MG = "https://w3id.org/minutes-graph/vocab#"


@pytest.fixture(scope="module")
def graph_dir(seed_exports) -> Path:
    return seed_exports


def start(graph_dir, timeout: float = 10.0):
    server = make_server(graph_dir, "127.0.0.1", 0, timeout, quiet=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    return server, thread


def stop(server, thread) -> None:
    server.shutdown()
    server.server_close()
    thread.join(5)


@pytest.fixture(scope="module")
def endpoint(graph_dir):
    server, thread = start(graph_dir)
    yield server.url
    stop(server, thread)


def http(url: str, data: bytes | None = None, headers: dict | None = None) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


def get(endpoint: str, query: str, accept: str = "", **params) -> tuple[int, dict, bytes]:
    url = endpoint + "?" + urllib.parse.urlencode({"query": query, **params})
    return http(url, headers={"Accept": accept} if accept else {})


WHO = read_query("who-is-connected")[1]
SELECT_PEOPLE = f"SELECT ?p WHERE {{ ?p a <{MG}Person> }} LIMIT 3"


def test_serve_sparqlwrapper_json_get_and_post(endpoint):
    for method in ("GET", POST):
        client = SPARQLWrapper(endpoint)
        client.setQuery(WHO)
        client.setReturnFormat(JSON)
        client.setMethod(method)
        results = client.query().convert()
        assert results["head"]["vars"] == ["person", "initiative", "via"]
        people = {b["person"]["value"] for b in results["results"]["bindings"]}
        assert "Helle Rasmussen" in people


def test_serve_sparql_query_body(endpoint):
    status, headers, body = http(endpoint, WHO.encode("utf-8"), {"Content-Type": "application/sparql-query",
                                                                  "Accept": "application/sparql-results+json"})
    assert status == 200 and headers["Content-Type"].startswith("application/sparql-results+json")
    assert json.loads(body)["results"]["bindings"]


def test_serve_xml_csv_tsv_by_accept(endpoint):
    status, headers, body = get(endpoint, SELECT_PEOPLE, "application/sparql-results+xml")
    assert status == 200 and headers["Content-Type"].startswith("application/sparql-results+xml")
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    assert len(ET.fromstring(body).findall("r:results/r:result", ns)) == 3

    status, headers, body = get(endpoint, SELECT_PEOPLE, "text/csv")
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"))))
    assert rows[0] == ["p"] and len(rows) == 4

    status, headers, body = get(endpoint, SELECT_PEOPLE, "text/html;q=0.9, text/tab-separated-values")
    assert status == 200 and headers["Content-Type"].startswith("text/tab-separated-values")
    assert body.decode("utf-8").splitlines()[0] == "?p"


def test_serve_construct_as_turtle_and_ntriples(endpoint):
    import pyoxigraph as ox

    construct = f"CONSTRUCT {{ ?p a <{MG}Person> }} WHERE {{ ?p a <{MG}Person> }}"
    for accept, fmt in (("text/turtle", ox.RdfFormat.TURTLE), ("application/n-triples", ox.RdfFormat.N_TRIPLES)):
        status, headers, body = get(endpoint, construct, accept)
        assert status == 200 and headers["Content-Type"].startswith(accept)
        assert len(list(ox.parse(body, fmt))) > 10


@pytest.mark.parametrize("how", ["update-param", "sparql-update-body", "update-as-query"])
def test_serve_update_refused_with_403(endpoint, how):
    update = "INSERT DATA { <urn:a> <urn:b> <urn:c> }"
    if how == "update-param":
        status, _, body = http(endpoint, urllib.parse.urlencode({"update": update}).encode(),
                               {"Content-Type": "application/x-www-form-urlencoded"})
    elif how == "sparql-update-body":
        status, _, body = http(endpoint, update.encode(), {"Content-Type": "application/sparql-update"})
    else:
        status, _, body = get(endpoint, "PREFIX ex: <http://e.org/#>\n" + update)
    assert status == 403
    assert b"read-only" in body
    status, _, body = get(endpoint, "ASK { <urn:a> <urn:b> <urn:c> }", "application/sparql-results+json")
    assert json.loads(body)["boolean"] is False


def test_serve_syntax_error_is_400(endpoint):
    status, _, body = get(endpoint, "SELECT ?x WHERE { ?x ")
    assert status == 400 and body.startswith(b"SPARQL syntax error")


def test_serve_home_page_and_cors(endpoint):
    status, headers, body = http(endpoint.removesuffix("sparql"))
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert b"<form" in body and b"YASGUI" in body
    status, headers, _ = get(endpoint, SELECT_PEOPLE)
    assert headers["Access-Control-Allow-Origin"] == "*"
    request = urllib.request.Request(endpoint, method="OPTIONS")
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 204 and response.headers["Access-Control-Allow-Origin"] == "*"


def test_serve_slow_query_times_out_with_503(tmp_path):
    triples = "".join(f'<urn:s{i}> <urn:p> "{i}" .\n' for i in range(1500))
    (tmp_path / "graph.nt").write_text(triples, encoding="utf-8")
    server, thread = start(tmp_path, timeout=0.01)
    try:  # a 2 250 000-row join: about 0.3 s, thirty times the limit
        status, _, body = get(server.url, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }")
        assert status == 503 and b"time limit" in body
    finally:
        stop(server, thread)


def test_serve_shuts_down_cleanly(graph_dir):
    server, thread = start(graph_dir)
    status, _, _ = get(server.url, SELECT_PEOPLE)
    assert status == 200
    stop(server, thread)
    assert not thread.is_alive()
    with pytest.raises(OSError):
        urllib.request.urlopen(server.url + "?query=ASK%7B%7D", timeout=2)
