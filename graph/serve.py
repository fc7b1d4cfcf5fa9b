"""A local, read-only SPARQL 1.1 Protocol endpoint over a built graph.

Standard library HTTP (:class:`http.server.ThreadingHTTPServer`) in front of
an in-memory :class:`pyoxigraph.Store` loaded by :func:`graph.sparql.load_store`.

- ``GET /sparql?query=...``, ``POST /sparql`` with a form-encoded ``query=``
  or an ``application/sparql-query`` body.
- SELECT/ASK answers as SPARQL JSON (default), XML, CSV or TSV, chosen by the
  ``Accept`` header (or a ``format``/``output`` parameter: ``json``, ``xml``,
  ``csv``, ``tsv``); CONSTRUCT/DESCRIBE as Turtle (default) or N-Triples
  (also ``application/ld+json``, ``application/rdf+xml``, N-Quads, TriG).
- Updates are refused with 403: an ``update=`` parameter, an
  ``application/sparql-update`` body, or a ``query`` that is an update.
  The store lives in memory only; nothing is ever written back to disk.
- Every query runs in a worker thread with a time limit; past it the client
  gets 503. pyoxigraph cannot cancel a running query, so the worker thread
  keeps computing in the background until it finishes (its answer is then
  dropped). A few runaway queries therefore cost CPU, not correctness; restart
  the server if someone floods it with them.
- ``Access-Control-Allow-Origin: *`` on every answer, so YASGUI and other
  browser clients can use the endpoint from another origin.

Example (tests use port 0, a free port)::

    server = make_server("exports", port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    ...
    server.shutdown(); server.server_close()
"""
from __future__ import annotations

import html
import os
import sys
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from .errors import MinutesGraphError
from .sparql import is_update, load_store

__all__ = ["SparqlServer", "make_server", "serve"]

_RESULT_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
_GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
_FORMAT_PARAMS = {  # ?format=... / ?output=... as sent by SPARQLWrapper and older clients
    "json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
    "csv": "text/csv", "tsv": "text/tab-separated-values",
    "turtle": "text/turtle", "ttl": "text/turtle", "n3": "text/turtle",
    "ntriples": "application/n-triples", "nt": "application/n-triples", "json-ld": "application/ld+json",
    "jsonld": "application/ld+json", "rdf": "application/rdf+xml", "rdfxml": "application/rdf+xml",
}
_MAX_BODY = 1_000_000  # bytes of a POST body


def _accepted(accept: str) -> list[str]:
    """Media types of an ``Accept`` header, best first (by q, then by order)."""
    ranked = []
    for index, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        q = 1.0
        for field in fields[1:]:
            if field.startswith("q="):
                try:
                    q = float(field[2:])
                except ValueError:
                    q = 0.0
        if q > 0:
            ranked.append((-q, index, fields[0].lower()))
    return [media for _, _, media in sorted(ranked)]


def _negotiate(accept: str, table: dict, default: str) -> tuple[str, object]:
    for media in _accepted(accept):
        if media in table:
            return media, table[media]
    return default, table[default]


class _Refused(Exception):
    def __init__(self, status: HTTPStatus, message: str) -> None:
        super().__init__(message)
        self.status = status


class SparqlServer(ThreadingHTTPServer):
    """The HTTP server: holds the store, the graph folder and the per-query time limit."""

    daemon_threads = True

    def __init__(self, address, store: ox.Store, graph_dir: str, timeout: float, quiet: bool = False) -> None:
        super().__init__(address, SparqlHandler)
        self.store = store
        self.graph_dir = graph_dir
        self.query_timeout = timeout
        self.quiet = quiet

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/sparql"


class SparqlHandler(BaseHTTPRequestHandler):
    """SPARQL 1.1 Protocol, query operation only."""

    server: SparqlServer
    server_version = "minutes-graph"

    # ------------------------------------------------------------------ HTTP verbs

    def do_OPTIONS(self) -> None:  # CORS preflight
        self.send_response(HTTPStatus.NO_CONTENT)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
        self.send_header("Access-Control-Max-Age", "86400")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path in ("/", "/index.html"):
            self._send(HTTPStatus.OK, "text/html; charset=utf-8", self._page().encode("utf-8"))
            return
        if url.path != "/sparql":
            self._error(HTTPStatus.NOT_FOUND, f"No such page {url.path!r}; the endpoint is /sparql.")
            return
        params = parse_qs(url.query, keep_blank_values=True)
        if "query" not in params and "update" not in params:
            self._send(HTTPStatus.OK, "text/html; charset=utf-8", self._page().encode("utf-8"))
            return
        self._handle(params, None)

    do_HEAD = do_GET

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        if url.path != "/sparql":
            self._error(HTTPStatus.NOT_FOUND, f"No such endpoint {url.path!r}; POST to /sparql.")
            return
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length < 0 or length > _MAX_BODY:
            self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE if length > 0 else HTTPStatus.BAD_REQUEST,
                        f"Request body must have a Content-Length of at most {_MAX_BODY} bytes.")
            return
        body = self.rfile.read(length).decode("utf-8", errors="replace")
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(url.query, keep_blank_values=True)
        if ctype == "application/x-www-form-urlencoded":
            for key, values in parse_qs(body, keep_blank_values=True).items():
                params.setdefault(key, []).extend(values)
            self._handle(params, None)
        elif ctype == "application/sparql-query":
            self._handle(params, body)
        elif ctype == "application/sparql-update":
            self._error(HTTPStatus.FORBIDDEN, "This endpoint is read-only: SPARQL updates are not allowed.")
        else:
            self._error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                        f"Unsupported Content-Type {ctype!r}; send application/x-www-form-urlencoded "
                        "(query=...) or application/sparql-query.")

    # ------------------------------------------------------------------ the query

    def _handle(self, params: dict[str, list[str]], body: str | None) -> None:
        if "update" in params:
            self._error(HTTPStatus.FORBIDDEN, "This endpoint is read-only: SPARQL updates are not allowed.")
            return
        queries = [body] if body is not None else params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            self._error(HTTPStatus.BAD_REQUEST, "Give exactly one non-empty 'query' parameter.")
            return
        query = queries[0]
        if is_update(query):
            self._error(HTTPStatus.FORBIDDEN, "This endpoint is read-only: SPARQL updates "
                        "(INSERT, DELETE, LOAD, CLEAR, ...) are not allowed.")
            return
        accept = self.headers.get("Accept") or ""
        for key in ("format", "output"):
            wanted = (params.get(key) or [""])[0].strip().lower()
            if wanted in _FORMAT_PARAMS:
                accept = _FORMAT_PARAMS[wanted]
            elif "/" in wanted:
                accept = wanted
        try:
            options = self._dataset(params)
            status, ctype, payload = self._run(query, accept, options)
        except _Refused as refused:
            self._error(refused.status, str(refused))
            return
        self._send(status, ctype, payload)

    def _dataset(self, params: dict[str, list[str]]) -> dict:
        """``default-graph-uri`` / ``named-graph-uri`` of the protocol; by default the union of all graphs."""
        try:
            default = [ox.NamedNode(iri) for iri in params.get("default-graph-uri", [])]
            named = [ox.NamedNode(iri) for iri in params.get("named-graph-uri", [])]
        except ValueError as err:
            raise _Refused(HTTPStatus.BAD_REQUEST, f"Invalid graph IRI: {err}") from err
        options: dict = {}
        if default:
            options["default_graph"] = default
        else:
            options["use_default_graph_as_union"] = True
        if named:
            options["named_graphs"] = named
        return options

    def _run(self, query: str, accept: str, options: dict) -> tuple[HTTPStatus, str, bytes]:
        """Run and serialise ``query`` in a worker thread, waiting at most the server's time limit."""
        outcome: dict = {}
        store = self.server.store

        def work() -> None:
            try:
                result = store.query(query, **options)
                if isinstance(result, ox.QueryTriples):
                    media, fmt = _negotiate(accept, _GRAPH_TYPES, "text/turtle")
                else:
                    media, fmt = _negotiate(accept, _RESULT_TYPES, "application/sparql-results+json")
                outcome["answer"] = (media, result.serialize(format=fmt))
            except BaseException as err:  # handed to the request thread below
                outcome["error"] = err

        worker = threading.Thread(target=work, name="sparql-query", daemon=True)
        worker.start()
        worker.join(self.server.query_timeout)
        if worker.is_alive():
            raise _Refused(HTTPStatus.SERVICE_UNAVAILABLE,
                           f"Query took longer than the time limit of {self.server.query_timeout:g} s and was "
                           "abandoned; narrow it (LIMIT, more specific patterns) or restart with a larger --timeout.")
        if "error" in outcome:
            err = outcome["error"]
            first = (str(err).splitlines() or [""])[0]
            if isinstance(err, SyntaxError):
                if "expected CONSTRUCT" in first or "expected SELECT" in first:
                    first += " (updates are not allowed here)"
                raise _Refused(HTTPStatus.BAD_REQUEST, f"SPARQL syntax error: {first}")
            raise _Refused(HTTPStatus.INTERNAL_SERVER_ERROR, f"Query failed: {type(err).__name__}: {first}")
        media, payload = outcome["answer"]
        return HTTPStatus.OK, media + "; charset=utf-8", payload

    # ------------------------------------------------------------------ responses

    def _send(self, status: HTTPStatus, ctype: str, payload: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)

    def _error(self, status: HTTPStatus, message: str) -> None:
        self._send(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))

    def _page(self) -> str:
        url = f"http://{self.headers.get('Host') or '%s:%s' % self.server.server_address[:2]}/sparql"
        example = ("PREFIX mg: <https://w3id.org/minutes-graph/vocab#>\n"
                   "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
                   "SELECT ?person ?initiative WHERE {\n"
                   "  ?p mg:presents/mg:concerns ?i .\n"
                   "  ?p rdfs:label ?person . ?i rdfs:label ?initiative .\n"
                   "} LIMIT 50")
        return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>minutes-graph SPARQL</title></head>
<body style="font-family: sans-serif; max-width: 50em; margin: 2em auto">
<h1>minutes-graph SPARQL endpoint (read-only)</h1>
<p>Graph: <code>{html.escape(str(self.server.graph_dir))}</code>. Endpoint: <code>{html.escape(url)}</code>.
Queries time out after {self.server.query_timeout:g}&nbsp;s; updates are refused.</p>
<form action="/sparql" method="get">
<textarea name="query" rows="10" cols="80">{html.escape(example)}</textarea><br>
<label>Results as <select name="format">
<option value="json">JSON</option><option value="xml">XML</option>
<option value="csv">CSV</option><option value="tsv">TSV</option><option value="turtle">Turtle (CONSTRUCT)</option>
</select></label> <button type="submit">Run</button>
</form>
<p>YASGUI: open <a href="https://yasgui.triply.cc/">yasgui.triply.cc</a> and set the endpoint
to <code>{html.escape(url)}</code> (CORS is enabled, so it works from the browser).</p>
</body></html>
"""

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (the base class's name)
        if not self.server.quiet:
            super().log_message(format, *args)


def make_server(graph_dir: str | os.PathLike, host: str = "127.0.0.1", port: int = 7878,
                timeout: float = 10.0, *, quiet: bool = False) -> SparqlServer:
    """Load the graph and bind a :class:`SparqlServer` (not yet serving); ``port=0`` picks a free port.

    Raises:
        GraphNotFoundError: the folder holds no RDF.
        MinutesGraphError: ``timeout`` is not positive.
    """
    if not timeout > 0:
        raise MinutesGraphError(f"--timeout must be a positive number of seconds, not {timeout!r}.")
    store = load_store(graph_dir)
    return SparqlServer((host, port), store, str(graph_dir), timeout, quiet=quiet)


def serve(graph_dir: str | os.PathLike, host: str = "127.0.0.1", port: int = 7878, timeout: float = 10.0) -> None:
    """Serve the graph in ``graph_dir`` read-only at ``http://host:port/sparql`` until Ctrl+C."""
    try:
        server = make_server(graph_dir, host, port, timeout)
    except OSError as err:
        raise MinutesGraphError(f"Cannot listen on {host}:{port}: {err.strerror or err}; "
                         "choose another --port or stop the other server.") from err
    print(f"Serving {graph_dir} at {server.url} (read-only)", flush=True)
    print(f"  per-query time limit {timeout:g} s; YASGUI: https://yasgui.triply.cc with endpoint {server.url}; "
          "Ctrl+C to stop", file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("Stopped.", file=sys.stderr)
    finally:
        server.server_close()
