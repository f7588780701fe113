"""An authorization server's access policies and their rules (``.../policies``, ``.../policies/{id}/rules``):
``OAUTH_AUTHORIZATION_POLICY`` policies choosing clients, ``RESOURCE_ACCESS`` rules choosing people, grant types
and scopes with token lifetimes; ordered by priority; lifecycle calls answer 204. The token endpoint reads them.

Sources: https://developer.okta.com/docs/api/openapi/okta-management/management/tag/AuthorizationServerPolicies/ ,
.../tag/AuthorizationServerRules/ and the recorded answers (a rule gains ``people.users.exclude: []``; a priority
past the last is the last).
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, Response, behaviour
from ..runtime.clock import iso8601
from . import _log, _store
from ._authz_defaults import POLICIES, RULES
from ._errors import not_found, validation_failed
from ._policies_shapes import merged
from .authz import allow, find
from .policies import place

TOKEN_DEFAULTS = {
    "accessTokenLifetimeMinutes": 60,
    "refreshTokenLifetimeMinutes": 0,
    "refreshTokenWindowMinutes": 10080,
}
GRANTS = (
    "authorization_code",
    "client_credentials",
    "implicit",
    "password",
    "refresh_token",
    "urn:ietf:params:oauth:grant-type:device_code",
    "urn:ietf:params:oauth:grant-type:token-exchange",
    "urn:ietf:params:oauth:grant-type:saml2-bearer",
    "urn:okta:params:oauth:grant-type:otp",
    "urn:okta:params:oauth:grant-type:oob",
    "http://auth0.com/oauth/grant-type/mfa-oob",
    "urn:openid:params:grant-type:ciba",
    "interaction_code",
    "urn:okta:params:oauth:grant-type:mfa-otp",
    "urn:okta:params:oauth:grant-type:mfa-oob",
)


def policies_of(ctx: Context, server_id: str) -> list[dict[str, Any]]:
    return sorted(
        (p for p in ctx.state.collection(POLICIES).values() if p["_server"] == server_id), key=lambda p: p["priority"]
    )


def rules_of(ctx: Context, server_id: str, policy_id: str) -> list[dict[str, Any]]:
    return sorted(
        (r for r in ctx.state.collection(RULES).values() if r["_server"] == server_id and r["_policy"] == policy_id),
        key=lambda r: r["priority"],
    )


def _policy_key(record: dict[str, Any]) -> str:
    return f"{record['_server']}/{record['id']}"


def _rule_key(record: dict[str, Any]) -> str:
    return f"{record['_server']}/{record['_policy']}/{record['id']}"


def _render_policy(ctx: Context, record: dict[str, Any]) -> dict[str, Any]:
    path = f"/api/v1/authorizationServers/{record['_server']}/policies/{record['id']}"
    action = "deactivate" if record["status"] == "ACTIVE" else "activate"
    return {
        **{k: v for k, v in record.items() if not k.startswith("_")},
        "_links": {
            "self": allow(ctx, path, "GET", "PUT", "DELETE"),
            "rules": allow(ctx, f"{path}/rules", "GET"),
            action: allow(ctx, f"{path}/lifecycle/{action}", "POST"),
        },
    }


def _render_rule(ctx: Context, record: dict[str, Any]) -> dict[str, Any]:
    path = f"/api/v1/authorizationServers/{record['_server']}/policies/{record['_policy']}/rules/{record['id']}"
    action = "deactivate" if record["status"] == "ACTIVE" else "activate"
    return {
        **{k: v for k, v in record.items() if not k.startswith("_")},
        "_links": {
            "self": allow(ctx, path, "GET", "PUT", "DELETE"),
            action: allow(ctx, f"{path}/lifecycle/{action}", "POST"),
        },
    }


def _policy(ctx: Context) -> dict[str, Any]:
    server = find(ctx)
    id_ = str(ctx.params.get("policyId") or "")
    found = ctx.state.collection(POLICIES).get(f"{server['id']}/{id_}")
    if found is None:
        raise not_found(id_, "Policy")
    return found


def _rule(ctx: Context, policy: dict[str, Any]) -> dict[str, Any]:
    id_ = str(ctx.params.get("ruleId") or "")
    found = ctx.state.collection(RULES).get(f"{policy['_server']}/{policy['id']}/{id_}")
    if found is None:
        raise not_found(id_, "PolicyRule")
    return found


def _policy_fields(body: dict[str, Any]) -> dict[str, Any]:
    if body.get("type", "OAUTH_AUTHORIZATION_POLICY") != "OAUTH_AUTHORIZATION_POLICY":
        raise validation_failed("type", f"Invalid value '{body.get('type')}'")
    for name in ("name", "description"):
        if not isinstance(body.get(name), str) or not body[name].strip():
            raise validation_failed(name, "The field cannot be left blank")
    conditions = merged({"clients": {"include": []}}, body.get("conditions"))
    return {"name": body["name"], "description": body["description"], "conditions": conditions}


@behaviour("listAuthorizationServerPolicies")
def list_authorization_server_policies(ctx: Context) -> Any:
    return [_render_policy(ctx, p) for p in policies_of(ctx, find(ctx)["id"])]


@behaviour("createAuthorizationServerPolicy")
def create_authorization_server_policy(ctx: Context) -> Any:
    server = find(ctx)
    body = _store.body_object(ctx)
    now = iso8601(ctx.now())
    record = {
        "type": "OAUTH_AUTHORIZATION_POLICY",
        "id": _store.new_id(ctx, "00p"),
        "status": body.get("status") or "ACTIVE",
        **_policy_fields(body),
        "priority": 1,
        "system": False,
        "created": now,
        "lastUpdated": now,
        "_server": server["id"],
    }
    place(ctx, policies_of(ctx, server["id"]), record, body.get("priority"), POLICIES, _policy_key)
    _log.record(ctx, "oauth2.as.policy.created", [_log.target("Policy", record["id"], record["name"])])
    return Response(201, _render_policy(ctx, record))


@behaviour("getAuthorizationServerPolicy")
def get_authorization_server_policy(ctx: Context) -> Any:
    return _render_policy(ctx, _policy(ctx))


@behaviour("replaceAuthorizationServerPolicy")
def replace_authorization_server_policy(ctx: Context) -> Any:
    record = _policy(ctx)
    body = _store.body_object(ctx)
    record.update({**_policy_fields(body), "lastUpdated": iso8601(ctx.now())})
    ctx.state.collection(POLICIES).put(_policy_key(record), record)
    if "priority" in body:
        place(ctx, policies_of(ctx, record["_server"]), record, body["priority"], POLICIES, _policy_key)
    _log.record(ctx, "oauth2.as.policy.updated", [_log.target("Policy", record["id"], record["name"])])
    return _render_policy(ctx, record)


@behaviour("deleteAuthorizationServerPolicy")
def delete_authorization_server_policy(ctx: Context) -> Any:
    record = _policy(ctx)
    ctx.state.collection(POLICIES).delete(_policy_key(record))
    for rule in rules_of(ctx, record["_server"], record["id"]):
        ctx.state.collection(RULES).delete(_rule_key(rule))
    place(ctx, policies_of(ctx, record["_server"]), None, None, POLICIES, _policy_key)
    _log.record(ctx, "oauth2.as.policy.deleted", [_log.target("Policy", record["id"], record["name"])])
    return Response(204, None)


def _policy_lifecycle(status: str) -> Any:
    def change(ctx: Context) -> Any:
        record = _policy(ctx)
        record.update(status=status, lastUpdated=iso8601(ctx.now()))
        ctx.state.collection(POLICIES).put(_policy_key(record), record)
        return Response(204, None)

    return change


def _rule_fields(body: dict[str, Any]) -> dict[str, Any]:
    if body.get("type", "RESOURCE_ACCESS") != "RESOURCE_ACCESS":
        raise validation_failed("type", f"Invalid value '{body.get('type')}'")
    if not isinstance(body.get("name"), str) or not body["name"].strip():
        raise validation_failed("name", "The field cannot be left blank")
    conditions = merged({"people": {"users": {"exclude": []}}}, body.get("conditions") or {})
    grants = ((conditions.get("grantTypes") or {}).get("include")) or []
    if not grants or any(g not in GRANTS for g in grants):
        raise validation_failed(
            "conditions.grantTypes", "The field cannot be left blank" if not grants else f"Invalid value '{grants}'"
        )
    if not ((conditions.get("scopes") or {}).get("include")):
        raise validation_failed("conditions.scopes", "The field cannot be left blank")
    actions = merged({"token": TOKEN_DEFAULTS}, body.get("actions") or {})
    return {"name": body["name"], "conditions": conditions, "actions": actions}


@behaviour("listAuthorizationServerPolicyRules")
def list_authorization_server_policy_rules(ctx: Context) -> Any:
    policy = _policy(ctx)
    return [_render_rule(ctx, r) for r in rules_of(ctx, policy["_server"], policy["id"])]


@behaviour("createAuthorizationServerPolicyRule")
def create_authorization_server_policy_rule(ctx: Context) -> Any:
    policy = _policy(ctx)
    body = _store.body_object(ctx)
    now = iso8601(ctx.now())
    record = {
        "type": "RESOURCE_ACCESS",
        "id": _store.new_id(ctx, "0pr"),
        "status": body.get("status") or "ACTIVE",
        "name": "",
        "priority": 1,
        "created": now,
        "lastUpdated": now,
        "system": False,
        **_rule_fields(body),
        "_server": policy["_server"],
        "_policy": policy["id"],
    }
    place(ctx, rules_of(ctx, policy["_server"], policy["id"]), record, body.get("priority"), RULES, _rule_key)
    _log.record(ctx, "oauth2.as.rule.created", [_log.target("PolicyRule", record["id"], record["name"])])
    return Response(201, _render_rule(ctx, record))


@behaviour("getAuthorizationServerPolicyRule")
def get_authorization_server_policy_rule(ctx: Context) -> Any:
    return _render_rule(ctx, _rule(ctx, _policy(ctx)))


@behaviour("replaceAuthorizationServerPolicyRule")
def replace_authorization_server_policy_rule(ctx: Context) -> Any:
    policy = _policy(ctx)
    record = _rule(ctx, policy)
    body = _store.body_object(ctx)
    record.update({**_rule_fields(body), "lastUpdated": iso8601(ctx.now())})
    ctx.state.collection(RULES).put(_rule_key(record), record)
    if "priority" in body:
        place(ctx, rules_of(ctx, policy["_server"], policy["id"]), record, body["priority"], RULES, _rule_key)
    _log.record(ctx, "oauth2.as.rule.updated", [_log.target("PolicyRule", record["id"], record["name"])])
    return _render_rule(ctx, record)


@behaviour("deleteAuthorizationServerPolicyRule")
def delete_authorization_server_policy_rule(ctx: Context) -> Any:
    policy = _policy(ctx)
    record = _rule(ctx, policy)
    ctx.state.collection(RULES).delete(_rule_key(record))
    place(ctx, rules_of(ctx, policy["_server"], policy["id"]), None, None, RULES, _rule_key)
    _log.record(ctx, "oauth2.as.rule.deleted", [_log.target("PolicyRule", record["id"], record["name"])])
    return Response(204, None)


def _rule_lifecycle(status: str) -> Any:
    def change(ctx: Context) -> Any:
        record = _rule(ctx, _policy(ctx))
        record.update(status=status, lastUpdated=iso8601(ctx.now()))
        ctx.state.collection(RULES).put(_rule_key(record), record)
        return Response(204, None)

    return change


# the registry reads module globals: each behaviour made by a factory is bound to a name
activate_policy = behaviour("activateAuthorizationServerPolicy")(_policy_lifecycle("ACTIVE"))
deactivate_policy = behaviour("deactivateAuthorizationServerPolicy")(_policy_lifecycle("INACTIVE"))
activate_rule = behaviour("activateAuthorizationServerPolicyRule")(_rule_lifecycle("ACTIVE"))
deactivate_rule = behaviour("deactivateAuthorizationServerPolicyRule")(_rule_lifecycle("INACTIVE"))
