"""An OAuth client app's own credentials: its client secrets and the public JSON Web Keys it signs with
(``private_key_jwt``). A secret or key is deleted only once INACTIVE; an RSA key under 2048 bits is refused as Okta
words it (recorded). Source:
https://developer.okta.com/docs/api/openapi/okta-management/management/tag/ApplicationSSOPublicKeys/
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..runtime import Context, Response, behaviour
from ..runtime.clock import BASE62_ALPHABET, BASE64URL_ALPHABET, iso8601
from ._apps_model import SECRETS, find_app, secret_record
from ._errors import not_found, okta_error, validation_failed
from ._links import href, link
from ._store import body_object

Record = dict[str, Any]
JWKS = "app_jwks"


def _render_secret(ctx: Context, app_id: str, secret: Record) -> Record:
    path = f"/api/v1/apps/{app_id}/credentials/secrets/{secret['id']}"
    shown = dict(secret)
    if secret.get("status") == "ACTIVE":
        shown["_links"] = {"deactivate": link(ctx, path + "/lifecycle/deactivate", "POST")}
    else:
        shown["_links"] = {
            "activate": link(ctx, path + "/lifecycle/activate", "POST"),
            "delete": {"href": href(ctx, path), "hints": {"allow": ["DELETE"]}},
        }
    return shown


def _render_jwk(ctx: Context, app_id: str, jwk: Record) -> Record:
    path = f"/api/v1/apps/{app_id}/credentials/jwks/{jwk['id']}"
    shown = dict(jwk)
    action = "deactivate" if jwk.get("status") == "ACTIVE" else "activate"
    shown["_links"] = {
        action: link(ctx, f"{path}/lifecycle/{action}", "POST"),
        "self": {"href": href(ctx, path), "hints": {"allow": ["GET", "DELETE"]}},
    }
    return shown


@dataclass(frozen=True)
class _Family:
    """Client secrets and JWKs live alike under their app (keyed ``appId/id``) and differ only in these."""

    collection: str
    param: str
    title: str
    noun: str
    render: Callable[[Context, str, Record], Record]


_SECRETS = _Family(SECRETS, "secretId", "OAuth2ClientSecret", "client secret", _render_secret)
_JWKS = _Family(JWKS, "keyId", "OAuth2ClientJsonWebKey", "JSON Web Key", _render_jwk)


def _find(ctx: Context, family: _Family) -> tuple[Record, Record]:
    app = find_app(ctx)
    id_ = str(ctx.params.get(family.param))
    found = ctx.state.collection(family.collection).get(f"{app['id']}/{id_}")
    if found is None:
        raise not_found(id_, family.title)
    return app, found


def _listed(ctx: Context, family: _Family) -> list[Record]:
    app = find_app(ctx)
    prefix = app["id"] + "/"
    stored = ctx.state.collection(family.collection).scan()
    return [family.render(ctx, app["id"], r) for k, r in stored if k.startswith(prefix)]


def _got(ctx: Context, family: _Family) -> Record:
    app, found = _find(ctx, family)
    return family.render(ctx, app["id"], found)


def _set_status(ctx: Context, family: _Family, status: str) -> Record:
    app, found = _find(ctx, family)
    found["status"] = status
    found["lastUpdated"] = iso8601(ctx.now())
    ctx.state.collection(family.collection).put(f"{app['id']}/{found['id']}", found)
    return family.render(ctx, app["id"], found)


def _delete(ctx: Context, family: _Family) -> Response:
    app, found = _find(ctx, family)
    if found.get("status") == "ACTIVE":
        raise validation_failed("status", f"Cannot delete an active {family.noun}. Deactivate it first.")
    ctx.state.collection(family.collection).delete(f"{app['id']}/{found['id']}")
    return Response(204, None)


@behaviour("listOAuth2ClientSecrets")
def list_oauth2_client_secrets(ctx: Context) -> list[Record]:
    return _listed(ctx, _SECRETS)


@behaviour("createOAuth2ClientSecret")
def create_oauth2_client_secret(ctx: Context) -> Response:
    app = find_app(ctx)
    given = body_object(ctx).get("client_secret")
    value = given if isinstance(given, str) and given else ctx.new_id("", 64, BASE64URL_ALPHABET)
    secret = secret_record(ctx, value, iso8601(ctx.now()))
    ctx.state.collection(SECRETS).put(f"{app['id']}/{secret['id']}", secret)
    return Response(201, _render_secret(ctx, app["id"], secret))


@behaviour("getOAuth2ClientSecret")
def get_oauth2_client_secret(ctx: Context) -> Record:
    return _got(ctx, _SECRETS)


@behaviour("activateOAuth2ClientSecret")
def activate_oauth2_client_secret(ctx: Context) -> Record:
    return _set_status(ctx, _SECRETS, "ACTIVE")


@behaviour("deactivateOAuth2ClientSecret")
def deactivate_oauth2_client_secret(ctx: Context) -> Record:
    return _set_status(ctx, _SECRETS, "INACTIVE")


@behaviour("deleteOAuth2ClientSecret")
def delete_oauth2_client_secret(ctx: Context) -> Response:
    return _delete(ctx, _SECRETS)


@behaviour("addJwk")
def add_jwk(ctx: Context) -> Response:
    app = find_app(ctx)
    body = body_object(ctx)
    if body.get("kty") == "RSA":
        n = str(body.get("n") or "")
        try:
            bits = int.from_bytes(base64.urlsafe_b64decode(n + "=" * (-len(n) % 4)), "big").bit_length()
        except ValueError:
            bits = 0
        if bits < 2048:
            raise okta_error(
                "E0000001",
                "Api validation failed: JsonWebKey",
                causes=["RSA key length in the 'jwks' is less than '2,048' bits for the given key."],
            )
    elif body.get("kty") != "EC":
        raise validation_failed("kty", "The field must be RSA or EC.")
    now = iso8601(ctx.now())
    jwk: Record = {
        "id": "pks" + ctx.new_id("", 17, BASE62_ALPHABET),
        "kid": body.get("kid"),
        "status": body.get("status") or "ACTIVE",
        "created": now,
        "lastUpdated": now,
        **{k: body[k] for k in ("kty", "alg", "use", "e", "n", "x", "y", "crv") if k in body},
    }
    ctx.state.collection(JWKS).put(f"{app['id']}/{jwk['id']}", jwk)
    return Response(201, _render_jwk(ctx, app["id"], jwk))


@behaviour("listJwk")
def list_jwk(ctx: Context) -> list[Record]:
    return _listed(ctx, _JWKS)


@behaviour("getJwk")
def get_jwk(ctx: Context) -> Record:
    return _got(ctx, _JWKS)


@behaviour("activateOAuth2ClientJsonWebKey")
def activate_jwk(ctx: Context) -> Record:
    return _set_status(ctx, _JWKS, "ACTIVE")


@behaviour("deactivateOAuth2ClientJsonWebKey")
def deactivate_jwk(ctx: Context) -> Record:
    return _set_status(ctx, _JWKS, "INACTIVE")


@behaviour("deletejwk")
def delete_jwk(ctx: Context) -> Response:
    return _delete(ctx, _JWKS)
