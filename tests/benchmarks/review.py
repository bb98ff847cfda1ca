"""Evidence packs: ``pack_s``, a pack of the 30-minute call made from a library that keeps its
recording (the time after the download), and ``verify_s``, checking a pack of about 100 MB."""

from __future__ import annotations

import asyncio
import math
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.client import AurionClient
from app.demo.config import DemoConfig
from app.demo.longcall import LONG_CALL_ID
from app.demo.process import DemoProcess
from app.library.library import Library
from app.library.source import LibrarySource
from app.library.sync import LibrarySync
from app.media import DownloadedFile
from app.review.audit import AuditLog
from app.review.identity import Reviewer, ReviewerStore, Signer
from app.review.pack import PackOptions, build_pack, verify_pack
from app.review.scorecard import Answer, default_template
from app.review.store import ReviewStore
from app.session import lease_client

#: The size of the pack ``verify_s`` checks.
VERIFY_BYTES = 100 * 1000 * 1000
RUNS = 3
ME = Reviewer("Benchmark", "bench@example.org")


class _MemorySigner(Signer):
    """A signing key that lives in memory: a benchmark never touches the user's keyring."""

    def __init__(self, folder: Path) -> None:
        super().__init__(ME, ReviewerStore(folder / "reviewer.json"))
        self._key = Ed25519PrivateKey.generate()


class _PaddedSource(LibrarySource):
    """The library, every call's recording being the 30-minute one: a pack of a few calls
    then weighs what a case of long calls does."""

    def __init__(self, library: Library, recording: Path) -> None:
        super().__init__(library)
        self._recording = recording

    async def save_recording(self, call_id: str, dest: Path) -> DownloadedFile:
        await asyncio.to_thread(shutil.copyfile, self._recording, dest)
        return DownloadedFile(dest, dest.stat().st_size, "", "audio/ogg")


async def _sync(server: DemoProcess, path: Path) -> None:
    """The tenant synced, then the 30-minute call's recording kept offline (downloaded)."""
    library = await Library.open(path)
    try:
        for keep in (False, True):
            if keep:
                await library.keep_offline([LONG_CALL_ID])
            client = AurionClient(server.base_url, server.api_key)
            report = await LibrarySync(library, lease_client(client)).run()
            if not report.ok:
                raise RuntimeError(f"the benchmark library did not sync: {report.failures}")
    finally:
        await library.aclose()


async def _pack_times(path: Path, out: Path) -> tuple[list[float], int]:
    library = await Library.open(path, create=False)
    store = ReviewStore(library, AuditLog(ME, out / "audit.jsonl"))
    template = default_template()
    answers = [Answer(c.id, 3 if c.answer == "scale" else "yes") for c in template.criteria]
    await store.add_note(LONG_CALL_ID, 600.0, "Long hold at ten minutes", tags=["hold"])
    draft = await store.save_scorecard(LONG_CALL_ID, template, answers)
    await store.submit_scorecard(draft.id)
    signer = _MemorySigner(out)
    times: list[float] = []
    size = 0
    try:
        for run in range(RUNS):
            started = time.perf_counter()
            result = await build_pack(
                LibrarySource(library), [LONG_CALL_ID], PackOptions(out / f"pack{run}"), ME,
                signer, None, store,
            )  # fmt: skip
            times.append(time.perf_counter() - started)
            size = sum(p.stat().st_size for p in result.folder.rglob("*") if p.is_file())
            if result.recordings_missing:
                raise RuntimeError(f"the long call's recording is missing: {result}")
    finally:
        await library.aclose()
    return times, size


async def _big_pack(path: Path, out: Path) -> tuple[Path, int]:
    """A signed pack of about ``VERIFY_BYTES``: calls of the tenant, each with the 30-minute
    recording."""
    library = await Library.open(path, create=False)
    try:
        kept = await library.kept_recordings()
        recording = library.recording_file(next(k.file for k in kept if k.call_id == LONG_CALL_ID))
        each = recording.stat().st_size
        source = _PaddedSource(library, recording)
        ids = [
            c.id async for c in source.iter_calls() if c.status != "active" and c.id != LONG_CALL_ID
        ][: math.ceil(VERIFY_BYTES / each)]
        result = await build_pack(source, ids, PackOptions(out / "big"), ME, _MemorySigner(out))
    finally:
        await library.aclose()
    size = sum(p.stat().st_size for p in result.folder.rglob("*") if p.is_file())
    return result.folder, size


def review(say: Callable[[str], None]) -> dict[str, Any]:
    from app.export.pdf import ensure_gui_app, wait_for_all_renders

    ensure_gui_app()  # the packs' PDF transcripts are drawn by Qt
    with tempfile.TemporaryDirectory(prefix="aurion-bench-review-") as tmp:
        folder = Path(tmp)
        path = folder / "library.sqlite3"
        say("evidence packs: syncing the 30-minute call and its recording")
        with DemoProcess(DemoConfig(calls=40, bench_calls=True)) as server:
            asyncio.run(_sync(server, path))
        say("evidence packs: pack of the 30-minute call (offline)")
        pack_times, pack_bytes = asyncio.run(_pack_times(path, folder))
        say("evidence packs: verify a pack of about 100 MB")
        big, big_bytes = asyncio.run(_big_pack(path, folder))
        verify_times = []
        for _ in range(RUNS):
            started = time.perf_counter()
            verdict = verify_pack(big)
            verify_times.append(time.perf_counter() - started)
            if not verdict.ok:
                raise RuntimeError(f"the benchmark pack does not verify: {verdict.problems}")
        started = time.perf_counter()
        zipped = verify_pack(big.with_suffix(".zip"))
        verify_zip = time.perf_counter() - started
        if not zipped.ok:
            raise RuntimeError(f"the benchmark pack's zip does not verify: {zipped.problems}")
        wait_for_all_renders()
    return {
        "pack_s": statistics.median(pack_times),
        "pack_runs_s": pack_times,
        "pack_mib": pack_bytes / 2**20,
        "verify_s": statistics.median(verify_times),
        "verify_runs_s": verify_times,
        "verify_pack_mib": big_bytes / 2**20,
        "verify_zip_s": verify_zip,
    }


if __name__ == "__main__":
    import json
    import sys

    print(json.dumps(review(lambda text: print(text, file=sys.stderr)), indent=2))
