"""Reads after a change: what an Okta org answers for an object right after a method changed it.

A lifecycle operation leaves the object in the status Okta documents for it, and a deletion leaves nothing to
read (Okta's 404, E0000007), except a user, whom the first delete only deactivates (``DEPROVISIONED``). Each is
read back with the SDK's own ``get`` for that path, so a twin whose lifecycle or delete answers 200 and changes
nothing does not pass. Statuses: https://developer.okta.com/docs/api/openapi/okta-management/management/tag/UserLifecycle/
(users), and each family's ``lifecycle/activate`` / ``lifecycle/deactivate`` reference (``ACTIVE`` / ``INACTIVE``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from twingen.kits.okta.check import paths
from twingen.sdk.surface import SdkMethod

USERS = "/api/v1/users/{}"
_STATUS: dict[str, frozenset[str]] = {
    "activate": frozenset({"ACTIVE"}),
    "deactivate": frozenset({"INACTIVE"}),
}
_CONNECTION_STATUS: dict[str, frozenset[str]] = {
    # an app's provisioning connection is ENABLED or DISABLED (ApplicationConnections, default connection); an app
    # without provisioning (the check's bookmark) answers 204 to both and stays UNKNOWN (cassette
    # test_application_connections_it/TestApplicationConnectionsResource.test_connection_http_info_methods.yaml)
    "activate": frozenset({"ENABLED", "UNKNOWN"}),
    "deactivate": frozenset({"DISABLED", "UNKNOWN"}),
}
_USER_STATUS: dict[str, frozenset[str]] = {
    # activated without a password (the check's staged user), a user is PROVISIONED until they set one
    "activate": frozenset({"ACTIVE", "PROVISIONED"}),
    "deactivate": frozenset({"DEPROVISIONED"}),
    "suspend": frozenset({"SUSPENDED"}),
    "unsuspend": frozenset({"ACTIVE"}),
    "unlock": frozenset({"ACTIVE"}),
    "reactivate": frozenset({"PROVISIONED"}),
    "expire_password": frozenset({"PASSWORD_EXPIRED"}),
    "expire_password_with_temp_password": frozenset({"PASSWORD_EXPIRED"}),
    "reset_password": frozenset({"RECOVERY"}),
}


@dataclass(frozen=True)
class ReadAfter:
    """Read ``get`` (same path parameters) after the method: it must answer one of ``statuses``, or, when there
    are none, Okta's 404."""

    get: SdkMethod
    statuses: frozenset[str]

    @property
    def label(self) -> str:
        return f"{self.get.name} after it" + (f" ({' or '.join(sorted(self.statuses))})" if self.statuses else "")


class ReadsAfter:
    def __init__(self, methods: Sequence[SdkMethod]) -> None:
        self.getters = {paths.shape(m.path): m for m in methods if m.http_verb == "GET"}

    def after(self, method: SdkMethod) -> ReadAfter | None:
        path = method.path
        if method.http_verb == "DELETE" and path.endswith("}"):
            get = self.getters.get(paths.shape(path))
            if get is None:
                return None
            return ReadAfter(get, frozenset({"DEPROVISIONED"}) if paths.shape(path) == USERS else frozenset())
        item, _, action = path.partition("/lifecycle/")
        if method.http_verb != "POST" or not action or "/" in action:
            return None
        get = self.getters.get(paths.shape(item))
        table = _USER_STATUS if paths.shape(item) == USERS else _STATUS
        table = _CONNECTION_STATUS if item.endswith("/connections/default") else table
        if get is None or action not in table:
            return None
        return ReadAfter(get, table[action])
