"""The replay's parts on their own, no twin: cassette reading, id pairs, comparison, credentials, operation
matching, the network guard and the kits' error-code readers."""

from __future__ import annotations

import json
import socket
from pathlib import Path
from typing import Any

import pytest

from twingen.kits import kit_named, load
from twingen.oracle.cassettes import CassetteError, find_cassettes, read_cassette
from twingen.oracle.compare import Answer, judge, key_paths, link_relations, paging_signals
from twingen.oracle.credentials import CredentialSwap, TwinCredential
from twingen.oracle.idmap import IdMap, id_like, looks_generated
from twingen.oracle.operations import OperationTable
from twingen.oracle.replay import load_cassettes
from twingen.runtime.serving.netguard import NetworkRefused, is_loopback, refuse_network

SAMPLES = Path(__file__).parent / "samples" / "cassettes"


# cassettes ----------------------------------------------------------------------------------------------------------


def test_vcrpy_yaml_with_a_compressed_binary_body() -> None:
    cassette = read_cassette(SAMPLES / "notes" / "notes_flow.yaml", SAMPLES)
    assert (cassette.name, cassette.format, len(cassette.interactions)) == ("notes/notes_flow.yaml", "vcr-yaml", 8)
    first, last = cassette.interactions[0], cassette.interactions[7]
    assert (first.method, first.url, first.status) == ("POST", "https://notes.example.com/api/notes", 201)
    assert first.header("authorization", response=False) == "Bearer xoxb-1111-REAL-BOT-SECRET"
    assert json.loads(first.request_body) == {"title": "groceries"}
    assert json.loads(last.response_body) == {"ok": True, "user": {"user_id": "U0REALUSER"}}  # gunzipped


def test_vcrpy_json_and_har() -> None:
    uploads = read_cassette(SAMPLES / "notes" / "uploads.json", SAMPLES)
    assert uploads.format == "vcr-json" and uploads.interactions[0].header("location").endswith("UPREC000000042?part=1")
    har = read_cassette(SAMPLES / "whoami.har", SAMPLES)
    assert har.format == "har" and har.interactions[0].request_headers == (
        ("authorization", "Bearer xoxb-1111-REAL-BOT-SECRET"),
    )  # the HTTP/2 pseudo-header is not a header a client sets
    assert json.loads(har.interactions[0].response_body) == {"ok": True, "bot": {"bot_id": "B0REALBOT"}}  # base64
    assert json.loads(har.interactions[1].request_body) == {"title": "from a browser"}


def test_the_oldest_vcrpy_layout_and_python_tags(tmp_path: Path) -> None:
    path = tmp_path / "old.yaml"
    path.write_text(
        "interactions:\n- request: {method: GET, protocol: https, host: api.example.com, port: 443, path: /v1/x,\n"
        "    body: !!python/unicode '', headers: {}}\n"
        "  response: {status: {code: 204, message: No Content}, headers: {}, body: {string: ''}}\n"
    )
    (interaction,) = read_cassette(path).interactions
    assert (interaction.url, interaction.status, interaction.response_body) == (
        "https://api.example.com/v1/x",
        204,
        b"",
    )


def test_files_that_are_not_cassettes(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("interactions: []\n")
    (tmp_path / "package.json").write_text('{"name": "not a cassette"}')
    (tmp_path / "notes.txt").write_text("ignored: not a cassette suffix")
    cassettes, skipped = load_cassettes(tmp_path, None)
    assert [c.name for c in cassettes] == ["a.yaml"] and skipped[0][0] == "package.json"
    with pytest.raises(CassetteError, match="neither a vcrpy cassette"):
        load_cassettes(tmp_path / "package.json", None)
    with pytest.raises(CassetteError, match="no such file"):
        find_cassettes(tmp_path / "missing")


def test_match_keeps_cassettes_by_relative_path_or_name() -> None:
    assert [p.name for p in find_cassettes(SAMPLES, "*.har")] == ["whoami.har"]
    assert [p.name for p in find_cassettes(SAMPLES, "notes/*.json")] == ["uploads.json"]


# id pairs -----------------------------------------------------------------------------------------------------------


def test_ids_are_paired_side_by_side_and_lists_item_by_item() -> None:
    ids = IdMap()
    recorded = {
        "user": {"id": "00uREC1", "profile": {"login": "a@b"}},
        "groups": [{"groupId": "00gA1"}, {"groupId": 7}],
    }
    twin = {"user": {"id": "00uTWIN", "profile": {"login": "x@y"}}, "groups": [{"groupId": "00gT1"}, {"groupId": 9}]}
    ids.learn_bodies(recorded, twin)
    assert ids.pairs == {"00uREC1": "00uTWIN", "00gA1": "00gT1", "7": "9"}  # logins are not ids


def test_a_recorded_id_keeps_its_first_pair_and_twin_ids_are_not_shared() -> None:
    ids = IdMap()
    ids.add("REC1", "TWIN1")
    ids.add("REC1", "TWIN2")
    ids.add("REC2", "TWIN1")
    assert ids.pairs == {"REC1": "TWIN1"}


def test_urls_are_paired_by_segment_and_by_query_name() -> None:
    ids = IdMap()
    ids.learn_urls(
        "https://x.example.com/upload/files/1RecFile99?upload_id=ADrec42&limit=10",
        "http://127.0.0.1:5000/upload/files/1TwinFile7?upload_id=twin-up&limit=20",
    )
    assert ids.pairs == {"1RecFile99": "1TwinFile7", "ADrec42": "twin-up"}  # limit is neither an id nor minted


def test_substitution_in_paths_queries_json_forms_and_inside_strings() -> None:
    ids = IdMap()
    ids.add("1AbCdEfGhIjK", "1TwinFileId0")
    ids.add("T7", "T9")
    url = ids.url("https://h/drive/v3/files/1AbCdEfGhIjK:copy?q=%271AbCdEfGhIjK%27+in+parents&team=T7&x=T77")
    assert url == "https://h/drive/v3/files/1TwinFileId0:copy?q=%271TwinFileId0%27+in+parents&team=T9&x=T77"
    body = ids.body(b'{"parents": ["1AbCdEfGhIjK"], "team": "T7", "note": "T7 is short"}', "application/json")
    assert json.loads(body) == {"parents": ["1TwinFileId0"], "team": "T9", "note": "T7 is short"}
    assert ids.body(b"file=1AbCdEfGhIjK&n=1", "application/x-www-form-urlencoded") == b"file=1TwinFileId0&n=1"
    assert ids.body(b'--b\r\n{"id": "1AbCdEfGhIjK"}', "multipart/related") == b'--b\r\n{"id": "1TwinFileId0"}'
    untouched = b'{"a":  1}'
    assert ids.body(untouched, "application/json") is untouched


def test_id_like_names_and_minted_values() -> None:
    assert all(map(id_like, ["id", "userId", "user_id", "fileID", "nextPageToken", "next_cursor", "ts", "key"]))
    assert not any(map(id_like, ["android", "valid", "grid", "name", "login", "paid"]))
    assert looks_generated("00u1ab2c3d") and not looks_generated("default") and not looks_generated("me")


# comparison -----------------------------------------------------------------------------------------------------


def test_key_paths_at_every_depth() -> None:
    left, right = key_paths({"a": {"b": [{"c": 1}, {"d": None}]}}, {"a": {"b": [{"c": 2}]}})
    assert left == {"<object>", "a", "a.b", "a.b[].c", "a.b[].d"}
    assert right == {"<object>", "a", "a.b", "a.b[].c"}


def test_a_list_empty_on_one_side_is_state_not_shape_and_says_so() -> None:
    recorded: dict[str, Any] = {"items": [{"id": 1}], "owner": {"id": 2}}
    twin: dict[str, Any] = {"items": [], "owner": None}
    left, right = key_paths(recorded, twin)
    assert left - right == {"items[].id", "owner.id"} and right - left == set()
    left, right = key_paths(recorded, twin, hide_unpaired_items=True)
    assert left - right == {"owner.id"}  # null against an object always differs
    only_lists = judge(Answer(200, (), b'{"users": [{"id": "00u1"}]}'), Answer(200, (), b'{"users": []}'), None)
    assert only_lists.keys_match and only_lists.keys_only_unpaired_items
    assert only_lists.missing_keys == ("users[].id",) and only_lists.missing_count == 1
    shape = judge(Answer(200, (), b'{"users": [{"id": "00u1"}]}'), Answer(200, (), b'{"users": [{}]}'), None)
    assert not shape.keys_match and not shape.keys_only_unpaired_items  # items on both sides: their keys count


def test_bodies_that_are_not_objects_compare_by_kind() -> None:
    assert key_paths(None, None)[0] == key_paths(None, None)[1] == {"<empty>"}
    assert key_paths([1], {"a": 1})[0] == {"<array>"}


def test_judge_reads_status_keys_code_and_paging() -> None:
    reader = load(kit_named("slack").error_code)  # type: ignore[union-attr]
    recorded = Answer(200, (("Link", '<https://x/y?after=abc>; rel="next"'),), b'{"ok": false, "error": "ratelimited"}')
    twin = Answer(429, (), b'{"ok": false, "error": "ratelimited", "extra": 1}')
    verdict = judge(recorded, twin, reader)
    assert not verdict.status_match and not verdict.keys_match and verdict.extra_keys == ("extra",)
    assert verdict.error_code_match is True
    assert verdict.paging == ("link:next",) and verdict.twin_paging == () and verdict.paging_match is False
    assert not verdict.passed


def test_paging_signals_from_link_relations_and_cursors() -> None:
    answer = Answer(200, (("link", '<http://a/?x=1>; rel="self", <http://a/?after=9>; rel="next"'),), b"")
    assert link_relations(answer.header("link")) == {"self": "http://a/?x=1", "next": "http://a/?after=9"}
    body = {"files": [], "nextPageToken": "tok", "response_metadata": {"next_cursor": ""}}
    assert paging_signals(answer, body) == ("cursor:nextPageToken", "link:next")


# credentials ------------------------------------------------------------------------------------------------------


def _swap() -> CredentialSwap:
    credentials = [
        TwinCredential("apikey", "apikey", "00twinkey"),
        TwinCredential("bot", "bearer", "xoxb-twin-bot"),
        TwinCredential("user", "bearer", "xoxp-twin-user"),
        TwinCredential("admin", "basic", "admin:secret"),
    ]
    return CredentialSwap(credentials, ["key"], apikey_prefix="SSWS")


def test_authorization_keeps_the_scheme_and_picks_the_closest_credential() -> None:
    swap = _swap()
    assert swap.authorization("SSWS myAPIToken") == "SSWS 00twinkey"
    assert swap.authorization("Bearer xoxp-123-real") == "Bearer xoxp-twin-user"
    assert swap.authorization("Bearer xoxb-123-real") == "Bearer xoxb-twin-bot"
    assert swap.authorization("Basic dXNlcjpwYXNz") == "Basic YWRtaW46c2VjcmV0"
    assert swap.authorization("DPoP myDPoPToken") == "DPoP xoxb-twin-bot"  # an access token: the first bearer
    # a placeholder: the twin's first listed credential, sent the twin's way
    assert swap.authorization("<ACCESS_TOKEN>") == "SSWS 00twinkey"
    assert CredentialSwap(swap.credentials[1:]).authorization("<ACCESS_TOKEN>") == "Bearer xoxb-twin-bot"


def test_token_fields_in_queries_and_forms() -> None:
    swap = _swap()
    assert swap.url("https://h/api/x?token=xoxp-real&channel=C1") == "https://h/api/x?token=xoxp-twin-user&channel=C1"
    assert swap.url("https://h/api/x?channel=C%201") == "https://h/api/x?channel=C%201"  # untouched: same encoding
    assert swap.form(b"token=xoxb-real&text=hi") == b"token=xoxb-twin-bot&text=hi"


# operations -------------------------------------------------------------------------------------------------------


def test_the_most_literal_template_wins_and_params_are_read() -> None:
    spec = {
        "operations": [
            {"id": "files.get", "method": "GET", "path": "/drive/v3/files/{fileId}"},
            {"id": "files.generateIds", "method": "GET", "path": "/drive/v3/files/generateIds"},
            {"id": "files.create", "method": "POST", "path": "/drive/v3/files",
             "media_upload": {"simple_path": "/upload/drive/v3/files", "resumable_path": ""}},
            {"id": "values.get", "method": "GET", "path": "/v4/{+range}:get"},
        ]
    }  # fmt: skip
    table = OperationTable.from_twin(spec, [{"id": "extra.route", "method": "POST", "path": "/hooks/{key}"}])
    assert table.match("GET", "/drive/v3/files/generateIds").op_id == "files.generateIds"  # type: ignore[union-attr]
    found = table.match("GET", "/drive/v3/files/1a%2Fb")
    assert found is not None and (found.op_id, found.params) == ("files.get", {"fileId": "1a/b"})
    assert table.match("POST", "//upload/drive/v3/files").op_id == "files.create"  # type: ignore[union-attr]
    assert table.match("GET", "/v4/Sheet1!A1/B2:get").params == {"range": "Sheet1!A1/B2"}  # type: ignore[union-attr]
    assert table.match("POST", "/hooks/abc").op_id == "extra.route"  # type: ignore[union-attr]
    other = table.match("DELETE", "/drive/v3/files/x")
    assert other is not None and not other.served and other.op_id == "DELETE /drive/v3/files/{fileId}"
    assert table.match("GET", "/v1/sheets") is None


# network guard ----------------------------------------------------------------------------------------------------


def test_loopback_addresses_and_names() -> None:
    assert all(map(is_loopback, ["127.0.0.1", "127.8.9.1", "::1", "[::1]", "localhost", "a.localhost", None, ""]))
    assert all(map(is_loopback, ["::ffff:127.0.0.1", "0.0.0.0"]))
    assert not any(map(is_loopback, ["192.0.2.1", "10.0.0.1", "example.com", "::ffff:192.0.2.1", 3]))


def test_the_guard_refuses_outside_and_lets_loopback_through() -> None:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        with refuse_network(), refuse_network():  # blocks nest
            with pytest.raises(NetworkRefused, match=r"DNS lookup of 'example\.com'"):
                socket.getaddrinfo("example.com", 443)
            with (
                socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp,
                pytest.raises(NetworkRefused, match=r"192\.0\.2\.1:53"),
            ):
                udp.sendto(b"x", ("192.0.2.1", 53))
            socket.create_connection(server.getsockname(), timeout=2).close()
            assert socket.getaddrinfo("localhost", 80)


# error codes of the kits ----------------------------------------------------------------------------------------


def test_kit_error_code_readers() -> None:
    okta = load(kit_named("okta").error_code)  # type: ignore[union-attr]
    google = load(kit_named("google").error_code)  # type: ignore[union-attr]
    slack = load(kit_named("slack").error_code)  # type: ignore[union-attr]
    assert okta(404, {"errorCode": "E0000007", "errorSummary": "Not found"}) == "E0000007"
    assert okta(400, {"error": "invalid_grant", "error_description": "x"}) == "invalid_grant"
    assert okta(200, {"id": "00u1"}) == "" and okta(200, [1]) == ""
    assert (
        google(404, {"error": {"code": 404, "errors": [{"reason": "notFound"}], "status": "NOT_FOUND"}}) == "notFound"
    )
    assert google(404, {"error": {"code": 404, "status": "NOT_FOUND"}}) == "NOT_FOUND"
    assert google(200, {"kind": "drive#file"}) == ""
    assert slack(200, {"ok": False, "error": "channel_not_found"}) == "channel_not_found"
    assert slack(200, {"ok": True, "error": "ignored"}) == "" and slack(500, None) == ""
