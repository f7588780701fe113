"""The jira check driver: how a call through the ``jira`` package is classed, how the SDK's paths meet the twin's
routes, and that the library's decorators do not hide what a method needs."""

from __future__ import annotations

import inspect

from jira import JIRA
from jira.exceptions import JIRAError

from twingen.kits.jira.check.calls import _error
from twingen.kits.jira.check.driver import _undecorated, shape


def test_jira_errors_are_classed_by_status_and_a_missing_route_is_not_routed() -> None:
    assert _error(JIRAError(status_code=404, text="Issue does not exist or you do not have permission to see it."),
                  True).kind == "vendor-error"  # fmt: skip
    assert _error(JIRAError(status_code=404, text="null for uri: /rest/api/2/nope"), True).kind == "not-routed"
    assert _error(JIRAError(status_code=502, text="bad gateway"), True).kind == "server-error"
    wrapped = _error(JIRAError(text="JiraError HTTP 401 url: http://twin/rest/api/2/user/search"), True)
    assert (wrapped.kind, wrapped.code) == ("vendor-error", "401")
    assert _error(JIRAError(text="Unsupported JIRA deployment type"), False).kind == "refused"


def test_sdk_paths_meet_the_twins_templates() -> None:
    assert shape("get", "/rest/api/2/issue/{0}/comment/{1}") == shape(
        "GET", "/rest/api/2/issue/{issueIdOrKey}/comment/{id}"
    )
    assert shape("PUT", "/rest/api/latest/user") == ("PUT", "/rest/api/2/user")


def test_decorated_methods_show_their_own_signature() -> None:
    wrapped = JIRA.create_dashboard
    assert "name" not in inspect.signature(wrapped).parameters  # cloud_api and experimental hide it
    assert "name" in inspect.signature(_undecorated(wrapped, "create_dashboard")).parameters


def test_a_status_the_library_reduces_to_none_false_or_the_code_is_jiras_error() -> None:
    import requests

    from twingen.kits.jira.check.calls import _reduced

    refused = requests.Response()
    refused.status_code = 401
    assert _reduced(None, refused) and _reduced(False, refused) and _reduced(401, refused)
    assert not _reduced(True, refused) and not _reduced(0, refused) and not _reduced({"id": 1}, refused)
