"""Okta (SSWS tokens, E000 codes, Link paging) and Jira (basic auth, errorMessages, offset paging)."""

from __future__ import annotations

import re
from collections.abc import Callable

from starlette.testclient import TestClient

from .conftest import credential


def ssws(c: TestClient) -> dict[str, str]:
    return {"Authorization": f"SSWS {credential(c, 'apikey')['token']}"}


def test_okta_auth(client_for: Callable[[str], TestClient]) -> None:
    c = client_for("okta")
    assert c.get("/api/v1/users", headers=ssws(c)).status_code == 200
    assert c.get("/api/v1/users", headers={"Authorization": f"Bearer {credential(c, 'bearer')['token']}"}).is_success
    # okta-sdk-python 3.x's generated methods glue the token to the prefix
    assert c.get("/api/v1/users", headers={"Authorization": f"SSWS{credential(c, 'apikey')['token']}"}).is_success
    for headers in (
        {},
        {"Authorization": "SSWS wrong"},
        {"Authorization": "SSWSwrong"},
        {"Authorization": "SSWS"},
        {"Authorization": f"Bearer {credential(c, 'apikey')['token']}"},
    ):
        r = c.get("/api/v1/users", headers=headers)
        body = r.json()
        assert r.status_code == 401
        assert (body["errorCode"], body["errorSummary"], body["errorLink"]) == (
            "E0000011",
            "Invalid token provided",
            "E0000011",
        )
        assert re.fullmatch(r"oae[\w-]{22}", body["errorId"]) and body["errorCauses"] == []


def test_okta_validation_not_found_and_405(client_for: Callable[[str], TestClient]) -> None:
    c = client_for("okta")
    auth = ssws(c)
    user = c.post("/api/v1/users", headers=auth, json={"profile": {"login": "a@example.com"}}).json()
    assert user["id"].startswith("00u") and len(user["id"]) == 20
    r = c.post(f"/api/v1/users/{user['id']}/lifecycle/activate", headers=auth).json()
    assert (r["errorCode"], r["errorSummary"]) == ("E0000001", "Api validation failed: sendEmail")
    assert r["errorCauses"] == [{"errorSummary": "sendEmail: The field cannot be left blank"}]
    r = c.post(f"/api/v1/users/{user['id']}/lifecycle/activate?sendEmail=perhaps", headers=auth)
    assert r.status_code == 400
    missing = c.get("/api/v1/users/00uNOPE", headers=auth)
    assert missing.status_code == 404
    assert missing.json()["errorSummary"] == "Not found: Resource not found: 00uNOPE (User)"
    wrong_verb = c.patch("/api/v1/users/x", headers=auth)
    assert (wrong_verb.status_code, wrong_verb.json()["errorCode"]) == (405, "E0000022")


def test_okta_replace_delete_and_link_paging(client_for: Callable[[str], TestClient]) -> None:
    c = client_for("okta")
    auth = ssws(c)
    ids = [c.post("/api/v1/users", headers=auth, json={"profile": {"login": f"u{i}"}}).json()["id"] for i in range(5)]
    replaced = c.put(f"/api/v1/users/{ids[0]}", headers=auth, json={"profile": {"login": "new"}}).json()
    assert replaced == {"profile": {"login": "new"}, "id": ids[0]}
    deleted = c.delete(f"/api/v1/users/{ids[4]}", headers=auth)
    # an empty 204 carries no body headers: okta-sdk-python parses any answer typed as JSON
    assert deleted.status_code == 204 and deleted.content == b""
    assert "content-type" not in deleted.headers and "content-length" not in deleted.headers
    seen, url = [], "/api/v1/users?limit=2"
    while url:
        r = c.get(url, headers=auth)
        seen += [u["id"] for u in r.json()]
        nxt = [link for link in r.headers["link"].split(", ") if link.endswith('rel="next"')]
        url = nxt[0][1 : nxt[0].index(">")] if nxt else ""
    assert seen == ids[:4]


def test_jira_basic_auth_errors_and_offset_paging(client_for: Callable[[str], TestClient]) -> None:
    c = client_for("jira")
    cred = credential(c, "basic")
    auth = (cred["username"], cred["password"])
    r = c.get("/rest/api/3/project/search", auth=("someone@example.com", "bad"))
    assert r.status_code == 401 and r.json()["errors"] == {} and r.json()["errorMessages"]
    assert c.get("/rest/api/3/project/search").status_code == 401
    keys = [c.post("/rest/api/3/project", auth=auth, json={"key": f"P{i}", "name": f"p{i}"}).json() for i in range(5)]
    assert all(k["id"].isdigit() for k in keys)
    seen, start = [], 0
    while True:
        page = c.get("/rest/api/3/project/search", auth=auth, params={"startAt": start, "maxResults": 2}).json()
        assert page["total"] == 5 and page["maxResults"] == 2
        seen += [p["key"] for p in page["values"]]
        if page["isLast"]:
            break
        start += 2
    assert seen == [f"P{i}" for i in range(5)]
    bad = c.get("/rest/api/3/search/jql", auth=auth)
    assert (bad.status_code, bad.json()) == (
        400,
        {"errorMessages": [], "errors": {"jql": "The 'jql' parameter is required."}},
    )
    pid = keys[0]["id"]
    assert c.put(f"/rest/api/3/project/{pid}", auth=auth, json={"name": "renamed"}).json()["name"] == "renamed"
    assert c.delete(f"/rest/api/3/project/{pid}", auth=auth).status_code == 204
    gone = c.get(f"/rest/api/3/project/{pid}", auth=auth)
    assert gone.status_code == 404 and gone.json()["errorMessages"][0].startswith("Project does not exist")
    assert c.get("/rest/api/3/nope", auth=auth).status_code == 404
