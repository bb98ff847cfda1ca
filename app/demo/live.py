"""Live mode of the demo server: a new call starts every few seconds, goes on, then ends.

The tenant's clock runs from its anchor at the pace of the wall clock: ``now = anchor +
(clock() - started)``. Call n (0, 1, 2...) starts ``active`` at ``anchor + (n + 1) *
interval``; its transcript grows as its conversation is heard; it ends (completed, escalated,
abandoned or failed) when its conversation ends, or after ``duration`` seconds when that is
shorter, like a caller hanging up: the transcript and the recording are then cut there (the
recording at an Ogg page boundary, so that what is heard, the transcript and the announced
duration agree). The recording appears when the call ends. The calls still active when the
server starts end too.

Everything about call n (id, caller, language, conversation, how it ends) comes from the
seed and n alone, so a seed gives the same calls whatever the pace; tickets are numbered in
the order calls end.
"""

from __future__ import annotations

import hashlib
import heapq
import math
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from app.demo.longcall import OggPage, _sample_rate, read_pages
from app.demo.tenant import _TOOLS, Conversation, DemoCall, Tenant, _email, _phone
from app.models import format_timestamp

STARTED = "call.started"
COMPLETED = "call.completed"
ESCALATED = "call.escalated"

#: Calls started or ended by one ``advance`` at most (a clock that jumped: a laptop woke up).
MAX_STEPS_PER_ADVANCE = 1000
FAILED_REASON = "The call failed before a recording could be made."
ACTIVE_REASON = "The call is still in progress; its recording is available once it ends."


@dataclass(frozen=True)
class LiveOptions:
    """How the live tenant moves."""

    #: Seconds between two new calls.
    interval: float = 5.0
    #: Longest a call lasts (seconds); None: its whole conversation (35 to 60 s).
    duration: float | None = None
    #: Calls started at most; then no more start (the server's memory stays bounded).
    max_calls: int = 10_000

    def __post_init__(self) -> None:
        if not (math.isfinite(self.interval) and self.interval > 0):
            raise ValueError("the live interval must be a positive number of seconds")
        if self.duration is not None and not (math.isfinite(self.duration) and self.duration > 0):
            raise ValueError("the live call duration must be a positive number of seconds")
        if self.max_calls < 0:
            raise ValueError("the most live calls must not be negative")


@dataclass(frozen=True)
class LiveEvent:
    """Something that happened to a call: its type and the call's detail at that moment."""

    type: str
    call_id: str
    at: datetime
    detail: dict[str, Any]

    def body(self, event_id: str) -> dict[str, Any]:
        """The webhook body of this event."""
        return {
            "id": event_id,
            "event": self.type,
            "created_at": format_timestamp(self.at),
            "data": self.detail,
        }


@dataclass
class _Plan:
    """How a live call will end."""

    call: DemoCall
    ends_at: datetime
    length: float  # seconds of conversation heard in all
    status: str
    sentiment: str | None
    tools: list[str]
    tickets: int  # tickets it creates (numbered when it ends)
    audio: bytes | None = field(default=None, repr=False)


class LiveTenant:
    """Moves ``tenant`` forward in time: ``advance(clock())`` starts and ends calls that are
    due and returns what happened, oldest first."""

    def __init__(self, tenant: Tenant, options: LiveOptions, started: float) -> None:
        self.tenant = tenant
        self.options = options
        self.started = started
        self.started_calls = 0
        self._ends: list[tuple[datetime, int, str]] = []
        self._plans: dict[str, _Plan] = {}
        self._order = 0
        self._next_ticket = 1 + max(
            (t for c in tenant.calls for t in c.tickets_created), default=999
        )
        requesters: dict[int, tuple[int, str, str]] = {}
        for c in tenant.calls:
            if c.requester_id is not None and c.requester_name is not None:
                requesters.setdefault(
                    c.requester_id, (c.requester_id, c.requester_name, c.language[:2])
                )
        self._requesters = sorted(requesters.values())
        for call in [c for c in tenant.calls if c.status == "active"]:
            self._plan_existing(call)

    def now(self, clock: float) -> datetime:
        """The tenant's time at wall-clock ``clock``."""
        return self.tenant.anchor + timedelta(seconds=max(0.0, clock - self.started))

    def next_start(self) -> datetime | None:
        if self.started_calls >= self.options.max_calls:
            return None
        return self.tenant.anchor + timedelta(
            seconds=(self.started_calls + 1) * self.options.interval
        )

    def seconds_to_next(self, clock: float) -> float | None:
        """Wall seconds until the next start or end (None: nothing more will happen)."""
        due = [d for d in (self.next_start(), self._ends[0][0] if self._ends else None) if d]
        if not due:
            return None
        return max(0.0, (min(due) - self.now(clock)).total_seconds())

    def advance(self, clock: float) -> list[LiveEvent]:
        now = self.now(clock)
        events: list[LiveEvent] = []
        for _ in range(MAX_STEPS_PER_ADVANCE):
            start = self.next_start()
            end = self._ends[0][0] if self._ends else None
            if end is not None and end <= now and (start is None or end <= start):
                _, _, call_id = heapq.heappop(self._ends)
                events.append(self._end(self._plans.pop(call_id)))
            elif start is not None and start <= now:
                events.append(self._start(start))
            else:
                break
        for plan in self._plans.values():
            call = plan.call
            call.heard_seconds = min(plan.length, (now - call.started_at).total_seconds())
        if events:
            self.tenant.changed()
        return events

    # -- starting --------------------------------------------------------------------------

    def _start(self, started: datetime) -> LiveEvent:
        n = self.started_calls
        self.started_calls += 1
        rng = random.Random(f"{self.tenant.seed}:live:{n}")
        language = rng.choices(["fr-FR", "en-US", "en-GB", "fr-CA"], [45, 35, 15, 5])[0]
        family = language[:2]
        channel = rng.choices(["phone", "mobile", "widget"], [55, 25, 20])[0]
        status = rng.choices(["completed", "escalated", "abandoned", "failed"], [66, 16, 11, 7])[0]
        kind = {"escalated": "escalated", "abandoned": "abandoned"}.get(status, "resolved")
        conversation = _pick_conversation(self.tenant.conversations, family, kind, rng)
        authenticated = status != "failed" and rng.random() < 0.8
        family_requesters = [r for r in self._requesters if r[2] == family]
        requester = rng.choice(family_requesters) if authenticated and family_requesters else None
        if channel == "widget" and requester is not None:
            caller_id = _email(requester[1], rng)
        else:
            caller_id = _phone(rng, language)
        call = DemoCall(
            id=live_call_id(self.tenant.seed, n),
            caller_id=caller_id,
            channel=channel,
            status="active",
            duration_seconds=None,
            language=language,
            started_at=started,
            ended_at=None,
            requester_id=requester[0] if requester else None,
            requester_name=requester[1] if requester else None,
            tickets_created=[],
            authenticated=requester is not None,
            escalated=False,
            sentiment=None,
            tools_used=[],
            conversation=conversation,
            heard_seconds=0.0,
            no_recording_reason=ACTIVE_REASON,
        )
        full = conversation.duration_seconds if conversation else 0.0
        length = rng.uniform(2.0, 12.0) if status == "failed" else full
        self._schedule(_plan(call, status, length, self.options.duration, rng))
        self.tenant.add(call)
        return LiveEvent(STARTED, call.id, started, call.detail_json())

    def _plan_existing(self, call: DemoCall) -> None:
        """A call already active when the server started: it ends too, completed."""
        rng = random.Random(f"{self.tenant.seed}:live:{call.id}")
        full = call.conversation.duration_seconds if call.conversation else 0.0
        self._schedule(_plan(call, "completed", full, self.options.duration, rng))

    def _schedule(self, plan: _Plan) -> None:
        self._plans[plan.call.id] = plan
        self._order += 1
        heapq.heappush(self._ends, (plan.ends_at, self._order, plan.call.id))

    # -- ending ----------------------------------------------------------------------------

    def _end(self, plan: _Plan) -> LiveEvent:
        call = plan.call
        call.status = plan.status
        call.ended_at = plan.ends_at
        call.duration_seconds = round((plan.ends_at - call.started_at).total_seconds())
        call.heard_seconds = plan.length
        call.escalated = plan.status == "escalated"
        call.sentiment = plan.sentiment
        call.tools_used = plan.tools
        call.tickets_created = list(range(self._next_ticket, self._next_ticket + plan.tickets))
        self._next_ticket += plan.tickets
        call.audio = plan.audio
        call.no_recording_reason = FAILED_REASON if plan.status == "failed" else None
        if call.conversation is None and plan.status != "failed":
            call.no_recording_reason = "This call has no recording."
        kind = ESCALATED if plan.status == "escalated" else COMPLETED
        return LiveEvent(kind, call.id, plan.ends_at, call.detail_json())


def live_call_id(seed: int, n: int) -> str:
    """The id of live call ``n``: apart from the tenant's own ids (another namespace)."""
    return "call_" + hashlib.sha256(f"{seed}:live:{n}".encode()).hexdigest()[:10]


def _pick_conversation(
    conversations: list[Conversation], family: str, kind: str, rng: random.Random
) -> Conversation | None:
    pool = [c for c in conversations if c.language[:2] == family and c.kind == kind] or [
        c for c in conversations if c.language[:2] == family and c.kind == "resolved"
    ]
    pool = pool or list(conversations)
    return rng.choice(pool) if pool else None


def _plan(
    call: DemoCall, status: str, length: float, most: float | None, rng: random.Random
) -> _Plan:
    """When and how ``call`` ends: after ``length`` seconds (at most ``most``), its
    recording cut to match when it is cut short."""
    audio: bytes | None = None
    conversation = call.conversation
    if most is not None and most < length:
        length = most
        if status != "failed" and conversation is not None:
            audio, length = cut_recording(conversation, most)
    kind = {"escalated": "escalated", "abandoned": "abandoned"}.get(status, "resolved")
    tools = sorted(rng.sample(_TOOLS[kind], k=rng.randint(1, min(3, len(_TOOLS[kind])))))
    tickets = 0
    if status == "escalated" or (status == "completed" and rng.random() < 0.6):
        tickets = 2 if rng.random() < 0.1 else 1
    if status == "escalated" and "transfer_to_agent" not in tools:
        tools.append("transfer_to_agent")
    if status == "failed":
        tools = []
    if tickets and "create_ticket" not in tools:
        tools.append("create_ticket")
    sentiment: Callable[[], str | None] = {
        "completed": lambda: rng.choices(["positive", "neutral", "negative"], [60, 30, 10])[0],
        "escalated": lambda: rng.choice(["neutral", "negative"]),
        "abandoned": lambda: rng.choices(["neutral", "negative"], [60, 40])[0],
        "failed": lambda: None,
    }[status]
    return _Plan(
        call=call,
        # Whole seconds, as the API gives durations (the recording plays ``length``).
        ends_at=call.started_at + timedelta(seconds=max(1, round(length))),
        length=length,
        status=status,
        sentiment=sentiment(),
        tools=tools,
        tickets=tickets,
        audio=audio,
    )


def cut_recording(conversation: Conversation, seconds: float) -> tuple[bytes, float]:
    """The conversation's recording cut at the last Ogg page that ends by ``seconds`` (at
    least its first page of sound), and how long it plays."""
    return _cut(conversation.audio, seconds)


@lru_cache(maxsize=64)
def _cut(audio: bytes, seconds: float) -> tuple[bytes, float]:
    pages = read_pages(audio)
    rate = _sample_rate(pages[0])
    first_sound = next(i for i, p in enumerate(pages) if p.granule > 0)
    last = first_sound
    for i in range(first_sound, len(pages)):
        if 0 < pages[i].granule <= seconds * rate:
            last = i
        elif pages[i].granule > seconds * rate:
            break
    if last == len(pages) - 1:
        return audio, pages[last].granule / rate
    # The pages before are kept byte for byte; the last one is marked end of stream (its
    # checksum computed again). A packet it leaves unfinished is dropped by decoders, and its
    # granule position counts only the packets it finishes.
    size = sum(27 + len(p.segments) + len(p.body) for p in pages[:last])
    end = pages[last]
    tail = OggPage(end.flags | 0x04, end.granule, end.serial, end.sequence, end.segments, end.body)
    return audio[:size] + tail.encode(), end.granule / rate
