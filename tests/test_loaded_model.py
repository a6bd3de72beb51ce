import json

from tests.conftest import make_article

from manysides.lexicon import load_lexicon
from manysides.loaded import MODEL_REASON, loaded_spans
from manysides.loaded_model import (
    WORD_MODEL_FILE,
    WordModel,
    candidate,
    load_word_model,
    token_features,
)


def test_model_file_records_its_training_and_licence():
    data = json.loads(WORD_MODEL_FILE.read_text(encoding="utf-8"))
    about = data["about"]
    assert about["licence"] == "weights derived from BASIL; no text of it is stored"
    assert 0.0 < about["cross_fitted_average_precision"] < about["train_average_precision"]
    assert set(data["folds"]) == {"A", "B"}
    # Only abstract features and single lemmas: no multiword text from the data set.
    assert all(" " not in key for key in data["weights"] if not key.startswith("rule="))
    assert any(key.startswith("lemma=") for key in data["weights"])


def test_shipped_model_and_its_halves_load():
    model = load_word_model()
    assert 0.5 <= model.threshold < 1.0
    assert load_word_model(fold="A").threshold == model.threshold
    assert load_word_model(fold="A").weights != load_word_model(fold="B").weights


def test_probability_is_a_logistic_dot_product():
    model = WordModel(weights={"a": 2.0, "b": -1.0}, intercept=-1.0, threshold=0.5)
    assert model.probability({"a": 1.0, "b": 1.0}) == 0.5
    assert round(model.probability({"a": 1.0}), 4) == 0.7311


def test_model_is_opt_in_and_adds_a_word_no_rule_flags(parse):
    (parsed,) = parse(
        make_article(
            "Critics called the budget a wrongheaded gamble that fails the poorest families."
        )
    )
    assert loaded_spans(parsed) == ()
    flagged = loaded_spans(parsed, word_model=load_word_model())
    assert [(s.text, s.reason) for s in flagged] == [("fails", MODEL_REASON)]


def test_plain_reporting_gets_no_model_flag(parse):
    (parsed,) = parse(
        make_article("Officials said the bridge would reopen on Monday after repairs.")
    )
    assert loaded_spans(parsed, word_model=load_word_model()) == ()


def test_features_name_the_rule_and_the_word_shape(nlp):
    doc = nlp("The senator brusquely dismissed the report.")
    adverb = doc[2]
    assert candidate(adverb) and candidate(doc[1])
    features = token_features(adverb, load_lexicon(), "uncommon adverb", False, False)
    assert features["pos=ADV"] == 1.0
    assert features["rule=uncommon adverb"] == 1.0
    assert features["suffix_ly"] == 1.0
    assert features["lemma=brusquely"] == 1.0
    assert features["quoted"] == 0.0
    assert not candidate(doc[0])  # "The": a stopword
