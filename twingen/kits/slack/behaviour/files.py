"""The upload flow ``files_upload_v2`` uses: get an upload URL, send the bytes there, complete and share.

1. ``files.getUploadURLExternal`` reserves a file id and answers an ``upload_url`` on the twin itself.
2. The client POSTs the bytes (raw, or multipart field ``file``) to that URL; it answers ``OK - <size>``.
3. ``files.completeUploadExternal`` finishes the files and shares them into channels with one message.
"""

from __future__ import annotations

import base64
from typing import Any

from ..runtime import Context, Response, VendorError, behaviour
from ..runtime.clock import URLSAFE_ALPHABET
from . import _args, _audit, _compose, _files, _ids, _messages, _model
from ._auth import Caller, caller_of, slack_method
from ._errors import invalid_arguments, slack_error

Record = dict[str, Any]

MAX_SIZE = 1024 * 1024 * 1024  # Slack's 1 GB per file


@slack_method("files.getUploadURLExternal")
def files_get_upload_url_external(ctx: Context, caller: Caller) -> Record:
    name = _args.text(ctx, "filename").strip()
    length = _args.integer(ctx, "length", 0)
    if not name or length < 1:
        missing = "filename" if not name else "length"
        raise invalid_arguments(f"missing required field: {missing}")
    if length > MAX_SIZE:
        raise slack_error("file_size_too_large")
    file_id = _ids.new_id(ctx.state, "F")
    record = _files.new_file(ctx, caller, file_id, name, length)
    if _args.text(ctx, "alt_txt"):
        record["alt_txt"] = _args.text(ctx, "alt_txt")
    # the upload key is the URL's secret, like the opaque path of files.slack.com/upload/v1/...
    key = ctx.new_id(length=32, alphabet=URLSAFE_ALPHABET)
    record["_upload_key"] = key
    ctx.state.collection("files").put(file_id, record)
    ctx.state.collection("uploads").put(key, {"file_id": file_id})
    # the SDK posts the bytes without a token (the route has auth=False); for_tenant leads them to this tenant
    upload_url = ctx.for_tenant(f"{ctx.base_url}/upload/v1/{key}")
    return {"upload_url": upload_url, "file_id": file_id}


@behaviour("files.uploadExternal.content", method="POST", path="/upload/v1/{upload_key}", auth=False)
def receive_upload(ctx: Context) -> Response:
    """Where the bytes land (step 2); not a Web API method, so it answers plain text like Slack's host."""
    key = str(ctx.params.get("upload_key") or "")
    pending = ctx.state.collection("uploads").get(key)
    record = ctx.state.collection("files").get(pending["file_id"]) if pending else None
    if record is None or record["_state"] != "pending":
        return Response(404, "Not Found", media_type="text/plain; charset=utf-8")
    upload = ctx.files.get("file") or next(iter(ctx.files.values()), None)
    content = upload.content if upload is not None else ctx.raw_body
    record["size"] = len(content)
    record["_content"] = base64.b64encode(content).decode()
    record["_state"] = "uploaded"
    ctx.state.collection("files").put(record["id"], record)
    return Response(200, f"OK - {len(content)}", media_type="text/plain; charset=utf-8")


def _targets(ctx: Context, caller: Caller) -> list[Record]:
    wanted = _args.id_list(ctx, "channels") or _args.id_list(ctx, "channel_id")
    found = []
    for channel_id in wanted:
        record = _model.channel(ctx, caller, channel_id)
        if record.get("is_archived"):
            raise slack_error("is_archived")
        if not _model.is_member(record, caller.user_id):
            raise slack_error("not_in_channel")
        found.append(record)
    return found


@slack_method("files.completeUploadExternal")
def files_complete_upload_external(ctx: Context, caller: Caller) -> Record:
    """Files not shared anywhere stay private to their owner, as on Slack."""
    items = _args.json_value(ctx, "files")
    if not isinstance(items, list) or not items:
        raise invalid_arguments("missing required field: files")
    collection = ctx.state.collection("files")
    records = []
    for item in items:
        record = collection.get(str(item.get("id", ""))) if isinstance(item, dict) else None
        if record is None or record["user"] != caller.user_id or record["_state"] != "uploaded":
            raise slack_error("file_not_found")
        records.append((record, item))
    targets = _targets(ctx, caller)
    for record, item in records:
        record["title"] = str(item.get("title") or record["name"])
        record["_state"] = "complete"
        ctx.state.collection("uploads").delete(record.pop("_upload_key", ""))
        collection.put(record["id"], record)
        _audit.record(ctx, "file_uploaded", _audit.file_entity(record))
    for target in targets:
        _share(ctx, caller, target, [r for r, _ in records])
    return {"files": [_files.show(ctx, r) for r, _ in records]}


def _share(ctx: Context, caller: Caller, target: Record, records: list[Record]) -> None:
    parent = _compose.thread_parent(ctx, target["id"], _args.text(ctx, "thread_ts").strip())
    fields: Record = {"text": _args.text(ctx, "initial_comment"), "upload": True, "display_as_bot": False}
    blocks = _args.json_value(ctx, "blocks")
    if blocks and not fields["text"]:
        fields["blocks"] = blocks
    fields["files"] = [_files.show(ctx, r) for r in records]
    message = _compose.post(ctx, caller, target, fields, parent)
    kind = _model.kind_of(target)
    listing = {"public": "channels", "private": "groups", "mpim": "groups", "im": "ims"}[kind]
    share: Record = {
        "reply_users": [],
        "reply_users_count": 0,
        "reply_count": 0,
        "ts": message["ts"],
        "channel_name": target.get("name", ""),
        "team_id": caller.team_id,
        "share_user_id": caller.user_id,
    }
    if parent is not None:
        share["thread_ts"] = parent["ts"]
    for record in records:
        if target["id"] not in record[listing]:
            record[listing].append(target["id"])
        visibility = "public" if kind == "public" else "private"
        record["shares"].setdefault(visibility, {}).setdefault(target["id"], []).append(share)
        record["is_public"] = record["is_public"] or kind == "public"
        record.setdefault("_messages", []).append(f"{target['id']}/{message['ts']}")
        ctx.state.collection("files").put(record["id"], record)
    # the message shows the files as shared, with the share just made
    message["files"] = [_files.show(ctx, r) for r in records]
    _messages.save(ctx, message)


@behaviour("files.upload")
def files_upload(ctx: Context) -> Record:
    """Retired by Slack on 2025-11-12; it now refuses every call (after the usual token checks)."""
    caller_of(ctx)
    raise slack_error("method_deprecated")


@behaviour("files.download", method="GET", path="/files-pri/{team_file}/{+rest}")
def download(ctx: Context) -> Response:
    """``url_private``: Slack serves it to a bearer token that may see the file."""
    caller = caller_of(ctx)
    file_id = str(ctx.params.get("team_file", "")).rsplit("-", 1)[-1]
    try:
        record = _files.find(ctx, caller, file_id)
    except VendorError:
        return Response(404, "Not Found", media_type="text/plain; charset=utf-8")
    content = base64.b64decode(record.get("_content", ""))
    return Response(200, content, media_type=record["mimetype"])
