"""The page and its form actions through the ASGI app (no browser): content, escaping, actions, refusals."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from twingen.runtime.control.ui import plane

from .twin_app import BOT, make_app

HOSTILE = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">&amp;'


@pytest.fixture
def client() -> Iterator[TestClient]:
    with TestClient(make_app(), raise_server_exceptions=True) as found:
        yield found


def post(client: TestClient, text: str = "hello") -> dict[str, object]:
    return client.post("/api/chat.postMessage", headers=BOT, data={"channel": "C1", "text": text}).json()  # type: ignore[no-any-return]


def section(html: str, anchor: str) -> str:
    found = re.search(rf'<section id="{anchor}">(.*?)</section>', html, re.S)
    assert found, f"no section {anchor}"
    return found.group(1)


def test_page_has_every_section(client: TestClient) -> None:
    post(client)
    answer = client.get("/_twin/")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "text/html; charset=utf-8"
    html = answer.text
    for anchor in ("controls", "faults", "requests", "resources", "coverage"):
        section(html, anchor)
    assert "messages: 1" in section(html, "resources") and "channels: 1" in section(html, "resources")
    assert "chat.postMessage" in section(html, "requests")
    coverage = section(html, "coverage")
    assert "3 operations: 2 behaviour, 0 inferred, 1 stub" in coverage
    assert "<script" not in html.lower()  # the page itself needs no script at all


def test_user_data_is_shown_as_text(client: TestClient) -> None:
    post(client, HOSTILE)
    html = client.get("/_twin/", params={"msg": "<b>flash</b>"}).text
    assert HOSTILE not in html and "<script" not in html.lower() and "<img" not in html.lower()
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in html
    assert "&amp;amp;" in html  # an entity in the data is shown as typed, not decoded
    assert "&lt;b&gt;flash&lt;/b&gt;" in html
    assert "Slack &lt;Web&gt; API twin" in html


def test_forms_act_and_redirect_back(client: TestClient) -> None:
    post(client)
    answer = client.post("/_twin/ui/snapshot", follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"].startswith("/_twin/?msg=Snapshot")
    taken = re.search(r"Snapshot (\S+) taken", client.get(answer.headers["location"]).text)
    assert taken
    post(client)
    assert client.post("/_twin/ui/reset").status_code == 200  # followed to the page
    assert post(client)["count"] == 1
    page = client.post("/_twin/ui/restore", data={"id": taken.group(1)}).text
    assert f"Restored {taken.group(1)}" in page
    assert post(client)["count"] == 2
    assert "Restore failed" in client.post("/_twin/ui/restore", data={"id": "no-such"}).text
    client.post("/_twin/ui/requests/clear")
    assert "No requests yet." in client.get("/_twin/").text


def test_fault_switches_and_rules(client: TestClient) -> None:
    page = client.post("/_twin/ui/faults/switch", data={"preset": "0", "to": "on"}).text
    assert "Rate limited (ratelimited): ON" in section(page, "faults")
    assert post(client) == {"ok": False, "error": "ratelimited"}
    log = section(client.get("/_twin/").text, "requests")
    assert "429" in log and "error:ratelimited" in log
    page = client.post("/_twin/ui/faults/switch", data={"preset": "0", "to": "off"}).text
    assert "Rate limited (ratelimited): OFF" in section(page, "faults")
    assert post(client)["ok"] is True

    form = {"operation": "chat.postMessage", "kind": "error", "error": "channel_not_found", "count": "1"}
    page = client.post("/_twin/ui/faults/add", data=form).text
    rule = re.search(r'name="id" value="([^"]+)"><button>Turn off', page)
    assert rule, section(page, "faults")
    assert post(client)["error"] == "channel_not_found"
    assert post(client)["ok"] is True  # count=1: spent
    client.post("/_twin/ui/faults/remove", data={"id": rule.group(1)})
    assert "No fault rules" in section(client.get("/_twin/").text, "faults")
    assert "needs the vendor" in client.post("/_twin/ui/faults/add", data={"kind": "error"}).text
    assert "Numbers please" in client.post("/_twin/ui/faults/add", data={"kind": "drop", "count": "x"}).text
    client.post("/_twin/ui/faults/add", data={"kind": "latency", "latency_ms": "1"})
    assert "All fault rules off" in client.post("/_twin/ui/faults/clear").text


def test_cross_site_posts_and_other_methods_are_refused(client: TestClient) -> None:
    post(client)
    evil = client.post("/_twin/ui/reset", headers={"origin": "https://evil.example"}, follow_redirects=False)
    assert evil.status_code == 403
    fetch = client.post("/_twin/ui/reset", headers={"sec-fetch-site": "cross-site"}, follow_redirects=False)
    assert fetch.status_code == 403
    assert client.get("/_twin/ui/reset").status_code == 405
    assert client.post("/_twin/ui/nothing").status_code == 404
    assert post(client)["count"] == 2  # nothing was reset
    same = client.post("/_twin/ui/reset", headers={"origin": "http://testserver"}, follow_redirects=False)
    assert same.status_code == 303


def test_missing_control_endpoints_show_as_not_available(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    real = plane.call

    def older_runtime(twin: object, method: str, path: str, *args: object, **kwargs: object) -> plane.Answer:
        if path in ("/faults", "/requests", "/snapshot"):
            return plane.Answer(404, {"error": "not_found", "message": f"no control endpoint {method} {path}"})
        return real(twin, method, path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(plane, "call", older_runtime)
    html = client.get("/_twin/").text
    assert "fault rules: not available" in section(html, "faults")
    assert "the request log: not available" in section(html, "requests")
    assert "Snapshot is not available" in client.post("/_twin/ui/snapshot").text


def test_big_collections_show_a_page_of_records(client: TestClient) -> None:
    messages = client.app.twin.state.collection("messages")  # type: ignore[attr-defined]
    for n in range(5000):
        messages.put(str(n), {"ts": str(n), "text": f"m{n}"})
    resources = section(client.get("/_twin/").text, "resources")
    assert "messages: 5,000 (first 20 shown)" in resources
    assert resources.count('class="record"') == 20 + 1  # + the seeded channel
