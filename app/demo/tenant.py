"""A deterministic synthetic Aurion tenant: calls, details and transcripts built from a seed."""

from __future__ import annotations

import hashlib
import json
import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any

from app.models import format_timestamp

#: The committed recordings and ``conversations.json``, inside the installed ``resources`` package.
RECORDINGS_DIR: Traversable = files("resources") / "recordings"

#: The default "now" of a tenant: fixed so that every test and golden file sees the same data.
ANCHOR = datetime(2026, 11, 20, 17, 30, tzinfo=UTC)


def live_anchor() -> datetime:
    """Now, to the minute: the app and the demo-server command show calls up to today."""
    return datetime.now(UTC).replace(second=0, microsecond=0)


RETENTION_DAYS = 90
HISTORY_DAYS = 120

_FIRST_FR = ["Jean", "Marie", "Luc", "Camille", "Sophie", "Hugo", "Léa", "Chloé", "Théo", "Inès"]
_LAST_FR = ["Dupont", "Martin", "Bernard", "Lefèvre", "Moreau", "Garnier", "Faure", "Rousseau"]
_FIRST_EN = ["James", "Emily", "Olivia", "Noah", "Liam", "Ava", "Ethan", "Grace", "Mason", "Zoe"]
_LAST_EN = ["Smith", "Johnson", "Brown", "Taylor", "Wilson", "Clarke", "O'Neil", "Walker"]
_TOOLS = {
    "resolved": ["search_kb", "search_tickets", "create_ticket", "reset_password", "check_status"],
    "escalated": ["search_kb", "search_tickets", "create_ticket", "transfer_to_agent"],
    "abandoned": ["search_kb"],
}


@dataclass(frozen=True, slots=True)
class ConversationSegment:
    speaker: str
    text: str
    start: float
    end: float


@dataclass(frozen=True, slots=True)
class Conversation:
    """One committed spoken recording and the exact time each turn is heard in it."""

    id: str
    file: str  # name of the OGG file in the recordings folder
    language: str
    kind: str
    topic: str
    duration_seconds: float
    segments: tuple[ConversationSegment, ...]
    audio: bytes = field(repr=False, compare=False)
    #: Extra samples each repeat adds when the audio is looped (see app/demo/longcall.py).
    loop_gap_samples: int = 0


def load_conversations(directory: Traversable | None = None) -> list[Conversation]:
    """Read ``conversations.json`` and the OGG files it names."""
    directory = directory or RECORDINGS_DIR
    entries = json.loads((directory / "conversations.json").read_text(encoding="utf-8"))
    return [
        Conversation(
            id=e["id"],
            file=e["file"],
            language=e["language"],
            kind=e["kind"],
            topic=e["topic"],
            duration_seconds=float(e["duration_seconds"]),
            segments=tuple(ConversationSegment(**s) for s in e["segments"]),
            audio=(directory / e["file"]).read_bytes(),
            loop_gap_samples=int(e.get("loop_gap_samples", 0)),
        )
        for e in entries
    ]


@dataclass(slots=True)
class DemoCall:
    """Everything the demo server knows about one call."""

    id: str
    caller_id: str
    channel: str
    status: str
    duration_seconds: int | None
    language: str
    started_at: datetime
    ended_at: datetime | None
    requester_id: int | None
    requester_name: str | None
    tickets_created: list[int]
    authenticated: bool
    escalated: bool
    sentiment: str | None
    tools_used: list[str]
    conversation: Conversation | None
    #: Seconds of the conversation heard so far (active calls) or in all.
    heard_seconds: float = 0.0
    #: Why there is no recording, or None when there is one.
    no_recording_reason: str | None = None
    #: Segments override (synthetic long transcripts for benchmarks).
    extra_segments: list[dict[str, Any]] = field(default_factory=list)
    #: The recording when it is not the conversation's whole audio (a live call cut short).
    audio: bytes | None = field(default=None, repr=False)

    @property
    def recording(self) -> bytes | None:
        """The audio served for this call, if it has a recording."""
        if self.no_recording_reason or self.conversation is None:
            return None
        return self.audio if self.audio is not None else self.conversation.audio

    def summary_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "caller_id": self.caller_id,
            "channel": self.channel,
            "status": self.status,
            "duration_seconds": self.duration_seconds,
            "language": self.language,
            "started_at": format_timestamp(self.started_at),
            "ended_at": format_timestamp(self.ended_at) if self.ended_at else None,
            "requester_id": self.requester_id,
            "tickets_created": list(self.tickets_created),
            "authenticated": self.authenticated,
        }

    def detail_json(self) -> dict[str, Any]:
        detail = self.summary_json()
        detail.update(
            requester_name=self.requester_name,
            escalated=self.escalated,
            sentiment=self.sentiment,
            tools_used=list(self.tools_used),
        )
        return detail

    def transcript_json(self) -> dict[str, Any]:
        segments: list[dict[str, Any]] = []
        if self.extra_segments:
            segments = self.extra_segments
        elif self.conversation is not None:
            for seg in self.conversation.segments:
                if seg.start >= self.heard_seconds:
                    break
                when = self.started_at + timedelta(seconds=seg.start)
                segments.append(
                    {"speaker": seg.speaker, "text": seg.text, "timestamp": format_timestamp(when)}
                )
        return {"call_id": self.id, "segments": segments}


class Tenant:
    """The calls of one demo tenant, generated deterministically from ``seed``."""

    def __init__(
        self,
        calls: int = 1200,
        seed: int = 7,
        conversations: list[Conversation] | None = None,
        anchor: datetime = ANCHOR,
    ) -> None:
        self.seed = seed
        self.anchor = anchor
        self.conversations = conversations if conversations is not None else load_conversations()
        self.calls: list[DemoCall] = _generate(calls, seed, self.conversations, anchor)
        self.by_id: dict[str, DemoCall] = {c.id: c for c in self.calls}
        self._sorted: dict[tuple[str, str], list[DemoCall]] = {}

    def sorted_calls(self, sort_by: str, sort_order: str) -> list[DemoCall]:
        """Calls in the requested order; ties broken by id so pages never overlap.

        By duration, calls still in progress (no duration yet) come last in both orders,
        newest first: they are neither the shortest nor the longest, and their place must not
        move between two page requests while they last.
        """
        key = (sort_by, sort_order)
        if key not in self._sorted:
            reverse = sort_order == "desc"
            if sort_by == "duration_seconds":
                timed = [c for c in self.calls if c.duration_seconds is not None]
                live = [c for c in self.calls if c.duration_seconds is None]
                ordered = sorted(
                    timed, key=lambda c: (c.duration_seconds or 0, c.id), reverse=reverse
                ) + sorted(live, key=lambda c: (c.started_at, c.id), reverse=True)
            else:
                ordered = sorted(self.calls, key=lambda c: (c.started_at, c.id), reverse=reverse)
            self._sorted[key] = ordered
        return self._sorted[key]

    def add(self, call: DemoCall) -> None:
        self.calls.append(call)
        self.by_id[call.id] = call
        self._sorted.clear()

    def changed(self) -> None:
        """Calls changed in place (a live call ended): orders are computed again."""
        self._sorted.clear()


def _call_id(seed: int, index: int) -> str:
    return "call_" + hashlib.sha256(f"{seed}:{index}".encode()).hexdigest()[:10]


def _phone(rng: random.Random, language: str) -> str:
    if language.startswith("fr"):
        cc = {"fr-FR": "+33", "fr-CA": "+1"}.get(language, "+33")
        if cc == "+33":
            return f"+33{rng.choice('67')}{rng.randrange(10**8):08d}"
        return f"+1514{rng.randrange(10**7):07d}"
    if language == "en-GB":
        return f"+447{rng.randrange(10**9):09d}"
    return f"+1{rng.choice(['212', '415', '617', '312'])}{rng.randrange(10**7):07d}"


def _email(name: str, rng: random.Random) -> str:
    first, _, last = name.partition(" ")
    local = f"{first}.{last}".lower().replace("'", "")
    for a, b in (("é", "e"), ("è", "e"), ("ë", "e"), ("ï", "i")):
        local = local.replace(a, b)
    return f"{local}@{rng.choice(['example.com', 'example.org', 'corp.example'])}"


def _generate(
    count: int, seed: int, conversations: list[Conversation], anchor: datetime
) -> list[DemoCall]:
    rng = random.Random(seed)
    by_lang_kind: dict[tuple[str, str], list[Conversation]] = {}
    for conv in conversations:
        by_lang_kind.setdefault((conv.language[:2], conv.kind), []).append(conv)

    requesters: list[tuple[int, str, str]] = []  # id, name, language family
    for i in range(60):
        fr = i % 2 == 0
        first = rng.choice(_FIRST_FR if fr else _FIRST_EN)
        last = rng.choice(_LAST_FR if fr else _LAST_EN)
        requesters.append((100 + i * 7, f"{first} {last}", "fr" if fr else "en"))

    # Start times: spread over the history, working hours, then sorted so ids/tickets grow in time.
    starts: list[datetime] = []
    for _ in range(count):
        day = anchor - timedelta(days=rng.randrange(HISTORY_DAYS))
        start = day.replace(hour=7, minute=0, second=0) + timedelta(
            seconds=rng.randrange(11 * 3600)
        )
        if start > anchor - timedelta(minutes=20):  # later today than "now": a day earlier
            start -= timedelta(days=1)
        starts.append(start)
    starts.sort()
    # The newest few calls are still in progress at the anchor.
    active = max(1, count // 300) if count else 0
    for i in range(active):
        starts[count - active + i] = anchor - timedelta(seconds=40 + 50 * (active - i))

    calls: list[DemoCall] = []
    next_ticket = 1000
    for index, started in enumerate(starts):
        language = rng.choices(["fr-FR", "en-US", "en-GB", "fr-CA"], [45, 35, 15, 5])[0]
        family = language[:2]
        channel = rng.choices(["phone", "mobile", "widget"], [55, 25, 20])[0]
        if index >= count - active:
            status = "active"
        else:
            status = rng.choices(
                ["completed", "escalated", "abandoned", "failed"], [66, 16, 11, 7]
            )[0]
        kind = {"completed": "resolved", "escalated": "escalated", "abandoned": "abandoned"}.get(
            status, "resolved"
        )
        pool = (
            by_lang_kind.get((family, kind))
            or by_lang_kind.get((family, "resolved"))
            or [c for c in conversations]
        )
        conversation = rng.choice(pool) if pool else None
        authenticated = status != "failed" and rng.random() < 0.8
        requester = rng.choice([r for r in requesters if r[2] == family]) if authenticated else None
        if channel == "widget" and requester is not None:
            caller_id = _email(requester[1], rng)
        else:
            caller_id = _phone(rng, language)

        heard = conversation.duration_seconds if conversation else 0.0
        ended: datetime | None
        if status == "active":
            heard = (anchor - started).total_seconds()
            duration: int | None = None
            ended = None
        elif status == "failed":
            heard = rng.uniform(2.0, 12.0)
            duration = round(heard)
            ended = started + timedelta(seconds=duration)
        else:
            duration = round(heard)
            ended = started + timedelta(seconds=duration)

        tickets: list[int] = []
        if status == "escalated" or (status == "completed" and rng.random() < 0.6):
            tickets.append(next_ticket)
            next_ticket += 1
            if rng.random() < 0.1:
                tickets.append(next_ticket)
                next_ticket += 1

        tools = sorted(rng.sample(_TOOLS[kind], k=rng.randint(1, min(3, len(_TOOLS[kind])))))
        if status == "escalated" and "transfer_to_agent" not in tools:
            tools.append("transfer_to_agent")
        if status == "failed":
            tools = []
        if tickets and "create_ticket" not in tools:
            tools.append("create_ticket")
        sentiment = {
            "completed": rng.choices(["positive", "neutral", "negative"], [60, 30, 10])[0],
            "escalated": rng.choices(["neutral", "negative"], [50, 50])[0],
            "abandoned": rng.choices(["neutral", "negative"], [60, 40])[0],
            "failed": None,
            "active": None,
        }[status]

        reason: str | None = None
        if status == "active":
            reason = "The call is still in progress; its recording is available once it ends."
        elif status == "failed":
            reason = "The call failed before a recording could be made."
        elif started < anchor - timedelta(days=RETENTION_DAYS):
            reason = f"The recording was deleted after the {RETENTION_DAYS}-day retention period."

        calls.append(
            DemoCall(
                id=_call_id(seed, index),
                caller_id=caller_id,
                channel=channel,
                status=status,
                duration_seconds=duration,
                language=language,
                started_at=started,
                ended_at=ended,
                requester_id=requester[0] if requester else None,
                requester_name=requester[1] if requester else None,
                tickets_created=tickets,
                authenticated=authenticated,
                escalated=status == "escalated",
                sentiment=sentiment,
                tools_used=tools,
                conversation=conversation,
                heard_seconds=heard,
                no_recording_reason=reason,
            )
        )
    return calls
