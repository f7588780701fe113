"""The stand-in's HTTP client (see ``gspread/__init__.py``): an authorised requests session and the two API hosts."""

from __future__ import annotations

from typing import Any

import requests
from google.auth.credentials import Credentials
from google.auth.transport.requests import AuthorizedSession

SPREADSHEETS_V4 = "https://sheets.googleapis.com/v4/spreadsheets"
DRIVE_FILES_V3 = "https://www.googleapis.com/drive/v3/files"
SPREADSHEET_MIME_TYPE = "application/vnd.google-apps.spreadsheet"


class APIError(Exception):
    """An answer that is not a success: its status and Google's error body."""

    def __init__(self, response: requests.Response) -> None:
        self.status = response.status_code
        super().__init__(f"{response.status_code} {response.request.method} {response.url}: {response.text[:200]}")


class HTTPClient:
    """Requests with the credentials' ``Authorization`` header; ``APIError`` on a refusal."""

    def __init__(self, auth: Credentials) -> None:
        self.session = AuthorizedSession(auth)  # type: ignore[no-untyped-call]

    def request(self, method: str, url: str, params: dict[str, Any] | None = None, json: Any = None) -> Any:
        response = self.session.request(method, url, params=params, json=json)  # type: ignore[no-untyped-call]
        if not response.ok:
            raise APIError(response)
        return response.json()
