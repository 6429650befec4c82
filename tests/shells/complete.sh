#!/usr/bin/env bash
# complete.sh SHELL SCRIPT LINE: loads the completion SCRIPT into SHELL (bash, zsh, fish or
# elvish) and prints what that shell's completion offers at the end of LINE (e.g. 'alicli oss g'),
# one match a line as `MATCH<TAB>DESCRIPTION` (bash has no descriptions: `MATCH<TAB>`; zsh adds
# `#message<TAB>TEXT` lines for its headings and messages). The command completed is LINE's first
# word. Exits non-zero if the script does not load or the shell printed anything on stderr.
#
# Used by tests/shells/check.sh and by the unit tests in src/generate.rs.
set -euo pipefail

if (($# != 3)); then
    echo "usage: complete.sh bash|zsh|fish|elvish SCRIPT LINE" >&2
    exit 2
fi
shell=$1 script=$2 line=$3
here=$(cd "$(dirname "$0")" && pwd)
[[ -r $script ]] || { echo "complete.sh: cannot read $script" >&2; exit 2; }

err=$(mktemp)
trap 'rm -f -- "$err"' EXIT

# Runs the shell with stderr kept aside; a load error or a warning fails the call, and so does
# taking more than a minute.
run() {
    local rc=0
    timeout 60 "$@" 2>"$err" || rc=$?
    if ((rc != 0)) || [[ -s $err ]]; then
        echo "complete.sh: $shell: completing '$line' with $script failed (exit $rc):" >&2
        cat "$err" >&2
        exit 1
    fi
}

case $shell in
bash)
    # What bash does on Tab: find the function `complete -F` registered for the command, set
    # COMP_WORDS/COMP_CWORD/COMP_LINE/COMP_POINT, call it, read COMPREPLY.
    run bash --norc --noprofile -c '
        set -u
        source "$1" || exit 3
        line=$2
        read -r -a COMP_WORDS <<< "$line"
        [[ $line == *" " ]] && COMP_WORDS+=("")
        COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
        COMP_LINE=$line
        COMP_POINT=${#line}
        # 9: a plain Tab (the dynamic engine'"'"'s script reads it).
        COMP_TYPE=9
        spec=$(complete -p "${COMP_WORDS[0]}") || exit 4
        [[ $spec =~ -F\ ([^ ]+) ]] || { echo "no -F function in: $spec" >&2; exit 4; }
        COMPREPLY=()
        prev=""
        (( COMP_CWORD > 0 )) && prev=${COMP_WORDS[COMP_CWORD-1]}
        "${BASH_REMATCH[1]}" "${COMP_WORDS[0]}" "${COMP_WORDS[COMP_CWORD]}" "$prev"
        for m in "${COMPREPLY[@]}"; do printf "%s\t\n" "$m"; done
    ' complete.sh "$script" "$line"
    ;;
fish)
    run fish --no-config -c '
        source $argv[1]; or exit 3
        complete -C $argv[2]
    ' "$script" "$line"
    ;;
zsh)
    # zsh completes only inside its line editor: zsh-complete.zsh drives one on a pty.
    dir=$(mktemp -d)
    trap 'rm -f -- "$err"; rm -rf -- "$dir"' EXIT
    cp -- "$script" "$dir/_${line%% *}"
    run zsh -f "$here/zsh-complete.zsh" "$dir/_${line%% *}" "$line"
    ;;
elvish)
    # The script registers a closure in edit:completion:arg-completer, and the edit: module
    # exists only in an interactive elvish: run it with that map and edit:complex-candidate
    # provided under other names, call the closure as the editor would, and keep the candidates
    # that start with the word being completed (the editor's own filtering).
    elv=$(mktemp --suffix=.elv)
    trap 'rm -f -- "$err" "$elv"' EXIT
    {
        # The harness below needs str: (the static script imports it; the dynamic one does not).
        echo 'use str'
        echo 'var arg-completer = [&]'
        echo "fn complex-candidate {|text &display=''| put [\$text \$display] }"
        sed 's/edit:completion:arg-completer/arg-completer/g; s/edit:complex-candidate/complex-candidate/g' "$script"
        cat <<'EOF'
var words = [(str:split ' ' $args[0])]
var current = $words[-1]
for c [($arg-completer[$words[0]] $@words)] {
    # The static script puts complex candidates ([text display]), the dynamic one strings.
    if (eq (kind-of $c) string) {
        if (str:has-prefix $c $current) { echo $c"\t" }
    } elif (str:has-prefix $c[0] $current) {
        echo $c[0]"\t"(str:trim-left $c[1][(count $c[0])..] ' ')
    }
}
EOF
    } > "$elv"
    run elvish -norc "$elv" "$line"
    ;;
*)
    echo "complete.sh: no way to ask $shell for completions" >&2
    exit 2
    ;;
esac
