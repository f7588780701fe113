"""``--state`` group commit: requests that end together share one transaction, and no answer leaves before the
transaction (the fsync) that covers what it wrote or read.

The fsync is SQLite's, in C, inside ``SqliteStore._transaction``, which returns once COMMIT (and with it the
fsync of ``synchronous=FULL``) is done: the tests hold that call and watch which answers have left meanwhile.
"""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest

from twingen.runtime.state.persistence import SqliteStore

from .conftest import make_app


class Watched:
    """An ASGI app that notes when each answer starts to leave."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.sent: list[tuple[float, str, bytes]] = []

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        body: list[bytes] = []

        async def noting(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.body":
                body.append(message.get("body", b""))
                if not message.get("more_body"):
                    self.sent.append((time.monotonic(), f"{scope['method']} {scope['path']}", b"".join(body)))
            await send(message)

        await self.app(scope, receive, noting)


def _slow_transactions(store: SqliteStore, seconds: float) -> list[tuple[float, float, set[str]]]:
    """Make every transaction take ``seconds`` more; returns (start, end, record keys written) of each."""
    done: list[tuple[float, float, set[str]]] = []
    original = store._transaction

    def held(steps: list[Any]) -> None:
        started = time.monotonic()
        keys = set()
        for sql, parameters, many in steps:
            if "INSERT INTO records" in sql:  # one row per execution, or multi-row: four values a row
                rows = parameters if many else [parameters[i : i + 4] for i in range(0, len(parameters), 4)]
                keys |= {str(row[2]) for row in rows}
        time.sleep(seconds)
        original(steps)
        done.append((started, time.monotonic(), keys))

    store._transaction = held  # type: ignore[method-assign]
    return done


@pytest.fixture
def durable(tmp_path: Path) -> Any:
    app = make_app("generic")
    store = SqliteStore(tmp_path / "state.db")
    app.twin.tenants.attach(store)
    yield app, store
    store.close()


def _token(app: Any) -> str:
    return next(c.token for c in app.twin.credentials if c.scheme == "bearer")


def test_no_answer_leaves_before_the_transaction_that_holds_its_write(durable: Any) -> None:
    app, store = durable
    watched = Watched(app)
    transactions = _slow_transactions(store, 0.05)
    auth = {"Authorization": f"Bearer {_token(app)}"}

    async def run() -> list[str]:
        transport = httpx.ASGITransport(app=watched)
        async with httpx.AsyncClient(transport=transport, base_url="http://twin") as client:
            answers = await asyncio.gather(
                *(client.post("/widgets", headers=auth, json={"name": f"w{n}"}) for n in range(24))
            )
        return [a.json()["id"] for a in answers]

    ids = asyncio.run(run())
    assert len(set(ids)) == 24
    for left, what, body in watched.sent:
        made = str(orjson.loads(body)["id"])
        holding = [end for _, end, keys in transactions if made in keys]
        assert holding, f"{what} {made}: in no transaction"
        assert left >= holding[0], f"{what} {made} left {holding[0] - left:.3f} s before its transaction ended"
    # the requests did not wait in line: fewer transactions than writes, one of them holding several
    assert len(transactions) < 24 and max(len(keys) for _, _, keys in transactions) > 1


def test_a_request_that_wrote_nothing_waits_for_the_batch_before_it(durable: Any) -> None:
    _, store = durable
    release = threading.Event()
    original = store._transaction

    def held(steps: list[Any]) -> None:
        release.wait(5)
        original(steps)

    store._transaction = held  # type: ignore[method-assign]
    store.writer("default").put("widgets", "w1", {"id": "w1", "name": "unseen"})
    written, own = store.submit()
    assert written is not None and own and not written.done
    barrier, own = store.submit()  # nothing queued: what a read must wait for, not its own write
    assert barrier is written and not own
    release.set()
    written.wait()
    assert written.done and written.error is None
    assert store.submit() == (None, False)  # nothing in flight any more


def test_sync_commit_still_raises_what_the_file_refused(durable: Any) -> None:
    _, store = durable
    store.writer("default").put("widgets", "bad", {"id": object()})
    with pytest.raises(Exception, match="cannot be stored"):
        store.commit()
