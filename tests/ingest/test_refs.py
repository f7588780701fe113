"""$ref handling: local, cycles, relative files, remote refs, dangling refs in and out of example data."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from twingen.diagnostics import Diagnostics
from twingen.ingest.refs import check_refs, find_dangling, iter_refs, repair_refs, resolve_pointer

SPECS = Path(__file__).parent / "specs"


def _doc(**components: Any) -> dict[str, Any]:
    return {"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {}, "components": components}


def _repair(doc: dict[str, Any], tmp_path: Path, name: str = "api.yaml") -> tuple[set[Path], Diagnostics]:
    diags = Diagnostics()
    used = repair_refs(
        doc, given=name, path=tmp_path / name, root=tmp_path, swagger=False, diags=diags, load_file=lambda p: None
    )
    return used, diags


def test_resolve_pointer_unescapes_tokens() -> None:
    doc = {"paths": {"/a/{b}": {"get": {"x~y": [1, 2]}}}}
    assert resolve_pointer(doc, "/paths/~1a~1{b}/get/x~0y/1") == 2


def test_cycles_stay_refs_and_resolve(tmp_path: Path) -> None:
    node = {"type": "object", "properties": {"parent": {"$ref": "#/components/schemas/Node"}}}
    doc = _doc(schemas={"Node": node})
    before = copy.deepcopy(doc)
    _, diags = _repair(doc, tmp_path)
    assert doc == before and not diags.items


def test_dangling_local_ref_is_a_warning_at_its_pointer_and_becomes_empty(tmp_path: Path) -> None:
    doc = _doc(schemas={"A": {"properties": {"b": {"$ref": "#/components/schemas/Nope"}}}})
    _, diags = _repair(doc, tmp_path)
    [diag] = diags
    assert (diag.level, diag.pointer, diag.code) == ("warning", "/components/schemas/A/properties/b", "dangling-ref")
    assert doc["components"]["schemas"]["A"]["properties"]["b"] == {}


def test_dangling_ref_inside_example_data_only_warns_and_is_kept(tmp_path: Path) -> None:
    payload = {"properties": {"profile": {"allOf": [{"$ref": "#/definitions/base"}]}}}
    doc = _doc(examples={"Schema": {"value": payload}}, schemas={"S": {"type": "object", "example": {"$ref": "#/x"}}})
    _, diags = _repair(doc, tmp_path)
    assert [(d.level, d.pointer) for d in diags] == [
        ("warning", "/components/examples/Schema/value/properties/profile/allOf/0"),
        ("warning", "/components/schemas/S/example"),
    ]
    assert all("plain data" in d.message for d in diags)
    assert doc["components"]["examples"]["Schema"]["value"] == payload


def test_a_property_named_example_is_a_schema_not_data() -> None:
    doc = _doc(schemas={"S": {"properties": {"example": {"$ref": "#/components/schemas/Nope"}}}})
    [site] = find_dangling(doc)
    assert not site.in_data


def test_example_objects_may_themselves_be_refs() -> None:
    doc = _doc(examples={"E": {"value": 1}})
    doc["paths"] = {"/a": {"get": {"responses": {"200": {"content": {"application/json": {
        "examples": {"one": {"$ref": "#/components/examples/Missing"}}}}}}}}}  # fmt: skip
    [site] = find_dangling(doc)
    assert not site.in_data


def test_check_refs_reports_every_dangling_pointer() -> None:
    doc = _doc(schemas={"A": {"$ref": "#/components/schemas/B"}, "C": {"items": {"$ref": "#/nowhere"}}})
    diags = Diagnostics()
    assert check_refs(doc, "api.yaml", diags) == ["/components/schemas/A", "/components/schemas/C/items"]
    assert len(diags) == 2


def test_remote_refs_are_never_fetched_but_located_errors(tmp_path: Path) -> None:
    doc = _doc(
        schemas={
            "A": {"$ref": "https://example.com/a.json#/A"},
            "B": {"$ref": "//example.com/b.json"},
            "C": {"$ref": "../outside.yaml#/C"},
        }
    )
    (tmp_path.parent / "outside.yaml").write_text("C: {type: string}\n")
    _, diags = _repair(doc, tmp_path)
    assert [(d.level, d.pointer, d.code) for d in diags] == [
        ("error", "/components/schemas/A", "remote-ref"),
        ("error", "/components/schemas/B", "remote-ref"),
        ("error", "/components/schemas/C", "remote-ref"),
    ]
    assert doc["components"]["schemas"] == {"A": {}, "B": {}, "C": {}}


def test_relative_file_refs_are_bundled_renamed_and_their_cycle_kept() -> None:
    from twingen.ingest.pipeline import load_documents

    [doc, *fragments], diags = load_documents(["bundle"], base_dir=SPECS)
    assert not diags.items
    assert [f.input.note for f in fragments] == ["fragment brought in by a $ref from bundle/api.yaml"] * 3
    data = doc.data
    assert data is not None
    get = data["paths"]["/owners"]["get"]
    assert get["parameters"] == [{"$ref": "#/components/parameters/Limit"}]
    assert get["responses"]["200"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/owner_2"}
    schemas = data["components"]["schemas"]
    assert schemas["owner"]["description"] == "a clash on purpose"
    assert schemas["owner_2"]["properties"]["pets"]["items"] == {"$ref": "#/components/schemas/Pet"}
    assert schemas["Pet"]["properties"] == {
        "owner": {"$ref": "#/components/schemas/owner_2"},
        "friend": {"$ref": "#/components/schemas/Pet"},
    }
    assert data["components"]["parameters"]["Limit"]["name"] == "limit"
    assert find_dangling(data) == []


def test_missing_relative_file_is_a_dangling_warning(tmp_path: Path) -> None:
    doc = _doc(schemas={"A": {"$ref": "missing.yaml#/A"}})
    used, diags = _repair(doc, tmp_path)
    assert used == set() and [(d.level, d.code) for d in diags] == [("warning", "dangling-ref")]


def test_iter_refs_survives_deep_nesting() -> None:
    node: dict[str, Any] = {"$ref": "#/a"}
    for _ in range(50_000):
        node = {"items": node}
    assert len(list(iter_refs(node))) == 1
