"""The seeded app's platform side: OAuth client, an app-level token, an app configuration token, OAuth codes.

Everything is derived from fixed labels (as the seed's tokens are), so the values are the same on every
start and reset and can be written down in ``api_docs/slack/NOTES.md``:

- the app's ``client_id``/``client_secret`` (``apps`` collection),
- credential ``app``: an app-level token (``xapp-1-...``, scopes ``connections:write``,
  ``authorizations:read``) for ``apps.connections.open`` and ``apps.event.authorizations.list``,
- credential ``config``: Alice's app configuration token (``xoxe.xoxp-1-...``) for ``apps.manifest.*``,
  with the refresh token ``tooling.tokens.rotate`` takes,
- one unused OAuth ``code`` per active human (``oauth_codes``), as the redirect after
  ``/oauth/v2/authorize`` would carry it; each can be exchanged once per reset.
"""

from __future__ import annotations

import hashlib
from typing import Any

from ..runtime import Credential, SeedContext
from ._event_names import SENT as SEEDED_BOT_EVENTS
from ._model import new_channel_record

APP_SCOPES = ("connections:write", "authorizations:read")


def _hex(label: str, size: int) -> str:
    return hashlib.sha256(f"twin-slack:{label}".encode()).hexdigest()[:size]


def _digits(label: str, size: int) -> str:
    return str(int(hashlib.sha256(label.encode()).hexdigest(), 16))[:size]


def team_number() -> str:
    """The number of the seeded workspace in its tokens and ids (``xoxb-TEAMNUMBER-...``)."""
    return _digits("team", 12)


def client_id() -> str:
    """The seeded app's OAuth ``client_id``."""
    return f"{_digits('team', 12)}.{_digits('app', 13)}"


def client_secret() -> str:
    return _hex("client-secret", 32)


def oauth_code(handle: str) -> str:
    """The seeded, unused OAuth code for the human ``handle`` (``alice``, ``bob``, ``carol``)."""
    return f"{_digits('team', 12)}.{_digits('code:' + handle, 13)}.{_hex('code:' + handle, 64)}"


def refresh_token() -> str:
    """The seeded configuration token's refresh token, for ``tooling.tokens.rotate``."""
    return f"xoxe-1-{_hex('config-refresh', 140)}"


FUNCTION_EXECUTIONS = ("Fx0SEEDRUN01", "Fx0SEEDRUN02")
"""Running executions of the seeded app's custom function ``Fn0SEEDFUNC1``, as a workflow run would leave them
(the twin runs no workflows): each can be completed once by ``functions.completeSuccess``/``completeError``."""
STEP_EXECUTIONS = ("1000000001.916130274459.5eed5e0f0000a001", "1000000002.916130274459.5eed5e0f0000a002")
"""Pending executions of the seeded app's legacy workflow step (what ``workflow_step_execute`` events carried)."""
STEP_EDIT = "1000000003.916130274459.5eed5e0f0000e001"
"""An open configuration of that step (what a ``workflow_step_edit`` interaction carried)."""


PARTNERS = {"T0PARTNER01": ("Partner Co", "partner-co"), "T0PARTNER02": ("Supplier Ltd", "supplier-ltd")}
"""External organisations connected to the workspace through Slack Connect (``team.externalTeams.list``)."""
SHARED_CHANNEL = "C0PARTNER01"
"""``#partner-deals`` (private), shared with Partner Co (``T0PARTNER01``)."""
INCOMING_INVITES = {"I0PARTINV01": "pending", "I0PARTINV02": "pending", "I0PARTINV03": "awaiting_approval"}
"""Invites Partner Co sent to this workspace: two waiting for a member to accept or decline, one a member
accepted that waits for an admin's approval (``conversations.approveSharedInvite``)."""
INVITE_REQUESTS = ("I0PARTREQ01", "I0PARTREQ02")
"""Requests by Partner Co's member in ``#partner-deals`` to invite someone (``conversations.requestSharedInvite.*``)."""
PARTNER_USER = "W0PARTNER01"
COMMENTED_FILE, FILE_COMMENT = "F0SEEDFILE01", "Fc0SEEDCMT01"
"""``deal-notes.txt``, Alice's file in ``#partner-deals`` with one comment of Bob's (from before Slack retired file
comments in 2018), for ``files.comments.delete``."""


def seed_partners(state: Any, team_id: str, members: list[str], created: int) -> None:
    """The Slack Connect side: partner organisations, a channel shared with one, invites and requests from it."""
    externals = state.collection("external_teams")
    for partner_id, (name, domain) in PARTNERS.items():
        externals.put(partner_id, {"id": partner_id, "name": name, "domain": domain, "connected": True,
                                   "date_connected": created, "connected_by": members[0]})  # fmt: skip
    channel = new_channel_record(team_id, SHARED_CHANNEL, "partner-deals", "private", members[0], created)
    channel.update(is_shared=True, is_ext_shared=True, shared_team_ids=[team_id, "T0PARTNER01"], _members=members)
    state.collection("channels").put(SHARED_CHANNEL, channel)
    invites = state.collection("connect_invites")
    for n, (invite_id, status) in enumerate(INCOMING_INVITES.items()):
        invites.put(invite_id, {
            "id": invite_id, "team_id": "T0PARTNER01", "channel_id": f"C0PARTSRC0{n + 1}",
            "channel_name": f"partner-project-{n + 1}", "inviting_user": PARTNER_USER, "recipient_emails": [],
            "recipient_user_ids": [members[0]], "status": status, "date_created": created,
            "date_invalid": created + 10 * 365 * 86400, "link": f"https://join.slack.com/share/{invite_id.lower()}",
        })  # fmt: skip
    state.collection("files").put(COMMENTED_FILE, {
        "id": COMMENTED_FILE, "created": created, "timestamp": created, "name": "deal-notes.txt",
        "title": "deal-notes.txt", "mimetype": "text/plain", "filetype": "text", "pretty_type": "Plain Text",
        "user": members[0], "user_team": team_id, "editable": False, "size": 0, "mode": "hosted",
        "is_external": False, "external_type": "", "is_public": False, "public_url_shared": False,
        "display_as_bot": False, "username": "", "comments_count": 1, "has_rich_preview": False,
        "file_access": "visible", "channels": [], "groups": [SHARED_CHANNEL], "ims": [],
        "shares": {"private": {SHARED_CHANNEL: [{"ts": f"{created}.000100", "channel_name": "partner-deals",
                                                 "team_id": team_id, "share_user_id": members[0]}]}},
        "_state": "complete", "_deleted": False, "_content": "",
        "_comments": [{"id": FILE_COMMENT, "created": created, "timestamp": created, "user": members[1],
                       "is_intro": False, "comment": "Looks good to me."}],
    })  # fmt: skip
    requests = state.collection("connect_invite_requests")
    for invite_id in INVITE_REQUESTS:
        requests.put(invite_id, {
            "id": invite_id, "channel_id": SHARED_CHANNEL, "requesting_user": PARTNER_USER,
            "requesting_team": "T0PARTNER01", "email": f"{invite_id.lower()}@partner.example", "status": "pending",
            "date_created": created,
        })  # fmt: skip


def for_tenant(ctx: SeedContext, token: str) -> str:
    """The default tenant's token as it always was; another tenant's has its secret (the last part) derived
    from the tenant id too, so no two tenants share a token (the runtime refuses a tenant that would)."""
    if ctx.tenant == "default":
        return token
    head, _, secret = token.rpartition("-")
    return f"{head}-{hashlib.shake_256(f'{ctx.tenant}:{token}'.encode()).hexdigest(len(secret))[: len(secret)]}"


def seed_platform(ctx: SeedContext) -> None:
    """Add the app (client id and secret), the ``app`` and ``config`` credentials and OAuth codes."""
    state = ctx.state
    team: dict[str, Any] = state.collection("team").get("team") or {}
    bot: dict[str, Any] = next(iter(state.collection("bots").values()))
    humans = [u for u in state.collection("users").values() if not u.get("is_bot") and u["id"] != "USLACKBOT"]
    admin = next(u for u in humans if u.get("is_admin"))
    app_id = bot["app_id"]
    state.collection("apps").put(
        app_id,
        {
            "id": app_id,
            "name": bot["name"],
            "client_id": client_id(),
            "client_secret": client_secret(),
            "signing_secret": _hex("signing-secret", 32),
            "bot_id": bot["id"],
            "bot_user_id": bot["user_id"],
            "installed": True,
            "manifest": {
                "display_information": {"name": bot["name"]},
                "features": {"bot_user": {"display_name": bot["name"], "always_online": True}},
                "oauth_config": {"scopes": {"bot": ["chat:write", "channels:read"]}},
                "settings": {
                    "socket_mode_enabled": True,
                    "org_deploy_enabled": False,
                    "token_rotation_enabled": False,
                    # the twin's own choice for its seeded app: every bot event the twin sends
                    "event_subscriptions": {"bot_events": list(SEEDED_BOT_EVENTS)},
                },
            },
            "creator": admin["id"],
        },
    )

    def grant(name: str, token: str, user_id: str, scopes: tuple[str, ...], app_id: str = "") -> None:
        principal = {"user_id": user_id, "team_id": team["id"], **({"app_id": app_id} if app_id else {})}
        ctx.credential(Credential(name=name, scheme="bearer", token=token, principal=principal, scopes=scopes))

    app_token = for_tenant(ctx, f"xapp-1-{app_id}-{_digits('app-token', 13)}-{_hex('app-token', 64)}")
    grant("app", app_token, bot["user_id"], APP_SCOPES, app_id=app_id)
    config = for_tenant(ctx, f"xoxe.xoxp-1-{_hex('config', 140)}")
    grant("config", config, admin["id"], ())
    state.collection("config_tokens").put(refresh_token(), {"token": config, "user_id": admin["id"]})
    executions = state.collection("function_executions")
    for execution_id in FUNCTION_EXECUTIONS:
        executions.put(execution_id, {"function_id": "Fn0SEEDFUNC1", "state": "running", "app_id": app_id})
    steps = state.collection("workflow_steps")
    for execute_id in STEP_EXECUTIONS:
        steps.put(execute_id, {"kind": "execute", "state": "running", "app_id": app_id, "callback_id": "twin_step"})
    steps.put(STEP_EDIT, {"kind": "edit", "state": "open", "app_id": app_id, "callback_id": "twin_step"})
    members = [u["id"] for u in humans if not u.get("deleted")] + [bot["user_id"]]
    created = min(int(c.get("created") or 0) for c in state.collection("channels").values())
    seed_partners(state, team["id"], members, created)
    codes = state.collection("oauth_codes")
    for human in humans:
        if not human.get("deleted"):
            # exchanging a code answers the tokens the seed already holds, with their scopes
            codes.put(oauth_code(human["name"]), {"user_id": human["id"], "app_id": app_id})
