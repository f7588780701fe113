"""Jira Cloud: the platform REST API and Jira Software's agile API, and the ``jira`` package."""

from __future__ import annotations

from pathlib import Path

from twingen.ir.parts import ApiParts
from twingen.kits.host import host_of
from twingen.kits.kit import Kit, SdkAdapter, SuiteAdapter


def _recognise(part: ApiParts) -> str | None:
    host = host_of(part)
    if host.endswith(("atlassian.net", "atlassian.com")):
        return f"service host {host}"
    if any(op.path.startswith(("/rest/api/", "/rest/agile/")) for op in part.operations):
        return "paths under /rest/api/ or /rest/agile/"
    return None


KIT = Kit(
    name="jira",
    folder=Path(__file__).parent,
    recognise=_recognise,
    error_envelope="{errorMessages: [...], errors: {field: message}}",
    sdks=(
        SdkAdapter(
            package="jira",
            scanner="twingen.kits.jira.sdk_scan:scan",
            driver="twingen.kits.jira.check.driver:JiraDriver",
        ),
    ),
    suites=(
        SuiteAdapter(name="jira", driver="twingen.kits.jira.suite:JiraSuite"),
        SuiteAdapter(name="jira-cloud", driver="twingen.kits.jira.suite:JiraCloudSuite"),
    ),
)
