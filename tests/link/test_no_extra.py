"""Without the semantic extra the engine imports and ``skillpulse link`` says how to install it."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

BLOCKER = textwrap.dedent(
    """
    import sys

    class _Block:
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in ("onnxruntime", "tokenizers"):
                raise ImportError(f"No module named {name!r} (blocked by test)")
            return None

    sys.meta_path.insert(0, _Block())
    """
)


def _run(tmp_path: Path, code: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "sitecustomize.py").write_text(BLOCKER, encoding="utf-8")
    src = Path(__file__).resolve().parents[2] / "src"
    env = {"PYTHONPATH": f"{tmp_path}:{src}", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )


def test_link_without_extra_prints_install_command_and_exits_2(tmp_path: Path) -> None:
    proc = _run(
        tmp_path,
        "import sys; from skillpulse.cli import main; sys.exit(main(['link', 'keep the books']))",
    )
    assert proc.returncode == 2, proc.stderr
    assert "pip install 'skillpulse[semantic]'" in proc.stderr
    assert proc.stdout == ""


def test_eval_linking_without_extra_exits_2(tmp_path: Path) -> None:
    data = Path(__file__).parents[1] / "data" / "link" / "validation_slice.csv"
    proc = _run(
        tmp_path,
        "import sys; from skillpulse.cli import main; "
        f"sys.exit(main(['eval', 'linking', '--data', {str(data)!r}]))",
    )
    assert proc.returncode == 2, proc.stderr
    assert "pip install 'skillpulse[semantic]'" in proc.stderr


def test_blocker_really_blocks_and_the_engine_still_imports(tmp_path: Path) -> None:
    proc = _run(
        tmp_path,
        "import skillpulse, skillpulse.link, skillpulse.extract.semantic\n"
        "try:\n    import onnxruntime\nexcept ImportError:\n    print('blocked')\n",
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "blocked"


def test_importing_the_link_package_loads_no_onnxruntime() -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, skillpulse.link, skillpulse.cli; print('onnxruntime' in sys.modules)",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.stdout.strip() == "False", proc.stderr
