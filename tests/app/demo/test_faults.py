"""Specification of injected faults: 429s carry a Retry-After a client can parse."""

from __future__ import annotations

import httpx
import pytest

from app.demo.config import DemoConfig
from app.demo.faults import Faults, retry_after_header
from app.demo.server import DemoServer


@pytest.mark.parametrize(
    ("seconds", "header"), [(1.0, b"1"), (0.2, b"1"), (2.5, b"3"), (0, b"0"), (30, b"30")]
)
def test_retry_after_is_whole_seconds_rounded_up(seconds: float, header: bytes) -> None:
    assert retry_after_header(seconds) == header


def test_a_429_says_retry_after_in_whole_seconds() -> None:
    faults = Faults(rate_limit_every=1, rate_limit_burst=1, retry_after=1.0)
    with DemoServer(DemoConfig(calls=5, faults=faults)) as server:
        response = httpx.get(f"{server.base_url}/calls", headers={"X-API-Key": server.api_key})
    assert response.status_code == 429
    assert response.headers["retry-after"] == "1"
