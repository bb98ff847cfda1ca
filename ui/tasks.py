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
            error = finished.exception()  # retrieved even when stale: no "never retrieved" log
            if generation != self._generation:
                return  # stale: the user has moved on
            self._task = None
            if error is None:
                on_result(finished.result())
            elif isinstance(error, AurionError):
                on_error(error)
            else:
                log.error("unexpected error in a request", exc_info=error)
                on_error(
                    AurionError(
                        Text(
                            QT_TRANSLATE_NOOP(
                                "AurionError", "Something went wrong: {kind}: {error}"
                            ),
                            kind=type(error).__name__,
                            error=str(error),
                        )
                    )
                )

        task.add_done_callback(done)
        return task
