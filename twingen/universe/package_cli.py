"""``twingen universe``: ``serve`` (the command the ``twin-universe`` package carries too) and ``new``, which
renders that package (so it lives here, beside the group, and not in the module the package carries)."""

from __future__ import annotations

from pathlib import Path

import click

from .cli import universe as _serving


@click.command()
@click.option("--twin", "twins", multiple=True,
              help="A twin of the universe (repeatable) [default: those of the last rendering, else every twin "
              "generated under --root].")  # fmt: skip
@click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("generated"),
    show_default=True,
    help="The folder holding the generated twins (ROOT/NAME): their versions are the ones pinned.",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The package's folder [default: ROOT/universe].",
)
@click.option("--force", is_flag=True, help="Render again over an earlier rendering (only its files change).")
def new(twins: tuple[str, ...], root: Path, out: Path | None, force: bool) -> None:
    """Render the twin-universe distribution: `twin-universe serve` without twingen, over the installed twins."""
    from .package import UniverseRenderError, write_universe

    folder = out if out is not None else root / "universe"
    try:
        report = write_universe(folder, root, twins, force=force)
    except UniverseRenderError as error:
        raise click.ClickException(str(error)) from None
    pins = ", ".join(f"{t.distribution}=={t.version}" for t in report.twins)
    click.echo(f"twin-universe {report.version} ({pins}) in {folder}")
    click.echo(f"{len(report.written)} written, {len(report.unchanged)} unchanged, {len(report.deleted)} deleted")
    if report.written or report.deleted:
        click.echo(f"build it with: twingen build universe --out {folder}")


universe = click.Group(
    name="universe",
    help=_serving.help,
    commands={**_serving.commands, "new": new},
)
