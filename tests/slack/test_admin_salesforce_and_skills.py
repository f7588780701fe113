"""Org admin methods that act on what the seed's org holds: Salesforce record channels (the connected Salesforce
org), Slackbot skills people made, workspaces to assign people to, and app decisions to clear."""

from __future__ import annotations

from typing import Any

import pytest
from slack_sdk.errors import SlackApiError

from .conftest import Twin

SF_ORG, ACCOUNT, OPPORTUNITY, CASE = (
    "00D5e000000TwinEAA",
    "0015e000000AcmeQAA",
    "0065e000000RenwQAA",
    "5005e000000CaseQAA",
)


def _error(call: Any, **kwargs: Any) -> str:
    with pytest.raises(SlackApiError) as caught:
        call(**kwargs)
    return str(caught.value.response["error"])


def _team(twin: Twin) -> str:
    return str(twin.client("admin").auth_test()["team_id"])


def test_a_channel_for_a_salesforce_record(twin: Twin) -> None:
    org, alice = twin.client("org_admin"), twin.client("admin")
    made = org.admin_conversations_createForObjects(
        object_id=ACCOUNT, salesforce_org_id=SF_ORG, invite_object_team=True
    )
    info = alice.conversations_info(channel=made["channel_id"])["channel"]
    assert info["name"] == "acme-corp" and info["is_channel"] is True
    members = set(alice.conversations_members(channel=made["channel_id"])["members"])
    assert alice.auth_test()["user_id"] in members and twin.client("user").auth_test()["user_id"] in members
    # the 15-character form of the same ids names the same record, already in a channel
    assert _error(org.admin_conversations_createForObjects, object_id=ACCOUNT[:15], salesforce_org_id=SF_ORG[:15]) == (
        "channel_already_exists"
    )
    assert _error(org.admin_conversations_createForObjects, object_id=CASE, salesforce_org_id=SF_ORG) == (
        "missing_record_channel_config"
    )
    assert _error(
        org.admin_conversations_createForObjects, object_id="0015e000000NopeQAA", salesforce_org_id=SF_ORG
    ) == ("record_not_found")
    assert _error(
        org.admin_conversations_createForObjects, object_id=ACCOUNT, salesforce_org_id="00D5e000000NopeEAA"
    ) == ("invalid_org_id")


def test_linking_and_unlinking_a_channel(twin: Twin) -> None:
    org, alice = twin.client("org_admin"), twin.client("admin")
    channel = alice.conversations_create(name="acme-renewal-war-room")["channel"]["id"]
    other = alice.conversations_create(name="acme-other")["channel"]["id"]
    assert _error(org.admin_conversations_unlinkObjects, channel=channel, new_name="war-room") == "restricted_action"
    org.admin_conversations_linkObjects(channel=channel, record_id=OPPORTUNITY, salesforce_org_id=SF_ORG)
    org.admin_conversations_linkObjects(channel=channel, record_id=OPPORTUNITY, salesforce_org_id=SF_ORG)  # again: ok
    assert _error(
        org.admin_conversations_linkObjects, channel=other, record_id=OPPORTUNITY, salesforce_org_id=SF_ORG
    ) == ("record_channel_already_exists")
    assert _error(
        org.admin_conversations_linkObjects, channel=channel, record_id=ACCOUNT, salesforce_org_id=SF_ORG
    ) == ("channel_already_exists")
    assert (
        _error(org.admin_conversations_unlinkObjects, channel=channel, new_name="Bad Name") == "invalid_name_specials"
    )
    assert _error(org.admin_conversations_unlinkObjects, channel=channel, new_name="general") == "name_taken"
    org.admin_conversations_unlinkObjects(channel=channel, new_name="war-room")
    assert alice.conversations_info(channel=channel)["channel"]["name"] == "war-room"
    org.admin_conversations_linkObjects(channel=other, record_id=OPPORTUNITY, salesforce_org_id=SF_ORG)  # free again
    alice.conversations_archive(channel=channel)
    assert _error(
        org.admin_conversations_linkObjects, channel=channel, record_id=ACCOUNT, salesforce_org_id=SF_ORG
    ) == ("channel_is_archived")
    assert _error(
        org.admin_conversations_linkObjects, channel="C0PARTNER01", record_id=ACCOUNT, salesforce_org_id=SF_ORG
    ) == ("channel_shared_with_nonapproved_team")
    assert _error(
        org.admin_conversations_linkObjects, channel="C0NOPE00000", record_id=ACCOUNT, salesforce_org_id=SF_ORG
    ) == ("channel_not_found")


def test_admins_publish_and_auto_enable_the_orgs_skills(twin: Twin) -> None:
    org, alice, bob = twin.client("org_admin"), twin.client("admin"), twin.client("user")
    skill = alice.slackbot_skills_create(display_name="Weekly digest", instructions="Summarise the week.")["skill"]
    listed = org.admin_slackbot_skills_list()["skills"]
    assert [(s["id"], s["publish_status"], "instructions" in s) for s in listed] == [
        (skill["id"], "unpublished", False)
    ]
    assert _error(bob.slackbot_skills_info, skill_id=skill["id"]) == "skill_not_found"  # invite-only, Alice's
    failed = org.admin_slackbot_skills_publish(skill_ids=[skill["id"], "F0NOPE"])["failed_skills"]
    assert failed == [{"skill_id": "F0NOPE", "error": "skill_not_found"}]
    assert bob.slackbot_skills_info(skill_id=skill["id"])["skill"]["display_name"] == "Weekly digest"
    assert org.admin_slackbot_skills_list(publish_status="published")["skills"][0]["id"] == skill["id"]
    assert bob.slackbot_skills_list()["skills"] == []  # published, but not in Bob's library
    group = alice.usergroups_create(name="Builders", handle="builders")["usergroup"]["id"]
    alice.usergroups_users_update(usergroup=group, users=[bob.auth_test()["user_id"]])
    answer = org.admin_slackbot_skills_setAutoEnabled(
        skill_id=skill["id"], permission_type="named_entities", usergroup_ids=[group, "S0NOPE"]
    )
    assert (answer["usergroup_ids"], answer["invalid_usergroup_ids"]) == ([group], ["S0NOPE"])
    assert [s["id"] for s in bob.slackbot_skills_list()["skills"]] == [skill["id"]]  # auto-enabled for Bob
    org.admin_slackbot_skills_setAutoEnabled(skill_id=skill["id"], permission_type="no_one")
    assert bob.slackbot_skills_list()["skills"] == []
    assert _error(org.admin_slackbot_skills_setAutoEnabled, skill_id="F0NOPE", permission_type="everyone") == (
        "skill_not_found"
    )
    assert _error(org.admin_slackbot_skills_setAutoEnabled, skill_id=skill["id"], permission_type="all") == (
        "invalid_arguments"
    )
    org.admin_slackbot_skills_unpublish(skill_ids=[skill["id"]])
    assert org.admin_slackbot_skills_list(publish_status="published")["skills"] == []


def test_assigning_a_member_to_another_workspace_of_the_org(twin: Twin) -> None:
    org = twin.client("org_admin")
    bob = str(twin.client("user").auth_test()["user_id"])
    assert _error(org.admin_users_assign, team_id=_team(twin), user_id=bob) == "user_already_team_member"
    other = org.admin_teams_create(team_domain="twin-labs", team_name="Twin Labs")["team"]
    org.admin_users_assign(team_id=other, user_id=bob)
    assert bob in [u["id"] for u in org.admin_users_list(team_id=other)["users"]]
    assert _error(org.admin_users_assign, team_id=other, user_id=bob) == "user_already_team_member"


def test_clearing_a_decision_on_an_app(twin: Twin) -> None:
    org = twin.client("org_admin")
    bot = twin.client("bot")
    app_id = bot.bots_info(bot=bot.auth_test()["bot_id"])["bot"]["app_id"]
    assert _error(org.admin_apps_clearResolution, app_id=app_id) == "no_resolution_found"
    org.admin_apps_approve(app_id=app_id)
    assert [a["app"]["id"] for a in org.admin_apps_approved_list()["approved_apps"]] == [app_id]
    org.admin_apps_clearResolution(app_id=app_id)
    assert org.admin_apps_approved_list()["approved_apps"] == []
