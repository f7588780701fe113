"""Docs v1 documents.create / get / batchUpdate through google-api-python-client: the new document's shape, UTF-16
index arithmetic, text runs splitting and merging, and errors worded as Docs words them."""

from __future__ import annotations

import re
from typing import Any

import pytest
from docs_helpers import DOCUMENT, batch, body_text, docs_service, end_index
from drive_helpers import error_of
from googleapiclient.errors import HttpError


@pytest.fixture
def docs(twin: Any) -> Any:
    return docs_service(twin)


def _new(docs: Any, title: str = "Notes") -> str:
    return str(docs.documents().create(body={"title": title}).execute()["documentId"])


def _insert(text: str, index: int = 1) -> dict[str, Any]:
    return {"insertText": {"location": {"index": index}, "text": text}}


def test_a_new_document_is_a_section_break_and_one_empty_paragraph(docs: Any, drive: Any) -> None:
    made = docs.documents().create(body={"title": "Plan", "body": {"content": []}}).execute()
    content = made["body"]["content"]
    assert content[0] == {"endIndex": 1, "sectionBreak": content[0]["sectionBreak"]}
    paragraph = content[1]
    assert (paragraph["startIndex"], paragraph["endIndex"]) == (1, 2)
    assert paragraph["paragraph"]["elements"] == [
        {"startIndex": 1, "endIndex": 2, "textRun": {"content": "\n", "textStyle": {}}}
    ]
    assert paragraph["paragraph"]["paragraphStyle"]["namedStyleType"] == "NORMAL_TEXT"
    assert made["title"] == "Plan" and made["revisionId"]
    # the document is a Drive file of the Docs type, in the caller's My Drive
    file = drive.files().get(fileId=made["documentId"], fields="name,mimeType").execute()
    assert file == {"name": "Plan", "mimeType": DOCUMENT}


def test_inserted_text_is_read_back_with_utf16_indexes(docs: Any) -> None:
    doc_id = _new(docs)
    batch(docs, doc_id, _insert("a😀b"))
    got = docs.documents().get(documentId=doc_id).execute()
    run = got["body"]["content"][1]["paragraph"]["elements"][0]
    # the emoji is two UTF-16 units: "a😀b\n" spans 1..6
    assert run == {"startIndex": 1, "endIndex": 6, "textRun": {"content": "a😀b\n", "textStyle": {}}}
    # index 4 is after the emoji
    batch(docs, doc_id, _insert("!", 4))
    assert body_text(docs.documents().get(documentId=doc_id).execute()) == "a😀!b\n"


def test_inserting_inside_a_surrogate_pair_goes_after_the_character(docs: Any) -> None:
    doc_id = _new(docs)
    batch(docs, doc_id, _insert("😀"))
    batch(docs, doc_id, _insert("x", 2))  # "the text is inserted immediately after the grapheme cluster"
    assert body_text(docs.documents().get(documentId=doc_id).execute()) == "😀x\n"


def test_deleting_half_a_surrogate_pair_is_refused_and_styling_takes_the_whole_character(docs: Any) -> None:
    doc_id = _new(docs)
    batch(docs, doc_id, _insert("a😀b"))
    with pytest.raises(HttpError) as caught:
        batch(docs, doc_id, {"deleteContentRange": {"range": {"startIndex": 2, "endIndex": 3}}})
    assert caught.value.resp.status == 400
    style = {"range": {"startIndex": 3, "endIndex": 4}, "textStyle": {"italic": True}, "fields": "italic"}
    batch(docs, doc_id, {"updateTextStyle": style})
    runs = docs.documents().get(documentId=doc_id).execute()["body"]["content"][1]["paragraph"]["elements"]
    assert [(r["textRun"]["content"], r["textRun"]["textStyle"]) for r in runs] == [
        ("a", {}), ("😀", {"italic": True}), ("b\n", {})
    ]  # fmt: skip


def test_an_index_past_the_segment_end_is_refused_in_docs_words(docs: Any) -> None:
    doc_id = _new(docs)
    batch(docs, doc_id, _insert("Hello world"))
    with pytest.raises(HttpError) as caught:
        batch(docs, doc_id, _insert("x", 40))
    error = error_of(caught.value)
    assert error["code"] == 400 and error["status"] == "INVALID_ARGUMENT"
    assert error["message"] == (
        "Invalid requests[0].insertText: Index 40 must be less than the end index of the referenced segment, 13."
    )


def test_an_unknown_document_is_404(docs: Any) -> None:
    with pytest.raises(HttpError) as caught:
        docs.documents().get(documentId="1NoSuchDocument000000000000000000").execute()
    error = error_of(caught.value)
    assert (error["code"], error["message"], error["status"]) == (404, "Requested entity was not found.", "NOT_FOUND")


def test_newlines_split_paragraphs_which_keep_the_paragraph_style(docs: Any) -> None:
    doc_id = _new(docs)
    batch(
        docs,
        doc_id,
        _insert("Title"),
        {"updateParagraphStyle": {"range": {"startIndex": 1, "endIndex": 3},
                                  "paragraphStyle": {"namedStyleType": "HEADING_1"}, "fields": "namedStyleType"}},
        _insert("\nmore", 6),
    )  # fmt: skip
    content = docs.documents().get(documentId=doc_id).execute()["body"]["content"]
    paragraphs = [c for c in content if "paragraph" in c]
    assert [(p["startIndex"], p["endIndex"]) for p in paragraphs] == [(1, 7), (7, 12)]
    assert [p["paragraph"]["paragraphStyle"]["namedStyleType"] for p in paragraphs] == ["HEADING_1", "HEADING_1"]
    ids = [p["paragraph"]["paragraphStyle"].get("headingId") for p in paragraphs]
    assert all(ids) and ids[0] != ids[1] and all(re.fullmatch(r"h\.[a-z0-9]{12}", i) for i in ids)
    # a title is linkable as a heading is; normal text is not
    title = {"range": {"startIndex": 7, "endIndex": 8}, "paragraphStyle": {"namedStyleType": "TITLE"},
             "fields": "namedStyleType"}  # fmt: skip
    normal = {"range": {"startIndex": 1, "endIndex": 2}, "paragraphStyle": {}, "fields": "namedStyleType"}
    batch(docs, doc_id, {"updateParagraphStyle": title}, {"updateParagraphStyle": normal})
    content = docs.documents().get(documentId=doc_id).execute()["body"]["content"]
    styles = [c["paragraph"]["paragraphStyle"] for c in content if "paragraph" in c]
    assert styles[0] == {"namedStyleType": "NORMAL_TEXT", "direction": "LEFT_TO_RIGHT"}
    assert styles[1]["namedStyleType"] == "TITLE" and styles[1]["headingId"] == ids[1]


def test_styled_runs_split_and_merge_again(docs: Any) -> None:
    doc_id = _new(docs)
    batch(docs, doc_id, _insert("Hello world"))
    bold = {"updateTextStyle": {"range": {"startIndex": 7, "endIndex": 12}, "textStyle": {"bold": True},
                                "fields": "bold"}}  # fmt: skip
    batch(docs, doc_id, bold)
    runs = docs.documents().get(documentId=doc_id).execute()["body"]["content"][1]["paragraph"]["elements"]
    assert [(r["startIndex"], r["endIndex"], r["textRun"]["textStyle"]) for r in runs] == [
        (1, 7, {}), (7, 12, {"bold": True}), (12, 13, {})
    ]  # fmt: skip
    # text typed after a bold run is bold too
    batch(docs, doc_id, _insert("!", 12))
    runs = docs.documents().get(documentId=doc_id).execute()["body"]["content"][1]["paragraph"]["elements"]
    assert [r["textRun"]["content"] for r in runs] == ["Hello ", "world!", "\n"]
    # clearing the field (named in the mask, absent from the style) makes the runs one again
    clear = {"updateTextStyle": {"range": {"startIndex": 1, "endIndex": 13}, "textStyle": {}, "fields": "bold"}}
    batch(docs, doc_id, clear)
    runs = docs.documents().get(documentId=doc_id).execute()["body"]["content"][1]["paragraph"]["elements"]
    assert [r["textRun"]["content"] for r in runs] == ["Hello world!\n"]


def test_delete_across_paragraphs_joins_them(docs: Any) -> None:
    doc_id = _new(docs)
    batch(docs, doc_id, _insert("one\ntwo\nthree"))
    batch(docs, doc_id, {"deleteContentRange": {"range": {"startIndex": 3, "endIndex": 7}}})
    got = docs.documents().get(documentId=doc_id).execute()
    assert body_text(got) == "ono\nthree\n" and end_index(got) == 11


def test_the_segments_last_newline_cannot_be_deleted(docs: Any) -> None:
    doc_id = _new(docs)
    batch(docs, doc_id, _insert("abc"))
    with pytest.raises(HttpError) as caught:
        batch(docs, doc_id, {"deleteContentRange": {"range": {"startIndex": 1, "endIndex": 5}}})
    assert error_of(caught.value)["message"] == (
        "Invalid requests[0].deleteContentRange: "
        "The range cannot include the newline character at the end of the segment."
    )


def test_replace_all_text_counts_occurrences(docs: Any) -> None:
    doc_id = _new(docs)
    batch(docs, doc_id, _insert("Cat cat CAT\ncat"))
    answer = batch(docs, doc_id, {"replaceAllText": {"containsText": {"text": "cat", "matchCase": True},
                                                     "replaceText": "dog"}})  # fmt: skip
    assert answer["replies"] == [{"replaceAllText": {"occurrencesChanged": 2}}]
    answer = batch(docs, doc_id, {"replaceAllText": {"containsText": {"text": "cat"}, "replaceText": "🐈"}})
    assert answer["replies"] == [{"replaceAllText": {"occurrencesChanged": 2}}]
    got = docs.documents().get(documentId=doc_id).execute()
    assert body_text(got) == "🐈 dog 🐈\ndog\n" and end_index(got) == 1 + len("🐈 dog 🐈\ndog\n") + 2
    none = batch(docs, doc_id, {"replaceAllText": {"containsText": {"text": "zebra"}, "replaceText": "x"}})
    assert none["replies"] == [{"replaceAllText": {}}]


def test_paragraph_style_fields_equal_to_the_named_style_are_inherited(docs: Any) -> None:
    doc_id = _new(docs)
    batch(docs, doc_id, _insert("abc"))
    style = {"alignment": "START", "lineSpacing": 115, "spaceAbove": {"magnitude": 12, "unit": "PT"}}
    batch(docs, doc_id, {"updateParagraphStyle": {"range": {"startIndex": 1, "endIndex": 2}, "paragraphStyle": style,
                                                  "fields": "alignment,lineSpacing,spaceAbove"}})  # fmt: skip
    got = docs.documents().get(documentId=doc_id).execute()["body"]["content"][1]["paragraph"]["paragraphStyle"]
    assert got == {"namedStyleType": "NORMAL_TEXT", "direction": "LEFT_TO_RIGHT",
                   "spaceAbove": {"magnitude": 12, "unit": "PT"}}  # fmt: skip
    # "*" names every writable field: the heading id is not one of them
    every = {
        "range": {"startIndex": 1, "endIndex": 2},
        "paragraphStyle": {"namedStyleType": "HEADING_2"},
        "fields": "*",
    }
    batch(docs, doc_id, {"updateParagraphStyle": every})
    got = docs.documents().get(documentId=doc_id).execute()["body"]["content"][1]["paragraph"]["paragraphStyle"]
    assert got["namedStyleType"] == "HEADING_2" and "spaceAbove" not in got and got["headingId"].startswith("h.")
    with pytest.raises(HttpError):
        batch(docs, doc_id, {"updateParagraphStyle": {**every, "fields": "headingId"}})
