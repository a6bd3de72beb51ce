"""OPML subscription lists (what feed readers export): the feed addresses they name."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from lxml import etree

from ..errors import InputError, MalformedRecord
from .base import WEB_SCHEMES, Problem, read_problem
from .feeds import XML_PARSER
from .files import read_bytes

OPML_SUFFIX = ".opml"


def is_feed_list(path: str | os.PathLike[str]) -> bool:
    """Whether a path given to ``ingest`` names an OPML subscription list (gzipped too)."""
    suffixes = [s.lower() for s in Path(path).suffixes]
    return suffixes[-1:] == [OPML_SUFFIX] or suffixes[-2:] == [OPML_SUFFIX, ".gz"]


def feed_addresses(data: bytes, source: str) -> list[str]:
    """The http(s) ``xmlUrl`` of every outline, folders of outlines included, in list order
    and each once; raises MalformedRecord when ``data`` is not OPML or names no feed."""
    try:
        root = etree.fromstring(data, XML_PARSER)
    except etree.XMLSyntaxError as error:
        raise MalformedRecord(source, f"not an OPML list (XML error: {error})") from None
    if root is None or etree.QName(root).localname.lower() != "opml":
        raise MalformedRecord(source, "not an OPML list")
    found = (
        (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        for outline in root.iter("outline")
    )
    addresses = list(dict.fromkeys(a for a in found if a.lower().startswith(WEB_SCHEMES)))
    if not addresses:
        raise MalformedRecord(source, "OPML list names no http(s) feed")
    return addresses


def read_feed_lists(
    paths: Iterable[str | os.PathLike[str]], limit: int
) -> tuple[list[str], list[Problem]]:
    """The feed addresses of each OPML file, in order (each once), and one problem per
    file that cannot be read."""
    addresses: list[str] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            addresses += feed_addresses(read_bytes(Path(path), limit), str(path))
        except InputError as error:
            problems.append(read_problem(error))
    return list(dict.fromkeys(addresses)), problems
