"""Runs the latest asyncio request of each kind and drops stale answers (qasync loop)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any, Generic, TypeVar

from app.errors import AurionError
from app.i18n import QT_TRANSLATE_NOOP, Text

log = logging.getLogger(__name__)
T = TypeVar("T")


def _deliver(
    finished: asyncio.Task[T],
    on_result: Callable[[T], None],
    on_error: Callable[[AurionError], None],
) -> None:
    """A finished task's result, or its error as an ``AurionError`` (others are logged with
    their traceback and told as a plain message: never a traceback to the user)."""
    error = finished.exception()
    if error is None:
        on_result(finished.result())
    elif isinstance(error, AurionError):
        on_error(error)
    else:
        log.error("unexpected error in a request", exc_info=error)
        on_error(
            AurionError(
                Text(
                    QT_TRANSLATE_NOOP("AurionError", "Something went wrong: {kind}: {error}"),
                    kind=type(error).__name__,
                    error=str(error),
                )
            )
        )


class LatestRequest(Generic[T]):
    """One request at a time: starting another cancels the previous, whose answer is dropped.

    Results and errors are delivered through callbacks on the GUI thread (the qasync loop runs
    there). Errors other than ``AurionError`` are logged with their traceback and delivered as
    a plain ``AurionError`` so the user sees a message, never a traceback.
    """

    def __init__(self) -> None:
        self._task: asyncio.Task[T] | None = None
        self._generation = 0

    @property
    def busy(self) -> bool:
        return self._task is not None and not self._task.done()

    def cancel(self) -> None:
        self._generation += 1
        if self._task is not None and not self._task.done():
            self._task.cancel()
        self._task = None

    def run(
        self,
        coro: Coroutine[Any, Any, T],
        on_result: Callable[[T], None],
        on_error: Callable[[AurionError], None],
    ) -> asyncio.Task[T]:
        self.cancel()
        generation = self._generation
        task = asyncio.ensure_future(coro)
        self._task = task

        def done(finished: asyncio.Task[T]) -> None:
            if finished.cancelled():
                return
            finished.exception()  # retrieved even when stale: no "never retrieved" log
            if generation != self._generation:
                return  # stale: the user has moved on
            self._task = None
            _deliver(finished, on_result, on_error)

        task.add_done_callback(done)
        return task


class Jobs:
    """Requests that each run to the end (changes the user made: a note, an answer), their
    results delivered on the GUI thread like ``LatestRequest``'s; ``drain()`` awaits them
    before the resources they use close."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()

    @property
    def busy(self) -> bool:
        return bool(self._tasks)

    def run(
        self,
        coro: Coroutine[Any, Any, T],
        on_result: Callable[[T], None],
        on_error: Callable[[AurionError], None],
    ) -> asyncio.Task[T]:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)

        def done(finished: asyncio.Task[T]) -> None:
            self._tasks.discard(finished)
            if not finished.cancelled():
                _deliver(finished, on_result, on_error)

        task.add_done_callback(done)
        return task

    async def drain(self) -> None:
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)
