function __fleetform_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __fleetform_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __fleetform_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __fleetform_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __fleetform_parse_tokens -S
    set -l unparsed_tokens (__fleetform_tokens -pc)
    switch $unparsed_tokens[1]
    case 'fleetform'
        __fleetform_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'validate'
            __fleetform_parse_subcommand -r 1 'format=' 'strict' 'no-color' 'region=' 'build-manifest=' 'max-file-bytes=' 'config=' 'version' 'h/help'
        case 'plan'
            __fleetform_parse_subcommand -r 1 'format=' 'out=' 'detailed-exitcode' 'strict' 'min-process-memory=' 'max-processes-per-vcpu=' 'wave=+' 'build-manifest=' 'target=+' 'parallelism=' 'config=' 'override=+' 'reason=' 'local' 'local-state=' 'local-seed=' 'local-faults=' 'region=' 'profile=' 'endpoint-url=' 'connect-timeout=' 'read-timeout=' 'debug' 'no-color' 'version' 'h/help'
        case 'apply'
            __fleetform_parse_subcommand -r 1 'plan=' 'auto-approve' 'fail-fast' 'hold-timeout=' 'journal=' 'watch=' 'rollback-on-failure' 'strict-watch' 'wave=+' 'bake=' 'continue-on-hold' 'format=' 'build-manifest=' 'target=+' 'parallelism=' 'config=' 'override=+' 'reason=' 'local' 'local-state=' 'local-seed=' 'local-faults=' 'region=' 'profile=' 'endpoint-url=' 'connect-timeout=' 'read-timeout=' 'debug' 'no-color' 'version' 'h/help'
        case 'import'
            __fleetform_parse_subcommand -r 1 'all' 'out=' 'force' 'target=+' 'parallelism=' 'local' 'local-state=' 'local-seed=' 'local-faults=' 'region=' 'profile=' 'endpoint-url=' 'connect-timeout=' 'read-timeout=' 'debug' 'no-color' 'version' 'h/help'
        case 'events'
            __fleetform_parse_subcommand 1 'since=' 'until=' 'code=+' 'format=' 'local' 'local-state=' 'local-seed=' 'local-faults=' 'region=' 'profile=' 'endpoint-url=' 'connect-timeout=' 'read-timeout=' 'debug' 'no-color' 'version' 'h/help'
        case 'rollback'
            __fleetform_parse_subcommand 0 'run=' 'fleet=+' 'journal=' 'force' 'auto-approve' 'watch=' 'parallelism=' 'config=' 'local' 'local-state=' 'local-seed=' 'local-faults=' 'region=' 'profile=' 'endpoint-url=' 'connect-timeout=' 'read-timeout=' 'debug' 'no-color' 'version' 'h/help'
        case 'help'
            __fleetform_parse_subcommand -r 1 'version'
        end
    end
end

function __fleetform_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __fleetform_parse_subcommand -S -a positional_count
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

function __fleetform_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __fleetform_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__fleetform_tokens -p)
    if test -z "$(__fleetform_tokens -t)"
        set -l index (count (__fleetform_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'fleetform' -f
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform" version' -l 'version' -d 'Show the version.'
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_positional "fleetform" -eq 1' -fa 'validate' -d 'Check fleet files against GameLift\'s rules, offline.'
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_positional "fleetform" -eq 1' -fa 'plan' -d 'Show what apply would change: read each fleet\'s live runtime configuration and diff it.'
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_positional "fleetform" -eq 1' -fa 'apply' -d 'Plan and apply: update each changed fleet\'s runtime configuration.'
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_positional "fleetform" -eq 1' -fa 'import' -d 'Write fleet files from live fleets, to adopt existing fleets.'
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_positional "fleetform" -eq 1' -fa 'events' -d 'Show a fleet\'s event log (DescribeFleetEvents), every page, each code with its meaning.'
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_positional "fleetform" -eq 1' -fa 'rollback' -d 'Restore the runtime configurations an apply overwrote, from the journal.'
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_positional "fleetform" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform validate" format' -l 'format' -d 'Output format: text, json, github or sarif.' -rfka 'text json github sarif'
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform validate" strict' -l 'strict' -d 'Treat warnings as errors.'
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform validate" no-color' -l 'no-color' -d 'Never colour the output (NO_COLOR is respected too).'
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform validate" region' -l 'region' -d 'Region for fleets whose file names none (default: AWS_REGION, then AWS_DEFAULT_REGION).' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform validate" build-manifest' -l 'build-manifest' -d 'A build folder, or a file listing the build\'s files, that every LaunchPath must be in.' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform validate" max-file-bytes' -l 'max-file-bytes' -d 'Largest fleet file accepted, in bytes.' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform validate" config' -l 'config' -d 'The settings file (environments, accounts, rules, change windows); default: fleetform.yaml beside the fleet paths or in the nearest folder above them, up to the repository root.' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform validate" version' -l 'version' -d 'Show the version.'
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform validate" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform plan" format' -l 'format' -d 'Output format: text, json or markdown.' -rfka 'text json markdown'
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform plan" out' -l 'out' -d 'Save the plan to this file (JSON), for `apply --plan`.' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform plan" detailed-exitcode' -l 'detailed-exitcode' -d 'Exit 2 when there are changes, 0 when there are none.'
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform plan" strict' -l 'strict' -d 'Treat warnings as errors: file warnings stop the plan; impact warnings (FF5xx) make it exit 1.'
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform plan" min-process-memory' -l 'min-process-memory' -d 'Warn (FF502) when a change leaves each server process less memory than this (512MiB, 1GiB).' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform plan" max-processes-per-vcpu' -l 'max-processes-per-vcpu' -d 'Warn (FF503) when a change runs more server processes per instance than this many per vCPU; 0 turns the check off.' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform plan"' -l 'wave' -d 'Plan a rollout in waves, saved with --out for `apply --plan --bake` (see `apply --wave`).' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform plan" build-manifest' -l 'build-manifest' -d 'A build\'s file list (a folder or a text file): launch paths must be in it.' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform plan"' -l 'target' -d 'Work on these fleets only: a fleet file or folder, a fleet id or ARN, or region:NAME (repeatable). Nothing outside them is read or written.' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform plan" parallelism' -l 'parallelism' -d 'Fleets read (and updated) at once.' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform plan" config' -l 'config' -d 'The settings file (environments, accounts, rules, change windows); default: fleetform.yaml beside the fleet paths or in the nearest folder above them, up to the repository root.' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform plan"' -l 'override' -d 'Let this broken rule of fleetform.yaml pass for this run: its code (FF643) or name (freeze); repeatable. Needs --reason. A rule the environment locks cannot be overridden.' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform plan" reason' -l 'reason' -d 'Why the overridden rules may pass; recorded in the journal and the report.' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform plan" local' -l 'local' -d 'Use the embedded local GameLift simulation instead of AWS.'
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform plan" local-state' -l 'local-state' -d 'The local GameLift\'s state file.' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform plan" local-seed' -l 'local-seed' -d 'Create the local state from this seed when the state file does not exist yet.' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform plan" local-faults' -l 'local-faults' -d 'Inject faults into the local GameLift (a JSON fault plan).' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform plan" region' -l 'region' -d 'Default AWS region for fleets whose file names none (else AWS_REGION, AWS_DEFAULT_REGION, the profile).' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform plan" profile' -l 'profile' -d 'AWS profile from ~/.aws/config and ~/.aws/credentials (else AWS_PROFILE).' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform plan" endpoint-url' -l 'endpoint-url' -d 'GameLift endpoint (else AWS_ENDPOINT_URL_GAMELIFT, AWS_ENDPOINT_URL).' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform plan" connect-timeout' -l 'connect-timeout' -d 'Seconds to wait for a connection to AWS (default 10).' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform plan" read-timeout' -l 'read-timeout' -d 'Seconds to wait for AWS to send data once connected (default 60).' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform plan" debug' -l 'debug' -d 'Log every request (operation, status, attempt, request id) to standard error. Secrets are redacted.'
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform plan" no-color' -l 'no-color' -d 'Never colour the output (also: the NO_COLOR environment variable).'
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform plan" version' -l 'version' -d 'Show the version.'
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform plan" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform apply" plan' -l 'plan' -d 'Apply this saved plan (from `plan --out`) instead of planning.' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform apply" auto-approve' -l 'auto-approve' -d 'Apply without asking.'
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform apply" fail-fast' -l 'fail-fast' -d 'Stop starting new fleets after the first failure.'
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform apply" hold-timeout' -l 'hold-timeout' -d 'Wait this long (90s, 10m; default 0) for a held fleet\'s status to allow the update.' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform apply" journal' -l 'journal' -d 'The journal of overwritten configurations.' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform apply" watch' -l 'watch' -d 'After applying, watch each updated fleet\'s events this long; exit 4 on failures.' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform apply" rollback-on-failure' -l 'rollback-on-failure' -d 'With --watch: restore the previous configuration of fleets that log failure events.'
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform apply" strict-watch' -l 'strict-watch' -d 'With --watch: count SERVER_PROCESS_* event codes this version does not know as failures.'
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform apply"' -l 'wave' -d 'Roll out in waves: a fleet file or folder, a fleet id or ARN, region:NAME, or a count or percentage (1, 10%) of the changed fleets (repeatable); the rest form a last wave.' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform apply" bake' -l 'bake' -d 'With --wave (or a saved plan with waves): watch each wave this long, then the next.' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform apply" continue-on-hold' -l 'continue-on-hold' -d 'With waves: a wave with held fleets lets the next start.'
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform apply" format' -l 'format' -d 'Output format of the report: text or json.' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform apply" build-manifest' -l 'build-manifest' -d 'A build\'s file list (a folder or a text file): launch paths must be in it.' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform apply"' -l 'target' -d 'Work on these fleets only: a fleet file or folder, a fleet id or ARN, or region:NAME (repeatable). Nothing outside them is read or written.' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform apply" parallelism' -l 'parallelism' -d 'Fleets read (and updated) at once.' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform apply" config' -l 'config' -d 'The settings file (environments, accounts, rules, change windows); default: fleetform.yaml beside the fleet paths or in the nearest folder above them, up to the repository root.' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform apply"' -l 'override' -d 'Let this broken rule of fleetform.yaml pass for this run: its code (FF643) or name (freeze); repeatable. Needs --reason. A rule the environment locks cannot be overridden.' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform apply" reason' -l 'reason' -d 'Why the overridden rules may pass; recorded in the journal and the report.' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform apply" local' -l 'local' -d 'Use the embedded local GameLift simulation instead of AWS.'
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform apply" local-state' -l 'local-state' -d 'The local GameLift\'s state file.' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform apply" local-seed' -l 'local-seed' -d 'Create the local state from this seed when the state file does not exist yet.' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform apply" local-faults' -l 'local-faults' -d 'Inject faults into the local GameLift (a JSON fault plan).' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform apply" region' -l 'region' -d 'Default AWS region for fleets whose file names none (else AWS_REGION, AWS_DEFAULT_REGION, the profile).' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform apply" profile' -l 'profile' -d 'AWS profile from ~/.aws/config and ~/.aws/credentials (else AWS_PROFILE).' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform apply" endpoint-url' -l 'endpoint-url' -d 'GameLift endpoint (else AWS_ENDPOINT_URL_GAMELIFT, AWS_ENDPOINT_URL).' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform apply" connect-timeout' -l 'connect-timeout' -d 'Seconds to wait for a connection to AWS (default 10).' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform apply" read-timeout' -l 'read-timeout' -d 'Seconds to wait for AWS to send data once connected (default 60).' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform apply" debug' -l 'debug' -d 'Log every request (operation, status, attempt, request id) to standard error. Secrets are redacted.'
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform apply" no-color' -l 'no-color' -d 'Never colour the output (also: the NO_COLOR environment variable).'
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform apply" version' -l 'version' -d 'Show the version.'
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform apply" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform import" all' -l 'all' -d 'Import every fleet of the region (ListFleets, every page).'
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform import" out' -l 'out' -d 'Folder to write the fleet files to.' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform import" force' -l 'force' -d 'Overwrite fleet files that already exist.'
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform import"' -l 'target' -d 'Import only these fleets: a fleet id or ARN, or region:NAME (repeatable).' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform import" parallelism' -l 'parallelism' -d 'Fleets read (and updated) at once.' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform import" local' -l 'local' -d 'Use the embedded local GameLift simulation instead of AWS.'
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform import" local-state' -l 'local-state' -d 'The local GameLift\'s state file.' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform import" local-seed' -l 'local-seed' -d 'Create the local state from this seed when the state file does not exist yet.' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform import" local-faults' -l 'local-faults' -d 'Inject faults into the local GameLift (a JSON fault plan).' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform import" region' -l 'region' -d 'Default AWS region for fleets whose file names none (else AWS_REGION, AWS_DEFAULT_REGION, the profile).' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform import" profile' -l 'profile' -d 'AWS profile from ~/.aws/config and ~/.aws/credentials (else AWS_PROFILE).' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform import" endpoint-url' -l 'endpoint-url' -d 'GameLift endpoint (else AWS_ENDPOINT_URL_GAMELIFT, AWS_ENDPOINT_URL).' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform import" connect-timeout' -l 'connect-timeout' -d 'Seconds to wait for a connection to AWS (default 10).' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform import" read-timeout' -l 'read-timeout' -d 'Seconds to wait for AWS to send data once connected (default 60).' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform import" debug' -l 'debug' -d 'Log every request (operation, status, attempt, request id) to standard error. Secrets are redacted.'
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform import" no-color' -l 'no-color' -d 'Never colour the output (also: the NO_COLOR environment variable).'
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform import" version' -l 'version' -d 'Show the version.'
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform import" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform events" since' -l 'since' -d 'Only events at or after this time: ISO 8601, or a duration before now (2h, 30m).' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform events" until' -l 'until' -d 'Only events at or before this time: ISO 8601, or a duration before now.' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform events"' -l 'code' -d 'Only events with these codes.' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform events" format' -l 'format' -d 'Output format: text or json.' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform events" local' -l 'local' -d 'Use the embedded local GameLift simulation instead of AWS.'
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform events" local-state' -l 'local-state' -d 'The local GameLift\'s state file.' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform events" local-seed' -l 'local-seed' -d 'Create the local state from this seed when the state file does not exist yet.' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform events" local-faults' -l 'local-faults' -d 'Inject faults into the local GameLift (a JSON fault plan).' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform events" region' -l 'region' -d 'Default AWS region for fleets whose file names none (else AWS_REGION, AWS_DEFAULT_REGION, the profile).' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform events" profile' -l 'profile' -d 'AWS profile from ~/.aws/config and ~/.aws/credentials (else AWS_PROFILE).' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform events" endpoint-url' -l 'endpoint-url' -d 'GameLift endpoint (else AWS_ENDPOINT_URL_GAMELIFT, AWS_ENDPOINT_URL).' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform events" connect-timeout' -l 'connect-timeout' -d 'Seconds to wait for a connection to AWS (default 10).' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform events" read-timeout' -l 'read-timeout' -d 'Seconds to wait for AWS to send data once connected (default 60).' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform events" debug' -l 'debug' -d 'Log every request (operation, status, attempt, request id) to standard error. Secrets are redacted.'
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform events" no-color' -l 'no-color' -d 'Never colour the output (also: the NO_COLOR environment variable).'
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform events" version' -l 'version' -d 'Show the version.'
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform events" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform rollback" run' -l 'run' -d 'Undo this run (from the journal); default: the latest apply run.' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform rollback"' -l 'fleet' -d 'Restore these fleets\' most recently overwritten configurations.' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform rollback" journal' -l 'journal' -d 'The journal of overwritten configurations.' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform rollback" force' -l 'force' -d 'Restore even fleets whose live configuration changed since the run being undone.'
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform rollback" auto-approve' -l 'auto-approve' -d 'Roll back without asking.'
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform rollback" watch' -l 'watch' -d 'After the rollback, watch the fleets\' events this long (e.g. 5m); exit 4 on failures.' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform rollback" parallelism' -l 'parallelism' -d 'Fleets read (and updated) at once.' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform rollback" config' -l 'config' -d 'The settings file (environments, accounts, rules, change windows); default: fleetform.yaml beside the fleet paths or in the nearest folder above them, up to the repository root.' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform rollback" local' -l 'local' -d 'Use the embedded local GameLift simulation instead of AWS.'
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform rollback" local-state' -l 'local-state' -d 'The local GameLift\'s state file.' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform rollback" local-seed' -l 'local-seed' -d 'Create the local state from this seed when the state file does not exist yet.' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform rollback" local-faults' -l 'local-faults' -d 'Inject faults into the local GameLift (a JSON fault plan).' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform rollback" region' -l 'region' -d 'Default AWS region for fleets whose file names none (else AWS_REGION, AWS_DEFAULT_REGION, the profile).' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform rollback" profile' -l 'profile' -d 'AWS profile from ~/.aws/config and ~/.aws/credentials (else AWS_PROFILE).' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform rollback" endpoint-url' -l 'endpoint-url' -d 'GameLift endpoint (else AWS_ENDPOINT_URL_GAMELIFT, AWS_ENDPOINT_URL).' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform rollback" connect-timeout' -l 'connect-timeout' -d 'Seconds to wait for a connection to AWS (default 10).' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform rollback" read-timeout' -l 'read-timeout' -d 'Seconds to wait for AWS to send data once connected (default 60).' -rfka ''
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform rollback" debug' -l 'debug' -d 'Log every request (operation, status, attempt, request id) to standard error. Secrets are redacted.'
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform rollback" no-color' -l 'no-color' -d 'Never colour the output (also: the NO_COLOR environment variable).'
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform rollback" version' -l 'version' -d 'Show the version.'
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform rollback" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'fleetform' -n '__fleetform_should_offer_completions_for_flags_or_options "fleetform help" version' -l 'version' -d 'Show the version.'
