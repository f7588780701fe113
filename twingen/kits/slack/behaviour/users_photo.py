"""``users.identity`` (Sign in with Slack), profile photos, and ``users.discoverableContacts.lookup``."""

from __future__ import annotations

import hashlib
from typing import Any

from ..runtime import Context
from . import _args, _model
from ._auth import Caller, slack_method
from ._errors import invalid_arguments, slack_error

Record = dict[str, Any]

MAX_PHOTO = 1024 * 1024 * 10  # bytes; larger uploads are ``too_large``
_SIZES = (24, 32, 48, 72, 192, 512, 1024)
# PNG, JPEG and GIF: what Slack takes as a profile photo (anything else is ``bad_image``)
_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a")


@slack_method("users.identity")
def users_identity(ctx: Context, caller: Caller) -> Record:
    """What a Sign in with Slack token may see: each ``identity.*`` scope adds its part of the answer."""
    user = _model.user(ctx, caller.user_id)
    team = _model.team(ctx)
    shown: Record = {"name": user["profile"].get("real_name", user["name"]), "id": user["id"]}
    if caller.has("identity.email"):
        shown["email"] = user["profile"].get("email", "")
    if caller.has("identity.avatar"):
        for size in (24, 32, 48, 72, 192, 512):
            shown[f"image_{size}"] = user["profile"].get(f"image_{size}", "")
    answer: Record = {"user": shown, "team": {"id": team["id"]}}
    if caller.has("identity.team"):
        answer["team"].update(name=team["name"], domain=team["domain"])
    return answer


def _set_images(user: Record, avatar: str, custom: bool) -> None:
    profile = user["profile"]
    profile["avatar_hash"] = avatar
    profile["is_custom_image"] = custom
    for size in _SIZES:
        if custom:
            profile[f"image_{size}"] = f"https://avatars.slack-edge.com/{avatar}_{size}.png"
        elif size != 1024:
            profile[f"image_{size}"] = f"https://secure.gravatar.com/avatar/{avatar}.jpg?s={size}"
        else:
            profile.pop("image_1024", None)
    if custom:
        profile["image_original"] = f"https://avatars.slack-edge.com/{avatar}_original.png"
    else:
        profile.pop("image_original", None)


@slack_method("users.setPhoto")
def users_set_photo(ctx: Context, caller: Caller) -> Record:
    """The caller's own photo, from a multipart ``image`` (PNG, JPEG or GIF)."""
    upload = ctx.files.get("image")
    content = upload.content if upload is not None else b""
    if not content:
        raise invalid_arguments("missing required field: image")
    if len(content) > MAX_PHOTO:
        raise slack_error("too_large")
    if not content.startswith(_MAGIC):
        raise slack_error("bad_image")
    user = _model.user(ctx, caller.user_id)
    _set_images(user, hashlib.sha256(content).hexdigest()[:12], custom=True)
    user["updated"] = int(ctx.now())
    ctx.state.collection("users").put(user["id"], user)
    return {}


@slack_method("users.deletePhoto")
def users_delete_photo(ctx: Context, caller: Caller) -> Record:
    """Back to the default avatar."""
    user = _model.user(ctx, caller.user_id)
    default = hashlib.md5(user["name"].encode(), usedforsecurity=False).hexdigest()[:12]
    _set_images(user, default, custom=False)
    user["updated"] = int(ctx.now())
    ctx.state.collection("users").put(user["id"], user)
    return {}


@slack_method("users.discoverableContacts.lookup")
def users_discoverable_contacts_lookup(ctx: Context, caller: Caller) -> Record:
    """Whether an email belongs to someone on Slack the org may find: an Enterprise Grid method, so a
    workspace outside an org is ``not_an_enterprise``. The twin knows only its own people."""
    if not _model.team(ctx).get("enterprise_id"):
        raise slack_error("not_an_enterprise")
    email = _args.text(ctx, "email").strip().lower()
    if not email:
        raise invalid_arguments("missing required field: email")
    for user in ctx.state.collection("users").values():
        if not user.get("deleted") and str(user["profile"].get("email", "")).lower() == email:
            return {"user": {"is_discoverable": True}}
    return {"is_discoverable": False}
