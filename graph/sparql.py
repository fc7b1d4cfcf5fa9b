"""SPARQL over a built graph, on pyoxigraph.

A build writes RDF next to ``graph.graphml`` (``graph.nt``, ``graph.trig``,
``graph.ttl``, ...). :func:`load_store` bulk-loads the best of them into an
in-memory :class:`pyoxigraph.Store`; :func:`run_query` runs a named query
from ``ontology/queries/<name>.rq`` (or any ``.rq`` file, or SPARQL text) and
returns plain Python values; :func:`run_query_cli` prints the answer as an
aligned table, CSV or SPARQL 1.1 JSON results.

SPARQL runs on pyoxigraph, not rdflib: rdflib's engine is too slow on graphs
of thousands of meetings. Queries see the union of all graphs
(``use_default_graph_as_union``), so the named graphs of a TriG export are
visible without ``GRAPH`` clauses.

>>> names = [name for name, _ in list_queries()]
>>> "who-is-connected" in names
True
>>> store = load_store_from_text(
...     '<urn:p> <http://www.w3.org/2000/01/rdf-schema#label> "Ane Berg" .')
>>> run_query(store, "SELECT ?label WHERE { ?s ?p ?label }")
(['label'], [['Ane Berg']])
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

import pyoxigraph as ox

from .errors import GraphNotFoundError, QueryError
from .lexicon import ontology_dir

__all__ = [
    "RDF_FILES",
    "PREFIXES",
    "find_rdf",
    "load_store",
    "load_store_from_text",
    "list_queries",
    "read_query",
    "execute",
    "is_update",
    "run_query",
    "run_query_cli",
    "format_table",
]

#: Files looked for in a graph folder, best first: N-Triples loads fastest,
#: TriG keeps the named graphs, Turtle is the default build output.
RDF_FILES = ("graph.nt", "graph.trig", "graph.ttl", "graph.nq", "graph.jsonld")

#: Prefixes used to shorten IRIs in the text table (never to parse queries:
#: every shipped query declares its own prefixes so it runs in any endpoint).
PREFIXES = {
    "mg": "https://w3id.org/minutes-graph/vocab#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "prov": "http://www.w3.org/ns/prov#",
    "oa": "http://www.w3.org/ns/oa#",
}

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGER_TYPES = {_XSD + t for t in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "nonPositiveInteger", "negativeInteger", "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte")}
_MAX_CELL = 48  # characters of a table cell before it is cut with "…"


# --------------------------------------------------------------------------- loading

def find_rdf(graph_dir: str | os.PathLike) -> Path:
    """The RDF file to load from a built graph folder (or ``graph_dir`` itself if it is an RDF file).

    Raises:
        GraphNotFoundError: the folder is missing or holds no RDF export.
    """
    path = Path(graph_dir)
    if path.is_file():
        if _format_of(path) is None:
            raise GraphNotFoundError(f"{str(path)!r} is not an RDF file (expected one of: "
                                     f"{', '.join(RDF_FILES)}); give the folder of a built graph.")
        return path
    if not path.is_dir():
        raise GraphNotFoundError(f"Graph folder {str(path)!r} not found; build it first: "
                                 f"minutes-graph build seeds --out {path}")
    for name in RDF_FILES:
        if (path / name).is_file():
            return path / name
    raise GraphNotFoundError(f"No RDF in {str(path)!r} (looked for {', '.join(RDF_FILES)}); rebuild with an "
                             f"RDF format: minutes-graph build INPUT --out {path} --format graphml,ntriples")


def _format_of(path: Path) -> ox.RdfFormat | None:
    try:
        return ox.RdfFormat.from_extension(path.suffix.lstrip("."))
    except ValueError:
        return None


def load_store(graph_dir: str | os.PathLike) -> ox.Store:
    """Bulk-load the RDF of a built graph folder into a new in-memory store.

    Raises:
        GraphNotFoundError: no RDF in the folder, or the file does not parse.
    """
    path = find_rdf(graph_dir)
    store = ox.Store()
    try:
        store.bulk_load(path=path, format=_format_of(path))
    except (SyntaxError, ValueError, OSError) as err:
        first = str(err).splitlines()[0] if str(err) else type(err).__name__
        raise GraphNotFoundError(f"Cannot load {str(path)!r}: {first}; rebuild the graph.") from err
    return store


def load_store_from_text(data: str | bytes, format: ox.RdfFormat = ox.RdfFormat.N_TRIPLES) -> ox.Store:
    """A new in-memory store holding ``data`` (N-Triples unless ``format`` says otherwise)."""
    store = ox.Store()
    store.bulk_load(data, format)
    return store


# --------------------------------------------------------------------------- queries

def _queries_dir() -> Path:
    try:
        return ontology_dir() / "queries"
    except FileNotFoundError as err:
        raise QueryError(f"The named queries (ontology/queries/*.rq) are not installed: {err}") from err


def _description(text: str) -> str:
    for line in text.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return ""


def list_queries() -> list[tuple[str, str]]:
    """The shipped named queries as ``(name, one-line description)``, sorted by name."""
    folder = _queries_dir()
    found = []
    for path in sorted(folder.glob("*.rq")):
        try:
            found.append((path.stem, _description(path.read_text(encoding="utf-8"))))
        except (OSError, UnicodeDecodeError):
            found.append((path.stem, "(unreadable)"))
    return found


def _available() -> str:
    return ", ".join(name for name, _ in list_queries()) or "none"


def read_query(name_or_path: str | os.PathLike) -> tuple[str, str]:
    """``(name, SPARQL text)`` of a named query, a ``.rq`` file, or SPARQL text itself.

    Raises:
        QueryError: the name is unknown or the file cannot be read.
    """
    text = str(name_or_path)
    if "{" in text and not Path(text).is_file():  # SPARQL text given directly (Python API)
        return "query", text
    path = Path(text)
    looks_like_path = path.suffix == ".rq" or os.sep in text or "/" in text
    if looks_like_path and not path.exists() and path.name == text and (_queries_dir() / text).is_file():
        path = _queries_dir() / text  # "who-is-connected.rq" typed for the named query
    elif not looks_like_path:
        named = _queries_dir() / f"{text}.rq"
        if not named.is_file():
            raise QueryError(f"Unknown query {text!r} (available: {_available()}); or give a path to a .rq file.")
        path = named
    try:
        return path.stem, path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as err:
        raise QueryError(f"Query file {text!r} not found (named queries: {_available()}).") from err
    except (OSError, UnicodeDecodeError) as err:
        reason = getattr(err, "strerror", None) or str(err).splitlines()[0]
        raise QueryError(f"Cannot read query file {text!r}: {reason}.") from err


def _syntax_message(name: str, err: Exception) -> str:
    first = (str(err).splitlines() or [""])[0]
    if len(first) > 160:
        first = first[:159] + "…"
    return f"SPARQL syntax error in {name!r}: {first}"


def execute(store: ox.Store, text: str, name: str = "query"):
    """Run SPARQL ``text`` on ``store`` over the union of its graphs; the raw pyoxigraph result.

    Raises:
        QueryError: an update (INSERT, DELETE, ...; the store is read-only), a
        syntax error, or a failure while running.
    """
    if is_update(text):
        raise QueryError(f"{name!r} is a SPARQL update; only queries (SELECT, ASK, CONSTRUCT, DESCRIBE) "
                         "run on a built graph.")
    try:
        return store.query(text, use_default_graph_as_union=True)
    except SyntaxError as err:
        raise QueryError(_syntax_message(name, err)) from err
    except (OSError, ValueError) as err:
        raise QueryError(f"Query {name!r} failed: {(str(err).splitlines() or [''])[0]}") from err


def _value(term) -> str | int | None:
    """A plain Python value for a term: int for integer literals, str for everything else."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        if term.datatype.value in _INTEGER_TYPES:
            try:
                return int(term.value)
            except ValueError:
                return term.value
        return term.value
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(term)  # RDF-star triple terms


def _rows(result) -> tuple[list[str], list[list]]:
    if isinstance(result, ox.QueryBoolean):
        return ["boolean"], [[bool(result)]]
    if isinstance(result, ox.QuerySolutions):
        variables = [v.value for v in result.variables]
        return variables, [[_value(solution[v]) for v in variables] for solution in result]
    return ["subject", "predicate", "object"], [[_value(t.subject), _value(t.predicate), _value(t.object)]
                                                 for t in result]


def run_query(store_or_dir: ox.Store | str | os.PathLike, name_or_path: str | os.PathLike) -> tuple[list[str], list[list]]:
    """Run a named query, ``.rq`` file or SPARQL text; ``(variables, rows)`` of plain values.

    Rows hold ``str`` (labels, IRIs, dates as ISO text), ``int`` (integer
    literals such as counts and item numbers) or ``None`` (unbound). ASK gives
    ``(['boolean'], [[True|False]])``; CONSTRUCT/DESCRIBE give
    ``subject, predicate, object`` rows.

    Raises:
        GraphNotFoundError: ``store_or_dir`` is a folder without RDF.
        QueryError: unknown name, unreadable file, syntax error.
    """
    name, text = read_query(name_or_path)
    store = store_or_dir if isinstance(store_or_dir, ox.Store) else load_store(store_or_dir)
    return _rows(execute(store, text, name))


# --------------------------------------------------------------------------- output

def _cell(value, width: int = _MAX_CELL) -> str:
    if value is None:
        text = ""
    elif isinstance(value, bool):
        text = "true" if value else "false"
    else:
        text = str(value)
        for prefix, iri in PREFIXES.items():
            if text.startswith(iri) and text != iri:
                text = f"{prefix}:{text[len(iri):]}"
                break
    text = " ".join(text.split())  # one line per row
    return text if len(text) <= width else text[: width - 1] + "…"


def format_table(variables: Sequence[str], rows: Sequence[Sequence]) -> str:
    """An aligned text table: header, separator, rows (long cells cut with "…"), row count.

    >>> print(format_table(["person", "items"], [["Ane Berg", 2], ["Bo", 10]]))
    person    items
    --------  -----
    Ane Berg      2
    Bo           10
    (2 rows)
    """
    cells = [[_cell(v) for v in row] for row in rows]
    numeric = [bool(rows) and all(r[i] is None or (isinstance(r[i], int) and not isinstance(r[i], bool)) for r in rows)
               for i in range(len(variables))]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(variables)]

    def line(values: Sequence[str]) -> str:
        return "  ".join(v.rjust(w) if num else v.ljust(w) for v, w, num in zip(values, widths, numeric)).rstrip()

    out = [line(list(variables)), "  ".join("-" * w for w in widths)]
    out += [line(r) for r in cells]
    out.append(f"({len(rows)} row{'' if len(rows) == 1 else 's'})")
    return "\n".join(out)


def _term_json(term) -> dict | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != _XSD + "string":
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": {k: _term_json(getattr(term, k)) for k in ("subject", "predicate", "object")}}


def _json_results(result) -> str:
    """SPARQL 1.1 Query Results JSON; CONSTRUCT/DESCRIBE triples as subject/predicate/object bindings."""
    if isinstance(result, (ox.QuerySolutions, ox.QueryBoolean)):
        return result.serialize(format=ox.QueryResultsFormat.JSON).decode("utf-8")
    names = ("subject", "predicate", "object")
    bindings = [{k: _term_json(getattr(t, k)) for k in names} for t in result]
    return json.dumps({"head": {"vars": list(names)}, "results": {"bindings": bindings}}, ensure_ascii=False)


def run_query_cli(query: str, graph_dir: str | os.PathLike, fmt: str, stdout: TextIO) -> int:
    """``minutes-graph query``: run ``query`` on the graph in ``graph_dir``, print it as ``fmt``.

    ``fmt`` is ``table`` (aligned text, for people), ``csv`` (header row, then
    one row per answer) or ``json`` (SPARQL 1.1 Query Results JSON). Returns
    exit status 0.

    Raises:
        GraphNotFoundError, QueryError: turned into ``Error: ...`` and exit 2 by the CLI.
    """
    if fmt not in ("table", "csv", "json"):
        raise QueryError(f"Unknown result format {fmt!r} (available: csv, json, table).")
    name, text = read_query(query)  # before loading: a typo in the name fails fast
    store = load_store(graph_dir)
    result = execute(store, text, name)
    if fmt == "json":
        stdout.write(_json_results(result) + "\n")
        return 0
    variables, rows = _rows(result)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(variables)
        writer.writerows([["" if v is None else v for v in row] for row in rows])
        stdout.write(buffer.getvalue())
    else:
        stdout.write(format_table(variables, rows) + "\n")
    return 0


_UPDATE_WORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"})


def is_update(text: str) -> bool:
    """Whether SPARQL ``text`` is an update (INSERT, DELETE, LOAD, ...) rather than a query.

    >>> is_update("PREFIX ex: <http://e.org/#> # comment\\nINSERT DATA { ex:a ex:b ex:c }")
    True
    >>> is_update("SELECT * WHERE { ?s ?p ?o }")
    False
    """
    stripped = re.sub(r"<[^<>\s]*>", " ", text)  # IRIs may contain '#'
    stripped = re.sub(r"#[^\n]*", " ", stripped)
    stripped = re.sub(r"(?i)\b(PREFIX\s+[^\s:]*:|BASE)\s*", " ", stripped)
    match = re.search(r"[A-Za-z]+", stripped)
    return bool(match) and match.group(0).upper() in _UPDATE_WORDS

