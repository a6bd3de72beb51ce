"""Shared plumbing for the bench/ scripts: data location, memory, the final JSON line, gates.

Every script: ``--data``-style path options defaulting to ``../shared/data/...``, a ``--gate``
mode (a subset sized to run within about 90 s on 2 cores, with its own floors) that exits 1
when a floor is missed, and a printed skip reason (exit 0) when the data is absent.
"""

from __future__ import annotations

import ast
import hashlib
import json
import re
import resource
import sys
import time
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from manysides.clean import clean_text
from manysides.ingest.sgml import split_docs
from manysides.model import Article
from manysides.text import content_id

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = ROOT.parent / "shared" / "data"


def data_path(*parts: str) -> Path:
    return SHARED_DATA.joinpath(*parts)


def skip_if_missing(path: Path, bench: str) -> None:
    """Print a skip line (and the JSON line) and exit 0 when ``path`` does not exist."""
    if not path.exists():
        print(f"skip: {bench} needs {path}, which is absent")
        print(json.dumps({"bench": bench, "skipped": True, "reason": f"{path} absent"}))
        sys.exit(0)


def basil_text(paragraphs: Any) -> tuple[str, list[tuple[int, str]]]:
    """A BASIL article's text (sentences joined by spaces, paragraphs by a blank line) and
    each sentence's (start offset, text): BASIL annotations are offsets within a sentence.
    ``paragraphs`` is ``body-paragraphs``: lists of sentences (a few files store it as a
    string holding that list)."""
    if isinstance(paragraphs, str):
        paragraphs = ast.literal_eval(paragraphs)
    text, starts = "", []
    for p, paragraph in enumerate(paragraphs):
        text += "\n\n" if p else ""
        for i, sentence in enumerate(paragraph if isinstance(paragraph, list) else [str(paragraph)]):
            text += " " if i else ""
            starts.append((len(text), sentence))
            text += sentence
    return text, starts


def duc_article(path: Path) -> Article | None:
    """One DUC 2006 document as the product ingests it (``manysides.ingest.sgml`` finds the
    paragraphs and headline, unescapes entities and reads the wire's `` and '' quotation
    marks as curly ones; ``clean_text`` drops boilerplate), or None when it has no text.
    Outlet is the wire service of the file name (APW, NYT, XIE); the date comes from the
    document number (APW19980630.0763), since DATE_TIME fields vary in format."""
    raw = path.read_text(encoding="utf-8", errors="replace")
    docs = list(split_docs(raw, str(path)))
    text = clean_text(docs[0][2])[0] if docs else ""
    if not text:
        return None
    digits = re.search(r"(\d{4})(\d{2})(\d{2})", path.name)
    return Article(
        id=content_id(text),
        text=text,
        title=docs[0][1]["title"] or "",
        outlet=path.name[:3],
        published=datetime(int(digits[1]), int(digits[2]), int(digits[3])) if digits else None,
        source=str(path),
    )


def duc_cluster(folder: Path) -> list[Article]:
    """The articles of one DUC 2006 cluster folder, in file-name order, empty ones left out."""
    return [a for a in map(duc_article, sorted(folder.iterdir())) if a]


class DirCache:
    """A parse cache in a folder, one file per article and parser version (for repeated
    tuning and training runs: ``nlp.parse_articles``'s ``cache``)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)

    def _path(self, article_id: str, version: str) -> Path:
        key = hashlib.sha1(f"{version}/{article_id}".encode()).hexdigest()
        return self.root / f"{key}.bin"

    def get_parses(self, ids: Sequence[str], version: str) -> dict[str, bytes]:
        paths = {a: self._path(a, version) for a in ids}
        return {a: p.read_bytes() for a, p in paths.items() if p.exists()}

    def put_parses(self, parses: dict[str, bytes], version: str) -> None:
        for article_id, data in parses.items():
            self._path(article_id, version).write_bytes(data)


def int32_indices(matrix: Any) -> Any:
    """A sparse matrix as CSR with 32-bit indices, the only kind liblinear takes (the
    training scripts' logistic regressions)."""
    import numpy as np

    matrix = matrix.tocsr()
    matrix.indices = matrix.indices.astype(np.int32)
    matrix.indptr = matrix.indptr.astype(np.int32)
    return matrix


def peak_memory_mb() -> float:
    """Peak resident memory of this process so far, in MiB (Linux reports KiB)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


class Timer:
    def __enter__(self) -> Timer:
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.perf_counter() - self.start


def dotted(figures: Mapping[str, Any], key: str) -> Any:
    """``figures["a"]["b"]`` for the key ``"a.b"``."""
    value: Any = figures
    for part in key.split("."):
        value = value[part]
    return value


def acceptance(figures: Mapping[str, Any], floors: Mapping[str, float]) -> dict[str, bool]:
    """Whether each of an issue's acceptance floors holds (reported even when not gated)."""
    return {key: dotted(figures, key) >= floor for key, floor in floors.items()}


def check_floors(figures: Mapping[str, Any], floors: Mapping[str, float]) -> list[str]:
    """Names of floors missed: ``floors`` maps a dotted key of ``figures`` to its minimum."""
    return [
        f"{key} = {dotted(figures, key):.4f} < floor {floor}"
        for key, floor in floors.items()
        if dotted(figures, key) < floor
    ]


def finish(figures: dict[str, Any], floors: Mapping[str, float] | None = None) -> None:
    """Print floor results, then the JSON line last; exit 1 when a floor is missed."""
    missed = check_floors(figures, floors or {})
    figures = {**figures, "floors": dict(floors or {}), "floors_missed": missed}
    for line in missed:
        print(f"FLOOR MISSED: {line}")
    print(json.dumps(figures, default=str))
    sys.exit(1 if missed else 0)
