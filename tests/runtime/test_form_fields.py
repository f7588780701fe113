"""The twin's form and query parser answers what ``dict(parse_qsl(..., keep_blank_values=True))`` does."""

from __future__ import annotations

from urllib.parse import parse_qsl

import pytest

from twingen.runtime.dispatch.requests import form_fields

CASES = [
    "",
    "channel=C1&text=hello",
    "text=hello+world%21&blocks=%5B%7B%22type%22%3A%22section%22%7D%5D",
    "a=1&a=2",  # the last value wins
    "flag&empty=&=nameless&&trailing=",
    "na%6De=v%C3%A9&plus+name=a+b",
    "eq=a=b=c",
    "bad=%ZZ&half=%4",
    "caf\u00e9=%E2%9C%93",
    "semi=a;b",
]


@pytest.mark.parametrize("text", CASES)
def test_same_fields_as_parse_qsl(text: str) -> None:
    assert form_fields(text) == dict(parse_qsl(text, keep_blank_values=True))
