"""collector_paused: automatic garbage collections off inside, restored afterwards."""

from __future__ import annotations

import gc

import pytest

from manysides.collector import collector_paused


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
