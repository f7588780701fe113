"""The Jira views over the committed twin's spec with the kit's behaviour, served on loopback: the board's columns
follow status categories, an issue shows its fields, comments and history, and the JQL box runs the kit's
evaluator (or shows Jira's error); the browser tests move an issue and find it in the Done column.

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
DONE, IN_PROGRESS = "31", "21"  # the default workflow's global transitions


class Site:
    def __init__(self, base_url: str, auth: tuple[str, str]) -> None:
        self.base_url = base_url
        self.http = httpx.Client(base_url=base_url + "/rest/api/2", auth=auth, timeout=30)

    def project(self, key: str, name: str) -> None:
        me = self.http.get("/myself").json()["accountId"]
        made = self.http.post(
            "/project", json={"key": key, "name": name, "projectTypeKey": "software", "leadAccountId": me}
        )
        assert made.status_code == 201, made.text

    def issue(self, key: str, summary: str, **fields: Any) -> str:
        sent = {"project": {"key": key}, "summary": summary, "issuetype": {"name": "Task"}, **fields}
        made = self.http.post("/issue", json={"fields": sent})
        assert made.status_code == 201, made.text
        return str(made.json()["key"])

    def move(self, key: str, transition: str) -> None:
        moved = self.http.post(f"/issue/{key}/transitions", json={"transition": {"id": transition}})
        assert moved.status_code == 204, moved.text

    def page(self, path: str, **params: str) -> str:
        answer = httpx.get(self.base_url + "/_twin/views/" + path, params=params, timeout=30)
        assert answer.status_code == 200, answer.text[:500]
        return answer.text


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, tuple[str, str]]]:
    server = ThreadServer(kit_twins.load("jira", tmp_path_factory.mktemp("views")))
    server.start()
    try:
        listed = httpx.get(f"{server.base_url}/_twin/credentials", timeout=30).json()["credentials"]
        admin = next(c for c in listed if c["name"] == "basic")
        yield server.base_url, (admin["username"], admin["password"])
    finally:
        server.stop()


@pytest.fixture
def site(served: tuple[str, tuple[str, str]]) -> Iterator[Site]:
    base_url, auth = served
    httpx.post(f"{base_url}/_twin/reset", timeout=30).raise_for_status()
    made = Site(base_url, auth)
    made.project("OPS", "Operations")
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


def column(html: str, name: str) -> str:
    found = re.search(rf'<div class="column" id="column-{name}"[^>]*>(.*?)(?=<div class="column"|$)', html, re.S)
    assert found, f"no column {name}"
    return found.group(1)


def test_board_columns_follow_the_status_category(site: Site) -> None:
    first, second, third = (site.issue("OPS", s) for s in ("Rotate keys", "Patch hosts", "Write runbook"))
    site.move(second, IN_PROGRESS)
    site.move(third, DONE)
    board = site.page("board", project="OPS")
    assert "<h2>OPS board · Operations</h2>" in board
    assert f'data-key="{first}"' in column(board, "to-do") and f'data-key="{first}"' not in column(board, "done")
    assert f'data-key="{second}"' in column(board, "in-progress")
    assert f'data-key="{third}"' in column(board, "done") and "Done (1)" in board
    assert f'href="/_twin/views/issue?key={third}"' in board and f'<code class="id" title="id">{third}</code>' in board
    default = site.page("board")  # the site's first project when none is named
    assert "<h2>OPS board · Operations</h2>" in default and column(default, "done") == column(board, "done")


def test_issue_shows_fields_comments_and_history(site: Site) -> None:
    key = site.issue("OPS", "Renew certificate", labels=["tls"], description="before Friday")
    site.http.post(f"/issue/{key}/comment", json={"body": "renewed on staging"}).raise_for_status()
    site.move(key, DONE)
    shown = site.page("issue", key=key)
    assert f"<h2>{key}: Renew certificate</h2>" in shown
    fields = re.search(r'<table id="fields">(.*?)</table>', shown, re.S)
    assert fields and "Done" in fields.group(1) and "tls" in fields.group(1) and "before Friday" in fields.group(1)
    assert "Twin Admin" in fields.group(1) and "Medium" in fields.group(1)
    assert "renewed on staging" in re.search(r'<div id="comments">(.*?)</div></div></div>', shown, re.S).group(1)  # type: ignore[union-attr]
    history = re.search(r'<table id="history">(.*?)</table>', shown, re.S)
    assert history and '<td>status</td><td><span class="text">To Do</span></td>' in history.group(1)
    assert "<td>resolution</td>" in history.group(1)
    assert 'href="/_twin/views/board?project=OPS"' in shown


def test_issue_links_read_from_each_end(site: Site) -> None:
    blocker, blocked = site.issue("OPS", "Order hardware"), site.issue("OPS", "Rack servers")
    sent = {"type": {"name": "Blocks"}, "inwardIssue": {"key": blocker}, "outwardIssue": {"key": blocked}}
    assert site.http.post("/issueLink", json=sent).status_code == 201
    seen = site.http.get(f"/issue/{blocker}", params={"fields": "issuelinks"}).json()["fields"]["issuelinks"][0]
    phrase = "blocks" if "outwardIssue" in seen else "is blocked by"  # as the REST answer reads from this end
    mine = re.search(r'<table id="links">(.*?)</table>', site.page("issue", key=blocker), re.S)
    assert mine and f'<td>{phrase}</td><td><a href="/_twin/views/issue?key={blocked}">' in mine.group(1)
    theirs = re.search(r'<table id="links">(.*?)</table>', site.page("issue", key=blocked), re.S)
    assert theirs and f'?key={blocker}"' in theirs.group(1)


def test_jql_search_runs_the_kits_evaluator_and_shows_jiras_error(site: Site) -> None:
    open_one = site.issue("OPS", "Still open")
    closed = site.issue("OPS", "Closed one")
    site.move(closed, DONE)
    found = site.page("search", jql="project = OPS AND statusCategory = Done")
    results = re.search(r'<table id="results">(.*?)</table>', found, re.S)
    assert results and closed in results.group(1) and open_one not in results.group(1)
    assert "1 issue<" in found
    everything = site.page("search", jql="project = OPS ORDER BY key ASC")
    assert everything.index(f">{open_one}</a>") < everything.index(f">{closed}</a>")
    bad = site.page("search", jql="project = ")
    assert 'id="jql-error"' in bad and "Error in the JQL Query" in bad
    unknown = site.page("search", jql="nosuchfield = 1")
    assert "Field &#x27;nosuchfield&#x27; does not exist" in unknown
    answer = site.http.get("/search", params={"jql": "nosuchfield = 1"})
    assert answer.status_code == 400 and answer.json()["errorMessages"][0] in unknown.replace("&#x27;", "'")


def test_missing_project_and_issue_are_404(site: Site) -> None:
    assert httpx.get(f"{site.base_url}/_twin/views/issue", params={"key": "OPS-99"}, timeout=30).status_code == 404
    assert httpx.get(f"{site.base_url}/_twin/views/board", params={"project": "NOPE"}, timeout=30).status_code == 404


def test_summaries_comments_and_queries_stay_text(site: Site) -> None:
    key = site.issue("OPS", HOSTILE, description=HOSTILE)
    site.http.post(f"/issue/{key}/comment", json={"body": HOSTILE}).raise_for_status()
    for path, params in (
        ("board", {}),
        ("issue", {"key": key}),
        ("search", {"jql": f'summary ~ "{HOSTILE}"'}),
        ("search", {"jql": HOSTILE}),
    ):
        html = site.page(path, **params)
        assert "<script" not in html.lower(), (path, params)
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in site.page("issue", key=key)


def test_browser_moves_an_issue_to_done_and_searches(page: Any, site: Site, tmp_path: Path) -> None:
    keys = [site.issue("OPS", s) for s in ("Upgrade database", HOSTILE, "Tidy dashboards")]
    site.move(keys[2], IN_PROGRESS)
    dialogs: list[str] = []

    def dismissed(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismissed)
    page.goto(f"{site.base_url}/_twin/views/board?project=OPS")
    assert page.locator(f'#column-to-do [data-key="{keys[0]}"]').count() == 1
    assert page.locator("#column-done .card").count() == 0
    site.move(keys[0], DONE)
    page.click("header >> text=refresh")
    assert page.locator(f'#column-done [data-key="{keys[0]}"]').count() == 1  # found in its new column
    assert page.locator(f'#column-to-do [data-key="{keys[0]}"]').count() == 0
    assert HOSTILE in page.inner_text("#column-to-do") and page.evaluate("() => window.__xss") is None
    assert dialogs == []
    page.screenshot(path=str(shots(tmp_path) / "jira-board.png"), full_page=True)
    site.http.post(f"/issue/{keys[0]}/comment", json={"body": "migrated to 16"}).raise_for_status()
    page.click(f'#column-done a[href*="key={keys[0]}"]')
    assert page.locator("h2").inner_text() == f"{keys[0]}: Upgrade database"
    assert "migrated to 16" in page.inner_text("#comments")
    assert "To Do" in page.inner_text("#history") and "Done" in page.inner_text("#history")
    page.screenshot(path=str(shots(tmp_path) / "jira-issue.png"), full_page=True)
    page.click("nav.views >> text=Search issues")
    page.fill("#jql", "project = OPS AND status = Done")
    page.press("#jql", "Enter")
    page.wait_for_url(re.compile(r"jql="))
    assert keys[0] in page.inner_text("#results") and keys[2] not in page.inner_text("#results")
    page.screenshot(path=str(shots(tmp_path) / "jira-search.png"), full_page=True)
    page.fill("#jql", "project = OPS AND")
    page.press("#jql", "Enter")
    page.wait_for_selector("#jql-error")
    assert "Error in the JQL Query" in page.inner_text("#jql-error")
