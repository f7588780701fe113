"""The Okta views over the committed twin's spec with the kit's behaviour, served on loopback: people, groups,
apps with their assignments and the System Log show what a client did through the Management API, linked, with
their ids, per tenant, escaped; the browser tests click through them in headless chromium.

Set ``TWIN_VIEWS_SCREENSHOTS=docs/views`` to write the README's screenshots there (else they go to a temp dir).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from twingen.runtime.serving.harness import ThreadServer

from . import kit_twins
from .test_ui_browser import browser  # noqa: F401  (the chromium fixture, shared)

pytestmark = pytest.mark.network_loopback

HOSTILE = "<script>window.__xss=1</script>"
APP = "0oaauthenticator0000"  # the org's seeded Okta Verify app


class Org:
    def __init__(self, base_url: str, token: str) -> None:
        self.base_url = base_url
        self.http = httpx.Client(base_url=base_url, headers={"Authorization": f"SSWS {token}"}, timeout=30)

    def user(self, first: str, login: str) -> dict[str, Any]:
        profile = {"firstName": first, "lastName": "Tester", "email": login, "login": login}
        made = self.http.post("/api/v1/users", params={"activate": "true"}, json={"profile": profile})
        assert made.status_code == 200, made.text
        return made.json()  # type: ignore[no-any-return]

    def group(self, name: str) -> str:
        made = self.http.post("/api/v1/groups", json={"profile": {"name": name, "description": "views test"}})
        assert made.status_code == 200, made.text
        return str(made.json()["id"])

    def add(self, group_id: str, user_id: str) -> None:
        assert self.http.put(f"/api/v1/groups/{group_id}/users/{user_id}").status_code == 204

    def page(self, path: str, **params: str) -> str:
        answer = httpx.get(self.base_url + "/_twin/views/" + path, params=params, timeout=30)
        assert answer.status_code == 200, answer.text[:500]
        return answer.text


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    server = ThreadServer(kit_twins.load("okta", tmp_path_factory.mktemp("views")))
    server.start()
    try:
        listed = httpx.get(f"{server.base_url}/_twin/credentials", timeout=30).json()["credentials"]
        yield server.base_url, next(c["token"] for c in listed if c["name"] == "apikey")
    finally:
        server.stop()


@pytest.fixture
def org(served: tuple[str, str]) -> Iterator[Org]:
    base_url, token = served
    httpx.post(f"{base_url}/_twin/reset", timeout=30).raise_for_status()
    made = Org(base_url, token)
    yield made
    made.http.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    found = context.new_page()
    found.set_default_timeout(15_000)
    yield found
    context.close()


def shots(tmp_path: Path) -> Path:
    where = Path(os.environ.get("TWIN_VIEWS_SCREENSHOTS") or tmp_path)
    where.mkdir(parents=True, exist_ok=True)
    return where


def row(html: str, table: str, marker: str) -> str:
    found = re.search(rf'<table id="{table}">(.*?)</table>', html, re.S)
    assert found, f"no table {table}"
    rows = [r for r in found.group(1).split("<tr>") if marker in r]
    assert rows, f"{marker} is not in table {table}"
    return rows[0]


def test_user_in_a_group_and_its_app_across_the_directory_views(org: Org) -> None:
    user = org.user("Ada", "ada@example.com")
    group = org.group("Engineering")
    org.add(group, user["id"])
    assigned = org.http.put(f"/api/v1/apps/{APP}/groups/{group}", json={"priority": 0})
    assert assigned.status_code == 200, assigned.text
    listed = row(org.page("users"), "users", user["id"])
    assert (
        f'href="/_twin/views/user?id={user["id"]}"' in listed and "PROVISIONED" in listed
    )  # activated without a password
    assert f'href="/_twin/views/group?id={group}"' in listed and f'href="/_twin/views/app?id={APP}"' in listed
    person = org.page("user", id=user["id"])
    assert "<h2>Ada Tester</h2>" in person and "Engineering" in row(person, "user-groups", group)
    assert "GROUP" in row(person, "user-apps", APP)  # the app came through the group
    members = org.page("group", id=group)
    assert "ada@example.com" in row(members, "group-members", user["id"]) and "0" in row(members, "group-apps", APP)
    app = org.page("app", id=APP)
    assert "GROUP" in row(app, "app-users", user["id"]) and "Engineering" in row(app, "app-groups", group)
    assert "1" in row(org.page("groups"), "groups", group)


def test_app_assignments_show_direct_users_and_groups_by_priority(org: Org) -> None:
    user = org.user("Bo", "bo@example.com")
    first, second = org.group("First"), org.group("Second")
    direct = org.http.post(f"/api/v1/apps/{APP}/users", json={"id": user["id"], "credentials": {"userName": "bo-app"}})
    assert direct.status_code == 200, direct.text
    for group, priority in ((first, 1), (second, 0)):
        org.http.put(f"/api/v1/apps/{APP}/groups/{group}", json={"priority": priority}).raise_for_status()
    app = org.page("app", id=APP)
    assert "USER" in row(app, "app-users", user["id"]) and "bo-app" in row(app, "app-users", user["id"])
    groups = re.search(r'<table id="app-groups">(.*?)</table>', app, re.S)
    assert groups and groups.group(1).index(second) < groups.group(1).index(first)  # priority 0 first


def test_system_log_is_newest_first_and_filters_by_event_type(org: Org) -> None:
    user = org.user("Cy", "cy@example.com")
    group = org.group("Ops")
    org.add(group, user["id"])
    log = org.page("log")
    created, added = log.index("user.lifecycle.create"), log.index(">group.user_membership.add<")
    assert added < created  # newest first
    only = org.page("log", eventType="group.user_membership.add")
    assert only.count('<code class="id" title="id">') >= 3 and "user.lifecycle.create</a>" not in only
    assert f'href="/_twin/views/user?id={user["id"]}"' in only and f'href="/_twin/views/group?id={group}"' in only
    assert "SUCCESS" in only
    about = org.page("log", target=user["id"])
    assert "group.user_membership.add" in about and "group.lifecycle.create</a>" not in about


def test_missing_objects_are_404(org: Org) -> None:
    for path in ("user", "group", "app"):
        answer = httpx.get(f"{org.base_url}/_twin/views/{path}", params={"id": "00unothere"}, timeout=30)
        assert answer.status_code == 404 and "00unothere" in answer.text


def test_views_are_per_tenant(org: Org) -> None:
    made = httpx.post(f"{org.base_url}/_twin/tenants", json={"name": "okta-views"}, timeout=30).json()
    token = next(c["token"] for c in made["credentials"] if c["name"] == "apikey")
    other = Org(org.base_url, token)
    user = other.user("Tess", "tess@example.com")
    other.http.close()
    mine = other.page("users", tenant=made["id"])
    assert user["id"] in mine and f"tenant={made['id']}" in mine  # links keep the tenant
    assert user["id"] not in org.page("users")


def test_names_and_event_filters_stay_text(org: Org) -> None:
    user = org.user(HOSTILE, "x@example.com")
    group = org.group(HOSTILE)
    org.add(group, user["id"])
    for path, params in (("users", {}), ("user", {"id": user["id"]}), ("groups", {}), ("log", {"eventType": HOSTILE})):
        html = org.page(path, **params)
        assert "<script" not in html.lower(), path
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in org.page("group", id=group)
    assert "&lt;script&gt;" in org.page("log")


def test_browser_finds_the_new_user_in_their_group(page: Any, org: Org, tmp_path: Path) -> None:
    dialogs: list[str] = []

    def dismissed(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismissed)
    page.goto(f"{org.base_url}/_twin/views/users")
    before = page.locator("#users tr").count()
    user = org.user(HOSTILE, "grace@example.com")
    group = org.group("Platform")
    org.add(group, user["id"])
    org.http.put(f"/api/v1/apps/{APP}/groups/{group}", json={"priority": 0}).raise_for_status()
    page.click("header >> text=refresh")
    assert page.locator("#users tr").count() == before + 1  # a refresh shows the new person
    mine = page.locator("#users tr", has_text=user["id"])
    assert HOSTILE in mine.inner_text() and "Platform" in mine.inner_text()
    assert page.evaluate("() => window.__xss") is None and dialogs == []
    page.screenshot(path=str(shots(tmp_path) / "okta-users.png"), full_page=True)
    mine.locator(f'a[href*="group?id={group}"]').click()
    assert page.locator("h2").inner_text() == "Platform"
    assert "grace@example.com" in page.inner_text("#group-members")
    assert "Okta Verify" in page.inner_text("#group-apps")
    page.screenshot(path=str(shots(tmp_path) / "okta-group.png"), full_page=True)
    page.locator("#group-apps a").first.click()
    assert page.locator("h2").inner_text() == "Okta Verify"
    assert (
        user["id"] in page.inner_text("#app-users")
        and "grace@example.com" in page.inner_text("#app-users")
        and "Platform" in page.inner_text("#app-groups")
    )
    page.screenshot(path=str(shots(tmp_path) / "okta-app.png"), full_page=True)


def test_browser_filters_the_system_log(page: Any, org: Org, tmp_path: Path) -> None:
    user = org.user("Hal", "hal@example.com")
    group = org.group("Support")
    org.add(group, user["id"])
    page.goto(f"{org.base_url}/_twin/views/log")
    assert "user.lifecycle.create" in page.inner_text("#log")
    page.select_option("#eventType", "group.user_membership.add")
    page.click("#log-filter button")
    page.wait_for_url(re.compile(r"eventType=group\.user_membership\.add"))
    rows = page.locator("#log tr")
    assert rows.count() == 2  # the header and the one membership change
    assert "hal@example.com" in rows.nth(1).inner_text() and "Support" in rows.nth(1).inner_text()
    assert "user.lifecycle.create" not in page.inner_text("#log")
    page.screenshot(path=str(shots(tmp_path) / "okta-log.png"), full_page=True)
