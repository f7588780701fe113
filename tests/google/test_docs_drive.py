"""A Google Doc is a Drive file: Drive makes, copies, trashes, deletes and exports it; Docs reads what Drive made."""

from __future__ import annotations

import io
from typing import Any

import docx
import pytest
from docs_helpers import DOCUMENT, batch, body_text, docs_service
from googleapiclient.errors import HttpError
from googleapiclient.http import MediaIoBaseUpload

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def docs(twin: Any) -> Any:
    return docs_service(twin)


def _written(docs: Any) -> str:
    doc_id = str(docs.documents().create(body={"title": "Report"}).execute()["documentId"])
    batch(
        docs,
        doc_id,
        {"insertText": {"location": {"index": 1}, "text": "Heading\nBold 😀 text\nitem"}},
        {"updateParagraphStyle": {"range": {"startIndex": 1, "endIndex": 2},
                                  "paragraphStyle": {"namedStyleType": "HEADING_1"}, "fields": "namedStyleType"}},
        {"updateTextStyle": {"range": {"startIndex": 9, "endIndex": 13}, "textStyle": {"bold": True},
                             "fields": "bold"}},
        {"createParagraphBullets": {"range": {"startIndex": 23, "endIndex": 24},
                                    "bulletPreset": "BULLET_DISC_CIRCLE_SQUARE"}},
    )  # fmt: skip
    return doc_id


def test_a_document_drive_made_is_an_empty_document_to_docs(drive: Any, docs: Any) -> None:
    made = drive.files().create(body={"name": "From Drive", "mimeType": DOCUMENT}).execute()
    got = docs.documents().get(documentId=made["id"]).execute()
    assert got["title"] == "From Drive" and body_text(got) == "\n"
    batch(docs, made["id"], {"insertText": {"location": {"index": 1}, "text": "hi"}})
    assert body_text(docs.documents().get(documentId=made["id"]).execute()) == "hi\n"


def test_renaming_the_file_renames_the_document(drive: Any, docs: Any) -> None:
    doc_id = _written(docs)
    drive.files().update(fileId=doc_id, body={"name": "Renamed"}).execute()
    assert docs.documents().get(documentId=doc_id).execute()["title"] == "Renamed"


def test_a_copy_has_the_content_and_its_own_revisions(drive: Any, docs: Any) -> None:
    doc_id = _written(docs)
    copy = drive.files().copy(fileId=doc_id, body={"name": "Copy"}).execute()
    original = docs.documents().get(documentId=doc_id).execute()
    copied = docs.documents().get(documentId=copy["id"]).execute()
    assert copied["body"] == original["body"] and copied["title"] == "Copy"
    assert copied["revisionId"] != original["revisionId"]
    batch(docs, copy["id"], {"insertText": {"location": {"index": 1}, "text": "only in the copy "}})
    assert docs.documents().get(documentId=doc_id).execute()["body"] == original["body"]


def test_trashed_still_opens_and_deleted_is_not_found(drive: Any, docs: Any) -> None:
    doc_id = _written(docs)
    drive.files().update(fileId=doc_id, body={"trashed": True}).execute()
    assert docs.documents().get(documentId=doc_id).execute()["documentId"] == doc_id
    drive.files().delete(fileId=doc_id).execute()
    with pytest.raises(HttpError) as caught:
        docs.documents().get(documentId=doc_id).execute()
    assert caught.value.resp.status == 404


def test_a_drive_file_of_another_type_is_not_a_document(drive: Any, docs: Any) -> None:
    folder = drive.files().create(body={"name": "F", "mimeType": "application/vnd.google-apps.folder"}).execute()
    with pytest.raises(HttpError) as caught:
        docs.documents().get(documentId=folder["id"]).execute()
    assert caught.value.resp.status == 404


def test_export_as_plain_text(drive: Any, docs: Any) -> None:
    doc_id = _written(docs)
    data = drive.files().export(fileId=doc_id, mimeType="text/plain").execute()
    assert data.decode("utf-8") == "\ufeffHeading\r\nBold 😀 text\r\n* item"


def test_export_as_html(drive: Any, docs: Any) -> None:
    doc_id = _written(docs)
    page = drive.files().export(fileId=doc_id, mimeType="text/html").execute().decode("utf-8")
    assert "<title>Report</title>" in page
    assert "<h1>" in page and '<span style="font-weight:700">Bold</span>' in page and "<ul><li>" in page


def test_export_as_docx(drive: Any, docs: Any) -> None:
    doc_id = _written(docs)
    data = drive.files().export(fileId=doc_id, mimeType=DOCX).execute()
    word = docx.Document(io.BytesIO(data))
    assert [p.text for p in word.paragraphs] == ["Heading", "Bold 😀 text", "item"]
    assert word.paragraphs[0].style.name == "Heading 1" and word.paragraphs[2].style.name == "List Bullet"
    assert [(r.text, bool(r.bold)) for r in word.paragraphs[1].runs] == [("Bold", True), (" 😀 text", False)]
    assert word.core_properties.title == "Report"


def test_export_to_a_type_docs_cannot_convert_to_is_refused(drive: Any, docs: Any) -> None:
    doc_id = _written(docs)
    with pytest.raises(HttpError) as caught:
        drive.files().export(fileId=doc_id, mimeType="image/png").execute()
    assert caught.value.resp.status == 400


def test_export_as_markdown(drive: Any, docs: Any) -> None:
    doc_id = _written(docs)
    text = drive.files().export(fileId=doc_id, mimeType="text/markdown").execute().decode("utf-8")
    assert text == "# Heading\n\n**Bold** 😀 text\n\n* item\n"


def _imported(drive: Any, data: bytes, content_type: str) -> str:
    media = MediaIoBaseUpload(io.BytesIO(data), mimetype=content_type)
    made = drive.files().create(body={"name": "Imported", "mimeType": DOCUMENT}, media_body=media).execute()
    return str(made["id"])


def test_a_text_upload_becomes_a_document(drive: Any, docs: Any) -> None:
    doc_id = _imported(drive, "\ufeffone\r\ntwo 😀\r\n".encode(), "text/plain")
    got = docs.documents().get(documentId=doc_id).execute()
    assert body_text(got) == "one\ntwo 😀\n" and got["body"]["content"][-1]["endIndex"] == 12


def test_an_html_upload_keeps_headings_styles_lists_and_tables(drive: Any, docs: Any) -> None:
    page = b"<html><body><h2>Title</h2><p>plain <b>bold</b></p><ul><li>a</li><li>b</li></ul>" \
           b"<table><tr><td>x</td><td>y</td></tr></table></body></html>"  # fmt: skip
    doc_id = _imported(drive, page, "text/html")
    content = docs.documents().get(documentId=doc_id).execute()["body"]["content"]
    paragraphs = [c["paragraph"] for c in content if "paragraph" in c]
    assert paragraphs[0]["paragraphStyle"]["namedStyleType"] == "HEADING_2"
    runs = [(e["textRun"]["content"], e["textRun"]["textStyle"]) for e in paragraphs[1]["elements"]]
    assert runs == [("plain ", {}), ("bold", {"bold": True}), ("\n", {})]
    assert "bullet" in paragraphs[2] and paragraphs[2]["bullet"]["listId"] == paragraphs[3]["bullet"]["listId"]
    (table,) = [c["table"] for c in content if "table" in c]
    assert (table["rows"], table["columns"]) == (1, 2)


def test_a_docx_upload_round_trips_through_export(drive: Any, docs: Any) -> None:
    doc_id = _written(docs)
    data = drive.files().export(fileId=doc_id, mimeType=DOCX).execute()
    again = _imported(drive, data, DOCX)
    original = docs.documents().get(documentId=doc_id).execute()
    copied = docs.documents().get(documentId=again).execute()
    assert body_text(copied) == body_text(original)
    styles = [c["paragraph"]["paragraphStyle"]["namedStyleType"] for c in copied["body"]["content"] if "paragraph" in c]
    assert styles == ["HEADING_1", "NORMAL_TEXT", "NORMAL_TEXT"]
    assert "bullet" in copied["body"]["content"][-1]["paragraph"]


def test_an_upload_docs_cannot_import_is_refused_and_nothing_is_made(drive: Any, docs: Any) -> None:
    before = drive.files().list(q=f"mimeType='{DOCUMENT}'").execute()["files"]
    with pytest.raises(HttpError) as caught:
        _imported(drive, b"\x89PNG....", "image/png")
    assert caught.value.resp.status == 400
    assert drive.files().list(q=f"mimeType='{DOCUMENT}'").execute()["files"] == before


def test_new_content_uploaded_to_a_document_replaces_it(drive: Any, docs: Any) -> None:
    doc_id = _written(docs)
    before = docs.documents().get(documentId=doc_id).execute()["revisionId"]
    media = MediaIoBaseUpload(io.BytesIO(b"fresh\ncontent"), mimetype="text/plain")
    drive.files().update(fileId=doc_id, media_body=media).execute()
    got = docs.documents().get(documentId=doc_id).execute()
    assert body_text(got) == "fresh\ncontent\n" and got["revisionId"] != before and got["title"] == "Report"
    with pytest.raises(HttpError):
        drive.files().update(fileId=doc_id, media_body=MediaIoBaseUpload(io.BytesIO(b"\x89PNG"), "image/png")).execute()
