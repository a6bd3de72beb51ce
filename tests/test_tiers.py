"""Tier 1 (ingest, clean, fingerprints, copies, clustering, store) never loads spaCy or a
neural model: it has to keep up with a firehose."""

import subprocess
import sys

TIER1 = ("manysides.ingest", "manysides.clean", "manysides.text", "manysides.dedupe",
         "manysides.cluster", "manysides.store")


def test_tier1_imports_no_nlp_library() -> None:
    code = (
        f"import sys; import {', '.join(TIER1)}; "
        "heavy = sorted(m for m in ('spacy', 'thinc', 'torch', 'sentence_transformers') if m in sys.modules); "
        "print(','.join(heavy))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
