"""Ingest: read postings, searches, hires and profiles into the store, row by row accounted."""

from skillpulse.ingest.kinds import KINDS, KindSpec
from skillpulse.ingest.mapping import Mapping, build_mapping
from skillpulse.ingest.pipeline import IngestInfo, ingest_file, ingest_files

__all__ = ["KINDS", "IngestInfo", "KindSpec", "Mapping", "build_mapping", "ingest_file",
           "ingest_files"]
