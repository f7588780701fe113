#!/usr/bin/env bash
# The committed twins against the newest SDK releases (by hand, or a CI job that is allowed to fail; never
# part of .ci/run, which installs the SDK versions in the twins' constraints.txt).
#
#   bash scripts/check_latest_sdks.sh
#
# A fresh venv in a temporary folder gets twingen and the latest release of every SDK the committed twins
# pin; then, for each twin in generated/, `twingen diff` prints the drift and `twingen check --no-report`
# calls every SDK method (a score under the one in the twin's COMPATIBILITY.md falls short). Nothing in the
# checkout is written but pip's build leftovers, which .gitignore covers. Exit 1 when anything drifted or
# fell short, else 0.
set -uo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

python -m venv "$tmp/venv" || exit 2
py="$tmp/venv/bin/python"
export PIP_DISABLE_PIP_VERSION_CHECK=1 CI=true
"$py" -m pip install --quiet "$repo" || exit 2
# every pinned package of every committed twin, unpinned: the newest release of each
mapfile -t sdks < <(cat generated/*/constraints.txt | sed -n 's/^\([A-Za-z0-9_.-]*\)==.*/\1/p' | sort -u)
if [ "${#sdks[@]}" -gt 0 ]; then
    "$py" -m pip install --quiet --upgrade "${sdks[@]}" || exit 2
    echo "latest SDKs:"
    for sdk in "${sdks[@]}"; do echo "  $sdk $("$py" -m pip show "$sdk" 2>/dev/null | sed -n 's/^Version: //p')"; done
fi
twingen="$tmp/venv/bin/twingen"

status=0
for manifest in generated/*/twin-manifest.json; do
    twin_dir="$(dirname "$manifest")"
    name="$(basename "$twin_dir")"
    echo
    echo "== $name"
    "$twingen" diff "$name" || status=1
    mapfile -t twin_sdks < <("$py" -c 'import json, sys; print(*json.load(open(sys.argv[1]))["sdks"], sep="\n")' "$manifest")
    for sdk in "${twin_sdks[@]}"; do
        [ -n "$sdk" ] || continue
        # the committed report's score, as a fraction a little under it (the report rounds to 0.1%)
        score="$(sed -n 's/^\*\*Score: \([0-9.]*\)%\*\*.*/\1/p' "$twin_dir/COMPATIBILITY.md" 2>/dev/null | head -1)"
        min=()
        if [ -n "$score" ]; then min=(--min-score "$("$py" -c "print(max(0.0, $score / 100 - 0.0005))")"); fi
        "$twingen" check "$name" --sdk "$sdk" --no-report --failures "${min[@]}" || status=1
    done
done
exit "$status"
