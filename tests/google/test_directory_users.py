"""Admin SDK Directory users through google-api-python-client: the seeded customer, insert/get/list/update/delete,
the Directory's refusals, and what a suspension does to the user's tokens on the Drive side."""

from __future__ import annotations

from typing import Any

from directory_helpers import PASSWORD, directory, failure, new_user


def test_the_seeded_people_are_the_customers_users(admin: Any) -> None:
    listed = admin.users().list(customer="my_customer").execute()
    assert listed["kind"] == "admin#directory#users"
    by_email = {u["primaryEmail"]: u for u in listed["users"]}
    assert set(by_email) == {"owner@example.com", "other@example.com"}
    owner = by_email["owner@example.com"]
    assert owner["isAdmin"] is True and by_email["other@example.com"]["isAdmin"] is False
    assert owner["kind"] == "admin#directory#user" and owner["orgUnitPath"] == "/"
    assert owner["name"] == {"givenName": "Olive", "familyName": "Owner", "fullName": "Olive Owner"}
    assert owner["customerId"].startswith("C0") and len(owner["id"]) == 21 and owner["id"].isdigit()


def test_insert_then_get_by_id_email_and_list_by_query(admin: Any) -> None:
    made = new_user(admin, "ada")
    assert made["primaryEmail"] == "ada@example.com" and made["suspended"] is False
    assert "password" not in made and made["isAdmin"] is False
    assert admin.users().get(userKey=made["id"]).execute()["primaryEmail"] == "ada@example.com"
    assert admin.users().get(userKey="ADA@example.com").execute()["id"] == made["id"]
    found = admin.users().list(domain="example.com", query="email:ada@example.com").execute()
    assert [u["id"] for u in found["users"]] == [made["id"]]
    assert "users" not in admin.users().list(customer="my_customer", query="email:nobody@example.com").execute()
    assert [
        u["primaryEmail"] for u in admin.users().list(customer="my_customer", query="givenName:Ad*").execute()["users"]
    ] == ["ada@example.com"]


def test_insert_refusals_change_nothing(admin: Any) -> None:
    new_user(admin, "ada")
    assert failure(
        admin.users().insert(
            body={
                "primaryEmail": "ada@example.com",
                "name": {"givenName": "A", "familyName": "B"},
                "password": PASSWORD,
            }
        )
    ) == (409, "Entity already exists.", "duplicate")
    status, message, _ = failure(
        admin.users().insert(body={"primaryEmail": "bob@example.com", "name": {"givenName": "Bob", "familyName": "B"}})
    )
    assert (status, message) == (400, "Invalid Password")
    status, message, _ = failure(
        admin.users().insert(
            body={
                "primaryEmail": "bob@elsewhere.org",
                "name": {"givenName": "Bob", "familyName": "B"},
                "password": PASSWORD,
            }
        )
    )
    assert (status, message) == (404, "Domain not found.")
    status, message, _ = failure(admin.users().insert(body={"primaryEmail": "bob@example.com", "password": PASSWORD}))
    assert (status, message) == (400, "Invalid Given/Family Name: GivenName")
    assert failure(admin.users().get(userKey="bob@example.com")) == (404, "Resource Not Found: userKey", "notFound")


def test_list_pages_in_order_and_needs_customer_or_domain(admin: Any) -> None:
    for local in ("cara", "bea", "dan"):
        new_user(admin, local)
    first = admin.users().list(customer="my_customer", maxResults=2, orderBy="email").execute()
    assert [u["primaryEmail"] for u in first["users"]] == ["bea@example.com", "cara@example.com"]
    rest = admin.users().list(customer="my_customer", maxResults=2, orderBy="email",
                              pageToken=first["nextPageToken"]).execute()  # fmt: skip
    later = admin.users().list_next(admin.users().list(customer="my_customer", maxResults=2, orderBy="email"), rest)
    assert [u["primaryEmail"] for u in rest["users"]] == ["dan@example.com", "other@example.com"]
    assert later is not None
    assert failure(admin.users().list()) == (400, "Bad Request", "badRequest")


def test_suspend_and_restore_with_the_drive_side_following(twin: Any, admin: Any) -> None:
    other = admin.users().get(userKey="other@example.com").execute()
    suspended = admin.users().patch(userKey=other["id"], body={"suspended": True}).execute()
    assert suspended["suspended"] is True and suspended["suspensionReason"] == "ADMIN"
    assert [u["primaryEmail"] for u in admin.users().list(customer="my_customer", query="isSuspended=true")
            .execute()["users"]] == ["other@example.com"]  # fmt: skip
    # google-auth answers a 401 by trying a refresh it cannot make: the answer is read over plain HTTP
    with twin.http("other") as http:
        refused = http.get("/drive/v3/files")
    assert refused.status_code == 401 and refused.json()["error"]["errors"][0]["reason"] == "authError"
    restored = admin.users().update(userKey=other["id"], body={"suspended": False}).execute()
    assert restored["suspended"] is False and "suspensionReason" not in restored
    assert "files" in twin.drive("other").files().list().execute()


def test_update_keeps_what_is_not_sent_and_renames(admin: Any) -> None:
    made = new_user(admin, "eve", given="Eve", family="Early")
    changed = admin.users().update(userKey=made["id"], body={"name": {"familyName": "Late"}}).execute()
    assert changed["name"]["fullName"] == "Eve Late"
    renamed = admin.users().patch(userKey=made["id"], body={"primaryEmail": "eve.late@example.com"}).execute()
    assert renamed["primaryEmail"] == "eve.late@example.com" and renamed["aliases"] == ["eve@example.com"]
    assert admin.users().get(userKey="eve@example.com").execute()["id"] == made["id"]  # the old address, an alias


def test_delete_then_undelete(admin: Any) -> None:
    made = new_user(admin, "finn")
    admin.users().delete(userKey="finn@example.com").execute()
    assert failure(admin.users().get(userKey=made["id"]))[0] == 404
    deleted = admin.users().list(customer="my_customer", showDeleted="true").execute()["users"]
    assert [u["id"] for u in deleted] == [made["id"]] and deleted[0]["deletionTime"]
    admin.users().undelete(userKey=made["id"], body={"orgUnitPath": "/"}).execute()
    assert admin.users().get(userKey="finn@example.com").execute()["id"] == made["id"]


def test_an_inserted_user_is_a_drive_person(twin: Any, admin: Any) -> None:
    new_user(admin, "gus", given="Gus", family="Grant")
    drive = twin.drive("owner")
    folder = drive.files().create(body={"name": "shared", "mimeType": "application/vnd.google-apps.folder"}).execute()
    made = drive.permissions().create(fileId=folder["id"], body={"type": "user", "role": "reader",
                                      "emailAddress": "gus@example.com"}, fields="*").execute()  # fmt: skip
    assert made["displayName"] == "Gus Grant"


def test_only_an_administrator_may_call(twin: Any) -> None:
    assert failure(directory(twin, "other").users().list(customer="my_customer")) == (
        403, "Not Authorized to access this resource/api", "forbidden")  # fmt: skip
    with twin.http("other") as http:
        refused = http.get("/admin/directory/v1/users", params={"customer": "my_customer"},
                           headers={"Authorization": "Bearer ya29.not-a-token"})  # fmt: skip
    assert refused.status_code == 401 and refused.json()["error"]["errors"][0]["reason"] == "authError"


def test_partial_responses(admin: Any) -> None:
    made = new_user(admin, "hal")
    assert admin.users().get(userKey=made["id"], fields="id,primaryEmail").execute() == {
        "id": made["id"],
        "primaryEmail": "hal@example.com",
    }
    listed = admin.users().list(customer="my_customer", fields="users(primaryEmail),nextPageToken", maxResults=1)
    assert listed.execute() == {
        "users": [{"primaryEmail": "hal@example.com"}],
        "nextPageToken": listed.execute()["nextPageToken"],
    }
    status, _, reason = failure(admin.users().insert(body={"primaryEmail": "ivy@example.com"}, fields="nope"))
    assert (status, reason) == (400, "invalidParameter")
    assert failure(admin.users().get(userKey="ivy@example.com"))[0] == 404  # refused before anything was made


def test_a_suspended_users_token_is_refused_by_sheets_docs_and_labels(twin: Any, admin: Any) -> None:
    admin.users().patch(userKey="other@example.com", body={"suspended": True}).execute()
    with twin.http("other") as http:
        answers = [
            http.get("/v4/spreadsheets/no-such-book"),
            http.post("/v1/documents", json={"title": "x"}),
            http.get("/v2/labels"),
            http.get("/drive/v3/about", params={"fields": "user"}),
        ]
    assert [a.status_code for a in answers] == [401, 401, 401, 401]


def test_a_suspended_users_token_is_refused_before_any_operation_reads_the_request(twin: Any, admin: Any) -> None:
    """Operations that never read their caller, or whose required parameters are missing, refuse the token too."""
    admin.users().patch(userKey="other@example.com", body={"suspended": True}).execute()
    with twin.http("other") as http:
        answers = [
            http.get("/drive/v3/drives"),
            http.get("/drive/v3/changes/startPageToken"),
            http.get("/drive/v3/files/anything/export"),  # mimeType missing: the token is refused first
        ]
    assert [a.status_code for a in answers] == [401, 401, 401]
    assert {a.json()["error"]["errors"][0]["reason"] for a in answers} == {"authError"}
    admin.users().patch(userKey="other@example.com", body={"suspended": False}).execute()
    with twin.http("other") as http:
        assert http.get("/drive/v3/drives").status_code == 200


def test_which_scopes_let_a_token_call_which_family(served: Any) -> None:
    from twin_google.behaviour._directory_model import _grants

    scope = "https://www.googleapis.com/auth/admin.directory."
    assert _grants(scope + "user", "user", write=True)
    assert _grants(scope + "user.readonly", "user", write=False)
    assert not _grants(scope + "user.readonly", "user", write=True)
    assert _grants(scope + "group", "group.member", write=True)  # the group scope covers members
    assert not _grants(scope + "group.member", "group", write=False)
    assert not _grants("https://www.googleapis.com/auth/drive", "user", write=False)
    assert _grants("https://www.googleapis.com/auth/cloud-platform", "user", write=False)
