"""Each vendor's suite driver, run by the engine on a small sample of its suite (``suites/<vendor>_sample``).

The samples are written for these tests and shaped like the suites the drivers expect: the same folders, the same
marker file, the same variables and placeholders. Their tests call the real SDKs (okta, slack_sdk, jira; for Google,
google-auth's requests session, which gspread is built on, as gspread itself is not installed) at the vendors' own
URLs or at the addresses the drivers give them, so a test passes only when the driver pointed its SDK at the twin
with the twin's credentials. Each run is asserted test by test, and that nothing tried a non-loopback host: the
guard refuses and lists every attempt, and there are none.

Okta's and Jira's twins are generated here from small documents (``suites/twin_specs``); Slack's and Google's are the
committed ones. The suites' test plugins (each driver's ``requirements``) are pip-installed once into a venv per
suite in the user's cache, as ``twingen check --suite`` does; later runs reuse it.
"""

from __future__ import annotations

import fnmatch
from pathlib import Path

import pytest

from twingen.generate.twin import new_twin
from twingen.oracle.suite import SuiteOptions, driver_class, run_suite
from twingen.oracle.suite_report import SuiteReport

pytestmark = pytest.mark.network_loopback

REPO = Path(__file__).resolve().parents[2]
SUITES = Path(__file__).resolve().parent / "suites"


def _generated(name: str, root: Path) -> Path:
    """A twin of ``name`` from its small document, with its kit's behaviour and seed."""
    twin_dir = root / name
    result = new_twin(name, [f"{name}.yaml"], twin_dir, base_dir=SUITES / "twin_specs")
    assert result.report is not None, [str(d) for d in result.diagnostics]
    return twin_dir


def _run(twin_dir: Path, suite: str, sample: str) -> SuiteReport:
    report = run_suite(SuiteOptions(twin_dir, suite, SUITES / sample))
    assert report.source == f"checkout {sample}" and not report.stopped
    assert report.refused == []  # no lookup of, or connection to, any host but the twin's
    return report


def _outcomes(report: SuiteReport) -> dict[str, str]:
    return {t.nodeid: t.outcome for t in report.tests}


def test_okta_sample_runs_live_against_the_twin_with_its_api_token(tmp_path: Path) -> None:
    report = _run(_generated("okta", tmp_path), "okta", "okta_sample")
    users = "tests/integration/test_users_it.py::TestUsersResource::"
    assert _outcomes(report) == {
        f"{users}test_another_token_is_refused": "passed",  # the twin refuses a token it did not seed,
        f"{users}test_create_and_get_user": "passed",  # so these passed with OKTA_CLIENT_TOKEN, the twin's
        f"{users}test_delete_user": "passed",
        f"{users}test_list_users": "passed",  # and the twin was reset after the test before
    }
    assert driver_class("okta").excluded == {}  # nothing to exclude: no test here is left out


def test_slack_sample_reaches_the_twin_at_slacks_url_with_the_seeded_tokens() -> None:
    report = _run(REPO / "generated" / "slack", "slack_sdk", "slack_sample")
    web = "integration_tests/web/"
    upload = f"{web}test_web_client.py::TestWebClient::test_uploading_text_files"
    assert _outcomes(report) == {
        f"{web}test_async_web_client.py::test_auth_test_with_both_tokens": "passed",  # aiohttp, bot and user tokens
        f"{web}test_web_client.py::TestWebClient::test_auth_test": "passed",  # the team is the twin's
        f"{web}test_web_client.py::TestWebClient::test_chat_post_message": "passed",  # in the channel it names
        upload: "excluded",
    }
    excluded = driver_class("slack_sdk").excluded
    reason = next(r for pattern, r in excluded.items() if fnmatch.fnmatchcase(upload, pattern))
    assert [t.cause for t in report.tests if t.nodeid == upload] == [reason]
    assert "files.upload" in reason


def test_google_sample_reaches_the_drive_twin_and_its_sheets_host_with_the_owner_token() -> None:
    report = _run(REPO / "generated" / "google", "gspread", "google_sample")
    assert _outcomes(report) == {
        "tests/client_test.py::test_create_and_list_spreadsheet_files": "passed",  # the placeholder token swapped
        "tests/client_test.py::test_each_test_starts_without_the_last_ones_files": "passed",
        "tests/client_test.py::test_open_by_key": "passed",  # sheets.googleapis.com reached the twin too
    }
    assert driver_class("gspread").excluded == {}


def test_jira_sample_logs_in_to_the_twin_over_rest_v2_and_v3(tmp_path: Path) -> None:
    report = _run(_generated("jira", tmp_path), "jira", "jira_sample")
    assert _outcomes(report) == {
        "tests/test_client.py::test_another_password_is_refused": "passed",
        "tests/test_client.py::test_myself_over_rest_v3": "passed",  # with the admin's and the user's logins
        # the jira package speaks REST v2 unless told otherwise: the kit serves v2 beside the documents' v3
        "tests/test_client.py::test_server_info": "passed",
    }
    assert driver_class("jira").excluded == {}
