"""Sheets v4 clients for the Google twin tests (a plain module, as ``drive_helpers``)."""

from __future__ import annotations

from typing import Any

import google_auth_httplib2
import httplib2
from google.oauth2.credentials import Credentials
from googleapiclient.discovery import build

SPREADSHEET = "application/vnd.google-apps.spreadsheet"


def sheets_service(twin: Any, name: str = "owner") -> Any:
    """A Sheets v4 service for one seeded user; Sheets' servicePath is empty, so the endpoint is the twin's origin."""
    credentials = Credentials(token=twin.tokens[name])  # type: ignore[no-untyped-call]
    http = google_auth_httplib2.AuthorizedHttp(credentials, http=httplib2.Http(timeout=30, ca_certs=twin.ca_file))
    service = build("sheets", "v4", http=http, client_options={"api_endpoint": f"{twin.base_url}/"},
                    static_discovery=True, cache_discovery=False)  # fmt: skip
    twin.services.append(service)
    return service


def new_book(sheets: Any, title: str = "Book") -> str:
    return str(sheets.spreadsheets().create(body={"properties": {"title": title}}).execute()["spreadsheetId"])


def put(sheets: Any, book: str, target: str, values: list[list[Any]], option: str = "USER_ENTERED") -> Any:
    body = {"values": values}
    return (
        sheets.spreadsheets()
        .values()
        .update(spreadsheetId=book, range=target, valueInputOption=option, body=body)
        .execute()
    )


def get(sheets: Any, book: str, target: str, **options: Any) -> Any:
    return sheets.spreadsheets().values().get(spreadsheetId=book, range=target, **options).execute()


def batch(sheets: Any, book: str, *requests: dict[str, Any]) -> Any:
    return sheets.spreadsheets().batchUpdate(spreadsheetId=book, body={"requests": list(requests)}).execute()


def error_of(call: Any) -> tuple[int, str]:
    """Run a request that must fail: its HTTP status and Google's message."""
    import json

    from googleapiclient.errors import HttpError

    try:
        call.execute()
    except HttpError as error:
        return int(error.resp.status), str(json.loads(error.content)["error"]["message"])
    raise AssertionError("the request succeeded")
