"""Ingest files, folders (recursive) and glob patterns; every bad input becomes a Problem."""

from __future__ import annotations

import codecs
import glob
import gzip
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from ..errors import (
    BinaryInput,
    EmptyInput,
    InputError,
    MalformedRecord,
    OversizedInput,
    UnreadableInput,
)
from ..model import Article
from ..settings import Settings
from .base import ERROR, WARNING, IngestResult, Problem, dedupe
from .feeds import looks_like_feed, parse_feed
from .html import article_from_html
from .jsonl import article_from_record, record_from_line, records_from_json
from .multinews import is_multinews, split_documents
from .plaintext import article_from_body, article_from_text
from .sgml import is_sgml, split_docs

# Extensions a folder walk picks up (explicit file paths are read whatever their name).
TEXT_SUFFIXES = {".txt", ".text", ".md", ".src", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".jsonlines"}
FEED_SUFFIXES = {".rss", ".atom"}  # not .xml: folders hold sitemaps and other XML too
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES
# Files that document a folder rather than report news ("README.md", "LICENSE.txt",
# "CHANGELOG"): a folder walk passes them over, as it does files of other types.
# (Not "news" or "history": an article may well be saved under such a name.)
FOLDER_DOCUMENTS = frozenset(
    {"readme", "license", "licence", "copying", "changelog", "notice", "authors"}
    | {"contributing", "contributors"}
)
_GLOB_CHARS = re.compile(r"[*?\[]")
_LOOKS_HTML = re.compile(r"^\s*(?:<!doctype html|<html|<head|<body|<article|<\?xml[^>]*>\s*<html)",
                         re.IGNORECASE)
_SNIFF_BYTES = 8192


@dataclass(frozen=True)
class _Batch:
    articles: list[Article]
    problems: list[Problem]

    def run(self, make: Callable[[], Article]) -> None:
        try:
            self.articles.append(make())
        except InputError as error:
            self.problems.append(Problem.from_error(error))

    def warn(self, source: str, message: str) -> None:
        self.problems.append(Problem(source, message, WARNING))

    def fail(self, error: InputError, severity: str = ERROR) -> None:
        self.problems.append(Problem.from_error(error, severity))


# --- finding files --------------------------------------------------------------------


def _suffix(path: Path) -> str:
    """The format suffix, looking through ``.gz``."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    suffix = suffixes[-1] if suffixes else ""
    # "APW19990707.0181" (newswire ids) and "Mr. Smith" have no real extension
    return suffix if re.fullmatch(r"\.[a-z][a-z0-9]{0,9}", suffix) else ""


def _walk(folder: Path, batch: _Batch) -> Iterator[Path]:
    def on_error(error: OSError) -> None:
        batch.fail(UnreadableInput(str(error.filename or folder), _os_reason(error)))

    passed_over: Counter[str] = Counter()
    documents: list[str] = []
    for root, dirs, files in os.walk(folder, onerror=on_error):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root) / name
            if name.startswith("."):
                continue
            if is_folder_document(name):
                documents.append(name)
            elif _suffix(path) in KNOWN_SUFFIXES:
                yield path
            else:
                passed_over[path.suffix.lower()] += 1
    # say so: a user who dropped a feed.xml in the folder sees why it is absent
    if passed_over or documents:
        batch.warn(str(folder), _passed_over_message(passed_over, documents))


def is_folder_document(name: str) -> bool:
    """Whether a file's name says it documents its folder ("README.md", "LICENSE")."""
    return name.split(".", 1)[0].lower() in FOLDER_DOCUMENTS


def _passed_over_message(passed_over: Counter[str], documents: list[str]) -> str:
    said = []
    if passed_over:
        kinds = ", ".join(f"{count} {kind}" for kind, count in sorted(passed_over.items()))
        said.append(f"files of other types not read ({kinds})")
    if documents:
        more = len(documents) - 3
        names = ", ".join(documents[:3]) + (f" and {more} more" if more > 0 else "")
        said.append(f"{'' if passed_over else 'files '}documenting the folder not read ({names})")
    return f"{' and '.join(said)}; name a file to read it whatever its type"


def _expand_one(raw: str | os.PathLike[str], batch: _Batch) -> Iterator[Path]:
    path = Path(raw)
    if path.is_dir():
        yield from _walk(path, batch)
    elif path.exists() or path.is_symlink():
        yield path
    elif _GLOB_CHARS.search(str(raw)):
        matches = sorted(glob.glob(str(raw), recursive=True))
        if not matches:
            batch.fail(UnreadableInput(str(raw), "no files match this pattern"))
        for match in map(Path, matches):
            yield from _walk(match, batch) if match.is_dir() else [match]
    else:
        batch.fail(UnreadableInput(str(raw), "no such file or directory"))


def expand_paths(paths: Iterable[str | os.PathLike[str]], batch: _Batch) -> Iterator[Path]:
    """Files named by ``paths`` (files, folders walked recursively, globs), each once.

    A generator, so problems are reported in input order as the caller consumes it.
    """
    seen: set[str] = set()
    for raw in paths:
        for path in _expand_one(raw, batch):
            key = os.path.realpath(path)
            if key not in seen and not path.is_dir():
                seen.add(key)
                yield path


# --- reading --------------------------------------------------------------------------


def _os_reason(error: OSError) -> str:
    if isinstance(error, PermissionError):
        return "permission denied"
    if isinstance(error, FileNotFoundError):
        return "no such file or directory"
    if isinstance(error, IsADirectoryError):
        return "is a directory"
    return f"cannot read ({error.strerror or error})"


def _open(path: Path):  # noqa: ANN202 - a binary file object
    return gzip.open(path, "rb") if path.suffix.lower() == ".gz" else path.open("rb")


def read_bytes(path: Path, limit: int) -> bytes:
    """The file's bytes (decompressed for .gz); raises UnreadableInput / OversizedInput."""
    source = str(path)
    try:
        with _open(path) as handle:
            data = handle.read(limit + 1)
    except (OSError, EOFError) as error:
        reason = _os_reason(error) if isinstance(error, OSError) else "truncated gzip file"
        raise UnreadableInput(source, reason) from None
    if len(data) > limit:
        raise OversizedInput(source, f"larger than max_file_bytes ({limit:,} bytes); skipped")
    return data


def decode(data: bytes, source: str) -> tuple[str, str | None]:
    """Text and an optional warning; raises EmptyInput or BinaryInput."""
    if not data.strip():
        raise EmptyInput(source, "empty (nothing but whitespace)")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:  # strict: binary data that happens to open with those two bytes is no text
            return data.decode("utf-16"), None
        except UnicodeDecodeError:
            raise BinaryInput(source, "binary file, not text (a UTF-16 mark, then no UTF-16)") from None
    if b"\x00" in data[:_SNIFF_BYTES]:
        raise BinaryInput(source, "binary file, not text (contains NUL bytes)")
    return _text_of(data)


def _text_of(data: bytes) -> tuple[str, str | None]:
    """``data`` read as UTF-8, and a warning when it is not. Bytes with no valid UTF-8
    sequence beyond ASCII are a single-byte encoding: read as Windows-1252, the web's reading
    of Latin-1 ("Caf\xe9" is "Café", not "Caf\ufffd"). A UTF-8 text with a few broken bytes
    keeps its UTF-8 with those bytes replaced: read as Windows-1252, its accents would turn
    into "Ã©"."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        text = data.decode("utf-8-sig", errors="replace")
        if all(ord(c) < 0x80 or c == "\ufffd" for c in text):
            return _single_byte(data), "not UTF-8: read as Windows-1252"
        return text, f"invalid UTF-8 at byte {error.start}; undecodable bytes replaced with \ufffd"


def _single_byte(data: bytes) -> str:
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:  # the five bytes Windows-1252 leaves undefined
        return data.decode("latin-1")


# --- formats --------------------------------------------------------------------------


def _format(path: Path, text: str) -> str:
    suffix = _suffix(path)
    if suffix in FEED_SUFFIXES or looks_like_feed(text):
        return "feed"
    if suffix in HTML_SUFFIXES or (suffix not in JSON_SUFFIXES and _LOOKS_HTML.match(text)):
        return "html"
    if suffix in JSON_SUFFIXES:
        return "json"
    if is_sgml(text):
        return "sgml"
    if is_multinews(text):
        return "multinews"
    stripped = text.lstrip()
    if suffix not in TEXT_SUFFIXES and stripped.startswith(("{", "[")):
        return "json"
    return "text"


def _ingest_text_file(path: Path, text: str, batch: _Batch) -> None:
    source = str(path)
    kind = _format(path, text)
    if kind == "html":
        batch.run(lambda: article_from_html(text, source=source))
    elif kind == "json":
        try:
            records = list(records_from_json(text, source))
        except InputError as error:
            if "Extra data" in error.message:  # JSON Lines in a .json file
                for number, line in enumerate(text.split("\n"), 1):
                    _ingest_record_line(line, f"{source}:{number}", batch)
            else:
                batch.fail(error)
            return
        for record_source, record in records:
            batch.run(partial(article_from_record, record, record_source))
    elif kind == "feed":
        _ingest_feed_file(source, text, batch)
    elif kind == "sgml":
        for doc_source, meta, body in split_docs(text, source):
            batch.run(partial(article_from_body, body, doc_source, meta))
    elif kind == "multinews":
        for doc_source, document in split_documents(text, source):
            batch.run(partial(article_from_text, document, doc_source))
    else:
        batch.run(lambda: article_from_text(text, source))


def _ingest_feed_file(source: str, text: str, batch: _Batch) -> None:
    """A saved feed: items that carry their full text (content:encoded, Atom content)."""
    try:
        items = parse_feed(text, source)
    except InputError as error:
        batch.fail(error)
        return
    for number, item in enumerate(items, 1):
        item_source = f"{source}#{number}"
        if not item.content:
            message = (
                "feed item has no full text (ingest the feed by its web address to fetch "
                "its pages)"
            )
            batch.fail(MalformedRecord(item_source, message))
            continue
        batch.run(partial(article_from_html, item.content, url=item.link, source=item_source,
                          defaults=item.defaults()))


def _ingest_jsonl(path: Path, limit: int, batch: _Batch) -> None:
    """Stream a JSONL file line by line: the size limit applies to each record."""
    source = str(path)
    try:
        with _open(path) as handle:
            head = handle.read(_SNIFF_BYTES)
            if b"\x00" in head:
                raise BinaryInput(source, "binary file, not text (contains NUL bytes)")
            handle.seek(0)
            lines = 0
            for number, raw in enumerate(handle, 1):
                lines += bool(raw.strip())
                _ingest_line(raw, f"{source}:{number}", limit, batch)
    except InputError as error:
        batch.fail(error)
        return
    except (OSError, EOFError) as error:
        reason = _os_reason(error) if isinstance(error, OSError) else "truncated gzip file"
        batch.fail(UnreadableInput(source, reason))
        return
    if not lines:
        batch.fail(EmptyInput(source, "empty (nothing but whitespace)"))


def _ingest_line(raw: bytes, source: str, limit: int, batch: _Batch) -> None:
    if not raw.strip():
        return
    if len(raw) > limit:
        batch.fail(OversizedInput(source, f"record larger than max_file_bytes ({limit:,})"),
                   WARNING)
        return
    line, warning = _text_of(raw)
    if warning:
        batch.warn(source, warning)
    _ingest_record_line(line, source, batch)


def _ingest_record_line(line: str, source: str, batch: _Batch) -> None:
    if not line.strip():
        return
    try:
        record = record_from_line(line, source)
    except InputError as error:
        batch.fail(error)
        return
    batch.run(lambda: article_from_record(record, source))


def _ingest_file(path: Path, limit: int, batch: _Batch) -> None:
    source = str(path)
    if _suffix(path) in JSONL_SUFFIXES:
        _ingest_jsonl(path, limit, batch)
        return
    try:
        text, warning = decode(read_bytes(path, limit), source)
    except OversizedInput as error:
        batch.fail(error, WARNING)
        return
    except InputError as error:
        batch.fail(error)
        return
    if warning:
        batch.warn(source, warning)
    _ingest_text_file(path, text, batch)


def ingest_paths(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    settings: Settings | None = None,
) -> IngestResult:
    """Articles from files, folders (recursive) and globs, in order, duplicates dropped.

    Never raises for bad input: each unreadable, empty, binary, oversized or malformed input
    is one Problem naming it, and the rest of the batch still lands.
    """
    settings = settings or Settings()
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    batch = _Batch([], [])
    for path in expand_paths(paths, batch):
        _ingest_file(path, settings.max_file_bytes, batch)
    return IngestResult(dedupe(batch.articles), tuple(batch.problems))
