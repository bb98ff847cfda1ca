"""Specification of the paging arithmetic, especially at its edges."""

from __future__ import annotations

from app.paging import PageWindow


def test_no_calls() -> None:
    w = PageWindow(0, 50, 0)
    assert w.range_text() == "No calls"
    assert (w.page_number, w.page_count) == (1, 1)
    assert not w.has_previous and not w.has_next and w.last_offset == 0


def test_fewer_calls_than_a_page() -> None:
    w = PageWindow(0, 50, 7)
    assert w.range_text() == "1–7 of 7"
    assert not w.has_next and w.page_count == 1


def test_exactly_one_full_page() -> None:
    w = PageWindow(0, 50, 50)
    assert w.range_text() == "1–50 of 50" and not w.has_next and w.last_offset == 0


def test_middle_page() -> None:
    w = PageWindow(200, 100, 1234)
    assert w.range_text() == "201–300 of 1,234"
    assert (w.previous_offset, w.next_offset, w.page_number, w.page_count) == (100, 300, 3, 13)


def test_last_partial_page() -> None:
    w = PageWindow(1200, 100, 1234)
    assert w.range_text() == "1,201–1,234 of 1,234"
    assert w.last_offset == 1200 and not w.has_next and w.previous_offset == 1100


def test_previous_from_an_unaligned_offset_stops_at_zero() -> None:
    assert PageWindow(30, 50, 500).previous_offset == 0


def test_changing_page_size_keeps_the_first_row_visible() -> None:
    w = PageWindow(250, 50, 1000).with_limit(100)
    assert (w.offset, w.limit) == (200, 100)
    assert PageWindow(40, 20, 1000).with_limit(10).offset == 40
