"""A policy's rules (``/api/v1/policies/{id}/rules``): their type follows the policy's (``SIGN_ON`` under
``OKTA_SIGN_ON``), Okta fills in default conditions and actions, rules are ordered by priority with the default
rule last, and lifecycle calls answer 204. The default rule of a default policy cannot be changed or deleted.
Sources: https://developer.okta.com/docs/api/openapi/okta-management/management/tag/Policy/ and the recorded answers.
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, Response, arguments, behaviour
from ..runtime.clock import iso8601
from . import _log, _store
from ._errors import not_found, okta_error, validation_failed
from ._policies_shapes import prefixes, rule_defaults, rule_type
from .policies import RULES, _true, allow, find, place


def _key(record: dict[str, Any]) -> str:
    return f"{record['_policy']}/{record['id']}"


def rules_of(ctx: Context, policy: dict[str, Any]) -> list[dict[str, Any]]:
    return sorted(
        (r for r in ctx.state.collection(RULES).values() if r["_policy"] == policy["id"]),
        key=lambda r: (r.get("system", False), r["priority"]),
    )


def render_rule(ctx: Context, policy: dict[str, Any], record: dict[str, Any]) -> dict[str, Any]:
    path = f"/api/v1/policies/{policy['id']}/rules/{record['id']}"
    shown = {k: v for k, v in record.items() if not k.startswith("_")}
    links: dict[str, Any] = {"self": allow(ctx, path, "GET", "PUT", *(() if record["system"] else ("DELETE",)))}
    if not record["system"]:
        action = "deactivate" if record["status"] == "ACTIVE" else "activate"
        links[action] = allow(ctx, f"{path}/lifecycle/{action}", "POST")
    shown["_links"] = links
    return shown


def new_rule(
    ctx: Context, policy: dict[str, Any], body: dict[str, Any], *, system: bool = False, active: bool = True
) -> dict[str, Any]:
    kind = rule_type(policy["type"])
    if body.get("type") not in (None, kind):
        raise validation_failed("type", f"A {policy['type']} policy takes {kind} rules.")
    name = body.get("name")
    if not isinstance(name, str) or not name.strip():
        raise validation_failed("name", "The field cannot be left blank")
    if any(r["name"] == name for r in rules_of(ctx, policy)):
        raise validation_failed("name", "A rule with this name already exists.")
    now = iso8601(ctx.now())
    record = {
        "type": kind,
        "id": _store.new_id(ctx, prefixes(policy["type"])[1]),
        "status": body.get("status") or ("ACTIVE" if active else "INACTIVE"),
        "name": name,
        "priority": 1,
        "created": now,
        "lastUpdated": now,
        "system": system,
        **rule_defaults(kind, body),
        "_policy": policy["id"],
    }
    place(ctx, rules_of(ctx, policy), record, body.get("priority"), RULES, _key)
    return record


def clone_rules(ctx: Context, source: dict[str, Any], target: dict[str, Any]) -> None:
    for rule in rules_of(ctx, source):
        copied = {k: rule[k] for k in ("name", "priority", "conditions", "actions", "status")}
        new_rule(ctx, target, copied, system=rule["system"])


def _find(ctx: Context, policy: dict[str, Any]) -> dict[str, Any]:
    id_ = str(ctx.params.get("ruleId") or "")
    found = ctx.state.collection(RULES).get(f"{policy['id']}/{id_}")
    if found is None:
        raise not_found(id_, "PolicyRule")
    return found


@behaviour("listPolicyRules")
def list_policy_rules(ctx: Context) -> Any:
    policy = find(ctx)
    return [render_rule(ctx, policy, r) for r in rules_of(ctx, policy)]


@behaviour("createPolicyRule")
def create_policy_rule(ctx: Context) -> Any:
    policy = find(ctx)
    record = new_rule(ctx, policy, _store.body_object(ctx), active=arguments.flag(ctx.params, "activate", True, _true))
    _log.record(ctx, "policy.rule.add", [_log.target("PolicyRule", record["id"], record["name"], record["name"])])
    return render_rule(ctx, policy, record)


@behaviour("getPolicyRule")
def get_policy_rule(ctx: Context) -> Any:
    policy = find(ctx)
    return render_rule(ctx, policy, _find(ctx, policy))


@behaviour("replacePolicyRule")
def replace_policy_rule(ctx: Context) -> Any:
    policy = find(ctx)
    record = _find(ctx, policy)
    body = _store.body_object(ctx)
    if body.get("type", record["type"]) != record["type"]:
        raise validation_failed("type", "The rule type cannot be changed.")
    name = body.get("name", record["name"])
    if not isinstance(name, str) or not name.strip():
        raise validation_failed("name", "The field cannot be left blank")
    if record["system"] and name != record["name"]:
        raise okta_error(
            "E0000006",
            "You do not have permission to perform the requested action: the default rule cannot be renamed.",
        )
    record.update({"name": name, **rule_defaults(record["type"], body), "lastUpdated": iso8601(ctx.now())})
    ctx.state.collection(RULES).put(_key(record), record)
    if "priority" in body and not record["system"]:
        place(ctx, rules_of(ctx, policy), record, body["priority"], RULES, _key)
    _log.record(ctx, "policy.rule.update", [_log.target("PolicyRule", record["id"], name, name)])
    return render_rule(ctx, policy, record)


@behaviour("deletePolicyRule")
def delete_policy_rule(ctx: Context) -> Any:
    policy = find(ctx)
    record = _find(ctx, policy)
    if record["system"]:
        raise okta_error(
            "E0000006",
            "You do not have permission to perform the requested action: the default rule cannot be deleted.",
        )
    ctx.state.collection(RULES).delete(_key(record))
    place(ctx, rules_of(ctx, policy), None, None, RULES, _key)
    _log.record(ctx, "policy.rule.delete", [_log.target("PolicyRule", record["id"], record["name"])])
    return Response(204, None)


def _lifecycle(status: str, verb: str) -> Any:
    def change(ctx: Context) -> Any:
        policy = find(ctx)
        record = _find(ctx, policy)
        if record["system"] and status == "INACTIVE":
            raise okta_error(
                "E0000006",
                "You do not have permission to perform the requested action: the default rule cannot be deactivated.",
            )
        record["status"] = status
        record["lastUpdated"] = iso8601(ctx.now())
        ctx.state.collection(RULES).put(_key(record), record)
        _log.record(ctx, f"policy.rule.{verb}", [_log.target("PolicyRule", record["id"], record["name"])])
        return Response(204, None)

    return change


# the registry reads module globals: each behaviour made by a factory is bound to a name
activate_policy_rule = behaviour("activatePolicyRule")(_lifecycle("ACTIVE", "activate"))
deactivate_policy_rule = behaviour("deactivatePolicyRule")(_lifecycle("INACTIVE", "deactivate"))
