"""The function executions and legacy workflow steps the seed leaves pending (NOTES.md), through slack_sdk."""

from __future__ import annotations

import pytest

from .conftest import Twin
from .test_story_channel import error_of

RUN_A, RUN_B = "Fx0SEEDRUN01", "Fx0SEEDRUN02"
STEP_A, STEP_B = "1000000001.916130274459.5eed5e0f0000a001", "1000000002.916130274459.5eed5e0f0000a002"
EDIT = "1000000003.916130274459.5eed5e0f0000e001"


def test_seeded_function_executions_complete_once(twin: Twin) -> None:
    bot = twin.client("bot")
    assert bot.functions_completeSuccess(function_execution_id=RUN_A, outputs={"done": True})["ok"]
    assert error_of(bot.functions_completeError, function_execution_id=RUN_A, error="late") == (
        "execution_not_in_running_state"
    )
    assert bot.functions_completeError(function_execution_id=RUN_B, error="broken")["ok"]
    assert error_of(bot.functions_completeSuccess, function_execution_id="Fx0NOSUCH", outputs={}) == (
        "function_execution_not_found"
    )


@pytest.mark.filterwarnings("ignore:workflows\\..* is deprecated:UserWarning")  # slack_sdk warns: steps retired
def test_seeded_workflow_steps(twin: Twin) -> None:
    bot = twin.client("bot")
    assert bot.workflows_stepCompleted(workflow_step_execute_id=STEP_A, outputs={"x": "1"})["ok"]
    assert error_of(bot.workflows_stepCompleted, workflow_step_execute_id=STEP_A) == "not_found"
    assert bot.workflows_stepFailed(workflow_step_execute_id=STEP_B, error={"message": "no"})["ok"]
    assert error_of(bot.workflows_stepFailed, workflow_step_execute_id=STEP_B, error={"message": "no"}) == "not_found"
    assert bot.workflows_updateStep(workflow_step_edit_id=EDIT, inputs={"a": {"value": "b"}})["ok"]
    assert bot.workflows_updateStep(workflow_step_edit_id=EDIT, step_name="Again")["ok"]
    assert error_of(bot.workflows_updateStep, workflow_step_edit_id=STEP_A) == "not_found"


def test_migration_exchange_needs_no_scope_on_the_grid_workspace(twin: Twin) -> None:
    bot = twin.client("bot")
    bob = str(twin.client("user").auth_test()["user_id"])
    mapped = bot.migration_exchange(users=[bob, "U0NOSUCHUSR"])
    assert mapped["user_id_map"] == {bob: bob} and mapped["invalid_user_ids"] == ["U0NOSUCHUSR"]
    assert mapped["enterprise_id"].startswith("E") and mapped["team_id"].startswith("T")
    assert twin.client("reader").migration_exchange(users=[bob], to_old=True)["user_id_map"] == {bob: bob}
