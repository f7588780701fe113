"""The twin's command line: ``python -m twin_NAME serve --host H --port P``."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from .app import load_app


def parser(prog: str) -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog=prog, description="A local stateful twin of a SaaS API.")
    commands = root.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve the twin over HTTP")
    serve.add_argument("--host", default="127.0.0.1", help="interface to bind (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port to bind (default 8000; 0 picks a free one)")
    serve.add_argument("--seed", type=int, default=None, help="make generated ids a function of the call sequence")
    serve.add_argument("--tls", action="store_true", help="serve HTTPS (needs --certfile and --keyfile for now)")
    serve.add_argument("--certfile", default=None, help="PEM certificate for --tls")
    serve.add_argument("--keyfile", default=None, help="PEM private key for --tls")
    serve.add_argument("--log-level", default="warning", choices=["debug", "info", "warning", "error"])
    serve.add_argument("--access-log", action="store_true", help="log every request (slower)")
    return root


def main(argv: Sequence[str] | None = None, package: str = "") -> int:
    """Entry point the generated ``__main__.py`` and console script call with the twin's package name."""
    args = parser(f"python -m {package}" if package else "twin").parse_args(argv)
    if args.command != "serve":  # pragma: no cover - argparse already refuses unknown commands
        return 2
    if args.tls and not (args.certfile and args.keyfile):
        # TODO(issue 6): make a self-signed certificate for --tls when none is given
        print("--tls needs --certfile and --keyfile (a generated certificate comes later)", file=sys.stderr)
        return 2
    import uvicorn  # imported here so `--help` stays instant

    logging.basicConfig(level=args.log_level.upper(), format="%(levelname)s %(name)s: %(message)s")
    app = load_app(package, seed=args.seed)
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        log_level=args.log_level,
        access_log=args.access_log,
        lifespan="on",
        ws="none",  # twins serve no websockets; skipping the import saves startup time
        ssl_certfile=args.certfile if args.tls else None,
        ssl_keyfile=args.keyfile if args.tls else None,
    )
    return 0
