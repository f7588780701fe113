"""The score cannot be gamed: probes need a valid call that worked, and undeclared errors never pass."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from twingen.check import CheckOptions, run_check
from twingen.check.arguments import Pool
from twingen.check.classes import Outcome
from twingen.check.drivers.base import Driver, PlannedProbe
from twingen.check.engine import check_method
from twingen.sdk.surface import SdkMethod

from .tiny import make_twin

# plausible Slack codes, none declared for the operation it answers (the tiny spec declares user_not_found
# for users.info and channel_not_found for chat.postMessage and conversations.info only)
GAMING = '''
"""Answers a plausible Slack error for every method, whatever the call."""

from __future__ import annotations

from ..runtime import Context, behaviour

CODES = {"auth.test": "not_allowed_token_type", "users.info": "missing_scope", "chat.postMessage": "invalid_arguments",
         "conversations.info": "no_permission", "users.list": "not_in_channel", "bots.info": "invalid_auth"}


@behaviour("auth.test")
@behaviour("users.info")
@behaviour("chat.postMessage")
@behaviour("conversations.info")
@behaviour("users.list")
@behaviour("bots.info")
def refuse(ctx: Context) -> dict[str, object]:
    raise ctx.error(CODES[ctx.op["id"]])
'''
METHODS = ("auth_test", "users_info", "chat_postMessage", "conversations_info", "users_list", "bots_info")


@pytest.mark.network_loopback
def test_a_twin_answering_plausible_undeclared_errors_scores_nothing(tmp_path: Path) -> None:
    twin_dir = make_twin(tmp_path, behaviour=GAMING)
    report = run_check(CheckOptions(twin_dir, "slack_sdk", METHODS))
    assert {r.name: r.cls for r in report.methods} == dict.fromkeys(METHODS, "wrong-error")
    assert report.passed == 0 and report.score == 0.0


class _Twin:
    sources = {"x.y": "behaviour"}
    credentials = {"user": "t"}
    base_url = "http://127.0.0.1:1"


class _Refusing(Driver):
    """The valid call is refused; an argument probe must not be made at all."""

    def __init__(self) -> None:
        super().__init__(_Twin(), None, {})  # type: ignore[arg-type]
        self.made: list[str] = []

    def connect(self) -> None: ...
    def setup(self, pool: Pool) -> None: ...
    def arguments(self, method: SdkMethod, pool: Pool) -> dict[str, Any]:
        return {"channel": "C1"}

    def call(self, method: SdkMethod, args: dict[str, Any], credential: str) -> Outcome:
        return Outcome("vendor-error", code="channel_not_found")

    def probes(self, method: SdkMethod, args: dict[str, Any], credential: str, pool: Pool) -> list[PlannedProbe]:
        def make(label: str) -> Outcome:
            self.made.append(label)
            return Outcome("vendor-error", code="invalid_auth")

        return [
            PlannedProbe("missing channel", frozenset({"invalid_arguments"}), lambda: make("missing"), True),
            PlannedProbe("bad token", frozenset({"invalid_auth"}), lambda: make("bad token")),
        ]

    def known_errors(self, method: SdkMethod) -> frozenset[str]:
        return frozenset({"channel_not_found"})

    def harvest(self, method: SdkMethod, args: dict[str, Any], outcome: Outcome, pool: Pool) -> None: ...


def test_argument_probes_are_skipped_after_a_refused_valid_call() -> None:
    driver = _Refusing()
    result, _, used, worked = check_method(driver, SdkMethod("x_y", "x.y", "POST", "/api/x.y"), Pool())
    assert not worked
    assert driver.made == ["bad token"]  # the bad-token probe does not depend on a valid call
    assert result.cls == "vendor-error-as-expected" and used == "user"
    assert "skipped (missing channel): no valid call succeeded" in result.detail
    assert "[as user; args: channel]" in result.detail
