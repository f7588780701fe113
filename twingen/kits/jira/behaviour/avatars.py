"""User avatars as Jira Server/Data Center serves them: the site's system avatars, a user's uploaded ones
(upload as temporary, confirm with the cropping, then select), the selected one, deleting a custom one.
Source: https://docs.atlassian.com/software/jira/docs/api/REST/8.20.0/#api/2/user-createAvatarFromTemporary
"""

from __future__ import annotations

import base64
from typing import Any

from ..runtime import Context, Response, behaviour
from ._api import any_credential, body, site
from ._errors import jira_error
from ._store import find_user, me, next_id

SYSTEM = [str(10100 + n) for n in range(22)]
"""A Server 8 site's 22 system user avatars."""
DEFAULT = SYSTEM[0]
MAX_BYTES = 1024 * 1024


def _owner(ctx: Context) -> dict[str, Any]:
    ref = ctx.params.get("username") or ctx.params.get("accountId")
    found = find_user(ctx.state, str(ref)) if ref else None
    if found is None:
        raise jira_error("not_found", f"The user '{ref}' does not exist.")
    return found


SIZES = (("16x16", "xsmall"), ("24x24", "small"), ("32x32", "medium"), ("48x48", "large"))


def avatar_view(avatar_id: str, url: str, owner: Any | None, selected: str) -> dict[str, Any]:
    """An ``Avatar`` (user's or project's); ``url`` ends in ``?`` or ``&``, each size adds ``size=NAME``."""
    out: dict[str, Any] = {
        "id": avatar_id,
        "isSystemAvatar": owner is None,
        "isSelected": avatar_id == selected,
        "isDeletable": owner is not None,
        "urls": {size: f"{url}size={name}" for size, name in SIZES},
    }
    if owner is not None:
        out["owner"] = owner
    return out


def _view(ctx: Context, avatar_id: str, owner: dict[str, Any] | None, selected: str) -> dict[str, Any]:
    url = f"{site(ctx)}/secure/useravatar?avatarId={avatar_id}&"
    return avatar_view(avatar_id, url, owner["name"] if owner is not None else None, selected)


def check_xsrf(ctx: Context) -> None:
    if ctx.headers.get("x-atlassian-token", "").lower() not in ("no-check", "nocheck"):
        raise jira_error("forbidden", "XSRF check failed")


def uploaded_image(ctx: Context) -> str:
    """The request's image as base64, refused when empty or too large."""
    if not ctx.raw_body:
        raise jira_error("bad_request", "No image data was sent.")
    if len(ctx.raw_body) > MAX_BYTES:
        raise jira_error("bad_request", "The image is larger than the allowed size.")
    return base64.b64encode(ctx.raw_body).decode("ascii")


def confirmed(ctx: Context, holder: dict[str, Any], owner: str, what: str) -> dict[str, Any]:
    """The stored avatar made from ``holder``'s temporary upload (taken off ``holder``; the caller stores it)."""
    if not holder.get("tempAvatar"):
        raise jira_error("bad_request", f"No temporary avatar was uploaded for this {what}.")
    sent = body(ctx)
    for key in ("cropperOffsetX", "cropperOffsetY", "cropperWidth"):
        if key in sent and not isinstance(sent[key], int):
            raise jira_error("bad_request", f"The cropping value '{key}' must be a whole number.")
    avatar = {"id": next_id(ctx.state, "avatar", first=10500), "owner": owner, "data": holder.pop("tempAvatar")}
    ctx.state.collection("avatars").put(avatar["id"], avatar)
    return avatar


@any_credential("user_avatars")
def user_avatars(ctx: Context) -> dict[str, Any]:
    owner = _owner(ctx)
    selected = str(owner.get("avatarId") or DEFAULT)
    custom = [a for a in ctx.state.collection("avatars").values() if a["owner"] == owner["accountId"]]
    return {
        "system": [_view(ctx, a, None, selected) for a in SYSTEM],
        "custom": [_view(ctx, a["id"], owner, selected) for a in custom],
    }


@any_credential("create_temp_user_avatar")
def upload_temporary(ctx: Context) -> dict[str, Any]:
    check_xsrf(ctx)
    owner = _owner(ctx)
    owner["tempAvatar"] = uploaded_image(ctx)
    ctx.state.collection("users").put(owner["accountId"], owner)
    # Jira asks the client to crop an uploaded image to a square before it becomes an avatar
    return {
        "cropperWidth": 48,
        "cropperOffsetX": 0,
        "cropperOffsetY": 0,
        "needsCropping": True,
        "url": f"{site(ctx)}/secure/temporaryavatar?cropped=true&username={owner['name']}",
    }


@any_credential("confirm_user_avatar")
def confirm(ctx: Context) -> Response:
    owner = _owner(ctx)
    avatar = confirmed(ctx, owner, owner["accountId"], "user")
    ctx.state.collection("users").put(owner["accountId"], owner)
    return Response(201, _view(ctx, avatar["id"], owner, str(owner.get("avatarId") or DEFAULT)))


@behaviour("user.avatar.set", method="PUT", path="/rest/api/2/user/avatar")
def select(ctx: Context) -> Response:
    me(ctx)
    owner = _owner(ctx)
    wanted = str(body(ctx).get("id") or "")
    custom = ctx.state.collection("avatars").get(wanted)
    if wanted not in SYSTEM and (custom is None or custom["owner"] != owner["accountId"]):
        raise jira_error("bad_request", f"The avatar with id '{wanted}' does not exist or is not the user's.")
    owner["avatarId"] = wanted
    ctx.state.collection("users").put(owner["accountId"], owner)
    return Response(204, None)


@any_credential("delete_user_avatar")
def delete(ctx: Context) -> Response:
    owner = _owner(ctx)
    wanted = str(ctx.params.get("avatar"))
    custom = ctx.state.collection("avatars").get(wanted)
    if wanted in SYSTEM:
        raise jira_error("forbidden", "System avatars cannot be deleted.")
    if custom is None or custom["owner"] != owner["accountId"]:
        raise jira_error("not_found", f"The avatar with id '{wanted}' does not exist.")
    ctx.state.collection("avatars").delete(wanted)
    if owner.get("avatarId") == wanted:
        owner["avatarId"] = DEFAULT
        ctx.state.collection("users").put(owner["accountId"], owner)
    return Response(204, None)
