"""RDF exporters (provisional vocabulary; see ontology/ for the real one)."""
from __future__ import annotations

from typing import BinaryIO
from urllib.parse import quote

from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef

from . import register

__all__ = ["DEFAULT_BASE_IRI", "to_rdflib", "export_turtle"]

DEFAULT_BASE_IRI = "https://example.org/minutes-graph/"


def _iri(base: str, node_id: str) -> URIRef:
    return URIRef(base + "id/" + quote(node_id, safe=":"))


def to_rdflib(graph, base_iri: str = DEFAULT_BASE_IRI) -> Graph:
    nx_graph = getattr(graph, "nx", graph)
    mg = Namespace(base_iri + "vocab#")
    g = Graph()
    g.bind("mg", mg)
    for node, data in nx_graph.nodes(data=True):
        s = _iri(base_iri, node)
        g.add((s, RDF.type, mg[str(data.get("type", "Thing"))]))
        g.add((s, RDFS.label, Literal(str(data.get("label", node)), lang="da")))
    for u, v, data in nx_graph.edges(data=True):
        g.add((_iri(base_iri, u), mg[str(data.get("relation", "related"))], _iri(base_iri, v)))
    return g


@register("turtle", ".ttl", "RDF Turtle")
def export_turtle(graph, stream: BinaryIO, base_iri: str = DEFAULT_BASE_IRI, **options) -> None:
    stream.write(to_rdflib(graph, base_iri).serialize(format="turtle").encode("utf-8"))
