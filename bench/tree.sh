#!/usr/bin/env bash
# Tree benchmark: builds alicli (release), prepares the official SDKs' venv (the one the interop
# suite uses), and runs bench/tree.py against one local cloud: oss cp -r up and down, a no-op
# oss sync and oss rm -r of many small files (and cp -r of larger ones), beside oss2 with 16
# threads and curl --parallel on presigned URLs. Extra arguments go to tree.py, e.g.
# `bash bench/tree.sh --small 1000 --large 20` for a quick look, `--rss` for the memory of
# ls -r and sync over 100 000 objects. Exits 1 only when a correctness check fails.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
(cd "$repo" && cargo build --release --quiet)
INTEROP_SETUP_ONLY=1 bash "$repo/tests/interop/run.sh"
exec "$repo/tests/interop/.venv/bin/python" "$here/tree.py" --alicli "$repo/target/release/alicli" \
    --python "$repo/tests/interop/.venv/bin/python" "$@"
