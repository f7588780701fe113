"""The vendors' published rate-limit numbers, as data; ``ratelimits.py`` counts calls against them.

Sources and the gaps between them are in ``api_docs/<vendor>/NOTES.md``.
"""

from __future__ import annotations

# -- Slack: per-method tiers, calls per minute (https://api.slack.com/docs/rate-limits) --------------
TIER = {1: 1, 2: 20, 3: 50, 4: 100}
SLACK_TIERS = {
    "api.test": 4,
    "auth.test": 4,  # listed as "special"; it allows bursts well above Tier 3
    "chat.delete": 3,
    "chat.getPermalink": 4,
    "chat.postEphemeral": 4,
    "chat.scheduleMessage": 3,
    "chat.update": 3,
    "conversations.archive": 2,
    "conversations.create": 2,
    "conversations.history": 3,
    "conversations.info": 3,
    "conversations.invite": 3,
    "conversations.join": 3,
    "conversations.kick": 3,
    "conversations.leave": 3,
    "conversations.list": 2,
    "conversations.members": 4,
    "conversations.open": 3,
    "conversations.rename": 2,
    "conversations.replies": 3,
    "conversations.setTopic": 2,
    "files.completeUploadExternal": 4,
    "files.delete": 3,
    "files.getUploadURLExternal": 4,
    "files.info": 4,
    "files.list": 3,
    "files.upload": 2,
    "pins.add": 2,
    "pins.list": 2,
    "pins.remove": 2,
    "reactions.add": 3,
    "reactions.get": 3,
    "reactions.list": 2,
    "reactions.remove": 2,
    "team.info": 3,
    "users.conversations": 3,
    "users.info": 4,
    "users.list": 2,
    "users.lookupByEmail": 3,
    "users.profile.get": 4,
    "users.profile.set": 3,
}
SLACK_DEFAULT_TIER = 2  # "most methods allow at least 20 requests per minute"

# -- Google: Drive queries per minute per user, and per project ---------------------------------------
GOOGLE_PER_USER = 12_000

# -- Okta: org-wide buckets, calls per minute, "Workforce identity" column ------------------------------
# https://developer.okta.com/docs/reference/rl-global-mgmt/ and .../rl-global-enduser/. A bucket is counted
# for the whole org; its name is what ``okta_bucket`` returns and what the twin's request log shows.
OKTA_BUCKETS = {
    "/api/v1/apps*": 100,  # create, list and every /api/v1/apps/{id}/... call
    "/api/v1/apps/{id}": 500,  # get, update or delete one app
    "/api/v1/groups*": 500,  # create, list, and /api/v1/groups/{id}/... (everything but the group itself)
    "/api/v1/groups/{id}": 1_000,
    "/api/v1/users": 600,  # GET (list) or POST (create) to /api/v1/users only
    "GET /api/v1/users/{id}": 2_000,  # get a user by id or login
    "/api/v1/users/{id}": 600,  # POST, PUT or DELETE to one user
    "/api/v1/logs": 120,
    "/api/v1/events": 100,
    "/api/v1/certificateAuthorities": 100,
    "/api/v1/devices": 100,
    "/api/v1/org/email/bounces/remove-list": 60,
    "/api/v1/authn": 500,
    "/api/v1/authn/factors/{id}/verify": 500,
    "/api/v1/sessions": 750,
    "/oauth2/v1/clients": 100,
    "/oauth2/v1/authorize": 2_000,
    "/oauth2/v1/token": 2_000,
    "/oauth2/v1*": 2_000,  # the org authorization server's other endpoints
    "/oauth2/{authServerId}/v1/authorize": 2_000,
    "/oauth2/{authServerId}/v1/token": 2_000,
    "/oauth2/{authServerId}/v1*": 2_000,  # custom authorization servers share one bucket
    "/oauth2*": 600,  # all other OAuth 2.0 requests
    "/api/v1*": 1_200,  # "most other API actions": every /api/v1 endpoint not listed above
    "*": 10_000,  # https://developer.okta.com/docs/reference/rl-global-other-endpoints/
}
# "By default, each API token or OAuth 2.0 app can use up to 50% of a bucket's total rate limit"
# (https://developer.okta.com/docs/reference/rl2-token-oauth/)
OKTA_TOKEN_SHARE = 0.5
_OKTA_EXACT = {"logs", "events", "certificateAuthorities", "devices", "sessions"}


def okta_bucket(method: str, path: str) -> str | None:
    """The Okta bucket a call counts against; ``None`` for the public metadata endpoints (never limited)."""
    parts = [p for p in path.split("?", 1)[0].split("/") if p]
    if ".well-known" in parts or (parts[:1] == ["oauth2"] and parts[-1:] == ["keys"]):
        return None
    if parts[:2] == ["api", "v1"] and len(parts) > 2:
        name, rest = parts[2], parts[3:]
        if name == "apps":
            return "/api/v1/apps/{id}" if len(rest) == 1 else "/api/v1/apps*"
        if name == "groups":
            return "/api/v1/groups/{id}" if len(rest) == 1 else "/api/v1/groups*"
        if name == "users" and not rest:
            return "/api/v1/users"
        if name == "users" and len(rest) == 1:
            return "GET /api/v1/users/{id}" if method == "GET" else "/api/v1/users/{id}"
        if name == "authn":
            return "/api/v1/authn/factors/{id}/verify" if rest[-1:] == ["verify"] else "/api/v1/authn"
        if name in _OKTA_EXACT:
            return f"/api/v1/{name}"
        if parts[2:] == ["org", "email", "bounces", "remove-list"]:
            return "/api/v1/org/email/bounces/remove-list"
        return "/api/v1*"
    if parts[:1] == ["oauth2"]:
        if parts[1:3] == ["v1", "clients"]:
            return "/oauth2/v1/clients"
        if parts[1:2] == ["v1"]:
            return f"/oauth2/v1/{parts[2]}" if parts[2:3] in (["authorize"], ["token"]) else "/oauth2/v1*"
        if len(parts) > 2 and parts[2] == "v1":
            leaf = parts[3] if len(parts) > 3 else ""
            return (
                f"/oauth2/{{authServerId}}/v1/{leaf}"
                if leaf in ("authorize", "token")
                else "/oauth2/{authServerId}/v1*"
            )
        return "/oauth2*"
    return "*"


# -- Jira Cloud ----------------------------------------------------------------------------------------
# https://developer.atlassian.com/cloud/jira/platform/rate-limiting/. API-token traffic (basic auth) meets
# only the per-second burst limits, counted per site, per endpoint and per HTTP method; Atlassian does not
# publish the per-second number, so JIRA_BURST_PER_SECOND is our approximation (set your own with
# ``methods``). OAuth 2.0 (3LO), Forge and Connect apps also draw on an hourly points quota: the Tier 1
# global pool is 65,000 points per hour per app, and every request costs at least the 1-point base.
JIRA_BURST_PER_SECOND = 100
JIRA_POINTS_PER_HOUR = 65_000
JIRA_NEAR_LIMIT = 0.2  # X-RateLimit-NearLimit: true once less than 20% of a budget remains

GENERIC_PER_CREDENTIAL = 600
