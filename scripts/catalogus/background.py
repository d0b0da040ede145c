"""Work that a second process does while this one goes on.

Most of a build's own time goes to making pages and exports that mkdocs reads only later: the
intervention pages after the hand-written ones, the exports only when it copies files. On a
machine with two or more processors a forked process makes them while this one makes the rest
and mkdocs reads what is ready. Being forked, it starts with the loaded records in memory, so
nothing is copied or pickled to it; it sends back only how far it is, and its result. Where there
is one processor, or the system is not Linux (see `can_fork`), the work is done in this process
when it is first waited for, so the result is the same either way.
"""

import multiprocessing
import os
import sys
import traceback
from collections.abc import Callable
from typing import Any


class BackgroundFailed(Exception):
    """The second process stopped without a result (it was killed, or ran out of memory)."""


class _RemoteTraceback(Exception):
    """Where the error was raised in the second process, shown as the cause of the error."""

    def __str__(self) -> str:
        return self.args[0]


def can_fork() -> bool:
    # Only Linux: macOS' system libraries may not survive a fork, and Windows has none.
    return sys.platform.startswith("linux") and len(os.sched_getaffinity(0)) > 1


class Background:
    """`function(report, *arguments)`, begun in a second process where one helps. The function
    calls `report(count)` to tell how many of its steps are done (see `wait_for`)."""

    def __init__(self, function: Callable[..., Any], *arguments: Any) -> None:
        self._function, self._arguments = function, arguments
        self._process = None
        self._reported = 0
        self._finished = False
        self._result = None
        if can_fork():
            context = multiprocessing.get_context("fork")
            self._receiving, sending = context.Pipe(duplex=False)
            self._process = context.Process(
                target=_run, args=(sending, function, arguments), daemon=True
            )
            self._process.start()
            sending.close()

    def wait_for(self, count: int) -> None:
        """Returns once `count` steps are done, raising the function's error if it failed."""
        while self._reported < count and not self._finished:
            self._receive()

    def result(self) -> Any:
        """What the function returned, once it is done, or its error raised here."""
        while not self._finished:
            self._receive()
        return self._result

    def _receive(self) -> None:
        if self._process is None:
            self._result = self._function(_ignore, *self._arguments)
            self._finished = True
            return
        try:
            kind, value, where = self._receiving.recv()
        except EOFError:
            self._process.join()
            self._receiving.close()
            raise BackgroundFailed(
                "het tweede proces van de build stopte zonder resultaat "
                f"(exitcode {self._process.exitcode}); probeer het opnieuw"
            ) from None
        if kind == "progress":
            self._reported = value
            return
        self._finished = True
        self._receiving.close()
        self._process.join()
        if kind == "error":
            raise value from _RemoteTraceback(where)
        self._result = value

    def stop(self) -> None:
        """No result is wanted any more (this process failed first): end the second one."""
        if self._process is not None and self._process.is_alive():
            self._process.terminate()
            self._process.join()


def _ignore(count: int) -> None:
    pass


def _run(sending, function: Callable[..., Any], arguments: tuple) -> None:
    def report(count: int) -> None:
        sending.send(("progress", count, ""))

    try:
        sending.send(("result", function(report, *arguments), ""))
    except BaseException as error:  # whatever it is, this process reports it
        where = traceback.format_exc()
        try:
            sending.send(("error", error, where))
        except Exception:  # the error itself cannot be pickled: its text still can
            sending.send(("error", RuntimeError(str(error)), where))
    finally:
        sending.close()
