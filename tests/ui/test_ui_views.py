"""Views (``@view`` pages at ``/_twin/views/NAME``) and the request log's errors, filters and bodies, through the
ASGI app with the small twin of ``twin_app.py`` (no browser)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from twingen.runtime import Registry, view
from twingen.runtime.control.requestlog import BODY_LIMIT

from .twin_app import BOT, make_app

HOSTILE = "<script>window.__xss=1</script>&amp;"


@pytest.fixture
def client() -> Iterator[TestClient]:
    with TestClient(make_app(), raise_server_exceptions=True) as found:
        yield found


def post(client: TestClient, text: str = "hello", channel: str = "C1") -> dict[str, object]:
    answer = client.post("/api/chat.postMessage", headers=BOT, data={"channel": channel, "text": text})
    return answer.json()  # type: ignore[no-any-return]


def section(html: str, anchor: str) -> str:
    found = re.search(rf'<section id="{anchor}">(.*?)</section>', html, re.S)
    assert found, f"no section {anchor}"
    return found.group(1)


def test_console_links_the_listed_views_and_a_view_shows_state_escaped(client: TestClient) -> None:
    views = section(client.get("/_twin/").text, "views")
    assert 'href="/_twin/views/channels"' in views
    assert "/_twin/views/channel?" not in views and 'views/channel"' not in views  # one object's view is not listed
    listing = client.get("/_twin/views/channels")
    assert "default-src 'none'" in listing.headers["content-security-policy"]
    assert listing.status_code == 200 and listing.headers["content-type"] == "text/html; charset=utf-8"
    assert (
        'href="/_twin/views/channel?id=C1"' in listing.text and '<code class="id" title="id">C1</code>' in listing.text
    )
    post(client, HOSTILE)
    page = client.get("/_twin/views/channel?id=C1").text
    assert "<h2>#general</h2>" in page
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;&amp;amp;" in page and "<script" not in page.lower()
    post(client, "second")
    assert "second" in client.get("/_twin/views/channel?id=C1").text  # rendered per request: a refresh shows it


def test_unknown_view_and_missing_object_are_404(client: TestClient) -> None:
    unknown = client.get("/_twin/views/nothing")
    assert unknown.status_code == 404 and unknown.json()["error"] == "not_found"
    missing = client.get("/_twin/views/channel?id=C404")
    assert missing.status_code == 404 and "no channel &#x27;C404&#x27;" in missing.text
    assert client.get("/_twin/views/channels?tenant=nobody").status_code == 404


def test_two_views_of_one_name_are_refused() -> None:
    import types

    first, second = types.ModuleType("first"), types.ModuleType("second")
    first.v = view("same")(lambda ctx: "a")  # type: ignore[attr-defined]
    second.v = view("same")(lambda ctx: "b")  # type: ignore[attr-defined]
    with pytest.raises(ValueError, match="two views for 'same'"):
        Registry.from_modules([first, second])


def test_vendor_error_in_a_200_is_an_error_in_the_log_and_filters(client: TestClient) -> None:
    post(client, "fine")
    refused = post(client, "lost", channel="CNOPE")
    assert refused == {"ok": False, "error": "channel_not_found"}
    entries = client.get("/_twin/requests").json()["requests"]
    assert [(e["status"], e["error"]) for e in entries] == [(200, False), (200, True)]
    errors = client.get("/_twin/requests", params={"status": "error"}).json()["requests"]
    assert [e["seq"] for e in errors] == [2]
    assert [e["seq"] for e in client.get("/_twin/requests", params={"status": "ok"}).json()["requests"]] == [1]
    assert len(client.get("/_twin/requests", params={"status": "2xx"}).json()["requests"]) == 2
    log = section(client.get("/_twin/").text, "requests")
    assert log.count('<tr class="error"') == 1 and "200 error" in log
    only_errors = section(client.get("/_twin/", params={"status": "error"}).text, "requests")
    assert "lost" not in only_errors and only_errors.count('data-seq="') == 1
    by_op = section(client.get("/_twin/", params={"op": "auth.test"}).text, "requests")
    assert "No requests match." in by_op
    assert '<option value="error" selected>errors</option>' in section(
        client.get("/_twin/", params={"status": "error"}).text, "requests"
    )


def test_a_requests_bodies_are_viewable_and_bounded(client: TestClient) -> None:
    post(client, HOSTILE)
    found = client.get("/_twin/requests/1").json()
    assert "text=%3Cscript%3E" in found["request_body"] and found["request_type"].startswith("application/x-www-form")
    assert '"ts":"1.000000"' in found["answer_body"].replace(" ", "") and found["answer_truncated"] is False
    page = client.get("/_twin/", params={"request": "1"}).text
    detail = section(page, "request")
    assert "Request 1: POST /api/chat.postMessage" in detail and "&quot;ts&quot;: &quot;1.000000&quot;" in detail
    assert client.get("/_twin/requests/99").status_code == 404
    assert client.get("/_twin/requests/x").status_code == 404
    post(client, "y" * (BODY_LIMIT * 2))
    big = client.get("/_twin/requests/2").json()
    assert big["request_truncated"] is True and len(big["request_body"]) == BODY_LIMIT


def test_bodies_that_are_not_text_are_summarised(client: TestClient) -> None:
    client.post(
        "/api/auth.test", headers={**BOT, "content-type": "application/octet-stream"}, content=bytes([255, 0]) * 8
    )
    found = client.get("/_twin/requests/1").json()
    assert found["request_encoding"] == "base64"
    assert "16 bytes of binary data" in section(client.get("/_twin/", params={"request": "1"}).text, "request")
