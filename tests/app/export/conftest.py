"""Export fixtures: fixed demo calls fetched over loopback HTTP from the demo server."""

from __future__ import annotations

import asyncio

import pytest

from app.client import AurionClient
from app.demo.server import DemoServer
from app.export.document import ExportDocument

#: A completed French call with a requester, a ticket and accents (fixed tenant, seed 7).
GOLDEN_CALL = "call_3ad5dd271a"
#: An escalated English web-widget call whose caller id is an e-mail address.
WIDGET_CALL = "call_e3e6bafad7"


def fetch_document(server: DemoServer, call_id: str, redacted: bool = False) -> ExportDocument:
    async def go() -> ExportDocument:
        async with AurionClient(server.base_url, server.api_key) as client:
            detail, transcript = await asyncio.gather(
                client.get_call(call_id), client.get_transcript(call_id)
            )
        return ExportDocument(detail, transcript, redacted=redacted)

    return asyncio.run(go())


@pytest.fixture(scope="session")
def golden_doc(demo_server: DemoServer) -> ExportDocument:
    return fetch_document(demo_server, GOLDEN_CALL)
