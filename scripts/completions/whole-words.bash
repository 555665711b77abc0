
# Added by scripts/generate-docs to the script swift-argument-parser generates.
# bash splits words at the characters of COMP_WORDBREAKS, ':' among them, so `menu:1` reaches a
# completion function as three words. flowctl's BLOCK:EXIT arguments must stay whole: put such
# words back together before completing, and give bash back only the part after the last ':',
# which is all it replaces.
__flowctl_whole_words() {
    local -a whole=()
    local -i whole_cword=0 i
    local rest="${COMP_LINE}"
    for ((i = 0; i < ${#COMP_WORDS[@]}; i++)); do
        local word="${COMP_WORDS[i]}"
        local trimmed="${rest#"${rest%%[![:space:]]*}"}"
        if [[ "${trimmed}" != "${word}"* ]]; then
            whole=("${COMP_WORDS[@]}")  # a word bash unquoted: leave the words as they are
            whole_cword="${COMP_CWORD}"
            break
        fi
        if ((i > 0)) && [[ "${#trimmed}" -eq "${#rest}" ]] && [[ "${word}" == :* || "${whole[-1]}" == *: ]]; then
            whole[-1]+="${word}"
        else
            whole+=("${word}")
        fi
        ((i == COMP_CWORD)) && whole_cword=$((${#whole[@]} - 1))
        rest="${trimmed#"${word}"}"
    done

    local -a COMP_WORDS=("${whole[@]}")
    local -i COMP_CWORD="${whole_cword}"
    local current="${COMP_WORDS[COMP_CWORD]}"
    _flowctl "${1}" "${current}" "${COMP_WORDS[COMP_CWORD - 1]}"

    if [[ "${current}" == *:* && "${COMP_WORDBREAKS}" == *:* ]]; then
        local colon_prefix="${current%"${current##*:}"}"
        COMPREPLY=("${COMPREPLY[@]#"${colon_prefix}"}")
    fi
    # NAME= and BLOCK: are beginnings of a word: no space after them, and not quoted as the
    # file names the generated script declares its words to be.
    if ((${#COMPREPLY[@]} > 0)) && [[ -z "$(printf '%s\n' "${COMPREPLY[@]}" | grep -v '[=:]$')" ]]; then
        compopt -o nospace +o filenames
    fi
}

complete -o filenames -F __flowctl_whole_words flowctl
