"""Who calls and what site this is: session, serverInfo in Cloud and Server modes, 401s, v2 text vs v3 ADF."""

from __future__ import annotations

from jira_helpers import new_issue
from starlette.testclient import TestClient


def test_session_and_myself_name_the_caller_and_a_wrong_login_gets_401(jira: TestClient) -> None:
    session = jira.get("/rest/auth/1/session")
    assert session.status_code == 200 and session.json()["name"] == "admin@twin.atlassian.example"
    me = jira.get("/rest/api/3/myself").json()
    assert me["accountId"].startswith("712020:") and me["self"].startswith("http://127.0.0.1:8000/rest/api/3/user")
    refused = jira.get("/rest/api/2/myself", auth=("admin@twin.atlassian.example", "wrong"))
    assert refused.status_code == 401
    assert refused.json() == {
        "errorMessages": ["You are not authenticated. Authentication required to perform this operation."],
        "errors": {},
    }


def test_server_info_is_cloud_until_the_site_is_switched_to_server(jira: TestClient) -> None:
    cloud = jira.get("/rest/api/2/serverInfo").json()
    assert cloud["deploymentType"] == "Cloud" and "name" not in jira.get("/rest/api/2/myself").json()
    assert jira.post("/_twin/jira/site", json={"deploymentType": "Server"}).status_code == 200
    server = jira.get("/rest/api/2/serverInfo").json()
    assert server["deploymentType"] == "Server" and server["versionNumbers"][0] == 8
    assert jira.get("/rest/api/2/myself").json()["name"] == "admin@twin.atlassian.example"


def test_v2_text_reads_back_as_adf_in_v3_and_adf_sent_to_v3_reads_as_text_in_v2(jira: TestClient, project: str) -> None:
    key = new_issue(jira, project, description="first line\nsecond\n\nnext paragraph")
    doc = jira.get(f"/rest/api/3/issue/{key}?fields=description").json()["fields"]["description"]
    assert doc["type"] == "doc" and len(doc["content"]) == 2
    assert doc["content"][0]["content"][1] == {"type": "hardBreak"}
    adf = {"type": "doc", "version": 1, "content": [{"type": "paragraph", "content": [{"type": "text", "text": "hi"}]}]}
    assert jira.put(f"/rest/api/3/issue/{key}", json={"fields": {"description": adf}}).status_code == 204
    assert jira.get(f"/rest/api/2/issue/{key}?fields=description").json()["fields"]["description"] == "hi"
    refused = jira.put(f"/rest/api/3/issue/{key}", json={"fields": {"description": "plain text"}})
    assert refused.status_code == 400 and "description" in refused.json()["errors"]


def test_self_urls_point_at_the_twin_in_the_callers_version(jira: TestClient, project: str) -> None:
    key = new_issue(jira, project)
    v2 = jira.get(f"/rest/api/2/issue/{key}").json()
    assert v2["self"].startswith("http://127.0.0.1:8000/rest/api/2/issue/")
    assert jira.get(v2["fields"]["status"]["self"]).status_code == 200
    assert (
        jira.get(f"/rest/api/3/issue/{key}")
        .json()["fields"]["project"]["self"]
        .startswith("http://127.0.0.1:8000/rest/api/3/project/")
    )
