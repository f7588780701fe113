"""``files.remote.*``: files an app keeps elsewhere and lists in Slack by an ``external_id``.

Remote files live in the same ``files`` collection as uploads (``files.info`` finds them too), marked
``mode: external``; their ``url_private`` is the app's own ``external_url``.
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context
from . import _args, _compose, _files, _ids, _model, _paging
from ._auth import Caller, slack_method
from ._errors import invalid_arguments, slack_error

Record = dict[str, Any]


def show(ctx: Context, record: Record) -> Record:
    shown = _files.show(ctx, record)
    shown["url_private"] = shown["url_private_download"] = record["external_url"]
    return shown


def _find(ctx: Context, caller: Caller) -> Record:
    """By ``file`` id or the app's ``external_id``; remote files are the adding app's (``file_not_found``)."""
    file_id = _args.text(ctx, "file").strip()
    external_id = _args.text(ctx, "external_id").strip()
    files = ctx.state.collection("files")
    record: Record | None = None
    if file_id:
        record = files.get(file_id)
    elif external_id:
        record = next((r for r in files.values() if r.get("_remote") and r.get("external_id") == external_id), None)
    if record is None or not record.get("_remote") or record["_deleted"] or not _files.visible(ctx, record, caller):
        raise slack_error("file_not_found")
    return record


def _apply(ctx: Context, record: Record) -> None:
    title = _args.text(ctx, "title")
    if title:
        record["title"] = record["name"] = title
    url = _args.text(ctx, "external_url").strip()
    if url:
        record["external_url"] = url
    filetype = _args.text(ctx, "filetype").strip()
    if filetype:
        record["filetype"] = filetype
        record["pretty_type"] = filetype.upper()
    if _args.text(ctx, "indexable_file_contents"):
        record["_indexed"] = True
    if "preview_image" in ctx.files or _args.text(ctx, "preview_image"):
        record["has_rich_preview"] = True


@slack_method("files.remote.add")
def files_remote_add(ctx: Context, caller: Caller) -> Record:
    external_id = _args.text(ctx, "external_id").strip()
    for name in ("external_id", "external_url", "title"):
        if not _args.text(ctx, name).strip():
            raise invalid_arguments(f"missing required field: {name}")
    now = int(ctx.now())
    file_id = _ids.new_id(ctx.state, "F")
    record: Record = {
        **_files.new_file(ctx, caller, file_id, _args.text(ctx, "title"), 0),
        "mimetype": "application/vnd.slack-remote",
        "filetype": "",
        "pretty_type": "Remote",
        "mode": "external",
        "is_external": True,
        "external_type": "app",
        "external_id": external_id,
        "external_url": "",
        "created": now,
        "timestamp": now,
        "_state": "complete",
        "_remote": True,
    }
    _apply(ctx, record)
    ctx.state.collection("files").put(file_id, record)
    return {"file": show(ctx, record)}


@slack_method("files.remote.update")
def files_remote_update(ctx: Context, caller: Caller) -> Record:
    record = _find(ctx, caller)
    _apply(ctx, record)
    record["timestamp"] = int(ctx.now())
    ctx.state.collection("files").put(record["id"], record)
    return {"file": show(ctx, record)}


@slack_method("files.remote.info")
def files_remote_info(ctx: Context, caller: Caller) -> Record:
    return {"file": show(ctx, _find(ctx, caller))}


@slack_method("files.remote.remove")
def files_remote_remove(ctx: Context, caller: Caller) -> Record:
    """Forgets the remote file: Slack never held its content, so nothing is left behind."""
    record = _find(ctx, caller)
    ctx.state.collection("files").delete(record["id"])
    return {}


@slack_method("files.remote.list")
def files_remote_list(ctx: Context, caller: Caller) -> Record:
    """The remote files the caller can see, newest first, by ``limit``/``cursor``."""
    channel = _args.text(ctx, "channel").strip()
    ts_from, ts_to = _args.integer(ctx, "ts_from", 0), _args.integer(ctx, "ts_to", 0)
    found = [
        r
        for r in ctx.state.collection("files").values()
        if r.get("_remote")
        and not r["_deleted"]
        and _files.visible(ctx, r, caller)
        and (not channel or channel in (*r["channels"], *r["groups"], *r["ims"]))
        and r["created"] >= ts_from
        and (not ts_to or r["created"] <= ts_to)
    ]
    by_key = {f"{r['created']:012d}.{r['id']}": r for r in found}
    page, next_cursor = _paging.page_of_keys_desc(ctx, sorted(by_key, reverse=True), "file", default_limit=100)
    return {"files": [show(ctx, by_key[k]) for k in page], **_paging.metadata(next_cursor)}


@slack_method("files.remote.share")
def files_remote_share(ctx: Context, caller: Caller) -> Record:
    """Posts the file into each channel (the caller must be able to post there), as Slack does."""
    record = _find(ctx, caller)
    targets = [_compose_target(ctx, caller, channel_id) for channel_id in _args.id_list(ctx, "channels")]
    if not targets:
        raise invalid_arguments("missing required field: channels")
    for target in targets:
        message = _compose.post(ctx, caller, target, {"text": "", "files": [show(ctx, record)], "upload": False}, None)
        kind = _model.kind_of(target)
        listing = {"public": "channels", "private": "groups", "mpim": "groups", "im": "ims"}[kind]
        if target["id"] not in record[listing]:
            record[listing].append(target["id"])
        share = {
            "ts": message["ts"],
            "channel_name": target.get("name", ""),
            "team_id": caller.team_id,
            "share_user_id": caller.user_id,
            "reply_count": 0,
        }
        visibility = "public" if kind == "public" else "private"
        record["shares"].setdefault(visibility, {}).setdefault(target["id"], []).append(share)
        record["is_public"] = record["is_public"] or kind == "public"
        record.setdefault("_messages", []).append(f"{target['id']}/{message['ts']}")
    ctx.state.collection("files").put(record["id"], record)
    return {"file": show(ctx, record)}


def _compose_target(ctx: Context, caller: Caller, channel_id: str) -> Record:
    record = _model.channel(ctx, caller, channel_id)
    if record.get("is_archived"):
        raise slack_error("is_archived")
    if not _model.is_member(record, caller.user_id):
        raise slack_error("not_in_channel")
    return record
