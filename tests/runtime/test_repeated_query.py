"""A query parameter sent more than once: an operation that declares it an array gets every value in order
(Google's ``ranges=A1&ranges=B2``); any other parameter keeps the last value, as before."""

from __future__ import annotations

from collections.abc import Callable

from starlette.testclient import TestClient

from twingen.runtime.dispatch.requests import query_fields

from .conftest import bearer


def test_query_fields_keeps_the_last_value_and_lists_the_repeated() -> None:
    assert query_fields("a=1&b=2") == ({"a": "1", "b": "2"}, {})
    assert query_fields("r=A1&r=%27S+1%27%21B2&x=1&x=2&y=") == (
        {"r": "'S 1'!B2", "x": "2", "y": ""},
        {"r": ["A1", "'S 1'!B2"], "x": ["1", "2"]},
    )


def test_an_array_parameter_arrives_as_a_list_and_a_scalar_as_its_last_value(
    client_for: Callable[[str], TestClient],
) -> None:
    c = client_for("google")
    url = "/v4/spreadsheets/s1/values:batchGet?ranges=A1:B2&ranges=Sheet2!C3&majorDimension=ROWS&majorDimension=COLUMNS"
    params = c.get(url, headers=bearer(c)).json()["params"]
    assert params["ranges"] == ["A1:B2", "Sheet2!C3"]
    assert params["majorDimension"] == "COLUMNS"
    once = c.get("/v4/spreadsheets/s1/values:batchGet?ranges=A1", headers=bearer(c)).json()["params"]
    assert once["ranges"] == "A1"  # sent once: as sent (behaviour reads a lone value or a list)


def test_a_route_the_docs_lack_lists_the_parameters_its_behaviour_names() -> None:
    import types

    from twingen.runtime import Context, Registry, behaviour, create_app

    from . import specs

    module = types.ModuleType("extra_routes")

    @behaviour("legacy.search", method="GET", path="/rest/api/2/search", lists=("fields",))
    def legacy_search(ctx: Context) -> dict[str, object]:
        return {"fields": ctx.params.get("fields"), "expand": ctx.params.get("expand")}

    module.legacy_search = legacy_search  # type: ignore[attr-defined]
    app = create_app(specs.jira(), Registry.from_modules([module]))
    with TestClient(app) as c:
        cred = next(x for x in c.get("/_twin/credentials").json()["credentials"] if x["scheme"] == "basic")
        answer = c.get(
            "/rest/api/2/search?fields=a&fields=b&expand=x&expand=y", auth=(cred["username"], cred["password"])
        )
        assert answer.json() == {"fields": ["a", "b"], "expand": "y"}
