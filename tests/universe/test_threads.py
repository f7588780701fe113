"""A universe served from the test process (``threads=True``): the same wiring, the twins' apps at hand."""

from __future__ import annotations

from pathlib import Path

from twingen.universe import start_universe
from twingen.universe.running import default_twins

REPO = Path(__file__).resolve().parents[2]


def test_a_threaded_universe_provisions_the_roster() -> None:
    with start_universe(default_twins(REPO / "generated", ("okta", "slack")), threads=True) as universe:
        slack = universe.members["slack"]
        assert getattr(slack, "app", None) is not None and slack.log_path == "(this process)"
        people = universe.people["default"]
        assert len(people) == 4 and all(p["ids"]["slack"] for p in people)
        assert universe.health()[0] is True
