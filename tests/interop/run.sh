#!/usr/bin/env bash
# Interop suite: Alibaba Cloud's official Python SDKs against `alicli serve`.
# Usage: tests/interop/run.sh [NAME-FILTER...]   (from any directory)
# Env: ALICLI_BIN (binary to test; default <repo>/target/release/alicli, built if missing),
#      INTEROP_PYTHON (interpreter for the venv; default python3.11, else python3).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
venv="$here/.venv"
req="$here/requirements.txt"
stamp="$venv/.requirements.sha256"

pick_python() {
    if [[ -n "${INTEROP_PYTHON:-}" ]]; then echo "$INTEROP_PYTHON"; return; fi
    for p in python3.11 python3; do
        if command -v "$p" >/dev/null 2>&1; then echo "$p"; return; fi
    done
    echo "run.sh: no python3.11 or python3 on PATH" >&2
    exit 2
}

want_hash="$(sha256sum "$req" | cut -d' ' -f1)"

venv_complete() {
    [[ -x "$venv/bin/python" && -f "$stamp" ]] || return 1
    [[ "$(cat "$stamp")" == "$want_hash" ]] || return 1
    "$venv/bin/python" -c 'import oss2, alibabacloud_oss_v2, aliyunsdkcore, aliyunsdksts, alibabacloud_sts20150401, alibabacloud_tea_openapi, alibabacloud_openapi_util, alibabacloud_credentials' >/dev/null 2>&1
}

if ! venv_complete; then
    py="$(pick_python)"
    echo "run.sh: preparing $venv with $("$py" --version 2>&1)" >&2
    rm -rf "$venv"
    pip_args=(install --disable-pip-version-check --no-input -q -r "$req")
    if "$py" -m venv "$venv" >/dev/null 2>&1 && [[ -x "$venv/bin/pip" ]]; then
        "$venv/bin/python" -m pip "${pip_args[@]}"
    else
        # No ensurepip (e.g. Debian without python3-venv): a bare venv filled by the outer pip.
        rm -rf "$venv"
        "$py" -m venv --without-pip "$venv"
        "$py" -m pip --python "$venv/bin/python" "${pip_args[@]}"
    fi
    echo "$want_hash" > "$stamp"
fi

# bench/transfer.sh only wants the venv.
if [[ -n "${INTEROP_SETUP_ONLY:-}" ]]; then
    exit 0
fi

if [[ -z "${ALICLI_BIN:-}" ]]; then
    if [[ ! -x "$repo/target/release/alicli" ]]; then
        echo "run.sh: building alicli (cargo build --release)" >&2
        (cd "$repo" && cargo build --release)
    fi
    export ALICLI_BIN="$repo/target/release/alicli"
elif [[ ! -x "$ALICLI_BIN" ]]; then
    echo "run.sh: ALICLI_BIN=$ALICLI_BIN is not an executable file" >&2
    exit 2
fi

exec "$venv/bin/python" "$here/test_interop.py" "$@"
