"""A hire and a leaver, told through the vendors' own SDKs: Okta provisions Slack and Jira over SCIM, and Google
Workspace through the Admin SDK Directory API.

Create a user in Okta (okta SDK), assign them to the Slack, Jira and Google apps; find them with slack_sdk and the jira
package, add them to a channel and a project; deactivate them in Okta: Slack shows them deleted and refuses their
token, Jira shows them inactive, Google shows them suspended; one universe snapshot taken before the hire brings
every twin back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from googleapiclient.errors import HttpError
from jira import JIRA
from okta.models import AppUserAssignRequest, CreateUserRequest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from twingen.kits.slack import universe as slack_universe
from twingen.universe import Universe

if TYPE_CHECKING:
    from conftest import Okta  # the okta_sdk fixture's

EMAIL = "nia.newton@acme.example"
HIRE = {"firstName": "Nia", "lastName": "Newton", "email": EMAIL, "login": EMAIL}


def _slack(universe: Universe, token: str | None = None) -> WebClient:
    member = universe.members["slack"]
    return WebClient(token=token or member.credentials()["bot"]["token"], base_url=member.base_url + "/api/")


def _jira(universe: Universe) -> JIRA:
    member = universe.members["jira"]
    basic = member.credentials()["basic"]
    return JIRA(server=member.base_url, basic_auth=(basic["username"], basic["password"]), max_retries=0)


def test_hire_and_leave_across_okta_slack_and_jira(universe: Universe, okta_sdk: Okta, directory: Any) -> None:
    before_hire = universe.snapshot()["id"]
    apps = universe.apps["default"]

    # the hire: created in Okta and assigned to the three apps
    user = okta_sdk("create_user", CreateUserRequest.from_dict({"profile": HIRE}), activate=True)
    for app in ("slack", "jira", "google"):
        okta_sdk("assign_user_to_application", apps[app], AppUserAssignRequest.from_dict({"id": user.id}))
    assert okta_sdk("get_application_user", apps["slack"], user.id).sync_state == "SYNCHRONIZED"

    # Slack: found by email, added to a channel, signs in to the workspace's app (their own token)
    slack = _slack(universe)
    slack_user = slack.users_lookupByEmail(email=HIRE["email"])["user"]
    assert (slack_user["name"], slack_user["real_name"], slack_user["deleted"]) == ("nia.newton", "Nia Newton", False)
    channel = slack.conversations_create(name="launch")["channel"]["id"]
    slack.conversations_invite(channel=channel, users=slack_user["id"])
    assert slack_user["id"] in slack.conversations_members(channel=channel)["members"]
    signed_in = WebClient(base_url=slack.base_url).oauth_v2_access(
        client_id=slack_universe.CLIENT_ID,
        client_secret=slack_universe.CLIENT_SECRET,
        code=slack_universe.oauth_code(slack_user["id"]),
    )
    hire_token = signed_in["authed_user"]["access_token"]
    assert _slack(universe, hire_token).auth_test()["user_id"] == slack_user["id"]

    # Jira: found by search, added to a project's role
    jira = _jira(universe)
    [jira_user] = jira.search_users(query=HIRE["email"])
    assert (jira_user.displayName, jira_user.active) == ("Nia Newton", True)
    jira.create_project("LAUNCH", "Launch", assignee=jira.myself()["accountId"], ptype="software")
    roles = jira.project_roles("LAUNCH")
    role_id = next(r["id"] for name, r in roles.items() if name in ("Developers", "Member", "Administrators"))
    jira.project_role("LAUNCH", role_id).add_user(users=jira_user.accountId)
    actors = jira.project_role("LAUNCH", role_id).actors
    assert jira_user.accountId in [a.actorUser.accountId for a in actors if hasattr(a, "actorUser")]

    # each push is in the receiving twin's request log and in Okta's System Log
    slack_calls = [r for r in universe.members["slack"].control("GET", "/requests")["requests"]]
    assert any("/scim/v2/Users" in str(r.get("path", "")) for r in slack_calls)
    jira_calls = universe.members["jira"].control("GET", "/requests")["requests"]
    assert any("/scim/directory/" in str(r.get("path", "")) for r in jira_calls)
    logged = okta_sdk("list_log_events", filter='eventType sw "application.provision.user"')
    pushed = [e for e in logged if any(t.id == user.id for t in e.target or [])]
    assert sorted(e.event_type for e in pushed) == ["application.provision.user.push"] * 3
    google = directory.users()
    assert google.get(userKey=HIRE["email"]).execute()["suspended"] is False

    # the leaver: deactivated in Okta
    okta_sdk("deactivate_user", user.id)
    assert slack.users_info(user=slack_user["id"])["user"]["deleted"] is True
    with pytest.raises(SlackApiError) as refused:
        _slack(universe, hire_token).auth_test()
    assert refused.value.response["error"] in ("token_revoked", "invalid_auth", "account_inactive")
    assert jira.user(jira_user.accountId).active is False
    assert google.get(userKey=HIRE["email"]).execute()["suspended"] is True
    logged = okta_sdk("list_log_events", filter='eventType eq "application.provision.user.deactivate"')
    assert len([e for e in logged if any(t.id == user.id for t in e.target or [])]) == 3

    # one restore: every twin as before the hire
    universe.restore(before_hire)
    with pytest.raises(SlackApiError) as gone:
        slack.users_lookupByEmail(email=HIRE["email"])
    assert gone.value.response["error"] == "users_not_found"
    assert jira.search_users(query=HIRE["email"], includeInactive=True) == []
    assert okta_sdk("list_users", search=f'profile.login eq "{HIRE["login"]}"') == []
    with pytest.raises(HttpError):
        google.get(userKey=HIRE["email"]).execute()
