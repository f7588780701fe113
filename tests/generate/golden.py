"""The golden cases: small committed specs -> twins compared file by file with committed records.

Used by ``test_golden.py`` and by ``scripts/regen_golden.py``, the only thing that rewrites records.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from twingen.diagnostics import Diagnostics
from twingen.generate.twin import new_twin

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
SPECS = GOLDEN / "specs"
RECORDS = GOLDEN / "records"
DIAGNOSTICS = GOLDEN / "diagnostics"

CASES: dict[str, tuple[str, ...]] = {
    "notes": ("notes",),  # OpenAPI 3.0 YAML in a folder with a prose guide
    "chat": ("chat/chat.swagger.json",),  # Swagger 2.0, Slack-like RPC over form posts, dotted definitions
    "tasks": ("tasks/tasks.v1.json",),  # Google Discovery v1, colon verb, self-referencing schema
}


def is_recorded(rel: str) -> bool:
    """The runtime copy is left out: it is the runtime package's code (its copy is tested on its own)."""
    return "/runtime/" not in rel


def generate_case(name: str, workdir: Path) -> tuple[Path, Diagnostics]:
    """Generate case ``name`` under ``workdir``, with the specs copied beside it.

    The copy keeps the manifest's docs folder (recorded relative to the twin) the same wherever it runs.
    """
    specs = workdir / "specs"
    if not specs.exists():
        shutil.copytree(SPECS, specs)
    twin = workdir / "out" / name
    # the generator's own output: a kit's behaviour (tasks is a Discovery document, so Google's) is tested in tests/kits
    result = new_twin(name, CASES[name], twin, base_dir=specs, use_kit=False)
    return twin, result.diagnostics


def recorded_files(root: Path) -> dict[str, bytes]:
    """The files a record holds; the manifest's list of runtime files is left out like the runtime itself."""
    files = {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts and is_recorded(p.relative_to(root).as_posix())
    }
    if "twin-manifest.json" in files:
        manifest = json.loads(files["twin-manifest.json"])
        manifest["generated_files"] = [f for f in manifest["generated_files"] if is_recorded(f)]
        # the runtime's digest goes with the runtime: left out, so a runtime change is not a golden change
        manifest.get("inputs", {}).pop("runtime", None)
        manifest.pop("inputs_digest", None)
        files["twin-manifest.json"] = (
            json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        ).encode()
    return files


def diagnostics_text(diags: Diagnostics) -> str:
    return "".join(f"{d}\n" for d in diags)
