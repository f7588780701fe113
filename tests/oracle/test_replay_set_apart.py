"""What a recording cannot ask a twin again is set apart with its reason, not failed: a body the recorder did not
keep on a route the docs lack, a DPoP proof replaced by a placeholder, an answer that did not come from the
vendor's API (no request-id header the kit names), the vendor saying the recorded account lacked a feature the twin
has; and a recorded form body kept as a mapping is sent again."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from twingen.kits import kit_named
from twingen.oracle import replay as replay_module
from twingen.oracle.cassettes import read_cassette
from twingen.oracle.replay import (
    BODY_NOT_RECORDED,
    FEATURE_OFF,
    NOT_VENDOR_ANSWER,
    PROOF_NOT_RECORDED,
    ReplayOptions,
    replay,
)

from .samples.tiny_twin import make_twin

SAMPLES = Path(__file__).parent / "samples" / "set_apart"

pytestmark = pytest.mark.network_loopback


def test_unreplayable_interactions_are_set_apart_and_the_rest_judged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    notes_kit = replace(  # type: ignore[type-var]
        kit_named("slack"), answer_header="X-Notes-Request-Id", feature_off_codes=("feature_missing",)
    )
    monkeypatch.setattr(replay_module, "kit_named", lambda name: notes_kit)
    report = replay(ReplayOptions(make_twin(tmp_path), SAMPLES))
    reasons = [r.unjudgeable for r in report.results]
    assert reasons == [BODY_NOT_RECORDED, PROOF_NOT_RECORDED, NOT_VENDOR_ANSWER, "", FEATURE_OFF]
    assert "sessions.open was refused without one" in report.results[0].detail
    judged = report.results[3].verdict
    assert judged is not None and judged.passed


def test_without_an_answer_header_every_answer_is_judged(tmp_path: Path) -> None:
    report = replay(ReplayOptions(make_twin(tmp_path), SAMPLES))  # the notes twin's kit names no header
    assert [r.unjudgeable for r in report.results][2:] == ["", "", ""]


def test_a_recorded_form_body_kept_as_a_mapping_is_form_encoded() -> None:
    cassette = read_cassette(SAMPLES / "unreplayable.yaml", SAMPLES)
    assert cassette.interactions[1].request_body == b"grant_type=client_credentials&scope=notes.read"
