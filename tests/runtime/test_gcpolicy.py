"""Long-lived twin state is frozen out of the cyclic collector once the app starts."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from twingen.runtime.state.gcpolicy import _refreeze, keep_state_out_of_gc


@pytest.fixture()
def restore_gc() -> Iterator[None]:
    yield
    if _refreeze in gc.callbacks:
        gc.callbacks.remove(_refreeze)
    gc.unfreeze()


def test_records_written_while_serving_are_frozen_after_a_middle_generation_collection(restore_gc: None) -> None:
    gc.unfreeze()
    keep_state_out_of_gc()
    frozen = gc.get_freeze_count()
    gc.disable()  # no automatic collection may run while the records are made
    try:
        written = [{"ts": str(n), "reactions": []} for n in range(1000)]
    finally:
        gc.enable()
    gc.collect(0)  # the young generation alone: survivors move up, nothing is frozen yet
    assert gc.get_freeze_count() < frozen + len(written)
    gc.collect(1)
    assert gc.get_freeze_count() >= frozen + len(written)


def test_state_alive_at_start_is_frozen_and_refrozen_after_full_collections(restore_gc: None) -> None:
    gc.unfreeze()
    # records that nest containers are what the collector tracks (flat dicts of strings are untracked)
    state = [{"ts": str(n), "reactions": []} for n in range(1000)]
    keep_state_out_of_gc()
    frozen = gc.get_freeze_count()
    assert frozen >= len(state)
    more = [{"ts": str(n), "reactions": []} for n in range(1000)]
    gc.collect()  # a full collection: what survived it is frozen too
    assert gc.get_freeze_count() >= frozen + len(more)
    keep_state_out_of_gc()
    assert gc.callbacks.count(_refreeze) == 1
