"""Sitrep: conflict news in, a sourced, geocoded, time-resolved event dataset out."""

__version__ = "0.1.0"
# Bumped whenever a stage's output for the same input may change: documents processed by an older pipeline are
# re-derived (same doc_id, new derived rows) the next time they are run.
PIPELINE_VERSION = "2026.12.06-1"
