"""The values the Slack check derives by documented means agree with what the twin accepts (NOTES.md)."""

from __future__ import annotations

import sys
from pathlib import Path

from twingen.kits.slack.check import args as slack_args

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "generated" / "slack"))

from twin_slack.behaviour import _platform_seed, oauth


def test_oauth_codes_follow_the_twin_formula() -> None:
    client_id = slack_args.SEEDED_APP["client_id"]
    assert client_id == _platform_seed.client_id()
    code = slack_args.oauth_code(client_id, "U0BOB")
    n = int(code.split(".")[1])
    assert code == oauth.code_for(client_id, "U0BOB", n)
    assert slack_args.oauth_code(client_id, "U0BOB") != code  # a fresh N each time: each code is spent once


def test_seeded_ids_the_check_names_are_the_seed_s() -> None:
    assert _platform_seed.refresh_token() == slack_args.SEEDED_REFRESH_TOKEN
    fixed = slack_args.FIXED
    assert fixed["functions_completeSuccess"]["function_execution_id"] in _platform_seed.FUNCTION_EXECUTIONS
    assert fixed["workflows_stepFailed"]["workflow_step_execute_id"] in _platform_seed.STEP_EXECUTIONS
    assert fixed["workflows_updateStep"]["workflow_step_edit_id"] == _platform_seed.STEP_EDIT
    assert fixed["conversations_declineSharedInvite"]["invite_id"] in _platform_seed.INCOMING_INVITES
    assert fixed["conversations_requestSharedInvite_deny"]["invite_id"] in _platform_seed.INVITE_REQUESTS
    assert fixed["team_externalTeams_disconnect"]["target_team"] in _platform_seed.PARTNERS
    assert fixed["files_comments_delete"] == {"file": _platform_seed.COMMENTED_FILE, "id": _platform_seed.FILE_COMMENT}
