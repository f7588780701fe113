"""The Slack and Google twins (committed specs, kit behaviour, this runtime) served on loopback for the view
tests, and what those tests do to them through the vendors' own clients or HTTP APIs."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from slack_sdk import WebClient

from twingen.runtime.serving.harness import ThreadServer

from . import kit_twins

FOLDER = "application/vnd.google-apps.folder"


@dataclass
class Served:
    base_url: str
    tokens: dict[str, str]

    def http(self, name: str) -> httpx.Client:
        headers = {"Authorization": f"Bearer {self.tokens[name]}"}
        return httpx.Client(base_url=self.base_url, headers=headers, timeout=30)

    def reset(self) -> None:
        httpx.post(f"{self.base_url}/_twin/reset", timeout=30).raise_for_status()
        httpx.delete(f"{self.base_url}/_twin/requests", timeout=30).raise_for_status()


def serve(name: str, where: Path) -> Iterator[Served]:
    server = ThreadServer(kit_twins.load(name, where))
    server.start()
    try:
        listed = httpx.get(f"{server.base_url}/_twin/credentials", timeout=30).json()["credentials"]
        yield Served(server.base_url, {c["name"]: c["token"] for c in listed})
    finally:
        server.stop()


def slack(served: Served, token: str = "bot") -> WebClient:
    return WebClient(token=served.tokens[token], base_url=served.base_url + "/api/")


def general(client: WebClient) -> str:
    return str(next(c["id"] for c in client.conversations_list()["channels"] if c["name"] == "general"))


def drive_upload(served: Served, name: str, data: bytes, parent: str | None = None) -> dict[str, Any]:
    """A multipart upload (``uploadType=multipart``) as google-api-python-client sends one."""
    meta = {"name": name, **({"parents": [parent]} if parent else {})}
    body = (
        b"--B\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n"
        + httpx.Request("POST", "/", json=meta).content
        + b"\r\n--B\r\nContent-Type: text/plain\r\n\r\n"
        + data
        + b"\r\n--B--"
    )
    with served.http("owner") as http:
        answer = http.post(
            "/upload/drive/v3/files",
            params={"uploadType": "multipart"},
            headers={"content-type": "multipart/related; boundary=B"},
            content=body,
        )
    answer.raise_for_status()
    return answer.json()  # type: ignore[no-any-return]


def drive_folder(served: Served, name: str) -> str:
    with served.http("owner") as http:
        made = http.post("/drive/v3/files", json={"name": name, "mimeType": FOLDER})
    made.raise_for_status()
    return str(made.json()["id"])


def sheet_with_formula(served: Served, title: str) -> str:
    with served.http("owner") as http:
        book = http.post("/v4/spreadsheets", json={"properties": {"title": title}}).json()["spreadsheetId"]
        values = {"values": [["item", "price", "total"], ["tea", 2, "=B2*3"], ["cake", 4.5, "=SUM(B2:B3)"]]}
        http.put(
            f"/v4/spreadsheets/{book}/values/A1:C3", params={"valueInputOption": "USER_ENTERED"}, json=values
        ).raise_for_status()
    return str(book)


def doc_with_styles(served: Served, title: str) -> str:
    text = "Launch plan\nShip the twin today\nwrite tests\nrecord views\n"
    requests = [
        {"insertText": {"location": {"index": 1}, "text": text}},
        {
            "updateParagraphStyle": {
                "range": {"startIndex": 1, "endIndex": 12},
                "paragraphStyle": {"namedStyleType": "HEADING_1"},
                "fields": "namedStyleType",
            }
        },
        {
            "updateTextStyle": {
                "range": {"startIndex": 13, "endIndex": 17},
                "textStyle": {"bold": True},
                "fields": "bold",
            }
        },
        {
            "updateTextStyle": {
                "range": {"startIndex": 27, "endIndex": 32},
                "textStyle": {"italic": True},
                "fields": "italic",
            }
        },
        {
            "createParagraphBullets": {
                "range": {"startIndex": 33, "endIndex": 55},
                "bulletPreset": "BULLET_DISC_CIRCLE_SQUARE",
            }
        },
    ]
    with served.http("owner") as http:
        doc = http.post("/v1/documents", json={"title": title}).json()["documentId"]
        http.post(f"/v1/documents/{doc}:batchUpdate", json={"requests": requests}).raise_for_status()
    return str(doc)
