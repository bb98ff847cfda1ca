"""JSON bodies read within bounds: a byte cap while streaming, a transcript parsed as it arrives."""

from __future__ import annotations

import zlib
from collections.abc import AsyncIterator, Mapping
from typing import Any

import httpx
import ijson
import orjson

from app.errors import ResponseFormatError, ResponseTooLargeError

#: Bodies up to this size are parsed in one go by orjson (fast: the bulk export reads
#: thousands of small transcripts). Even built of nothing but ``{}``, such a body makes under
#: 400,000 objects (~25 MB); larger transcripts are parsed as they arrive, with a budget.
SMALL_BODY = 1024 * 1024

#: JSON values (objects, arrays, scalars; not keys) allowed per segment of the cap, in the
#: streaming parse: a typical segment has four, a segment with word timings a few dozen.
VALUES_PER_SEGMENT = 8


def mib(size: int) -> str:
    """``16 MiB``, ``1.5 MiB``, ``512 KiB``: a byte count for a message."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):,.1f} MiB".replace(".0 MiB", " MiB")
    return f"{size / 1024:,.1f} KiB".replace(".0 KiB", " KiB")


def announced_length(response: httpx.Response) -> int | None:
    """The Content-Length header as a number, or None when absent or not one."""
    value = response.headers.get("content-length")
    if value is None:
        return None
    try:
        length = int(value)
    except ValueError:
        return None
    return length if length >= 0 else None


def too_large(what: str, cap: int, announced: int | None = None) -> ResponseTooLargeError:
    detail = f" (it announced {mib(announced)})" if announced is not None else ""
    return ResponseTooLargeError(
        f"The server's answer for {what} is larger than {mib(cap)}{detail}; the app refuses "
        "answers this large rather than run out of memory."
    )


def check_announced(response: httpx.Response, cap: int, what: str) -> None:
    """Refuse before reading when Content-Length already says the body is beyond ``cap``."""
    length = announced_length(response)
    if length is not None and length > cap:
        raise too_large(what, cap, length)


#: Bytes a decompressor may produce at a time: a gzip bomb never expands in memory.
_DECODE_STEP = 256 * 1024
#: What the client accepts (``Accept-Encoding``), hence what ``body_chunks`` decodes.
ACCEPTED_ENCODINGS = "gzip, deflate"


async def body_chunks(response: httpx.Response, cap: int, what: str) -> AsyncIterator[bytes]:
    """The body decoded in steps of at most ``_DECODE_STEP`` bytes, refused past ``cap``.

    httpx decodes each compressed chunk whole (one 1 MB chunk of a gzip bomb became 1 GB in
    memory before any cap could look at it); here the raw bytes go through zlib with a
    ``max_length``, so a cap holds on what is produced, not on what was sent.
    """
    if response.is_stream_consumed:  # read already (a test's MockTransport): decoded by httpx
        if len(response.content) > cap:
            raise too_large(what, cap)
        yield response.content
        return
    encoding = response.headers.get("content-encoding", "identity").strip().lower()
    if encoding in ("", "identity"):
        produced = 0
        async for chunk in response.aiter_raw():
            produced += len(chunk)
            if produced > cap:
                raise too_large(what, cap)
            yield chunk
        return
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise ResponseFormatError(
            f"The Aurion API sent {what} in an encoding it was not asked for ({encoding[:30]})."
        )
    wbits = 16 + zlib.MAX_WBITS if encoding in ("gzip", "x-gzip") else zlib.MAX_WBITS
    decoder = zlib.decompressobj(wbits)
    produced = 0
    try:
        async for raw in response.aiter_raw():
            data = raw
            while data:
                out = decoder.decompress(data, _DECODE_STEP)
                data = decoder.unconsumed_tail
                produced += len(out)
                if produced > cap:
                    raise too_large(what, cap)
                if out:
                    yield out
        tail = decoder.flush()
    except zlib.error:
        raise ResponseFormatError(f"The Aurion API sent {what} badly compressed.") from None
    if produced + len(tail) > cap:
        raise too_large(what, cap)
    if tail:
        yield tail


async def read_capped(response: httpx.Response, cap: int, what: str) -> bytearray:
    """The whole (decoded) body, refused with ``ResponseTooLargeError`` past ``cap`` bytes,
    whether announced by Content-Length or found while reading."""
    check_announced(response, cap, what)
    body = bytearray()
    async for chunk in body_chunks(response, cap, what):
        body += chunk
    return body


async def read_head(response: httpx.Response, cap: int) -> bytearray:
    """At most the first ``cap`` bytes of the body (an error page's message); the rest is
    left unread and dropped with the connection."""
    head = bytearray()
    try:
        async for chunk in body_chunks(response, 64 * cap, "an error message"):
            head += chunk[: cap - len(head)]
            if len(head) >= cap:
                break
    except ResponseFormatError:
        pass  # an error page we cannot read: its status says enough
    return head


def loads(body: bytes | bytearray, what: str) -> Any:
    try:
        return orjson.loads(body)
    except orjson.JSONDecodeError:
        raise ResponseFormatError(
            f"The Aurion API sent a response for {what} that is not valid JSON."
        ) from None


async def read_transcript(
    response: httpx.Response, *, cap: int, max_segments: int, what: str
) -> Any:
    """A transcript body as a JSON value, read within ``cap`` bytes and ``max_segments``.

    A small body is parsed at once; a larger one is fed to a streaming parser (ijson's C
    backend) chunk by chunk as it arrives, so memory holds the parsed value and one chunk,
    never the body: the segment count is checked while parsing, and the whole parse is
    refused as soon as it passes ``max_segments`` or a budget of JSON values.
    """
    check_announced(response, cap, what)
    buffer = bytearray()
    parser: _TranscriptParser | None = None
    async for chunk in body_chunks(response, cap, what):
        if parser is not None:
            parser.feed(chunk)
            continue
        buffer += chunk
        if len(buffer) > SMALL_BODY:
            parser = _TranscriptParser(max_segments, what)
            parser.feed(bytes(buffer))
            buffer = bytearray()
    if parser is not None:
        return parser.close()
    value = loads(buffer, what)
    if isinstance(value, Mapping):
        segments = value.get("segments")
        if isinstance(segments, list) and len(segments) > max_segments:
            raise too_many_segments(what, max_segments)
    return value


def too_many_segments(what: str, max_segments: int) -> ResponseTooLargeError:
    return ResponseTooLargeError(
        f"The server's answer for {what} has more than {max_segments:,} segments; the app "
        "does not load transcripts this long."
    )


_CONTAINERS = {"start_map": dict, "start_array": list}
_ENDS = {"end_map", "end_array"}


class _TranscriptParser:
    """Builds one JSON value from chunks pushed into ijson, counting what it builds.

    The value is the same as ``orjson.loads`` would give for the same bytes (numbers as int
    or float, the last of duplicate keys); keys and speaker names are shared between
    segments, which saves about a third of the memory of a long transcript.
    """

    def __init__(self, max_segments: int, what: str) -> None:
        self._what = what
        self._max_segments = max_segments
        self._values_left = max(1, max_segments) * VALUES_PER_SEGMENT
        self._events: list[tuple[str, Any]] = ijson.sendable_list()
        self._coro = ijson.basic_parse_coro(self._events, use_float=True)
        self._stack: list[Any] = []
        self._keys: list[str | None] = []  # the pending key of each open object, or None
        self._shared: dict[str, str] = {}
        self._root: Any = None
        self._done = False
        self._segments: list[Any] | None = None

    def feed(self, chunk: bytes) -> None:
        try:
            self._coro.send(chunk)
        except ijson.JSONError:
            raise self._invalid() from None
        self._consume()

    def close(self) -> Any:
        try:
            self._coro.close()
        except ijson.JSONError:
            raise self._invalid() from None
        self._consume()
        if not self._done:
            raise self._invalid()
        return self._root

    def _invalid(self) -> ResponseFormatError:
        return ResponseFormatError(
            f"The Aurion API sent a response for {self._what} that is not valid JSON."
        )

    def _consume(self) -> None:
        events = self._events
        for event, value in events:
            self._event(event, value)
        del events[:]

    def _event(self, event: str, value: Any) -> None:
        stack = self._stack
        if event == "map_key":
            self._keys[-1] = self._shared.setdefault(value, value)
            return
        if event in _ENDS:
            stack.pop()
            self._keys.pop()
            if not stack:
                self._done = True
            return
        self._values_left -= 1
        if self._values_left < 0:
            raise ResponseTooLargeError(
                f"The server's answer for {self._what} holds more JSON values than a "
                f"transcript of {self._max_segments:,} segments would; the app refuses it."
            )
        container = _CONTAINERS.get(event)
        item = container() if container is not None else value
        if stack:
            parent = stack[-1]
            key = self._keys[-1]
            if key is None:
                parent.append(item)
                segments = self._segments
                if (
                    parent is segments
                    and segments is not None
                    and len(segments) > self._max_segments
                ):
                    raise too_many_segments(self._what, self._max_segments)
            else:
                if key == "speaker" and isinstance(item, str):
                    item = self._shared.setdefault(item, item)
                parent[key] = item
                if key == "segments" and len(stack) == 1 and isinstance(item, list):
                    self._segments = item
        else:
            self._root = item
            if container is None:
                self._done = True
        if container is not None:
            stack.append(item)
            self._keys.append("" if container is dict else None)
