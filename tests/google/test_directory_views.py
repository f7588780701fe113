"""The Directory's console views (``/_twin/views/directory`` and one group) read what the API made."""

from __future__ import annotations

from typing import Any

import httpx
from directory_helpers import directory, new_user


def test_the_directory_view_lists_users_and_groups_and_one_group(twin: Any) -> None:
    admin = directory(twin, "owner")
    new_user(admin, "ada")
    admin.users().patch(userKey="ada@example.com", body={"suspended": True}).execute()
    group = admin.groups().insert(body={"email": "eng@example.com", "name": "Eng <core>"}).execute()
    admin.members().insert(groupKey=group["id"], body={"email": "other@example.com", "role": "OWNER"}).execute()
    with httpx.Client(base_url=twin.base_url, timeout=30) as http:
        page = http.get("/_twin/views/directory").text
        one = http.get("/_twin/views/directory_group", params={"id": group["id"]})
        missing = http.get("/_twin/views/directory_group", params={"id": "nope"})
    assert "ada@example.com" in page and "suspended" in page and "Olive Owner" in page
    assert "Eng &lt;core&gt;" in page  # user data stays text
    assert one.status_code == 200 and "other@example.com" in one.text and "OWNER" in one.text
    assert missing.status_code == 404
