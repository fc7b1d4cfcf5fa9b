"""Namespaces of the RDF export, as objects that fail on typos.

``MG`` is our own vocabulary, declared in ``ontology/minutes.ttl``; the others
are standard vocabularies rdflib does not ship (the habit of
``rdflib/namespace/_FOAF.py``). A misspelt term is an ``AttributeError`` at
import time of the code using it, never a silently wrong IRI in the data.

>>> str(MG.presents)
'https://w3id.org/minutes-graph/vocab#presents'
>>> MG.presnts
Traceback (most recent call last):
...
AttributeError: term 'presnts' not in namespace 'https://w3id.org/minutes-graph/vocab#'
"""
from __future__ import annotations

from rdflib.namespace import (
    DCTERMS,
    FOAF,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SDO,
    SKOS,
    XSD,
    DefinedNamespace,
    Namespace,
)
from rdflib.term import URIRef

__all__ = ["MG", "BESLUIT", "OA", "PERSON", "PREFIXES", "MG_NS"]

MG_NS = "https://w3id.org/minutes-graph/vocab#"


class MG(DefinedNamespace):
    """minutes-graph vocabulary (``ontology/minutes.ttl``)."""

    _NS = Namespace(MG_NS)
    _fail = True

    # classes
    Meeting: URIRef
    AgendaItem: URIRef
    Decision: URIRef
    Person: URIRef
    Unit: URIRef
    Body: URIRef
    Initiative: URIRef
    Statement: URIRef
    # object properties (the edges of the graph)
    presents: URIRef
    attends: URIRef
    decides: URIRef
    concerns: URIRef
    owns: URIRef
    mentions: URIRef
    partOf: URIRef
    decisionOf: URIRef
    # datatype properties
    date: URIRef
    startTime: URIRef
    endTime: URIRef
    itemNumber: URIRef
    title: URIRef
    kind: URIRef
    location: URIRef
    text: URIRef
    sourceDocument: URIRef
    lines: URIRef
    count: URIRef
    # roles of qualified attributions (prov:hadRole)
    presenterRole: URIRef
    deciderRole: URIRef
    ownerRole: URIRef


class BESLUIT(DefinedNamespace):
    """OSLO Besluit (Flemish decisions and meetings), https://data.vlaanderen.be/ns/besluit."""

    _NS = Namespace("http://data.vlaanderen.be/ns/besluit#")
    _fail = True

    Zitting: URIRef
    Agendapunt: URIRef
    Besluit: URIRef
    Bestuursorgaan: URIRef
    behandelt: URIRef


class OA(DefinedNamespace):
    """W3C Web Annotation vocabulary (the selectors we use), https://www.w3.org/TR/annotation-vocab/."""

    _NS = Namespace("http://www.w3.org/ns/oa#")
    _fail = True

    TextQuoteSelector: URIRef
    TextPositionSelector: URIRef
    SpecificResource: URIRef
    hasSelector: URIRef
    hasSource: URIRef
    exact: URIRef
    start: URIRef
    end: URIRef


class PERSON(DefinedNamespace):
    """ISA Person core vocabulary, https://www.w3.org/ns/person."""

    _NS = Namespace("http://www.w3.org/ns/person#")
    _fail = True

    Person: URIRef


#: Prefixes written in Turtle/TriG and defined in ``ontology/context.jsonld``.
PREFIXES: dict[str, str] = {
    "mg": MG_NS,
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "owl": str(OWL),
    "skos": str(SKOS),
    "dct": str(DCTERMS),
    "foaf": str(FOAF),
    "prov": str(PROV),
    "org": str(ORG),
    "schema": str(SDO),
    "oa": str(OA._NS),
    "besluit": str(BESLUIT._NS),
    "person": str(PERSON._NS),
}
