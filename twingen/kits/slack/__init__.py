"""Slack: the Web API at ``slack.com/api``, slack_sdk, and the behaviour of a Slack workspace."""

from __future__ import annotations

from pathlib import Path

from twingen.ir.parts import ApiParts
from twingen.kits.host import host_of
from twingen.kits.kit import IrRules, Kit, SdkAdapter, SuiteAdapter


def _recognise(part: ApiParts) -> str | None:
    host = host_of(part)
    return f"service host {host}" if host == "slack.com" or host.endswith(".slack.com") else None


KIT = Kit(
    name="slack",
    folder=Path(__file__).parent,
    recognise=_recognise,
    error_envelope='HTTP 200 {"ok": false, "error": CODE, ...}',
    error_code="twingen.kits.slack.oracle:error_code",
    sdks=(
        SdkAdapter(
            package="slack_sdk",
            scanner="twingen.kits.slack.sdk_scan:scan",
            driver="twingen.kits.slack.check.driver:SlackDriver",
        ),
    ),
    suites=(SuiteAdapter(name="slack_sdk", driver="twingen.kits.slack.suite:SlackSdkSuite"),),
    # every Web API method takes GET and POST; every paged answer carries response_metadata.next_cursor
    ir=IrRules(any_method=True, cursor_field="response_metadata.next_cursor", rpc_paths=True),
)
