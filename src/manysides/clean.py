"""Boilerplate removal with reasons: ``clean_text(text) -> (clean_text, removed)``.

Precision first. A line is removed only when it matches one narrow rule as a whole (share,
follow, tip and sign-up prompts, teasers, comment forms, widgets, logo captions, licensing
and syndication trailers, truncation and transcript notices, a site's disclaimer that the
views are the author's, and bylines and timestamps above the first paragraph of prose); the
only partial removals are a trailing "– READ MORE" style marker, which keeps the prose
before it, a highlights label glued to the first bullet above the prose, and a site's
people card inside a sentence (below).
Everything removed is returned as ``Removed(text, reason)`` so a reader can check
that no reporting was lost.

Tier 1: regular expressions only, no spaCy.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from .model import Removed
from .text import dateline_length

__all__ = [
    "boilerplate_reason",
    "clean_text",
    "credited_author",
    "credited_date",
    "credited_outlet",
]

SHARE = "share prompt"
TEASER = "teaser"
COMMENT = "comment form"
WIDGET = "widget"
ADVERT = "advertisement"
LOGO = "logo caption"
BYLINE = "byline"
LICENSING = "licensing trailer"
SYNDICATION = "syndication credit"
TRUNCATION = "truncation notice"
TIMESTAMP = "timestamp"
PEOPLE_CARD = "people card"
DISCLAIMER = "disclaimer"
TRANSCRIPT = "transcript notice"
PAGE_LABEL = "page label"
PHOTO = "photo caption"

# A line longer than this is prose, whatever words it contains: every boilerplate line in
# the seeds and in our fixtures is at most 16 words except the licensing paragraph, which
# has its own rule (calibrated by reading the five seed articles; longest prompt = 16).
_MAX_PROMPT_WORDS = 20
# Some boilerplate runs longer: a sign-up form with its consent line, a video playlist entry,
# a columnist's note with the site's disclaimer (AllSides dev: 20-89 words). Only the rules
# in ``_LONG_LINE_RULES`` read lines up to this length.
_MAX_LONG_PROMPT_WORDS = 100

_PLATFORMS = (
    r"(?:twitter|x|facebook|instagram|linkedin|threads|bluesky|mastodon|tiktok|youtube"
    r"|telegram|whatsapp|truth social|google news|flipboard|reddit|pinterest)"
)
_HANDLE = r"@[\w.]+"
_NAME_WORD = r"(?:[A-Z][\w&.'’\-]*|of|the|and|for|&)"
_NAME = rf"(?:the\s+)?[A-Z0-9][\w&.'’\-]*(?:\s+{_NAME_WORD}){{0,7}}"
_DOMAIN = r"(?:www\.)?[a-z0-9\-]+(?:\.[a-z0-9\-]+)+"

_I = re.IGNORECASE
# What a share bar offers: a platform, mail, print, a link to copy.
_SHARE_LABEL = (
    rf"(?:(?:share\s+(?:on|via)\s+)?{_PLATFORMS}|share|e-?mail|print|tweet|pin(?:\s+it)?"
    r"|copy\s+(?:the\s+)?(?:link|url)|link|comments?|save|messenger|sms|text)"
)
_SHARE_PROMPT = r"share(?:\s+this(?:\s+(?:article|story|post|page|video))?)?"


def _full(pattern: str, flags: int = _I) -> re.Pattern[str]:
    return re.compile(rf"^(?:{pattern})$", flags)


# --- whole-line rules -----------------------------------------------------------------

_SHARE_RULES = (
    # "Follow Nora on Twitter", "Follow us on Facebook, Instagram and X @handle"
    _full(
        rf"(?:please\s+)?(?:follow|like|find|join)\s+(?:[\w@.'’\-]+\s+){{1,3}}on\s+{_PLATFORMS}"
        rf"(?:\s*(?:,|and|or|&)?\s*(?:{_PLATFORMS}|{_HANDLE}|at\s+{_HANDLE}))*\s*[.!:]?"
    ),
    _full(rf"follow\s+{_HANDLE}(?:\s+on\s+{_PLATFORMS})?\s*[.!]?"),
    _full(
        rf"{_SHARE_PROMPT}"
        rf"(?:\s+(?:on|via|with)\s+(?:{_PLATFORMS}|email|e-mail)(?:\s*(?:,|and|or)\s*{_PLATFORMS})*)?"
        r"\s*[:!]?"
    ),
    _full(r"(?:click|tap)\s+(?:here\s+)?to\s+(?:share|tweet|email|print)\b.{0,60}"),
    # A share bar: "Facebook | X | Email", "Share this article: Facebook • LinkedIn • Email"
    # (two or more share labels between bars or bullets, or one or more after a share prompt)
    _full(rf"{_SHARE_LABEL}(?:\s*[|•·]\s*{_SHARE_LABEL})+\s*[|•·]?"),
    _full(rf"{_SHARE_PROMPT}\s*[:|•·]\s*{_SHARE_LABEL}(?:\s*[|•·,]\s*{_SHARE_LABEL})*\s*[|•·]?"),
    _full(rf"(?:share|tweet|email|e-mail|print|pin|comments?|{_PLATFORMS})"),
    # "Send tips to", "Send tips to Jane Roe at jroe@example.com"
    _full(
        r"(?i:send\s+(?:us\s+)?(?:your\s+)?(?:news\s+)?tips(?:\s+to)?)"
        r"(?:\s+(?:[A-Z][\w.'’\-]*\s*){0,4})?(?:\s*(?:at\s+)?(?:\S+@\S+|@\w+))?\s*[.:]?",
        0,
    ),
    _full(r"(?:got|have)\s+a\s+(?:news\s+)?tip\s*\?.{0,120}"),
    _full(
        r"(?:click\s+here\s+to\s+)?(?:subscribe|sign\s+up)(?:\s+now|\s+today|\s+here)?"
        r"(?:\s+(?:to|for)\s+(?:our|the|a|free|daily|weekly|\w+(?:'s|’s)|\s)*"
        r"(?:[\w\-]+\s+){0,3}(?:newsletters?|podcast|channel|alerts?|e-?mails?|updates|digest"
        r"|briefing|feed))?(?:\s+(?:here|now|today))?\s*[.!:]?"
    ),
    _full(r"(?:get|receive)\s+(?:our|the)\s+(?:[\w\-]+\s+){0,3}newsletter\b.{0,80}"),
    # "Get daily updates in your inbox: Sign up for our newsletter now"
    _full(
        r".{0,150}\b(?i:sign\s+up\s+for|subscribe\s+to)\s+(?:(?i:our)\s+|the\s+[A-Z]\S*\s+|[A-Z]\S*\s+)"
        r"(?:\S+\s+){0,5}?(?i:newsletters?|podcasts?)(?:\s+(?i:now|here|today))?\s*[.!]?",
        0,
    ),
    _full(r"subscribe\s+(?:on|to|via)\s+.{1,120}\bpodcasts?\s*[.!]?"),
    _full(r"follow\s+.{1,80}?\s+(?:at|on)\s+https?\s*:\s*//.{0,200}"),
)
# Sign-up forms: an offer of mail "to your inbox" with a sign-up button, or the consent line
# under one ("By signing up you agree to receive ..."), with whatever the form says around it.
# A form addresses the reader and reports no one: a line that says who said or wrote
# something is reporting ("... if you sign up, the county warned").
_REPORTS_SPEECH = r"(?!.*\b(?:said|says|say|told|tells|wrote|writes|warned|warns|according)\b)"
_SIGNUP_BUTTON = (
    r"(?:(?-i:Sign\s+[Uu]p|SIGN\s+UP|Subscribe)|sign\s+up\s+(?:here|now|today|for|to\s+get)"
    r"|subscribe\s+(?:here|now|today|to))\b"
)
_SIGNUP_RULES = (
    _full(
        rf"{_REPORTS_SPEECH}(?=.*{_SIGNUP_BUTTON})"
        r".{0,400}\b(?:to|in|into)\s+your\s+(?:e-?mail\s+)?inbox\b.{0,400}"
    ),
    _full(
        rf"{_REPORTS_SPEECH}(?=.*\b(?:newsletters?|e-?mails?|inbox|alerts|privacy\s+policy)\b)"
        r"(?:.{0,400}\s)?by\s+signing\s+up,?\s+you\s+agree\b.{0,400}"
    ),
    # a topic-follow prompt, long as the forms are: "Interested in Ferries? Add Ferries as an
    # interest to follow ... Add Interest"
    _full(r"interested\s+in\s+.{1,80}\?\s+add\s+.{1,80}?\s+as\s+an\s+interest\b.{0,300}"),
    # a form's own words: "Sign Up ... You may opt out at any time."
    _full(
        rf"{_REPORTS_SPEECH}(?=.*{_SIGNUP_BUTTON})(?=.*\b(?:newsletters?|e-?mails?)\b)"
        r"(?:.{0,500}\s)?you\s+(?:may|can)\s+(?:opt[\s-]?out|unsubscribe)\s+at\s+any\s+time\b.{0,500}"
    ),
)

_TEASER_LABELS = (
    r"read\s+more|also\s+read|read\s+also|also\s+watch|also\s+see|see\s+also|watch"
    r"|related(?:\s+(?:story|stories|article|articles|coverage|video|content|reading))?"
    r"|recommended|more(?:\s+(?:on\s+this|from\s+[\w\s]{1,30}|coverage|news))?|don['’]t\s+miss"
    r"|trending|must\s+read|editor['’]s\s+picks?|top\s+stories"
)
_TEASER_RULES = (
    # "ALSO WATCH: Some headline", "RELATED: Another headline", "Read more: ..."
    _full(rf"(?:{_TEASER_LABELS})\s*[:|»>]\s*\S.{{0,200}}"),
    _full(rf"(?:{_TEASER_LABELS}|continue\s+reading|read\s+the\s+rest|more\s+stories)\s*[.:»›>…]*"),
    _full(r"(?:click|tap)\s+here\s+(?:to|for)\s+.{1,80}"),
    _full(r".{0,150}\b(?:click|tap)\s+here\s*[.!]?"),
    _full(r"click\s+to\s+(?:hear|watch|read|listen|see|view)\b.{0,100}"),
    # A linked headline with its button: "Council delays ferry vote Read more" (no sentence
    # end before the button, so it is not a paragraph of prose with a trailing marker).
    _full(r"[^.!?…]{5,200}?[^.!?…\s]\s+(?:Read\s+more|READ\s+MORE)\s*[»›>]*", 0),
)

_COMMENT_RULES = (
    _full(r"leave\s+a\s+(?:reply|comment|response)(?:\s+cancel\s+reply)?\s*[.:]?"),
    _full(
        r"(?:post\s+a\s+comment|cancel\s+reply|post\s+comment|add\s+a\s+comment|join\s+the\s+"
        r"(?:conversation|discussion)|\d+\s+comments?|comments?\s+\(\d+\)|reply)\s*[.:]?"
    ),
    _full(
        r"your\s+email\s+address\s+will\s+not\s+be\s+published\.?"
        r"(?:\s+required\s+fields\s+are\s+marked\s*\*?)?"
    ),
    _full(r"required\s+fields\s+are\s+marked\s*\*?"),
    _full(r"(?:name|email|e-mail|website|comment)\s*\*"),
    _full(r"save\s+my\s+name,?\s+email,?\s+and\s+website\s+in\s+this\s+browser.{0,60}"),
    _full(r"you\s+must\s+be\s+logged\s+in\s+to\s+post\s+a\s+comment\.?"),
)

_WIDGET_RULES = (
    _full(r"(?:font|text)\s+size\s*:?.{0,20}"),
    _full(r"(?:a\s*){2,3}|[-+]?\s*a\s*[-+]"),
    _full(r"listen\s+to\s+(?:this\s+)?(?:article|story)(?:\s*[\d:]+\s*(?:min(?:utes?)?)?)?"),
    _full(
        r"(?:estimated\s+)?reading\s+time\s*:?\s*\d+\s*min(?:ute)?s?(?:\s+read)?|\d+\s+min\s+read"
    ),
    _full(
        r"print(?:\s+this)?(?:\s+(?:page|article|story))?|toggle\s+navigation|skip\s+to"
        r"\s+(?:main\s+)?content|back\s+to\s+top|close\s*(?:x|×)?|menu"
    ),
    # an embedded video's caption: "Play Video 1:12 <its title> – video"
    _full(r"play\s+video\s+\d{1,2}:\d{2}\b.*"),
)
# Widgets that run long: a video player's playlist entry ("JUST WATCHED <title> Replay More
# Videos ... MUST WATCH <title> 01:51"), and a listen-and-share bar, with the columnist's
# note a site may put before it.
_LONG_WIDGET_RULES = (
    _full(
        r"JUST\s+WATCHED\s.{1,300}?\sReplay\s+More\s+Videos\s*(?:\.{3}|…)\s*MUST\s+WATCH\b.{0,300}",
        0,
    ),
    _full(
        r"(?:.{0,400}\s)?LISTEN\s+TO\s+ARTICLE\s+[\d:]+\s+SHARE\s+THIS\s+ARTICLE"
        r"(?:\s+(?:Share|Tweet|Post|Email|Print))*",
        0,
    ),
)
# A site's note that the views in a piece are its author's, alone or after the author's
# note ("Ana Ruiz is a professor of ... The views expressed here are her own.").
_VIEWS_ARE_OWN = (
    r"(?:this\s+is\s+an\s+opinion\s+piece\.\s+)?(?:the\s+)?(?:opinions?|views?)\s+expressed"
    r"\s+(?:\S+\s+){0,5}?are\s+(?:\S+\s+){0,4}?(?:own|those\s+of|his|hers|theirs)\b.{0,250}"
)
_DISCLAIMER_RULES = (
    _full(_VIEWS_ARE_OWN),
    _full(rf"[A-Z].{{0,400}}?[.!?”]\s+(?=The\s)(?i:{_VIEWS_ARE_OWN})", 0),
)
# A broadcast transcript's note that it is unedited.
_TRANSCRIPT_RULES = (_full(r"this\s+is\s+a\s+rush\s+transcript\b.{0,150}"),)

_ADVERT_RULES = (
    _full(
        r"advertisement|advertising|ad|sponsored(?:\s+content)?|paid\s+content"
        r"|story\s+continues\s+below(?:\s+advertisement)?|continue\s+reading\s+below"
        r"|continue\s+reading\s+the\s+main\s+story|scroll\s+to\s+continue.{0,30}"
    ),
)

_LOGO_RULE = re.compile(rf"^(?P<name>{_NAME})\s+(?i:logo)\s*\.?$")

# A picture's caption: a paragraph closed by its photo credit, "(Ana Roe/Reuters)", "(AP
# Photo/Ana Roe)", "(Photo: Getty Images)", "(Getty Images)". The caption reads like a
# sentence ("Sen. Roe speaks at the debate in Manchester, Feb. 7, 2020.") but is not the
# article's.
_PHOTO_CREDIT = (
    r"\((?:(?:AP\s+)?Photo(?:\s+by|\s*:)?[^()]{0,80}|Getty\s+Images[^()]{0,40}"
    r"|[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){0,3}\s*/\s*[A-Z][\w&.'’\-]*(?:\s+[\w&.'’\-]+){0,4})\)"
)
_PHOTO_RULES = (re.compile(rf"^.{{0,400}}\S\s+{_PHOTO_CREDIT}\s*$"),)

_LICENSING_RULES = (
    re.compile(r"^content\s+created\s+by\s+.{2,80}?\s+is\s+available\s+without\s+charge\b", _I),
    re.compile(r"^for\s+licensing\s+opportunities\b", _I),
    _full(r"(?:©|\(c\)|copyright\s*(?:©|\(c\))?\s*\d{4}\b).{0,160}"),
    _full(r".{0,120}\b(?:All\s+[Rr]ights\s+[Rr]eserved|ALL\s+RIGHTS\s+RESERVED)\.?", 0),
    re.compile(r"^this\s+material\s+may\s+not\s+be\s+published,?\s+broadcast", _I),
)

_CREDIT_NAME = rf"(?P<name>(?:the\s+)?[A-Z][\w&.'’\-]*(?:\s+{_NAME_WORD}){{0,7}}|{_DOMAIN})"
_DATE_TAIL = r"[A-Z][a-z]+\.?\s+\d{1,2}(?:,?\s+\d{4})?"
_SYNDICATION_RULES = (
    _full(
        r"(?i:(?:this\s+(?:article|story|post|piece|report|column|op-ed|essay|commentary"
        r"|editorial|interview)\s+(?:was\s+|is\s+)?)?"
        r"(?:originally|first)\s+(?:published|appeared|posted)\s+(?:at|on|in|by))\s+"
        rf"{_CREDIT_NAME}(?:\s+(?i:on)\s+{_DATE_TAIL})?\s*[.!]?",
        0,
    ),
    _full(
        r"(?i:(?:this\s+(?:article|story)\s+(?:is|was)\s+)?republished\s+"
        r"(?:with\s+permission\s+)?from)\s+"
        rf"{_CREDIT_NAME}(?:\s+(?i:under)\s+.{{1,80}})?\s*[.!]?",
        0,
    ),
    _full(r"republished\s+with\s+permission\.?|reprinted\s+with\s+permission\.?"),
)

_TRUNCATION_RULES = (
    _full(
        r"read\s+the\s+(?:full|entire|rest\s+of\s+the)\s+(?:article|story|report)"
        r"(?:\s+(?:from|at|on)\s+.{1,60}?)?\s*(?:\.\.\.|…|\.)?"
    ),
    _full(r"[\[(]?\s*(?:\.\.\.|…)\s*[\])]?|\[?\s*(?:truncated|article\s+truncated)\s*\]?"),
    _full(r"(?:this\s+)?(?:article|story|excerpt)\s+(?:has\s+been|was|is)\s+truncated\.?"),
)

# A top-of-article byline: "By Jane Roe", "By Jane Roe and Sam Poe, Staff Writers".
_BY_LINE = re.compile(
    rf"^(?i:by)\s+(?P<name>[A-Z][\w.'’\-]+(?:\s+[A-Z][\w.'’\-]+){{1,3}})"
    rf"(?:\s*(?:,|\||[–—-]|and|&)\s*{_NAME_WORD}(?:\s+{_NAME_WORD})*)*\s*$"
)
# Name then job title, no punctuation: "Jane Roe Immigration and Courts Reporter".
_JOBS = (
    r"(?i:reporter|correspondent|writer|editor|columnist|contributor|producer|journalist"
    r"|analyst|staff|bureau\s+chief|fellow|intern)s?"
)
_NAME_TITLE_LINE = re.compile(
    rf"^(?P<name>[A-Z][a-z’'\-]+(?:\s+[A-Z]\.)?\s+[A-Z][a-z’'\-]+)"
    rf"(?:\s+{_NAME_WORD}){{0,6}}\s+{_JOBS}$"
)
_NAME_CASE = re.compile(r"^[A-Z][a-z’'\-]+(?:\s+[A-Z]\.)?\s+[A-Z][a-z’'\-]+")

# Trailing teaser markers at the end of a paragraph of prose: "... said Friday. – READ MORE"
_TRAILING_MARKER = re.compile(
    r"(?:\s+[–—\-|]+\s*|\s*(?:\.\.\.|…)\s*|\s+)(?:READ\s+MORE|CONTINUE\s+READING)\s*[»›>.…]*\s*$"
    r"|\s+[–—\-|]+\s*(?:Read\s+more|Continue\s+reading)\s*[»›>.…]*\s*$"
    r"|\s*(?:\.\.\.|…)\s*(?:Read\s+more|Continue\s+reading)\s*[»›>.…]*\s*$"
)

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_SENTENCE_END = re.compile(r"[.!?…]['\"’”)\]]*$")


# "Published: March 8, 2018 4:21 PM ET", "Updated 03/08/2018 at 16:21 UTC" (top lines only).
# Every token after the keyword must be part of a date, so prose never matches.
_TIMESTAMP = re.compile(
    r"^(?i:(?:last\s+)?(?:published|updated|posted|modified))(?:\s+(?i:on|at))?\s*:?\s+"
    r"(?P<when>(?:[0-9]{1,4}(?:[/.:\-][0-9]{1,4}){0,2}(?:\s*(?i:[ap]\.?m\.?))?[,]?"
    r"|(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?"
    r"|(?i:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?|(?i:at|on)|[A-Z]{2,4}|[|·•–—\-])"
    r"(?:\s+(?:[0-9]{1,4}(?:[/.:\-][0-9]{1,4}){0,2}(?:\s*(?i:[ap]\.?m\.?))?,?"
    r"|(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?"
    r"|(?i:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?|(?i:at|on)|[A-Z]{2,4}|[|·•–—\-]))*)$"
)


@dataclass(frozen=True)
class _Rule:
    reason: str
    patterns: tuple[re.Pattern[str], ...]


_LINE_RULES = (
    _Rule(SYNDICATION, _SYNDICATION_RULES),
    _Rule(LICENSING, _LICENSING_RULES),
    _Rule(TRUNCATION, _TRUNCATION_RULES),
    _Rule(COMMENT, _COMMENT_RULES),
    _Rule(SHARE, _SHARE_RULES + _SIGNUP_RULES),
    _Rule(TEASER, _TEASER_RULES),
    _Rule(WIDGET, _WIDGET_RULES + _LONG_WIDGET_RULES),
    _Rule(ADVERT, _ADVERT_RULES),
    _Rule(LOGO, (_LOGO_RULE,)),
    _Rule(PHOTO, _PHOTO_RULES),
    _Rule(DISCLAIMER, _DISCLAIMER_RULES),
    _Rule(TRANSCRIPT, _TRANSCRIPT_RULES),
)
# Read past _MAX_PROMPT_WORDS: the licensing paragraph at any length, the others up to
# _MAX_LONG_PROMPT_WORDS.
_LONG_LINE_RULES = (
    _Rule(PHOTO, _PHOTO_RULES),
    _Rule(SHARE, _SIGNUP_RULES),
    _Rule(WIDGET, _LONG_WIDGET_RULES),
    _Rule(DISCLAIMER, _DISCLAIMER_RULES),
)


# Mojibake: UTF-8 read as Windows-1252 or Latin-1, once or more ("â€™" for "’"), and the
# Windows-1252 punctuation bytes left as C1 control characters ("pope\x92s"). ftfy repairs
# them; it is only called on a text with such a sign, since it costs about 1.4 ms a text
# (16 s over the 11,378 AllSides articles) against 0.04 ms for this test.
_MOJIBAKE_SIGN = re.compile(
    "[\x80-\x9f]|[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e"
    "\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a"
    "\u20ac\u2122]"
)


def repaired_encoding(text: str) -> str:
    """``text`` with mojibake and stray Windows-1252 control characters repaired."""
    if not _MOJIBAKE_SIGN.search(text):
        return text
    import ftfy  # (60 ms to import: only for the texts that need it)

    return ftfy.fix_encoding(text)


def normalize_space(text: str) -> str:
    """Collapse every run of whitespace (including no-break spaces) to one space."""
    if _INVISIBLE.search(text):  # rare; searching first is much cheaper than always replacing
        text = _INVISIBLE.sub("", text)
    return " ".join(text.split())


# --- tokenized text ---------------------------------------------------------------------

# Research corpora (AllSides article sets, Penn Treebank style) ship text split into tokens:
# "the mayor 's plan , '' he said", "does n't", `` and '' for quotation marks. Such text is
# told by its commas and full stops: most stand apart, where in prose none does. The first
# TOKENIZED_SAMPLE characters tell (the test runs on every text ingested).
TOKENIZED_SAMPLE = 4000
_MIN_SPACED_MARKS = 3
# Spaces to drop, each found by what follows it (a pattern that opens with a literal space
# is fast to search): before closing marks, before a split contraction or possessive ("does
# n't", "the mayor 's", straight or curly apostrophe), and around an apostrophe split on
# both sides ("we ’ re", "O ’ Dell"). Then quotation marks are attached inward, the PTB
# ones made curly as the SGML reader reads the wire's, and so are opening brackets and
# currency signs. A single quotation mark closes the quotation it opened a few words before;
# one on its own is left apart: it may be an apostrophe.
_SPLIT_SPACES = (
    (re.compile(r" (?=[,.;:?!%)\]](?:[ \n]|$)|\.\.\.(?:[ \n]|$))"), ""),
    (re.compile(r" (?=n['’]t\b|['’](?:[sdm]|re|ve|ll)\b)"), ""),
    (re.compile(r" ([’']) (?=(?:[sdmt]|re|ve|ll)\b)"), r"\1"),
    (re.compile(r" ([’']) (?=[A-Z])(?<=\b[OD] . )"), r"\1"),  # "O ’ Dell"
    # a plural's possessive, "voters ’ rights" (or a closing mark: it is attached either way)
    (re.compile(r" (['’]) (?=[a-z])(?<=s . )"), r"\1 "),
    (re.compile(r" ’ (?=\d0s\b)"), " ’"),  # a decade: "the ’ 90s"
    (re.compile(r" (?=(?:na|ta)\b)(?<=\b(?:[Gg]on|[Ww]an|[Gg]ot) )"), ""),  # "gon na": "gonna"
    # a single quotation closed within a few words of where it opened: "a 'fair deal ' now"
    (re.compile(r"‘ "), "‘"),
    (re.compile(r"(['‘](?<!\S.)\w[^'’\n]{0,80}?) (['’])(?=[\s,.;:?!]|$)"), r"\1\2"),
)
_JOINED = (
    ("`` ", "“"), ("``", "“"), (" ''", "”"), ("''", "”"), ("“ ", "“"), (" ”", "”"),
    ("( ", "("), ("$ ", "$"),
)


def looks_tokenized(text: str) -> bool:
    """Whether ``text`` is split into tokens (a space before most of its commas and stops)."""
    sample = text[:TOKENIZED_SAMPLE]
    spaced = sample.count(" , ") + sample.count(" . ")
    return spaced >= _MIN_SPACED_MARKS and 2 * spaced > sample.count(", ") + sample.count(". ")


def untokenized(text: str) -> str:
    """``text`` as prose when it is split into tokens (``looks_tokenized``); else as it is.
    What cannot be told apart is left: a lone straight quotation mark opens or closes."""
    if not looks_tokenized(text):
        return text
    for pattern, joined in _SPLIT_SPACES:
        text = pattern.sub(joined, text)
    for split, joined in _JOINED:
        text = text.replace(split, joined)
    return text


def _words(line: str) -> int:
    """Words of a whitespace-normalized line."""
    return line.count(" ") + 1 if line else 0


def boilerplate_reason(line: str, *, top: bool = False) -> str | None:
    """The reason ``line`` (one line) is boilerplate, else None.

    ``top`` allows the byline rule: only lines above the first paragraph of prose can be
    bylines, because a short capitalized line further down may be a subheading.
    """
    return _reason(normalize_space(line), top)


def _reason(line: str, top: bool) -> str | None:
    if not line:
        return None
    if _words(line) > _MAX_PROMPT_WORDS:
        return _long_line_reason(line)
    for rule in _LINE_RULES:
        if any(p.search(line) for p in rule.patterns):
            return rule.reason
    if top and _is_byline(line):
        return BYLINE
    if top and _is_timestamp(line):
        return TIMESTAMP
    return None


def _long_line_reason(line: str) -> str | None:
    if any(p.match(line) for p in _LICENSING_RULES[:2]):
        return LICENSING
    if _words(line) > _MAX_LONG_PROMPT_WORDS:
        return None
    for rule in _LONG_LINE_RULES:
        if any(p.search(line) for p in rule.patterns):
            return rule.reason
    return None


def _is_timestamp(line: str) -> bool:
    match = _TIMESTAMP.match(line)
    # a full date only: without a year, a parser would silently use the current one
    return bool(
        match and re.search(r"\b\d{4}\b|\b\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}\b", match.group("when"))
    )


def _is_byline(line: str) -> bool:
    if _SENTENCE_END.search(line) or _words(line) > 12:
        return False
    if _BY_LINE.match(line):
        return True
    return bool(_NAME_TITLE_LINE.match(line) and _NAME_CASE.match(line))


def _is_prose(line: str) -> bool:
    return _words(line) >= 12 or bool(_SENTENCE_END.search(line))


def _blocks(text: str) -> list[list[str]]:
    """Blank-line separated blocks of lines; without blank lines every line is a block."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    raw = re.split(r"\n[ \t\u00a0]*\n", text)
    if len(raw) == 1:
        return [[line] for line in raw[0].split("\n")]
    return [block.split("\n") for block in raw]


def _paragraphs(lines: Sequence[str]) -> list[str]:
    """Join hard-wrapped lines; a line ending a sentence ends its paragraph."""
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        current.append(line)
        if _SENTENCE_END.search(line):
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs


_MARKER_TAIL = 40  # longest marker we strip is under 25 characters


def _strip_marker(paragraph: str) -> tuple[str, str | None]:
    offset = max(0, len(paragraph) - _MARKER_TAIL)
    match = _TRAILING_MARKER.search(paragraph, offset)
    if match and match.start() == offset and offset:  # the marker may begin before the tail
        match = _TRAILING_MARKER.search(paragraph, max(0, offset - _MARKER_TAIL))
    if not match or match.start() == 0:
        return paragraph, None
    return paragraph[: match.start()].rstrip(), normalize_space(match.group(0))


# A people card some sites (The Hill) put after a person's name, read into the text as it
# stands: the full name glued to the headlines of three stories about them, then "MORE",
# inside the sentence. "... Paul Jones Paul Martin JonesCouncil delays vote Ferry fares rise
# MORE said ..." reads "... Paul Jones said ...". Told by the name given again in full
# (lower-case particles allowed), its last word glued to the first headline, and a "MORE"
# within a card's length (the longest of 2,129 in the AllSides set: 575 chars); or, with a
# space before the first headline, by the full name opening with the name as written.
_NAME_PARTS = r"(?:(?:[A-Z(][\w.'’()\-]*|d[aei]|del|van|von|l[ae]|bin|al) )"
_CARD_TAIL = r"[^\n]{0,800}? MORE)\b"
_PEOPLE_CARDS = (
    re.compile(
        rf"(?P<name>[A-Z][\w'’\-]+) (?P<card>{_NAME_PARTS}{{1,6}}?(?P=name)[A-Z0-9]{_CARD_TAIL}"
    ),
    re.compile(
        rf"(?P<name>(?P<first>[A-Z][\w'’\-]+) {_NAME_PARTS}{{0,3}}?(?P<last>[A-Z][\w'’\-]+)) "
        rf"(?P<card>(?P=first) {_NAME_PARTS}{{0,4}}?(?P=last) [A-Z0-9]{_CARD_TAIL}"
    ),
)


def _strip_cards(paragraph: str) -> tuple[str, list[str]]:
    """``paragraph`` without its people cards (``_PEOPLE_CARDS``), and the cards."""
    if " MORE" not in paragraph:  # (the cheap test first: nearly every paragraph)
        return paragraph, []
    cards = []
    for pattern in _PEOPLE_CARDS:
        cards += [normalize_space(m.group("card")) for m in pattern.finditer(paragraph)]
        paragraph = pattern.sub(r"\g<name>", paragraph)
    return paragraph, cards


# A page's label for the editors' bullet points, glued to the first of them when the page
# became text ("Story highlights Council delays the ferry vote"): the bullets stay.
_HIGHLIGHTS_LABEL = re.compile(r"^(?:Story\s+highlights|STORY\s+HIGHLIGHTS)\s+(?=\S)")


def _strip_label(line: str) -> tuple[str, str | None]:
    """``line`` without a leading highlights label, and the label (None when there is none)."""
    match = _HIGHLIGHTS_LABEL.match(line)
    if not match:
        return line, None
    return line[match.end() :], match.group().strip()


def clean_text(text: str) -> tuple[str, tuple[Removed, ...]]:
    """Remove boilerplate lines and trailing markers; paragraphs joined by a blank line.

    Returns the clean text (whitespace normalized inside paragraphs, original characters
    kept) and every removed line or fragment with the name of the rule that removed it.
    """
    removed: list[Removed] = []
    paragraphs: list[str] = []
    seen_prose = False
    for block in _blocks(text):
        kept: list[str] = []
        for raw in block:
            line = normalize_space(raw)
            if not line:
                continue
            reason = _reason(line, not seen_prose)
            if reason:
                removed.append(Removed(line, reason))
                continue
            if not seen_prose:
                line, label = _strip_label(line)
                if label:
                    removed.append(Removed(label, PAGE_LABEL))
            kept.append(line)
            seen_prose = seen_prose or _is_prose(line)
        for paragraph in _paragraphs(kept):
            paragraph, marker = _strip_marker(paragraph)
            if marker:
                removed.append(Removed(marker, TEASER))
            paragraph, cards = _strip_cards(paragraph)
            removed += (Removed(card, PEOPLE_CARD) for card in cards)
            reason = _reason(paragraph, False) if len(kept) > 1 else None
            if reason:
                removed.append(Removed(paragraph, reason))
            elif paragraph:
                paragraphs.append(paragraph)
    return "\n\n".join(paragraphs), tuple(removed)


def cleaned_body(body: str) -> tuple[str, tuple[Removed, ...]]:
    """An article body as ingest keeps it (``clean_text``), after its mojibake is repaired
    and, when it comes split into tokens, it is read as prose."""
    return clean_text(untokenized(repaired_encoding(body)))


# --- what the removed lines tell us ---------------------------------------------------

_CONTENT_CREATED = re.compile(r"^content\s+created\s+by\s+(?P<name>.{2,80}?)\s+is\s+available", _I)


def _credit_from_syndication(text: str) -> str | None:
    for pattern in _SYNDICATION_RULES[:2]:
        match = pattern.search(text)
        if match and match.groupdict().get("name"):
            return match.group("name")
    return None


def _credit_from_licensing(text: str) -> str | None:
    match = _CONTENT_CREATED.search(text)
    return match.group("name") if match else None


def _credit_from_logo(text: str) -> str | None:
    match = _LOGO_RULE.search(text)
    return match.group("name") if match else None


# Most explicit first: a syndication credit names the outlet, a logo caption shows it, a
# licensing trailer names the foundation that licenses the text.
_CREDIT_READERS: tuple[tuple[str, Callable[[str], str | None]], ...] = (
    (SYNDICATION, _credit_from_syndication),
    (LOGO, _credit_from_logo),
    (LICENSING, _credit_from_licensing),
)


def credited_outlet(removed: Iterable[Removed]) -> str | None:
    """The outlet an explicit credit line names, or None (never guessed)."""
    removed = tuple(removed)
    for reason, read in _CREDIT_READERS:
        for item in removed:
            name = read(item.text) if item.reason == reason else None
            if name:
                return re.sub(r"^the\s+", "", name.strip(" .,;:"))
    return None


def credited_author(removed: Iterable[Removed]) -> str | None:
    """The author named by a removed byline, or None."""
    for item in removed:
        if item.reason != BYLINE:
            continue
        match = _BY_LINE.match(item.text) or _NAME_CASE.match(item.text)
        if match:
            return match.groupdict().get("name") or match.group(0)
    return None


def credited_date(removed: Iterable[Removed]) -> str | None:
    """The date a removed top-of-article timestamp line gives, as written, or None."""
    for item in removed:
        match = _TIMESTAMP.match(item.text) if item.reason == TIMESTAMP else None
        if match:
            return match.group("when")
    return None


_OPENING_MARKS = frozenset('"\'“‘')


def _dateline_length(text: str) -> int:
    """How many characters of ``text`` the wire dateline opening it takes (``text.
    dateline_length``, the reading the parse's ``nlp.dateline_end`` makes), the space after
    it included, when a word or a quotation follows the dateline ("PARIS _ “Concorde 4590,
    you have flames,” the tower warned"); 0 when none does."""
    length = dateline_length(text)
    after = text[length:]
    if length and (after[:1].isalpha() or (after[:1] in _OPENING_MARKS and after[1:2].isalnum())):
        return length
    return 0


def without_dateline(text: str) -> str:
    """A sentence without the wire dateline that opens it (``_dateline_length``): the place
    and agency belong to the article, not to the sentence quoted from it. A wire's slug
    before the place ("FERRY-FEES-1STLD _ PORT ANSEL _ ...") is a dateline of its own."""
    stripped = text
    for _ in range(2):
        stripped = stripped[_dateline_length(stripped) :]
    if stripped == text or not stripped[:1].isalpha():
        return stripped
    return stripped[0].upper() + stripped[1:]
