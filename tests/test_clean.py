"""clean_text: boilerplate goes with a reason, prose stays word for word."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import make_article
from manysides.clean import (
    boilerplate_reason,
    clean_text,
    credited_author,
    credited_date,
    credited_outlet,
    looks_tokenized,
    untokenized,
    without_dateline,
)
from manysides.model import Removed
from manysides.nlp import dateline_end

CORPUS = Path(__file__).parent / "corpus" / "ingest"


def test_seed_like_article_loses_every_boilerplate_line_and_keeps_the_reporting():
    body = (CORPUS / "harbor_dam.txt").read_text(encoding="utf-8").split("\n", 2)[2]
    text, removed = clean_text(body)
    assert removed == (
        Removed("Harbor Valley News Foundation logo", "logo caption"),
        Removed("Nora Quill Water and Energy Reporter", "byline"),
        Removed("Font Size:", "widget"),
        Removed("ALSO WATCH: Flood drills on the Millbrook river", "teaser"),
        Removed("– READ MORE", "teaser"),
        Removed("Follow Nora on Twitter", "share prompt"),
        Removed("Send tips to", "share prompt"),
        Removed(
            "Content created by The Harbor Valley News Foundation is available without charge"
            " to any eligible news publisher that can provide a large audience. For licensing"
            " opportunities of our original content, please contact",
            "licensing trailer",
        ),
    )
    paragraphs = text.split("\n\n")
    assert len(paragraphs) == 5
    assert paragraphs[0].startswith("Repairs to the Millbrook Dam have stalled")
    # the marker goes, the sentence before it stays
    assert paragraphs[3] == (
        "Engineers estimate that about 3,000 homes downstream would need to be evacuated"
        " if the spillway failed during a major storm."
    )
    assert "failed to follow the inspection schedule" in text
    assert "“Our crews followed every order we were given.”" in text  # curly quotes kept
    assert paragraphs[4].startswith("Share prices of the contractor")
    assert credited_outlet(removed) == "Harbor Valley News Foundation"
    assert credited_author(removed) == "Nora Quill"


def test_comment_form_truncation_notice_and_syndication_credit():
    text, removed = clean_text((CORPUS / "syndicated.txt").read_text(encoding="utf-8"))
    assert [r.reason for r in removed] == [
        "syndication credit",
        "truncation notice",
        "comment form",
        "comment form",
    ]
    assert removed[3].text == (
        "Your email address will not be published. Required fields are marked *"
    )
    assert credited_outlet(removed) == "Pine Ridge Ledger"
    assert text.count("\n\n") == 2
    assert "Residents who want to read more about the vote" in text
    assert "urged the council to share the ferry records" in text
    assert "“We tried to follow the money, and the money ran out,”" in text


PROSE = [
    "She declined to follow the governor’s lead on the budget.",
    "Follow the money, the auditor told the council on Friday.",
    "Officials said they would follow up on Twitter after the hearing ended.",
    "Share prices fell 4% after the announcement.",
    "Shareholders will vote on the merger in May.",
    "The mayor unveiled the city’s new logo at a ceremony on Friday.",
    "The new logo",
    "Readers who subscribe to the newsletter will get flood alerts, the editor said.",
    "Sign up for the draft was slow, recruiters said.",
    "Residents can read more about the plan on the county’s website.",
    "He told reporters to read more carefully before they wrote.",
    "Send tips to police, the sheriff urged residents.",
    "Copyright law was at the center of the case.",
    "First published in 1851, the newspaper became a daily fixture in the valley.",
    "The essay was originally published in a small journal, she said.",
    "Leave a reply to the council by March 3, the notice said.",
    "Related cases are pending in two other counties.",
    "Watch the river closely this week, the forecaster warned.",
    "Comments from the public will be accepted until June.",
    "Font sizes on the ballots were too small, voters complained to the county clerk.",
    "Content created by students was shown at the fair.",
    "The council said it would share the report with residents – and read more of it aloud.",
    "He urged listeners to subscribe to the newsletter.",
    "Facebook, X and Email outages left the clinic without bookings.",
    "News | Sports | Weather",
    "More than 300 riders signed the petition, organizers said.",
    "More or less, the ferry budget held this year.",
    # parentheses that credit no photo
    "The bill was filed by Rep. Ana Roe (R-Texas)",
    "The ratio of debt to output rose to 3.2 (debt/GDP).",
    "Ferry fares rose 4 percent in the quarter (year over year).",
    "Interested in the ferry plan? Add your name to the list the council keeps, a clerk said.",
    # news that speaks of views expressed, inboxes and signing up
    "The league said the views expressed by its coach were his own and had hurt fans abroad.",
    "Scammers promise prizes to your inbox if you sign up, the county warned.",
    "By signing up, you agree to share your location, the app's critics noted in the hearing.",
    (  # a sign-up and an inbox in a paragraph longer than any form
        "Sign up for the pilot and fare alerts come to your inbox: that was the pitch of the "
        "transit agency's notice, which set off weeks of argument at the council, where members "
        "asked who would see the addresses, how long they would be kept, whether the agency "
        "could sell them to anyone at all, and why a paper timetable at each stop would not "
        "serve just as well for the many riders who have no phone, no computer and no wish to "
        "own either of them, nor any wish to be sent a notice they never asked for by a "
        "transit agency that cannot keep its own buses running on time in the winter months."
    ),
]


@pytest.mark.parametrize("sentence", PROSE)
def test_prose_with_boilerplate_words_stays(sentence):
    text, removed = clean_text(f"{sentence}\n\nThe vote is set for Tuesday.")
    assert removed == ()
    assert text == f"{sentence}\n\nThe vote is set for Tuesday."


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Follow us on Facebook, Instagram and X", "share prompt"),
        ("Follow @bayside_courier", "share prompt"),
        ("Share this article", "share prompt"),
        ("Share on Facebook", "share prompt"),
        ("Send tips to nora.quill@example.org", "share prompt"),
        ("Have a tip? Email news@example.org", "share prompt"),
        ("Subscribe to our newsletter", "share prompt"),
        ("Sign up for our free daily newsletter", "share prompt"),
        ("READ MORE: Council delays the ferry vote", "teaser"),
        ("Related: Bayside ferry adds a late-night crossing", "teaser"),
        ("More: Bayside ferry adds a late-night crossing", "teaser"),
        ("Read more", "teaser"),
        ("Leave a Comment", "comment form"),
        ("Required fields are marked *", "comment form"),
        ("Save my name, email, and website in this browser for the next time I comment.",
         "comment form"),
        ("Text size", "widget"),
        ("5 min read", "widget"),
        ("Play Video 1:12 ' We never closed the pier ': Mayor Roe denies", "widget"),
        ("Play Video 0:58 Ferry crews work through the night – video", "widget"),
        ("Advertisement", "advertisement"),
        ("Story continues below advertisement", "advertisement"),
        ("Bayside Courier logo", "logo caption"),
        ("Mayor Ana Roe speaks at the ferry debate in Bayside, March 4, 2024. (Ken Lind/Harbor "
         "Wire)", "photo caption"),
        ("Crews work on the pier on Tuesday. (AP Photo/Dana Voss)", "photo caption"),
        ("Crews work on the pier on Tuesday. (Photo: Bayside Courier)", "photo caption"),
        ("Crews work on the pier on Tuesday. (Getty Images)", "photo caption"),
        ("FILE - In this Jan. 9, 2024 file photo, ferry crews gather at the Bayside pier. The "
         "council voted on Tuesday to delay the ferry contract by a year, the third delay "
         "since the vote was first set, to let the state finish its review of the pier. "
         "(AP Photo/Dana Voss, File)", "photo caption"),
        ("© 2024 Bayside Courier. All rights reserved.", "licensing trailer"),
        ("Copyright 2024 Bayside Courier", "licensing trailer"),
        ("For licensing opportunities of our original content, please contact us",
         "licensing trailer"),
        ("This article was originally published by ledger-news.org.", "syndication credit"),
        ("Originally published at Harbor Valley Courier on March 4, 2024.",
         "syndication credit"),
        ("Republished with permission", "syndication credit"),
        ("Read the full article at the Ledger…", "truncation notice"),
        ("[…]", "truncation notice"),
        ("Get the weekend briefing in your inbox: Sign up for our newsletter now",
         "share prompt"),
        ("Subscribe on your favorite app, wherever you listen to podcasts.", "share prompt"),
        ("Follow our flood coverage at https://example-news.com/floods", "share prompt"),
        ("For more on the ferry budget, click here.", "teaser"),
        ("Council delays the ferry vote again Read more", "teaser"),
        ("This column was first published in the Harbor Valley Courier.", "syndication credit"),
        ("Share this article: Facebook | X | Email", "share prompt"),
        ("Share: Facebook • LinkedIn • Copy link", "share prompt"),
        ("WhatsApp · Email · Print", "share prompt"),
        ("Want the Harbor Brief in your inbox every day? Sign up here.", "share prompt"),
        (  # a sign-up form with its consent line, longer than a prompt
            "Harbor Brief newsletter The ferry, the docks and the council, every weekday "
            "morning, in your inbox. Email Sign Up By signing up you agree to receive email "
            "from the Courier. You can unsubscribe at any time.",
            "share prompt",
        ),
        (
            "Newsletter Sign Up Please verify your address. Invalid email address. You will "
            "receive emails with news from the Courier. You may opt out at any time. Thank you "
            "for subscribing.",
            "share prompt",
        ),
        (
            "JUST WATCHED Ferry crews on the night shift Replay More Videos ... MUST WATCH "
            "Ferry crews on the night shift 02:14",
            "widget",
        ),
        (
            "Ana Ruiz is a Courier columnist who covers the docks. Read more opinion LISTEN TO "
            "ARTICLE 3:05 SHARE THIS ARTICLE Share Tweet Post Email",
            "widget",
        ),
        ("The views expressed in this column are the author's own.", "disclaimer"),
        (
            "Lena Park is a historian of the harbor and the author of two books on its ferries. "
            "Follow her on X. The opinions expressed in this commentary are solely hers.",
            "disclaimer",
        ),
        ("This is a rush transcript. It may be revised.", "transcript notice"),
        (
            "Interested in Harbor Ferries? Add Harbor Ferries as an interest to follow the "
            "newest Harbor Ferries stories from KXL News. Add Interest",
            "share prompt",
        ),
    ],
)
def test_boilerplate_lines(line, reason):
    assert boilerplate_reason(line) == reason
    text, removed = clean_text(f"The vote is set for Tuesday.\n\n{line}")
    assert text == "The vote is set for Tuesday."
    assert removed == (Removed(line, reason),)


@pytest.mark.parametrize(
    ("paragraph", "kept", "marker"),
    [
        ("Crews worked all night. – READ MORE", "Crews worked all night.", "– READ MORE"),
        ("Crews worked all night. — Read more »", "Crews worked all night.", "— Read more »"),
        ("Crews worked all night… Read more", "Crews worked all night", "… Read more"),
        ("Crews worked all night. READ MORE", "Crews worked all night.", "READ MORE"),
    ],
)
def test_trailing_teaser_marker_removes_only_the_marker(paragraph, kept, marker):
    text, removed = clean_text(paragraph)
    assert text == kept
    assert removed == (Removed(marker, "teaser"),)


def test_share_bar_between_paragraphs_goes_whole():
    text, removed = clean_text(
        "Ferry fares rise on Monday.\n\nFacebook | X | Email\n\nMonthly passes rise too."
    )
    assert text == "Ferry fares rise on Monday.\n\nMonthly passes rise too."
    assert removed == (Removed("Facebook | X | Email", "share prompt"),)


def test_byline_only_above_the_first_prose_and_only_when_not_a_sentence():
    text, removed = clean_text(
        "By Ada Brook and Tim Ward, Staff Writers\n\nThe port reopened on Monday after a"
        " week of repairs, officials said.\n\nEllen Park Staff Writer\n\nMore work is due."
    )
    assert removed == (Removed("By Ada Brook and Tim Ward, Staff Writers", "byline"),)
    assert "Ellen Park Staff Writer" in text  # below the prose: maybe a caption; kept
    assert credited_author(removed) == "Ada Brook"
    text, removed = clean_text("By Tuesday, the council had voted.\n\nIt was late.")
    assert removed == ()
    assert text.startswith("By Tuesday, the council had voted.")


def test_whitespace_normalized_inside_paragraphs_and_hard_wraps_joined():
    text, removed = clean_text(
        "The  council\u00a0met on\nMonday and voted\n to close the landing.\n\n\n"
        "Residents\tobjected.\r\n\r\nThe ferry ran for ninety years."
    )
    assert removed == ()
    assert text == (
        "The council met on Monday and voted to close the landing.\n\n"
        "Residents objected.\n\nThe ferry ran for ninety years."
    )


def test_without_blank_lines_every_line_is_a_paragraph():
    text, removed = clean_text("First line of news.\nShare this:\nSecond line of news.")
    assert text == "First line of news.\n\nSecond line of news."
    assert removed == (Removed("Share this:", "share prompt"),)


def test_only_boilerplate_leaves_nothing():
    text, removed = clean_text("Share this:\n\nLeave a Reply\n\n")
    assert text == ""
    assert [r.reason for r in removed] == ["share prompt", "comment form"]


def test_credited_outlet_prefers_syndication_then_logo_then_licensing():
    removed = (
        Removed("Content created by The Ledger Foundation is available without charge",
                "licensing trailer"),
        Removed("Ledger Foundation logo", "logo caption"),
    )
    assert credited_outlet(removed) == "Ledger Foundation"
    assert credited_outlet(removed[:1]) == "The Ledger Foundation"
    assert credited_outlet((Removed("Share this:", "share prompt"),)) is None


def test_timestamp_lines_at_the_top_go_and_give_the_date():
    lead = "The council met on Monday and voted to close the landing after a long debate."
    text, removed = clean_text(f"Published: March 8, 2018 4:21 PM ET\n\n{lead}")
    assert text == lead
    assert removed == (Removed("Published: March 8, 2018 4:21 PM ET", "timestamp"),)
    assert credited_date(removed) == "March 8, 2018 4:21 PM ET"
    for kept in ("Published in 1851, the newspaper became a fixture.",
                 "Updated guidance was issued Tuesday", "Published March 8"):
        assert clean_text(f"{kept}\n\n{lead}") == (f"{kept}\n\n{lead}", ())
    # below the first prose paragraph it is left alone
    assert clean_text(f"{lead}\n\nUpdated 03/08/2018 at 16:21 UTC")[1] == ()


TOKENIZED = (
    "Mayor Ana Okafor 's plan , '' the council said , `` does n't add up . ''\n"
    "We ’ re told the ferry ( the old one ) costs $ 40 a trip ; O ’ Dell ’ s crew "
    "disagrees : riders ’ fares rose in the ’ 90s , '' she said ...\n"
    "`` Fine , '' said Okafor ’ s aide . “ No comment , ” he added ! `` We ’ re gon na "
    "ride , '' a rider said . `` I got ta go . '' A 'fair deal ' , the ‘ new ’ fares say .\n"
    "She sang rock 'n ' roll . The pilots ' union and the 'new riders ' agree ."
)
PROSE_OF_IT = (
    "Mayor Ana Okafor's plan,” the council said, “doesn't add up.”\n"
    "We’re told the ferry (the old one) costs $40 a trip; O’Dell’s crew "
    "disagrees: riders’ fares rose in the ’90s,” she said...\n"
    "“Fine,” said Okafor’s aide. “No comment,” he added! “We’re gonna "
    "ride,” a rider said. “I gotta go.” A 'fair deal', the ‘new’ fares say.\n"
    "She sang rock 'n' roll. The pilots' union and the 'new riders' agree."
)


def test_a_highlights_label_glued_to_the_first_bullet_goes_and_the_bullets_stay() -> None:
    text, removed = clean_text(
        "Story highlights Council delays the ferry vote to May\n"
        "Riders say the fares are too high\n"
        "The council put off its vote on ferry fares on Tuesday after two hours of debate.\n"
        "Story highlights of the year are listed on page two."
    )
    assert text == (
        "Council delays the ferry vote to May\n\nRiders say the fares are too high\n\n"
        "The council put off its vote on ferry fares on Tuesday after two hours of debate.\n\n"
        "Story highlights of the year are listed on page two."
    )
    assert removed == (Removed("Story highlights", "page label"),)


def test_text_split_into_tokens_is_read_as_prose() -> None:
    assert looks_tokenized(TOKENIZED)
    assert untokenized(TOKENIZED) == PROSE_OF_IT
    assert untokenized(PROSE_OF_IT) == PROSE_OF_IT
    # prose with a stray spaced comma or two is not tokenized text
    stray = "The pier , long closed , reopened. Crews worked, slowly, for a year. It cost $5."
    assert not looks_tokenized(stray) and untokenized(stray) == stray
    # a lone single quotation mark may open, close or be an apostrophe: left where it is
    assert untokenized("Boats , '' he said , ' sail ' here . Docks , too . Fine .") == (
        "Boats,” he said, ' sail ' here. Docks, too. Fine."
    )


def test_a_people_card_inside_a_sentence_goes_and_the_sentence_stays() -> None:
    text, removed = clean_text(
        "The plan of Mayor Paul Jones Paul Martin JonesCouncil delays ferry vote Ferry fares "
        "rise again Jones: 'We will not back down' MORE (D) passed, said Ana de Vries Ana "
        "Maria de Vries2024 budget hearings set MORE, the clerk. Speaker Lu Ruiz Lu Ann Ruiz "
        "Ferry fares rise Budget set MORE (R) agreed.\n\n"
        "MORE riders took the ferry in May than in any month before."
    )
    assert text == (
        "The plan of Mayor Paul Jones (D) passed, said Ana de Vries, the clerk. Speaker Lu "
        "Ruiz (R) agreed.\n\n"
        "MORE riders took the ferry in May than in any month before."
    )
    assert removed == (
        Removed(
            "Paul Martin JonesCouncil delays ferry vote Ferry fares rise again Jones: "
            "'We will not back down' MORE",
            "people card",
        ),
        Removed("Ana Maria de Vries2024 budget hearings set MORE", "people card"),
        Removed("Lu Ann Ruiz Ferry fares rise Budget set MORE", "people card"),
    )


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("PORT ANSEL, Calder (CWS) — The ferry ran late.", "The ferry ran late."),
        ("ST. ANSEL, Calder _ the ferry ran late.", "The ferry ran late."),
        ("PORT VALE, Calder, March 3 (Coast Wire) -- The ferry ran late.", "The ferry ran late."),
        ("EASTBROOK, Calder., — The ferry ran late.", "The ferry ran late."),
        ("SAINT-ANSELME, Calder — The ferry ran late.", "The ferry ran late."),
        ("(Coast Wire) - The ferry ran late.", "The ferry ran late."),
        ("PARIS _ “Ferry 12, you are late,” the tower said.", "“Ferry 12, you are late,” the tower said."),
        ("Fares - up again - hurt riders.", "Fares - up again - hurt riders."),
        ("ALPHA-Omega agency said fares rose.", "ALPHA-Omega agency said fares rose."),
        ("NOTE: fares rose.", "NOTE: fares rose."),
    ],
)
def test_a_sentence_loses_the_wire_dateline_the_parse_reads_too(parse, sentence, expected):
    # the plain-text reader and the parse's (nlp.dateline_end) find the same dateline
    assert without_dateline(sentence) == expected
    (article,) = parse(make_article(sentence))
    dash = dateline_end(article.doc[0])
    stripped = sentence != expected
    assert (dash is not None) == stripped
    if stripped:
        end = article.doc[dash].idx + len(article.doc[dash].text)
        assert sentence[end:].lstrip()[1:] == expected[1:]


@pytest.mark.parametrize(
    "sentence",
    ["FERRY-FEES-1STLD _ PORT ANSEL _ The ferry ran late.", "FERRY-FEES _ PORT ANSEL _ The ferry ran late."],
)
def test_a_wire_slug_and_the_place_after_it_both_go(parse, sentence):
    # Before: a slug with a digit ("1STLD", a first lead) was no dateline to the plain-text
    # reader, and a slug without one took the place's dateline's turn ("PORT ANSEL _ The
    # ferry ..." was left). The parse reads the slug as the first dateline too.
    assert without_dateline(sentence) == "The ferry ran late."
    (article,) = parse(make_article(sentence))
    dash = dateline_end(article.doc[0])
    assert dash is not None
    assert sentence[article.doc[dash].idx :] == "_ PORT ANSEL _ The ferry ran late."
