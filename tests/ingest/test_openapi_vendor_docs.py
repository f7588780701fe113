"""Every real OpenAPI document in ../shared/api_docs through the builder and the inference passes."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from twingen.diagnostics import Diagnostics
from twingen.ingest.openapi import build_from_openapi
from twingen.ingest.swagger2 import convert_swagger2
from twingen.ir.assemble import assemble
from twingen.ir.model import Api, Resource


def load(path: Path) -> Any:
    if path.suffix == ".json":
        return json.loads(path.read_bytes())
    # libyaml when present: Okta's 3.4 MB parses in ~2 s with it, ~5 s without.
    return yaml.load(path.read_bytes(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def build(*paths: Path) -> tuple[Api, Diagnostics]:
    diags = Diagnostics()
    parts = [build_from_openapi(load(p), p.name, diags) for p in paths]
    return assemble("twin", parts, [], diags), diags


def resource(api: Api, python_name: str) -> Resource:
    (found,) = [r for r in api.resources if r.python_name == python_name]
    return found


def test_jira_platform(shared_docs: Path) -> None:
    api, diags = build(shared_docs / "jira" / "jira_platform_v3.swagger-v3.v3.json")
    assert (len(api.operations), api.vendor, api.base_url) == (616, "jira", "https://your-domain.atlassian.net")
    assert not diags.items
    get_issue = api.operation("getIssue")
    assert (get_issue.method, get_issue.path, get_issue.python_name) == (
        "GET",
        "/rest/api/3/issue/{issueIdOrKey}",
        "get_issue",
    )
    assert get_issue.auth == ("basicAuth", "OAuth2") and "read:jira-work" in get_issue.scopes
    assert {"401", "404"} <= {e.code for e in get_issue.errors}
    issue = resource(api, "issue")
    assert issue.confident and (issue.id_param, issue.schema) == ("issueIdOrKey", "IssueBean")
    assert {issue.operations["createIssue"], issue.operations["getIssue"]} == {"create", "read"}
    comments = resource(api, "comment")
    assert comments.parent == "issue" and comments.confident
    search = api.operation("searchForIssuesUsingJql").paging
    assert search is not None and (search.style, search.response_items, search.response_total) == (
        "offset",
        "issues",
        "total",
    )
    token = api.operation("searchAndReconsileIssuesUsingJql").paging
    assert token is not None and (token.style, token.response_next) == ("page_token", "nextPageToken")


def test_jira_platform_and_agile_make_one_api(shared_docs: Path) -> None:
    folder = shared_docs / "jira"
    agile, _ = build(folder / "jira_software_agile_1.0.json")
    assert len(agile.operations) == 82 and agile.vendor == "jira"
    board = resource(agile, "board")
    assert board.confident and board.operations["getAllBoards"] == "list"
    paging = agile.operation("getAllBoards").paging
    assert paging is not None and (paging.style, paging.response_items) == ("offset", "values")

    both, diags = build(folder / "jira_platform_v3.swagger-v3.v3.json", folder / "jira_software_agile_1.0.json")
    assert len(both.operations) == 698
    assert len({op.python_name for op in both.operations}) == 698
    renamed = {d.pointer.rsplit("/", 1)[-1] for d in diags if d.code == "schema-renamed"}
    assert "IssueBean" in renamed and "IssueBean_2" in both.schemas
    assert {d.file for d in diags} == {"jira_software_agile_1.0.json"}


def test_okta(shared_docs: Path) -> None:
    api, diags = build(shared_docs / "okta" / "okta_management_2026.06.3.yaml")
    assert (len(api.operations), api.vendor) == (732, "okta")
    token = {s.name: s for s in api.auth_schemes}["apiToken"]
    assert (token.kind, token.param_name, token.prefix) == ("apikey", "Authorization", "SSWS")
    users = resource(api, "users")
    assert users.confident and users.collection_path == "/api/v1/users" and users.id_param == "id"
    assert Counter(users.operations.values()) >= Counter(["create", "read", "list", "update", "delete"])
    assert users.operations["updateUser"] == "update" and users.operations["replaceUser"] == "replace"
    list_users = api.operation("listUsers")
    assert list_users.paging is not None
    assert (list_users.paging.style, list_users.paging.request_cursor, list_users.paging.request_limit) == (
        "link",
        "after",
        "limit",
    )
    assert ("E0000047", 429) in {(e.code, e.status) for e in list_users.errors}
    assert resource(api, "factors").parent == "users"
    assert not diags.errors


def test_slack_after_conversion(shared_docs: Path) -> None:
    diags = Diagnostics()
    raw = load(shared_docs / "slack" / "slack_web_openapi_v2.json")
    doc = convert_swagger2(raw, "slack_web_openapi_v2.json", diags)
    api = assemble("slack", [build_from_openapi(doc, "slack_web_openapi_v2.json", diags)], [], diags)
    assert (len(api.operations), api.vendor) == (174, "slack")
    post = api.operation("chat.postMessage")
    assert (post.path, post.method, post.also_methods) == ("/api/chat.postMessage", "POST", ("GET",))
    assert {p.name: p.location for p in post.parameters}["channel"] == "form"
    assert ("channel_not_found", 200) in {(e.code, e.status) for e in post.errors}
    assert sum(1 for op in api.operations if any(e.status == 200 for e in op.errors)) >= 99
    listing = api.operation("conversations.list").paging
    assert listing is not None
    assert (listing.style, listing.response_next, listing.response_items) == (
        "cursor",
        "response_metadata.next_cursor",
        "channels",
    )
    conversations = resource(api, "conversations")
    assert conversations.confident and conversations.id_param == "channel"
    assert not resource(api, "users").confident
    assert not [d for d in diags if d.code != "swagger2-repair"]


def test_github_is_generic(shared_docs: Path) -> None:
    # how long it takes is a benchmark row (benchmarks/bench_generate.py), never a test
    doc = load(shared_docs / "github" / "api.github.com.json")
    diags = Diagnostics()
    api = assemble("github", [build_from_openapi(doc, "api.github.com.json", diags)], [], diags)
    assert (len(api.operations), api.vendor) == (1223, "generic")
    assert api.operation("repos/get").path == "/repos/{owner}/{repo}"
    issues = resource(api, "issues")
    assert issues.confident and issues.collection_path == "/repos/{owner}/{repo}/issues"
    paging = api.operation("issues/list-for-repo").paging
    assert paging is not None and (paging.style, paging.request_cursor, paging.request_limit) == (
        "link",
        "page",
        "per_page",
    )


def test_stripe_form_bodies_and_cycles(shared_docs: Path) -> None:
    api, diags = build(shared_docs / "stripe" / "stripe_spec3_2023-09-12.yaml")
    assert (len(api.operations), api.vendor) == (468, "generic")
    create = api.operation("PostCustomers")
    assert create.request_body is not None
    assert create.request_body.media_types == ("application/x-www-form-urlencoded",)
    assert {"email", "name", "metadata"} <= {p.name for p in create.parameters if p.location == "form"}
    customers = resource(api, "customers")
    assert customers.confident and customers.operations["PostCustomersCustomer"] == "update"
    listing = api.operation("GetCustomers").paging
    assert listing is not None and (listing.request_cursor, listing.response_items) == ("starting_after", "data")
    assert not diags.items
