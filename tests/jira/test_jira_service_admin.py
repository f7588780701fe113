"""Jira Service Management basics, project and system avatars, permission schemes, screens and the admin pages the
jira client reaches: what each call changes, and Jira's refusals (which change nothing)."""

from __future__ import annotations

from starlette.testclient import TestClient

SD = "/rest/servicedeskapi"


def _desk(jira: TestClient, key: str = "HELP") -> str:
    body = {"key": key, "name": f"Desk {key}", "projectTypeKey": "service_desk", "assigneeType": "UNASSIGNED"}
    assert jira.post("/rest/api/2/project", json=body).status_code == 201
    desks = jira.get(f"{SD}/servicedesk").json()["values"]
    return next(d["id"] for d in desks if d["projectKey"] == key)


def test_a_service_desk_project_is_a_desk_with_the_template_request_types(jira: TestClient, project: str) -> None:
    assert jira.get(f"{SD}/servicedesk").json()["values"] == []  # a software project is no desk
    first, second = _desk(jira, "HELP"), _desk(jira, "OPS")
    assert (first, second) == ("1", "2")
    assert jira.get(f"{SD}/servicedesk/HELP").json()["id"] == "1"
    kinds = jira.get(f"{SD}/servicedesk/2/requesttype").json()
    assert kinds["size"] == 4 and {k["serviceDeskId"] for k in kinds["values"]} == {"2"}
    assert jira.get(f"{SD}/servicedesk/99").status_code == 404


def test_a_customer_request_is_an_issue_of_the_desks_project(jira: TestClient) -> None:
    desk = _desk(jira)
    kind = jira.get(f"{SD}/servicedesk/{desk}/requesttype").json()["values"][0]["id"]
    values = {"summary": "printer", "description": "jam"}
    sent = {"serviceDeskId": desk, "requestTypeId": kind, "requestFieldValues": values}
    made = jira.post(f"{SD}/request", json=sent)
    assert made.status_code == 201, made.text
    issue = jira.get(f"/rest/api/2/issue/{made.json()['issueKey']}").json()
    assert issue["key"] == "HELP-1" and issue["fields"]["summary"] == "printer"
    assert issue["fields"]["description"] == "jam"
    wrong = jira.post(f"{SD}/request", json={**sent, "requestTypeId": "999"})
    assert wrong.status_code == 400
    assert jira.get("/rest/api/2/issue/HELP-2").status_code == 404  # the refusal made nothing


def test_customers_are_accounts_and_an_email_is_taken_once(jira: TestClient) -> None:
    made = jira.post(f"{SD}/customer", json={"email": "cust@example.com", "displayName": "Cust"})
    assert made.status_code == 201 and made.json()["accountType"] == "customer"
    assert jira.post(f"{SD}/customer", json={"email": "cust@example.com", "displayName": "Again"}).status_code == 400
    assert jira.post(f"{SD}/customer", json={"email": "nope", "displayName": "x"}).status_code == 400
    assert jira.get(f"{SD}/info", auth=("admin@twin.atlassian.example", "wrong")).status_code == 401


def test_project_avatars_upload_confirm_list_and_delete(jira: TestClient, project: str) -> None:
    png = b"\x89PNG\r\n\x1a\n"
    refused = jira.post(f"/rest/api/2/project/{project}/avatar/temporary", content=png, params={"filename": "a.png"})
    assert refused.status_code == 403  # without X-Atlassian-Token: no-check
    assert jira.post(f"/rest/api/2/project/{project}/avatar", json={"cropperWidth": 48}).status_code == 400
    headers = {"X-Atlassian-Token": "no-check", "Content-Type": "image/png"}
    crop = jira.post(f"/rest/api/2/project/{project}/avatar/temporary", content=png, headers=headers).json()
    made = jira.post(f"/rest/api/2/project/{project}/avatar", json=crop)
    assert made.status_code == 201
    avatar = made.json()["id"]
    listed = jira.get(f"/rest/api/2/project/{project}/avatars").json()
    assert [a["id"] for a in listed["custom"]] == [avatar] and listed["system"][0]["isSystemAvatar"]
    system = listed["system"][0]["id"]
    assert jira.delete(f"/rest/api/2/project/{project}/avatar/{system}").status_code == 403
    assert jira.delete(f"/rest/api/2/project/{project}/avatar/{avatar}").status_code == 204
    assert jira.get(f"/rest/api/2/project/{project}/avatars").json()["custom"] == []
    assert jira.get("/rest/api/2/avatar/project/system").json()["system"][0]["id"] == system
    assert jira.get("/rest/api/2/avatar/nonsense/system").status_code == 400


def test_permission_schemes_made_read_and_deleted_and_the_default_kept(jira: TestClient, project: str) -> None:
    made = jira.post("/rest/api/2/permissionscheme", json={"name": "Mine", "description": ""})
    assert made.status_code == 201
    scheme = made.json()["id"]
    assert jira.post("/rest/api/2/permissionscheme", json={"name": "mine"}).status_code == 400
    assert jira.get(f"/rest/api/2/permissionscheme/{scheme}").json()["name"] == "Mine"
    assert jira.delete(f"/rest/api/2/permissionscheme/{scheme}").status_code == 204
    assert jira.get(f"/rest/api/2/permissionscheme/{scheme}").status_code == 404
    assert jira.delete("/rest/api/2/permissionscheme/0").status_code == 403
    assert jira.get("/rest/api/2/permissionscheme/0").status_code == 200


def test_screens_in_use_stay_and_admin_pages_answer_as_server(jira: TestClient) -> None:
    assert jira.delete("/rest/api/2/screens/1").status_code == 400
    assert jira.delete("/rest/api/2/screens/999").status_code == 404
    page = jira.get("/secure/admin/jira/IndexReIndex.jspa")
    assert page.status_code == 200 and "re-index" in page.text
    started = jira.post("/secure/admin/jira/IndexReIndex.jspa", params={"reindex": "Re-Index"})
    assert "All issues are being re-indexed" in started.text
    assert jira.post("/secure/admin/XmlBackup.jspa", data={"filename": "b.zip"}).status_code == 200
    assert jira.post("/secure/admin/XmlBackup.jspa", data={}).status_code == 400
    assert jira.get("/rest/applinks/latest/listApplicationlinks").json() == {"list": []}
    assert jira.get("/rest/api/2/workflow").json()[0]["default"] is True


def test_a_rename_changes_the_username_and_a_taken_one_is_refused(jira: TestClient) -> None:
    users = jira.get("/rest/api/2/user/search", params={"query": "."}).json()
    first, second = users[0]["accountId"], users[1]["accountId"]
    taken = jira.put("/rest/api/latest/user", params={"username": first}, json={"name": second})
    assert taken.status_code == 400
    renamed = jira.put("/rest/api/latest/user", params={"username": first}, json={"name": "renamed"})
    assert renamed.status_code == 200
    assert jira.put("/rest/api/latest/user", params={"username": "renamed"}, json={}).status_code == 200


def test_v2_routes_take_repeated_fields_and_createmeta_filters(jira: TestClient, project: str) -> None:
    from jira_helpers import new_issue

    key = new_issue(jira, project, "repeated")
    asked = [("jql", f"key = {key}"), ("fields", "summary"), ("fields", "status")]
    found = jira.get("/rest/api/2/search", params=asked)
    assert set(found.json()["issues"][0]["fields"]) == {"summary", "status"}
    one = jira.get(f"/rest/api/latest/issue/{key}", params=[("fields", "summary"), ("fields", "labels")]).json()
    assert set(one["fields"]) == {"summary", "labels"}
    meta = jira.get("/rest/api/2/issue/createmeta", params=[("projectKeys", project), ("issuetypeNames", "Task"),
                                                              ("issuetypeNames", "Bug")]).json()  # fmt: skip
    assert sorted(t["name"] for t in meta["projects"][0]["issuetypes"]) == ["Bug", "Task"]
