"""What a client-credentials request may get: on the org authorization server, Okta management scopes (``okta.*``)
the admin granted the app (``/apps/{id}/grants``); on a custom server, scopes the server defines, allowed by the
first active policy that names the client (or ALL_CLIENTS) and its first active rule that allows the grant type and
the scopes. Sources: https://developer.okta.com/docs/guides/implement-oauth-for-okta-serviceapp/main/ and
https://developer.okta.com/docs/concepts/auth-servers/ (policy and rule evaluation, first match by priority).
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context
from ._authz_defaults import SCOPES
from ._oauth_client import OAuthRefusal, client_id_of
from .authz_policies import policies_of, rules_of

Record = dict[str, Any]
ORG_LIFETIME_SECONDS = 3600
OIDC_SCOPES = frozenset({"openid", "profile", "email", "address", "phone", "offline_access", "groups", "device_sso"})
POLICY_FAILED = "Policy evaluation failed for this request, please check the policy configurations."


def check_grant_type(app: Record, grant_type: str) -> None:
    allowed = ((app.get("settings") or {}).get("oauthClient") or {}).get("grant_types") or []
    if grant_type not in allowed:
        raise OAuthRefusal(
            "unauthorized_client",
            f"The client is not authorized to use the provided grant type. Configured grant types: {allowed}.",
        )


def org_scopes(ctx: Context, app: Record, requested: list[str]) -> int:
    """Check the requested scopes against the org server's rules, keeping in ``requested`` those the app was granted
    (Okta leaves out the others, and refuses when none is granted: okta/okta-sdk-java#822,
    okta/terraform-provider-okta#2375); the token lifetime in seconds."""
    check_grant_type(app, "client_credentials")
    if not requested:
        raise OAuthRefusal(
            "invalid_scope",
            "The authorization server resource does not have any configured default scopes, 'scope' must be provided.",
        )
    unknown = [s for s in requested if not s.startswith("okta.")]
    if unknown:
        raise OAuthRefusal(
            "invalid_scope", "One or more scopes are not configured for the authorization server resource."
        )
    prefix = app["id"] + "/"
    granted = {
        g["scopeId"]
        for k, g in ctx.state.collection("app_grants").scan()
        if k.startswith(prefix) and g.get("status") == "ACTIVE"
    }
    allowed = [s for s in requested if s in granted]
    if not allowed:
        raise OAuthRefusal("consent_required", "You are not allowed any of the requested scopes.")
    requested[:] = allowed
    return ORG_LIFETIME_SECONDS


def user_org_scopes(ctx: Context, app: Record, requested: list[str]) -> int:
    """The org server's scopes for a person's token (authorization code or password grant): the OpenID Connect
    scopes, and ``okta.*`` scopes the app was granted (https://developer.okta.com/docs/api/oauth2/ , "Scopes");
    the token lifetime in seconds."""
    if not requested:
        raise OAuthRefusal(
            "invalid_scope",
            "The authorization server resource does not have any configured default scopes, 'scope' must be provided.",
        )
    if any(s not in OIDC_SCOPES and not s.startswith("okta.") for s in requested):
        raise OAuthRefusal(
            "invalid_scope", "One or more scopes are not configured for the authorization server resource."
        )
    management = [s for s in requested if s.startswith("okta.")]
    if management:
        prefix = app["id"] + "/"
        granted = {
            g["scopeId"]
            for k, g in ctx.state.collection("app_grants").scan()
            if k.startswith(prefix) and g.get("status") == "ACTIVE"
        }
        if any(s not in granted for s in management):
            raise OAuthRefusal("consent_required", "You are not allowed any of the requested scopes.")
    return ORG_LIFETIME_SECONDS


def server_scopes(
    ctx: Context, server: Record, app: Record, requested: list[str], grant_type: str = "client_credentials"
) -> int:
    """Check the request against a custom server's scopes, policies and rules; the token lifetime in seconds."""
    check_grant_type(app, grant_type)
    if server.get("status") != "ACTIVE":
        raise OAuthRefusal("invalid_request", "The authorization server is not active.")
    defined = {r["name"]: r for r in ctx.state.collection(SCOPES).values() if r["_server"] == server["id"]}
    if not requested:
        requested[:] = [name for name, r in defined.items() if r.get("default")]
        if not requested:
            raise OAuthRefusal(
                "invalid_scope",
                "The authorization server resource does not have any configured "
                "default scopes, 'scope' must be provided.",
            )
    if any(s not in defined for s in requested):
        raise OAuthRefusal(
            "invalid_scope", "One or more scopes are not configured for the authorization server resource."
        )
    client_id = client_id_of(app)
    for policy in policies_of(ctx, server["id"]):
        clients = ((policy.get("conditions") or {}).get("clients") or {}).get("include") or []
        if policy["status"] != "ACTIVE" or not ("ALL_CLIENTS" in clients or client_id in clients):
            continue
        for rule in rules_of(ctx, server["id"], policy["id"]):
            conditions = rule.get("conditions") or {}
            grants = (conditions.get("grantTypes") or {}).get("include") or []
            scopes = (conditions.get("scopes") or {}).get("include") or []
            if (
                rule["status"] == "ACTIVE"
                and grant_type in grants
                and ("*" in scopes or all(s in scopes for s in requested))
            ):
                minutes = ((rule.get("actions") or {}).get("token") or {}).get("accessTokenLifetimeMinutes") or 60
                return int(minutes) * 60
        break  # the first matching policy decides
    raise OAuthRefusal("access_denied", POLICY_FAILED)
