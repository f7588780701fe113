"""The Google twin's Sheets storage as a sheet grows: the same requests on a sheet of 1,000,000 filled cells and on
one of 1,000, side by side in one run, against a fixed target.

    python benchmarks/bench_sheets.py [--rounds N] [--calls N]

- ``values.get`` of a 1,000-row range (``A1:A1000``) and ``values.update`` of one cell, each on a sheet of
  40,000 rows x 25 columns (1,000,000 cells) vs 1,000 rows x 1 column (1,000 cells): target < 2x each.
  The same answer either way, so what differs is only what the twin stores beside it: per-row records keep a
  read to the rows it names and a one-cell write to one row record (no whole-grid copy, no recalculation
  beyond the spreadsheet's formulas).

The twin is served in this process (starlette's TestClient), through the whole runtime: routing, auth, dispatch.
Times are this process's CPU time (client and twin), best of N rounds taken in turn, so that other work on a
shared machine moves both sides alike.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "generated" / "google"))

from starlette.testclient import TestClient  # noqa: E402

BATCH_ROWS = 2_000


def _client() -> tuple[TestClient, dict[str, str]]:
    from twin_google.runtime import load_app

    client = TestClient(load_app("twin_google"), base_url="http://127.0.0.1")
    credentials = client.get("/_twin/credentials").json()["credentials"]
    token = next(c["token"] for c in credentials if c["name"] == "owner")
    return client, {"Authorization": f"Bearer {token}"}


def _ok(answer: Any) -> Any:
    if answer.status_code != 200:
        raise SystemExit(f"the twin answered {answer.status_code}: {answer.text[:300]}")
    return answer.json()


def filled_sheet(client: TestClient, auth: dict[str, str], rows: int, cols: int) -> str:
    """A new spreadsheet whose first sheet holds ``rows`` x ``cols`` values (the grid sized to fit)."""
    made = _ok(client.post("/v4/spreadsheets", headers=auth, json={"properties": {"title": f"bench {rows}x{cols}"}}))
    book = made["spreadsheetId"]
    grid = {"rowCount": max(rows, 1000), "columnCount": max(cols, 26)}
    resize = {
        "updateSheetProperties": {"properties": {"sheetId": 0, "gridProperties": grid}, "fields": "gridProperties"}
    }
    _ok(client.post(f"/v4/spreadsheets/{book}:batchUpdate", headers=auth, json={"requests": [resize]}))
    last_col = chr(ord("A") + cols - 1)
    for start in range(0, rows, BATCH_ROWS):
        end = min(rows, start + BATCH_ROWS)
        values = [[f"r{r}c{c}" for c in range(cols)] for r in range(start, end)]
        target = f"Sheet1!A{start + 1}:{last_col}{end}"
        _ok(client.put(f"/v4/spreadsheets/{book}/values/{target}", headers=auth, params={"valueInputOption": "RAW"},
                       json={"values": values}))  # fmt: skip
    return book


def timed_gets(client: TestClient, auth: dict[str, str], book: str, calls: int) -> float:
    started = time.process_time()
    for _ in range(calls):
        answer = _ok(client.get(f"/v4/spreadsheets/{book}/values/Sheet1!A1:A1000", headers=auth))
        assert len(answer["values"]) == 1000
    return time.process_time() - started


def timed_updates(client: TestClient, auth: dict[str, str], book: str, calls: int) -> float:
    started = time.process_time()
    for i in range(calls):
        _ok(client.put(f"/v4/spreadsheets/{book}/values/Sheet1!A500", headers=auth,
                       params={"valueInputOption": "USER_ENTERED"}, json={"values": [[i]]}))  # fmt: skip
    return time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5, help="best of N for each measurement")
    parser.add_argument("--calls", type=int, default=50, help="requests per measurement")
    options = parser.parse_args()
    client, auth = _client()
    with client:
        started = time.perf_counter()
        small = filled_sheet(client, auth, 1_000, 1)
        large = filled_sheet(client, auth, 40_000, 25)
        print(f"filled 1,000 and 1,000,000 cells in {time.perf_counter() - started:.1f} s")
        for label, measure in (("values.get A1:A1000", timed_gets), ("values.update of one cell", timed_updates)):
            few, many = float("inf"), float("inf")
            for _ in range(options.rounds):  # interleaved, so a busy moment on the machine hits both
                few = min(few, measure(client, auth, small, options.calls))
                many = min(many, measure(client, auth, large, options.calls))
            ratio = many / few
            print(
                f"{label}: 1,000 cells {few / options.calls * 1000:.2f} ms, 1,000,000 cells "
                f"{many / options.calls * 1000:.2f} ms: {ratio:.2f}x  target < 2x  {'ok' if ratio < 2 else 'OVER'}"
            )


if __name__ == "__main__":
    main()
