"""pycontribs/jira's own tests (in its repository, not its sdist) against a Jira twin, in Server mode
(``--suite jira``) and in Cloud mode (``--suite jira-cloud``).

Its ``tests/conftest.py`` reads ``CI_JIRA_URL`` and the admin and user logins (basic auth) when
``CI_JIRA_TYPE`` is not ``CLOUD``; they come from the twin's address and its seeded basic credentials. In Cloud
mode it talks to ``https://pycontribs.atlassian.net`` (sent to the twin) with ``CI_JIRA_CLOUD_*`` logins and runs
only the tests marked ``allow_on_cloud``, as the repository's Cloud CI does (``-m allow_on_cloud``).
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
        admin, user = self._login("basic"), self._login("user", "basic")
        return {
            "CI_JIRA_TYPE": "Server",
            "CI_JIRA_URL": self.twin.base_url,
            "CI_JIRA_ADMIN": admin[0],
            "CI_JIRA_ADMIN_PASSWORD": admin[1],
            "CI_JIRA_USER": user[0],  # the site's second (non-admin) user, when the seed has one
            "CI_JIRA_USER_PASSWORD": user[1],
        }

    def rewrites(self) -> dict[str, str]:
        # tests that call Atlassian's public Jira anonymously or with a wrong login expect its 401
        # and a client made without a server gets the library's default, a local Data Center at /jira
        return {**self.hosts_to_twin("jira.atlassian.com"), "http://localhost:2990/jira/": f"{self.twin.base_url}/"}

    def _login(self, *names: str) -> tuple[str, str]:
        username, sep, password = self.credential(*names).partition(":")
        if not sep:
            raise SuiteError("the twin's basic credential has no username:password")
        return username, password


class JiraCloudSuite(JiraSuite):
    """The ``allow_on_cloud`` tests against the twin as the new Cloud site it is seeded as."""

    name = "jira-cloud"
    pytest_args = ("-m", "allow_on_cloud")

    def environment(self) -> dict[str, str]:
        admin, user = self._login("basic"), self._login("user", "basic")
        return {
            "CI_JIRA_TYPE": "CLOUD",
            "CI_JIRA_CLOUD_ADMIN": admin[0],
            "CI_JIRA_CLOUD_ADMIN_TOKEN": admin[1],
            "CI_JIRA_CLOUD_USER": user[0],
            "CI_JIRA_CLOUD_USER_TOKEN": user[1],
        }

    def rewrites(self) -> dict[str, str]:
        return {**super().rewrites(), **self.hosts_to_twin("pycontribs.atlassian.net")}
