"""The API client against a hostile server: every request ends, every body and walk is bounded."""

from __future__ import annotations

import asyncio
import gzip
import math
import random
import time
from collections.abc import Coroutine, Iterator
from typing import Any, TypeVar

import orjson
import pytest

from app.client import AurionClient, BodyLimits, CallWalk, RetryPolicy, walk_bound
from app.errors import (
    AuthenticationError,
    CallMismatchError,
    NetworkError,
    NotFoundError,
    RateLimitedError,
    RecordingUnavailableError,
    ResponseFormatError,
    ResponseTooLargeError,
)
from app.jsonbody import SMALL_BODY
from tests.hostile_server import (
    HostileServer,
    Reply,
    Request,
    answer,
    call_json,
    calls_list,
    endless_list,
    error_json,
    huge_body,
    rate_limited,
    same_page_forever,
    transcript,
    transcript_chunks,
    trickle_body,
    trickle_headers,
    trickle_status_line,
)

T = TypeVar("T")
KEY = "ak_test_hostile_0123456789"
CALLS = "/api/v1/calls"
MIB = 1024 * 1024


class SleepRecorder:
    """Stands in for asyncio.sleep between retries: instant, and the delays can be read."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, delay: float) -> None:
        self.delays.append(delay)


@pytest.fixture
def server() -> Iterator[HostileServer]:
    with HostileServer() as hostile:
        yield hostile


def with_client(
    server: HostileServer, job: Any, *, attempts: int = 2, **kwargs: Any
) -> tuple[Any, float]:
    """Run ``job(client)`` against the server; (its result, wall-clock seconds)."""
    kwargs.setdefault("sleep", SleepRecorder())

    async def go() -> Any:
        async with AurionClient(
            server.base_url, KEY, retry=RetryPolicy(attempts=attempts), **kwargs
        ) as client:
            return await job(client)

    started = time.monotonic()
    result = run(go())
    return result, time.monotonic() - started


def run(coro: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coro)


def fails_with(server: HostileServer, job: Any, error: type[Exception], **kwargs: Any) -> Any:
    """The error ``job`` ends in, checking it ends in the deadline's time, retries included."""
    deadline = kwargs.setdefault("deadline", 0.5)
    attempts = kwargs.get("attempts", 2)
    started = time.monotonic()
    with pytest.raises(error) as info:
        with_client(server, job, **kwargs)
    assert time.monotonic() - started < attempts * deadline + 1.5
    return info.value


async def list_page(client: AurionClient) -> Any:
    return await client.list_calls(limit=10)


# -- never hang -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "behaviour",
    [trickle_status_line(0.05), trickle_headers(0.05), trickle_body({"data": []}, 0.05)],
    ids=["status-line", "headers", "body"],
)
def test_a_trickling_server_fails_like_a_timeout_and_is_retried(
    server: HostileServer, behaviour: Any
) -> None:
    server.route(CALLS, behaviour)
    err = fails_with(server, list_page, NetworkError, attempts=3, deadline=0.4)
    assert "did not answer in time" in str(err) and "0.4 s" in str(err)
    assert server.hits[CALLS] == 3  # each attempt ran into the deadline, then was retried


def test_a_trickled_answer_that_makes_its_deadline_is_accepted(server: HostileServer) -> None:
    payload = {"data": [], "total": 0, "limit": 10, "offset": 0}
    server.route(CALLS, trickle_body(payload, 0.001))
    page, _ = with_client(server, list_page, deadline=10)
    assert page.total == 0 and server.hits[CALLS] == 1


def test_the_deadline_must_be_positive() -> None:
    with pytest.raises(ValueError, match="deadline"):
        AurionClient("http://127.0.0.1:9/api/v1", KEY, deadline=0)


# -- bounded bodies -------------------------------------------------------------------------


@pytest.mark.parametrize("framing", ["length", "chunked", "close"])
def test_a_200_mb_list_page_is_refused_unparsed_and_not_retried(
    server: HostileServer, framing: str
) -> None:
    server.route(CALLS, huge_body(200 * MIB, framing))
    err = fails_with(server, list_page, ResponseTooLargeError, attempts=3, deadline=10)
    assert "larger than 2 MiB" in str(err)
    assert ("announced 200 MiB" in str(err)) == (framing == "length")
    assert server.hits[CALLS] == 1


def test_the_size_cap_counts_decoded_bytes_not_compressed_ones(server: HostileServer) -> None:
    bomb = gzip.compress(b" " * (20 * MIB))  # 20 KB on the wire

    async def handler(request: Request, reply: Reply) -> None:
        await reply.send(200, bomb, headers=[("Content-Encoding", "gzip")])

    server.route(CALLS, handler)
    fails_with(server, list_page, ResponseTooLargeError, deadline=10)


def test_the_caps_are_configurable(server: HostileServer) -> None:
    server.route(CALLS, answer({"data": [call_json("call_1")], "total": 1, "limit": 10}))
    fails_with(server, list_page, ResponseTooLargeError, limits=BodyLimits(json=100))


def test_a_million_segment_transcript_is_refused_with_a_clear_message(
    server: HostileServer,
) -> None:
    server.route(f"{CALLS}/call_long/transcript", transcript("call_long", 1_000_000))

    async def job(client: AurionClient) -> Any:
        return await client.get_transcript("call_long")

    err = fails_with(server, job, ResponseTooLargeError, deadline=10)
    assert "transcript of call_long" in str(err) and "8 MiB" in str(err)
    assert server.hits[f"{CALLS}/call_long/transcript"] == 1


def test_a_transcript_without_length_is_cut_at_the_cap_while_reading(
    server: HostileServer,
) -> None:
    server.route(f"{CALLS}/c/transcript", transcript("c", 1_000_000, framing="close"))

    async def job(client: AurionClient) -> Any:
        return await client.get_transcript("c")

    err = fails_with(server, job, ResponseTooLargeError, deadline=10)
    assert "announced" not in str(err)


@pytest.mark.parametrize("segments", [3_000, 30_000], ids=["parsed-at-once", "streamed"])
def test_a_transcript_past_the_segment_cap_is_refused(server: HostileServer, segments: int) -> None:
    server.route(f"{CALLS}/c/transcript", transcript("c", segments))
    limits = BodyLimits(transcript_segments=segments - 1)

    async def job(client: AurionClient) -> Any:
        return await client.get_transcript("c")

    err = fails_with(server, job, ResponseTooLargeError, deadline=10, limits=limits)
    assert f"more than {segments - 1:,} segments" in str(err)


def test_a_long_transcript_parsed_while_streaming_equals_the_one_parsed_at_once(
    server: HostileServer,
) -> None:
    segments = 30_000
    body = b"".join(transcript_chunks("c", segments))
    assert len(body) > SMALL_BODY  # so the client streams it through ijson
    extra = body[:-1] + b',"language":"fr-FR","scores":[1, 2.5, -3e2, true, null, "x"]}'
    server.route(f"{CALLS}/c/transcript", answer(orjson.loads(extra)))

    async def job(client: AurionClient) -> Any:
        return await client.get_transcript("c")

    streamed, _ = with_client(server, job, deadline=10)
    expected = orjson.loads(extra)
    assert streamed.raw == expected  # lossless: what the JSON export writes
    assert len(streamed.segments) == segments
    assert streamed.segments[-1].text == f"utterance {segments - 1}"
    assert streamed.segments[1].speaker == "caller"


def test_a_streamed_transcript_with_too_many_values_is_refused(server: HostileServer) -> None:
    # 2,000 segments, each with 400 word timings: 1.6 million values, far past the budget
    words = [{"w": "a", "t": 1}] * 100
    segment = {"speaker": "a", "text": "x", "timestamp": "2026-03-08T10:00:00Z", "words": words}
    server.route(f"{CALLS}/c/transcript", answer({"call_id": "c", "segments": [segment] * 2000}))
    limits = BodyLimits(transcript_segments=10_000)

    async def job(client: AurionClient) -> Any:
        return await client.get_transcript("c")

    err = fails_with(server, job, ResponseTooLargeError, deadline=10, limits=limits)
    assert "more JSON values" in str(err)


@pytest.mark.parametrize("body", [b"", b"{", b'{"call_id": "c", "segments": [1, 2]} trailing'])
def test_a_broken_streamed_transcript_is_a_format_error(server: HostileServer, body: bytes) -> None:
    padding = b" " * (SMALL_BODY + 10)  # whitespace: valid JSON padding, forces streaming

    async def handler(request: Request, reply: Reply) -> None:
        await reply.send(200, padding + body)

    server.route(f"{CALLS}/c/transcript", handler)

    async def job(client: AurionClient) -> Any:
        return await client.get_transcript("c")

    err = fails_with(server, job, ResponseFormatError, deadline=10)
    assert not isinstance(err, ResponseTooLargeError)


# -- paging that ends -----------------------------------------------------------------------


def walk_all(
    server: HostileServer, page_size: int = 10, **kwargs: Any
) -> tuple[list[str], CallWalk]:
    walk = CallWalk()

    async def job(client: AurionClient) -> list[str]:
        return [c.id async for c in client.iter_calls(page_size=page_size, walk=walk, **kwargs)]

    ids, elapsed = with_client(server, job, deadline=5)
    assert elapsed < 10
    return ids, walk


def test_an_honest_list_is_walked_whole_and_complete(server: HostileServer) -> None:
    server.route(CALLS, calls_list(25))
    ids, walk = walk_all(server)
    assert ids == [f"call_{i:06d}" for i in range(25)]
    assert walk.complete and walk.problems == []
    assert (walk.pages, walk.first_total, walk.calls) == (3, 25, 25)


def test_a_walk_record_passed_again_starts_afresh(server: HostileServer) -> None:
    server.route(CALLS, same_page_forever(total=10**9, size=10))
    walk = CallWalk()

    async def job(client: AurionClient) -> None:
        [c async for c in client.iter_calls(page_size=10, walk=walk)]
        server.route(CALLS, calls_list(5))
        [c async for c in client.iter_calls(page_size=10, walk=walk)]

    with_client(server, job)
    assert walk == CallWalk(pages=1, first_total=5, last_total=5, calls=5, complete=True)


def test_the_same_page_forever_with_a_huge_total_stops_at_once(server: HostileServer) -> None:
    server.route(CALLS, same_page_forever(total=10**9, size=10))
    ids, walk = walk_all(server)
    assert len(ids) == 10 and server.hits[CALLS] == 2
    assert not walk.complete
    assert "no call not seen before" in walk.problems[-1]


def test_a_total_that_grows_on_every_request_is_bounded_by_the_first_plus_a_margin(
    server: HostileServer,
) -> None:
    server.route(CALLS, endless_list(start_total=50, growth=10))
    ids, walk = walk_all(server)
    bound = walk_bound(50, 10)
    assert len(ids) == bound == 150 and server.hits[CALLS] == 15
    assert not walk.complete and walk.first_total == 50 and walk.last_total == 190
    assert "went on past 150 calls although it first announced 50" in walk.problems[-1]


def test_a_total_that_lies_about_an_end_that_never_comes_is_reported(
    server: HostileServer,
) -> None:
    server.route(CALLS, calls_list(30, total=lambda n: 100))
    ids, walk = walk_all(server)
    assert len(ids) == 30
    assert not walk.complete
    assert walk.problems == [
        "The server announced 100 calls but sent an empty page at offset 30: the list ended early."
    ]


def test_short_pages_are_followed_to_the_end_and_noted(server: HostileServer) -> None:
    server.route(CALLS, calls_list(25, page_limit=7))
    ids, walk = walk_all(server)
    assert ids == [f"call_{i:06d}" for i in range(25)]
    assert walk.complete and walk.problems == [] and len(walk.notes) == 1
    assert "7 calls at offset 0 where 10 were asked" in walk.notes[0]


def test_a_total_that_shrinks_marks_the_walk_incomplete(server: HostileServer) -> None:
    server.route(CALLS, calls_list(40, total=lambda n: 40 - 5 * n))
    ids, walk = walk_all(server)
    assert len(ids) == 30 and not walk.complete
    assert "went down from 40 to 35" in walk.problems[0]


def test_until_ends_the_walk_complete(server: HostileServer) -> None:
    from app.models import parse_timestamp

    server.route(CALLS, calls_list(40))
    ids, walk = walk_all(server, until=parse_timestamp(call_json("x", 14)["started_at"]))
    assert len(ids) == 15 and walk.complete and walk.problems == []


# -- Retry-After ----------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["nan", "0", "-1", "inf", "-inf", "1e999", "soon", "", None])
def test_unusable_retry_after_still_backs_off(server: HostileServer, value: str | None) -> None:
    page = {"data": [], "total": 0, "limit": 10, "offset": 0}
    server.route(CALLS, rate_limited(value, times=3, then=answer(page)))
    sleeps = SleepRecorder()
    with_client(server, list_page, attempts=5, sleep=sleeps, rng=random.Random(4))
    policy = RetryPolicy()
    assert len(sleeps.delays) == 3
    assert all(
        math.isfinite(d) and policy.base_delay <= d <= policy.max_delay for d in sleeps.delays
    )


def test_a_usable_retry_after_is_waited(server: HostileServer) -> None:
    page = {"data": [], "total": 0, "limit": 10, "offset": 0}
    server.route(CALLS, rate_limited("3", times=1, then=answer(page)))
    sleeps = SleepRecorder()
    with_client(server, list_page, sleep=sleeps)
    assert sleeps.delays == [3.0]


def test_an_absurd_retry_after_fails_fast(server: HostileServer) -> None:
    server.route(CALLS, rate_limited("86400", times=10, then=answer({})))
    sleeps = SleepRecorder()
    err = fails_with(server, list_page, RateLimitedError, attempts=5, sleep=sleeps)
    assert err.retry_after == 86400 and err.code == "rate_limited"
    assert sleeps.delays == [] and server.hits[CALLS] == 1


# -- answers that belong to another call ----------------------------------------------------


def test_the_detail_of_another_call_is_that_calls_error(server: HostileServer) -> None:
    server.route(f"{CALLS}/call_a", answer(call_json("call_b")))

    async def job(client: AurionClient) -> Any:
        return await client.get_call("call_a")

    err = fails_with(server, job, CallMismatchError)
    assert "call_a" in str(err) and "call_b" in str(err)


def test_the_transcript_of_another_call_is_that_calls_error(server: HostileServer) -> None:
    server.route(f"{CALLS}/call_a/transcript", transcript("call_b", 3))

    async def job(client: AurionClient) -> Any:
        return await client.get_transcript("call_a")

    err = fails_with(server, job, CallMismatchError)
    assert "transcript of call_a" in str(err) and "call_b" in str(err)


# -- nothing from the server changes what is printed ----------------------------------------

HOSTILE_TEXT = "\x1b[2J\x1b]0;owned\x07gone\nFAKE: line\r\u202eevil\u202c\x9b31m"


def assert_printable(text: str) -> None:
    for bad in ("\x1b", "\n", "\r", "\x07", "\u202e", "\x9b"):
        assert bad not in text


def test_escape_sequences_in_server_messages_are_never_printed_raw(
    server: HostileServer,
) -> None:
    server.route(CALLS, answer(error_json(HOSTILE_TEXT, HOSTILE_TEXT * 100), status=401))
    err = fails_with(server, list_page, AuthenticationError)
    assert_printable(str(err))
    assert err.code is not None and err.server_message is not None
    assert_printable(err.code) and assert_printable(err.server_message)
    assert "\\x1b[2J" in str(err) and len(err.server_message) <= 300


@pytest.mark.parametrize("call_id", ["../../etc/passwd", "a/b", "call\n\x1b[31mred", "..%2f"])
def test_hostile_ids_stay_in_their_path_segment_and_print_escaped(
    server: HostileServer, call_id: str
) -> None:
    server.route(f"{CALLS}/*", answer(error_json("not_found", HOSTILE_TEXT), status=404))

    async def job(client: AurionClient) -> Any:
        return await client.get_call(call_id)

    err = fails_with(server, job, NotFoundError)
    assert_printable(str(err))
    target = server.requests[-1].target
    assert target.startswith(f"{CALLS}/") and "/" not in target[len(CALLS) + 1 :]


def test_a_detail_whose_id_holds_escapes_is_reported_escaped(server: HostileServer) -> None:
    server.route(f"{CALLS}/call_a", answer(call_json("call_a\x1b]0;x\x07\n")))

    async def job(client: AurionClient) -> Any:
        return await client.get_call("call_a")

    assert_printable(str(fails_with(server, job, CallMismatchError)))


# -- recordings that are gone ---------------------------------------------------------------


def test_a_deleted_recording_is_unavailable_with_the_servers_reason_and_code(
    server: HostileServer,
) -> None:
    reason = "The recording was deleted after the 90-day retention period."
    server.route(
        f"{CALLS}/call_old/recording",
        answer(error_json("recording_not_found", reason), status=404),
    )

    async def job(client: AurionClient) -> Any:
        return await client.get_recording("call_old")

    err = fails_with(server, job, RecordingUnavailableError)
    assert isinstance(err, NotFoundError) and err.status_code == 404
    assert err.code == "recording_not_found" and err.server_message == reason
    assert str(err) == f"No recording for call call_old: {reason}"
    assert server.hits[f"{CALLS}/call_old/recording"] == 1


def test_a_missing_recording_without_a_reason_still_says_so(server: HostileServer) -> None:
    async def handler(request: Request, reply: Reply) -> None:
        await reply.send(404, b"<html>gone</html>", content_type="text/html")

    server.route(f"{CALLS}/c/recording", handler)

    async def job(client: AurionClient) -> Any:
        return await client.get_recording("c")

    err = fails_with(server, job, RecordingUnavailableError)
    assert err.code is None and "HTTP 404" in str(err)


def test_no_walk_goes_past_a_plausible_size_whatever_the_total() -> None:
    from app.client import MAX_WALK, walk_bound

    assert walk_bound(10**15, 100) == MAX_WALK
    assert walk_bound(1200, 100) == 2200


def test_a_segment_too_long_to_lay_out_is_refused(server: HostileServer) -> None:
    from app.errors import ResponseTooLargeError

    long_text = {"speaker": "agent", "text": "word " * 20_000, "timestamp": "2026-03-08T10:00:00Z"}
    server.route(f"{CALLS}/call_long/transcript",
                 answer({"call_id": "call_long", "segments": [long_text]}))  # fmt: skip

    async def go() -> object:
        async with AurionClient(server.base_url, "ak_test_1234567890") as client:
            return await client.get_transcript("call_long")

    with pytest.raises(ResponseTooLargeError, match="Segment 1 of the transcript"):
        asyncio.run(go())


def test_sizes_read_naturally() -> None:
    from app.jsonbody import mib

    assert [mib(3_221_225_472), mib(2 * 1024 * 1024), mib(1536 * 1024), mib(512 * 1024)] == [
        "3,072 MiB", "2 MiB", "1.5 MiB", "512 KiB",
    ]  # fmt: skip
