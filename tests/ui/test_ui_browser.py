"""The UI in a real headless browser (Debian's chromium driven by playwright): click a fault on, watch a
call fail in the log, reset; user data stays text. Missing browser pieces FAIL with what to install."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from twingen.runtime.serving.harness import ThreadServer

from .twin_app import BOT, make_app

pytestmark = pytest.mark.network_loopback

CHROMIUM = os.environ.get("TWIN_UI_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
INSTALL = "apt-get update && apt-get install -y chromium && pip install playwright"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail(f"the UI browser test needs playwright (python package): {INSTALL}")
    if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        pytest.fail(f"the UI browser test needs Debian's chromium at {CHROMIUM}: {INSTALL}")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def served() -> Iterator[str]:
    server = ThreadServer(make_app())
    server.start()
    yield server.base_url
    server.stop()


def call(base_url: str, text: str = "hello") -> dict[str, Any]:
    answer = httpx.post(f"{base_url}/api/chat.postMessage", headers=BOT, data={"channel": "C1", "text": text})
    return answer.json()  # type: ignore[no-any-return]


def test_fault_on_failed_call_in_the_log_then_reset(browser: Any, served: str, tmp_path: Path) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(10_000)
    page.goto(f"{served}/_twin/")
    assert page.title() == "Slack <Web> API twin"
    assert call(served, "before the fault")["ok"] is True

    page.click("#switch-0")  # Rate limited: OFF -> ON
    assert page.inner_text("#switch-0") == "Rate limited (ratelimited): ON"
    assert "Rate limited (ratelimited): on" in page.inner_text(".flash")
    assert call(served, "during the fault") == {"ok": False, "error": "ratelimited"}

    page.click("header >> text=refresh")
    newest = page.locator("#request-log tr").nth(1)  # row 0 is the header; newest first
    assert "chat.postMessage" in newest.inner_text()
    assert "429" in newest.inner_text() and "error:ratelimited" in newest.inner_text()
    assert "bad" in (newest.locator("td.bad").first.get_attribute("class") or "")
    page.screenshot(path=str(tmp_path / "ui-fault.png"), full_page=True)
    assert "favicon" not in page.inner_text("#request-log")  # the page's own requests are not vendor calls

    page.click("#reset")
    assert "State reset to the seed" in page.inner_text(".flash")
    assert page.inner_text("#switch-0") == "Rate limited (ratelimited): OFF"
    assert "No fault rules" in page.inner_text("#faults")
    assert call(served, "after the reset") == {"ok": True, "ts": "1.000000", "count": 1}


def test_snapshot_and_restore_buttons(browser: Any, served: str) -> None:
    page = browser.new_page()
    page.set_default_timeout(10_000)
    call(served, "kept")
    page.goto(f"{served}/_twin/")
    page.click("#snapshot")
    taken = page.input_value("#controls input[name=id]")
    assert taken and f"Snapshot {taken} taken" in page.inner_text(".flash")
    call(served, "dropped by the restore")
    page.click("#restore")
    assert f"Restored {taken}" in page.inner_text(".flash")
    page.click("#resources summary >> text=messages")
    assert "kept" in page.inner_text("#resources") and "dropped by the restore" not in page.inner_text("#resources")


def test_script_in_a_message_is_text_not_code(browser: Any, served: str, tmp_path: Path) -> None:
    hostile = "<script>window.__xss = 1</script><img src=x onerror='window.__xss = 2'>"
    call(served, hostile)
    page = browser.new_page()
    page.set_default_timeout(10_000)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{served}/_twin/")
    page.click("#resources summary >> text=messages")
    assert hostile in page.inner_text("#resources")  # shown exactly as the user typed it
    assert page.evaluate("() => window.__xss") is None
    assert page.locator("#resources img, #resources script").count() == 0
    assert dialogs == []
    page.screenshot(path=str(tmp_path / "ui-escaped.png"), full_page=True)
