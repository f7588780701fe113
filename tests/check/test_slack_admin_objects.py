"""The Slack check names the seeded org objects an admin method acts on, found the documented way (NOTES.md,
"Admin API"): a guest from ``users.list``, the own app's function and MCP server from their lists, a workflow
from ``admin.workflows.search``; and it expects the codes the method pages document, only where they do."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from twingen.check.arguments import Pool
from twingen.kits.slack.check import values as values
from twingen.kits.slack.check.driver import SlackDriver
from twingen.sdk.scan import scan_sdk
from twingen.sdk.surface import SdkSurface

OWN_APP = "A0OWNAPP01"
CREDENTIALS = {"bot": "xoxb-1-2-x", "admin": "xoxp-1", "org_admin": "xoxp-2", "app": f"xapp-1-{OWN_APP}-1-abc"}
ANSWERS: dict[str, dict[str, Any]] = {
    "users_list": {
        "members": [
            {"id": "U0BOB", "is_restricted": False},
            {"id": "U0GINA", "is_restricted": True},
        ]
    },
    "admin_functions_list": {"functions": [{"id": "Fn0OWN", "app_id": OWN_APP}]},
    "admin_apps_mcp_servers_list": {
        "servers": [{"id": "Ms0OTHER", "app_id": "A0POLLY"}, {"id": "Ms0OWN", "app_id": OWN_APP}]
    },
    "admin_workflows_search": {"workflows": [{"id": "Wf0SEED", "title": "Request triage"}]},
}


class FakeClient:
    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []

    def __getattr__(self, name: str) -> Any:
        def call(**kwargs: Any) -> Any:
            self.calls.append((name, kwargs))
            return SimpleNamespace(data=ANSWERS.get(name, {}))

        return call


@pytest.fixture(scope="module")
def surface() -> SdkSurface:
    return scan_sdk("slack_sdk")


@pytest.fixture
def driver(surface: SdkSurface) -> SlackDriver:
    twin: Any = SimpleNamespace(credentials=CREDENTIALS, base_url="http://x")
    made = SlackDriver(twin, surface, {})
    made.connect()
    made._now = lambda: 1_700_000_000.0  # type: ignore[method-assign]  # no twin clock to ask
    return made


def _args(driver: SlackDriver, surface: SdkSurface, name: str, pool: Pool) -> dict[str, Any]:
    return driver.arguments(next(m for m in surface.methods if m.name == name), pool)


def test_setup_finds_the_guest_the_own_app_s_objects_and_the_workflow(driver: SlackDriver) -> None:
    org = FakeClient()
    driver.clients = {"admin": FakeClient(), "org_admin": org}  # type: ignore[dict-item]
    pool = Pool()
    pool.add("user", "U0BOB")
    pool.add("app", "A0POLLY")  # the requested app comes first: it must not be the one named
    driver._seeded_admin_objects(pool)
    assert pool.get("guest") == "U0GINA"
    assert pool.get("function") == "Fn0OWN"
    assert pool.get("own_mcp_server") == "Ms0OWN"
    assert pool.get("workflow") == "Wf0SEED"
    assert ("admin_functions_list", {"app_ids": [OWN_APP]}) in org.calls


def test_admin_methods_name_the_seeded_objects(driver: SlackDriver, surface: SdkSurface) -> None:
    pool = Pool()
    for kind, value in (("user", "U0BOB"), ("app", "A0POLLY"), ("guest", "U0GINA"), ("function", "Fn0OWN"),
                        ("own_mcp_server", "Ms0OWN"), ("workflow", "Wf0SEED")):  # fmt: skip
        pool.add(kind, value)
    assert _args(driver, surface, "admin_users_getExpiration", pool)["user_id"] == "U0GINA"
    assert _args(driver, surface, "admin_users_setExpiration", pool)["user_id"] == "U0GINA"
    assert _args(driver, surface, "admin_functions_permissions_set", pool)["function_id"] == "Fn0OWN"
    mcp = _args(driver, surface, "admin_apps_mcp_servers_permissions_set", pool)
    assert (mcp["app_id"], mcp["server_id"]) == (OWN_APP, "Ms0OWN")
    added = _args(driver, surface, "admin_workflows_collaborators_add", pool)
    assert added["workflow_ids"] == ["Wf0SEED"]
    assert driver.notes(next(m for m in surface.methods if m.name == "admin_workflows_collaborators_add")) == ""


def test_documented_answers_only_where_the_page_lists_them() -> None:
    assert values.UNKNOWN_ANSWERS["admin.conversations.bulkMove"] == {"no_valid_channels"}
    assert values.UNKNOWN_ANSWERS["admin.conversations.bulkSetProperties"] == {"no_valid_channels"}
    # bulkArchive's and bulkDelete's pages list neither that code nor channel_not_found: their answer example
    # (ok, the unknown channel in not_added) is what the check expects
    assert values.UNKNOWN_ANSWERS["admin.conversations.bulkArchive"] == frozenset()
    assert values.UNKNOWN_ANSWERS["admin.conversations.bulkDelete"] == frozenset()
    assert values.MISSING_ANSWERS[("assistant.search.context", "query")] == {"missing_query"}
    assert values.UNKNOWN_ANSWERS["admin.users.invite"] == {"failed_to_validate_channels"}
    assert values.UNKNOWN_ANSWERS["admin.roles.addAssignments"] == {"no_valid_users"}
    assert values.UNKNOWN_ANSWERS["admin.roles.removeAssignments"] == {"no_valid_users"}
    assert values.MISSING_ANSWERS[("admin.emoji.rename", "name")] == {"error_missing_name"}
    # emoji.remove's page lacks error_missing_name: not expected there
    assert ("admin.emoji.remove", "name") not in values.MISSING_ANSWERS
