"""``workflows.*`` and ``functions.*``: featured workflows per channel, custom function results, legacy steps.

- Featured workflows: up to 15 link-trigger ids (``Ft...``) per channel. The twin does not model
  Workflow Builder, so any well-formed trigger id is taken as a trigger of a published workflow.
- ``functions.completeSuccess``/``completeError`` answer for executions the twin started; the twin runs no
  workflows, so the seed leaves two running executions (``_platform_seed.FUNCTION_EXECUTIONS``); others are
  ``function_execution_not_found`` unless ``start_execution`` recorded one.
- Steps from Apps (``workflows.stepCompleted``/``stepFailed``/``updateStep``) were retired in
  September 2024; the seed leaves two pending executions and one open edit of the seeded app's step
  (``_platform_seed.STEP_EXECUTIONS``/``STEP_EDIT``, listed in NOTES.md). Unknown or finished ids answer the
  methods' documented code for an unknown id, ``not_found``.
"""

from __future__ import annotations

import re
from typing import Any

from ..runtime import Context
from . import _args, _ids, _model, _platform
from ._auth import Caller, slack_method
from ._errors import invalid_arguments, slack_error

Record = dict[str, Any]

MAX_FEATURED = 15
# the featured-workflow methods check no scope here: the twin could not confirm which one Slack wants
_TRIGGER_ID = re.compile(r"^Ft[0-9A-Z]{6,}$")


def _featured(ctx: Context) -> Any:
    return ctx.state.collection("featured_workflows")


def _triggers(ctx: Context) -> list[str]:
    ids = _args.id_list(ctx, "trigger_ids")
    if not ids:
        raise invalid_arguments("missing required field: trigger_ids")
    bad = [t for t in ids if not _TRIGGER_ID.match(t)]
    if bad:
        raise invalid_arguments(f"invalid trigger id: {bad[0]}")
    return list(dict.fromkeys(ids))


def _change(ctx: Context, caller: Caller, update: Any) -> Record:
    channel = _platform.channel(ctx, caller)
    current: list[str] = (_featured(ctx).get(channel["id"]) or {}).get("triggers", [])
    triggers = update(current, _triggers(ctx))
    if len(triggers) > MAX_FEATURED:
        raise slack_error("error_modifying_workflows")
    _featured(ctx).put(channel["id"], {"triggers": triggers})
    return {}


@slack_method("workflows.featured.add", scopes=())
def workflows_featured_add(ctx: Context, caller: Caller) -> Record:
    return _change(ctx, caller, lambda current, given: current + [t for t in given if t not in current])


@slack_method("workflows.featured.remove", scopes=())
def workflows_featured_remove(ctx: Context, caller: Caller) -> Record:
    return _change(ctx, caller, lambda current, given: [t for t in current if t not in given])


@slack_method("workflows.featured.set", scopes=())
def workflows_featured_set(ctx: Context, caller: Caller) -> Record:
    return _change(ctx, caller, lambda current, given: given)


@slack_method("workflows.featured.list", scopes=())
def workflows_featured_list(ctx: Context, caller: Caller) -> Record:
    ids = _args.id_list(ctx, "channel_ids")
    if not ids:
        raise invalid_arguments("missing required field: channel_ids")
    listing = []
    for channel_id in ids:
        channel = _model.channel(ctx, caller, channel_id)
        triggers = (_featured(ctx).get(channel["id"]) or {}).get("triggers", [])
        listing.append({"channel_id": channel["id"], "triggers": [{"id": t, "title": ""} for t in triggers]})
    return {"featured_workflows": listing}


# -- custom functions ---------------------------------------------------------------------------------


def start_execution(ctx: Context, function_id: str) -> str:
    """Record a running execution of a custom function (what a workflow run would do); answers its id."""
    execution_id = "Fx" + _ids.new_id(ctx.state, "")[1:]
    ctx.state.collection("function_executions").put(execution_id, {"function_id": function_id, "state": "running"})
    return execution_id


def _finish(ctx: Context, state: str, **result: Any) -> Record:
    execution_id = _platform.need(ctx, "function_execution_id")
    executions = ctx.state.collection("function_executions")
    found: Record | None = executions.get(execution_id)
    if found is None:
        raise slack_error("function_execution_not_found")
    if found["state"] != "running":
        raise slack_error("execution_not_in_running_state")
    executions.put(execution_id, {**found, "state": state, **result})
    return {}


@slack_method("functions.completeSuccess", scopes=())
def functions_complete_success(ctx: Context, caller: Caller) -> Record:
    outputs = _platform.json_arg(ctx, "outputs")
    if not isinstance(outputs, dict):
        raise invalid_arguments("outputs must be an object")
    return _finish(ctx, "completed", outputs=outputs)


@slack_method("functions.completeError", scopes=())
def functions_complete_error(ctx: Context, caller: Caller) -> Record:
    error = _platform.need(ctx, "error")
    return _finish(ctx, "failed", error=error)


# -- Steps from Apps (retired) ----------------------------------------------------------------------


def _step(ctx: Context, name: str, kind: str, state: str) -> Record:
    """A step execution or edit the seed left (NOTES.md, "Seeded app"); unknown or finished: ``not_found``."""
    step_id = _platform.need(ctx, name)
    found: Record | None = ctx.state.collection("workflow_steps").get(step_id)
    if found is None or found["kind"] != kind or found["state"] != state:
        raise slack_error("not_found")
    found["_id"] = step_id
    return found


def _save_step(ctx: Context, step: Record, **changes: Any) -> None:
    step_id = step.pop("_id")
    ctx.state.collection("workflow_steps").put(step_id, {**step, **changes})


@slack_method("workflows.stepCompleted", scopes=("workflow.steps:execute",))
def workflows_step_completed(ctx: Context, caller: Caller) -> Record:
    step = _step(ctx, "workflow_step_execute_id", "execute", "running")
    outputs = _platform.json_arg(ctx, "outputs") if _args.text(ctx, "outputs") else {}
    if not isinstance(outputs, dict):
        raise invalid_arguments("outputs must be an object")
    _save_step(ctx, step, state="completed", outputs=outputs)
    return {}


@slack_method("workflows.stepFailed", scopes=("workflow.steps:execute",))
def workflows_step_failed(ctx: Context, caller: Caller) -> Record:
    step = _step(ctx, "workflow_step_execute_id", "execute", "running")
    error = _platform.need(ctx, "error")  # slack_sdk sends the error object as JSON text
    _save_step(ctx, step, state="failed", error=error)
    return {}


@slack_method("workflows.updateStep", scopes=("workflow.steps:execute",))
def workflows_update_step(ctx: Context, caller: Caller) -> Record:
    """Saves the step's configuration; the edit stays open until the builder closes it, as in Slack's UI."""
    step = _step(ctx, "workflow_step_edit_id", "edit", "open")
    config = {k: _args.text(ctx, k) for k in ("inputs", "outputs", "step_name", "step_image_url") if _args.text(ctx, k)}
    _save_step(ctx, step, config=config)
    return {}
