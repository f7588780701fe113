"""Media upload and download, checksums and revisions.

googleapiclient sends every media upload to ``https://`` on the endpoint's host, whatever the endpoint's
scheme, and the twin has no TLS yet (``serve --tls`` comes with the runtime later). So uploads here are
raw httpx requests shaped exactly as googleapiclient shapes them (the same paths, ``uploadType`` values,
``multipart/related`` body and resumable ``Content-Range`` PUTs); downloads go through the client, since
``alt=media`` uses the ordinary endpoint.
"""

from __future__ import annotations

import hashlib
import io
import json
from email.mime.multipart import MIMEMultipart
from email.mime.nonmultipart import MIMENonMultipart
from typing import Any

import pytest
from drive_helpers import error_of
from googleapiclient.discovery import _BytesGenerator  # the generator the client itself uses
from googleapiclient.errors import HttpError
from googleapiclient.http import MediaIoBaseDownload

FIELDS = "id, name, mimeType, size, md5Checksum, headRevisionId, modifiedTime"


def _related(metadata: dict[str, Any], content: bytes, mime: str) -> tuple[bytes, str]:
    """A multipart/related body built the way googleapiclient builds it."""
    root = MIMEMultipart("related")
    root._write_headers = lambda self: None  # type: ignore[attr-defined]
    meta = MIMENonMultipart("application", "json")
    meta.set_payload(json.dumps(metadata))
    root.attach(meta)
    media = MIMENonMultipart(*mime.split("/"))
    media["Content-Transfer-Encoding"] = "binary"
    media.set_payload(content)
    root.attach(media)
    out = io.BytesIO()
    _BytesGenerator(out, mangle_from_=False).flatten(root, unixfrom=False)
    return out.getvalue(), f'multipart/related; boundary="{root.get_boundary()}"'


def test_simple_upload_and_download(twin: Any, drive: Any) -> None:
    data = b"col1,col2\n1,2\n"
    with twin.http() as http:
        made = http.post(
            "/upload/drive/v3/files",
            params={"uploadType": "media", "fields": FIELDS},
            content=data,
            headers={"Content-Type": "text/csv"},
        ).json()
    assert made["name"] == "Untitled" and made["mimeType"] == "text/csv"
    assert made["size"] == str(len(data)) and made["md5Checksum"] == hashlib.md5(data).hexdigest()
    assert drive.files().get_media(fileId=made["id"]).execute() == data


def test_multipart_upload(twin: Any, drive: Any) -> None:
    folder = drive.files().create(body={"name": "Pics", "mimeType": "application/vnd.google-apps.folder"}).execute()
    data = bytes(range(256)) * 4
    body, content_type = _related({"name": "noise.bin", "parents": [folder["id"]]}, data, "application/x-noise")
    with twin.http() as http:
        made = http.post(
            "/upload/drive/v3/files",
            params={"uploadType": "multipart", "fields": FIELDS + ", parents"},
            content=body,
            headers={"Content-Type": content_type},
        ).json()
    assert made["name"] == "noise.bin" and made["mimeType"] == "application/x-noise"
    assert made["parents"] == [folder["id"]] and made["size"] == "1024"
    buffer = io.BytesIO()
    downloader = MediaIoBaseDownload(buffer, drive.files().get_media(fileId=made["id"]), chunksize=300)
    done = False
    while not done:
        _, done = downloader.next_chunk()  # ranged GETs: 206 with Content-Range
    assert buffer.getvalue() == data


def test_resumable_upload_in_chunks(twin: Any, drive: Any) -> None:
    data = b"x" * 1000 + b"y" * 500
    with twin.http() as http:
        start = http.post(
            "/upload/drive/v3/files",
            params={"uploadType": "resumable", "fields": FIELDS},
            json={"name": "big.log", "mimeType": "text/plain"},
            headers={"X-Upload-Content-Type": "text/plain"},
        )
        assert start.status_code == 200
        session = start.headers["location"]
        assert "upload_id=" in session and session.startswith(twin.base_url + "/upload/drive/v3/files")
        first = http.put(session, content=data[:1000], headers={"Content-Range": f"bytes 0-999/{len(data)}"})
        assert first.status_code == 308 and first.headers["range"] == "bytes=0-999"
        last = http.put(session, content=data[1000:], headers={"Content-Range": f"bytes 1000-1499/{len(data)}"})
        assert last.status_code == 200
        made = last.json()
    assert made["name"] == "big.log" and made["size"] == "1500"
    assert made["md5Checksum"] == hashlib.md5(data).hexdigest()
    assert drive.files().get_media(fileId=made["id"]).execute() == data


def test_update_content_makes_revisions(twin: Any, drive: Any) -> None:
    with twin.http() as http:
        made = http.post(
            "/upload/drive/v3/files",
            params={"uploadType": "media", "fields": FIELDS},
            content=b"v1",
            headers={"Content-Type": "text/plain"},
        ).json()
        updated = http.patch(
            f"/upload/drive/v3/files/{made['id']}",
            params={"uploadType": "media", "fields": FIELDS},
            content=b"version two",
            headers={"Content-Type": "text/plain"},
        ).json()
    assert updated["id"] == made["id"] and updated["size"] == "11"
    assert updated["headRevisionId"] != made["headRevisionId"] and updated["modifiedTime"] > made["modifiedTime"]
    revisions = drive.revisions().list(fileId=made["id"]).execute()
    assert revisions["kind"] == "drive#revisionList"
    assert [r["id"] for r in revisions["revisions"]] == [made["headRevisionId"], updated["headRevisionId"]]
    assert set(revisions["revisions"][0]) == {"kind", "id", "mimeType", "modifiedTime"}
    first = drive.revisions().get_media(fileId=made["id"], revisionId=made["headRevisionId"]).execute()
    assert first == b"v1"
    assert drive.files().get_media(fileId=made["id"]).execute() == b"version two"


def test_download_of_a_folder_is_refused(drive: Any) -> None:
    folder = drive.files().create(body={"name": "F", "mimeType": "application/vnd.google-apps.folder"}).execute()
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


def test_quota_counts_uploaded_bytes(twin: Any, drive: Any) -> None:
    with twin.http() as http:
        http.post(
            "/upload/drive/v3/files",
            params={"uploadType": "media"},
            content=b"12345",
            headers={"Content-Type": "text/plain"},
        ).raise_for_status()
    about = drive.about().get(fields="storageQuota, user(emailAddress, me)").execute()
    assert about["user"] == {"emailAddress": "owner@example.com", "me": True}
    assert about["storageQuota"]["usage"] == "5" and about["storageQuota"]["limit"].isdigit()


def test_resumable_update_and_empty_upload(twin: Any, drive: Any) -> None:
    with twin.http() as http:
        start = http.post("/upload/drive/v3/files", params={"uploadType": "resumable"}, json={"name": "empty.txt"})
        done = http.put(start.headers["location"], content=b"", headers={"Content-Range": "bytes */0"})
        assert done.status_code == 200
        made = done.json()
        assert drive.files().get(fileId=made["id"], fields="size, mimeType").execute() == {
            "size": "0",
            "mimeType": "text/plain",
        }
        start = http.patch(f"/upload/drive/v3/files/{made['id']}", params={"uploadType": "resumable"}, json={})
        assert start.status_code == 200
        put = http.put(start.headers["location"], content=b"now full", headers={"Content-Range": "bytes 0-7/8"})
        assert put.status_code == 200 and put.json()["id"] == made["id"]
    assert drive.files().get_media(fileId=made["id"]).execute() == b"now full"
    assert len(drive.revisions().list(fileId=made["id"]).execute()["revisions"]) == 2
