"""Ingest: read postings, searches, hires and profiles into the store, row by row accounted."""

from skillpulse.ingest.infer import InferredMapping, infer_mapping
from skillpulse.ingest.kinds import KINDS, KindSpec
from skillpulse.ingest.mapping import Mapping, build_mapping
from skillpulse.ingest.pipeline import IngestInfo, RejectReason, ingest_file, ingest_files

__all__ = ["KINDS", "InferredMapping", "IngestInfo", "KindSpec", "Mapping", "RejectReason",
           "build_mapping", "infer_mapping", "ingest_file", "ingest_files"]
