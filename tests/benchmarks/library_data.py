"""A large generated library for the benchmarks: 100,000 calls, 3,000,000 utterances, fast.

Rows go straight into the library's tables with ``executemany`` (going through the API
would take hours), in the layout the repository writes: start-ordered call keys, segment
keys derived from them, the raw detail JSON, then the full-text indexes built in one pass.
The text is French and English support talk with a realistic spread of word frequencies
(a few words in most utterances, most words rare).
"""

from __future__ import annotations

import random
import sqlite3
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import orjson

from app.library import repository as repo
from app.models import format_timestamp


def _words(text: str) -> list[str]:
    return text.split()


_FR = _words(
    "bonjour merci votre compte mot de passe réinitialiser résiliation abonnement facture "
    "ticket problème connexion VPN ordinateur portable écran imprimante réseau wifi accès "
    "messagerie Outlook Teams numéro téléphone adresse courriel vérifier identité transfère "
    "technicien conseiller d'accord très bien alors donc est-ce que pouvez-vous m'aider "
    "aujourd'hui depuis ce matin fonctionne plus erreur message redémarrer le la les un une des "
    "du de et à en pour avec sur dans pas ne je vous nous il elle c'est licence logiciel "
    "sauvegarde dossier partagé badge bâtiment clé sécurité authentification échec mise jour "
    "paramètres câble casque micro réunion urgent délai rappel contrat client fournisseur"
)
_EN = _words(
    "hello thanks your account password reset cancellation subscription invoice ticket "
    "problem connection VPN laptop screen printer network wifi access email Outlook Teams "
    "number phone address verify identity transfer technician advisor okay very well so can "
    "you help me today since this morning works anymore error message restart the a an of and "
    "to in for with on not I you we it is this that licence software backup folder shared "
    "badge building key security authentication failure update settings cable headset "
    "microphone meeting urgent deadline callback contract customer supplier"
)
#: Rare words planted in a few utterances each (a rare-word query has a few hundred hits).
RARE = [f"zorglub{i}" for i in range(50)]

CHANNELS = ("phone", "mobile", "widget")
STATUSES = ("completed", "escalated", "abandoned", "failed")
LANGUAGES = ("fr-FR", "en-US", "en-GB", "fr-CA")
SENTIMENTS = ("positive", "neutral", "negative", None)
TOOLS = ("search_kb", "search_tickets", "create_ticket", "reset_password", "transfer_to_agent")
NAMES = ("Jean Dupont", "Léa Martin", "Hugo Lefèvre", "Emily Clarke", "Noah Walker", None)


@dataclass(frozen=True)
class Generated:
    calls: int
    segments: int
    #: UTF-8 bytes of every utterance's text.
    text_bytes: int
    #: Bytes of the API's JSON for the same data (details and transcripts, compact).
    json_bytes: int
    seconds: float


def _sentences(rng: random.Random, count: int) -> list[str]:
    vocab = _FR + _EN
    weights = [1 / (i + 1) ** 0.9 for i in range(len(vocab))]
    out = []
    for _ in range(count):
        words = rng.choices(vocab, weights, k=rng.randint(4, 18))
        out.append(" ".join(words).capitalize() + rng.choice([".", ".", "?", " !"]))
    return out


def generate(
    path: Path, calls: int = 100_000, segments: int = 3_000_000, seed: int = 1
) -> Generated:
    """Write the library at ``path`` (a new file)."""
    started = time.perf_counter()
    rng = random.Random(seed)
    pool = _sentences(rng, 200_000)
    conn = repo.connect(path)
    conn.execute("PRAGMA synchronous = OFF")
    end = datetime(2026, 11, 20, 17, 0, tzinfo=UTC)
    span = int(timedelta(days=730).total_seconds() * 1000)
    starts = sorted(rng.randrange(span) for _ in range(calls))
    per_call = segments / calls
    text_bytes = json_bytes = 0
    total_segments = 0
    conn.execute("INSERT INTO speakers (id, name) VALUES (1, 'agent'), (2, 'caller')")
    conn.execute("BEGIN")
    used: set[int] = set()
    call_rows, json_rows, tool_rows, segment_rows = [], [], [], []
    for index, offset in enumerate(starts):
        start = end - timedelta(milliseconds=span - offset)
        started_ms = repo.to_ms(start)
        key = (started_ms - repo.KEY_EPOCH_MS) << repo.SLOT_BITS
        while key in used:
            key += 1
        used.add(key)
        call_id = f"call_{index:010x}"
        count = max(1, round(rng.uniform(0.2, 1.8) * per_call))
        duration = count * 6 + rng.randrange(6)
        status = rng.choices(STATUSES, (66, 16, 11, 7))[0]
        tickets = [10_000 + index] if status == "escalated" or rng.random() < 0.4 else []
        name = rng.choice(NAMES)
        detail = {
            "id": call_id,
            "caller_id": f"+336{rng.randrange(10**8):08d}",
            "channel": rng.choices(CHANNELS, (55, 25, 20))[0],
            "status": status,
            "duration_seconds": duration,
            "language": rng.choices(LANGUAGES, (45, 35, 15, 5))[0],
            "started_at": format_timestamp(start),
            "ended_at": format_timestamp(start + timedelta(seconds=duration)),
            "requester_id": 100 + rng.randrange(60) if name else None,
            "tickets_created": tickets,
            "authenticated": name is not None,
            "requester_name": name,
            "escalated": status == "escalated",
            "sentiment": rng.choice(SENTIMENTS),
            "tools_used": sorted(rng.sample(TOOLS, rng.randint(1, 3))),
        }
        data = orjson.dumps(detail)
        json_bytes += len(data)
        call_rows.append(
            (
                key, call_id, started_ms, started_ms + duration * 1000, duration,
                detail["caller_id"], detail["channel"], status, detail["language"],
                str(detail["language"]).lower(), detail["requester_id"], name,
                tickets[0] if tickets else None, int(name is not None), int(status == "escalated"),
                detail["sentiment"], 0, 0, 1, count, started_ms, started_ms, started_ms,
                started_ms,
            )
        )  # fmt: skip
        json_rows.append((key, data))
        tool_rows.extend((tool, key) for tool in detail["tools_used"])
        first = key << repo.SEQ_BITS
        for seq in range(count):
            text = pool[rng.randrange(len(pool))]
            if rng.random() < 0.0002:
                text += " " + rng.choice(RARE)
            size = len(text.encode())
            text_bytes += size
            # {"speaker":"caller","text":"…","timestamp":"2026-03-08T10:30:05Z"}, in the list
            json_bytes += size + 62
            segment_rows.append((first | seq, 1 + seq % 2, text, seq * 6000))
        total_segments += count
        if len(segment_rows) >= 200_000:
            _flush(conn, call_rows, json_rows, tool_rows, segment_rows)
    _flush(conn, call_rows, json_rows, tool_rows, segment_rows)
    # Review status as a team's library has it: reviewers work on recent calls (of the last
    # 60 days, 40% reviewed and 10% in review), a few older ones were sampled (2%, 1%). Set
    # on the column the pages read; the notes and scorecards behind it do not matter here.
    recent = repo.to_ms(end - timedelta(days=60))
    conn.execute(
        "UPDATE calls SET review_status = CASE WHEN started_ms >= ? THEN "
        "CASE WHEN (key * 31 % 1000003) % 100 < 40 THEN 2 WHEN (key * 31 % 1000003) % 100 < 50 "
        "THEN 1 ELSE 0 END ELSE CASE WHEN (key * 31 % 1000003) % 100 < 2 THEN 2 "
        "WHEN (key * 31 % 1000003) % 100 < 3 THEN 1 ELSE 0 END END",
        (recent,),
    )
    conn.execute("COMMIT")
    conn.execute("INSERT INTO segments_fts (segments_fts) VALUES ('rebuild')")
    conn.execute("INSERT INTO calls_fts (calls_fts) VALUES ('rebuild')")
    conn.execute("ANALYZE")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return Generated(calls, total_segments, text_bytes, json_bytes, time.perf_counter() - started)


def _flush(
    conn: sqlite3.Connection,
    calls: list[tuple[object, ...]],
    jsons: list[tuple[object, ...]],
    tools: list[tuple[object, ...]],
    segments: list[tuple[object, ...]],
) -> None:
    conn.executemany(
        "INSERT INTO calls (key, id, started_ms, ended_ms, duration_seconds, caller_id, channel, "
        "status, language, lang, requester_id, requester_name, first_ticket, authenticated, "
        "escalated, sentiment, summary_hash, stale, has_detail, segment_count, "
        "transcript_base_ms, first_seen_ms, last_seen_ms, fetched_ms) "
        "VALUES (" + ",".join("?" * 24) + ")",
        calls,
    )
    conn.executemany("INSERT INTO call_json (key, detail) VALUES (?, ?)", jsons)
    conn.executemany("INSERT INTO call_tools (tool, key) VALUES (?, ?)", tools)
    conn.executemany(
        "INSERT INTO segments (pos, speaker, text, offset_ms) VALUES (?, ?, ?, ?)", segments
    )
    for rows in (calls, jsons, tools, segments):
        rows.clear()
