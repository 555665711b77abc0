# Added by scripts/generate-docs in place of the generated function: flowctl's words hold ':'
# (BLOCK:EXIT), which _describe would take for the start of a description, and a NAME= word
# wants the value typed right after it, not a space.
__flowctl_custom_complete() {
    local -a completions
    completions=("${(@f)"$("${command_name}" "${@}" "${command_line[@]}")"}")
    if [[ "${#completions[@]}" -gt 1 ]]; then
        completions=("${completions[@]:0:-1}")
        if [[ -z "${(M)completions:#*[^=]}" ]]; then
            compadd -S '' -- "${completions[@]}"
        else
            compadd -- "${completions[@]}"
        fi
    fi
}

