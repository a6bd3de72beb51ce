"""Newswire SGML (TREC/DUC/TDT style): ``<DOC>`` blocks with DOCNO, DATE_TIME, HEADLINE, TEXT."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from ..clean import normalize_space

_DOC = re.compile(r"<DOC>(.*?)</DOC>", re.IGNORECASE | re.DOTALL)
_PARAGRAPH = re.compile(r"<P>(.*?)(?:</P>|(?=<P>)|$)", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]{1,80}>")
# Wire text in these corpora writes quotation marks as `` and '' (a typewriter convention).
# Read as the curly marks they stand for, so sentence splitting, the parser and the quote
# finder see ordinary quotations (DUC 2006, all 50 clusters: ROUGE-2 focused / generic
# 0.0980 / 0.0978 with the marks left as they are, 0.0993 / 0.0982 read as curly marks).
_WIRE_QUOTES = (("``", "“"), ("''", "”"))
# LDC source codes at the start of a DOCNO (APW19990707.0181): the corpora document them.
_LDC_SOURCES = {
    "APW": "Associated Press", "APE": "Associated Press", "NYT": "New York Times",
    "XIE": "Xinhua", "XIN": "Xinhua", "AFE": "Agence France-Presse",
    "AFP": "Agence France-Presse", "LTW": "Los Angeles Times/Washington Post",
}


def is_sgml(text: str) -> bool:
    return text.lstrip()[:5].upper() == "<DOC>"


def _text(raw: str) -> str:
    """Tags dropped, entities decoded, wire quotation marks made curly, spaces normalized."""
    text = html.unescape(_TAG.sub(" ", raw))
    for wire, curly in _WIRE_QUOTES:
        text = text.replace(wire, curly)
    return normalize_space(text)


def _field(doc: str, *tags: str) -> str | None:
    for tag in tags:
        match = re.search(rf"<{tag}>(.*?)</{tag}>", doc, re.IGNORECASE | re.DOTALL)
        if match:
            value = _text(match.group(1))
            if value:
                return value
    return None


def _body(doc: str) -> str:
    match = re.search(r"<TEXT>(.*?)</TEXT>", doc, re.IGNORECASE | re.DOTALL)
    text = match.group(1) if match else ""
    if re.search(r"<P>", text, re.IGNORECASE):
        parts = [m.group(1) for m in _PARAGRAPH.finditer(text)]
    else:
        parts = re.split(r"\n\s*\n", text)
    paragraphs = (_text(part) for part in parts)
    return "\n\n".join(p for p in paragraphs if p)


def split_docs(text: str, source: str) -> Iterator[tuple[str, dict[str, str | None], str]]:
    """(source, metadata, body) for each ``<DOC>``; source is ``path#DOCNO`` when several."""
    docs = _DOC.findall(text)
    for number, doc in enumerate(docs, 1):
        docno = _field(doc, "DOCNO")
        doc_source = source if len(docs) == 1 else f"{source}#{docno or number}"
        meta = {
            "title": _field(doc, "HEADLINE", "TITLE", "HL"),
            "published": _field(doc, "DATE_TIME", "DATE", "DATELINE"),
            "outlet": _LDC_SOURCES.get((docno or "")[:3].upper()),
            "author": _field(doc, "BYLINE"),
        }
        yield doc_source, meta, _body(doc)
