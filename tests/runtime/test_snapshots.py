"""Copy-on-write snapshots of ``State``: cheap to take, never aliased by what behaviour code mutates."""

from __future__ import annotations

from typing import Any

from twingen.runtime.state.records import State


def _names(state: State, collection: str = "c") -> list[Any]:
    return [r["n"] for r in state.collection(collection).values()]


def _filled(size: int = 5) -> State:
    state = State()
    for i in range(size):
        state.collection("c").put(str(i), {"n": i, "tags": [i], "meta": {"seen": False}})
    return state


def test_snapshot_mutate_restore_mutate_again() -> None:
    state = _filled()
    image = state.snapshot()
    c = state.collection("c")
    record = c.get("1")
    assert record is not None
    record["tags"].append("x")  # mutating what get() returned, then putting it: the behaviour pattern
    record["meta"]["seen"] = True
    c.put("1", record)
    c.put("9", {"n": 9})
    c.delete("0")
    state.collection("other").put("o", {"n": "o"})
    assert _names(state) == [1, 2, 3, 4, 9]
    state.restore(image)
    assert _names(state) == [0, 1, 2, 3, 4]
    assert state.collection("c").get("1") == {"n": 1, "tags": [1], "meta": {"seen": False}}
    assert "other" not in state.names()
    state.collection("c").put("7", {"n": 7})  # and again from the restored picture
    state.collection("c").delete("2")
    assert _names(state) == [0, 1, 3, 4, 7]
    state.restore(image)
    assert _names(state) == [0, 1, 2, 3, 4]


def test_records_read_after_a_snapshot_are_private_copies() -> None:
    state = _filled()
    image = state.snapshot()
    c = state.collection("c")
    for record in c.values():  # read without put: still must not reach the snapshot
        record["tags"].append("leak")
    page = c.page(0, 2)
    page[0]["meta"]["seen"] = True
    for _, record in c.page_after(None, 5):
        record["n"] = -1
    assert [t.get(str(i)) for i, t in ((i, image["c"]) for i in range(5))] == [
        {"n": i, "tags": [i], "meta": {"seen": False}} for i in range(5)
    ]
    # a record put before the snapshot and still held by the caller is the snapshot's, not the caller's
    fresh = State()
    mine = {"n": 1}
    fresh.collection("c").put("a", mine)
    frozen = fresh.snapshot()
    got = fresh.collection("c").get("a")
    assert got == mine and got is not mine
    assert frozen["c"].get("a") is mine


def test_nested_snapshots_restore_in_any_order() -> None:
    state = _filled(3)
    first = state.snapshot()
    state.collection("c").put("3", {"n": 3})
    second = state.snapshot()
    state.collection("c").delete("0")
    third = state.snapshot()
    state.collection("c").put("1", {"n": "one"})
    state.restore(first)
    assert _names(state) == [0, 1, 2]
    state.restore(third)
    assert _names(state) == [1, 2, 3]
    state.collection("c").put("4", {"n": 4})
    state.restore(second)
    assert _names(state) == [0, 1, 2, 3]
    state.restore(third)
    assert _names(state) == [1, 2, 3]


def test_restore_keeps_untouched_collections_and_renews_changed_ones() -> None:
    state = _filled()
    state.collection("still").put("s", {"n": "s"})
    untouched, changed = state.collection("still"), state.collection("c")
    image = state.snapshot()
    changed.put("x", {"n": "x"})
    state.restore(image)
    # identity-keyed caches (Slack's history index) stay valid for the first and rebuild for the second
    assert state.collection("still") is untouched
    assert state.collection("c") is not changed


def test_without_snapshots_records_are_not_copied() -> None:
    state = State()
    c = state.collection("c")
    record = {"n": 1}
    c.put("a", record)
    assert c.get("a") is record and c.values()[0] is record and c.page(0, 1)[0] is record


def test_scan_is_the_read_only_view_of_what_was_put() -> None:
    state = _filled(3)
    image = state.snapshot()
    c = state.collection("c")
    c.put("1", {"n": "one"})
    read = c.get("2")
    assert read is not None
    read["n"] = "not put"  # a change never put is not what scan (or a snapshot, or disk) sees
    assert [(k, r["n"]) for k, r in c.scan()] == [("0", 0), ("1", "one"), ("2", 2)]
    assert dict(c.scan())["0"] is image["c"].get("0")  # shared, not copied: read-only
