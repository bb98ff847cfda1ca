"""The library as a CallSource: every filter with search, sorted by every column, paged; the
call, its transcript and its exports exactly as from the API."""

from __future__ import annotations

import asyncio
import zlib
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from app.client import CallWalk
from app.demo.server import DemoServer
from app.demo.tenant import DemoCall
from app.errors import NotInLibraryError
from app.export.formats import parse_formats
from app.export.job import ExportJob, ExportOptions, Selection
from app.library.library import Library
from app.library.repository import SORT_FIELDS
from app.library.source import LibrarySource
from app.models import CallSummary
from app.review.audit import AuditLog
from app.review.identity import Reviewer
from app.review.scorecard import Answer, default_template
from app.review.store import ReviewStore
from app.session import lease_client, lease_source
from app.source import CallFilters, CallQuery, CallSource, UnsupportedQueryError
from tests.app.library.conftest import client_for, run, with_library
from tests.app.library.oracle import words


def _ascii_lower(text: str | None) -> str | None:
    return None if text is None else "".join(c.lower() if c.isascii() else c for c in text)


#: What each sort field sorts on, from the API's JSON: the truth the library is held to.
SORT_VALUES: dict[str, Callable[[DemoCall], Any]] = {
    "started_at": lambda c: c.started_at,
    "ended_at": lambda c: c.ended_at,
    "duration_seconds": lambda c: c.duration_seconds,
    "caller_id": lambda c: c.caller_id,
    "channel": lambda c: c.channel,
    "status": lambda c: c.status,
    "language": lambda c: c.language.lower(),
    "requester_id": lambda c: c.requester_id,
    "requester_name": lambda c: _ascii_lower(c.requester_name),
    "tickets_created": lambda c: c.tickets_created[0] if c.tickets_created else None,
    "authenticated": lambda c: c.authenticated,
    "escalated": lambda c: c.escalated,
    "sentiment": lambda c: c.sentiment,
    "review_status": lambda c: review_state(c),
}


def review_state(call: DemoCall) -> int:
    """The review status the ``library`` fixture gives a call: 0 unreviewed, 1 in review (a
    note or a draft), 2 reviewed (a submitted scorecard), spread by a digest of its id."""
    return zlib.crc32(call.id.encode()) % 3


def expected_order(calls: list[DemoCall], sort_by: str, descending: bool) -> list[str]:
    """SQLite's order: no value first going up (last going down), ties by start time."""
    value = SORT_VALUES[sort_by]

    def key(c: DemoCall) -> tuple[Any, ...]:
        v = value(c)
        return (v is not None, v if v is not None else 0, c.started_at)

    return [c.id for c in sorted(calls, key=key, reverse=descending)]


def text_matches(call: DemoCall, query: str) -> bool:
    q = words(*query.split())
    fields = f"{call.caller_id} {call.requester_name or ''}"
    return q.matches(fields) or any(
        q.matches(s["text"]) for s in call.transcript_json()["segments"]
    )


FILTERS: list[tuple[str, CallFilters, Callable[[DemoCall], bool]]] = [
    ("none", CallFilters(), lambda c: True),
    (
        "escalated widget calls in French",
        CallFilters(channels=frozenset({"widget"}), escalated=True, languages=frozenset({"fr"})),
        lambda c: c.channel == "widget" and c.escalated and c.language.startswith("fr"),
    ),
    (
        "phone or mobile, completed or abandoned",
        CallFilters(
            channels=frozenset({"phone", "mobile"}), statuses=frozenset({"completed", "abandoned"})
        ),
        lambda c: c.channel in {"phone", "mobile"} and c.status in {"completed", "abandoned"},
    ),
    (
        "en-GB exactly, negative",
        CallFilters(languages=frozenset({"en-GB"}), sentiments=frozenset({"negative"})),
        lambda c: c.language == "en-GB" and c.sentiment == "negative",
    ),
    (
        "a month, 20 s to 60 s",
        CallFilters(
            since=datetime.fromisoformat("2026-10-01T00:00:00+00:00"),
            until=datetime.fromisoformat("2026-10-31T23:59:59+00:00"),
            min_duration=20,
            max_duration=60,
        ),
        lambda c: (
            datetime.fromisoformat("2026-10-01T00:00:00+00:00")
            <= c.started_at
            <= datetime.fromisoformat("2026-10-31T23:59:59+00:00")
            and c.duration_seconds is not None
            and 20 <= c.duration_seconds <= 60
        ),
    ),
    (
        "anonymous, with a ticket, agent asked",
        CallFilters(authenticated=False, has_ticket=True, tool="transfer_to_agent"),
        lambda c: (
            not c.authenticated and bool(c.tickets_created) and "transfer_to_agent" in c.tools_used
        ),
    ),
    ("widget", CallFilters(channels=frozenset({"widget"})), lambda c: c.channel == "widget"),
    ("escalated", CallFilters(escalated=True), lambda c: c.escalated),
    ("French", CallFilters(languages=frozenset({"fr"})), lambda c: c.language.startswith("fr")),
    (
        "since a month",
        CallFilters(since=datetime.fromisoformat("2026-10-20T00:00:00+00:00")),
        lambda c: c.started_at >= datetime.fromisoformat("2026-10-20T00:00:00+00:00"),
    ),
    (
        "under 30 s",
        CallFilters(max_duration=30),
        lambda c: c.duration_seconds is not None and c.duration_seconds <= 30,
    ),
    (
        "knowledge base searched",
        CallFilters(tool="search_kb"),
        lambda c: "search_kb" in c.tools_used,
    ),
    ("with a ticket", CallFilters(has_ticket=True), lambda c: bool(c.tickets_created)),
    (
        "no ticket, not escalated",
        CallFilters(has_ticket=False, escalated=False),
        lambda c: not c.tickets_created and not c.escalated,
    ),
    (
        "reviewed",
        CallFilters(review_status=frozenset({"reviewed"})),
        lambda c: review_state(c) == 2,
    ),
    (
        "not reviewed yet, widget",
        CallFilters(
            review_status=frozenset({"unreviewed", "in_review"}), channels=frozenset({"widget"})
        ),
        lambda c: review_state(c) < 2 and c.channel == "widget",
    ),
]
TEXTS = ["", "password", "écran", "dupont"]


@pytest.fixture(scope="module")
def library(
    synced_file: Path, tenant_server: DemoServer, tmp_path_factory: pytest.TempPathFactory
) -> Any:
    """The synced library, open for the whole module (on its own event loop); two calls in
    three reviewed or in review (``review_state``)."""
    loop = asyncio.new_event_loop()
    lib = loop.run_until_complete(Library.open(synced_file))
    trail = AuditLog(Reviewer("Ana"), tmp_path_factory.mktemp("review") / "audit.jsonl")
    store = ReviewStore(lib, trail)
    template = default_template()
    answers = [Answer(c.id, 1 if c.answer == "scale" else "yes") for c in template.criteria]

    async def review(call: DemoCall) -> None:
        state = review_state(call)
        if state == 1 and len(call.id) % 2:
            await store.add_note(call.id, 1.5, "A note")
        elif state == 1:
            await store.save_scorecard(call.id, template, answers[:2])
        elif state == 2:
            draft = await store.save_scorecard(call.id, template, answers)
            await store.submit_scorecard(draft.id)

    for call in tenant_server.api.tenant.calls:
        loop.run_until_complete(review(call))
    yield loop, LibrarySource(lib)
    loop.run_until_complete(lib.aclose())
    loop.close()


def call_ids(page: Any) -> list[str]:
    return [c.id for c in page.data]


@pytest.mark.parametrize("sort_by", SORT_FIELDS)
@pytest.mark.parametrize("descending", [False, True], ids=["asc", "desc"])
def test_every_filter_with_search_sorted_by_every_column(
    sort_by: str, descending: bool, library: Any, tenant_server: DemoServer
) -> None:
    loop, source = library
    calls = tenant_server.api.tenant.calls
    assert len({c.started_at for c in calls}) == len(calls)  # ties only by start time
    for name, filters, keep in FILTERS:
        for text in TEXTS:
            wanted = [c for c in calls if keep(c) and (not text or text_matches(c, text))]
            query = CallQuery(
                limit=1000,
                sort_by=sort_by,
                sort_order="desc" if descending else "asc",
                filters=filters,
                text=text,
            )
            page = loop.run_until_complete(source.list_calls(query))
            assert page.total == len(wanted), (name, text)
            assert call_ids(page) == expected_order(wanted, sort_by, descending), (name, text)
    # The filters are not vacuous.
    assert all(any(keep(c) for c in calls) for _, _, keep in FILTERS)


def test_pages_follow_one_another(library: Any) -> None:
    loop, source = library
    whole = loop.run_until_complete(source.list_calls(CallQuery(limit=1000, sort_by="caller_id")))
    paged: list[str] = []
    for offset in range(0, whole.total, 37):
        page = loop.run_until_complete(
            source.list_calls(CallQuery(limit=37, offset=offset, sort_by="caller_id"))
        )
        assert (page.total, page.limit, page.offset) == (whole.total, 37, offset)
        paged += call_ids(page)
    assert paged == call_ids(whole)


def test_it_is_a_call_source_that_says_what_it_can_do(library: Any) -> None:
    _, source = library
    assert isinstance(source, CallSource)
    caps = source.capabilities
    assert caps.filters and caps.search and caps.offline
    assert set(caps.sort_fields) == set(SORT_VALUES)
    loop = library[0]
    with pytest.raises(UnsupportedQueryError):
        loop.run_until_complete(source.list_calls(CallQuery(sort_by="mood")))
    with pytest.raises(UnsupportedQueryError, match="Nothing to search"):
        loop.run_until_complete(source.list_calls(CallQuery(text="-vpn")))


def test_summaries_are_the_api_list_entries(library: Any, tenant_server: DemoServer) -> None:
    loop, source = library
    page = loop.run_until_complete(source.list_calls(CallQuery(limit=1000)))
    tenant = tenant_server.api.tenant
    for summary in page.data:
        assert dict(summary.raw) == tenant.by_id[summary.id].summary_json()
        assert summary == CallSummary.from_json(tenant.by_id[summary.id].summary_json())


def test_iter_calls_walks_every_call_oldest_first(library: Any, tenant_server: DemoServer) -> None:
    loop, source = library
    calls = sorted(tenant_server.api.tenant.calls, key=lambda c: c.started_at)

    async def walk(until: datetime | None) -> tuple[list[str], CallWalk]:
        w = CallWalk(problems=["stale"])
        return [c.id async for c in source.iter_calls(page_size=33, until=until, walk=w)], w

    ids, w = loop.run_until_complete(walk(None))
    assert ids == [c.id for c in calls]
    assert w.complete and w.first_total == len(calls) == w.calls and not w.problems
    until = calls[100].started_at
    ids, w = loop.run_until_complete(walk(until))
    assert ids == [c.id for c in calls[:101]] and w.complete


def test_what_the_library_lacks_is_said_clearly(library: Any) -> None:
    loop, source = library
    with pytest.raises(NotInLibraryError, match=r"is not in the library.*sync"):
        loop.run_until_complete(source.get_call("call_unknown"))
    with pytest.raises(NotInLibraryError, match="is not in the library"):
        loop.run_until_complete(source.get_transcript("call_unknown"))


def test_a_remote_fills_in_what_the_library_lacks(
    synced_file: Path, tenant_server: DemoServer
) -> None:
    extra = replace(tenant_server.api.tenant.calls[0], id="call_not_synced_yet")
    tenant_server.api.tenant.add(extra)

    async def go(library: Library) -> None:
        source = LibrarySource(library, remote=lease_client(client_for(tenant_server)))
        try:
            assert (await source.get_call(extra.id)).id == extra.id
            assert len((await source.get_transcript(extra.id)).segments) > 0
        finally:
            await source.aclose()
        assert source.remote is not None and source.remote.released

    try:
        run(with_library(synced_file, go))
    finally:
        tenant = tenant_server.api.tenant
        tenant.calls.remove(extra)
        del tenant.by_id[extra.id]
        tenant._sorted.clear()


def test_exports_from_the_library_equal_exports_from_the_api(
    synced_file: Path, tenant_server: DemoServer, tmp_path: Path
) -> None:
    """Offline, an export is the same, byte for byte, as one made from the API."""
    formats = tuple(parse_formats("txt,json,csv,srt,vtt"))
    calls = tenant_server.api.tenant.calls
    since = max(c.started_at for c in calls) - timedelta(days=12)
    selection = Selection(all_calls=True, since=since)

    async def export(lease: Any, out: Path) -> None:
        report = await ExportJob(lease, ExportOptions(formats, out), selection).run()
        assert report.ok and report.progress.done > 20

    run(export(lease_client(client_for(tenant_server)), tmp_path / "api"))

    async def from_library() -> None:
        await export(lease_source(await LibrarySource.open(synced_file)), tmp_path / "library")

    run(from_library())
    api = sorted(p.name for p in (tmp_path / "api").iterdir())
    assert api == sorted(p.name for p in (tmp_path / "library").iterdir())
    for name in api:
        if name != "manifest.json":
            assert (tmp_path / "api" / name).read_bytes() == (
                tmp_path / "library" / name
            ).read_bytes()


#: Cost settings that force each of page_calls's plans (see its docstring).
PLANS = {
    "walk the sort index": {"WALKED_PER_SECOND": 10**12, "LOOKUPS_PER_SECOND": 1, "ALL_KEYS": -1},
    "most selective index": {"SCANNED_PER_SECOND": 1, "WALKED_PER_SECOND": 1, "ALL_KEYS": -1},
    "scan the table": {"LOOKUPS_PER_SECOND": 1, "WALKED_PER_SECOND": 1, "ALL_KEYS": -1},
    "every match at once": {"WALKED_PER_SECOND": 1, "ALL_KEYS": 10**9},
    "walk out of time": {
        "WALKED_PER_SECOND": 10**12,
        "LOOKUPS_PER_SECOND": 10**12,
        "ALL_KEYS": -1,
    },
}


@pytest.mark.parametrize("plan", PLANS)
def test_every_plan_gives_the_same_pages(
    plan: str, library: Any, tenant_server: DemoServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whichever way a page is read (the cost estimates pick it), it is the same page."""
    from app.library import repository

    for name, value in PLANS[plan].items():
        monkeypatch.setattr(repository, name, value)
    loop, source = library
    calls = tenant_server.api.tenant.calls
    for _, filters, keep in FILTERS:
        wanted = [c for c in calls if keep(c)]
        for sort_by in SORT_FIELDS:
            for descending in (False, True):
                order = expected_order(wanted, sort_by, descending)
                for offset in (0, 13):
                    query = CallQuery(7, offset, sort_by, "desc" if descending else "asc", filters)
                    page = loop.run_until_complete(source.list_calls(query))
                    assert page.total == len(wanted)
                    assert call_ids(page) == order[offset : offset + 7], (plan, sort_by, filters)
