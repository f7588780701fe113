"""The default workspace: a team, Slackbot, a bot with a bot token, humans with user tokens, #general, #random."""

from __future__ import annotations

import hashlib
from typing import Any

from ..runtime import Credential, SeedContext, seed
from . import _ids
from ._audit_seed import ORG_OWNER_SCOPES, seed_audit_history
from ._model import new_channel_record
from ._platform_seed import for_tenant, seed_platform
from ._scopes import ADMIN_SCOPES, BOT_SCOPES, IDENTITY_SCOPES, ORG_ADMIN_SCOPES, READER_SCOPES, USER_SCOPES
from ._webhooks import seed_hook
from .admin_seed import seed_admin_objects
from .apps_managed import seed_managed_apps
from .rtm_seed import seed_classic_app
from .scim_groups import seed_idp_groups, seed_second_idp_group

Record = dict[str, Any]

TEAM_NAME = "Twin Workspace"
TEAM_DOMAIN = "twin-workspace"
ORG_NAME = "Twin Org"
ORG_DOMAIN = "twin-org"

# (credential name, handle, real name, admin, deactivated); tokens are derived from the handle so the
# seed gives the same credentials on every start and every reset
_HUMANS = (
    ("admin", "alice", "Alice Admin", True, False),
    ("user", "bob", "Bob Builder", False, False),
    ("reader", "carol", "Carol Reader", False, False),
    ("deactivated", "dave", "Dave Departed", False, True),
)


def _domain(ctx: SeedContext) -> str:
    """``twin-workspace``, and for a tenant ``twin-workspace-t1``: each tenant is its own workspace."""
    return TEAM_DOMAIN if ctx.tenant == "default" else f"{TEAM_DOMAIN}-{ctx.tenant}"


def _digits(label: str, size: int) -> str:
    return str(int(hashlib.sha256(label.encode()).hexdigest(), 16))[:size]


def _token(kind: str, label: str) -> str:
    digest = hashlib.sha256(f"twin-slack:{label}".encode()).hexdigest()
    if kind == "bot":  # xoxb-TEAMNUM-BOTUSERNUM-24 letters and digits
        return f"xoxb-{_digits('team', 12)}-{_digits(label, 13)}-{digest[:24]}"
    return f"xoxp-{_digits('team', 12)}-{_digits(label, 12)}-{_digits(label + ':app', 13)}-{digest[:32]}"


def _profile(team_id: str, real_name: str, handle: str, email: str | None) -> Record:
    avatar = hashlib.md5(handle.encode(), usedforsecurity=False).hexdigest()[:12]
    profile: Record = {
        "title": "",
        "phone": "",
        "skype": "",
        "real_name": real_name,
        "real_name_normalized": real_name,
        "display_name": handle,
        "display_name_normalized": handle,
        "fields": None,
        "status_text": "",
        "status_emoji": "",
        "status_emoji_display_info": [],
        "status_expiration": 0,
        "avatar_hash": avatar,
        "first_name": real_name.split(" ")[0],
        "last_name": " ".join(real_name.split(" ")[1:]),
        "team": team_id,
    }
    if email is not None:
        profile["email"] = email
    for size in (24, 32, 48, 72, 192, 512):
        profile[f"image_{size}"] = f"https://secure.gravatar.com/avatar/{avatar}.jpg?s={size}"
    return profile


def _user(team_id: str, user_id: str, handle: str, real_name: str, now: int, **flags: Any) -> Record:
    email = None if flags.get("is_bot") or user_id == "USLACKBOT" else f"{handle}@example.com"
    record: Record = {
        "id": user_id,
        "team_id": team_id,
        "name": handle,
        "deleted": False,
        "color": hashlib.sha256(handle.encode()).hexdigest()[:6],
        "real_name": real_name,
        "tz": "America/Los_Angeles",
        "tz_label": "Pacific Standard Time",
        "tz_offset": -28800,
        "profile": _profile(team_id, real_name, handle, email),
        "is_admin": False,
        "is_owner": False,
        "is_primary_owner": False,
        "is_restricted": False,
        "is_ultra_restricted": False,
        "is_bot": False,
        "is_app_user": False,
        "updated": now,
        "is_email_confirmed": email is not None,
        "who_can_share_contact_card": "EVERYONE",
    }
    record.update(flags)
    return record


def seed_bot(state: Any, team_id: str, handle: str, real_name: str, created: int) -> tuple[str, str]:
    """An app's bot: its bot user, bot (``bots``) and app ids, made in that order; answers (user id, bot id)."""
    user_id, bot_id, app_id = _ids.new_id(state, "U"), _ids.new_id(state, "B"), _ids.new_id(state, "A")
    record = _user(team_id, user_id, handle, real_name, created, is_bot=True, is_app_user=False)
    record["profile"].update(bot_id=bot_id, api_app_id=app_id, always_active=True)
    state.collection("users").put(user_id, record)
    icons = {"image_36": "https://a.slack-edge.com/80588/img/plugins/app/bot_36.png"}
    bot = {"id": bot_id, "app_id": app_id, "user_id": user_id, "name": handle, "icons": icons}
    state.collection("bots").put(bot_id, {**bot, "deleted": False, "updated": created})
    return user_id, bot_id


@seed
def default_seed(ctx: SeedContext) -> None:
    """Workspace ``Twin Workspace`` with credentials ``bot``, ``user``, ``admin``, ``reader``, ``deactivated``."""
    state = ctx.state
    now = int(ctx.now())
    created = now - 86_400 * 30
    team_id = _ids.new_id(state, "T")
    if ctx.tenant != "default":  # a tenant (POST /_twin/tenants) is a workspace of its own
        team_id = "T0" + hashlib.sha256(f"team:{ctx.tenant}".encode()).hexdigest()[:9].upper()
    state.collection("team").put(
        "team",
        {
            "id": team_id,
            "name": TEAM_NAME,
            "domain": _domain(ctx),
            "url": f"https://{_domain(ctx)}.slack.com/",
            "email_domain": "example.com",
            "icon": {"image_default": True},
            # a paid (Pro, "std") workspace, so user groups, access logs and Slack Connect can be used;
            # set "free" to see Slack's answers for an unpaid workspace (paid_only, paid_teams_only, not_paid)
            "_plan": "std",
        },
    )
    users = state.collection("users")
    users.put("USLACKBOT", _user(team_id, "USLACKBOT", "slackbot", "Slackbot", created, is_bot=False))

    def grant(name: str, token: str, user_id: str, scopes: tuple[str, ...], bot_id: str = "") -> None:
        token = for_tenant(ctx, token)
        principal = {"user_id": user_id, "team_id": team_id, **({"bot_id": bot_id} if bot_id else {})}
        # the deactivated user's token is accepted (to answer account_inactive) but not listed as a working one
        listed = name != "deactivated"
        ctx.credential(Credential(name, "bearer", token, principal=principal, scopes=scopes, listed=listed))

    bot_user, bot_id = seed_bot(state, team_id, "twinbot", "Twin Bot", created)
    grant("bot", _token("bot", "twinbot"), bot_user, BOT_SCOPES, bot_id)

    humans: list[str] = []
    for name, handle, real_name, admin, deactivated in _HUMANS:
        user_id = _ids.new_id(state, "U")
        flags: dict[str, Any] = {"deleted": deactivated}
        if admin:
            flags.update(is_admin=True, is_owner=True, is_primary_owner=True)
        users.put(user_id, _user(team_id, user_id, handle, real_name, created, **flags))
        scopes = READER_SCOPES if name == "reader" else USER_SCOPES
        if admin:  # an admin's user token may be granted ``admin`` (team.accessLogs, team.billableInfo...)
            scopes = (*scopes, *ADMIN_SCOPES)
        grant(name, _token("user", handle), user_id, scopes)
        if admin:
            # a Sign in with Slack token: identity.* scopes cannot be mixed with others, so it is its own token
            grant("identity", _token("user", handle + ":identity"), user_id, IDENTITY_SCOPES)
        if not deactivated:
            humans.append(user_id)

    _channels(ctx, team_id, humans, bot_user, created)
    seed_platform(ctx)  # the app's OAuth client, app-level and configuration tokens, OAuth codes

    # Enterprise Grid (added after everything else so the ids above stay what they were): the workspace
    # belongs to an org, run by an org admin whose org-level install carries the admin.* scopes
    org_admin = _ids.new_id(state, "U")
    flags = {"is_admin": True, "is_owner": True}
    users.put(org_admin, _user(team_id, org_admin, "olivia", "Olivia Orgadmin", created, **flags))
    grant("org_admin", _token("user", "olivia"), org_admin, (*USER_SCOPES, *ORG_ADMIN_SCOPES, *ORG_OWNER_SCOPES))
    _enterprise(ctx, team_id, org_admin, created)
    seed_managed_apps(ctx)  # apps a partner platform made for Alice, managed by the workspace's own app
    seed_hook(ctx.state, ctx.tenant)  # the seeded app's incoming webhook to #general (_webhooks)
    seed_idp_groups(ctx)  # the identity provider's one group (SCIM, scim_groups)
    seed_audit_history(ctx, created)  # the org's audit trail so far (_audit_seed)
    seed_classic_app(ctx, created)  # a classic app's bot, which may use RTM (rtm_seed)
    seed_second_idp_group(ctx)  # a second IdP group, so information barriers have two sides (scim_groups)


def _enterprise(ctx: SeedContext, team_id: str, org_admin: str, created: int) -> None:
    """The org (``E...``) and its one workspace as the Admin API sees them (``admin_*`` modules)."""
    state = ctx.state
    enterprise_id = _ids.new_id(state, "E")
    team = state.collection("team").get("team") or {}
    # team.info on a Grid workspace names its org
    team.update(enterprise_id=enterprise_id, enterprise_name=ORG_NAME, enterprise_domain=ORG_DOMAIN)
    state.collection("team").put("team", team)
    org = {"id": enterprise_id, "name": ORG_NAME, "domain": ORG_DOMAIN, "admins": [org_admin], "owners": [org_admin]}
    state.collection("org").put("org", {**org, "primary_owner": org_admin, "created": created})
    workspace = {
        "id": team_id,
        "name": TEAM_NAME,
        "domain": _domain(ctx),
        "email_domain": "example.com",
        "description": "",
        "discoverability": "open",
        "icon": {"image_default": True},
        "default_channels": [],
        "enterprise_id": enterprise_id,
        "enterprise_name": ORG_NAME,
        "created": created,
    }
    state.collection("org_teams").put(team_id, workspace)
    _requests(ctx, team_id, created)
    seed_admin_objects(ctx, team_id, org_admin, created)  # roles, a guest, a workflow (admin_seed)


def _requests(ctx: SeedContext, team_id: str, created: int) -> None:
    """What members asked admins for in Slack's UI (no API method makes these): an invite and an app."""
    state = ctx.state
    bob = next(u for u in state.collection("users").values() if u["name"] == "bob")
    general = next(c for c in state.collection("channels").values() if c.get("is_general"))
    invite_id = f"Ir{_ids.new_id(state, 'I')[1:]}"
    invite: Record = {"id": invite_id, "email": "dana@example.com", "date_created": created}
    invite["requester_ids"] = [bob["id"]]
    invite.update(channel_ids=[general["id"]], invite_type="full_member", real_name=None, date_expire=None)
    invite.update(request_reason="Dana joins the launch team", _team_id=team_id, _status="pending", _by=None)
    state.collection("org_invite_requests").put(invite_id, invite)
    app_id = _ids.new_id(state, "A")
    app: Record = {
        "id": app_id,
        "name": "Polly",
        "description": "Polls and surveys",
        "help_url": "https://example.com/help",
    }
    app.update(privacy_policy_url="https://example.com/privacy", app_homepage_url="https://example.com")
    app.update(app_directory_url=f"https://{ORG_DOMAIN}.enterprise.slack.com/apps/{app_id}", icons={})
    app.update(is_app_directory_approved=True, is_internal=False, developer_type="third_party", additional_info="")
    request_id = f"Ar{_ids.new_id(state, 'R')[1:]}"
    profile = bob["profile"]
    request: Record = {"id": request_id, "app": app, "previous_resolution": None, "is_user_app_collaborator": False}
    request.update(user={"id": bob["id"], "name": bob["name"], "email": profile.get("email", "")})
    request.update(team={"id": team_id, "name": TEAM_NAME, "domain": _domain(ctx)}, date_created=created)
    request.update(scopes=[{"name": "chat:write", "description": "Send messages", "is_sensitive": False}])
    request.update(message="Can we use Polly for retro votes?")
    state.collection("org_app_requests").put(request_id, request)


def _channels(ctx: SeedContext, team_id: str, humans: list[str], bot_user: str, created: int) -> None:
    channels = ctx.state.collection("channels")
    for name, purpose, is_general in (
        ("general", "This is the one channel that will always include everyone.", True),
        ("random", "A place for non-work banter, links, articles of interest, humor or anything else.", False),
    ):
        channel_id = _ids.new_id(ctx.state, "C")
        record = new_channel_record(team_id, channel_id, name, "public", humans[0], created)
        record["is_general"] = is_general
        record["purpose"] = {"value": purpose, "creator": humans[0], "last_set": created}
        # the bot was invited to both when it was installed, so it can read and post out of the box
        record["_members"] = [*humans, bot_user]
        channels.put(channel_id, record)
