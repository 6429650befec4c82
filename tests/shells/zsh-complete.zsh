#!/usr/bin/env zsh
# zsh-complete.zsh SCRIPT LINE: what zsh's completion system offers at the end of LINE (e.g.
# 'alicli oss g') with SCRIPT (a `#compdef` file such as completions/_alicli) as the only
# completion function added. Prints one match a line, as `MATCH<TAB>DESCRIPTION` (the
# description as the completion listing would show it, without the padding), and each heading or
# message (a positional argument's help, say) as `#message<TAB>TEXT`. Exits non-zero if zsh could
# not be started, the completion did not finish, or it printed errors.
#
# Completion only runs inside the line editor, so this starts an interactive zsh on a
# pseudo-terminal (zsh/zpty) with a clean ZDOTDIR (no user or system rc files), runs compinit
# there, types LINE and a Tab, and records what reaches compadd. The recording is written to a
# file, so nothing has to be parsed out of the terminal's output.
emulate -L zsh
setopt err_return no_unset

if (( $# != 2 )); then
    print -u2 "usage: zsh-complete.zsh SCRIPT LINE"
    exit 2
fi
script=${1:A} line=$2
name=${script:t}
[[ $name == _* ]] || { print -u2 "zsh-complete: $name: a zsh completion file is named _COMMAND"; exit 2; }

zmodload zsh/zpty

tmp=$(mktemp -d)
trap 'zpty -d alicli_zsh 2>/dev/null; rm -rf -- $tmp' EXIT
mkdir -p $tmp/functions
cp -- $script $tmp/functions/$name
: > $tmp/out
: > $tmp/err

# Only .zshenv and .zshrc from $tmp: NO_GLOBAL_RCS skips the system's zprofile/zshrc/zlogin.
print -r -- 'setopt no_global_rcs' > $tmp/.zshenv
cat > $tmp/.zshrc <<'EOF'
PS1='' PS2='' RPS1=''
# Errors of the completion functions (a parse error in an eval'd action, say) go to a file.
exec 2>>$ZDOTDIR/err
fpath=($ZDOTDIR/functions $fpath)
autoload -Uz compinit && compinit -u -d $ZDOTDIR/.zcompdump
bindkey '^I' complete-word
zstyle ':completion:*' insert-tab false
zstyle ':completion:*' list-grouped false
# Group headings and messages (the help of a positional argument) are recorded as `#message TEXT`.
zstyle ':completion:*' format '%d'
# Record every match (and its description) that the completion functions add. Calls that only
# filter or collect words (-O, -A, -D) are the completion system's own and pass through.
compadd() {
    setopt localoptions extendedglob
    if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then
        builtin compadd "$@"
        return
    fi
    local -a __m __d
    local __n
    if (( ${@[(I)-d]} )); then
        __n=${@[$(( ${@[(i)-d]} + 1 ))]}
        if [[ $__n == \(* ]]; then
            eval "__d=$__n"
        else
            __d=("${(@P)__n}")
        fi
    fi
    if (( ${@[(I)-[Xx]]} )); then
        print -r -- "#message"$'\t'"${(%)@[$(( ${@[(I)-[Xx]]} + 1 ))]}" >> $ZDOTDIR/out
    fi
    builtin compadd -A __m -D __d "$@"
    local __i
    for __i in {1..$#__m}; do
        print -r -- "$__m[__i]"$'\t'"${${__d[__i]-}##$__m[__i] #-- #}" >> $ZDOTDIR/out
    done
    builtin compadd "$@"
}
_alicli_done() { print -r -- '#done' >> $ZDOTDIR/out; exit 0 }
comppostfuncs=(_alicli_done)
print -r -- '#ready'
EOF

# TERM=dumb: no terminal queries or colours; COLUMNS wide so no listing is cut.
zpty alicli_zsh "TERM=dumb COLUMNS=1000 LINES=100 ZDOTDIR=${(q)tmp} zsh -i"
zpty -r alicli_zsh started '*\#ready*' || { print -u2 "zsh-complete: zsh did not start"; exit 1; }
zpty -w -n alicli_zsh "$line"$'\t'

integer i
for i in {1..100}; do
    [[ -n ${(M)${(f)"$(<$tmp/out)"}:#\#done} ]] && break
    sleep 0.1
done
if [[ -z ${(M)${(f)"$(<$tmp/out)"}:#\#done} ]]; then
    print -u2 "zsh-complete: completion of '$line' did not finish; zsh printed:"
    zpty -r -t alicli_zsh out 2>/dev/null && print -u2 -r -- $out
    exit 1
fi
if [[ -s $tmp/err ]]; then
    print -u2 "zsh-complete: completing '$line' printed errors:"
    cat $tmp/err >&2
    exit 1
fi
grep -v '^#done$' $tmp/out || true
