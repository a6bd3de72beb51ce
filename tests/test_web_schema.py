"""Property-based API testing with schemathesis: no generated request may cause a 5xx.

Drives schemathesis' Hypothesis strategies directly (one test per API operation) rather than
its pytest plugin, whose fixture loader does not support the pytest version we pin.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from manysides import pipeline
from manysides.settings import Settings
from manysides.store import Store
from manysides.web import create_app

CORPUS = Path(__file__).parent / "corpus" / "story"
KEY = "schema-key"
OPERATIONS = [
    ("GET", "/api/v1/stories"),
    ("GET", "/api/v1/stories/{story_id}"),
    ("GET", "/api/v1/storylines/{storyline_id}"),
    ("GET", "/api/v1/articles"),
    ("GET", "/api/v1/articles/{article_id}"),
    ("GET", "/api/v1/search"),
    ("POST", "/api/v1/articles"),
]


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("schemathesis")
    config = Settings(db=f"sqlite:///{tmp / 'schema.db'}", api_key=KEY, api_max_body_bytes=50_000)
    with Store.open(config.db) as store:
        pipeline.ingest([CORPUS], store, config)
        yield schemathesis.openapi.from_asgi("/api/v1/openapi.json", create_app(config, store))


def test_every_api_operation_is_covered(api_schema) -> None:
    found = {(op.method.upper(), op.path) for op in (r.ok() for r in api_schema.get_all_operations())}
    assert found == set(OPERATIONS)


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_no_server_errors(api_schema, method: str, path: str) -> None:
    operation = api_schema[path][method]
    headers = {"X-API-Key": KEY} if method == "POST" else None

    @given(case=operation.as_strategy())
    @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def check(case) -> None:
        response = case.call(headers=headers)
        assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.text[:300]}"

    check()
