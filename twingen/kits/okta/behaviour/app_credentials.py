"""An app's credentials: its signing keys (the org default plus generated or cloned ones), certificate signing
requests, OAuth client secrets and the client's public JSON Web Keys.

Keys and CSRs are real RSA material (``_idp_keys``): a generated key carries a self-signed X.509 certificate, a CSR
is PKCS#10 with the subject asked, and publishing it checks the signed certificate holds the CSR's key. A client
secret or JWK is deleted only once INACTIVE. Sources:
https://developer.okta.com/docs/api/openapi/okta-management/management/tag/ApplicationSSOCredentialKey/ and
https://developer.okta.com/docs/api/openapi/okta-management/management/tag/ApplicationSSOPublicKeys/
"""

from __future__ import annotations

import base64
from typing import Any

from ..runtime import Context, Response, arguments, behaviour
from ..runtime.clock import BASE62_ALPHABET, BASE64URL_ALPHABET, iso8601
from . import _idp_keys
from ._apps_model import KEYS, SECRETS, app_keys, find_app, key_id, secret_record
from ._apps_shape import well_formed
from ._errors import cause, not_found, okta_error, validation_failed
from ._links import href, link
from ._store import body_object

Record = dict[str, Any]
CSRS = "app_csrs"
JWKS = "app_jwks"


def _key(ctx: Context, app: Record, kid: str) -> Record:
    for key in app_keys(ctx, app["id"]):
        if key["kid"] == kid:
            return key
    raise not_found(kid, "JsonWebKey")


@behaviour("listApplicationKeys")
def list_application_keys(ctx: Context) -> list[Record]:
    return app_keys(ctx, find_app(ctx)["id"])


@behaviour("getApplicationKey")
def get_application_key(ctx: Context) -> Record:
    return _key(ctx, find_app(ctx), str(ctx.params.get("keyId")))


@behaviour("generateApplicationKey")
def generate_application_key(ctx: Context) -> Response:
    app = find_app(ctx)
    raw = arguments.text(ctx.params, "validityYears") or ""
    if not raw.isdigit() or not 2 <= int(raw) <= 10:
        # "validityYears: expiry of the key in years, 2 to 10" (generateApplicationKey)
        raise validation_failed("validityYears", "Validity years out of range. It should be 2 - 10 years")
    key = _idp_keys.generated(ctx, int(raw))
    ctx.state.collection(KEYS).put(f"{app['id']}/{key['kid']}", key)
    return Response(201, key)


@behaviour("cloneApplicationKey")
def clone_application_key(ctx: Context) -> Response:
    app = find_app(ctx)
    key = _key(ctx, app, str(ctx.params.get("keyId")))
    target = find_app(ctx, str(ctx.params.get("targetAid") or ""))
    if any(k["kid"] == key["kid"] for k in app_keys(ctx, target["id"])):
        raise okta_error(
            "E0000001",
            "Api validation failed: targetAid",
            causes=[cause("targetAid", "Key already exists in the list of key credentials for the target app.")],
        )
    ctx.state.collection(KEYS).put(f"{target['id']}/{key['kid']}", dict(key))
    return Response(201, key)


def _render_csr(ctx: Context, app_id: str, csr: Record) -> Record:
    path = f"/api/v1/apps/{app_id}/credentials/csrs/{csr['id']}"
    shown = {k: v for k, v in csr.items() if not k.startswith("_")}
    shown["_links"] = {
        "publish": link(ctx, path + "/lifecycle/publish", "POST"),
        "self": {"href": href(ctx, path), "hints": {"allow": ["GET", "DELETE"]}},
    }
    return shown


def _csr(ctx: Context, app: Record) -> Record:
    csr_id = str(ctx.params.get("csrId"))
    found = ctx.state.collection(CSRS).get(f"{app['id']}/{csr_id}")
    if found is None:
        raise not_found(csr_id, "AppInstanceCsr")
    return found


@behaviour("generateCsrForApplication")
def generate_csr_for_application(ctx: Context) -> Response:
    app = find_app(ctx)
    body = body_object(ctx)
    fields = (
        "countryName",
        "stateOrProvinceName",
        "localityName",
        "organizationName",
        "organizationalUnitName",
        "commonName",
    )
    well_formed(
        body,
        (
            ("subject", "object"),
            ("subjectAltNames", "object"),
            ("subjectAltNames.dnsNames", "list"),
            *((f"subject.{field}", "string") for field in fields),
        ),
    )
    if not all(isinstance(name, str) for name in (body.get("subjectAltNames") or {}).get("dnsNames") or []):
        raise okta_error("E0000003")
    if not isinstance(body.get("subject"), dict) or not body["subject"]:
        raise validation_failed("subject", "The field cannot be left blank.")
    der, private = _idp_keys.signing_request(ctx, body)
    csr = {"id": key_id(ctx), "created": iso8601(ctx.now()), "csr": der, "kty": "RSA", "_key": private}
    ctx.state.collection(CSRS).put(f"{app['id']}/{csr['id']}", csr)
    return Response(201, _render_csr(ctx, app["id"], csr))


@behaviour("listCsrsForApplication")
def list_csrs_for_application(ctx: Context) -> list[Record]:
    app = find_app(ctx)
    prefix = app["id"] + "/"
    return [_render_csr(ctx, app["id"], c) for k, c in ctx.state.collection(CSRS).scan() if k.startswith(prefix)]


@behaviour("getCsrForApplication")
def get_csr_for_application(ctx: Context) -> Record:
    app = find_app(ctx)
    return _render_csr(ctx, app["id"], _csr(ctx, app))


@behaviour("revokeCsrFromApplication")
def revoke_csr_from_application(ctx: Context) -> Response:
    app = find_app(ctx)
    csr = _csr(ctx, app)
    ctx.state.collection(CSRS).delete(f"{app['id']}/{csr['id']}")
    return Response(204, None)


@behaviour("publishCsrFromApplication")
def publish_csr_from_application(ctx: Context) -> Response:
    app = find_app(ctx)
    csr = _csr(ctx, app)
    try:
        cert = _idp_keys.certificate(ctx.raw_body.decode("ascii").strip())
    except (UnicodeDecodeError, ValueError):
        try:
            cert = _idp_keys.certificate(base64.b64encode(ctx.raw_body).decode())
        except ValueError:
            raise validation_failed("certificate", "The certificate is not a valid X.509 certificate.") from None
    key = _idp_keys.published(ctx, csr["_key"], cert)
    ctx.state.collection(KEYS).put(f"{app['id']}/{key['kid']}", key)
    ctx.state.collection(CSRS).delete(f"{app['id']}/{csr['id']}")
    return Response(201, key)


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
