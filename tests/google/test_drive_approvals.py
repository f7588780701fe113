"""User stories: ask a colleague to approve a file; they approve, decline, or the request is cancelled."""

from __future__ import annotations

import io
from typing import Any

import pytest
from drive_helpers import error_of
from googleapiclient.errors import HttpError
from googleapiclient.http import MediaIoBaseUpload

OWNER, OTHER, THIRD = "owner@example.com", "other@example.com", "third@example.com"
FULL = "*"


def _shared_file(drive: Any, role: str = "reader") -> str:
    made = drive.files().create(body={"name": "contract.txt"}).execute()
    body = {"type": "user", "role": role, "emailAddress": OTHER}
    drive.permissions().create(fileId=made["id"], body=body).execute()
    return str(made["id"])


def _start(drive: Any, file_id: str, *reviewers: str, **extra: Any) -> dict[str, Any]:
    body = {"reviewerEmails": list(reviewers), **extra}
    return dict(drive.approvals().start(fileId=file_id, body=body).execute())


def _responses(approval: dict[str, Any]) -> dict[str, str]:
    return {r["reviewer"]["emailAddress"]: r["response"] for r in approval["reviewerResponses"]}


def _refusal(call: Any) -> tuple[int, str]:
    with pytest.raises(HttpError) as caught:
        call.execute()
    error = error_of(caught.value)
    return int(error["code"]), str(error["errors"][0]["reason"])


def test_other_approves_and_the_owner_sees_it_approved(drive: Any, other: Any) -> None:
    file_id = _shared_file(drive)
    started = _start(drive, file_id, OTHER, message="Please review")
    assert started["kind"] == "drive#approval" and started["status"] == "IN_PROGRESS"
    assert started["targetFileId"] == file_id and started["initiator"]["emailAddress"] == OWNER
    assert _responses(started) == {OTHER: "NO_RESPONSE"}

    # the reviewer finds it on the file, then approves
    listed = other.approvals().list(fileId=file_id, fields="items(approvalId,status)").execute()
    assert listed["items"] == [{"approvalId": started["approvalId"], "status": "IN_PROGRESS"}]
    approved = other.approvals().approve(fileId=file_id, approvalId=started["approvalId"], body={}).execute()
    assert approved["status"] == "APPROVED" and _responses(approved) == {OTHER: "APPROVED"}

    seen = drive.approvals().get(fileId=file_id, approvalId=started["approvalId"]).execute()
    assert seen["status"] == "APPROVED" and seen["completeTime"] >= seen["createTime"]
    assert seen["approvedRevisionId"] and seen["modifyTime"] > started["modifyTime"]
    # a completed approval never changes again
    assert _refusal(drive.approvals().cancel(fileId=file_id, approvalId=started["approvalId"], body={})) == (
        400,
        "failedPrecondition",
    )


def test_every_reviewer_must_approve_and_one_decline_ends_it(drive: Any, other: Any) -> None:
    file_id = _shared_file(drive)
    approval = _start(drive, file_id, OTHER, THIRD)
    half = other.approvals().approve(fileId=file_id, approvalId=approval["approvalId"], body={}).execute()
    assert half["status"] == "IN_PROGRESS" and _responses(half) == {OTHER: "APPROVED", THIRD: "NO_RESPONSE"}
    assert "completeTime" not in half

    second = _start_again_refused(drive, file_id)
    assert second == (400, "failedPrecondition")  # one approval in progress per file
    drive.approvals().cancel(fileId=file_id, approvalId=approval["approvalId"], body={}).execute()

    again = _start(drive, file_id, OTHER)
    declined = (
        other.approvals().decline(fileId=file_id, approvalId=again["approvalId"], body={"message": "no"}).execute()
    )
    assert declined["status"] == "DECLINED" and _responses(declined) == {OTHER: "DECLINED"}
    statuses = drive.approvals().list(fileId=file_id, fields="items(status)").execute()["items"]
    assert [a["status"] for a in statuses] == ["CANCELLED", "DECLINED"]


def _start_again_refused(drive: Any, file_id: str) -> tuple[int, str]:
    return _refusal(drive.approvals().start(fileId=file_id, body={"reviewerEmails": [OTHER]}))


def test_who_may_do_what(drive: Any, other: Any) -> None:
    file_id = _shared_file(drive)  # other may only read
    approval = _start(drive, file_id, THIRD)
    ids = {"fileId": file_id, "approvalId": approval["approvalId"]}
    # a reader cannot start or cancel one, and only reviewers approve or decline
    assert _refusal(other.approvals().start(fileId=file_id, body={"reviewerEmails": [OWNER]})) == (
        403,
        "insufficientFilePermissions",
    )
    assert _refusal(other.approvals().cancel(**ids, body={})) == (403, "insufficientFilePermissions")
    assert _refusal(other.approvals().approve(**ids, body={}))[0] == 403
    assert _refusal(drive.approvals().decline(**ids, body={}))[0] == 403  # the initiator is no reviewer
    # someone who cannot see the file gets Drive's 404 for the file, not the approval
    private = drive.files().create(body={"name": "private"}).execute()["id"]
    hidden = _start(drive, private, OTHER)
    assert _refusal(other.approvals().get(fileId=private, approvalId=hidden["approvalId"])) == (404, "notFound")
    assert _refusal(drive.approvals().get(fileId=file_id, approvalId="nope")) == (404, "notFound")
    assert _refusal(drive.approvals().start(fileId=file_id, body={})) == (400, "required")


def test_reassign_and_comment(drive: Any, other: Any) -> None:
    file_id = _shared_file(drive)
    approval = _start(drive, file_id, OTHER)
    ids = {"fileId": file_id, "approvalId": approval["approvalId"]}
    # the reader may hand their own review on, but not add reviewers
    assert _refusal(other.approvals().reassign(**ids, body={"addReviewers": [{"addedReviewerEmail": OWNER}]})) == (
        403,
        "insufficientFilePermissions",
    )
    swap = {"replaceReviewers": [{"removedReviewerEmail": OTHER, "addedReviewerEmail": THIRD}]}
    swapped = other.approvals().reassign(**ids, body=swap).execute()
    assert _responses(swapped) == {THIRD: "NO_RESPONSE"}
    added = drive.approvals().reassign(**ids, body={"addReviewers": [{"addedReviewerEmail": OTHER}]}).execute()
    assert _responses(added) == {THIRD: "NO_RESPONSE", OTHER: "NO_RESPONSE"}
    assert _refusal(drive.approvals().reassign(**ids, body={"addReviewers": [{"addedReviewerEmail": OTHER}]}))[0] == 400

    commented = other.approvals().comment(**ids, body={"message": "Looks fine"}).execute()
    assert commented["modifyTime"] > added["modifyTime"] and commented["status"] == "IN_PROGRESS"
    assert _refusal(other.approvals().comment(**ids, body={})) == (400, "required")


def test_new_content_resets_approvals_unless_told_otherwise(twin: Any, drive: Any, other: Any) -> None:
    drive_writer = twin.drive("owner")
    file_id = _shared_file(drive, role="writer")
    reset = _start(drive, file_id, OTHER, THIRD)
    other.approvals().approve(fileId=file_id, approvalId=reset["approvalId"], body={}).execute()
    media = MediaIoBaseUpload(io.BytesIO(b"new terms"), mimetype="text/plain")
    drive_writer.files().update(fileId=file_id, media_body=media).execute()
    after = drive.approvals().get(fileId=file_id, approvalId=reset["approvalId"]).execute()
    assert _responses(after) == {OTHER: "NO_RESPONSE", THIRD: "NO_RESPONSE"}
    drive.approvals().cancel(fileId=file_id, approvalId=reset["approvalId"], body={}).execute()

    kept = _start(drive, file_id, OTHER, THIRD, fileContentChangeBehavior="NO_APPROVAL_ACTION")
    other.approvals().approve(fileId=file_id, approvalId=kept["approvalId"], body={}).execute()
    media = MediaIoBaseUpload(io.BytesIO(b"newer terms"), mimetype="text/plain")
    drive_writer.files().update(fileId=file_id, media_body=media).execute()
    still = drive.approvals().get(fileId=file_id, approvalId=kept["approvalId"], fields=FULL).execute()
    assert _responses(still)[OTHER] == "APPROVED" and still["fileContentChangeBehavior"] == "NO_APPROVAL_ACTION"


def test_capability_and_list_defaults(drive: Any, other: Any) -> None:
    file_id = _shared_file(drive)
    caps = {
        who: service.files().get(fileId=file_id, fields="capabilities(canStartApproval)").execute()["capabilities"]
        for who, service in (("owner", drive), ("other", other))
    }
    assert caps == {"owner": {"canStartApproval": True}, "other": {"canStartApproval": False}}
    _start(drive, file_id, OTHER, dueTime="2030-01-02T03:04:05Z")
    # without ``fields`` the list is minimal; asking for items shows them, with the due time in UTC
    assert drive.approvals().list(fileId=file_id).execute() == {"kind": "drive#approvalList"}
    items = drive.approvals().list(fileId=file_id, fields="items(dueTime)").execute()["items"]
    assert items == [{"dueTime": "2030-01-02T03:04:05.000Z"}]
