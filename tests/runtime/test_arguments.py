"""The runtime's argument readers: one reading rule for every vendor, the vendor's error from the caller."""

from __future__ import annotations

import re
from typing import Any

import pytest

from twingen.runtime import VendorError, arguments


def _refuse(value: Any) -> VendorError:
    return VendorError("invalid", 400, f"bad {value!r}")


def test_text_reads_the_last_of_a_repeated_field_and_keeps_an_empty_one() -> None:
    params: dict[str, Any] = {"a": ["1", "2"], "b": "", "c": 5, "d": []}
    assert arguments.text(params, "a") == "2"
    assert arguments.text(params, "b", "x") == ""
    assert arguments.text(params, "c") == "5"
    assert arguments.text(params, "d", "x") == "x"
    assert arguments.text(params, "missing") is None and arguments.text(params, "missing", "") == ""


def test_flag_takes_a_json_boolean_as_sent_and_leaves_words_to_the_vendor() -> None:
    params: dict[str, Any] = {"yes": "YES", "json": False, "empty": ""}
    words = {"yes"}
    assert arguments.flag(params, "yes", False, lambda word: word.lower() in words) is True
    assert arguments.flag(params, "json", True, lambda word: True) is False
    assert arguments.flag(params, "empty", True, lambda word: False) is True
    assert arguments.flag(params, "missing", False, lambda word: True) is False


def test_integer_refuses_with_the_callers_error() -> None:
    params: dict[str, Any] = {"n": " 42 ", "bad": "4x", "empty": ""}
    assert arguments.integer(params, "n", 0, _refuse) == 42
    assert arguments.integer(params, "empty", 7, _refuse) == 7
    with pytest.raises(VendorError, match="bad '4x'"):
        arguments.integer(params, "bad", 0, _refuse)


def test_json_value_reads_a_body_value_or_encoded_text() -> None:
    params: dict[str, Any] = {"body": [1], "form": '{"a": 1}', "bad": "{", "empty": ""}
    assert arguments.json_value(params, "body") == [1]
    assert arguments.json_value(params, "form") == {"a": 1}
    assert arguments.json_value(params, "empty") is None
    with pytest.raises(VendorError, match=re.escape("bad '{'")):
        arguments.json_value(params, "bad", _refuse)
    with pytest.raises(ValueError):
        arguments.json_value(params, "bad")
