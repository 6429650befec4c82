
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'alicli' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'alicli'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'alicli' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: default]; naming one makes it win over credentials in the environment')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Profile file [default: ~/.config/alicli/config.toml]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection [default: 10]')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the next bytes of an answer [default: 60]')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)')
            [CompletionResult]::new('--sts-signature-version', '--sts-signature-version', [CompletionResultType]::ParameterName, 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile''s renewals included (profile key `sts_signature_version`) [default: v1]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Format of the data a command prints [default: each command''s own: JSON for STS answers, lines or tables for people elsewhere]')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('configure', 'configure', [CompletionResultType]::ParameterValue, 'Store a RAM user''s long-term AccessKey (and region, STS endpoint) in a profile')
            [CompletionResult]::new('sts', 'sts', [CompletionResultType]::ParameterValue, 'Security Token Service: assume a role, show who you are')
            [CompletionResult]::new('oss', 'oss', [CompletionResultType]::ParameterValue, 'Object Storage Service: configure, list, describe, download and upload objects')
            [CompletionResult]::new('policy', 'policy', [CompletionResultType]::ParameterValue, 'RAM policies: check a document, evaluate requests against it, probe what credentials may do')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Run the local cloud: an STS + OSS endpoint on loopback that checks signatures and policies')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Walk through the whole flow against a throwaway local cloud')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script, or install one that knows your profiles (--install)')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Install the man pages (`man alicli`, `man alicli-oss-cp`, …) in your man folder or DIR')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'alicli;configure' {
            [CompletionResult]::new('--access-key-id', '--access-key-id', [CompletionResultType]::ParameterName, 'AccessKey ID of a RAM user (LTAI…)')
            [CompletionResult]::new('--access-key-secret', '--access-key-secret', [CompletionResultType]::ParameterName, 'AccessKey secret; `-` reads it from stdin (keeps it out of shell history and `ps`)')
            [CompletionResult]::new('--sts-endpoint', '--sts-endpoint', [CompletionResultType]::ParameterName, 'STS endpoint for this profile, e.g. sts.cn-hangzhou.aliyuncs.com')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: default]; naming one makes it win over credentials in the environment')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Profile file [default: ~/.config/alicli/config.toml]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection [default: 10]')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the next bytes of an answer [default: 60]')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)')
            [CompletionResult]::new('--sts-signature-version', '--sts-signature-version', [CompletionResultType]::ParameterName, 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile''s renewals included (profile key `sts_signature_version`) [default: v1]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Format of the data a command prints [default: each command''s own: JSON for STS answers, lines or tables for people elsewhere]')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List profiles: kind, region, endpoint, time left, masked key id (never secrets)')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print one setting of the profile (secrets are never printed; see export-credentials)')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Change one setting of the profile (an empty VALUE removes it; `-` reads it from stdin)')
            [CompletionResult]::new('export-credentials', 'export-credentials', [CompletionResultType]::ParameterValue, 'Print the profile''s credentials for another tool (a role profile renews them first)')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Copy profiles from the official CLI''s ~/.aliyun/config.json (never written)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'alicli;configure;list' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: default]; naming one makes it win over credentials in the environment')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Profile file [default: ~/.config/alicli/config.toml]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection [default: 10]')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the next bytes of an answer [default: 60]')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)')
            [CompletionResult]::new('--sts-signature-version', '--sts-signature-version', [CompletionResultType]::ParameterName, 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile''s renewals included (profile key `sts_signature_version`) [default: v1]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Format of the data a command prints [default: each command''s own: JSON for STS answers, lines or tables for people elsewhere]')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'alicli;configure;get' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: default]; naming one makes it win over credentials in the environment')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Profile file [default: ~/.config/alicli/config.toml]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection [default: 10]')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the next bytes of an answer [default: 60]')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)')
            [CompletionResult]::new('--sts-signature-version', '--sts-signature-version', [CompletionResultType]::ParameterName, 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile''s renewals included (profile key `sts_signature_version`) [default: v1]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Format of the data a command prints [default: each command''s own: JSON for STS answers, lines or tables for people elsewhere]')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'alicli;configure;set' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: default]; naming one makes it win over credentials in the environment')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Profile file [default: ~/.config/alicli/config.toml]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection [default: 10]')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the next bytes of an answer [default: 60]')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)')
            [CompletionResult]::new('--sts-signature-version', '--sts-signature-version', [CompletionResultType]::ParameterName, 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile''s renewals included (profile key `sts_signature_version`) [default: v1]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Format of the data a command prints [default: each command''s own: JSON for STS answers, lines or tables for people elsewhere]')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'alicli;configure;export-credentials' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print them [default: env]; the global --output json|yaml|text|table prints the json form in that format instead (with --query)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: default]; naming one makes it win over credentials in the environment')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Profile file [default: ~/.config/alicli/config.toml]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection [default: 10]')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the next bytes of an answer [default: 60]')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)')
            [CompletionResult]::new('--sts-signature-version', '--sts-signature-version', [CompletionResultType]::ParameterName, 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile''s renewals included (profile key `sts_signature_version`) [default: v1]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Format of the data a command prints [default: each command''s own: JSON for STS answers, lines or tables for people elsewhere]')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'alicli;configure;import' {
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'The official CLI''s file [default: $ALIBABA_CLOUD_CONFIG_FILE, else ~/.aliyun/config.json]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: default]; naming one makes it win over credentials in the environment')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Profile file [default: ~/.config/alicli/config.toml]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection [default: 10]')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the next bytes of an answer [default: 60]')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)')
            [CompletionResult]::new('--sts-signature-version', '--sts-signature-version', [CompletionResultType]::ParameterName, 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile''s renewals included (profile key `sts_signature_version`) [default: v1]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Format of the data a command prints [default: each command''s own: JSON for STS answers, lines or tables for people elsewhere]')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace alicli profiles that have the same names (they are kept otherwise)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'alicli;configure;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List profiles: kind, region, endpoint, time left, masked key id (never secrets)')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print one setting of the profile (secrets are never printed; see export-credentials)')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Change one setting of the profile (an empty VALUE removes it; `-` reads it from stdin)')
            [CompletionResult]::new('export-credentials', 'export-credentials', [CompletionResultType]::ParameterValue, 'Print the profile''s credentials for another tool (a role profile renews them first)')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Copy profiles from the official CLI''s ~/.aliyun/config.json (never written)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'alicli;configure;help;list' {
            break
        }
        'alicli;configure;help;get' {
            break
        }
        'alicli;configure;help;set' {
            break
        }
        'alicli;configure;help;export-credentials' {
            break
        }
        'alicli;configure;help;import' {
            break
        }
        'alicli;configure;help;help' {
            break
        }
        'alicli;sts' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: default]; naming one makes it win over credentials in the environment')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Profile file [default: ~/.config/alicli/config.toml]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection [default: 10]')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the next bytes of an answer [default: 60]')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)')
            [CompletionResult]::new('--sts-signature-version', '--sts-signature-version', [CompletionResultType]::ParameterName, 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile''s renewals included (profile key `sts_signature_version`) [default: v1]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Format of the data a command prints [default: each command''s own: JSON for STS answers, lines or tables for people elsewhere]')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('assume-role', 'assume-role', [CompletionResultType]::ParameterValue, 'Get temporary credentials for a RAM role (AssumeRole)')
            [CompletionResult]::new('assume-role-with-oidc', 'assume-role-with-oidc', [CompletionResultType]::ParameterValue, 'Get temporary credentials for a RAM role with an OIDC token, no AccessKey (AssumeRoleWithOIDC)')
            [CompletionResult]::new('get-caller-identity', 'get-caller-identity', [CompletionResultType]::ParameterValue, 'Show the identity behind the current credentials (GetCallerIdentity)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'alicli;sts;assume-role' {
            [CompletionResult]::new('--role-arn', '--role-arn', [CompletionResultType]::ParameterName, 'Role to assume: acs:ram::<account-id>:role/<role-name>')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'Name for this session (2-64 of letters, digits, . @ - _); shows in audit logs')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'Inline policy narrowing the role: JSON text, or @FILE to read it from a file')
            [CompletionResult]::new('--duration-seconds', '--duration-seconds', [CompletionResultType]::ParameterName, 'Lifetime in seconds, 900-43200 (the role''s maximum session duration caps it) [service default: 3600]')
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'External id the role''s trust policy may require (2-1224 of letters, digits, _+=,.@:/-)')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'STS endpoint, e.g. sts.cn-hangzhou.aliyuncs.com or http://127.0.0.1:9000')
            [CompletionResult]::new('--save-profile', '--save-profile', [CompletionResultType]::ParameterName, 'Also store the temporary credentials in this profile (with what is needed to renew them)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: default]; naming one makes it win over credentials in the environment')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Profile file [default: ~/.config/alicli/config.toml]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection [default: 10]')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the next bytes of an answer [default: 60]')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)')
            [CompletionResult]::new('--sts-signature-version', '--sts-signature-version', [CompletionResultType]::ParameterName, 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile''s renewals included (profile key `sts_signature_version`) [default: v1]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Format of the data a command prints [default: each command''s own: JSON for STS answers, lines or tables for people elsewhere]')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'alicli;sts;assume-role-with-oidc' {
            [CompletionResult]::new('--role-arn', '--role-arn', [CompletionResultType]::ParameterName, 'Role to assume: acs:ram::<account-id>:role/<role-name>')
            [CompletionResult]::new('--oidc-provider-arn', '--oidc-provider-arn', [CompletionResultType]::ParameterName, 'The OIDC identity provider in RAM: acs:ram::<account-id>:oidc-provider/<name>')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'Name for this session (2-64 of letters, digits, . @ - _) [default: from the CI run (gh-<run>-<attempt>, gitlab-<job>), else alicli-<unix time>]')
            [CompletionResult]::new('--oidc-token-file', '--oidc-token-file', [CompletionResultType]::ParameterName, 'File holding the OIDC token, `-` for stdin [default: ALIBABA_CLOUD_OIDC_TOKEN_FILE, else the GitHub Actions token]')
            [CompletionResult]::new('--audience', '--audience', [CompletionResultType]::ParameterName, 'Audience of the GitHub Actions token to ask for')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'Inline policy narrowing the role: JSON text, or @FILE to read it from a file')
            [CompletionResult]::new('--duration-seconds', '--duration-seconds', [CompletionResultType]::ParameterName, 'Lifetime in seconds, 900-43200 (the role''s maximum session duration caps it) [service default: 3600]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'STS endpoint, e.g. sts.cn-hangzhou.aliyuncs.com or http://127.0.0.1:9000')
            [CompletionResult]::new('--save-profile', '--save-profile', [CompletionResultType]::ParameterName, 'Also store the temporary credentials in this profile, which renews itself from the same token source')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: default]; naming one makes it win over credentials in the environment')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Profile file [default: ~/.config/alicli/config.toml]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection [default: 10]')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the next bytes of an answer [default: 60]')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)')
            [CompletionResult]::new('--sts-signature-version', '--sts-signature-version', [CompletionResultType]::ParameterName, 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile''s renewals included (profile key `sts_signature_version`) [default: v1]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Format of the data a command prints [default: each command''s own: JSON for STS answers, lines or tables for people elsewhere]')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'alicli;sts;get-caller-identity' {
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'STS endpoint, e.g. sts.cn-hangzhou.aliyuncs.com or http://127.0.0.1:9000')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: default]; naming one makes it win over credentials in the environment')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Profile file [default: ~/.config/alicli/config.toml]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection [default: 10]')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the next bytes of an answer [default: 60]')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)')
            [CompletionResult]::new('--sts-signature-version', '--sts-signature-version', [CompletionResultType]::ParameterName, 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile''s renewals included (profile key `sts_signature_version`) [default: v1]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Format of the data a command prints [default: each command''s own: JSON for STS answers, lines or tables for people elsewhere]')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'alicli;sts;help' {
            [CompletionResult]::new('assume-role', 'assume-role', [CompletionResultType]::ParameterValue, 'Get temporary credentials for a RAM role (AssumeRole)')
            [CompletionResult]::new('assume-role-with-oidc', 'assume-role-with-oidc', [CompletionResultType]::ParameterValue, 'Get temporary credentials for a RAM role with an OIDC token, no AccessKey (AssumeRoleWithOIDC)')
            [CompletionResult]::new('get-caller-identity', 'get-caller-identity', [CompletionResultType]::ParameterValue, 'Show the identity behind the current credentials (GetCallerIdentity)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'alicli;sts;help;assume-role' {
            break
        }
        'alicli;sts;help;assume-role-with-oidc' {
            break
        }
        'alicli;sts;help;get-caller-identity' {
            break
        }
        'alicli;sts;help;help' {
            break
        }
        'alicli;oss' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: default]; naming one makes it win over credentials in the environment')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Profile file [default: ~/.config/alicli/config.toml]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection [default: 10]')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the next bytes of an answer [default: 60]')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)')
            [CompletionResult]::new('--sts-signature-version', '--sts-signature-version', [CompletionResultType]::ParameterName, 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile''s renewals included (profile key `sts_signature_version`) [default: v1]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Format of the data a command prints [default: each command''s own: JSON for STS answers, lines or tables for people elsewhere]')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Store the OSS endpoint and credentials (e.g. temporary ones) in the profile''s oss section')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Download an object to a file, a folder or stdout')
            [CompletionResult]::new('put', 'put', [CompletionResultType]::ParameterValue, 'Upload a file or stdin to an object')
            [CompletionResult]::new('sign', 'sign', [CompletionResultType]::ParameterValue, 'Print a presigned URL for an object (GET or PUT), usable without credentials until it expires')
            [CompletionResult]::new('cp', 'cp', [CompletionResultType]::ParameterValue, 'Copy a file, an object or (with -r) a whole folder or prefix: local ↔ OSS, OSS → OSS')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Copy only what is missing or different between a folder and a prefix, or two prefixes')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Delete an object, or (with -r) every object under a prefix')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List buckets, or the objects and folders under a prefix')
            [CompletionResult]::new('stat', 'stat', [CompletionResultType]::ParameterValue, 'Show an object''s size, dates, checksums, type and metadata (HeadObject)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'alicli;oss;config' {
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'OSS endpoint, e.g. oss-cn-hangzhou.aliyuncs.com or http://127.0.0.1:9000')
            [CompletionResult]::new('--access-key-id', '--access-key-id', [CompletionResultType]::ParameterName, 'AccessKey ID for OSS (STS.… for temporary credentials)')
            [CompletionResult]::new('--access-key-secret', '--access-key-secret', [CompletionResultType]::ParameterName, 'AccessKey secret for OSS; `-` reads it from stdin (keeps it out of `ps` and shell history); asked for on a terminal when missing')
            [CompletionResult]::new('--security-token', '--security-token', [CompletionResultType]::ParameterName, 'Security token that comes with temporary credentials; `-` reads it from stdin (after the secret when both are `-`)')
            [CompletionResult]::new('--sts-token', '--sts-token', [CompletionResultType]::ParameterName, 'Security token that comes with temporary credentials; `-` reads it from stdin (after the secret when both are `-`)')
            [CompletionResult]::new('--sign-version', '--sign-version', [CompletionResultType]::ParameterName, 'Force an OSS signature version for this profile (default: v4 when the region is known)')
            [CompletionResult]::new('--expiration', '--expiration', [CompletionResultType]::ParameterName, 'When the temporary credentials expire (UTC, e.g. 2026-01-13T15:03:39Z); lets alicli refuse them early')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: default]; naming one makes it win over credentials in the environment')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Profile file [default: ~/.config/alicli/config.toml]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection [default: 10]')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the next bytes of an answer [default: 60]')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)')
            [CompletionResult]::new('--sts-signature-version', '--sts-signature-version', [CompletionResultType]::ParameterName, 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile''s renewals included (profile key `sts_signature_version`) [default: v1]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Format of the data a command prints [default: each command''s own: JSON for STS answers, lines or tables for people elsewhere]')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'alicli;oss;get' {
            [CompletionResult]::new('--include', '--include', [CompletionResultType]::ParameterName, 'Take paths matching PATTERN again after an --exclude (repeatable; the last matching rule wins)')
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'Leave out paths matching PATTERN, a glob on the path relative to SRC: ''*.log'', ''tmp/*'' (repeatable)')
            [CompletionResult]::new('--max-errors', '--max-errors', [CompletionResultType]::ParameterName, 'Stop starting new objects once N have failed [default: go on to the end]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'OSS endpoint, e.g. oss-cn-hangzhou.aliyuncs.com or http://127.0.0.1:9000')
            [CompletionResult]::new('--sign-version', '--sign-version', [CompletionResultType]::ParameterName, 'Signature version [default: v4 when the region is known, else v1 with a warning]')
            [CompletionResult]::new('--multipart-threshold', '--multipart-threshold', [CompletionResultType]::ParameterName, 'Objects at least this large move in parts (e.g. 64M, 1G)')
            [CompletionResult]::new('--part-size', '--part-size', [CompletionResultType]::ParameterName, 'Part size [default: 8M, or larger to stay within 10000 parts]')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Requests in flight at once: parts of one object [default: 4], or objects of a tree (-r, sync, rm -r), large ones'' parts included [default: 32]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: default]; naming one makes it win over credentials in the environment')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Profile file [default: ~/.config/alicli/config.toml]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection [default: 10]')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the next bytes of an answer [default: 60]')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)')
            [CompletionResult]::new('--sts-signature-version', '--sts-signature-version', [CompletionResultType]::ParameterName, 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile''s renewals included (profile key `sts_signature_version`) [default: v1]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Format of the data a command prints [default: each command''s own: JSON for STS answers, lines or tables for people elsewhere]')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Download every object under the prefix into the folder DEST, as `cp -r` does')
            [CompletionResult]::new('--recursive', '--recursive', [CompletionResultType]::ParameterName, 'Download every object under the prefix into the folder DEST, as `cp -r` does')
            [CompletionResult]::new('--no-overwrite', '--no-overwrite', [CompletionResultType]::ParameterName, 'Leave an existing DEST file alone instead of replacing it')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would be done, and do nothing (no write request is sent)')
            [CompletionResult]::new('--follow-symlinks', '--follow-symlinks', [CompletionResultType]::ParameterName, 'Follow symbolic links in a local source folder (without it they are skipped, with a warning)')
            [CompletionResult]::new('--no-resume', '--no-resume', [CompletionResultType]::ParameterName, 'Do not resume an interrupted transfer, nor keep a checkpoint to resume this one')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No progress bar (it only shows when stderr is a terminal anyway)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'alicli;oss;put' {
            [CompletionResult]::new('--content-type', '--content-type', [CompletionResultType]::ParameterName, 'Content-Type to store [default: guessed from the key''s extension]')
            [CompletionResult]::new('--cache-control', '--cache-control', [CompletionResultType]::ParameterName, 'Cache-Control to store, e.g. "max-age=3600"')
            [CompletionResult]::new('--content-disposition', '--content-disposition', [CompletionResultType]::ParameterName, 'Content-Disposition to store, e.g. "attachment"')
            [CompletionResult]::new('--meta', '--meta', [CompletionResultType]::ParameterName, 'User metadata to store as x-oss-meta-KEY (repeatable)')
            [CompletionResult]::new('--storage-class', '--storage-class', [CompletionResultType]::ParameterName, 'Storage class of the new objects')
            [CompletionResult]::new('--acl', '--acl', [CompletionResultType]::ParameterName, 'ACL of the new objects (default: the bucket''s)')
            [CompletionResult]::new('--include', '--include', [CompletionResultType]::ParameterName, 'Take paths matching PATTERN again after an --exclude (repeatable; the last matching rule wins)')
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'Leave out paths matching PATTERN, a glob on the path relative to SRC: ''*.log'', ''tmp/*'' (repeatable)')
            [CompletionResult]::new('--max-errors', '--max-errors', [CompletionResultType]::ParameterName, 'Stop starting new objects once N have failed [default: go on to the end]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'OSS endpoint, e.g. oss-cn-hangzhou.aliyuncs.com or http://127.0.0.1:9000')
            [CompletionResult]::new('--sign-version', '--sign-version', [CompletionResultType]::ParameterName, 'Signature version [default: v4 when the region is known, else v1 with a warning]')
            [CompletionResult]::new('--multipart-threshold', '--multipart-threshold', [CompletionResultType]::ParameterName, 'Objects at least this large move in parts (e.g. 64M, 1G)')
            [CompletionResult]::new('--part-size', '--part-size', [CompletionResultType]::ParameterName, 'Part size [default: 8M, or larger to stay within 10000 parts]')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Requests in flight at once: parts of one object [default: 4], or objects of a tree (-r, sync, rm -r), large ones'' parts included [default: 32]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: default]; naming one makes it win over credentials in the environment')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Profile file [default: ~/.config/alicli/config.toml]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection [default: 10]')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the next bytes of an answer [default: 60]')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)')
            [CompletionResult]::new('--sts-signature-version', '--sts-signature-version', [CompletionResultType]::ParameterName, 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile''s renewals included (profile key `sts_signature_version`) [default: v1]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Format of the data a command prints [default: each command''s own: JSON for STS answers, lines or tables for people elsewhere]')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Upload a folder: every file under SRC, keys made of DEST''s prefix and the relative paths')
            [CompletionResult]::new('--recursive', '--recursive', [CompletionResultType]::ParameterName, 'Upload a folder: every file under SRC, keys made of DEST''s prefix and the relative paths')
            [CompletionResult]::new('--no-overwrite', '--no-overwrite', [CompletionResultType]::ParameterName, 'Never replace: OSS refuses to overwrite an existing object (x-oss-forbid-overwrite), and a download skips a file that exists')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would be done, and do nothing (no write request is sent)')
            [CompletionResult]::new('--follow-symlinks', '--follow-symlinks', [CompletionResultType]::ParameterName, 'Follow symbolic links in a local source folder (without it they are skipped, with a warning)')
            [CompletionResult]::new('--no-resume', '--no-resume', [CompletionResultType]::ParameterName, 'Do not resume an interrupted transfer, nor keep a checkpoint to resume this one')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No progress bar (it only shows when stderr is a terminal anyway)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'alicli;oss;sign' {
            [CompletionResult]::new('--expires', '--expires', [CompletionResultType]::ParameterName, 'Seconds the URL stays valid, 1 to 604800 (7 days)')
            [CompletionResult]::new('--method', '--method', [CompletionResultType]::ParameterName, 'HTTP method the URL allows')
            [CompletionResult]::new('--content-type', '--content-type', [CompletionResultType]::ParameterName, 'Content-Type the uploader must send (signed into a PUT URL)')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'OSS endpoint, e.g. oss-cn-hangzhou.aliyuncs.com or http://127.0.0.1:9000')
            [CompletionResult]::new('--sign-version', '--sign-version', [CompletionResultType]::ParameterName, 'Signature version [default: v4 when the region is known, else v1 with a warning]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: default]; naming one makes it win over credentials in the environment')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Profile file [default: ~/.config/alicli/config.toml]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection [default: 10]')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the next bytes of an answer [default: 60]')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)')
            [CompletionResult]::new('--sts-signature-version', '--sts-signature-version', [CompletionResultType]::ParameterName, 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile''s renewals included (profile key `sts_signature_version`) [default: v1]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Format of the data a command prints [default: each command''s own: JSON for STS answers, lines or tables for people elsewhere]')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'alicli;oss;cp' {
            [CompletionResult]::new('--content-type', '--content-type', [CompletionResultType]::ParameterName, 'Content-Type to store [default: guessed from the key''s extension]')
            [CompletionResult]::new('--cache-control', '--cache-control', [CompletionResultType]::ParameterName, 'Cache-Control to store, e.g. "max-age=3600"')
            [CompletionResult]::new('--content-disposition', '--content-disposition', [CompletionResultType]::ParameterName, 'Content-Disposition to store, e.g. "attachment"')
            [CompletionResult]::new('--meta', '--meta', [CompletionResultType]::ParameterName, 'User metadata to store as x-oss-meta-KEY (repeatable)')
            [CompletionResult]::new('--storage-class', '--storage-class', [CompletionResultType]::ParameterName, 'Storage class of the new objects')
            [CompletionResult]::new('--acl', '--acl', [CompletionResultType]::ParameterName, 'ACL of the new objects (default: the bucket''s)')
            [CompletionResult]::new('--include', '--include', [CompletionResultType]::ParameterName, 'Take paths matching PATTERN again after an --exclude (repeatable; the last matching rule wins)')
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'Leave out paths matching PATTERN, a glob on the path relative to SRC: ''*.log'', ''tmp/*'' (repeatable)')
            [CompletionResult]::new('--max-errors', '--max-errors', [CompletionResultType]::ParameterName, 'Stop starting new objects once N have failed [default: go on to the end]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'OSS endpoint, e.g. oss-cn-hangzhou.aliyuncs.com or http://127.0.0.1:9000')
            [CompletionResult]::new('--sign-version', '--sign-version', [CompletionResultType]::ParameterName, 'Signature version [default: v4 when the region is known, else v1 with a warning]')
            [CompletionResult]::new('--multipart-threshold', '--multipart-threshold', [CompletionResultType]::ParameterName, 'Objects at least this large move in parts (e.g. 64M, 1G)')
            [CompletionResult]::new('--part-size', '--part-size', [CompletionResultType]::ParameterName, 'Part size [default: 8M, or larger to stay within 10000 parts]')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Requests in flight at once: parts of one object [default: 4], or objects of a tree (-r, sync, rm -r), large ones'' parts included [default: 32]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: default]; naming one makes it win over credentials in the environment')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Profile file [default: ~/.config/alicli/config.toml]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection [default: 10]')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the next bytes of an answer [default: 60]')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)')
            [CompletionResult]::new('--sts-signature-version', '--sts-signature-version', [CompletionResultType]::ParameterName, 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile''s renewals included (profile key `sts_signature_version`) [default: v1]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Format of the data a command prints [default: each command''s own: JSON for STS answers, lines or tables for people elsewhere]')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Copy everything under SRC (a folder or a prefix), keeping relative paths')
            [CompletionResult]::new('--recursive', '--recursive', [CompletionResultType]::ParameterName, 'Copy everything under SRC (a folder or a prefix), keeping relative paths')
            [CompletionResult]::new('--no-overwrite', '--no-overwrite', [CompletionResultType]::ParameterName, 'Never replace: OSS refuses to overwrite an existing object (x-oss-forbid-overwrite), and a download skips a file that exists')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would be done, and do nothing (no write request is sent)')
            [CompletionResult]::new('--follow-symlinks', '--follow-symlinks', [CompletionResultType]::ParameterName, 'Follow symbolic links in a local source folder (without it they are skipped, with a warning)')
            [CompletionResult]::new('--no-resume', '--no-resume', [CompletionResultType]::ParameterName, 'Do not resume an interrupted transfer, nor keep a checkpoint to resume this one')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No progress bar (it only shows when stderr is a terminal anyway)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'alicli;oss;sync' {
            [CompletionResult]::new('--content-type', '--content-type', [CompletionResultType]::ParameterName, 'Content-Type to store [default: guessed from the key''s extension]')
            [CompletionResult]::new('--cache-control', '--cache-control', [CompletionResultType]::ParameterName, 'Cache-Control to store, e.g. "max-age=3600"')
            [CompletionResult]::new('--content-disposition', '--content-disposition', [CompletionResultType]::ParameterName, 'Content-Disposition to store, e.g. "attachment"')
            [CompletionResult]::new('--meta', '--meta', [CompletionResultType]::ParameterName, 'User metadata to store as x-oss-meta-KEY (repeatable)')
            [CompletionResult]::new('--storage-class', '--storage-class', [CompletionResultType]::ParameterName, 'Storage class of the new objects')
            [CompletionResult]::new('--acl', '--acl', [CompletionResultType]::ParameterName, 'ACL of the new objects (default: the bucket''s)')
            [CompletionResult]::new('--include', '--include', [CompletionResultType]::ParameterName, 'Take paths matching PATTERN again after an --exclude (repeatable; the last matching rule wins)')
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'Leave out paths matching PATTERN, a glob on the path relative to SRC: ''*.log'', ''tmp/*'' (repeatable)')
            [CompletionResult]::new('--max-errors', '--max-errors', [CompletionResultType]::ParameterName, 'Stop starting new objects once N have failed [default: go on to the end]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'OSS endpoint, e.g. oss-cn-hangzhou.aliyuncs.com or http://127.0.0.1:9000')
            [CompletionResult]::new('--sign-version', '--sign-version', [CompletionResultType]::ParameterName, 'Signature version [default: v4 when the region is known, else v1 with a warning]')
            [CompletionResult]::new('--multipart-threshold', '--multipart-threshold', [CompletionResultType]::ParameterName, 'Objects at least this large move in parts (e.g. 64M, 1G)')
            [CompletionResult]::new('--part-size', '--part-size', [CompletionResultType]::ParameterName, 'Part size [default: 8M, or larger to stay within 10000 parts]')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Requests in flight at once: parts of one object [default: 4], or objects of a tree (-r, sync, rm -r), large ones'' parts included [default: 32]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: default]; naming one makes it win over credentials in the environment')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Profile file [default: ~/.config/alicli/config.toml]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection [default: 10]')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the next bytes of an answer [default: 60]')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)')
            [CompletionResult]::new('--sts-signature-version', '--sts-signature-version', [CompletionResultType]::ParameterName, 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile''s renewals included (profile key `sts_signature_version`) [default: v1]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Format of the data a command prints [default: each command''s own: JSON for STS answers, lines or tables for people elsewhere]')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)')
            [CompletionResult]::new('--delete', '--delete', [CompletionResultType]::ParameterName, 'Also remove from DST what SRC does not have')
            [CompletionResult]::new('--checksum', '--checksum', [CompletionResultType]::ParameterName, 'Compare CRC-64s (computed locally, read from OSS without a download) when sizes agree, instead of times')
            [CompletionResult]::new('--no-overwrite', '--no-overwrite', [CompletionResultType]::ParameterName, 'Never replace: OSS refuses to overwrite an existing object (x-oss-forbid-overwrite), and a download skips a file that exists')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would be done, and do nothing (no write request is sent)')
            [CompletionResult]::new('--follow-symlinks', '--follow-symlinks', [CompletionResultType]::ParameterName, 'Follow symbolic links in a local source folder (without it they are skipped, with a warning)')
            [CompletionResult]::new('--no-resume', '--no-resume', [CompletionResultType]::ParameterName, 'Do not resume an interrupted transfer, nor keep a checkpoint to resume this one')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No progress bar (it only shows when stderr is a terminal anyway)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'alicli;oss;rm' {
            [CompletionResult]::new('--include', '--include', [CompletionResultType]::ParameterName, 'Take paths matching PATTERN again after an --exclude (repeatable; the last matching rule wins)')
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'Leave out paths matching PATTERN, a glob on the path relative to SRC: ''*.log'', ''tmp/*'' (repeatable)')
            [CompletionResult]::new('--max-errors', '--max-errors', [CompletionResultType]::ParameterName, 'Stop starting new objects once N have failed [default: go on to the end]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'OSS endpoint, e.g. oss-cn-hangzhou.aliyuncs.com or http://127.0.0.1:9000')
            [CompletionResult]::new('--sign-version', '--sign-version', [CompletionResultType]::ParameterName, 'Signature version [default: v4 when the region is known, else v1 with a warning]')
            [CompletionResult]::new('--multipart-threshold', '--multipart-threshold', [CompletionResultType]::ParameterName, 'Objects at least this large move in parts (e.g. 64M, 1G)')
            [CompletionResult]::new('--part-size', '--part-size', [CompletionResultType]::ParameterName, 'Part size [default: 8M, or larger to stay within 10000 parts]')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Requests in flight at once: parts of one object [default: 4], or objects of a tree (-r, sync, rm -r), large ones'' parts included [default: 32]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: default]; naming one makes it win over credentials in the environment')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Profile file [default: ~/.config/alicli/config.toml]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection [default: 10]')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the next bytes of an answer [default: 60]')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)')
            [CompletionResult]::new('--sts-signature-version', '--sts-signature-version', [CompletionResultType]::ParameterName, 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile''s renewals included (profile key `sts_signature_version`) [default: v1]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Format of the data a command prints [default: each command''s own: JSON for STS answers, lines or tables for people elsewhere]')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Delete every key under the prefix')
            [CompletionResult]::new('--recursive', '--recursive', [CompletionResultType]::ParameterName, 'Delete every key under the prefix')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would be done, and do nothing (no write request is sent)')
            [CompletionResult]::new('--follow-symlinks', '--follow-symlinks', [CompletionResultType]::ParameterName, 'Follow symbolic links in a local source folder (without it they are skipped, with a warning)')
            [CompletionResult]::new('--no-resume', '--no-resume', [CompletionResultType]::ParameterName, 'Do not resume an interrupted transfer, nor keep a checkpoint to resume this one')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No progress bar (it only shows when stderr is a terminal anyway)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'alicli;oss;ls' {
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'OSS endpoint, e.g. oss-cn-hangzhou.aliyuncs.com or http://127.0.0.1:9000')
            [CompletionResult]::new('--sign-version', '--sign-version', [CompletionResultType]::ParameterName, 'Signature version [default: v4 when the region is known, else v1 with a warning]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: default]; naming one makes it win over credentials in the environment')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Profile file [default: ~/.config/alicli/config.toml]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection [default: 10]')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the next bytes of an answer [default: 60]')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)')
            [CompletionResult]::new('--sts-signature-version', '--sts-signature-version', [CompletionResultType]::ParameterName, 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile''s renewals included (profile key `sts_signature_version`) [default: v1]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Format of the data a command prints [default: each command''s own: JSON for STS answers, lines or tables for people elsewhere]')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Every key under the prefix, not only one level')
            [CompletionResult]::new('--recursive', '--recursive', [CompletionResultType]::ParameterName, 'Every key under the prefix, not only one level')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Sizes in KiB, MiB, GiB… instead of bytes')
            [CompletionResult]::new('--human-readable', '--human-readable', [CompletionResultType]::ParameterName, 'Sizes in KiB, MiB, GiB… instead of bytes')
            [CompletionResult]::new('--summarize', '--summarize', [CompletionResultType]::ParameterName, 'End with the number of objects and their total size')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'alicli;oss;stat' {
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'OSS endpoint, e.g. oss-cn-hangzhou.aliyuncs.com or http://127.0.0.1:9000')
            [CompletionResult]::new('--sign-version', '--sign-version', [CompletionResultType]::ParameterName, 'Signature version [default: v4 when the region is known, else v1 with a warning]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: default]; naming one makes it win over credentials in the environment')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Profile file [default: ~/.config/alicli/config.toml]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection [default: 10]')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the next bytes of an answer [default: 60]')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)')
            [CompletionResult]::new('--sts-signature-version', '--sts-signature-version', [CompletionResultType]::ParameterName, 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile''s renewals included (profile key `sts_signature_version`) [default: v1]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Format of the data a command prints [default: each command''s own: JSON for STS answers, lines or tables for people elsewhere]')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'alicli;oss;help' {
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Store the OSS endpoint and credentials (e.g. temporary ones) in the profile''s oss section')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Download an object to a file, a folder or stdout')
            [CompletionResult]::new('put', 'put', [CompletionResultType]::ParameterValue, 'Upload a file or stdin to an object')
            [CompletionResult]::new('sign', 'sign', [CompletionResultType]::ParameterValue, 'Print a presigned URL for an object (GET or PUT), usable without credentials until it expires')
            [CompletionResult]::new('cp', 'cp', [CompletionResultType]::ParameterValue, 'Copy a file, an object or (with -r) a whole folder or prefix: local ↔ OSS, OSS → OSS')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Copy only what is missing or different between a folder and a prefix, or two prefixes')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Delete an object, or (with -r) every object under a prefix')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List buckets, or the objects and folders under a prefix')
            [CompletionResult]::new('stat', 'stat', [CompletionResultType]::ParameterValue, 'Show an object''s size, dates, checksums, type and metadata (HeadObject)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'alicli;oss;help;config' {
            break
        }
        'alicli;oss;help;get' {
            break
        }
        'alicli;oss;help;put' {
            break
        }
        'alicli;oss;help;sign' {
            break
        }
        'alicli;oss;help;cp' {
            break
        }
        'alicli;oss;help;sync' {
            break
        }
        'alicli;oss;help;rm' {
            break
        }
        'alicli;oss;help;ls' {
            break
        }
        'alicli;oss;help;stat' {
            break
        }
        'alicli;oss;help;help' {
            break
        }
        'alicli;policy' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: default]; naming one makes it win over credentials in the environment')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Profile file [default: ~/.config/alicli/config.toml]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection [default: 10]')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the next bytes of an answer [default: 60]')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)')
            [CompletionResult]::new('--sts-signature-version', '--sts-signature-version', [CompletionResultType]::ParameterName, 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile''s renewals included (profile key `sts_signature_version`) [default: v1]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Format of the data a command prints [default: each command''s own: JSON for STS answers, lines or tables for people elsewhere]')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Validate policy documents and point out likely mistakes, with JSON paths (exit 2 on errors)')
            [CompletionResult]::new('eval', 'eval', [CompletionResultType]::ParameterValue, 'Decide requests against policies offline and show which statement decided')
            [CompletionResult]::new('probe', 'probe', [CompletionResultType]::ParameterValue, 'Try object operations under a prefix with a profile''s credentials and show what is allowed')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'alicli;policy;check' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: default]; naming one makes it win over credentials in the environment')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Profile file [default: ~/.config/alicli/config.toml]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection [default: 10]')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the next bytes of an answer [default: 60]')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)')
            [CompletionResult]::new('--sts-signature-version', '--sts-signature-version', [CompletionResultType]::ParameterName, 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile''s renewals included (profile key `sts_signature_version`) [default: v1]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Format of the data a command prints [default: each command''s own: JSON for STS answers, lines or tables for people elsewhere]')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)')
            [CompletionResult]::new('--session', '--session', [CompletionResultType]::ParameterName, 'Check as a session policy (the --policy of sts assume-role): over 2048 characters is an error')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'alicli;policy;eval' {
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'Policy to test (the session policy when --role-policy is given): a file, - for stdin, the JSON itself, or a system policy name; repeat for several')
            [CompletionResult]::new('--role-policy', '--role-policy', [CompletionResultType]::ParameterName, 'A policy attached to the role; requests must then be allowed by the role''s policies and by --policy (repeatable)')
            [CompletionResult]::new('--action', '--action', [CompletionResultType]::ParameterName, 'Action such as oss:GetObject; repeat (or separate with commas) for several')
            [CompletionResult]::new('--resource', '--resource', [CompletionResultType]::ParameterName, 'Resource: acs:oss:*:<account>:bucket/key, oss://bucket/key (oss://bucket for the bucket), or *; repeatable')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A request condition value such as acs:SourceIp=203.0.113.7; repeatable (acs:CurrentTime defaults to now)')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Account id written into resources given as oss:// URLs [default: *]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: default]; naming one makes it win over credentials in the environment')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Profile file [default: ~/.config/alicli/config.toml]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection [default: 10]')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the next bytes of an answer [default: 60]')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)')
            [CompletionResult]::new('--sts-signature-version', '--sts-signature-version', [CompletionResultType]::ParameterName, 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile''s renewals included (profile key `sts_signature_version`) [default: v1]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Format of the data a command prints [default: each command''s own: JSON for STS answers, lines or tables for people elsewhere]')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'alicli;policy;probe' {
            [CompletionResult]::new('--suffix', '--suffix', [CompletionResultType]::ParameterName, 'Appended to the probe object''s name, e.g. .jpg to probe a policy that allows only *.jpg')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'OSS endpoint, e.g. oss-cn-hangzhou.aliyuncs.com or http://127.0.0.1:9000')
            [CompletionResult]::new('--sign-version', '--sign-version', [CompletionResultType]::ParameterName, 'Signature version [default: v4 when the region is known, else v1 with a warning]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: default]; naming one makes it win over credentials in the environment')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Profile file [default: ~/.config/alicli/config.toml]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection [default: 10]')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the next bytes of an answer [default: 60]')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)')
            [CompletionResult]::new('--sts-signature-version', '--sts-signature-version', [CompletionResultType]::ParameterName, 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile''s renewals included (profile key `sts_signature_version`) [default: v1]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Format of the data a command prints [default: each command''s own: JSON for STS answers, lines or tables for people elsewhere]')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'alicli;policy;help' {
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Validate policy documents and point out likely mistakes, with JSON paths (exit 2 on errors)')
            [CompletionResult]::new('eval', 'eval', [CompletionResultType]::ParameterValue, 'Decide requests against policies offline and show which statement decided')
            [CompletionResult]::new('probe', 'probe', [CompletionResultType]::ParameterValue, 'Try object operations under a prefix with a profile''s credentials and show what is allowed')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'alicli;policy;help;check' {
            break
        }
        'alicli;policy;help;eval' {
            break
        }
        'alicli;policy;help;probe' {
            break
        }
        'alicli;policy;help;help' {
            break
        }
        'alicli;serve' {
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Address to listen on; port 0 picks a free port')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where objects are kept [default: a temporary folder removed on exit]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'TOML file describing the account, users, roles and buckets')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: default]; naming one makes it win over credentials in the environment')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Profile file [default: ~/.config/alicli/config.toml]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection [default: 10]')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the next bytes of an answer [default: 60]')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)')
            [CompletionResult]::new('--sts-signature-version', '--sts-signature-version', [CompletionResultType]::ParameterName, 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile''s renewals included (profile key `sts_signature_version`) [default: v1]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Format of the data a command prints [default: each command''s own: JSON for STS answers, lines or tables for people elsewhere]')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'alicli;demo' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: default]; naming one makes it win over credentials in the environment')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Profile file [default: ~/.config/alicli/config.toml]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection [default: 10]')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the next bytes of an answer [default: 60]')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)')
            [CompletionResult]::new('--sts-signature-version', '--sts-signature-version', [CompletionResultType]::ParameterName, 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile''s renewals included (profile key `sts_signature_version`) [default: v1]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Format of the data a command prints [default: each command''s own: JSON for STS answers, lines or tables for people elsewhere]')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'alicli;completions' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: default]; naming one makes it win over credentials in the environment')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Profile file [default: ~/.config/alicli/config.toml]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection [default: 10]')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the next bytes of an answer [default: 60]')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)')
            [CompletionResult]::new('--sts-signature-version', '--sts-signature-version', [CompletionResultType]::ParameterName, 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile''s renewals included (profile key `sts_signature_version`) [default: v1]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Format of the data a command prints [default: each command''s own: JSON for STS answers, lines or tables for people elsewhere]')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)')
            [CompletionResult]::new('--install', '--install', [CompletionResultType]::ParameterName, 'Install completion that also knows your profile names and `configure` keys (it asks alicli at each Tab), in the shell''s folder for your completions, and print the file written')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'alicli;man' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: default]; naming one makes it win over credentials in the environment')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Profile file [default: ~/.config/alicli/config.toml]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection [default: 10]')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the next bytes of an answer [default: 60]')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)')
            [CompletionResult]::new('--sts-signature-version', '--sts-signature-version', [CompletionResultType]::ParameterName, 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile''s renewals included (profile key `sts_signature_version`) [default: v1]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Format of the data a command prints [default: each command''s own: JSON for STS answers, lines or tables for people elsewhere]')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)')
            [CompletionResult]::new('--install', '--install', [CompletionResultType]::ParameterName, 'Write alicli.1 and a page per command into your man folder (or DIR), and print the folder')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'alicli;help' {
            [CompletionResult]::new('configure', 'configure', [CompletionResultType]::ParameterValue, 'Store a RAM user''s long-term AccessKey (and region, STS endpoint) in a profile')
            [CompletionResult]::new('sts', 'sts', [CompletionResultType]::ParameterValue, 'Security Token Service: assume a role, show who you are')
            [CompletionResult]::new('oss', 'oss', [CompletionResultType]::ParameterValue, 'Object Storage Service: configure, list, describe, download and upload objects')
            [CompletionResult]::new('policy', 'policy', [CompletionResultType]::ParameterValue, 'RAM policies: check a document, evaluate requests against it, probe what credentials may do')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Run the local cloud: an STS + OSS endpoint on loopback that checks signatures and policies')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Walk through the whole flow against a throwaway local cloud')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script, or install one that knows your profiles (--install)')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Install the man pages (`man alicli`, `man alicli-oss-cp`, …) in your man folder or DIR')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'alicli;help;configure' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List profiles: kind, region, endpoint, time left, masked key id (never secrets)')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print one setting of the profile (secrets are never printed; see export-credentials)')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Change one setting of the profile (an empty VALUE removes it; `-` reads it from stdin)')
            [CompletionResult]::new('export-credentials', 'export-credentials', [CompletionResultType]::ParameterValue, 'Print the profile''s credentials for another tool (a role profile renews them first)')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Copy profiles from the official CLI''s ~/.aliyun/config.json (never written)')
            break
        }
        'alicli;help;configure;list' {
            break
        }
        'alicli;help;configure;get' {
            break
        }
        'alicli;help;configure;set' {
            break
        }
        'alicli;help;configure;export-credentials' {
            break
        }
        'alicli;help;configure;import' {
            break
        }
        'alicli;help;sts' {
            [CompletionResult]::new('assume-role', 'assume-role', [CompletionResultType]::ParameterValue, 'Get temporary credentials for a RAM role (AssumeRole)')
            [CompletionResult]::new('assume-role-with-oidc', 'assume-role-with-oidc', [CompletionResultType]::ParameterValue, 'Get temporary credentials for a RAM role with an OIDC token, no AccessKey (AssumeRoleWithOIDC)')
            [CompletionResult]::new('get-caller-identity', 'get-caller-identity', [CompletionResultType]::ParameterValue, 'Show the identity behind the current credentials (GetCallerIdentity)')
            break
        }
        'alicli;help;sts;assume-role' {
            break
        }
        'alicli;help;sts;assume-role-with-oidc' {
            break
        }
        'alicli;help;sts;get-caller-identity' {
            break
        }
        'alicli;help;oss' {
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Store the OSS endpoint and credentials (e.g. temporary ones) in the profile''s oss section')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Download an object to a file, a folder or stdout')
            [CompletionResult]::new('put', 'put', [CompletionResultType]::ParameterValue, 'Upload a file or stdin to an object')
            [CompletionResult]::new('sign', 'sign', [CompletionResultType]::ParameterValue, 'Print a presigned URL for an object (GET or PUT), usable without credentials until it expires')
            [CompletionResult]::new('cp', 'cp', [CompletionResultType]::ParameterValue, 'Copy a file, an object or (with -r) a whole folder or prefix: local ↔ OSS, OSS → OSS')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Copy only what is missing or different between a folder and a prefix, or two prefixes')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Delete an object, or (with -r) every object under a prefix')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List buckets, or the objects and folders under a prefix')
            [CompletionResult]::new('stat', 'stat', [CompletionResultType]::ParameterValue, 'Show an object''s size, dates, checksums, type and metadata (HeadObject)')
            break
        }
        'alicli;help;oss;config' {
            break
        }
        'alicli;help;oss;get' {
            break
        }
        'alicli;help;oss;put' {
            break
        }
        'alicli;help;oss;sign' {
            break
        }
        'alicli;help;oss;cp' {
            break
        }
        'alicli;help;oss;sync' {
            break
        }
        'alicli;help;oss;rm' {
            break
        }
        'alicli;help;oss;ls' {
            break
        }
        'alicli;help;oss;stat' {
            break
        }
        'alicli;help;policy' {
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Validate policy documents and point out likely mistakes, with JSON paths (exit 2 on errors)')
            [CompletionResult]::new('eval', 'eval', [CompletionResultType]::ParameterValue, 'Decide requests against policies offline and show which statement decided')
            [CompletionResult]::new('probe', 'probe', [CompletionResultType]::ParameterValue, 'Try object operations under a prefix with a profile''s credentials and show what is allowed')
            break
        }
        'alicli;help;policy;check' {
            break
        }
        'alicli;help;policy;eval' {
            break
        }
        'alicli;help;policy;probe' {
            break
        }
        'alicli;help;serve' {
            break
        }
        'alicli;help;demo' {
            break
        }
        'alicli;help;completions' {
            break
        }
        'alicli;help;man' {
            break
        }
        'alicli;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
