"""Reading documents: JSON/YAML, format detection, parse errors with a line, hashes, progress."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest

from twingen.diagnostics import Diagnostics
from twingen.ingest.loading import RawDoc, load_source
from twingen.ingest.progress import interactive, progress
from twingen.ingest.sources import Source


def _source(path: Path) -> Source:
    return Source(path.name, path, path.parent, path.name)


def _load(tmp_path: Path, name: str, text: str) -> tuple[RawDoc | None, Diagnostics]:
    path = tmp_path / name
    path.write_text(text)
    diags = Diagnostics()
    return load_source(_source(path), diags), diags


@pytest.mark.parametrize(
    ("name", "text", "fmt", "role"),
    [
        ("a.yaml", "openapi: 3.0.3\ninfo: {title: t, version: '2'}\npaths: {}\n", "openapi-3.0", "served"),
        ("b.json", '{"openapi": "3.1.0", "info": {"title": "t", "version": "1"}}', "openapi-3.1", "served"),
        ("c.yml", "swagger: '2.0'\ninfo: {title: t, version: '1'}\n", "swagger-2.0", "served"),
        ("d.json", '{"discoveryVersion": "v1", "version": "v3"}', "discovery-v1", "served"),
        ("e.yaml", "asyncapi: 1.2.0\ninfo: {title: t, version: '1'}\n", "asyncapi", "set_aside"),
        ("f.md", "# Paging\nUse the Link header.", "prose", "prose"),
        ("g.html", "<p>hi</p>", "prose", "prose"),
        ("h.yaml", "just: data\n", "unknown", "set_aside"),
        ("i.yaml", "openapi: 3.2.0\n", "unknown", "set_aside"),
    ],
)
def test_format_detection(tmp_path: Path, name: str, text: str, fmt: str, role: str) -> None:
    raw, diags = _load(tmp_path, name, text)
    assert raw is not None
    assert (raw.format, raw.role) == (fmt, role)
    assert raw.sha256 == hashlib.sha256(text.encode()).hexdigest()
    assert not diags.items


def test_versions_and_notes(tmp_path: Path) -> None:
    raw, _ = _load(tmp_path, "e.yaml", "asyncapi: 1.2.0\ninfo: {title: t, version: '9'}\n")
    assert raw is not None
    assert raw.version == "9" and "AsyncAPI 1.2.0" in raw.note


def test_yaml_parse_error_names_the_file_and_line(tmp_path: Path) -> None:
    raw, diags = _load(tmp_path, "bad.yaml", "openapi: 3.0.0\ninfo:\n  title: [unclosed\n")
    assert raw is None
    [diag] = diags
    assert (diag.level, diag.file, diag.code) == ("error", "bad.yaml", "parse-error")
    assert "invalid YAML at line 4" in diag.message


def test_json_parse_error_names_the_line(tmp_path: Path) -> None:
    raw, diags = _load(tmp_path, "bad.json", '{\n  "openapi": "3.0.0",\n  oops\n}')
    assert raw is None
    assert "invalid JSON at line 3, column 3" in diags.items[0].message


def test_yaml_keys_and_timestamps_stay_json_shaped(tmp_path: Path) -> None:
    text = "openapi: 3.0.0\nresponses:\n  200: {description: ok}\n  true: x\nwhen: 2021-01-02\n"
    raw, _ = _load(tmp_path, "k.yaml", text)
    assert raw is not None and raw.data is not None
    data = raw.data
    assert data["responses"] == {"200": {"description": "ok"}, "true": "x"}
    assert data["when"] == "2021-01-02"


def test_yaml_aliases_are_still_fine(tmp_path: Path) -> None:
    raw, _ = _load(tmp_path, "a.yaml", "openapi: 3.0.0\nx: &s {type: string}\ny: *s\nz: {<<: *s, format: date}\n")
    assert raw is not None and raw.data is not None
    data = raw.data
    assert data["y"] == {"type": "string"} and data["z"] == {"type": "string", "format": "date"}


def test_non_utf8_and_non_mapping_documents(tmp_path: Path) -> None:
    path = tmp_path / "latin.yaml"
    path.write_bytes(b"title: caf\xe9\n")
    diags = Diagnostics()
    assert load_source(_source(path), diags) is None and diags.items[0].code == "parse-error"
    raw, diags = _load(tmp_path, "list.json", "[1, 2]")
    assert raw is not None
    assert raw.format == "unknown" and not diags.items


def test_deeply_nested_json_is_an_error_not_a_crash(tmp_path: Path) -> None:
    raw, diags = _load(tmp_path, "deep.json", "[" * 100_000 + "]" * 100_000)
    assert raw is None and diags.items[0].code == "parse-error"


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_only_on_a_terminal_and_not_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    tty, pipe = _Tty(), io.StringIO()
    with progress("loading big.yaml", 5_000_000, tty):
        pass
    with progress("loading big.yaml", 5_000_000, pipe):
        pass
    with progress("loading small.yaml", 10, tty):
        pass
    assert tty.getvalue().startswith("loading big.yaml (5.0 MB)…") and tty.getvalue().count("\n") == 1
    assert pipe.getvalue() == ""
    monkeypatch.setenv("CI", "true")
    assert not interactive(_Tty())
