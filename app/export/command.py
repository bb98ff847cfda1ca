"""``aurion-review export``: headless bulk export with a progress bar on terminals."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TextIO

from app.accounts import ENV_API_KEY, KeyStore, ProfileStore
from app.apikey import ApiKey
from app.client import DEFAULT_BASE_URL, AurionClient
from app.errors import (
    AurionError,
    AuthenticationError,
    ConfigurationError,
    ExportError,
    LibraryError,
    NotFoundError,
    PermissionDeniedError,
)
from app.export.formats import FORMATS, parse_formats
from app.export.job import ExportJob, ExportOptions, Selection
from app.export.progress import Progress, progress_line, summary_lines
from app.review.audit import open_trail
from app.sanitize import printable
from app.session import SourceLease, lease_client, lease_source

#: Exit statuses, as the README and ``--help`` give them.
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

EPILOG = f"""\
The key comes from the keyring with --profile, else from the {ENV_API_KEY} environment
variable; the base URL defaults to {DEFAULT_BASE_URL}.

Running the same command again skips what is complete, rewrites what was made with other
options (redaction) and finishes what an interrupted run left.

exit status:
  0    every call exported (recordings deleted after the retention period do not count)
  1    some calls failed (they are listed), or the call list was cut short
  2    a usage or key problem: bad options, --since after --until, --out is a file or
       cannot be written, no key, a key refused (401) or without calls:read (403)
  130  interrupted (Ctrl+C): finished files are kept; run the command again to go on
"""


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "export",
        help="export transcripts (and recordings) to files, headless",
        description="Export calls to files, with a manifest of SHA-256 sums and options.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    where = p.add_mutually_exclusive_group()
    where.add_argument("--profile", help="a saved account profile (its key is in the keyring)")
    where.add_argument(
        "--base-url", help=f"API base URL (default {DEFAULT_BASE_URL}; key from {ENV_API_KEY})"
    )
    where.add_argument(
        "--library", type=Path, metavar="FILE", help="export from a local library, offline"
    )
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--call", action="append", metavar="ID", help="a call id (repeatable)")
    which.add_argument("--all", action="store_true", help="every call, oldest first")
    p.add_argument("--since", type=parse_date, help="only calls started at or after (ISO date)")
    p.add_argument("--until", type=parse_until, help="only calls started up to (ISO date)")
    p.add_argument(
        "--format",
        required=True,
        metavar="FMT[,FMT...]",
        help=f"one or more of {', '.join(FORMATS)}",
    )
    p.add_argument("--out", required=True, type=Path, help="output folder")
    p.add_argument("--with-recordings", action="store_true", help="also download the OGG audio")
    p.add_argument(
        "--redact",
        action="store_true",
        help="mask phone numbers, e-mails, card numbers and IBANs (not in the audio)",
    )
    p.add_argument(
        "--concurrency",
        type=int,
        default=8,
        help="calls exported at once, each over its own connection (1-32, default 8)",
    )


def parse_date(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not an ISO date like 2026-03-08") from None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def parse_until(text: str) -> datetime:
    value = parse_date(text)
    if len(text.strip()) == 10:  # a bare date includes that whole day
        value += timedelta(days=1) - timedelta(microseconds=1)
    return value


def resolve_client(args: argparse.Namespace) -> AurionClient:
    env = os.environ.get(ENV_API_KEY, "").strip()
    if args.profile:
        profile = ProfileStore().get(args.profile)
        if profile is None:
            raise ConfigurationError(f"There is no profile named '{args.profile}'.")
        key = KeyStore().get(profile.name)
        if key is None:
            raise ConfigurationError(
                f"No API key for profile '{profile.name}': add it in the app's Accounts "
                f"dialog or set {ENV_API_KEY}."
            )
        return AurionClient(profile.base_url, key, max_connections=args.concurrency)
    if not env:
        raise ConfigurationError(
            f"No API key: pass --profile NAME (key in the keyring) or set {ENV_API_KEY}."
        )
    return AurionClient(
        args.base_url or DEFAULT_BASE_URL, ApiKey(env), max_connections=args.concurrency
    )


class ProgressPrinter:
    """A bar and the progress line on a terminal; the line every few percent otherwise."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.tty = stream.isatty()
        self._last_step = -1
        self._last_finished = -1
        self._bar_shown = False

    def __call__(self, p: Progress) -> None:
        total = p.total
        if self.tty:
            width = 30
            filled = min(width, round(width * p.finished / total)) if total else 0
            bar = "#" * filled + "." * (width - filled)
            self.stream.write(f"\r[{bar}] {progress_line(p)}\x1b[K")
            self.stream.flush()
            self._bar_shown = True
            return
        if p.finished == self._last_finished:
            return
        step = p.finished // max(1, (total or 1000) // 20)
        if step != self._last_step or (total and p.finished == total):
            self._last_step = step
            self._last_finished = p.finished
            self.stream.write(f"exported {progress_line(p)}\n")
            self.stream.flush()

    def close(self) -> None:
        """End the bar's line (once) before anything else is printed."""
        if self._bar_shown:
            self._bar_shown = False
            self.stream.write("\n")
            self.stream.flush()


def _usage_error(args: argparse.Namespace, formats_spec: str) -> str | None:
    try:
        parse_formats(formats_spec)
    except ValueError as exc:
        return str(exc)
    if not 1 <= args.concurrency <= 32:
        return "--concurrency must be between 1 and 32"
    if args.since and args.until and args.since > args.until:
        return "--since is after --until: no call can match"
    if args.call and (args.since or args.until):
        return "--since and --until go with --all, not --call"
    for call_id in args.call or ():
        if not call_id.strip() or call_id in {".", ".."}:
            return f"--call {printable(call_id)!r} is not a call id"
    if args.out.exists() and not args.out.is_dir():
        return f"--out {args.out} is a file, not a folder"
    return None


#: Run-level errors that are the user's to fix (options, key, base URL, library): exit 2.
USAGE_ERRORS = (ConfigurationError, AuthenticationError, PermissionDeniedError, ExportError,
                NotFoundError, LibraryError)  # fmt: skip


def _error_line(args: argparse.Namespace, error: AurionError) -> str:
    if isinstance(error, AuthenticationError):
        where = f"the key of profile '{args.profile}'" if args.profile else ENV_API_KEY
        return f"aurion-review export: {error} Check {where}."
    return f"aurion-review export: {error}"


async def _client_lease(args: argparse.Namespace) -> SourceLease:
    return lease_client(resolve_client(args))


async def _library_lease(args: argparse.Namespace) -> SourceLease:
    """The library file as the source: no network."""
    from app.library.source import LibrarySource

    return lease_source(await LibrarySource.open(args.library))


async def _run(args: argparse.Namespace, job: ExportJob, printer: ProgressPrinter) -> int:
    report = await job.run()
    printer.close()
    if report.progress.finished or report.files or report.error is None:
        for line in summary_lines(report, job.options.out, shown_failures=None):
            print(line)
        for call_id, message in report.failures:
            print(f"  failed: {printable(call_id, 120)}: {message}", file=sys.stderr)
    if report.error is not None:
        # NotFoundError here is the call list itself (a wrong base URL); unknown ids fail alone
        print(_error_line(args, report.error), file=sys.stderr)
        return EXIT_USAGE if isinstance(report.error, USAGE_ERRORS) else EXIT_FAILED
    return EXIT_OK if report.ok else EXIT_FAILED


def run(args: argparse.Namespace) -> int:
    problem = _usage_error(args, args.format)
    if problem is not None:
        print(f"aurion-review export: {problem}", file=sys.stderr)
        return EXIT_USAGE
    formats = tuple(parse_formats(args.format))
    options = ExportOptions(
        formats=formats,
        out=args.out,
        redact=args.redact,
        with_recordings=args.with_recordings,
        concurrency=args.concurrency,
    )
    selection = Selection(
        ids=tuple(args.call or ()), all_calls=bool(args.all), since=args.since, until=args.until
    )
    pdf = any(f.drawn for f in formats)
    if pdf:
        from app.export.pdf import ensure_gui_app

        # PDFs are drawn on worker threads, but Qt's application object must be made on this,
        # the main thread, or Qt's timers complain that the thread's dispatcher is gone.
        ensure_gui_app()
    printer = ProgressPrinter(sys.stderr)
    try:
        lease = _library_lease if args.library is not None else _client_lease
        trail = open_trail()

        async def main() -> int:
            job = ExportJob(await lease(args), options, selection, printer, trail)
            return await _run(args, job, printer)

        return asyncio.run(main())
    except AurionError as exc:  # before the run: no key, a profile or base URL unusable
        printer.close()
        print(_error_line(args, exc), file=sys.stderr)
        return EXIT_USAGE if isinstance(exc, USAGE_ERRORS) else EXIT_FAILED
    except KeyboardInterrupt:
        printer.close()
        print("Interrupted: run the same command again to finish.", file=sys.stderr)
        return EXIT_INTERRUPTED
    finally:
        if pdf:
            from app.export.pdf import wait_for_all_renders

            # Never let the process end while a pool thread still draws a page.
            wait_for_all_renders()
