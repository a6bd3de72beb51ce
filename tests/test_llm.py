"""LLM summaries against a fake OpenAI-compatible server on 127.0.0.1 (a real HTTP server)."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from manysides.errors import LLMError
from manysides.llm import endpoint, parse_answer, verify
from manysides.model import Citation
from manysides.settings import Settings
from manysides.summarize import summarize
from test_summarize import COURIER, GAZETTE, POST

G, C = GAZETTE.id, COURIER.id

# Sources are numbered in story order: Gazette 1-5, Courier 6-9, Post 10-12.
ANSWER = (
    "The Millbrook council voted 7-2 on Tuesday to close the Elm Street bridge for repairs [1][6]. "
    "The repairs will cost $12 million, Mayor Dana Whitfield said [3]. "
    "The governor promised $40 million for a new bridge [12]. "
    "Senator Alma Reyes opposed the closure [11]. "
    "Residents were furious about the decision."
)


class FakeChat(BaseHTTPRequestHandler):
    answer = ANSWER
    status = 200
    requests: list[dict] = []

    def do_POST(self) -> None:  # noqa: N802 (http.server's name)
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        FakeChat.requests.append(
            {"path": self.path, "body": body, "auth": self.headers.get("Authorization")}
        )
        payload = json.dumps(
            {"choices": [{"message": {"role": "assistant", "content": self.answer}}]}
        )
        self.send_response(self.status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(payload.encode())

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server():
    FakeChat.requests = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FakeChat)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def story(parse):
    return parse(GAZETTE, COURIER, POST)


def test_llm_summary_keeps_supported_and_rejects_fabricated(story, server):
    settings = Settings(llm_url=server, llm_model="tiny", llm_key="k3y", llm_timeout=5)
    summary = summarize(story, words=100, strategy="llm", settings=settings)
    assert [(s.text, s.citations) for s in summary.sentences] == [
        (
            "The Millbrook council voted 7-2 on Tuesday to close the Elm Street bridge for repairs.",
            (Citation(G, 0), Citation(C, 0)),
        ),
        ("The repairs will cost $12 million, Mayor Dana Whitfield said.", (Citation(G, 2),)),
    ]
    assert [(r.text, r.reason) for r in summary.rejected] == [
        (
            "The governor promised $40 million for a new bridge.",
            "numbers not in the cited sources: 40",
        ),
        (
            "Senator Alma Reyes opposed the closure.",
            "names not in the cited sources: Senator Alma Reyes",
        ),
        ("Residents were furious about the decision.", "cites no source"),
    ]
    request = FakeChat.requests[0]
    assert request["path"] == "/v1/chat/completions"
    assert request["auth"] == "Bearer k3y"
    assert request["body"]["model"] == "tiny"
    prompt = request["body"]["messages"][1]["content"]
    assert "[1] The Millbrook city council voted 7-2" in prompt
    assert "[12] The state transportation department will pay half of the repair bill." in prompt


def test_http_error_becomes_one_line_llm_error(story, server):
    FakeChat.status = 500
    try:
        with pytest.raises(LLMError, match=r"answered HTTP 500$"):
            summarize(story, strategy="llm", settings=Settings(llm_url=server + "/v1"))
    finally:
        FakeChat.status = 200
    assert FakeChat.requests[0]["path"] == "/v1/chat/completions"


def test_unreachable_endpoint_and_missing_url(story):
    with pytest.raises(LLMError, match="needs llm_url"):
        summarize(story, strategy="llm", settings=Settings())
    refused = httpx.Client(transport=httpx.MockTransport(_refuse))
    with pytest.raises(
        LLMError, match=r"^LLM endpoint http://127.0.0.1:9/v1/chat/completions: ConnectError"
    ):
        summarize(
            story, strategy="llm", settings=Settings(llm_url="http://127.0.0.1:9"), client=refused
        )


def _refuse(request: httpx.Request) -> httpx.Response:
    raise httpx.ConnectError("connection refused", request=request)


def test_non_chat_answer_is_an_llm_error(story):
    client = httpx.Client(
        transport=httpx.MockTransport(lambda r: httpx.Response(200, json={"ok": 1}))
    )
    with pytest.raises(LLMError, match="not a chat completion"):
        summarize(story, strategy="llm", settings=Settings(llm_url="http://x"), client=client)


def test_endpoint_paths():
    assert endpoint(Settings(llm_url="http://h:8080")) == "http://h:8080/v1/chat/completions"
    assert endpoint(Settings(llm_url="http://h:8080/v1/")) == "http://h:8080/v1/chat/completions"


def test_parse_answer_handles_citation_placement():
    assert parse_answer("A fell [1]. B rose. [2][3] C stayed.") == [
        ("A fell.", (1,)),
        ("B rose.", (2, 3)),
        ("C stayed.", ()),
    ]


def test_verify_accepts_paraphrase_and_rejects_additions():
    source = ["Repairs to the 1931 bridge will cost $12 million, Mayor Dana Whitfield said."]
    assert (
        verify("Mayor Dana Whitfield said repairs to the bridge will cost $12 million.", source)
        is None
    )
    assert verify("Whitfield said the repairs were a waste of taxpayer money.", source) == (
        "only 2 of 5 content words are in the cited sources"
    )
