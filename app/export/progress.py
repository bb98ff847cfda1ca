"""Where an export stands and how it ended, in words: one formatter for the window and the CLI."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from app.errors import AurionError
from app.formatting import format_duration
from app.sanitize import printable


def plural(count: int, one: str, many: str | None = None) -> str:
    """``1 call``, ``1,200 calls``."""
    return f"{count:,} {one if count == 1 else (many or one + 's')}"


@dataclass
class Progress:
    """Counts of a running export; ``total`` is None until the number of calls is known."""

    done: int = 0
    skipped: int = 0
    failed: int = 0
    total: int | None = None
    started: float = field(default_factory=time.monotonic)

    @property
    def finished(self) -> int:
        return self.done + self.skipped + self.failed

    @property
    def rate(self) -> float:
        """Calls per second, counting only the ones exported in this run."""
        elapsed = time.monotonic() - self.started
        return self.done / elapsed if elapsed > 0 else 0.0

    @property
    def eta_seconds(self) -> float | None:
        if self.total is None or self.rate <= 0:
            return None
        return max(0.0, (self.total - self.finished) / self.rate)


@dataclass
class ExportReport:
    """How an export ended: counts, failures, and everything a user should be told."""

    progress: Progress
    failures: list[tuple[str, str]] = field(default_factory=list)  # call id, message
    files: int = 0
    #: calls still active when exported: written, marked partial, exported again next time
    partial: list[str] = field(default_factory=list)
    #: call id -> the server's reason (deleted after the retention period, ...)
    recordings_unavailable: dict[str, str] = field(default_factory=dict)
    #: why existing files were written again -> how many
    rewritten: Counter[str] = field(default_factory=Counter)
    #: why files of an earlier export were removed -> how many
    removed: Counter[str] = field(default_factory=Counter)
    #: what went wrong walking the server's call list (it was cut short when not empty)
    listing_problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: What ended the whole run early (a refused key, a list that cannot be read), if anything.
    error: AurionError | None = None

    @property
    def ok(self) -> bool:
        return not self.failures and not self.listing_problems and self.error is None


def progress_line(p: Progress) -> str:
    """``120 of 1,200 calls · 3 already complete · 1 failed · 38.2 calls/s · about 0:28 left``."""
    if p.total is not None:
        parts = [f"{p.finished:,} of {plural(p.total, 'call')}"]
    else:
        parts = [plural(p.finished, "call")]
    if p.skipped:
        parts.append(f"{p.skipped:,} already complete")
    if p.failed:
        parts.append(f"{p.failed:,} failed")
    if p.rate > 0:
        parts.append(f"{p.rate:.1f} calls/s")
    eta = p.eta_seconds
    if eta is not None and p.total and p.finished < p.total:
        parts.append(f"about {format_duration(eta)} left")
    return " · ".join(parts)


def summary_lines(
    report: ExportReport, out: Path | None, shown_failures: int | None = 20
) -> list[str]:
    """The end of an export in sentences, the most important first; ``shown_failures=None``
    leaves the list of failed calls to the caller (the CLI prints it on standard error)."""
    p = report.progress
    files = plural(report.files, "file")
    lines = [f"Exported {plural(p.done, 'call')} ({files}) to {out}."]
    if p.skipped:
        was = "was" if p.skipped == 1 else "were"
        lines.append(f"{plural(p.skipped, 'call')} {was} already complete.")
    for reason, count in sorted(report.rewritten.items()):
        lines.append(f"Rewrote {plural(count, 'file')}: {reason}.")
    for reason, count in sorted(report.removed.items()):
        lines.append(f"Removed {plural(count, 'file')} of an earlier export: {reason}.")
    if report.partial:
        lines.append(
            f"{plural(len(report.partial), 'call')} still active: exported as partial, "
            "export again once they have ended."
        )
    if report.recordings_unavailable:
        n = len(report.recordings_unavailable)
        reasons = Counter(report.recordings_unavailable.values()).most_common(3)
        said = "; ".join(f"{reason} ({count:,})" for reason, count in reasons)
        lines.append(f"{plural(n, 'recording')} unavailable, transcripts exported: {said}.")
    lines.extend(report.notes)
    for problem in report.listing_problems:
        lines.append(f"The call list was cut short: {problem}")
    if not report.failures:
        return lines
    if shown_failures is None:
        lines.append(
            f"{plural(len(report.failures), 'call')} could not be exported (listed below)."
        )
    else:
        lines.append(f"{plural(len(report.failures), 'call')} could not be exported:")
        for call_id, message in report.failures[:shown_failures]:
            lines.append(f"  • {printable(call_id, 120)}: {message}")
        more = len(report.failures) - shown_failures
        if more > 0:
            lines.append(f"  … and {more:,} more. Export again to retry them.")
    return lines
