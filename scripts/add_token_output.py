"""Copy an encoder directory with the last layer's token states as a second graph output.

    /tmp/exportenv/bin/python scripts/add_token_output.py \
        --model src/skillpulse/link/assets --out /tmp/linking/tok

The copy (``encoder.onnx`` + ``tokenizer.json``) is what ``scripts/cv_linker.py
--late-model`` reads for token-level late interaction (docs/linking.md); the weights are the
same, nothing ships. Needs the ``onnx`` package (the ``train`` extra), not torch.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

#: the last transformer layer's output (batch x length x 384) in the exported MiniLM graph
TOKEN_STATES = "/bert/encoder/layer.5/output/LayerNorm/LayerNormalization_output_0"


def main() -> None:
    import onnx

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", type=Path, required=True, help="directory with encoder.onnx")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    model = onnx.load(str(args.model / "encoder.onnx"))
    produced = {name for node in model.graph.node for name in node.output}
    if TOKEN_STATES not in produced:
        raise SystemExit(f"{args.model / 'encoder.onnx'}: no tensor named {TOKEN_STATES}")
    model.graph.output.append(
        onnx.helper.make_tensor_value_info(
            TOKEN_STATES, onnx.TensorProto.FLOAT, ["batch", "length", 384]
        )
    )
    args.out.mkdir(parents=True, exist_ok=True)
    onnx.save(model, str(args.out / "encoder.onnx"))
    shutil.copy(args.model / "tokenizer.json", args.out / "tokenizer.json")
    print("wrote", args.out / "encoder.onnx")


if __name__ == "__main__":
    main()
