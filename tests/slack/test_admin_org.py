"""Org-wide administration through slack_sdk: custom emoji, invite requests, app approvals, IDP groups and
information barriers, roles, sign-in policy, platform automation and analytics files."""

from __future__ import annotations

import asyncio
import datetime as dt
import gzip
import json

import pytest
from slack_sdk.errors import SlackApiError

from .conftest import Twin


def error_of(call: object, **kwargs: object) -> str:
    with pytest.raises(SlackApiError) as caught:
        call(**kwargs)  # type: ignore[operator]
    return str(caught.value.response["error"])


def test_custom_emoji_are_shared_with_emoji_list(twin: Twin) -> None:
    org, bob = twin.client("org_admin"), twin.client("user")
    org.admin_emoji_add(name=":shipit:", url="https://example.com/shipit.png")
    org.admin_emoji_addAlias(name="ship", alias_for="shipit")
    assert error_of(org.admin_emoji_add, name="shipit", url="https://example.com/x.png") == "error_name_taken"
    assert error_of(org.admin_emoji_add, name="thumbsup", url="https://example.com/x.png") == "error_name_taken_i18n"
    assert error_of(org.admin_emoji_add, name="Ship It", url="https://example.com/x.png") == "error_bad_name_i18n"
    assert error_of(org.admin_emoji_addAlias, name="nope", alias_for="missing") == "error_invalid_alias"
    assert error_of(org.admin_emoji_remove, name="thumbsup") == "failure_removing_emoji"
    listed = org.admin_emoji_list()
    assert listed["emoji"]["shipit"]["url"] == "https://example.com/shipit.png"
    assert listed["emoji"]["ship"]["url"] == "https://example.com/shipit.png"
    assert listed["response_metadata"]["next_cursor"] == ""
    workspace = bob.emoji_list()["emoji"]  # the workspace method reads the same emoji
    assert workspace["shipit"] == "https://example.com/shipit.png" and workspace["ship"] == "alias:shipit"

    org.admin_emoji_rename(name="shipit", new_name="ship_it")
    assert bob.emoji_list()["emoji"]["ship"] == "alias:ship_it"
    assert error_of(org.admin_emoji_rename, name="shipit", new_name="again") == "error_invalid_emoji_to_rename"
    org.admin_emoji_remove(name="ship_it")
    assert "ship" not in org.admin_emoji_list()["emoji"]  # its aliases go with it
    assert error_of(org.admin_emoji_remove, name="ship_it") == "emoji_not_found"


def test_invite_requests_are_approved_or_denied_once(twin: Twin) -> None:
    org = twin.client("org_admin")
    pending = org.admin_inviteRequests_list()["invite_requests"]
    assert [r["email"] for r in pending] == ["dana@example.com"]
    request = pending[0]
    assert request["id"].startswith("Ir") and request["invite_type"] == "full_member"
    org.admin_inviteRequests_approve(invite_request_id=request["id"])
    assert error_of(org.admin_inviteRequests_deny, invite_request_id=request["id"]) == "already_processed"
    assert error_of(org.admin_inviteRequests_approve, invite_request_id="Ir0NOPE") == "invalid_request"
    approved = org.admin_inviteRequests_approved_list()["approved_requests"]
    assert approved[0]["invite_request"]["id"] == request["id"]
    assert approved[0]["approved_by"] == {"actor_type": "user", "actor_id": org.auth_test()["user_id"]}
    assert org.admin_inviteRequests_list()["invite_requests"] == []
    assert org.admin_inviteRequests_denied_list()["denied_requests"] == []
    # the approved invite is out: inviting the same person again is a repeat
    general = next(c["id"] for c in org.conversations_list()["channels"] if c["is_general"])
    team_id = org.auth_test()["team_id"]
    assert error_of(org.admin_users_invite, team_id=team_id, email="dana@example.com", channel_ids=[general]) == (
        "already_in_team_invited_user"
    )


def test_app_requests_approvals_and_uninstall(twin: Twin) -> None:
    org, bot = twin.client("org_admin"), twin.client("bot")
    requests = org.admin_apps_requests_list()["app_requests"]
    assert [r["app"]["name"] for r in requests] == ["Polly"]
    polly = requests[0]["app"]["id"]
    org.admin_apps_approve(request_id=requests[0]["id"])
    assert org.admin_apps_requests_list()["app_requests"] == []
    approved = org.admin_apps_approved_list()["approved_apps"]
    assert [a["app"]["id"] for a in approved] == [polly]
    assert approved[0]["last_resolved_by"]["actor_id"] == org.auth_test()["user_id"]
    assert error_of(org.admin_apps_approve, request_id=requests[0]["id"]) == "invalid_request_id"
    # slack_sdk sends only one of the two ids; a raw call can send both
    both = {"app_id": polly, "request_id": "Ar1"}
    assert error_of(org.api_call, api_method="admin.apps.approve", params=both) == "too_many_ids_provided"
    assert error_of(org.admin_apps_approve, app_id="A0NOAPP00") == "invalid_app_id"

    org.admin_apps_restrict(app_id=polly)
    assert org.admin_apps_approved_list()["approved_apps"] == []
    assert [a["app"]["id"] for a in org.admin_apps_restricted_list()["restricted_apps"]] == [polly]
    org.admin_apps_clearResolution(app_id=polly)
    assert org.admin_apps_restricted_list()["restricted_apps"] == []
    assert error_of(org.admin_apps_clearResolution, app_id=polly) == "no_resolution_found"

    assert org.admin_apps_config_lookup(app_ids=[polly])["configs"][0]["workflow_auth_strategy"] == "builder_choice"
    org.admin_apps_config_set(app_id=polly, workflow_auth_strategy="end_user_only")
    assert org.admin_apps_config_lookup(app_ids=[polly])["configs"][0]["workflow_auth_strategy"] == "end_user_only"
    assert org.admin_apps_activities_list()["activities"] == []
    assert error_of(org.admin_apps_activities_list, min_log_level="loud") == "invalid_arguments"

    installed = bot.auth_test()["bot_id"] and bot.bots_info(bot=bot.auth_test()["bot_id"])["bot"]["app_id"]
    assert error_of(org.admin_apps_uninstall, app_id=installed) == "specify_enterprise_or_teams"
    org.admin_apps_uninstall(app_id=installed, team_ids=[org.auth_test()["team_id"]])
    assert error_of(bot.auth_test) == "invalid_auth"  # the uninstalled app's bot token is revoked


def test_idp_groups_default_channels_and_barriers(twin: Twin) -> None:
    org, alice = twin.client("org_admin"), twin.client("admin")
    team_id = org.auth_test()["team_id"]
    staff = alice.usergroups_create(name="Staff", handle="staff")["usergroup"]["id"]
    vendors = alice.usergroups_create(name="Vendors", handle="vendors")["usergroup"]["id"]
    channel = org.admin_conversations_create(name="staff-room", is_private=False, team_id=team_id)["channel_id"]
    org.admin_usergroups_addChannels(usergroup_id=staff, channel_ids=[channel])
    listed = org.admin_usergroups_listChannels(usergroup_id=staff, include_num_members=True)["channels"]
    assert listed == [{"id": channel, "name": "staff-room", "team_id": team_id, "num_members": 0}]
    # the workspace's user group shows its default channel too
    group = next(g for g in alice.usergroups_list()["usergroups"] if g["id"] == staff)
    assert group["prefs"]["channels"] == [channel]
    org.admin_usergroups_addTeams(usergroup_id=staff, team_ids=[team_id])
    assert error_of(org.admin_usergroups_addTeams, usergroup_id=staff, team_ids=["T0NOTEAM00"]) == "invalid_team_ids"
    org.admin_usergroups_removeChannels(usergroup_id=staff, channel_ids=[channel])
    assert org.admin_usergroups_listChannels(usergroup_id=staff)["channels"] == []
    assert error_of(org.admin_usergroups_listChannels, usergroup_id="S0NOGROUP0") == "usergroup_not_found"

    barrier = org.admin_barriers_create(
        primary_usergroup_id=staff, barriered_from_usergroup_ids=[vendors], restricted_subjects=["im", "mpim", "call"]
    )["barrier"]
    assert barrier["id"].startswith("Ba") and barrier["primary_usergroup"] == {"id": staff, "name": "Staff"}
    assert barrier["restricted_subjects"] == ["im", "mpim", "call"]
    assert (
        error_of(
            org.admin_barriers_create,
            primary_usergroup_id=vendors,
            barriered_from_usergroup_ids=[staff],
            restricted_subjects=["im", "mpim", "call"],
        )
        == "barrier_already_exists"
    )
    assert (
        error_of(
            org.admin_barriers_create,
            primary_usergroup_id=staff,
            barriered_from_usergroup_ids=[vendors],
            restricted_subjects=["im"],
        )
        == "invalid_restricted_subjects"
    )
    assert [b["id"] for b in org.admin_barriers_list()["barriers"]] == [barrier["id"]]
    org.admin_barriers_delete(barrier_id=barrier["id"])
    assert error_of(org.admin_barriers_delete, barrier_id=barrier["id"]) == "barrier_not_found"


def test_roles_and_sign_in_policy(twin: Twin) -> None:
    org = twin.client("org_admin")
    team_id = org.auth_test()["team_id"]
    bob = twin.client("user").auth_test()["user_id"]
    added = org.admin_roles_addAssignments(role_id="Rl0A", entity_ids=[team_id], user_ids=[bob, "U0NOBODY00"])
    assert added["rejected_users"] == [{"id": "U0NOBODY00", "error": "invalid_user"}]
    rows = org.admin_roles_listAssignments(role_ids=["Rl0A"])["role_assignments"]
    assert [(r["role_id"], r["entity_id"], r["user_id"]) for r in rows if r["entity_id"] == team_id] == [
        ("Rl0A", team_id, bob)
    ]  # beside the seeded one: Alice manages #general
    assert error_of(org.admin_roles_addAssignments, role_id="nope", entity_ids=[team_id], user_ids=[bob]) == (
        "invalid_role_id"
    )
    assert error_of(org.admin_roles_addAssignments, role_id="Rl0A", entity_ids=["T0NOPE"], user_ids=[bob]) == (
        "no_valid_entities"
    )
    org.admin_roles_removeAssignments(role_id="Rl0A", entity_ids=[team_id], user_ids=[bob])
    olivia = org.auth_test()["user_id"]
    left = org.admin_roles_listAssignments()["role_assignments"]  # the seeded ones: Olivia is Channel Admin
    assert ("Rl01", team_id, olivia) in [(r["role_id"], r["entity_id"], r["user_id"]) for r in left]
    assert bob not in [r["user_id"] for r in left]

    org.admin_auth_policy_assignEntities(entity_ids=[bob], policy_name="email_password", entity_type="USER")
    got = org.admin_auth_policy_getEntities(policy_name="email_password")
    assert got["entity_total_count"] == 1 and got["entities"][0]["entity_id"] == bob
    assert error_of(org.admin_auth_policy_getEntities, policy_name="sso") == "policy_not_found"
    assert (
        error_of(
            org.admin_auth_policy_assignEntities,
            entity_ids=["U0NOBODY00"],
            policy_name="email_password",
            entity_type="USER",
        )
        == "entity_not_found"
    )
    org.admin_auth_policy_removeEntities(entity_ids=[bob], policy_name="email_password", entity_type="USER")
    assert org.admin_auth_policy_getEntities(policy_name="email_password")["entities"] == []


def test_unknown_automation_ids_say_so(twin: Twin) -> None:
    org = twin.client("org_admin")
    assert org.admin_workflows_search(query="no such workflow")["workflows"] == []
    assert org.admin_workflows_permissions_lookup(workflow_ids=["Wf0NOPE"])["permissions"] == {}
    assert error_of(org.admin_workflows_unpublish, workflow_ids=["Wf0NOPE"]) == "error_unpublishing_workflows"
    assert org.admin_functions_list(app_ids=["A0NOPE"])["functions"] == []
    looked = org.admin_functions_permissions_lookup(function_ids=["Fn0NOPE"])
    assert looked["permissions"] == {} and looked["errors"] == {"Fn0NOPE": "function_not_found"}
    assert error_of(org.admin_functions_permissions_set, function_id="Fn0NOPE", visibility="everyone") == (
        "function_not_found"
    )
    assert error_of(org.admin_functions_permissions_set, function_id="Fn0NOPE", visibility="some") == (
        "invalid_visibility"
    )
    assert org.admin_slackbot_skills_list()["skills"] == []
    failed = org.admin_slackbot_skills_publish(skill_ids=["F0NOPE", "F0NOPE"])["failed_skills"]
    assert failed == [{"skill_id": "F0NOPE", "error": "skill_not_found"}]


def test_analytics_files_are_gzipped_json_lines(twin: Twin) -> None:
    org, alice = twin.client("org_admin"), twin.client("admin")
    yesterday = (dt.datetime.now(dt.timezone.utc).date() - dt.timedelta(days=1)).isoformat()
    answer = org.admin_analytics_getFile(type="member", date=yesterday)
    rows = [json.loads(line) for line in gzip.decompress(answer.data).splitlines()]  # type: ignore[arg-type]
    assert {r["user_id"] for r in rows} >= {alice.auth_test()["user_id"]}
    assert all(r["date"] == yesterday and r["enterprise_id"].startswith("E") for r in rows)
    channels = org.admin_analytics_getFile(type="public_channel", date=yesterday)
    names = {json.loads(line)["channel_id"] for line in gzip.decompress(channels.data).splitlines()}  # type: ignore[arg-type]
    assert len(names) == 2  # general and random
    meta = org.admin_analytics_getFile(type="public_channel", metadata_only=True)
    assert {json.loads(line)["name"] for line in gzip.decompress(meta.data).splitlines()} == {"general", "random"}  # type: ignore[arg-type]
    today = dt.datetime.now(dt.timezone.utc).date().isoformat()
    assert error_of(org.admin_analytics_getFile, type="member", date=today) == "file_not_yet_available"
    assert error_of(org.admin_analytics_getFile, type="member", date="2001-01-01") == "file_not_found"
    assert error_of(org.admin_analytics_getFile, type="member", date="yesterday") == "invalid_date"
    assert error_of(org.admin_analytics_getFile, type="files") == "invalid_type"
    assert error_of(org.admin_analytics_getFile, type="member", metadata_only=True) == "metadata_not_available"


@pytest.mark.parametrize(
    ("method", "kwargs", "needed"),
    [
        ("admin_users_list", {}, "admin.users:read"),
        ("admin_teams_list", {}, "admin.teams:read"),
        ("admin_emoji_list", {}, "admin.teams:read"),
        ("admin_inviteRequests_list", {}, "admin.invites:read"),
        ("admin_apps_requests_list", {}, "admin.apps:read"),
        ("admin_barriers_list", {}, "admin.barriers:read"),
        ("admin_roles_listAssignments", {}, "admin.roles:read"),
        ("admin_workflows_search", {}, "admin.workflows:read"),
        ("admin_slackbot_skills_list", {}, "admin.skills:read"),
        ("admin_analytics_getFile", {"type": "member", "date": "2026-01-01"}, "admin.analytics:read"),
    ],
)
def test_each_family_refuses_tokens_without_its_admin_scope(
    twin: Twin, method: str, kwargs: dict[str, object], needed: str
) -> None:
    assert error_of(getattr(twin.client("bot"), method), **kwargs) == "not_allowed_token_type"
    with pytest.raises(SlackApiError) as caught:
        getattr(twin.client("admin"), method)(**kwargs)
    assert caught.value.response["error"] == "missing_scope" and caught.value.response["needed"] == needed


def test_async_client_administers_the_org(twin: Twin) -> None:
    async def story() -> None:
        org = twin.async_client("org_admin")
        team_id = (await org.auth_test())["team_id"]
        channel = (await org.admin_conversations_create(name="async-ops", is_private=True, team_id=team_id))[
            "channel_id"
        ]
        found = await org.admin_conversations_search(query="async-ops")
        assert [c["id"] for c in found["conversations"]] == [channel]
        yesterday = (dt.datetime.now(dt.timezone.utc).date() - dt.timedelta(days=1)).isoformat()
        answer = await org.admin_analytics_getFile(type="public_channel", date=yesterday)
        assert isinstance(answer.data, bytes) and gzip.decompress(answer.data)
        with pytest.raises(SlackApiError) as caught:
            await twin.async_client("bot").admin_users_list()
        assert caught.value.response["error"] == "not_allowed_token_type"

    asyncio.run(story())
