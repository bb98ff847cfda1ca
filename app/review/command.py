"""``aurion-review pack``, ``verify``, ``audit`` and ``review``: evidence packs, the audit trail,
and notes and scorecards moved between reviewers and compared."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from app.errors import AurionError, ConfigurationError, LibraryError
from app.export.command import parse_date, resolve_client
from app.library.command import resolve_library
from app.library.library import Library
from app.review.audit import AuditEntry, AuditLog, audit_path, open_trail, verify_file
from app.review.pack import (
    NoReviewRecords,
    PackError,
    PackOptions,
    ReviewRecords,
    build_pack,
    verify_pack,
)
from app.review.store import Calibration, ReviewFileError, ReviewStore
from app.sanitize import printable
from app.source import CallSource, RemoteSource

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    pack = sub.add_parser(
        "pack",
        help="write a signed evidence pack (BagIt folder and .zip) of some calls",
        description="Write one folder per case, and a .zip of it: a BagIt bag holding each "
        "call's recording, transcript (txt, json, vtt, pdf), notes, scorecards, the audit "
        "entries for those calls and an offline viewer (index.html), signed with your key.",
    )
    where = pack.add_mutually_exclusive_group()
    where.add_argument("--profile", help="a saved account profile (its key is in the keyring)")
    where.add_argument("--base-url", help="API base URL (key from AURION_API_KEY)")
    where.add_argument(
        "--library",
        type=Path,
        metavar="FILE",
        help="pack from a local library, offline (recordings it keeps offline)",
    )
    pack.add_argument("--call", action="append", required=True, metavar="ID", help="a call id")
    pack.add_argument("--redact", action="store_true", help="mask personal data; no audio")
    pack.add_argument("--out", required=True, type=Path, help="folder the pack is written in")
    pack.add_argument("--name", help="the pack's folder name (default: evidence-<time>-<call>)")
    pack.add_argument("--concurrency", type=int, default=2, help=argparse.SUPPRESS)
    pack.set_defaults(run=run_pack)

    verify = sub.add_parser(
        "verify",
        help="check an evidence pack: every hash, no missing or extra file, the signature",
        description="Check a pack (folder or .zip): exit 0 and a one-line verdict, or exit 1 "
        "naming each altered, missing or extra file.",
    )
    verify.add_argument("pack", type=Path, help="the pack's folder or .zip")
    verify.add_argument(
        "--expect-key", metavar="FINGERPRINT", help="fail unless signed by this key (SHA256:…)"
    )
    verify.set_defaults(run=run_verify)

    audit = sub.add_parser("audit", help="show or verify the audit trail")
    actions = audit.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    show = actions.add_parser("show", help="list audit entries")
    show.add_argument("--call", metavar="ID", help="only this call's entries")
    show.add_argument("--since", type=parse_date, help="only entries from this date on")
    show.add_argument("--json", action="store_true", help="the entries as JSON lines")
    show.add_argument("--file", type=Path, help=argparse.SUPPRESS)
    show.set_defaults(run=run_audit_show)
    check = actions.add_parser(
        "verify", help="check the hash chain: exit 1 and the first broken line if tampered"
    )
    check.add_argument("--file", type=Path, help="an audit trail other than yours")
    check.set_defaults(run=run_audit_verify)
    _add_review(sub)


@asynccontextmanager
async def _pack_source(
    args: argparse.Namespace, trail: AuditLog
) -> AsyncIterator[tuple[CallSource, ReviewRecords]]:
    """Where a pack's calls come from, and their notes and scorecards: with --library, that
    file (offline); from the API, the account's library when there is one."""
    from app.library.source import LibrarySource

    if args.library is not None:
        offline = await LibrarySource.open(args.library)
        try:
            yield offline, ReviewStore(offline.library, trail, source=offline.name)
        finally:
            await offline.aclose()
        return
    remote = RemoteSource(resolve_client(args))
    library: Library | None = None
    try:
        path = resolve_library(args)
        if path.is_file():
            library = await Library.open(path, create=False)
        records: ReviewRecords = (
            ReviewStore(library, trail, source=remote.name) if library else NoReviewRecords()
        )
        yield remote, records
    finally:
        await remote.aclose()
        if library is not None:
            await library.aclose()


def run_pack(args: argparse.Namespace) -> int:
    from app.export.pdf import ensure_gui_app, wait_for_all_renders

    ensure_gui_app()  # the PDF transcripts are drawn by Qt
    try:
        trail = open_trail()

        async def main() -> int:
            async with _pack_source(args, trail) as (source, records):
                result = await build_pack(
                    source,
                    args.call,
                    PackOptions(args.out, redact=args.redact, name=args.name),
                    trail.reviewer,
                    trail.require_signer(),
                    trail,
                    records,
                )
            print(f"Wrote {result.folder} and {result.archive.name}")
            print(f"Signed by {trail.reviewer.label}, key {result.fingerprint}")
            for call_id, note in result.recordings_missing.items():
                print(f"  recording of {printable(call_id, 120)}: {note}")
            return EXIT_OK

        return asyncio.run(main())
    except (ConfigurationError, LibraryError) as exc:
        print(f"aurion-review pack: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except AurionError as exc:
        print(f"aurion-review pack: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("Interrupted: no pack was written.", file=sys.stderr)
        return 130
    finally:
        wait_for_all_renders()


def run_verify(args: argparse.Namespace) -> int:
    try:
        verdict = verify_pack(args.pack, expect_key=args.expect_key)
    except PackError as exc:
        print(f"aurion-review verify: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if verdict.ok:
        print(
            f"OK: {args.pack} is intact: {verdict.payload_files} files, "
            f"{verdict.audit_entries} audit entries, signed by {verdict.fingerprint}"
        )
        return EXIT_OK
    print(f"TAMPERED: {args.pack}: {len(verdict.problems)} problem(s)")
    for problem in verdict.problems:
        print(f"  {problem}")
    return EXIT_FAILED


def _entry_json(entry: AuditEntry) -> dict[str, object]:
    return {
        "seq": entry.seq,
        "at": entry.at.isoformat(),
        "event": entry.event,
        "reviewer": dict(entry.reviewer),
        "source": entry.source,
        "call_id": entry.call_id,
        "data": dict(entry.data),
    }


def run_audit_show(args: argparse.Namespace) -> int:
    from app.review.audit import AuditLog
    from app.review.identity import ReviewerStore

    trail = AuditLog(ReviewerStore().load(), args.file or audit_path())
    shown = 0
    for entry in trail.entries(call_id=args.call, since=args.since):
        shown += 1
        if args.json:
            print(json.dumps(_entry_json(entry), ensure_ascii=False))
            continue
        call = f" {printable(entry.call_id, 80)}" if entry.call_id else ""
        data = printable(json.dumps(dict(entry.data), ensure_ascii=False), 160)
        who = printable(entry.reviewer.get("name", ""), 60)
        print(f"{entry.seq:>6}  {entry.at:%Y-%m-%d %H:%M:%S}Z  {who}  {entry.event}{call}  {data}")
    if not shown and not args.json:
        print("No audit entries" + (" for that call." if args.call else "."), file=sys.stderr)
    return EXIT_OK


def run_audit_verify(args: argparse.Namespace) -> int:
    path = args.file or audit_path()
    try:
        verdict = verify_file(path)
    except AurionError as exc:
        print(f"aurion-review audit verify: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if verdict.ok:
        signed = " (head signed)" if verdict.signed_by else ""
        notes = "".join(f"; {n}" for n in verdict.notes)
        print(f"OK: {verdict.entries} entries, the chain is intact{signed}{notes}.")
        return EXIT_OK
    print(f"BROKEN at line {verdict.broken_line} of {path}: {verdict.problem}.")
    return EXIT_FAILED


# -- review: export, import, compare -------------------------------------------------------

REVIEW_EPILOG = """\
Notes and scorecards live in the account's library (one SQLite file per account in the data
folder; --profile or --base-url pick the account, --library FILE names a file), the one
`aurion-review sync` fills.

  export   writes the notes and scorecards (of --call ids, or all) and the templates of
           those scorecards to one JSON file, to give to another reviewer or a lead
  import   adds another reviewer's export: checked first (nothing is imported when an item
           is wrong, each problem is named), idempotent (importing twice adds nothing), and
           never overwriting notes or scorecards made here
  compare  the latest submitted scorecards of a call by each pair of reviewers, criterion
           by criterion, with their agreement (calibration); --json for tools

Every import and export is recorded in the audit trail.

exit status:
  0    done
  1    import: the file's items are not valid (nothing imported); compare: fewer than two
       reviewers' submitted scorecards to compare
  2    a usage problem: bad options, no library, a file that cannot be read or written or
       is not a review export
"""


def _add_review_where(p: argparse.ArgumentParser) -> None:
    where = p.add_mutually_exclusive_group()
    where.add_argument("--library", type=Path, metavar="FILE", help="the library file to use")
    where.add_argument("--profile", help="a saved account profile: its library")
    where.add_argument("--base-url", help="an API base URL: its account's library")


def _add_review(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    raw = argparse.RawDescriptionHelpFormatter
    review = sub.add_parser(
        "review",
        help="export, import and compare notes and scorecards (calibration)",
        description="Move notes and scorecards between reviewers as JSON, and compare two "
        "reviewers' scorecards of a call.",
        epilog=REVIEW_EPILOG,
        formatter_class=raw,
    )
    actions = review.add_subparsers(dest="review_command", metavar="ACTION", required=True)
    export = actions.add_parser(
        "export", help="write notes and scorecards to a JSON file", epilog=REVIEW_EPILOG,
        formatter_class=raw,
    )  # fmt: skip
    _add_review_where(export)
    export.add_argument("--call", action="append", metavar="ID", help="only this call (repeatable)")
    export.add_argument("--out", required=True, type=Path, metavar="FILE", help="the JSON file")
    export.set_defaults(run=run_review_export)
    imported = actions.add_parser(
        "import", help="add another reviewer's notes and scorecards", epilog=REVIEW_EPILOG,
        formatter_class=raw,
    )  # fmt: skip
    imported.add_argument("file", type=Path, help="a file written by `review export`")
    _add_review_where(imported)
    imported.set_defaults(run=run_review_import)
    compare = actions.add_parser(
        "compare", help="compare reviewers' scorecards of a call, criterion by criterion",
        epilog=REVIEW_EPILOG, formatter_class=raw,
    )  # fmt: skip
    compare.add_argument("--call", required=True, metavar="ID", help="the call")
    compare.add_argument("--template", metavar="ID@VERSION", help="only this template's cards")
    compare.add_argument("--json", action="store_true", help="one JSON object")
    _add_review_where(compare)
    compare.set_defaults(run=run_review_compare)


@asynccontextmanager
async def _review_store(args: argparse.Namespace, *, create: bool) -> AsyncIterator[ReviewStore]:
    path = resolve_library(args)
    library = await Library.open(path, create=create)
    try:
        yield ReviewStore(library, open_trail())
    finally:
        await library.aclose()


def _review_failure(action: str, exc: AurionError) -> int:
    print(f"aurion-review review {action}: {exc}", file=sys.stderr)
    usage = isinstance(exc, ConfigurationError | LibraryError | ReviewFileError)
    return EXIT_USAGE if usage else EXIT_FAILED


def run_review_export(args: argparse.Namespace) -> int:
    async def main() -> int:
        async with _review_store(args, create=False) as store:
            print(f"Library: {store.library.path}", file=sys.stderr)
            report = await store.export_file(args.out, args.call)
        print(
            f"Wrote {report.path}: {report.notes:,} notes and {report.scorecards:,} scorecards "
            f"of {len(report.call_ids):,} calls (SHA-256 {report.sha256})."
        )
        return EXIT_OK

    try:
        return asyncio.run(main())
    except AurionError as exc:
        return _review_failure("export", exc)
    except KeyboardInterrupt:
        return 130


def run_review_import(args: argparse.Namespace) -> int:
    async def main() -> int:
        async with _review_store(args, create=True) as store:
            print(f"Library: {store.library.path}", file=sys.stderr)
            report = await store.import_file(args.file)
        who = ", ".join(printable(r.label, 120) for r in report.reviewers) or "nobody"
        print(
            f"Imported {printable(report.file, 200)} (by {who}): "
            f"{report.notes_added:,} notes and {report.scorecards_added:,} scorecards added, "
            f"{report.notes_updated + report.scorecards_updated:,} brought up to date, "
            f"{report.notes_known + report.scorecards_known:,} already here; "
            f"{len(report.call_ids):,} calls changed."
        )
        return EXIT_OK

    try:
        return asyncio.run(main())
    except AurionError as exc:
        return _review_failure("import", exc)
    except KeyboardInterrupt:
        return 130


def _shown(value: str | int | None) -> str:
    return "-" if value is None else printable(str(value), 12)


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}%"


def calibration_lines(c: Calibration) -> list[str]:
    """A calibration for a terminal: who, each criterion side by side, the agreement."""
    lines = [
        f"Call {printable(c.call_id, 80)}: {printable(c.template.title, 80)} ({c.template.key})"
    ]
    for label, card in (("A", c.first), ("B", c.second)):
        origin = f" (imported from {printable(card.origin.file, 60)})" if card.origin else ""
        when = f"{card.submitted_at:%Y-%m-%d %H:%M}Z" if card.submitted_at else card.status
        lines.append(
            f"  {label}  {printable(card.reviewer.label, 80)}{origin}, submitted {when}: quality "
            f"{_percent(card.quality)}, compliance {_percent(card.compliance)}"
        )
    width = max(len(x.criterion_id) for x in c.criteria)
    lines.append(f"  {'criterion':<{width}}  {'A':<8}{'B':<8}")
    for x in c.criteria:
        mark = {True: "", False: "differs", None: "not compared"}[x.agree]
        row = f"  {x.criterion_id:<{width}}  {_shown(x.first):<8}{_shown(x.second):<8}{mark}"
        lines.append(row.rstrip())
    agreement = "-" if c.agreement is None else f"{c.agreement:.1f}%"
    lines.append(
        f"  Agreement: {c.agreed} of {c.compared} criteria answered by both ({agreement})."
    )
    return lines


def run_review_compare(args: argparse.Namespace) -> int:
    async def main() -> int:
        async with _review_store(args, create=False) as store:
            found = await store.calibrations(args.call, args.template)
        if not found:
            which = f" of template {printable(args.template, 80)}" if args.template else ""
            print(
                f"aurion-review review compare: call {printable(args.call, 80)} has no two "
                f"reviewers' submitted scorecards{which} to compare: import another reviewer's "
                "export first (`aurion-review review import FILE`).",
                file=sys.stderr,
            )
            return EXIT_FAILED
        if args.json:
            payload = {"call_id": args.call, "comparisons": [c.as_json() for c in found]}
            print(json.dumps(payload, indent=2, ensure_ascii=False))
            return EXIT_OK
        for i, calibration in enumerate(found):
            if i:
                print()
            for line in calibration_lines(calibration):
                print(line)
        return EXIT_OK

    try:
        return asyncio.run(main())
    except AurionError as exc:
        return _review_failure("compare", exc)
    except KeyboardInterrupt:
        return 130
