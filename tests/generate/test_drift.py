"""Drift (``twingen diff``, ``new --force``): a tiny twin against changed documents, SDKs and behaviour."""

from __future__ import annotations

import copy
import datetime
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from twingen.cli import cli
from twingen.generate.drift import Drift, Generation, diff_twin, drift_since
from twingen.generate.drift_report import add_changelog_section, changelog_section, drift_data, drift_text
from twingen.generate.twin import new_twin
from twingen.ir.model import Api, DocInput, Operation, Origin

from .apis import tree

NOTE = {
    "type": "object",
    "properties": {"id": {"type": "string"}, "title": {"type": "string", "description": "The title."}},
}
SPEC: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "Memo", "version": "1.0.0"},
    "servers": [{"url": "https://memo.example.com"}],
    "components": {"schemas": {"Note": NOTE}},
    "paths": {
        "/notes": {
            "get": {
                "operationId": "listNotes",
                "parameters": [{"name": "limit", "in": "query", "schema": {"type": "integer"}}],
                "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {
                    "type": "array", "items": {"$ref": "#/components/schemas/Note"}}}}}},
            },
        },
        "/notes/{id}": {
            "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
            "get": {
                "operationId": "getNote",
                "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {
                    "$ref": "#/components/schemas/Note"}}}}},
            },
            "delete": {"operationId": "deleteNote", "responses": {"204": {"description": "gone"}}},
        },
    },
}  # fmt: skip
ARCHIVE = {"operationId": "archiveNote", "responses": {"200": {"description": "archived"}}}


def _write(folder: Path, spec: dict[str, Any]) -> None:
    (folder / "memo.json").write_text(json.dumps(spec, indent=1))


def _changed() -> dict[str, Any]:
    """One operation added, one removed, a parameter changed, an error added; the version bumped."""
    spec = copy.deepcopy(SPEC)
    spec["info"]["version"] = "1.1.0"
    spec["paths"]["/notes/{id}/archive"] = {"post": ARCHIVE}
    del spec["paths"]["/notes/{id}"]["delete"]
    spec["paths"]["/notes"]["get"]["parameters"][0]["required"] = True
    spec["paths"]["/notes/{id}"]["get"]["responses"]["404"] = {"description": "no such note"}
    return spec


@pytest.fixture
def memo(tmp_path: Path) -> Path:
    """A generated twin ``memo`` at ``tmp_path/twin`` from ``tmp_path/docs/memo.json``."""
    docs = tmp_path / "docs"
    docs.mkdir()
    _write(docs, SPEC)
    result = new_twin("memo", ["memo.json"], tmp_path / "twin", base_dir=docs)
    assert result.report is not None, list(result.diagnostics)
    return tmp_path / "twin"


def _diff(twin: Path) -> Drift:
    drift, diags = diff_twin("memo", twin)
    assert drift is not None and not diags.has_errors, list(diags)
    return drift


def test_unchanged_inputs_are_no_drift(memo: Path) -> None:
    drift = _diff(memo)
    assert not drift.has_drift
    assert drift_text(drift) == "twin memo: no drift (its inputs give the twin it was made from)\n"


def test_changed_documents_name_every_operation_change(memo: Path) -> None:
    _write(memo.parent / "docs", _changed())
    drift = _diff(memo)
    assert drift.has_drift
    [doc] = drift.documents
    assert (doc.given, doc.change, doc.old_version, doc.new_version) == ("memo.json", "changed", "1.0.0", "1.1.0")
    assert doc.old_sha256 != doc.new_sha256
    assert [(op.id, op.method, op.path) for op in drift.added] == [("archiveNote", "POST", "/notes/{id}/archive")]
    assert [op.id for op in drift.removed] == ["deleteNote"]
    changes = {c.id: dict(c.changes) for c in drift.changed}
    assert changes == {
        "listNotes": {"parameters": ("~limit (query): required no -> yes",)},
        "getNote": {"responses": ("+404",), "errors": ("+404 (404)",)},
    }
    assert drift.unserved == ("archiveNote",) and drift.orphaned == ()
    text = drift_text(drift)
    assert "  + archiveNote  POST /notes/{id}/archive" in text and "  - deleteNote  DELETE /notes/{id}" in text
    assert "      parameters: ~limit (query): required no -> yes" in text


def test_a_component_schema_change_reaches_the_operations_using_it(memo: Path) -> None:
    spec = copy.deepcopy(SPEC)
    spec["components"]["schemas"]["Note"]["properties"]["title"] = {"type": "integer", "description": "Changed."}
    _write(memo.parent / "docs", spec)
    changes = {c.id: dict(c.changes) for c in _diff(memo).changed}
    assert changes == {
        "listNotes": {"responses": ("~200: schema changed (Note)",)},
        "getNote": {"responses": ("~200: schema changed (Note)",)},
    }


def test_prose_is_not_drift_in_operations(memo: Path) -> None:
    spec = copy.deepcopy(SPEC)
    spec["components"]["schemas"]["Note"]["properties"]["title"]["description"] = "Another description."
    spec["paths"]["/notes"]["get"]["summary"] = "List the notes"
    _write(memo.parent / "docs", spec)
    drift = _diff(memo)
    assert [d.change for d in drift.documents] == ["changed"]  # the file's hash
    assert not (drift.added or drift.removed or drift.changed)


def test_behaviour_of_a_removed_operation_is_orphaned(memo: Path) -> None:
    (memo / "twin_memo" / "behaviour" / "notes.py").write_text(
        'from ..runtime import behaviour\n\n\n@behaviour("deleteNote")\ndef delete(ctx):\n    return {}\n\n\n'
        '@behaviour("getNote")\ndef get(ctx):\n    return {}\n'
    )
    _write(memo.parent / "docs", _changed())
    drift = _diff(memo)
    assert drift.orphaned == ("deleteNote",)
    assert {c.id: c.behaviour for c in drift.changed} == {"listNotes": False, "getNote": True}
    text = drift_text(drift)
    assert "  serves deleteNote, which no longer exists" in text
    assert "  ~ getNote  (has behaviour: review it)" in text


def _sdk_api(methods: tuple[str, ...], sdk_ops: tuple[str, ...], version: str) -> Api:
    # an SDK-only operation's origin names the method calling it: ``c.d`` <- ``Client.c_d``
    ops = tuple(
        Operation(op_id, name, "POST", f"/api/{op_id}", origin=Origin("x.py", f"Client.{name}", "sdk"))
        for op_id, name in ((op_id, op_id.replace(".", "_")) for op_id in sdk_ops)
    )
    sdk = DocInput("fake_sdk", "fake_sdk", "f" * 64, "sdk", "sdk", version, f"{len(methods)} SDK methods", methods)
    return Api("fake", "Fake", "1", "generic", "https://fake.example.com", operations=ops, documents=(sdk,))


def test_sdk_methods_added_and_removed_by_name(tmp_path: Path) -> None:
    before = _sdk_api(("a_b", "c_d"), ("c.d",), "1.0")
    record = {"given": "fake_sdk", "role": "sdk", "version": "1.0", "sha256": "f" * 64, "methods": ["a_b", "c_d"]}
    after = _sdk_api(("c_d", "e_f"), ("c.d", "e.f"), "1.1")
    drift = drift_since(Generation(before, {"documents": [record]}), after, tmp_path / "none")
    [sdk] = drift.sdks
    assert (sdk.old_version, sdk.new_version, sdk.added, sdk.removed) == ("1.0", "1.1", ("e_f",), ("a_b",))
    assert dict(sdk.operations) == {"e_f": "e.f"} and sdk.by_name
    assert "    + e_f (calls e.f, which the documents lack)\n    - a_b\n" in drift_text(drift)
    assert "  + e.f  POST /api/e.f  (from the SDK: not in the documents)\n" in drift_text(drift)
    section = changelog_section(drift, "0.1.1", datetime.date(2025, 1, 2))
    assert "- added `e.f` (POST /api/e.f; from the SDK: not in the documents)\n" in section
    assert "  - added `e_f` (calls e.f, which the documents lack)\n" in section


def test_a_manifest_without_method_names_falls_back_to_sdk_operations(tmp_path: Path) -> None:
    before = _sdk_api(("a_b", "c_d"), ("a.b", "c.d"), "1.0")
    record = {"given": "fake_sdk", "role": "sdk", "version": "1.0", "sha256": "f" * 64, "note": "2 SDK methods"}
    after = _sdk_api(("c_d", "e_f", "g_h"), ("c.d", "e.f"), "1.0")
    [sdk] = drift_since(Generation(before, {"documents": [record]}), after, tmp_path / "none").sdks
    assert not sdk.by_name
    assert (sdk.added, sdk.removed, sdk.old_count, sdk.new_count) == (("e.f",), ("a.b",), 2, 3)


def test_json_has_every_section(memo: Path) -> None:
    _write(memo.parent / "docs", _changed())
    result = CliRunner().invoke(cli, ["diff", "memo", "--out", str(memo), "--json"])
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"name", "drift", "documents", "operations", "auth_schemes", "sdk_methods", "behaviour"}
    assert data["drift"] is True
    assert set(data["operations"]) == {"added", "removed", "changed"}
    assert data["operations"]["added"][0] == {"id": "archiveNote", "method": "POST", "path": "/notes/{id}/archive",
                                              "source": "docs"}  # fmt: skip
    assert data["behaviour"] == {"orphaned": [], "unserved": ["archiveNote"]}
    assert drift_data(_diff(memo)) == data


def test_exit_codes(memo: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    same = runner.invoke(cli, ["diff", "memo", "--out", str(memo)])
    assert (same.exit_code, same.stdout) == (0, "twin memo: no drift (its inputs give the twin it was made from)\n")
    assert json.loads(runner.invoke(cli, ["diff", "memo", "--out", str(memo), "--json"]).stdout)["drift"] is False
    _write(memo.parent / "docs", _changed())
    assert runner.invoke(cli, ["diff", "memo", "--out", str(memo)]).exit_code == 1
    missing = runner.invoke(cli, ["diff", "memo", "--out", str(tmp_path / "nothing")])
    assert missing.exit_code == 1 and "no twin 'memo'" in missing.stderr
    assert runner.invoke(cli, ["diff", "memo", "--no-such-option"]).exit_code == 2


def test_regeneration_writes_the_changelog_once(memo: Path) -> None:
    runner = CliRunner()
    unchanged = runner.invoke(cli, ["new", "memo", "--out", str(memo), "--force"])
    assert unchanged.exit_code == 0 and "0 files written" in unchanged.stdout
    assert "no drift" in unchanged.stdout and not (memo / "CHANGELOG.md").exists()

    _write(memo.parent / "docs", _changed())
    changed = runner.invoke(cli, ["new", "memo", "--out", str(memo), "--force"])
    assert changed.exit_code == 0, changed.output
    assert "+ archiveNote" in changed.stdout and "changelog: " in changed.stdout
    log = (memo / "CHANGELOG.md").read_text()
    assert log.startswith("# Changelog\n") and log.count("\n## ") == 1
    assert f"## [0.1.1] - {datetime.date.today().isoformat()}\n" in log
    assert "- added `archiveNote` (POST /notes/{id}/archive)" in log and "- removed `deleteNote`" in log

    before = tree(memo)
    again = runner.invoke(cli, ["new", "memo", "--out", str(memo), "--force"])
    assert again.exit_code == 0 and "0 files written" in again.stdout and "changelog" not in again.stdout
    assert tree(memo) == before


def test_changelog_sections_go_on_top_and_keep_what_the_user_wrote(tmp_path: Path) -> None:
    log = tmp_path / "CHANGELOG.md"
    log.write_text("# Our twin\n\nNotes we keep.\n\n## [0.1.1] - 2024-01-01\n\nHand-written.\n")
    drift = Drift("memo", unserved=("x",), orphaned=("y",))
    add_changelog_section(tmp_path, changelog_section(drift, "0.1.2", datetime.date(2025, 1, 2)))
    text = log.read_text()
    assert text.startswith("# Our twin\n\nNotes we keep.\n\n## [0.1.2] - 2025-01-02\n")
    assert text.endswith("\n## [0.1.1] - 2024-01-01\n\nHand-written.\n")
    assert "- serves `y`, which no longer exists" in text
    bare = tmp_path / "bare"
    bare.mkdir()
    (bare / "CHANGELOG.md").write_text("loose notes\n")
    add_changelog_section(bare, "## [0.1.3] - 2025-01-03\n")
    assert (bare / "CHANGELOG.md").read_text() == "## [0.1.3] - 2025-01-03\n\nloose notes\n"
