"""Specification of the demo server's connection limits: slow or oversized requests end."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import pytest

from app.demo.config import DemoConfig
from app.demo.server import DemoServer

DEADLINE = 0.6


@pytest.fixture(scope="module")
def strict_server() -> Iterator[DemoServer]:
    config = DemoConfig(calls=5, request_timeout=DEADLINE, keep_alive_timeout=5)
    with DemoServer(config) as server:
        yield server


def connect(server: DemoServer) -> socket.socket:
    return socket.create_connection((server.host, server.port), timeout=10)


def seconds_until_closed(sock: socket.socket, limit: float = 10.0) -> float:
    """Read until the server closes the connection; how long that took."""
    start = time.monotonic()
    sock.settimeout(limit)
    while sock.recv(65536):
        pass
    return time.monotonic() - start


def request(server: DemoServer, path: str = "/api/v1/calls?limit=1") -> bytes:
    return (
        f"GET {path} HTTP/1.1\r\nHost: {server.host}\r\nX-API-Key: {server.api_key}\r\n\r\n"
    ).encode()


def read_response(sock: socket.socket) -> bytes:
    """One whole response (head and Content-Length body) from a kept-alive connection."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        assert chunk, "closed before the response"
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = next(
        int(line.split(b":", 1)[1])
        for line in head.split(b"\r\n")
        if line.lower().startswith(b"content-length:")
    )
    while len(body) < length:
        chunk = sock.recv(65536)
        assert chunk, "closed before the end of the body"
        body += chunk
    return head


def test_a_client_that_says_nothing_is_disconnected(strict_server: DemoServer) -> None:
    with connect(strict_server) as sock:
        assert DEADLINE * 0.8 < seconds_until_closed(sock) < DEADLINE + 3


def test_a_half_sent_request_head_is_disconnected(strict_server: DemoServer) -> None:
    with connect(strict_server) as sock:
        sock.sendall(request(strict_server)[:-2])  # the blank line never comes
        assert seconds_until_closed(sock) < DEADLINE + 3


def test_a_trickled_request_head_is_disconnected(strict_server: DemoServer) -> None:
    """A byte every fifth of the deadline would keep a per-read timeout happy for ever."""
    head = request(strict_server)
    with connect(strict_server) as sock:
        start = time.monotonic()
        sock.settimeout(0.05)
        closed = False
        for byte in head[:40]:
            try:
                sock.sendall(bytes([byte]))
                if sock.recv(1) == b"":
                    closed = True
                    break
            except TimeoutError:
                pass
            except OSError:
                closed = True
                break
            time.sleep(DEADLINE / 5)
        assert closed and time.monotonic() - start < DEADLINE + 3


def test_a_kept_alive_connection_gets_a_new_deadline_for_each_request(
    strict_server: DemoServer,
) -> None:
    with connect(strict_server) as sock:
        for _ in range(3):  # each request alone is well within the deadline
            time.sleep(DEADLINE / 2)
            sock.sendall(request(strict_server))
            assert read_response(sock).startswith(b"HTTP/1.1 200")
        sock.sendall(request(strict_server)[:20])
        assert seconds_until_closed(sock) < DEADLINE + 3


def test_a_slow_but_timely_request_is_answered(strict_server: DemoServer) -> None:
    head = request(strict_server)
    with connect(strict_server) as sock:
        sock.sendall(head[:10])
        time.sleep(DEADLINE / 3)
        sock.sendall(head[10:])
        assert read_response(sock).startswith(b"HTTP/1.1 200")


@pytest.mark.parametrize(("pieces", "ended"), [(1, True), (20, True), (20, False)])
def test_an_oversized_request_head_gets_431_however_it_arrives(
    strict_server: DemoServer, pieces: int, ended: bool
) -> None:
    padding = b"x" * (strict_server.config.max_head_bytes * 4)
    head = b"GET /api/v1/calls HTTP/1.1\r\nHost: h\r\nX-Pad: " + padding + b"\r\n"
    head += b"\r\n" if ended else b""
    with connect(strict_server) as sock:
        step = -(-len(head) // pieces)
        for start in range(0, len(head), step):
            try:
                sock.sendall(head[start : start + step])
            except OSError:
                break  # closed: the answer is already waiting
        assert sock.recv(100).startswith(b"HTTP/1.1 431 ")


@pytest.mark.parametrize("spec", ["retry_after=nan", "latency_ms=-5", "error_rate=2", "seed=-1"])
def test_absurd_faults_are_refused(spec: str) -> None:
    from app.demo.faults import Faults

    with pytest.raises(ValueError):
        Faults.parse(spec)
