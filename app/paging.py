"""Pagination arithmetic over limit/offset/total, kept pure so its edges are easy to test."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PageWindow:
    """Where one page sits in the whole list."""

    offset: int
    limit: int
    total: int

    @property
    def page_count(self) -> int:
        return max(1, -(-self.total // self.limit))

    @property
    def page_number(self) -> int:
        """1-based number of the page holding ``offset``."""
        return min(self.offset // self.limit + 1, self.page_count)

    @property
    def first_offset(self) -> int:
        return 0

    @property
    def last_offset(self) -> int:
        return (self.page_count - 1) * self.limit

    @property
    def previous_offset(self) -> int | None:
        return max(0, self.offset - self.limit) if self.offset > 0 else None

    @property
    def next_offset(self) -> int | None:
        nxt = self.offset + self.limit
        return nxt if nxt < self.total else None

    @property
    def has_previous(self) -> bool:
        return self.previous_offset is not None

    @property
    def has_next(self) -> bool:
        return self.next_offset is not None

    def range_text(self) -> str:
        """``201–300 of 1,234``; ``No calls`` when empty."""
        if self.total <= 0:
            return "No calls"
        first = min(self.offset + 1, self.total)
        last = min(self.offset + self.limit, self.total)
        return f"{first:,}–{last:,} of {self.total:,}"

    def with_limit(self, limit: int) -> PageWindow:
        """The page of the new size that holds the current first row."""
        return PageWindow((self.offset // limit) * limit, limit, self.total)
