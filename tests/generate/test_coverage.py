"""Behaviour operations are found by reading behaviour modules, never by running them."""

from __future__ import annotations

from pathlib import Path

from twingen.generate.coverage import behaviour_operations, coverage_rows

from .apis import pets_api


def test_scan_finds_decorated_module_level_functions_without_importing(tmp_path: Path) -> None:
    marker = tmp_path / "MARKER"
    (tmp_path / "a.py").write_text(
        f"__import__('pathlib').Path({str(marker)!r}).touch()\n"
        "from ..runtime import behaviour\n"
        "import twin.runtime as rt\n"
        "@behaviour('chat.postMessage')\ndef post(ctx): ...\n"
        "@rt.behaviour('files.list', method='GET')\nasync def files(ctx): ...\n"
        "@behaviour(NAME)\ndef dynamic(ctx): ...\n"
        "def outer():\n    @behaviour('nested.not.registered')\n    def inner(ctx): ...\n"
    )
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.py").write_text("@behaviour('sdk.only')\n@behaviour('stacked')\ndef f(ctx): ...\n")
    (tmp_path / "broken.py").write_text("@behaviour('x'\n")
    assert behaviour_operations(tmp_path) == {"chat.postMessage", "files.list", "sdk.only", "stacked"}
    assert not marker.exists()


def test_behaviour_only_operations_are_listed_after_the_spec_ones(tmp_path: Path) -> None:
    (tmp_path / "x.py").write_text(
        "@behaviour('zzz.sdkOnly')\ndef f(ctx): ...\n"
        "@behaviour('ping')\ndef g(ctx): ...\n"
        "@behaviour('extra.route', method='get', path='/v2/extra')\ndef h(ctx): ...\n"
    )
    rows = coverage_rows(pets_api(), tmp_path)
    assert [(r.operation, r.method, r.path, r.source) for r in rows] == [
        ("listPets", "GET", "/v1/pets", "inferred"),
        ("createPet", "POST", "/v1/pets", "inferred"),
        ("getPet", "GET", "/v1/pets/{petId}", "inferred"),
        ("ping", "GET", "/v1/ping", "behaviour"),
        ("extra.route", "GET", "/v2/extra", "behaviour"),
        ("zzz.sdkOnly", "", "", "behaviour"),
    ]


def test_missing_behaviour_folder_means_no_behaviour(tmp_path: Path) -> None:
    assert behaviour_operations(tmp_path / "absent") == set()


def test_a_wrapper_of_the_behaviour_decorator_registers_too(tmp_path: Path) -> None:
    # twins wrap ``behaviour`` to add vendor rules before registering (Slack's scope check)
    (tmp_path / "_auth.py").write_text(
        "from ..runtime import behaviour\n"
        "def slack_method(op_id):\n"
        "    def register(fn):\n        return behaviour(op_id)(fn)\n"
        "    return register\n"
        "def unrelated(op_id):\n    return lambda fn: fn\n"
    )
    (tmp_path / "chat.py").write_text(
        "from ._auth import slack_method, unrelated\n"
        "@slack_method('chat.postMessage')\ndef post(ctx, caller): ...\n"
        "@unrelated('not.registered')\ndef other(ctx): ...\n"
    )
    assert behaviour_operations(tmp_path) == {"chat.postMessage"}


def test_wrappers_are_followed_through_a_shared_helper(tmp_path: Path) -> None:
    (tmp_path / "_auth.py").write_text(
        "from ..runtime import behaviour\n"
        "def guarded(op_id, check):\n"
        "    def register(fn):\n        return behaviour(op_id)(fn)\n"
        "    return register\n"
        "def slack_method(op_id):\n    return guarded(op_id, None)\n"
        "def admin_method(op_id):\n    return guarded(op_id, None)\n"
    )
    (tmp_path / "admin.py").write_text(
        "@admin_method('admin.users.list')\ndef users(ctx, caller): ...\n"
        "@slack_method('chat.postMessage')\ndef post(ctx, caller): ...\n"
    )
    assert behaviour_operations(tmp_path) == {"admin.users.list", "chat.postMessage"}
