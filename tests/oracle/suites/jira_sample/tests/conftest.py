"""The sample's fixtures, shaped like pycontribs/jira's ``tests/conftest.py`` (written for twingen's tests).

The instance and its logins come from the environment: ``CI_JIRA_URL``, and in Server mode (``CI_JIRA_TYPE`` is not
``CLOUD``) the admin's and the user's basic-auth logins. One client per run is shared by the tests, as the suite's
test manager shares the project it makes.
"""

from __future__ import annotations

import os

import pytest
from jira import JIRA


def is_cloud() -> bool:
    return os.environ.get("CI_JIRA_TYPE", "Server").upper() == "CLOUD"


def url() -> str:
    return os.environ["CI_JIRA_URL"]


def login(role: str) -> tuple[str, str]:
    """``role`` is ``ADMIN`` or ``USER``: its name and password (Server) or API token (Cloud)."""
    if is_cloud():
        return os.environ[f"CI_JIRA_CLOUD_{role}"], os.environ[f"CI_JIRA_CLOUD_{role}_TOKEN"]
    return os.environ[f"CI_JIRA_{role}"], os.environ[f"CI_JIRA_{role}_PASSWORD"]


@pytest.fixture(scope="session")
def jira_admin() -> JIRA:
    """The admin's client as the suite makes it: the package's defaults, which read the server's information first."""
    return JIRA(server=url(), basic_auth=login("ADMIN"))
