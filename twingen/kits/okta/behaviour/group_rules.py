"""Group rules: a condition in the Okta Expression Language and the groups a matching user is put in.

A rule is created INACTIVE; activating it adds every matching user to its groups (and ``apply_rules`` does so for
one user as the users area creates or updates them); deactivating it takes out the users it added; it is changed
only while INACTIVE; deleting it keeps its members unless ``removeUsers=true``. Activate and deactivate answer 204,
delete 202 (the recorded answers).
Source: https://developer.okta.com/docs/api/openapi/okta-management/management/tag/GroupRule/
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, Response, arguments, behaviour
from . import _log, _paging
from ._apps_shape import GROUP_RULE, well_formed
from ._errors import cause, okta_error, validation_failed
from ._groups_model import GROUPS, MEMBERS, USERS, add_member, remove_member
from ._groups_rule_expression import evaluate
from ._store import Kind, body_object, find, insert, save

Record = dict[str, Any]

RULES = Kind(
    "group_rules",
    "GroupRule",
    "/api/v1/groups/rules/{id}",
    prefix="0pr",
    status="INACTIVE",
    id_param="groupRuleId",
    lifecycle=(),
)
_EXPRESSION_TYPE = "urn:okta:expression:1.0"
_NAME_MAX = 50  # "name: minLength 1, maxLength 50" in the GroupRule schema


def _render(ctx: Context, rule: Record) -> Record:
    shown = {"type": "group_rule", **{k: v for k, v in rule.items() if not k.startswith("_") and k != "type"}}
    if "groupIdToGroupNameMap" in (arguments.text(ctx.params, "expand") or ""):
        # expand=groupIdToGroupNameMap names the rule's target groups (getGroupRule/listGroupRules)
        groups = ctx.state.collection(GROUPS.collection)
        names = {}
        for group_id in rule["actions"]["assignUserToGroups"]["groupIds"]:
            group = groups.get(group_id)
            names[group_id] = (group or {}).get("profile", {}).get("name")
        shown["_embedded"] = {"groupIdToGroupNameMap": names}
    return shown


def _checked(ctx: Context, body: Record) -> Record:
    well_formed(body, GROUP_RULE)
    name = body.get("name")
    if not isinstance(name, str) or not name.strip():
        raise validation_failed("name", "The field cannot be left blank.")
    if len(name) > _NAME_MAX:
        raise validation_failed("name", f"The field cannot exceed {_NAME_MAX} characters.")
    expression = (body.get("conditions") or {}).get("expression") or {}
    if not isinstance(expression, dict) or not str(expression.get("value") or "").strip():
        raise validation_failed("conditions.expression.value", "The field cannot be left blank.")
    group_ids = ((body.get("actions") or {}).get("assignUserToGroups") or {}).get("groupIds")
    if not isinstance(group_ids, list) or not group_ids:
        raise validation_failed("actions.assignUserToGroups.groupIds", "The field cannot be left blank.")
    for group_id in group_ids:
        group = ctx.state.collection(GROUPS.collection).get(str(group_id))
        if group is None or group.get("type") != "OKTA_GROUP":
            raise okta_error(
                "E0000001",
                "Api validation failed: actions.assignUserToGroups.groupIds",
                causes=[
                    cause("actions.assignUserToGroups.groupIds", f"Invalid group id or not an OKTA_GROUP: {group_id}")
                ],
            )
    conditions = dict(body.get("conditions") or {})
    conditions["expression"] = {"value": expression["value"], "type": expression.get("type") or _EXPRESSION_TYPE}
    return {
        "name": name,
        "conditions": conditions,
        "actions": {"assignUserToGroups": {"groupIds": [str(g) for g in group_ids]}},
    }


@behaviour("createGroupRule")
def create_group_rule(ctx: Context) -> Record:
    rule = insert(ctx, RULES, _checked(ctx, body_object(ctx)))
    _logged(ctx, "group_rule.create", rule)
    return _render(ctx, rule)


@behaviour("getGroupRule")
def get_group_rule(ctx: Context) -> Record:
    return _render(ctx, find(ctx, RULES))


@behaviour("listGroupRules")
def list_group_rules(ctx: Context) -> Response:
    search = (arguments.text(ctx.params, "search") or "").lower()
    rows = (
        (k, r)
        for k, r in _paging.walk(ctx.state.collection(RULES.collection), _paging.cursor_of(ctx))
        if not search or search in str(r.get("name", "")).lower()
    )
    return _paging.served(ctx, rows, lambda r: _render(ctx, r), 50, 200)


@behaviour("replaceGroupRule")
def replace_group_rule(ctx: Context) -> Record:
    rule = find(ctx, RULES)
    if rule.get("status") == "ACTIVE":
        # Okta changes a rule only while it is inactive ("Update a group rule": the rule must be INACTIVE)
        raise okta_error(
            "E0000001",
            "Api validation failed: status",
            causes=[cause("status", "Cannot update a rule while it is active. Deactivate it first.")],
        )
    rule.update(_checked(ctx, body_object(ctx)))
    save(ctx, RULES, rule)
    _logged(ctx, "group_rule.update", rule)
    return _render(ctx, rule)


@behaviour("activateGroupRule")
def activate_group_rule(ctx: Context) -> Response:
    rule = find(ctx, RULES)
    if rule.get("status") != "ACTIVE":
        rule["status"] = "ACTIVE"
        save(ctx, RULES, rule)
        _logged(ctx, "group_rule.activate", rule)
        for user in list(ctx.state.collection(USERS).values()):
            _apply(ctx, rule, user)
    return Response(204, None)


@behaviour("deactivateGroupRule")
def deactivate_group_rule(ctx: Context) -> Response:
    rule = find(ctx, RULES)
    if rule.get("status") == "ACTIVE":
        rule["status"] = "INACTIVE"
        save(ctx, RULES, rule)
        _logged(ctx, "group_rule.deactivate", rule)
        _withdraw(ctx, rule)
    return Response(204, None)


@behaviour("deleteGroupRule")
def delete_group_rule(ctx: Context) -> Response:
    rule = find(ctx, RULES)
    if arguments.text(ctx.params, "removeUsers") == "true":
        _withdraw(ctx, rule)
    ctx.state.collection(RULES.collection).delete(rule["id"])
    _logged(ctx, "group_rule.delete", rule)
    return Response(202, {})


def apply_rules(ctx: Context, user: Record) -> None:
    """Put ``user`` in the groups of every active rule it meets (the users area calls this after a create or a
    profile change)."""
    for rule in ctx.state.collection(RULES.collection).values():
        if rule.get("status") == "ACTIVE":
            _apply(ctx, rule, user)


def _apply(ctx: Context, rule: Record, user: Record) -> None:
    excluded = ((rule["conditions"].get("people") or {}).get("users") or {}).get("exclude") or []
    if user.get("status") == "DEPROVISIONED" or user["id"] in excluded:
        return
    if not evaluate(rule["conditions"]["expression"]["value"], user, lambda: _groups_of(ctx, user["id"])):
        return
    groups = ctx.state.collection(GROUPS.collection)
    members = ctx.state.collection(MEMBERS)
    for group_id in rule["actions"]["assignUserToGroups"]["groupIds"]:
        group = groups.get(group_id)
        if group is not None and add_member(ctx, group, user):
            member = members.get(f"{group_id}/{user['id']}") or {}
            members.put(f"{group_id}/{user['id']}", {**member, "ruleId": rule["id"]})


def _withdraw(ctx: Context, rule: Record) -> None:
    """Take out the users this rule put in its groups (not those an admin added)."""
    added = [
        (m["groupId"], m["userId"]) for _, m in ctx.state.collection(MEMBERS).scan() if m.get("ruleId") == rule["id"]
    ]
    for group_id, user_id in added:
        group = ctx.state.collection(GROUPS.collection).get(group_id)
        if group is not None:
            remove_member(ctx, group, user_id)


def _groups_of(ctx: Context, user_id: str) -> tuple[set[str], set[str]]:
    ids = {m["groupId"] for _, m in ctx.state.collection(MEMBERS).scan() if m.get("userId") == user_id}
    names = set()
    for group_id in ids:
        group = ctx.state.collection(GROUPS.collection).get(group_id)
        if group:
            names.add(str(group.get("profile", {}).get("name", "")).lower())
    return ids, names


def _logged(ctx: Context, event: str, rule: Record) -> None:
    _log.record(ctx, event, [_log.target("GroupRule", rule["id"], rule.get("name", ""), rule.get("name", ""))])
