"""Okta app instances as the org keeps them: the record Okta builds from what an admin sends (by ``signOnMode``,
or by the OIN ``name`` when it implies one), its rendering, and the org's default app signing key.

The defaults per sign-on mode follow the recorded answers of today's Okta (``orn``, ``universalLogout``,
``settings.notifications/notes/manualProvisioning/implicitAssignment``, ``_links``); OIDC clients get a
``client_id`` (the app id unless the admin names one) and a generated ``client_secret``; SAML, WS-Fed and OIDC apps
sign with the org's default app key (``credentials.signing.kid``), which every app lists among its keys.
Sources: https://developer.okta.com/docs/api/openapi/okta-management/management/tag/Application/ and
https://developer.okta.com/docs/api/openapi/okta-management/management/tag/ApplicationSSOCredentialKey/
"""

from __future__ import annotations

import base64
import copy
import hashlib
import re
from typing import Any

from ..runtime import Context
from ..runtime.clock import BASE62_ALPHABET, BASE64URL_ALPHABET
from . import _idp_keys, _log
from ._errors import not_found
from ._links import href, link

Record = dict[str, Any]

APPS = "apps"
KEYS = "app_keys"
"""Keys of each app beyond the org default, keyed ``appId/kid``."""
SECRETS = "app_secrets"
"""OAuth client secrets, keyed ``appId/secretId``."""
TITLE = "AppInstance"

# the OIN names an admin may create without naming the sign-on mode, and the custom apps' names per mode
# (https://developer.okta.com/docs/api/openapi/okta-management/management/tag/Application/#tag/Application/operation/createApplication)
OIN_MODES = {
    "bookmark": "BOOKMARK",
    "template_basic_auth": "BASIC_AUTH",
    "template_swa": "BROWSER_PLUGIN",
    "template_swa3field": "BROWSER_PLUGIN",
    "template_sps": "SECURE_PASSWORD_STORE",
    "oidc_client": "OPENID_CONNECT",
    "okta_org2org": "SAML_2_0",
    "template_wsfed": "WS_FEDERATION",
}
CUSTOM_NAMES = {
    "BOOKMARK": "bookmark",
    "BASIC_AUTH": "template_basic_auth",
    "BROWSER_PLUGIN": "template_swa",
    "SECURE_PASSWORD_STORE": "template_sps",
    "OPENID_CONNECT": "oidc_client",
    "WS_FEDERATION": "template_wsfed",
}
MODES = {
    "AUTO_LOGIN",
    "BASIC_AUTH",
    "BOOKMARK",
    "BROWSER_PLUGIN",
    "OPENID_CONNECT",
    "SAML_1_1",
    "SAML_2_0",
    "SECURE_PASSWORD_STORE",
    "WS_FEDERATION",
}
SIGNED = {"OPENID_CONNECT", "SAML_1_1", "SAML_2_0", "WS_FEDERATION"}
PASSWORDED = {"AUTO_LOGIN", "BASIC_AUTH", "BROWSER_PLUGIN", "SECURE_PASSWORD_STORE"}
PROVISIONING = {"okta_org2org"}
"""OIN apps that provision users (the others answer "Provisioning is not supported.")."""

_USERNAME = {"template": "${source.login}", "type": "BUILT_IN"}
_SIGN_ON_SAML: Record = {
    "defaultRelayState": None,
    "ssoAcsUrlOverride": None,
    "audienceOverride": None,
    "recipientOverride": None,
    "destinationOverride": None,
    "attributeStatements": [],
}
_LOGO = "/assets/img/logos/default.png"
# what Okta fills in an OIDC client's settings when the admin leaves them out (recorded answers of today's Okta)
_OAUTH_DEFAULTS: dict[str, Any] = {
    "consent_method": "TRUSTED",
    "issuer_mode": "DYNAMIC",
    "idp_initiated_login": {"mode": "DISABLED", "default_scope": []},
    "wildcard_redirect": "DISABLED",
    "dpop_bound_access_tokens": False,
}
# the org policies an app is governed by until an admin assigns others (policy type -> the _links name)
_POLICY_LINKS = (("PROFILE_ENROLLMENT", "profileEnrollment"), ("ACCESS_POLICY", "accessPolicy"))


def find_app(ctx: Context, app_id: str | None = None) -> Record:
    app_id = app_id if app_id is not None else str(ctx.params.get("appId") or "")
    found = ctx.state.collection(APPS).get(app_id)
    if found is None:
        raise not_found(app_id, TITLE)
    return found


def save_app(ctx: Context, app: Record) -> Record:
    ctx.state.collection(APPS).put(app["id"], app)
    return app


def built(ctx: Context, given: Record, app_id: str, mode: str, name: str, status: str, now: str) -> Record:
    """The app record Okta makes from what was sent."""
    app: Record = {
        "id": app_id,
        "orn": f"orn:okta:idp:{_org_id(ctx)}:apps:{name}:{app_id}",
        "name": name,
        "label": given["label"],
        "status": status,
        "lastUpdated": now,
        "created": now,
    }
    app["accessibility"] = {
        "selfService": False,
        "errorRedirectUrl": None,
        "loginRedirectUrl": None,
        **(given.get("accessibility") or {}),
    }
    hidden = mode == "OPENID_CONNECT"
    visibility = given.get("visibility") or {}
    app["visibility"] = {
        "autoLaunch": False,
        "autoSubmitToolbar": False,
        **visibility,
        "hide": {"iOS": hidden, "web": hidden, **(visibility.get("hide") or {})},
        "appLinks": visibility.get("appLinks") or {link_name(mode): True},
    }
    app["features"] = list(given.get("features") or [])
    app["signOnMode"] = mode
    app["credentials"] = _credentials(ctx, given.get("credentials") or {}, mode, app_id)
    app["universalLogout"] = None
    app["settings"] = _settings(given.get("settings") or {}, mode)
    if isinstance(given.get("profile"), dict):
        app["profile"] = given["profile"]
    return app


def link_name(mode: str) -> str:
    return "oidc_client_link" if mode == "OPENID_CONNECT" else "login"


def _credentials(ctx: Context, given: Record, mode: str, app_id: str) -> Record:
    credentials: Record = {"userNameTemplate": {**_USERNAME, **(given.get("userNameTemplate") or {})}}
    if mode in PASSWORDED:
        credentials = {
            "scheme": given.get("scheme") or "EDIT_USERNAME_AND_PASSWORD",
            **credentials,
            "revealPassword": bool(given.get("revealPassword", False)),
        }
        for field in ("userName", "password"):
            if field in given:
                credentials[field] = given[field]
    credentials["signing"] = {"kid": default_key(ctx)["kid"]} if mode in SIGNED else {}
    if mode == "OPENID_CONNECT":
        client = dict(given.get("oauthClient") or {})
        method = client.get("token_endpoint_auth_method") or "client_secret_basic"
        credentials["oauthClient"] = {
            "autoKeyRotation": client.get("autoKeyRotation", True),
            "client_id": client.get("client_id") or app_id,
            "token_endpoint_auth_method": method,
        }
        if method.startswith("client_secret"):
            credentials["oauthClient"]["client_secret"] = client.get("client_secret") or new_secret(ctx)
        credentials["oauthClient"]["pkce_required"] = bool(client.get("pkce_required", True))
    return credentials


def _settings(given: Record, mode: str) -> Record:
    settings: Record = {
        "app": copy.deepcopy(given.get("app") or {}),
        "notifications": given.get("notifications")
        or {"vpn": {"network": {"connection": "DISABLED"}, "message": None, "helpUrl": None}},
        "manualProvisioning": bool(given.get("manualProvisioning", False)),
        "implicitAssignment": bool(given.get("implicitAssignment", False)),
        "notes": given.get("notes") or {"admin": None, "enduser": None},
    }
    if mode in ("SAML_2_0", "SAML_1_1"):
        settings["signOn"] = {**_SIGN_ON_SAML, **(given.get("signOn") or {})}
    elif given.get("signOn") is not None:
        settings["signOn"] = given["signOn"]
    if mode == "OPENID_CONNECT":
        settings["oauthClient"] = {"logo_uri": None, **(given.get("oauthClient") or {})}
        for key, value in _OAUTH_DEFAULTS.items():
            settings["oauthClient"].setdefault(key, copy.deepcopy(value))
    for key, value in given.items():
        settings.setdefault(key, value)
    return settings


def new_secret(ctx: Context) -> str:
    # Okta's client secrets are 40 (app create) or 64 (secrets API) URL-safe characters
    return ctx.new_id("", 40, BASE64URL_ALPHABET)


def secret_record(ctx: Context, value: str, now: str) -> Record:
    """A client secret as the secrets API keeps it; ``secret_hash`` lets a client tell secrets apart unseen."""
    digest = base64.urlsafe_b64encode(hashlib.md5(value.encode()).digest()).rstrip(b"=").decode()
    return {
        "id": "ocs" + ctx.new_id("", 17, BASE62_ALPHABET),
        "created": now,
        "lastUpdated": now,
        "status": "ACTIVE",
        "client_secret": value,
        "secret_hash": digest,
    }


def custom_name(ctx: Context, label: str) -> str:
    """A custom SAML or auto-login app's generated name: the org's subdomain and the label, as Okta makes it."""
    org = str((ctx.state.collection("org").get("settings") or {}).get("subdomain") or "twin")
    return f"{org}_{re.sub(r'[^a-z0-9]', '', label.lower()) or 'app'}_1"


def render_app(ctx: Context, app: Record) -> Record:
    shown = {k: v for k, v in app.items() if not k.startswith("_")}
    path = f"/api/v1/apps/{app['id']}"
    links: Record = {"uploadLogo": link(ctx, path + "/logo", "POST")}
    links["appLinks"] = [
        {"name": name, "href": href(ctx, f"/home/{app['name']}/{app['id']}/{name}"), "type": "text/html"}
        for name in (app.get("visibility") or {}).get("appLinks") or {}
    ]
    if app.get("signOnMode") in ("SAML_2_0", "SAML_1_1"):
        help_path = f"/app/{app['name']}/{app['id']}/setup/help/{app['signOnMode']}/external-doc"
        links["help"] = {"href": href(ctx, help_path), "type": "text/html"}
        links["metadata"] = {"href": href(ctx, path + "/sso/saml/metadata"), "type": "application/xml"}
    if app.get("status") == "INACTIVE":
        links["activate"] = {"href": href(ctx, path + "/lifecycle/activate")}
    policies = _policies(ctx, app)
    if "profileEnrollment" in policies:
        links["profileEnrollment"] = {"href": href(ctx, f"/api/v1/policies/{policies['profileEnrollment']}")}
    links["policies"] = link(ctx, path + "/policies", "PUT")
    links["groups"] = {"href": href(ctx, path + "/groups")}
    links["logo"] = [{"name": "medium", "href": href(ctx, _LOGO), "type": "image/png"}]
    if app.get("signOnMode") == "OPENID_CONNECT":
        links["clientCredentials"] = [{"name": "secrets", "href": href(ctx, path + "/credentials/secrets")}]
    if "accessPolicy" in policies:
        links["accessPolicy"] = {"href": href(ctx, f"/api/v1/policies/{policies['accessPolicy']}")}
    links["users"] = {"href": href(ctx, path + "/users")}
    if app.get("status") == "ACTIVE":
        links["deactivate"] = {"href": href(ctx, path + "/lifecycle/deactivate")}
    shown["_links"] = links
    return shown


def _policies(ctx: Context, app: Record) -> dict[str, str]:
    """The app's access policy (assigned, else the org's default) and the org's default profile enrollment
    policy, when the org has them."""
    found: dict[str, str] = {}
    for _, policy in ctx.state.collection("policies").scan():
        for kind, name in _POLICY_LINKS:
            if (
                policy.get("type") == kind
                and name not in found
                and (policy.get("system") or policy.get("name") == "Default Policy")
            ):
                found[name] = str(policy.get("id"))
    if app.get("_accessPolicy"):
        found["accessPolicy"] = str(app["_accessPolicy"])
    return found


def default_key(ctx: Context) -> Record:
    """The org's default app signing key, made the first time an app needs it (Okta makes one per org)."""
    org = ctx.state.collection("org")
    found = org.get("app_signing_key")
    if found is None:
        found = _idp_keys.generated(ctx, 10)
        org.put("app_signing_key", found)
    return found


def app_keys(ctx: Context, app_id: str) -> list[Record]:
    prefix = app_id + "/"
    own = [key for k, key in ctx.state.collection(KEYS).scan() if k.startswith(prefix)]
    return [default_key(ctx), *own]


def logged(ctx: Context, event: str, app: Record, *more: dict[str, Any]) -> None:
    label = str(app.get("label") or app["id"])
    _log.record(ctx, event, [_log.target("AppInstance", app["id"], str(app.get("name") or label), label), *more])


def _org_id(ctx: Context) -> str:
    return str((ctx.state.collection("org").get("settings") or {}).get("id") or "00o" + "0" * 17)


def key_id(ctx: Context) -> str:
    """An id of the kind Okta gives CSRs and keys: 43 URL-safe characters (a SHA-256 in base64url)."""
    return ctx.new_id("", 43, BASE62_ALPHABET + "-_")
