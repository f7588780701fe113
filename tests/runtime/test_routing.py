"""The segment-indexed router: OpenAPI templates, colon verbs, A1 ranges, reserved expansion."""

from __future__ import annotations

import pytest

from twingen.runtime.dispatch.routing import Router


@pytest.fixture
def router() -> Router:
    r = Router()
    r.add("/v4/spreadsheets/{spreadsheetId}", ["GET"], "get")
    r.add("/v4/spreadsheets/{spreadsheetId}:batchUpdate", ["POST"], "batchUpdate")
    r.add("/v4/spreadsheets/{spreadsheetId}/values/{range}", ["GET", "PUT"], "values.get")
    r.add("/v4/spreadsheets/{spreadsheetId}/values/{range}:append", ["POST"], "values.append")
    r.add("/v4/spreadsheets/{spreadsheetId}/values:batchGet", ["GET"], "values.batchGet")
    r.add("/v1/{+name}", ["GET"], "operations.get")
    r.add("/v1/{+name}:cancel", ["POST"], "operations.cancel")
    r.add("/v1/{+parent}/things", ["GET"], "things.list")
    r.add("/api/chat.postMessage", ["POST", "GET"], "chat.postMessage")
    r.add("/files/{id}", ["GET"], "files.get")
    r.add("/files/{id}/permissions/{permissionId}", ["GET"], "permissions.get")
    r.add("/files/search", ["GET"], "files.search")
    return r


@pytest.mark.parametrize(
    ("method", "path", "op_id", "params"),
    [
        ("GET", "/v4/spreadsheets/abc", "get", {"spreadsheetId": "abc"}),
        ("POST", "/v4/spreadsheets/abc:batchUpdate", "batchUpdate", {"spreadsheetId": "abc"}),
        (
            "GET",
            "/v4/spreadsheets/abc/values/Sheet1!A1:B2",
            "values.get",
            {"spreadsheetId": "abc", "range": "Sheet1!A1:B2"},
        ),
        (
            "GET",
            "/v4/spreadsheets/abc/values/Sheet1%21A1%3AB2",
            "values.get",
            {"spreadsheetId": "abc", "range": "Sheet1!A1:B2"},
        ),
        (
            "GET",
            "/v4/spreadsheets/abc/values/My%20Sheet%2FX!A1",
            "values.get",
            {"spreadsheetId": "abc", "range": "My Sheet/X!A1"},
        ),
        (
            "POST",
            "/v4/spreadsheets/abc/values/Sheet1!A1:B2:append",
            "values.append",
            {"spreadsheetId": "abc", "range": "Sheet1!A1:B2"},
        ),
        (
            "POST",
            "/v4/spreadsheets/abc/values/Sheet1%21A1%3AB2:append",
            "values.append",
            {"spreadsheetId": "abc", "range": "Sheet1!A1:B2"},
        ),
        ("GET", "/v4/spreadsheets/abc/values:batchGet", "values.batchGet", {"spreadsheetId": "abc"}),
        ("GET", "/v1/operations/123/sub", "operations.get", {"name": "operations/123/sub"}),
        ("POST", "/v1/operations/123:cancel", "operations.cancel", {"name": "operations/123"}),
        ("GET", "/v1/projects/p/locations/l/things", "things.list", {"parent": "projects/p/locations/l"}),
        ("GET", "/api/chat.postMessage", "chat.postMessage", {}),
        ("POST", "/api/chat.postMessage/", "chat.postMessage", {}),
        ("GET", "/files/search", "files.search", {}),
        ("GET", "/files/f1", "files.get", {"id": "f1"}),
        ("GET", "/files/f1/permissions/p1", "permissions.get", {"id": "f1", "permissionId": "p1"}),
    ],
)
def test_matches(router: Router, method: str, path: str, op_id: str, params: dict[str, str]) -> None:
    found = router.match(method, path)
    assert found is not None, path
    assert (found.op_id, found.params) == (op_id, params)


def test_unknown_and_wrong_method(router: Router) -> None:
    assert router.match("GET", "/nothing/here") is None
    assert router.match("GET", "/") is None
    assert router.match("DELETE", "/files/f1") is None
    assert router.allowed("/files/f1") == ["GET"]
    assert router.allowed("/nothing") == []
