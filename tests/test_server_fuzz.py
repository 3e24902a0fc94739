"""Fuzz the live API from its own OpenAPI document: no generated request may get a 5xx.

Schemathesis builds requests (valid and invalid) for every operation in
``/openapi.json`` and sends them to a real uvicorn server on loopback; the
examples are derandomised so a run is repeatable.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

pytest.importorskip("fastapi", reason="the server needs the 'serve' extra (fastapi, uvicorn, python-multipart)")
schemathesis = pytest.importorskip("schemathesis", reason="fuzzing needs schemathesis (the 'dev' extra)")

from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis.checks import (  # noqa: E402
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from newsbrief.server.app import create_app  # noqa: E402
from newsbrief.server.testing import ServerThread  # noqa: E402
from newsbrief.settings import Settings  # noqa: E402

# Examples per operation: enough to reach every error branch, small enough for a 2-core CI.
EXAMPLES = 50


def _store_path(tmp_path_factory: pytest.TempPathFactory) -> str | None:
    """A store file when the storage layer is installed, so the store endpoints are fuzzed too."""
    try:
        import newsbrief.storage.db  # noqa: F401
    except ImportError:
        return None
    return str(tmp_path_factory.mktemp("fuzz") / "stories.db")


@pytest.fixture(scope="module")
def fuzz_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerThread]:
    settings = Settings(max_request_bytes=100_000, max_articles=20, request_timeout=120)
    with ServerThread(create_app(settings, store_path=_store_path(tmp_path_factory), workers=1)) as server:
        yield server


# The document the server publishes (the same app, built without starting it); the test
# below checks that the live server serves exactly this one.
OPENAPI = create_app(Settings()).openapi()
schema = schemathesis.openapi.from_dict(OPENAPI)


def test_server_fuzz_schema_is_the_served_one(fuzz_server: ServerThread) -> None:
    import httpx

    assert httpx.get(fuzz_server.url + "/openapi.json", timeout=30).json() == OPENAPI


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
def test_server_fuzz_no_5xx_and_answers_match_the_schema(case: schemathesis.Case, fuzz_server: ServerThread) -> None:
    case.call_and_validate(base_url=fuzz_server.url,
                           checks=[not_a_server_error, status_code_conformance, content_type_conformance,
                                   response_schema_conformance])
