"""Entity properties (an issue's, a dashboard item's): JSON values under keys the caller picks, held in the
entity's ``properties``; the caller finds the entity and stores it back after a change.
Source: https://developer.atlassian.com/cloud/jira/platform/jira-entity-properties/
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context
from ._errors import jira_error


def read_property(ctx: Context, holder: dict[str, Any]) -> dict[str, Any]:
    key = str(ctx.params["propertyKey"])
    if key not in holder.get("properties", {}):
        raise jira_error("not_found", f"The property with key '{key}' does not exist.")
    return {"key": key, "value": holder["properties"][key]}


def write_property(ctx: Context, holder: dict[str, Any]) -> bool:
    """Sets the sent JSON under the key; True when the key is new (Jira: 201, else 200)."""
    if ctx.body is None:
        raise jira_error("bad_request", "The property value must be valid JSON.")
    key = str(ctx.params["propertyKey"])
    created = key not in holder.setdefault("properties", {})
    holder["properties"][key] = ctx.body
    return created


def drop_property(ctx: Context, holder: dict[str, Any]) -> None:
    if holder.get("properties", {}).pop(str(ctx.params["propertyKey"]), None) is None:
        raise jira_error("not_found", f"The property with key '{ctx.params['propertyKey']}' does not exist.")
