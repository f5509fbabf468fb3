"""Skill extraction: text to canonical skill mentions (dictionary, context rules, fuzzy
query matching, tags), and the store step that extracts every stored document."""

from skillpulse.extract.doc import Component, Doc
from skillpulse.extract.mention import Mention
from skillpulse.extract.overlap import OVERLAP_POLICY
from skillpulse.extract.pipeline import FIELDS, Extractor
from skillpulse.extract.store import ExtractInfo, extract_store

__all__ = ["FIELDS", "OVERLAP_POLICY", "Component", "Doc", "ExtractInfo", "Extractor", "Mention",
           "extract_store"]
