"""The sentence encoder: an int8 ONNX MiniLM run with onnxruntime (no torch at run time).

The model file and its tokenizer ship in ``skillpulse/link/assets/`` (see
``scripts/train_linker_model.py`` and ``scripts/export_minilm_onnx.py``). Outputs are L2-normalised float32 vectors in input order.

Texts are encoded one at a time by default (``batch_size=1``): the int8 model quantises its
activations dynamically, with one scale per input tensor, so in a batch a text's vector would
depend on its neighbours and on padding. One at a time, a text always gets the same vector;
it costs about 10% of throughput. Larger batches are sorted by length to limit padding.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from skillpulse.errors import MissingExtraError

log = logging.getLogger(__name__)

ASSETS = Path(__file__).parent / "assets"
MODEL_FILE = "encoder.onnx"
TOKENIZER_FILE = "tokenizer.json"


def require_semantic() -> None:
    """Raise :class:`MissingExtraError` unless onnxruntime and tokenizers import."""
    try:
        import onnxruntime  # noqa: F401
        import tokenizers  # noqa: F401
    except ImportError as exc:
        raise MissingExtraError("semantic linking", "semantic") from exc


def file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes (the key of caches derived from it)."""
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


class Encoder:
    """Encode texts to unit vectors with the shipped ONNX model."""

    def __init__(
        self,
        model_dir: Path | None = None,
        *,
        max_length: int = 128,
        batch_size: int = 1,
        threads: int | None = 1,
    ) -> None:
        require_semantic()
        import onnxruntime as ort
        from tokenizers import Tokenizer

        directory = model_dir or ASSETS
        self.model_path = directory / MODEL_FILE
        self.batch_size = batch_size
        self.tokenizer = Tokenizer.from_file(str(directory / TOKENIZER_FILE))
        self.tokenizer.enable_truncation(max_length=max_length)
        self.tokenizer.no_padding()
        options = ort.SessionOptions()
        options.log_severity_level = 3
        if threads:
            # one thread: texts are encoded one at a time, and on a busy 2-core machine one
            # thread encoded twice as many sentences per second as two (docs/linking.md)
            options.intra_op_num_threads = threads
            options.inter_op_num_threads = 1
        self.session = ort.InferenceSession(
            str(self.model_path), options, providers=["CPUExecutionProvider"]
        )
        self.dim = int(self.session.get_outputs()[0].shape[1] or 384)
        self._digest: str | None = None

    @property
    def digest(self) -> str:
        """Content hash of the model file (part of the cache key of derived label vectors)."""
        if self._digest is None:
            self._digest = file_digest(self.model_path)[:16]
        return self._digest

    def encode(self, texts: Sequence[str], *, batch_size: int | None = None) -> np.ndarray:
        """Unit vectors, shape (len(texts), dim), float32, in input order."""
        size = batch_size or self.batch_size
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        encodings = self.tokenizer.encode_batch(list(texts))
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        for start in range(0, len(order), size):
            chunk = order[start : start + size]
            width = max(len(encodings[i].ids) for i in chunk)
            ids = np.zeros((len(chunk), width), dtype=np.int64)
            mask = np.zeros((len(chunk), width), dtype=np.int64)
            for row, i in enumerate(chunk):
                seq = encodings[i].ids
                ids[row, : len(seq)] = seq
                mask[row, : len(seq)] = 1
            (vectors,) = self.session.run(None, {"input_ids": ids, "attention_mask": mask})
            out[chunk] = vectors
        return out
