"""``blocks.validate`` and ``migration.exchange`` (RTM's methods are in ``rtm``).

- ``migration.exchange`` maps ids after a move to Enterprise Grid; the twin's workspace is not on Grid.
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context
from . import _model, _platform
from ._auth import Caller, slack_method
from ._errors import invalid_arguments, slack_error

Record = dict[str, Any]

BLOCK_TYPES = ("actions", "context", "divider", "file", "header", "image", "input", "markdown", "rich_text", "section",
               "table", "video", "context_actions", "plan", "task_card")  # fmt: skip
TEXT_TYPES = ("plain_text", "mrkdwn")


# -- Block Kit validation ---------------------------------------------------------------------------


def block_problems(blocks: Any, at: str = "") -> list[Record]:
    """Problems in a list of blocks, as Slack reports them: ``{code, message, pointer, constraint?}``."""
    if not isinstance(blocks, list):
        return [{"code": "invalid_type", "message": "expected an array", "pointer": at or "/"}]
    found: list[Record] = []
    if len(blocks) > 50:
        found.append({"code": "failed_constraint", "message": "must have at most 50 items", "pointer": at or "/",
                      "constraint": {"type": "max_items", "expected": 50}})  # fmt: skip
    for i, block in enumerate(blocks):
        here = f"{at}/{i}"
        kind = block.get("type") if isinstance(block, dict) else None
        if kind not in BLOCK_TYPES:
            found.append(_enum(f"unsupported type: {kind}", f"{here}/type", BLOCK_TYPES))
            continue
        assert isinstance(block, dict)
        if kind == "section" and not (block.get("text") or block.get("fields")):
            found.append({"code": "missing_required_field", "message": "must provide text or fields", "pointer": here})
        for name in ("text",) if kind in ("section", "header") else ():
            text = block.get(name)
            if isinstance(text, dict) and text.get("type") not in TEXT_TYPES:
                found.append(_enum(f"unsupported type: {text.get('type')}", f"{here}/{name}/type", TEXT_TYPES))
        if kind == "header" and not isinstance(block.get("text"), dict):
            found.append({"code": "missing_required_field", "message": "must provide text", "pointer": here})
    return found


def _enum(message: str, pointer: str, expected: tuple[str, ...]) -> Record:
    return {"code": "failed_constraint", "message": message, "pointer": pointer,
            "constraint": {"type": "enum", "expected": list(expected)}}  # fmt: skip


_VALIDATED = {"blocks": "invalid_blocks", "message": "invalid_message", "view": "invalid_view"}
"""What ``blocks.validate`` validates (one per call), and its code for each that does not validate."""


@slack_method("blocks.validate", scopes=())
def blocks_validate(ctx: Context, caller: Caller) -> Record:
    given = [name for name in _VALIDATED if ctx.params.get(name) not in (None, "")]
    if len(given) != 1:
        raise invalid_arguments("must provide exactly one of `blocks`, `view`, or `message`")
    payload = _platform.json_arg(ctx, given[0])
    if given[0] == "blocks":
        problems = block_problems(payload)
    elif not isinstance(payload, dict):
        problems = [{"code": "invalid_type", "message": "expected an object", "pointer": "/"}]
    else:
        problems = block_problems(payload.get("blocks", []), "/blocks")
        if given[0] == "view" and payload.get("type") not in ("modal", "home"):
            problems.insert(0, _enum(f"unsupported type: {payload.get('type')}", "/type", ("modal", "home")))
    if problems:
        raise slack_error(_VALIDATED[given[0]], errors=problems)
    return {}


# tokens.basic "actually require[s] no scope at all ... Your tokens are already blessed with it."
# (https://api.slack.com/scopes/tokens.basic): any token may call migration.exchange
@slack_method("migration.exchange", scopes=())
def migration_exchange(ctx: Context, caller: Caller) -> Record:
    """Maps workspace user ids to the org's global ids. The seeded workspace was made inside its Enterprise
    org, so its members' ids already are global: each maps to itself (as ``W...`` ids do in the method page's
    example); ids of no member come back in ``invalid_user_ids``. Outside an org: ``not_enterprise_team``."""
    wanted = [u.strip() for u in _platform.need(ctx, "users").split(",") if u.strip()]
    if len(wanted) > 400:
        raise slack_error("too_many_users")
    team = _model.team(ctx)
    if not team.get("enterprise_id"):
        raise slack_error("not_enterprise_team")
    users = ctx.state.collection("users")
    known = [u for u in wanted if users.get(u) is not None]
    return {
        "team_id": team.get("id"),
        "enterprise_id": team["enterprise_id"],
        "user_id_map": {u: u for u in known},
        "invalid_user_ids": [u for u in wanted if u not in known],
    }
