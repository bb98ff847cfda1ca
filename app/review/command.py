"""``aurion-review pack``, ``verify`` and ``audit``: evidence packs and the audit trail."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path

from app.errors import AurionError, ConfigurationError
from app.export.command import parse_date, resolve_client
from app.review.audit import AuditEntry, audit_path, open_trail, verify_file
from app.review.pack import PackError, PackOptions, build_pack, verify_pack
from app.sanitize import printable
from app.source import RemoteSource

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


def run_pack(args: argparse.Namespace) -> int:
    from app.export.pdf import ensure_gui_app, wait_for_all_renders

    ensure_gui_app()  # the PDF transcripts are drawn by Qt
    try:
        trail = open_trail()
        client = resolve_client(args)

        async def main() -> int:
            source = RemoteSource(client)
            try:
                result = await build_pack(
                    source,
                    args.call,
                    PackOptions(args.out, redact=args.redact, name=args.name),
                    trail.reviewer,
                    trail.require_signer(),
                    trail,
                )
            finally:
                await source.aclose()
            print(f"Wrote {result.folder} and {result.archive.name}")
            print(f"Signed by {trail.reviewer.label}, key {result.fingerprint}")
            for call_id, note in result.recordings_missing.items():
                print(f"  recording of {printable(call_id, 120)}: {note}")
            return EXIT_OK

        return asyncio.run(main())
    except ConfigurationError as exc:
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
