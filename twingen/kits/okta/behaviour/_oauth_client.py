"""Who is asking the token endpoint: OAuth 2.0 client authentication as Okta does it — ``client_secret_basic``
(an HTTP Basic header), ``client_secret_post`` (``client_id``/``client_secret`` in the form) and
``private_key_jwt`` (a ``client_assertion`` JWT signed with a key the app registered, checked with PyJWT: its
signature, ``iss`` = ``sub`` = the client id, ``aud`` = the token URL, not expired, its ``jti`` used once).

The clients are the OIDC apps the apps area keeps (collection ``apps``, ``credentials.oauthClient``), their
secrets (``app_secrets``) and JWKs (``settings.oauthClient.jwks`` and ``app_jwks``). A refusal is the OAuth error
``{"error", "error_description"}`` (``OAuthRefusal``), never Okta's management envelope.
Sources: https://developer.okta.com/docs/api/openapi/okta-oauth/oauth/tag/OrgAS/#tag/OrgAS/operation/token and
https://developer.okta.com/docs/guides/implement-oauth-for-okta-serviceapp/main/
"""

from __future__ import annotations

import base64
import binascii
import hmac
import json
from typing import Any
from urllib.parse import unquote_plus

import jwt
from cryptography.hazmat.primitives.asymmetric.ec import EllipticCurvePrivateKey
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
from jwt.algorithms import ECAlgorithm, RSAAlgorithm

from ..runtime import Context, arguments

Record = dict[str, Any]
ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
USED_ASSERTIONS = "oauth_assertions"
BAD_CLIENT = "Client authentication failed. Either the client or the client credentials are invalid."


class OAuthRefusal(Exception):
    """An OAuth error answer: ``error`` code, description, HTTP status."""

    def __init__(self, error: str, description: str, status: int = 400) -> None:
        super().__init__(description)
        self.error, self.description, self.status = error, description, status


def client_id_of(app: Record) -> str:
    """The app's OAuth client id (an app made without one is its own id)."""
    return str(((app.get("credentials") or {}).get("oauthClient") or {}).get("client_id") or app["id"])


def form(ctx: Context, name: str) -> str | None:
    return arguments.text(ctx.params, name)


def client_app(ctx: Context, client_id: str) -> Record | None:
    for app in ctx.state.collection("apps").values():
        oauth = (app.get("credentials") or {}).get("oauthClient") or {}
        if oauth.get("client_id") == client_id or (not oauth.get("client_id") and app["id"] == client_id and oauth):
            return app
    return None


def method_of(app: Record) -> str:
    return str(
        ((app.get("credentials") or {}).get("oauthClient") or {}).get("token_endpoint_auth_method")
        or "client_secret_basic"
    )


def _secrets(ctx: Context, app: Record) -> list[str]:
    own = ((app.get("credentials") or {}).get("oauthClient") or {}).get("client_secret")
    prefix = app["id"] + "/"
    listed = [
        s["client_secret"]
        for k, s in ctx.state.collection("app_secrets").scan()
        if k.startswith(prefix) and s.get("status") == "ACTIVE"
    ]
    return [s for s in [own, *listed] if s]


def _jwks(ctx: Context, app: Record) -> list[Record]:
    inline = ((((app.get("settings") or {}).get("oauthClient") or {}).get("jwks") or {}).get("keys")) or []
    prefix = app["id"] + "/"
    listed = [
        k
        for key, k in ctx.state.collection("app_jwks").scan()
        if key.startswith(prefix) and k.get("status", "ACTIVE") == "ACTIVE"
    ]
    return [k for k in [*inline, *listed] if isinstance(k, dict)]


def _basic(ctx: Context) -> tuple[str, str] | None:
    header = ctx.headers.get("authorization", "")
    if not header.lower().startswith("basic "):
        return None
    try:
        user, sep, password = base64.b64decode(header[6:].strip(), validate=True).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError):
        raise OAuthRefusal("invalid_client", BAD_CLIENT, 401) from None
    if not sep:
        raise OAuthRefusal("invalid_client", BAD_CLIENT, 401)
    return unquote_plus(user), unquote_plus(password)


def authenticate(ctx: Context, token_url: str) -> Record:
    """The app the request authenticates as, or the OAuth refusal Okta answers."""
    assertion_type, assertion = form(ctx, "client_assertion_type"), form(ctx, "client_assertion")
    basic = _basic(ctx)
    if assertion is not None or assertion_type is not None:
        if assertion_type != ASSERTION_TYPE or not assertion:
            raise OAuthRefusal("invalid_client", "The client_assertion_type is invalid or missing.")
        return _by_assertion(ctx, assertion, token_url)
    secret: str | None
    if basic is not None:
        client_id, secret = basic
    else:
        client_id, secret = form(ctx, "client_id") or "", form(ctx, "client_secret")
    if not client_id:
        raise OAuthRefusal("invalid_client", "The client_id is missing.", 401)
    app = client_app(ctx, client_id)
    if app is None or app.get("status") != "ACTIVE":
        raise OAuthRefusal("invalid_client", "The client_id is invalid.", 401)
    if method_of(app) == "none" and secret is None:
        # a public client (a SPA, a native app) names itself only; PKCE proves it at the token endpoint
        return app
    if secret is None:
        raise OAuthRefusal("invalid_client", "The client_secret is missing.", 401)
    # an app set up with a client secret may send it either way; one set up for private_key_jwt may not send one
    if not method_of(app).startswith("client_secret") or not any(
        hmac.compare_digest(secret, known) for known in _secrets(ctx, app)
    ):
        raise OAuthRefusal("invalid_client", BAD_CLIENT, 401)
    return app


def _by_assertion(ctx: Context, assertion: str, token_url: str) -> Record:
    try:
        header = jwt.get_unverified_header(assertion)
        unverified = jwt.decode(assertion, options={"verify_signature": False})
    except jwt.PyJWTError:
        raise OAuthRefusal("invalid_client", "The client_assertion token is invalid.", 401) from None
    client_id = str(unverified.get("iss") or "")
    app = client_app(ctx, client_id)
    if app is None or app.get("status") != "ACTIVE":
        raise OAuthRefusal("invalid_client", "The client_id is invalid.", 401)
    if method_of(app) != "private_key_jwt":
        raise OAuthRefusal(
            "invalid_client", "The client is not configured to authenticate with a client_assertion token.", 401
        )
    keys = [k for k in _jwks(ctx, app) if not header.get("kid") or k.get("kid") in (None, header.get("kid"))]
    claims = None
    for jwk in keys:
        algorithm = RSAAlgorithm if jwk.get("kty") == "RSA" else ECAlgorithm
        try:
            key = algorithm.from_jwk(json.dumps({k: v for k, v in jwk.items() if not k.startswith("_")}))
            # a JWK registered with its private part still verifies with its public half only
            public = key.public_key() if isinstance(key, (RSAPrivateKey, EllipticCurvePrivateKey)) else key
            claims = jwt.decode(
                assertion,
                public,
                algorithms=[str(header.get("alg") or "RS256")],
                audience=token_url,
                options={"require": ["exp", "iss", "sub", "aud"]},
                leeway=60,
            )
            break
        except jwt.InvalidAudienceError:
            raise OAuthRefusal(
                "invalid_client",
                "The audience claim for client_assertion must be the endpoint invoked for the request.",
                401,
            ) from None
        except jwt.ExpiredSignatureError:
            raise OAuthRefusal("invalid_client", "The client_assertion token is expired.", 401) from None
        except (jwt.PyJWTError, ValueError, KeyError, TypeError):
            continue
    if claims is None:
        raise OAuthRefusal("invalid_client", "The client_assertion signature is invalid.", 401)
    if claims.get("sub") != client_id:
        raise OAuthRefusal("invalid_client", "The client_assertion token's sub must be the client_id.", 401)
    jti = str(claims.get("jti") or "")
    if jti:
        used = ctx.state.collection(USED_ASSERTIONS)
        if used.get(f"{client_id}/{jti}") is not None:
            raise OAuthRefusal("invalid_client", "The client_assertion token has already been used.", 401)
        used.put(f"{client_id}/{jti}", {"exp": claims.get("exp")})
    return app
