"""Admin SDK Directory clients for the Google twin tests (a plain module, as ``drive_helpers``)."""

from __future__ import annotations

import json
from typing import Any

import google_auth_httplib2
import httplib2
from google.oauth2.credentials import Credentials
from googleapiclient.discovery import build
from googleapiclient.errors import HttpError

PASSWORD = "correct-horse-battery"


def directory(twin: Any, name: str = "owner", token: str | None = None) -> Any:
    """An ``admin`` ``directory_v1`` service; its servicePath is empty, so the endpoint is the twin's origin."""
    credentials = Credentials(token=token if token is not None else twin.tokens[name])  # type: ignore[no-untyped-call]
    http = google_auth_httplib2.AuthorizedHttp(credentials, http=httplib2.Http(timeout=30, ca_certs=twin.ca_file))
    service = build("admin", "directory_v1", http=http, client_options={"api_endpoint": f"{twin.base_url}/"},
                    static_discovery=True, cache_discovery=False)  # fmt: skip
    twin.services.append(service)
    return service


def new_user(admin: Any, local: str, given: str = "Ada", family: str = "Lovelace", **extra: Any) -> dict[str, Any]:
    body = {"primaryEmail": f"{local}@example.com", "name": {"givenName": given, "familyName": family},
            "password": PASSWORD, **extra}  # fmt: skip
    return dict(admin.users().insert(body=body).execute())


def failure(call: Any) -> tuple[int, str, str]:
    """Run a request that must fail: (HTTP status, Google's message, the first error's reason)."""
    try:
        call.execute(num_retries=0)
    except HttpError as error:
        body = json.loads(error.content)["error"]
        return int(error.resp.status), str(body["message"]), str(body["errors"][0]["reason"])
    raise AssertionError("the request succeeded")
