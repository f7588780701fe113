"""Resolving --docs arguments: files, folders, PKG:NAME references, and what cannot be resolved."""

from __future__ import annotations

from pathlib import Path

from twingen.diagnostics import Diagnostics
from twingen.ingest.sources import resolve_sources

SPECS = Path(__file__).parent / "specs"


def test_a_file_is_one_source_given_as_typed() -> None:
    diags = Diagnostics()
    [source] = resolve_sources(["petstore_swagger2.yaml"], SPECS, diags)
    assert source.given == "petstore_swagger2.yaml"
    assert source.path == (SPECS / "petstore_swagger2.yaml").resolve()
    assert source.root == SPECS.resolve()
    assert source.record_path == "petstore_swagger2.yaml"
    assert not diags.items


def test_a_folder_gives_every_document_inside_sorted_and_recursive(tmp_path: Path) -> None:
    (tmp_path / "b.yaml").write_text("openapi: 3.0.0")
    (tmp_path / "a.json").write_text("{}")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "notes.md").write_text("# notes")
    (tmp_path / "LICENSE").write_text("not a document")
    (tmp_path / ".hidden.yaml").write_text("x: 1")
    diags = Diagnostics()
    sources = resolve_sources(["."], tmp_path, diags)
    assert [s.given for s in sources] == ["./a.json", "./b.yaml", "./sub/notes.md"]
    assert all(s.root == tmp_path.resolve() for s in sources)
    assert not diags.items


def test_the_same_document_twice_is_loaded_once_with_a_warning() -> None:
    diags = Diagnostics()
    sources = resolve_sources(["bundle", "bundle/api.yaml"], SPECS, diags)
    assert [s.given for s in sources].count("bundle/api.yaml") == 1
    assert [d.code for d in diags] == ["duplicate-doc"]


def test_googleapiclient_reference_finds_the_shipped_discovery_document() -> None:
    diags = Diagnostics()
    [source] = resolve_sources(["googleapiclient:drive.v3"], SPECS, diags)
    assert source.given == "googleapiclient:drive.v3"
    assert source.path.name == "drive.v3.json"
    assert source.record_path == "googleapiclient/discovery_cache/documents/drive.v3.json"
    assert source.package.startswith("google-api-python-client ")
    assert not diags.items


def test_a_distribution_name_works_too() -> None:
    diags = Diagnostics()
    [source] = resolve_sources(["google-api-python-client:sheets.v4"], SPECS, diags)
    assert source.path.name == "sheets.v4.json"
    assert not diags.items


def test_the_package_is_not_imported() -> None:
    import sys

    before = set(sys.modules)
    resolve_sources(["googleapiclient:docs.v1"], SPECS, Diagnostics())
    assert "googleapiclient.discovery" not in set(sys.modules) - before


def test_unknown_inputs_are_located_errors_not_exceptions() -> None:
    diags = Diagnostics()
    assert resolve_sources(["no/such/file.yaml", "nopkg_zz:thing", "googleapiclient:nope.v0"], SPECS, diags) == []
    assert [(d.level, d.file, d.code) for d in diags] == [
        ("error", "no/such/file.yaml", "no-doc"),
        ("error", "nopkg_zz:thing", "no-package"),
        ("error", "googleapiclient:nope.v0", "no-doc"),
    ]


def test_an_empty_folder_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    diags = Diagnostics()
    assert resolve_sources(["empty"], tmp_path, diags) == []
    assert [d.code for d in diags] == ["no-docs"]
