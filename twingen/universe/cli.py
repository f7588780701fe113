"""``twingen universe serve``: the generated twins together, each in its own process, and ``/_universe/`` (with
``--one-port``, the twins under their names on that same port: ``gateway.py``)."""

from __future__ import annotations

import contextlib
from pathlib import Path

import click

from . import defaults
from .members import HOST, MemberError, free_port
from .running import default_twins, start_universe


def _ports(given: tuple[str, ...]) -> dict[str, int]:
    ports = {}
    for item in given:
        name, _, port = item.partition("=")
        if not name or not port.isdigit() or not 0 <= int(port) <= 65535:
            raise click.BadParameter(f"{item!r}: give NAME=PORT", param_hint="--port")
        ports[name] = int(port)
    return ports


@click.group()
def universe() -> None:
    """Several vendors' twins as one organisation (Okta as its identity provider)."""


@universe.command()
@click.option(
    "--twin",
    "twins",
    multiple=True,
    default=defaults.TWINS,
    help="A twin to run, generated under --root or installed (repeatable) "
    + (f"[default: {', '.join(defaults.TWINS)}]." if defaults.TWINS else "[default: every twin under --root]."),
)
@click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=defaults.ROOT,
    show_default=True,
    help="The folder holding the generated twins (ROOT/NAME).",
)
@click.option("--host", default=HOST, show_default=True, help="The interface the twins and /_universe/ listen on.")
@click.option(
    "--port",
    "ports",
    multiple=True,
    metavar="NAME=PORT",
    help="The port of one twin (repeatable) [default: a free one each].",
)
@click.option(
    "--control-port",
    type=click.IntRange(0, 65535),
    default=8100,
    show_default=True,
    help="The port of /_universe/ (0 picks a free one).",
)
@click.option("--seed", type=int, default=None, help="Passed to every twin: ids and timestamps repeat.")
@click.option("--no-roster", is_flag=True, help="Wire provisioning but create no shared people.")
@click.option(
    "--threads", is_flag=True, help="Serve every twin from this process, each in a thread (loopback, free ports)."
)
@click.option(
    "--one-port",
    is_flag=True,
    help="Serve every twin under its name (/okta/, /slack/, ...) and /_universe/ on --control-port alone.",
)
def serve(
    twins: tuple[str, ...],
    root: Path | None,
    host: str,
    ports: tuple[str, ...],
    control_port: int,
    seed: int | None,
    no_roster: bool,
    threads: bool,
    one_port: bool,
) -> None:
    """Run the twins together on loopback, provisioned from the identity provider, with one control plane."""
    import uvicorn

    from .plane import create_plane

    if threads and ports:
        raise click.BadParameter("--threads serves each twin on a free loopback port", param_hint="--port")
    try:
        found = default_twins(root, twins)
    except MemberError as error:
        raise click.ClickException(str(error)) from None
    if not found:
        raise click.ClickException(f"no twins under {root}")
    control_port = control_port if one_port else control_port or free_port()
    click.echo(f"starting {', '.join(found)} ...")
    try:
        options = {"ports": _ports(ports), "seed": seed, "with_roster": not no_roster, "threads": threads, "host": host}
        with start_universe(found, **options, one_port=control_port if one_port else None) as running:
            for name, member in running.members.items():
                click.echo(f"twin {name}: {member.base_url} (control plane: {member.base_url}/_twin/)")
            people = running.people.get("default", [])
            click.echo(f"identity provider: {running.identity}; {len(people)} people provisioned to every app")
            if running.gateway is not None:  # already serving the twins and the plane, from its own thread
                click.echo(f"universe control plane: {running.gateway.url}/_universe/")
                with contextlib.suppress(KeyboardInterrupt):
                    while running.gateway.thread.is_alive():
                        running.gateway.thread.join(1)
                return
            click.echo(f"universe control plane: http://{HOST}:{control_port}/_universe/")
            with contextlib.suppress(KeyboardInterrupt):
                uvicorn.run(create_plane(running), host=host, port=control_port, log_level="warning")
    except MemberError as error:
        raise click.ClickException(str(error)) from None
