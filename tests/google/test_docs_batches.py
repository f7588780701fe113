"""documents.batchUpdate as a whole: all requests or none, replies per request, writeControl and revision ids,
request kinds Docs does not know."""

from __future__ import annotations

from typing import Any

import pytest
from docs_helpers import batch, body_text, docs_service
from drive_helpers import error_of
from googleapiclient.errors import HttpError


@pytest.fixture
def docs(twin: Any) -> Any:
    return docs_service(twin)


def _new(docs: Any) -> str:
    return str(docs.documents().create(body={"title": "Batch"}).execute()["documentId"])


def _insert(text: str, index: int = 1) -> dict[str, Any]:
    return {"insertText": {"location": {"index": index}, "text": text}}


def test_one_bad_request_fails_the_batch_and_nothing_is_applied(docs: Any) -> None:
    doc_id = _new(docs)
    before = docs.documents().get(documentId=doc_id).execute()
    with pytest.raises(HttpError) as caught:
        batch(docs, doc_id, _insert("kept?"), _insert("x", 99))
    assert error_of(caught.value)["message"].startswith("Invalid requests[1].insertText: Index 99 must be less")
    after = docs.documents().get(documentId=doc_id).execute()
    assert after == before  # text, indexes and revision all unchanged


def test_requests_apply_in_order_and_each_gets_its_reply(docs: Any) -> None:
    doc_id = _new(docs)
    answer = batch(
        docs,
        doc_id,
        _insert("alpha beta"),
        {"createNamedRange": {"name": "greek", "range": {"startIndex": 1, "endIndex": 6}}},
        {"replaceAllText": {"containsText": {"text": "beta"}, "replaceText": "gamma"}},
        {"deleteContentRange": {"range": {"startIndex": 1, "endIndex": 2}}},
    )
    replies = answer["replies"]
    assert replies[0] == {} and replies[3] == {}
    assert set(replies[1]["createNamedRange"]) == {"namedRangeId"}
    assert replies[2] == {"replaceAllText": {"occurrencesChanged": 1}}
    assert answer["documentId"] == doc_id
    got = docs.documents().get(documentId=doc_id).execute()
    assert body_text(got) == "lpha gamma\n"
    assert answer["writeControl"] == {"requiredRevisionId": got["revisionId"]}
    # the named range shrank with the deletion before it
    (ranged,) = got["namedRanges"]["greek"]["namedRanges"]
    assert ranged["ranges"] == [{"startIndex": 1, "endIndex": 5}]


def test_every_edit_gives_a_new_revision_and_a_stale_required_revision_is_refused(docs: Any) -> None:
    doc_id = _new(docs)
    first = docs.documents().get(documentId=doc_id).execute()["revisionId"]
    answer = batch(docs, doc_id, _insert("a"), writeControl={"requiredRevisionId": first})
    second = answer["writeControl"]["requiredRevisionId"]
    assert second != first
    with pytest.raises(HttpError) as caught:
        batch(docs, doc_id, _insert("b"), writeControl={"requiredRevisionId": first})
    assert caught.value.resp.status == 400
    assert body_text(docs.documents().get(documentId=doc_id).execute()) == "a\n"
    # an earlier revision of this document is a valid target; an id it never had is not
    batch(docs, doc_id, _insert("c"), writeControl={"targetRevisionId": first})
    with pytest.raises(HttpError):
        batch(docs, doc_id, _insert("d"), writeControl={"targetRevisionId": "ALnot-a-revision"})


def test_request_kinds_docs_does_not_know_are_refused_before_anything_runs(docs: Any) -> None:
    doc_id = _new(docs)
    with pytest.raises(HttpError) as caught:
        batch(docs, doc_id, _insert("x"), {"insertBanana": {}})
    error = error_of(caught.value)
    assert error["code"] == 400
    assert (
        error["message"]
        == "Invalid JSON payload received. Unknown name \"insertBanana\" at 'requests[1]': Cannot find field."
    )
    with pytest.raises(HttpError) as caught:
        batch(docs, doc_id, {"insertText": {"location": {"index": 1}, "text": "x"}, "deleteContentRange": {}})
    assert "Oneof field 'request' is already set" in error_of(caught.value)["message"]
    with pytest.raises(HttpError) as caught:
        batch(docs, doc_id, {})
    assert caught.value.resp.status == 400
    assert body_text(docs.documents().get(documentId=doc_id).execute()) == "\n"


def test_a_reader_cannot_edit_and_a_stranger_cannot_read(twin: Any, docs: Any, drive: Any) -> None:
    doc_id = _new(docs)
    other = docs_service(twin, "other")
    with pytest.raises(HttpError) as caught:
        other.documents().get(documentId=doc_id).execute()
    assert caught.value.resp.status == 403
    email = twin.drive("other").about().get(fields="user").execute()["user"]["emailAddress"]
    drive.permissions().create(fileId=doc_id, body={"type": "user", "role": "reader", "emailAddress": email}).execute()
    got = other.documents().get(documentId=doc_id).execute()
    assert got["suggestionsViewMode"] == "PREVIEW_WITHOUT_SUGGESTIONS"
    with pytest.raises(HttpError) as caught:
        batch(other, doc_id, _insert("x"))
    assert (caught.value.resp.status, error_of(caught.value)["status"]) == (403, "PERMISSION_DENIED")


def test_suggestions_view_mode_is_echoed_and_checked(docs: Any) -> None:
    doc_id = _new(docs)
    got = docs.documents().get(documentId=doc_id, suggestionsViewMode="PREVIEW_SUGGESTIONS_ACCEPTED").execute()
    assert got["suggestionsViewMode"] == "PREVIEW_SUGGESTIONS_ACCEPTED"
    assert docs.documents().get(documentId=doc_id).execute()["suggestionsViewMode"] == "SUGGESTIONS_INLINE"


def test_include_tabs_content_moves_the_content_into_the_first_tab(docs: Any) -> None:
    doc_id = _new(docs)
    batch(docs, doc_id, _insert("tabbed"))
    got = docs.documents().get(documentId=doc_id, includeTabsContent=True).execute()
    assert "body" not in got
    (tab,) = got["tabs"]
    assert tab["tabProperties"]["tabId"] == "t.0"
    assert body_text(tab["documentTab"]) == "tabbed\n"
