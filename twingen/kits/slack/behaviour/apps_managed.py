"""``apps.managed.permissions.set``: who may use an app a partner platform's manager app made for a builder.

The method page (https://docs.slack.dev/reference/methods/apps.managed.permissions.set, error table mirrored in
slack-ruby/slack-api-ref ``methods/apps/apps.managed.permissions.set.json``): the builder who created a managed
app on a partner platform sets its permissions as themselves, with a user token from the manager app;
``permissions`` is ``everyone`` or ``app_owner``; permissions can only be set before the app is installed, after
that the method changes nothing and answers the app's current permissions. Codes: ``app_not_found``,
``app_not_managed`` (an app no manager app manages), ``app_not_owned_by_manager_app`` (managed by another
manager app), ``app_owner_not_found`` (``app_owner`` for an owner who cannot be resolved),
``enterprise_only_feature`` (outside an Enterprise org), ``access_denied`` (a token not issued to an eligible
manager app; also a caller who is not the app's builder: "Access to a resource specified in the request is
denied").

No Web API method makes managed apps (partner platforms do), so the seed holds them (``seed_managed_apps``):
the workspace's own app is a manager app, and these apps are managed (NOTES.md, "Managed apps"):

- ``A0MANAGED01`` "Expense Helper", built by Alice, not installed: the one a builder configures;
- ``A0MANAGED02`` "Standup Notes", built by Alice, installed (the method answers its permissions unchanged);
- ``A0MANAGED03`` "Shift Planner", built by Alice and owned by the deactivated user (``app_owner`` is
  ``app_owner_not_found``);
- ``A0MANAGED04`` "Ticket Triage", built by Alice but managed by another platform's manager app ``A0PARTNRMGR``.

The page shows no answer; the twin answers in the shape slack_sdk's and the Node SDK's response types give
(``permission_type``, ``user_ids``, ``channel_restriction_mode``) with the values of ``admin.apps.permissions.*``:
``everyone``, or ``named_entities`` naming the owner for ``app_owner`` (our reading).
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, SeedContext
from . import _platform
from ._auth import Caller, slack_method
from ._errors import invalid_arguments, slack_error

Record = dict[str, Any]

MANAGED = "managed_apps"
"""Managed apps by id: ``{id, name, manager_app_id, builder, owner, installed, permissions}``; the builder made it
on the partner platform (and may configure it), the owner is whom ``app_owner`` restricts it to."""
MANAGERS = "manager_apps"
"""Apps eligible to configure the apps they manage, by id."""
PERMISSIONS = ("everyone", "app_owner")
OTHER_MANAGER = "A0PARTNRMGR"
_CHANNELS = {"channel_restriction_mode": "all_channels"}  # no channel restriction: the method sets none


def seed_managed_apps(ctx: SeedContext) -> None:
    """The workspace's own app as a manager app, and the four apps above (fixed ids, the same in every tenant)."""
    state = ctx.state
    own_app = next(iter(state.collection("apps").values()))
    humans = [u for u in state.collection("users").values() if not u.get("is_bot") and u["id"] != "USLACKBOT"]
    alice = next(u["id"] for u in humans if u.get("is_primary_owner"))
    gone = next(u["id"] for u in humans if u.get("deleted"))
    state.collection(MANAGERS).put(own_app["id"], {"app_id": own_app["id"], "eligible": True})
    managed = state.collection(MANAGED)
    for app_id, name, owner, manager, installed in (
        ("A0MANAGED01", "Expense Helper", alice, own_app["id"], False),
        ("A0MANAGED02", "Standup Notes", alice, own_app["id"], True),
        ("A0MANAGED03", "Shift Planner", gone, own_app["id"], False),
        ("A0MANAGED04", "Ticket Triage", alice, OTHER_MANAGER, False),
    ):
        record = {"id": app_id, "name": name, "manager_app_id": manager, "builder": alice, "owner": owner}
        managed.put(app_id, {**record, "installed": installed, "permissions": "everyone"})


def _answer(record: Record) -> Record:
    if record["permissions"] == "app_owner":
        return {"permission_type": "named_entities", "user_ids": [record["owner"]], **_CHANNELS}
    return {"permission_type": "everyone", "user_ids": [], **_CHANNELS}


def _manager_app(ctx: Context, caller: Caller) -> str:
    """The manager app the user token was issued to; ``access_denied`` for a token of any other app."""
    app = _platform.app_of(ctx, caller)
    manager: Record | None = ctx.state.collection(MANAGERS).get(app["id"])
    if manager is None:
        raise slack_error("access_denied")
    if not manager.get("eligible", True):
        raise slack_error("manager_app_not_eligible")
    return str(app["id"])


@slack_method("apps.managed.permissions.set", scopes=())
def apps_managed_permissions_set(ctx: Context, caller: Caller) -> Record:
    """Set who can interact with a managed app (``everyone`` or ``app_owner``) before it is installed."""
    _platform.only(caller, "user")
    if not ctx.state.collection("org").get("org"):
        raise slack_error("enterprise_only_feature")
    manager_id = _manager_app(ctx, caller)
    app_id = _platform.need(ctx, "app_id")
    wanted = _platform.need(ctx, "permissions")
    if wanted not in PERMISSIONS:
        raise invalid_arguments("permissions must be one of everyone, app_owner")
    record: Record | None = ctx.state.collection(MANAGED).get(app_id)
    if record is None:
        raise slack_error("app_not_managed" if app_id in _platform.apps(ctx) else "app_not_found")
    if record["manager_app_id"] != manager_id:
        raise slack_error("app_not_owned_by_manager_app")
    if record["builder"] != caller.user_id:
        raise slack_error("access_denied")
    if record["installed"]:
        return _answer(record)  # "makes no change and returns the app's current permissions"
    if wanted == "app_owner":
        owner: Record | None = ctx.state.collection("users").get(record["owner"])
        if owner is None or owner.get("deleted"):
            raise slack_error("app_owner_not_found")
    record["permissions"] = wanted
    record["date_updated"] = int(ctx.now())
    ctx.state.collection(MANAGED).put(app_id, record)
    return _answer(record)
