"""The okta adapter on the installed okta (3.4.6 when written: 699 methods in 118 API classes)."""

from __future__ import annotations

from twingen.sdk import SdkSurface


def _params(surface: SdkSurface, method: str) -> dict[str, tuple[bool, str, str]]:
    return {p.name: (p.required, p.location, p.python_name) for p in surface.method(method).params}


def test_counts_are_in_the_expected_range(okta_surface: SdkSurface) -> None:
    counts = okta_surface.counts()
    assert 600 <= counts["methods"] <= 900
    assert counts["operations"] == counts["methods"]  # one generated method per operation
    assert 40 <= counts["paginated"] <= 120
    assert okta_surface.unresolved == ()


def test_list_users(okta_surface: SdkSurface) -> None:
    method = okta_surface.method("list_users")
    assert (method.operation, method.http_verb, method.path) == ("GET /api/v1/users", "GET", "/api/v1/users")
    params = _params(okta_surface, "list_users")
    assert params["after"] == (False, "query", "")
    assert params["limit"] == (False, "query", "")
    assert params["sortBy"] == (False, "query", "sort_by")
    assert method.paginates
    assert method.file == "okta/api/user_api.py" and method.pointer == "UserApi.list_users"


def test_replace_user_has_path_body_and_header(okta_surface: SdkSurface) -> None:
    method = okta_surface.method("replace_user")
    assert method.operation == "PUT /api/v1/users/{id}"
    params = _params(okta_surface, "replace_user")
    assert params["id"] == (True, "path", "")
    assert params["user"] == (True, "body", "")
    assert params["If-Match"] == (False, "header", "if_match")
    assert not method.paginates


def test_path_params_keep_their_wire_names(okta_surface: SdkSurface) -> None:
    method = next(m for m in okta_surface.methods if m.path == "/api/v1/apps/{appId}")
    assert any(p.name == "appId" and p.python_name == "app_id" and p.location == "path" for p in method.params)


def test_every_path_placeholder_is_a_path_param(okta_surface: SdkSurface) -> None:
    for method in okta_surface.methods:
        placeholders = {seg[1:-1] for seg in method.path.split("/") if seg.startswith("{")}
        assert placeholders <= {p.name for p in method.params if p.location == "path"}, method.name
