"""The ``twingen`` command: parse options, call the library, print diagnostics, choose the exit code.

Exit codes, the same for every command (README.md's "Exit codes" table says the same):

- 0: done (``check``: at or above ``--min-score``; ``iterate``: the run ended, whatever its stop reason;
  ``diff``: no drift);
- 1: errors and user errors: a document with errors (or warnings under ``--strict``), a missing twin
  (``TwinNotFound``, raised through ``existing_twin`` by every command that takes a twin), a failed build
  or upload (``publish``: the index holds a different build of the same version), a check that cannot run,
  no API key, an unknown run; ``check`` under ``--min-score``; an ``iterate`` run that ended in an error;
  ``diff``: drift (a documented outcome, so a scheduled job can alert on it);
- 2: usage: an unknown command or option, a bad or missing value (click's ``UsageError``).

``twingen serve`` becomes the twin's own ``python -m twin_NAME serve``; from then on the exit code is the
twin's.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import click

import twingen
from twingen.diagnostics import Diagnostics
from twingen.ir import names
from twingen.ir.model import DocInput


class TwinExists(click.ClickException):
    """The output folder is taken and ``--force`` was not given."""


class TwinNotFound(click.ClickException):
    """No generated twin where one was expected."""


class PackagingFailed(click.ClickException):
    """``build`` or ``publish`` failed."""


def _quiet() -> bool:
    # progress is for people at a terminal: never in CI logs or when piped
    return not sys.stderr.isatty() or os.environ.get("CI", "").lower() in ("true", "1")


@contextlib.contextmanager
def _progress(message: str) -> Iterator[None]:
    if _quiet():
        yield
        return
    from rich.console import Console

    with Console(stderr=True).status(message):
        yield


def _print_diagnostics(diags: Diagnostics) -> None:
    for diag in diags:
        click.echo(str(diag), err=True)


def _print_document_roles(documents: Iterable[DocInput]) -> None:
    # not diagnostics: a folder may rightly hold documents twingen does not serve (Slack's AsyncAPI events)
    for doc in documents:
        if doc.role == "set_aside":
            click.echo(f"note: {doc.given}: {doc.note}", err=True)
        elif doc.role == "prose":
            click.echo(f"note: {doc.given}: prose page kept in inputs/ for agents", err=True)


def _exit_code(diags: Diagnostics, strict: bool) -> int:
    return 1 if diags.has_errors or (strict and len(diags)) else 0


def _check_name(ctx: click.Context, param: click.Parameter, value: str) -> str:
    from twingen.generate.render import check_twin_name

    try:
        return check_twin_name(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), ctx=ctx, param=param) from exc


def _twin_dir(name: str, out: Path | None) -> Path:
    from twingen.generate.twin import default_twin_dir

    return default_twin_dir(name, out)


def existing_twin(name: str, out: Path | None) -> Path:
    """The folder of the twin NAME (``--out`` or ``generated/NAME``); ``TwinNotFound`` when it holds no twin package."""
    twin_dir = _twin_dir(name, out)
    if not (twin_dir / names.package_name(name)).is_dir():
        raise TwinNotFound(f"no twin {name!r} at {twin_dir} (generate it with: twingen new {name} --docs PATH)")
    return twin_dir


NAME = click.argument("name", callback=_check_name)
OUT = click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="The twin's folder [default: generated/NAME].",
)

SDK = click.option(
    "--sdk",
    "sdks",
    multiple=True,
    help="An installed SDK whose calls the twin must serve: slack_sdk, okta, jira, googleapiclient:drive.v3.",
)


class _LazyGroup(click.Group):
    """A group whose heavier subcommands (libcst, SDK drivers) are imported only when they are run."""

    LAZY = {
        "sdk": "twingen.sdk.cli:sdk",
        "check": "twingen.check.cli:check",
        "iterate": "twingen.agent.cli:iterate",
        "runs": "twingen.agent.cli:runs",
        "replay": "twingen.oracle.cli:replay",
        "universe": "twingen.universe.package_cli:universe",
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.LAZY})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.LAZY:
            module_name, attr = self.LAZY[cmd_name].split(":")
            command = getattr(importlib.import_module(module_name), attr)
            assert isinstance(command, click.Command)
            return command
        return super().get_command(ctx, cmd_name)


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(twingen.__version__, prog_name="twingen")
def cli() -> None:
    """Turn a SaaS API's public docs into a local, stateful twin server package."""


@cli.command()
@NAME
@click.option("--docs", "docs", multiple=True, help="A doc file, a folder of docs, or PKG:DOC (repeatable).")
@SDK
@OUT
@click.option("--force", is_flag=True, help="Regenerate an existing twin; behaviour/ and your own files are kept.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors: exit 1 and write nothing.")
@click.option("--no-kit", is_flag=True, help="Do not seed behaviour/ from the vendor kit: the bare generated twin.")
def new(
    name: str, docs: tuple[str, ...], sdks: tuple[str, ...], out: Path | None, force: bool, strict: bool, no_kit: bool
) -> None:
    """Generate the twin NAME from --docs and --sdk (without --docs: from the twin's own manifest, with --force)."""
    from twingen.generate.manifest import ManifestError
    from twingen.generate.render import TwinExistsError
    from twingen.generate.twin import new_twin

    twin_dir = _twin_dir(name, out)
    if not docs and not force:
        raise click.UsageError("give --docs PATH, or --force to regenerate an existing twin from its manifest")
    if sdks and not docs:
        raise click.UsageError("--sdk goes with --docs; without --docs the twin's manifest names its SDKs")
    try:
        with _progress(f"Generating twin {name}"):
            result = new_twin(name, docs, twin_dir, force=force, strict=strict, sdks=sdks, use_kit=not no_kit)
    except TwinExistsError as exc:
        raise TwinExists(str(exc)) from exc
    except ManifestError as exc:
        raise TwinNotFound(str(exc)) from exc
    _print_diagnostics(result.diagnostics)
    _print_document_roles(result.documents)
    if result.report is not None:
        report = result.report
        click.echo(
            f"twin {name} in {twin_dir}: {len(report.written)} files written, {len(report.unchanged)} unchanged, "
            f"{len(report.deleted)} removed" + ("; behaviour/ created" if report.behaviour_created else "")
        )
        if report.behaviour_created:
            click.echo(f"behaviour: {report.behaviour_from or 'empty scaffold (no vendor kit)'}")
        if result.drift is not None:
            from twingen.generate.drift_report import drift_text

            click.echo(drift_text(result.drift), nl=False)
        if result.changelog is not None:
            click.echo(f"changelog: {result.changelog}")
    elif not result.diagnostics.has_errors:
        click.echo("nothing written: warnings under --strict", err=True)
    sys.exit(_exit_code(result.diagnostics, strict) if result.report is not None else 1)


@cli.command()
@click.option("--docs", "docs", multiple=True, required=True, help="A doc file, a folder of docs, or PKG:DOC.")
@SDK
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too.")
def inspect(docs: tuple[str, ...], sdks: tuple[str, ...], as_json: bool, strict: bool) -> None:
    """Show the twin the docs would make: operations, resources, auth, conventions, diagnostics."""
    from twingen.generate.api_from_docs import api_from_docs
    from twingen.generate.inspect_report import inspect_data, inspect_text

    with _progress("Reading the docs"):
        api, diags = api_from_docs("inspect", docs, Path.cwd(), sdks)
    data = inspect_data(api, diags)
    if as_json:
        click.echo(json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False))
    else:
        click.echo(inspect_text(data), nl=False)
        _print_diagnostics(diags)
    sys.exit(_exit_code(diags, strict))


@cli.command()
@NAME
@OUT
@click.option("--json", "as_json", is_flag=True, help="Print the drift as JSON (for CI).")
def diff(name: str, out: Path | None, as_json: bool) -> None:
    """What changed between the inputs in the twin's manifest and those inputs now; exit 1 on drift."""
    from twingen.generate.drift import diff_twin
    from twingen.generate.drift_report import drift_data, drift_text
    from twingen.generate.manifest import ManifestError

    twin_dir = existing_twin(name, out)
    try:
        with _progress(f"Reading the inputs of twin {name}"):
            drift, diags = diff_twin(name, twin_dir)
    except ManifestError as exc:
        raise TwinNotFound(str(exc)) from exc
    # warnings are the documents' own (``twingen inspect`` shows them); errors: the inputs cannot be read whole
    _print_diagnostics(Diagnostics(diags.errors))
    if drift is not None:
        if as_json:
            click.echo(json.dumps(drift_data(drift), indent=2, sort_keys=True, ensure_ascii=False))
        else:
            click.echo(drift_text(drift), nl=False)
    sys.exit(1 if drift is None or drift.has_drift or diags.has_errors else 0)


@cli.command()
@NAME
@OUT
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on; 0 picks a free one.")  # fmt: skip
@click.option("--tls", is_flag=True, help="Answer HTTPS as well as HTTP on --port (a local CA is made once).")
@click.option("--tls-port", type=click.IntRange(0, 65535), default=None,
              help="Serve HTTPS on this port and plain HTTP on --port.")  # fmt: skip
@click.option("--certfile", type=click.Path(dir_okay=False), default=None,
              help="A PEM certificate for TLS instead of the generated one (with --keyfile).")  # fmt: skip
@click.option("--keyfile", type=click.Path(dir_okay=False), default=None, help="The PEM private key of --certfile.")
@click.option("--seed", type=int, default=None,
              help="Make ids, timestamps and fault dice a function of the call sequence.")  # fmt: skip
@click.option("--state", type=click.Path(dir_okay=False), default=None,
              help="Keep state in this SQLite file [default: in memory only].")  # fmt: skip
@click.option("--state-sync", type=click.Choice(["full", "normal"]), default=None,
              help="full: fsync each acknowledged write; normal: faster, survives kill -9 but not an OS crash "
              "[default: full].")  # fmt: skip
@click.option("--rate-limits", is_flag=True, help="Enforce the vendor's rate limits.")
@click.option("--log-level", type=click.Choice(["debug", "info", "warning", "error"]), default=None,
              help="The server's log level [default: warning].")  # fmt: skip
@click.option("--access-log", is_flag=True, help="Log every request (slower).")
@click.option("--control-token", default=None, metavar="TOKEN",
              help="Every /_twin/ request must carry this token (or set TWIN_CONTROL_TOKEN, which stays off the "
              "command line); beyond loopback one is made and printed when none is given.")  # fmt: skip
@click.option("--max-body", default=None, metavar="SIZE",
              help="Largest request body, e.g. 100M; never above the vendor's own [default: 100M].")  # fmt: skip
@click.option("--head-timeout", type=float, default=None, metavar="S",
              help="Seconds a request's head may take to arrive [default: 10].")  # fmt: skip
@click.option("--request-timeout", type=float, default=None, metavar="S",
              help="Seconds a whole request may take to arrive [default: 60].")  # fmt: skip
@click.option("--idle-timeout", type=float, default=None, metavar="S",
              help="Seconds a connection may stay open with no request under way [default: 5].")  # fmt: skip
def serve(name: str, out: Path | None, host: str, port: int, **twin_options: str | int | bool | None) -> None:
    """Serve a generated twin from its folder, without installing it; takes the twin's own serve options."""
    twin_dir = existing_twin(name, out)
    if bool(twin_options["certfile"]) != bool(twin_options["keyfile"]):
        raise click.UsageError("--certfile and --keyfile go together")
    port = port or _free_port(host)
    if twin_options["tls_port"] == 0:
        twin_options["tls_port"] = _free_port(host)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(twin_dir.resolve()), env.get("PYTHONPATH", "")) if p)
    cmd = [sys.executable, "-m", names.package_name(name), "serve", "--host", host, "--port", str(port)]
    cmd += _twin_serve_args(twin_options)
    click.echo(f"twin {name} serving on {_listening(host, port, twin_options)} (control plane and web UI: /_twin/)")
    if hasattr(os, "execve"):
        # become the twin, so a signal sent to `twingen serve` stops the server itself (no orphan)
        os.execve(sys.executable, cmd, env)
    try:  # pragma: no cover - platforms without exec
        code = subprocess.call(cmd, env=env)
    except KeyboardInterrupt:
        code = 0
    sys.exit(code)


def _twin_serve_args(options: dict[str, str | int | bool | None]) -> list[str]:
    """``python -m twin_NAME serve`` arguments for the options given (the twin's defaults are its own)."""
    args: list[str] = []
    for key, value in options.items():
        flag = "--" + key.replace("_", "-")
        if value is True:
            args.append(flag)
        elif value is not None and value is not False:
            args += [flag, str(value)]
    return args


def _free_port(host: str) -> int:
    # `--port 0` is resolved here, so the line `serve` prints names the port the twin will listen on
    family, kind, _, _, address = socket.getaddrinfo(host, 0, type=socket.SOCK_STREAM)[0]
    with socket.socket(family, kind) as sock:
        sock.bind(address)
        return int(sock.getsockname()[1])


def _listening(host: str, port: int, options: dict[str, str | int | bool | None]) -> str:
    """Where the twin answers: http, https on the same port with --tls or a certificate, or on --tls-port."""
    netloc = f"[{host}]" if ":" in host else host
    plain = f"http://{netloc}:{port}"
    if options["tls_port"] is not None:
        return f"{plain} and https://{netloc}:{options['tls_port']}"
    if options["tls"] or options["certfile"]:
        return f"https://{netloc}:{port} and {plain}"
    return plain


@cli.command()
@NAME
@OUT
def build(name: str, out: Path | None) -> None:
    """Build the twin's sdist and wheel into its dist/ folder."""
    from twingen.generate.package import PackagingError, build_twin

    twin_dir = existing_twin(name, out)
    try:
        with _progress(f"Building twin-{name}"):
            built = build_twin(twin_dir)
    except PackagingError as exc:
        raise PackagingFailed(str(exc)) from exc
    for path in built:
        click.echo(str(path))


@cli.command()
@NAME
@OUT
@click.option("--repository-url", required=True, help="Upload URL of the package index.")
@click.option("--username", default=None, help="Index user name [default: $TWINE_USERNAME].")
@click.option("--password", default=None, help="Index password or token [default: $TWINE_PASSWORD].")
@click.option("--index-url", default=None,
              help="The index's simple page, read for an existing build [default: from --repository-url].")  # fmt: skip
def publish(
    name: str, out: Path | None, repository_url: str, username: str | None, password: str | None, index_url: str | None
) -> None:
    """Upload the twin's build (building it first if needed) with twine; refuses a different build of its version."""
    from twingen.generate.package import PackagingError, publish_twin

    twin_dir = existing_twin(name, out)
    try:
        with _progress(f"Publishing twin-{name}"):
            result = publish_twin(twin_dir, repository_url, username, password, index_url)
    except PackagingError as exc:
        raise PackagingFailed(str(exc)) from exc
    for path in result.skipped:
        click.echo(f"already on the index (the same build): {path.name}")
    for path in result.uploaded:
        click.echo(f"uploaded {path.name}")


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="twingen")
