"""A twin folder for tests, written straight from an ``Api`` (no generator run): its spec, a ``__main__``,
the runtime linked in, and behaviour modules given as source text."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from twingen.ir import serialize
from twingen.ir.model import Api

REPO = Path(__file__).resolve().parents[1]


def write_twin_folder(root: Path, api: Api, behaviour: Mapping[str, str], runtime: Path | None = None) -> Path:
    """``root/NAME`` holding package ``twin_NAME`` for ``api``; ``behaviour`` maps module file names to source;
    ``runtime`` is the runtime folder linked in (twingen's own by default)."""
    twin_dir = root / api.name
    package = twin_dir / f"twin_{api.name}"
    (package / "behaviour").mkdir(parents=True)
    (package / "__init__.py").write_text(f'"""The {api.name} test twin."""\n')
    (package / "__main__.py").write_text(
        "import sys\n\nfrom .runtime import server\n\n"
        f"raise SystemExit(server.main(sys.argv[1:], package='twin_{api.name}'))\n"
    )
    (package / "spec.json").write_bytes(serialize.dumps(api))
    (package / "runtime").symlink_to(runtime or REPO / "twingen" / "runtime", target_is_directory=True)
    (package / "behaviour" / "__init__.py").write_text(f'"""{api.name.capitalize()} behaviour."""\n')
    for name, source in behaviour.items():
        (package / "behaviour" / name).write_text(source)
    return twin_dir
