"""Python's cyclic garbage collector, paused around batch work that makes few cycles.

Tier 1's pages and tier 2's stages allocate many short-lived containers (token lists,
feature dicts, spans) and make next to no reference cycles; the collections those
allocations trigger walk the live objects again and again. Paused, what a batch leaves is
collected once the collector is back.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Automatic collections off for the ``with`` block, back on afterwards, even after an
    error. Paused by a zero threshold, not ``gc.disable()``: srsly's msgpack reader (spaCy's)
    calls ``gc.enable()`` on its way out, whatever it found. Left alone when the caller has
    paused it already (disabled, or a zero threshold)."""
    thresholds = gc.get_threshold()
    if not gc.isenabled() or thresholds[0] == 0:
        yield
        return
    gc.set_threshold(0)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
