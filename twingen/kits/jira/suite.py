"""pycontribs/jira's own tests (in its repository, not its sdist) against a Jira twin, in Server mode.

Its ``tests/conftest.py`` reads ``CI_JIRA_URL`` and the admin and user logins (basic auth) when
``CI_JIRA_TYPE`` is not ``CLOUD``; they come from the twin's address and its seeded basic credential.
Its ``JiraTestManager`` makes a project and issues once per run and shares them between tests, so the twin
is never reset during the run (a reset would delete what every later test expects). Run it from a checkout
with ``--suite-path`` (the checkout's own ``jira`` is what its tests import).
"""

from __future__ import annotations

from twingen.oracle.suite_driver import SuiteDriver, SuiteError


class JiraSuite(SuiteDriver):
    name = "jira"
    repository = "https://github.com/pycontribs/jira"
    marker = "tests/conftest.py"
    paths = ("tests",)
    requirements = ("parameterized",)
    reset = "none"
    test_timeout = 80.0  # the repository's own pytest-timeout setting

    def environment(self) -> dict[str, str]:
        # Server mode: the site answers as Jira Server/Data Center (serverInfo, users with name and key)
        self.twin.http.post("/_twin/jira/site", json={"deploymentType": "Server"}).raise_for_status()
        login = self.credential("basic")
        username, sep, password = login.partition(":")
        if not sep:
            raise SuiteError("the twin's basic credential has no username:password")
        return {
            "CI_JIRA_TYPE": "Server",
            "CI_JIRA_URL": self.twin.base_url,
            "CI_JIRA_ADMIN": username,
            "CI_JIRA_ADMIN_PASSWORD": password,
            "CI_JIRA_USER": username,
            "CI_JIRA_USER_PASSWORD": password,
        }
