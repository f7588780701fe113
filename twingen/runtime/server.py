"""The twin's command line: ``python -m twin_NAME serve --host H --port P [--tls] [--seed N] [--rate-limits]``.

``--tls`` makes (once) a local CA and a certificate for localhost under the user's cache (``serving/tls.py``) and
then answers HTTPS *and* plain HTTP on ``--port`` (``serving/wire.py`` tells them apart per connection), so
google-api-python-client's media uploads, which go to ``https://`` on the endpoint's host and port,
work against an ``http://`` endpoint too. ``--tls-port P`` serves HTTPS on a second port instead, with
plain HTTP alone on ``--port``. ``--certfile``/``--keyfile`` use a certificate of your own.

The control plane (``/_twin/``) answers loopback callers (``control/access.py``). ``--control-token`` (or
``TWIN_CONTROL_TOKEN``) makes every control request carry a token; a ``--host`` beyond loopback is warned about
and always gets one, made and printed at start when none is given. ``--max-body``, ``--head-timeout``,
``--request-timeout`` and ``--idle-timeout`` set the HTTP layer's limits (``serving/limits.py``).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import secrets
import sys
from collections.abc import Generator, Sequence
from typing import Any

from .control.loopback import is_loopback
from .serving.app import TwinApp, load_app
from .serving.limits import HEAD_TIMEOUT, MAX_BODY, REQUEST_TIMEOUT, HttpLimits, body_limit, parse_size
from .serving.protocol import TwinHttp
from .serving.tls import TlsError, ensure_certificate
from .serving.wire import dual_protocol, server_context
from .websocket import lazy_protocol


def parser(prog: str) -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog=prog, description="A local stateful twin of a SaaS API.")
    commands = root.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve the twin over HTTP (and HTTPS with --tls)")
    serve.add_argument("--host", default="127.0.0.1", help="interface to bind (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port to bind (default 8000; 0 picks a free one)")
    serve.add_argument(
        "--seed", type=int, default=None, help="make ids, timestamps and fault dice a function of the call sequence"
    )
    serve.add_argument("--rate-limits", action="store_true", help="enforce the vendor's rate limits")
    serve.add_argument(
        "--tls", action="store_true", help="answer HTTPS as well as HTTP on --port (a local CA is made once)"
    )
    serve.add_argument("--tls-port", type=int, default=None, help="serve HTTPS on this port, HTTP on --port")
    serve.add_argument("--certfile", default=None, help="PEM certificate for TLS instead of the generated one")
    serve.add_argument("--keyfile", default=None, help="PEM private key for --certfile")
    serve.add_argument(
        "--state", default=None, metavar="FILE", help="keep state in this SQLite file (default: in memory only)"
    )
    serve.add_argument(
        "--state-sync",
        default="full",
        choices=["full", "normal"],
        help="full (default): fsync each acknowledged write; normal: survives kill -9 but not an OS crash, faster",
    )
    serve.add_argument("--log-level", default="warning", choices=["debug", "info", "warning", "error"])
    serve.add_argument("--access-log", action="store_true", help="log every request (slower)")
    serve.add_argument(
        "--control-token",
        default=None,
        metavar="TOKEN",
        help="every /_twin/ request must carry this token (default: $TWIN_CONTROL_TOKEN; made and printed when "
        "--host is beyond loopback)",
    )
    serve.add_argument(
        "--max-body",
        type=_size,
        default=MAX_BODY,
        metavar="SIZE",
        help="largest request body, e.g. 100M (default 100M; never above the vendor's documented limit)",
    )
    serve.add_argument(
        "--head-timeout",
        type=float,
        default=HEAD_TIMEOUT,
        metavar="S",
        help=f"seconds a request's head may take to arrive (default {HEAD_TIMEOUT:g})",
    )
    serve.add_argument(
        "--request-timeout",
        type=float,
        default=REQUEST_TIMEOUT,
        metavar="S",
        help=f"seconds a whole request may take to arrive (default {REQUEST_TIMEOUT:g})",
    )
    serve.add_argument(
        "--idle-timeout",
        type=float,
        default=5.0,
        metavar="S",
        help="seconds a connection may stay open with no request under way (default 5)",
    )
    return root


def _size(text: str) -> int:
    try:
        return parse_size(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def control_token(host: str, given: str | None) -> tuple[str | None, list[str]]:
    """The control token to serve with, and what to say about it on stderr: beyond loopback there is always one."""
    if is_loopback(host):
        return given, []
    lines = [
        f"twin: WARNING: --host {host} serves beyond this machine: whoever reaches the port can call the twin's "
        "API; its control plane (/_twin/) needs the control token"
    ]
    if given is None:
        given = secrets.token_urlsafe(24)
        lines.append(f"twin: control token: {given} (send 'Authorization: Bearer TOKEN', or open /_twin/?token=TOKEN)")
    return given, lines


def main(argv: Sequence[str] | None = None, package: str = "") -> int:
    """Entry point the generated ``__main__.py`` and console script call with the twin's package name."""
    args = parser(f"python -m {package}" if package else "twin").parse_args(argv)
    if args.command != "serve":  # pragma: no cover - argparse already refuses unknown commands
        return 2
    if bool(args.certfile) != bool(args.keyfile):
        print("--certfile and --keyfile go together", file=sys.stderr)
        return 2
    tls = args.tls or args.tls_port is not None or bool(args.certfile)
    certfile, keyfile = args.certfile, args.keyfile
    try:
        app = load_app(package, seed=args.seed, rate_limits=args.rate_limits)
    except ModuleNotFoundError as error:
        if error.name != package:
            raise
        print(f"no twin package {package!r} to serve", file=sys.stderr)
        return 2
    if args.state:
        from .state.persistence import StateFileError

        # an existing file replaces the fresh seed with what it holds; a new one gets the seed written in
        try:
            app.twin.keep_state(args.state, synchronous=args.state_sync)
        except StateFileError as error:
            print(f"--state: {error}", file=sys.stderr)
            return 1
    if tls and not certfile:
        try:
            files = ensure_certificate()
        except TlsError as error:
            print(f"--tls: {error}", file=sys.stderr)
            return 2
        certfile, keyfile = str(files.cert), str(files.key)
        app.twin.tls_ca = str(files.ca)
        # on stderr, so it shows with the default log level and does not mix with piped output
        print(f"twin: TLS CA at {files.ca} (also served at /_twin/tls/ca.pem)", file=sys.stderr)
    token, notes = control_token(args.host, args.control_token or os.environ.get("TWIN_CONTROL_TOKEN") or None)
    for line in notes:
        print(line, file=sys.stderr)
    app.control_token = token
    limits = HttpLimits(
        max_body=body_limit(app.twin.profile, args.max_body),
        head_timeout=args.head_timeout,
        request_timeout=args.request_timeout,
    )
    logging.basicConfig(level=args.log_level.upper(), format="%(levelname)s %(name)s: %(message)s")
    options = {
        "log_level": args.log_level,
        "access_log": args.access_log,
        "limits": limits,
        "timeout_keep_alive": args.idle_timeout,
    }
    if tls and args.tls_port is not None:
        servers = [
            server(app, args.host, args.port, **options),
            server(app, args.host, args.tls_port, certfile=certfile, keyfile=keyfile, **options),
        ]
    else:
        servers = [server(app, args.host, args.port, certfile=certfile, keyfile=keyfile, **options)]
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve_all(servers))
    return 0


def server(
    app: TwinApp,
    host: str,
    port: int,
    *,
    certfile: str | None = None,
    keyfile: str | None = None,
    log_level: str = "warning",
    access_log: bool = False,
    limits: HttpLimits | None = None,
    **extra: Any,
) -> Any:
    """A uvicorn server for the twin; with a certificate, one that answers both HTTPS and HTTP on ``port``.

    ``limits`` replaces the app's HTTP limits; ``extra`` goes to ``uvicorn.Config`` (``timeout_keep_alive``)."""
    import uvicorn  # imported here so `--help` stays instant

    if limits is not None:
        app.limits = limits

    protocol = dual_protocol(server_context(certfile, keyfile)) if certfile and keyfile else TwinHttp
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level=log_level,
        access_log=access_log,
        lifespan="on",
        ws=lazy_protocol,  # type: ignore[arg-type]  # imports the websocket protocol on the first upgrade: start-up stays as fast
        http=protocol,
        proxy_headers=False,  # a twin answers its clients directly: no X-Forwarded-* to trust
        **extra,
    )
    if access_log:  # uvicorn gives its access logger the server's level; --access-log alone should show lines
        logging.getLogger("uvicorn.access").setLevel(logging.INFO)
    return uvicorn.Server(config)


async def serve_all(servers: list[Any]) -> None:
    """Run the servers together; the first one owns the signal handlers and stops the others."""
    first, *others = servers
    for other in others:
        other.capture_signals = _no_signals
    tasks = [asyncio.create_task(other.serve()) for other in others]
    try:
        await first.serve()
    finally:
        for other in others:
            other.should_exit = True
        await asyncio.gather(*tasks, return_exceptions=True)


@contextlib.contextmanager
def _no_signals() -> Generator[None, None, None]:
    yield
