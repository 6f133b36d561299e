"""``serve``: the graph over the SPARQL 1.1 Protocol, through the Oxigraph server."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import IscGraphError
from .common import handle_errors, log, project_of, store_option

__all__ = ["LOOPBACK", "serve"]

LOOPBACK = ("127.0.0.1", "localhost", "::1")


@click.command()
@click.option("--bind", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=7878, show_default=True)
@click.option(
    "--timeout",
    type=click.IntRange(min=1),
    default=30,
    show_default=True,
    help="Longest a query may run, in seconds; past it the query is stopped (HTTP 503).",
)
@store_option
@click.pass_context
@handle_errors
def serve(ctx: click.Context, bind: str, port: int, timeout: int, store: str | None) -> None:
    """Serve the graph read-only over the SPARQL 1.1 Protocol (the Oxigraph server).

    Queries that nest too deep or are too long are refused (HTTP 400), one running past
    --timeout is stopped (503), a result over 64 MB is refused (507).
    """
    import shutil

    from ..build import ensure_built
    from ..remote import is_remote, redact
    from ..serve import check_port
    from ..serve import serve as run_server

    if is_remote(store):
        raise IscGraphError(
            f"{redact(store)} is already a SPARQL endpoint; serve serves the embedded store"
        )
    location = ensure_built(project_of(ctx), store, log=log)
    gen = location.current_generation()
    exe = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if gen is None or not Path(exe).exists():
        raise IscGraphError("the Oxigraph server (the `oxigraph` package) is not installed")
    try:
        check_port(bind, port)
    except OSError as exc:
        raise IscGraphError(
            f"cannot listen on {bind}:{port} ({exc.strerror}); "
            "choose another with --port, or stop what uses it"
        ) from None
    if bind not in LOOPBACK:
        log(
            f"Warning: listening on {bind}, not only on this machine: anyone who can reach it "
            "can query the graph."
        )
    host = f"[{bind}]" if ":" in bind else bind

    def ready() -> None:
        log(
            f"Serving the graph read-only at http://{host}:{port}/ "
            f"(SPARQL: http://{host}:{port}/query)"
        )
        log("Press Ctrl-C to stop.")

    # A supervising front runs the Oxigraph server as a worker (isc_graph/serve.py says why).
    run_server(exe, gen / "db", bind, port, timeout, ready=ready)
    log("Stopped.")
