#!/bin/bash

__flowctl_cursor_index_in_current_word() {
    local remaining="${COMP_LINE}"

    local word
    for word in "${COMP_WORDS[@]::COMP_CWORD}"; do
        remaining="${remaining##*([[:space:]])"${word}"*([[:space:]])}"
    done

    local -ir index="$((COMP_POINT - ${#COMP_LINE} + ${#remaining}))"
    if [[ "${index}" -le 0 ]]; then
        printf 0
    else
        printf %s "${index}"
    fi
}

# positional arguments:
#
# - 1: the current (sub)command's count of positional arguments
#
# required variables:
#
# - repeating_flags: the repeating flags that the current (sub)command can accept
# - non_repeating_flags: the non-repeating flags that the current (sub)command can accept
# - repeating_options: the repeating options that the current (sub)command can accept
# - non_repeating_options: the non-repeating options that the current (sub)command can accept
# - positional_number: value ignored
# - unparsed_words: unparsed words from the current command line
#
# modified variables:
#
# - non_repeating_flags: remove flags for this (sub)command that are already on the command line
# - non_repeating_options: remove options for this (sub)command that are already on the command line
# - positional_number: set to the current positional number
# - unparsed_words: remove all flags, options, and option values for this (sub)command
__flowctl_offer_flags_options() {
    local -ir positional_count="${1}"
    positional_number=0

    local was_flag_option_terminator_seen=false
    local is_parsing_option_value=false

    local -ar unparsed_word_indices=("${!unparsed_words[@]}")
    local -i word_index
    for word_index in "${unparsed_word_indices[@]}"; do
        if "${is_parsing_option_value}"; then
            # This word is an option value:
            # Reset marker for next word iff not currently the last word
            [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]] && is_parsing_option_value=false
            unset "unparsed_words[${word_index}]"
            # Do not process this word as a flag or an option
            continue
        fi

        local word="${unparsed_words["${word_index}"]}"
        if ! "${was_flag_option_terminator_seen}"; then
            case "${word}" in
            --)
                unset "unparsed_words[${word_index}]"
                # by itself -- is a flag/option terminator, but if it is the last word, it is the start of a completion
                if [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]]; then
                    was_flag_option_terminator_seen=true
                fi
                continue
                ;;
            -*)
                # ${word} is a flag or an option
                # If ${word} is an option, mark that the next word to be parsed is an option value
                local option
                for option in "${repeating_options[@]}" "${non_repeating_options[@]}"; do
                    [[ "${word}" = "${option}" ]] && is_parsing_option_value=true && break
                done

                # Remove ${word} from ${non_repeating_flags} or ${non_repeating_options} so it isn't offered again
                local not_found=true
                local -i index
                for index in "${!non_repeating_flags[@]}"; do
                    if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                        unset "non_repeating_flags[${index}]"
                        non_repeating_flags=("${non_repeating_flags[@]}")
                        not_found=false
                        break
                    fi
                done
                if "${not_found}"; then
                    for index in "${!non_repeating_flags[@]}"; do
                        if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                            unset "non_repeating_flags[${index}]"
                            non_repeating_flags=("${non_repeating_flags[@]}")
                            break
                        fi
                    done
                fi
                unset "unparsed_words[${word_index}]"
                continue
                ;;
            esac
        fi

        # ${word} is neither a flag, nor an option, nor an option value
        if [[ "${positional_number}" -lt "${positional_count}" || "${positional_count}" -lt 0 ]]; then
            # ${word} is a positional
            ((positional_number++))
            unset "unparsed_words[${word_index}]"
        else
            if [[ -z "${word}" ]]; then
                # Could be completing a flag, option, or subcommand
                positional_number=-1
            else
                # ${word} is a subcommand or invalid, so stop processing this (sub)command
                positional_number=-2
            fi
            break
        fi
    done

    unparsed_words=("${unparsed_words[@]}")

    if\
        ! "${was_flag_option_terminator_seen}"\
        && ! "${is_parsing_option_value}"\
        && [[ ("${cur}" = -* && "${positional_number}" -ge 0) || "${positional_number}" -eq -1 ]]
    then
        COMPREPLY+=($(compgen -W "${repeating_flags[*]} ${non_repeating_flags[*]} ${repeating_options[*]} ${non_repeating_options[*]}" -- "${cur}"))
    fi
}

__flowctl_add_completions() {
    local completion
    while IFS='' read -r completion; do
        COMPREPLY+=("${completion}")
    done < <(IFS=$'\n' compgen "${@}" -- "${cur}")
}

__flowctl_custom_complete() {
    if [[ -n "${cur}" || -z ${COMP_WORDS[${COMP_CWORD}]} || "${COMP_LINE:${COMP_POINT}:1}" != ' ' ]]; then
        local -ar words=("${COMP_WORDS[@]}")
    else
        local -ar words=("${COMP_WORDS[@]::${COMP_CWORD}}" '' "${COMP_WORDS[@]:${COMP_CWORD}}")
    fi

    "${COMP_WORDS[0]}" "${@}" "${words[@]}"
}

_flowctl() {
    local state
    state="$(shopt -p;shopt -po)"
    trap "${state//$'\n'/;}" RETURN
    shopt -s extglob
    set +o history +o posix

    local -xr SAP_SHELL=bash
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(IFS='.';printf %s "${BASH_VERSINFO[*]}")"
    local -r SAP_SHELL_VERSION

    local -r cur="${2}"
    local -r prev="${3}"

    local -i positional_number
    local -a unparsed_words=("${COMP_WORDS[@]:1:${COMP_CWORD}}")

    local -a repeating_flags=()
    local -a non_repeating_flags=(--version -h --help)
    local -a repeating_options=()
    local -a non_repeating_options=()
    __flowctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    init|create|list|open|show|status|set-main|catalog|add-block|remove-block|connect|set-webhook|set|edit|validate|save|duplicate|cancel|diff|log|rollback|publish|delete|undelete|rename|rename-block|blame|test-webhook|simulate|export|import|render|review|clone|remote|fetch|push|pull|resolve|hook|merge-driver|help)
        # Offer subcommand argument completions
        "_flowctl_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'init create list open show status set-main catalog add-block remove-block connect set-webhook set edit validate save duplicate cancel diff log rollback publish delete undelete rename rename-block blame test-webhook simulate export import render review clone remote fetch push pull resolve hook merge-driver help' -- "${cur}"))
        ;;
    esac
}

_flowctl_init() {
    repeating_flags=()
    non_repeating_flags=(--no-pager --quiet -q --version -h --help)
    repeating_options=()
    non_repeating_options=(--color)
    __flowctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--color')
        __flowctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __flowctl_add_completions -d
        return
        ;;
    esac
}

_flowctl_create() {
    repeating_flags=()
    non_repeating_flags=(--no-pager --quiet -q --version -h --help)
    repeating_options=(--number)
    non_repeating_options=(--color --extension --seat)
    __flowctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--color')
        __flowctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--extension')
        return
        ;;
    '--number')
        return
        ;;
    '--seat')
        return
        ;;
    esac
}

_flowctl_list() {
    repeating_flags=()
    non_repeating_flags=(--no-pager --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--color)
    __flowctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--color')
        __flowctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_flowctl_open() {
    repeating_flags=()
    non_repeating_flags=(--no-pager --quiet -q --version -h --help)
    repeating_options=()
    non_repeating_options=(--color)
    __flowctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--color')
        __flowctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __flowctl_add_completions -W "$(__flowctl_custom_complete ---completion open -- positional@0 "${COMP_CWORD}" "$(__flowctl_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_flowctl_show() {
    repeating_flags=()
    non_repeating_flags=(--no-pager --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--color --rev --format)
    __flowctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--color')
        __flowctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--rev')
        __flowctl_add_completions -W "$(__flowctl_custom_complete ---completion show -- --rev "${COMP_CWORD}" "$(__flowctl_cursor_index_in_current_word)")"
        return
        ;;
    '--format')
        __flowctl_add_completions -W 'text'$'\n''yaml'$'\n''json'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __flowctl_add_completions -W "$(__flowctl_custom_complete ---completion show -- positional@0 "${COMP_CWORD}" "$(__flowctl_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_flowctl_status() {
    repeating_flags=()
    non_repeating_flags=(--no-pager --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--color)
    __flowctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--color')
        __flowctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_flowctl_set-main() {
    repeating_flags=()
    non_repeating_flags=(--no-pager --quiet -q --no-extension --no-numbers --version -h --help)
    repeating_options=(--number)
    non_repeating_options=(--color --name --extension --seat)
    __flowctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--color')
        __flowctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--name')
        return
        ;;
    '--extension')
        return
        ;;
    '--number')
        return
        ;;
    '--seat')
        return
        ;;
    esac
}

_flowctl_catalog() {
    repeating_flags=()
    non_repeating_flags=(--no-pager --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--color)
    __flowctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--color')
        __flowctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_flowctl_add-block() {
    repeating_flags=()
    non_repeating_flags=(--no-pager --quiet -q --version -h --help)
    repeating_options=(--set)
    non_repeating_options=(--color --id --after)
    __flowctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--color')
        __flowctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--id')
        return
        ;;
    '--after')
        __flowctl_add_completions -W "$(__flowctl_custom_complete ---completion add-block -- --after "${COMP_CWORD}" "$(__flowctl_cursor_index_in_current_word)")"
        return
        ;;
    '--set')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __flowctl_add_completions -W 'seat'$'\n''user'$'\n''voicemail'$'\n''menu'$'\n''play'$'\n''ring-group'$'\n''webhook'$'\n''pivot'$'\n''response'$'\n''distinctive-ring'$'\n''callflow'$'\n''sleep'$'\n''tts'$'\n''prepend-cid'$'\n''reset-prepend'$'\n''time-of-day'$'\n''engine'
        return
        ;;
    esac
}

_flowctl_remove-block() {
    repeating_flags=()
    non_repeating_flags=(--no-pager --quiet -q --bridge --version -h --help)
    repeating_options=()
    non_repeating_options=(--color)
    __flowctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--color')
        __flowctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __flowctl_add_completions -W "$(__flowctl_custom_complete ---completion remove-block -- positional@0 "${COMP_CWORD}" "$(__flowctl_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_flowctl_connect() {
    repeating_flags=()
    non_repeating_flags=(--no-pager --quiet -q --version -h --help)
    repeating_options=()
    non_repeating_options=(--color)
    __flowctl_offer_flags_options 2

    # Offer option value completions
    case "${prev}" in
    '--color')
        __flowctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __flowctl_add_completions -W "$(__flowctl_custom_complete ---completion connect -- positional@0 "${COMP_CWORD}" "$(__flowctl_cursor_index_in_current_word)")"
        return
        ;;
    2)
        __flowctl_add_completions -W "$(__flowctl_custom_complete ---completion connect -- positional@1 "${COMP_CWORD}" "$(__flowctl_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_flowctl_set-webhook() {
    repeating_flags=()
    non_repeating_flags=(--no-pager --quiet -q --version -h --help)
    repeating_options=(--data --header --remove-data --remove-header)
    non_repeating_options=(--color --url --method --format --retries)
    __flowctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--color')
        __flowctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--url')
        return
        ;;
    '--method')
        __flowctl_add_completions -W 'GET'$'\n''POST'
        return
        ;;
    '--format')
        __flowctl_add_completions -W 'form'$'\n''json'
        return
        ;;
    '--retries')
        return
        ;;
    '--data')
        return
        ;;
    '--header')
        return
        ;;
    '--remove-data')
        return
        ;;
    '--remove-header')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __flowctl_add_completions -W "$(__flowctl_custom_complete ---completion set-webhook -- positional@0 "${COMP_CWORD}" "$(__flowctl_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_flowctl_set() {
    repeating_flags=()
    non_repeating_flags=(--no-pager --quiet -q --version -h --help)
    repeating_options=(--unset)
    non_repeating_options=(--color)
    __flowctl_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--color')
        __flowctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--unset')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __flowctl_add_completions -W "$(__flowctl_custom_complete ---completion set -- positional@0 "${COMP_CWORD}" "$(__flowctl_cursor_index_in_current_word)")"
        return
        ;;
    *)
        __flowctl_add_completions -W "$(__flowctl_custom_complete ---completion set -- positional@1 "${COMP_CWORD}" "$(__flowctl_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_flowctl_edit() {
    repeating_flags=()
    non_repeating_flags=(--no-pager --version -h --help)
    repeating_options=()
    non_repeating_options=(--color)
    __flowctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--color')
        __flowctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __flowctl_add_completions -W "$(__flowctl_custom_complete ---completion edit -- positional@0 "${COMP_CWORD}" "$(__flowctl_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_flowctl_validate() {
    repeating_flags=()
    non_repeating_flags=(--no-pager --all --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--color)
    __flowctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--color')
        __flowctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __flowctl_add_completions -W "$(__flowctl_custom_complete ---completion validate -- positional@0 "${COMP_CWORD}" "$(__flowctl_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_flowctl_save() {
    repeating_flags=()
    non_repeating_flags=(--no-pager --quiet -q --duplicate --version -h --help)
    repeating_options=()
    non_repeating_options=(--color --message -m --create)
    __flowctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--color')
        __flowctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--message'|'-m')
        return
        ;;
    '--create')
        return
        ;;
    esac
}

_flowctl_duplicate() {
    repeating_flags=()
    non_repeating_flags=(--no-pager --quiet -q --version -h --help)
    repeating_options=()
    non_repeating_options=(--color --name)
    __flowctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--color')
        __flowctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--name')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __flowctl_add_completions -W "$(__flowctl_custom_complete ---completion duplicate -- positional@0 "${COMP_CWORD}" "$(__flowctl_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_flowctl_cancel() {
    repeating_flags=()
    non_repeating_flags=(--no-pager --quiet -q -y --yes --undo --list --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--color)
    __flowctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--color')
        __flowctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_flowctl_diff() {
    repeating_flags=()
    non_repeating_flags=(--no-pager --live --patch --stat --json --exit-code --quiet --version -h --help)
    repeating_options=()
    non_repeating_options=(--color --against)
    __flowctl_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--color')
        __flowctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--against')
        __flowctl_add_completions -W "$(__flowctl_custom_complete ---completion diff -- --against "${COMP_CWORD}" "$(__flowctl_cursor_index_in_current_word)")"
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __flowctl_add_completions -W "$(__flowctl_custom_complete ---completion diff -- positional@0 "${COMP_CWORD}" "$(__flowctl_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_flowctl_log() {
    repeating_flags=()
    non_repeating_flags=(--no-pager --oneline --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--color -n --max-count --block --field --since --until --author --grep)
    __flowctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--color')
        __flowctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '-n'|'--max-count')
        return
        ;;
    '--block')
        __flowctl_add_completions -W "$(__flowctl_custom_complete ---completion log -- --block "${COMP_CWORD}" "$(__flowctl_cursor_index_in_current_word)")"
        return
        ;;
    '--field')
        return
        ;;
    '--since')
        return
        ;;
    '--until')
        return
        ;;
    '--author')
        return
        ;;
    '--grep')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __flowctl_add_completions -W "$(__flowctl_custom_complete ---completion log -- positional@0 "${COMP_CWORD}" "$(__flowctl_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_flowctl_rollback() {
    repeating_flags=()
    non_repeating_flags=(--no-pager --quiet -q --version -h --help)
    repeating_options=()
    non_repeating_options=(--color --message -m)
    __flowctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--color')
        __flowctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--message'|'-m')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __flowctl_add_completions -W "$(__flowctl_custom_complete ---completion rollback -- positional@0 "${COMP_CWORD}" "$(__flowctl_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_flowctl_publish() {
    repeating_flags=()
    non_repeating_flags=(--no-pager --quiet -q --rollback --list --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--color --message -m)
    __flowctl_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--color')
        __flowctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--message'|'-m')
        return
        ;;
    esac
}

_flowctl_delete() {
    repeating_flags=()
    non_repeating_flags=(--no-pager --quiet -q -y --yes --list --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--color)
    __flowctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--color')
        __flowctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __flowctl_add_completions -W "$(__flowctl_custom_complete ---completion delete -- positional@0 "${COMP_CWORD}" "$(__flowctl_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_flowctl_undelete() {
    repeating_flags=()
    non_repeating_flags=(--no-pager --quiet -q --version -h --help)
    repeating_options=()
    non_repeating_options=(--color)
    __flowctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--color')
        __flowctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_flowctl_rename() {
    repeating_flags=()
    non_repeating_flags=(--no-pager --quiet -q --version -h --help)
    repeating_options=()
    non_repeating_options=(--color --id)
    __flowctl_offer_flags_options 2

    # Offer option value completions
    case "${prev}" in
    '--color')
        __flowctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--id')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __flowctl_add_completions -W "$(__flowctl_custom_complete ---completion rename -- positional@0 "${COMP_CWORD}" "$(__flowctl_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_flowctl_rename-block() {
    repeating_flags=()
    non_repeating_flags=(--no-pager --quiet -q --version -h --help)
    repeating_options=()
    non_repeating_options=(--color)
    __flowctl_offer_flags_options 2

    # Offer option value completions
    case "${prev}" in
    '--color')
        __flowctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __flowctl_add_completions -W "$(__flowctl_custom_complete ---completion rename-block -- positional@0 "${COMP_CWORD}" "$(__flowctl_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_flowctl_blame() {
    repeating_flags=()
    non_repeating_flags=(--no-pager --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--color)
    __flowctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--color')
        __flowctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __flowctl_add_completions -W "$(__flowctl_custom_complete ---completion blame -- positional@0 "${COMP_CWORD}" "$(__flowctl_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_flowctl_test-webhook() {
    repeating_flags=()
    non_repeating_flags=(--no-pager --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--color --flow --event --from --to --timeout)
    __flowctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--color')
        __flowctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--flow')
        __flowctl_add_completions -W "$(__flowctl_custom_complete ---completion test-webhook -- --flow "${COMP_CWORD}" "$(__flowctl_cursor_index_in_current_word)")"
        return
        ;;
    '--event')
        __flowctl_add_completions -W 'answered'$'\n''transferred'$'\n''disconnected'$'\n''reached'
        return
        ;;
    '--from')
        return
        ;;
    '--to')
        return
        ;;
    '--timeout')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __flowctl_add_completions -W "$(__flowctl_custom_complete ---completion test-webhook -- positional@0 "${COMP_CWORD}" "$(__flowctl_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_flowctl_simulate() {
    repeating_flags=()
    non_repeating_flags=(--no-pager --dry-run --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--color --from --to --digits --at --timeout)
    __flowctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--color')
        __flowctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--from')
        return
        ;;
    '--to')
        return
        ;;
    '--digits')
        return
        ;;
    '--at')
        return
        ;;
    '--timeout')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __flowctl_add_completions -W "$(__flowctl_custom_complete ---completion simulate -- positional@0 "${COMP_CWORD}" "$(__flowctl_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_flowctl_export() {
    repeating_flags=()
    non_repeating_flags=(--no-pager --quiet -q --all --live --version -h --help)
    repeating_options=()
    non_repeating_options=(--color --format --rev -o)
    __flowctl_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--color')
        __flowctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--format')
        __flowctl_add_completions -W 'kazoo'
        return
        ;;
    '--rev')
        __flowctl_add_completions -W "$(__flowctl_custom_complete ---completion export -- --rev "${COMP_CWORD}" "$(__flowctl_cursor_index_in_current_word)")"
        return
        ;;
    '-o')
        __flowctl_add_completions -d
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __flowctl_add_completions -W "$(__flowctl_custom_complete ---completion export -- positional@0 "${COMP_CWORD}" "$(__flowctl_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_flowctl_import() {
    repeating_flags=()
    non_repeating_flags=(--no-pager --quiet -q --version -h --help)
    repeating_options=()
    non_repeating_options=(--color --as --seat)
    __flowctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--color')
        __flowctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--as')
        return
        ;;
    '--seat')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __flowctl_add_completions -f
        return
        ;;
    esac
}

_flowctl_render() {
    repeating_flags=()
    non_repeating_flags=(--no-pager --version -h --help)
    repeating_options=(--diff)
    non_repeating_options=(--color --rev --format -o)
    __flowctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--color')
        __flowctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--rev')
        __flowctl_add_completions -W "$(__flowctl_custom_complete ---completion render -- --rev "${COMP_CWORD}" "$(__flowctl_cursor_index_in_current_word)")"
        return
        ;;
    '--diff')
        __flowctl_add_completions -W "$(__flowctl_custom_complete ---completion render -- --diff "${COMP_CWORD}" "$(__flowctl_cursor_index_in_current_word)")"
        return
        ;;
    '--format')
        __flowctl_add_completions -W 'dot'$'\n''svg'$'\n''mermaid'
        return
        ;;
    '-o')
        __flowctl_add_completions -f
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __flowctl_add_completions -W "$(__flowctl_custom_complete ---completion render -- positional@0 "${COMP_CWORD}" "$(__flowctl_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_flowctl_review() {
    repeating_flags=()
    non_repeating_flags=(--no-pager --all --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--color --against --format -o)
    __flowctl_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--color')
        __flowctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--against')
        __flowctl_add_completions -W "$(__flowctl_custom_complete ---completion review -- --against "${COMP_CWORD}" "$(__flowctl_cursor_index_in_current_word)")"
        return
        ;;
    '--format')
        __flowctl_add_completions -W 'markdown'$'\n''html'$'\n''json'
        return
        ;;
    '-o')
        __flowctl_add_completions -f
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __flowctl_add_completions -W "$(__flowctl_custom_complete ---completion review -- positional@0 "${COMP_CWORD}" "$(__flowctl_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_flowctl_clone() {
    repeating_flags=()
    non_repeating_flags=(--no-pager --quiet -q --version -h --help)
    repeating_options=()
    non_repeating_options=(--color)
    __flowctl_offer_flags_options 2

    # Offer option value completions
    case "${prev}" in
    '--color')
        __flowctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    2)
        __flowctl_add_completions -d
        return
        ;;
    esac
}

_flowctl_remote() {
    repeating_flags=()
    non_repeating_flags=(--no-pager --verbose -v --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--color)
    __flowctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--color')
        __flowctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    add|remove)
        # Offer subcommand argument completions
        "_flowctl_remote_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'add remove' -- "${cur}"))
        ;;
    esac
}

_flowctl_remote_add() {
    repeating_flags=()
    non_repeating_flags=(--no-pager --quiet -q --version -h --help)
    repeating_options=()
    non_repeating_options=(--color)
    __flowctl_offer_flags_options 2

    # Offer option value completions
    case "${prev}" in
    '--color')
        __flowctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_flowctl_remote_remove() {
    repeating_flags=()
    non_repeating_flags=(--no-pager --quiet -q --version -h --help)
    repeating_options=()
    non_repeating_options=(--color)
    __flowctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--color')
        __flowctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_flowctl_fetch() {
    repeating_flags=()
    non_repeating_flags=(--no-pager --quiet -q --version -h --help)
    repeating_options=()
    non_repeating_options=(--color)
    __flowctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--color')
        __flowctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_flowctl_push() {
    repeating_flags=()
    non_repeating_flags=(--no-pager --quiet -q --all --force-with-lease -n --dry-run --delete --version -h --help)
    repeating_options=()
    non_repeating_options=(--color --remote)
    __flowctl_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--color')
        __flowctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--remote')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __flowctl_add_completions -W "$(__flowctl_custom_complete ---completion push -- positional@0 "${COMP_CWORD}" "$(__flowctl_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_flowctl_pull() {
    repeating_flags=()
    non_repeating_flags=(--no-pager --quiet -q --all --ff-only --version -h --help)
    repeating_options=()
    non_repeating_options=(--color --remote)
    __flowctl_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--color')
        __flowctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--remote')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __flowctl_add_completions -W "$(__flowctl_custom_complete ---completion pull -- positional@0 "${COMP_CWORD}" "$(__flowctl_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_flowctl_resolve() {
    repeating_flags=()
    non_repeating_flags=(--no-pager --quiet -q --ours --theirs --version -h --help)
    repeating_options=()
    non_repeating_options=(--color)
    __flowctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--color')
        __flowctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_flowctl_hook() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __flowctl_offer_flags_options -1
}

_flowctl_merge-driver() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __flowctl_offer_flags_options 4
}

_flowctl_help() {
    repeating_flags=()
    non_repeating_flags=(--version)
    repeating_options=()
    non_repeating_options=()
    __flowctl_offer_flags_options -1
}


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
