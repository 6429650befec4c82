#!/usr/bin/env bash
# tests/shells/check.sh: checks the completion scripts in the shells themselves. For bash, zsh,
# fish and elvish, both the script that `$ALICLI_BIN completions SHELL` prints now and the copy
# committed in completions/ must pass the shell's own syntax check, load, and offer the right
# words (with their help, where the shell shows help) when asked to complete a few command lines.
# The fresh scripts must also equal the committed ones. PowerShell's script is generated, but no
# PowerShell runs here: its quoting is covered by the unit tests only.
#
# Then the dynamic completion: the loaders `alicli completions --install SHELL` writes (into a
# temporary home) and the scripts of clap_complete's engine they load (`ALICLI_COMPLETE=SHELL
# alicli`) must pass the same syntax checks, and, with a temporary profile file, Tab after
# `--profile` must offer its profile names (and never one of its secrets), `configure get` its
# keys, as well as commands and fixed values.
#
# Last, the unit tests of src/generate.rs run with ALICLI_REQUIRE_SHELLS=1: they
# load scripts whose help texts hold every troublesome character into these shells (skip with
# ALICLI_CHECK_HOSTILE=0, e.g. when no cargo is at hand).
#
#   ALICLI_BIN   alicli binary [default: target/debug/alicli]
#
# Needs bash, zsh, fish and elvish (Debian: apt-get install zsh fish elvish). Prints one line a
# check and a `N passed, N failed` line; exits 1 when a check failed, 2 when it cannot run.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
here=$root/tests/shells
bin=${ALICLI_BIN:-$root/target/debug/alicli}
[[ -x $bin ]] || { echo "check.sh: no alicli binary at $bin (cargo build, or set ALICLI_BIN)" >&2; exit 2; }

missing=()
for shell in bash zsh fish elvish; do
    command -v "$shell" > /dev/null || missing+=("$shell")
done
if ((${#missing[@]})); then
    echo "check.sh: not installed: ${missing[*]} (Debian: apt-get install -y zsh fish elvish)" >&2
    exit 2
fi

tmp=$(mktemp -d)
trap 'rm -rf -- "$tmp"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); printf 'ok    %s\n' "$*"; }
bad() { failed=$((failed + 1)); printf 'FAIL  %s\n' "$*"; }

declare -A name=([bash]=alicli.bash [zsh]=_alicli [fish]=alicli.fish [elvish]=alicli.elv
    [powershell]=_alicli.ps1)

# The shell's own parse of the whole script, without running it.
syntax() {
    local shell=$1 script=$2
    case $shell in
    bash) bash -n "$script" ;;
    zsh) zsh -n "$script" ;;
    fish) fish --no-config -n "$script" ;;
    elvish)
        # edit: exists only in an interactive elvish; complete.sh explains the stand-ins.
        {
            echo 'var arg-completer = [&]'
            echo "fn complex-candidate {|text &display=''| put [\$text \$display] }"
            sed 's/edit:completion:arg-completer/arg-completer/g; s/edit:complex-candidate/complex-candidate/g' "$script"
        } > "$tmp/syntax.elv"
        elvish -norc -compileonly "$tmp/syntax.elv"
        ;;
    esac
}

# expect SHELL SCRIPT LINE MATCH [TEXT]: completing LINE offers MATCH, and its description
# contains TEXT (given only where the shell shows descriptions).
expect() {
    local shell=$1 script=$2 line=$3 match=$4 text=${5-} out
    local what="$shell ${script#"$root"/}: '$line' offers $match${text:+ with \"$text\"}"
    if ! out=$(bash "$here/complete.sh" "$shell" "$script" "$line" 2>&1); then
        bad "$what"
        printf '%s\n' "$out" | sed 's/^/      /'
        return
    fi
    local entry
    while IFS= read -r entry; do
        if [[ ${entry%%$'\t'*} == "$match" && ${entry#*$'\t'} == *"$text"* ]]; then
            ok "$what"
            return
        fi
    done <<< "$out"
    bad "$what; it offered:"
    printf '%s\n' "$out" | sed 's/^/      /'
}

check_script() {
    local shell=$1 script=$2 err
    if err=$(syntax "$shell" "$script" 2>&1) && [[ -z $err ]]; then
        ok "$shell ${script#"$root"/}: syntax"
    else
        bad "$shell ${script#"$root"/}: syntax"
        printf '%s\n' "$err" | sed 's/^/      /'
    fi
    # Commands and flags, in every shell.
    expect "$shell" "$script" 'alicli oss g' get
    expect "$shell" "$script" 'alicli ' sts
    expect "$shell" "$script" 'alicli sts assume-role --role-' --role-arn
    # Values of a positional argument: clap_complete's fish and elvish scripts offer none.
    case $shell in
    bash | zsh) expect "$shell" "$script" 'alicli completions ' fish ;;
    esac
    # Help texts with $, quotes and backquotes (pieces of real ones, picked for their characters:
    # when one of those help texts changes, change its piece here): of options (zsh, fish and
    # elvish show them) ...
    local from="The official CLI's file [default: \$ALIBABA_CLOUD_CONFIG_FILE"
    case $shell in
    bash) expect bash "$script" 'alicli configure import --f' --from ;;
    *) expect "$shell" "$script" 'alicli configure import --f' --from "$from" ;;
    esac
    # ... and of possible values (zsh and fish show them; bash offers the values only, and
    # elvish's script completes no values).
    case $shell in
    zsh | fish)
        expect "$shell" "$script" 'alicli policy check --output ' text 'Tab-separated values, one record a line'
        expect "$shell" "$script" 'alicli sts assume-role --output ' env 'Shell `export` lines (sts assume-role'
        expect "$shell" "$script" 'alicli configure export-credentials --format ' json '"SecurityToken","Expiration"}'
        expect "$shell" "$script" 'alicli configure export-credentials --format ' powershell "\`\$Env:NAME = 'value'\`"
        ;;
    bash)
        expect bash "$script" 'alicli policy check --output ' text
        expect bash "$script" 'alicli sts assume-role --output ' env
        ;;
    esac
    # zsh shows a positional argument's help as a message.
    if [[ $shell == zsh ]]; then
        expect zsh "$script" 'alicli policy probe ' '#message' "target -- Where to probe: oss://BUCKET/PREFIX/. A \`*\` in it stands for the probe object's"
    fi
}

mkdir "$tmp/fresh"
for shell in bash zsh fish elvish powershell; do
    file=${name[$shell]}
    if ! "$bin" completions "$shell" > "$tmp/fresh/$file"; then
        bad "$bin completions $shell"
        continue
    fi
    if cmp -s "$tmp/fresh/$file" "$root/completions/$file"; then
        ok "completions/$file is what $bin completions $shell prints"
    else
        bad "completions/$file differs from what $bin completions $shell prints (ALICLI_BLESS=1 cargo test --test it generated)"
    fi
done
for shell in bash zsh fish elvish; do
    check_script "$shell" "$tmp/fresh/${name[$shell]}"
    check_script "$shell" "$root/completions/${name[$shell]}"
done

# Dynamic completion. The loaders call `alicli` by name, from PATH.
mkdir -p "$tmp/bin" "$tmp/home"
ln -s "$bin" "$tmp/bin/alicli"
cat > "$tmp/profiles.toml" <<'EOF'
[profiles.default]
access_key_id = "LTAI5tCheckShId"
access_key_secret = "check-sh-secret-never-offered"

[profiles.ci-deploy]
role_arn = "acs:ram::123456789012:role/deploy"
source_profile = "default"
EOF
declare -A loader
for shell in bash zsh fish elvish powershell; do
    if loader[$shell]=$(HOME=$tmp/home XDG_DATA_HOME='' XDG_CONFIG_HOME='' "$bin" completions --install "$shell" 2> /dev/null) \
        && [[ -s ${loader[$shell]} ]]; then
        ok "completions --install $shell wrote ${loader[$shell]#"$tmp"/}"
    else
        bad "completions --install $shell"
        loader[$shell]=''
    fi
    ALICLI_COMPLETE=$shell "$tmp/bin/alicli" > "$tmp/dynamic-${name[$shell]}" \
        || bad "ALICLI_COMPLETE=$shell alicli prints the engine's script"
done
export PATH="$tmp/bin:$PATH" ALICLI_CONFIG_FILE="$tmp/profiles.toml"
# The engine itself, as every loader asks it (fish's format: value TAB help).
what="engine: ALICLI_COMPLETE=fish alicli -- alicli --profile '' offers the profile file's names"
out=$(ALICLI_COMPLETE=fish alicli -- alicli --profile '' 2>&1) || true
if [[ $out == $'ci-deploy\trole profile\ndefault\taccess key profile' ]]; then
    ok "$what"
else
    bad "$what; it offered:"
    printf '%s\n' "$out" | sed 's/^/      /'
fi
dynamic_checks() {
    local shell=$1 script=$2 err
    if err=$(syntax "$shell" "$script" 2>&1) && [[ -z $err ]]; then
        ok "$shell ${script#"$tmp"/}: syntax"
    else
        bad "$shell ${script#"$tmp"/}: syntax"
        printf '%s\n' "$err" | sed 's/^/      /'
    fi
    # elvish's loader evals the engine's script, whose edit: complete.sh cannot stand in for:
    # the engine's script itself is asked instead.
    [[ $shell == elvish && $script != */dynamic-* ]] && return
    # zsh's engine script is for `source`: as a `#compdef` file (the only way complete.sh loads
    # zsh scripts) its first call only registers itself, which is what the loader makes up for.
    [[ $shell == zsh && $script == */dynamic-* ]] && return
    local help='' key_help=''
    [[ $shell == zsh || $shell == fish ]] && help='role profile' key_help='default region'
    expect "$shell" "$script" 'alicli --profile ' ci-deploy "$help"
    expect "$shell" "$script" 'alicli sts assume-role --profile d' default
    expect "$shell" "$script" 'alicli configure get reg' region "$key_help"
    expect "$shell" "$script" 'alicli oss g' get
    expect "$shell" "$script" 'alicli policy check --output ' json
    local out
    out=$(bash "$here/complete.sh" "$shell" "$script" 'alicli configure set access_key_' 2>&1 || true)
    if grep -q 'check-sh-secret' <<< "$out"; then
        bad "$shell ${script#"$tmp"/}: a secret of the profile file was offered"
    else
        ok "$shell ${script#"$tmp"/}: no secret of the profile file offered"
    fi
}
for shell in bash zsh fish elvish; do
    [[ -n ${loader[$shell]} ]] && dynamic_checks "$shell" "${loader[$shell]}"
    dynamic_checks "$shell" "$tmp/dynamic-${name[$shell]}"
done
unset ALICLI_CONFIG_FILE

if [[ ${ALICLI_CHECK_HOSTILE-1} != 0 ]]; then
    # The filter must match tests: a run of none would pass and prove nothing.
    if out=$(cd "$root" && ALICLI_REQUIRE_SHELLS=1 cargo test --locked --lib -q generate::tests 2>&1) \
        && grep -qE 'test result: ok\. [1-9]' <<< "$out"; then
        ok "unit tests of src/generate.rs, hostile help texts in the shells"
    else
        bad "unit tests of src/generate.rs, hostile help texts in the shells:"
        printf '%s\n' "$out" | tail -n 40 | sed 's/^/      /'
    fi
fi

echo "completions: $passed passed, $failed failed"
((failed == 0))
