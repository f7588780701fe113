"""User stories: organise a project folder; trash and restore; copy; generated ids."""

from __future__ import annotations

import io
import time
from typing import Any

import pytest
from drive_helpers import FOLDER, error_of
from googleapiclient.errors import HttpError
from googleapiclient.http import MediaIoBaseUpload


def _folder(drive: Any, name: str, parent: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"name": name, "mimeType": FOLDER}
    if parent:
        body["parents"] = [parent]
    return drive.files().create(body=body, fields="id, name, parents").execute()  # type: ignore[no-any-return]


def test_organise_a_project_folder(drive: Any) -> None:
    root = drive.files().get(fileId="root", fields="id, name, mimeType").execute()
    assert root["name"] == "My Drive" and root["mimeType"] == FOLDER and root["id"] != "root"

    project = _folder(drive, "Project Apollo")
    assert project["parents"] == [root["id"]]  # no parent given: My Drive
    specs = _folder(drive, "Specs", project["id"])
    notes = drive.files().create(body={"name": "notes.txt", "parents": [project["id"]]}, fields="*").execute()
    assert notes["mimeType"] == "text/plain"  # guessed from the name, as Drive does
    assert notes["size"] == "0" and notes["ownedByMe"] is True

    children = (
        drive.files()
        .list(q=f"'{project['id']}' in parents", orderBy="folder,name", fields="files(id, name, mimeType)")
        .execute()["files"]
    )
    assert [c["name"] for c in children] == ["Specs", "notes.txt"]

    before = notes["modifiedTime"]
    time.sleep(0.01)
    moved = (
        drive.files()
        .update(
            fileId=notes["id"],
            addParents=specs["id"],
            removeParents=project["id"],
            body={"name": "design-notes.txt"},
            fields="name, parents, modifiedTime, version",
        )
        .execute()
    )
    assert moved["parents"] == [specs["id"]] and moved["name"] == "design-notes.txt"
    assert moved["modifiedTime"] > before and moved["modifiedTime"].endswith("Z")
    assert len(moved["modifiedTime"]) == len("2024-01-01T00:00:00.000Z")
    assert int(moved["version"]) > int(notes["version"])

    in_specs = drive.files().list(q=f"'{specs['id']}' in parents").execute()
    assert [f["name"] for f in in_specs["files"]] == ["design-notes.txt"]
    at_root = drive.files().list(q="'root' in parents and mimeType = 'application/vnd.google-apps.folder'").execute()
    assert [f["name"] for f in at_root["files"]] == ["Project Apollo"]


def test_parents_cannot_be_written_directly_on_update(drive: Any) -> None:
    folder = _folder(drive, "Somewhere")
    file = drive.files().create(body={"name": "x"}).execute()
    with pytest.raises(HttpError) as caught:
        drive.files().update(fileId=file["id"], body={"parents": [folder["id"]]}).execute()
    assert error_of(caught.value)["errors"][0]["reason"] == "fieldNotWritable"
    assert caught.value.resp.status == 403


def test_a_folder_cannot_move_into_itself(drive: Any) -> None:
    outer = _folder(drive, "Outer")
    inner = _folder(drive, "Inner", outer["id"])
    with pytest.raises(HttpError) as caught:
        drive.files().update(fileId=outer["id"], addParents=inner["id"], removeParents="root").execute()
    assert caught.value.resp.status == 400


def test_trash_and_restore(drive: Any) -> None:
    folder = _folder(drive, "Old stuff")
    inside = drive.files().create(body={"name": "report.pdf", "parents": [folder["id"]]}).execute()
    drive.files().update(fileId=folder["id"], body={"trashed": True}).execute()

    fields = "trashed, explicitlyTrashed, trashedTime, trashingUser(emailAddress)"
    child = drive.files().get(fileId=inside["id"], fields=fields).execute()
    assert child["trashed"] is True and child["explicitlyTrashed"] is False  # trashed with its folder
    top = drive.files().get(fileId=folder["id"], fields=fields).execute()
    assert top["explicitlyTrashed"] is True and top["trashingUser"]["emailAddress"] == "owner@example.com"
    live = drive.files().list(q="trashed = false").execute()["files"]
    assert inside["id"] not in {f["id"] for f in live}
    in_trash = drive.files().list(q="trashed = true", fields="files(name)").execute()["files"]
    assert sorted(f["name"] for f in in_trash) == ["Old stuff", "report.pdf"]

    drive.files().update(fileId=folder["id"], body={"trashed": False}).execute()
    restored = drive.files().get(fileId=inside["id"], fields="trashed").execute()
    assert restored["trashed"] is False


def test_empty_trash_deletes_for_good(drive: Any) -> None:
    keep = drive.files().create(body={"name": "keep"}).execute()
    gone = drive.files().create(body={"name": "gone"}).execute()
    drive.files().update(fileId=gone["id"], body={"trashed": True}).execute()
    assert drive.files().emptyTrash().execute() == ""
    with pytest.raises(HttpError) as caught:
        drive.files().get(fileId=gone["id"]).execute()
    assert caught.value.resp.status == 404
    assert drive.files().get(fileId=keep["id"]).execute()["name"] == "keep"


def test_delete_a_folder_deletes_what_is_inside(drive: Any) -> None:
    folder = _folder(drive, "Temp")
    inside = drive.files().create(body={"name": "a", "parents": [folder["id"]]}).execute()
    assert drive.files().delete(fileId=folder["id"]).execute() == ""
    for file_id in (folder["id"], inside["id"]):
        with pytest.raises(HttpError) as caught:
            drive.files().get(fileId=file_id).execute()
        assert error_of(caught.value)["message"] == f"File not found: {file_id}."


def test_copy_keeps_the_name_and_parent(drive: Any) -> None:
    folder = _folder(drive, "Drafts")
    media = MediaIoBaseUpload(io.BytesIO(b"hello"), mimetype="text/plain")
    uploaded = drive.files().create(media_body=media, fields="id").execute()
    drive.files().update(fileId=uploaded["id"], addParents=folder["id"], removeParents="root").execute()
    copy = drive.files().copy(fileId=uploaded["id"], fields="id, name, parents, md5Checksum, size").execute()
    assert copy["id"] != uploaded["id"] and copy["parents"] == [folder["id"]] and copy["size"] == "5"
    assert drive.files().get_media(fileId=copy["id"]).execute() == b"hello"
    renamed = drive.files().copy(fileId=uploaded["id"], body={"name": "Copy 2"}, fields="name").execute()
    assert renamed["name"] == "Copy 2"


def test_generated_ids_can_name_new_files(drive: Any) -> None:
    generated = drive.files().generateIds(count=3).execute()
    assert generated["kind"] == "drive#generatedIds" and generated["space"] == "drive"
    assert len(generated["ids"]) == 3 and len(set(generated["ids"])) == 3
    wanted = generated["ids"][0]
    made = drive.files().create(body={"id": wanted, "name": "pre-named"}).execute()
    assert made["id"] == wanted
    with pytest.raises(HttpError) as caught:
        drive.files().create(body={"id": wanted, "name": "again"}).execute()
    assert caught.value.resp.status == 409


def test_starred_is_per_user_and_searchable(drive: Any) -> None:
    file = drive.files().create(body={"name": "fav", "starred": True}, fields="id, starred").execute()
    assert file["starred"] is True
    drive.files().create(body={"name": "plain"}).execute()
    starred = drive.files().list(q="starred = true", fields="files(name)").execute()["files"]
    assert [f["name"] for f in starred] == ["fav"]
