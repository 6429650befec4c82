#!/usr/bin/env bash
# Runs alicli's fuzz targets one after another, one libFuzzer job each, for SECONDS each
# (default 300), and keeps each run's output in fuzz/logs/<target>.log. Usage:
#   fuzz/run.sh [SECONDS] [TARGET...]
# Needs cargo-fuzz (`cargo install cargo-fuzz`). On a stable toolchain RUSTC_BOOTSTRAP=1 lets
# cargo-fuzz use the nightly-only sanitizer flags; it is set here. See docs/testing.md.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-300}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(oss_error_xml oss_multipart_xml sts_json profile_file oss_url policy_json)
fi
declare -A dicts=(
    [oss_error_xml]=dicts/oss_xml.dict
    [oss_multipart_xml]=dicts/oss_xml.dict
    [profile_file]=dicts/profile_file.dict
    [policy_json]=dicts/policy_json.dict
)
mkdir -p logs
export RUSTC_BOOTSTRAP=1 CARGO_BUILD_JOBS=1
for target in "${targets[@]}"; do
    mkdir -p "corpus/$target"
    extra=()
    if [ -n "${dicts[$target]:-}" ]; then
        extra+=("-dict=${dicts[$target]}")
    fi
    echo "== $target: ${seconds}s"
    cargo fuzz run "$target" "corpus/$target" "seeds/$target" -- \
        -max_total_time="$seconds" -jobs=1 -timeout=10 -print_final_stats=1 "${extra[@]}" \
        > "logs/$target.log" 2>&1 || { echo "$target FAILED: see fuzz/logs/$target.log"; exit 1; }
    grep -E "^#[0-9]+ +DONE|^Done|stat::number_of_executed_units|stat::peak_rss_mb" "logs/$target.log" || true
done
