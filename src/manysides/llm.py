"""Optional LLM summarizer (strategy ``llm``): any OpenAI-compatible chat endpoint.

The request is a plain ``httpx`` POST (no SDK) to ``{llm_url}/v1/chat/completions``, or to
``{llm_url}/chat/completions`` when ``llm_url`` already ends in ``/v1`` (llama.cpp server,
Ollama, vLLM and hosted services all serve that path). The prompt lists numbered source
sentences; the model must cite them (``[3][7]``) after each sentence it writes. Every
generated sentence is then checked against the sentences it cites: its numbers and names
must all appear there, and most of its content words. Sentences that fail are dropped and
returned as ``RejectedSentence`` with the reason. The default pipeline never needs this.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import httpx

from .errors import LLMError
from .model import RejectedSentence, Summary, SummarySentence
from .settings import Settings
from .summarize import Story, SummaryRequest, build_story, focus_terms
from .text import capitalized_terms, content_tokens, numbers, tokenize, word_count

# Most source sentences offered to the model (a 25-article story has ~600; the best-connected
# ones carry the shared facts, and 80 numbered sentences fit an 8k-token context).
MAX_SOURCES = 80
# Share of a generated sentence's content words that must occur in the sentences it cites.
# Paraphrase changes some words; 0.75 keeps faithful rewordings in our tests and rejects
# sentences that add claims of their own.
CONTENT_SUPPORT_MIN = 0.75
_CITES_RE = re.compile(r"(?:\s*\[\s*\d+(?:\s*[,;]\s*\d+)*\s*\])+")
_SENTENCE_END_RE = re.compile(r"(?<=[.!?])[\"')\]]*\s+")

SYSTEM_PROMPT = (
    "You write neutral news summaries. Use only the numbered source sentences. After every "
    "sentence you write, cite the sources that state it, like [2][5]. Do not add facts, "
    "opinions or loaded words; attribute claims to who made them."
)


def endpoint(settings: Settings) -> str:
    base = settings.llm_url.rstrip("/")
    return f"{base}/chat/completions" if base.endswith("/v1") else f"{base}/v1/chat/completions"


def source_units(story: Story, request: SummaryRequest) -> list[int]:
    """Units offered to the model: the best connected (and on-focus) ones, in story order."""
    focus = focus_terms(request.focus, request.settings)
    pool = [i for i, u in enumerate(story.units) if i not in story.seen and u.penalty < 1.0]

    def weight(i: int) -> float:
        hits = len(focus & set(story.units[i].content)) if focus else 0
        return float(story.similarity[i].sum()) * (1 - story.units[i].penalty) * (1 + hits)

    best = sorted(pool, key=weight, reverse=True)[:MAX_SOURCES]
    return sorted(best, key=lambda i: (story.units[i].article, story.units[i].position))


def build_messages(story: Story, offered: Sequence[int], request: SummaryRequest) -> list[dict]:
    lines = [f"[{n}] {story.units[i].text}" for n, i in enumerate(offered, start=1)]
    task = f"Write a summary of at most {request.words} words"
    if request.focus:
        task += f" that answers: {request.focus}"
    user = f"{task}.\n\nSources:\n" + "\n".join(lines)
    return [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": user}]


def chat(messages: list[dict], settings: Settings, client: httpx.Client | None) -> str:
    """POST the chat request and return the answer's text, or raise a one-line LLMError."""
    if not settings.llm_url:
        raise LLMError("the llm summary strategy needs llm_url (MANYSIDES_LLM_URL)")
    url = endpoint(settings)
    headers = {"Authorization": f"Bearer {settings.llm_key}"} if settings.llm_key else {}
    body = {"model": settings.llm_model or "default", "messages": messages, "temperature": 0}
    own = client is None
    http = client or httpx.Client(timeout=settings.llm_timeout)
    try:
        response = http.post(url, json=body, headers=headers, timeout=settings.llm_timeout)
    except httpx.HTTPError as exc:
        raise LLMError(f"LLM endpoint {url}: {type(exc).__name__}: {exc}") from exc
    finally:
        if own:
            http.close()
    if response.status_code != 200:
        raise LLMError(f"LLM endpoint {url} answered HTTP {response.status_code}")
    try:
        return str(response.json()["choices"][0]["message"]["content"])
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        raise LLMError(
            f"LLM endpoint {url} answered something that is not a chat completion"
        ) from exc


def parse_answer(answer: str) -> list[tuple[str, tuple[int, ...]]]:
    """Split an answer into (sentence, cited source numbers); uncited text gets ()."""
    result: list[tuple[str, tuple[int, ...]]] = []
    position = 0
    for match in _CITES_RE.finditer(answer):
        cited = tuple(int(n) for n in re.findall(r"\d+", match.group(0)))
        chunk = answer[position : match.start()]
        sentences = [s.strip() for s in _SENTENCE_END_RE.split(chunk) if s.strip()]
        result += [(s, ()) for s in sentences[:-1]]
        if sentences:
            result.append((sentences[-1], cited))
        elif result:  # citations right after a sentence's full stop
            text, earlier = result[-1]
            result[-1] = (text, earlier + cited)
        position = match.end()
        if answer[position : position + 1] in ".!?":
            result[-1] = (result[-1][0].rstrip() + answer[position], result[-1][1])
            position += 1
    tail = [s.strip() for s in _SENTENCE_END_RE.split(answer[position:]) if s.strip()]
    return [(t, c) for t, c in result if t] + [(s, ()) for s in tail if re.search(r"\w", s)]


def _stem(word: str) -> str:
    """Crude prefix stem so that 'repairs'/'repair' and 'closed'/'closure' compare equal."""
    return word[:5] if len(word) > 5 else word


def verify(sentence: str, sources: Sequence[str]) -> str | None:
    """None when ``sources`` support ``sentence``; else the reason it is not supported."""
    source_text = " ".join(sources)
    source_words = set(tokenize(source_text))
    source_numbers = set(numbers(source_text))
    missing_numbers = [n for n in numbers(sentence) if n not in source_numbers]
    if missing_numbers:
        return f"numbers not in the cited sources: {', '.join(missing_numbers)}"
    first = sentence.split(" ", 1)[0]
    names = [n for n in capitalized_terms(sentence) if n != first or " " in n]
    missing_names = [n for n in names if not set(tokenize(n)) <= source_words]
    if missing_names:
        return f"names not in the cited sources: {', '.join(missing_names)}"
    words = content_tokens(tokenize(sentence))
    stems = {_stem(w) for w in source_words}
    found = sum(_stem(w) in stems for w in words)
    if words and found / len(words) < CONTENT_SUPPORT_MIN:
        return f"only {found} of {len(words)} content words are in the cited sources"
    return None


def check_sentences(
    parsed: list[tuple[str, tuple[int, ...]]], story: Story, offered: Sequence[int]
) -> tuple[list[SummarySentence], list[RejectedSentence]]:
    kept: list[SummarySentence] = []
    rejected: list[RejectedSentence] = []
    for text, cited in parsed:
        unknown = [n for n in cited if not 1 <= n <= len(offered)]
        if not cited or unknown:
            reason = f"cites unknown source [{unknown[0]}]" if unknown else "cites no source"
            rejected.append(RejectedSentence(text, reason))
            continue
        units = [story.units[offered[n - 1]] for n in dict.fromkeys(cited)]
        problem = verify(text, [u.text for u in units])
        if problem:
            rejected.append(RejectedSentence(text, problem))
        else:
            kept.append(SummarySentence(text, tuple(dict.fromkeys(u.citation for u in units))))
    return kept, rejected


def within_budget(sentences: Sequence[SummarySentence], words: int) -> tuple[SummarySentence, ...]:
    """The leading sentences that fit in ``words`` (the model may overrun its budget)."""
    kept: list[SummarySentence] = []
    used = 0
    for sentence in sentences:
        used += word_count(sentence.text)
        if used > words and kept:
            break
        kept.append(sentence)
    return tuple(kept)


def llm_summary(request: SummaryRequest) -> Summary:
    """Ask the endpoint for a cited summary and keep only sentences their sources support."""
    settings = request.settings or Settings()
    story = build_story(request)
    offered = source_units(story, request)
    if not offered:
        return Summary()
    answer = chat(build_messages(story, offered, request), settings, request.client)
    kept, rejected = check_sentences(parse_answer(answer), story, offered)
    return Summary(within_budget(kept, request.words), tuple(rejected))
