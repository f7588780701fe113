"""The okta kit's search language (_search): what it matches, what it refuses, and how a family narrows it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "generated" / "okta"))

from twin_okta.behaviour import _search

ADA = {
    "id": "00u1",
    "status": "ACTIVE",
    "lastUpdated": "2026-01-02T00:00:00.000Z",
    "profile": {"firstName": "Ada", "lastName": "Lovelace", "email": "ada@example.com", "tags": ["x", "Math"]},
}
BOB = {
    "id": "00u2",
    "status": "STAGED",
    "lastUpdated": "2025-06-01T00:00:00.000Z",
    "profile": {"firstName": "Bob", "lastName": "Byron", "email": None},
}


def matching(text: str, **rules: Any) -> list[str]:
    keep = _search.parse(text, **rules)
    return [r["id"] for r in (ADA, BOB) if keep(r)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('status eq "ACTIVE"', ["00u1"]),
        ('STATUS eq "active"', []),  # attribute names are case-sensitive
        ('status EQ "active"', ["00u1"]),  # operators and values are not (ignore_case)
        ('profile.lastName sw "by"', ["00u2"]),
        ('profile.email co "example"', ["00u1"]),
        ("profile.email pr", ["00u1"]),
        ('lastUpdated gt "2025-12-31T00:00:00.000Z"', ["00u1"]),
        ('lastUpdated le "2025-06-01T00:00:00.000Z"', ["00u2"]),
        ('status eq "STAGED" or (profile.firstName eq "ada" and status eq "ACTIVE")', ["00u1", "00u2"]),
        ('profile.tags eq "math"', ["00u1"]),  # an array matches when one element does
        ('profile.missing eq "x"', []),
        ('id eq "00u2"', ["00u2"]),
    ],
)
def test_expressions_match_the_records_they_describe(text: str, expected: list[str]) -> None:
    assert matching(text) == expected


def test_case_sensitive_values_when_the_family_asks() -> None:
    assert matching('status eq "active"', ignore_case=False) == []
    assert matching('status eq "ACTIVE"', ignore_case=False) == ["00u1"]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "status",
        "status eq",
        'status zz "a"',
        '(status eq "a"',
        'status eq "a" xx',
        'not status eq "a"',
        'status eq "a" and',
        '"a" eq status',
        "status eq unquoted",
    ],
)
def test_malformed_expressions_are_refused(text: str) -> None:
    with pytest.raises(_search.SearchError):
        _search.parse(text)


def test_a_family_narrows_fields_and_operators() -> None:
    only_status = {"fields": lambda path: path == "status", "operators": lambda path, op: op == "eq"}
    assert matching('status eq "ACTIVE"', **only_status) == ["00u1"]
    with pytest.raises(_search.SearchError):
        _search.parse('profile.firstName eq "Ada"', **only_status)
    with pytest.raises(_search.SearchError):
        _search.parse('status sw "A"', **only_status)


def test_not_only_where_allowed() -> None:
    assert matching('not status eq "ACTIVE"', allow_not=True) == ["00u2"]


def test_a_refusal_becomes_oktas_invalid_search_criteria() -> None:
    with pytest.raises(_search.SearchError) as refused:
        _search.parse("status")
    error = _search.invalid(refused.value)
    assert (error.code, error.status) == ("E0000031", 400)


def test_an_overly_nested_expression_is_refused_not_a_crash() -> None:
    with pytest.raises(_search.SearchError):
        _search.parse("(" * 500 + 'status eq "A"' + ")" * 500)
    assert _search.parse("(" * 10 + 'status eq "ACTIVE"' + ")" * 10)(ADA)


def test_a_family_may_refuse_a_literal() -> None:
    def numbers_only(path: str, op: str, literal: Any) -> None:
        if not isinstance(literal, int):
            raise _search.SearchError(f"{path} takes a number")

    assert _search.parse("profile.age gt 3", values=numbers_only)({"profile": {"age": 4}})
    with pytest.raises(_search.SearchError):
        _search.parse('profile.age gt "3"', values=numbers_only)
