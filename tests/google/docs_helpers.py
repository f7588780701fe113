"""Docs v1 clients for the Google twin tests (a plain module, as ``drive_helpers``)."""

from __future__ import annotations

from typing import Any

import google_auth_httplib2
import httplib2
from google.oauth2.credentials import Credentials
from googleapiclient.discovery import build

DOCUMENT = "application/vnd.google-apps.document"


def docs_service(twin: Any, name: str = "owner") -> Any:
    """A Docs v1 service for one seeded user; Docs' servicePath is empty, so the endpoint is the twin's origin."""
    credentials = Credentials(token=twin.tokens[name])  # type: ignore[no-untyped-call]
    http = google_auth_httplib2.AuthorizedHttp(credentials, http=httplib2.Http(timeout=30, ca_certs=twin.ca_file))
    service = build("docs", "v1", http=http, client_options={"api_endpoint": f"{twin.base_url}/"},
                    static_discovery=True, cache_discovery=False)  # fmt: skip
    twin.services.append(service)
    return service


def batch(docs: Any, document_id: str, *requests: dict[str, Any], **extra: Any) -> Any:
    return docs.documents().batchUpdate(documentId=document_id, body={"requests": list(requests), **extra}).execute()


def body_text(document: dict[str, Any]) -> str:
    """The body's text, paragraph after paragraph (table cells' too)."""

    def walk(content: list[dict[str, Any]]) -> str:
        out = []
        for element in content:
            for item in element.get("paragraph", {}).get("elements", ()):
                out.append(item.get("textRun", {}).get("content", ""))
            for row in element.get("table", {}).get("tableRows", ()):
                for cell in row["tableCells"]:
                    out.append(walk(cell["content"]))
        return "".join(out)

    return walk(document["body"]["content"])


def end_index(document: dict[str, Any]) -> int:
    return int(document["body"]["content"][-1]["endIndex"])
