"""Specification of the demo server in a child process: it signs URLs for its own origin."""

from __future__ import annotations

import httpx

from app.demo.config import DemoConfig, http_origin
from app.demo.process import DemoProcess


def recording_url(server: DemoProcess) -> str:
    call = next(c for c in server.tenant.calls if c.conversation and not c.no_recording_reason)
    response = httpx.get(
        f"{server.base_url}/calls/{call.id}/recording",
        headers={"X-API-Key": server.api_key, "Host": "elsewhere.example"},
    )
    return str(response.json()["url"])


def test_child_signs_urls_for_the_address_it_listens_on() -> None:
    with DemoProcess(DemoConfig(calls=20)) as server:
        url = recording_url(server)
        assert url.startswith(f"{server.origin}/media/recordings/")
        assert httpx.get(url, headers={"Range": "bytes=0-3"}).content == b"OggS"


def test_child_is_told_a_configured_origin() -> None:
    with DemoProcess(DemoConfig(calls=20, public_origin="https://media.demo.test")) as server:
        assert recording_url(server).startswith("https://media.demo.test/media/recordings/")


def test_ipv6_origins_have_brackets() -> None:
    assert http_origin("::1", 8040) == "http://[::1]:8040"
    assert http_origin("127.0.0.1", 8040) == "http://127.0.0.1:8040"
