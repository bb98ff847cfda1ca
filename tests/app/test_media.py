"""Recording downloads against a hostile server: whole, checked audio, or nothing on disk."""

from __future__ import annotations

import asyncio
import hashlib
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.errors import (
    ExportError,
    NetworkError,
    RateLimitedError,
    RecordingDownloadError,
    RecordingLinkExpiredError,
    ResponseTooLargeError,
    ServerError,
)
from app.media import DownloadedFile, DownloadLimits, download_recording
from tests.hostile_server import HostileServer, Reply, Request, filler, html_page, recording

REC = "/media/call_1.ogg"
SIGNATURE = "X-Amz-Signature=0123456789abcdef"
OGG_HEAD = b"OggS\x00\x02" + b"\x00" * 6


@pytest.fixture
def server() -> Iterator[HostileServer]:
    with HostileServer() as hostile:
        yield hostile


def signed(server: HostileServer, path: str = REC) -> str:
    return f"{server.url(path)}?{SIGNATURE}&X-Amz-Expires=3600"


def download(
    url: str,
    dest: Path,
    *,
    expected_seconds: float | None = 60.0,
    limits: DownloadLimits | None = None,
) -> DownloadedFile:
    async def go() -> DownloadedFile:
        async with httpx.AsyncClient(timeout=httpx.Timeout(5)) as http:
            return await download_recording(
                http, url, dest, expected_seconds=expected_seconds, limits=limits
            )

    return asyncio.run(go())


def expected_bytes(size: int) -> bytes:
    return b"".join(filler(size, prefix=OGG_HEAD, unit=b"\x5a"))


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def fails(url: str, dest: Path, error: type[Exception], **kwargs: Any) -> Exception:
    with pytest.raises(error) as info:
        download(url, dest, **kwargs)
    assert leftovers(dest.parent) == []  # no file, no temporary
    assert SIGNATURE not in str(info.value)
    return info.value


def test_a_recording_streams_to_its_file_with_its_hash(
    server: HostileServer, tmp_path: Path
) -> None:
    size = 3 * 256 * 1024 + 17
    server.route(REC, recording(size))
    dest = tmp_path / "call_1.ogg"
    saved = download(signed(server), dest)
    data = dest.read_bytes()
    assert data == expected_bytes(size)
    assert saved == DownloadedFile(dest, size, hashlib.sha256(data).hexdigest(), "audio/ogg")
    assert leftovers(tmp_path) == ["call_1.ogg"]


@pytest.mark.parametrize(
    "content_type",
    [None, "application/octet-stream", "application/ogg", "audio/ogg; codecs=vorbis"],
)
def test_audio_is_known_by_its_type_or_its_first_bytes(
    server: HostileServer, tmp_path: Path, content_type: str | None
) -> None:
    server.route(REC, recording(1000, content_type=content_type))
    assert download(signed(server), tmp_path / "a.ogg").size == 1000


@pytest.mark.parametrize(
    ("content_type", "message"),
    [
        ("text/html; charset=utf-8", "sent text/html, not audio"),
        ("audio/ogg", "is a text page"),
        ("application/octet-stream", "not a known audio format"),
        (None, "not a known audio format"),
    ],
)
def test_an_html_page_is_never_saved_as_a_recording(
    server: HostileServer, tmp_path: Path, content_type: str | None, message: str
) -> None:
    async def handler(request: Request, reply: Reply) -> None:
        body = b"\n  <!DOCTYPE html><html><body>Sign in</body></html>"
        await reply.send(200, body, content_type=content_type)

    server.route(REC, handler)
    err = fails(signed(server), tmp_path / "a.ogg", RecordingDownloadError)
    assert message in str(err)


def test_a_short_html_page_is_refused_too(server: HostileServer, tmp_path: Path) -> None:
    async def handler(request: Request, reply: Reply) -> None:
        await reply.send(200, b"<p>", content_type="audio/ogg")

    server.route(REC, handler)
    fails(signed(server), tmp_path / "a.ogg", RecordingDownloadError)


def test_an_empty_recording_is_refused(server: HostileServer, tmp_path: Path) -> None:
    server.route(REC, recording(0))
    assert "empty" in str(fails(signed(server), tmp_path / "a.ogg", RecordingDownloadError))


def test_a_truncated_recording_is_a_network_error_and_leaves_nothing(
    server: HostileServer, tmp_path: Path
) -> None:
    server.route(REC, recording(500_000, announced=1_000_000))
    err = fails(signed(server), tmp_path / "a.ogg", NetworkError)
    assert "cut off" in str(err) or "truncated" in str(err)


def test_a_recording_longer_than_announced_is_read_no_further(
    server: HostileServer, tmp_path: Path
) -> None:
    server.route(REC, recording(2_000_000, announced=1000))
    started = time.monotonic()
    saved = download(signed(server), tmp_path / "a.ogg")
    assert saved.size == 1000 and time.monotonic() - started < 5


def test_a_recording_past_the_cap_is_refused_announced_or_not(
    server: HostileServer, tmp_path: Path
) -> None:
    limits = DownloadLimits(max_bytes=100_000)
    server.route(REC, recording(1_000_000))
    err = fails(signed(server), tmp_path / "a.ogg", ResponseTooLargeError, limits=limits)
    assert "announces" in str(err)
    server.route(REC, recording(1_000_000, announced=None))
    err = fails(signed(server), tmp_path / "a.ogg", ResponseTooLargeError, limits=limits)
    assert "larger than" in str(err)


def test_an_expired_link_is_its_own_error_without_the_signature(
    server: HostileServer, tmp_path: Path
) -> None:
    server.route(REC, html_page(status=403, content_type="application/xml"))
    err = fails(signed(server), tmp_path / "a.ogg", RecordingLinkExpiredError)
    assert err.status_code == 403 and f"{server.origin}{REC}?…" in str(err)


@pytest.mark.parametrize(
    ("status", "error"),
    [
        (206, RecordingDownloadError),
        (404, RecordingDownloadError),
        (302, RecordingDownloadError),
        (429, RateLimitedError),
        (503, ServerError),
    ],
)
def test_other_statuses_are_refused_with_the_matching_error(
    server: HostileServer, tmp_path: Path, status: int, error: type[Exception]
) -> None:
    server.route(REC, recording(1000, status=status))
    err = fails(signed(server), tmp_path / "a.ogg", error)
    assert f"HTTP {status}" in str(err) or status == 429


@pytest.mark.parametrize(
    "url",
    [
        "http://recordings.example.test/a.ogg?sig=secret",
        "ftp://127.0.0.1/a.ogg",
        "file:///etc/passwd",
        "not a url",
    ],
)
def test_only_https_or_loopback_urls_are_fetched(tmp_path: Path, url: str) -> None:
    err = fails(url, tmp_path / "a.ogg", RecordingDownloadError)
    assert "secret" not in str(err)


def test_a_redirect_to_plain_http_elsewhere_is_refused(tmp_path: Path) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.host == "s3.example.test":
            return httpx.Response(302, headers={"Location": "http://cdn.example.test/a.ogg"})
        return httpx.Response(200, content=OGG_HEAD * 10, headers={"Content-Type": "audio/ogg"})

    async def go() -> None:
        transport = httpx.MockTransport(handler)  # no network: the hosts are made up
        async with httpx.AsyncClient(transport=transport, follow_redirects=True) as http:
            url = f"https://s3.example.test/a.ogg?{SIGNATURE}"
            await download_recording(http, url, tmp_path / "a.ogg", expected_seconds=1)

    with pytest.raises(RecordingDownloadError, match="not https"):
        asyncio.run(go())
    assert leftovers(tmp_path) == []


def test_a_trickled_recording_ends_at_its_deadline(server: HostileServer, tmp_path: Path) -> None:
    async def handler(request: Request, reply: Reply) -> None:
        body = OGG_HEAD + b"\x5a" * 100_000
        await reply.raw(reply.head_bytes(200, length=len(body), content_type="audio/ogg"))
        await reply.trickle(body, 0.01)

    server.route(REC, handler)
    limits = DownloadLimits(base_seconds=0.5, min_rate=1_000_000)
    started = time.monotonic()
    err = fails(signed(server), tmp_path / "a.ogg", NetworkError, limits=limits)
    assert "did not arrive in time" in str(err)
    assert time.monotonic() - started < 2


def test_trickled_headers_end_at_the_base_allowance(server: HostileServer, tmp_path: Path) -> None:
    async def handler(request: Request, reply: Reply) -> None:
        await reply.trickle(b"HTTP/1.1 200 OK\r\nContent-Type: audio/ogg\r\n" * 10, 0.05)

    server.route(REC, handler)
    started = time.monotonic()
    fails(signed(server), tmp_path / "a.ogg", NetworkError, limits=DownloadLimits(base_seconds=0.5))
    assert time.monotonic() - started < 2


def test_the_deadline_scales_with_the_expected_size() -> None:
    limits = DownloadLimits(base_seconds=30, min_rate=32 * 1024, assumed_rate=64 * 1024)
    assert limits.deadline(32 * 1024 * 100, None) == 130
    assert limits.deadline(None, 50) == 130  # 50 s of audio at 64 KiB/s, read at 32 KiB/s
    assert limits.deadline(None, None) == 30 + limits.max_bytes / limits.min_rate


def test_a_cancelled_download_leaves_no_temporary(server: HostileServer, tmp_path: Path) -> None:
    sent = threading.Event()

    async def handler(request: Request, reply: Reply) -> None:
        await reply.raw(reply.head_bytes(200, length=10**6, content_type="audio/ogg"))
        await reply.raw(OGG_HEAD + b"\x5a" * 1000)
        sent.set()
        await asyncio.sleep(30)

    server.route(REC, handler)
    dest = tmp_path / "a.ogg"

    async def go() -> None:
        async with httpx.AsyncClient() as http:
            task = asyncio.create_task(
                download_recording(http, signed(server), dest, expected_seconds=1)
            )
            while not sent.is_set():  # the download is under way, its temporary open
                await asyncio.sleep(0.01)
            await asyncio.sleep(0.05)
            (part,) = tmp_path.iterdir()
            assert part.name.startswith(".a.ogg.") and part.name.endswith(".part")
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task

    asyncio.run(go())
    assert leftovers(tmp_path) == []


def test_an_unwritable_destination_is_an_export_error(
    server: HostileServer, tmp_path: Path
) -> None:
    server.route(REC, recording(1000))
    with pytest.raises(ExportError):
        download(signed(server), tmp_path / "missing" / "a.ogg")


REAL_OGG = Path(__file__).parents[2] / "resources" / "recordings" / "conv01.ogg"


def test_an_ogg_cut_short_without_a_length_is_a_drop_to_retry(
    server: HostileServer, tmp_path: Path
) -> None:
    from app.media import ogg_seconds

    whole = REAL_OGG.read_bytes()
    assert ogg_seconds(REAL_OGG) == pytest.approx(56.38, abs=0.01)  # as soundfile reads it
    server.route(REC, recording(len(whole) // 10, announced=None, prefix=whole[: len(whole) // 10]))
    dest = tmp_path / "call.ogg"
    with pytest.raises(NetworkError, match="cut short: it plays"):
        download(signed(server), dest, expected_seconds=56.4)
    assert not dest.exists() and list(tmp_path.iterdir()) == []


def test_a_whole_ogg_of_the_announced_length_is_kept(server: HostileServer, tmp_path: Path) -> None:
    whole = REAL_OGG.read_bytes()
    server.route(REC, recording(len(whole), prefix=whole))
    saved = download(signed(server), tmp_path / "call.ogg", expected_seconds=56.4)
    assert saved.size == len(whole)


def test_another_audio_format_is_not_saved_as_ogg(server: HostileServer, tmp_path: Path) -> None:
    server.route(REC, recording(4000, content_type="audio/mpeg", prefix=b"ID3\x04\x00" + bytes(7)))
    with pytest.raises(RecordingDownloadError, match="not an Ogg file"):
        download(signed(server), tmp_path / "call.ogg")
    assert list(tmp_path.iterdir()) == []


def test_a_compressed_bomb_never_expands_past_the_cap(
    server: HostileServer, tmp_path: Path
) -> None:
    import gzip

    bomb = gzip.compress(OGG_HEAD + bytes(50 * 1024 * 1024), compresslevel=9)

    async def handler(request: Request, reply: Reply) -> None:
        await reply.send(200, bomb, content_type="audio/ogg",
                         headers=[("Content-Encoding", "gzip")])  # fmt: skip

    server.route(REC, handler)
    limits = DownloadLimits(max_bytes=1024 * 1024)
    with pytest.raises(ResponseTooLargeError):
        download(signed(server), tmp_path / "call.ogg", limits=limits)
