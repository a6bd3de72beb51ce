"""Property-based API testing with schemathesis: no generated request may cause a 5xx."""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from manysides import pipeline
from manysides.settings import Settings
from manysides.store import Store
from manysides.web import create_app

CORPUS = Path(__file__).parent / "corpus" / "story"


def _app(tmp: Path):
    config = Settings(db=f"sqlite:///{tmp / 'schema.db'}", api_key="schema-key", api_max_body_bytes=50_000)
    store = Store.open(config.db)
    pipeline.ingest([CORPUS], store, config)
    return create_app(config, store)


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory):
    app = _app(tmp_path_factory.mktemp("schemathesis"))
    return schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors(case) -> None:
    headers = {"X-API-Key": "schema-key"} if case.method == "POST" else None
    response = case.call(headers=headers)
    assert response.status_code < 500, response.text
