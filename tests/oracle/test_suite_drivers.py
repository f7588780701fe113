"""The kits' suite drivers: wired into their kits, every exclusion with a reason, and what each tells the suite."""

from __future__ import annotations

import importlib.metadata
from pathlib import Path
from typing import Any

import httpx
import pytest

from twingen import kits
from twingen.check.runner import RunningTwin
from twingen.oracle.suite_driver import SuiteDriver, SuiteError
from twingen.oracle.suite_source import suite_root

SUITES = {"okta": "okta", "slack_sdk": "slack", "gspread": "google", "jira": "jira", "jira-cloud": "jira"}


def _driver(name: str) -> type[SuiteDriver]:
    found = kits.suite_named(name)
    assert found is not None, name
    driver: type[SuiteDriver] = kits.load(found[1].driver)
    return driver


def _twin(credentials: dict[str, str], handler: Any = None) -> RunningTwin:
    transport = httpx.MockTransport(handler or (lambda request: httpx.Response(404)))
    http = httpx.Client(base_url="http://127.0.0.1:9", transport=transport)
    return RunningTwin("http://127.0.0.1:9", "twin_x", 0, http, credentials=credentials)


@pytest.mark.parametrize(("suite", "vendor"), SUITES.items())
def test_each_suite_has_a_driver_in_its_kit(suite: str, vendor: str) -> None:
    kit, adapter = kits.suite_named(suite) or (None, None)
    assert kit is not None and kit.name == vendor and adapter is not None
    driver = _driver(suite)
    assert issubclass(driver, SuiteDriver) and driver.name == suite
    assert driver.marker and driver.paths and (driver.distribution or driver.repository)
    assert all(reason.strip() for reason in driver.excluded.values())


def test_okta_runs_from_the_sdist_of_the_installed_version_and_the_others_need_a_checkout(tmp_path: Path) -> None:
    assert _driver("okta").distribution == "okta"
    for suite in ("slack_sdk", "gspread", "jira"):
        with pytest.raises(SuiteError, match="pass --suite-path DIR"):
            suite_root(_driver(suite), None, tmp_path)


def test_a_cached_sdist_is_used_as_it_is(tmp_path: Path) -> None:
    driver = _driver("okta")
    cached = tmp_path / f"okta-{importlib.metadata.version('okta')}"
    (cached / driver.marker).parent.mkdir(parents=True)
    (cached / driver.marker).write_text("")
    for path in driver.paths:
        (cached / path).mkdir(parents=True, exist_ok=True)
    assert suite_root(driver, None, tmp_path) == cached


def test_a_checkout_of_something_else_is_refused(tmp_path: Path) -> None:
    for suite in SUITES:
        with pytest.raises(SuiteError, match=f"does not hold the {suite} suite"):
            suite_root(_driver(suite), tmp_path, tmp_path)


def test_okta_runs_live_against_the_twin_with_its_api_token() -> None:
    env = _driver("okta")(_twin({"apikey": "00tok"})).environment()
    assert env["MOCK_TESTS"] == "false" and env["OKTA_CLIENT_ORGURL"] == "http://127.0.0.1:9"
    assert env["OKTA_CLIENT_TOKEN"] == "00tok" and env["OKTA_TESTING_TESTINGDISABLEHTTPSCHECK"] == "true"


def test_gspread_gets_the_owner_token_and_both_google_hosts() -> None:
    driver = _driver("gspread")(_twin({"owner": "ya29.owner"}))
    assert driver.tokens() == {"<ACCESS_TOKEN>": "ya29.owner"}
    assert driver.rewrites() == {
        "https://sheets.googleapis.com/": "http://127.0.0.1:9/",
        "https://www.googleapis.com/": "http://127.0.0.1:9/",
    }
    assert "--disable-vcr" in driver.pytest_args


def test_jira_runs_in_server_mode_with_the_basic_login() -> None:
    asked: list[Any] = []

    def site(request: httpx.Request) -> httpx.Response:
        asked.append((request.url.path, request.content))
        return httpx.Response(200 if request.url.path == "/_twin/jira/site" else 404, json={})

    env = _driver("jira")(_twin({"basic": "twin@example.com:secret"}, site)).environment()
    assert (env["CI_JIRA_TYPE"], env["CI_JIRA_URL"]) == ("Server", "http://127.0.0.1:9")
    assert (env["CI_JIRA_ADMIN"], env["CI_JIRA_ADMIN_PASSWORD"]) == ("twin@example.com", "secret")
    assert asked == [("/_twin/jira/site", b'{"deploymentType":"Server"}')]  # the site answers as Jira Server
    assert _driver("jira").reset == "none"  # its test manager makes a project once and shares it


def test_jira_cloud_runs_the_allow_on_cloud_tests_against_pycontribs_atlassian_net() -> None:
    driver = _driver("jira-cloud")(_twin({"basic": "twin@example.com:secret", "user": "u@example.com:token"}))
    env = driver.environment()
    assert (env["CI_JIRA_TYPE"], env["CI_JIRA_CLOUD_ADMIN"], env["CI_JIRA_CLOUD_USER_TOKEN"]) == (
        "CLOUD",
        "twin@example.com",
        "token",
    )
    assert driver.rewrites()["https://pycontribs.atlassian.net/"] == "http://127.0.0.1:9/"
    assert driver.pytest_args == ("-m", "allow_on_cloud")


def test_slack_reads_its_ids_from_the_twin_seed() -> None:
    answers = {
        "/api/auth.test": {"ok": True, "team_id": "T1"},
        "/api/conversations.list": {"ok": True, "channels": [{"id": "C2"}, {"id": "C1", "is_general": True}]},
        "/api/users.list": {
            "ok": True,
            "members": [
                {"id": "USLACKBOT"},
                {"id": "UB", "is_bot": True},
                {"id": "UA", "is_admin": True},
                {"id": "U1"},
                {"id": "U2"},
            ],
        },
    }
    answers.update({
        "/scim/v2/Groups": {"Resources": [{"id": "S1", "displayName": "Engineering"},
                                          {"id": "S2", "displayName": "Design"}]},
        "/_twin/slack/webhooks": {"webhooks": [{"path": "/services/T1/B1/secret", "channel": "#general"}]},
    })  # fmt: skip
    tokens = {"bot": "xoxb-1", "admin": "xoxp-a", "user": "xoxp-u", "org_admin": "xoxp-o", "config": "xoxe.xoxp-c",
              "classic_bot": "xoxb-c"}  # fmt: skip
    twin = _twin(tokens, lambda request: httpx.Response(200, json=answers[request.url.path]))
    driver = _driver("slack_sdk")(twin)
    env = driver.environment()
    assert env["SLACK_SDK_TEST_GRID_IDP_USERGROUP_ID"] == "S1"
    assert env["SLACK_SDK_TEST_GRID_IDP_USERGROUP_ID_2"] == "S2"
    assert env["SLACK_SDK_TEST_INCOMING_WEBHOOK_URL"] == "https://hooks.slack.com/services/T1/B1/secret"
    assert env["SLACK_SDK_TEST_BOT_TOKEN"] == "xoxb-1" and env["SLACK_SDK_TEST_GRID_TEAM_ID"] == "T1"
    assert env["SLACK_SDK_TEST_CLASSIC_APP_BOT_TOKEN"] == "xoxb-c"  # RTM: only a classic app's bot may connect
    assert driver.rate_limits and not driver.exclusions(True).keys() - driver.exclusions(False).keys()
    loops = "integration_tests/web/test_issue_1143.py::*"  # users.list until refused: only with the limits on
    assert loops in driver.exclusions(False) and loops not in driver.exclusions(True)
    assert env["SLACK_SDK_TEST_WEB_TEST_CHANNEL_ID"] == "C1"
    assert (env["SLACK_SDK_TEST_GRID_USER_ID"], env["SLACK_SDK_TEST_GRID_USER_ID_ADMIN_AUTH"]) == ("U1", "U2")
    assert driver.rewrites()["https://slack.com/"] == "http://127.0.0.1:9/"
    retired = [p for p, reason in driver.excluded.items() if "files.upload" in reason]
    assert retired and all("test_" in p or p.endswith("::*") for p in retired)
