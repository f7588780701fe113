"""Hook keys: RSA key pairs Okta makes for inline hooks that sign their calls (OAuth ``private_key_jwt``); the
public half is readable by its ``keyId``, the private half never leaves Okta.

What Okta does (https://developer.okta.com/docs/api/openapi/okta-management/management/tag/HookKey/):
- ids start ``HKY``; a key answers ``id``, ``keyId`` (a UUID, the public key's alias), ``name`` (unique, what
  inline hooks name it by), ``created``, ``lastUpdated``, ``isUsed`` and ``_embedded`` (the public JWK:
  ``kty``/``alg`` RSA, ``kid`` the keyId, ``e``, ``n``); create answers 200; an org holds at most 50 keys;
- a replace renames; a key in use by an inline hook cannot be deleted (403 E0000006);
- ``GET /hook-keys/public/{keyId}`` answers ``{"_embedded": JWK}``; unknown ids are 404 ``(HookKey)``.
"""

from __future__ import annotations

from typing import Any

from cryptography.hazmat.primitives.asymmetric import rsa

from ..runtime import Context, Response, behaviour
from ..runtime.clock import iso8601
from . import _idp_keys, _log, _store
from ._errors import not_found, okta_error, validation_failed

COLLECTION = "hook_keys"
LIMIT = 50


def _in_use(ctx: Context, record: dict[str, Any]) -> bool:
    for _, hook in ctx.state.collection("inline_hooks").scan():
        config = (hook.get("channel") or {}).get("config") or {}
        if record["name"] in (config.get("hookKeyId"), (config.get("authScheme") or {}).get("hookKeyId")):
            return True
    return False


def _view(ctx: Context, record: dict[str, Any]) -> dict[str, Any]:
    shown = {k: v for k, v in record.items() if not k.startswith("_")}
    # a string, "true"/"false": the reference's type (string, format boolean) and examples (HookKey/listHookKeys)
    return {**shown, "isUsed": "true" if _in_use(ctx, record) else "false"}


def _find(ctx: Context) -> dict[str, Any]:
    return _store.stored(ctx, COLLECTION, "id", "HookKey")


def _name(ctx: Context, own_id: str = "") -> str:
    name = _store.body_object(ctx).get("name")
    if not isinstance(name, str) or not name.strip():
        raise validation_failed("name", "The field cannot be left blank.")
    if any(k["name"] == name and k["id"] != own_id for k in ctx.state.collection(COLLECTION).values()):
        raise validation_failed("name", "A key with this name already exists.")
    return name


@behaviour("createHookKey")
def create(ctx: Context) -> Any:
    keys = ctx.state.collection(COLLECTION)
    if len(keys) >= LIMIT:
        raise okta_error("E0000001", "Api validation failed: name", causes=["An org can have at most 50 keys."])
    name = _name(ctx)
    public = rsa.generate_private_key(public_exponent=65537, key_size=2048).public_key().public_numbers()
    key_id, now = _log.new_uuid(ctx), iso8601(ctx.now())
    # only the public half is kept: the twin never signs hook calls (it makes no outside connection)
    jwk = {
        "alg": "RSA",
        "e": _idp_keys.b64url_int(public.e),
        "kid": key_id,
        "kty": "RSA",
        "n": _idp_keys.b64url_int(public.n),
        "use": None,
    }
    record: dict[str, Any] = {
        "id": _store.new_id(ctx, "HKY"),
        "keyId": key_id,
        "name": name,
        "created": now,
        "lastUpdated": now,
        "_embedded": jwk,
    }
    keys.put(record["id"], record)
    _log.record(ctx, "system.hook_key.create", [_log.target("HookKey", record["id"], name, name)])
    return {**_view(ctx, record), "_embedded": jwk}


@behaviour("getHookKey")
def get(ctx: Context) -> Any:
    return _view(ctx, _find(ctx))


@behaviour("listHookKeys")
def list_(ctx: Context) -> Any:
    return [_view(ctx, r) for r in ctx.state.collection(COLLECTION).values()]


@behaviour("replaceHookKey")
def replace(ctx: Context) -> Any:
    record = _find(ctx)
    record.update({"name": _name(ctx, record["id"]), "lastUpdated": iso8601(ctx.now())})
    ctx.state.collection(COLLECTION).put(record["id"], record)
    return _view(ctx, record)


@behaviour("deleteHookKey")
def delete(ctx: Context) -> Response:
    record = _find(ctx)
    if _in_use(ctx, record):
        raise okta_error(
            "E0000006",
            "You do not have permission to perform the requested action",
            causes=["The key is used by an inline hook."],
        )
    ctx.state.collection(COLLECTION).delete(record["id"])
    _log.record(ctx, "system.hook_key.delete", [_log.target("HookKey", record["id"], record["name"])])
    return Response(204, None)


@behaviour("getPublicKey")
def public_key(ctx: Context) -> Any:
    key_id = str(ctx.params.get("keyId") or "")
    found = next((r for r in ctx.state.collection(COLLECTION).values() if r["keyId"] == key_id), None)
    if found is None:
        raise not_found(key_id, "HookKey")
    return {"_embedded": found["_embedded"]}
