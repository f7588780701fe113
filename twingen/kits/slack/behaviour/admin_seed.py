"""What an Enterprise Grid org holds that no API method makes, for the ``admin_*`` modules to act on.

- Slack's built-in admin roles (``org_roles``; ids and names from the table on the docs page
  admin.roles.addAssignments) and two assignments: Olivia, the org admin, is Channel Admin of the workspace;
  Alice is Channel Manager of ``#general``.
- The org's age: it began on ``ORG_FOUNDED``, so ``admin.analytics.getFile`` has files for the days since.
- Gina, a multi-channel guest in ``#random`` (guests are invited in Slack's UI or by ``admin.users.invite``;
  the seed has one so ``admin.users.getExpiration``/``setExpiration`` have someone to act on).
- A function deployed by the workspace's own app and one published Workflow Builder workflow that runs it
  (``org_functions``, ``org_workflows``: apps deploy them with the Slack CLI, not the Web API), found
  through ``admin.functions.list`` and ``admin.workflows.search``.
- An MCP server the workspace's own app exposes (``org_mcp_servers``), listed by ``admin.apps.mcp.servers.list``.
- A connected Salesforce org with an Account, an Opportunity and a Case (``admin_salesforce.seed_salesforce``).
"""

from __future__ import annotations

import copy
from typing import Any

from ..runtime import SeedContext
from . import _ids
from .admin_salesforce import seed_salesforce

Record = dict[str, Any]

ROLES = "org_roles"
ASSIGNMENTS = "org_role_assignments"
FUNCTIONS = "org_functions"
WORKFLOWS = "org_workflows"
MCP_SERVERS = "org_mcp_servers"
ORG_FOUNDED = 1577836800
"""2020-01-01: when Twin Org began; its workspace joined it later (30 days before the seed's clock)."""

BUILTIN_ROLES: tuple[tuple[str, str], ...] = (
    ("Rl0L", "Analytics Admin"),
    ("Rl0C", "Audit Logs Admin"),
    ("Rl01", "Channel Admin"),
    ("Rl0A", "Channel Manager"),
    ("Rl04", "Compliance Admin"),
    ("Rl05", "Conversation Admin"),
    ("Rl09", "DLP Admin"),
    ("Rl0F", "Exports Admin"),
    ("Rl0D", "Integrations Manager"),
    ("Rl02", "Role Admin"),
)
"""(role id, name) of Slack's system roles an org owner or admin can assign (docs: admin.roles.addAssignments)."""


def seed_admin_objects(ctx: SeedContext, team_id: str, org_admin: str, created: int) -> None:
    state = ctx.state
    roles = state.collection(ROLES)
    for role_id, name in BUILTIN_ROLES:
        roles.put(role_id, {"id": role_id, "name": name})
    assignment = {"role_id": "Rl01", "entity_id": team_id, "user_id": org_admin, "date_create": created}
    state.collection(ASSIGNMENTS).put(f"Rl01/{team_id}/{org_admin}", assignment)
    alice = next(u for u in state.collection("users").values() if u["name"] == "alice")
    general = next(c for c in state.collection("channels").values() if c.get("is_general"))
    managed = {"role_id": "Rl0A", "entity_id": general["id"], "user_id": alice["id"], "date_create": created}
    state.collection(ASSIGNMENTS).put(f"Rl0A/{general['id']}/{alice['id']}", managed)
    org = state.collection("org").get("org")
    if org is not None:  # the org is older than this workspace: its analytics go back to ORG_FOUNDED
        state.collection("org").put("org", {**org, "created": min(ORG_FOUNDED, int(org.get("created", created)))})
    _guest(ctx, created)
    _automation(ctx, team_id, org_admin, created)
    humans = [u for u in state.collection("users").values() if u["name"] in ("alice", "bob")]
    seed_salesforce(ctx, [u["id"] for u in sorted(humans, key=lambda u: u["name"])], created)


def _guest(ctx: SeedContext, created: int) -> None:
    """Gina Guest: a multi-channel guest (``is_restricted``) in #random, her account expiring in 90 days."""
    users = ctx.state.collection("users")
    bob: Record = next(u for u in users.values() if u["name"] == "bob")
    guest_id = _ids.new_id(ctx.state, "U")
    guest = copy.deepcopy(bob)
    guest.update(id=guest_id, name="gina", real_name="Gina Guest", is_restricted=True, is_ultra_restricted=False)
    guest["_expiration_ts"] = created + 120 * 86_400
    guest["profile"].update(
        real_name="Gina Guest",
        real_name_normalized="Gina Guest",
        display_name="gina",
        display_name_normalized="gina",
        first_name="Gina",
        last_name="Guest",
        email="gina@example.com",
    )
    users.put(guest_id, guest)
    channels = ctx.state.collection("channels")
    for record in list(channels.values()):
        if record.get("name") == "random":
            record["_members"] = [*record.get("_members", []), guest_id]
            channels.put(record["id"], record)


def _automation(ctx: SeedContext, team_id: str, org_admin: str, created: int) -> None:
    state = ctx.state
    app: Record = next(a for a in state.collection("apps").values() if a.get("installed"))
    function_id = _ids.new_id(state, "Fn")
    function: Record = {
        "id": function_id,
        "callback_id": "triage_request",
        "title": "Triage request",
        "description": "Routes a request to the right channel",
        "type": "app",
        "input_parameters": [
            {"type": "string", "name": "request", "description": "What is asked", "title": "Request",
             "is_required": True},
        ],
        "output_parameters": [],
        "app_id": app["id"],
        "date_created": created,
        "date_updated": created,
        "date_deleted": 0,
        "_team_id": team_id,
    }  # fmt: skip
    state.collection(FUNCTIONS).put(function_id, function)
    workflow_id = _ids.new_id(state, "Wf")
    workflow: Record = {  # the fields of admin.workflows.search's answer example
        "id": workflow_id,
        "workflow_function_id": _ids.new_id(state, "Fn"),
        "callback_id": "request_triage",
        "title": "Request triage",
        "description": "Send each new request to the team that handles it",
        "app_id": app["id"],
        "source": "workflow_builder",
        "is_published": True,
        "collaborators": [org_admin],
        "input_parameters": {},
        "steps": [{"id": "0", "function_id": function_id, "inputs": {}}],
        "icons": {},
        "last_updated_by": org_admin,
        "unpublished_change_count": 0,
        "billing_type": "simple",
        "is_billable": False,
        "date_updated": created,
        "last_published_date": str(created),
        "trigger_ids": [],
        "trigger_types": [],
        "is_sales_home_workflow": False,
        "is_sales_elevate": False,
        "_team_id": team_id,
    }
    state.collection(WORKFLOWS).put(workflow_id, workflow)
    server_id = _ids.new_id(state, "Ms")
    server: Record = {"id": server_id, "app_id": app["id"], "name": f"{app['name']} MCP", "_permission": "everyone"}
    state.collection(MCP_SERVERS).put(server_id, server)
