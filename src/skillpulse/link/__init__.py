"""Semantic linking: map any skill phrase or sentence to taxonomy concepts.

Lexical (BM25) and dense (int8 ONNX MiniLM) retrieval with rank fusion. The dense part needs
the ``semantic`` extra (``pip install 'skillpulse[semantic]'``); see docs/linking.md.
"""

from skillpulse.link.linker import Candidate, Linker, LinkerConfig
from skillpulse.link.target import LinkTarget, TargetConcept, esco_target, load_target

__all__ = [
    "Candidate",
    "LinkTarget",
    "Linker",
    "LinkerConfig",
    "TargetConcept",
    "esco_target",
    "load_target",
]
