"""The Admin API's gate and the Enterprise Grid org it administers (shared by every ``admin_*`` module).

Slack's ``admin.*`` methods work only on an Enterprise Grid org and only with a user token from an
org-level install by an org admin or owner: a bot token is ``not_allowed_token_type``, a user token
without the method's ``admin.*`` scope ``missing_scope``, a workspace outside an org ``not_an_enterprise``
and a user who is not an org admin or owner ``not_an_admin``. ``admin_method`` checks them in that order
and then runs the method with the org record.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from ..runtime import Context
from . import _args, _paging
from ._auth import Caller, guarded
from ._errors import invalid_arguments, slack_error

Record = dict[str, Any]
AdminHandler = Callable[[Context, Caller], Any]

ORG = "org"
"""Collection holding the org record under the key ``org`` (seeded by ``seed.py``)."""
TEAMS = "org_teams"
"""Every workspace of the org by team id; the seeded workspace is the one ``team.info`` shows."""


def admin_method(
    op_id: str, scopes: tuple[str, ...], required: tuple[str, ...] = ()
) -> Callable[[AdminHandler], Callable[[Context], Any]]:
    """Register ``fn(ctx, caller)`` as ``op_id`` behind the Admin API's token, scope and org-admin checks.

    ``required`` arguments are checked for presence before the method looks anything up, as Slack checks
    a call's arguments before acting on it: a missing one is ``invalid_arguments`` naming it, whatever
    else is wrong with the call. Arguments whose absence the docs give their own code are left out.
    """

    def check(ctx: Context, caller: Caller) -> None:
        if caller.is_bot:
            # admin methods list only user-token scopes: Slack refuses a bot token before looking at scopes
            raise slack_error("not_allowed_token_type")
        caller.require(*scopes)
        found = ctx.state.collection(ORG).get(ORG)
        if found is None:
            raise slack_error("not_an_enterprise")
        if caller.user_id not in (*found.get("admins", ()), *found.get("owners", ())):
            raise slack_error("not_an_admin")
        for name in required:
            if ctx.params.get(name) in (None, "", []):
                raise invalid_arguments(f"missing required field: {name}")

    return guarded(op_id, check)


def org(ctx: Context) -> Record:
    found: Record = ctx.state.collection(ORG).get(ORG) or {}
    return found


def save_org(ctx: Context, record: Record) -> None:
    ctx.state.collection(ORG).put(ORG, record)


def need(ctx: Context, name: str) -> str:
    """A required argument; Slack's own wording when it is missing or empty."""
    value = _args.text(ctx, name).strip()
    if not value:
        raise invalid_arguments(f"missing required field: {name}")
    return value


def need_list(ctx: Context, name: str) -> list[str]:
    values = _args.id_list(ctx, name)
    if not values:
        raise invalid_arguments(f"missing required field: {name}")
    return values


def team(ctx: Context, team_id: str, code: str = "team_not_found") -> Record:
    found: Record | None = ctx.state.collection(TEAMS).get(team_id) if team_id else None
    if found is None:
        raise slack_error(code)
    return found


def team_ids(ctx: Context) -> list[str]:
    return [str(t["id"]) for t in ctx.state.collection(TEAMS).values()]


def default_team(ctx: Context) -> str:
    return str((ctx.state.collection("team").get("team") or {}).get("id", ""))


def workspaces_of(user: Record) -> list[str]:
    """The org's workspaces a user belongs to; seeded users are in their home workspace only."""
    found = user.get("_workspaces")
    return list(found) if isinstance(found, list) else [str(user.get("team_id", ""))]


def channel(ctx: Context, channel_id: str) -> Record:
    """Any public or private channel of the org: admins reach channels they are not in.

    DMs and group DMs are not conversations the Admin API manages (``channel_type_not_supported``).
    """
    found: Record | None = ctx.state.collection("channels").get(channel_id) if channel_id else None
    if found is None:
        raise slack_error("channel_not_found")
    if found.get("_kind") not in ("public", "private"):
        raise slack_error("channel_type_not_supported")
    return found


def save_channel(ctx: Context, record: Record) -> None:
    record["updated"] = int(ctx.now() * 1000)
    ctx.state.collection("channels").put(record["id"], record)


def user(ctx: Context, user_id: str) -> Record:
    found: Record | None = ctx.state.collection("users").get(user_id) if user_id else None
    if found is None:
        raise slack_error("user_not_found")
    return found


def page(ctx: Context, keys: Iterable[str], kind: str, default_limit: int = 100) -> tuple[list[str], str]:
    """One page of ``keys`` (sorted here) and the next cursor, as every admin listing pages."""
    return _paging.page_of_keys(ctx, sorted(keys), kind, default_limit)


def listing(ctx: Context, key: str, items: list[Record], kind: str, default_limit: int = 100) -> Record:
    """``{key: [...], response_metadata: {next_cursor}}`` over ``items`` keyed by their ``id``."""
    by_id = {str(i["id"]): i for i in items}
    ids, next_cursor = page(ctx, by_id, kind, default_limit)
    return {key: [by_id[i] for i in ids], **_paging.metadata(next_cursor)}
