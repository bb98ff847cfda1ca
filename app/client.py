"""Async client of the Aurion Calls API on one httpx.AsyncClient: typed errors, retries."""

from __future__ import annotations

import asyncio
import ipaddress
import json
import logging
import random
from collections.abc import AsyncIterator, Awaitable, Callable, Generator
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from types import TracebackType
from typing import Any, Self
from urllib.parse import quote

import httpx
import orjson

from app import __version__
from app.apikey import ApiKey
from app.errors import (
    AurionError,
    AuthenticationError,
    ConfigurationError,
    NetworkError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitedError,
    RequestRejectedError,
    ResponseFormatError,
    ServerError,
)
from app.models import (
    SORT_FIELDS,
    SORT_ORDERS,
    CallDetail,
    CallSummary,
    Page,
    RecordingLink,
    Transcript,
)

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
        raise ConfigurationError(f"'{shown}' is not a valid URL.") from None
    if url.userinfo:
        raise ConfigurationError(
            f"'{shown}' must not contain a user name or password: the API key is given "
            "on its own, never in the URL."
        )
    if url.scheme not in {"http", "https"} or not url.host:
        raise ConfigurationError(f"'{shown}' is not an http(s) URL with a host.")
    if url.scheme == "http" and not is_loopback_host(url.host):
        raise ConfigurationError(
            f"'{shown}' uses plain http: the API key would travel unencrypted. "
            "Use https (plain http is only allowed for a server on this computer)."
        )
    if url.query or url.fragment:
        raise ConfigurationError(f"'{shown}' must not carry a query or fragment.")
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
    """Parse a Retry-After header: delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def _server_message(response: httpx.Response) -> str | None:
    """The human message of a JSON error body, if the server sent one."""
    try:
        body = response.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None
    if isinstance(body, dict):
        err = body.get("error")
        if isinstance(err, dict) and isinstance(err.get("message"), str):
            return str(err["message"])
        for key in ("message", "detail", "error"):
            if isinstance(body.get(key), str):
                return str(body[key])
    return None


class AurionClient:
    """One account's connection to the API; use as ``async with AurionClient(...) as client``."""

    def __init__(
        self,
        base_url: str,
        api_key: ApiKey | str,
        *,
        timeout: float = 15.0,
        retry: RetryPolicy | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        rng: random.Random | None = None,
        max_connections: int = 20,
    ) -> None:
        self.base_url = validate_base_url(base_url)
        self._key = api_key if isinstance(api_key, ApiKey) else ApiKey(api_key)
        self.retry = retry or RetryPolicy()
        self._sleep = sleep
        self._rng = rng or random.Random()
        self._http = httpx.AsyncClient(
            base_url=str(self.base_url) + "/",
            auth=_KeyAuth(self._key, self.base_url),
            timeout=httpx.Timeout(timeout, connect=min(timeout, 5.0)),
            headers={"User-Agent": USER_AGENT, "Accept": "application/json"},
            follow_redirects=False,
            transport=transport,
            limits=httpx.Limits(
                max_connections=max_connections, max_keepalive_connections=max_connections
            ),
        )

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
        body = await self._get("calls", params=params, what="the call list")
        return Page.from_json(body, CallSummary.from_json)

    async def get_call(self, call_id: str) -> CallDetail:
        body = await self._get(f"calls/{_segment(call_id)}", what=f"call {call_id}")
        return CallDetail.from_json(body)

    async def get_transcript(self, call_id: str) -> Transcript:
        path = f"calls/{_segment(call_id)}/transcript"
        return Transcript.from_json(await self._get(path, what=f"the transcript of {call_id}"))

    async def get_recording(self, call_id: str) -> RecordingLink:
        path = f"calls/{_segment(call_id)}/recording"
        return RecordingLink.from_json(await self._get(path, what=f"the recording of {call_id}"))

    async def iter_calls(
        self, page_size: int = MAX_PAGE_SIZE, until: datetime | None = None
    ) -> AsyncIterator[CallSummary]:
        """Every call, oldest first (stable while new calls arrive), each id once.

        Sorting ascending by ``started_at`` means calls that arrive during the walk land at the
        end instead of shifting earlier pages; ``until`` stops paging at the first later call.
        """
        seen: set[str] = set()
        offset = 0
        while True:
            page = await self.list_calls(page_size, offset, "started_at", "asc")
            for call in page.data:
                if until is not None and call.started_at > until:
                    return
                if call.id not in seen:
                    seen.add(call.id)
                    yield call
            offset += len(page.data)
            if not page.data or offset >= page.total:
                return

    # -- transport -------------------------------------------------------------------------

    async def _get(self, path: str, *, what: str, params: dict[str, Any] | None = None) -> Any:
        last: AurionError | None = None
        for attempt in range(self.retry.attempts):
            delay = self.retry.backoff(attempt, self._rng)
            try:
                response = await self._http.get(path, params=params)
            except httpx.TimeoutException:
                last = NetworkError(f"The Aurion API did not answer in time while loading {what}.")
            except httpx.TransportError as exc:
                last = NetworkError(
                    f"Could not reach the Aurion API at {self.base_url.host} while loading "
                    f"{what} ({type(exc).__name__})."
                )
            else:
                status = response.status_code
                if status == 429:
                    wait = retry_after_seconds(response.headers.get("Retry-After"))
                    last = RateLimitedError(
                        "The Aurion API is rate limiting this key"
                        + (f"; it asks to wait {wait:.0f} s." if wait is not None else "."),
                        retry_after=wait,
                    )
                    if wait is not None:
                        if wait > self.retry.max_retry_after:
                            raise last
                        delay = wait
                elif status >= 500:
                    last = ServerError(
                        f"The Aurion API had an internal problem (HTTP {status}) while loading "
                        f"{what}. Try again in a moment.",
                        status_code=status,
                    )
                else:
                    return self._decode(response, what)
            if attempt + 1 < self.retry.attempts:
                log.info("retrying %s in %.2f s after: %s", what, delay, last)
                await self._sleep(delay)
        assert last is not None
        raise last

    @staticmethod
    def _decode(response: httpx.Response, what: str) -> Any:
        status = response.status_code
        if 200 <= status < 300:
            try:
                return orjson.loads(response.content)
            except orjson.JSONDecodeError:
                raise ResponseFormatError(
                    f"The Aurion API sent a response for {what} that is not valid JSON."
                ) from None
        detail = _server_message(response)
        suffix = f" The server said: {detail}" if detail else ""
        if status == 401:
            raise AuthenticationError(
                "The API key was refused (HTTP 401). Check the key in Accounts, or create a new "
                "one in the Aurion console." + suffix,
                status_code=401,
            )
        if status == 403:
            raise PermissionDeniedError(
                "This API key is not allowed to read calls (HTTP 403): it needs the calls:read "
                "scope. Ask your Aurion administrator for a key with calls:read." + suffix,
                status_code=403,
            )
        if status == 404:
            raise NotFoundError(f"Could not find {what} (HTTP 404).{suffix}", status_code=404)
        raise RequestRejectedError(
            f"The Aurion API refused the request for {what} (HTTP {status}).{suffix}",
            status_code=status,
        )


def _segment(value: str) -> str:
    """Quote one path segment so an id can never escape its place in the URL."""
    if not value or value in {".", ".."}:
        raise ValueError(f"invalid call id {value!r}")
    return quote(value, safe="")
