"""A synthetic marketplace with planted generative-AI trends, and its truth."""

from skillpulse.generate.core import FileInfo, GenerateResult, generate

__all__ = ["FileInfo", "GenerateResult", "generate"]
