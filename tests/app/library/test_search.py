"""Full-text search: what a reviewer types, what it finds (and never finds), in which order."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.demo.server import DemoServer
from app.library.library import Library
from app.library.search import SearchHit, marked_spans, parse_query
from app.library.source import LibrarySource
from app.models import parse_timestamp
from app.source import CallFilters, UnsupportedQueryError
from tests.app.library.conftest import run, with_library
from tests.app.library.oracle import Query, Term, term, tokens, words

# -- the query language ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expression"),
    [
        ("vpn", '"vpn"'),
        ("mot passe", '"mot" AND "passe"'),
        ('"mot de passe"', '"mot de passe"'),
        ("réinit*", '"réinit"*'),
        ('"mot de pa"*', '"mot de pa"*'),
        ("vpn OR imprimante écran", '("vpn" OR "imprimante") AND "écran"'),
        ("écran -noir", '"écran" NOT "noir"'),
        ('écran -"reste noir" -x', '"écran" NOT "reste noir" NOT "x"'),
        # Nothing typed is syntax for the engine: quotes, brackets, colons, NEAR, AND, NOT.
        ('say "hi', '"say" AND "hi"'),
        ("text:vpn (a) NEAR AND NOT", '"text:vpn" AND "(a)" AND "NEAR" AND "AND" AND "NOT"'),
        ('a"b', '"a" AND "b"'),
        ('quote ""in"" it', '"quote" AND "in" AND "it"'),
        ("l'imprimante", '"l\'imprimante"'),
        ("or lowercase", '"or" AND "lowercase"'),
        ("OR vpn OR", '"vpn"'),
        ("*** vpn ... -- ?", '"vpn"'),
    ],
)
def test_what_is_typed_becomes_a_quoted_query(typed: str, expression: str) -> None:
    assert parse_query(typed) == expression


@pytest.mark.parametrize("typed", ["", "   ", "-vpn", '-"mot de passe"', "... ?!", "OR", "*"])
def test_a_search_needs_a_word_to_find(typed: str) -> None:
    with pytest.raises(UnsupportedQueryError, match="Nothing to search for"):
        parse_query(typed)


def test_a_search_is_bounded() -> None:
    with pytest.raises(UnsupportedQueryError, match="too many words"):
        parse_query(" ".join(f"w{i}" for i in range(33)))
    with pytest.raises(UnsupportedQueryError, match="too long"):
        parse_query("x" * 1001)


def test_marked_text_gives_plain_text_and_spans() -> None:
    assert marked_spans("a \ue000bc\ue001 d \ue000e\ue001") == ("a bc d e", ((2, 4), (7, 8)))
    assert marked_spans("\ue001odd\ue000") == ("odd", ())


# -- against a whole tenant ------------------------------------------------------------------

QUERIES: list[tuple[str, Query]] = [
    ("réinitialisation", words("réinitialisation")),
    ("REINITIALISATION", words("réinitialisation")),
    ("reinitialisation", words("réinitialisation")),
    ("Ecran", words("écran")),
    ('"mot de passe"', Query(((term("mot de passe"),),))),
    ("mot passe", words("mot", "passe")),
    ("passe", words("passe")),
    ("pass", words("pass")),  # whole words: never "password"
    ("pass*", Query(((term("pass", prefix=True),),))),
    ("réinit*", Query(((term("reinit", prefix=True),),))),
    ('"mot de pa"*', Query(((Term(("mot", "de", "pa"), prefix=True),),))),
    ("VPN", words("vpn")),
    ("l'imprimante", Query(((term("l imprimante"),),))),
    ("vpn OR imprimante", Query(((term("vpn"), term("imprimante")),))),
    ("écran -noir", Query(((term("ecran"),),), (term("noir"),))),
    ("password", words("password")),
    ('"new password"', Query(((term("new password"),),))),
    ("password -reset", Query(((term("password"),),), (term("reset"),))),
    ("headset microphone", words("headset", "microphone")),
    ("Teams", words("teams")),
    ("licence approval", words("licence", "approval")),
    ("zzzunknownword", words("zzzunknownword")),
]


@pytest.fixture(scope="module")
def found(tenant_server: DemoServer, synced_file: Path) -> dict[str, list[SearchHit]]:
    """Every hit of every query, read in pages of 1,000."""

    async def go(library: Library) -> dict[str, list[SearchHit]]:
        source = LibrarySource(library)
        out: dict[str, list[SearchHit]] = {}
        for text, _ in QUERIES:
            hits: list[SearchHit] = []
            while True:
                result = await source.search(text, limit=1000, offset=len(hits))
                hits += result.hits
                if not result.more:
                    break
            out[text] = hits
        return out

    return dict(run(with_library(synced_file, go)))


@pytest.mark.parametrize(("text", "query"), QUERIES, ids=[q for q, _ in QUERIES])
def test_search_finds_exactly_the_utterances_that_match(
    text: str, query: Query, tenant_server: DemoServer, found: dict[str, list[SearchHit]]
) -> None:
    """The hits are exactly the utterances the obvious tokenizer finds: none missing, no
    false hit, accents and case ignored, words whole unless a prefix is asked."""
    expected = {
        (call.id, seq)
        for call in tenant_server.api.tenant.calls
        for seq, segment in enumerate(call.transcript_json()["segments"])
        if query.matches(segment["text"])
    }
    hits = [h for h in found[text] if h.field == "text"]
    assert {(h.call_id, h.seq) for h in hits} == expected
    assert len(hits) == len(expected)  # each once


def test_hits_come_newest_call_first_each_in_order(
    tenant_server: DemoServer, found: dict[str, list[SearchHit]]
) -> None:
    hits = found["password"]
    assert len({h.call_id for h in hits}) > 20
    order = [(-h.started_at.timestamp(), h.seq) for h in hits]
    assert order == sorted(order)


def test_a_hit_says_when_who_and_where_the_words_are(
    tenant_server: DemoServer, found: dict[str, list[SearchHit]]
) -> None:
    tenant = tenant_server.api.tenant
    for text in ('"mot de passe"', "réinit*", "vpn OR imprimante"):
        for hit in found[text]:
            demo = tenant.by_id[hit.call_id]
            assert hit.seq is not None
            segment = demo.transcript_json()["segments"][hit.seq]
            assert hit.text == segment["text"] and hit.speaker == segment["speaker"]
            offset = parse_timestamp(segment["timestamp"]) - demo.started_at
            assert hit.offset_seconds == pytest.approx(offset.total_seconds())
            assert hit.started_at == demo.started_at
            assert hit.matches and hit.snippet_matches
            for start, end in hit.matches:
                assert tokens(hit.text[start:end])[0][:3] in {
                    "mot",
                    "de",
                    "pas",
                    "rei",
                    "vpn",
                    "imp",
                }
            for start, end in hit.snippet_matches:
                assert hit.snippet[start:end] in hit.text
            assert len(hit.snippet) <= len(hit.text) + 2


def test_callers_and_requesters_are_found_too(tenant_server: DemoServer, synced_file: Path) -> None:
    tenant = tenant_server.api.tenant
    demo = next(c for c in tenant.calls if c.requester_name and c.channel == "widget")
    assert demo.requester_name is not None
    last_name = demo.requester_name.split()[-1]

    async def go(library: Library) -> list[SearchHit]:
        return list((await LibrarySource(library).search(last_name, limit=1000)).hits)

    hits = run(with_library(synced_file, go))
    requesters = {h.call_id for h in hits if h.field == "requester_name"}
    expected = {
        c.id
        for c in tenant.calls
        if c.requester_name and words(last_name).matches(c.requester_name)
    }
    assert requesters == expected
    widget = {c.id for c in tenant.calls if words(last_name).matches(c.caller_id)}
    assert {h.call_id for h in hits if h.field == "caller_id"} == widget
    for hit in hits:
        if hit.field != "text":
            assert hit.seq is None and hit.offset_seconds is None
            assert (
                hit.text[hit.matches[0][0] : hit.matches[0][1]].casefold() == last_name.casefold()
            )


def test_search_with_filters_keeps_only_those_calls(
    tenant_server: DemoServer, synced_file: Path
) -> None:
    tenant = tenant_server.api.tenant
    filters = CallFilters(
        languages=frozenset({"fr"}), statuses=frozenset({"completed", "escalated"})
    )

    async def go(library: Library) -> list[SearchHit]:
        return list((await LibrarySource(library).search("écran", filters, limit=1000)).hits)

    hits = run(with_library(synced_file, go))
    expected = {
        (c.id, seq)
        for c in tenant.calls
        if c.language.startswith("fr") and c.status in {"completed", "escalated"}
        for seq, s in enumerate(c.transcript_json()["segments"])
        if words("écran").matches(s["text"])
    }
    assert expected and {(h.call_id, h.seq) for h in hits} == expected


def test_pages_of_hits_follow_one_another(
    found: dict[str, list[SearchHit]], synced_file: Path
) -> None:
    everything = found["password"]

    async def go(library: Library) -> list[SearchHit]:
        source = LibrarySource(library)
        pages: list[SearchHit] = []
        for offset in range(0, len(everything) + 7, 7):
            pages += (await source.search("password", limit=7, offset=offset)).hits
        return pages

    assert run(with_library(synced_file, go)) == everything


def test_oldest_first(found: dict[str, list[SearchHit]], synced_file: Path) -> None:
    async def go(library: Library) -> list[SearchHit]:
        return list(
            (await LibrarySource(library).search("password", limit=1000, newest_first=False)).hits
        )

    oldest = run(with_library(synced_file, go))
    by_call: dict[str, list[int]] = {}
    for hit in found["password"]:
        by_call.setdefault(hit.call_id, []).append(hit.seq or 0)
    expected = [(call_id, seq) for call_id in reversed(list(by_call)) for seq in by_call[call_id]]
    assert [(h.call_id, h.seq) for h in oldest] == expected
