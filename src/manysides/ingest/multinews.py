"""Multi-News style files: several source documents separated by ``|||||``.

Multi-News ``.src`` files hold one cluster per line with newlines written as
``NEWLINE_CHAR``; other files hold one cluster with real newlines.
"""

from __future__ import annotations

from collections.abc import Iterator

SEPARATOR = "|||||"
_NEWLINE_TOKEN = "NEWLINE_CHAR"


def is_multinews(text: str) -> bool:
    return SEPARATOR in text


def split_documents(text: str, source: str) -> Iterator[tuple[str, str]]:
    """(source, document text) for each non-empty document; source is ``path:line#n``."""
    if _NEWLINE_TOKEN in text:
        clusters = [(f"{source}:{n}", line) for n, line in enumerate(text.split("\n"), 1)]
    else:
        clusters = [(source, text)]
    for cluster_source, cluster in clusters:
        cluster = cluster.replace(_NEWLINE_TOKEN, "\n")
        for index, document in enumerate(cluster.split(SEPARATOR), 1):
            if document.strip():
                yield f"{cluster_source}#{index}", document.strip()
