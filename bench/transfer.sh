#!/usr/bin/env bash
# Transfer benchmark: builds alicli (release), prepares the official SDKs' venv (the one the
# interop suite uses), and runs bench/transfer.py against one local cloud. Extra arguments go to
# transfer.py, e.g. `bench/transfer.sh --size-mib 256 --large-mib 0 --runs 1` for a quick look.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
(cd "$repo" && cargo build --release --quiet)
INTEROP_SETUP_ONLY=1 bash "$repo/tests/interop/run.sh"
exec "$repo/tests/interop/.venv/bin/python" "$here/transfer.py" --alicli "$repo/target/release/alicli" \
    --python "$repo/tests/interop/.venv/bin/python" "$@"
