"""The instance and the caller through the ``jira`` package (a sample written for twingen's tests).

``test_server_info`` uses the client as the suite builds it, with the package's default REST version (2). The other
two ask for REST v3, the version Jira Cloud's published documents describe, and show whose login the instance takes.
"""

from __future__ import annotations

import pytest
from jira import JIRA, JIRAError

from tests.conftest import login, url


def v3_client(basic_auth: tuple[str, str]) -> JIRA:
    return JIRA(server=url(), basic_auth=basic_auth, options={"rest_api_version": "3"}, get_server_info=False)


def test_server_info(jira_admin: JIRA) -> None:
    info = jira_admin.server_info()
    assert info["versionNumbers"][0] >= 8


def test_myself_over_rest_v3() -> None:
    for role in ("ADMIN", "USER"):
        me = v3_client(login(role)).myself()
        assert me["accountId"] and me["active"] is True


def test_another_password_is_refused() -> None:
    name, _ = login("USER")
    with pytest.raises(JIRAError) as refused:
        v3_client((name, "not the password")).myself()
    assert refused.value.status_code == 401
