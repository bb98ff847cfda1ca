"""Specification of the transcript timeline: spans, O(log n) lookup, search."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.models import Segment, Transcript
from app.timeline import Timeline

START = datetime(2026, 3, 8, 10, 30, tzinfo=UTC)


def seg(seconds: float, text: str, speaker: str = "agent") -> Segment:
    return Segment(speaker, text, START + timedelta(seconds=seconds))


def test_each_segment_lasts_until_the_next_and_the_last_until_the_end() -> None:
    tl = Timeline.build(
        Transcript(
            "c", (seg(5, "Hello"), seg(12.5, "Hi, my VPN", "caller"), seg(20, "Let me check"))
        ),
        START,
        185,
    )
    assert [(s.start, s.end) for s in tl.segments] == [(5.0, 12.5), (12.5, 20.0), (20.0, 185.0)]


def test_index_at_positions() -> None:
    tl = Timeline.from_segments([seg(5, "a"), seg(12.5, "b"), seg(20, "c")], START, 30)
    positions = [0, 4.999, 5.0, 12.49, 12.5, 19.99, 20.0, 999]
    assert [tl.index_at(p) for p in positions] == [-1, -1, 0, 0, 1, 1, 2, 2]


def test_out_of_order_segments_are_put_in_time_order() -> None:
    tl = Timeline.from_segments([seg(10, "second"), seg(2, "first")], START, None)
    assert [s.text for s in tl.segments] == ["first", "second"]
    assert tl.segments[-1].end == 10.0


def test_search_ignores_case_and_blank_queries() -> None:
    tl = Timeline.from_segments(
        [seg(1, "Bonjour, ici le support"), seg(2, "Mon VPN ne marche pas"), seg(3, "vpn ok")],
        START,
        10,
    )
    assert tl.search("VPN") == [1, 2]
    assert tl.search("  ") == []
    assert tl.search("support") == [0]


def test_search_ignores_accents_both_ways() -> None:
    tl = Timeline.from_segments(
        [seg(1, "Ma boîte aux lettres est pleine"), seg(2, "La boite déborde"), seg(3, "Merci")],
        START,
        10,
    )
    assert tl.search("boite") == [0, 1]
    assert tl.search("BOÎTE") == [0, 1]
    assert tl.search("deborde") == [1]
