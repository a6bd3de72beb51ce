from conftest import make_article
from manysides.lexicon import headline_rule_words, load_lexicon, read_rules, word_hit
from manysides.loaded import loaded_spans, span_weight


def hits(parse, text):
    (parsed,) = parse(make_article(text))
    return [(s.text, s.reason) for s in loaded_spans(parsed, load_lexicon())]


def test_hyperbole_and_set_metaphors_of_violence(parse):
    assert hits(parse, "The senator came under fire on Monday for a staggering budget request.") == [
        ("came under fire", "metaphor of violence"),
        ("staggering", "hyperbole"),
    ]


def test_literal_weapons_are_not_a_metaphor(parse):
    assert hits(parse, "Officials said the weapons were found in a warehouse near the port.") == []


def test_uncommon_adverb_that_no_lexicon_rates(parse):
    assert hits(parse, "The minister brusquely waved away the question and left the room.") == [
        ("brusquely", "uncommon adverb")
    ]
    assert hits(parse, "The board approved the plan quickly after a short debate.") == []
    # a name that ends in -ly (a dog named Sully, tagged as an adverb here) is no word choice
    assert hits(parse, "Handlers said Sully would join a veterans program.") == []


def test_rules_match_hyphen_split_terms():
    rules = read_rules()
    assert rules[("scorched", "-", "earth")] == "metaphor of violence"
    assert rules[("out", "of", "control")] == "hyperbole"


def test_neutral_words_are_never_loaded_by_sentiment(nlp):
    doc = nlp("Three people were killed in the attack.")
    assert [word_hit(t, load_lexicon()) for t in doc] == [None] * len(doc)
    doc = nlp("Police said the attackers fled, and the fatalities and casualties were counted.")
    assert [word_hit(t, load_lexicon()) for t in doc] == [None] * len(doc)


def test_caricaturing_compounds_need_a_joined_hyphen(parse):
    assert hits(parse, "The gun-toting crowd and the media-bashing host met on Friday.") == [
        ("gun-toting", "caricaturing compound"),
        ("media-bashing", "caricaturing compound"),
    ]
    # spaced, it is no compound: only the colloquial verb counts (at half weight)
    assert hits(parse, "The council backed a gun - toting ban on Friday.") == [
        ("toting", "uncommon verb")
    ]


def test_accusations_of_deceit_dismissals_and_character_judgements(parse):
    assert hits(parse, "The mayor lied about the budget, and his screed showed his greed.") == [
        ("lied", "accusation of deceit"),
        ("screed", "dismissive characterisation"),
        ("greed", "character judgement"),
    ]
    assert hits(parse, "The town lay on the river and its budget fell by 2 percent.") == []


def test_partisan_framing_terms_and_nicknames(parse):
    assert hits(parse, "The wingnuts backed the amnesty plan and a death tax repeal.") == [
        ("wingnuts", "pejorative or partisan label"),
        ("amnesty", "partisan framing term"),
        ("death tax", "partisan framing term"),
    ]
    assert hits(parse, "The estate tax applies to estates above a set value.") == []


def test_disaster_metaphors_but_not_a_persons_name(parse):
    assert hits(parse, "The war became a quagmire and the budget a nightmare.") == [
        ("quagmire", "disaster metaphor"),
        ("nightmare", "disaster metaphor"),
    ]
    assert hits(parse, "Senator Arlen Specter voted for the budget on Monday.") == []


def test_positive_valence_counts_less_than_negative(nlp):
    lexicon = load_lexicon()
    assert (lexicon.valence["hopeful"], lexicon.valence["hateful"]) == (2.3, -2.2)
    doc = nlp("The hopeful volunteers met the hateful crowd.")
    assert [(t.text, h.reason) for t in doc if (h := word_hit(t, lexicon))] == [
        ("hateful", "emotive word")
    ]


def test_eponymous_allusions_and_charges_of_incompetence(parse):
    assert hits(parse, "The agency botched an Orwellian plan drawn up by his ilk.") == [
        ("botched", "charge of incompetence"),
        ("Orwellian", "eponymous allusion"),
        ("ilk", "pejorative or partisan label"),
    ]


def test_imputed_intent_and_exaggerated_frequency(parse):
    assert hits(parse, "The agency deliberately delayed the report and constantly moved it.") == [
        ("deliberately", "imputed intent"),
        ("constantly", "hyperbole"),
    ]


def test_adverbs_of_neutral_adjectives_and_rule_relations_are_neutral(nlp):
    lexicon = load_lexicon()
    doc = nlp("The order effectively bars firms that violate the accurate rules, she said.")
    assert [word_hit(t, lexicon) for t in doc] == [None] * len(doc)
    # the adverb of an evaluative adjective still is evaluative
    doc = nlp("The mayor arrogantly dismissed the plan.")
    assert [(t.text, h.reason) for t in doc if (h := word_hit(t, lexicon))] == [
        ("arrogantly", "uncommon evaluative word")
    ]


def test_plain_words_rare_only_in_form_are_not_loaded(parse):
    # "non-" of a common word, the adverb of a common adjective, and the plain verbs for
    # penalties and positions: rare spellings or negative valence, but no word choice.
    text = (
        "Inspectors toured the nonpublic wing, and a validly passed bylaw can punish"
        " landlords, tenants argued."
    )
    assert hits(parse, text) == []
    assert hits(parse, "The minister brusquely waved away a nonsensical question.") == [
        ("brusquely", "uncommon adverb"),
        ("nonsensical", "uncommon adjective"),  # "sensical" is no common word
    ]


def test_uncommon_verbs_nouns_and_negative_adjectives_count_half(parse):
    text = "The mayor dithered for weeks, a grift said the stubborn critics at the hall."
    (parsed,) = parse(make_article(text))
    spans = loaded_spans(parsed, load_lexicon())
    assert [(s.text, s.reason) for s in spans] == [
        ("dithered", "uncommon verb"),
        ("grift", "uncommon noun"),
        ("stubborn", "negative adjective"),
    ]
    assert [span_weight(s) for s in spans] == [0.5, 0.5, 0.5]


def test_plain_derivations_of_common_words_are_not_uncommon_verbs(parse):
    # rare spellings made by a prefix or a suffix of process from a common word, or formal
    # "-ate" verbs: no word choice
    text = (
        "The agency will redeploy staff, disallow late filings, recalibrate the model and"
        " promulgate the rules."
    )
    assert hits(parse, text) == []


def test_a_handle_or_brand_written_in_mixed_case_is_no_word_choice(parse):
    # Before: "realDanaRoe" (a social media handle, tagged a noun) was an uncommon noun; an
    # all-capitals word is still read as a word.
    text = "The mayor wrote on Friday to realDanaRoe about the budget, calling it DISASTROUS."
    assert hits(parse, text) == [("DISASTROUS", "emotive word")]


def test_headline_rule_words_read_title_case_and_phrases_without_a_parse():
    assert headline_rule_words("Mayor Slams Council Over Rogue Budget Vote") == ["slams", "rogue"]
    assert headline_rule_words("Senator lashes out at critics") == ["lashes out"]
    assert headline_rule_words("Port Officers Detain Illegal Aliens at Dock") == ["illegal aliens"]
    assert headline_rule_words("Council passes harbor budget on Monday") == []
    assert headline_rule_words("") == []


def test_attribution_verbs_in_senses_that_attribute_nothing(parse):
    plain = (
        "The group claimed responsibility for the attack on Friday. The crash claimed 12 lives "
        "near the border. The senator was admitted to the hospital on Monday."
    )
    assert hits(parse, plain) == []
    assert hits(parse, "The senator claimed the vote had been moved and admitted a delay.") == [
        ("claimed", "non-neutral attribution verb"),
        ("admitted", "non-neutral attribution verb"),
    ]


def test_figurative_words_naming_the_thing_itself_are_not_loaded(parse):
    plain = (
        "Officers found explosives in the van and an explosive device near the depot. "
        "The terror attack led to terror charges against two men on the terror watch list."
    )
    assert hits(parse, plain) == []
    assert hits(parse, "The explosive memo spread terror among the staff.") == [
        ("explosive", "hyperbole"),
        ("terror", "emotive word"),
    ]
    assert headline_rule_words("Explosive Device Found Near Depot") == []
    assert headline_rule_words("Police Seize Explosives in Van") == []
    assert headline_rule_words("Explosive Memo Rocks Council") == ["explosive"]
