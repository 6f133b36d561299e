"""Remote stores: a SPARQL 1.1 endpoint used like the embedded store, and pushing to one.

``RemoteStore.query`` takes the same arguments as ``pyoxigraph.Store.query`` and returns the
same result types, so every read command runs unchanged against an Oxigraph server, Fuseki or
any SPARQL 1.1 Protocol endpoint. Results are parsed by pyoxigraph (SPARQL JSON results; a
graph result is read into a small in-memory store and returned as that store's CONSTRUCT
answer). HTTP goes through the standard library: a handful of POST and PUT requests need no
client library. Credentials come from the environment only: ``ISC_GRAPH_TOKEN`` (bearer) or
``ISC_GRAPH_USER`` and ``ISC_GRAPH_PASSWORD`` (basic). They go to the configured origin only
(a redirect to another one is refused), a URL with ``user:password@`` in it is refused, and
every message passes through :func:`redact`.
"""

from __future__ import annotations

import base64
import http.client
import json
import os
import re
import socket
import urllib.error
import urllib.parse
import urllib.request
from email.message import Message
from typing import IO

import pyoxigraph as ox

from .bind import bind_values
from .errors import IscGraphError
from .store import is_remote  # defined there: a local read must not import this module

__all__ = ["RemoteError", "RemoteStore", "check_url", "is_remote", "push", "redact"]

_RESULTS = "application/sparql-results+json"
_GRAPH = "application/n-triples"


class RemoteError(IscGraphError):
    """The endpoint could not be reached or did not answer as a SPARQL endpoint.

    The message is redacted (:func:`redact`): it may quote a URL or the endpoint's answer.
    """

    def __init__(self, message: str) -> None:
        super().__init__(redact(message))


def default_timeout() -> float:
    """Seconds to wait for an endpoint: ``ISC_GRAPH_TIMEOUT``, else 60 — the time a query may
    take, read in one place (:func:`isc_graph.limits.query_timeout`) for both kinds of store."""
    from .limits import query_timeout

    return query_timeout()


# user:password@ (or user@) after a scheme: greedy up to the last @ before the path, so a
# password with an @ in it is hidden whole.
_USERINFO = re.compile(r"(?<=://)[^/?#\s]*@")


def _secrets() -> set[str]:
    """The credentials in the environment as they could appear in a message: the token, the
    password, the basic-auth value that encodes them, and each percent-encoded."""
    found = {os.environ.get("ISC_GRAPH_PASSWORD") or ""}
    auth = _auth_header().get("Authorization")
    if auth:
        found.add(auth.split(" ", 1)[1])  # the token itself, or the basic-auth value
    found |= {urllib.parse.quote(s, safe="") for s in found}
    return {s for s in found if s}


def redact(text: str) -> str:
    """``text`` with every credential replaced by ``***``: the token, the password and the
    basic-auth value from the environment, and any ``user:password@`` written into a URL.

    >>> redact("http://alice:pw@example.org/query answered 500")
    'http://***@example.org/query answered 500'
    """
    text = _USERINFO.sub("***@", text)
    for secret in sorted(_secrets(), key=len, reverse=True):  # longest first: no partial leak
        text = text.replace(secret, "***")
    return text


def _where(url: str) -> str:
    """``url`` as messages show it: without credentials or query string."""
    parts = urllib.parse.urlsplit(url)
    return parts._replace(netloc=parts.netloc.rsplit("@", 1)[-1], query="").geturl()


def check_url(url: str) -> str:
    """``url`` if isc-graph may send requests to it; a RemoteError if it has credentials in it.

    Credentials in a URL would be kept in shell history and shown to every user in the process
    list, and would compete with the environment's; so they are refused, with the URL to give
    instead.
    """
    if "@" in urllib.parse.urlsplit(url).netloc:
        raise RemoteError(
            f"{url}: a URL with a user name or password in it is refused; give "
            f"{_where(url)} and set ISC_GRAPH_USER and ISC_GRAPH_PASSWORD "
            "(or ISC_GRAPH_TOKEN) in the environment"
        )
    return url


def _origin(url: str) -> str:
    """The scheme, host and port of ``url``, the default port written out."""
    parts = urllib.parse.urlsplit(url)
    try:
        port = parts.port or {"http": 80, "https": 443}.get(parts.scheme)
    except ValueError:  # not a number: never the same origin as the configured one
        port = parts.netloc.rsplit(":", 1)[-1]
    return f"{parts.scheme}://{parts.hostname}:{port}"


class _SameOriginRedirects(urllib.request.HTTPRedirectHandler):
    """urllib's redirect handling, refused when the redirect leaves the configured origin.

    urllib copies every header, Authorization included, to whatever URL a redirect names. Not
    following is chosen over following without credentials: the other origin would get the
    query text (or the graph being pushed), would answer 401 or, worse, answer from another
    store as if it were the configured one, and urllib turns a redirected POST into a GET
    without the query anyway. The error names both origins, so a user who trusts the new
    place can configure it.
    """

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: Message,
        newurl: str,
    ) -> urllib.request.Request | None:
        if _origin(newurl) != _origin(req.full_url):
            fp.close()
            raise RemoteError(
                f"{_where(req.full_url)}: the endpoint redirects ({code}) to {_where(newurl)}, "
                f"another origin than {_origin(req.full_url)}; not followed, so that "
                "credentials and data go only where configured: give that URL instead if you "
                "trust it"
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_SameOriginRedirects)


def _auth_header() -> dict[str, str]:
    token = os.environ.get("ISC_GRAPH_TOKEN")
    if token:
        return {"Authorization": f"Bearer {token}"}
    user = os.environ.get("ISC_GRAPH_USER")
    if user is not None:
        pair = f"{user}:{os.environ.get('ISC_GRAPH_PASSWORD', '')}".encode()
        return {"Authorization": "Basic " + base64.b64encode(pair).decode("ascii")}
    return {}


def _request(
    url: str, *, data: bytes, content_type: str, accept: str, method: str, timeout: float
) -> tuple[str, bytes]:
    """One HTTP request; every failure becomes one clear line (a RemoteError)."""
    headers = {"Content-Type": content_type, "Accept": accept, **_auth_header()}
    req = urllib.request.Request(check_url(url), data=data, headers=headers, method=method)
    where = _where(url)
    try:
        with _OPENER.open(req, timeout=timeout) as answer:
            return answer.headers.get_content_type(), answer.read()
    except urllib.error.HTTPError as exc:
        # redacted before the cut, so that no part of a credential is left at the edge
        body = redact(exc.read().decode("utf-8", "replace")).strip().splitlines()
        detail = f": {body[0][:200]}" if body else ""
        raise RemoteError(
            f"{where}: the endpoint answered {exc.code} {exc.reason}{detail}"
        ) from None
    except TimeoutError:
        raise RemoteError(f"{where}: no answer within {timeout:g} s") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, (TimeoutError, socket.timeout)):
            raise RemoteError(f"{where}: no answer within {timeout:g} s") from None
        raise RemoteError(f"{where}: cannot connect ({reason})") from None
    except (ConnectionError, OSError) as exc:
        raise RemoteError(f"{where}: the connection failed ({exc})") from None
    except (ValueError, http.client.InvalidURL) as exc:  # a port that is not a number, …
        raise RemoteError(f"{where}: not a usable URL ({exc})") from None


def _with_values(text: str, substitutions: dict | None) -> str:
    """Bind ``substitutions`` (pyoxigraph's argument, variable → term) with a VALUES block,
    the protocol's way to pass values without pasting them into the query's patterns: the
    block the embedded store's queries get too (:func:`isc_graph.bind.bind_values`)."""
    if not substitutions:
        return text
    return bind_values(text, {v.value: str(t) for v, t in substitutions.items()})


_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"


def _portable_results(body: bytes) -> bytes:
    """SPARQL JSON results ``body`` with terms written the way pyoxigraph reads and writes them.

    Two things the standard leaves to the endpoint: blank node labels (Virtuoso writes
    ``nodeID://b10006``, which pyoxigraph rejects; labels only tell blank nodes apart within
    one answer, so each becomes ``b`` and its hex digits) and the lexical form of a boolean
    (Virtuoso answers ``"1"^^xsd:boolean`` for the ``true`` it was given: the same value,
    written back in its canonical form).
    """
    if b'"bnode"' not in body and _BOOLEAN.encode() not in body:
        return body
    try:
        data = json.loads(body)
        for row in data["results"]["bindings"]:
            for term in row.values():
                if term.get("type") == "bnode":
                    term["value"] = "b" + str(term["value"]).encode("utf-8").hex()
                elif term.get("datatype") == _BOOLEAN and term.get("value") in ("1", "0"):
                    term["value"] = "true" if term["value"] == "1" else "false"
    except (ValueError, KeyError, TypeError, AttributeError):
        return body  # not results this function understands: pyoxigraph says what is wrong
    return json.dumps(data).encode("utf-8")


class RemoteStore:
    """A SPARQL endpoint that answers queries like ``pyoxigraph.Store``."""

    def __init__(self, url: str, timeout: float | None = None) -> None:
        self.url = check_url(url)
        self.timeout = timeout if timeout is not None else default_timeout()

    def __repr__(self) -> str:
        return f"RemoteStore({self.url!r})"

    def query(
        self,
        query: str,
        *,
        prefixes: dict[str, str] | None = None,
        use_default_graph_as_union: bool = False,
        substitutions: dict | None = None,
    ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        prologue = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in (prefixes or {}).items())
        text = prologue + _with_values(query, substitutions)
        try:  # a syntax error is reported here, as the embedded store reports it
            ox.Store().query(text, use_default_graph_as_union=use_default_graph_as_union)
        except SyntaxError:
            raise
        except Exception:
            pass
        form = {"query": text}
        if use_default_graph_as_union:
            form["union-default-graph"] = "true"  # Oxigraph server; Fuseki: see the README
        kind, body = _request(
            self.url,
            data=urllib.parse.urlencode(form).encode("utf-8"),
            content_type="application/x-www-form-urlencoded",
            accept=f"{_RESULTS}, {_GRAPH};q=0.9",
            method="POST",
            timeout=self.timeout,
        )
        if kind in (_RESULTS, "application/json"):
            try:
                return ox.parse_query_results(
                    _portable_results(body), format=ox.QueryResultsFormat.JSON
                )
            except SyntaxError as exc:
                raise RemoteError(f"{self.url}: unreadable SPARQL results ({exc})") from None
        if kind in (_GRAPH, "text/plain", "text/turtle", "application/n-quads"):
            fmt = ox.RdfFormat.TURTLE if kind == "text/turtle" else ox.RdfFormat.N_QUADS
            graph = ox.Store()
            try:
                graph.load(body, format=fmt)
            except SyntaxError as exc:
                raise RemoteError(f"{self.url}: unreadable RDF answer ({exc})") from None
            return graph.query(
                "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True
            )
        raise RemoteError(
            f"{self.url}: did not answer with SPARQL results (got {kind}); is this the "
            "endpoint's query URL (Oxigraph: …/query, Fuseki: …/DATASET/sparql)?"
        )


def push(
    quads_by_graph: dict[str, list[ox.Quad]],
    url: str,
    *,
    dry_run: bool = False,
    timeout: float | None = None,
) -> list[tuple[str, int]]:
    """Replace each named graph at a Graph Store Protocol ``url`` with its quads (HTTP PUT
    ``url?graph=IRI``), so pushing twice changes nothing. Returns (graph, triples) pairs."""
    check_url(url)
    timeout = timeout if timeout is not None else default_timeout()
    done: list[tuple[str, int]] = []
    for graph, quads in sorted(quads_by_graph.items()):
        triples = [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
        if not dry_run:
            sep = "&" if "?" in url else "?"
            target = f"{url}{sep}{urllib.parse.urlencode({'graph': graph})}"
            try:
                _request(
                    target,
                    data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES),
                    content_type=_GRAPH,
                    accept="*/*",
                    method="PUT",
                    timeout=timeout,
                )
            except RemoteError as exc:
                pushed = ", ".join(g for g, _ in done) or "none"
                raise RemoteError(f"{exc} (graphs already replaced: {pushed})") from None
        done.append((graph, len(triples)))
    return done
