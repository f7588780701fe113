"""Media upload and download through google-api-python-client, checksums and revisions.

The client sends every media upload to ``https://`` on the endpoint's host and port; the twin is served
with TLS on the same port as HTTP (see ``conftest.py``), so uploads here are the client's own:
``MediaIoBaseUpload`` / ``MediaFileUpload``, simple (``uploadType=media``, no metadata), multipart and
resumable in several chunks. Downloads use ``get_media`` and ``MediaIoBaseDownload`` (ranged GETs).
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path
from typing import Any

import pytest
from drive_helpers import FOLDER, error_of
from googleapiclient.errors import HttpError
from googleapiclient.http import MediaFileUpload, MediaIoBaseDownload, MediaIoBaseUpload

FIELDS = "id, name, mimeType, size, md5Checksum, headRevisionId, modifiedTime"
CHUNK = 256 * 1024  # the client's smallest chunk size for a resumable upload (it rounds to 256 KiB)


def _download(drive: Any, file_id: str, chunksize: int) -> bytes:
    buffer = io.BytesIO()
    downloader = MediaIoBaseDownload(buffer, drive.files().get_media(fileId=file_id), chunksize=chunksize)
    done = False
    while not done:
        _, done = downloader.next_chunk(num_retries=0)  # each a ranged GET: 206 with Content-Range
    return buffer.getvalue()


def test_simple_upload_and_download(drive: Any) -> None:
    data = b"col1,col2\n1,2\n"
    media = MediaIoBaseUpload(io.BytesIO(data), mimetype="text/csv")
    # no body: the client sends uploadType=media, content only
    made = drive.files().create(media_body=media, fields=FIELDS).execute()
    assert made["name"] == "Untitled" and made["mimeType"] == "text/csv"
    assert made["size"] == str(len(data)) and made["md5Checksum"] == hashlib.md5(data).hexdigest()
    assert drive.files().get_media(fileId=made["id"]).execute() == data


def test_multipart_upload_and_chunked_download(drive: Any) -> None:
    folder = drive.files().create(body={"name": "Pics", "mimeType": FOLDER}).execute()
    data = bytes(range(256)) * 4
    media = MediaIoBaseUpload(io.BytesIO(data), mimetype="application/x-noise")
    made = (
        drive.files()
        .create(body={"name": "noise.bin", "parents": [folder["id"]]}, media_body=media, fields=FIELDS + ", parents")
        .execute()
    )
    assert made["name"] == "noise.bin" and made["mimeType"] == "application/x-noise"
    assert made["parents"] == [folder["id"]] and made["size"] == "1024"
    assert _download(drive, made["id"], chunksize=300) == data


def test_file_upload_from_disk(drive: Any, tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_bytes(b"# notes\n")
    media = MediaFileUpload(str(path), mimetype="text/markdown")
    made = drive.files().create(body={"name": path.name}, media_body=media, fields=FIELDS).execute()
    media.stream().close()  # MediaFileUpload keeps its file open; close it so no handle outlives the test
    assert made["name"] == "notes.md" and made["mimeType"] == "text/markdown" and made["size"] == "8"


def test_resumable_upload_in_chunks(drive: Any) -> None:
    data = b"x" * CHUNK + b"y" * CHUNK + b"z" * 1000
    media = MediaIoBaseUpload(io.BytesIO(data), mimetype="text/plain", chunksize=CHUNK, resumable=True)
    request = drive.files().create(body={"name": "big.log"}, media_body=media, fields=FIELDS)
    progress: list[float] = []
    made = None
    while made is None:
        status, made = request.next_chunk(num_retries=0)  # 308 + Range until the last chunk's 200
        if status is not None:
            progress.append(status.progress())
    assert progress == [pytest.approx(CHUNK / len(data)), pytest.approx(2 * CHUNK / len(data))]
    assert made["name"] == "big.log" and made["size"] == str(len(data))
    assert made["md5Checksum"] == hashlib.md5(data).hexdigest()
    assert _download(drive, made["id"], chunksize=CHUNK) == data


def test_update_content_makes_revisions(drive: Any) -> None:
    first = MediaIoBaseUpload(io.BytesIO(b"v1"), mimetype="text/plain")
    made = drive.files().create(body={"name": "v.txt"}, media_body=first, fields=FIELDS).execute()
    second = MediaIoBaseUpload(io.BytesIO(b"version two"), mimetype="text/plain")
    updated = drive.files().update(fileId=made["id"], media_body=second, fields=FIELDS).execute()
    assert updated["id"] == made["id"] and updated["size"] == "11" and updated["name"] == "v.txt"
    assert updated["md5Checksum"] == hashlib.md5(b"version two").hexdigest()
    assert updated["headRevisionId"] != made["headRevisionId"] and updated["modifiedTime"] > made["modifiedTime"]
    revisions = drive.revisions().list(fileId=made["id"]).execute()
    assert revisions["kind"] == "drive#revisionList"
    assert [r["id"] for r in revisions["revisions"]] == [made["headRevisionId"], updated["headRevisionId"]]
    assert set(revisions["revisions"][0]) == {"kind", "id", "mimeType", "modifiedTime"}
    old = drive.revisions().get_media(fileId=made["id"], revisionId=made["headRevisionId"]).execute()
    assert old == b"v1"
    assert drive.files().get_media(fileId=made["id"]).execute() == b"version two"


def test_update_with_metadata_and_media(drive: Any) -> None:
    made = drive.files().create(body={"name": "draft.txt"}, fields="id").execute()
    media = MediaIoBaseUpload(io.BytesIO(b"final text"), mimetype="text/plain")
    updated = (
        drive.files().update(fileId=made["id"], body={"name": "final.txt"}, media_body=media, fields=FIELDS).execute()
    )
    assert updated["name"] == "final.txt" and updated["size"] == "10"
    assert drive.files().get_media(fileId=made["id"]).execute() == b"final text"


def test_resumable_update_and_empty_upload(drive: Any) -> None:
    empty = MediaIoBaseUpload(io.BytesIO(b""), mimetype="text/plain", resumable=True)
    made = drive.files().create(body={"name": "empty.txt"}, media_body=empty, fields="id").execute()
    got = drive.files().get(fileId=made["id"], fields="size, mimeType, md5Checksum").execute()
    assert got == {"size": "0", "mimeType": "text/plain", "md5Checksum": hashlib.md5(b"").hexdigest()}
    full = MediaIoBaseUpload(io.BytesIO(b"now full"), mimetype="text/plain", resumable=True)
    put = drive.files().update(fileId=made["id"], media_body=full, fields="id, size").execute()
    assert put == {"id": made["id"], "size": "8"}
    assert drive.files().get_media(fileId=made["id"]).execute() == b"now full"
    assert len(drive.revisions().list(fileId=made["id"]).execute()["revisions"]) == 2


def test_quota_counts_uploaded_bytes(drive: Any) -> None:
    media = MediaIoBaseUpload(io.BytesIO(b"12345"), mimetype="text/plain")
    drive.files().create(media_body=media).execute()
    about = drive.about().get(fields="storageQuota, user(emailAddress, me)").execute()
    assert about["user"] == {"emailAddress": "owner@example.com", "me": True}
    assert about["storageQuota"]["usage"] == "5" and about["storageQuota"]["limit"].isdigit()


def test_a_reader_cannot_upload_new_content(drive: Any, other: Any) -> None:
    made = drive.files().create(body={"name": "shared.txt"}, fields="id").execute()
    drive.permissions().create(
        fileId=made["id"], body={"type": "user", "role": "reader", "emailAddress": "other@example.com"}
    ).execute()
    media = MediaIoBaseUpload(io.BytesIO(b"overwrite"), mimetype="text/plain")
    with pytest.raises(HttpError) as caught:
        other.files().update(fileId=made["id"], media_body=media).execute()
    assert caught.value.resp.status == 403
    assert error_of(caught.value)["errors"][0]["reason"] == "insufficientFilePermissions"


def test_download_of_a_folder_is_refused(drive: Any) -> None:
    folder = drive.files().create(body={"name": "F", "mimeType": FOLDER}).execute()
    with pytest.raises(HttpError) as caught:
        drive.files().get_media(fileId=folder["id"]).execute()
    error = error_of(caught.value)
    assert caught.value.resp.status == 403 and error["errors"][0]["reason"] == "fileNotDownloadable"


def test_export_of_a_binary_file_is_refused(drive: Any) -> None:
    made = drive.files().create(body={"name": "a.txt"}).execute()
    with pytest.raises(HttpError) as caught:
        drive.files().export(fileId=made["id"], mimeType="application/pdf").execute()
    error = error_of(caught.value)
    assert caught.value.resp.status == 403 and error["errors"][0]["reason"] == "fileNotExportable"
    assert error["message"] == "Export only supports Docs Editors files."


def test_resumable_session_wire(twin: Any) -> None:
    """Raw HTTP on purpose: the client never shows the session URL, the 308's ``Range`` header, or what a
    PUT to a finished session answers, and these are what other clients (gsutil, curl scripts) rely on."""
    data = b"a" * 10 + b"b" * 5
    with twin.http() as http:
        start = http.post(
            "/upload/drive/v3/files",
            params={"uploadType": "resumable"},
            json={"name": "wire.txt"},
            headers={"X-Upload-Content-Type": "text/plain"},
        )
        assert start.status_code == 200
        session = start.headers["location"]
        assert "upload_id=" in session and session.startswith(twin.base_url + "/upload/drive/v3/files")
        first = http.put(session, content=data[:10], headers={"Content-Range": f"bytes 0-9/{len(data)}"})
        assert first.status_code == 308 and first.headers["range"] == "bytes=0-9"
        last = http.put(session, content=data[10:], headers={"Content-Range": f"bytes 10-14/{len(data)}"})
        assert last.status_code == 200 and last.json()["name"] == "wire.txt"
        again = http.put(session, content=b"", headers={"Content-Range": f"bytes */{len(data)}"})
        assert again.status_code == 404
