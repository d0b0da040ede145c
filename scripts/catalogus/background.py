"""Work that a second process does while this one goes on.

About half of a build's own time goes to the intervention pages, which need nothing from the
other page families. On a machine with two or more processors a forked process makes them while
this one makes the rest. Being forked, it starts with the loaded records in memory, so nothing is
copied or pickled to it; it sends back only its result. Where there is one processor, or no fork
(Windows; macOS does not fork by default), the work is done in this process when its result is
asked for, so the result is the same either way.
"""

import multiprocessing
import os
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
    return "fork" in multiprocessing.get_all_start_methods() and len(os.sched_getaffinity(0)) > 1


class Background:
    """`function(*arguments)`, begun in a second process where one helps."""

    def __init__(self, function: Callable[..., Any], *arguments: Any) -> None:
        self._function, self._arguments = function, arguments
        self._process = None
        if can_fork():
            context = multiprocessing.get_context("fork")
            self._receiving, sending = context.Pipe(duplex=False)
            self._process = context.Process(
                target=_run, args=(sending, function, arguments), daemon=True
            )
            self._process.start()
            sending.close()

    def result(self) -> Any:
        """What the function returned, or its error raised here."""
        if self._process is None:
            return self._function(*self._arguments)
        try:
            outcome, value, where = self._receiving.recv()
        except EOFError:
            self._process.join()
            raise BackgroundFailed(
                "het tweede proces van de build stopte zonder resultaat "
                f"(exitcode {self._process.exitcode}); probeer het opnieuw"
            ) from None
        finally:
            self._receiving.close()
        self._process.join()
        if outcome == "error":
            raise value from _RemoteTraceback(where)
        return value

    def stop(self) -> None:
        """No result is wanted any more (this process failed first): end the second one."""
        if self._process is not None and self._process.is_alive():
            self._process.terminate()
            self._process.join()


def _run(sending, function: Callable[..., Any], arguments: tuple) -> None:
    try:
        sending.send(("result", function(*arguments), ""))
    except BaseException as error:  # whatever it is, this process reports it
        where = traceback.format_exc()
        try:
            sending.send(("error", error, where))
        except Exception:  # the error itself cannot be pickled: its text still can
            sending.send(("error", RuntimeError(str(error)), where))
    finally:
        sending.close()
