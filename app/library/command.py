"""``aurion-review sync``, ``search`` and ``library``: the local library from the command line."""

from __future__ import annotations

import argparse
import asyncio
import re
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

import orjson

from app.accounts import ENV_API_KEY, ENV_DATA_DIR, ProfileStore, data_dir
from app.client import DEFAULT_BASE_URL
from app.errors import (
    AurionError,
    AuthenticationError,
    ConfigurationError,
    LibraryError,
    NetworkError,
    PermissionDeniedError,
    RateLimitedError,
    ServerError,
)
from app.export.command import ProgressPrinter, parse_date, parse_until, resolve_client
from app.formatting import format_duration
from app.library.library import Library, library_path
from app.library.search import SearchHit
from app.library.source import MAX_HITS, LibrarySource
from app.library.sync import (
    LibrarySync,
    SyncOptions,
    SyncProgress,
    SyncReport,
    recordings_cap,
    size_text,
    sync_progress_line,
)
from app.library.webhooks import (
    MAX_BODY_BYTES,
    WEBHOOK_PATH,
    CallRefresher,
    Refreshed,
    WebhookEvent,
    WebhookReceiver,
    is_loopback,
    parse_listen,
)
from app.models import format_timestamp
from app.review.audit import open_trail
from app.sanitize import printable
from app.session import lease_client
from app.source import CallFilters, UnsupportedQueryError
from app.webhook_signature import (
    ENV_WEBHOOK_SECRET,
    SIGNATURE_HEADER,
    TOLERANCE_SECONDS,
    secret_from_env,
)

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
#: With --listen, seconds without an event before the API is polled (unless --watch says).
DEFAULT_LISTEN_WATCH = 60
_MINUTES, _KIB = TOLERANCE_SECONDS // 60, MAX_BODY_BYTES // 1024

WHERE_HELP = f"""\
where the library lives:
  One library per account (API base URL), in {data_dir() / "libraries"}
  ({ENV_DATA_DIR} overrides the folder). --library FILE names another file; --profile or
  --base-url pick the account's library (the default base URL is {DEFAULT_BASE_URL}).
"""

SYNC_EPILOG = f"""\
The key comes from the keyring with --profile, else from the {ENV_API_KEY} environment
variable.

A first sync fetches every call's details and transcript; the next ones walk the API's list
newest first until they meet what the library holds, and fetch again the calls still active
and any whose list entry changed. An interrupted sync (Ctrl+C, a lost connection) carries on
where it stopped when run again. Nothing is deleted when the API stops listing a call.

--listen HOST:PORT receives Aurion webhooks (call.started, call.completed, call.escalated)
on http://HOST:PORT{WEBHOOK_PATH} (its first line of output says where) and fetches the
call each event names at once. Events must be signed with the secret held by the variable
--webhook-secret-env names: {SIGNATURE_HEADER}: t=<unix seconds>,v1=<hex HMAC-SHA256 of
"<t>.<raw body>">, made within {_MINUTES} minutes, each event id taken once. Others get 401,
bodies over {_KIB} KiB 413. It syncs at the start, then whenever no event has come for
--watch seconds (default {DEFAULT_LISTEN_WATCH}), until Ctrl+C.

{WHERE_HELP}
exit status:
  0    the library is up to date
  1    some calls could not be fetched (they are listed; the next sync tries again), or the
       API's list was cut short
  2    a usage or key problem: bad options, no key, a key refused (401) or without
       calls:read (403), a library file of another account or not a library
  130  interrupted (Ctrl+C): what was fetched is kept; sync again to carry on
"""

SEARCH_EPILOG = f"""\
query:
  words          every word in the same utterance, whole words, case and accents ignored
                 (resiliation finds Résiliation)
  "a phrase"     these words side by side, in this order
  word*          words starting so; "a phra"* for a phrase
  a OR b         either; -word or -"a phrase": utterances without it
  The caller id and the requester's name are searched too. A query that starts with -
  goes after --:  aurion-review search -- "-word other"

Prints one line per hit, newest calls first: call id, start (UTC), offset into the call
(m:ss), speaker, and an excerpt with the matched words marked; --json prints one JSON object
per line instead (with the whole utterance and where the words matched). Works offline.

{WHERE_HELP}
exit status: 0 (with or without hits), 2 a usage problem or no library.
"""


def _add_where(p: argparse.ArgumentParser, *, with_library: bool = True) -> None:
    where = p.add_mutually_exclusive_group()
    where.add_argument("--profile", help="a saved account profile")
    where.add_argument("--base-url", help=f"API base URL (default {DEFAULT_BASE_URL})")
    if with_library:
        p.add_argument("--library", type=Path, metavar="FILE", help="the library file to use")


def parse_size(text: str) -> int:
    """``500M``, ``2G``, ``750MiB``, ``1000000``: a size in bytes."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kKmMgGtT]?)(?:i?[bB])?\s*", text)
    if match is None:
        raise argparse.ArgumentTypeError(f"'{text}' is not a size like 500M or 2G")
    factor = 1024 ** " KMGT".index(match.group(2).upper() or " ")
    return int(float(match.group(1)) * factor)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    raw = argparse.RawDescriptionHelpFormatter
    p = sub.add_parser(
        "sync",
        help="sync the account's calls into the local library, headless",
        description="Fetch new and changed calls (details and transcripts) into the library.",
        epilog=SYNC_EPILOG,
        formatter_class=raw,
    )
    _add_where(p)
    p.add_argument(
        "--with-recordings",
        action="store_true",
        help="also keep every ended call's recording offline (within --recordings-cap)",
    )
    p.add_argument(
        "--recordings-cap",
        type=parse_size,
        metavar="SIZE",
        help="most space recordings kept offline may take, e.g. 500M or 5G (remembered; "
        "default 2G)",
    )
    p.add_argument(
        "--watch",
        type=_positive,
        metavar="SECONDS",
        help="keep the library current: sync again every SECONDS until Ctrl+C",
    )
    p.add_argument(
        "--listen",
        metavar="HOST:PORT",
        help="receive Aurion webhooks there (e.g. 127.0.0.1:8765) and update the library at "
        "once; sync every --watch seconds (default 60) when no event comes",
    )
    p.add_argument(
        "--webhook-secret-env",
        metavar="NAME",
        default=ENV_WEBHOOK_SECRET,
        help="with --listen: the environment variable holding the secret events are signed "
        f"with (default {ENV_WEBHOOK_SECRET})",
    )
    p.add_argument(
        "--full", action="store_true", help="walk the API's whole list, not only what is new"
    )
    p.add_argument(
        "--concurrency",
        type=int,
        default=8,
        help="calls fetched at once, each over its own connection (1-32, default 8)",
    )

    s = sub.add_parser(
        "search",
        help="search the library's transcripts, offline",
        description="Search what was said in the library's calls (and callers, requesters).",
        epilog=SEARCH_EPILOG,
        formatter_class=raw,
    )
    s.add_argument("query", help='words, "phrases", prefix*, OR, -excluded')
    _add_where(s)
    s.add_argument("--channel", action="append", metavar="C", help="phone, mobile or widget")
    s.add_argument("--status", action="append", metavar="S", help="e.g. escalated (repeatable)")
    s.add_argument("--language", action="append", metavar="L", help="fr (any region) or fr-CA")
    s.add_argument("--since", type=parse_date, help="calls started at or after (ISO date)")
    s.add_argument("--until", type=parse_until, help="calls started up to (ISO date)")
    s.add_argument(
        "--limit", type=_positive, default=100, help=f"hits shown (default 100, at most {MAX_HITS})"
    )
    s.add_argument("--oldest-first", action="store_true", help="oldest calls first")
    s.add_argument("--json", action="store_true", help="one JSON object per line")

    lib = sub.add_parser(
        "library",
        help="what the library holds; recordings kept offline",
        description="Show the library: where it is, what it holds, its last sync.",
        epilog=WHERE_HELP,
        formatter_class=raw,
    )
    _add_where(lib)
    lib.add_argument("--recordings", action="store_true", help="list the recordings kept offline")
    lib.add_argument(
        "--keep",
        action="append",
        metavar="ID",
        help="keep this call's recording offline (downloaded by the next sync; repeatable)",
    )
    lib.add_argument(
        "--forget",
        action="append",
        metavar="ID",
        help="stop keeping this call's recording offline and delete its file (repeatable)",
    )


def resolve_library(args: argparse.Namespace) -> Path:
    """The library file: --library, else the account's (--profile, --base-url, default)."""
    if args.library is not None:
        return Path(args.library)
    if args.profile:
        profile = ProfileStore().get(args.profile)
        if profile is None:
            raise ConfigurationError(f"There is no profile named '{args.profile}'.")
        return library_path(profile.base_url)
    return library_path(args.base_url or DEFAULT_BASE_URL)


def _fail(command: str, message: str, status: int = EXIT_USAGE) -> int:
    print(f"aurion-review {command}: {message}", file=sys.stderr)
    return status


# -- sync ----------------------------------------------------------------------------------


class SyncPrinter(ProgressPrinter):
    """The export's bar on terminals; a line every few seconds otherwise."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__(stream)
        self._last = 0.0

    def sync(self, p: SyncProgress) -> None:
        if self.tty:
            expected = p.expected
            width = 30
            filled = min(width, round(width * p.finished / expected)) if expected else 0
            bar = "#" * filled + "." * (width - filled)
            self.stream.write(f"\r[{bar}] {sync_progress_line(p)}\x1b[K")
            self.stream.flush()
            self._bar_shown = True
            return
        now = time.monotonic()
        if now - self._last >= 5 or p.phase == "done":
            self._last = now
            self.stream.write(f"sync: {sync_progress_line(p)}\n")
            self.stream.flush()


def _summary(report: SyncReport, elapsed: float) -> list[str]:
    p = report.progress
    lines = [
        f"Synced in {elapsed:.1f} s: {p.listed:,} calls listed, {p.new:,} new, "
        f"{p.changed:,} changed, {p.fetched:,} fetched ({p.segments:,} utterances indexed)"
        + (f", {p.failed:,} failed" if p.failed else "")
        + "."
    ]
    if p.recordings:
        lines.append(f"{p.recordings:,} recordings kept offline ({size_text(p.recording_bytes)}).")
    if report.recordings_unavailable:
        lines.append(f"{report.recordings_unavailable:,} calls have no recording on the API.")
    if report.missing:
        lines.append(
            f"{report.missing:,} calls are no longer listed by the API (retention): they stay "
            "in the library."
        )
    lines += report.notes
    lines += report.listing_problems
    if report.error:
        lines.append(report.error)
    return lines


async def _sync_once(
    args: argparse.Namespace, library: Library, printer: SyncPrinter
) -> SyncReport:
    client = resolve_client(args)
    options = SyncOptions(
        concurrency=args.concurrency,
        full=args.full,
        with_recordings=args.with_recordings,
        recordings_cap=args.recordings_cap,
    )
    sync = LibrarySync(library, lease_client(client), options, printer.sync, open_trail())
    return await sync.run()


def _report(report: SyncReport, elapsed: float, printer: SyncPrinter) -> int:
    printer.close()
    for line in _summary(report, elapsed):
        print(line)
    for call_id, message in report.failures[:50]:
        print(f"  failed: {printable(call_id, 120)}: {message}", file=sys.stderr)
    if len(report.failures) > 50:
        print(f"  … and {len(report.failures) - 50:,} more.", file=sys.stderr)
    sys.stdout.flush()  # --watch: each round's summary as it happens, in a log file too
    return EXIT_OK if report.ok else EXIT_FAILED


async def _sync_round(args: argparse.Namespace, library: Library, printer: SyncPrinter) -> int:
    """One sync, reported; with --watch or --listen, an API that cannot be reached is said
    and the next round tries again."""
    started = time.monotonic()
    try:
        report = await _sync_once(args, library, printer)
    except (NetworkError, ServerError, RateLimitedError) as exc:
        if args.watch is None:
            raise
        printer.close()
        print(f"sync: {exc} Trying again in {args.watch} s.", file=sys.stderr)
        return EXIT_FAILED
    return _report(report, time.monotonic() - started, printer)


async def _sync(args: argparse.Namespace, path: Path, printer: SyncPrinter) -> int:
    library = await Library.open(path)
    try:
        print(f"Library: {path}", file=sys.stderr)
        while True:
            status = await _sync_round(args, library, printer)
            if args.watch is None:
                return status
            await asyncio.sleep(args.watch)
    finally:
        await library.aclose()


def _refreshed_line(r: Refreshed) -> str:
    call = printable(r.call_id, 80)
    event = printable(r.event, 40)
    if r.problem is not None:
        return f"{event} {call}: not fetched: {r.problem}"
    return f"{event} {call}: stored, {printable(r.status or '?', 40)}"


async def _listen(args: argparse.Namespace, path: Path, printer: SyncPrinter, secret: bytes) -> int:
    """Receive webhooks and update the library as they come; sync when none has come for
    --watch seconds (and once at the start, for what happened before)."""
    host, port = parse_listen(args.listen)
    library = await Library.open(path)
    lease = lease_client(resolve_client(args))
    activity = asyncio.Event()

    def refreshed(r: Refreshed) -> None:
        print(_refreshed_line(r), file=sys.stderr if r.problem else sys.stdout, flush=True)

    refresher = CallRefresher(
        library, lease, concurrency=min(args.concurrency, 8), on_refreshed=refreshed
    )

    def on_event(event: WebhookEvent) -> bool:
        activity.set()
        return refresher.request(event.call_id, event.type)

    receiver = WebhookReceiver(secret, on_event, host=host, port=port)
    tasks: list[asyncio.Task[Any]] = []
    try:
        url = await receiver.start()
        # The first line: a script (or a test) reads where to send events.
        print(f"Listening for Aurion webhooks on {url}", flush=True)
        if not is_loopback(host):
            print(
                f"sync: listening on {printable(host, 100)}, beyond this computer: anyone who "
                f"can reach it may post, and only events signed ({SIGNATURE_HEADER}) are "
                "taken; events travel unencrypted (put HTTPS in front on a shared network).",
                file=sys.stderr,
            )
        print(f"Library: {path}", file=sys.stderr)

        async def poll() -> None:
            while True:
                if await _sync_round(args, library, printer) != EXIT_OK:
                    # Events only bring the calls they name: a sync that did not complete
                    # is tried again after --watch seconds, events or not.
                    await asyncio.sleep(args.watch)
                    continue
                while True:  # until --watch seconds pass without an event
                    activity.clear()
                    try:
                        async with asyncio.timeout(args.watch):
                            await activity.wait()
                    except TimeoutError:
                        break

        tasks = [asyncio.ensure_future(refresher.run()), asyncio.ensure_future(poll())]
        done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
        for task in done:
            task.result()  # the key refused, a library of another account...
        return EXIT_FAILED  # not reached: both run until cancelled
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await receiver.aclose()
        await lease.release()
        await library.aclose()


def run_sync(args: argparse.Namespace) -> int:
    if not 1 <= args.concurrency <= 32:
        return _fail("sync", "--concurrency must be between 1 and 32")
    printer = SyncPrinter(sys.stderr)
    try:
        path = resolve_library(args)
        if args.listen is not None:
            try:
                parse_listen(args.listen)
            except ValueError as exc:
                return _fail("sync", f"--listen: {exc}")
            secret = secret_from_env(args.webhook_secret_env)
            if args.watch is None:
                args.watch = DEFAULT_LISTEN_WATCH
            return asyncio.run(_listen(args, path, printer, secret))
        return asyncio.run(_sync(args, path, printer))
    except AuthenticationError as exc:
        printer.close()
        where = f"the key of profile '{args.profile}'" if args.profile else ENV_API_KEY
        return _fail("sync", f"{exc} Check {where}.")
    except (ConfigurationError, PermissionDeniedError, LibraryError) as exc:
        printer.close()
        return _fail("sync", str(exc))
    except AurionError as exc:
        printer.close()
        return _fail("sync", str(exc), EXIT_FAILED)
    except KeyboardInterrupt:
        printer.close()
        print("Interrupted: what was fetched is kept; sync again to carry on.", file=sys.stderr)
        return EXIT_INTERRUPTED


# -- search --------------------------------------------------------------------------------


def _marked(text: str, spans: Sequence[tuple[int, int]], tty: bool) -> str:
    """``text`` fit to print, the matched spans in bold (a terminal) or in [brackets]."""
    opening, closing = ("\x1b[1m", "\x1b[0m") if tty else ("[", "]")
    out: list[str] = []
    at = 0
    for start, end in spans:
        out.append(printable(text[at:start]))
        out.append(opening + printable(text[start:end]) + closing)
        at = end
    out.append(printable(text[at:]))
    return "".join(out)


def hit_line(hit: SearchHit, tty: bool) -> str:
    if hit.field == "text":
        offset = format_duration(hit.offset_seconds)
        speaker = printable(hit.speaker or "", 20)
    else:
        offset = "-"
        speaker = "caller id" if hit.field == "caller_id" else "requester"
    return "  ".join(
        (
            printable(hit.call_id, 80),
            format_timestamp(hit.started_at),
            offset,
            speaker,
            _marked(hit.snippet, hit.snippet_matches, tty),
        )
    )


def hit_json(hit: SearchHit) -> bytes:
    return orjson.dumps(
        {
            "call_id": hit.call_id,
            "started_at": format_timestamp(hit.started_at),
            "field": hit.field,
            "seq": hit.seq,
            "offset_seconds": hit.offset_seconds,
            "speaker": hit.speaker,
            "text": hit.text,
            "matches": hit.matches,
            "snippet": hit.snippet,
            "snippet_matches": hit.snippet_matches,
        }
    )


async def _search(args: argparse.Namespace, path: Path) -> int:
    filters = CallFilters(
        channels=frozenset(args.channel or ()),
        statuses=frozenset(args.status or ()),
        languages=frozenset(args.language or ()),
        since=args.since,
        until=args.until,
    )
    source = await LibrarySource.open(path)
    try:
        result = await source.search(
            args.query, filters, limit=args.limit, newest_first=not args.oldest_first
        )
    finally:
        await source.aclose()
    out = sys.stdout
    tty = out.isatty()
    for hit in result.hits:
        if args.json:
            out.buffer.write(hit_json(hit) + b"\n")
        else:
            out.write(hit_line(hit, tty) + "\n")
    out.flush()
    if not result.hits:
        print("No match.", file=sys.stderr)
    elif result.more:
        print(
            f"More hits follow the first {len(result.hits):,}: raise --limit or narrow the search.",
            file=sys.stderr,
        )
    return EXIT_OK


def run_search(args: argparse.Namespace) -> int:
    if args.limit > MAX_HITS:
        return _fail("search", f"--limit must be at most {MAX_HITS}")
    if args.since and args.until and args.since > args.until:
        return _fail("search", "--since is after --until: no call can match")
    try:
        return asyncio.run(_search(args, resolve_library(args)))
    except (ConfigurationError, LibraryError, UnsupportedQueryError) as exc:
        return _fail("search", str(exc))
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED


# -- library -------------------------------------------------------------------------------


async def _library(args: argparse.Namespace, path: Path) -> int:
    changing = bool(args.keep or args.forget)
    library = await Library.open(path, create=changing)
    try:
        status = EXIT_OK
        for ids, keep in ((args.keep, True), (args.forget, False)):
            if ids:
                unknown = await library.keep_offline(ids, keep)
                for call_id in unknown:
                    print(f"Not in the library: {printable(call_id, 80)}", file=sys.stderr)
                    status = EXIT_FAILED
        if args.keep:
            print("Marked to keep offline: the next sync downloads them.")
        stats = await library.stats()
        meta = await library.meta()
        cap = await recordings_cap(library)
        kept = await library.kept_recordings() if args.recordings else []
    finally:
        await library.aclose()
    lines = [
        f"Library:     {path}",
        f"Account:     {printable(meta.get('account', '(not synced yet)'), 200)}",
        f"Calls:       {stats.calls:,} ({stats.with_transcript:,} with a transcript, "
        f"{stats.segments:,} utterances)",
    ]
    if stats.oldest and stats.newest:
        lines.append(
            f"Started:     {format_timestamp(stats.oldest)} to {format_timestamp(stats.newest)}"
        )
    if stats.to_fetch:
        lines.append(f"To fetch:    {stats.to_fetch:,} calls (the next sync fetches them)")
    if stats.active:
        lines.append(f"Active:      {stats.active:,} calls (fetched again by every sync)")
    if stats.missing:
        lines.append(f"Not listed:  {stats.missing:,} calls the API no longer lists (kept here)")
    if stats.with_problem:
        lines.append(f"Problems:    {stats.with_problem:,} calls (see the last sync's output)")
    if "last_sync_started" in meta:
        lines.append(
            f"Last sync:   {meta['last_sync_started']}, "
            f"{meta.get('last_sync_outcome', 'did not end')}"
        )
    lines.append(
        f"Recordings:  {stats.kept_recordings:,} kept offline, {size_text(stats.kept_bytes)} "
        f"of a {size_text(cap)} cap, in {library.recordings}"
    )
    for line in lines:
        print(line)
    for rec in kept:
        why = "kept offline" if rec.pinned else "--with-recordings"
        print(
            "  ".join(
                (
                    printable(rec.call_id, 80),
                    format_timestamp(rec.started_at),
                    size_text(rec.size),
                    f"kept {format_timestamp(rec.kept_at)}",
                    why,
                )
            )
        )
    return status


def run_library(args: argparse.Namespace) -> int:
    try:
        return asyncio.run(_library(args, resolve_library(args)))
    except (ConfigurationError, LibraryError) as exc:
        return _fail("library", str(exc))
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
