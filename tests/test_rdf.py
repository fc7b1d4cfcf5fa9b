"""RDF exports: every format parses in two parsers, conforms to the shapes, keeps hostile text intact."""
from __future__ import annotations

import io
import json
import re
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
from rdflib.namespace import OWL, RDF

from graph.errors import MinutesGraphError
from graph.exporters import EXPORTERS, get_exporter
from graph.exporters import rdf
from graph.query import MinutesGraph
from graph.vocab import MG, MG_NS, PREFIXES

ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology"

#: format name -> (file suffix, pyoxigraph format, rdflib format, is a dataset)
FORMATS = {
    "turtle": (".ttl", ox.RdfFormat.TURTLE, "turtle", False),
    "ntriples": (".nt", ox.RdfFormat.N_TRIPLES, "nt", False),
    "jsonld": (".jsonld", ox.RdfFormat.JSON_LD, "json-ld", False),
    "trig": (".trig", ox.RdfFormat.TRIG, "trig", True),
}
SEED_DOC = "000_2eb527c07c3843b1.txt"
HOSTILE = 'Ane <script>"{}|\\^`\nBerg\r\t\x00 https://evil.example/> "@en . <x> \u2028 ø'
FORBIDDEN_IN_IRI = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f]')


def _ox(data: bytes, fmt: ox.RdfFormat) -> list[ox.Quad]:
    return list(ox.parse(data, format=fmt))


def _rdflib(data: bytes, fmt: str, dataset: bool):
    if dataset:
        ds = rdflib.Dataset()
        ds.parse(data=data, format=fmt)
        return ds
    return rdflib.Graph().parse(data=data, format=fmt)


def _triples_of(quads) -> set[tuple[str, str, str]]:
    """Comparable triples: N-Triples strings of subject, predicate and object."""
    return {(str(q.subject), str(q.predicate), str(q.object)) for q in quads}


def _rdflib_triples(g) -> set[tuple[str, str, str]]:
    triples = g.quads() if isinstance(g, rdflib.Dataset) else g
    out = set()
    for t in triples:
        s, p, o = t[:3]
        out.add((s.n3(), p.n3(), _n3(o)))
    return out


def _n3(term) -> str:
    if isinstance(term, rdflib.Literal):
        value = json.dumps(str(term), ensure_ascii=False)  # comparable, not N-Triples escaping
        return value + (f"@{term.language}" if term.language else f"^^<{term.datatype or rdflib.XSD.string}>")
    return term.n3()


def _ox_comparable(quads) -> set[tuple[str, str, str]]:
    out = set()
    for q in quads:
        o = q.object
        if isinstance(o, ox.Literal):
            value = json.dumps(o.value, ensure_ascii=False)
            obj = value + (f"@{o.language}" if o.language else f"^^<{o.datatype.value}>")
        else:
            obj = str(o)
        out.add((str(q.subject), str(q.predicate), obj))
    return out


def export(graph, name: str, **options) -> bytes:
    stream = io.BytesIO()
    get_exporter(name).export(graph, stream, **options)
    return stream.getvalue()


@pytest.fixture(scope="module")
def seed_store(seed_exports) -> ox.Store:
    store = ox.Store()
    store.bulk_load(path=seed_exports / "graph.trig", format=ox.RdfFormat.TRIG)
    return store


def hostile_graph() -> MinutesGraph:
    g = nx.MultiDiGraph()
    g.add_node("person:ane <x> berg", type="Person", label=HOSTILE, aliases="Ane;a\\b;<i>",
               documents='d "1".txt', document='d "1".txt', evidence=HOSTILE, char_start=3, char_end=9, lines="2")
    g.add_node('meeting:d "1".txt', type="Meeting", label="Møde {1}", document='d "1".txt', date="2024-01-31",
               start="9.30", end="25:00", kind="<b>Rådmandsmøde</b>", location="`rm -rf /`")
    g.add_node('item:d "1".txt#1', type="AgendaItem", label="Punkt 1: \\u0041 \"x\"", document='d "1".txt', number=1,
               title="<![CDATA[x]]>", date="not a date")
    g.add_node("Kim Weird", type="Person", label="Kim Weird")
    g.add_node("thing:x", type="Gadget", label="a gadget")
    g.add_edge("person:ane <x> berg", 'item:d "1".txt#1', key="k>1", relation="presents", document='d "1".txt',
               evidence=HOSTILE, char_start=0, char_end=5, lines="1-2", count=2)
    g.add_edge("person:ane <x> berg", 'meeting:d "1".txt', relation="attends", document='d "1".txt')
    g.add_edge('item:d "1".txt#1', 'meeting:d "1".txt', relation="part_of", document='d "1".txt')
    g.add_edge("Kim Weird", "thing:x", relation="fiddles with}", evidence="x")
    return MinutesGraph(g)


# --------------------------------------------------------------------------- parsing

@pytest.mark.parametrize("name", sorted(FORMATS))
def test_rdf_every_format_parses_in_pyoxigraph_and_rdflib(seed_exports, name):
    suffix, ox_format, rdflib_format, dataset = FORMATS[name]
    data = (seed_exports / f"graph{suffix}").read_bytes()
    quads = _ox(data, ox_format)
    parsed = _rdflib(data, rdflib_format, dataset)
    assert len(quads) > 1000
    assert len(set(quads)) == len(quads)
    assert _ox_comparable(quads) == _rdflib_triples(parsed)
    if dataset:
        assert len(list(parsed.quads())) == len(quads)
    else:
        assert len(parsed) == len(quads)


def test_rdf_all_formats_hold_the_same_triples(seed_exports):
    triples = {name: _triples_of(_ox((seed_exports / f"graph{s}").read_bytes(), f))
               for name, (s, f, _, _) in FORMATS.items()}
    assert triples["turtle"] == triples["ntriples"] == triples["jsonld"] == triples["trig"]


def test_rdf_exporters_are_registered():
    for name, (suffix, *_) in FORMATS.items():
        assert EXPORTERS[name].suffix == suffix
    assert get_exporter("ttl").name == "turtle"


def test_rdf_jsonld_embeds_the_published_context(seed_exports):
    published = json.loads((ONTOLOGY / "context.jsonld").read_text(encoding="utf-8"))
    data = json.loads((seed_exports / "graph.jsonld").read_text(encoding="utf-8"))
    assert data["@context"] == published["@context"]
    assert {k: v for k, v in published["@context"].items() if isinstance(v, str) and v.endswith(("/", "#"))} == PREFIXES


def test_rdf_trig_has_one_graph_per_document(seed_exports, seed_graph):
    quads = _ox((seed_exports / "graph.trig").read_bytes(), ox.RdfFormat.TRIG)
    names = {q.graph_name.value for q in quads if isinstance(q.graph_name, ox.NamedNode)}
    documents = {d["document"] for _, d in seed_graph.nx.nodes(data=True) if d.get("type") == "Meeting"}
    assert names == {rdf.DEFAULT_BASE_IRI + "document/" + d for d in documents}
    helle = ox.NamedNode(rdf.DEFAULT_BASE_IRI + "person/helle-rasmussen")
    in_default = [q for q in quads if q.subject == helle and isinstance(q.graph_name, ox.DefaultGraph)]
    assert any(q.predicate.value.endswith("#label") for q in in_default)
    presents = [q for q in quads if q.subject == helle and q.predicate == ox.NamedNode(str(MG.presents))]
    assert presents and all(isinstance(q.graph_name, ox.NamedNode) for q in presents)


# --------------------------------------------------------------------------- shapes and ontology

def test_rdf_seed_export_conforms_to_shapes(seed_exports):
    pyshacl = pytest.importorskip("pyshacl")
    data = rdflib.Graph().parse(seed_exports / "graph.ttl")
    shapes = rdflib.Graph().parse(ONTOLOGY / "shapes.ttl")
    ontology = rdflib.Graph().parse(ONTOLOGY / "minutes.ttl")
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes, ont_graph=ontology, inference="none")
    assert conforms, text[:2000]


def test_rdf_shapes_catch_a_wrong_date_and_a_wrong_edge_end():
    pyshacl = pytest.importorskip("pyshacl")
    shapes = rdflib.Graph().parse(ONTOLOGY / "shapes.ttl")
    bad = rdflib.Graph().parse(data=f"""
        @prefix mg: <{MG_NS}> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        <urn:m> a mg:Meeting ; rdfs:label "M"@da ; mg:sourceDocument "d.txt" ; mg:date "2. december" .
        <urn:u> a mg:Unit ; rdfs:label "U"@da ; mg:presents <urn:m> .
        """, format="turtle")
    conforms, _, text = pyshacl.validate(bad, shacl_graph=shapes, inference="none")
    assert not conforms
    assert "mg:date" in text or "vocab#date" in text
    assert "presents" in text or "PresentsShape" in text


def _declared_terms() -> set[str]:
    ontology = rdflib.Graph().parse(ONTOLOGY / "minutes.ttl")
    kinds = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual}
    return {str(s) for s, o in ontology.subject_objects(RDF.type) if o in kinds and str(s).startswith(MG_NS)}


def test_rdf_every_mg_term_in_the_data_is_declared(seed_exports):
    declared = _declared_terms()
    used = set()
    for q in _ox((seed_exports / "graph.nt").read_bytes(), ox.RdfFormat.N_TRIPLES):
        for term in (q.predicate, q.object):
            if isinstance(term, ox.NamedNode) and term.value.startswith(MG_NS):
                used.add(term.value)
    assert used, "the export uses no mg: terms"
    assert used <= declared, sorted(used - declared)


def test_rdf_vocab_module_matches_the_ontology():
    assert {str(MG[name]) for name in MG.__annotations__} == _declared_terms()
    with pytest.raises(AttributeError):
        MG.presnts  # noqa: B018


def test_rdf_ontology_has_danish_and_english_labels():
    ontology = rdflib.Graph().parse(ONTOLOGY / "minutes.ttl")
    for term in _declared_terms():
        languages = {o.language for o in ontology.objects(rdflib.URIRef(term), rdflib.RDFS.label)}
        assert {"da", "en"} <= languages, term
        comments = {o.language for o in ontology.objects(rdflib.URIRef(term), rdflib.RDFS.comment)}
        assert {"da", "en"} <= comments, term


# --------------------------------------------------------------------------- hostile text, determinism, IRIs

@pytest.mark.parametrize("name", sorted(FORMATS))
def test_rdf_hostile_labels_round_trip(name):
    graph = hostile_graph()
    suffix, ox_format, rdflib_format, dataset = FORMATS[name]
    data = export(graph, name)
    quads = _ox(data, ox_format)
    parsed = _rdflib(data, rdflib_format, dataset)
    assert _ox_comparable(quads) == _rdflib_triples(parsed)
    person = rdf.mint_iri(rdf.DEFAULT_BASE_IRI, "person:ane <x> berg", "Person")
    labels = {q.object.value for q in quads if q.subject.value == person and q.predicate.value.endswith("#label")}
    assert labels == {HOSTILE}
    aliases = {q.object.value for q in quads if q.subject.value == person and q.predicate.value.endswith("#altLabel")}
    assert aliases == {"Ane", "a\\b", "<i>"}
    exact = {q.object.value for q in quads if q.predicate.value == "http://www.w3.org/ns/oa#exact"}
    assert HOSTILE in exact
    if dataset:
        rdflib_labels = {str(q[2]) for q in parsed.quads((rdflib.URIRef(person), rdflib.RDFS.label, None, None))}
    else:
        rdflib_labels = {str(o) for o in parsed.objects(rdflib.URIRef(person), rdflib.RDFS.label)}
    assert rdflib_labels == {HOSTILE}


def test_rdf_hostile_iris_are_safe():
    quads = rdf.to_quads(hostile_graph())
    iris = set()
    for q in quads:
        for term in (q.subject, q.predicate, q.object, q.graph_name):
            if isinstance(term, ox.NamedNode):
                iris.add(term.value)
    assert iris
    for iri in iris:
        assert not FORBIDDEN_IN_IRI.search(iri), iri
        assert iri.count("#") <= 1, iri
    assert rdf.DEFAULT_BASE_IRI + "person/ane%20%3Cx%3E%20berg" in iris
    assert rdf.DEFAULT_BASE_IRI + "person/Kim%20Weird" in iris


def test_rdf_hostile_values_are_typed_or_left_out():
    triples = {(q.subject.value, q.predicate.value): q.object for q in rdf.to_quads(hostile_graph())}
    meeting = rdf.mint_iri(rdf.DEFAULT_BASE_IRI, 'meeting:d "1".txt')
    item = rdf.mint_iri(rdf.DEFAULT_BASE_IRI, 'item:d "1".txt#1')
    assert triples[(meeting, str(MG.date))] == ox.Literal("2024-01-31", datatype=ox.NamedNode(str(rdflib.XSD.date)))
    assert triples[(meeting, str(MG.startTime))].value == "09:30:00"
    assert (meeting, str(MG.endTime)) not in triples  # 25:00 is no time
    assert (item, str(MG.date)) not in triples  # "not a date"
    assert triples[(item, str(MG.itemNumber))].value == "1"


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_rdf_output_is_deterministic(seed_graph, name):
    assert export(seed_graph, name) == export(seed_graph, name)
    assert export(hostile_graph(), name) == export(hostile_graph(), name)


def test_rdf_base_iri_option_and_bad_base_iri(seed_graph):
    data = export(seed_graph, "ntriples", base_iri="https://data.aarhus.dk/mg/")
    assert b"<https://data.aarhus.dk/mg/person/helle-rasmussen>" in data
    assert rdf.DEFAULT_BASE_IRI.encode() not in data
    with pytest.raises(MinutesGraphError, match="Invalid base IRI 'not an iri'"):
        export(seed_graph, "turtle", base_iri="not an iri")


def test_rdf_rdflib_bridge_has_the_same_quads(seed_graph):
    ds = rdf.to_rdflib(seed_graph)
    quads = rdf.to_quads(seed_graph)
    assert len(list(ds.quads())) == len(quads)
    stream = io.BytesIO()
    rdf.rdflib_turtle(seed_graph, stream)
    via_rdflib = rdflib.Graph().parse(data=stream.getvalue(), format="turtle")
    assert _rdflib_triples(via_rdflib) == _ox_comparable(rdf.to_triples(seed_graph))


# --------------------------------------------------------------------------- SPARQL on the seeds

PREFIX = f"""PREFIX mg: <{MG_NS}>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX oa: <http://www.w3.org/ns/oa#>
"""


def test_rdf_sparql_helle_rasmussen_presents_item_3_with_evidence(seed_store):
    query = PREFIX + f"""
    SELECT ?item ?quote ?start ?end ?lines ?doc WHERE {{
      ?person rdfs:label "Helle Rasmussen"@da ; mg:presents ?item .
      ?item mg:itemNumber 3 ; mg:sourceDocument "{SEED_DOC}" ; mg:partOf ?meeting .
      ?meeting mg:date ?date .
      ?st rdf:subject ?person ; rdf:predicate mg:presents ; rdf:object ?item ;
          prov:wasDerivedFrom ?doc ; mg:lines ?lines ;
          oa:hasSelector [ a oa:TextQuoteSelector ; oa:exact ?quote ] ,
                         [ a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end ] .
    }}"""
    rows = list(seed_store.query(query, use_default_graph_as_union=True))
    assert len(rows) == 1
    row = rows[0]
    assert "Helle Rasmussen" in row["quote"].value
    assert row["item"].value == rdf.DEFAULT_BASE_IRI + f"item/{SEED_DOC}/3"
    assert row["doc"].value == rdf.DEFAULT_BASE_IRI + f"document/{SEED_DOC}"
    assert int(row["start"].value) < int(row["end"].value)


def test_rdf_sparql_qualified_attribution_and_standard_terms(seed_store):
    query = PREFIX + """
    PREFIX schema: <https://schema.org/>
    PREFIX besluit: <http://data.vlaanderen.be/ns/besluit#>
    ASK {
      ?item a besluit:Agendapunt ; prov:qualifiedAttribution [ prov:agent ?person ; prov:hadRole mg:presenterRole ] .
      ?person rdfs:label "Helle Rasmussen"@da .
      ?meeting schema:attendee ?someone ; besluit:behandelt ?item .
    }"""
    assert seed_store.query(query, use_default_graph_as_union=True)


def test_rdf_lone_surrogates_do_not_break_the_export():
    g = nx.MultiDiGraph()
    g.add_node("person:bad\udc80id", type="Person", label="Bad \udc80 text")
    for name, (_, ox_format, _, _) in FORMATS.items():
        quads = _ox(export(MinutesGraph(g), name), ox_format)
        labels = {q.object.value for q in quads if q.predicate.value.endswith("#label")}
        assert labels == {"Bad ? text"}, name


def test_rdf_parallel_edges_keep_every_relation_once():
    g = nx.MultiDiGraph()
    g.add_node("decision:d.txt#1", type="Decision", label="Beslutning", document="d.txt", number=1)
    g.add_node("initiative:x", type="Initiative", label="Program for x")
    for relation, key in (("mentions", "a"), ("concerns", "b"), ("concerns", "c")):
        g.add_edge("decision:d.txt#1", "initiative:x", key=key, relation=relation, document="d.txt",
                   evidence="Program for x", char_start=0, char_end=13)
    triples = _triples_of(rdf.to_triples(g))
    direct = {p for s, p, o in triples if o.endswith("initiative/x>") and s.endswith("decision/d.txt/1>")}
    assert direct == {f"<{MG.mentions}>", f"<{MG.concerns}>", "<http://purl.org/dc/terms/subject>"}
    statements = {s for s, p, o in triples if p == "<http://www.w3.org/1999/02/22-rdf-syntax-ns#subject>"}
    assert len(statements) == 2  # the two concerns edges; mentions carry no statement node
