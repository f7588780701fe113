"""Declared vendor errors: every code a vendor answers, with its HTTP status, what it means and the vendor's page
that says so, one catalogue per vendor (as moto keeps an ``exceptions.py`` per service).

A kit's behaviour raises through its catalogue (Slack's ``slack_error``, Google's ``google_error``), which finds
the code with ``look_up``: a code nobody declared is an ``UndeclaredError`` (a ``KeyError``, which a running twin
logs and answers as its internal error), so a test that reaches it fails instead of an SDK meeting an invented
code. Vendor profiles declare their code tables the same way (Okta, Jira).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

__all__ = ["Declared", "UndeclaredError", "look_up"]


@dataclass(frozen=True)
class Declared:
    """One declared error: the HTTP status it comes with, what it means, the vendor page that says so."""

    status: int
    message: str
    source: str


class UndeclaredError(KeyError):
    """Code raised a vendor error that its catalogue does not declare: declare it (with its source) first."""


def look_up(catalogue: Mapping[str, Declared], code: str, where: str) -> Declared:
    """The declared error ``code``; ``UndeclaredError`` naming ``where`` the catalogue is when there is none."""
    declared = catalogue.get(code)
    if declared is None:
        raise UndeclaredError(f"error code {code!r} is not declared in {where}")
    return declared
