"""Policies (``/api/v1/policies``): create (Okta fills in each type's defaults), list by type (``status``, ``q``,
``expand=rules``), read, replace, delete, activate/deactivate (204), clone, the apps an access policy governs,
resource mappings (Okta no longer takes new ones here), and the priority order within a type, where the org's
default (system) policy always comes last and cannot be deleted.

Sources: https://developer.okta.com/docs/api/openapi/okta-management/management/tag/Policy/ and the recorded
answers (lifecycle calls answer 204; a clone is named "[cloned] NAME").
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, Response, arguments, behaviour
from ..runtime.clock import iso8601
from . import _log, _store
from ._errors import not_found, okta_error, validation_failed
from ._links import href
from ._policies_shapes import POLICY_TYPES, policy_defaults, prefixes

POLICIES = "policies"
RULES = "policy_rules"
WRITABLE = ("name", "description", "conditions", "settings")


def _true(text: str) -> bool:
    return text.strip().lower() != "false"


def allow(ctx: Context, path: str, *methods: str) -> dict[str, Any]:
    return {"href": href(ctx, path), "hints": {"allow": list(methods)}}


def render(ctx: Context, record: dict[str, Any]) -> dict[str, Any]:
    path = f"/api/v1/policies/{record['id']}"
    shown = {k: v for k, v in record.items() if not k.startswith("_")}
    links: dict[str, Any] = {
        "self": allow(ctx, path, "GET", "PUT", *(() if record["system"] else ("DELETE",))),
        "rules": allow(ctx, f"{path}/rules", "GET", "POST"),
    }
    if record["type"] == "ACCESS_POLICY":
        links["mappings"] = allow(ctx, f"{path}/mappings", "GET", "POST")
    if not record["system"]:
        action = "deactivate" if record["status"] == "ACTIVE" else "activate"
        links[action] = allow(ctx, f"{path}/lifecycle/{action}", "POST")
    shown["_links"] = links
    return shown


def find(ctx: Context, id_: str | None = None) -> dict[str, Any]:
    id_ = id_ if id_ is not None else str(ctx.params.get("policyId") or "")
    found = ctx.state.collection(POLICIES).get(id_)
    if found is None:
        raise not_found(id_, "Policy")
    return found


def of_type(ctx: Context, policy_type: str) -> list[dict[str, Any]]:
    return sorted(
        (p for p in ctx.state.collection(POLICIES).values() if p["type"] == policy_type),
        key=lambda p: (p["system"], p["priority"]),
    )


def place(
    ctx: Context, records: list[dict[str, Any]], moved: dict[str, Any] | None, priority: Any, collection: str, key: Any
) -> None:
    """Put ``moved`` at ``priority`` (1 first; out of range goes last) among ``records``, system ones staying last,
    and number them all from 1."""
    others = [r for r in records if moved is None or r["id"] != moved["id"]]
    ordinary = [r for r in others if not r.get("system")]
    if moved is not None:
        at = priority if isinstance(priority, int) and priority >= 1 else 1
        ordinary.insert(min(at, len(ordinary) + 1) - 1, moved)
    for number, record in enumerate(ordinary + [r for r in others if r.get("system")], start=1):
        if record.get("priority") != number or record is moved:
            record["priority"] = number
            ctx.state.collection(collection).put(key(record), record)


def create_record(ctx: Context, body: dict[str, Any], *, active: bool) -> dict[str, Any]:
    policy_type = body.get("type")
    if policy_type not in POLICY_TYPES:
        raise validation_failed("type", f"Invalid value '{policy_type}'")
    name = body.get("name")
    if not isinstance(name, str) or not name.strip():
        raise validation_failed("name", "The field cannot be left blank")
    if any(p["name"] == name for p in of_type(ctx, policy_type)):
        raise validation_failed("name", "A policy with this name already exists.")
    now = iso8601(ctx.now())
    status = body.get("status") or ("ACTIVE" if active else "INACTIVE")
    record = {
        "type": policy_type,
        "id": _store.new_id(ctx, prefixes(policy_type)[0]),
        "status": status,
        "name": name,
        "description": body.get("description"),
        "priority": 1,
        "system": False,
        **policy_defaults(policy_type, body),
        "created": now,
        "lastUpdated": now,
    }
    place(ctx, of_type(ctx, policy_type), record, body.get("priority"), POLICIES, lambda r: r["id"])
    _log.record(ctx, "policy.lifecycle.create", [_log.target("PolicyEntity", record["id"], name, name)])
    return record


@behaviour("createPolicy")
def create_policy(ctx: Context) -> Any:
    activate = arguments.flag(ctx.params, "activate", True, _true)
    return render(ctx, create_record(ctx, _store.body_object(ctx), active=activate))


@behaviour("listPolicies")
def list_policies(ctx: Context) -> Any:
    policy_type = arguments.text(ctx.params, "type")
    if policy_type not in POLICY_TYPES:
        raise validation_failed("type", f"Invalid value '{policy_type}'")
    status = arguments.text(ctx.params, "status")
    query = (arguments.text(ctx.params, "q") or "").lower()
    records = [
        p for p in of_type(ctx, policy_type) if (not status or p["status"] == status) and query in p["name"].lower()
    ]
    expand = str(ctx.params.get("expand") or "")
    shown = [render(ctx, p) for p in records]
    if "rules" in expand:
        from ._policies_rules import render_rule, rules_of

        for view, record in zip(shown, records, strict=True):
            view["_embedded"] = {"rules": [render_rule(ctx, record, r) for r in rules_of(ctx, record)]}
    return shown


@behaviour("getPolicy")
def get_policy(ctx: Context) -> Any:
    return render(ctx, find(ctx))


@behaviour("replacePolicy")
def replace_policy(ctx: Context) -> Any:
    record = find(ctx)
    body = _store.body_object(ctx)
    if body.get("type", record["type"]) != record["type"]:
        raise validation_failed("type", "The policy type cannot be changed.")
    name = body.get("name", record["name"])
    if not isinstance(name, str) or not name.strip():
        raise validation_failed("name", "The field cannot be left blank")
    if record["system"] and name != record["name"]:
        raise validation_failed("name", "The name of the default policy cannot be changed.")
    filled = policy_defaults(record["type"], body)
    record.update({"name": name, "description": body.get("description"), **filled, "lastUpdated": iso8601(ctx.now())})
    ctx.state.collection(POLICIES).put(record["id"], record)
    if "priority" in body and not record["system"]:
        place(ctx, of_type(ctx, record["type"]), record, body["priority"], POLICIES, lambda r: r["id"])
    _log.record(ctx, "policy.lifecycle.update", [_log.target("PolicyEntity", record["id"], name, name)])
    return render(ctx, record)


@behaviour("deletePolicy")
def delete_policy(ctx: Context) -> Any:
    record = find(ctx)
    if record["system"]:
        raise okta_error(
            "E0000006",
            "You do not have permission to perform the requested action: the default policy cannot be deleted.",
        )
    ctx.state.collection(POLICIES).delete(record["id"])
    for key, _ in list(ctx.state.collection(RULES).scan()):
        if key.startswith(record["id"] + "/"):
            ctx.state.collection(RULES).delete(key)
    place(ctx, of_type(ctx, record["type"]), None, None, POLICIES, lambda r: r["id"])
    _log.record(ctx, "policy.lifecycle.delete", [_log.target("PolicyEntity", record["id"], record["name"])])
    return Response(204, None)


def _lifecycle(status: str, verb: str) -> Any:
    def change(ctx: Context) -> Any:
        record = find(ctx)
        if record["system"] and status == "INACTIVE":
            raise okta_error(
                "E0000006",
                "You do not have permission to perform the requested action: the default policy cannot be deactivated.",
            )
        record["status"] = status
        record["lastUpdated"] = iso8601(ctx.now())
        ctx.state.collection(POLICIES).put(record["id"], record)
        _log.record(ctx, f"policy.lifecycle.{verb}", [_log.target("PolicyEntity", record["id"], record["name"])])
        return Response(204, None)

    return change


# the registry reads module globals: each behaviour made by a factory is bound to a name
activate_policy = behaviour("activatePolicy")(_lifecycle("ACTIVE", "activate"))
deactivate_policy = behaviour("deactivatePolicy")(_lifecycle("INACTIVE", "deactivate"))


@behaviour("clonePolicy")
def clone_policy(ctx: Context) -> Any:
    source = find(ctx)
    from ._policies_rules import clone_rules

    given = {k: source.get(k) for k in ("type", "description", "conditions", "settings")}
    record = create_record(
        ctx, {**given, "name": f"[cloned] {source['name']}", "status": source["status"]}, active=True
    )
    clone_rules(ctx, source, record)
    return render(ctx, record)


@behaviour("listPolicyApps")
def list_policy_apps(ctx: Context) -> Any:
    record = find(ctx)
    from ._apps_model import render_app  # the apps area keeps which access policy governs an app

    return [
        render_app(ctx, app)
        for app in ctx.state.collection("apps").values()
        if app.get("_accessPolicy") == record["id"]
    ]


@behaviour("listPolicyMappings")
def list_policy_mappings(ctx: Context) -> Any:
    find(ctx)
    return []


@behaviour("mapResourceToPolicy")
def map_resource_to_policy(ctx: Context) -> Any:
    find(ctx)
    # Okta moved app-to-policy mappings to the apps API (PUT /apps/{id}/policies/{policyId})
    raise okta_error("E0000001", "Api validation failed: Policy mappings are no longer supported on this endpoint.")


@behaviour("getPolicyMapping")
@behaviour("deletePolicyResourceMapping")
def policy_mapping(ctx: Context) -> Any:
    find(ctx)
    raise not_found(str(ctx.params.get("mappingId") or ""), "PolicyMapping")


@behaviour("createPolicySimulation")
def create_policy_simulation(ctx: Context) -> Any:
    if not isinstance(ctx.body, dict):
        raise okta_error("E0000003")
    types = ctx.body.get("policyTypes") or list(POLICY_TYPES)
    if not isinstance(ctx.body.get("appInstance"), str):
        raise validation_failed("appInstance", "The field cannot be left blank")
    from ._policies_rules import rules_of

    evaluation = []
    for policy_type in types:
        for policy in of_type(ctx, str(policy_type)):
            if policy["status"] != "ACTIVE":
                continue
            rules = [r for r in rules_of(ctx, policy) if r["status"] == "ACTIVE"]
            evaluation.append(
                {
                    "status": "MATCH",
                    "policyType": policy_type,
                    "result": {
                        "policies": [
                            {
                                "id": policy["id"],
                                "name": policy["name"],
                                "status": "MATCH",
                                "rules": [{"id": r["id"], "name": r["name"], "status": "MATCH"} for r in rules[:1]],
                            }
                        ]
                    },
                }
            )
            break
    return {"evaluation": evaluation}
