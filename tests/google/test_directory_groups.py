"""Admin SDK Directory groups and members through google-api-python-client."""

from __future__ import annotations

from typing import Any

from directory_helpers import directory, failure, new_user


def _group(admin: Any, local: str, **extra: Any) -> dict[str, Any]:
    return dict(admin.groups().insert(body={"email": f"{local}@example.com", **extra}).execute())


def test_insert_get_list_and_refusals(admin: Any) -> None:
    made = _group(admin, "eng", name="Engineering", description="builders")
    assert made["kind"] == "admin#directory#group" and made["directMembersCount"] == "0"
    assert made["name"] == "Engineering" and made["adminCreated"] is True
    assert admin.groups().get(groupKey="eng@example.com").execute()["id"] == made["id"]
    _group(admin, "ops")
    listed = admin.groups().list(customer="my_customer").execute()
    assert [g["email"] for g in listed["groups"]] == ["eng@example.com", "ops@example.com"]
    assert [g["email"] for g in admin.groups().list(domain="example.com", query="email:op*").execute()["groups"]] == [
        "ops@example.com"
    ]
    assert failure(admin.groups().insert(body={"email": "eng@example.com"})) == (
        409, "Entity already exists.", "duplicate")  # fmt: skip
    # a group may not take a user's address either: one namespace
    assert failure(admin.groups().insert(body={"email": "owner@example.com"}))[0] == 409
    assert failure(admin.groups().get(groupKey="nope@example.com")) == (
        404, "Resource Not Found: groupKey", "notFound")  # fmt: skip


def test_patch_update_and_delete(admin: Any) -> None:
    made = _group(admin, "eng")
    assert admin.groups().patch(groupKey=made["id"], body={"description": "new"}).execute()["description"] == "new"
    assert admin.groups().update(groupKey=made["id"], body={"name": "Eng"}).execute()["description"] == "new"
    admin.groups().delete(groupKey="eng@example.com").execute()
    assert failure(admin.groups().get(groupKey=made["id"]))[0] == 404
    assert "groups" not in admin.groups().list(customer="my_customer").execute()


def test_members_insert_list_get_has_and_delete(admin: Any) -> None:
    group = _group(admin, "eng")
    ada = new_user(admin, "ada")
    added = admin.members().insert(groupKey=group["id"], body={"email": "ada@example.com", "role": "MANAGER"}).execute()
    assert added["kind"] == "admin#directory#member"
    assert (added["id"], added["role"], added["type"], added["status"]) == (ada["id"], "MANAGER", "USER", "ACTIVE")
    admin.members().insert(groupKey="eng@example.com", body={"email": "other@example.com"}).execute()
    assert failure(admin.members().insert(groupKey=group["id"], body={"email": "ADA@example.com"})) == (
        409, "Member already exists.", "duplicate")  # fmt: skip
    assert admin.groups().get(groupKey=group["id"]).execute()["directMembersCount"] == "2"
    listed = admin.members().list(groupKey=group["id"]).execute()
    assert [m["email"] for m in listed["members"]] == ["ada@example.com", "other@example.com"]
    managers = admin.members().list(groupKey=group["id"], roles="MANAGER").execute()["members"]
    assert [m["id"] for m in managers] == [ada["id"]]
    assert admin.members().get(groupKey=group["id"], memberKey="ada@example.com").execute()["role"] == "MANAGER"
    assert admin.members().hasMember(groupKey=group["id"], memberKey=ada["id"]).execute() == {"isMember": True}
    assert admin.members().hasMember(groupKey=group["id"], memberKey="owner@example.com").execute() == {
        "isMember": False
    }
    admin.members().delete(groupKey=group["id"], memberKey=ada["id"]).execute()
    assert failure(admin.members().get(groupKey=group["id"], memberKey=ada["id"])) == (
        404, "Resource Not Found: memberKey", "notFound")  # fmt: skip
    assert admin.groups().get(groupKey=group["id"]).execute()["directMembersCount"] == "1"
    assert [g["id"] for g in admin.groups().list(userKey="other@example.com").execute()["groups"]] == [group["id"]]


def test_nested_membership_and_role_changes(admin: Any) -> None:
    outer, inner = _group(admin, "all"), _group(admin, "team")
    admin.members().insert(groupKey=outer["id"], body={"email": "team@example.com"}).execute()
    admin.members().insert(groupKey=inner["id"], body={"email": "other@example.com"}).execute()
    assert admin.members().hasMember(groupKey=outer["id"], memberKey="other@example.com").execute()["isMember"]
    changed = admin.members().patch(groupKey=inner["id"], memberKey="other@example.com", body={"role": "OWNER"})
    assert changed.execute()["role"] == "OWNER"
    status, _, reason = failure(admin.members().update(groupKey=inner["id"], memberKey="other@example.com",
                                                        body={"role": "BOSS"}))  # fmt: skip
    assert (status, reason) == (400, "invalid")


def test_a_deleted_user_leaves_their_groups(admin: Any) -> None:
    group = _group(admin, "eng")
    ada = new_user(admin, "ada")
    admin.members().insert(groupKey=group["id"], body={"id": ada["id"]}).execute()
    admin.users().delete(userKey=ada["id"]).execute()
    assert admin.groups().get(groupKey=group["id"]).execute()["directMembersCount"] == "0"
    assert "members" not in admin.members().list(groupKey=group["id"]).execute()


def test_members_of_a_missing_group_and_non_admins(twin: Any, admin: Any) -> None:
    assert failure(admin.members().list(groupKey="missing@example.com")) == (
        404, "Resource Not Found: groupKey", "notFound")  # fmt: skip
    assert failure(directory(twin, "other").groups().list(customer="my_customer"))[:2] == (
        403, "Not Authorized to access this resource/api")  # fmt: skip


def test_derived_membership_lists_nested_members_once(admin: Any) -> None:
    outer, inner = _group(admin, "all"), _group(admin, "team")
    admin.members().insert(groupKey=outer["id"], body={"email": "team@example.com"}).execute()
    admin.members().insert(groupKey=outer["id"], body={"email": "other@example.com"}).execute()
    admin.members().insert(groupKey=inner["id"], body={"email": "other@example.com"}).execute()
    admin.members().insert(groupKey=inner["id"], body={"email": "owner@example.com"}).execute()
    direct = admin.members().list(groupKey=outer["id"]).execute()["members"]
    assert [m["email"] for m in direct] == ["other@example.com", "team@example.com"]
    every = admin.members().list(groupKey=outer["id"], includeDerivedMembership=True).execute()["members"]
    assert [m["email"] for m in every] == ["other@example.com", "owner@example.com", "team@example.com"]
