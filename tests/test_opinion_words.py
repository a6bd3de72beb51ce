import pytest

from manysides.opinion_words import (
    MODEL_PATH,
    OpinionWords,
    leading_words,
    load_opinion_words,
    opinion_score,
    without_quotations,
)


def test_model_file_loads_with_its_about():
    model = load_opinion_words(MODEL_PATH)
    assert model.about["data"].startswith("AllSides dev articles")
    assert model.about["held_out_roc_auc"] == 0.7003
    assert model.about["C"] == 0.02
    assert len(model.weights) == 19306
    assert model.intercept == 0.0765


def test_opinion_wording_scores_above_plain_reporting():
    opinion = (
        "I think we must stop pretending this plan is anything but a disaster for our children."
    )
    news = "The council voted 7-2 on Tuesday to approve the budget, officials said."
    assert opinion_score(opinion) == pytest.approx(1.3454, abs=1e-9)
    assert opinion_score(news) == pytest.approx(-2.4484, abs=1e-9)


def test_a_word_counts_once_and_case_does_not_matter():
    assert opinion_score("Disaster disaster DISASTER.") == opinion_score("disaster")


def test_quotations_are_removed_with_their_marks():
    assert without_quotations('He called it "a disgrace" and “a farce” today.') == (
        "He called it   and   today."
    )


def test_leading_words_are_the_heaviest_opinion_words_of_the_text():
    model = OpinionWords(
        {"frankly": 0.9, "shameful": 0.9, "we": 0.4, "plan": 0.1, "said": -0.8}, -0.5, {}
    )
    # Ties go alphabetically; words against opinion ("said") and unknown words are no reason.
    assert leading_words("Frankly, we said the plan is shameful.", model) == (
        "frankly",
        "shameful",
        "we",
    )
    assert leading_words("The agency said so.", model) == ()
