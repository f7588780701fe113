"""Objects made on demand: before a method names an object the check does not hold, the check lists the org's
objects of that kind and, when there are none, makes one with the SDK's own create method for that collection.

A kind with a create method (``POST`` to its collection) or that a new org always has (``values.SEEDED``) can
always be named by a real id, so a method on it is never excused by Okta's 404 for an unknown id; only a kind the
check has no way to make (``/api/v1/users/{}/grants``: grants come from a user's consent) may be named by an
unknown id, and then E0000007 is the right answer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from twingen.check.arguments import MISSING, Pool
from twingen.check.classes import Outcome
from twingen.kits.okta.check import paths, values
from twingen.sdk.surface import SdkMethod

DEPTH = 3
"""Parents made for a child (a policy for its rule, an app for its user): as deep as Okta's paths go."""
_MAKING = ("create", "add", "assign", "enroll", "upload", "generate", "register")


class Makers:
    """Which SDK method makes (or lists) each kind, and what happened when the check asked."""

    def __init__(self, methods: Sequence[SdkMethod]) -> None:
        self.makers: dict[str, list[SdkMethod]] = {}
        self.listers: dict[str, SdkMethod] = {}
        for method in methods:
            collection = paths.collection_of(method.path)
            if collection is None:
                continue
            if method.http_verb == "POST" and method.name.startswith(_MAKING):
                self.makers.setdefault(collection, []).append(method)
            elif method.http_verb == "GET" and method.name.startswith("list_"):
                self.listers.setdefault(collection, method)
        self.why: dict[str, str] = {}

    def clear(self) -> None:
        self.why.clear()

    def makeable(self, kind: str, depth: int = 0) -> bool:
        """The check can always name a real object of this kind: the org has one, or a method makes one under
        parents it can name (an agent pool's update cannot be made without an agent pool, which nothing makes)."""
        if kind in values.SEEDED:
            return True
        if kind in values.SDK_CANNOT_MAKE:
            return False
        return depth < DEPTH and any(
            all(self.makeable(parent, depth + 1) for parent in paths.kinds(maker.path).values())
            for maker in self.makers.get(kind, ())
        )

    def ensure(
        self,
        kind: str,
        pool: Pool,
        depth: int,
        arguments: Callable[[SdkMethod, Pool, int], dict[str, Any]],
        call: Callable[[SdkMethod, dict[str, Any]], Outcome],
    ) -> Any:
        """A real id of ``kind``: held, listed, or made now; MISSING (and why) when none could be had."""
        found = pool.get(kind)
        if found is not MISSING or depth >= DEPTH or kind in self.why:
            return found
        self.why[kind] = values.SDK_CANNOT_MAKE.get(kind, "nothing lists or makes it")
        if kind in values.SDK_CANNOT_MAKE:
            return MISSING
        # its own object first (a method may delete it), else one the org has (the default brand, policy...)
        for method in [*self.makers.get(kind, []), *[m for m in (self.listers.get(kind),) if m]]:
            outcome = call(method, arguments(method, pool, depth + 1))
            found = pool.get(kind)
            if found is not MISSING:
                del self.why[kind]
                return found
            if method.http_verb != "GET":
                said = outcome.code or outcome.detail or outcome.kind
                self.why[kind] = f"{method.name} did not make one ({said[:80]})"
        return MISSING
