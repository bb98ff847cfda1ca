"""Export and sync progress in the window's language, with its plurals and number formats.

The CLI says the same in English through ``app.export.progress`` and
``app.library.sync.sync_progress_line``; these are their translated twins for the window.
Messages the core attached (a failed call's reason, a rewrite's cause) stay as the core wrote
them unless they are marked ``Text``.
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from app.formatting import format_duration
from app.sanitize import printable
from ui.i18n import decimal, error_message, number

if TYPE_CHECKING:
    from app.export.progress import ExportReport, Progress
    from app.library.sync import SyncProgress


class ProgressText(QObject):
    """Sentences about a running or finished export or sync (``self.tr`` plurals)."""

    def export_progress(self, p: Progress) -> str:
        """``120 of 1,200 calls · 3 already complete · 1 failed · 38.2 calls/s · about 0:28
        left``."""
        if p.total is not None:
            parts = [self.tr("{done} of %Ln call(s)", "", p.total).format(done=number(p.finished))]
        else:
            parts = [self.tr("%Ln call(s)", "", p.finished)]
        if p.skipped:
            parts.append(self.tr("%Ln already complete", "", p.skipped))
        if p.failed:
            parts.append(self.tr("%Ln failed", "", p.failed))
        if p.rate > 0:
            parts.append(self.tr("{rate} calls/s").format(rate=decimal(p.rate)))
        eta = p.eta_seconds
        if eta is not None and p.total and p.finished < p.total:
            parts.append(self.tr("about {time} left").format(time=format_duration(eta)))
        return " · ".join(parts)

    def export_cancelled(self, done: int, files: int) -> str:
        return self.tr(
            "Cancelled after {calls} ({files}). The files written are complete; export again "
            "to the same folder to finish (complete files are skipped)."
        ).format(calls=self.tr("%Ln call(s)", "", done), files=self.tr("%Ln file(s)", "", files))

    def export_summary(self, report: ExportReport, out: Path | None, shown: int = 5) -> list[str]:
        """The end of an export in sentences, the most important first."""
        p = report.progress
        lines = [
            self.tr("Exported %Ln call(s) ({files}) to {folder}.", "", p.done).format(
                files=self.tr("%Ln file(s)", "", report.files), folder=str(out)
            )
        ]
        if p.skipped:
            lines.append(self.tr("%Ln call(s) already complete.", "", p.skipped))
        for reason, count in sorted(report.rewritten.items()):
            lines.append(self.tr("Rewrote %Ln file(s): {reason}.", "", count).format(reason=reason))
        for reason, count in sorted(report.removed.items()):
            lines.append(
                self.tr("Removed %Ln file(s) of an earlier export: {reason}.", "", count).format(
                    reason=reason
                )
            )
        if report.partial:
            lines.append(
                self.tr(
                    "%Ln call(s) still active: exported as partial, export again once they have "
                    "ended.",
                    "",
                    len(report.partial),
                )
            )
        if report.recordings_unavailable:
            n = len(report.recordings_unavailable)
            reasons = Counter(report.recordings_unavailable.values()).most_common(3)
            said = "; ".join(f"{reason} ({number(count)})" for reason, count in reasons)
            lines.append(
                self.tr(
                    "%Ln recording(s) unavailable, transcripts exported: {reasons}.", "", n
                ).format(reasons=said)
            )
        lines.extend(report.notes)
        for problem in report.listing_problems:
            lines.append(self.tr("The call list was cut short: {problem}").format(problem=problem))
        if report.failures:
            lines.append(self.tr("%Ln call(s) could not be exported:", "", len(report.failures)))
            for call_id, message in report.failures[:shown]:
                lines.append(f"  • {printable(call_id, 120)}: {message}")
            more = len(report.failures) - shown
            if more > 0:
                lines.append(self.tr("  … and %Ln more. Export again to retry them.", "", more))
        if report.error is not None:
            failed = self.tr("Export failed: {error}").format(error=error_message(report.error))
            lines = [failed, *(lines if p.finished else [])]
        return lines

    def sync_progress(self, p: SyncProgress) -> str:
        """``120/1,200 calls fetched, 3 new, 1 failed, ETA 0:28``."""
        if p.phase == "listing" and not p.queued:
            if p.list_total is not None:
                return self.tr("listing: {listed} of %Ln call(s)", "", p.list_total).format(
                    listed=number(p.listed)
                )
            return self.tr("listing: %Ln call(s)", "", p.listed)
        parts = [
            self.tr("{done}/%Ln call(s) fetched", "", p.expected).format(done=number(p.finished))
        ]
        if p.new:
            parts.append(self.tr("%Ln new", "", p.new))
        if p.changed:
            parts.append(self.tr("%Ln changed", "", p.changed))
        if p.failed:
            parts.append(self.tr("%Ln failed", "", p.failed))
        if p.recordings:
            parts.append(self.tr("%Ln recording(s) kept", "", p.recordings))
        eta = p.eta_seconds
        if eta is not None and p.phase != "done" and p.finished < p.expected:
            parts.append(self.tr("ETA {time}").format(time=format_duration(eta)))
        return ", ".join(parts)


@cache
def progress_text() -> ProgressText:
    """The one ``ProgressText`` (it holds no state)."""
    return ProgressText()
