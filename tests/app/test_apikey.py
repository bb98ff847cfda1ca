"""Specification of API key hints: recognisable, never most of the secret."""

from __future__ import annotations

import pytest

from app.apikey import ApiKey


@pytest.mark.parametrize(
    ("key", "hint"),
    [
        ("ak_live_1234567890abcd", "ak_live_…abcd"),
        ("ak_demo_reviewer_read", "ak_demo_…read"),
        # not a documented kind: only "ak_" is public, the rest is the secret
        ("ak_Zx9q2secretvalue77_x", "ak_…77_x"),
        ("ak_s3cr3t_x", "ak_…_x"),  # short: two of eight characters
        ("ak_abc", "ak_…c"),
        ("ak_ab", "ak_…"),
        ("plainkeywithoutprefix", "…efix"),
    ],
)
def test_hint_shows_a_public_prefix_and_at_most_four_last_characters(key: str, hint: str) -> None:
    assert ApiKey(key).masked() == hint


@pytest.mark.parametrize(
    "key", ["ak_Zx9q2secretvalue77_x", "ak_live_0123456789abcdef", "ak_s3cr3t_x", "ak_xyz"]
)
def test_hint_never_shows_a_third_of_the_secret(key: str) -> None:
    hint = ApiKey(key).masked()
    prefix, _, tail = hint.partition("…")
    assert key.startswith(prefix) and key.endswith(tail)
    assert len(tail) <= 4 and len(tail) * 3 <= len(key) - len(prefix)
    assert key not in repr(ApiKey(key))
