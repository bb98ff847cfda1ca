"""Every kind of response the demo server gives validates against resources/openapi.json."""

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib.resources import files
from typing import Any

import httpx
import pytest
from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from app.demo.config import DEMO_NO_SCOPE_KEY
from app.demo.server import DemoServer

SPEC: dict[str, Any] = json.loads((files("resources") / "openapi.json").read_text(encoding="utf-8"))
SPEC_URI = "urn:aurion:openapi"
REGISTRY: Registry = Registry().with_resource(SPEC_URI, DRAFT202012.create_resource(SPEC))


def check(path_template: str, response: httpx.Response) -> None:
    """The status is one the spec lists for the operation, and the body fits its schema."""
    operation = SPEC["paths"][path_template]["get"]
    status = str(response.status_code)
    assert status in operation["responses"], f"{path_template} answered undocumented {status}"
    media = operation["responses"][status]["content"]["application/json"]["schema"]
    pointer = media["$ref"].removeprefix("#")
    validator = Draft202012Validator(
        {"$ref": f"{SPEC_URI}#{pointer}"},
        registry=REGISTRY,
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )
    errors = [e.message for e in validator.iter_errors(response.json())]
    assert errors == [], f"{path_template} {status}: {errors[:3]}"


def test_the_document_is_openapi_3_1_with_valid_schemas() -> None:
    assert SPEC["openapi"].startswith("3.1")
    for name, schema in SPEC["components"]["schemas"].items():
        Draft202012Validator.check_schema(schema)
        assert name
    assert set(SPEC["paths"]) == {
        "/calls",
        "/calls/{call_id}",
        "/calls/{call_id}/transcript",
        "/calls/{call_id}/recording",
    }
    assert set(SPEC["webhooks"]) == {"call.started", "call.completed", "call.escalated"}


@pytest.fixture
def api(demo_server: DemoServer) -> Iterator[httpx.Client]:
    with httpx.Client(
        base_url=demo_server.base_url, headers={"X-API-Key": demo_server.api_key}
    ) as client:
        yield client


@pytest.mark.parametrize("sort_by", ["started_at", "duration_seconds"])
@pytest.mark.parametrize("sort_order", ["asc", "desc"])
@pytest.mark.parametrize("offset", [0, 600, 1190])
def test_list_pages(api: httpx.Client, sort_by: str, sort_order: str, offset: int) -> None:
    params = {"limit": 20, "offset": offset, "sort_by": sort_by, "sort_order": sort_order}
    check("/calls", api.get("/calls", params=params))


def test_list_defaults_and_errors(api: httpx.Client, demo_server: DemoServer) -> None:
    check("/calls", api.get("/calls"))
    check("/calls", api.get("/calls", params={"limit": 500}))
    check("/calls", httpx.get(demo_server.base_url + "/calls"))
    check(
        "/calls",
        httpx.get(demo_server.base_url + "/calls", headers={"X-API-Key": DEMO_NO_SCOPE_KEY}),
    )


@pytest.mark.parametrize("status", ["active", "completed", "escalated", "failed", "abandoned"])
def test_every_call_endpoint_for_every_status(
    api: httpx.Client, demo_server: DemoServer, status: str
) -> None:
    calls = [c for c in demo_server.api.tenant.calls if c.status == status]
    purged = [c for c in calls if c.no_recording_reason and "retention" in c.no_recording_reason]
    for call in {c.id: c for c in calls[:2] + purged[:1]}.values():
        check("/calls/{call_id}", api.get(f"/calls/{call.id}"))
        check("/calls/{call_id}/transcript", api.get(f"/calls/{call.id}/transcript"))
        check("/calls/{call_id}/recording", api.get(f"/calls/{call.id}/recording"))


def test_unknown_call_and_auth_errors(api: httpx.Client, demo_server: DemoServer) -> None:
    for template in (
        "/calls/{call_id}",
        "/calls/{call_id}/transcript",
        "/calls/{call_id}/recording",
    ):
        path = template.replace("{call_id}", "call_unknown")
        check(template, api.get(path))
        check(template, httpx.get(demo_server.base_url + path))
        check(
            template,
            httpx.get(demo_server.base_url + path, headers={"X-API-Key": DEMO_NO_SCOPE_KEY}),
        )
