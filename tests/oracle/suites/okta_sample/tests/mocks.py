"""The sample's client, shaped like okta-sdk-python's ``tests/mocks.py`` (written for twingen's tests).

Live (``MOCK_TESTS=false``) it is a real ``okta.client.Client`` configured from the environment: ``OKTA_CLIENT_ORGURL``,
``OKTA_CLIENT_TOKEN``, ``OKTA_CLIENT_AUTHORIZATIONMODE`` and ``OKTA_TESTING_TESTINGDISABLEHTTPSCHECK``, which the suite
driver sets. Otherwise it would replay cassettes recorded against a fixed org, which this sample does not carry.
"""

from __future__ import annotations

import os
from typing import Any

from okta.client import Client

RECORDED_ORG = {"orgUrl": "https://test.okta.com", "token": "recordedToken"}


def is_live() -> bool:
    """Live unless ``MOCK_TESTS`` says otherwise (any spelling of ``false``)."""
    return os.environ.get("MOCK_TESTS", "true").strip().lower() == "false"


class SampleOktaClient(Client):
    """A real client; ``fs`` is pyfakefs' fake file system, so no ``okta.yaml`` on this machine is read."""

    def __init__(self, fs: Any) -> None:
        if is_live():
            super().__init__()
        else:
            super().__init__(RECORDED_ORG)
