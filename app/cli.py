"""Command line of ``aurion-review``: no sub-command opens the window; sub-commands run headless."""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys
from collections.abc import Callable, Sequence
from datetime import datetime

from app import __version__
from app.apikey import install_log_redaction
from app.demo.faults import Faults
from app.webhook_signature import ENV_WEBHOOK_SECRET

GuiRunner = Callable[[argparse.Namespace], int]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="aurion-review",
        description="Review Aurion voice calls: run without a command to open the window.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log more detail")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--smoke-test", action="store_true", help=argparse.SUPPRESS)  # ui/smoke.py
    parser.add_argument(
        "--demo", action="store_true", help="open the window on the built-in demo server"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = sub.add_parser(
        "demo-server",
        help="run the built-in Aurion-compatible demo server",
        description="Serve a synthetic Aurion tenant with spoken recordings on this computer.",
    )
    demo.add_argument("--host", default="127.0.0.1", help="address to listen on (loopback)")
    demo.add_argument("--port", type=int, default=8040, help="port (0 picks a free one)")
    demo.add_argument("--api-key", default=None, help="the key with calls:read to accept")
    demo.add_argument("--calls", type=int, default=1200, help="number of calls in the tenant")
    demo.add_argument("--seed", type=int, default=7, help="seed of the synthetic tenant")
    demo.add_argument(
        "--url-ttl", type=int, default=3600, help="lifetime of signed recording URLs (seconds)"
    )
    demo.add_argument(
        "--fixed-time",
        action="store_true",
        help="date the tenant at its fixed reference time instead of now (reproducible data)",
    )
    demo.add_argument(
        "--anchor", type=datetime.fromisoformat, help=argparse.SUPPRESS
    )  # the tenant's "now" (DemoProcess passes the GUI's)
    demo.add_argument("--control", action="store_true", help=argparse.SUPPRESS)
    demo.add_argument(
        "--public-origin", default=None, help=argparse.SUPPRESS
    )  # where signed recording URLs point (default: http://HOST:PORT)
    demo.add_argument(
        "--bench-calls",
        action="store_true",
        help="add two benchmark calls: a 30-minute recording and a 10,000-segment transcript",
    )
    demo.add_argument(
        "--live",
        action="store_true",
        help="live mode: a new call starts every --live-interval seconds and ends later",
    )
    demo.add_argument(
        "--live-interval",
        type=float,
        default=5.0,
        metavar="SECONDS",
        help="seconds between two new calls in live mode (default 5)",
    )
    demo.add_argument(
        "--live-duration",
        type=float,
        default=None,
        metavar="SECONDS",
        help="longest a live call lasts (default: its whole conversation, 35 to 60 s)",
    )
    demo.add_argument(
        "--live-max-calls",
        type=int,
        default=10_000,
        metavar="N",
        help="most calls live mode starts (default 10000)",
    )
    demo.add_argument(
        "--webhook-url",
        metavar="URL",
        help="with --live: post call.started, call.completed and call.escalated events there",
    )
    demo.add_argument(
        "--webhook-secret-env",
        metavar="NAME",
        default=ENV_WEBHOOK_SECRET,
        help="environment variable holding the secret events are signed with "
        f"(default {ENV_WEBHOOK_SECRET}; at least 16 characters)",
    )
    demo.add_argument(
        "--faults",
        default="",
        metavar="SPEC",
        help="fault injection, e.g. latency_ms=50,error_rate=0.1,rate_limit_every=20,"
        "retry_after=1,drop_rate=0.02,truncate_rate=0.02,seed=1",
    )
    from app.export.command import add_parser as add_export
    from app.library.command import add_parsers as add_library
    from app.review.command import add_parsers as add_review

    add_export(sub)
    add_library(sub)
    add_review(sub)
    return parser


def _demo_server(args: argparse.Namespace) -> int:
    from app.demo.config import DEMO_API_KEY, DEMO_NO_SCOPE_KEY, DemoConfig
    from app.demo.live import LiveOptions
    from app.demo.server import serve_forever
    from app.demo.tenant import live_anchor
    from app.demo.webhooks import check_webhook_url
    from app.errors import ConfigurationError
    from app.sanitize import printable
    from app.webhook_signature import secret_from_env

    try:
        faults = Faults.parse(args.faults)
    except (TypeError, ValueError) as exc:
        print(f"aurion-review demo-server: invalid --faults: {exc}", file=sys.stderr)
        return 2
    if args.calls < 0:
        print("aurion-review demo-server: --calls must not be negative", file=sys.stderr)
        return 2
    if args.url_ttl < 1:
        print("aurion-review demo-server: --url-ttl must be at least 1 second", file=sys.stderr)
        return 2
    live: LiveOptions | None = None
    secret: bytes | None = None
    try:
        if args.live:
            live = LiveOptions(args.live_interval, args.live_duration, args.live_max_calls)
        if args.webhook_url:
            if not args.live:
                raise ValueError("--webhook-url needs --live (events come from live calls)")
            check_webhook_url(args.webhook_url)
            secret = secret_from_env(args.webhook_secret_env)
    except (ValueError, ConfigurationError) as exc:
        print(f"aurion-review demo-server: {exc}", file=sys.stderr)
        return 2
    key = args.api_key or DEMO_API_KEY
    config = DemoConfig(
        api_key=key,
        calls=args.calls,
        seed=args.seed,
        url_ttl=args.url_ttl,
        faults=faults,
        anchor=None if args.fixed_time else (args.anchor or live_anchor()),
        control=args.control,
        bench_calls=args.bench_calls,
        public_origin=args.public_origin,
        live=live,
        webhook_url=args.webhook_url,
        webhook_secret=secret,
    )
    port = args.port
    if port == 0:
        from app.demo.config import free_port

        port = free_port(args.host)

    def announce(summary: str) -> None:
        print(f"Aurion demo server: http://{args.host}:{port}/api/v1 ({summary})")
        print(f"  API key (calls:read):     {key}")
        print(f"  API key without scope:    {DEMO_NO_SCOPE_KEY}")
        if live is not None:
            longest = f"at most {live.duration:g} s" if live.duration else "their conversation"
            print(f"  Live: a new call every {live.interval:g} s, each lasting {longest}.")
        if args.webhook_url:
            print(f"  Webhooks: {printable(args.webhook_url, 200)} (signed, X-Aurion-Signature)")
        print(f"  Recording URLs expire after {args.url_ttl} s. Press Ctrl+C to stop.")
        sys.stdout.flush()

    with contextlib.suppress(KeyboardInterrupt):
        serve_forever(config, args.host, port, announce)
    return 0


def main(argv: Sequence[str] | None = None, gui: GuiRunner | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    install_log_redaction()
    if args.command == "demo-server":
        return _demo_server(args)
    if args.command == "export":
        from app.export.command import run as run_export

        return run_export(args)
    if args.command in ("sync", "search", "library"):
        from app.library import command

        runner = {"sync": command.run_sync, "search": command.run_search}
        return runner.get(args.command, command.run_library)(args)
    run = getattr(args, "run", None)
    if run is not None:  # the commands that name their runner (set_defaults(run=...))
        return int(run(args))
    if args.command is None:
        if gui is None:
            parser.error("the window is started by the aurion-review launcher")
        return gui(args)
    parser.error(f"unknown command {args.command}")
    return 2
