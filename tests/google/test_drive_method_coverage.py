"""Every Drive v3 method, called once through googleapiclient: each answers 2xx or a Google error envelope.

``/_twin/coverage`` must call every method behaviour (shared drives, approvals and labels included).
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from typing import Any

import httpx
from googleapiclient.errors import HttpError
from googleapiclient.http import MediaIoBaseUpload

STUBBED: set[str] = set()
OTHER = "other@example.com"


def _calls(drive: Any, ids: dict[str, str]) -> dict[str, Callable[[], Any]]:
    f, c, a = ids["file"], ids["comment"], ids["approval"]
    files, perms, comments, replies = drive.files(), drive.permissions(), drive.comments(), drive.replies()
    hook = {"id": "ch-1", "type": "web_hook", "address": "https://example.com/hook"}
    return {
        "drive.about.get": lambda: drive.about().get(fields="user"),
        "drive.accessproposals.get": lambda: drive.accessproposals().get(fileId=f, proposalId="p1"),
        "drive.accessproposals.list": lambda: drive.accessproposals().list(fileId=f),
        "drive.accessproposals.resolve": lambda: drive.accessproposals().resolve(fileId=f, proposalId="p1", body={}),
        # the owner started ids["approval"]: the owner is no reviewer, so approve/decline are refused
        "drive.approvals.approve": lambda: drive.approvals().approve(fileId=f, approvalId=a, body={}),
        "drive.approvals.cancel": lambda: drive.approvals().cancel(
            fileId=ids["second"], approvalId=ids["doomed_approval"], body={}
        ),
        "drive.approvals.comment": lambda: drive.approvals().comment(fileId=f, approvalId=a, body={"message": "m"}),
        "drive.approvals.decline": lambda: drive.approvals().decline(fileId=f, approvalId=a, body={}),
        "drive.approvals.get": lambda: drive.approvals().get(fileId=f, approvalId=a),
        "drive.approvals.list": lambda: drive.approvals().list(fileId=f),
        "drive.approvals.reassign": lambda: drive.approvals().reassign(
            fileId=f, approvalId=a, body={"addReviewers": [{"addedReviewerEmail": "third@example.com"}]}
        ),
        "drive.approvals.start": lambda: drive.approvals().start(
            fileId=ids["doomed"], body={"reviewerEmails": [OTHER]}
        ),
        **_drive_calls(drive, ids),
        "drive.apps.get": lambda: drive.apps().get(appId="123"),
        "drive.apps.list": lambda: drive.apps().list(),
        "drive.changes.getStartPageToken": lambda: drive.changes().getStartPageToken(),
        "drive.changes.list": lambda: drive.changes().list(pageToken="1"),
        "drive.changes.watch": lambda: drive.changes().watch(pageToken="1", body=hook),
        "drive.channels.stop": lambda: drive.channels().stop(body={"id": "nope", "resourceId": "nope"}),
        "drive.comments.create": lambda: comments.create(fileId=f, body={"content": "hi"}, fields="id"),
        "drive.comments.delete": lambda: comments.delete(fileId=f, commentId=ids["doomed_comment"]),
        "drive.comments.get": lambda: comments.get(fileId=f, commentId=c, fields="*"),
        "drive.comments.list": lambda: comments.list(fileId=f, fields="*"),
        "drive.comments.update": lambda: comments.update(fileId=f, commentId=c, body={"content": "x"}, fields="id"),
        "drive.files.copy": lambda: files.copy(fileId=f, body={}),
        "drive.files.create": lambda: files.create(body={"name": "made"}),
        "drive.files.delete": lambda: files.delete(fileId=ids["doomed"]),
        "drive.files.download": lambda: files.download(fileId=f),
        "drive.files.emptyTrash": lambda: files.emptyTrash(),
        "drive.files.export": lambda: files.export(fileId=f, mimeType="application/pdf"),
        "drive.files.generateCseToken": lambda: files.generateCseToken(fileId=f),
        "drive.files.generateIds": lambda: files.generateIds(count=2),
        "drive.files.get": lambda: files.get(fileId=f),
        "drive.files.list": lambda: files.list(),
        "drive.files.listLabels": lambda: files.listLabels(fileId=f),
        "drive.files.modifyLabels": lambda: files.modifyLabels(
            fileId=f, body={"labelModifications": [{"labelId": "Pq2wE4rT6yU8iO0pA1sD3fG5hJ7kL9zXcVbNmQwE"}]}
        ),
        "drive.files.update": lambda: files.update(fileId=f, body={"description": "d"}),
        "drive.files.watch": lambda: files.watch(fileId=f, body=hook),
        "drive.operations.get": lambda: drive.operations().get(name="operations/none"),
        "drive.permissions.create": lambda: perms.create(
            fileId=f, body={"type": "user", "role": "reader", "emailAddress": OTHER}
        ),
        "drive.permissions.delete": lambda: perms.delete(fileId=f, permissionId=ids["doomed_permission"]),
        "drive.permissions.get": lambda: perms.get(fileId=f, permissionId=ids["owner_permission"]),
        "drive.permissions.list": lambda: perms.list(fileId=f),
        "drive.permissions.update": lambda: perms.update(
            fileId=f, permissionId=ids["domain_permission"], body={"role": "commenter"}
        ),
        "drive.replies.create": lambda: replies.create(fileId=f, commentId=c, body={"content": "r"}, fields="id"),
        "drive.replies.delete": lambda: replies.delete(fileId=f, commentId=c, replyId=ids["doomed_reply"]),
        "drive.replies.get": lambda: replies.get(fileId=f, commentId=c, replyId=ids["reply"], fields="*"),
        "drive.replies.list": lambda: replies.list(fileId=f, commentId=c, fields="*"),
        "drive.replies.update": lambda: replies.update(
            fileId=f, commentId=c, replyId=ids["reply"], body={"content": "e"}, fields="id"
        ),
        "drive.revisions.delete": lambda: drive.revisions().delete(fileId=f, revisionId=ids["old_revision"]),
        "drive.revisions.get": lambda: drive.revisions().get(fileId=f, revisionId=ids["head"]),
        "drive.revisions.list": lambda: drive.revisions().list(fileId=f),
        "drive.revisions.update": lambda: drive.revisions().update(
            fileId=f, revisionId=ids["head"], body={"keepForever": True}
        ),
    }


def _drive_calls(drive: Any, ids: dict[str, str]) -> dict[str, Callable[[], Any]]:
    d, drives, team = ids["drive"], drive.drives(), drive.teamdrives()
    return {
        "drive.drives.create": lambda: drives.create(requestId="cover-1", body={"name": "Made"}),
        "drive.drives.delete": lambda: drives.delete(driveId=ids["doomed_drive"]),
        "drive.drives.get": lambda: drives.get(driveId=d),
        "drive.drives.hide": lambda: drives.hide(driveId=d),
        "drive.drives.list": lambda: drives.list(),
        "drive.drives.unhide": lambda: drives.unhide(driveId=d),
        "drive.drives.update": lambda: drives.update(driveId=d, body={"name": "Renamed"}),
        "drive.teamdrives.create": lambda: team.create(requestId="cover-2", body={"name": "Made"}),
        "drive.teamdrives.delete": lambda: team.delete(teamDriveId=ids["doomed_team_drive"]),
        "drive.teamdrives.get": lambda: team.get(teamDriveId=d),
        "drive.teamdrives.list": lambda: team.list(),
        "drive.teamdrives.update": lambda: team.update(teamDriveId=d, body={"name": "Renamed again"}),
    }


def _prepare(drive: Any) -> dict[str, str]:
    ids: dict[str, str] = {}
    first = MediaIoBaseUpload(io.BytesIO(b"one"), mimetype="text/plain")
    made = drive.files().create(media_body=first, fields="id, headRevisionId").execute()
    ids["file"], ids["old_revision"] = made["id"], made["headRevisionId"]
    second = MediaIoBaseUpload(io.BytesIO(b"two"), mimetype="text/plain")
    ids["head"] = (
        drive.files().update(fileId=made["id"], media_body=second, fields="headRevisionId").execute()["headRevisionId"]
    )
    for key in ("drive", "doomed_drive", "doomed_team_drive"):
        ids[key] = drive.drives().create(requestId=key, body={"name": key}).execute()["id"]
    ids["doomed"] = drive.files().create(body={"name": "doomed"}).execute()["id"]
    perm = drive.permissions().create(fileId=ids["file"], body={"type": "anyone", "role": "reader"}).execute()
    ids["doomed_permission"] = perm["id"]
    domain = {"type": "domain", "role": "reader", "domain": "example.com"}
    ids["domain_permission"] = drive.permissions().create(fileId=ids["file"], body=domain).execute()["id"]
    listed = drive.permissions().list(fileId=ids["file"], fields="permissions(id, role)").execute()
    ids["owner_permission"] = next(p["id"] for p in listed["permissions"] if p["role"] == "owner")
    comments = drive.comments()
    ids["comment"] = comments.create(fileId=ids["file"], body={"content": "c"}, fields="id").execute()["id"]
    ids["doomed_comment"] = comments.create(fileId=ids["file"], body={"content": "d"}, fields="id").execute()["id"]
    replies = drive.replies()
    for key in ("reply", "doomed_reply"):
        ids[key] = replies.create(
            fileId=ids["file"], commentId=ids["comment"], body={"content": key}, fields="id"
        ).execute()["id"]
    approvals = drive.approvals()
    ids["approval"] = approvals.start(fileId=ids["file"], body={"reviewerEmails": [OTHER]}).execute()["approvalId"]
    ids["second"] = second = drive.files().create(body={"name": "second"}).execute()["id"]
    ids["doomed_approval"] = approvals.start(fileId=second, body={"reviewerEmails": [OTHER]}).execute()["approvalId"]
    return ids


def test_every_drive_method_answers_as_drive_does(twin: Any, drive: Any) -> None:
    with httpx.Client(base_url=twin.base_url) as http:
        coverage = {row["id"]: row["source"] for row in http.get("/_twin/coverage").json()["operations"]}
    drive_ops = {op for op in coverage if op.startswith("drive.") and op.count(".") == 2}
    stubbed = {op for op in drive_ops if op in STUBBED}
    assert {op for op in drive_ops - stubbed if coverage[op] != "behaviour"} == set()
    assert {coverage[op] for op in stubbed} <= {"stub", "inferred"}  # the runtime's generic answers

    calls = _calls(drive, _prepare(drive))
    assert set(calls) == drive_ops - stubbed
    report: dict[str, str] = {}
    for op_id, make in sorted(calls.items()):
        try:
            make().execute()
            report[op_id] = "ok"
        except HttpError as exc:
            body = json.loads(exc.content)
            error = body["error"]
            assert error["code"] == exc.resp.status and error["errors"][0]["domain"] == "global", op_id
            assert error["errors"][0]["reason"] and error["message"], op_id
            report[op_id] = f"{exc.resp.status} {error['errors'][0]['reason']}"
    print("\n".join(f"{op}: {outcome}" for op, outcome in report.items()))
    # the methods below must succeed; the rest answer Drive's own refusal for what the twin holds
    refusals = {op: outcome for op, outcome in report.items() if outcome != "ok"}
    assert refusals == {
        "drive.accessproposals.get": "404 notFound",
        "drive.accessproposals.resolve": "404 notFound",
        "drive.approvals.approve": "403 forbidden",
        "drive.approvals.decline": "403 forbidden",
        "drive.apps.get": "404 notFound",
        "drive.channels.stop": "404 notFound",
        "drive.files.export": "403 fileNotExportable",
        "drive.operations.get": "404 notFound",
    }
