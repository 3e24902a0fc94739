"""``newsbrief serve``: the HTTP API and the web page, on loopback unless told otherwise."""

from __future__ import annotations

import ipaddress
import sys
from functools import partial

import click

from newsbrief.cli.options import method_with_model, model_option, settings_from


def is_loopback(host: str) -> bool:
    """Whether ``host`` only listens on this machine (127.0.0.0/8, ::1, localhost)."""
    name = host.strip().strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


@click.command("serve", epilog="""\b
Examples:
  newsbrief serve                       # http://127.0.0.1:8000/, stories of the default store
  newsbrief serve --port 9000 --db stories.db
  NEWSBRIEF_MAX_REQUEST_BYTES=2000000 newsbrief serve
""")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but loopback exposes the server to the network.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--db", type=click.Path(dir_okay=False),
              help="The SQLite store that serves /v1/stories and accepts POST /v1/articles (created if missing; "
                   "default: newsbrief.db in the data directory, the store `ingest` and `stories` use).")
@click.option("--no-db", "no_db", is_flag=True, help="Serve briefs only, with no store (no /v1/stories).")
@click.option("--allow-fetch", is_flag=True, default=False,
              help="Let callers send article URLs for the server to fetch (never loopback, private or "
                   "link-local addresses).")
@click.option("--config", type=click.Path(dir_okay=False),
              help="A TOML settings file (max_request_bytes, max_articles, request_timeout, ...).")
@partial(model_option, help="A model file from `newsbrief train`: requests that name no method are briefed "
                             "with learned.v1 and this model. Default: the model setting, else the shipped model "
                             "(and the default method). A file that cannot be used is an error.")
def serve_command(host: str, port: int, db: str | None, allow_fetch: bool, config: str | None,
                  model: str | None = None, no_db: bool = False) -> None:
    """Serve the brief API (/v1, documented at /docs) and the web page (/)."""
    try:
        from newsbrief.server.app import create_app
        from newsbrief.server.run import serve
    except ImportError as exc:
        raise click.ClickException(f"the server needs FastAPI, uvicorn and python-multipart ({exc.name} is "
                                   "missing): pip install 'newsbrief[serve]'") from None
    settings = settings_from(config)
    if allow_fetch:
        settings = settings.replace(allow_fetch=True)
    settings = settings.replace(method=method_with_model(None, model, settings))
    if db and no_db:
        raise click.UsageError("give --db or --no-db, not both")
    store_path = None if no_db else (db or settings.db_path)  # as `ingest` and `stories` choose it
    if not is_loopback(host):
        click.echo(f"newsbrief: warning: listening on {host}, reachable from other machines; the API has no "
                   "authentication", err=True)
    app = create_app(settings, store_path=store_path)

    def announce(bound: str, real_port: int) -> None:
        shown = f"[{bound}]" if ":" in bound else bound
        click.echo(f"newsbrief: serving on http://{shown}:{real_port}/ (API docs at /docs; Ctrl-C to stop)", err=True)

    if not serve(app, host=host, port=port, announce=announce):
        click.echo(f"newsbrief: error: could not listen on {host}:{port} (see the message above; is the port in "
                   "use?)", err=True)
        sys.exit(3)  # uvicorn's code for a failed start, as before
