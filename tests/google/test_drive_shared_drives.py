"""User story: a team makes a shared drive, renames it, hides it from view, pages through drives, deletes
it; the deprecated ``teamdrives`` methods see the same drives. Through googleapiclient."""

from __future__ import annotations

from typing import Any

import pytest
from drive_helpers import error_of
from googleapiclient.errors import HttpError


def test_shared_drive_lifecycle(drive: Any, other: Any) -> None:
    made = drive.drives().create(requestId="req-1", body={"name": "Team"}).execute()
    assert set(made) == {"kind", "id", "name"} and made["kind"] == "drive#drive" and made["name"] == "Team"
    full = drive.drives().get(driveId=made["id"], fields="*").execute()
    assert full["hidden"] is False and full["capabilities"]["canManageMembers"] is True
    renamed = drive.drives().update(driveId=made["id"], body={"name": "Team A"}, fields="name").execute()
    assert renamed == {"name": "Team A"}
    assert drive.drives().hide(driveId=made["id"], fields="hidden").execute() == {"hidden": True}
    hidden = drive.drives().list(q="hidden = true", fields="drives(id)").execute()
    assert hidden == {"drives": [{"id": made["id"]}]}
    assert drive.drives().unhide(driveId=made["id"], fields="hidden").execute() == {"hidden": False}
    # someone who is not a member cannot see it at all
    with pytest.raises(HttpError) as caught:
        other.drives().get(driveId=made["id"]).execute()
    assert caught.value.resp.status == 404 and error_of(caught.value)["errors"][0]["reason"] == "notFound"
    assert other.drives().list().execute() == {"kind": "drive#driveList", "drives": []}
    drive.drives().delete(driveId=made["id"]).execute()
    with pytest.raises(HttpError) as caught:
        drive.drives().get(driveId=made["id"]).execute()
    assert caught.value.resp.status == 404


def test_request_id_makes_creation_idempotent(drive: Any, other: Any) -> None:
    drive.drives().create(requestId="same", body={"name": "One"}).execute()
    with pytest.raises(HttpError) as caught:
        drive.drives().create(requestId="same", body={"name": "One"}).execute()
    assert caught.value.resp.status == 409 and error_of(caught.value)["errors"][0]["reason"] == "duplicate"
    # the request id is per user
    other.drives().create(requestId="same", body={"name": "Theirs"}).execute()
    assert len(drive.drives().list().execute()["drives"]) == 1


def test_paging_and_team_drive_aliases(drive: Any) -> None:
    ids = [drive.drives().create(requestId=f"r{n}", body={"name": f"D{n}"}).execute()["id"] for n in range(5)]
    seen: list[str] = []
    token = None
    while True:
        page = drive.drives().list(pageSize=2, pageToken=token).execute()
        seen += [d["id"] for d in page["drives"]]
        token = page.get("nextPageToken")
        if token is None:
            break
    assert seen == ids
    team = drive.teamdrives().get(teamDriveId=ids[0]).execute()
    assert team == {"kind": "drive#teamDrive", "id": ids[0], "name": "D0"}
    listed = drive.teamdrives().list(fields="teamDrives(id)").execute()["teamDrives"]
    assert [t["id"] for t in listed] == ids
    drive.teamdrives().delete(teamDriveId=ids[0]).execute()
    assert ids[0] not in [d["id"] for d in drive.drives().list().execute()["drives"]]
    with pytest.raises(HttpError) as caught:
        drive.drives().list(q="fullText contains 'x'").execute()
    assert caught.value.resp.status == 400 and error_of(caught.value)["errors"][0]["location"] == "q"
