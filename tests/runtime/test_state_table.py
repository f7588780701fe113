"""The ordered table under every collection: agrees with a dict, and pages in O(page) at any size."""

from __future__ import annotations

import random

import pytest

from twingen.runtime.state import table as table_module
from twingen.runtime.state.table import Table


@pytest.mark.parametrize("compact_at", [8, 1024])
def test_table_agrees_with_a_dict_under_random_puts_and_deletes(
    compact_at: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(table_module, "_COMPACT_AT", compact_at)
    rng = random.Random(compact_at)
    table, reference = Table(), {}
    for step in range(20_000):
        key = str(rng.randrange(600))
        if rng.random() < 0.55:
            record = {"step": step}
            table.put(key, record)
            reference[key] = record
        else:
            assert table.delete(key) == (reference.pop(key, None) is not None)
        if step % 499 == 0:
            items = list(reference.items())
            assert table.items() == items and len(table) == len(items)
            for offset in (0, 1, len(items) // 2, max(0, len(items) - 3), len(items)):
                assert table.page(offset, 7) == items[offset : offset + 7]
            if items:
                at = len(items) // 3
                assert table.after(items[at][0], 9) == items[at + 1 : at + 10]
                assert table.after(items[at][0], 9, reverse=True) == items[max(0, at - 9) : at][::-1]
                assert table.after(None, 4) == items[:4]
                assert table.after(None, 4, reverse=True) == items[-4:][::-1]


def test_long_runs_of_holes_are_jumped_and_deleted_cursors_still_resolve() -> None:
    table = Table()
    for i in range(3000):
        table.put(f"k{i}", {"i": i})
    for i in range(100, 1400):  # fewer holes than records: no compaction, one long run
        table.delete(f"k{i}")
    assert [k for k, _ in table.after("k99", 2)] == ["k1400", "k1401"]
    assert [k for k, _ in table.after("k1400", 2, reverse=True)] == ["k99", "k98"]
    assert [k for k, _ in table.after("k500", 1)] == ["k1400"]  # a deleted key is still a cursor
    assert [k for k, _ in table.page(100, 1)] == ["k1400"]
    with pytest.raises(KeyError):
        table.after("never", 1)


def test_update_keeps_the_place_and_reinsert_goes_last() -> None:
    table = Table()
    for key in "abc":
        table.put(key, {"v": key})
    table.put("a", {"v": "A"})
    assert [k for k, _ in table.items()] == ["a", "b", "c"]
    table.delete("a")
    table.put("a", {"v": "again"})
    assert [k for k, _ in table.items()] == ["b", "c", "a"]
