"""``twingen sdk scan`` through click's CliRunner."""

from __future__ import annotations

import json

from click.testing import CliRunner

from twingen.sdk.cli import sdk


def test_table_lists_methods_counts_and_unresolved() -> None:
    result = CliRunner().invoke(sdk, ["scan", "jira"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["method", "operation", "verb", "params", "paginates"]
    assert any(line.split()[:4] == ["issue", "GET", "/rest/api/2/issue/{id}", "GET"] for line in lines[2:])
    assert any(line.startswith("jira ") and " methods, " in line for line in lines)
    assert "unresolved:" in lines
    assert any("client_info" in line and "no HTTP request" in line for line in lines)


def test_json_has_methods_counts_and_unresolved() -> None:
    result = CliRunner().invoke(sdk, ["scan", "googleapiclient:drive.v3", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["package"] == "googleapiclient:drive.v3"
    assert data["counts"]["methods"] == len(data["methods"])
    assert data["unresolved"] == []
    files_list = next(m for m in data["methods"] if m["name"] == "files.list")
    assert (files_list["http_verb"], files_list["path"], files_list["paginates"]) == ("GET", "/drive/v3/files", True)


def test_helpers_show_what_they_call() -> None:
    result = CliRunner().invoke(sdk, ["scan", "slack_sdk"])
    assert result.exit_code == 0
    row = next(line for line in result.output.splitlines() if line.startswith("files_upload_v2 "))
    assert "helper -> files.getUploadURLExternal, files.completeUploadExternal" in row


def test_unknown_package_is_a_user_error() -> None:
    result = CliRunner().invoke(sdk, ["scan", "stripe"])
    assert result.exit_code == 1
    assert "no SDK adapter for 'stripe'" in result.output and "slack_sdk" in result.output


def test_every_command_has_help() -> None:
    for args in (["--help"], ["scan", "--help"]):
        result = CliRunner().invoke(sdk, args)
        assert result.exit_code == 0 and result.output.strip()
    assert "googleapiclient:drive.v3" in CliRunner().invoke(sdk, ["scan", "--help"]).output
