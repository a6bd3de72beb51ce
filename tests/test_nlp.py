import importlib
import threading
from collections.abc import Sequence

import pytest

from conftest import make_article
from manysides import nlp as nlp_module
from manysides.errors import AnalysisError
from manysides.nlp import (
    ParsedArticle,
    analyzer_version,
    balanced_batches,
    dateline_dash,
    load_nlp,
    parse_articles,
    parse_workers,
    title_end,
)

TEXT = (
    "Harbor pilots voted on Friday to strike. The union said talks had failed.\n\n"
    "A short heading without a full stop\n\n"
    "Ferries will still run, the port authority said."
)


class MemoryCache:
    def __init__(self) -> None:
        self.data: dict[tuple[str, str], bytes] = {}
        self.gets = 0

    def get_parses(self, article_ids: Sequence[str], version: str) -> dict[str, bytes]:
        self.gets += 1
        return {a: self.data[(a, version)] for a in article_ids if (a, version) in self.data}

    def put_parses(self, parses: dict[str, bytes], version: str) -> None:
        self.data.update({(a, version): b for a, b in parses.items()})


def test_sentences_never_cross_paragraphs_and_point_into_the_text(nlp) -> None:
    article = make_article(TEXT)
    (parsed,) = parse_articles([article], nlp)
    assert [s.text for s in parsed.sentences] == [
        "Harbor pilots voted on Friday to strike.",
        "The union said talks had failed.",
        "A short heading without a full stop",
        "Ferries will still run, the port authority said.",
    ]
    assert [s.index for s in parsed.sentences] == [0, 1, 2, 3]
    assert all(TEXT[s.start : s.end] == s.text for s in parsed.sentences)
    assert parsed.sentence_span(3).text == "Ferries will still run, the port authority said."


def test_cache_is_filled_then_used(nlp) -> None:
    cache = MemoryCache()
    first, second = make_article(TEXT), make_article("Tolls rise on the bridge next month.")
    parse_articles([first], nlp, cache)
    assert set(cache.data) == {(first.id, analyzer_version(nlp))}
    parsed = parse_articles([second, first], nlp, cache)
    assert [p.id for p in parsed] == [second.id, first.id]  # input order kept
    assert len(cache.data) == 2
    assert [s.text for s in parsed[1].sentences][0] == "Harbor pilots voted on Friday to strike."
    assert isinstance(parsed[0], ParsedArticle) and parsed[1].doc.has_annotation("DEP")


def test_analyzer_version_names_the_model(nlp) -> None:
    assert analyzer_version(nlp).startswith("9-core_web_sm")


def test_a_title_opening_the_text_is_one_sentence(nlp) -> None:
    body = "The council met on Tuesday in Millbrook to discuss it."
    cut = [
        ("Harbor Board Battles To Save Ferry Deal As Captains Quit", ". "),
        ("LEVY: Harbor board budget headed for overhaul in council", ". "),
        ("Millbrook Mayor Proposes Cutting Bridge Tolls To $0 And Requiring Buses To Stop", " "),
    ]
    articles = [make_article(title + gap + body, title=title) for title, gap in cut]
    for (title, gap), parsed in zip(cut, parse_articles(articles, nlp), strict=True):
        assert [s.text for s in parsed.sentences] == [title + gap.strip(), body]
        # Without its title the model cuts each of these headlines in two.
        assert [s.text for s in nlp(title + gap + body).sents][0] != title + gap.strip()


def test_title_end_is_where_the_opening_title_stops() -> None:
    assert title_end("Vote Set. The board met.", "Vote Set") == 9
    assert title_end("Vote Set?! The board met.", "Vote Set") == 10
    assert title_end("Vote Set\nThe board met.", "Vote Set") == 8
    assert title_end("Vote Set The board met.", "Vote Set") == 8
    assert title_end("Vote Set", "Vote Set") == 8
    assert title_end("Vote Settles the levy.", "Vote Set") == 0
    assert title_end("Vote set for the levy.", "Vote set") == 0
    assert title_end("The board met.", "Vote Set") == 0
    assert title_end("The board met.", "") == 0


def test_no_sentence_starts_at_a_lower_case_word_mid_sentence(nlp) -> None:
    text = (
        "Experts doubt the plan. Laws merely limiting cooperation with ICE don’t amount to "
        "illegal harboring, said Tom Diaz, a lawyer. “We will go,” he said. then the vote came."
    )
    (parsed,) = parse_articles([make_article(text)], nlp)
    assert [s.text for s in parsed.sentences] == [
        "Experts doubt the plan.",
        "Laws merely limiting cooperation with ICE don’t amount to illegal harboring, said Tom Diaz, a lawyer.",
        "“We will go,” he said.",
        "then the vote came.",
    ]


def test_no_sentence_starts_at_the_name_after_a_dotted_title(nlp) -> None:
    text = (
        "Medics will talk with Sgt. Odum about the crossing. The video shows Army Cpl. "
        "Rena Vos and Capt. Ilya Marsh before the handover. Lt. Gen. Tavi Brook thanked "
        "Dr. Pell. Then the convoy left."
    )
    (parsed,) = parse_articles([make_article(text)], nlp)
    assert [s.text for s in parsed.sentences] == [
        "Medics will talk with Sgt. Odum about the crossing.",
        "The video shows Army Cpl. Rena Vos and Capt. Ilya Marsh before the handover.",
        "Lt. Gen. Tavi Brook thanked Dr. Pell.",
        "Then the convoy left.",
    ]
    assert {"Sgt.", "Cpl.", "Capt.", "Lt."} <= {token.text for token in parsed.doc}


def test_a_dateline_in_capitals_stays_on_its_first_sentence(nlp) -> None:
    text = (
        "Ferry news\n\n"
        "PORT ELBE, Wren — The county opened two cooling centers on Monday.\n\n"
        "PORT ANSEL, Calder (CWS) — State Attorney General Nina Oduya sued the port on Monday.\n\n"
        "LAKE TESSIN _ Ferry crews walked off the job on Tuesday, the union said."
    )
    (parsed,) = parse_articles([make_article(text)], nlp)
    assert [s.text for s in parsed.sentences] == [
        "Ferry news",
        "PORT ELBE, Wren — The county opened two cooling centers on Monday.",
        "PORT ANSEL, Calder (CWS) — State Attorney General Nina Oduya sued the port on Monday.",
        "LAKE TESSIN _ Ferry crews walked off the job on Tuesday, the union said.",
    ]


def test_no_sentence_starts_inside_a_quotation_its_sentence_goes_on_after(nlp) -> None:
    text = (
        "“We asked for a fair contract. If the port will not listen, the ships will wait,” said "
        "Mara Tull. “Why now? Why us?” asked one pilot. He said: “We are ready. The ships can "
        "wait.” Talks resume on Monday."
    )
    (parsed,) = parse_articles([make_article(text)], nlp)
    assert [s.text for s in parsed.sentences] == [
        "“We asked for a fair contract. If the port will not listen, the ships will wait,” said "
        "Mara Tull.",
        "“Why now? Why us?” asked one pilot.",
        # a quotation that ends its sentence keeps its own sentences
        "He said: “We are ready.",
        "The ships can wait.”",
        "Talks resume on Monday.",
    ]


def test_a_closing_quotation_mark_stays_on_its_sentence(nlp) -> None:
    # Straight marks at a paragraph's end: the model made the closing mark a sentence alone.
    text = (
        '"Our crews work every night. Nobody wants this to take longer than it must."\n\n'
        'He said: "The ferry keeps running."\n\n'
        'She called the delay "sad." Then she left.'
    )
    (parsed,) = parse_articles([make_article(text)], nlp)
    assert [s.text for s in parsed.sentences] == [
        '"Our crews work every night.',
        'Nobody wants this to take longer than it must."',
        'He said: "The ferry keeps running."',
        'She called the delay "sad."',
        "Then she left.",
    ]


def test_missing_model_is_a_clear_error() -> None:
    with pytest.raises(
        AnalysisError, match="no spaCy English model installed \\(tried no_such_model_pkg\\)"
    ):
        load_nlp("no_such_model_pkg")


SLANGY = (
    "There is a ferry at noon, and there were two more yesterday. I told it to him, and he "
    "told it to me: we're gonna wait, y'all. Let's go, said Ona Brill, who ain't leaving.\n\n"
    "“Do it now,” she said. I did. Did you?   It rained.\n\n\nThe ferries' owners had sold "
    "them; the owner has sold it. Isn't that so? Those were the days, cannot you see?\n\n"
    "The ferry is late."
)


def _annotations(doc) -> list[tuple]:
    return [
        (
            t.text,
            t.tag_,
            t.pos_,
            str(t.morph),
            t.lemma_,
            t.dep_,
            t.head.i,
            t.ent_type_,
            t.is_sent_start,
        )
        for t in doc
    ]


def test_memoized_attributes_match_the_models_own_components(nlp) -> None:
    reference = importlib.import_module(f"{nlp.meta['lang']}_{nlp.meta['name']}").load()
    reference.add_pipe("paragraph_boundaries", before="parser")
    assert "attribute_ruler" in reference.pipe_names and "memo_attributes" in nlp.pipe_names
    expected = _annotations(reference(SLANGY))
    # the ruler's two-token patterns fire here: "there were", "gon na", "y' all", "Let 's"
    assert expected[9][:3] == ("were", "VBD", "VERB")
    assert [expected[i][4] for i in (29, 30, 33, 37)] == ["go", "to", "you", "us"]
    # one token state (is, VBZ, ROOT) that only the neighbour tells apart
    assert [t[2] for t in expected if t[0] == "is"] == ["VERB", "AUX"]
    assert _annotations(nlp(SLANGY)) == expected  # states first seen
    assert _annotations(nlp(SLANGY)) == expected  # every state from the memo


def test_sentence_ents_are_the_entities_inside_each_sentence(nlp) -> None:
    text = (
        "Mara Quell met Ivo Senn in Lisbon on Monday.\n\n"
        "Nothing was agreed.\n\n"
        "The Harbor Board said Senn would return to Porto in June."
    )
    (parsed,) = parse_articles([make_article(text)], nlp)
    by_sentence = [[e.text for e in parsed.sentence_ents(s.index)] for s in parsed.sentences]
    assert by_sentence == [
        [e.text for e in parsed.sentence_span(s.index).ents] for s in parsed.sentences
    ]
    assert by_sentence[1] == [] and "Lisbon" in by_sentence[0] and "Porto" in by_sentence[2]
    assert parsed.sentence_span(2) is parsed.sentence_span(2)  # built once


def test_memo_computes_once_per_article(nlp) -> None:
    (parsed,) = parse_articles([make_article("Tolls rise on the bridge next month.")], nlp)
    calls: list[int] = []
    assert parsed.memo("test.n", lambda: calls.append(1) or len(calls)) == 1
    assert parsed.memo("test.n", lambda: calls.append(1) or len(calls)) == 1
    assert calls == [1]


def test_a_dateline_ends_at_a_spaced_dash_not_at_a_hyphen() -> None:
    words = ["SAINT", "-", "VELLE", ",", "Ostland", "(", "WNS", ")", "—", "The", "mill"]
    spaced = [False, False, False, True, True, False, False, True, True, True, False]
    assert dateline_dash(words, spaced, 0, len(words) - 1) == 8
    # A hyphenated name opening a sentence is no dateline when no dash follows.
    words = ["NOVA", "-", "Press", "news", "agency", "said", "it", "."]
    spaced = [False, False, True, True, True, True, False, False]
    assert dateline_dash(words, spaced, 0, len(words) - 1) is None
    words = ["BERLIN", "_", "Ferry", "crews", "walked", "out"]
    assert dateline_dash(words, [True] * 6, 0, len(words) - 1) == 1


def test_a_dateline_may_join_places_and_bracket_any_agency() -> None:
    # Before: a "/" between places, an agency in lower case or a redacted one, and an agency
    # opening the paragraph alone each ended no dateline, and the dateline became a
    # sentence of its own.
    cases = [
        (["PORT", "ANSEL", "/", "EASTBROOK", "(", "Coast", "Wire", ")", "-", "The"], 8),
        (["BERLIN", "(", "dpa", ")", "-", "The"], 4),
        (["ST", "ELBE", "’S", ",", "Wren", "(", "█", "█", ")", "—", "The"], 9),
        (["(", "Coast", "Wire", ")", "-", "The"], 4),
        (["(", "Coast", "Wire", ")", "The"], None),  # no dash after the brackets
        (["(", "a", "b", "c", "d", "e", "f", "g", ")", "-", "The"], None),  # no agency's length
    ]
    for words, dash in cases:
        assert dateline_dash(words, [True] * len(words), 0, len(words) - 1) == dash, words


def test_a_dateline_of_two_places_stays_on_its_sentence(nlp) -> None:
    text = (
        "PORT ANSEL/EASTBROOK (Coast Wire) - The ferry board met on Monday.\n\n"
        "(Coast Wire) - Fares rose again."
    )
    (parsed,) = parse_articles([make_article(text)], nlp)
    assert [s.text for s in parsed.sentences] == [
        "PORT ANSEL/EASTBROOK (Coast Wire) - The ferry board met on Monday.",
        "(Coast Wire) - Fares rose again.",
    ]


def test_taxes_are_taxes_and_installed_meets_install(nlp) -> None:
    # Before: the model's exception table read "taxes" as the plural of "taxis" (a story's
    # figures were grouped under "taxis") and "installed" as a form of "instal".
    doc = nlp("Taxes rose after the town installed meters. They install more.")
    assert [t.lemma_ for t in doc if t.pos_ in ("NOUN", "VERB")] == [
        "tax", "rise", "town", "install", "meter", "install",
    ]


def test_parse_workers_fork_only_long_batches_from_the_main_thread(monkeypatch) -> None:
    monkeypatch.setattr(nlp_module, "usable_cores", lambda: 2)
    long_batch = [5_000] * 25
    assert parse_workers(0, long_batch, in_main_thread=True) == 2
    assert parse_workers(1, long_batch, in_main_thread=True) == 1
    assert parse_workers(4, long_batch, in_main_thread=True) == 4  # asked for explicitly
    assert parse_workers(0, long_batch, in_main_thread=False) == 1  # a server's request thread
    assert parse_workers(0, [5_000] * 3, in_main_thread=True) == 1  # 15,000 characters: too short
    assert parse_workers(4, [9_000] * 5, in_main_thread=True) == 2  # two texts per worker at least
    monkeypatch.setattr(nlp_module, "usable_cores", lambda: 1)
    assert parse_workers(0, long_batch, in_main_thread=True) == 1


def test_balanced_batches_fill_spacys_fixed_size_batches_evenly() -> None:
    # 5 texts in 2 batches of 3 then 2 (spaCy deals batches of 3 in turn): longest first into
    # the lighter batch, 80 and 70 characters.
    assert balanced_batches([10, 50, 40, 30, 20], 2) == [[0, 1, 4], [2, 3]]
    assert balanced_batches([7, 7, 7, 7], 2) == [[0, 2], [1, 3]]
    # 7 texts in 3 batches: 3, 3 and the one left; 12, 11 and 5 characters.
    assert balanced_batches([1, 2, 3, 4, 5, 6, 7], 3) == [[1, 2, 6], [0, 3, 5], [4]]


def test_parsing_in_two_processes_gives_the_same_parses_in_order(nlp, monkeypatch) -> None:
    texts = [
        TEXT,
        "Tolls rise on the bridge next month. Drivers in Marlow said they would take the ferry.",
        "The council of Esterby met on Tuesday.\n\nIts mayor, Ines Halloran, said repairs start in May.",
        'Rain closed two schools. "We had no choice," the district said.',
        "A long quiet week at the harbor ended with a fire on Pier 4.",
    ]
    title = "Harbor Board Battles To Save Ferry Deal As Captains Quit"
    articles = [make_article(t) for t in texts]
    articles.append(make_article(f"{title}. The captains left on Monday.", title=title))
    alone = parse_articles(articles, nlp)
    calls: list[int] = []
    pipe = nlp.pipe

    def counted_pipe(*args, **kwargs):
        calls.append(kwargs.get("n_process", 1))
        return pipe(*args, **kwargs)

    monkeypatch.setattr(nlp_module, "MIN_FORKED_CHARS", 0)
    monkeypatch.setattr(nlp, "pipe", counted_pipe)
    forked = parse_articles(articles, nlp, processes=2)
    assert calls == [2]
    assert [p.id for p in forked] == [a.id for a in articles]
    attributes = ["ORTH", "TAG", "DEP", "HEAD", "LEMMA", "ENT_IOB", "ENT_TYPE", "SENT_START"]
    for one, two in zip(alone, forked, strict=True):
        assert one.doc.to_array(attributes).tolist() == two.doc.to_array(attributes).tolist()
        assert one.sentences == two.sentences
    assert forked[-1].sentences[0].text == f"{title}."
    # From another thread (a web server's request) the same call parses in this process.
    worker = threading.Thread(target=parse_articles, args=(articles, nlp), kwargs={"processes": 2})
    worker.start()
    worker.join()
    assert calls == [2, 1]


def test_a_dead_parse_worker_costs_time_not_the_batch(nlp, monkeypatch) -> None:
    articles = [make_article(TEXT), make_article("Tolls rise on the bridge next month.")]
    alone = parse_articles(articles, nlp)
    pipe = nlp.pipe

    def worker_dies(texts, **kwargs):
        if kwargs.get("n_process", 1) > 1:
            raise EOFError  # what reading from a killed worker's pipe raises
        return pipe(texts, **kwargs)

    monkeypatch.setattr(nlp_module, "MIN_FORKED_CHARS", 0)
    monkeypatch.setattr(nlp, "pipe", worker_dies)
    again = parse_articles(articles, nlp, processes=2)
    assert [p.sentences for p in again] == [p.sentences for p in alone]
    assert [p.doc.to_array(["DEP", "HEAD"]).tolist() for p in again] == [
        p.doc.to_array(["DEP", "HEAD"]).tolist() for p in alone
    ]
