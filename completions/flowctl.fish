function __flowctl_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __flowctl_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __flowctl_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __flowctl_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __flowctl_parse_tokens -S
    set -l unparsed_tokens (__flowctl_tokens -pc)
    switch $unparsed_tokens[1]
    case 'flowctl'
        __flowctl_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'init'
            __flowctl_parse_subcommand 1 'color=' 'no-pager' 'q/quiet' 'version' 'h/help'
        case 'create'
            __flowctl_parse_subcommand 1 'color=' 'no-pager' 'q/quiet' 'extension=' 'number=+' 'seat=' 'version' 'h/help'
        case 'list'
            __flowctl_parse_subcommand 0 'color=' 'no-pager' 'json' 'version' 'h/help'
        case 'open'
            __flowctl_parse_subcommand 1 'color=' 'no-pager' 'q/quiet' 'version' 'h/help'
        case 'show'
            __flowctl_parse_subcommand 1 'color=' 'no-pager' 'rev=' 'format=' 'version' 'h/help'
        case 'status'
            __flowctl_parse_subcommand 0 'color=' 'no-pager' 'json' 'version' 'h/help'
        case 'set-main'
            __flowctl_parse_subcommand 0 'color=' 'no-pager' 'q/quiet' 'name=' 'extension=' 'number=+' 'seat=' 'no-extension' 'no-numbers' 'version' 'h/help'
        case 'catalog'
            __flowctl_parse_subcommand 0 'color=' 'no-pager' 'json' 'version' 'h/help'
        case 'add-block'
            __flowctl_parse_subcommand 1 'color=' 'no-pager' 'q/quiet' 'id=' 'after=' 'set=+' 'version' 'h/help'
        case 'remove-block'
            __flowctl_parse_subcommand 1 'color=' 'no-pager' 'q/quiet' 'bridge' 'version' 'h/help'
        case 'connect'
            __flowctl_parse_subcommand 2 'color=' 'no-pager' 'q/quiet' 'version' 'h/help'
        case 'set-webhook'
            __flowctl_parse_subcommand 1 'color=' 'no-pager' 'q/quiet' 'url=' 'method=' 'format=' 'retries=' 'data=+' 'header=+' 'remove-data=+' 'remove-header=+' 'version' 'h/help'
        case 'set'
            __flowctl_parse_subcommand -r 2 'color=' 'no-pager' 'q/quiet' 'unset=+' 'version' 'h/help'
        case 'edit'
            __flowctl_parse_subcommand 1 'color=' 'no-pager' 'version' 'h/help'
        case 'validate'
            __flowctl_parse_subcommand 1 'color=' 'no-pager' 'all' 'json' 'version' 'h/help'
        case 'save'
            __flowctl_parse_subcommand 0 'color=' 'no-pager' 'q/quiet' 'm/message=' 'duplicate' 'create=' 'version' 'h/help'
        case 'duplicate'
            __flowctl_parse_subcommand 1 'color=' 'no-pager' 'q/quiet' 'name=' 'version' 'h/help'
        case 'cancel'
            __flowctl_parse_subcommand 0 'color=' 'no-pager' 'q/quiet' 'y/yes' 'undo' 'list' 'version' 'h/help'
        case 'diff'
            __flowctl_parse_subcommand -r 1 'color=' 'no-pager' 'against=' 'live' 'patch' 'stat' 'json' 'exit-code' 'version' 'h/help'
        case 'log'
            __flowctl_parse_subcommand 1 'color=' 'no-pager' 'n/max-count=' 'oneline' 'json' 'version' 'h/help'
        case 'rollback'
            __flowctl_parse_subcommand 1 'color=' 'no-pager' 'q/quiet' 'm/message=' 'version' 'h/help'
        case 'publish'
            __flowctl_parse_subcommand -r 1 'color=' 'no-pager' 'q/quiet' 'm/message=' 'rollback' 'version' 'h/help'
        case 'delete'
            __flowctl_parse_subcommand 1 'color=' 'no-pager' 'q/quiet' 'y/yes' 'list' 'version' 'h/help'
        case 'undelete'
            __flowctl_parse_subcommand 1 'color=' 'no-pager' 'q/quiet' 'version' 'h/help'
        case 'test-webhook'
            __flowctl_parse_subcommand 1 'color=' 'no-pager' 'flow=' 'event=' 'from=' 'to=' 'timeout=' 'json' 'version' 'h/help'
        case 'simulate'
            __flowctl_parse_subcommand 1 'color=' 'no-pager' 'from=' 'to=' 'digits=' 'at=' 'dry-run' 'timeout=' 'json' 'version' 'h/help'
        case 'help'
            __flowctl_parse_subcommand -r 1 'version'
        end
    end
end

function __flowctl_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __flowctl_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __flowctl_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __flowctl_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__flowctl_tokens -p)
    if test -z "$(__flowctl_tokens -t)"
        set -l index (count (__flowctl_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'flowctl' -f
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl" version' -l 'version' -d 'Show the version.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_positional "flowctl" -eq 1' -fa 'init' -d 'Make a git repository to keep call flows in.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_positional "flowctl" -eq 1' -fa 'create' -d 'Start a new call flow on a branch of its own, and open it.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_positional "flowctl" -eq 1' -fa 'list' -d 'List the call flows, as saved.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_positional "flowctl" -eq 1' -fa 'open' -d 'Open another call flow: check out its branch.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_positional "flowctl" -eq 1' -fa 'show' -d 'Show a call flow: its main block and its action blocks.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_positional "flowctl" -eq 1' -fa 'status' -d 'Show the open flow\'s unsaved changes, block by block and field by field.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_positional "flowctl" -eq 1' -fa 'set-main' -d 'Edit the open flow\'s main block: name, extension, phone numbers, seat.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_positional "flowctl" -eq 1' -fa 'catalog' -d 'List the Catalog of Actions: the block types, by group, with their parameters and exits.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_positional "flowctl" -eq 1' -fa 'add-block' -d 'Add an action block from the catalog to the open flow.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_positional "flowctl" -eq 1' -fa 'remove-block' -d 'Remove an action block; exits that led to it are cleared or bridged.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_positional "flowctl" -eq 1' -fa 'connect' -d 'Point a block\'s exit at another block.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_positional "flowctl" -eq 1' -fa 'set-webhook' -d 'Set a webhook block\'s URL, method, body format, retries, data and headers.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_positional "flowctl" -eq 1' -fa 'set' -d 'Set parameters of any action block.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_positional "flowctl" -eq 1' -fa 'edit' -d 'Edit a block\'s file (or main\'s, flow.yaml) in your editor, then check it.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_positional "flowctl" -eq 1' -fa 'validate' -d 'Check a flow: exits, reachability, parameters, seat, routing.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_positional "flowctl" -eq 1' -fa 'save' -d 'Save the open flow\'s changes as one commit (Save Changes).'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_positional "flowctl" -eq 1' -fa 'duplicate' -d 'Copy a call flow to a new flow named \'<name> copy\', and open the copy.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_positional "flowctl" -eq 1' -fa 'cancel' -d 'Discard the open flow\'s unsaved changes (Cancel).'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_positional "flowctl" -eq 1' -fa 'diff' -d 'Show what changed in a flow, per block and field.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_positional "flowctl" -eq 1' -fa 'log' -d 'Show a flow\'s saves, newest first, with what each changed.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_positional "flowctl" -eq 1' -fa 'rollback' -d 'Restore the open flow as it was at an earlier save, as a new save.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_positional "flowctl" -eq 1' -fa 'publish' -d 'Make a flow\'s last save the live version the phone system runs.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_positional "flowctl" -eq 1' -fa 'delete' -d 'Delete a call flow, recoverably.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_positional "flowctl" -eq 1' -fa 'undelete' -d 'Bring back a deleted call flow.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_positional "flowctl" -eq 1' -fa 'test-webhook' -d 'Send a webhook block\'s request for real, as a call reaching it would.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_positional "flowctl" -eq 1' -fa 'simulate' -d 'Walk a call through a flow, firing each webhook it reaches.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_positional "flowctl" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl init" color' -l 'color' -d 'Colour output: auto (on a terminal without NO_COLOR), always or never.' -rfka 'auto always never'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl init" no-pager' -l 'no-pager' -d 'Do not send long output (log, diff, show) through a pager.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl init" q quiet' -l 'quiet' -s 'q' -d 'Print only errors.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_positional "flowctl init" -eq 1' -fa '(__flowctl_complete_directories)'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl init" version' -l 'version' -d 'Show the version.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl init" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl create" color' -l 'color' -d 'Colour output: auto (on a terminal without NO_COLOR), always or never.' -rfka 'auto always never'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl create" no-pager' -l 'no-pager' -d 'Do not send long output (log, diff, show) through a pager.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl create" q quiet' -l 'quiet' -s 'q' -d 'Print only errors.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl create" extension' -l 'extension' -d 'The internal extension (digits).' -rfka ''
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl create"' -l 'number' -d 'A phone number routed to the flow, as +15551234567; repeat for several.' -rfka ''
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl create" seat' -l 'seat' -d 'The seat (licensed user or agent) assigned to the flow.' -rfka ''
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl create" version' -l 'version' -d 'Show the version.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl create" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl list" color' -l 'color' -d 'Colour output: auto (on a terminal without NO_COLOR), always or never.' -rfka 'auto always never'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl list" no-pager' -l 'no-pager' -d 'Do not send long output (log, diff, show) through a pager.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl list" json' -l 'json' -d 'Print JSON for scripts.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl list" version' -l 'version' -d 'Show the version.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl open" color' -l 'color' -d 'Colour output: auto (on a terminal without NO_COLOR), always or never.' -rfka 'auto always never'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl open" no-pager' -l 'no-pager' -d 'Do not send long output (log, diff, show) through a pager.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl open" q quiet' -l 'quiet' -s 'q' -d 'Print only errors.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_positional "flowctl open" -eq 1' -fka '(__flowctl_custom_completion ---completion open -- positional@0 (count (__flowctl_tokens -pc)) (__flowctl_tokens -tC))'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl open" version' -l 'version' -d 'Show the version.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl open" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl show" color' -l 'color' -d 'Colour output: auto (on a terminal without NO_COLOR), always or never.' -rfka 'auto always never'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl show" no-pager' -l 'no-pager' -d 'Do not send long output (log, diff, show) through a pager.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_positional "flowctl show" -eq 1' -fka '(__flowctl_custom_completion ---completion show -- positional@0 (count (__flowctl_tokens -pc)) (__flowctl_tokens -tC))'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl show" rev' -l 'rev' -d 'Show the flow as saved at this revision.' -rfka ''
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl show" format' -l 'format' -d 'Output format.' -rfka 'text yaml json'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl show" version' -l 'version' -d 'Show the version.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl show" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl status" color' -l 'color' -d 'Colour output: auto (on a terminal without NO_COLOR), always or never.' -rfka 'auto always never'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl status" no-pager' -l 'no-pager' -d 'Do not send long output (log, diff, show) through a pager.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl status" json' -l 'json' -d 'Print JSON for scripts.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl status" version' -l 'version' -d 'Show the version.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl status" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl set-main" color' -l 'color' -d 'Colour output: auto (on a terminal without NO_COLOR), always or never.' -rfka 'auto always never'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl set-main" no-pager' -l 'no-pager' -d 'Do not send long output (log, diff, show) through a pager.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl set-main" q quiet' -l 'quiet' -s 'q' -d 'Print only errors.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl set-main" name' -l 'name' -d 'The flow\'s new name.' -rfka ''
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl set-main" extension' -l 'extension' -d 'The internal extension (digits).' -rfka ''
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl set-main"' -l 'number' -d 'A phone number routed to the flow, as +15551234567; repeat for several.' -rfka ''
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl set-main" seat' -l 'seat' -d 'The seat (licensed user or agent) assigned to the flow.' -rfka ''
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl set-main" no-extension' -l 'no-extension' -d 'Remove the extension.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl set-main" no-numbers' -l 'no-numbers' -d 'Remove every phone number.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl set-main" version' -l 'version' -d 'Show the version.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl set-main" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl catalog" color' -l 'color' -d 'Colour output: auto (on a terminal without NO_COLOR), always or never.' -rfka 'auto always never'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl catalog" no-pager' -l 'no-pager' -d 'Do not send long output (log, diff, show) through a pager.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl catalog" json' -l 'json' -d 'Print JSON for scripts.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl catalog" version' -l 'version' -d 'Show the version.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl catalog" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl add-block" color' -l 'color' -d 'Colour output: auto (on a terminal without NO_COLOR), always or never.' -rfka 'auto always never'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl add-block" no-pager' -l 'no-pager' -d 'Do not send long output (log, diff, show) through a pager.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl add-block" q quiet' -l 'quiet' -s 'q' -d 'Print only errors.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_positional "flowctl add-block" -eq 1' -fka 'seat user voicemail menu play ring-group webhook pivot response distinctive-ring callflow sleep tts prepend-cid reset-prepend time-of-day'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl add-block" id' -l 'id' -d 'The block\'s id (a-z, 0-9 and \'-\').' -rfka ''
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl add-block" after' -l 'after' -d 'Splice the block in after this block\'s exit (BLOCK or BLOCK:EXIT, or main).' -rfka '(__flowctl_custom_completion ---completion add-block -- --after (count (__flowctl_tokens -pc)) (__flowctl_tokens -tC))'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl add-block"' -l 'set' -d 'A parameter value, as NAME=VALUE or NAME.KEY=VALUE; repeat for several.' -rfka ''
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl add-block" version' -l 'version' -d 'Show the version.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl add-block" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl remove-block" color' -l 'color' -d 'Colour output: auto (on a terminal without NO_COLOR), always or never.' -rfka 'auto always never'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl remove-block" no-pager' -l 'no-pager' -d 'Do not send long output (log, diff, show) through a pager.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl remove-block" q quiet' -l 'quiet' -s 'q' -d 'Print only errors.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_positional "flowctl remove-block" -eq 1' -fka '(__flowctl_custom_completion ---completion remove-block -- positional@0 (count (__flowctl_tokens -pc)) (__flowctl_tokens -tC))'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl remove-block" bridge' -l 'bridge' -d 'Rewire exits that led to the block to its next.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl remove-block" version' -l 'version' -d 'Show the version.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl remove-block" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl connect" color' -l 'color' -d 'Colour output: auto (on a terminal without NO_COLOR), always or never.' -rfka 'auto always never'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl connect" no-pager' -l 'no-pager' -d 'Do not send long output (log, diff, show) through a pager.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl connect" q quiet' -l 'quiet' -s 'q' -d 'Print only errors.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_positional "flowctl connect" -eq 1' -fka '(__flowctl_custom_completion ---completion connect -- positional@0 (count (__flowctl_tokens -pc)) (__flowctl_tokens -tC))'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_positional "flowctl connect" -eq 2' -fka '(__flowctl_custom_completion ---completion connect -- positional@1 (count (__flowctl_tokens -pc)) (__flowctl_tokens -tC))'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl connect" version' -l 'version' -d 'Show the version.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl connect" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl set-webhook" color' -l 'color' -d 'Colour output: auto (on a terminal without NO_COLOR), always or never.' -rfka 'auto always never'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl set-webhook" no-pager' -l 'no-pager' -d 'Do not send long output (log, diff, show) through a pager.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl set-webhook" q quiet' -l 'quiet' -s 'q' -d 'Print only errors.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_positional "flowctl set-webhook" -eq 1' -fka '(__flowctl_custom_completion ---completion set-webhook -- positional@0 (count (__flowctl_tokens -pc)) (__flowctl_tokens -tC))'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl set-webhook" url' -l 'url' -d 'The receiving server\'s absolute http or https URL.' -rfka ''
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl set-webhook" method' -l 'method' -d 'GET or POST.' -rfka 'GET POST'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl set-webhook" format' -l 'format' -d 'The POST body format: form or json.' -rfka 'form json'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl set-webhook" retries' -l 'retries' -d 'Re-tries when the host is unavailable, 0 to 4.' -rfka ''
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl set-webhook"' -l 'data' -d 'A custom KEY=VALUE (text) or KEY:=JSON (typed) pair sent with the request; repeat for several.' -rfka ''
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl set-webhook"' -l 'header' -d 'A custom request header, NAME:VALUE; repeat for several.' -rfka ''
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl set-webhook"' -l 'remove-data' -d 'Remove a custom data key.' -rfka ''
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl set-webhook"' -l 'remove-header' -d 'Remove a custom header.' -rfka ''
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl set-webhook" version' -l 'version' -d 'Show the version.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl set-webhook" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl set" color' -l 'color' -d 'Colour output: auto (on a terminal without NO_COLOR), always or never.' -rfka 'auto always never'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl set" no-pager' -l 'no-pager' -d 'Do not send long output (log, diff, show) through a pager.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl set" q quiet' -l 'quiet' -s 'q' -d 'Print only errors.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_positional "flowctl set" -eq 1' -fka '(__flowctl_custom_completion ---completion set -- positional@0 (count (__flowctl_tokens -pc)) (__flowctl_tokens -tC))'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl set"' -l 'unset' -d 'A parameter (NAME or NAME.KEY) to remove; repeat for several.' -rfka ''
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl set" version' -l 'version' -d 'Show the version.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl set" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl edit" color' -l 'color' -d 'Colour output: auto (on a terminal without NO_COLOR), always or never.' -rfka 'auto always never'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl edit" no-pager' -l 'no-pager' -d 'Do not send long output (log, diff, show) through a pager.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_positional "flowctl edit" -eq 1' -fka '(__flowctl_custom_completion ---completion edit -- positional@0 (count (__flowctl_tokens -pc)) (__flowctl_tokens -tC))'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl edit" version' -l 'version' -d 'Show the version.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl edit" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl validate" color' -l 'color' -d 'Colour output: auto (on a terminal without NO_COLOR), always or never.' -rfka 'auto always never'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl validate" no-pager' -l 'no-pager' -d 'Do not send long output (log, diff, show) through a pager.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_positional "flowctl validate" -eq 1' -fka '(__flowctl_custom_completion ---completion validate -- positional@0 (count (__flowctl_tokens -pc)) (__flowctl_tokens -tC))'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl validate" all' -l 'all' -d 'Check every flow, and extensions and numbers claimed twice.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl validate" json' -l 'json' -d 'Print JSON for scripts.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl validate" version' -l 'version' -d 'Show the version.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl validate" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl save" color' -l 'color' -d 'Colour output: auto (on a terminal without NO_COLOR), always or never.' -rfka 'auto always never'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl save" no-pager' -l 'no-pager' -d 'Do not send long output (log, diff, show) through a pager.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl save" q quiet' -l 'quiet' -s 'q' -d 'Print only errors.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl save" m message' -l 'message' -s 'm' -d 'The commit message.' -rfka ''
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl save" duplicate' -l 'duplicate' -d 'Then make a copy named \'<name> copy\', with no extension and no numbers, and open it.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl save" create' -l 'create' -d 'Then start a new, empty flow with this name and open it.' -rfka ''
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl save" version' -l 'version' -d 'Show the version.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl save" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl duplicate" color' -l 'color' -d 'Colour output: auto (on a terminal without NO_COLOR), always or never.' -rfka 'auto always never'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl duplicate" no-pager' -l 'no-pager' -d 'Do not send long output (log, diff, show) through a pager.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl duplicate" q quiet' -l 'quiet' -s 'q' -d 'Print only errors.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_positional "flowctl duplicate" -eq 1' -fka '(__flowctl_custom_completion ---completion duplicate -- positional@0 (count (__flowctl_tokens -pc)) (__flowctl_tokens -tC))'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl duplicate" name' -l 'name' -d 'The copy\'s name (default: \'<name> copy\').' -rfka ''
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl duplicate" version' -l 'version' -d 'Show the version.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl duplicate" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl cancel" color' -l 'color' -d 'Colour output: auto (on a terminal without NO_COLOR), always or never.' -rfka 'auto always never'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl cancel" no-pager' -l 'no-pager' -d 'Do not send long output (log, diff, show) through a pager.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl cancel" q quiet' -l 'quiet' -s 'q' -d 'Print only errors.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl cancel" y yes' -s 'y' -l 'yes' -d 'Discard without asking.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl cancel" undo' -l 'undo' -d 'Bring back the edits the last cancel discarded.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl cancel" list' -l 'list' -d 'List the discarded edits that --undo can bring back.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl cancel" version' -l 'version' -d 'Show the version.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl cancel" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl diff" color' -l 'color' -d 'Colour output: auto (on a terminal without NO_COLOR), always or never.' -rfka 'auto always never'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl diff" no-pager' -l 'no-pager' -d 'Do not send long output (log, diff, show) through a pager.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_positional "flowctl diff" -ge 1' -fka '(__flowctl_custom_completion ---completion diff -- positional@0 (count (__flowctl_tokens -pc)) (__flowctl_tokens -tC))'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl diff" against' -l 'against' -d 'Compare with another flow\'s last save.' -rfka '(__flowctl_custom_completion ---completion diff -- --against (count (__flowctl_tokens -pc)) (__flowctl_tokens -tC))'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl diff" live' -l 'live' -d 'Compare the live version (see \'flowctl publish\') with the draft.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl diff" patch' -l 'patch' -d 'Print the unified patch of the files.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl diff" stat' -l 'stat' -d 'Print the files changed, with added and removed lines.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl diff" json' -l 'json' -d 'Print JSON for scripts.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl diff" exit-code' -l 'exit-code' -d 'Exit 1 when there are differences.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl diff" version' -l 'version' -d 'Show the version.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl diff" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl log" color' -l 'color' -d 'Colour output: auto (on a terminal without NO_COLOR), always or never.' -rfka 'auto always never'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl log" no-pager' -l 'no-pager' -d 'Do not send long output (log, diff, show) through a pager.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_positional "flowctl log" -eq 1' -fka '(__flowctl_custom_completion ---completion log -- positional@0 (count (__flowctl_tokens -pc)) (__flowctl_tokens -tC))'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl log" max-count n' -s 'n' -l 'max-count' -d 'Show at most this many saves.' -rfka ''
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl log" oneline' -l 'oneline' -d 'One line per save: short id, message and summary.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl log" json' -l 'json' -d 'Print JSON for scripts.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl log" version' -l 'version' -d 'Show the version.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl log" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl rollback" color' -l 'color' -d 'Colour output: auto (on a terminal without NO_COLOR), always or never.' -rfka 'auto always never'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl rollback" no-pager' -l 'no-pager' -d 'Do not send long output (log, diff, show) through a pager.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl rollback" q quiet' -l 'quiet' -s 'q' -d 'Print only errors.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl rollback" m message' -l 'message' -s 'm' -d 'The commit message.' -rfka ''
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl rollback" version' -l 'version' -d 'Show the version.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl rollback" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl publish" color' -l 'color' -d 'Colour output: auto (on a terminal without NO_COLOR), always or never.' -rfka 'auto always never'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl publish" no-pager' -l 'no-pager' -d 'Do not send long output (log, diff, show) through a pager.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl publish" q quiet' -l 'quiet' -s 'q' -d 'Print only errors.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl publish" m message' -l 'message' -s 'm' -d 'The tag\'s message.' -rfka ''
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl publish" rollback' -l 'rollback' -d 'Make an earlier published version live again (default: the one before the live one).'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl publish" version' -l 'version' -d 'Show the version.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl publish" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl delete" color' -l 'color' -d 'Colour output: auto (on a terminal without NO_COLOR), always or never.' -rfka 'auto always never'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl delete" no-pager' -l 'no-pager' -d 'Do not send long output (log, diff, show) through a pager.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl delete" q quiet' -l 'quiet' -s 'q' -d 'Print only errors.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_positional "flowctl delete" -eq 1' -fka '(__flowctl_custom_completion ---completion delete -- positional@0 (count (__flowctl_tokens -pc)) (__flowctl_tokens -tC))'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl delete" y yes' -s 'y' -l 'yes' -d 'Delete without asking.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl delete" list' -l 'list' -d 'List the deleted flows that can be brought back.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl delete" version' -l 'version' -d 'Show the version.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl delete" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl undelete" color' -l 'color' -d 'Colour output: auto (on a terminal without NO_COLOR), always or never.' -rfka 'auto always never'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl undelete" no-pager' -l 'no-pager' -d 'Do not send long output (log, diff, show) through a pager.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl undelete" q quiet' -l 'quiet' -s 'q' -d 'Print only errors.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl undelete" version' -l 'version' -d 'Show the version.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl undelete" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl test-webhook" color' -l 'color' -d 'Colour output: auto (on a terminal without NO_COLOR), always or never.' -rfka 'auto always never'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl test-webhook" no-pager' -l 'no-pager' -d 'Do not send long output (log, diff, show) through a pager.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_positional "flowctl test-webhook" -eq 1' -fka '(__flowctl_custom_completion ---completion test-webhook -- positional@0 (count (__flowctl_tokens -pc)) (__flowctl_tokens -tC))'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl test-webhook" flow' -l 'flow' -d 'The flow (default: the open flow).' -rfka '(__flowctl_custom_completion ---completion test-webhook -- --flow (count (__flowctl_tokens -pc)) (__flowctl_tokens -tC))'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl test-webhook" event' -l 'event' -d 'The event to report.' -rfka 'answered transferred disconnected reached'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl test-webhook" from' -l 'from' -d 'The caller\'s number, 3 to 15 digits, optionally after \'+\'.' -rfka ''
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl test-webhook" to' -l 'to' -d 'The number dialled (default: the flow\'s first number or extension).' -rfka ''
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl test-webhook" timeout' -l 'timeout' -d 'Seconds each attempt may take.' -rfka ''
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl test-webhook" json' -l 'json' -d 'Print JSON for scripts.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl test-webhook" version' -l 'version' -d 'Show the version.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl test-webhook" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl simulate" color' -l 'color' -d 'Colour output: auto (on a terminal without NO_COLOR), always or never.' -rfka 'auto always never'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl simulate" no-pager' -l 'no-pager' -d 'Do not send long output (log, diff, show) through a pager.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_positional "flowctl simulate" -eq 1' -fka '(__flowctl_custom_completion ---completion simulate -- positional@0 (count (__flowctl_tokens -pc)) (__flowctl_tokens -tC))'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl simulate" from' -l 'from' -d 'The caller\'s number, 3 to 15 digits, optionally after \'+\'.' -rfka ''
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl simulate" to' -l 'to' -d 'The number dialled (default: the flow\'s first number or extension).' -rfka ''
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl simulate" digits' -l 'digits' -d 'Digits the caller presses at menus, in order.' -rfka ''
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl simulate" at' -l 'at' -d 'The time of the call, ISO 8601 (2026-11-30T09:30:00+01:00); default now.' -rfka ''
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl simulate" dry-run' -l 'dry-run' -d 'Do not send webhooks; show where they would go.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl simulate" timeout' -l 'timeout' -d 'Seconds each webhook attempt may take.' -rfka ''
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl simulate" json' -l 'json' -d 'Print JSON for scripts.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl simulate" version' -l 'version' -d 'Show the version.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl simulate" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'flowctl' -n '__flowctl_should_offer_completions_for_flags_or_options "flowctl help" version' -l 'version' -d 'Show the version.'
