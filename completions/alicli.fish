# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_alicli_global_optspecs
    string join \n profile= config-file= region= v/verbose q/quiet retries= connect-timeout= read-timeout= proxy= sts-signature-version= output= query= h/help V/version
end

function __fish_alicli_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_alicli_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_alicli_using_subcommand
    set -l cmd (__fish_alicli_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c alicli -n "__fish_alicli_needs_command" -l profile -d 'Profile to use [default: default]; naming one makes it win over credentials in the environment' -r
complete -c alicli -n "__fish_alicli_needs_command" -l config-file -d 'Profile file [default: ~/.config/alicli/config.toml]' -r -F
complete -c alicli -n "__fish_alicli_needs_command" -l region -d 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)' -r
complete -c alicli -n "__fish_alicli_needs_command" -l retries -d 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]' -r
complete -c alicli -n "__fish_alicli_needs_command" -l connect-timeout -d 'Seconds to wait for a connection [default: 10]' -r
complete -c alicli -n "__fish_alicli_needs_command" -l read-timeout -d 'Seconds to wait for the next bytes of an answer [default: 60]' -r
complete -c alicli -n "__fish_alicli_needs_command" -l proxy -d 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)' -r
complete -c alicli -n "__fish_alicli_needs_command" -l sts-signature-version -d 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile\'s renewals included (profile key `sts_signature_version`) [default: v1]' -r -f -a "v1\t''
v3\t''"
complete -c alicli -n "__fish_alicli_needs_command" -l output -d 'Format of the data a command prints [default: each command\'s own: JSON for STS answers, lines or tables for people elsewhere]' -r -f -a "json\t'JSON (JSON Lines for commands that print a record per object)'
text\t'Tab-separated values, one record a line, for cut and awk'
table\t'Aligned columns for people'
yaml\t'YAML'
env\t'Shell `export` lines (sts assume-role, assume-role-with-oidc)'"
complete -c alicli -n "__fish_alicli_needs_command" -l query -d 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)' -r
complete -c alicli -n "__fish_alicli_needs_command" -s v -l verbose -d 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
complete -c alicli -n "__fish_alicli_needs_command" -s q -l quiet -d 'Print only data and errors'
complete -c alicli -n "__fish_alicli_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c alicli -n "__fish_alicli_needs_command" -s V -l version -d 'Print version'
complete -c alicli -n "__fish_alicli_needs_command" -f -a "configure" -d 'Store a RAM user\'s long-term AccessKey (and region, STS endpoint) in a profile'
complete -c alicli -n "__fish_alicli_needs_command" -f -a "sts" -d 'Security Token Service: assume a role, show who you are'
complete -c alicli -n "__fish_alicli_needs_command" -f -a "oss" -d 'Object Storage Service: configure, list, describe, download and upload objects'
complete -c alicli -n "__fish_alicli_needs_command" -f -a "policy" -d 'RAM policies: check a document, evaluate requests against it, probe what credentials may do'
complete -c alicli -n "__fish_alicli_needs_command" -f -a "serve" -d 'Run the local cloud: an STS + OSS endpoint on loopback that checks signatures and policies'
complete -c alicli -n "__fish_alicli_needs_command" -f -a "demo" -d 'Walk through the whole flow against a throwaway local cloud'
complete -c alicli -n "__fish_alicli_needs_command" -f -a "completions" -d 'Print a shell completion script, or install one that knows your profiles (--install)'
complete -c alicli -n "__fish_alicli_needs_command" -f -a "man" -d 'Install the man pages (`man alicli`, `man alicli-oss-cp`, …) in your man folder or DIR'
complete -c alicli -n "__fish_alicli_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c alicli -n "__fish_alicli_using_subcommand configure; and not __fish_seen_subcommand_from list get set export-credentials import help" -l access-key-id -d 'AccessKey ID of a RAM user (LTAI…)' -r
complete -c alicli -n "__fish_alicli_using_subcommand configure; and not __fish_seen_subcommand_from list get set export-credentials import help" -l access-key-secret -d 'AccessKey secret; `-` reads it from stdin (keeps it out of shell history and `ps`)' -r
complete -c alicli -n "__fish_alicli_using_subcommand configure; and not __fish_seen_subcommand_from list get set export-credentials import help" -l sts-endpoint -d 'STS endpoint for this profile, e.g. sts.cn-hangzhou.aliyuncs.com' -r
complete -c alicli -n "__fish_alicli_using_subcommand configure; and not __fish_seen_subcommand_from list get set export-credentials import help" -l profile -d 'Profile to use [default: default]; naming one makes it win over credentials in the environment' -r
complete -c alicli -n "__fish_alicli_using_subcommand configure; and not __fish_seen_subcommand_from list get set export-credentials import help" -l config-file -d 'Profile file [default: ~/.config/alicli/config.toml]' -r -F
complete -c alicli -n "__fish_alicli_using_subcommand configure; and not __fish_seen_subcommand_from list get set export-credentials import help" -l region -d 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)' -r
complete -c alicli -n "__fish_alicli_using_subcommand configure; and not __fish_seen_subcommand_from list get set export-credentials import help" -l retries -d 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]' -r
complete -c alicli -n "__fish_alicli_using_subcommand configure; and not __fish_seen_subcommand_from list get set export-credentials import help" -l connect-timeout -d 'Seconds to wait for a connection [default: 10]' -r
complete -c alicli -n "__fish_alicli_using_subcommand configure; and not __fish_seen_subcommand_from list get set export-credentials import help" -l read-timeout -d 'Seconds to wait for the next bytes of an answer [default: 60]' -r
complete -c alicli -n "__fish_alicli_using_subcommand configure; and not __fish_seen_subcommand_from list get set export-credentials import help" -l proxy -d 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)' -r
complete -c alicli -n "__fish_alicli_using_subcommand configure; and not __fish_seen_subcommand_from list get set export-credentials import help" -l sts-signature-version -d 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile\'s renewals included (profile key `sts_signature_version`) [default: v1]' -r -f -a "v1\t''
v3\t''"
complete -c alicli -n "__fish_alicli_using_subcommand configure; and not __fish_seen_subcommand_from list get set export-credentials import help" -l output -d 'Format of the data a command prints [default: each command\'s own: JSON for STS answers, lines or tables for people elsewhere]' -r -f -a "json\t'JSON (JSON Lines for commands that print a record per object)'
text\t'Tab-separated values, one record a line, for cut and awk'
table\t'Aligned columns for people'
yaml\t'YAML'
env\t'Shell `export` lines (sts assume-role, assume-role-with-oidc)'"
complete -c alicli -n "__fish_alicli_using_subcommand configure; and not __fish_seen_subcommand_from list get set export-credentials import help" -l query -d 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)' -r
complete -c alicli -n "__fish_alicli_using_subcommand configure; and not __fish_seen_subcommand_from list get set export-credentials import help" -s v -l verbose -d 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
complete -c alicli -n "__fish_alicli_using_subcommand configure; and not __fish_seen_subcommand_from list get set export-credentials import help" -s q -l quiet -d 'Print only data and errors'
complete -c alicli -n "__fish_alicli_using_subcommand configure; and not __fish_seen_subcommand_from list get set export-credentials import help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c alicli -n "__fish_alicli_using_subcommand configure; and not __fish_seen_subcommand_from list get set export-credentials import help" -s V -l version -d 'Print version'
complete -c alicli -n "__fish_alicli_using_subcommand configure; and not __fish_seen_subcommand_from list get set export-credentials import help" -f -a "list" -d 'List profiles: kind, region, endpoint, time left, masked key id (never secrets)'
complete -c alicli -n "__fish_alicli_using_subcommand configure; and not __fish_seen_subcommand_from list get set export-credentials import help" -f -a "get" -d 'Print one setting of the profile (secrets are never printed; see export-credentials)'
complete -c alicli -n "__fish_alicli_using_subcommand configure; and not __fish_seen_subcommand_from list get set export-credentials import help" -f -a "set" -d 'Change one setting of the profile (an empty VALUE removes it; `-` reads it from stdin)'
complete -c alicli -n "__fish_alicli_using_subcommand configure; and not __fish_seen_subcommand_from list get set export-credentials import help" -f -a "export-credentials" -d 'Print the profile\'s credentials for another tool (a role profile renews them first)'
complete -c alicli -n "__fish_alicli_using_subcommand configure; and not __fish_seen_subcommand_from list get set export-credentials import help" -f -a "import" -d 'Copy profiles from the official CLI\'s ~/.aliyun/config.json (never written)'
complete -c alicli -n "__fish_alicli_using_subcommand configure; and not __fish_seen_subcommand_from list get set export-credentials import help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from list" -l profile -d 'Profile to use [default: default]; naming one makes it win over credentials in the environment' -r
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from list" -l config-file -d 'Profile file [default: ~/.config/alicli/config.toml]' -r -F
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from list" -l region -d 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)' -r
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from list" -l retries -d 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]' -r
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from list" -l connect-timeout -d 'Seconds to wait for a connection [default: 10]' -r
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from list" -l read-timeout -d 'Seconds to wait for the next bytes of an answer [default: 60]' -r
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from list" -l proxy -d 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)' -r
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from list" -l sts-signature-version -d 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile\'s renewals included (profile key `sts_signature_version`) [default: v1]' -r -f -a "v1\t''
v3\t''"
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from list" -l output -d 'Format of the data a command prints [default: each command\'s own: JSON for STS answers, lines or tables for people elsewhere]' -r -f -a "json\t'JSON (JSON Lines for commands that print a record per object)'
text\t'Tab-separated values, one record a line, for cut and awk'
table\t'Aligned columns for people'
yaml\t'YAML'
env\t'Shell `export` lines (sts assume-role, assume-role-with-oidc)'"
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from list" -l query -d 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)' -r
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only data and errors'
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from get" -l profile -d 'Profile to use [default: default]; naming one makes it win over credentials in the environment' -r
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from get" -l config-file -d 'Profile file [default: ~/.config/alicli/config.toml]' -r -F
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from get" -l region -d 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)' -r
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from get" -l retries -d 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]' -r
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from get" -l connect-timeout -d 'Seconds to wait for a connection [default: 10]' -r
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from get" -l read-timeout -d 'Seconds to wait for the next bytes of an answer [default: 60]' -r
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from get" -l proxy -d 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)' -r
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from get" -l sts-signature-version -d 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile\'s renewals included (profile key `sts_signature_version`) [default: v1]' -r -f -a "v1\t''
v3\t''"
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from get" -l output -d 'Format of the data a command prints [default: each command\'s own: JSON for STS answers, lines or tables for people elsewhere]' -r -f -a "json\t'JSON (JSON Lines for commands that print a record per object)'
text\t'Tab-separated values, one record a line, for cut and awk'
table\t'Aligned columns for people'
yaml\t'YAML'
env\t'Shell `export` lines (sts assume-role, assume-role-with-oidc)'"
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from get" -l query -d 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)' -r
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from get" -s v -l verbose -d 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from get" -s q -l quiet -d 'Print only data and errors'
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from get" -s V -l version -d 'Print version'
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from set" -l profile -d 'Profile to use [default: default]; naming one makes it win over credentials in the environment' -r
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from set" -l config-file -d 'Profile file [default: ~/.config/alicli/config.toml]' -r -F
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from set" -l region -d 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)' -r
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from set" -l retries -d 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]' -r
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from set" -l connect-timeout -d 'Seconds to wait for a connection [default: 10]' -r
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from set" -l read-timeout -d 'Seconds to wait for the next bytes of an answer [default: 60]' -r
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from set" -l proxy -d 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)' -r
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from set" -l sts-signature-version -d 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile\'s renewals included (profile key `sts_signature_version`) [default: v1]' -r -f -a "v1\t''
v3\t''"
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from set" -l output -d 'Format of the data a command prints [default: each command\'s own: JSON for STS answers, lines or tables for people elsewhere]' -r -f -a "json\t'JSON (JSON Lines for commands that print a record per object)'
text\t'Tab-separated values, one record a line, for cut and awk'
table\t'Aligned columns for people'
yaml\t'YAML'
env\t'Shell `export` lines (sts assume-role, assume-role-with-oidc)'"
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from set" -l query -d 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)' -r
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from set" -s v -l verbose -d 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from set" -s q -l quiet -d 'Print only data and errors'
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from set" -s V -l version -d 'Print version'
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from export-credentials" -l format -d 'How to print them [default: env]; the global --output json|yaml|text|table prints the json form in that format instead (with --query)' -r -f -a "env\t'`export NAME=\\'value\\'` lines for POSIX shells (eval them)'
env-no-export\t'`NAME=value` lines: \$GITHUB_ENV, GitLab dotenv reports, docker --env-file'
fish\t'`set -gx NAME \\'value\\'` lines for fish'
powershell\t'`\$Env:NAME = \\'value\\'` lines for PowerShell'
json\t'{\"Code\":\"Success\",\"AccessKeyId\",…,\"SecurityToken\",\"Expiration\"}: what a credentials URI (ALIBABA_CLOUD_CREDENTIALS_URI) answers, for the official SDKs'
process\t'{\"mode\":\"StsToken\",\"access_key_id\",…}: the official CLI\\'s External format, for its --process-command and alicli\\'s credential_process'"
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from export-credentials" -l profile -d 'Profile to use [default: default]; naming one makes it win over credentials in the environment' -r
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from export-credentials" -l config-file -d 'Profile file [default: ~/.config/alicli/config.toml]' -r -F
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from export-credentials" -l region -d 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)' -r
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from export-credentials" -l retries -d 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]' -r
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from export-credentials" -l connect-timeout -d 'Seconds to wait for a connection [default: 10]' -r
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from export-credentials" -l read-timeout -d 'Seconds to wait for the next bytes of an answer [default: 60]' -r
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from export-credentials" -l proxy -d 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)' -r
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from export-credentials" -l sts-signature-version -d 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile\'s renewals included (profile key `sts_signature_version`) [default: v1]' -r -f -a "v1\t''
v3\t''"
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from export-credentials" -l output -d 'Format of the data a command prints [default: each command\'s own: JSON for STS answers, lines or tables for people elsewhere]' -r -f -a "json\t'JSON (JSON Lines for commands that print a record per object)'
text\t'Tab-separated values, one record a line, for cut and awk'
table\t'Aligned columns for people'
yaml\t'YAML'
env\t'Shell `export` lines (sts assume-role, assume-role-with-oidc)'"
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from export-credentials" -l query -d 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)' -r
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from export-credentials" -s v -l verbose -d 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from export-credentials" -s q -l quiet -d 'Print only data and errors'
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from export-credentials" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from export-credentials" -s V -l version -d 'Print version'
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from import" -l from -d 'The official CLI\'s file [default: $ALIBABA_CLOUD_CONFIG_FILE, else ~/.aliyun/config.json]' -r -F
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from import" -l profile -d 'Profile to use [default: default]; naming one makes it win over credentials in the environment' -r
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from import" -l config-file -d 'Profile file [default: ~/.config/alicli/config.toml]' -r -F
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from import" -l region -d 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)' -r
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from import" -l retries -d 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]' -r
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from import" -l connect-timeout -d 'Seconds to wait for a connection [default: 10]' -r
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from import" -l read-timeout -d 'Seconds to wait for the next bytes of an answer [default: 60]' -r
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from import" -l proxy -d 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)' -r
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from import" -l sts-signature-version -d 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile\'s renewals included (profile key `sts_signature_version`) [default: v1]' -r -f -a "v1\t''
v3\t''"
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from import" -l output -d 'Format of the data a command prints [default: each command\'s own: JSON for STS answers, lines or tables for people elsewhere]' -r -f -a "json\t'JSON (JSON Lines for commands that print a record per object)'
text\t'Tab-separated values, one record a line, for cut and awk'
table\t'Aligned columns for people'
yaml\t'YAML'
env\t'Shell `export` lines (sts assume-role, assume-role-with-oidc)'"
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from import" -l query -d 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)' -r
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from import" -l force -d 'Replace alicli profiles that have the same names (they are kept otherwise)'
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from import" -s v -l verbose -d 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from import" -s q -l quiet -d 'Print only data and errors'
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from import" -s V -l version -d 'Print version'
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from help" -f -a "list" -d 'List profiles: kind, region, endpoint, time left, masked key id (never secrets)'
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from help" -f -a "get" -d 'Print one setting of the profile (secrets are never printed; see export-credentials)'
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from help" -f -a "set" -d 'Change one setting of the profile (an empty VALUE removes it; `-` reads it from stdin)'
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from help" -f -a "export-credentials" -d 'Print the profile\'s credentials for another tool (a role profile renews them first)'
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from help" -f -a "import" -d 'Copy profiles from the official CLI\'s ~/.aliyun/config.json (never written)'
complete -c alicli -n "__fish_alicli_using_subcommand configure; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c alicli -n "__fish_alicli_using_subcommand sts; and not __fish_seen_subcommand_from assume-role assume-role-with-oidc get-caller-identity help" -l profile -d 'Profile to use [default: default]; naming one makes it win over credentials in the environment' -r
complete -c alicli -n "__fish_alicli_using_subcommand sts; and not __fish_seen_subcommand_from assume-role assume-role-with-oidc get-caller-identity help" -l config-file -d 'Profile file [default: ~/.config/alicli/config.toml]' -r -F
complete -c alicli -n "__fish_alicli_using_subcommand sts; and not __fish_seen_subcommand_from assume-role assume-role-with-oidc get-caller-identity help" -l region -d 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)' -r
complete -c alicli -n "__fish_alicli_using_subcommand sts; and not __fish_seen_subcommand_from assume-role assume-role-with-oidc get-caller-identity help" -l retries -d 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]' -r
complete -c alicli -n "__fish_alicli_using_subcommand sts; and not __fish_seen_subcommand_from assume-role assume-role-with-oidc get-caller-identity help" -l connect-timeout -d 'Seconds to wait for a connection [default: 10]' -r
complete -c alicli -n "__fish_alicli_using_subcommand sts; and not __fish_seen_subcommand_from assume-role assume-role-with-oidc get-caller-identity help" -l read-timeout -d 'Seconds to wait for the next bytes of an answer [default: 60]' -r
complete -c alicli -n "__fish_alicli_using_subcommand sts; and not __fish_seen_subcommand_from assume-role assume-role-with-oidc get-caller-identity help" -l proxy -d 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)' -r
complete -c alicli -n "__fish_alicli_using_subcommand sts; and not __fish_seen_subcommand_from assume-role assume-role-with-oidc get-caller-identity help" -l sts-signature-version -d 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile\'s renewals included (profile key `sts_signature_version`) [default: v1]' -r -f -a "v1\t''
v3\t''"
complete -c alicli -n "__fish_alicli_using_subcommand sts; and not __fish_seen_subcommand_from assume-role assume-role-with-oidc get-caller-identity help" -l output -d 'Format of the data a command prints [default: each command\'s own: JSON for STS answers, lines or tables for people elsewhere]' -r -f -a "json\t'JSON (JSON Lines for commands that print a record per object)'
text\t'Tab-separated values, one record a line, for cut and awk'
table\t'Aligned columns for people'
yaml\t'YAML'
env\t'Shell `export` lines (sts assume-role, assume-role-with-oidc)'"
complete -c alicli -n "__fish_alicli_using_subcommand sts; and not __fish_seen_subcommand_from assume-role assume-role-with-oidc get-caller-identity help" -l query -d 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)' -r
complete -c alicli -n "__fish_alicli_using_subcommand sts; and not __fish_seen_subcommand_from assume-role assume-role-with-oidc get-caller-identity help" -s v -l verbose -d 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
complete -c alicli -n "__fish_alicli_using_subcommand sts; and not __fish_seen_subcommand_from assume-role assume-role-with-oidc get-caller-identity help" -s q -l quiet -d 'Print only data and errors'
complete -c alicli -n "__fish_alicli_using_subcommand sts; and not __fish_seen_subcommand_from assume-role assume-role-with-oidc get-caller-identity help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c alicli -n "__fish_alicli_using_subcommand sts; and not __fish_seen_subcommand_from assume-role assume-role-with-oidc get-caller-identity help" -s V -l version -d 'Print version'
complete -c alicli -n "__fish_alicli_using_subcommand sts; and not __fish_seen_subcommand_from assume-role assume-role-with-oidc get-caller-identity help" -f -a "assume-role" -d 'Get temporary credentials for a RAM role (AssumeRole)'
complete -c alicli -n "__fish_alicli_using_subcommand sts; and not __fish_seen_subcommand_from assume-role assume-role-with-oidc get-caller-identity help" -f -a "assume-role-with-oidc" -d 'Get temporary credentials for a RAM role with an OIDC token, no AccessKey (AssumeRoleWithOIDC)'
complete -c alicli -n "__fish_alicli_using_subcommand sts; and not __fish_seen_subcommand_from assume-role assume-role-with-oidc get-caller-identity help" -f -a "get-caller-identity" -d 'Show the identity behind the current credentials (GetCallerIdentity)'
complete -c alicli -n "__fish_alicli_using_subcommand sts; and not __fish_seen_subcommand_from assume-role assume-role-with-oidc get-caller-identity help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c alicli -n "__fish_alicli_using_subcommand sts; and __fish_seen_subcommand_from assume-role" -l role-arn -d 'Role to assume: acs:ram::<account-id>:role/<role-name>' -r
complete -c alicli -n "__fish_alicli_using_subcommand sts; and __fish_seen_subcommand_from assume-role" -l role-session-name -d 'Name for this session (2-64 of letters, digits, . @ - _); shows in audit logs' -r
complete -c alicli -n "__fish_alicli_using_subcommand sts; and __fish_seen_subcommand_from assume-role" -l policy -d 'Inline policy narrowing the role: JSON text, or @FILE to read it from a file' -r
complete -c alicli -n "__fish_alicli_using_subcommand sts; and __fish_seen_subcommand_from assume-role" -l duration-seconds -d 'Lifetime in seconds, 900-43200 (the role\'s maximum session duration caps it) [service default: 3600]' -r
complete -c alicli -n "__fish_alicli_using_subcommand sts; and __fish_seen_subcommand_from assume-role" -l external-id -d 'External id the role\'s trust policy may require (2-1224 of letters, digits, _+=,.@:/-)' -r
complete -c alicli -n "__fish_alicli_using_subcommand sts; and __fish_seen_subcommand_from assume-role" -l endpoint -d 'STS endpoint, e.g. sts.cn-hangzhou.aliyuncs.com or http://127.0.0.1:9000' -r
complete -c alicli -n "__fish_alicli_using_subcommand sts; and __fish_seen_subcommand_from assume-role" -l save-profile -d 'Also store the temporary credentials in this profile (with what is needed to renew them)' -r
complete -c alicli -n "__fish_alicli_using_subcommand sts; and __fish_seen_subcommand_from assume-role" -l profile -d 'Profile to use [default: default]; naming one makes it win over credentials in the environment' -r
complete -c alicli -n "__fish_alicli_using_subcommand sts; and __fish_seen_subcommand_from assume-role" -l config-file -d 'Profile file [default: ~/.config/alicli/config.toml]' -r -F
complete -c alicli -n "__fish_alicli_using_subcommand sts; and __fish_seen_subcommand_from assume-role" -l region -d 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)' -r
complete -c alicli -n "__fish_alicli_using_subcommand sts; and __fish_seen_subcommand_from assume-role" -l retries -d 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]' -r
complete -c alicli -n "__fish_alicli_using_subcommand sts; and __fish_seen_subcommand_from assume-role" -l connect-timeout -d 'Seconds to wait for a connection [default: 10]' -r
complete -c alicli -n "__fish_alicli_using_subcommand sts; and __fish_seen_subcommand_from assume-role" -l read-timeout -d 'Seconds to wait for the next bytes of an answer [default: 60]' -r
complete -c alicli -n "__fish_alicli_using_subcommand sts; and __fish_seen_subcommand_from assume-role" -l proxy -d 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)' -r
complete -c alicli -n "__fish_alicli_using_subcommand sts; and __fish_seen_subcommand_from assume-role" -l sts-signature-version -d 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile\'s renewals included (profile key `sts_signature_version`) [default: v1]' -r -f -a "v1\t''
v3\t''"
complete -c alicli -n "__fish_alicli_using_subcommand sts; and __fish_seen_subcommand_from assume-role" -l output -d 'Format of the data a command prints [default: each command\'s own: JSON for STS answers, lines or tables for people elsewhere]' -r -f -a "json\t'JSON (JSON Lines for commands that print a record per object)'
text\t'Tab-separated values, one record a line, for cut and awk'
table\t'Aligned columns for people'
yaml\t'YAML'
env\t'Shell `export` lines (sts assume-role, assume-role-with-oidc)'"
complete -c alicli -n "__fish_alicli_using_subcommand sts; and __fish_seen_subcommand_from assume-role" -l query -d 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)' -r
complete -c alicli -n "__fish_alicli_using_subcommand sts; and __fish_seen_subcommand_from assume-role" -s v -l verbose -d 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
complete -c alicli -n "__fish_alicli_using_subcommand sts; and __fish_seen_subcommand_from assume-role" -s q -l quiet -d 'Print only data and errors'
complete -c alicli -n "__fish_alicli_using_subcommand sts; and __fish_seen_subcommand_from assume-role" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c alicli -n "__fish_alicli_using_subcommand sts; and __fish_seen_subcommand_from assume-role" -s V -l version -d 'Print version'
complete -c alicli -n "__fish_alicli_using_subcommand sts; and __fish_seen_subcommand_from assume-role-with-oidc" -l role-arn -d 'Role to assume: acs:ram::<account-id>:role/<role-name>' -r
complete -c alicli -n "__fish_alicli_using_subcommand sts; and __fish_seen_subcommand_from assume-role-with-oidc" -l oidc-provider-arn -d 'The OIDC identity provider in RAM: acs:ram::<account-id>:oidc-provider/<name>' -r
complete -c alicli -n "__fish_alicli_using_subcommand sts; and __fish_seen_subcommand_from assume-role-with-oidc" -l role-session-name -d 'Name for this session (2-64 of letters, digits, . @ - _) [default: from the CI run (gh-<run>-<attempt>, gitlab-<job>), else alicli-<unix time>]' -r
complete -c alicli -n "__fish_alicli_using_subcommand sts; and __fish_seen_subcommand_from assume-role-with-oidc" -l oidc-token-file -d 'File holding the OIDC token, `-` for stdin [default: ALIBABA_CLOUD_OIDC_TOKEN_FILE, else the GitHub Actions token]' -r
complete -c alicli -n "__fish_alicli_using_subcommand sts; and __fish_seen_subcommand_from assume-role-with-oidc" -l audience -d 'Audience of the GitHub Actions token to ask for' -r
complete -c alicli -n "__fish_alicli_using_subcommand sts; and __fish_seen_subcommand_from assume-role-with-oidc" -l policy -d 'Inline policy narrowing the role: JSON text, or @FILE to read it from a file' -r
complete -c alicli -n "__fish_alicli_using_subcommand sts; and __fish_seen_subcommand_from assume-role-with-oidc" -l duration-seconds -d 'Lifetime in seconds, 900-43200 (the role\'s maximum session duration caps it) [service default: 3600]' -r
complete -c alicli -n "__fish_alicli_using_subcommand sts; and __fish_seen_subcommand_from assume-role-with-oidc" -l endpoint -d 'STS endpoint, e.g. sts.cn-hangzhou.aliyuncs.com or http://127.0.0.1:9000' -r
complete -c alicli -n "__fish_alicli_using_subcommand sts; and __fish_seen_subcommand_from assume-role-with-oidc" -l save-profile -d 'Also store the temporary credentials in this profile, which renews itself from the same token source' -r
complete -c alicli -n "__fish_alicli_using_subcommand sts; and __fish_seen_subcommand_from assume-role-with-oidc" -l profile -d 'Profile to use [default: default]; naming one makes it win over credentials in the environment' -r
complete -c alicli -n "__fish_alicli_using_subcommand sts; and __fish_seen_subcommand_from assume-role-with-oidc" -l config-file -d 'Profile file [default: ~/.config/alicli/config.toml]' -r -F
complete -c alicli -n "__fish_alicli_using_subcommand sts; and __fish_seen_subcommand_from assume-role-with-oidc" -l region -d 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)' -r
complete -c alicli -n "__fish_alicli_using_subcommand sts; and __fish_seen_subcommand_from assume-role-with-oidc" -l retries -d 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]' -r
complete -c alicli -n "__fish_alicli_using_subcommand sts; and __fish_seen_subcommand_from assume-role-with-oidc" -l connect-timeout -d 'Seconds to wait for a connection [default: 10]' -r
complete -c alicli -n "__fish_alicli_using_subcommand sts; and __fish_seen_subcommand_from assume-role-with-oidc" -l read-timeout -d 'Seconds to wait for the next bytes of an answer [default: 60]' -r
complete -c alicli -n "__fish_alicli_using_subcommand sts; and __fish_seen_subcommand_from assume-role-with-oidc" -l proxy -d 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)' -r
complete -c alicli -n "__fish_alicli_using_subcommand sts; and __fish_seen_subcommand_from assume-role-with-oidc" -l sts-signature-version -d 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile\'s renewals included (profile key `sts_signature_version`) [default: v1]' -r -f -a "v1\t''
v3\t''"
complete -c alicli -n "__fish_alicli_using_subcommand sts; and __fish_seen_subcommand_from assume-role-with-oidc" -l output -d 'Format of the data a command prints [default: each command\'s own: JSON for STS answers, lines or tables for people elsewhere]' -r -f -a "json\t'JSON (JSON Lines for commands that print a record per object)'
text\t'Tab-separated values, one record a line, for cut and awk'
table\t'Aligned columns for people'
yaml\t'YAML'
env\t'Shell `export` lines (sts assume-role, assume-role-with-oidc)'"
complete -c alicli -n "__fish_alicli_using_subcommand sts; and __fish_seen_subcommand_from assume-role-with-oidc" -l query -d 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)' -r
complete -c alicli -n "__fish_alicli_using_subcommand sts; and __fish_seen_subcommand_from assume-role-with-oidc" -s v -l verbose -d 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
complete -c alicli -n "__fish_alicli_using_subcommand sts; and __fish_seen_subcommand_from assume-role-with-oidc" -s q -l quiet -d 'Print only data and errors'
complete -c alicli -n "__fish_alicli_using_subcommand sts; and __fish_seen_subcommand_from assume-role-with-oidc" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c alicli -n "__fish_alicli_using_subcommand sts; and __fish_seen_subcommand_from assume-role-with-oidc" -s V -l version -d 'Print version'
complete -c alicli -n "__fish_alicli_using_subcommand sts; and __fish_seen_subcommand_from get-caller-identity" -l endpoint -d 'STS endpoint, e.g. sts.cn-hangzhou.aliyuncs.com or http://127.0.0.1:9000' -r
complete -c alicli -n "__fish_alicli_using_subcommand sts; and __fish_seen_subcommand_from get-caller-identity" -l profile -d 'Profile to use [default: default]; naming one makes it win over credentials in the environment' -r
complete -c alicli -n "__fish_alicli_using_subcommand sts; and __fish_seen_subcommand_from get-caller-identity" -l config-file -d 'Profile file [default: ~/.config/alicli/config.toml]' -r -F
complete -c alicli -n "__fish_alicli_using_subcommand sts; and __fish_seen_subcommand_from get-caller-identity" -l region -d 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)' -r
complete -c alicli -n "__fish_alicli_using_subcommand sts; and __fish_seen_subcommand_from get-caller-identity" -l retries -d 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]' -r
complete -c alicli -n "__fish_alicli_using_subcommand sts; and __fish_seen_subcommand_from get-caller-identity" -l connect-timeout -d 'Seconds to wait for a connection [default: 10]' -r
complete -c alicli -n "__fish_alicli_using_subcommand sts; and __fish_seen_subcommand_from get-caller-identity" -l read-timeout -d 'Seconds to wait for the next bytes of an answer [default: 60]' -r
complete -c alicli -n "__fish_alicli_using_subcommand sts; and __fish_seen_subcommand_from get-caller-identity" -l proxy -d 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)' -r
complete -c alicli -n "__fish_alicli_using_subcommand sts; and __fish_seen_subcommand_from get-caller-identity" -l sts-signature-version -d 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile\'s renewals included (profile key `sts_signature_version`) [default: v1]' -r -f -a "v1\t''
v3\t''"
complete -c alicli -n "__fish_alicli_using_subcommand sts; and __fish_seen_subcommand_from get-caller-identity" -l output -d 'Format of the data a command prints [default: each command\'s own: JSON for STS answers, lines or tables for people elsewhere]' -r -f -a "json\t'JSON (JSON Lines for commands that print a record per object)'
text\t'Tab-separated values, one record a line, for cut and awk'
table\t'Aligned columns for people'
yaml\t'YAML'
env\t'Shell `export` lines (sts assume-role, assume-role-with-oidc)'"
complete -c alicli -n "__fish_alicli_using_subcommand sts; and __fish_seen_subcommand_from get-caller-identity" -l query -d 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)' -r
complete -c alicli -n "__fish_alicli_using_subcommand sts; and __fish_seen_subcommand_from get-caller-identity" -s v -l verbose -d 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
complete -c alicli -n "__fish_alicli_using_subcommand sts; and __fish_seen_subcommand_from get-caller-identity" -s q -l quiet -d 'Print only data and errors'
complete -c alicli -n "__fish_alicli_using_subcommand sts; and __fish_seen_subcommand_from get-caller-identity" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c alicli -n "__fish_alicli_using_subcommand sts; and __fish_seen_subcommand_from get-caller-identity" -s V -l version -d 'Print version'
complete -c alicli -n "__fish_alicli_using_subcommand sts; and __fish_seen_subcommand_from help" -f -a "assume-role" -d 'Get temporary credentials for a RAM role (AssumeRole)'
complete -c alicli -n "__fish_alicli_using_subcommand sts; and __fish_seen_subcommand_from help" -f -a "assume-role-with-oidc" -d 'Get temporary credentials for a RAM role with an OIDC token, no AccessKey (AssumeRoleWithOIDC)'
complete -c alicli -n "__fish_alicli_using_subcommand sts; and __fish_seen_subcommand_from help" -f -a "get-caller-identity" -d 'Show the identity behind the current credentials (GetCallerIdentity)'
complete -c alicli -n "__fish_alicli_using_subcommand sts; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and not __fish_seen_subcommand_from config get put sign cp sync rm ls stat help" -l profile -d 'Profile to use [default: default]; naming one makes it win over credentials in the environment' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and not __fish_seen_subcommand_from config get put sign cp sync rm ls stat help" -l config-file -d 'Profile file [default: ~/.config/alicli/config.toml]' -r -F
complete -c alicli -n "__fish_alicli_using_subcommand oss; and not __fish_seen_subcommand_from config get put sign cp sync rm ls stat help" -l region -d 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and not __fish_seen_subcommand_from config get put sign cp sync rm ls stat help" -l retries -d 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and not __fish_seen_subcommand_from config get put sign cp sync rm ls stat help" -l connect-timeout -d 'Seconds to wait for a connection [default: 10]' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and not __fish_seen_subcommand_from config get put sign cp sync rm ls stat help" -l read-timeout -d 'Seconds to wait for the next bytes of an answer [default: 60]' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and not __fish_seen_subcommand_from config get put sign cp sync rm ls stat help" -l proxy -d 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and not __fish_seen_subcommand_from config get put sign cp sync rm ls stat help" -l sts-signature-version -d 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile\'s renewals included (profile key `sts_signature_version`) [default: v1]' -r -f -a "v1\t''
v3\t''"
complete -c alicli -n "__fish_alicli_using_subcommand oss; and not __fish_seen_subcommand_from config get put sign cp sync rm ls stat help" -l output -d 'Format of the data a command prints [default: each command\'s own: JSON for STS answers, lines or tables for people elsewhere]' -r -f -a "json\t'JSON (JSON Lines for commands that print a record per object)'
text\t'Tab-separated values, one record a line, for cut and awk'
table\t'Aligned columns for people'
yaml\t'YAML'
env\t'Shell `export` lines (sts assume-role, assume-role-with-oidc)'"
complete -c alicli -n "__fish_alicli_using_subcommand oss; and not __fish_seen_subcommand_from config get put sign cp sync rm ls stat help" -l query -d 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and not __fish_seen_subcommand_from config get put sign cp sync rm ls stat help" -s v -l verbose -d 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and not __fish_seen_subcommand_from config get put sign cp sync rm ls stat help" -s q -l quiet -d 'Print only data and errors'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and not __fish_seen_subcommand_from config get put sign cp sync rm ls stat help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and not __fish_seen_subcommand_from config get put sign cp sync rm ls stat help" -s V -l version -d 'Print version'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and not __fish_seen_subcommand_from config get put sign cp sync rm ls stat help" -f -a "config" -d 'Store the OSS endpoint and credentials (e.g. temporary ones) in the profile\'s oss section'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and not __fish_seen_subcommand_from config get put sign cp sync rm ls stat help" -f -a "get" -d 'Download an object to a file, a folder or stdout'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and not __fish_seen_subcommand_from config get put sign cp sync rm ls stat help" -f -a "put" -d 'Upload a file or stdin to an object'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and not __fish_seen_subcommand_from config get put sign cp sync rm ls stat help" -f -a "sign" -d 'Print a presigned URL for an object (GET or PUT), usable without credentials until it expires'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and not __fish_seen_subcommand_from config get put sign cp sync rm ls stat help" -f -a "cp" -d 'Copy a file, an object or (with -r) a whole folder or prefix: local ↔ OSS, OSS → OSS'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and not __fish_seen_subcommand_from config get put sign cp sync rm ls stat help" -f -a "sync" -d 'Copy only what is missing or different between a folder and a prefix, or two prefixes'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and not __fish_seen_subcommand_from config get put sign cp sync rm ls stat help" -f -a "rm" -d 'Delete an object, or (with -r) every object under a prefix'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and not __fish_seen_subcommand_from config get put sign cp sync rm ls stat help" -f -a "ls" -d 'List buckets, or the objects and folders under a prefix'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and not __fish_seen_subcommand_from config get put sign cp sync rm ls stat help" -f -a "stat" -d 'Show an object\'s size, dates, checksums, type and metadata (HeadObject)'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and not __fish_seen_subcommand_from config get put sign cp sync rm ls stat help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from config" -l endpoint -d 'OSS endpoint, e.g. oss-cn-hangzhou.aliyuncs.com or http://127.0.0.1:9000' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from config" -l access-key-id -d 'AccessKey ID for OSS (STS.… for temporary credentials)' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from config" -l access-key-secret -d 'AccessKey secret for OSS; `-` reads it from stdin (keeps it out of `ps` and shell history); asked for on a terminal when missing' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from config" -l security-token -l sts-token -d 'Security token that comes with temporary credentials; `-` reads it from stdin (after the secret when both are `-`)' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from config" -l sign-version -d 'Force an OSS signature version for this profile (default: v4 when the region is known)' -r -f -a "v1\t'OSS signature v1 (HMAC-SHA1); closed to accounts created since 2025-03-01'
v4\t'OSS signature v4 (OSS4-HMAC-SHA256); needs the region'"
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from config" -l expiration -d 'When the temporary credentials expire (UTC, e.g. 2026-01-13T15:03:39Z); lets alicli refuse them early' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from config" -l profile -d 'Profile to use [default: default]; naming one makes it win over credentials in the environment' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from config" -l config-file -d 'Profile file [default: ~/.config/alicli/config.toml]' -r -F
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from config" -l region -d 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from config" -l retries -d 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from config" -l connect-timeout -d 'Seconds to wait for a connection [default: 10]' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from config" -l read-timeout -d 'Seconds to wait for the next bytes of an answer [default: 60]' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from config" -l proxy -d 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from config" -l sts-signature-version -d 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile\'s renewals included (profile key `sts_signature_version`) [default: v1]' -r -f -a "v1\t''
v3\t''"
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from config" -l output -d 'Format of the data a command prints [default: each command\'s own: JSON for STS answers, lines or tables for people elsewhere]' -r -f -a "json\t'JSON (JSON Lines for commands that print a record per object)'
text\t'Tab-separated values, one record a line, for cut and awk'
table\t'Aligned columns for people'
yaml\t'YAML'
env\t'Shell `export` lines (sts assume-role, assume-role-with-oidc)'"
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from config" -l query -d 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from config" -s v -l verbose -d 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from config" -s q -l quiet -d 'Print only data and errors'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from config" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from config" -s V -l version -d 'Print version'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from get" -l include -d 'Take paths matching PATTERN again after an --exclude (repeatable; the last matching rule wins)' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from get" -l exclude -d 'Leave out paths matching PATTERN, a glob on the path relative to SRC: \'*.log\', \'tmp/*\' (repeatable)' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from get" -l max-errors -d 'Stop starting new objects once N have failed [default: go on to the end]' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from get" -l endpoint -d 'OSS endpoint, e.g. oss-cn-hangzhou.aliyuncs.com or http://127.0.0.1:9000' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from get" -l sign-version -d 'Signature version [default: v4 when the region is known, else v1 with a warning]' -r -f -a "v1\t'OSS signature v1 (HMAC-SHA1); closed to accounts created since 2025-03-01'
v4\t'OSS signature v4 (OSS4-HMAC-SHA256); needs the region'"
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from get" -l multipart-threshold -d 'Objects at least this large move in parts (e.g. 64M, 1G)' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from get" -l part-size -d 'Part size [default: 8M, or larger to stay within 10000 parts]' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from get" -l jobs -d 'Requests in flight at once: parts of one object [default: 4], or objects of a tree (-r, sync, rm -r), large ones\' parts included [default: 32]' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from get" -l profile -d 'Profile to use [default: default]; naming one makes it win over credentials in the environment' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from get" -l config-file -d 'Profile file [default: ~/.config/alicli/config.toml]' -r -F
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from get" -l region -d 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from get" -l retries -d 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from get" -l connect-timeout -d 'Seconds to wait for a connection [default: 10]' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from get" -l read-timeout -d 'Seconds to wait for the next bytes of an answer [default: 60]' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from get" -l proxy -d 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from get" -l sts-signature-version -d 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile\'s renewals included (profile key `sts_signature_version`) [default: v1]' -r -f -a "v1\t''
v3\t''"
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from get" -l output -d 'Format of the data a command prints [default: each command\'s own: JSON for STS answers, lines or tables for people elsewhere]' -r -f -a "json\t'JSON (JSON Lines for commands that print a record per object)'
text\t'Tab-separated values, one record a line, for cut and awk'
table\t'Aligned columns for people'
yaml\t'YAML'
env\t'Shell `export` lines (sts assume-role, assume-role-with-oidc)'"
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from get" -l query -d 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from get" -s r -l recursive -d 'Download every object under the prefix into the folder DEST, as `cp -r` does'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from get" -l no-overwrite -d 'Leave an existing DEST file alone instead of replacing it'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from get" -l dry-run -d 'Show what would be done, and do nothing (no write request is sent)'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from get" -l follow-symlinks -d 'Follow symbolic links in a local source folder (without it they are skipped, with a warning)'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from get" -l no-resume -d 'Do not resume an interrupted transfer, nor keep a checkpoint to resume this one'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from get" -l no-progress -d 'No progress bar (it only shows when stderr is a terminal anyway)'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from get" -s v -l verbose -d 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from get" -s q -l quiet -d 'Print only data and errors'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from get" -s V -l version -d 'Print version'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from put" -l content-type -d 'Content-Type to store [default: guessed from the key\'s extension]' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from put" -l cache-control -d 'Cache-Control to store, e.g. "max-age=3600"' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from put" -l content-disposition -d 'Content-Disposition to store, e.g. "attachment"' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from put" -l meta -d 'User metadata to store as x-oss-meta-KEY (repeatable)' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from put" -l storage-class -d 'Storage class of the new objects' -r -f -a "Standard\t''
IA\t''
Archive\t''
ColdArchive\t''
DeepColdArchive\t''"
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from put" -l acl -d 'ACL of the new objects (default: the bucket\'s)' -r -f -a "default\t''
private\t''
public-read\t''
public-read-write\t''"
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from put" -l include -d 'Take paths matching PATTERN again after an --exclude (repeatable; the last matching rule wins)' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from put" -l exclude -d 'Leave out paths matching PATTERN, a glob on the path relative to SRC: \'*.log\', \'tmp/*\' (repeatable)' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from put" -l max-errors -d 'Stop starting new objects once N have failed [default: go on to the end]' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from put" -l endpoint -d 'OSS endpoint, e.g. oss-cn-hangzhou.aliyuncs.com or http://127.0.0.1:9000' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from put" -l sign-version -d 'Signature version [default: v4 when the region is known, else v1 with a warning]' -r -f -a "v1\t'OSS signature v1 (HMAC-SHA1); closed to accounts created since 2025-03-01'
v4\t'OSS signature v4 (OSS4-HMAC-SHA256); needs the region'"
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from put" -l multipart-threshold -d 'Objects at least this large move in parts (e.g. 64M, 1G)' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from put" -l part-size -d 'Part size [default: 8M, or larger to stay within 10000 parts]' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from put" -l jobs -d 'Requests in flight at once: parts of one object [default: 4], or objects of a tree (-r, sync, rm -r), large ones\' parts included [default: 32]' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from put" -l profile -d 'Profile to use [default: default]; naming one makes it win over credentials in the environment' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from put" -l config-file -d 'Profile file [default: ~/.config/alicli/config.toml]' -r -F
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from put" -l region -d 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from put" -l retries -d 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from put" -l connect-timeout -d 'Seconds to wait for a connection [default: 10]' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from put" -l read-timeout -d 'Seconds to wait for the next bytes of an answer [default: 60]' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from put" -l proxy -d 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from put" -l sts-signature-version -d 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile\'s renewals included (profile key `sts_signature_version`) [default: v1]' -r -f -a "v1\t''
v3\t''"
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from put" -l output -d 'Format of the data a command prints [default: each command\'s own: JSON for STS answers, lines or tables for people elsewhere]' -r -f -a "json\t'JSON (JSON Lines for commands that print a record per object)'
text\t'Tab-separated values, one record a line, for cut and awk'
table\t'Aligned columns for people'
yaml\t'YAML'
env\t'Shell `export` lines (sts assume-role, assume-role-with-oidc)'"
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from put" -l query -d 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from put" -s r -l recursive -d 'Upload a folder: every file under SRC, keys made of DEST\'s prefix and the relative paths'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from put" -l no-overwrite -d 'Never replace: OSS refuses to overwrite an existing object (x-oss-forbid-overwrite), and a download skips a file that exists'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from put" -l dry-run -d 'Show what would be done, and do nothing (no write request is sent)'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from put" -l follow-symlinks -d 'Follow symbolic links in a local source folder (without it they are skipped, with a warning)'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from put" -l no-resume -d 'Do not resume an interrupted transfer, nor keep a checkpoint to resume this one'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from put" -l no-progress -d 'No progress bar (it only shows when stderr is a terminal anyway)'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from put" -s v -l verbose -d 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from put" -s q -l quiet -d 'Print only data and errors'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from put" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from put" -s V -l version -d 'Print version'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from sign" -l expires -d 'Seconds the URL stays valid, 1 to 604800 (7 days)' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from sign" -l method -d 'HTTP method the URL allows' -r -f -a "get\t''
put\t''"
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from sign" -l content-type -d 'Content-Type the uploader must send (signed into a PUT URL)' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from sign" -l endpoint -d 'OSS endpoint, e.g. oss-cn-hangzhou.aliyuncs.com or http://127.0.0.1:9000' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from sign" -l sign-version -d 'Signature version [default: v4 when the region is known, else v1 with a warning]' -r -f -a "v1\t'OSS signature v1 (HMAC-SHA1); closed to accounts created since 2025-03-01'
v4\t'OSS signature v4 (OSS4-HMAC-SHA256); needs the region'"
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from sign" -l profile -d 'Profile to use [default: default]; naming one makes it win over credentials in the environment' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from sign" -l config-file -d 'Profile file [default: ~/.config/alicli/config.toml]' -r -F
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from sign" -l region -d 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from sign" -l retries -d 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from sign" -l connect-timeout -d 'Seconds to wait for a connection [default: 10]' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from sign" -l read-timeout -d 'Seconds to wait for the next bytes of an answer [default: 60]' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from sign" -l proxy -d 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from sign" -l sts-signature-version -d 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile\'s renewals included (profile key `sts_signature_version`) [default: v1]' -r -f -a "v1\t''
v3\t''"
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from sign" -l output -d 'Format of the data a command prints [default: each command\'s own: JSON for STS answers, lines or tables for people elsewhere]' -r -f -a "json\t'JSON (JSON Lines for commands that print a record per object)'
text\t'Tab-separated values, one record a line, for cut and awk'
table\t'Aligned columns for people'
yaml\t'YAML'
env\t'Shell `export` lines (sts assume-role, assume-role-with-oidc)'"
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from sign" -l query -d 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from sign" -s v -l verbose -d 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from sign" -s q -l quiet -d 'Print only data and errors'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from sign" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from sign" -s V -l version -d 'Print version'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from cp" -l content-type -d 'Content-Type to store [default: guessed from the key\'s extension]' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from cp" -l cache-control -d 'Cache-Control to store, e.g. "max-age=3600"' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from cp" -l content-disposition -d 'Content-Disposition to store, e.g. "attachment"' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from cp" -l meta -d 'User metadata to store as x-oss-meta-KEY (repeatable)' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from cp" -l storage-class -d 'Storage class of the new objects' -r -f -a "Standard\t''
IA\t''
Archive\t''
ColdArchive\t''
DeepColdArchive\t''"
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from cp" -l acl -d 'ACL of the new objects (default: the bucket\'s)' -r -f -a "default\t''
private\t''
public-read\t''
public-read-write\t''"
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from cp" -l include -d 'Take paths matching PATTERN again after an --exclude (repeatable; the last matching rule wins)' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from cp" -l exclude -d 'Leave out paths matching PATTERN, a glob on the path relative to SRC: \'*.log\', \'tmp/*\' (repeatable)' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from cp" -l max-errors -d 'Stop starting new objects once N have failed [default: go on to the end]' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from cp" -l endpoint -d 'OSS endpoint, e.g. oss-cn-hangzhou.aliyuncs.com or http://127.0.0.1:9000' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from cp" -l sign-version -d 'Signature version [default: v4 when the region is known, else v1 with a warning]' -r -f -a "v1\t'OSS signature v1 (HMAC-SHA1); closed to accounts created since 2025-03-01'
v4\t'OSS signature v4 (OSS4-HMAC-SHA256); needs the region'"
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from cp" -l multipart-threshold -d 'Objects at least this large move in parts (e.g. 64M, 1G)' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from cp" -l part-size -d 'Part size [default: 8M, or larger to stay within 10000 parts]' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from cp" -l jobs -d 'Requests in flight at once: parts of one object [default: 4], or objects of a tree (-r, sync, rm -r), large ones\' parts included [default: 32]' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from cp" -l profile -d 'Profile to use [default: default]; naming one makes it win over credentials in the environment' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from cp" -l config-file -d 'Profile file [default: ~/.config/alicli/config.toml]' -r -F
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from cp" -l region -d 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from cp" -l retries -d 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from cp" -l connect-timeout -d 'Seconds to wait for a connection [default: 10]' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from cp" -l read-timeout -d 'Seconds to wait for the next bytes of an answer [default: 60]' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from cp" -l proxy -d 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from cp" -l sts-signature-version -d 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile\'s renewals included (profile key `sts_signature_version`) [default: v1]' -r -f -a "v1\t''
v3\t''"
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from cp" -l output -d 'Format of the data a command prints [default: each command\'s own: JSON for STS answers, lines or tables for people elsewhere]' -r -f -a "json\t'JSON (JSON Lines for commands that print a record per object)'
text\t'Tab-separated values, one record a line, for cut and awk'
table\t'Aligned columns for people'
yaml\t'YAML'
env\t'Shell `export` lines (sts assume-role, assume-role-with-oidc)'"
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from cp" -l query -d 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from cp" -s r -l recursive -d 'Copy everything under SRC (a folder or a prefix), keeping relative paths'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from cp" -l no-overwrite -d 'Never replace: OSS refuses to overwrite an existing object (x-oss-forbid-overwrite), and a download skips a file that exists'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from cp" -l dry-run -d 'Show what would be done, and do nothing (no write request is sent)'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from cp" -l follow-symlinks -d 'Follow symbolic links in a local source folder (without it they are skipped, with a warning)'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from cp" -l no-resume -d 'Do not resume an interrupted transfer, nor keep a checkpoint to resume this one'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from cp" -l no-progress -d 'No progress bar (it only shows when stderr is a terminal anyway)'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from cp" -s v -l verbose -d 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from cp" -s q -l quiet -d 'Print only data and errors'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from cp" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from cp" -s V -l version -d 'Print version'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from sync" -l content-type -d 'Content-Type to store [default: guessed from the key\'s extension]' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from sync" -l cache-control -d 'Cache-Control to store, e.g. "max-age=3600"' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from sync" -l content-disposition -d 'Content-Disposition to store, e.g. "attachment"' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from sync" -l meta -d 'User metadata to store as x-oss-meta-KEY (repeatable)' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from sync" -l storage-class -d 'Storage class of the new objects' -r -f -a "Standard\t''
IA\t''
Archive\t''
ColdArchive\t''
DeepColdArchive\t''"
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from sync" -l acl -d 'ACL of the new objects (default: the bucket\'s)' -r -f -a "default\t''
private\t''
public-read\t''
public-read-write\t''"
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from sync" -l include -d 'Take paths matching PATTERN again after an --exclude (repeatable; the last matching rule wins)' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from sync" -l exclude -d 'Leave out paths matching PATTERN, a glob on the path relative to SRC: \'*.log\', \'tmp/*\' (repeatable)' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from sync" -l max-errors -d 'Stop starting new objects once N have failed [default: go on to the end]' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from sync" -l endpoint -d 'OSS endpoint, e.g. oss-cn-hangzhou.aliyuncs.com or http://127.0.0.1:9000' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from sync" -l sign-version -d 'Signature version [default: v4 when the region is known, else v1 with a warning]' -r -f -a "v1\t'OSS signature v1 (HMAC-SHA1); closed to accounts created since 2025-03-01'
v4\t'OSS signature v4 (OSS4-HMAC-SHA256); needs the region'"
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from sync" -l multipart-threshold -d 'Objects at least this large move in parts (e.g. 64M, 1G)' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from sync" -l part-size -d 'Part size [default: 8M, or larger to stay within 10000 parts]' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from sync" -l jobs -d 'Requests in flight at once: parts of one object [default: 4], or objects of a tree (-r, sync, rm -r), large ones\' parts included [default: 32]' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from sync" -l profile -d 'Profile to use [default: default]; naming one makes it win over credentials in the environment' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from sync" -l config-file -d 'Profile file [default: ~/.config/alicli/config.toml]' -r -F
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from sync" -l region -d 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from sync" -l retries -d 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from sync" -l connect-timeout -d 'Seconds to wait for a connection [default: 10]' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from sync" -l read-timeout -d 'Seconds to wait for the next bytes of an answer [default: 60]' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from sync" -l proxy -d 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from sync" -l sts-signature-version -d 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile\'s renewals included (profile key `sts_signature_version`) [default: v1]' -r -f -a "v1\t''
v3\t''"
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from sync" -l output -d 'Format of the data a command prints [default: each command\'s own: JSON for STS answers, lines or tables for people elsewhere]' -r -f -a "json\t'JSON (JSON Lines for commands that print a record per object)'
text\t'Tab-separated values, one record a line, for cut and awk'
table\t'Aligned columns for people'
yaml\t'YAML'
env\t'Shell `export` lines (sts assume-role, assume-role-with-oidc)'"
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from sync" -l query -d 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from sync" -l delete -d 'Also remove from DST what SRC does not have'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from sync" -l checksum -d 'Compare CRC-64s (computed locally, read from OSS without a download) when sizes agree, instead of times'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from sync" -l no-overwrite -d 'Never replace: OSS refuses to overwrite an existing object (x-oss-forbid-overwrite), and a download skips a file that exists'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from sync" -l dry-run -d 'Show what would be done, and do nothing (no write request is sent)'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from sync" -l follow-symlinks -d 'Follow symbolic links in a local source folder (without it they are skipped, with a warning)'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from sync" -l no-resume -d 'Do not resume an interrupted transfer, nor keep a checkpoint to resume this one'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from sync" -l no-progress -d 'No progress bar (it only shows when stderr is a terminal anyway)'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from sync" -s v -l verbose -d 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from sync" -s q -l quiet -d 'Print only data and errors'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from sync" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from sync" -s V -l version -d 'Print version'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from rm" -l include -d 'Take paths matching PATTERN again after an --exclude (repeatable; the last matching rule wins)' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from rm" -l exclude -d 'Leave out paths matching PATTERN, a glob on the path relative to SRC: \'*.log\', \'tmp/*\' (repeatable)' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from rm" -l max-errors -d 'Stop starting new objects once N have failed [default: go on to the end]' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from rm" -l endpoint -d 'OSS endpoint, e.g. oss-cn-hangzhou.aliyuncs.com or http://127.0.0.1:9000' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from rm" -l sign-version -d 'Signature version [default: v4 when the region is known, else v1 with a warning]' -r -f -a "v1\t'OSS signature v1 (HMAC-SHA1); closed to accounts created since 2025-03-01'
v4\t'OSS signature v4 (OSS4-HMAC-SHA256); needs the region'"
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from rm" -l multipart-threshold -d 'Objects at least this large move in parts (e.g. 64M, 1G)' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from rm" -l part-size -d 'Part size [default: 8M, or larger to stay within 10000 parts]' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from rm" -l jobs -d 'Requests in flight at once: parts of one object [default: 4], or objects of a tree (-r, sync, rm -r), large ones\' parts included [default: 32]' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from rm" -l profile -d 'Profile to use [default: default]; naming one makes it win over credentials in the environment' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from rm" -l config-file -d 'Profile file [default: ~/.config/alicli/config.toml]' -r -F
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from rm" -l region -d 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from rm" -l retries -d 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from rm" -l connect-timeout -d 'Seconds to wait for a connection [default: 10]' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from rm" -l read-timeout -d 'Seconds to wait for the next bytes of an answer [default: 60]' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from rm" -l proxy -d 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from rm" -l sts-signature-version -d 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile\'s renewals included (profile key `sts_signature_version`) [default: v1]' -r -f -a "v1\t''
v3\t''"
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from rm" -l output -d 'Format of the data a command prints [default: each command\'s own: JSON for STS answers, lines or tables for people elsewhere]' -r -f -a "json\t'JSON (JSON Lines for commands that print a record per object)'
text\t'Tab-separated values, one record a line, for cut and awk'
table\t'Aligned columns for people'
yaml\t'YAML'
env\t'Shell `export` lines (sts assume-role, assume-role-with-oidc)'"
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from rm" -l query -d 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from rm" -s r -l recursive -d 'Delete every key under the prefix'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from rm" -l dry-run -d 'Show what would be done, and do nothing (no write request is sent)'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from rm" -l follow-symlinks -d 'Follow symbolic links in a local source folder (without it they are skipped, with a warning)'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from rm" -l no-resume -d 'Do not resume an interrupted transfer, nor keep a checkpoint to resume this one'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from rm" -l no-progress -d 'No progress bar (it only shows when stderr is a terminal anyway)'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from rm" -s v -l verbose -d 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from rm" -s q -l quiet -d 'Print only data and errors'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from ls" -l endpoint -d 'OSS endpoint, e.g. oss-cn-hangzhou.aliyuncs.com or http://127.0.0.1:9000' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from ls" -l sign-version -d 'Signature version [default: v4 when the region is known, else v1 with a warning]' -r -f -a "v1\t'OSS signature v1 (HMAC-SHA1); closed to accounts created since 2025-03-01'
v4\t'OSS signature v4 (OSS4-HMAC-SHA256); needs the region'"
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from ls" -l profile -d 'Profile to use [default: default]; naming one makes it win over credentials in the environment' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from ls" -l config-file -d 'Profile file [default: ~/.config/alicli/config.toml]' -r -F
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from ls" -l region -d 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from ls" -l retries -d 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from ls" -l connect-timeout -d 'Seconds to wait for a connection [default: 10]' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from ls" -l read-timeout -d 'Seconds to wait for the next bytes of an answer [default: 60]' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from ls" -l proxy -d 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from ls" -l sts-signature-version -d 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile\'s renewals included (profile key `sts_signature_version`) [default: v1]' -r -f -a "v1\t''
v3\t''"
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from ls" -l output -d 'Format of the data a command prints [default: each command\'s own: JSON for STS answers, lines or tables for people elsewhere]' -r -f -a "json\t'JSON (JSON Lines for commands that print a record per object)'
text\t'Tab-separated values, one record a line, for cut and awk'
table\t'Aligned columns for people'
yaml\t'YAML'
env\t'Shell `export` lines (sts assume-role, assume-role-with-oidc)'"
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from ls" -l query -d 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from ls" -s r -l recursive -d 'Every key under the prefix, not only one level'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from ls" -s H -l human-readable -d 'Sizes in KiB, MiB, GiB… instead of bytes'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from ls" -l summarize -d 'End with the number of objects and their total size'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from ls" -s v -l verbose -d 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print only data and errors'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from stat" -l endpoint -d 'OSS endpoint, e.g. oss-cn-hangzhou.aliyuncs.com or http://127.0.0.1:9000' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from stat" -l sign-version -d 'Signature version [default: v4 when the region is known, else v1 with a warning]' -r -f -a "v1\t'OSS signature v1 (HMAC-SHA1); closed to accounts created since 2025-03-01'
v4\t'OSS signature v4 (OSS4-HMAC-SHA256); needs the region'"
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from stat" -l profile -d 'Profile to use [default: default]; naming one makes it win over credentials in the environment' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from stat" -l config-file -d 'Profile file [default: ~/.config/alicli/config.toml]' -r -F
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from stat" -l region -d 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from stat" -l retries -d 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from stat" -l connect-timeout -d 'Seconds to wait for a connection [default: 10]' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from stat" -l read-timeout -d 'Seconds to wait for the next bytes of an answer [default: 60]' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from stat" -l proxy -d 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from stat" -l sts-signature-version -d 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile\'s renewals included (profile key `sts_signature_version`) [default: v1]' -r -f -a "v1\t''
v3\t''"
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from stat" -l output -d 'Format of the data a command prints [default: each command\'s own: JSON for STS answers, lines or tables for people elsewhere]' -r -f -a "json\t'JSON (JSON Lines for commands that print a record per object)'
text\t'Tab-separated values, one record a line, for cut and awk'
table\t'Aligned columns for people'
yaml\t'YAML'
env\t'Shell `export` lines (sts assume-role, assume-role-with-oidc)'"
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from stat" -l query -d 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)' -r
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from stat" -s v -l verbose -d 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from stat" -s q -l quiet -d 'Print only data and errors'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from stat" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from stat" -s V -l version -d 'Print version'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from help" -f -a "config" -d 'Store the OSS endpoint and credentials (e.g. temporary ones) in the profile\'s oss section'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from help" -f -a "get" -d 'Download an object to a file, a folder or stdout'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from help" -f -a "put" -d 'Upload a file or stdin to an object'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from help" -f -a "sign" -d 'Print a presigned URL for an object (GET or PUT), usable without credentials until it expires'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from help" -f -a "cp" -d 'Copy a file, an object or (with -r) a whole folder or prefix: local ↔ OSS, OSS → OSS'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from help" -f -a "sync" -d 'Copy only what is missing or different between a folder and a prefix, or two prefixes'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Delete an object, or (with -r) every object under a prefix'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List buckets, or the objects and folders under a prefix'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from help" -f -a "stat" -d 'Show an object\'s size, dates, checksums, type and metadata (HeadObject)'
complete -c alicli -n "__fish_alicli_using_subcommand oss; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c alicli -n "__fish_alicli_using_subcommand policy; and not __fish_seen_subcommand_from check eval probe help" -l profile -d 'Profile to use [default: default]; naming one makes it win over credentials in the environment' -r
complete -c alicli -n "__fish_alicli_using_subcommand policy; and not __fish_seen_subcommand_from check eval probe help" -l config-file -d 'Profile file [default: ~/.config/alicli/config.toml]' -r -F
complete -c alicli -n "__fish_alicli_using_subcommand policy; and not __fish_seen_subcommand_from check eval probe help" -l region -d 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)' -r
complete -c alicli -n "__fish_alicli_using_subcommand policy; and not __fish_seen_subcommand_from check eval probe help" -l retries -d 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]' -r
complete -c alicli -n "__fish_alicli_using_subcommand policy; and not __fish_seen_subcommand_from check eval probe help" -l connect-timeout -d 'Seconds to wait for a connection [default: 10]' -r
complete -c alicli -n "__fish_alicli_using_subcommand policy; and not __fish_seen_subcommand_from check eval probe help" -l read-timeout -d 'Seconds to wait for the next bytes of an answer [default: 60]' -r
complete -c alicli -n "__fish_alicli_using_subcommand policy; and not __fish_seen_subcommand_from check eval probe help" -l proxy -d 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)' -r
complete -c alicli -n "__fish_alicli_using_subcommand policy; and not __fish_seen_subcommand_from check eval probe help" -l sts-signature-version -d 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile\'s renewals included (profile key `sts_signature_version`) [default: v1]' -r -f -a "v1\t''
v3\t''"
complete -c alicli -n "__fish_alicli_using_subcommand policy; and not __fish_seen_subcommand_from check eval probe help" -l output -d 'Format of the data a command prints [default: each command\'s own: JSON for STS answers, lines or tables for people elsewhere]' -r -f -a "json\t'JSON (JSON Lines for commands that print a record per object)'
text\t'Tab-separated values, one record a line, for cut and awk'
table\t'Aligned columns for people'
yaml\t'YAML'
env\t'Shell `export` lines (sts assume-role, assume-role-with-oidc)'"
complete -c alicli -n "__fish_alicli_using_subcommand policy; and not __fish_seen_subcommand_from check eval probe help" -l query -d 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)' -r
complete -c alicli -n "__fish_alicli_using_subcommand policy; and not __fish_seen_subcommand_from check eval probe help" -s v -l verbose -d 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
complete -c alicli -n "__fish_alicli_using_subcommand policy; and not __fish_seen_subcommand_from check eval probe help" -s q -l quiet -d 'Print only data and errors'
complete -c alicli -n "__fish_alicli_using_subcommand policy; and not __fish_seen_subcommand_from check eval probe help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c alicli -n "__fish_alicli_using_subcommand policy; and not __fish_seen_subcommand_from check eval probe help" -s V -l version -d 'Print version'
complete -c alicli -n "__fish_alicli_using_subcommand policy; and not __fish_seen_subcommand_from check eval probe help" -f -a "check" -d 'Validate policy documents and point out likely mistakes, with JSON paths (exit 2 on errors)'
complete -c alicli -n "__fish_alicli_using_subcommand policy; and not __fish_seen_subcommand_from check eval probe help" -f -a "eval" -d 'Decide requests against policies offline and show which statement decided'
complete -c alicli -n "__fish_alicli_using_subcommand policy; and not __fish_seen_subcommand_from check eval probe help" -f -a "probe" -d 'Try object operations under a prefix with a profile\'s credentials and show what is allowed'
complete -c alicli -n "__fish_alicli_using_subcommand policy; and not __fish_seen_subcommand_from check eval probe help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c alicli -n "__fish_alicli_using_subcommand policy; and __fish_seen_subcommand_from check" -l profile -d 'Profile to use [default: default]; naming one makes it win over credentials in the environment' -r
complete -c alicli -n "__fish_alicli_using_subcommand policy; and __fish_seen_subcommand_from check" -l config-file -d 'Profile file [default: ~/.config/alicli/config.toml]' -r -F
complete -c alicli -n "__fish_alicli_using_subcommand policy; and __fish_seen_subcommand_from check" -l region -d 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)' -r
complete -c alicli -n "__fish_alicli_using_subcommand policy; and __fish_seen_subcommand_from check" -l retries -d 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]' -r
complete -c alicli -n "__fish_alicli_using_subcommand policy; and __fish_seen_subcommand_from check" -l connect-timeout -d 'Seconds to wait for a connection [default: 10]' -r
complete -c alicli -n "__fish_alicli_using_subcommand policy; and __fish_seen_subcommand_from check" -l read-timeout -d 'Seconds to wait for the next bytes of an answer [default: 60]' -r
complete -c alicli -n "__fish_alicli_using_subcommand policy; and __fish_seen_subcommand_from check" -l proxy -d 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)' -r
complete -c alicli -n "__fish_alicli_using_subcommand policy; and __fish_seen_subcommand_from check" -l sts-signature-version -d 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile\'s renewals included (profile key `sts_signature_version`) [default: v1]' -r -f -a "v1\t''
v3\t''"
complete -c alicli -n "__fish_alicli_using_subcommand policy; and __fish_seen_subcommand_from check" -l output -d 'Format of the data a command prints [default: each command\'s own: JSON for STS answers, lines or tables for people elsewhere]' -r -f -a "json\t'JSON (JSON Lines for commands that print a record per object)'
text\t'Tab-separated values, one record a line, for cut and awk'
table\t'Aligned columns for people'
yaml\t'YAML'
env\t'Shell `export` lines (sts assume-role, assume-role-with-oidc)'"
complete -c alicli -n "__fish_alicli_using_subcommand policy; and __fish_seen_subcommand_from check" -l query -d 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)' -r
complete -c alicli -n "__fish_alicli_using_subcommand policy; and __fish_seen_subcommand_from check" -l session -d 'Check as a session policy (the --policy of sts assume-role): over 2048 characters is an error'
complete -c alicli -n "__fish_alicli_using_subcommand policy; and __fish_seen_subcommand_from check" -s v -l verbose -d 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
complete -c alicli -n "__fish_alicli_using_subcommand policy; and __fish_seen_subcommand_from check" -s q -l quiet -d 'Print only data and errors'
complete -c alicli -n "__fish_alicli_using_subcommand policy; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c alicli -n "__fish_alicli_using_subcommand policy; and __fish_seen_subcommand_from check" -s V -l version -d 'Print version'
complete -c alicli -n "__fish_alicli_using_subcommand policy; and __fish_seen_subcommand_from eval" -l policy -d 'Policy to test (the session policy when --role-policy is given): a file, - for stdin, the JSON itself, or a system policy name; repeat for several' -r
complete -c alicli -n "__fish_alicli_using_subcommand policy; and __fish_seen_subcommand_from eval" -l role-policy -d 'A policy attached to the role; requests must then be allowed by the role\'s policies and by --policy (repeatable)' -r
complete -c alicli -n "__fish_alicli_using_subcommand policy; and __fish_seen_subcommand_from eval" -l action -d 'Action such as oss:GetObject; repeat (or separate with commas) for several' -r
complete -c alicli -n "__fish_alicli_using_subcommand policy; and __fish_seen_subcommand_from eval" -l resource -d 'Resource: acs:oss:*:<account>:bucket/key, oss://bucket/key (oss://bucket for the bucket), or *; repeatable' -r
complete -c alicli -n "__fish_alicli_using_subcommand policy; and __fish_seen_subcommand_from eval" -l context -d 'A request condition value such as acs:SourceIp=203.0.113.7; repeatable (acs:CurrentTime defaults to now)' -r
complete -c alicli -n "__fish_alicli_using_subcommand policy; and __fish_seen_subcommand_from eval" -l account -d 'Account id written into resources given as oss:// URLs [default: *]' -r
complete -c alicli -n "__fish_alicli_using_subcommand policy; and __fish_seen_subcommand_from eval" -l profile -d 'Profile to use [default: default]; naming one makes it win over credentials in the environment' -r
complete -c alicli -n "__fish_alicli_using_subcommand policy; and __fish_seen_subcommand_from eval" -l config-file -d 'Profile file [default: ~/.config/alicli/config.toml]' -r -F
complete -c alicli -n "__fish_alicli_using_subcommand policy; and __fish_seen_subcommand_from eval" -l region -d 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)' -r
complete -c alicli -n "__fish_alicli_using_subcommand policy; and __fish_seen_subcommand_from eval" -l retries -d 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]' -r
complete -c alicli -n "__fish_alicli_using_subcommand policy; and __fish_seen_subcommand_from eval" -l connect-timeout -d 'Seconds to wait for a connection [default: 10]' -r
complete -c alicli -n "__fish_alicli_using_subcommand policy; and __fish_seen_subcommand_from eval" -l read-timeout -d 'Seconds to wait for the next bytes of an answer [default: 60]' -r
complete -c alicli -n "__fish_alicli_using_subcommand policy; and __fish_seen_subcommand_from eval" -l proxy -d 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)' -r
complete -c alicli -n "__fish_alicli_using_subcommand policy; and __fish_seen_subcommand_from eval" -l sts-signature-version -d 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile\'s renewals included (profile key `sts_signature_version`) [default: v1]' -r -f -a "v1\t''
v3\t''"
complete -c alicli -n "__fish_alicli_using_subcommand policy; and __fish_seen_subcommand_from eval" -l output -d 'Format of the data a command prints [default: each command\'s own: JSON for STS answers, lines or tables for people elsewhere]' -r -f -a "json\t'JSON (JSON Lines for commands that print a record per object)'
text\t'Tab-separated values, one record a line, for cut and awk'
table\t'Aligned columns for people'
yaml\t'YAML'
env\t'Shell `export` lines (sts assume-role, assume-role-with-oidc)'"
complete -c alicli -n "__fish_alicli_using_subcommand policy; and __fish_seen_subcommand_from eval" -l query -d 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)' -r
complete -c alicli -n "__fish_alicli_using_subcommand policy; and __fish_seen_subcommand_from eval" -s v -l verbose -d 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
complete -c alicli -n "__fish_alicli_using_subcommand policy; and __fish_seen_subcommand_from eval" -s q -l quiet -d 'Print only data and errors'
complete -c alicli -n "__fish_alicli_using_subcommand policy; and __fish_seen_subcommand_from eval" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c alicli -n "__fish_alicli_using_subcommand policy; and __fish_seen_subcommand_from eval" -s V -l version -d 'Print version'
complete -c alicli -n "__fish_alicli_using_subcommand policy; and __fish_seen_subcommand_from probe" -l suffix -d 'Appended to the probe object\'s name, e.g. .jpg to probe a policy that allows only *.jpg' -r
complete -c alicli -n "__fish_alicli_using_subcommand policy; and __fish_seen_subcommand_from probe" -l endpoint -d 'OSS endpoint, e.g. oss-cn-hangzhou.aliyuncs.com or http://127.0.0.1:9000' -r
complete -c alicli -n "__fish_alicli_using_subcommand policy; and __fish_seen_subcommand_from probe" -l sign-version -d 'Signature version [default: v4 when the region is known, else v1 with a warning]' -r -f -a "v1\t'OSS signature v1 (HMAC-SHA1); closed to accounts created since 2025-03-01'
v4\t'OSS signature v4 (OSS4-HMAC-SHA256); needs the region'"
complete -c alicli -n "__fish_alicli_using_subcommand policy; and __fish_seen_subcommand_from probe" -l profile -d 'Profile to use [default: default]; naming one makes it win over credentials in the environment' -r
complete -c alicli -n "__fish_alicli_using_subcommand policy; and __fish_seen_subcommand_from probe" -l config-file -d 'Profile file [default: ~/.config/alicli/config.toml]' -r -F
complete -c alicli -n "__fish_alicli_using_subcommand policy; and __fish_seen_subcommand_from probe" -l region -d 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)' -r
complete -c alicli -n "__fish_alicli_using_subcommand policy; and __fish_seen_subcommand_from probe" -l retries -d 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]' -r
complete -c alicli -n "__fish_alicli_using_subcommand policy; and __fish_seen_subcommand_from probe" -l connect-timeout -d 'Seconds to wait for a connection [default: 10]' -r
complete -c alicli -n "__fish_alicli_using_subcommand policy; and __fish_seen_subcommand_from probe" -l read-timeout -d 'Seconds to wait for the next bytes of an answer [default: 60]' -r
complete -c alicli -n "__fish_alicli_using_subcommand policy; and __fish_seen_subcommand_from probe" -l proxy -d 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)' -r
complete -c alicli -n "__fish_alicli_using_subcommand policy; and __fish_seen_subcommand_from probe" -l sts-signature-version -d 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile\'s renewals included (profile key `sts_signature_version`) [default: v1]' -r -f -a "v1\t''
v3\t''"
complete -c alicli -n "__fish_alicli_using_subcommand policy; and __fish_seen_subcommand_from probe" -l output -d 'Format of the data a command prints [default: each command\'s own: JSON for STS answers, lines or tables for people elsewhere]' -r -f -a "json\t'JSON (JSON Lines for commands that print a record per object)'
text\t'Tab-separated values, one record a line, for cut and awk'
table\t'Aligned columns for people'
yaml\t'YAML'
env\t'Shell `export` lines (sts assume-role, assume-role-with-oidc)'"
complete -c alicli -n "__fish_alicli_using_subcommand policy; and __fish_seen_subcommand_from probe" -l query -d 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)' -r
complete -c alicli -n "__fish_alicli_using_subcommand policy; and __fish_seen_subcommand_from probe" -s v -l verbose -d 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
complete -c alicli -n "__fish_alicli_using_subcommand policy; and __fish_seen_subcommand_from probe" -s q -l quiet -d 'Print only data and errors'
complete -c alicli -n "__fish_alicli_using_subcommand policy; and __fish_seen_subcommand_from probe" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c alicli -n "__fish_alicli_using_subcommand policy; and __fish_seen_subcommand_from probe" -s V -l version -d 'Print version'
complete -c alicli -n "__fish_alicli_using_subcommand policy; and __fish_seen_subcommand_from help" -f -a "check" -d 'Validate policy documents and point out likely mistakes, with JSON paths (exit 2 on errors)'
complete -c alicli -n "__fish_alicli_using_subcommand policy; and __fish_seen_subcommand_from help" -f -a "eval" -d 'Decide requests against policies offline and show which statement decided'
complete -c alicli -n "__fish_alicli_using_subcommand policy; and __fish_seen_subcommand_from help" -f -a "probe" -d 'Try object operations under a prefix with a profile\'s credentials and show what is allowed'
complete -c alicli -n "__fish_alicli_using_subcommand policy; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c alicli -n "__fish_alicli_using_subcommand serve" -l listen -d 'Address to listen on; port 0 picks a free port' -r
complete -c alicli -n "__fish_alicli_using_subcommand serve" -l data-dir -d 'Where objects are kept [default: a temporary folder removed on exit]' -r -F
complete -c alicli -n "__fish_alicli_using_subcommand serve" -l config -d 'TOML file describing the account, users, roles and buckets' -r -F
complete -c alicli -n "__fish_alicli_using_subcommand serve" -l profile -d 'Profile to use [default: default]; naming one makes it win over credentials in the environment' -r
complete -c alicli -n "__fish_alicli_using_subcommand serve" -l config-file -d 'Profile file [default: ~/.config/alicli/config.toml]' -r -F
complete -c alicli -n "__fish_alicli_using_subcommand serve" -l region -d 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)' -r
complete -c alicli -n "__fish_alicli_using_subcommand serve" -l retries -d 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]' -r
complete -c alicli -n "__fish_alicli_using_subcommand serve" -l connect-timeout -d 'Seconds to wait for a connection [default: 10]' -r
complete -c alicli -n "__fish_alicli_using_subcommand serve" -l read-timeout -d 'Seconds to wait for the next bytes of an answer [default: 60]' -r
complete -c alicli -n "__fish_alicli_using_subcommand serve" -l proxy -d 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)' -r
complete -c alicli -n "__fish_alicli_using_subcommand serve" -l sts-signature-version -d 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile\'s renewals included (profile key `sts_signature_version`) [default: v1]' -r -f -a "v1\t''
v3\t''"
complete -c alicli -n "__fish_alicli_using_subcommand serve" -l output -d 'Format of the data a command prints [default: each command\'s own: JSON for STS answers, lines or tables for people elsewhere]' -r -f -a "json\t'JSON (JSON Lines for commands that print a record per object)'
text\t'Tab-separated values, one record a line, for cut and awk'
table\t'Aligned columns for people'
yaml\t'YAML'
env\t'Shell `export` lines (sts assume-role, assume-role-with-oidc)'"
complete -c alicli -n "__fish_alicli_using_subcommand serve" -l query -d 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)' -r
complete -c alicli -n "__fish_alicli_using_subcommand serve" -s v -l verbose -d 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
complete -c alicli -n "__fish_alicli_using_subcommand serve" -s q -l quiet -d 'Print only data and errors'
complete -c alicli -n "__fish_alicli_using_subcommand serve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c alicli -n "__fish_alicli_using_subcommand serve" -s V -l version -d 'Print version'
complete -c alicli -n "__fish_alicli_using_subcommand demo" -l profile -d 'Profile to use [default: default]; naming one makes it win over credentials in the environment' -r
complete -c alicli -n "__fish_alicli_using_subcommand demo" -l config-file -d 'Profile file [default: ~/.config/alicli/config.toml]' -r -F
complete -c alicli -n "__fish_alicli_using_subcommand demo" -l region -d 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)' -r
complete -c alicli -n "__fish_alicli_using_subcommand demo" -l retries -d 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]' -r
complete -c alicli -n "__fish_alicli_using_subcommand demo" -l connect-timeout -d 'Seconds to wait for a connection [default: 10]' -r
complete -c alicli -n "__fish_alicli_using_subcommand demo" -l read-timeout -d 'Seconds to wait for the next bytes of an answer [default: 60]' -r
complete -c alicli -n "__fish_alicli_using_subcommand demo" -l proxy -d 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)' -r
complete -c alicli -n "__fish_alicli_using_subcommand demo" -l sts-signature-version -d 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile\'s renewals included (profile key `sts_signature_version`) [default: v1]' -r -f -a "v1\t''
v3\t''"
complete -c alicli -n "__fish_alicli_using_subcommand demo" -l output -d 'Format of the data a command prints [default: each command\'s own: JSON for STS answers, lines or tables for people elsewhere]' -r -f -a "json\t'JSON (JSON Lines for commands that print a record per object)'
text\t'Tab-separated values, one record a line, for cut and awk'
table\t'Aligned columns for people'
yaml\t'YAML'
env\t'Shell `export` lines (sts assume-role, assume-role-with-oidc)'"
complete -c alicli -n "__fish_alicli_using_subcommand demo" -l query -d 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)' -r
complete -c alicli -n "__fish_alicli_using_subcommand demo" -s v -l verbose -d 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
complete -c alicli -n "__fish_alicli_using_subcommand demo" -s q -l quiet -d 'Print only data and errors'
complete -c alicli -n "__fish_alicli_using_subcommand demo" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c alicli -n "__fish_alicli_using_subcommand demo" -s V -l version -d 'Print version'
complete -c alicli -n "__fish_alicli_using_subcommand completions" -l profile -d 'Profile to use [default: default]; naming one makes it win over credentials in the environment' -r
complete -c alicli -n "__fish_alicli_using_subcommand completions" -l config-file -d 'Profile file [default: ~/.config/alicli/config.toml]' -r -F
complete -c alicli -n "__fish_alicli_using_subcommand completions" -l region -d 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)' -r
complete -c alicli -n "__fish_alicli_using_subcommand completions" -l retries -d 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]' -r
complete -c alicli -n "__fish_alicli_using_subcommand completions" -l connect-timeout -d 'Seconds to wait for a connection [default: 10]' -r
complete -c alicli -n "__fish_alicli_using_subcommand completions" -l read-timeout -d 'Seconds to wait for the next bytes of an answer [default: 60]' -r
complete -c alicli -n "__fish_alicli_using_subcommand completions" -l proxy -d 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)' -r
complete -c alicli -n "__fish_alicli_using_subcommand completions" -l sts-signature-version -d 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile\'s renewals included (profile key `sts_signature_version`) [default: v1]' -r -f -a "v1\t''
v3\t''"
complete -c alicli -n "__fish_alicli_using_subcommand completions" -l output -d 'Format of the data a command prints [default: each command\'s own: JSON for STS answers, lines or tables for people elsewhere]' -r -f -a "json\t'JSON (JSON Lines for commands that print a record per object)'
text\t'Tab-separated values, one record a line, for cut and awk'
table\t'Aligned columns for people'
yaml\t'YAML'
env\t'Shell `export` lines (sts assume-role, assume-role-with-oidc)'"
complete -c alicli -n "__fish_alicli_using_subcommand completions" -l query -d 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)' -r
complete -c alicli -n "__fish_alicli_using_subcommand completions" -l install -d 'Install completion that also knows your profile names and `configure` keys (it asks alicli at each Tab), in the shell\'s folder for your completions, and print the file written'
complete -c alicli -n "__fish_alicli_using_subcommand completions" -s v -l verbose -d 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
complete -c alicli -n "__fish_alicli_using_subcommand completions" -s q -l quiet -d 'Print only data and errors'
complete -c alicli -n "__fish_alicli_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c alicli -n "__fish_alicli_using_subcommand completions" -s V -l version -d 'Print version'
complete -c alicli -n "__fish_alicli_using_subcommand man" -l profile -d 'Profile to use [default: default]; naming one makes it win over credentials in the environment' -r
complete -c alicli -n "__fish_alicli_using_subcommand man" -l config-file -d 'Profile file [default: ~/.config/alicli/config.toml]' -r -F
complete -c alicli -n "__fish_alicli_using_subcommand man" -l region -d 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)' -r
complete -c alicli -n "__fish_alicli_using_subcommand man" -l retries -d 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]' -r
complete -c alicli -n "__fish_alicli_using_subcommand man" -l connect-timeout -d 'Seconds to wait for a connection [default: 10]' -r
complete -c alicli -n "__fish_alicli_using_subcommand man" -l read-timeout -d 'Seconds to wait for the next bytes of an answer [default: 60]' -r
complete -c alicli -n "__fish_alicli_using_subcommand man" -l proxy -d 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)' -r
complete -c alicli -n "__fish_alicli_using_subcommand man" -l sts-signature-version -d 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile\'s renewals included (profile key `sts_signature_version`) [default: v1]' -r -f -a "v1\t''
v3\t''"
complete -c alicli -n "__fish_alicli_using_subcommand man" -l output -d 'Format of the data a command prints [default: each command\'s own: JSON for STS answers, lines or tables for people elsewhere]' -r -f -a "json\t'JSON (JSON Lines for commands that print a record per object)'
text\t'Tab-separated values, one record a line, for cut and awk'
table\t'Aligned columns for people'
yaml\t'YAML'
env\t'Shell `export` lines (sts assume-role, assume-role-with-oidc)'"
complete -c alicli -n "__fish_alicli_using_subcommand man" -l query -d 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)' -r
complete -c alicli -n "__fish_alicli_using_subcommand man" -l install -d 'Write alicli.1 and a page per command into your man folder (or DIR), and print the folder'
complete -c alicli -n "__fish_alicli_using_subcommand man" -s v -l verbose -d 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
complete -c alicli -n "__fish_alicli_using_subcommand man" -s q -l quiet -d 'Print only data and errors'
complete -c alicli -n "__fish_alicli_using_subcommand man" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c alicli -n "__fish_alicli_using_subcommand man" -s V -l version -d 'Print version'
complete -c alicli -n "__fish_alicli_using_subcommand help; and not __fish_seen_subcommand_from configure sts oss policy serve demo completions man help" -f -a "configure" -d 'Store a RAM user\'s long-term AccessKey (and region, STS endpoint) in a profile'
complete -c alicli -n "__fish_alicli_using_subcommand help; and not __fish_seen_subcommand_from configure sts oss policy serve demo completions man help" -f -a "sts" -d 'Security Token Service: assume a role, show who you are'
complete -c alicli -n "__fish_alicli_using_subcommand help; and not __fish_seen_subcommand_from configure sts oss policy serve demo completions man help" -f -a "oss" -d 'Object Storage Service: configure, list, describe, download and upload objects'
complete -c alicli -n "__fish_alicli_using_subcommand help; and not __fish_seen_subcommand_from configure sts oss policy serve demo completions man help" -f -a "policy" -d 'RAM policies: check a document, evaluate requests against it, probe what credentials may do'
complete -c alicli -n "__fish_alicli_using_subcommand help; and not __fish_seen_subcommand_from configure sts oss policy serve demo completions man help" -f -a "serve" -d 'Run the local cloud: an STS + OSS endpoint on loopback that checks signatures and policies'
complete -c alicli -n "__fish_alicli_using_subcommand help; and not __fish_seen_subcommand_from configure sts oss policy serve demo completions man help" -f -a "demo" -d 'Walk through the whole flow against a throwaway local cloud'
complete -c alicli -n "__fish_alicli_using_subcommand help; and not __fish_seen_subcommand_from configure sts oss policy serve demo completions man help" -f -a "completions" -d 'Print a shell completion script, or install one that knows your profiles (--install)'
complete -c alicli -n "__fish_alicli_using_subcommand help; and not __fish_seen_subcommand_from configure sts oss policy serve demo completions man help" -f -a "man" -d 'Install the man pages (`man alicli`, `man alicli-oss-cp`, …) in your man folder or DIR'
complete -c alicli -n "__fish_alicli_using_subcommand help; and not __fish_seen_subcommand_from configure sts oss policy serve demo completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c alicli -n "__fish_alicli_using_subcommand help; and __fish_seen_subcommand_from configure" -f -a "list" -d 'List profiles: kind, region, endpoint, time left, masked key id (never secrets)'
complete -c alicli -n "__fish_alicli_using_subcommand help; and __fish_seen_subcommand_from configure" -f -a "get" -d 'Print one setting of the profile (secrets are never printed; see export-credentials)'
complete -c alicli -n "__fish_alicli_using_subcommand help; and __fish_seen_subcommand_from configure" -f -a "set" -d 'Change one setting of the profile (an empty VALUE removes it; `-` reads it from stdin)'
complete -c alicli -n "__fish_alicli_using_subcommand help; and __fish_seen_subcommand_from configure" -f -a "export-credentials" -d 'Print the profile\'s credentials for another tool (a role profile renews them first)'
complete -c alicli -n "__fish_alicli_using_subcommand help; and __fish_seen_subcommand_from configure" -f -a "import" -d 'Copy profiles from the official CLI\'s ~/.aliyun/config.json (never written)'
complete -c alicli -n "__fish_alicli_using_subcommand help; and __fish_seen_subcommand_from sts" -f -a "assume-role" -d 'Get temporary credentials for a RAM role (AssumeRole)'
complete -c alicli -n "__fish_alicli_using_subcommand help; and __fish_seen_subcommand_from sts" -f -a "assume-role-with-oidc" -d 'Get temporary credentials for a RAM role with an OIDC token, no AccessKey (AssumeRoleWithOIDC)'
complete -c alicli -n "__fish_alicli_using_subcommand help; and __fish_seen_subcommand_from sts" -f -a "get-caller-identity" -d 'Show the identity behind the current credentials (GetCallerIdentity)'
complete -c alicli -n "__fish_alicli_using_subcommand help; and __fish_seen_subcommand_from oss" -f -a "config" -d 'Store the OSS endpoint and credentials (e.g. temporary ones) in the profile\'s oss section'
complete -c alicli -n "__fish_alicli_using_subcommand help; and __fish_seen_subcommand_from oss" -f -a "get" -d 'Download an object to a file, a folder or stdout'
complete -c alicli -n "__fish_alicli_using_subcommand help; and __fish_seen_subcommand_from oss" -f -a "put" -d 'Upload a file or stdin to an object'
complete -c alicli -n "__fish_alicli_using_subcommand help; and __fish_seen_subcommand_from oss" -f -a "sign" -d 'Print a presigned URL for an object (GET or PUT), usable without credentials until it expires'
complete -c alicli -n "__fish_alicli_using_subcommand help; and __fish_seen_subcommand_from oss" -f -a "cp" -d 'Copy a file, an object or (with -r) a whole folder or prefix: local ↔ OSS, OSS → OSS'
complete -c alicli -n "__fish_alicli_using_subcommand help; and __fish_seen_subcommand_from oss" -f -a "sync" -d 'Copy only what is missing or different between a folder and a prefix, or two prefixes'
complete -c alicli -n "__fish_alicli_using_subcommand help; and __fish_seen_subcommand_from oss" -f -a "rm" -d 'Delete an object, or (with -r) every object under a prefix'
complete -c alicli -n "__fish_alicli_using_subcommand help; and __fish_seen_subcommand_from oss" -f -a "ls" -d 'List buckets, or the objects and folders under a prefix'
complete -c alicli -n "__fish_alicli_using_subcommand help; and __fish_seen_subcommand_from oss" -f -a "stat" -d 'Show an object\'s size, dates, checksums, type and metadata (HeadObject)'
complete -c alicli -n "__fish_alicli_using_subcommand help; and __fish_seen_subcommand_from policy" -f -a "check" -d 'Validate policy documents and point out likely mistakes, with JSON paths (exit 2 on errors)'
complete -c alicli -n "__fish_alicli_using_subcommand help; and __fish_seen_subcommand_from policy" -f -a "eval" -d 'Decide requests against policies offline and show which statement decided'
complete -c alicli -n "__fish_alicli_using_subcommand help; and __fish_seen_subcommand_from policy" -f -a "probe" -d 'Try object operations under a prefix with a profile\'s credentials and show what is allowed'
