"""load_documents end to end on small committed specs: roles, notes, data, and problems as values."""

from __future__ import annotations

from pathlib import Path

from twingen.ingest.pipeline import LoadedDoc, load_documents

SPECS = Path(__file__).parent / "specs"


def test_a_mixed_folder(tmp_path: Path) -> None:
    (tmp_path / "api.yaml").write_text("openapi: 3.0.3\ninfo: {title: t, version: '7'}\npaths: {}\n")
    (tmp_path / "events.json").write_text('{"asyncapi": "2.6.0", "info": {"title": "e", "version": "1"}}')
    (tmp_path / "guide.md").write_text("# Paging\n")
    (tmp_path / "odd.yaml").write_text("hello: world\n")
    docs, diags = load_documents(["."], base_dir=tmp_path)
    summary = [(d.input.given, d.input.format, d.input.role, d.data is not None) for d in docs]
    assert summary == [
        ("./api.yaml", "openapi-3.0", "served", True),
        ("./events.json", "asyncapi", "set_aside", False),
        ("./guide.md", "prose", "prose", False),
        ("./odd.yaml", "unknown", "set_aside", False),
    ]
    assert [(d.level, d.file, d.code) for d in diags] == [("warning", "./odd.yaml", "unknown-format")]
    prose = docs[2]
    assert prose.file == (tmp_path / "guide.md").resolve() and prose.input.path == "guide.md"
    assert docs[0].input.version == "7" and len(docs[0].input.sha256) == 64


def test_swagger_is_served_converted() -> None:
    [doc], diags = load_documents(["petstore_swagger2.yaml"], base_dir=SPECS)
    assert doc.input.format == "swagger-2.0" and doc.input.role == "served"
    assert doc.data is not None and doc.data["openapi"] == "3.0.3"
    assert not diags.errors


def test_package_reference_records_where_it_came_from() -> None:
    [doc], diags = load_documents(["googleapiclient:drive.v3"])
    assert isinstance(doc, LoadedDoc)
    assert doc.input.given == "googleapiclient:drive.v3" and doc.input.format == "discovery-v1"
    assert doc.input.path == "googleapiclient/discovery_cache/documents/drive.v3.json"
    assert doc.input.note.startswith("from google-api-python-client ")
    assert doc.data is not None and doc.data["name"] == "drive"
    assert not diags.items


def test_broken_inputs_are_values_and_the_rest_goes_on(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("openapi: 3.0.0\npaths: [\n")
    (tmp_path / "good.yaml").write_text("openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n")
    docs, diags = load_documents(["bad.yaml", "missing.yaml", "good.yaml"], base_dir=tmp_path)
    assert [d.input.given for d in docs] == ["good.yaml"]
    assert [(d.level, d.file, d.code) for d in diags] == [
        ("error", "missing.yaml", "no-doc"),
        ("error", "bad.yaml", "parse-error"),
    ]


def test_loading_is_deterministic() -> None:
    first = load_documents(["bundle", "broken", "petstore_swagger2.yaml"], base_dir=SPECS)
    second = load_documents(["bundle", "broken", "petstore_swagger2.yaml"], base_dir=SPECS)
    assert first == second
