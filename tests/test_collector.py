"""collector_paused: automatic garbage collections off inside, restored afterwards;
kept_for_good: the same, and what was built is frozen out of the collector's view."""

from __future__ import annotations

import gc

import pytest

from manysides.collector import collector_paused, kept_for_good


def test_collector_paused_restores_thresholds_and_survives_gc_enable() -> None:
    before = gc.get_threshold()
    with collector_paused():
        assert gc.get_threshold()[0] == 0
        gc.enable()  # what srsly's msgpack reader does on its way out
        assert gc.get_threshold()[0] == 0
        with collector_paused():  # nested: left alone
            assert gc.get_threshold()[0] == 0
        assert gc.get_threshold()[0] == 0
    assert gc.get_threshold() == before


def test_an_error_inside_still_restores_the_collector() -> None:
    before = gc.get_threshold()
    with pytest.raises(ZeroDivisionError), collector_paused():
        assert gc.get_threshold()[0] == 0
        _ = 1 / 0
    assert gc.get_threshold() == before and gc.isenabled()


def test_a_caller_that_disabled_the_collector_keeps_it_disabled() -> None:
    before = gc.get_threshold()
    gc.disable()
    try:
        with collector_paused():
            assert not gc.isenabled() and gc.get_threshold() == before
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_kept_for_good_freezes_what_was_built_and_restores_the_collector() -> None:
    before, frozen = gc.get_threshold(), gc.get_freeze_count()
    try:
        with kept_for_good():
            assert gc.get_threshold()[0] == 0
            kept = [[i] for i in range(2000)]  # 2,001 lists the collector tracks
        assert gc.get_freeze_count() >= frozen + 2001
        assert gc.get_threshold() == before and gc.isenabled()
        assert len(kept) == 2000
    finally:
        gc.unfreeze()
