"""``push``: upload the built graph to another store over the Graph Store Protocol."""

from __future__ import annotations

import click

from ..errors import IscGraphError
from .common import handle_errors, log, project_of, store_option

__all__ = ["push"]


@click.command()
@click.argument("url")
@click.option("--dry-run", is_flag=True, help="Show what would be replaced; send nothing.")
@store_option
@click.pass_context
@handle_errors
def push(ctx: click.Context, url: str, dry_run: bool, store: str | None) -> None:
    """Upload the built graph to a writable store (SPARQL 1.1 Graph Store Protocol).

    URL is the store's Graph Store endpoint (Oxigraph server: http://HOST:7878/store;
    Fuseki: http://HOST:3030/DATASET/data). Each of the project's named graphs is replaced
    whole, so pushing twice changes nothing.
    """
    from collections import defaultdict

    import pyoxigraph as ox

    from ..build import ensure_built
    from ..remote import check_url, is_remote, redact
    from ..remote import push as run_push

    if not is_remote(url):
        raise IscGraphError(f"{redact(url)}: give the store's http(s):// Graph Store endpoint")
    check_url(url)  # before building: a URL with credentials in it is refused
    db = ensure_built(project_of(ctx), store, log=log).open_read_only()
    by_graph: dict[str, list] = defaultdict(list)
    for q in db.quads_for_pattern(None, None, None):
        if isinstance(q.graph_name, ox.NamedNode):
            by_graph[q.graph_name.value].append(q)
    done = run_push(dict(by_graph), url, dry_run=dry_run)
    verb = "Would replace" if dry_run else "Replaced"
    for graph, n in done:
        click.echo(f"{verb} <{graph}> with {n} triples")
