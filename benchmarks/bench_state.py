"""State and routing cost as the data grows: ratios measured side by side in one run, against fixed targets.

    python benchmarks/bench_state.py [--rounds N]

- paging (``Collection.page`` by offset and ``page_after`` by key, with holes) over 200,000 records vs 2,000:
  target < 4x (O(page + log n), not O(offset));
- ``State.snapshot()`` plus a read, 200 times, with 3 x 100,000 records vs 3 x 100: target < 5x
  (copy-on-write, not a deep copy);
- routing: 4,000 matches among 3,000 routes (templated REST paths and RPC methods): target < 0.5 s.

These were timed unit tests; speed belongs here, never in the tests. Run by hand or in a separate job.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from twingen.runtime.dispatch.routing import Router
from twingen.runtime.state.records import State


def paging(size: int, rounds: int = 200) -> float:
    collection = State().collection("messages")
    for i in range(size):
        collection.put(f"m{i:07d}", {"i": i})
    for i in range(0, size, 3):  # holes everywhere, below the compaction threshold
        collection.delete(f"m{i:07d}")
    live = len(collection)
    started = time.perf_counter()
    for r in range(rounds):
        collection.page((r * 7919) % (live - 50), 50)
        key = f"m{(r * 104_729) % size:07d}"
        if key in collection:
            collection.page_after(key, 50)
            collection.page_after(key, 50, reverse=True)
    return time.perf_counter() - started


def snapshots(size: int) -> float:
    state = State()
    for name in ("a", "b", "c"):
        for i in range(size):
            state.collection(name).put(str(i), {"i": i})
    started = time.perf_counter()
    for _ in range(200):
        state.snapshot()
        state.collection("a").get("1")
    return time.perf_counter() - started


def routing() -> float:
    router = Router()
    for i in range(1500):
        router.add(f"/api/v1/res{i}/{{id}}/sub{i % 7}", ["GET"], f"op{i}")
        router.add(f"/api/m{i}.call", ["POST"], f"rpc{i}")
    started = time.perf_counter()
    for _ in range(2000):
        router.match("GET", "/api/v1/res1499/x/sub1")
        router.match("POST", "/api/m1499.call")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3, help="best of N for each measurement")
    rounds = parser.parse_args().rounds
    small, large = min(paging(2_000) for _ in range(rounds)), min(paging(200_000) for _ in range(rounds))
    print(f"paging 200k vs 2k records: {large / small:.2f}x  target < 4x  {'ok' if large < small * 4 else 'OVER'}")
    small, large = min(snapshots(100) for _ in range(rounds)), min(snapshots(100_000) for _ in range(rounds))
    print(
        f"snapshot 3x100k vs 3x100 records: {large / small:.2f}x  target < 5x  {'ok' if large < small * 5 else 'OVER'}"
    )
    best = min(routing() for _ in range(rounds))
    print(f"routing 4,000 matches among 3,000 routes: {best:.3f} s  target < 0.5 s  {'ok' if best < 0.5 else 'OVER'}")


if __name__ == "__main__":
    main()
