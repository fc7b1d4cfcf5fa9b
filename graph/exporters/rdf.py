"""RDF exporters: Turtle, N-Triples, JSON-LD and TriG, with the evidence of every statement.

The vocabulary is ``ontology/minutes.ttl`` (namespace ``mg:``,
``https://w3id.org/minutes-graph/vocab#``); ``ontology/README.md`` explains
the model. In short:

* every node becomes a resource ``{base}{prefix}/{rest}`` minted from its id
  (``person:ane-juul-berg`` -> ``{base}person/ane-juul-berg``,
  ``item:000_x.txt#3`` -> ``{base}item/000_x.txt/3``); every character but
  letters, digits and ``_.~-`` is percent-encoded, so no text can break out of
  an IRI. It is typed with its ``mg:`` class and the aligned standard classes,
  labelled (``rdfs:label``/``skos:altLabel``, ``@da``) and described
  (``mg:date`` as ``xsd:date``, ``mg:startTime`` as ``xsd:time`` ...);
* every edge becomes one direct triple (``?person mg:presents ?item``) and,
  when it carries evidence, a statement node ``{base}statement/<sha1>``
  (``mg:Statement``, ``rdf:subject/predicate/object``) derived from the
  document ``{base}document/<file name>`` with an ``oa:TextQuoteSelector``
  (the quoted sentence) and an ``oa:TextPositionSelector`` (character
  offsets). For ``presents``, ``decides`` and ``owns`` the statement is also
  the ``prov:qualifiedAttribution`` of the target, with its ``prov:hadRole``;
* TriG puts what a document states in the named graph ``{base}document/<name>``
  and entities' names in the default graph.

How: :class:`_Builder` writes the graph as Turtle/TriG text, grouped by
subject, with terms as strings (several times faster than creating a
pyoxigraph object per term in Python). That text is the Turtle and TriG
export; pyoxigraph parses it into ``Quad`` objects for everything else
(:func:`to_quads`, N-Triples, N-Quads, JSON-LD with the published
``@context``, :func:`to_rdflib`). Nodes and edges are visited in sorted order,
so a graph gives byte-identical files on every run, and every file holds the
same triples. :func:`rdflib_turtle` writes the same triples with rdflib's
serialiser, for comparison.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("person:ane-berg", type="Person", label="Ane Berg")
>>> b"Ane Berg" in serialize(g, "turtle")
True
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import tempfile
from collections.abc import Iterable
from functools import cache
from typing import BinaryIO

import networkx as nx
import pyoxigraph as ox
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SDO, SKOS, XSD

from ..errors import MinutesGraphError
from ..lexicon import ontology_dir
from ..vocab import BESLUIT, MG, OA, PERSON, PREFIXES
from . import _by_str, register

__all__ = [
    "DEFAULT_BASE_IRI",
    "nquads",
    "ntriples",
    "to_quads",
    "to_triples",
    "to_rdflib",
    "rdflib_turtle",
    "serialize",
    "mint_iri",
    "jsonld_context",
    "export_turtle",
    "export_ntriples",
    "export_jsonld",
    "export_trig",
]

#: Base of minted IRIs when the build gives none (``--base-iri``). A stable
#: placeholder: publish under your own domain with ``--base-iri``.
DEFAULT_BASE_IRI = "https://example.org/minutes-graph/"


def _n(term) -> str:
    """A vocabulary IRI as a Turtle term: a prefixed name (``mg:presents``) where one of :data:`PREFIXES` fits."""
    iri = str(term)
    for prefix, namespace in PREFIXES.items():
        local = iri[len(namespace):]
        if iri.startswith(namespace) and re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", local):
            return f"{prefix}:{local}"
    return f"<{iri}>"


_TYPE = _n(RDF.type)
_A = "a"  # rdf:type in the predicate position
_LABEL = _n(RDFS.label)
_ALT = _n(SKOS.altLabel)
_XSD_STRING = str(XSD.string)
_DATE_SUFFIX = "^^" + _n(XSD.date)
_TIME_SUFFIX = "^^" + _n(XSD.time)
_NNI_SUFFIX = "^^" + _n(XSD.nonNegativeInteger)
_PREFIX_LINES = "".join(f"@prefix {prefix}: <{namespace}> .\n" for prefix, namespace in PREFIXES.items())

#: node type -> (IRI path segment for ids without a prefix, classes)
_CLASSES: dict[str, tuple[str, tuple[str, ...]]] = {
    "Meeting": ("meeting", (_n(MG.Meeting), _n(BESLUIT.Zitting), _n(SDO.Event))),
    "AgendaItem": ("item", (_n(MG.AgendaItem), _n(BESLUIT.Agendapunt))),
    "Decision": ("decision", (_n(MG.Decision), _n(BESLUIT.Besluit))),
    "Person": ("person", (_n(MG.Person), _n(FOAF.Person), _n(PERSON.Person))),
    "Unit": ("unit", (_n(MG.Unit), _n(ORG.OrganizationalUnit))),
    "Body": ("body", (_n(MG.Body), _n(ORG.Organization))),
    "Initiative": ("initiative", (_n(MG.Initiative), _n(SDO.Project))),
}

#: edge relation -> predicate
_RELATIONS: dict[str, str] = {
    "presents": _n(MG.presents),
    "attends": _n(MG.attends),
    "decides": _n(MG.decides),
    "concerns": _n(MG.concerns),
    "owns": _n(MG.owns),
    "mentions": _n(MG.mentions),
    "part_of": _n(MG.partOf),
    "decision_of": _n(MG.decisionOf),
}

#: relations whose statement is also a ``prov:qualifiedAttribution`` of the target
_ROLES: dict[str, str] = {
    "presents": _n(MG.presenterRole),
    "decides": _n(MG.deciderRole),
    "owns": _n(MG.ownerRole),
}

#: node attribute -> (predicate, kind of literal)
_PROPERTIES: tuple[tuple[str, str, str], ...] = (
    ("kind", _n(MG.kind), "da"),
    ("title", _n(MG.title), "da"),
    ("location", _n(MG.location), "da"),
    ("text", _n(MG.text), "da"),
    ("date", _n(MG.date), "date"),
    ("start", _n(MG.startTime), "time"),
    ("end", _n(MG.endTime), "time"),
    ("number", _n(MG.itemNumber), "integer"),
)

_P = {name: _n(term) for name, term in {
    "givenName": FOAF.givenName, "familyName": FOAF.familyName,
    "sourceDocument": MG.sourceDocument, "wasDerivedFrom": PROV.wasDerivedFrom,
    "subject": RDF.subject, "predicate": RDF.predicate, "object": RDF.object,
    "hasSelector": OA.hasSelector, "exact": OA.exact, "start": OA.start, "end": OA.end,
    "lines": MG.lines, "count": MG.count, "agent": PROV.agent, "hadRole": PROV.hadRole,
    "qualifiedAttribution": PROV.qualifiedAttribution, "attendee": SDO.attendee,
    "dctSubject": DCTERMS.subject, "behandelt": BESLUIT.behandelt,
}.items()}
_C = {name: _n(term) for name, term in {
    "Statement": MG.Statement, "Entity": PROV.Entity, "Attribution": PROV.Attribution,
    "Document": FOAF.Document, "TextQuoteSelector": OA.TextQuoteSelector,
    "TextPositionSelector": OA.TextPositionSelector, "Resource": RDFS.Resource,
}.items()}

# the statement's terms as constants: statements are most of the triples of a big graph
_STATEMENT, _ENTITY, _ATTRIBUTION = _C["Statement"], _C["Entity"], _C["Attribution"]
_QUOTE_SELECTOR, _POSITION_SELECTOR = _C["TextQuoteSelector"], _C["TextPositionSelector"]
_SUBJECT, _PREDICATE, _OBJECT = _P["subject"], _P["predicate"], _P["object"]
_AGENT, _HAD_ROLE, _DERIVED = _P["agent"], _P["hadRole"], _P["wasDerivedFrom"]
_HAS_SELECTOR, _EXACT, _START, _END = _P["hasSelector"], _P["exact"], _P["start"], _P["end"]
_LINES, _COUNT = _P["lines"], _P["count"]

_UNSAFE = re.compile(r"[^\w.~-]")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIME = re.compile(r"(\d{1,2})[:.](\d{2})(?::(\d{2}))?")


# --------------------------------------------------------------------------- IRIs and literals

def _escape(match: re.Match) -> str:
    return "".join(f"%{b:02X}" for b in match.group().encode("utf-8", "surrogatepass"))


def _segment(text: str) -> str:
    """``text`` as one IRI path segment: letters, digits and ``_.~-`` kept, the rest percent-encoded."""
    return _UNSAFE.sub(_escape, text)


def mint_iri(base_iri: str, node_id: str, node_type: str | None = None) -> str:
    """The IRI of the node ``node_id``: ``{base}{prefix}/{rest}``, ``#`` in the rest becoming ``/``.

    >>> mint_iri("https://x.org/", "item:000_a.txt#3")
    'https://x.org/item/000_a.txt/3'
    >>> mint_iri("https://x.org/", "person:Ane <b>", "Person")
    'https://x.org/person/Ane%20%3Cb%3E'
    >>> mint_iri("https://x.org/", "Søren", "Person")
    'https://x.org/person/Søren'
    """
    prefix, sep, rest = node_id.partition(":")
    if sep and prefix:
        return base_iri + _segment(prefix) + "/" + "/".join(_segment(part) for part in rest.split("#"))
    kind = _CLASSES[node_type][0] if node_type in _CLASSES else _segment((node_type or "node").lower())
    return base_iri + kind + "/" + _segment(node_id)


def _literal(value, suffix: str = "") -> str:
    """An N-Triples literal: ``value`` quoted and escaped, then ``suffix`` (``@da``, ``^^<datatype>``)."""
    text = str(value)
    if "\\" in text or '"' in text or "\n" in text or "\r" in text:
        text = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{text}"{suffix}'


def _typed(value, kind: str) -> str | None:
    """A literal of ``kind`` (``da``, ``date``, ``time``, ``integer``), or None if ``value`` is not one."""
    if kind == "da":
        return _literal(value, "@da")
    text = str(value).strip()
    if kind == "date":
        if _DATE.fullmatch(text):
            try:
                dt.date.fromisoformat(text)
            except ValueError:
                return None
            return f'"{text}"{_DATE_SUFFIX}'
        return None
    if kind == "time":
        m = _TIME.fullmatch(text)
        if m and int(m[1]) < 24 and int(m[2]) < 60 and int(m[3] or 0) < 60:
            return f'"{int(m[1]):02d}:{m[2]}:{m[3] or "00"}"{_TIME_SUFFIX}'
        return None
    if kind == "integer":
        number = _int(value, signed=True)
        return None if number is None else str(number)  # a Turtle integer is an xsd:integer
    raise ValueError(kind)


def _split(value) -> list[str]:
    return [x for x in dict.fromkeys(str(value).split(";")) if x] if value not in (None, "") else []


def _int(value, signed: bool = False) -> int | None:
    if type(value) is int:
        number = value
    else:
        try:
            number = int(value)
        except (TypeError, ValueError):
            return None
    return number if signed or number >= 0 else None


def _hash(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _check_base(base_iri: str | None) -> str:
    base = str(base_iri or DEFAULT_BASE_IRI)
    if not base.endswith(("/", "#")):
        base += "/"
    try:
        ox.NamedNode(base + "x")
    except ValueError as err:
        raise MinutesGraphError(
            f"Invalid base IRI {base_iri!r} ({err}); give an absolute IRI such as {DEFAULT_BASE_IRI!r} "
            f"with --base-iri.") from err
    return base


# --------------------------------------------------------------------------- graph -> Turtle/TriG text

class _Builder:
    """Writes the statements of one graph as plain Turtle (TriG with ``dataset=True``).

    Terms are strings (``<iri>``, ``mg:presents``, ``"text"@da``): building
    them is several times faster than building a pyoxigraph object per term in
    Python, and pyoxigraph parses the text back into quads on the way out.
    Nodes are visited in sorted order, each followed by its outgoing edges, so
    the output is the same for the same graph and a subject's triples are
    together. With ``dataset=True`` statements go to the graph of the document
    they were read from, entities' names and the documents to the default graph.
    """

    def __init__(self, nx_graph, base_iri: str | None, dataset: bool = False, evidence: bool = True) -> None:
        self.g = nx_graph
        self.evidence = evidence
        self.base = _check_base(base_iri)
        self.dataset = dataset
        self.lines: dict[str | None, list[str]] = {None: []}
        self.sinks: dict[str | None, object] = {}
        self.seen: set[tuple] = set()  # direct triples of the node being written
        self.pred: dict = {}
        self.iris: dict[str, str] = {}
        self.documents: dict[str, str] = {}
        self.extra_predicates: dict[str, str] = {}

    def iri(self, node) -> str:
        found = self.iris.get(node)
        if found is None:
            node_type = self.g.nodes[node].get("type") if node in self.g else None
            found = self.iris[node] = "<" + mint_iri(self.base, str(node), node_type) + ">"
        return found

    def document(self, name: str) -> str:
        found = self.documents.get(name)
        if found is None:
            found = self.documents[name] = "<" + self.base + "document/" + _segment(name) + ">"
        return found

    def predicate(self, relation: str) -> str:
        found = _RELATIONS.get(relation) or self.extra_predicates.get(relation)
        if found is None:
            found = self.extra_predicates[relation] = "<" + self.base + "relation/" + _segment(relation) + ">"
        return found

    def classes(self, node_type) -> tuple[str, ...]:
        if node_type in _CLASSES:
            return _CLASSES[node_type][1]
        if node_type in (None, ""):
            return ()
        return ("<" + self.base + "type/" + _segment(str(node_type)) + ">",)

    def sink(self, home: str | None):
        """``append(text)`` for Turtle statements of the graph of document ``home`` (None: the default graph)."""
        if not self.dataset:
            home = None
        found = self.sinks.get(home)
        if found is None:
            if home is not None:
                self.document(home)
            found = self.sinks[home] = self.lines.setdefault(home, []).append
        return found

    def block(self, home: str | None, s: str, pairs: list[tuple[str, str]]) -> None:
        """One Turtle block ``s p o ; p o , o .`` into the graph of document ``home``."""
        parts = [s]
        last = None
        for p, o in pairs:
            parts.append(f" , {o}" if p == last else f" ;\n\t{p} {o}" if last is not None else f" {p} {o}")
            last = p
        parts.append(" .\n")
        self.sink(home)("".join(parts))

    def run(self, stream: BinaryIO | None = None) -> bytes:
        """The graph as Turtle (TriG for datasets): the default graph first, then documents by name.

        With ``stream``, the text is written as it is made and ``b""``
        returned, so memory does not grow with the size of the export; in TriG
        a document's graph is then written in several blocks, which TriG merges.
        """
        pending: list[tuple[str | None, str]] = []
        if stream is not None:
            stream.write(_encode(_PREFIX_LINES))

            def flush() -> None:
                # consecutive statements of one document share one "<graph> { ... }" block;
                # TriG merges blocks that name the same graph
                parts, current = [], None
                for home, text in pending:
                    if home != current:
                        if current is not None:
                            parts.append("}\n")
                        if home is not None:
                            parts += [self.documents[home], " {\n"]
                        current = home
                    parts.append(text)
                if current is not None:
                    parts.append("}\n")
                stream.write(_encode("".join(parts)))
                pending.clear()

            def sink(home: str | None):
                home = home if self.dataset else None
                if home is not None:
                    self.document(home)

                def append(text: str) -> None:
                    pending.append((home, text))
                    if len(pending) >= 4096:
                        flush()
                return append

            self.sink = sink  # type: ignore[method-assign]
        g = self.g
        # the adjacency as plain dicts (networkx's views cost a Python call per item)
        succ = dict(g.adjacency())
        self.pred = dict(nx.reverse_view(g).adjacency())
        for node in sorted(g.nodes, key=str):
            data = g.nodes[node]
            self.seen.clear()
            edges = [(node, v, key, edge) for v, keyed in sorted(succ[node].items(), key=_by_str)
                     for key, edge in sorted(keyed.items(), key=_by_str)]
            blocks: dict[str | None, list[tuple[str, str]]] = {}
            self.node(node, data, blocks)
            for u, v, key, edge in edges:
                self.edge(u, v, edge, blocks)
            s = self.iri(node)
            for home, pairs in blocks.items():
                self.block(home, s, pairs)
            for u, v, key, edge in edges:
                if self._with_evidence(str(edge.get("relation", "")), edge):
                    self.edge_statement(u, v, key, edge)
        for name in sorted(self.documents):
            literal = _literal(name)
            self.block(None, self.documents[name], [(_A, _C["Entity"]), (_A, _C["Document"]), (_LABEL, literal),
                                                    (_P["sourceDocument"], literal)])
        if stream is not None:
            flush()
            return b""
        parts = [_PREFIX_LINES, *self.lines[None]]
        for name in sorted(k for k in self.lines if k is not None):
            parts += [self.documents[name], " {\n", *self.lines[name], "}\n"]
        return _encode("".join(parts))

    def node(self, node, data: dict, blocks: dict) -> None:
        """The node's types, names and attributes into ``blocks`` (graph -> [(predicate, object)])."""
        node_type = data.get("type")
        document = data.get("document")
        documents = _split(data.get("documents"))
        # structure (meeting, item, decision) belongs to its document; entities to every document
        home = str(document) if document and not documents and self.dataset else None
        pairs = blocks.setdefault(home, [])
        add = pairs.append
        for cls in self.classes(node_type):
            add((_A, cls))
        label = str(data.get("label") or node)
        add((_LABEL, _literal(label, "@da")))
        for alias in _split(data.get("aliases")):
            if alias != label:
                add((_ALT, _literal(alias, "@da")))
        if node_type == "Person":
            words = label.split()
            if len(words) >= 2:
                add((_P["givenName"], _literal(words[0])))
                add((_P["familyName"], _literal(words[-1])))
        for attr, predicate, kind in _PROPERTIES:
            value = data.get(attr)
            if value is not None and value != "":
                literal = _typed(value, kind)
                if literal is not None:
                    add((predicate, literal))
        names = documents or ([str(document)] if document else [])
        for name in names:
            add((_P["sourceDocument"], _literal(name)))
        for name in names:
            add((_P["wasDerivedFrom"], self.document(name)))
        for home, p, o in self.incoming(node):
            blocks.setdefault(home, []).append((p, o))

    def incoming(self, v) -> list[tuple[str | None, str, str]]:
        """Standard triples whose subject is ``v`` but which its incoming edges state, as (graph, p, o).

        ``schema:attendee`` and ``besluit:behandelt`` invert ``attends`` and
        ``partOf``; the statement of a role is the ``prov:qualifiedAttribution``
        of its target. Computed node by node, so no index of the whole graph is kept.
        """
        found = []
        for u, keyed in self.pred[v].items():
            for key, edge in keyed.items():
                relation = edge.get("relation")
                home = edge.get("document")
                home = str(home) if home and self.dataset else None
                if relation == "attends" or relation == "part_of":
                    found.append((home, _P["attendee"] if relation == "attends" else _P["behandelt"], self.iri(u)))
                if relation in _ROLES and self._with_evidence(relation, edge):
                    found.append((home, _P["qualifiedAttribution"], self._statement_iri(u, v, key)))
        found.sort(key=lambda r: (r[0] or "", r[1], r[2]))
        return list(dict.fromkeys(found))  # the same triple from parallel edges once

    def _with_evidence(self, relation: str, edge: dict) -> bool:
        return self.evidence and relation in EVIDENCE_RELATIONS and _has_evidence(edge)

    def _first(self, u, relation: str, v, home) -> bool:
        """True the first time the edge ``u relation v`` is seen (in graph ``home`` for datasets)."""
        key = (u, relation, v, home if self.dataset else None)
        if key in self.seen:
            return False
        self.seen.add(key)
        return True

    def _statement_iri(self, u, v, key) -> str:
        return "<" + self.base + "statement/" + _hash("edge", str(u), str(v), str(key)) + ">"

    def edge(self, u, v, data: dict, blocks: dict) -> None:
        """The direct triple ``u relation v`` (once per graph) and its standard-vocabulary twin into ``blocks``."""
        relation = str(data.get("relation", "related"))
        document = data.get("document")
        if self._first(u, relation, v, document):
            sv = self.iri(v)
            pairs = blocks.setdefault(str(document) if document and self.dataset else None, [])
            pairs.append((self.predicate(relation), sv))
            if relation == "concerns":
                pairs.append((_P["dctSubject"], sv))

    def edge_statement(self, u, v, key, data: dict) -> None:
        """The evidence of the edge: a statement node, also the qualified attribution for roles."""
        relation = str(data.get("relation", "related"))
        su, sv = self.iri(u), self.iri(v)
        st = self._statement_iri(u, v, key)
        role = _ROLES.get(relation)
        self.statement(st, su, self.predicate(relation), sv, data, role)

    def statement(self, st: str, s: str, p: str, o: str, data: dict, role: str | None = None) -> None:
        """The reified statement ``s p o`` with the document, quote and offsets it was read from."""
        document = data.get("document")
        append = self.sink(str(document) if document else None)
        iri = st[1:-1]
        quote = data.get("evidence")
        has_quote = quote is not None and quote != ""
        start, stop = _int(data.get("char_start")), _int(data.get("char_end"))
        has_position = start is not None and stop is not None
        text = [st, " a ", _STATEMENT]
        if role is not None:
            text.append(f" , {_ATTRIBUTION}")
        text.append(f" ;\n\t{_SUBJECT} {s} ;\n\t{_PREDICATE} {p} ;\n\t{_OBJECT} {o}")
        if role is not None:
            text.append(f" ;\n\t{_AGENT} {s} ;\n\t{_HAD_ROLE} {role}")
        if document:
            text.append(f" ;\n\t{_DERIVED} {self.document(str(document))}")
        if has_quote and has_position:
            text.append(f" ;\n\t{_HAS_SELECTOR} <{iri}/quote> , <{iri}/position>")
        elif has_quote:
            text.append(f" ;\n\t{_HAS_SELECTOR} <{iri}/quote>")
        elif has_position:
            text.append(f" ;\n\t{_HAS_SELECTOR} <{iri}/position>")
        lines = data.get("lines")
        if lines is not None and lines != "":
            text.append(f" ;\n\t{_LINES} {_literal(lines)}")
        count = _int(data.get("count"))
        if count is not None:
            text.append(f" ;\n\t{_COUNT} {count}")
        text.append(" .\n")
        if has_quote:
            text.append(f"<{iri}/quote> a {_QUOTE_SELECTOR} ;\n\t{_EXACT} {_literal(quote, '@da')} .\n")
        if has_position:
            text.append(f'<{iri}/position> a {_POSITION_SELECTOR} ;\n\t{_START} "{start}"{_NNI_SUFFIX} ;\n\t'
                        f'{_END} "{stop}"{_NNI_SUFFIX} .\n')
        append("".join(text))


#: Relations whose edges get a statement node with their evidence. ``mentions``,
#: ``part_of`` and ``decision_of`` are direct triples only: the decision's text
#: and the item's place are their evidence, and a statement node per mention
#: would multiply the size of the export for little use.
EVIDENCE_RELATIONS = frozenset({"presents", "attends", "decides", "concerns", "owns"})


def _has_evidence(data: dict) -> bool:
    return bool(data.get("evidence")) or data.get("char_start") is not None


def _nx(graph):
    return getattr(graph, "nx", graph)


def _encode(text: str) -> bytes:
    # lone surrogates (text that was never valid Unicode) become "?"; everything else is UTF-8
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace")


def _text(graph, base_iri: str | None, dataset: bool, evidence: bool = True) -> bytes:
    return _Builder(_nx(graph), base_iri, dataset=dataset, evidence=evidence).run()


def _parse(data, dataset: bool = False):
    # lenient: the builder percent-encodes every minted IRI under a checked base and escapes every
    # literal, so pyoxigraph's second check is skipped on the way out (a third of the time)
    return ox.parse(data, format=ox.RdfFormat.TRIG if dataset else ox.RdfFormat.TURTLE, lenient=True)


def nquads(graph, base_iri: str | None = DEFAULT_BASE_IRI, evidence: bool = True) -> bytes:
    """The dataset of ``graph`` as N-Quads: the default graph first, then one graph per document by name.

    The default graph holds entities, their names and the documents; each source
    document's named graph ``{base}document/<name>`` holds what it states.
    """
    return ox.serialize(_parse(_text(graph, base_iri, True, evidence), dataset=True), format=ox.RdfFormat.N_QUADS)


def ntriples(graph, base_iri: str | None = DEFAULT_BASE_IRI, evidence: bool = True) -> bytes:
    """The union of :func:`nquads`' graphs as N-Triples, in a stable order."""
    return ox.serialize(_parse(_text(graph, base_iri, False, evidence)), format=ox.RdfFormat.N_TRIPLES)


def to_quads(graph, base_iri: str | None = DEFAULT_BASE_IRI, evidence: bool = True) -> list[ox.Quad]:
    """The RDF dataset of ``graph`` (a :class:`~graph.query.MinutesGraph` or networkx graph) as pyoxigraph quads."""
    return list(_parse(_text(graph, base_iri, True, evidence), dataset=True))


def to_triples(graph, base_iri: str | None = DEFAULT_BASE_IRI, evidence: bool = True) -> list[ox.Triple]:
    """The union of :func:`to_quads`' graphs as pyoxigraph triples."""
    return [q.triple for q in _parse(_text(graph, base_iri, False, evidence))]


# --------------------------------------------------------------------------- rdflib bridge

def _rdflib_converter():
    from rdflib import Literal, URIRef

    iris: dict[str, URIRef] = {}

    def convert(term):
        if isinstance(term, ox.NamedNode):
            found = iris.get(term.value)
            if found is None:
                found = iris[term.value] = URIRef(term.value)
            return found
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value) if datatype == _XSD_STRING else Literal(term.value, datatype=URIRef(datatype))

    return convert


def to_rdflib(graph, base_iri: str | None = DEFAULT_BASE_IRI):
    """The quads of :func:`to_quads` as an ``rdflib.Dataset`` (default graph plus one graph per document).

    ``ds.quads()`` iterates them all; ``ds.graph(URIRef(document_iri))`` is one document's graph.
    """
    from rdflib import Dataset, URIRef
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    convert = _rdflib_converter()
    ds = Dataset()
    for prefix, namespace in PREFIXES.items():
        ds.bind(prefix, namespace, override=True, replace=True)
    graphs: dict = {}
    for q in to_quads(graph, base_iri):
        name = q.graph_name
        key = None if isinstance(name, ox.DefaultGraph) else name.value
        target = graphs.get(key)
        if target is None:
            target = graphs[key] = ds.graph(DATASET_DEFAULT_GRAPH_ID if key is None else URIRef(key))
        target.add((convert(q.subject), convert(q.predicate), convert(q.object)))
    return ds


def rdflib_turtle(graph, stream: BinaryIO, base_iri: str | None = DEFAULT_BASE_IRI) -> None:
    """The same triples as :func:`export_turtle`, written by rdflib's Turtle serialiser (for comparison)."""
    from rdflib import Graph

    convert = _rdflib_converter()
    g = Graph()
    for prefix, namespace in PREFIXES.items():
        g.bind(prefix, namespace, override=True, replace=True)
    for t in to_triples(graph, base_iri):
        g.add((convert(t.subject), convert(t.predicate), convert(t.object)))
    stream.write(g.serialize(format="turtle", encoding="utf-8"))


# --------------------------------------------------------------------------- JSON-LD

@cache
def jsonld_context() -> dict:
    """The JSON-LD ``@context`` published as ``ontology/context.jsonld``."""
    return json.loads((ontology_dir() / "context.jsonld").read_text(encoding="utf-8"))["@context"]


class _Compactor:
    """Chooses the key of a predicate and the form of a value under the context of ``context.jsonld``."""

    def __init__(self, context: dict) -> None:
        self.prefixes = {k: v for k, v in context.items() if isinstance(v, str) and v.endswith(("/", "#"))}
        self.terms: dict[str, tuple[str, str | None, str | None]] = {}  # IRI -> (term, @type, @language)
        self.classes: dict[str, str] = {}
        for term, definition in context.items():
            if term.startswith("@") or term in self.prefixes:
                continue
            if isinstance(definition, str):
                self.classes.setdefault(self.expand(definition), term)
                self.terms.setdefault(self.expand(definition), (term, None, None))
            elif isinstance(definition, dict) and "@id" in definition:
                coerce = definition.get("@type")
                self.terms.setdefault(self.expand(definition["@id"]), (
                    term, self.expand(coerce) if coerce and coerce != "@id" else coerce, definition.get("@language")))
        self.keys: dict[str, tuple[str, str | None, str | None]] = {}

    def expand(self, value: str) -> str:
        prefix, sep, local = value.partition(":")
        return self.prefixes[prefix] + local if sep and prefix in self.prefixes else value

    def compact(self, iri: str) -> str:
        for prefix, namespace in self.prefixes.items():
            if iri.startswith(namespace) and re.fullmatch(r"[A-Za-z_][\w.-]*", iri[len(namespace):]):
                return f"{prefix}:{iri[len(namespace):]}"
        return iri

    def key(self, iri: str) -> tuple[str, str | None, str | None]:
        found = self.keys.get(iri)
        if found is None:
            found = self.keys[iri] = self.terms.get(iri) or (self.compact(iri), None, None)
        return found

    def value(self, term, coerce: str | None, language: str | None):
        if isinstance(term, ox.NamedNode):
            return term.value if coerce == "@id" else {"@id": term.value}
        if term.language:
            if language == term.language and coerce is None:
                return term.value
            return {"@value": term.value, "@language": term.language}
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return term.value if coerce is None and language is None else {"@value": term.value}
        if coerce == datatype and language is None:
            return term.value
        return {"@value": term.value, "@type": self.compact(datatype)}


def _write_jsonld(triples: Iterable[ox.Quad], stream: BinaryIO, base_iri: str) -> None:
    context = jsonld_context()
    scheme = base_iri.partition(":")[0]
    if scheme in context:
        raise MinutesGraphError(f"Base IRI {base_iri!r} starts with {scheme + ':'!r}, a prefix of the JSON-LD "
                                f"context; choose another base IRI (e.g. {DEFAULT_BASE_IRI!r}).")
    compactor = _Compactor(context)
    predicates: dict = {}  # predicate term -> (key, @type coercion, @language coercion), None for rdf:type
    type_key = ox.NamedNode(str(RDF.type))
    classes: dict = {}
    value = compactor.value
    NamedNode = ox.NamedNode
    stream.write(b'{\n"@context": ')
    stream.write(json.dumps(context, ensure_ascii=False, indent=1).encode("utf-8"))
    stream.write(b',\n"@graph": [\n')
    # The triples come grouped by subject (the Turtle they are parsed from is
    # written subject by subject), so each node object is written as soon as
    # its subject changes: memory stays flat. A subject met again later gets a
    # second node object with the same @id, which JSON-LD merges.
    state = {"node": None, "subject": None, "first": True}

    def emit() -> None:
        node = state["node"]
        if node is None:
            return
        for key, values in node.items():
            if type(values) is list and len(values) == 1:
                node[key] = values[0]
        stream.write((b"" if state["first"] else b",\n") + json.dumps(node, ensure_ascii=False).encode("utf-8"))
        state["first"] = False

    for t in triples:
        subject = t.subject
        if subject != state["subject"]:
            emit()
            state["subject"], state["node"] = subject, {"@id": subject.value}
        node = state["node"]
        predicate, obj = t.predicate, t.object
        rule = predicates.get(predicate)
        if rule is None:
            rule = predicates[predicate] = None if predicate == type_key else compactor.key(predicate.value)
        if rule is None and type(obj) is NamedNode:
            name = classes.get(obj)
            if name is None:
                name = classes[obj] = compactor.classes.get(obj.value) or compactor.compact(obj.value)
            key, item = "@type", name
        else:
            if rule is None:
                rule = compactor.key(predicate.value)
            key, item = rule[0], value(obj, rule[1], rule[2])
        found = node.get(key)
        if found is None:
            node[key] = [item]
        else:
            found.append(item)
    emit()
    stream.write(b"\n]\n}\n")


# --------------------------------------------------------------------------- exporters

def serialize(graph, format: str = "turtle", base_iri: str = DEFAULT_BASE_IRI) -> bytes:  # noqa: A002
    """``graph`` as RDF bytes in ``format`` (``turtle``, ``ntriples``, ``jsonld`` or ``trig``)."""
    import io

    stream = io.BytesIO()
    {"turtle": export_turtle, "ntriples": export_ntriples, "jsonld": export_jsonld, "trig": export_trig}[format](
        graph, stream, base_iri=base_iri)
    return stream.getvalue()


@register("turtle", ".ttl", "RDF Turtle (mg: vocabulary, evidence as statements)")
def export_turtle(graph, stream: BinaryIO, base_iri: str | None = DEFAULT_BASE_IRI, **options) -> None:
    """Write the graph as Turtle (the union of all graphs of :func:`to_quads`).

    The builder's Turtle is written as it is: it is already grouped by subject,
    and a round trip through pyoxigraph's serialiser would double the time of
    the largest exports (the tests parse it with pyoxigraph and rdflib).
    """
    _Builder(_nx(graph), base_iri, evidence=options.get("evidence", True)).run(stream)


def _turtle_file(graph, base_iri: str | None, evidence: bool):
    """The Turtle of ``graph`` in a temporary file (in memory while small), ready to be parsed."""
    spool = tempfile.SpooledTemporaryFile(max_size=64 * 1024 * 1024)
    _Builder(_nx(graph), base_iri, evidence=evidence).run(spool)
    spool.seek(0)
    return spool


@register("ntriples", ".nt", "RDF N-Triples (one triple a line; fastest to load)")
def export_ntriples(graph, stream: BinaryIO, base_iri: str | None = DEFAULT_BASE_IRI, **options) -> None:
    """Write the graph as (canonical) N-Triples."""
    with _turtle_file(graph, base_iri, options.get("evidence", True)) as turtle:
        ox.serialize(_parse(turtle), stream, ox.RdfFormat.N_TRIPLES)


@register("jsonld", ".jsonld", "JSON-LD with the @context of ontology/context.jsonld")
def export_jsonld(graph, stream: BinaryIO, base_iri: str | None = DEFAULT_BASE_IRI, **options) -> None:
    """Write the graph as JSON-LD, one node object a line, with the published ``@context`` embedded."""
    base = _check_base(base_iri)
    with _turtle_file(graph, base_iri, options.get("evidence", True)) as turtle:
        _write_jsonld(_parse(turtle), stream, base)


@register("trig", ".trig", "RDF TriG (one named graph per source document)")
def export_trig(graph, stream: BinaryIO, base_iri: str | None = DEFAULT_BASE_IRI, **options) -> None:
    """Write the dataset as TriG: entities in the default graph, each document's statements in its own graph."""
    _Builder(_nx(graph), base_iri, dataset=True, evidence=options.get("evidence", True)).run(stream)
