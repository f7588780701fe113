"""Okta users: a ``list_users`` page found by a ``search`` expression, timed at 1,000 and at 100,000 users in one run.

    python benchmarks/bench_okta.py [--rounds N]

- ``GET /api/v1/users?search=...&limit=200`` (a first page and the page its ``next`` link names) through the
  Okta twin in-process, the users put straight into its state: 100,000 users vs 1,000, target < 2x. The search
  matches most users (dense), so a page is found by walking the collection from the cursor and stopping once
  full: O(page), not O(users).
- ``GET /api/v1/users/{id}/groups`` with every user in Everyone: target < 2x (a lookup per group, not a scan of
  every membership).
- With ``sortBy`` every match is weighed for each page (O(matches log limit)): printed for reference, no target
  (the limit is documented in twingen/kits/okta/behaviour/users_list.py).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "generated" / "okta"))

from starlette.testclient import TestClient  # noqa: E402
from twin_okta.runtime import load_app  # noqa: E402

SEARCH = 'profile.lastName sw "tw" and status eq "ACTIVE"'
STAMP = "2026-01-01T00:00:00.000Z"


def user(n: int) -> dict[str, Any]:
    login = f"user{n:06d}@example.com"
    return {
        "id": f"00ubench{n:012d}",
        "status": "ACTIVE" if n % 10 else "SUSPENDED",
        "created": STAMP,
        "activated": STAMP,
        "statusChanged": STAMP,
        "lastLogin": None,
        "lastUpdated": STAMP,
        "passwordChanged": STAMP,
        "type": {"id": "otydefault0000000000"},
        "profile": {
            "firstName": f"User{n}",
            "lastName": "Twin" if n % 3 else "Twain",
            "mobilePhone": None,
            "secondEmail": None,
            "login": login,
            "email": login,
        },
        "credentials": {"password": {}, "provider": {"type": "OKTA", "name": "OKTA"}},
    }


def client_with(size: int) -> TestClient:
    app = load_app("twin_okta", seed=1)
    client = TestClient(app, base_url="http://127.0.0.1:8000")
    users, members = app.twin.state.collection("users"), app.twin.state.collection("group_members")
    everyone = app.twin.state.collection("org").get("everyone")["id"]
    for n in range(size):
        record = user(n)
        users.put(record["id"], record)
        members.put(f"{everyone}/{record['id']}", {"groupId": everyone, "userId": record["id"]})
    token = next(c["token"] for c in client.get("/_twin/credentials").json()["credentials"] if c["name"] == "apikey")
    client.headers["Authorization"] = f"SSWS {token}"
    return client


def pages(client: TestClient, query: str, requests: int = 10) -> float:
    started = time.perf_counter()
    for _ in range(requests):
        first = client.get(f"/api/v1/users?{query}")
        assert first.status_code == 200 and len(first.json()) == 200, first.text[:200]
        following = first.headers["link"].split(", ")[1].split(">")[0][1:]
        assert len(client.get(following).json()) == 200
    return time.perf_counter() - started


def groups_of(client: TestClient, requests: int = 50) -> float:
    started = time.perf_counter()
    for n in range(requests):
        assert len(client.get(f"/api/v1/users/{user(n * 7)['id']}/groups").json()) == 1
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3, help="best of N for each measurement")
    rounds = parser.parse_args().rounds
    small, large = client_with(1_000), client_with(100_000)
    query = f"search={SEARCH}&limit=200"
    at_small, at_large = (
        min(pages(small, query) for _ in range(rounds)),
        min(pages(large, query) for _ in range(rounds)),
    )
    print(
        f"list_users search, page of 200: 1,000 users {at_small * 1000 / 20:.2f} ms/page  "
        f"100,000 users {at_large * 1000 / 20:.2f} ms/page  {at_large / at_small:.2f}x  target < 2x  "
        f"{'ok' if at_large < at_small * 2 else 'OVER'}"
    )
    at_small, at_large = min(groups_of(small) for _ in range(rounds)), min(groups_of(large) for _ in range(rounds))
    print(
        f"list_user_groups: 1,000 users {at_small * 1000 / 50:.2f} ms  100,000 users {at_large * 1000 / 50:.2f} ms  "
        f"{at_large / at_small:.2f}x  target < 2x  {'ok' if at_large < at_small * 2 else 'OVER'}"
    )
    query = f"search={SEARCH}&sortBy=profile.firstName&limit=200"
    at_small, at_large = pages(small, query, 2), pages(large, query, 2)
    print(
        f"list_users search with sortBy (reference, O(matches log limit)): "
        f"1,000 users {at_small * 1000 / 4:.2f} ms/page  "
        f"100,000 users {at_large * 1000 / 4:.2f} ms/page  {at_large / at_small:.2f}x"
    )


if __name__ == "__main__":
    main()
