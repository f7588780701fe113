"""Locating sources without importing them, and the def-line index."""

from __future__ import annotations

import sys

import pytest

from twingen.sdk import ScanError
from twingen.sdk.locate import definition_lines, package_dir, package_version


def test_package_dir_does_not_import_the_package() -> None:
    sys.modules.pop("jira", None)
    path = package_dir("jira")
    assert (path / "client.py").is_file()
    assert "jira" not in sys.modules


def test_missing_package_is_a_scan_error() -> None:
    with pytest.raises(ScanError):
        package_dir("no_such_package_for_twingen_tests")


def test_version_through_the_distribution_name() -> None:
    assert package_version("googleapiclient").count(".") >= 1  # distribution google-api-python-client
    assert package_version("no_such_package_for_twingen_tests") == ""


def test_definition_lines_follow_nesting() -> None:
    text = (
        "class A:\n    def f(self):\n        def inner():\n            pass\n\n"
        "    async def g(self):\n        ...\ndef h(): ...\n"
    )
    assert definition_lines(text) == {"A": 1, "A.f": 2, "A.f.inner": 3, "A.g": 6, "h": 8}
