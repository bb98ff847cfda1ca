"""Specification of an export run an auditor can trust: nothing lost, nothing contradicting what
was asked, every odd call isolated; against a scripted server over loopback HTTP."""

from __future__ import annotations

import asyncio
import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import srt
import webvtt

from app.client import AurionClient, RetryPolicy
from app.export.formats import parse_formats
from app.export.job import ExportJob, ExportOptions, Selection
from app.export.progress import ExportReport, summary_lines
from app.session import lease_client
from tests.scripted_server import KEY, ScriptedCall, ScriptedServer, call

OGG = b"OggS" + bytes(200)


def export(
    server: ScriptedServer,
    out: Path,
    formats: str = "txt,json",
    selection: Selection | None = None,
    **options: object,
) -> ExportReport:
    async def go() -> ExportReport:
        client = AurionClient(server.base_url, KEY)
        lease = lease_client(client)
        job = ExportJob(
            lease,
            ExportOptions(tuple(parse_formats(formats)), out, concurrency=3, **options),  # type: ignore[arg-type]
            selection or Selection(all_calls=True),
        )
        report = await job.run()
        assert lease.released and client._http.is_closed  # the job ended its lease
        return report

    return asyncio.run(go())


def manifest(out: Path) -> dict[str, object]:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def files_of(out: Path, suffix: str) -> list[Path]:
    return sorted(p for p in out.glob(f"*{suffix}") if p.name != "manifest.json")


# -- names -------------------------------------------------------------------------------


COLLIDING = [
    "call/a", "call_a", "call?a", "CALL_A", "Call_A", "call..a", "call\na", "../call_a",
    "x" * 80 + "-one", "x" * 80 + "-two", "café", "cafe",
]  # fmt: skip


@pytest.fixture(scope="module")
def colliding() -> Iterator[ScriptedServer]:
    with ScriptedServer([call(i) for i in COLLIDING]) as server:
        yield server


def test_ids_that_look_alike_once_made_safe_each_get_their_own_files(
    colliding: ScriptedServer, tmp_path: Path
) -> None:
    report = export(colliding, tmp_path)

    assert report.ok and report.progress.done == len(COLLIDING)
    texts = files_of(tmp_path, ".txt")
    assert len(texts) == len(COLLIDING)
    assert len({p.name.casefold() for p in texts}) == len(COLLIDING)  # case-insensitive too
    recorded = manifest(tmp_path)["files"]
    assert isinstance(recorded, dict)
    owners = {name: entry["call_id"] for name, entry in recorded.items()}
    assert sorted(owners.values()) == sorted(COLLIDING * 2)  # txt and json of each id
    for name, call_id in owners.items():  # each file holds the call its manifest entry names
        if name.endswith(".json"):
            assert json.loads((tmp_path / name).read_text())["call"]["id"] == call_id
    assert all(p.parent == tmp_path for p in tmp_path.rglob("*"))  # nothing escaped --out
    assert (tmp_path / "20260308-103000_call_a.txt").exists()  # a plain id keeps its name


def test_a_second_run_finds_every_file_complete(colliding: ScriptedServer, tmp_path: Path) -> None:
    export(colliding, tmp_path)
    again = export(colliding, tmp_path)
    assert again.progress.skipped == len(COLLIDING) and again.progress.done == 0
    assert again.files == 0


def test_a_name_an_earlier_export_gave_another_id_is_not_taken_over(tmp_path: Path) -> None:
    # Version 1 named "call/b" 20260308-103000_call_b: the plain id "call_b" must not claim it.
    with ScriptedServer([call("call/b")]) as old:
        export(old, tmp_path, formats="txt")
    first = files_of(tmp_path, ".txt")[0]
    legacy = tmp_path / "20260308-103000_call_b.txt"
    first.rename(legacy)
    data = manifest(tmp_path)
    data["files"] = {legacy.name: next(iter(data["files"].values()))}  # type: ignore[attr-defined]
    (tmp_path / "manifest.json").write_text(json.dumps(data))

    with ScriptedServer([call("call_b")]) as new:
        report = export(new, tmp_path, formats="txt")

    assert report.ok and report.progress.done == 1
    assert "Call:          call/b\n" in legacy.read_text()  # untouched, still call/b's
    names = {p.name for p in files_of(tmp_path, ".txt")}
    assert len(names) == 2
    owners = {n: e["call_id"] for n, e in manifest(tmp_path)["files"].items()}  # type: ignore[attr-defined]
    assert owners[legacy.name] == "call/b"
    assert sorted(owners.values()) == ["call/b", "call_b"]


# -- options, provenance -----------------------------------------------------------------


def planted_server() -> ScriptedServer:
    scripted = call("call_pii")
    scripted.segments.append(
        {"speaker": "caller", "text": "Rappelez-moi au 06 12 34 56 78 ou jean@example.org",
         "timestamp": "2026-03-08T10:30:05Z"}
    )  # fmt: skip
    return ScriptedServer([scripted, call("call_plain")])


def test_redact_over_an_unredacted_export_rewrites_every_file_and_says_why(
    tmp_path: Path,
) -> None:
    with planted_server() as server:
        first = export(server, tmp_path, formats="txt,json,csv")
        assert "06 12 34 56 78" in files_of(tmp_path, ".txt")[0].read_text()
        second = export(server, tmp_path, formats="txt,json,csv", redact=True)

    assert second.progress.done == 2 and second.progress.skipped == 0 and first.ok
    assert second.rewritten == {"it was made without redaction": 6}
    lines = summary_lines(second, tmp_path)
    assert "Rewrote 6 files: it was made without redaction." in lines
    for path in tmp_path.glob("*_call_*"):
        text = path.read_text()
        assert "12 34 56" not in text and "jean@example.org" not in text, path.name
    data = manifest(tmp_path)
    runs = data["runs"]
    assert isinstance(runs, list) and len(runs) == 2
    assert [r["options"]["redact"] for r in runs] == [False, True]
    assert runs[1]["options"]["redaction_rules"] is not None
    assert runs[1]["source"] == server.base_url
    assert runs[1]["tool"]["version"]
    assert runs[1]["outcome"] == "complete"
    assert KEY not in (tmp_path / "manifest.json").read_text()
    made = {e["made_with"] for e in data["files"].values()}  # type: ignore[attr-defined]
    assert made == {f"redacted:{runs[1]['options']['redaction_rules']}"}


def test_a_redacted_run_removes_its_calls_unredacted_files_of_other_formats(
    tmp_path: Path,
) -> None:
    with planted_server() as server:
        export(server, tmp_path, formats="txt,json")
        report = export(server, tmp_path, formats="txt", redact=True)

    assert files_of(tmp_path, ".json") == []
    assert sum(report.removed.values()) == 2
    assert any(line.startswith("Removed 2 files of an earlier export") for line in
               summary_lines(report, tmp_path))  # fmt: skip
    assert set(manifest(tmp_path)["files"]) == {p.name for p in files_of(tmp_path, ".txt")}  # type: ignore[arg-type]


def test_an_unredacted_run_over_a_redacted_export_rewrites_it(tmp_path: Path) -> None:
    with planted_server() as server:
        export(server, tmp_path, formats="txt", redact=True)
        report = export(server, tmp_path, formats="txt")
    assert report.rewritten == {"it was made with redaction": 2}
    assert "06 12 34 56 78" in (tmp_path / "20260308-103000_call_pii.txt").read_text()


def test_files_changed_on_disk_are_written_again(tmp_path: Path) -> None:
    with planted_server() as server:
        export(server, tmp_path, formats="txt")
        target = tmp_path / "20260308-103000_call_plain.txt"
        target.write_text("tampered")
        report = export(server, tmp_path, formats="txt")
    assert report.rewritten == {"it was changed or damaged since it was written": 1}
    assert "Bonjour" in target.read_text()


# -- active calls ------------------------------------------------------------------------


def test_an_active_call_is_partial_and_exported_again_once_it_has_ended(tmp_path: Path) -> None:
    live = call("call_live", status="active", ended_at=None, duration_seconds=None)
    with ScriptedServer([live, call("call_done")]) as server:
        first = export(server, tmp_path, formats="txt", with_recordings=True)
        assert first.partial == ["call_live"] and first.ok
        assert "1 call still active: exported as partial" in " ".join(
            summary_lines(first, tmp_path)
        )
        entry = manifest(tmp_path)["calls"]["call_live"]  # type: ignore[index]
        assert entry["partial"] is True and entry["status"] == "active"

        ended = call("call_live", status="completed")
        ended.segments.append({"speaker": "agent", "text": "Au revoir.",
                               "timestamp": "2026-03-08T10:30:15Z"})  # fmt: skip
        ended.recording = OGG
        server.put(ended)
        second = export(server, tmp_path, formats="txt", with_recordings=True)

    assert second.progress.done == 1 and second.progress.skipped == 1
    assert second.rewritten == {"the call was still active when it was exported": 1}
    assert "Au revoir." in (tmp_path / "20260308-103000_call_live.txt").read_text()
    assert (tmp_path / "20260308-103000_call_live.ogg").read_bytes() == OGG
    entry = manifest(tmp_path)["calls"]["call_live"]  # type: ignore[index]
    assert entry == {"status": "completed", "partial": False, "recording": "saved"}


# -- odd but valid data ------------------------------------------------------------------


def odd_calls() -> list[ScriptedCall]:
    leap = call("call_leap", started_at="2016-12-31T23:59:60Z", ended_at="2017-01-01T00:00:10Z")
    ancient = call("call_ancient", started_at="0001-01-01T00:30:00+01:00")
    ancient.segments = [
        {"speaker": "agent", "text": "Hello", "timestamp": "0001-01-01T00:30:05+01:00"}
    ]
    backwards = call("call_backwards", ended_at="2026-03-08T10:00:00Z", duration_seconds=-30)
    disagree = call("call_disagree", duration_seconds=99999)
    forged = call(
        "call\nforged --> 00:00:01,000", caller_id="+33\n1\n00:00:00,000 --> 00:00:09,000"
    )
    forged.segments = [
        {"speaker": "agent\n\n2\n00:00:00,000 --> 00:00:05,000\nForged",
         "text": "line one\n\n99\n00:00:01,000 --> 00:00:02,000\nforged cue",
         "timestamp": "2026-03-08T10:30:01Z"},
        {"speaker": "caller\x1b[31m", "text": "=HYPERLINK(\"http://evil\")\r\n-->\x00\u202e",
         "timestamp": "2026-03-08T10:30:03Z"},
        {"speaker": "caller", "text": "", "timestamp": "2026-03-08T10:30:04Z"},
    ]  # fmt: skip
    return [leap, ancient, backwards, disagree, forged]


def test_odd_but_valid_calls_are_exported_and_never_break_a_file(tmp_path: Path) -> None:
    calls = odd_calls()
    with ScriptedServer(calls) as server:
        report = export(server, tmp_path, formats="txt,json,csv,srt,vtt")

    assert report.failures == [] and report.progress.done == len(calls)
    by_id = {c.id: c for c in calls}
    owners = {n: e["call_id"] for n, e in manifest(tmp_path)["files"].items()}  # type: ignore[attr-defined]
    for name, call_id in owners.items():
        segments = len(by_id[call_id].segments)
        data = (tmp_path / name).read_text(encoding="utf-8")
        if name.endswith(".srt"):
            assert len(list(srt.parse(data))) == segments, name
            assert all(len(block.splitlines()) == 3 for block in data.strip().split("\n\n"))
        elif name.endswith(".vtt"):
            assert len(webvtt.read(str(tmp_path / name)).captions) == segments, name
        elif name.endswith(".csv"):
            rows = list(csv.reader(io.StringIO(data)))
            assert len(rows) == segments + 1 and all(len(r) == 5 for r in rows)
            assert len(data.splitlines()) == segments + 1  # one physical line per row
            assert not any(cell.startswith(("=", "+", "-", "@")) for r in rows[1:] for cell in r)
        elif name.endswith(".txt"):
            body = data.split("\n\n", 1)[1].splitlines()
            assert len(body) == max(1, segments), name
            assert len(data.split("\n\n", 1)[0].splitlines()) == 14  # header: one line a field
        for bad in ("\x1b", "\x00", "\u202e"):
            assert bad not in data or name.endswith(".json"), (name, bad)
    forged_json = next(
        n for n, c in owners.items() if c.startswith("call\n") and n.endswith("json")
    )
    assert (
        json.loads((tmp_path / forged_json).read_text())["call"]["id"]
        == "call\nforged --> 00:00:01,000"
    )


def test_a_call_the_server_cannot_describe_fails_alone(tmp_path: Path) -> None:
    broken = call("call_broken")
    broken.segments = [{"speaker": "agent", "text": 42, "timestamp": "nope"}]
    with ScriptedServer([call("call_before"), broken, call("call_after")]) as server:
        report = export(server, tmp_path, formats="txt")
    assert report.progress.done == 2 and [cid for cid, _ in report.failures] == ["call_broken"]
    assert "transcript" in report.failures[0][1]


# -- recordings --------------------------------------------------------------------------


def test_a_recording_deleted_after_retention_is_a_fact_not_a_failure(tmp_path: Path) -> None:
    kept = call("call_kept")
    kept.recording = OGG
    gone = call("call_gone")
    gone.recording = "Recording deleted after the 90-day retention period."
    with ScriptedServer([kept, gone]) as server:
        report = export(server, tmp_path, formats="txt", with_recordings=True)
        assert report.ok and report.failures == []
        assert report.recordings_unavailable == {
            "call_gone": "Recording deleted after the 90-day retention period."
        }
        line = next(x for x in summary_lines(report, tmp_path) if "unavailable" in x)
        assert line.startswith("1 recording unavailable, transcripts exported:")
        assert (tmp_path / "20260308-103000_call_gone.txt").exists()
        assert not (tmp_path / "20260308-103000_call_gone.ogg").exists()
        assert (tmp_path / "20260308-103000_call_kept.ogg").read_bytes() == OGG
        entry = manifest(tmp_path)["calls"]["call_gone"]  # type: ignore[index]
        assert entry["recording"] == (
            "unavailable: Recording deleted after the 90-day retention period."
        )
        server.requests.clear()
        again = export(server, tmp_path, formats="txt", with_recordings=True)
    assert again.progress.skipped == 2  # not asked for again: retention does not give it back
    assert not any(r.endswith("/recording") for r in server.requests)


# -- selection ---------------------------------------------------------------------------


def test_ids_are_looked_up_once_and_unknown_ones_fail_alone(tmp_path: Path) -> None:
    with ScriptedServer([call("call_one"), call("call_two")]) as server:
        report = export(
            server, tmp_path, formats="txt",
            selection=Selection(ids=("call_one", "call_missing", "call_one", "call_two")),
        )  # fmt: skip
        details = [r for r in server.requests if r.endswith(("call_one", "call_two"))]
    assert report.progress.total == 3 and report.progress.finished == 3
    assert report.progress.done == 2 and [c for c, _ in report.failures] == ["call_missing"]
    assert sorted(details) == ["/api/v1/calls/call_one", "/api/v1/calls/call_two"]


def test_only_the_exports_own_temporaries_are_cleared(tmp_path: Path) -> None:
    mine = tmp_path / ".20260308-103000_call_one.txt.abc123xy.part"
    theirs = tmp_path / ".notes.txt.part"
    mine.write_text("half")
    theirs.write_text("the user's")
    with ScriptedServer([call("call_one")]) as server:
        export(server, tmp_path, formats="txt")
    assert not mine.exists() and theirs.read_text() == "the user's"


@pytest.mark.usefixtures("qapp")
def test_a_transcript_too_long_to_print_fails_its_pdf_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.export import pdf

    monkeypatch.setattr(pdf, "MAX_SEGMENTS", 1)  # the demo call has two segments
    with ScriptedServer([call("call_long")]) as server:
        report = export(server, tmp_path, formats="pdf,txt")
    assert [cid for cid, _ in report.failures] == ["call_long"]
    assert "a PDF holds at most 1" in report.failures[0][1]
    assert [p.suffix for p in tmp_path.glob("*_call_long.*")] == [".txt"]


# -- what an independent check found ---------------------------------------------------------


def test_a_call_the_list_cannot_describe_fails_alone_and_the_rest_is_exported(
    tmp_path: Path,
) -> None:
    bad_date = call("call_feb30", started_at="2026-02-30T10:00:00Z")
    no_id = call("call_noid")
    no_id.detail["id"] = None
    calls = [call("call_one"), bad_date, call("call_two"), no_id]
    with ScriptedServer(calls) as server:
        server.calls = {c.id if c.detail["id"] else "x": c for c in calls}
        report = export(server, tmp_path, formats="txt")
    assert report.progress.done == 2
    failed = dict(report.failures)
    assert "started_at" in failed["call_feb30"] and "(a call without an id)" in failed
    assert report.progress.total == 4


def test_the_last_leap_second_there_is_and_absurd_durations_export(tmp_path: Path) -> None:
    last = call("call_last", started_at="9999-12-31T23:59:60Z", ended_at=None)
    huge = call("call_huge", duration_seconds=10**20)
    huge.segments.append({"speaker": "agent ---> x", "text": "a ---> b ----> c",
                          "timestamp": "2026-03-08T10:30:09Z"})  # fmt: skip
    with ScriptedServer([last, huge]) as server:
        report = export(server, tmp_path, formats="srt,vtt,csv,txt")
    assert report.ok, report.failures
    data = (tmp_path / "20260308-103000_call_huge.srt").read_text()
    cues = list(srt.parse(data))
    assert len(cues) == 3 and "-->" not in "".join(c.content for c in cues)
    assert cues[-1].end.total_seconds() <= 7 * 24 * 3600
    assert len(webvtt.read(str(tmp_path / "20260308-103000_call_huge.vtt")).captions) == 3


def test_a_manifest_never_reaches_outside_the_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    with planted_server() as server:
        export(server, out, formats="txt,json")
        data = manifest(out)
        data["files"]["../victim.txt"] = {"sha256": "00", "bytes": 1, "call_id": "call_pii",  # type: ignore[index]
                                          "made_with": "plain"}  # fmt: skip
        data["files"][str(victim)] = data["files"]["../victim.txt"]  # type: ignore[index]
        (out / "manifest.json").write_text(json.dumps(data))
        (out / ".manifest.jsonl").symlink_to(victim)  # a journal planted as a link
        report = export(server, out, formats="txt", redact=True)
    assert victim.read_text() == "precious"
    assert sum(report.removed.values()) == 2  # only the two json files of the folder


@pytest.mark.usefixtures("qapp")
def test_pdfs_are_drawn_in_memory_never_in_the_system_temp_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    spy = tmp_path / "tmp"
    spy.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spy))
    with ScriptedServer([call("call_pdf")]) as server:
        assert export(server, tmp_path / "out", formats="pdf").ok
    assert list(spy.iterdir()) == []


def test_a_key_refused_midway_ends_the_run_once_with_what_was_done(tmp_path: Path) -> None:
    with ScriptedServer([call("call_one"), call("call_two")]) as server:

        async def go() -> ExportReport:
            job = ExportJob(
                lease_client(AurionClient(server.base_url, "ak_test_wrong_key_0000")),
                ExportOptions(tuple(parse_formats("txt")), tmp_path),
                Selection(ids=("call_one", "call_two")),
            )
            return await job.run()

        report = asyncio.run(go())
    assert report.error is not None and "401" in str(report.error)
    assert report.failures == []  # not "every call failed": the key did


def test_an_export_that_ends_early_still_says_what_it_wrote(tmp_path: Path) -> None:
    from tests.hostile_server import HostileServer, answer, call_json, page_json, sequence

    with HostileServer() as server:
        first = page_json([f"call_{i}" for i in range(3)], 9, 3, 0, 0)
        broken = answer({"error": {"code": "boom", "message": "down"}}, status=500)
        server.route("/api/v1/calls", sequence(answer(first), broken))
        for i in range(3):
            server.route(f"/api/v1/calls/call_{i}", answer(call_json(f"call_{i}", i)))
            server.route(f"/api/v1/calls/call_{i}/transcript",
                         answer({"call_id": f"call_{i}", "segments": []}))  # fmt: skip

        async def go() -> ExportReport:
            client = AurionClient(server.base_url, KEY, retry=RetryPolicy(attempts=1))
            options = ExportOptions(tuple(parse_formats("txt")), tmp_path)
            job = ExportJob(lease_client(client), options, Selection(all_calls=True))
            return await job.run()

        report = asyncio.run(go())
    assert report.progress.done == 3 and report.error is not None
    assert summary_lines(report, tmp_path)[0] == f"Exported 3 calls (3 files) to {tmp_path}."
    assert manifest(tmp_path)["runs"][-1]["outcome"] == "failed"  # type: ignore[index]
