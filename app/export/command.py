"""``aurion-review export``: headless bulk export with a progress bar on terminals."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TextIO

from app.accounts import ENV_API_KEY, KeyStore, ProfileStore
from app.apikey import ApiKey
from app.client import DEFAULT_BASE_URL, AurionClient
from app.errors import AurionError, ConfigurationError
from app.export.bulk import BulkExporter, ExportOptions, Progress
from app.export.formats import FORMATS, parse_formats
from app.formatting import format_duration
from app.models import CallSummary


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "export",
        help="export transcripts (and recordings) to files, headless",
        description="Export calls to files. Running it again skips what is already complete.",
    )
    where = p.add_mutually_exclusive_group()
    where.add_argument("--profile", help="a saved account profile (its key is in the keyring)")
    where.add_argument("--base-url", help=f"API base URL (key from {ENV_API_KEY})")
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
    p.add_argument("--redact", action="store_true", help="mask phone numbers and e-mails")
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
    """A bar with count, rate and ETA on a terminal; a line every few percent otherwise."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.tty = stream.isatty()
        self._last_line = -1
        self._last_finished = -1

    def __call__(self, p: Progress) -> None:
        total = p.total
        eta = p.eta_seconds
        eta_text = format_duration(eta) if eta is not None else "--:--"
        count = f"{p.finished:,}/{total:,}" if total is not None else f"{p.finished:,}"
        extra = f"{p.skipped:,} already done, " if p.skipped else ""
        if p.failed:
            extra += f"{p.failed:,} failed, "
        if self.tty:
            width = 30
            filled = round(width * p.finished / total) if total else 0
            bar = "#" * filled + "." * (width - filled)
            self.stream.write(f"\r[{bar}] {count} {extra}{p.rate:.1f} calls/s ETA {eta_text}   ")
            self.stream.flush()
            return
        step = max(1, (total or 1000) // 20)
        if p.finished == self._last_finished:
            return
        if p.finished // step != self._last_line or (total and p.finished == total):
            self._last_line = p.finished // step
            self._last_finished = p.finished
            self.stream.write(f"exported {count} ({extra}{p.rate:.1f} calls/s)\n")
            self.stream.flush()

    def close(self) -> None:
        if self.tty:
            self.stream.write("\n")


async def _all_calls(args: argparse.Namespace, client: AurionClient) -> AsyncIterator[CallSummary]:
    async for call in client.iter_calls(until=args.until):
        if args.since is None or call.started_at >= args.since:
            yield call


async def _run(args: argparse.Namespace, options: ExportOptions) -> int:
    client = resolve_client(args)
    printer = ProgressPrinter(sys.stderr)
    async with client:
        exporter = BulkExporter(client, options, printer)
        if args.call:
            # ids the API does not know are failures of their own, not the end of the run
            report = await exporter.run(await _resolve_ids(args.call, client, exporter))
        else:
            if args.since is None and args.until is None:
                exporter.progress.total = (await client.list_calls(limit=1)).total
            report = await exporter.run(_all_calls(args, client))
    printer.close()
    p = report.progress
    print(
        f"Exported {p.done:,} calls ({report.files:,} files) to {options.out}; "
        f"{p.skipped:,} were already complete; {p.failed:,} failed."
    )
    for call_id, message in report.failures:
        print(f"  failed: {call_id}: {message}", file=sys.stderr)
    return 0 if report.ok else 1


async def _resolve_ids(
    ids: list[str], client: AurionClient, exporter: BulkExporter
) -> list[CallSummary]:
    calls: list[CallSummary] = []
    for call_id in dict.fromkeys(ids):
        try:
            detail = await client.get_call(call_id)
        except AurionError as exc:
            exporter.report.failures.append((call_id, str(exc)))
            exporter.progress.failed += 1
            continue
        calls.append(CallSummary.from_json(detail.raw))
    return calls


def run(args: argparse.Namespace) -> int:
    try:
        formats = tuple(parse_formats(args.format))
    except ValueError as exc:
        print(f"aurion-review export: {exc}", file=sys.stderr)
        return 2
    if not 1 <= args.concurrency <= 32:
        print("aurion-review export: --concurrency must be between 1 and 32", file=sys.stderr)
        return 2
    options = ExportOptions(
        formats=formats,
        out=args.out,
        redact=args.redact,
        with_recordings=args.with_recordings,
        concurrency=args.concurrency,
    )
    if any(f.name == "pdf" for f in formats):
        from app.export.pdf import ensure_gui_app

        # PDFs are drawn on worker threads, but Qt's application object must be made on this,
        # the main thread, or Qt's timers complain that the thread's dispatcher is gone.
        ensure_gui_app()
    try:
        return asyncio.run(_run(args, options))
    except ConfigurationError as exc:
        print(f"aurion-review export: {exc}", file=sys.stderr)
        return 2
    except AurionError as exc:
        print(f"aurion-review export: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nInterrupted: run the same command again to finish.", file=sys.stderr)
        return 130
