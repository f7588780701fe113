"""The kits' views (Slack; Google Drive, Sheets, Docs) over the committed twins served on loopback: what a
client did through the vendor's API is found in the vendor-shaped page, linked, with its ids, per tenant."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from slack_sdk.errors import SlackApiError

from . import kit_servers
from .kit_servers import Served

pytestmark = pytest.mark.network_loopback


@pytest.fixture(scope="module")
def slack_twin(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    yield from kit_servers.serve("slack", tmp_path_factory.mktemp("views"))


@pytest.fixture(scope="module")
def google_twin(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    yield from kit_servers.serve("google", tmp_path_factory.mktemp("views"))


@pytest.fixture
def slack(slack_twin: Served) -> Served:
    slack_twin.reset()
    return slack_twin


@pytest.fixture
def google(google_twin: Served) -> Served:
    google_twin.reset()
    return google_twin


def page(served: Served, path: str, **params: str) -> str:
    answer = httpx.get(served.base_url + path, params=params, timeout=30)
    assert answer.status_code == 200, answer.text[:500]
    return answer.text


def test_slack_message_thread_reaction_pin_and_file_in_the_channel_view(slack: Served) -> None:
    client = kit_servers.slack(slack)
    channel = kit_servers.general(client)
    posted = client.chat_postMessage(channel=channel, text="Deploy <done> & dusted")
    client.chat_postMessage(channel=channel, text="which build?", thread_ts=posted["ts"])
    client.reactions_add(channel=channel, timestamp=posted["ts"], name="tada")
    client.pins_add(channel=channel, timestamp=posted["ts"])
    uploaded = client.files_upload_v2(channel=channel, content=b"log lines", filename="build.log", title="build.log")
    listing = page(slack, "/_twin/views/channels")
    assert f'href="/_twin/views/channel?id={channel}"' in listing
    html = page(slack, "/_twin/views/channel", id=channel)
    assert "<h2>#general</h2>" in html
    message = re.search(rf'<div class="msg" id="m{re.escape(posted["ts"])}".*?</div></div>', html, re.S)
    assert message, "the posted message is not in the channel view"
    shown = message.group(0)
    assert "Deploy &lt;done&gt; &amp; dusted" in shown and f'<code class="id" title="id">{posted["ts"]}</code>' in shown
    assert ":tada: 1" in shown and "pinned" in shown
    assert "which build?" in html and "1 replies" in html
    user_id = posted["message"]["user"]
    assert f'href="/_twin/views/user?id={user_id}"' in shown  # the author links to their view
    assert uploaded["file"]["id"] in html and "build.log" in html
    person = page(slack, "/_twin/views/user", id=user_id)
    assert f'href="/_twin/views/channel?id={channel}"' in person and "build.log" in person
    assert user_id in page(slack, "/_twin/views/users")


def test_slack_direct_messages_are_listed_by_the_other_person(slack: Served) -> None:
    client = kit_servers.slack(slack, "user")
    me = client.auth_test()["user_id"]
    other = next(
        u for u in client.users_list()["members"] if u["id"] != me and not u.get("is_bot") and u["id"] != "USLACKBOT"
    )
    dm = client.conversations_open(users=other["id"])["channel"]["id"]
    client.chat_postMessage(channel=dm, text="just between us")
    listing = page(slack, "/_twin/views/channels")
    row = re.search(rf'<tr><td><a href="/_twin/views/channel\?id={dm}">(.*?)</tr>', listing, re.S)
    assert row and f"@{other['name']}" in row.group(1) and "direct message" in row.group(1)
    assert "just between us" in page(slack, "/_twin/views/channel", id=dm)


def test_slack_views_are_per_tenant(slack: Served) -> None:
    made = httpx.post(f"{slack.base_url}/_twin/tenants", json={"name": "views-tenant"}, timeout=30).json()
    tokens = {c["name"]: c["token"] for c in made["credentials"]}
    other = kit_servers.slack(Served(slack.base_url, tokens))
    channel = kit_servers.general(other)
    other.chat_postMessage(channel=channel, text="only in the tenant")
    tenant = made["id"]
    mine = page(slack, "/_twin/views/channel", id=channel, tenant=tenant)
    assert "only in the tenant" in mine and f"tenant={tenant}" in mine  # links keep the tenant
    default_general = kit_servers.general(kit_servers.slack(slack))
    assert "only in the tenant" not in page(slack, "/_twin/views/channel", id=default_general)
    console = page(slack, "/_twin/")
    assert f'href="/_twin/views/channels?tenant={tenant}"' in console


def test_slack_ok_false_is_an_error_in_the_console(slack: Served) -> None:
    client = kit_servers.slack(slack)
    with pytest.raises(SlackApiError):
        client.chat_postMessage(channel="C0NOSUCH", text="lost")
    entries = httpx.get(f"{slack.base_url}/_twin/requests", params={"status": "error"}, timeout=30).json()["requests"]
    assert [(e["operation"], e["status"]) for e in entries] == [("chat.postMessage", 200)]
    found = httpx.get(f"{slack.base_url}/_twin/requests/{entries[0]['seq']}", timeout=30).json()
    assert '"error":"channel_not_found"' in found["answer_body"] and "C0NOSUCH" in found["request_body"]


def test_drive_upload_in_the_folder_tree_and_the_file_view(google: Served) -> None:
    folder = kit_servers.drive_folder(google, "Reports <2026>")
    made = kit_servers.drive_upload(google, "q1.txt", b"first quarter", parent=folder)
    tree = page(google, "/_twin/views/drive")
    branch = re.search(rf'<li data-id="{folder}">(.*)', tree, re.S)
    assert branch and f'<li data-id="{made["id"]}">' in branch.group(1), "the file is not under its folder"
    assert "Reports &lt;2026&gt;" in tree and "owner@example.com" in tree
    with google.http("owner") as http:
        permission = {"type": "user", "role": "reader", "emailAddress": "other@example.com"}
        http.post(f"/drive/v3/files/{made['id']}/permissions", json=permission).raise_for_status()
    shown = page(google, "/_twin/views/file", id=made["id"])
    assert "other@example.com" in shown and "reader" in shown  # sharing
    revisions = re.search(r'<table id="revisions">(.*?)</table>', shown, re.S)
    assert revisions and revisions.group(1).count("<tr>") == 2  # header + the upload's revision
    assert f'href="/_twin/views/file?id={folder}"' in shown  # its folder links back


def test_sheets_grid_shows_computed_values_with_formulas_on_hover(google: Served) -> None:
    book = kit_servers.sheet_with_formula(google, "Prices")
    assert f'href="/_twin/views/sheet?id={book}"' in page(google, "/_twin/views/sheets")
    grid = page(google, "/_twin/views/sheet", id=book)
    assert '<td title="=B2*3" class="formula" data-cell="C2">6</td>' in grid
    assert '<td title="=SUM(B2:B3)" class="formula" data-cell="C3">6.5</td>' in grid
    assert '<td data-cell="A3">cake</td>' in grid


def test_docs_document_rendered_with_its_styles(google: Served) -> None:
    doc = kit_servers.doc_with_styles(google, "Plan")
    assert f'href="/_twin/views/doc?id={doc}"' in page(google, "/_twin/views/docs")
    shown = page(google, "/_twin/views/doc", id=doc)
    assert '<h1 data-style="HEADING_1"><span>Launch plan</span></h1>' in shown
    assert "<strong>Ship</strong>" in shown and "<em>today</em>" in shown
    assert re.search(r"<ul><li[^>]*><span>write tests</span></li><li[^>]*><span>record views</span></li></ul>", shown)


def test_views_do_not_change_state(google: Served, tmp_path: Path) -> None:
    before = httpx.get(f"{google.base_url}/_twin/tenants/default", timeout=30).json()
    for view in ("drive", "drive_users", "sheets", "docs"):
        page(google, f"/_twin/views/{view}")
    assert httpx.get(f"{google.base_url}/_twin/tenants/default", timeout=30).json() == before
