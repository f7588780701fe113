"""Admin SDK Directory aliases of users and groups, users' photos, and push channels.

References: https://developers.google.com/admin-sdk/directory/reference/rest/v1/users.aliases,
.../groups.aliases, .../users.photos, .../users/watch and .../channels/stop. An alias is an address of the
customer's domains, unique across users, groups and their aliases (409 "Entity already exists."). Channels are
recorded and can be stopped, but the twin never calls their webhooks (as Drive's: nothing leaves 127.0.0.1).
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

from ..runtime import Context, Response, behaviour
from . import _directory_model as dm
from . import _errors as err
from ._request import p_str
from .directory_groups import group_key
from .directory_users import user_key
from .misc import _open_channel

Record = dict[str, Any]


def _alias(record: Record, alias: str, kind: str) -> Record:
    primary = record.get("primaryEmail") or record.get("email")
    out = {"kind": "admin#directory#alias", "id": record["id"], "primaryEmail": primary, "alias": alias}
    return {**out, "etag": dm.etag(kind, out)}


def _target(ctx: Context, write: bool) -> tuple[Record, str]:
    """The user or group the path names (``userKey`` or ``groupKey``) and its kind, once the caller may read (or
    write) that kind: one handler serves the users' and the groups' aliases."""
    kind = "group" if "groupKey" in ctx.params else "user"
    dm.require_admin(ctx, kind, write=write)
    return (user_key(ctx) if kind == "user" else group_key(ctx)), kind


@behaviour("directory.users.aliases.insert")
@behaviour("directory.groups.aliases.insert")
@dm.partial
def aliases_insert(ctx: Context) -> Record:
    record, kind = _target(ctx, write=True)
    body = ctx.body if isinstance(ctx.body, dict) else {}
    alias = body.get("alias")
    if not isinstance(alias, str) or not alias.strip():
        raise err.google_error("required", "Missing required field: alias")
    alias = alias.strip()
    dm.check_domain(ctx.state, alias, "alias")
    if dm.email_owner(ctx.state, alias) is not None:
        raise dm.duplicate()
    record["aliases"] = [*record.get("aliases", []), alias]
    ctx.state.collection(f"directory_{kind}s").put(record["id"], record)
    dm.claim_email(ctx.state, alias, kind, record["id"])
    return _alias(record, alias, kind)


@behaviour("directory.users.aliases.list")
@behaviour("directory.groups.aliases.list")
@dm.partial
def aliases_list(ctx: Context) -> Record:
    record, kind = _target(ctx, write=False)
    aliases = [_alias(record, a, kind) for a in record.get("aliases") or ()]
    return dm.listing("admin#directory#aliases", dm.etag(kind, record.get("aliases")), "aliases", aliases)


@behaviour("directory.users.aliases.delete")
@behaviour("directory.groups.aliases.delete")
@dm.partial
def aliases_delete(ctx: Context) -> Response:
    """An alias the record does not have is 404 "Resource Not Found: alias" (not confirmed)."""
    record, kind = _target(ctx, write=True)
    alias = (p_str(ctx, "alias") or "").casefold()
    kept = [a for a in record.get("aliases", ()) if a.casefold() != alias]
    if len(kept) == len(record.get("aliases", ())):
        raise dm.not_found("alias")
    record["aliases"] = kept
    ctx.state.collection(f"directory_{kind}s").put(record["id"], record)
    dm.release_email(ctx.state, alias)
    return Response(204)


@behaviour("directory.users.watch")
@dm.partial
def users_watch(ctx: Context) -> Any:
    dm.require_admin(ctx, "user", write=False)
    event = p_str(ctx, "event") or "add"
    return _open_channel(ctx, f"https://admin.googleapis.com/admin/directory/v1/users?alt=json&event={event}")


@behaviour("directory.users.aliases.watch")
@dm.partial
def users_aliases_watch(ctx: Context) -> Any:
    dm.require_admin(ctx, "user", write=False)
    user = user_key(ctx)
    event = p_str(ctx, "event") or "add"
    uri = f"https://admin.googleapis.com/admin/directory/v1/users/{user['id']}/aliases?alt=json&event={event}"
    return _open_channel(ctx, uri)


@behaviour("admin.channels.stop")
@dm.partial
def channels_stop(ctx: Context) -> Response:
    body = ctx.body if isinstance(ctx.body, dict) else {}
    if not ctx.state.collection("channels").delete(f"{body.get('id')}:{body.get('resourceId')}"):
        raise dm.not_found("channel")
    return Response(204)


def _photo(user: Record) -> Record:
    photo = user.get("photo")
    if not photo:
        raise dm.not_found("userKey")  # a user with no photo (not confirmed: Google's wording for this case)
    out = {"kind": "admin#directory#user#photo", "id": user["id"], "primaryEmail": user["primaryEmail"], **photo}
    return {**out, "etag": dm.etag(user["id"], photo)}


@behaviour("directory.users.photos.get")
@dm.partial
def photos_get(ctx: Context) -> Record:
    dm.require_admin(ctx, "user", write=False)
    return _photo(user_key(ctx))


@behaviour("directory.users.photos.update")
@behaviour("directory.users.photos.patch")
@dm.partial
def photos_update(ctx: Context) -> Record:
    """``photoData`` in web-safe base64 (``_`` ``-`` ``*`` ``.`` for ``/`` ``+`` ``=`` padding: the UserPhoto
    schema); Google scales every photo to 96x96, which the twin records without decoding the image."""
    dm.require_admin(ctx, "user", write=True)
    user = user_key(ctx)
    body = ctx.body if isinstance(ctx.body, dict) else {}
    data = body.get("photoData")
    if not isinstance(data, str) or not data:
        raise err.google_error("required", "Missing required field: photoData")
    try:
        base64.b64decode(data.replace("_", "/").replace("-", "+").replace("*", "=").replace(".", "="), validate=True)
    except (binascii.Error, ValueError):
        raise dm.invalid_input("photoData") from None
    mime = body.get("mimeType") if isinstance(body.get("mimeType"), str) else "JPEG"
    user["photo"] = {"photoData": data, "mimeType": mime, "height": 96, "width": 96}
    ctx.state.collection("directory_users").put(user["id"], user)
    return _photo(user)


@behaviour("directory.users.photos.delete")
@dm.partial
def photos_delete(ctx: Context) -> Response:
    dm.require_admin(ctx, "user", write=True)
    user = user_key(ctx)
    if not user.pop("photo", None):
        raise dm.not_found("userKey")
    ctx.state.collection("directory_users").put(user["id"], user)
    return Response(204)
