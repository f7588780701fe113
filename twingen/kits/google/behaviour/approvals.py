"""``approvals.*``: a formal review of a file, as Drive's "Manage approvals" guide describes it.

An approval is started by a writer on the file with a list of reviewer emails and is ``IN_PROGRESS``
until every reviewer approves (``APPROVED``), any reviewer declines (``DECLINED``) or a writer cancels it
(``CANCELLED``); a completed approval never changes again. With the default ``RESET_APPROVAL``, new
content while it is in progress puts every ``APPROVED`` response back to ``NO_RESPONSE``
(``content_changed``, called by ``files.update``).

Collection ``approvals``: id = approval id; ``{approvalId, fileId, initiator, reviewers: [{email,
response}], status, createTime, modifyTime, completeTime?, dueTime?, fileContentChangeBehavior,
lockFile, approvedRevisionId?, log: [{who, action, message, time}]}``.
"""

from __future__ import annotations

import re
from typing import Any

from ..runtime import Context, State, behaviour
from ..runtime.clock import BASE62_ALPHABET
from . import _errors as err
from ._fields import Mask
from ._files_model import WRITER, role_of
from ._files_ops import parse_time, readable, writable
from ._paging import SortValue, paginate
from ._render import render_user, rfc3339
from ._request import caller, mask_of, p_int, p_str, shape

__all__ = ["approvals_start", "content_changed"]

IN_PROGRESS = "IN_PROGRESS"
_BEHAVIOURS = ("RESET_APPROVAL", "NO_APPROVAL_ACTION")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# Drive documents that list "may not include the items array" without ``fields``: the twin leaves it out
_DEFAULT_LIST = "kind,nextPageToken"


def _body(ctx: Context) -> dict[str, Any]:
    return ctx.body if isinstance(ctx.body, dict) else {}


def _not_in_progress() -> Exception:
    return err.failed_precondition("The approval is not in progress.")


def _email(value: Any, location: str) -> str:
    text = str(value or "").strip().casefold()
    if not _EMAIL.match(text):
        raise err.invalid(location, f"Invalid email address: {value}")
    return text


def render_approval(state: State, approval: dict[str, Any], viewer: str) -> dict[str, Any]:
    out: dict[str, Any] = {
        "kind": "drive#approval",
        "approvalId": approval["approvalId"],
        "targetFileId": approval["fileId"],
        "createTime": rfc3339(float(approval["createTime"])),
        "modifyTime": rfc3339(float(approval["modifyTime"])),
        "status": approval["status"],
        "initiator": render_user(state, str(approval["initiator"]), viewer),
        "reviewerResponses": [
            {"kind": "drive#reviewerResponse", "reviewer": render_user(state, r["email"], viewer),
             "response": r["response"]}
            for r in approval["reviewers"]
        ],
        "fileContentChangeBehavior": approval["fileContentChangeBehavior"],
    }  # fmt: skip
    if approval.get("dueTime") is not None:
        out["dueTime"] = rfc3339(float(approval["dueTime"]))
    if approval.get("completeTime") is not None:
        out["completeTime"] = rfc3339(float(approval["completeTime"]))
    if approval.get("approvedRevisionId"):
        out["approvedRevisionId"] = approval["approvedRevisionId"]
    return out


def _on_file(state: State, file_id: str) -> list[dict[str, Any]]:
    return [a for a in state.collection("approvals").values() if a["fileId"] == file_id]


def _find(ctx: Context, me: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The file (which the caller must be able to read) and the approval on it, else Drive's 404s."""
    record = readable(ctx, str(ctx.params["fileId"]), me)
    approval_id = str(ctx.params["approvalId"])
    found = ctx.state.collection("approvals").get(approval_id)
    if found is None or found["fileId"] != record["id"]:
        raise err.not_found(f"Approval not found: {approval_id}.", "approvalId")
    return record, found


def _save(ctx: Context, approval: dict[str, Any], me: str, mask: Mask, action: str, message: Any = None) -> Any:
    now = ctx.now()
    approval["modifyTime"] = max(now, float(approval["modifyTime"]) + 0.001)
    entry = {"who": me, "action": action, "time": now}
    if message:
        entry["message"] = str(message)
    approval["log"] = [*approval.get("log", ()), entry]
    ctx.state.collection("approvals").put(str(approval["approvalId"]), approval)
    return shape(render_approval(ctx.state, approval, me), mask)


def _complete(ctx: Context, approval: dict[str, Any], record: dict[str, Any], status: str) -> None:
    approval["status"] = status
    approval["completeTime"] = ctx.now()
    if status == "APPROVED":
        # binary files have a head revision; Google-type files are versioned by ``version``
        approval["approvedRevisionId"] = str(record.get("headRevisionId") or record.get("version", 1))


def _my_response(approval: dict[str, Any], me: str) -> dict[str, Any]:
    for reviewer in approval["reviewers"]:
        if reviewer["email"] == me:
            return reviewer  # type: ignore[no-any-return]
    raise err.forbidden("forbidden", "The user is not a reviewer on this approval.")


@behaviour("drive.approvals.start")
def approvals_start(ctx: Context) -> Any:
    me = caller(ctx)
    mask = mask_of(ctx, "*", "Approval")
    record = writable(ctx, str(ctx.params["fileId"]), me)  # ``canStartApproval`` needs the writer role
    body = _body(ctx)
    emails = body.get("reviewerEmails")
    if not emails:
        raise err.required("reviewerEmails", "Required parameter: reviewerEmails")
    if not isinstance(emails, list):
        raise err.invalid("reviewerEmails")
    reviewers: list[str] = []
    for index, value in enumerate(emails):
        email = _email(value, f"reviewerEmails[{index}]")
        if email not in reviewers:
            reviewers.append(email)
    change = str(body.get("fileContentChangeBehavior") or "RESET_APPROVAL")
    if change == "FILE_CONTENT_CHANGE_BEHAVIOR_UNSPECIFIED":
        change = "RESET_APPROVAL"
    if change not in _BEHAVIOURS:
        raise err.invalid("fileContentChangeBehavior", f"Invalid value for fileContentChangeBehavior: {change}")
    due = parse_time(body["dueTime"], "dueTime") if body.get("dueTime") else None
    if any(a["status"] == IN_PROGRESS for a in _on_file(ctx.state, str(record["id"]))):
        raise err.failed_precondition("The file already has an approval in progress.")
    now = ctx.now()
    approval: dict[str, Any] = {
        "approvalId": ctx.new_id("", length=22, alphabet=BASE62_ALPHABET),
        "fileId": record["id"],
        "initiator": me,
        "reviewers": [{"email": email, "response": "NO_RESPONSE"} for email in reviewers],
        "status": IN_PROGRESS,
        "createTime": now,
        "modifyTime": now,
        "dueTime": due,
        "fileContentChangeBehavior": change,
        "lockFile": bool(body.get("lockFile", False)),
        "log": [],
    }
    return _save(ctx, approval, me, mask, "start", body.get("message"))


@behaviour("drive.approvals.get")
def approvals_get(ctx: Context) -> Any:
    me = caller(ctx)
    mask = mask_of(ctx, "*", "Approval")
    _, approval = _find(ctx, me)
    return shape(render_approval(ctx.state, approval, me), mask)


def _list_key(approval: dict[str, Any]) -> list[SortValue]:
    return [float(approval["createTime"]), str(approval["approvalId"])]


@behaviour("drive.approvals.list")
def approvals_list(ctx: Context) -> Any:
    me = caller(ctx)
    mask = mask_of(ctx, _DEFAULT_LIST, "ApprovalList")
    size = p_int(ctx, "pageSize", 100, 1, 100)
    record = readable(ctx, str(ctx.params["fileId"]), me)
    found = _on_file(ctx.state, str(record["id"]))
    page, token = paginate(found, _list_key, [], p_str(ctx, "pageToken"), size, f"approvals:{record['id']}")
    body: dict[str, Any] = {"kind": "drive#approvalList", "items": [render_approval(ctx.state, a, me) for a in page]}
    if token:
        body["nextPageToken"] = token
    return shape(body, mask)


@behaviour("drive.approvals.approve")
def approvals_approve(ctx: Context) -> Any:
    me = caller(ctx)
    mask = mask_of(ctx, "*", "Approval")
    record, approval = _find(ctx, me)
    if approval["status"] != IN_PROGRESS:
        raise _not_in_progress()
    _my_response(approval, me)["response"] = "APPROVED"
    if all(r["response"] == "APPROVED" for r in approval["reviewers"]):
        _complete(ctx, approval, record, "APPROVED")
    return _save(ctx, approval, me, mask, "approve", _body(ctx).get("message"))


@behaviour("drive.approvals.decline")
def approvals_decline(ctx: Context) -> Any:
    me = caller(ctx)
    mask = mask_of(ctx, "*", "Approval")
    record, approval = _find(ctx, me)
    if approval["status"] != IN_PROGRESS:
        raise _not_in_progress()
    _my_response(approval, me)["response"] = "DECLINED"
    _complete(ctx, approval, record, "DECLINED")  # one decline ends the approval
    return _save(ctx, approval, me, mask, "decline", _body(ctx).get("message"))


@behaviour("drive.approvals.cancel")
def approvals_cancel(ctx: Context) -> Any:
    me = caller(ctx)
    mask = mask_of(ctx, "*", "Approval")
    record, approval = _find(ctx, me)
    if role_of(ctx.state, record, me) < WRITER:
        raise err.insufficient_permissions()  # any writer may cancel (the initiator had to be one)
    if approval["status"] != IN_PROGRESS:
        raise _not_in_progress()
    _complete(ctx, approval, record, "CANCELLED")
    return _save(ctx, approval, me, mask, "cancel", _body(ctx).get("message"))


@behaviour("drive.approvals.comment")
def approvals_comment(ctx: Context) -> Any:
    me = caller(ctx)
    mask = mask_of(ctx, "*", "Approval")
    record, approval = _find(ctx, me)
    message = _body(ctx).get("message")
    if not message:
        raise err.required("message", "Required parameter: message")
    involved = me == approval["initiator"] or any(r["email"] == me for r in approval["reviewers"])
    if not involved and role_of(ctx.state, record, me) < WRITER:
        raise err.insufficient_permissions()
    busy = any(a["status"] == IN_PROGRESS for a in _on_file(ctx.state, str(record["id"])))
    if approval["status"] != IN_PROGRESS and busy:
        # a completed approval takes comments only while no other approval on the file is in progress
        raise err.failed_precondition("Another approval on this file is in progress.")
    return _save(ctx, approval, me, mask, "comment", message)


def _reassign_one(approval: dict[str, Any], removed: str | None, added: str, location: str) -> None:
    emails = [r["email"] for r in approval["reviewers"]]
    if added in emails:
        raise err.invalid(location, f"{added} is already a reviewer on this approval.")
    if removed is None:
        approval["reviewers"].append({"email": added, "response": "NO_RESPONSE"})
        return
    for reviewer in approval["reviewers"]:
        if reviewer["email"] == removed:
            if reviewer["response"] != "NO_RESPONSE":
                raise err.failed_precondition(f"The reviewer {removed} has already responded.")
            reviewer["email"] = added
            return
    raise err.invalid(location, f"{removed} is not a reviewer on this approval.")


@behaviour("drive.approvals.reassign")
def approvals_reassign(ctx: Context) -> Any:
    me = caller(ctx)
    mask = mask_of(ctx, "*", "Approval")
    record, approval = _find(ctx, me)
    if approval["status"] != IN_PROGRESS:
        raise _not_in_progress()
    body = _body(ctx)
    adds = body.get("addReviewers") or []
    replaces = body.get("replaceReviewers") or []
    if not isinstance(adds, list) or not isinstance(replaces, list):
        raise err.invalid("addReviewers" if not isinstance(adds, list) else "replaceReviewers")
    if not adds and not replaces:
        raise err.required("addReviewers", "Required parameter: addReviewers or replaceReviewers")
    writer = role_of(ctx.state, record, me) >= WRITER
    for index, item in enumerate(replaces):
        item = item if isinstance(item, dict) else {}
        removed = _email(item.get("removedReviewerEmail"), f"replaceReviewers[{index}].removedReviewerEmail")
        added = _email(item.get("addedReviewerEmail"), f"replaceReviewers[{index}].addedReviewerEmail")
        if not writer and removed != me:
            raise err.insufficient_permissions()  # a reader may only hand on their own review
        _reassign_one(approval, removed, added, f"replaceReviewers[{index}]")
    if adds and not writer:
        raise err.insufficient_permissions()
    for index, item in enumerate(adds):
        item = item if isinstance(item, dict) else {}
        added = _email(item.get("addedReviewerEmail"), f"addReviewers[{index}].addedReviewerEmail")
        _reassign_one(approval, None, added, f"addReviewers[{index}]")
    return _save(ctx, approval, me, mask, "reassign", body.get("message"))


def content_changed(state: State, file_id: str, when: float) -> None:
    """New content: an in-progress ``RESET_APPROVAL`` approval loses its ``APPROVED`` responses."""
    for approval in _on_file(state, file_id):
        if approval["status"] != IN_PROGRESS or approval["fileContentChangeBehavior"] != "RESET_APPROVAL":
            continue
        approved = [r for r in approval["reviewers"] if r["response"] == "APPROVED"]
        for reviewer in approved:
            reviewer["response"] = "NO_RESPONSE"
        if approved:
            approval["modifyTime"] = max(when, float(approval["modifyTime"]) + 0.001)
            state.collection("approvals").put(str(approval["approvalId"]), approval)
