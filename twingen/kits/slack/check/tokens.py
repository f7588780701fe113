"""Which Slack token a real caller uses for each method, and which errors are right for which token.

Slack's method pages list the token types each method accepts ("Token types: bot, user"); a call with
another type is ``not_allowed_token_type``. The twin names its seeded credentials (``/_twin/credentials``):
``bot`` (xoxb), ``app`` (xapp, app-level), ``config`` (xoxe.xoxp, app configuration) and human user tokens
(``admin``, ``user``, ``reader``, ``identity``, ``org_admin``). The check picks credentials of a type the
method accepts, in the order a real app would reach for them, and judges token errors against the type used.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

_DOCS = "https://docs.slack.dev/reference/methods/"

CREDENTIAL_TYPES: Mapping[str, str] = {"bot": "bot", "app": "app", "config": "config", "bad": "bot"}
"""Credential name -> token type; every other seeded name is a human's user token (xoxp)."""

# (operation prefix, token types Slack accepts, users to prefer, source); most specific first
_ACCEPTED: tuple[tuple[str, tuple[str, ...], tuple[str, ...], str], ...] = (
    ("apps.connections.open", ("app",), (), _DOCS + "apps.connections.open"),
    ("apps.event.authorizations.list", ("app",), (), _DOCS + "apps.event.authorizations.list"),
    ("apps.manifest.", ("config",), (), _DOCS + "apps.manifest.create (app configuration tokens only)"),
    ("tooling.tokens.rotate", ("config",), (), _DOCS + "tooling.tokens.rotate (authenticated by the refresh token)"),
    # a collaborator's user token with app_configurations:write: Alice made the seeded app
    ("apps.icon.set", ("user",), ("admin",), _DOCS + "apps.icon.set (User token: app_configurations:write)"),
    # "using a user token from the manager app": the builder's own (NOTES.md, "Managed apps": Alice)
    ("apps.managed.permissions.set", ("user",), ("admin",), _DOCS + "apps.managed.permissions.set"),
    # bot and user tokens; a user token searches as its user, a bot token only with a message event's action_token
    ("assistant.search.", ("user", "bot"), ("admin", "user"), _DOCS + "assistant.search.context"),
    # Admin API: user tokens of an org admin or owner only (each admin.* page: "Token types: user")
    ("admin.", ("user",), ("org_admin", "admin"), _DOCS + "admin.conversations.create"),
    ("users.identity", ("user",), ("identity",), _DOCS + "users.identity (Sign in with Slack tokens)"),
    ("search.", ("user",), ("admin", "user"), _DOCS + "search.messages"),
    ("stars.", ("user",), ("admin", "user"), _DOCS + "stars.add"),
    ("reminders.", ("user",), ("admin", "user"), _DOCS + "reminders.add"),
    ("dnd.setSnooze", ("user",), ("admin", "user"), _DOCS + "dnd.setSnooze"),
    ("dnd.endSnooze", ("user",), ("admin", "user"), _DOCS + "dnd.endSnooze"),
    ("dnd.endDnd", ("user",), ("admin", "user"), _DOCS + "dnd.endDnd"),
    ("users.setPhoto", ("user",), ("admin", "user"), _DOCS + "users.setPhoto"),
    ("users.deletePhoto", ("user",), ("admin", "user"), _DOCS + "users.deletePhoto"),
    ("users.profile.set", ("user",), ("admin", "user"), _DOCS + "users.profile.set"),
    ("files.sharedPublicURL", ("user",), ("admin", "user"), _DOCS + "files.sharedPublicURL"),
    ("files.revokePublicURL", ("user",), ("admin", "user"), _DOCS + "files.revokePublicURL"),
    ("slackbot.skills.", ("user",), ("admin", "user"), "api_docs/slack/NOTES.md: slackbot.skills.* user tokens only"),
    ("team.accessLogs", ("user",), ("admin",), _DOCS + "team.accessLogs (admin scope, user token)"),
    ("team.billableInfo", ("user",), ("admin",), _DOCS + "team.billableInfo"),
    ("team.integrationLogs", ("user",), ("admin",), _DOCS + "team.integrationLogs"),
    ("migration.exchange", ("user", "bot"), ("admin",), _DOCS + "migration.exchange"),
    ("usergroups.", ("user", "bot"), ("admin",), _DOCS + "usergroups.create"),
    ("rtm.", ("user", "bot"), (), _DOCS + "rtm.connect"),
)
_DEFAULT: tuple[tuple[str, ...], tuple[str, ...]] = (("bot", "user"), ("admin", "user"))


def token_type(credential: str) -> str:
    return CREDENTIAL_TYPES.get(credential, "user")


def accepted_types(op: str) -> tuple[str, ...]:
    """The token types Slack accepts for ``op`` (its method page)."""
    return next((types for prefix, types, _, _ in _ACCEPTED if op.startswith(prefix)), _DEFAULT[0])


def credentials_for(op: str, available: Mapping[str, str]) -> list[str]:
    """Seeded credentials of an accepted type, in the order a real caller would use them."""
    types, people = next(((t, p) for prefix, t, p, _ in _ACCEPTED if op.startswith(prefix)), _DEFAULT)
    people = (*people, "admin", "user")
    order: list[str] = []
    for kind in types:
        if kind == "user":
            order += [name for name in people if token_type(name) == "user"]
        else:
            order += [name for name in available if token_type(name) == kind]
    return [name for name in dict.fromkeys(order) if name in available]


@dataclass(frozen=True)
class Known:
    """Error codes Slack really answers a valid call with, for the token types given (none: any)."""

    codes: frozenset[str]
    types: tuple[str, ...]
    source: str


KNOWN: Mapping[str, tuple[Known, ...]] = {
    # granular apps cannot open RTM: bot tokens are refused, user tokens would need the legacy rtm:stream
    # scope only classic apps can hold (rtm.connect page, "Token types" and the RTM deprecation notice)
    "rtm.connect": (
        Known(frozenset({"not_allowed_token_type"}), ("bot",), _DOCS + "rtm.connect"),
        Known(frozenset({"missing_scope"}), ("user",), _DOCS + "rtm.connect (rtm:stream, classic apps only)"),
    ),
    "rtm.start": (
        Known(frozenset({"not_allowed_token_type"}), ("bot",), _DOCS + "rtm.start"),
        Known(frozenset({"missing_scope"}), ("user",), _DOCS + "rtm.start (rtm:stream, classic apps only)"),
    ),
}

GENERIC = frozenset(
    {"not_authed", "invalid_auth", "account_inactive", "token_revoked", "token_expired", "no_permission",
     "missing_scope", "not_allowed_token_type", "invalid_arg_name", "invalid_array_arg", "invalid_charset",
     "invalid_form_data", "invalid_post_type", "missing_post_type", "invalid_json", "json_not_object",
     "request_timeout", "upgrade_required", "fatal_error", "internal_error", "ratelimited", "accesslimited",
     "service_unavailable", "team_added_to_org", "ekm_access_denied", "invalid_arguments",
     "two_factor_setup_required", "org_login_required", "deprecated_endpoint", "team_access_not_granted"}
)  # fmt: skip
"""Codes every method page lists: they describe the request or the token, never the method's work, so a
valid call answered with one is the check's or the twin's fault unless ``KNOWN`` says why it is right."""


def known_for(op: str, credential: str) -> frozenset[str]:
    """Codes right for a valid call of ``op`` made as ``credential``, beyond the operation's declared ones."""
    kind = token_type(credential)
    codes: set[str] = set()
    for known in KNOWN.get(op, ()):
        if not known.types or kind in known.types:
            codes |= known.codes
    if kind not in accepted_types(op):
        codes.add("not_allowed_token_type")  # the method page does not list this token type
    return frozenset(codes)
