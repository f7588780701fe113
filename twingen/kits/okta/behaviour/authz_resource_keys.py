"""An authorization server's resource-server encryption keys (``.../resourceservercredentials/keys``): public RSA
keys (2048 bits or more) the customer registers so Okta can encrypt the access tokens it issues for them; one is
ACTIVE at a time (activating one deactivates the other), and only an INACTIVE key can be deleted.
Source: https://developer.okta.com/docs/api/openapi/okta-management/management/tag/OAuth2ResourceServerCredentialsKeys/
(the one-active and delete-inactive rules are the reference's descriptions; the error wording is ours).
"""

from __future__ import annotations

import base64
from typing import Any

from ..runtime import Context, Response, behaviour
from ..runtime.clock import iso8601
from . import _store
from ._errors import not_found, okta_error, validation_failed
from .authz import allow, find

COLLECTION = "authz_resource_keys"
MIN_BITS = 2048


def _of(ctx: Context, server_id: str) -> list[dict[str, Any]]:
    return [k for k in ctx.state.collection(COLLECTION).values() if k["_server"] == server_id]


def _render(ctx: Context, key: dict[str, Any]) -> dict[str, Any]:
    path = f"/api/v1/authorizationServers/{key['_server']}/resourceservercredentials/keys/{key['id']}"
    links: dict[str, Any] = {"self": allow(ctx, path, "GET")}
    if key["status"] == "ACTIVE":
        links["deactivate"] = allow(ctx, f"{path}/lifecycle/deactivate", "POST")
    else:
        links["activate"] = allow(ctx, f"{path}/lifecycle/activate", "POST")
        links["delete"] = allow(ctx, path, "DELETE")
    return {**{k: v for k, v in key.items() if not k.startswith("_")}, "_links": links}


def _find(ctx: Context) -> dict[str, Any]:
    server = find(ctx)
    key_id = str(ctx.params.get("keyId") or "")
    found = ctx.state.collection(COLLECTION).get(f"{server['id']}/{key_id}")
    if found is None:
        raise not_found(key_id, "OAuth2ResourceServerJsonWebKey")
    return found


def _save(ctx: Context, key: dict[str, Any]) -> None:
    ctx.state.collection(COLLECTION).put(f"{key['_server']}/{key['id']}", key)


def _activate(ctx: Context, key: dict[str, Any]) -> None:
    for other in _of(ctx, key["_server"]):
        if other["id"] != key["id"] and other["status"] == "ACTIVE":
            _save(ctx, {**other, "status": "INACTIVE", "lastUpdated": iso8601(ctx.now())})
    key.update(status="ACTIVE", lastUpdated=iso8601(ctx.now()))
    _save(ctx, key)


@behaviour("listOAuth2ResourceServerJsonWebKeys")
def list_keys(ctx: Context) -> Any:
    return [_render(ctx, k) for k in _of(ctx, find(ctx)["id"])]


@behaviour("addOAuth2ResourceServerJsonWebKey")
def add_key(ctx: Context) -> Any:
    server = find(ctx)
    body = _store.body_object(ctx)
    if body.get("kty", "RSA") != "RSA":
        raise validation_failed("kty", "Only RSA keys can encrypt access tokens.")
    n, e = body.get("n"), body.get("e")
    if not isinstance(n, str) or not isinstance(e, str) or not n or not e:
        raise validation_failed("n", "The field cannot be left blank")
    try:
        bits = int.from_bytes(base64.urlsafe_b64decode(n + "=" * (-len(n) % 4)), "big").bit_length()
    except ValueError:
        bits = 0
    if bits < MIN_BITS:
        raise okta_error(
            "E0000001",
            "Api validation failed: JsonWebKey",
            causes=[f"RSA key length in the 'jwks' is less than '{MIN_BITS:,}' bits for the given key."],
        )
    now = iso8601(ctx.now())
    key = {
        "id": _store.new_id(ctx, "apk"),
        "kid": body.get("kid") or _store.new_id(ctx, "kid"),
        "kty": "RSA",
        "alg": "RSA-OAEP-256",
        "use": "enc",
        "e": e,
        "n": n,
        "status": "INACTIVE",
        "created": now,
        "lastUpdated": now,
        "_server": server["id"],
    }
    if body.get("status", "ACTIVE") == "ACTIVE":
        _activate(ctx, key)
    else:
        _save(ctx, key)
    return Response(201, _render(ctx, key))


@behaviour("getOAuth2ResourceServerJsonWebKey")
def get_key(ctx: Context) -> Any:
    return _render(ctx, _find(ctx))


@behaviour("activateOAuth2ResourceServerJsonWebKey")
def activate_key(ctx: Context) -> Any:
    key = _find(ctx)
    _activate(ctx, key)
    return _render(ctx, key)


@behaviour("deactivateOAuth2ResourceServerJsonWebKey")
def deactivate_key(ctx: Context) -> Any:
    key = _find(ctx)
    key.update(status="INACTIVE", lastUpdated=iso8601(ctx.now()))
    _save(ctx, key)
    return _render(ctx, key)


@behaviour("deleteOAuth2ResourceServerJsonWebKey")
def delete_key(ctx: Context) -> Any:
    key = _find(ctx)
    if key["status"] == "ACTIVE":
        raise okta_error(
            "E0000001", "Api validation failed: status", causes=["status: Deactivate the key before deleting it."]
        )
    ctx.state.collection(COLLECTION).delete(f"{key['_server']}/{key['id']}")
    return Response(204, None)
