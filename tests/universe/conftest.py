"""The vendors' own SDKs on the running universe, for the tests that tell a story through them."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import google_auth_httplib2
import httplib2
import okta.client
import pytest
from google.oauth2.credentials import Credentials
from googleapiclient.discovery import build

from twingen.universe import Universe


class Okta:
    """okta-sdk-python (asyncio) on the universe's Okta twin, each call run to completion."""

    def __init__(self, universe: Universe, monkeypatch: pytest.MonkeyPatch) -> None:
        member = universe.members["okta"]
        monkeypatch.setenv("OKTA_TESTING_TESTINGDISABLEHTTPSCHECK", "true")  # the twin is plain http on loopback
        self.loop = asyncio.new_event_loop()
        config = {"orgUrl": member.base_url, "token": member.credentials()["apikey"]["token"],
                  "rateLimit": {"maxRetries": 0}, "cache": {"enabled": False}}  # fmt: skip
        self.client = okta.client.Client(config)

    def __call__(self, method: str, *args: Any, **kwargs: Any) -> Any:
        result, _, error = self.loop.run_until_complete(getattr(self.client, method)(*args, **kwargs))
        assert error is None, error
        return result


@pytest.fixture
def okta_sdk(universe: Universe, monkeypatch: pytest.MonkeyPatch) -> Iterator[Okta]:
    sdk = Okta(universe, monkeypatch)
    yield sdk
    sdk.loop.close()


@pytest.fixture
def directory(universe: Universe) -> Iterator[Any]:
    """The Directory API as the Google customer's super administrator sees it (google-api-python-client)."""
    google = universe.members["google"]
    credentials = Credentials(token=google.credentials()["owner"]["token"])  # type: ignore[no-untyped-call]
    http = google_auth_httplib2.AuthorizedHttp(credentials, http=httplib2.Http(timeout=30, proxy_info=None))
    service = build("admin", "directory_v1", http=http, client_options={"api_endpoint": google.base_url + "/"},
                    static_discovery=True, cache_discovery=False)  # fmt: skip
    yield service
    service.close()
