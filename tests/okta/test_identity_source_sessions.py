"""Identity source sessions: created 201 in CREATED, listed and read under their identity source, take bulk data
only while CREATED, start-import moves them to TRIGGERED, and delete removes them."""

from __future__ import annotations

from starlette.testclient import TestClient


def _source(okta: TestClient, label: str = "HR source") -> str:
    """An identity source is an app instance of the org (made in the Admin Console; here, any app)."""
    app = okta.post(
        "/api/v1/apps",
        json={
            "name": "bookmark",
            "label": label,
            "signOnMode": "BOOKMARK",
            "settings": {"app": {"url": "https://example.com/hr"}},
        },
    ).json()
    return app["id"]


def test_a_session_is_created_listed_read_and_deleted(okta: TestClient) -> None:
    source_id = _source(okta)
    SOURCE = f"/api/v1/identity-sources/{source_id}/sessions"
    made = okta.post(SOURCE)
    assert made.status_code == 201
    session = made.json()
    assert session["id"].startswith("aps") and "_links" not in session
    assert (session["identitySourceId"], session["status"], session["importType"]) == (
        source_id,
        "CREATED",
        "INCREMENTAL",
    )
    assert [s["id"] for s in okta.get(SOURCE).json()] == [session["id"]]
    assert okta.get(f"/api/v1/identity-sources/{_source(okta, 'Other')}/sessions").json() == []
    unknown = okta.get("/api/v1/identity-sources/0oaSourceTwo00000002/sessions")
    assert unknown.status_code == 404 and unknown.json()["errorCode"] == "E0000007"
    assert okta.get(f"{SOURCE}/{session['id']}").json() == session
    assert okta.delete(f"{SOURCE}/{session['id']}").status_code == 204
    gone = okta.get(f"{SOURCE}/{session['id']}")
    assert gone.status_code == 404 and gone.json()["errorCode"] == "E0000007"


def test_bulk_data_is_taken_until_the_import_starts(okta: TestClient) -> None:
    SOURCE = f"/api/v1/identity-sources/{_source(okta)}/sessions"
    session = okta.post(SOURCE).json()
    upsert = f"{SOURCE}/{session['id']}/bulk-upsert"
    body = {"entityType": "USERS", "profiles": [{"externalId": "e1", "profile": {"userName": "a@b.c"}}]}
    assert okta.post(upsert, json=body).status_code == 202
    started = okta.post(f"{SOURCE}/{session['id']}/start-import")
    assert started.status_code == 200 and started.json()["status"] == "TRIGGERED"
    late = okta.post(upsert, json=body)
    assert late.status_code == 400 and late.json()["errorCode"] == "E0000001"


def test_users_of_a_source_are_kept_by_external_id(okta: TestClient) -> None:
    users = f"/api/v1/identity-sources/{_source(okta)}/users"
    made = okta.post(users, json={"externalId": "e1", "profile": {"userName": "a@b.c", "firstName": "A"}})
    assert made.status_code == 200 and made.content == b""
    user = okta.get(f"{users}/e1").json()
    assert user["externalId"] == "e1" and user["id"].startswith("00u")
    patched = okta.patch(f"{users}/e1", json={"profile": {"lastName": "B"}}).json()
    assert patched["profile"] == {"userName": "a@b.c", "firstName": "A", "lastName": "B"}
    assert okta.put(f"{users}/e1", json={"profile": {"userName": "c@d.e"}}).json()["profile"] == {"userName": "c@d.e"}
    assert okta.delete(f"{users}/e1").status_code == 204
    assert okta.get(f"{users}/e1").status_code == 404
