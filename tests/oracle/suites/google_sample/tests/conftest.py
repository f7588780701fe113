"""The sample's fixtures, shaped like gspread's ``tests/conftest.py`` (written for twingen's tests).

Without a service-account file (``GS_CREDS_FILENAME``) the client sends a placeholder token, as gspread's tests do
when they replay cassettes; the tests are marked for pytest-vcr, which the suite driver switches off.
"""

from __future__ import annotations

import os
from typing import Any

import pytest
from google.oauth2.credentials import Credentials as UserCredentials
from google.oauth2.service_account import Credentials as ServiceAccountCredentials
from gspread.http_client import HTTPClient

CREDS_FILENAME = os.getenv("GS_CREDS_FILENAME")
RECORD_MODE = os.getenv("GS_RECORD_MODE", "none")
PLACEHOLDER_TOKEN = "<ACCESS_TOKEN>"
SCOPES = ("https://www.googleapis.com/auth/spreadsheets", "https://www.googleapis.com/auth/drive.file")


@pytest.fixture(scope="module")
def vcr_config() -> dict[str, Any]:
    return {"record_mode": RECORD_MODE, "filter_headers": ["authorization"]}


@pytest.fixture(scope="module")
def client() -> HTTPClient:
    # google-auth has no annotations: its calls are untyped for mypy
    if CREDS_FILENAME:
        from_file = ServiceAccountCredentials.from_service_account_file
        auth: Any = from_file(CREDS_FILENAME, scopes=SCOPES)  # type: ignore[no-untyped-call]
    else:
        auth = UserCredentials(PLACEHOLDER_TOKEN)  # type: ignore[no-untyped-call]
    return HTTPClient(auth)
