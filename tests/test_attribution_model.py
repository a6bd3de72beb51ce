"""The trained cue scorer: its file, its features and a few decisions on invented sentences."""

from __future__ import annotations

from conftest import make_article
from manysides.attribution_model import (
    MODEL_PATH,
    load_model,
    reporting_cues,
    score,
    scored_cues,
)
from manysides.quotes import extract_quotes, quote_regions
from manysides.reported_speech import find_cues


def _scored(parse, text):
    (article,) = parse(make_article(text))
    quoted = [p for r in quote_regions(text) for p in r.parts]
    rule = find_cues(article.doc, quoted)
    return article, quoted, rule, scored_cues(article.doc, quoted, rule)


def test_model_file_loads_with_its_provenance():
    model = load_model()
    about = model["about"]
    assert "PolNeAR" in about["data"] and "train" in about["data"]
    assert "no text of it is stored" in about["licence"]
    assert about["dev_heldout"]["all"]["cues"] > 0
    assert isinstance(model["threshold"], float)
    assert len(model["weights"]) > 100
    assert MODEL_PATH.stat().st_size < 1_500_000
    # abstract features only: single words after the "=" and "|" of a feature name
    assert all(" " not in name for name in model["weights"])


def test_rule_and_candidate_cues_get_their_origin(parse):
    _, _, _, scored = _scored(parse, "Ann Roe signed the bill that funds the ferry.\n")
    origins = {cue.token.text: origin for cue, origin, _ in scored}
    assert origins["signed"] == "model"
    names = dict((cue.token.text, names) for cue, _, names in scored)["signed"]
    assert "lemma=sign" in names and "subject=ent_PERSON" in names and "obj=bill" in names


def test_a_verb_outside_the_lexicons_is_kept_when_it_scores_above_the_bar(parse):
    article, quoted, rule, scored = _scored(
        parse, "Ann Roe signed the bill that funds the ferry.\n"
    )
    kept = reporting_cues(article.doc, quoted, rule)
    assert [c.token.text for c in kept] == ["signed"]
    assert [(q.cue, q.speaker, q.text) for q in extract_quotes(article)] == [
        ("signed", "Ann Roe", "the bill that funds the ferry")
    ]


def test_a_verb_of_doing_with_no_speaker_is_no_cue(parse):
    article, quoted, rule, _ = _scored(parse, "The storm knocked down three trees near the pier.\n")
    assert reporting_cues(article.doc, quoted, rule) == []
    assert extract_quotes(article) == ()


def test_a_rule_cue_with_its_clause_scores_above_the_bar(parse):
    _, _, _, scored = _scored(parse, "Roe told the crowd she would fight the toll.\n")
    told = [names for cue, origin, names in scored if cue.token.text == "told"]
    assert len(told) == 1 and score(told[0]) >= load_model()["threshold"]
    assert "origin=rule" in told[0] and "lex=cue_verb" in told[0]


def test_a_candidate_holding_a_rule_cue_does_not_hide_it(parse):
    text = "Ann Roe fired off a reply saying she would not back the budget.\n"
    (article,) = parse(make_article(text))
    assert [q.cue for q in extract_quotes(article)] == ["saying"]


def test_a_verb_whose_subject_cannot_speak_is_still_a_candidate(parse):
    # PolNeAR annotates "the proposal drew criticism from ..." with no speaking subject: the
    # model, not the rules, weighs the subject's kind
    _, _, _, scored = _scored(
        parse, "The harbor proposal has drawn sharp criticism from fishing crews.\n"
    )
    names = {cue.token.text: names for cue, origin, names in scored if origin == "model"}
    assert "subject=noun" in names["drawn"] and "lemma=draw" in names["drawn"]


def test_a_whether_clause_hung_on_the_verb_as_an_adverbial_one_is_its_content(parse):
    # the parser hangs "whether ..." on "checked" as advcl; its mark stays in the content
    # (only "for" is dropped, as in "calling for the state to ...")
    article, _, _, scored = _scored(
        parse, "Ann Roe checked repeatedly whether the ferry would run in winter.\n"
    )
    (checked,) = [(cue, origin) for cue, origin, _ in scored if cue.token.text == "checked"]
    assert checked[1] == "model"
    text = article.doc.text
    assert [text[a:b] for a, b in checked[0].content] == ["whether the ferry would run in winter"]
