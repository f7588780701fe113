"""An OAuth client app's own credentials: its client secrets and the public JSON Web Keys it signs with
(``private_key_jwt``). A secret or key is deleted only once INACTIVE; an RSA key under 2048 bits is refused as Okta
words it (recorded). Source:
https://developer.okta.com/docs/api/openapi/okta-management/management/tag/ApplicationSSOPublicKeys/
"""

from __future__ import annotations

import base64
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


def _secret(ctx: Context, app: Record) -> Record:
    secret_id = str(ctx.params.get("secretId"))
    found = ctx.state.collection(SECRETS).get(f"{app['id']}/{secret_id}")
    if found is None:
        raise not_found(secret_id, "OAuth2ClientSecret")
    return found


@behaviour("listOAuth2ClientSecrets")
def list_oauth2_client_secrets(ctx: Context) -> list[Record]:
    app = find_app(ctx)
    prefix = app["id"] + "/"
    return [_render_secret(ctx, app["id"], s) for k, s in ctx.state.collection(SECRETS).scan() if k.startswith(prefix)]


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
    app = find_app(ctx)
    return _render_secret(ctx, app["id"], _secret(ctx, app))


@behaviour("activateOAuth2ClientSecret")
def activate_oauth2_client_secret(ctx: Context) -> Record:
    return _secret_status(ctx, "ACTIVE")


@behaviour("deactivateOAuth2ClientSecret")
def deactivate_oauth2_client_secret(ctx: Context) -> Record:
    return _secret_status(ctx, "INACTIVE")


def _secret_status(ctx: Context, status: str) -> Record:
    app = find_app(ctx)
    secret = _secret(ctx, app)
    secret["status"] = status
    secret["lastUpdated"] = iso8601(ctx.now())
    ctx.state.collection(SECRETS).put(f"{app['id']}/{secret['id']}", secret)
    return _render_secret(ctx, app["id"], secret)


@behaviour("deleteOAuth2ClientSecret")
def delete_oauth2_client_secret(ctx: Context) -> Response:
    app = find_app(ctx)
    secret = _secret(ctx, app)
    if secret.get("status") == "ACTIVE":
        raise validation_failed("status", "Cannot delete an active client secret. Deactivate it first.")
    ctx.state.collection(SECRETS).delete(f"{app['id']}/{secret['id']}")
    return Response(204, None)


def _render_jwk(ctx: Context, app_id: str, jwk: Record) -> Record:
    path = f"/api/v1/apps/{app_id}/credentials/jwks/{jwk['id']}"
    shown = dict(jwk)
    action = "deactivate" if jwk.get("status") == "ACTIVE" else "activate"
    shown["_links"] = {
        action: link(ctx, f"{path}/lifecycle/{action}", "POST"),
        "self": {"href": href(ctx, path), "hints": {"allow": ["GET", "DELETE"]}},
    }
    return shown


def _jwk(ctx: Context, app: Record) -> Record:
    found = ctx.state.collection(JWKS).get(f"{app['id']}/{ctx.params.get('keyId')}")
    if found is None:
        raise not_found(str(ctx.params.get("keyId")), "OAuth2ClientJsonWebKey")
    return found


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
    app = find_app(ctx)
    prefix = app["id"] + "/"
    return [_render_jwk(ctx, app["id"], j) for k, j in ctx.state.collection(JWKS).scan() if k.startswith(prefix)]


@behaviour("getJwk")
def get_jwk(ctx: Context) -> Record:
    app = find_app(ctx)
    return _render_jwk(ctx, app["id"], _jwk(ctx, app))


@behaviour("activateOAuth2ClientJsonWebKey")
def activate_jwk(ctx: Context) -> Record:
    return _jwk_status(ctx, "ACTIVE")


@behaviour("deactivateOAuth2ClientJsonWebKey")
def deactivate_jwk(ctx: Context) -> Record:
    return _jwk_status(ctx, "INACTIVE")


def _jwk_status(ctx: Context, status: str) -> Record:
    app = find_app(ctx)
    jwk = _jwk(ctx, app)
    jwk["status"] = status
    jwk["lastUpdated"] = iso8601(ctx.now())
    ctx.state.collection(JWKS).put(f"{app['id']}/{jwk['id']}", jwk)
    return _render_jwk(ctx, app["id"], jwk)


@behaviour("deletejwk")
def delete_jwk(ctx: Context) -> Response:
    app = find_app(ctx)
    jwk = _jwk(ctx, app)
    if jwk.get("status") == "ACTIVE":
        raise validation_failed("status", "Cannot delete an active JSON Web Key. Deactivate it first.")
    ctx.state.collection(JWKS).delete(f"{app['id']}/{jwk['id']}")
    return Response(204, None)
