import os
import threading

import pytest

from conftest import make_article
from manysides import report, side_process
from manysides.model import Event, Grouping
from manysides.render import report_to_dict
from manysides.settings import Settings
from manysides.side_process import SideProcess, fork_worthwhile


def test_a_forked_child_gives_each_result_in_order_from_its_own_process() -> None:
    parent = os.getpid()
    with SideProcess([lambda: ("first", os.getpid()), lambda: ("second", os.getpid())], fork=True) as side:
        assert side.forked
        first, second = side.next_result(), side.next_result()
    assert first[0] == "first" and second[0] == "second"
    assert first[1] == second[1] != parent
    with pytest.raises(IndexError):
        side.next_result()


def test_without_a_child_each_step_runs_here_when_asked() -> None:
    ran = []
    with SideProcess([lambda: ran.append("a") or 1, lambda: ran.append("b") or 2], fork=False) as side:
        assert not side.forked and ran == []
        assert side.next_result() == 1 and ran == ["a"]
        assert side.next_result() == 2 and ran == ["a", "b"]


def test_a_step_that_fails_in_the_child_raises_here_and_the_steps_before_it_count() -> None:
    def failing() -> int:
        raise ValueError("no frames in this story")

    with SideProcess([lambda: 7, failing, lambda: 9], fork=True) as side:
        assert side.next_result() == 7
        with pytest.raises(ValueError, match="no frames in this story"):
            side.next_result()
        assert side.next_result() == 9  # computed here: the child stopped at the failure


def test_a_child_that_dies_costs_time_not_the_result() -> None:
    parent = os.getpid()

    def dies_in_the_child() -> str:
        if os.getpid() != parent:
            os._exit(3)  # as if killed for memory
        return "computed here"

    with SideProcess([dies_in_the_child], fork=True) as side:
        assert side.next_result() == "computed here"


def test_closing_before_every_result_ends_the_child() -> None:
    side = SideProcess([lambda: 1, lambda: threading.Event().wait(600)], fork=True)
    pid = side._child.pid
    assert side.next_result() == 1
    side.close()  # the child, still waiting, is ended and reaped, not waited on
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_forking_is_worthwhile_only_for_long_stories_from_the_main_thread(monkeypatch) -> None:
    monkeypatch.setattr(side_process, "usable_cores", lambda: 2)
    assert fork_worthwhile(0, 200_000)
    assert fork_worthwhile(2, 200_000)
    assert not fork_worthwhile(1, 200_000)  # one process asked for
    assert not fork_worthwhile(0, 5_000)  # short: forking costs more than it saves
    found = []
    worker = threading.Thread(target=lambda: found.append(fork_worthwhile(0, 200_000)))
    worker.start()
    worker.join()
    assert found == [False]  # a request thread never forks
    monkeypatch.setattr(side_process, "usable_cores", lambda: 1)
    assert not fork_worthwhile(0, 200_000)


def test_a_report_built_with_a_forked_child_is_the_report_built_in_one_process(parse, monkeypatch) -> None:
    parsed = parse(
        make_article(
            "The Harlow county council voted 7-2 on Monday to close the Eastgate library. "
            "\"We cannot keep every branch open,\" said council leader Ana Ruiz.",
            outlet="Harlow Ledger",
        ),
        make_article(
            "Harlow's council shut the much-loved Eastgate library in a 7-2 vote on Monday, "
            "a decision critics called reckless.",
            outlet="Valley Star",
        ),
    )
    event = Event("e-1", tuple(p.id for p in parsed))
    grouping = Grouping(events=(event,))
    inline = report_to_dict(report.build_report(event, parsed, grouping, Settings(parse_processes=1)))
    forks = []
    monkeypatch.setattr(report, "fork_worthwhile", lambda requested, chars: forks.append(chars) or True)
    forked = report_to_dict(report.build_report(event, parsed, grouping, Settings()))
    assert forks == [sum(len(p.article.text) for p in parsed)]
    assert forked == inline
    assert forked["entities"] and forked["framing"]


def test_a_child_that_cannot_start_leaves_every_step_to_this_process(monkeypatch) -> None:
    import multiprocessing.context

    def no_slot(self) -> None:
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(multiprocessing.context.ForkProcess, "start", no_slot)
    with SideProcess([os.getpid], fork=True) as side:
        assert not side.forked
        assert side.next_result() == os.getpid()
