"""A hostile document's strings stay data: the twin imports and nothing from the spec runs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from twingen.diagnostics import Diagnostics
from twingen.generate import escape
from twingen.generate.render import write_twin

from .apis import load_toml
from .hostile import hostile_api, payloads


@pytest.fixture
def marker(tmp_path: Path) -> Path:
    return tmp_path / "MARKER"


def test_hostile_twin_imports_and_executes_nothing(tmp_path: Path, marker: Path) -> None:
    twin = tmp_path / "out" / "hostile"
    diags = Diagnostics()
    write_twin(hostile_api(marker), twin, name="hostile", docs=["x"], base_dir=tmp_path, diags=diags)
    load_toml((twin / "pyproject.toml").read_text())  # still valid TOML, no injected table
    assert "evil" not in load_toml((twin / "pyproject.toml").read_text())
    code = "import twin_hostile, twin_hostile.__main__\n"
    proc = subprocess.run([sys.executable, "-c", code], cwd=twin, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    for path in twin.rglob("*"):
        assert path.resolve().is_relative_to(twin.resolve())
    assert not marker.exists()


@pytest.mark.parametrize("index", range(12))
def test_py_literal_round_trips(index: int, marker: Path) -> None:
    text = payloads(marker)[index]
    literal = escape.py_literal(text)
    namespace: dict[str, object] = {}
    exec(f"value = {literal}", namespace)  # the literal alone, as generated code would hold it
    assert namespace["value"] == text.encode("utf-8", "replace").decode("utf-8")
    assert not marker.exists()


@pytest.mark.parametrize("index", range(12))
def test_toml_string_round_trips(index: int, marker: Path) -> None:
    text = payloads(marker)[index]
    parsed = load_toml(f"key = {escape.toml_string(text)}\n")
    assert parsed == {"key": text.encode("utf-8", "replace").decode("utf-8")}


@pytest.mark.parametrize("index", range(12))
def test_markdown_cell_stays_one_cell(index: int, marker: Path) -> None:
    cell = escape.md_text(payloads(marker)[index])
    assert "\n" not in cell and "<" not in cell
    assert cell.count("|") == cell.count("\\|")


@pytest.mark.parametrize("bad", ["__import__", "a b", "x;y", "", "1x", "é"])
def test_identifier_guard_refuses(bad: str) -> None:
    with pytest.raises(ValueError):
        escape.py_identifier(bad)
