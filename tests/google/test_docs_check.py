"""The Docs check's read backs: an answer that parses is not enough, the edit must be in the document."""

from __future__ import annotations

from typing import Any

from twingen.kits.google.check import docs_values, values


def _document(text: str, title: str = "t") -> dict[str, Any]:
    paragraph = {"paragraph": {"elements": [{"textRun": {"content": text}}]}}
    return {"title": title, "body": {"content": [{"endIndex": 1, "sectionBreak": {}}, paragraph]}}


def test_the_docs_values_are_found_by_api_name() -> None:
    assert values.api_values("docs") is docs_values
    assert values.api_values("drive") is None


def test_an_edit_the_twin_ignored_fails_its_read_back() -> None:
    body = docs_values.body_for("documents.batchUpdate", 7)
    assert body is not None
    plan = docs_values.read_back("documents.batchUpdate", {"documentId": "d", "body": body}, {"replies": [{}]})
    assert plan is not None and plan.method == "documents.get" and plan.args == {"documentId": "d"}
    assert plan.judge(_document("\n")) == "the body read back does not contain 'twincheck edit 7'"
    assert plan.judge(_document("twincheck edit 7\n")) is None


def test_get_must_show_the_setup_text_and_create_a_new_document() -> None:
    get = docs_values.read_back("documents.get", {"documentId": "d"}, None)
    assert get is not None and get.method == ""  # the valid answer itself is judged
    assert get.judge(_document("\n")) is not None
    assert get.judge(_document(docs_values.SETUP_TEXT + "\n")) is None
    create = docs_values.read_back("documents.create", {"body": {"title": "x"}}, {"documentId": "n"})
    assert create is not None
    assert create.judge(_document("\n", "x")) is None
    assert create.judge(_document("\n", "y")) is not None
    assert create.judge(_document("leftover\n", "x")) is not None


def test_batch_update_is_probed_with_edits_docs_refuses() -> None:
    args = {"documentId": "d", "body": {"requests": []}}
    labels = {label: expected for label, _, expected in docs_values.bad_calls("documents.batchUpdate", args)}
    assert set(labels) == {"insert past the end", "unknown request kind"}
    assert all("badRequest" in expected for expected in labels.values())
    assert docs_values.bad_calls("documents.get", {"documentId": "d"}) == []
