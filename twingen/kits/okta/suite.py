"""okta-sdk-python's own integration tests (``tests/integration`` in the okta sdist) against an Okta twin.

The suite's conftest replays cassettes unless ``MOCK_TESTS=false``; then its ``MockOktaClient`` builds a
real ``okta.client.Client`` from the environment (``OKTA_CLIENT_ORGURL``, ``OKTA_CLIENT_TOKEN``), and
``OKTA_TESTING_TESTINGDISABLEHTTPSCHECK`` lets the org URL be the twin's plain ``http://127.0.0.1:PORT``.
The token is the twin's seeded API token (``/_twin/credentials``). Each test makes the objects it needs,
so the twin is reset before each one.
"""

from __future__ import annotations

from twingen.oracle.suite_driver import SuiteDriver


class OktaSuite(SuiteDriver):
    name = "okta"
    distribution = "okta"
    repository = "https://github.com/okta/okta-sdk-python"
    marker = "tests/mocks.py"
    paths = ("tests/integration",)
    # what the suite imports beyond the SDK: async tests, the vcr fixture its conftest overrides, a fake fs
    requirements = ("pytest-asyncio", "pytest-recording", "pyfakefs", "pytest-mock")
    reset = "test"

    def environment(self) -> dict[str, str]:
        return {
            "MOCK_TESTS": "false",
            "OKTA_CLIENT_ORGURL": self.twin.base_url,
            "OKTA_CLIENT_TOKEN": self.credential("apikey", "api_token", "ssws"),
            "OKTA_CLIENT_AUTHORIZATIONMODE": "SSWS",
            "OKTA_TESTING_TESTINGDISABLEHTTPSCHECK": "true",
        }
