"""Shell completion scripts (bash, zsh, fish) from a description of the commands.

The scripts are static: all they know is written into them when
``alslog completion SHELL`` runs, so completing a word never starts alslog
(and alslog's start-up carries no completion machinery).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

SHELLS = ("bash", "zsh", "fish")

# Single words only: a completion never needs quoting.
_WORD = re.compile(r"^[A-Za-z0-9_.:/+=-]+$")


@dataclass(frozen=True)
class CommandSpec:
    """What can follow one command: options, option values, arguments, subcommands.

    ``path`` is the command as typed after ``alslog`` ("" for alslog itself,
    "config set" for a subcommand); ``arguments`` lists, for each positional
    argument in turn, the words it may be; ``values`` the words each option
    taking a value may be (an empty list: any value, nothing to offer).
    """

    path: str
    options: tuple[str, ...] = ()
    values: dict[str, tuple[str, ...]] = field(default_factory=dict)
    arguments: tuple[tuple[str, ...], ...] = ()
    subcommands: tuple[str, ...] = ()


def script(shell: str, specs: list[CommandSpec]) -> str:
    """The completion script for ``shell`` (one of SHELLS)."""
    for spec in specs:
        words = [*spec.options, *spec.subcommands, *spec.values]
        words += [w for ws in (*spec.values.values(), *spec.arguments) for w in ws]
        bad = [w for w in words if not _WORD.match(w)]
        if bad:
            raise ValueError(f"not a single word: {bad[0]!r}")
    if shell == "bash":
        return _bash(specs)
    if shell == "zsh":
        return _ZSH_HEAD + _bash(specs)
    if shell == "fish":
        return _fish(specs)
    raise ValueError(f"unknown shell {shell!r}")


def _case(pattern: str, words: tuple[str, ...] | list[str]) -> str:
    return f'        "{pattern}") echo "{" ".join(words)}" ;;'


def _bash(specs: list[CommandSpec]) -> str:
    cases: list[str] = []
    for spec in specs:
        cases.append(_case(f"{spec.path}:opts", spec.options))
        if spec.subcommands:
            cases.append(_case(f"{spec.path}:sub", spec.subcommands))
        if spec.values:
            cases.append(_case(f"{spec.path}:takes", list(spec.values)))
        for option, words in spec.values.items():
            if words:
                cases.append(_case(f"{spec.path}:val:{option}", words))
        for index, words in enumerate(spec.arguments):
            if words:
                cases.append(_case(f"{spec.path}:arg{index}", words))
    return _BASH.replace("@CASES@", "\n".join(cases))


_BASH = """\
# alslog completion for bash (made by `alslog completion bash`).
_alslog_words() {
    case "$1:$2" in
@CASES@
    esac
}

_alslog() {
    local cur="${COMP_WORDS[COMP_CWORD]}" path="" n=0 skip=0 i w words
    for ((i = 1; i < COMP_CWORD; i++)); do
        w="${COMP_WORDS[i]}"
        if ((skip)); then
            skip=0
            continue
        fi
        if [[ $w == -* ]]; then
            [[ " $(_alslog_words "$path" takes) " == *" $w "* ]] && skip=1
            continue
        fi
        if ((n == 0)) && [[ " $(_alslog_words "$path" sub) " == *" $w "* ]]; then
            path="${path:+$path }$w"
        else
            n=$((n + 1))
        fi
    done
    if ((skip)); then
        words="$(_alslog_words "$path" "val:${COMP_WORDS[COMP_CWORD - 1]}")"
    elif [[ $cur == -* ]]; then
        words="$(_alslog_words "$path" opts)"
    elif ((n == 0)); then
        words="$(_alslog_words "$path" sub) $(_alslog_words "$path" arg0)"
    else
        words="$(_alslog_words "$path" "arg$n")"
    fi
    COMPREPLY=($(compgen -W "$words" -- "$cur"))
}

complete -o default -F _alslog alslog
"""

_ZSH_HEAD = """\
# alslog completion for zsh (made by `alslog completion zsh`): the bash script,
# run by zsh's bash completion support.
autoload -U +X compinit && compinit
autoload -U +X bashcompinit && bashcompinit
"""


def _fish(specs: list[CommandSpec]) -> str:
    lines = [
        "# alslog completion for fish (made by `alslog completion fish`).",
        "complete -c alslog -f",
    ]
    root = next(spec for spec in specs if spec.path == "")
    top = " ".join(root.subcommands)
    lines.append(f'complete -c alslog -n "not __fish_seen_subcommand_from {top}" -a "{top}"')
    for spec in specs:
        if not spec.path:
            condition = f"not __fish_seen_subcommand_from {top}"
        else:
            condition = "; and ".join(
                f"__fish_seen_subcommand_from {word}" for word in spec.path.split()
            )
            if spec.subcommands:
                subs = " ".join(spec.subcommands)
                condition += f"; and not __fish_seen_subcommand_from {subs}"
                lines.append(f'complete -c alslog -n "{condition}" -a "{subs}"')
        for option in spec.options:
            flag = f"-l {option[2:]}" if option.startswith("--") else f"-s {option[1:]}"
            words = spec.values.get(option)
            if words:
                flag += f' -x -a "{" ".join(words)}"'
            elif words is not None:  # a value with nothing to offer: file names
                flag += " -r -F"
            lines.append(f'complete -c alslog -n "{condition}" {flag}')
        if spec.arguments and spec.arguments[0]:
            lines.append(f'complete -c alslog -n "{condition}" -a "{" ".join(spec.arguments[0])}"')
        elif spec.arguments:  # a file, as for import
            lines.append(f'complete -c alslog -n "{condition}" -F')
    return "\n".join(lines) + "\n"
