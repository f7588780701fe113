"""Identity source sessions: created 201 in CREATED, listed and read under their identity source, take bulk data
only while CREATED, start-import moves them to TRIGGERED, and delete removes them."""

from __future__ import annotations

from starlette.testclient import TestClient

SOURCE = "/api/v1/identity-sources/0oaSourceOne00000001/sessions"


def test_a_session_is_created_listed_read_and_deleted(okta: TestClient) -> None:
    made = okta.post(SOURCE)
    assert made.status_code == 201
    session = made.json()
    assert session["id"].startswith("aps") and "_links" not in session
    assert (session["identitySourceId"], session["status"], session["importType"]) == (
        "0oaSourceOne00000001", "CREATED", "INCREMENTAL")
    assert [s["id"] for s in okta.get(SOURCE).json()] == [session["id"]]
    assert okta.get("/api/v1/identity-sources/0oaSourceTwo00000002/sessions").json() == []
    assert okta.get(f"{SOURCE}/{session['id']}").json() == session
    assert okta.delete(f"{SOURCE}/{session['id']}").status_code == 204
    gone = okta.get(f"{SOURCE}/{session['id']}")
    assert gone.status_code == 404 and gone.json()["errorCode"] == "E0000007"


def test_bulk_data_is_taken_until_the_import_starts(okta: TestClient) -> None:
    session = okta.post(SOURCE).json()
    upsert = f"{SOURCE}/{session['id']}/bulk-upsert"
    body = {"entityType": "USERS", "profiles": [{"externalId": "e1", "profile": {"userName": "a@b.c"}}]}
    assert okta.post(upsert, json=body).status_code == 202
    started = okta.post(f"{SOURCE}/{session['id']}/start-import")
    assert started.status_code == 200 and started.json()["status"] == "TRIGGERED"
    late = okta.post(upsert, json=body)
    assert late.status_code == 400 and late.json()["errorCode"] == "E0000001"
