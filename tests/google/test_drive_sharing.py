"""User stories: share a file with the other user, revoke it, transfer ownership, share a folder."""

from __future__ import annotations

from typing import Any

import pytest
from drive_helpers import FOLDER, error_of
from googleapiclient.errors import HttpError

OWNER, OTHER = "owner@example.com", "other@example.com"


def _status(call: Any) -> int:
    with pytest.raises(HttpError) as caught:
        call.execute()
    return int(caught.value.resp.status)


def test_an_unshared_file_does_not_exist_for_the_other_user(drive: Any, other: Any) -> None:
    secret = drive.files().create(body={"name": "secret.txt"}).execute()
    with pytest.raises(HttpError) as caught:
        other.files().get(fileId=secret["id"]).execute()
    error = error_of(caught.value)
    assert error["message"] == f"File not found: {secret['id']}."
    assert error["errors"] == [
        {
            "message": f"File not found: {secret['id']}.",
            "domain": "global",
            "reason": "notFound",
            "location": "fileId",
            "locationType": "parameter",
        }
    ]
    assert other.files().list().execute()["files"] == []


def test_share_a_file_then_revoke(drive: Any, other: Any) -> None:
    doc = drive.files().create(body={"name": "plan.txt"}).execute()
    perm = (
        drive.permissions()
        .create(fileId=doc["id"], body={"type": "user", "role": "reader", "emailAddress": OTHER})
        .execute()
    )
    assert set(perm) == {"kind", "id", "type", "role"} and perm["role"] == "reader"

    seen = (
        other.files()
        .get(
            fileId=doc["id"],
            fields="name, ownedByMe, owners(emailAddress), capabilities/canEdit,"
            "sharingUser(emailAddress), sharedWithMeTime",
        )
        .execute()
    )
    assert seen["name"] == "plan.txt" and seen["ownedByMe"] is False
    assert seen["owners"] == [{"emailAddress": OWNER}] and seen["capabilities"] == {"canEdit": False}
    assert seen["sharingUser"]["emailAddress"] == OWNER and seen["sharedWithMeTime"].endswith("Z")
    shared = other.files().list(q="sharedWithMe = true", fields="files(id)").execute()["files"]
    assert shared == [{"id": doc["id"]}]

    with pytest.raises(HttpError) as caught:
        other.files().update(fileId=doc["id"], body={"name": "mine now"}).execute()
    error = error_of(caught.value)
    assert caught.value.resp.status == 403
    assert error["errors"][0]["reason"] == "insufficientFilePermissions"
    assert error["message"] == "The user does not have sufficient permissions for this file."

    drive.permissions().update(fileId=doc["id"], permissionId=perm["id"], body={"role": "writer"}).execute()
    renamed = (
        other.files()
        .update(fileId=doc["id"], body={"name": "plan v2.txt"}, fields="name, lastModifyingUser(emailAddress)")
        .execute()
    )
    assert renamed == {"name": "plan v2.txt", "lastModifyingUser": {"emailAddress": OTHER}}

    listed = drive.permissions().list(fileId=doc["id"], fields="permissions(role, emailAddress)").execute()
    assert sorted((p["emailAddress"], p["role"]) for p in listed["permissions"]) == [
        (OTHER, "writer"),
        (OWNER, "owner"),
    ]
    drive.permissions().delete(fileId=doc["id"], permissionId=perm["id"]).execute()
    assert _status(other.files().get(fileId=doc["id"])) == 404


def test_only_the_owner_may_trash_or_delete(drive: Any, other: Any) -> None:
    doc = drive.files().create(body={"name": "shared"}).execute()
    drive.permissions().create(
        fileId=doc["id"], body={"type": "user", "role": "writer", "emailAddress": OTHER}
    ).execute()
    assert _status(other.files().update(fileId=doc["id"], body={"trashed": True})) == 403
    assert _status(other.files().delete(fileId=doc["id"])) == 403


def test_sharing_a_folder_shares_what_is_inside(drive: Any, other: Any) -> None:
    folder = drive.files().create(body={"name": "Team", "mimeType": FOLDER}).execute()
    inside = drive.files().create(body={"name": "budget.csv", "parents": [folder["id"]]}).execute()
    drive.permissions().create(
        fileId=folder["id"], body={"type": "user", "role": "writer", "emailAddress": OTHER}
    ).execute()
    assert other.files().get(fileId=inside["id"], fields="name").execute() == {"name": "budget.csv"}
    listed = other.files().list(q=f"'{folder['id']}' in parents", fields="files(name)").execute()
    assert listed["files"] == [{"name": "budget.csv"}]
    # the other user writes into the shared folder, and owns what they create there
    theirs = (
        other.files()
        .create(body={"name": "their.txt", "parents": [folder["id"]]}, fields="owners(emailAddress)")
        .execute()
    )
    assert theirs["owners"] == [{"emailAddress": OTHER}]
    perms = drive.permissions().list(fileId=inside["id"], fields="permissions(emailAddress, role)").execute()
    assert {"emailAddress": OTHER, "role": "writer"} in perms["permissions"]


def test_transfer_ownership(drive: Any, other: Any) -> None:
    doc = drive.files().create(body={"name": "handover"}).execute()
    body = {"type": "user", "role": "owner", "emailAddress": OTHER}
    with pytest.raises(HttpError) as caught:
        drive.permissions().create(fileId=doc["id"], body=body).execute()
    assert caught.value.resp.status == 403
    drive.permissions().create(fileId=doc["id"], body=body, transferOwnership=True).execute()
    now = other.files().get(fileId=doc["id"], fields="ownedByMe, owners(emailAddress)").execute()
    assert now == {"ownedByMe": True, "owners": [{"emailAddress": OTHER}]}
    mine = drive.files().get(fileId=doc["id"], fields="ownedByMe, capabilities(canEdit)").execute()
    assert mine == {"ownedByMe": False, "capabilities": {"canEdit": True}}  # the old owner stays a writer


def test_anyone_with_the_link_can_open_but_not_find(drive: Any, other: Any) -> None:
    doc = drive.files().create(body={"name": "public"}).execute()
    link = drive.permissions().create(fileId=doc["id"], body={"type": "anyone", "role": "reader"}).execute()
    assert link["id"] == "anyoneWithLink"
    assert other.files().get(fileId=doc["id"], fields="name").execute() == {"name": "public"}
    assert other.files().list().execute()["files"] == []


def test_permission_needs_a_role(drive: Any) -> None:
    doc = drive.files().create(body={"name": "x"}).execute()
    with pytest.raises(HttpError) as caught:
        drive.permissions().create(fileId=doc["id"], body={"type": "user", "emailAddress": OTHER}).execute()
    assert caught.value.resp.status == 400
    assert error_of(caught.value)["errors"][0]["reason"] == "required"


def test_owner_permission_is_always_there(drive: Any) -> None:
    doc = drive.files().create(body={"name": "x"}).execute()
    perms = drive.permissions().list(fileId=doc["id"]).execute()
    assert perms["kind"] == "drive#permissionList"
    assert [(p["type"], p["role"]) for p in perms["permissions"]] == [("user", "owner")]
    owner_id = perms["permissions"][0]["id"]
    assert drive.permissions().get(fileId=doc["id"], permissionId=owner_id).execute()["role"] == "owner"
    assert _status(drive.permissions().delete(fileId=doc["id"], permissionId=owner_id)) == 403


def test_discuss_a_file_in_comments(drive: Any, other: Any) -> None:
    doc = drive.files().create(body={"name": "draft"}).execute()
    drive.permissions().create(
        fileId=doc["id"], body={"type": "user", "role": "commenter", "emailAddress": OTHER}
    ).execute()
    comment = other.comments().create(fileId=doc["id"], body={"content": "typo <here>"}, fields="*").execute()
    assert comment["author"]["emailAddress"] == OTHER and comment["htmlContent"] == "typo &lt;here&gt;"
    assert comment["resolved"] is False
    drive.replies().create(
        fileId=doc["id"], commentId=comment["id"], body={"content": "fixed", "action": "resolve"}, fields="id"
    ).execute()
    seen = drive.comments().list(fileId=doc["id"], fields="comments(resolved, replies(content, action))").execute()
    assert seen == {"comments": [{"resolved": True, "replies": [{"content": "fixed", "action": "resolve"}]}]}
    with pytest.raises(HttpError) as caught:
        drive.comments().list(fileId=doc["id"]).execute()
    assert error_of(caught.value)["message"] == "The 'fields' parameter is required for this method."
