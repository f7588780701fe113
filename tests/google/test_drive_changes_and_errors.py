"""The change log, about.get, and Google's error envelopes for auth and parameters."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from drive_helpers import error_of
from google.auth.exceptions import RefreshError
from googleapiclient.errors import HttpError


def test_changes_follow_creates_updates_and_deletes(drive: Any, other: Any) -> None:
    start = drive.changes().getStartPageToken().execute()
    assert start["kind"] == "drive#startPageToken" and start["startPageToken"].isdigit()
    first = drive.files().create(body={"name": "first"}).execute()
    second = drive.files().create(body={"name": "second"}).execute()
    drive.files().update(fileId=first["id"], body={"name": "first, renamed"}).execute()
    drive.files().delete(fileId=second["id"]).execute()

    listing = drive.changes().list(pageToken=start["startPageToken"]).execute()
    assert listing["kind"] == "drive#changeList" and "newStartPageToken" in listing
    changes = listing["changes"]
    # each file once, at its latest change, in the order of those changes
    assert [(c["fileId"], c["removed"]) for c in changes] == [(first["id"], False), (second["id"], True)]
    assert changes[0]["file"]["name"] == "first, renamed" and changes[0]["changeType"] == "file"
    assert "file" not in changes[1]

    again = drive.changes().list(pageToken=listing["newStartPageToken"]).execute()
    assert again["changes"] == []
    # nothing of the owner's private files reaches the other user's change log
    assert other.changes().list(pageToken=start["startPageToken"]).execute()["changes"] == []


def test_changes_page(drive: Any) -> None:
    token = drive.changes().getStartPageToken().execute()["startPageToken"]
    made = [drive.files().create(body={"name": f"f{i}"}).execute()["id"] for i in range(5)]
    seen: list[str] = []
    while True:
        page = drive.changes().list(pageToken=token, pageSize=2).execute()
        seen.extend(c["fileId"] for c in page["changes"])
        if "newStartPageToken" in page:
            break
        token = page["nextPageToken"]
    assert seen == made


def test_sharing_shows_up_in_the_other_users_changes(drive: Any, other: Any) -> None:
    token = other.changes().getStartPageToken().execute()["startPageToken"]
    doc = drive.files().create(body={"name": "for you"}).execute()
    perm = (
        drive.permissions()
        .create(fileId=doc["id"], body={"type": "user", "role": "reader", "emailAddress": "other@example.com"})
        .execute()
    )
    got = other.changes().list(pageToken=token).execute()["changes"]
    assert [(c["fileId"], c["removed"]) for c in got] == [(doc["id"], False)]
    drive.permissions().delete(fileId=doc["id"], permissionId=perm["id"]).execute()
    got = other.changes().list(pageToken=token).execute()["changes"]
    assert [(c["fileId"], c["removed"]) for c in got] == [(doc["id"], True)]


def test_about_needs_fields(drive: Any) -> None:
    with pytest.raises(HttpError) as caught:
        drive.about().get().execute()
    error = error_of(caught.value)
    assert caught.value.resp.status == 400
    assert error["message"] == "The 'fields' parameter is required for this method."
    assert error["errors"][0]["reason"] == "required" and error["errors"][0]["location"] == "fields"
    about = drive.about().get(fields="*").execute()
    assert about["kind"] == "drive#about" and about["user"]["displayName"] == "Olive Owner"


def test_bad_token_is_an_auth_error(twin: Any) -> None:
    # through the client a 401 makes google-auth try a token refresh, which a bare token cannot do
    drive = twin.drive(token="ya29.not-a-real-token")
    with pytest.raises(RefreshError):
        drive.files().list().execute()
    with httpx.Client(base_url=twin.base_url, headers={"Authorization": "Bearer ya29.not-a-real-token"}) as http:
        answer = http.get("/drive/v3/files")
    assert answer.status_code == 401
    error = answer.json()["error"]
    assert error["code"] == 401 and error["status"] == "UNAUTHENTICATED"
    assert error["errors"] == [
        {
            "message": "Invalid Credentials",
            "domain": "global",
            "reason": "authError",
            "location": "Authorization",
            "locationType": "header",
        }
    ]


def test_credentials_are_listed(twin: Any) -> None:
    with httpx.Client(base_url=twin.base_url) as http:
        listing = http.get("/_twin/credentials").json()["credentials"]
    assert {c["name"] for c in listing} >= {"owner", "other"}
    assert all(c["scheme"] == "bearer" for c in listing)


def test_missing_file_id_for_a_deleted_file(drive: Any) -> None:
    with pytest.raises(HttpError) as caught:
        drive.files().update(fileId="1doesnotexist", body={"name": "x"}).execute()
    assert error_of(caught.value)["errors"][0]["reason"] == "notFound"
    with pytest.raises(HttpError) as caught:
        drive.permissions().list(fileId="1doesnotexist").execute()
    assert caught.value.resp.status == 404


def test_changes_list_needs_a_page_token(twin: Any) -> None:
    # googleapiclient refuses to send this call without pageToken, so ask over raw HTTP
    with twin.http() as http:
        answer = http.get("/drive/v3/changes")
    assert answer.status_code == 400
    assert answer.json()["error"]["errors"][0]["reason"] == "required"
    assert answer.json()["error"]["errors"][0]["location"] == "pageToken"


def test_times_without_a_zone_are_refused_and_zoned_ones_kept(drive: Any) -> None:
    doc = drive.files().create(body={"name": "dated"}).execute()
    # Drive answers 400 to a time with no offset (googleapis.dart#79); read as local time it would vary by machine
    with pytest.raises(HttpError) as caught:
        drive.files().update(fileId=doc["id"], body={"modifiedTime": "2024-03-01T12:00:00"}).execute()
    assert caught.value.resp.status == 400
    assert error_of(caught.value)["errors"][0]["reason"] == "invalid"
    updated = (
        drive.files()
        .update(fileId=doc["id"], body={"modifiedTime": "2024-03-01T14:00:00+02:00"}, fields="modifiedTime")
        .execute()
    )
    assert updated["modifiedTime"] == "2024-03-01T12:00:00.000Z"
