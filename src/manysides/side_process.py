"""Work done beside the caller in one forked process, so a long report uses both cores.

A report's stages are pure functions of the parses, and some do not need each other's
results: framing and entities do not read the aligned facts. A forked child computes such
steps while this process aligns facts and summarizes; it sends each result back pickled, in
order. A child that fails or dies sends nothing more, and this process then computes what
is missing itself: an error is raised here exactly as without the child, and a lost child
costs time, not the report.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from types import TracebackType
from typing import Any

from .nlp import MIN_FORKED_CHARS, usable_cores


def fork_worthwhile(requested: int, chars: int) -> bool:
    """Whether steps over ``chars`` characters of text are worth a forked process.

    ``requested`` is ``Settings.parse_processes`` (1: this process only). Forking is safe only
    from a program's main thread (a web server's request threads may hold locks a child
    would inherit), needs a second core, and costs more than it saves on short stories."""
    return (
        requested != 1
        and chars >= MIN_FORKED_CHARS
        and usable_cores() > 1
        and threading.current_thread() is threading.main_thread()
        and not multiprocessing.current_process().daemon  # (may not start children)
        and "fork" in multiprocessing.get_all_start_methods()
    )


def _run_steps(steps: Sequence[Callable[[], Any]], out: Connection) -> None:
    """The child: each step's result sent in order; the first failure ends the child
    silently (the parent recomputes from there and meets the error itself)."""
    try:
        for step in steps:
            out.send(step())
    except BaseException:  # noqa: BLE001 (any failure: the parent redoes the rest)
        pass
    finally:
        out.close()


class SideProcess:
    """``steps`` (functions of no argument, pure) run in order in one forked child when
    ``fork`` is true; ``next_result`` gives their results in order. Without a child, or
    once it has failed, each step runs here when its result is asked for."""

    def __init__(self, steps: Sequence[Callable[[], Any]], fork: bool) -> None:
        self._steps = list(steps)
        self._given = 0
        self._results: Connection | None = None
        self._child: Any = None
        if fork and self._steps:
            context = multiprocessing.get_context("fork")
            receive, send = context.Pipe(duplex=False)
            child = context.Process(target=_run_steps, args=(self._steps, send), daemon=True)
            try:
                child.start()
            except OSError:  # no memory or process slot for a child: all done here
                receive.close()
            else:
                self._child, self._results = child, receive
            send.close()  # (the child holds its own end; EOF here once it has closed it)

    @property
    def forked(self) -> bool:
        return self._child is not None

    def next_result(self) -> Any:
        """The result of the next step, from the child when it delivers one."""
        if self._given >= len(self._steps):
            raise IndexError("every step's result was already given")
        step = self._steps[self._given]
        self._given += 1
        if self._results is not None:
            try:
                return self._results.recv()
            except (EOFError, OSError):  # the child failed or died: the rest is done here
                self._results.close()
                self._results = None
        return step()

    def close(self) -> None:
        """End the child (a result not asked for is not waited on) and reap it."""
        if self._results is not None:
            self._results.close()
            self._results = None
        if self._child is not None:
            if self._given < len(self._steps):
                self._child.terminate()
            self._child.join()
            self._child.close()
            self._child = None

    def __enter__(self) -> SideProcess:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()
