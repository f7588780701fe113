"""``twingen sdk scan PKG [--json]``: the click group the main CLI attaches (``main.add_command(sdk)``)."""

from __future__ import annotations

import json

import click

from twingen.sdk.scan import scan_sdk
from twingen.sdk.surface import ScanError, SdkMethod, SdkSurface

_HEADERS = ("method", "operation", "verb", "params", "paginates")


@click.group()
def sdk() -> None:
    """Read installed SDKs: the compatibility target of a twin."""


@sdk.command()
@click.argument("package", metavar="PKG")
@click.option("--json", "as_json", is_flag=True, help="Print everything as one JSON object.")
def scan(package: str, as_json: bool) -> None:
    """Scan an installed SDK's source (no SDK code runs) and list its methods.

    PKG is one of: slack_sdk, okta, jira, googleapiclient:NAME.VERSION (e.g. googleapiclient:drive.v3).
    """
    try:
        surface = scan_sdk(package)
    except ScanError as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(surface.to_data(), indent=2, sort_keys=True))
        return
    click.echo(render_table(surface))


def render_table(surface: SdkSurface) -> str:
    """The human view: one row per method, then counts and what could not be resolved."""
    rows = [_row(m) for m in surface.methods]
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(_HEADERS)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(_HEADERS, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines.extend("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows)
    counts = surface.counts()
    lines.append("")
    lines.append(f"{surface.package} {surface.version}: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
    if surface.unresolved:
        lines.append("unresolved:")
        lines.extend(f"  {u.name} ({u.file}:{u.line}): {u.reason}" for u in surface.unresolved)
    return "\n".join(lines)


def _row(method: SdkMethod) -> tuple[str, str, str, str, str]:
    operation = method.operation or "helper -> " + ", ".join(method.calls)
    return (method.name, operation, method.http_verb, str(len(method.params)), "yes" if method.paginates else "")
