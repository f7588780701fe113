"""gspread's own tests (in its repository, not its sdist) against a Google twin, cassettes off (``--disable-vcr``).

gspread's conftest builds its client with a placeholder token (``<ACCESS_TOKEN>``) unless it is given a
service-account file (not given: that would first fetch a token from Google's OAuth endpoint). The plugin
swaps the placeholder for the twin's seeded owner token and sends gspread's hosts (``sheets.googleapis.com``
for Sheets v4, ``www.googleapis.com`` for Drive v3) to the twin. Each test makes its own spreadsheet, so
the twin is reset before each one. Run it from a checkout with ``--suite-path`` (the checkout's own
``gspread`` is what its tests import).
"""

from __future__ import annotations

from twingen.oracle.suite_driver import SuiteDriver

PLACEHOLDER_TOKEN = "<ACCESS_TOKEN>"


class GspreadSuite(SuiteDriver):
    name = "gspread"
    repository = "https://github.com/burnash/gspread"
    marker = "gspread/http_client.py"
    paths = ("tests",)
    # the cassette plugin its tests are marked for (switched off below), and what gspread.auth imports
    requirements = ("pytest-vcr", "vcrpy", "google-auth-oauthlib")
    pytest_args = ("--disable-vcr",)
    reset = "test"

    def rewrites(self) -> dict[str, str]:
        return self.hosts_to_twin("sheets.googleapis.com", "www.googleapis.com")

    def tokens(self) -> dict[str, str]:
        return {PLACEHOLDER_TOKEN: self.credential("owner")}
