"""Okta's published rate-limit buckets, as data; ``okta.py`` counts calls against them."""

from __future__ import annotations

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
