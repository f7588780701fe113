"""The committed Jira twin (``generated/jira``, behaviour from the jira kit) in-process, fresh for each test.

``jira`` is a client on the twin that sends the seeded admin's basic credential (email + API token), as the
``jira`` package and Atlassian's REST clients do; ``jira_app`` is the app itself (for ``/_twin/`` calls).
``project`` makes a project ``TWIN`` and answers its key.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jira_helpers import login
from starlette.testclient import TestClient

GENERATED = Path(__file__).resolve().parents[2] / "generated" / "jira"


@pytest.fixture
def jira_app() -> Iterator[Any]:
    if str(GENERATED) not in sys.path:
        sys.path.insert(0, str(GENERATED))
    from twin_jira.runtime import load_app

    yield load_app("twin_jira", seed=1)


@pytest.fixture
def jira(jira_app: Any) -> Iterator[TestClient]:
    with TestClient(jira_app, base_url="http://127.0.0.1:8000") as client:
        client.auth = login(client, "basic")
        yield client


@pytest.fixture
def project(jira: TestClient) -> str:
    body = {"key": "TWIN", "name": "Twin project", "projectTypeKey": "software", "assigneeType": "UNASSIGNED"}
    assert jira.post("/rest/api/2/project", json=body).status_code == 201
    return "TWIN"
