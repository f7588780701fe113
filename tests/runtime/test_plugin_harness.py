"""The handle the plugin's fixtures yield, used directly: in-process, and against a runtime without features."""

from __future__ import annotations

import httpx
import orjson
import pytest

from twingen.runtime.serving.bridge import AppRunner
from twingen.runtime.serving.harness import ControlError, TwinFeatureMissing, TwinHandle, start_twin

from .conftest import make_app

BOT = {"Authorization": "Bearer xoxb-test-bot"}


def test_in_process_handle() -> None:
    with start_twin(app=make_app("slack"), inprocess=True) as twin:
        assert twin.inprocess and twin.base_url == "https://example.com" and twin.api_url == "https://example.com"
        assert twin.token("bot") == "xoxb-test-bot" and set(twin.credentials) == {"bot", "user"}
        with httpx.Client(transport=twin.transport(), base_url=twin.base_url) as client:
            assert client.post("/api/auth.test", headers=BOT).json()["user_id"] == "U0BOT"
            twin.faults.add(operation="chat.postMessage", count=1, action={"error": "channel_not_found"})
            assert len(twin.faults.list()) == 1
            failed = client.post("/api/chat.postMessage", headers=BOT, data={"channel": "C", "text": "x"}).json()
            assert failed == {"ok": False, "error": "channel_not_found"}
        assert [r["operation"] for r in twin.requests()] == ["auth.test", "chat.postMessage"]
        with pytest.raises(ControlError) as error:
            twin.faults.add(operation="*", action={})
        assert error.value.status == 400


def test_a_runtime_without_snapshots_or_faults_falls_back_to_reset() -> None:
    app = make_app("generic")
    calls: list[tuple[str, str]] = []

    def older_runtime(method: str, path: str, body: bytes | None) -> tuple[int, bytes]:
        calls.append((method, path))
        if path in ("/_twin/snapshot", "/_twin/faults", "/_twin/requests"):
            return 404, orjson.dumps({"error": "not_found", "message": f"no control endpoint {method} {path}"})
        return 200, b'{"status": "ok"}'

    twin = TwinHandle(app, "http://127.0.0.1:1", older_runtime, inprocess=False, runner=AppRunner(app))
    twin.isolate()
    twin.isolate()
    assert calls == [
        ("POST", "/_twin/snapshot"),
        ("POST", "/_twin/reset"),
        ("DELETE", "/_twin/faults"),
        ("POST", "/_twin/reset"),  # snapshots are not asked for again
        ("DELETE", "/_twin/faults"),
    ]
    with pytest.raises(TwinFeatureMissing, match="no control endpoint GET /_twin/requests"):
        twin.requests()
