"""The views in a real headless browser (Debian's chromium, as ``test_ui_browser.py``): a client acts through the
vendor's API, then a user follows the console's links to the vendor-shaped page and finds what it did.

Each test saves a screenshot; with ``TWIN_VIEWS_SCREENSHOTS=docs/views`` they land there (the README shows them),
else in the test's temporary directory.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from slack_sdk.errors import SlackApiError

from . import kit_servers
from .kit_servers import Served
from .test_ui_browser import browser  # noqa: F401  (the chromium fixture)

pytestmark = pytest.mark.network_loopback


@pytest.fixture(scope="module")
def slack_twin(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    yield from kit_servers.serve("slack", tmp_path_factory.mktemp("views"))


@pytest.fixture(scope="module")
def google_twin(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    yield from kit_servers.serve("google", tmp_path_factory.mktemp("views"))


@pytest.fixture
def tab(browser: Any) -> Iterator[Any]:  # noqa: F811
    context = browser.new_context(viewport={"width": 1200, "height": 760})
    found = context.new_page()
    found.set_default_timeout(15_000)
    yield found
    context.close()


def shoot(tab: Any, name: str, tmp_path: Path) -> None:
    folder = Path(os.environ.get("TWIN_VIEWS_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(folder / f"{name}.png"), full_page=True)
    assert (folder / f"{name}.png").stat().st_size > 1000


def test_a_message_posted_with_slack_sdk_is_in_the_channel_view(slack_twin: Served, tab: Any, tmp_path: Path) -> None:
    slack_twin.reset()
    client = kit_servers.slack(slack_twin)
    channel = kit_servers.general(client)
    posted = client.chat_postMessage(channel=channel, text="Release 1.4 is out <script>alert(1)</script>")
    client.chat_postMessage(channel=channel, text="Changelog?", thread_ts=posted["ts"])
    client.chat_postMessage(channel=channel, text="In the docs", thread_ts=posted["ts"])
    client.reactions_add(channel=channel, timestamp=posted["ts"], name="rocket")
    client.pins_add(channel=channel, timestamp=posted["ts"])
    client.files_upload_v2(channel=channel, content=b"1.4 notes", filename="notes.txt", title="notes.txt")
    tab.goto(slack_twin.base_url + "/_twin/")
    tab.locator("#views a", has_text="Channels and DMs").first.click()
    tab.locator("#channels a", has_text="#general").click()
    message = tab.locator(f'[data-ts="{posted["ts"]}"]')
    assert "Release 1.4 is out <script>alert(1)</script>" in message.inner_text()  # shown as text, not run
    assert tab.evaluate("document.querySelectorAll('#messages script').length") == 0
    assert ":rocket: 1" in message.inner_text() and "pinned" in message.inner_text()
    assert "In the docs" in message.locator(".thread").inner_text()
    assert "notes.txt" in tab.locator("#messages").inner_text()
    shoot(tab, "slack-channel", tmp_path)
    client.chat_postMessage(channel=channel, text="posted after the page opened")
    tab.reload()
    assert "posted after the page opened" in tab.locator("#messages").inner_text()  # a refresh shows it
    message.locator(".who a").first.click()  # the author's page
    assert tab.locator("h2").inner_text() and "#general" in tab.locator("#view").inner_text()
    tab.goto(slack_twin.base_url + "/_twin/views/users")
    shoot(tab, "slack-users", tmp_path)


def test_an_ok_false_call_is_an_error_in_the_console(slack_twin: Served, tab: Any, tmp_path: Path) -> None:
    slack_twin.reset()
    client = kit_servers.slack(slack_twin)
    client.chat_postMessage(channel=kit_servers.general(client), text="fine")
    with pytest.raises(SlackApiError):
        client.chat_postMessage(channel="C0NOSUCH", text="lost")
    tab.goto(slack_twin.base_url + "/_twin/")
    failed = tab.locator("#request-log tr.error")
    assert failed.count() == 1 and "200 error" in failed.inner_text()
    tab.select_option("#request-filter select[name=status]", "error")
    tab.locator("#request-filter button").click()
    assert tab.locator("#request-log tr[data-seq]").count() == 1
    tab.locator("#request-log tr.error a.bodies").click()
    detail = tab.locator("#request").inner_text()
    assert "channel_not_found" in detail and "C0NOSUCH" in detail
    shoot(tab, "console-errors", tmp_path)


def test_an_uploaded_drive_file_is_in_the_folder_tree(google_twin: Served, tab: Any, tmp_path: Path) -> None:
    google_twin.reset()
    folder = kit_servers.drive_folder(google_twin, "Quarterly reports")
    made = kit_servers.drive_upload(google_twin, "q3.txt", b"third quarter", parent=folder)
    kit_servers.sheet_with_formula(google_twin, "Prices")
    kit_servers.doc_with_styles(google_twin, "Launch plan")
    tab.goto(google_twin.base_url + "/_twin/")
    tab.locator("#views a", has_text="Drive").first.click()
    inside = tab.locator(f'li[data-id="{folder}"] li[data-id="{made["id"]}"]')
    assert "q3.txt" in inside.inner_text() and made["id"] in inside.inner_text()
    shoot(tab, "drive-tree", tmp_path)
    inside.locator("a", has_text="q3.txt").click()
    assert tab.locator("#revisions tr").count() == 2
    shoot(tab, "drive-file", tmp_path)


def test_sheets_values_show_as_a_computed_grid(google_twin: Served, tab: Any, tmp_path: Path) -> None:
    google_twin.reset()
    book = kit_servers.sheet_with_formula(google_twin, "Prices")
    tab.goto(google_twin.base_url + "/_twin/views/sheets")
    tab.locator("#spreadsheets a", has_text="Prices").click()
    total = tab.locator('#grid td[data-cell="C3"]')
    assert total.inner_text() == "6.5" and total.get_attribute("title") == "=SUM(B2:B3)"
    total.hover()
    assert book in tab.locator("#view").inner_text()
    shoot(tab, "sheets-grid", tmp_path)


def test_docs_text_shows_with_its_styles(google_twin: Served, tab: Any, tmp_path: Path) -> None:
    google_twin.reset()
    kit_servers.doc_with_styles(google_twin, "Launch plan")
    tab.goto(google_twin.base_url + "/_twin/views/docs")
    tab.locator("#documents a", has_text="Launch plan").click()
    document = tab.locator("#document")
    assert document.locator("h1").inner_text() == "Launch plan"
    assert document.locator("strong").inner_text() == "Ship" and document.locator("em").inner_text() == "today"
    assert document.locator("ul li").all_inner_texts() == ["write tests", "record views"]
    shoot(tab, "docs-document", tmp_path)
