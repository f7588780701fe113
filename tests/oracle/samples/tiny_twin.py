"""A tiny Slack-flavoured notes twin for the replay's tests, made like ``tests/check/tiny.py`` makes its twin.

A real twin folder (``twin_notes/`` with ``spec.json``, a ``__main__`` and behaviour) whose runtime is the
repository's own ``twingen/runtime`` linked in, so ``twingen replay`` serves it as a subprocess exactly as it
serves a generated twin. Its vendor is ``slack``: errors are ``{"ok": false, "error": CODE}`` and the Slack
kit's error-code reader judges them. It mints its own ids, so every recorded id in the sample cassettes must
be learned and substituted for a later request to find its object.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from tests.twin_folder import write_twin_folder
from twingen.ir.model import Api, AuthScheme, Operation, Parameter, RequestBody

REPO = Path(__file__).resolve().parents[3]
BOT_TOKEN = "xoxb-notes-bot"
USER_TOKEN = "xoxp-notes-user"

BEHAVIOUR = '''
"""Behaviour of the notes twin."""

from __future__ import annotations

import socket
from typing import Any

from ..runtime import Context, Credential, Response, SeedContext, behaviour, seed


@seed
def notes_seed(ctx: SeedContext) -> None:
    suffix = "" if ctx.tenant == "default" else f"-{ctx.tenant}"
    seeded = (("bot", "xoxb-notes-bot", {"bot_id": "B1"}), ("user", "xoxp-notes-user", {"user_id": "U1"}))
    for name, token, principal in seeded:
        ctx.credential(Credential(name=name, scheme="bearer", token=token + suffix, principal=principal))


def _url(ctx: Context, path: str) -> str:
    return ctx.base_url.rstrip("/") + path


def _note(ctx: Context, note_id: str) -> dict[str, Any]:
    note = ctx.state.collection("notes").get(note_id)
    if note is None:
        raise ctx.error("note_not_found")
    return note


@behaviour("auth.whoami")
def whoami(ctx: Context) -> dict[str, Any]:
    principal = dict(ctx.principal.principal) if ctx.principal else {}
    return {"bot": principal} if "bot_id" in principal else {"user": principal}


@behaviour("sessions.open", method="POST", path="/api/sessions.open")
def open_session(ctx: Context) -> Response:
    # a route the docs lack: it needs a body naming who signs in
    if not isinstance(ctx.body, dict) or not ctx.body.get("who"):
        return Response(400, {"ok": False, "error": "invalid_arguments"})
    return Response(200, {"ok": True, "session": ctx.new_id("S", length=9)})


@behaviour("notes.create")
def create(ctx: Context) -> Response:
    title = (ctx.body or {}).get("title")
    if not title:
        raise ctx.error("title_missing")
    note_id = ctx.new_id("N", length=9)
    note = {"id": note_id, "title": title, "meta": {"created": int(ctx.now()), "tags": []}}
    ctx.state.collection("notes").put(note_id, note)
    return Response(201, {"ok": True, "note": note}, headers={"Location": _url(ctx, f"/api/notes/{note_id}")})


@behaviour("notes.get")
def get(ctx: Context) -> dict[str, Any]:
    return {"note": _note(ctx, ctx.params["note_id"])}


@behaviour("notes.attach")
def attach(ctx: Context) -> dict[str, Any]:
    note = _note(ctx, str(ctx.params.get("note", "")))
    return {"attached": {"note": note["id"], "file": ctx.params.get("file", "")}}


@behaviour("uploads.open")
def open_upload(ctx: Context) -> Response:
    upload_id = ctx.new_id("UP", length=12)
    ctx.state.collection("uploads").put(upload_id, {"id": upload_id, "done": False})
    return Response(201, {"ok": True}, headers={"Location": _url(ctx, f"/api/uploads/{upload_id}?part=1")})


@behaviour("uploads.finish")
def finish_upload(ctx: Context) -> dict[str, Any]:
    uploads = ctx.state.collection("uploads")
    upload = uploads.get(ctx.params["upload_id"])
    if upload is None:
        raise ctx.error("upload_not_found")
    upload["done"] = True
    uploads.put(upload["id"], upload)
    return {"upload": {"id": upload["id"], "done": True}}


@behaviour("net.probe")
def probe(ctx: Context) -> dict[str, Any]:
    """Tries to reach a documentation address (TEST-NET-1) and says what happened: a replay must refuse it."""
    try:
        socket.create_connection(("192.0.2.1", 9), timeout=2).close()
    except OSError as exc:
        return {"outcome": f"{type(exc).__name__}: {exc}"}
    return {"outcome": "connected"}
'''


def _op(op_id: str, method: str, path: str, *params: Parameter) -> Operation:
    return Operation(
        id=op_id, python_name=op_id.replace(".", "_"), method=method, path=path, parameters=params, auth=("slackAuth",)
    )


def _path(name: str) -> Parameter:
    return Parameter(name, name, "path", True, {"type": "string"})


def notes_api() -> Api:
    operations = (
        _op("auth.whoami", "GET", "/api/auth.whoami"),
        replace(_op("notes.create", "POST", "/api/notes"), request_body=RequestBody(("application/json",), {}, True)),
        _op("notes.get", "GET", "/api/notes/{note_id}", _path("note_id")),
        _op("notes.attach", "POST", "/api/notes.attach"),
        _op("uploads.open", "POST", "/api/uploads"),
        _op("uploads.finish", "POST", "/api/uploads/{upload_id}", _path("upload_id")),
        _op("net.probe", "GET", "/api/net.probe"),
    )
    auth = (AuthScheme("slackAuth", "oauth2", "header", "Authorization"),)
    return Api("notes", "Notes", "1", "slack", "https://notes.example.com", operations, auth_schemes=auth)


def make_twin(root: Path) -> Path:
    """Write the notes twin under ``root/notes`` and return its folder."""
    return write_twin_folder(root, notes_api(), {"notes.py": BEHAVIOUR})
