"""Every command, lazy ones and subcommands included, has help and is in README.md's Commands section."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from twingen.cli import cli

README = Path(__file__).resolve().parents[2] / "README.md"
Walked = tuple[tuple[str, ...], click.Command]


def _commands(group: click.Group, ctx: click.Context, path: tuple[str, ...] = ()) -> Iterator[Walked]:
    """``(path, command)`` for every command under ``group``, through ``list_commands``/``get_command`` (lazy too)."""
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None, name
        yield (*path, name), command
        if isinstance(command, click.Group):
            yield from _commands(command, click.Context(command, parent=ctx, info_name=name), (*path, name))


# "runs show" -> the command, collected once: the lazy commands are imported here
COMMANDS = {" ".join(path): command for path, command in _commands(cli, click.Context(cli, info_name="twingen"))}


def _long_options(command: click.Command) -> list[str]:
    return [o for p in command.params if isinstance(p, click.Option) for o in (*p.opts, *p.secondary_opts)
            if o.startswith("--")]  # fmt: skip


def _mentions(text: str, option: str) -> bool:
    # whole options only: "--state" is not found in "--state-sync", nor "--tls" in "--tls-port"
    return re.search(re.escape(option) + r"(?![\w-])", text) is not None


def _commands_section() -> str:
    text = README.read_text()
    return text.split("\n## Commands\n", 1)[1].split("\n## ", 1)[0]


def _rows(path: tuple[str, ...]) -> str:
    """The README's table rows whose command cell names ``twingen PATH``."""
    pattern = re.compile(r"`twingen " + re.escape(" ".join(path)) + r"[ `]")
    return "\n".join(line for line in _commands_section().splitlines() if line.startswith("|") and pattern.search(line))


def test_the_walk_reaches_the_lazy_commands_and_subcommands() -> None:
    assert {"check", "iterate", "runs", "runs list", "runs export", "sdk", "sdk scan", "new", "serve"} <= set(COMMANDS)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_and_option_has_help_and_is_in_the_readme(name: str) -> None:
    command, path = COMMANDS[name], tuple(name.split())
    assert command.help and command.get_short_help_str().strip(), f"twingen {name} has no help"
    for param in command.params:
        if isinstance(param, click.Option):
            assert param.help and param.help.strip(), f"twingen {name} {'/'.join(param.opts)} has no help"
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0 and "Usage:" in result.output, result.output
    rows = _rows(path)
    assert rows, f"README.md's Commands table has no row for `twingen {name}`"
    missing = [option for option in _long_options(command) if not _mentions(rows, option)]
    assert not missing, f"README.md's row(s) for `twingen {name}` lack {missing}"


def test_the_root_command_has_help_and_its_options_are_in_the_readme() -> None:
    assert cli.help
    assert CliRunner().invoke(cli, ["--help"]).exit_code == 0
    section = _commands_section()
    assert all(_mentions(section, option) for option in _long_options(cli))
