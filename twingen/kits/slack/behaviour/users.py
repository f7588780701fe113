"""``users.*``: the workspace's people and bots."""

from __future__ import annotations

from typing import Any

from ..runtime import Context
from . import _args, _model, _paging
from ._auth import Caller, slack_method
from ._errors import invalid_arguments, slack_error
from .conversations_list import listing_answer

Record = dict[str, Any]


# what Slack still shows of a deactivated account: no roles, time zone, colour or is_email_confirmed (a users.list
# recorded from Slack in 2021: github.com/slack-ruby/slack-ruby-client spec/fixtures/slack/web/paginated_users_list.yml)
DEACTIVATED_FIELDS = ("id", "team_id", "name", "deleted", "profile", "is_bot", "is_app_user", "updated")


def show_user(user: Record, caller: Caller) -> Record:
    """Emails are only shown to tokens holding ``users:read.email``, as Slack does."""
    shown = _model.public(user)
    if shown.get("deleted"):
        shown = {k: shown[k] for k in DEACTIVATED_FIELDS if k in shown}
    if "email" in shown["profile"] and not caller.has("users:read.email"):
        shown["profile"] = {k: v for k, v in shown["profile"].items() if k != "email"}
    return shown


@slack_method("users.list")
def users_list(ctx: Context, caller: Caller) -> Record:
    users = ctx.state.collection("users")
    ids = sorted(users)
    page, next_cursor = _paging.page_of_keys(ctx, ids, "user", default_limit=1000)
    members = [show_user(u, caller) for uid in page if (u := users.get(uid)) is not None]
    return {"members": members, "cache_ts": int(ctx.now()), **_paging.metadata(next_cursor)}


@slack_method("users.info")
def users_info(ctx: Context, caller: Caller) -> Record:
    user = _model.user(ctx, _args.text(ctx, "user").strip())
    return {"user": show_user(user, caller)}


@slack_method("users.lookupByEmail")
def users_lookup_by_email(ctx: Context, caller: Caller) -> Record:
    email = _args.text(ctx, "email").strip().lower()
    if not email:
        raise invalid_arguments("missing required field: email")
    for user in ctx.state.collection("users").values():
        if email and str(user["profile"].get("email", "")).lower() == email:
            return {"user": show_user(user, caller)}
    raise slack_error("users_not_found")


@slack_method("users.conversations")
def users_conversations(ctx: Context, caller: Caller) -> Record:
    """Conversations ``user`` (default: the caller) is in, among those the caller can see."""
    user_id = _args.text(ctx, "user").strip() or caller.user_id
    _model.user(ctx, user_id)
    return listing_answer(ctx, caller, member=user_id)


def _presence(ctx: Context, user_id: str) -> str:
    user = _model.user(ctx, user_id)
    if user.get("deleted"):
        return "away"
    if user.get("is_bot"):
        return "active" if user["profile"].get("always_active") else "away"
    chosen = (ctx.state.collection("presence").get(user_id) or {}).get("presence", "auto")
    return "away" if chosen == "away" else "active"


@slack_method("users.getPresence")
def users_get_presence(ctx: Context, caller: Caller) -> Record:
    """Only the caller's own presence carries the detail fields (online, auto_away, ...)."""
    user_id = _args.text(ctx, "user").strip() or caller.user_id
    presence = _presence(ctx, user_id)
    if user_id != caller.user_id:
        return {"presence": presence}
    manual = (ctx.state.collection("presence").get(user_id) or {}).get("presence") == "away"
    return {
        "presence": presence,
        "online": presence == "active",
        "auto_away": False,
        "manual_away": manual,
        "connection_count": 1 if presence == "active" else 0,
        "last_activity": int(ctx.now()),
    }


@slack_method("users.setPresence")
def users_set_presence(ctx: Context, caller: Caller) -> Record:
    presence = _args.text(ctx, "presence").strip()
    if presence not in ("auto", "away"):
        raise slack_error("invalid_presence")
    ctx.state.collection("presence").put(caller.user_id, {"presence": presence})
    return {}


@slack_method("users.profile.get")
def users_profile_get(ctx: Context, caller: Caller) -> Record:
    user = _model.user(ctx, _args.text(ctx, "user").strip() or caller.user_id)
    return {"profile": show_user(user, caller)["profile"]}


_EDITABLE = ("first_name", "last_name", "display_name", "real_name", "title", "phone", "status_text", "status_emoji")


@slack_method("users.profile.set")
def users_profile_set(ctx: Context, caller: Caller) -> Record:
    """Users edit their own profile; only admins may edit someone else's (``cannot_update_admin_user``)."""
    target = _args.text(ctx, "user").strip() or caller.user_id
    user = _model.user(ctx, target)
    if target != caller.user_id and not caller.is_admin:
        raise slack_error("not_admin")
    changes = _args.json_value(ctx, "profile") or {}
    name, value = _args.text(ctx, "name"), _args.text(ctx, "value")
    if name:
        changes[name] = value
    if not isinstance(changes, dict):
        raise slack_error("invalid_profile")
    profile = user["profile"]
    for key, new in changes.items():
        if key in _EDITABLE or key == "status_expiration":
            profile[key] = new
    profile["real_name_normalized"] = profile.get("real_name", "")
    profile["display_name_normalized"] = profile.get("display_name", "")
    user["real_name"] = profile.get("real_name", "")
    user["updated"] = int(ctx.now())
    ctx.state.collection("users").put(target, user)
    return {"profile": show_user(user, caller)["profile"]}
