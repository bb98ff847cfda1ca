"""Recording downloads from signed URLs: streamed to disk, checked, bounded in size and time."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import httpx

from app.client import is_loopback_host, retry_after_seconds
from app.errors import (
    ExportError,
    NetworkError,
    RateLimitedError,
    RecordingDownloadError,
    RecordingLinkExpiredError,
    ResponseTooLargeError,
    ServerError,
)
from app.jsonbody import announced_length, body_chunks, mib
from app.sanitize import cut_url, printable

#: Content types taken for audio as they are (``audio/*`` is accepted too).
AUDIO_TYPES = frozenset({"application/ogg"})
#: Content types that say nothing: the first bytes must then be a known audio format.
UNTYPED = frozenset({"", "application/octet-stream", "binary/octet-stream"})
#: How many first bytes decide what the body is.
HEAD_SIZE = 12


@dataclass(frozen=True, slots=True)
class DownloadLimits:
    """How large and how slow a recording download may be.

    The whole download (connecting, headers, body) must end within ``base_seconds`` plus the
    expected size at ``min_rate``: the expected size is the Content-Length, else the
    recording's duration at ``assumed_rate`` (generous: speech in OGG Vorbis is about 6 KB a
    second, 16-bit PCM at 16 kHz 32 KB), else ``max_bytes``. The status line and headers alone
    must come within ``base_seconds``.
    """

    max_bytes: int = 2 * 1024 * 1024 * 1024
    min_rate: float = 32 * 1024
    base_seconds: float = 30.0
    assumed_rate: float = 64 * 1024

    def deadline(self, expected_bytes: int | None, expected_seconds: float | None) -> float:
        """Seconds allowed for the whole download, given what is known of its size."""
        if expected_bytes is None:
            if expected_seconds is not None and expected_seconds > 0:
                expected_bytes = int(min(expected_seconds * self.assumed_rate, self.max_bytes))
            else:
                expected_bytes = self.max_bytes
        return self.base_seconds + expected_bytes / self.min_rate


@dataclass(frozen=True, slots=True)
class DownloadedFile:
    """A recording saved in place: where, how many bytes, their SHA-256 (hex)."""

    path: Path
    size: int
    sha256: str
    content_type: str | None


def check_recording_url(url: str) -> httpx.URL:
    """The URL parsed, if it may be fetched: https, or plain http to this computer only."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError):
        raise RecordingDownloadError(
            f"The recording URL {cut_url(url)} is not a valid URL."
        ) from None
    if parsed.scheme == "https" and parsed.host:
        return parsed
    if parsed.scheme == "http" and parsed.host and is_loopback_host(parsed.host):
        return parsed
    raise RecordingDownloadError(
        f"The recording URL {cut_url(url)} is not https: the app only downloads recordings "
        "over an encrypted connection (plain http only from this computer)."
    )


#: A recording may be this much shorter than announced (encoders round; the API too).
LENGTH_TOLERANCE = 0.9


def ogg_seconds(path: Path) -> float | None:
    """How long an Ogg Vorbis or Opus file plays, from its last page's granule position and
    its first page's sample rate; None for anything else (or a file too odd to tell)."""
    try:
        with path.open("rb") as handle:
            first = handle.read(4096)
            size = handle.seek(0, os.SEEK_END)
            handle.seek(max(0, size - 65536))
            tail = handle.read()
    except OSError:
        return None
    if not first.startswith(b"OggS") or len(first) < 28:
        return None
    body = first[27 + first[26] :]
    if body.startswith(b"\x01vorbis") and len(body) >= 16:
        rate, skip = int.from_bytes(body[12:16], "little"), 0
    elif body.startswith(b"OpusHead") and len(body) >= 12:
        rate, skip = 48000, int.from_bytes(body[10:12], "little")
    else:
        return None
    at = tail.rfind(b"OggS")
    while at >= 0:
        granule = int.from_bytes(tail[at + 6 : at + 14], "little", signed=True)
        if granule >= 0 and at + 14 <= len(tail):
            return max(0.0, (granule - skip) / rate) if rate else None
        at = tail.rfind(b"OggS", 0, at)
    return None


def _check_length(path: Path, expected_seconds: float | None, shown: str) -> None:
    """A recording that ends long before its announced duration was cut off (a server that
    closes the connection early, with no Content-Length to tell): retried like a drop."""
    if not expected_seconds or expected_seconds <= 0:
        return
    seconds = ogg_seconds(path)
    if seconds is not None and seconds < expected_seconds * LENGTH_TOLERANCE - 1.0:
        raise NetworkError(
            f"The recording at {shown} is cut short: it plays {seconds:.1f} s of the "
            f"{expected_seconds:.0f} s announced."
        )


def sniff_audio(head: bytes) -> bool:
    """Whether ``head`` starts like a known audio file: Ogg, FLAC, MP3 (ID3), WAV."""
    return head.startswith((b"OggS", b"fLaC", b"ID3")) or (
        head[:4] == b"RIFF" and head[8:12] == b"WAVE"
    )


def _looks_like_text(head: bytes) -> bool:
    """An HTML, XML or JSON page (an error page or a login form), not audio."""
    return head.lstrip()[:1] in {b"<", b"{", b"["}


def _media_type(value: str | None) -> str:
    return (value or "").split(";", 1)[0].strip().lower()


async def download_recording(
    http: httpx.AsyncClient,
    url: str,
    dest: Path,
    *,
    expected_seconds: float | None,
    limits: DownloadLimits | None = None,
    durable: bool = False,
    audio_format: str | None = "ogg",
) -> DownloadedFile:
    """Download the recording at the signed ``url`` to ``dest``, whole and checked, or not at all.

    The body streams into a temporary file next to ``dest`` (``.{name}.<random>.part``, as
    ``app.storage`` names its temporaries), hashed on the way; it is renamed into place only
    when complete: HTTP 200 (no range is asked, so a 206 is refused), audio (an ``audio/*`` or
    ``application/ogg`` Content-Type, or no telling type and the first bytes of an Ogg, FLAC,
    MP3 or WAV file; never an HTML, XML or JSON page), exactly as long as its Content-Length,
    within ``limits.max_bytes`` and the deadline of ``limits``. The temporary file is removed on
    any failure or cancellation. No more than one chunk is ever held in memory. ``durable``
    waits for the disk (fsync) before the rename.

    ``http`` must not carry the API key (the signed URL is its own authorisation). The URL's
    query (its signature) never appears in a message.

    Raises ``RecordingLinkExpiredError`` on HTTP 403 (ask the API for a fresh URL and try
    again); ``NetworkError`` (timeout, deadline, dropped or truncated transfer),
    ``ServerError`` (5xx) or ``RateLimitedError`` (429), which are worth retrying;
    ``RecordingDownloadError`` (not https, another status, not audio) and
    ``ResponseTooLargeError``, which are not; ``ExportError`` when ``dest`` cannot be written.
    """
    limits = limits or DownloadLimits()
    check_recording_url(url)
    shown = cut_url(url)
    loop = asyncio.get_running_loop()
    started = loop.time()
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".part", dir=dest.parent)
    except OSError as exc:
        raise ExportError(f"Cannot write the recording to {dest.parent}: {exc.strerror}.") from None
    tmp = Path(tmp_name)
    allowed = limits.base_seconds
    try:
        with os.fdopen(fd, "wb") as handle:
            try:
                async with asyncio.timeout(allowed) as deadline:
                    headers = {"Accept-Encoding": "identity"}
                    async with http.stream("GET", url, headers=headers) as response:
                        _check_response(response, shown, limits)
                        expected = announced_length(response)
                        allowed = limits.deadline(expected, expected_seconds)
                        deadline.reschedule(started + allowed)
                        size, digest = await _save_body(
                            response, handle, shown, limits, audio_format
                        )
                        downloaded = response.num_bytes_downloaded
                        content_type = response.headers.get("content-type")
            except TimeoutError:
                raise NetworkError(
                    f"The recording at {shown} did not arrive in time (allowed {allowed:.0f} s "
                    f"at a minimum of {mib(int(limits.min_rate))}/s)."
                ) from None
            except httpx.TimeoutException:
                raise NetworkError(f"The recording server at {shown} stopped answering.") from None
            except httpx.TransportError as exc:
                raise NetworkError(
                    f"The download of the recording at {shown} was cut off ({type(exc).__name__})."
                ) from None
            if expected is not None and downloaded != expected:
                raise NetworkError(
                    f"The recording at {shown} is truncated: {downloaded:,} of the "
                    f"{expected:,} bytes it announced."
                )
            handle.flush()
            _check_length(tmp, expected_seconds, shown)
            if durable:
                handle.flush()
                await asyncio.to_thread(os.fsync, handle.fileno())
        os.replace(tmp, dest)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise ExportError(f"Cannot write the recording to {dest}: {exc.strerror}.") from None
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return DownloadedFile(dest, size, digest, content_type)


def _check_response(response: httpx.Response, shown: str, limits: DownloadLimits) -> None:
    """Refuse, before reading the body, an answer that cannot be the recording."""
    status = response.status_code
    if response.history:  # the caller's client followed redirects: where did they lead?
        check_recording_url(str(response.url))
    if status == 403:
        raise RecordingLinkExpiredError(
            f"The recording link {shown} was refused (HTTP 403): it has expired or was "
            "revoked. Ask for a fresh link.",
            status_code=403,
        )
    if status == 429:
        wait = retry_after_seconds(response.headers.get("Retry-After"))
        raise RateLimitedError(
            f"The recording server at {shown} is rate limiting.", retry_after=wait
        )
    if status >= 500:
        raise ServerError(
            f"The recording server at {shown} had an internal problem (HTTP {status}).",
            status_code=status,
        )
    if status != 200:
        detail = " (a part, though none was asked)" if status == 206 else ""
        raise RecordingDownloadError(
            f"The recording link {shown} answered HTTP {status}{detail}, not the recording.",
            status_code=status,
        )
    media_type = _media_type(response.headers.get("content-type"))
    if not (media_type.startswith("audio/") or media_type in AUDIO_TYPES | UNTYPED):
        raise RecordingDownloadError(
            f"The recording link {shown} sent {printable(media_type, 60)}, not audio."
        )
    length = announced_length(response)
    if length is not None and length > limits.max_bytes:
        raise ResponseTooLargeError(
            f"The recording at {shown} announces {mib(length)}, more than the "
            f"{mib(limits.max_bytes)} the app accepts."
        )


async def _save_body(
    response: httpx.Response,
    handle: BinaryIO,
    shown: str,
    limits: DownloadLimits,
    audio_format: str | None,
) -> tuple[int, str]:
    """Stream the body into ``handle``, checking what it is; (size, sha256 hex)."""
    media_type = _media_type(response.headers.get("content-type"))
    digest = hashlib.sha256()
    head = b""
    checked = False
    size = 0
    async for chunk in body_chunks(response, limits.max_bytes, f"the recording at {shown}"):
        size += len(chunk)
        if not checked:
            head = (head + chunk)[:HEAD_SIZE]
            if len(head) >= HEAD_SIZE:
                _check_head(head, media_type, shown, audio_format)
                checked = True
        digest.update(chunk)
        handle.write(chunk)
    if not checked:
        if size == 0:
            raise RecordingDownloadError(f"The recording at {shown} is empty.")
        _check_head(head, media_type, shown, audio_format)
    return size, digest.hexdigest()


def _check_head(head: bytes, media_type: str, shown: str, audio_format: str | None) -> None:
    if sniff_audio(head):
        if audio_format == "ogg" and not head.startswith(b"OggS"):
            # Saved as .ogg, another format would be a file that lies about what it is.
            raise RecordingDownloadError(
                f"The recording at {shown} is not an Ogg file, although the API announced "
                "OGG (its first bytes are those of another audio format)."
            )
        return
    if media_type in UNTYPED:
        raise RecordingDownloadError(
            f"The recording at {shown} is not a known audio format (no audio type, and its "
            "first bytes are not those of an Ogg, FLAC, MP3 or WAV file)."
        )
    if _looks_like_text(head):
        raise RecordingDownloadError(
            f"The recording at {shown} is a text page (HTML, XML or JSON) although it "
            f"claims {printable(media_type, 60)}."
        )
