"""Keyset paging: a cursor names a position in the order (after the last item, or from the next page's first), so a
walk over pages sees every item that stays, once, whatever is added or removed between the calls."""

from __future__ import annotations

from typing import Any

from twingen.runtime import keyset


def test_page_from_names_the_first_item_of_the_next_page() -> None:
    keys = ["a", "c", "e", "g", "i"]
    assert keyset.page_from(keys, None, 2) == (["a", "c"], "e")
    assert keyset.page_from(keys, "e", 2) == (["e", "g"], "i")
    assert keyset.page_from(keys, "d", 2) == (["e", "g"], "i")  # the named item is gone: from the next one
    assert keyset.page_from(keys, "i", 2) == (["i"], None)
    newest_first = [[9, "x"], [7, "y"], [4, "z"]]
    page, following = keyset.page_from(newest_first, 8, 1, key=lambda item: item[0], descending=True)
    assert (page, following) == ([[7, "y"]], 4)


def test_page_after_continues_after_the_last_item_in_a_mixed_order() -> None:
    rows = [{"n": n % 3, "id": f"f{n}"} for n in range(7)]

    def key(row: dict[str, Any]) -> list[Any]:
        return [row["n"], row["id"]]

    ordered = keyset.ordered(rows, key, (True, False))  # n descending, then id ascending
    assert [r["id"] for r in ordered] == ["f2", "f5", "f1", "f4", "f0", "f3", "f6"]
    seen: list[str] = []
    after = None
    while True:
        page, after = keyset.page_after(ordered, after, 3, key, (True, False))
        seen += [r["id"] for r in page]
        if after is None:
            break
        ordered = keyset.ordered([*ordered, {"n": 9, "id": "new"}], key, (True, False))  # sorts before the walk
    assert seen == ["f2", "f5", "f1", "f4", "f0", "f3", "f6"]


def test_seal_is_unpadded_urlsafe_base64_and_unseal_refuses_what_is_not() -> None:
    token = keyset.seal(b"offset:25")
    assert token == "b2Zmc2V0OjI1" and keyset.unseal(token) == b"offset:25"
    assert keyset.unseal("a") is None
