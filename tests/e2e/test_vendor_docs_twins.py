"""Every API document in ../shared/api_docs becomes a twin that starts and answers at the vendor's paths.

One test per document, as a user runs it: ``twingen new`` through the CLI, then the twin's own
``python -m twin_NAME serve`` on a loopback port, then a real request with a seeded credential and one
without, checked against the vendor's answer shapes.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest
from click.testing import CliRunner

from twingen.check.runner import serve
from twingen.cli import cli


@dataclass(frozen=True)
class Case:
    name: str
    doc: str
    operations: int
    """Operations in the twin: the document's own count (README of ../shared/api_docs)."""
    method: str
    path: str
    unauthenticated_status: int
    """What the vendor answers a request without credentials (Slack: 200 with ok=false)."""
    body: dict[str, Any] | None = None


CASES = [
    Case("slack", "slack/slack_web_openapi_v2.json", 174, "GET", "/api/conversations.list", 200),
    Case("jira", "jira/jira_platform_v3.swagger-v3.v3.json", 616, "GET", "/rest/api/3/myself", 401),
    Case("agile", "jira/jira_software_agile_1.0.json", 82, "GET", "/rest/agile/1.0/board", 401),
    Case("okta", "okta/okta_management_2026.06.3.yaml", 732, "GET", "/api/v1/users", 401),
    Case("drive", "google_drive/drive.v3.json", 64, "GET", "/drive/v3/files", 401),
    Case("sheets", "google_sheets/sheets.v4.json", 17, "POST", "/v4/spreadsheets", 401, {"properties": {}}),
    Case("docs", "google_docs/docs.v1.json", 3, "POST", "/v1/documents", 401, {"title": "t"}),
    Case("stripe", "stripe/stripe_spec3_2023-09-12.yaml", 468, "GET", "/v1/customers", 401),
    # GitHub's document declares no security scheme (its reads work unauthenticated): nothing to seed
    Case("github", "github/api.github.com.json", 1223, "GET", "/repos/octo/hello/issues", 200),
]


def _auth_headers(credential: dict[str, Any]) -> dict[str, str]:
    if credential["scheme"] == "basic":
        user = credential.get("username", "")
        secret = credential.get("password", credential.get("token", ""))
        return {"Authorization": "Basic " + base64.b64encode(f"{user}:{secret}".encode()).decode()}
    if credential["scheme"] == "apikey" and credential["token"].startswith("00"):  # Okta's SSWS tokens
        return {"Authorization": f"SSWS {credential['token']}"}
    return {"Authorization": f"Bearer {credential['token']}"}


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_document_becomes_a_twin_that_serves(case: Case, shared_docs: Path, tmp_path: Path) -> None:
    twin_dir = tmp_path / case.name
    result = CliRunner().invoke(cli, ["new", case.name, "--docs", str(shared_docs / case.doc), "--out", str(twin_dir)])
    assert result.exit_code == 0, result.output
    spec = orjson.loads((twin_dir / f"twin_{case.name}" / "spec.json").read_bytes())
    assert len(spec["operations"]) == case.operations

    with serve(twin_dir) as twin, httpx.Client(base_url=twin.base_url, timeout=30) as http:
        coverage = http.get("/_twin/coverage").json()
        served = {row["id"]: row for row in coverage["operations"]}
        assert set(served) >= {op["id"] for op in spec["operations"]}
        # beyond the documents: only what the vendor kit's behaviour routes itself (methods only the SDK knows)
        extra = set(served) - {op["id"] for op in spec["operations"]}
        assert all(served[op_id]["source"] == "behaviour" for op_id in extra), extra
        credentials = http.get("/_twin/credentials").json()["credentials"]
        assert bool(credentials) == bool(spec["auth_schemes"]), "one seeded credential per auth scheme"

        anonymous = http.request(case.method, case.path, json=case.body)
        assert anonymous.status_code == case.unauthenticated_status, anonymous.text
        if case.name == "slack":
            assert anonymous.json() == {"ok": False, "error": "not_authed"}

        headers = _auth_headers(credentials[0]) if credentials else {}
        answer = http.request(case.method, case.path, json=case.body, headers=headers)
        assert answer.status_code == 200, answer.text
        data = answer.json()
        if case.name == "slack":
            assert data["ok"] is True
            assert "next_cursor" in data["response_metadata"]
        assert data is not None
