"""Helpers the Jira twin tests share (a basic login by credential name, an issue made through REST v2)."""

from __future__ import annotations

from typing import Any

from starlette.testclient import TestClient


def login(client: TestClient, name: str) -> tuple[str, str]:
    listed = client.get("/_twin/credentials").json()["credentials"]
    found = next(c for c in listed if c["name"] == name)
    return found["username"], found["password"]


def new_issue(jira: TestClient, project: str, summary: str = "an issue", **fields: Any) -> str:
    body = {"fields": {"project": {"key": project}, "issuetype": {"name": "Task"}, "summary": summary, **fields}}
    answer = jira.post("/rest/api/2/issue", json=body)
    assert answer.status_code == 201, answer.text
    return str(answer.json()["key"])
