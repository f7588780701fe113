"""Jira search: one page of 50 for ``project = X AND status = "In Progress" ORDER BY updated DESC``, timed at
1,000 and at 100,000 issues in one run.

    python benchmarks/bench_jira.py [--rounds N]

- ``POST /rest/api/3/search/jql`` (a first page and the page its ``nextPageToken`` names) through the Jira twin
  in-process, the issues put straight into its state: 100,000 issues vs 1,000, target < 2x. A third of the
  issues are In Progress, spread over the update times, so a page is found by walking the ``updated`` index from
  the cursor and stopping once full: O(page), not O(issues).
- ``/rest/api/2/search`` answers ``total``, so it weighs every issue (O(issues log issues)): printed for
  reference, no target (see api_docs/jira/NOTES.md).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "generated" / "jira"))

from starlette.testclient import TestClient  # noqa: E402
from twin_jira.runtime import load_app  # noqa: E402

JQL = 'project = BENCH AND status = "In Progress" ORDER BY updated DESC'
STATUSES = ("10000", "3", "10001")  # To Do, In Progress, Done


def stamp(n: int) -> str:
    seconds = 1_700_000_000 + n * 37
    return time.strftime("%Y-%m-%dT%H:%M:%S.000+0000", time.gmtime(seconds))


def issue(n: int, project_id: str) -> dict[str, Any]:
    return {
        "id": str(20000 + n),
        "key": f"BENCH-{n + 1}",
        "projectId": project_id,
        "created": stamp(n),
        "updated": stamp((n * 7919) % 100_003),
        "watchers": [],
        "votes": [],
        "changelog": [],
        "properties": {},
        "fields": {
            "summary": f"issue {n}",
            "status": STATUSES[n % 3],
            "priority": "3",
            "issuetype": "10001",
            "labels": [],
            "components": [],
            "fixVersions": [],
            "versions": [],
            "resolution": None,
            "resolutiondate": None,
            "description": None,
            "environment": None,
            "reporter": None,
            "creator": None,
            "assignee": None,
        },
    }


def client_with(size: int) -> TestClient:
    app = load_app("twin_jira", seed=1)
    client = TestClient(app, base_url="http://127.0.0.1:8000")
    found = next(c for c in client.get("/_twin/credentials").json()["credentials"] if c["name"] == "basic")
    client.auth = (found["username"], found["password"])
    made = client.post("/rest/api/2/project", json={"key": "BENCH", "name": "Bench", "projectTypeKey": "software"})
    project_id = str(made.json()["id"])
    issues, keys = app.twin.state.collection("issues"), app.twin.state.collection("issuekeys")
    for n in range(size):
        record = issue(n, project_id)
        issues.put(record["id"], record)
        keys.put(record["key"], {"id": record["id"]})
    return client


def pages(client: TestClient, requests: int = 10) -> float:
    started = time.perf_counter()
    for _ in range(requests):
        first = client.post("/rest/api/3/search/jql", json={"jql": JQL, "maxResults": 50, "fields": ["summary"]})
        body = first.json()
        assert first.status_code == 200 and len(body["issues"]) == 50, first.text[:200]
        following = {"jql": JQL, "maxResults": 50, "fields": ["summary"], "nextPageToken": body["nextPageToken"]}
        assert len(client.post("/rest/api/3/search/jql", json=following).json()["issues"]) == 50
    return time.perf_counter() - started


def counted(client: TestClient, requests: int = 2) -> float:
    started = time.perf_counter()
    for _ in range(requests):
        answer = client.get("/rest/api/2/search", params={"jql": JQL, "maxResults": 50, "fields": "summary"})
        assert answer.status_code == 200 and len(answer.json()["issues"]) == 50
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3, help="best of N for each measurement")
    rounds = parser.parse_args().rounds
    small, large = client_with(1_000), client_with(100_000)
    pages(small, 1), pages(large, 1)  # the first search builds the ordered index (once per collection)
    at_small = min(pages(small) for _ in range(rounds))
    at_large = min(pages(large) for _ in range(rounds))
    print(
        f"search/jql, page of 50: 1,000 issues {at_small * 1000 / 20:.2f} ms/page  "
        f"100,000 issues {at_large * 1000 / 20:.2f} ms/page  {at_large / at_small:.2f}x  target < 2x  "
        f"{'ok' if at_large < at_small * 2 else 'OVER'}"
    )
    at_small, at_large = counted(small), counted(large)
    print(
        f"search with total (reference, O(issues)): 1,000 issues {at_small * 1000 / 2:.2f} ms/page  "
        f"100,000 issues {at_large * 1000 / 2:.2f} ms/page  {at_large / at_small:.2f}x"
    )


if __name__ == "__main__":
    main()
