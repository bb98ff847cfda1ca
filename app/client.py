"""Async client of the Aurion Calls API on one httpx.AsyncClient: typed errors, retries."""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import math
import random
from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from types import TracebackType
from typing import Any, Self
from urllib.parse import quote

import httpx
import orjson

from app import __version__, jsonbody
from app.apikey import ApiKey
from app.errors import (
    AurionError,
    AuthenticationError,
    CallMismatchError,
    ConfigurationError,
    NetworkError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitedError,
    RecordingUnavailableError,
    RequestRejectedError,
    ResponseTooLargeError,
    ServerError,
)
from app.i18n import QT_TRANSLATE_NOOP, Text
from app.models import (
    SORT_FIELDS,
    SORT_ORDERS,
    CallDetail,
    CallSummary,
    Page,
    RecordingLink,
    Transcript,
)
from app.sanitize import cut_url, printable

log = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://apps.aurionai.net/api/v1"
MAX_PAGE_SIZE = 100
USER_AGENT = f"AurionCallReview/{__version__}"


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Capped, jittered exponential backoff for GETs; how long a 429's Retry-After may ask."""

    attempts: int = 5
    base_delay: float = 0.25
    max_delay: float = 8.0
    max_retry_after: float = 60.0

    def backoff(self, attempt: int, rng: random.Random) -> float:
        """Full jitter: uniform in [0, min(cap, base * 2**attempt)]."""
        return rng.uniform(0.0, min(self.max_delay, self.base_delay * 2**attempt))

    def rate_limit_delay(
        self, retry_after: float | None, attempt: int, rng: random.Random
    ) -> float:
        """The wait before retrying a 429: the server's Retry-After when it gave a usable one,
        else the normal backoff; never less than ``base_delay``, so a Retry-After of 0 (or
        one that is negative, NaN or garbage, all read as None) cannot make a busy loop."""
        wait = retry_after if retry_after is not None else self.backoff(attempt, rng)
        return max(self.base_delay, wait)


@dataclass(frozen=True, slots=True)
class BodyLimits:
    """How large an answer of the API may be before it is refused unread (never retried).

    A page of 100 calls is about 50 KiB and a call's detail 1 KiB, so ``json`` leaves ample
    room (a hostile body of that size, all empty objects, parses to under 50 MB). A ten-hour
    call's transcript is about 1 MiB (some 7,000 segments): ``transcript`` allows 8 MiB,
    ``transcript_segments`` 50,000 (roughly 23 MB of Python objects at most), which keeps a
    whole export of the longest accepted transcript in every format, PDF included, near
    110 MiB (tests/benchmarks/hostile.py).
    Measured peaks of a whole process (tests/app/test_hostile_memory.py): ~70 MiB when a
    million-segment body is refused, ~90 MiB for one 8 MiB segment text whose characters all
    widen to four bytes (one emoji among ASCII) - twice that at 16 MiB, hence 8.
    """

    json: int = 2 * 1024 * 1024
    transcript: int = 8 * 1024 * 1024
    transcript_segments: int = 50_000
    #: Characters in one segment's text (five minutes of speech is some 4,000): a longer one
    #: would cost every format hundreds of MB to lay out, or minutes for a PDF.
    segment_text: int = 50_000
    #: Of an error answer, only this much is read for the server's message.
    error: int = 64 * 1024


def is_loopback_host(host: str) -> bool:
    if host.lower() in {"localhost", "localhost."}:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def validate_base_url(base_url: str) -> httpx.URL:
    """Accept https URLs, and plain http only on loopback (the demo server).

    Error messages show the URL without what may be secret in it: a user name and password,
    a query or a fragment (``https://user:secret@host/?key=...`` reads ``https://host/``).
    """
    shown = _shown_url(base_url)
    try:
        url = httpx.URL(base_url.strip().rstrip("/"))
    except (httpx.InvalidURL, TypeError):
        # Not chained: httpx's message repeats the URL, credentials included.
        raise ConfigurationError(
            Text(QT_TRANSLATE_NOOP("AurionError", "'{url}' is not a valid URL."), url=shown)
        ) from None
    if url.userinfo:
        raise ConfigurationError(
            Text(
                QT_TRANSLATE_NOOP(
                    "AurionError",
                    "'{url}' must not contain a user name or password: the API key is given "
                    "on its own, never in the URL.",
                ),
                url=shown,
            )
        )
    if url.scheme not in {"http", "https"} or not url.host:
        raise ConfigurationError(
            Text(
                QT_TRANSLATE_NOOP("AurionError", "'{url}' is not an http(s) URL with a host."),
                url=shown,
            )
        )
    if url.scheme == "http" and not is_loopback_host(url.host):
        raise ConfigurationError(
            Text(
                QT_TRANSLATE_NOOP(
                    "AurionError",
                    "'{url}' uses plain http: the API key would travel unencrypted. "
                    "Use https (plain http is only allowed for a server on this computer).",
                ),
                url=shown,
            )
        )
    if url.query or url.fragment:
        raise ConfigurationError(
            Text(
                QT_TRANSLATE_NOOP("AurionError", "'{url}' must not carry a query or fragment."),
                url=shown,
            )
        )
    return url


def _shown_url(base_url: str) -> str:
    """``base_url`` fit to print: no ``user:password@``, no ``?query``, no ``#fragment``."""
    text = str(base_url).strip()
    scheme, sep, rest = text.partition("://")
    if not sep:
        scheme, rest = "", text
    for mark in "?#":
        rest = rest.split(mark, 1)[0]
    authority, slash, path = rest.partition("/")
    authority = authority.rpartition("@")[2]
    shown = f"{scheme}{sep}{authority}{slash}{path}"
    return shown if len(shown) <= 200 else shown[:200] + "…"


class _KeyAuth(httpx.Auth):
    """Sends ``X-API-Key`` only to the API's own origin (scheme, host and port)."""

    def __init__(self, key: ApiKey, origin: httpx.URL) -> None:
        self._key = key
        self._origin = (origin.scheme, origin.host, origin.port)

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if (request.url.scheme, request.url.host, request.url.port) == self._origin:
            request.headers["X-API-Key"] = self._key.reveal()
        yield request


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Parse a Retry-After header: delta-seconds or an HTTP date; None when unusable.

    Negative values and dates in the past give 0; NaN, infinities and garbage give None.
    """
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        pass
    else:
        return max(0.0, seconds) if math.isfinite(seconds) else None
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, OverflowError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def _server_error(body: bytes | bytearray) -> tuple[str | None, str | None]:
    """The human message and the machine code of a JSON error body, printable, if any."""
    try:
        parsed = orjson.loads(body)
    except orjson.JSONDecodeError:
        return None, None
    if not isinstance(parsed, dict):
        return None, None
    message: str | None = None
    code: str | None = None
    err = parsed.get("error")
    if isinstance(err, dict):
        if isinstance(err.get("message"), str):
            message = err["message"]
        if isinstance(err.get("code"), str):
            code = err["code"]
    if message is None:
        for key in ("message", "detail", "error"):
            if isinstance(parsed.get(key), str):
                message = parsed[key]
                break
    if code is None and isinstance(parsed.get("code"), str):
        code = parsed["code"]
    return (
        printable(message, 300) if message else None,
        printable(code, 100) if code else None,
    )


@dataclass
class CallWalk:
    """What one ``iter_calls`` walk saw; read it after the loop (the export's summary does).

    ``complete`` is False when the walk was cut short or may have missed calls: the server
    sent a page that brought no new id (the same page again), the walk went past the first
    total announced plus a margin (a total that grows without end), a page came back empty
    before the announced total, or the total shrank during the walk (calls removed meanwhile
    shift the later pages, so some may have been skipped). ``problems`` says what happened
    in sentences fit for a summary; it can also hold notes that did not cut the walk short
    (a page shorter than asked in the middle of the list).
    """

    pages: int = 0
    first_total: int | None = None
    last_total: int | None = None
    calls: int = 0
    complete: bool = False
    problems: list[str] = field(default_factory=list)
    #: What was odd but did not cut the walk short (a page shorter than asked).
    notes: list[str] = field(default_factory=list)
    #: Calls of the list that could not be read: (id if it had one, why).
    rejected: list[tuple[str | None, str]] = field(default_factory=list)


#: No export walks more calls than this, whatever total a server announces (10**15 calls with
#: fresh ids on every page would otherwise keep it going for ever).
MAX_WALK = 5_000_000


def walk_bound(first_total: int, page_size: int) -> int:
    """How far a walk may go past its start: the first total plus a margin for calls that
    arrive meanwhile (a tenth, at least ten pages), and never past ``MAX_WALK``."""
    total = min(max(0, first_total), MAX_WALK)
    return min(total + max(10 * page_size, total // 10), MAX_WALK)


class AurionClient:
    """One account's connection to the API; use as ``async with AurionClient(...) as client``.

    Every request has a total ``deadline`` (connecting, the status line and headers, the whole
    body), on top of httpx's per-read ``timeout``: a server that trickles bytes fails like a
    timeout and is retried under ``retry``. Bodies are refused past ``limits``.
    """

    def __init__(
        self,
        base_url: str,
        api_key: ApiKey | str,
        *,
        timeout: float = 15.0,
        deadline: float = 30.0,
        limits: BodyLimits | None = None,
        retry: RetryPolicy | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        rng: random.Random | None = None,
        max_connections: int = 20,
    ) -> None:
        self.base_url = validate_base_url(base_url)
        if not deadline > 0:
            raise ValueError(f"deadline must be positive, not {deadline}")
        self._key = api_key if isinstance(api_key, ApiKey) else ApiKey(api_key)
        self.deadline = deadline
        self.limits = limits or BodyLimits()
        self.retry = retry or RetryPolicy()
        self._sleep = sleep
        self._rng = rng or random.Random()
        self._http = httpx.AsyncClient(
            base_url=str(self.base_url) + "/",
            auth=_KeyAuth(self._key, self.base_url),
            timeout=httpx.Timeout(timeout, connect=min(timeout, 5.0)),
            headers={
                "User-Agent": USER_AGENT,
                "Accept": "application/json",
                "Accept-Encoding": jsonbody.ACCEPTED_ENCODINGS,  # what body_chunks decodes
            },
            follow_redirects=False,
            transport=transport,
            limits=httpx.Limits(
                max_connections=max_connections, max_keepalive_connections=max_connections
            ),
        )

    @property
    def where(self) -> str:
        """``host:port`` of the API, as messages name it."""
        url = self.base_url
        port = url.port or (443 if url.scheme == "https" else 80)
        return f"{url.host}:{port}"

    def __repr__(self) -> str:
        return f"AurionClient({str(self.base_url)!r}, {self._key!r})"

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._http.aclose()

    # -- endpoints -------------------------------------------------------------------------

    async def list_calls(
        self,
        limit: int = 20,
        offset: int = 0,
        sort_by: str = "started_at",
        sort_order: str = "desc",
    ) -> Page[CallSummary]:
        if not 1 <= limit <= MAX_PAGE_SIZE:
            raise ValueError(f"limit must be between 1 and {MAX_PAGE_SIZE}, not {limit}")
        if offset < 0:
            raise ValueError(f"offset must not be negative, not {offset}")
        if sort_by not in SORT_FIELDS:
            raise ValueError(f"sort_by must be one of {', '.join(SORT_FIELDS)}, not {sort_by!r}")
        if sort_order not in SORT_ORDERS:
            raise ValueError(f"sort_order must be asc or desc, not {sort_order!r}")
        params = {"limit": limit, "offset": offset, "sort_by": sort_by, "sort_order": sort_order}
        try:
            body = await self._get(
                "calls", params=params, what=Text(QT_TRANSLATE_NOOP("AurionError", "the call list"))
            )
        except NotFoundError as exc:
            raise NotFoundError(
                Text(
                    QT_TRANSLATE_NOOP(
                        "AurionError",
                        "{error} There is no call list at {url}/calls: is the base URL right? "
                        "The Aurion API's ends with /api/v1, as in {default}.",
                    ),
                    error=exc.text,
                    url=cut_url(str(self.base_url)),
                    default=DEFAULT_BASE_URL,
                ),
                status_code=404,
                code=exc.code,
            ) from None
        return Page.from_json(body, CallSummary.from_json)

    async def get_call(self, call_id: str) -> CallDetail:
        """The call's detail; ``CallMismatchError`` when the server sends another call's."""
        what = Text(QT_TRANSLATE_NOOP("AurionError", "call {id}"), id=_shown(call_id))
        detail = CallDetail.from_json(await self._get(f"calls/{_segment(call_id)}", what=what))
        if detail.id != call_id:
            raise CallMismatchError(
                f"Asked for call {_shown(call_id)}, the server sent the details of call "
                f"{_shown(detail.id)} instead."
            )
        return detail

    async def get_transcript(self, call_id: str) -> Transcript:
        """The call's transcript, within ``limits.transcript`` bytes and
        ``limits.transcript_segments`` segments (``ResponseTooLargeError`` beyond);
        ``CallMismatchError`` when the server sends another call's."""
        path = f"calls/{_segment(call_id)}/transcript"
        what = Text(QT_TRANSLATE_NOOP("AurionError", "the transcript of {id}"), id=_shown(call_id))
        limits = self.limits

        async def read(response: httpx.Response) -> Any:
            return await jsonbody.read_transcript(
                response,
                cap=limits.transcript,
                max_segments=limits.transcript_segments,
                what=str(what),
            )

        transcript = Transcript.from_json(await self._get(path, what=what, read=read))
        for number, segment in enumerate(transcript.segments, 1):
            if len(segment.text) > limits.segment_text or len(segment.speaker) > 200:
                raise ResponseTooLargeError(
                    f"Segment {number:,} of {what} is {len(segment.text):,} characters long; "
                    f"the app reads at most {limits.segment_text:,} characters a segment "
                    "(and 200 for a speaker)."
                )
        if transcript.call_id != call_id:
            raise CallMismatchError(
                f"Asked for the transcript of {_shown(call_id)}, the server sent the "
                f"transcript of {_shown(transcript.call_id)} instead."
            )
        return transcript

    async def get_recording(self, call_id: str) -> RecordingLink:
        """A signed URL of the call's recording; ``RecordingUnavailableError`` (a
        ``NotFoundError``) with the server's reason when there is none (in progress, never
        recorded, deleted after the retention period)."""
        path = f"calls/{_segment(call_id)}/recording"
        what = Text(QT_TRANSLATE_NOOP("AurionError", "the recording of {id}"), id=_shown(call_id))
        try:
            body = await self._get(path, what=what)
        except NotFoundError as exc:
            reason: str | Text = exc.server_message or Text(
                QT_TRANSLATE_NOOP("AurionError", "the server has none (HTTP 404)")
            )
            raise RecordingUnavailableError(
                Text(
                    QT_TRANSLATE_NOOP("AurionError", "No recording for call {id}: {reason}"),
                    id=_shown(call_id),
                    reason=reason,
                ),
                status_code=exc.status_code,
                code=exc.code,
                server_message=exc.server_message,
            ) from None
        return RecordingLink.from_json(body)

    async def iter_calls(
        self,
        page_size: int = MAX_PAGE_SIZE,
        until: datetime | None = None,
        walk: CallWalk | None = None,
    ) -> AsyncIterator[CallSummary]:
        """Every call, oldest first (stable while new calls arrive), each id once.

        Sorting ascending by ``started_at`` means calls that arrive during the walk land at the
        end instead of shifting earlier pages; ``until`` stops paging at the first later call.
        The walk is bounded whatever the server says: it stops at a page that brings no new
        id and past the first total plus a margin (``walk_bound``). Pass a ``CallWalk`` (it is
        reset) to learn afterwards whether the walk was complete and what went wrong.
        """
        walk = walk if walk is not None else CallWalk()
        walk.pages = walk.calls = 0
        walk.first_total = walk.last_total = None
        walk.complete = False
        walk.problems.clear()
        walk.notes.clear()
        walk.rejected.clear()
        seen: set[str] = set()
        offset = 0
        bound = 0
        shrank = short_noted = False
        while True:
            page = await self.list_calls(page_size, offset, "started_at", "asc")
            walk.pages += 1
            if walk.first_total is None:
                walk.first_total = page.total
                bound = walk_bound(page.total, page_size)
            elif walk.last_total is not None and page.total < walk.last_total and not shrank:
                # Calls removed meanwhile (retention) shift the later pages towards the start,
                # past the offsets already read: some may be skipped. Walk on all the same.
                shrank = True
                walk.problems.append(
                    f"The server's total of calls went down from {walk.last_total:,} to "
                    f"{page.total:,} during the walk: calls removed meanwhile shift the later "
                    "pages, so some calls may have been skipped. Run the export again."
                )
            walk.last_total = page.total
            walk.rejected.extend(page.rejected)
            new = len(page.rejected)  # read, if not usable: not the same page again
            for call in page.data:
                if until is not None and call.started_at > until:
                    walk.complete = not shrank
                    return
                if call.id not in seen:
                    seen.add(call.id)
                    new += 1
                    walk.calls += 1
                    yield call
            start, offset = offset, offset + len(page.data) + len(page.rejected)
            if not page.data and not page.rejected:
                if offset < page.total:
                    walk.problems.append(
                        f"The server announced {page.total:,} calls but sent an empty page "
                        f"at offset {offset:,}: the list ended early."
                    )
                else:
                    walk.complete = not shrank
                return
            if new == 0:
                walk.problems.append(
                    f"The server sent the page at offset {start:,} with no call not seen "
                    f"before (announcing {page.total:,} calls): stopped after "
                    f"{walk.calls:,} calls."
                )
                return
            if offset >= page.total:
                walk.complete = not shrank
                return
            asked = min(page_size, page.limit) if page.limit > 0 else page_size
            if len(page.data) + len(page.rejected) < asked and not short_noted:
                short_noted = True
                walk.notes.append(
                    f"The server sent {len(page.data)} calls at offset {start:,} where "
                    f"{asked} were asked, before the end of its {page.total:,} calls; the "
                    "walk went on from there."
                )
            if offset >= bound:
                walk.problems.append(
                    f"The server's list went on past {bound:,} calls although it first "
                    f"announced {walk.first_total:,}: stopped after {walk.calls:,} calls"
                    + (f" (an export walks at most {MAX_WALK:,})." if bound == MAX_WALK else ".")
                )
                return

    # -- transport -------------------------------------------------------------------------

    async def _get(
        self,
        path: str,
        *,
        what: str | Text,
        params: dict[str, Any] | None = None,
        read: Callable[[httpx.Response], Awaitable[Any]] | None = None,
    ) -> Any:
        """GET ``path`` and return its JSON body (read by ``read``, by default within
        ``limits.json``), retrying timeouts, transport errors, 429 and 5xx."""
        last: AurionError | None = None
        for attempt in range(self.retry.attempts):
            delay = self.retry.backoff(attempt, self._rng)
            try:
                async with asyncio.timeout(self.deadline):
                    return await self._attempt(path, params, what, read)
            except TimeoutError:
                last = NetworkError(
                    Text(
                        QT_TRANSLATE_NOOP(
                            "AurionError",
                            "The Aurion API did not answer in time while loading {what} (no "
                            "complete answer within {seconds} s).",
                        ),
                        what=what,
                        seconds=f"{self.deadline:g}",
                    )
                )
            except httpx.TimeoutException:
                last = NetworkError(
                    Text(
                        QT_TRANSLATE_NOOP(
                            "AurionError",
                            "The Aurion API did not answer in time while loading {what}.",
                        ),
                        what=what,
                    )
                )
            except httpx.TransportError as exc:
                last = NetworkError(
                    Text(
                        QT_TRANSLATE_NOOP(
                            "AurionError",
                            "Could not reach the Aurion API at {where} while loading {what} "
                            "({problem}).",
                        ),
                        where=self.where,
                        what=what,
                        problem=type(exc).__name__,
                    )
                )
            except RateLimitedError as exc:
                last = exc
                if exc.retry_after is not None and exc.retry_after > self.retry.max_retry_after:
                    raise
                delay = self.retry.rate_limit_delay(exc.retry_after, attempt, self._rng)
            except ServerError as exc:
                last = exc
            if attempt + 1 < self.retry.attempts:
                log.info("retrying %s in %.2f s after: %s", what, delay, last)
                await self._sleep(delay)
        assert last is not None
        raise last

    async def _attempt(
        self,
        path: str,
        params: dict[str, Any] | None,
        what: str | Text,
        read: Callable[[httpx.Response], Awaitable[Any]] | None,
    ) -> Any:
        async with self._http.stream("GET", path, params=params) as response:
            status = response.status_code
            if 200 <= status < 300:
                if read is not None:
                    return await read(response)
                return jsonbody.loads(
                    await jsonbody.read_capped(response, self.limits.json, str(what)), str(what)
                )
            head = await jsonbody.read_head(response, self.limits.error)
        raise _status_error(status, response.headers, head, what)


def _status_error(
    status: int, headers: Mapping[str, str], body: bytes | bytearray, what: str | Text
) -> AurionError:
    """The error for a non-2xx answer; 429 and 5xx are retried by ``_get``."""
    detail, code = _server_error(body)
    said: str | Text = (
        Text(QT_TRANSLATE_NOOP("AurionError", " The server said: {detail}"), detail=detail)
        if detail
        else ""
    )
    error: AurionError
    if status == 429:
        wait = retry_after_seconds(headers.get("Retry-After"))
        error = RateLimitedError(
            Text(
                QT_TRANSLATE_NOOP(
                    "AurionError",
                    "The Aurion API is rate limiting this key; it asks to wait {wait} s.{said}",
                ),
                wait=f"{wait:.0f}",
                said=said,
            )
            if wait is not None
            else Text(
                QT_TRANSLATE_NOOP("AurionError", "The Aurion API is rate limiting this key.{said}"),
                said=said,
            ),
            retry_after=wait,
            code=code,
        )
    elif status >= 500:
        error = ServerError(
            Text(
                QT_TRANSLATE_NOOP(
                    "AurionError",
                    "The Aurion API had an internal problem (HTTP {status}) while loading "
                    "{what}. Try again in a moment.{said}",
                ),
                status=str(status),
                what=what,
                said=said,
            ),
            status_code=status,
            code=code,
        )
    elif status == 401:
        error = AuthenticationError(
            Text(
                QT_TRANSLATE_NOOP(
                    "AurionError",
                    "The API key was refused (HTTP 401): it is wrong, revoked or expired. A "
                    "new one can be created in the Aurion console.{said}",
                ),
                said=said,
            ),
            status_code=401,
            code=code,
        )
    elif status == 403:
        error = PermissionDeniedError(
            Text(
                QT_TRANSLATE_NOOP(
                    "AurionError",
                    "This API key is not allowed to read calls (HTTP 403): it needs the "
                    "calls:read scope. Ask your Aurion administrator for a key with "
                    "calls:read.{said}",
                ),
                said=said,
            ),
            status_code=403,
            code=code,
        )
    elif status == 404:
        error = NotFoundError(
            Text(
                QT_TRANSLATE_NOOP("AurionError", "Could not find {what} (HTTP 404).{said}"),
                what=what,
                said=said,
            ),
            status_code=404,
            code=code,
        )
    else:
        error = RequestRejectedError(
            Text(
                QT_TRANSLATE_NOOP(
                    "AurionError",
                    "The Aurion API refused the request for {what} (HTTP {status}).{said}",
                ),
                what=what,
                status=str(status),
                said=said,
            ),
            status_code=status,
            code=code,
        )
    error.server_message = detail
    return error


def _shown(call_id: str) -> str:
    """A call id as messages show it: printable and at most 80 characters."""
    return printable(call_id, 80)


def _segment(value: str) -> str:
    """Quote one path segment so an id can never escape its place in the URL."""
    if not value or value in {".", ".."}:
        raise ValueError(f"invalid call id {value!r}")
    return quote(value, safe="")
