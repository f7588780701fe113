"""Who is calling and what site this is: ``/rest/auth/1/session``, ``serverInfo``, ``myself``, and the twin's
switch between a Cloud site and one answering as Jira Server/Data Center (the pycontribs/jira suite's Server mode).
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, Response, behaviour
from ..runtime.behaviour import control
from ._api import any_credential, api, body, site
from ._errors import jira_error
from ._store import me, site_record, timestamp
from ._views import user

CLOUD_VERSION = "1001.0.0-SNAPSHOT"
SERVER_VERSION = "8.20.10"
"""A Jira Server 8.20 (long-term support) answer: the last line that serves both ``createmeta`` (gone in 9.0) and
``createmeta/{project}/issuetypes`` (from 8.4), as the pycontribs/jira tests expect of a Server site."""


@behaviour("session.get", method="GET", path="/rest/auth/1/session")
@behaviour("session.get.latest", method="GET", path="/rest/auth/latest/session")
def current_session(ctx: Context) -> dict[str, Any]:
    # https://docs.atlassian.com/software/jira/docs/api/REST/9.12.0/#auth/1/session-currentUser
    record = me(ctx)
    started = timestamp(ctx.now())
    return {
        "self": f"{site(ctx)}/rest/api/latest/user?username={record['name']}",  # Server's answer
        "name": record["name"],
        "loginInfo": {
            "failedLoginCount": 0,
            "loginCount": 1,
            "lastFailedLoginTime": started,
            "previousLoginTime": started,
        },
    }


@behaviour("session.login", method="POST", path="/rest/auth/1/session", auth=False)
def log_in(ctx: Context) -> dict[str, Any]:
    # a cookie session from username + password; the twin accepts the seeded basic logins
    sent = body(ctx)
    username, password = str(sent.get("username") or ""), str(sent.get("password") or "")
    for credential in ctx.credentials():
        if credential.scheme == "basic" and (credential.username, credential.password) == (username, password):
            name = "JSESSIONID"
            return {
                "session": {"name": name, "value": ctx.new_id("", 32, "0123456789ABCDEF")},
                "loginInfo": {"failedLoginCount": 0, "loginCount": 1},
            }
    raise jira_error("unauthorized", "Login failed")


@any_credential("kill_session")
@behaviour("session.logout", method="DELETE", path="/rest/auth/1/session")
def log_out(ctx: Context) -> Response:
    me(ctx)
    return Response(204, None)


@api("getServerInfo", "GET", "serverInfo", auth=False)  # "This operation can be accessed anonymously."
def server_info(ctx: Context) -> dict[str, Any]:
    # https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-server-info/
    if ctx.principal is None and ctx.headers.get("authorization"):
        raise jira_error("unauthorized")  # anonymous callers may ask; a wrong login is refused all the same
    record = site_record(ctx.state)
    cloud = record.get("deploymentType") == "Cloud"
    text = CLOUD_VERSION if cloud else SERVER_VERSION
    numbers = [int(part) for part in text.split("-")[0].split(".")]
    out: dict[str, Any] = {
        "baseUrl": site(ctx),
        "displayUrl": site(ctx),
        "version": text,
        "versionNumbers": numbers,
        "deploymentType": record.get("deploymentType", "Cloud"),
        "buildNumber": 100275 if cloud else 9120000,
        "buildDate": "2026-12-01T00:00:00.000+0000",
        "serverTime": timestamp(ctx.now()),
        "scmInfo": "8c1a0d4f7e2b9a6c3d5e0f1a2b3c4d5e6f7a8b9c",
        "serverTitle": record.get("title", "Jira"),
        "defaultLocale": {"locale": "en_US"},
        "serverTimeZone": "Etc/UTC",
    }
    return out


@api("getCurrentUser", "GET", "myself")
def myself(ctx: Context) -> dict[str, Any] | None:
    return user(ctx, me(ctx), full=True)


@control("jira/site", method="POST")
def set_deployment(ctx: Context) -> dict[str, Any]:
    """``{"deploymentType": "Server"}`` makes the site answer as Jira Server/Data Center: ``serverInfo`` says so
    and users carry ``name`` and ``key``; ``"Cloud"`` (the default) restores it."""
    wanted = body(ctx).get("deploymentType")
    if wanted not in ("Cloud", "Server"):
        raise jira_error("bad_request", "deploymentType must be Cloud or Server")
    record = site_record(ctx.state)
    record["deploymentType"] = wanted
    ctx.state.collection("site").put("site", record)
    return record
