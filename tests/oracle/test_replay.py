"""``twingen.oracle.replay`` against the tiny notes twin, with the hand-written sample cassettes (YAML, JSON, HAR).

The notes twin mints its own ids and reads credentials it seeded itself, so an interaction passes only when
the replay rewrote the host, swapped the credentials and put the learned ids into the request.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from twingen.oracle.compare import Verdict
from twingen.oracle.parity_report import figures, markdown
from twingen.oracle.replay import (
    BODY_NOT_RECORDED,
    NOT_ROUTED,
    RECORDED_ONLY,
    Judged,
    ReplayOptions,
    ReplayReport,
    replay,
    serve_guarded,
)
from twingen.runtime.serving.netguard import NetworkRefused, installed

from .samples.tiny_twin import BOT_TOKEN, make_twin

SAMPLES = Path(__file__).parent / "samples" / "cassettes"
FLOW, UPLOADS, FAILED, HAR = "notes/notes_flow.yaml", "notes/uploads.json", "notes/failed_create.yaml", "whoami.har"
NO_BODY = "notes/no_body_kept.yaml"

pytestmark = pytest.mark.network_loopback


@pytest.fixture(scope="module")
def notes_twin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_twin(tmp_path_factory.mktemp("replay"))


@pytest.fixture(scope="module")
def report(notes_twin: Path) -> ReplayReport:
    return replay(ReplayOptions(notes_twin, SAMPLES))


def _result(report: ReplayReport, cassette: str, index: int) -> Judged:
    return next(r for r in report.results if r.cassette == cassette and r.index == index)


def _verdict(report: ReplayReport, cassette: str, index: int) -> Verdict:
    verdict = _result(report, cassette, index).verdict
    assert verdict is not None, _result(report, cassette, index)
    return verdict


def test_every_format_is_read_and_every_interaction_reported(report: ReplayReport) -> None:
    assert report.cassettes == [FAILED, NO_BODY, FLOW, UPLOADS, HAR]
    assert [(r.cassette, r.index) for r in report.results if r.cassette == FLOW] == [(FLOW, i) for i in range(8)]
    assert len(report.results) == 2 + 3 + 8 + 4 + 3


def test_hosts_are_rewritten_to_the_twin(report: ReplayReport) -> None:
    # recorded on notes.example.com and files.example.com: every routed request got an answer from the twin
    judged = [r for r in report.results if r.verdict is not None]
    assert judged and all(r.verdict is not None and r.verdict.twin_status in (200, 201) for r in judged)


def test_credentials_are_swapped_for_the_twins_own_of_the_same_kind(report: ReplayReport) -> None:
    assert _verdict(report, FLOW, 7).passed  # a user token (xoxp-) recorded: the twin's user token answers "user"
    assert _verdict(report, HAR, 0).passed  # a bot token (xoxb-): the bot
    assert _verdict(report, UPLOADS, 3).passed  # a token form field, no header


def test_ids_learned_from_a_body_are_put_into_later_paths_and_bodies(report: ReplayReport) -> None:
    assert _verdict(report, FLOW, 1).passed  # GET /api/notes/N7REC0001: the twin's id in the path
    assert _verdict(report, FLOW, 2).passed  # {"note": "N7REC0001"}: the twin's id in the JSON body
    assert _verdict(report, HAR, 2).passed


def test_ids_learned_from_a_location_header_are_put_into_later_requests(report: ReplayReport) -> None:
    assert _verdict(report, UPLOADS, 1).passed  # the upload id appears only in Location, on another host


def test_keys_are_compared_at_every_depth(report: ReplayReport) -> None:
    verdict = _verdict(report, FLOW, 0)
    assert verdict.status_match and not verdict.keys_match
    assert verdict.missing_keys == ("note.meta.color",) and verdict.extra_keys == ()


def test_error_codes_are_read_with_the_kits_reader(report: ReplayReport) -> None:
    same, different = _verdict(report, FLOW, 3), _verdict(report, FLOW, 4)
    assert (same.recorded_code, same.twin_code, same.error_code_match) == ("note_not_found", "note_not_found", True)
    assert (different.recorded_code, different.twin_code) == ("invalid_title", "title_missing")
    assert different.error_code_match is False and different.status_match  # Slack: errors come with HTTP 200
    assert _verdict(report, FLOW, 1).error_code_match is None


def test_a_status_difference_is_a_failure(report: ReplayReport) -> None:
    verdict = _verdict(report, HAR, 1)
    assert (verdict.recorded_status, verdict.twin_status, verdict.status_match) == (200, 201, False)


def test_what_the_twin_cannot_judge_is_set_apart_with_its_reason(report: ReplayReport) -> None:
    only_recorded, unknown = _result(report, FLOW, 5), _result(report, FLOW, 6)
    assert only_recorded.unjudgeable == RECORDED_ONLY and only_recorded.verdict is None
    assert "N5OLD00077" in only_recorded.detail
    assert unknown.unjudgeable == NOT_ROUTED and unknown.operation == "" and "/api/legacy.method" in unknown.detail


def test_a_write_recorded_without_its_body_is_set_apart_and_what_it_made_is_recorded_only(
    report: ReplayReport,
) -> None:
    create, read, attach = (_result(report, NO_BODY, i) for i in range(3))
    assert create.unjudgeable == BODY_NOT_RECORDED and create.verdict is None and "notes.create" in create.detail
    assert read.unjudgeable == RECORDED_ONLY and "N7REC0010" in read.detail
    # named in a body, not a path: the id only the set-apart write made
    assert attach.unjudgeable == RECORDED_ONLY and "recorded without its body" in attach.detail


def test_an_object_the_twin_failed_to_create_is_judged_not_set_apart(report: ReplayReport) -> None:
    created, read = _verdict(report, FAILED, 0), _verdict(report, FAILED, 1)
    assert not created.passed and created.twin_code == "title_missing"
    assert not read.passed and read.twin_code == "note_not_found"


def test_figures_overall_and_per_operation(report: ReplayReport) -> None:
    data = figures(report)
    assert data["recorded"] == 20 and data["interactions"] == 15 and data["cassettes"] == 5
    assert data["unjudgeable"] == {"body-not-recorded": 1, "not-routed": 1, "recorded-only": 3}
    # status: the HAR create (200 vs 201) and the refused create (201 vs 200) differ
    assert data["status_match"] == round(100 * 13 / 15, 1)
    # keys: note.meta.color, and the refused create and its read (an error body instead of a note)
    assert data["keys_match"] == round(100 * 12 / 15, 1)
    assert (data["error_code_match"], data["error_codes"]) == (50.0, 2)
    assert data["paging_match"] is None and data["paging"] == 0
    create = data["operations"]["notes.create"]
    assert (create["interactions"], create["status_match"], create["source"]) == (5, 60.0, "behaviour")
    assert data["operations"]["notes.get"]["unjudgeable"] == 2
    assert set(data["operations"]) == {"auth.whoami", "notes.attach", "notes.create", "notes.get", "uploads.finish",
                                       "uploads.open"}  # fmt: skip


def test_the_parity_report_is_the_same_on_every_run(report: ReplayReport, notes_twin: Path) -> None:
    again = replay(ReplayOptions(notes_twin, SAMPLES))
    text = markdown(report)
    assert markdown(again) == text
    assert "127.0.0.1" not in text and str(SAMPLES) not in text
    assert "| `notes.create` | behaviour | 5 | 60.0% |" in text
    assert "#0 `POST /api/notes` (`notes.create`): 1 keys missing (`note.meta.color`)" in text


def test_a_replay_refuses_any_connection_that_leaves_the_machine(notes_twin: Path) -> None:
    attempts: list[BaseException] = []

    def try_the_network(judged: Judged) -> None:
        if not installed():  # never try a real connection without the guard
            attempts.append(AssertionError("no network guard during the replay"))
            return
        for attempt in (
            lambda: socket.create_connection(("192.0.2.1", 9), timeout=1),
            lambda: socket.getaddrinfo("api.example.com", 443),
        ):
            try:
                attempt()
            except OSError as exc:
                attempts.append(exc)

    replay(ReplayOptions(notes_twin, SAMPLES, match="*.har"), try_the_network)
    assert len(attempts) == 6 and all(isinstance(exc, NetworkRefused) for exc in attempts)
    assert "refused a connection to 192.0.2.1:9" in str(attempts[0])
    assert "refused a DNS lookup of 'api.example.com'" in str(attempts[1])
    assert "nothing leaves this machine" in str(attempts[0])
    # the guard ends with the run: connecting a UDP socket sends nothing, and is no longer refused
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
        try:
            udp.connect(("192.0.2.1", 9))
        except NetworkRefused:  # pragma: no cover - the failure this asserts against
            pytest.fail("the network guard outlived the replay")
        except OSError:
            pass  # no route to the documentation network: the kernel said so, not the guard


def test_the_twin_a_replay_starts_refuses_the_network_too(notes_twin: Path) -> None:
    with serve_guarded(notes_twin) as twin:
        answer = twin.http.get("/api/net.probe", headers={"Authorization": f"Bearer {BOT_TOKEN}"}).json()
    assert answer["outcome"].startswith("NetworkRefused: twingen replay refused a connection to 192.0.2.1:9")
