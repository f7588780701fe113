"""The okta kit's foundation as an SDK meets it: the seeded token works, Link paging walks a list once."""

from __future__ import annotations

import re

from starlette.testclient import TestClient


def _next(response: object) -> str | None:
    link = response.headers.get("link", "")  # type: ignore[attr-defined]
    found = re.search(r'<([^>]+)>; rel="next"', link)
    return found.group(1) if found else None


def test_the_seeded_token_acts_and_a_wrong_one_is_refused(okta: TestClient) -> None:
    assert okta.get("/api/v1/users").status_code == 200
    refused = okta.get("/api/v1/users", headers={"Authorization": "SSWS 00wrong"})
    assert refused.status_code == 401 and refused.json()["errorCode"] == "E0000011"


def test_link_paging_walks_every_record_once_and_self_comes_first(okta: TestClient) -> None:
    made = []
    for n in range(5):
        body = {"name": f"origin{n}", "origin": f"https://o{n}.example.com", "scopes": [{"type": "CORS"}]}
        made.append(okta.post("/api/v1/trustedOrigins", json=body).json()["id"])
    first = okta.get("/api/v1/trustedOrigins?limit=2")
    assert first.headers["link"].startswith("<") and 'rel="self"' in first.headers["link"].split(",")[0]
    seen, response = [], first
    while True:
        seen += [o["id"] for o in response.json()]
        url = _next(response)
        if url is None:
            break
        response = okta.get(url)
    assert seen == made
