
use builtin;
use str;

set edit:completion:arg-completer[alicli] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'alicli'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'alicli'= {
            cand --profile 'Profile to use [default: default]; naming one makes it win over credentials in the environment'
            cand --config-file 'Profile file [default: ~/.config/alicli/config.toml]'
            cand --region 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)'
            cand --retries 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]'
            cand --connect-timeout 'Seconds to wait for a connection [default: 10]'
            cand --read-timeout 'Seconds to wait for the next bytes of an answer [default: 60]'
            cand --proxy 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)'
            cand --sts-signature-version 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile''s renewals included (profile key `sts_signature_version`) [default: v1]'
            cand --output 'Format of the data a command prints [default: each command''s own: JSON for STS answers, lines or tables for people elsewhere]'
            cand --query 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)'
            cand -v 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
            cand --verbose 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand configure 'Store a RAM user''s long-term AccessKey (and region, STS endpoint) in a profile'
            cand sts 'Security Token Service: assume a role, show who you are'
            cand oss 'Object Storage Service: configure, list, describe, download and upload objects'
            cand policy 'RAM policies: check a document, evaluate requests against it, probe what credentials may do'
            cand serve 'Run the local cloud: an STS + OSS endpoint on loopback that checks signatures and policies'
            cand demo 'Walk through the whole flow against a throwaway local cloud'
            cand completions 'Print a shell completion script, or install one that knows your profiles (--install)'
            cand man 'Install the man pages (`man alicli`, `man alicli-oss-cp`, …) in your man folder or DIR'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'alicli;configure'= {
            cand --access-key-id 'AccessKey ID of a RAM user (LTAI…)'
            cand --access-key-secret 'AccessKey secret; `-` reads it from stdin (keeps it out of shell history and `ps`)'
            cand --sts-endpoint 'STS endpoint for this profile, e.g. sts.cn-hangzhou.aliyuncs.com'
            cand --profile 'Profile to use [default: default]; naming one makes it win over credentials in the environment'
            cand --config-file 'Profile file [default: ~/.config/alicli/config.toml]'
            cand --region 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)'
            cand --retries 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]'
            cand --connect-timeout 'Seconds to wait for a connection [default: 10]'
            cand --read-timeout 'Seconds to wait for the next bytes of an answer [default: 60]'
            cand --proxy 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)'
            cand --sts-signature-version 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile''s renewals included (profile key `sts_signature_version`) [default: v1]'
            cand --output 'Format of the data a command prints [default: each command''s own: JSON for STS answers, lines or tables for people elsewhere]'
            cand --query 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)'
            cand -v 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
            cand --verbose 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List profiles: kind, region, endpoint, time left, masked key id (never secrets)'
            cand get 'Print one setting of the profile (secrets are never printed; see export-credentials)'
            cand set 'Change one setting of the profile (an empty VALUE removes it; `-` reads it from stdin)'
            cand export-credentials 'Print the profile''s credentials for another tool (a role profile renews them first)'
            cand import 'Copy profiles from the official CLI''s ~/.aliyun/config.json (never written)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'alicli;configure;list'= {
            cand --profile 'Profile to use [default: default]; naming one makes it win over credentials in the environment'
            cand --config-file 'Profile file [default: ~/.config/alicli/config.toml]'
            cand --region 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)'
            cand --retries 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]'
            cand --connect-timeout 'Seconds to wait for a connection [default: 10]'
            cand --read-timeout 'Seconds to wait for the next bytes of an answer [default: 60]'
            cand --proxy 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)'
            cand --sts-signature-version 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile''s renewals included (profile key `sts_signature_version`) [default: v1]'
            cand --output 'Format of the data a command prints [default: each command''s own: JSON for STS answers, lines or tables for people elsewhere]'
            cand --query 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)'
            cand -v 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
            cand --verbose 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'alicli;configure;get'= {
            cand --profile 'Profile to use [default: default]; naming one makes it win over credentials in the environment'
            cand --config-file 'Profile file [default: ~/.config/alicli/config.toml]'
            cand --region 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)'
            cand --retries 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]'
            cand --connect-timeout 'Seconds to wait for a connection [default: 10]'
            cand --read-timeout 'Seconds to wait for the next bytes of an answer [default: 60]'
            cand --proxy 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)'
            cand --sts-signature-version 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile''s renewals included (profile key `sts_signature_version`) [default: v1]'
            cand --output 'Format of the data a command prints [default: each command''s own: JSON for STS answers, lines or tables for people elsewhere]'
            cand --query 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)'
            cand -v 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
            cand --verbose 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'alicli;configure;set'= {
            cand --profile 'Profile to use [default: default]; naming one makes it win over credentials in the environment'
            cand --config-file 'Profile file [default: ~/.config/alicli/config.toml]'
            cand --region 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)'
            cand --retries 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]'
            cand --connect-timeout 'Seconds to wait for a connection [default: 10]'
            cand --read-timeout 'Seconds to wait for the next bytes of an answer [default: 60]'
            cand --proxy 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)'
            cand --sts-signature-version 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile''s renewals included (profile key `sts_signature_version`) [default: v1]'
            cand --output 'Format of the data a command prints [default: each command''s own: JSON for STS answers, lines or tables for people elsewhere]'
            cand --query 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)'
            cand -v 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
            cand --verbose 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'alicli;configure;export-credentials'= {
            cand --format 'How to print them [default: env]; the global --output json|yaml|text|table prints the json form in that format instead (with --query)'
            cand --profile 'Profile to use [default: default]; naming one makes it win over credentials in the environment'
            cand --config-file 'Profile file [default: ~/.config/alicli/config.toml]'
            cand --region 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)'
            cand --retries 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]'
            cand --connect-timeout 'Seconds to wait for a connection [default: 10]'
            cand --read-timeout 'Seconds to wait for the next bytes of an answer [default: 60]'
            cand --proxy 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)'
            cand --sts-signature-version 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile''s renewals included (profile key `sts_signature_version`) [default: v1]'
            cand --output 'Format of the data a command prints [default: each command''s own: JSON for STS answers, lines or tables for people elsewhere]'
            cand --query 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)'
            cand -v 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
            cand --verbose 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'alicli;configure;import'= {
            cand --from 'The official CLI''s file [default: $ALIBABA_CLOUD_CONFIG_FILE, else ~/.aliyun/config.json]'
            cand --profile 'Profile to use [default: default]; naming one makes it win over credentials in the environment'
            cand --config-file 'Profile file [default: ~/.config/alicli/config.toml]'
            cand --region 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)'
            cand --retries 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]'
            cand --connect-timeout 'Seconds to wait for a connection [default: 10]'
            cand --read-timeout 'Seconds to wait for the next bytes of an answer [default: 60]'
            cand --proxy 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)'
            cand --sts-signature-version 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile''s renewals included (profile key `sts_signature_version`) [default: v1]'
            cand --output 'Format of the data a command prints [default: each command''s own: JSON for STS answers, lines or tables for people elsewhere]'
            cand --query 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)'
            cand --force 'Replace alicli profiles that have the same names (they are kept otherwise)'
            cand -v 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
            cand --verbose 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'alicli;configure;help'= {
            cand list 'List profiles: kind, region, endpoint, time left, masked key id (never secrets)'
            cand get 'Print one setting of the profile (secrets are never printed; see export-credentials)'
            cand set 'Change one setting of the profile (an empty VALUE removes it; `-` reads it from stdin)'
            cand export-credentials 'Print the profile''s credentials for another tool (a role profile renews them first)'
            cand import 'Copy profiles from the official CLI''s ~/.aliyun/config.json (never written)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'alicli;configure;help;list'= {
        }
        &'alicli;configure;help;get'= {
        }
        &'alicli;configure;help;set'= {
        }
        &'alicli;configure;help;export-credentials'= {
        }
        &'alicli;configure;help;import'= {
        }
        &'alicli;configure;help;help'= {
        }
        &'alicli;sts'= {
            cand --profile 'Profile to use [default: default]; naming one makes it win over credentials in the environment'
            cand --config-file 'Profile file [default: ~/.config/alicli/config.toml]'
            cand --region 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)'
            cand --retries 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]'
            cand --connect-timeout 'Seconds to wait for a connection [default: 10]'
            cand --read-timeout 'Seconds to wait for the next bytes of an answer [default: 60]'
            cand --proxy 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)'
            cand --sts-signature-version 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile''s renewals included (profile key `sts_signature_version`) [default: v1]'
            cand --output 'Format of the data a command prints [default: each command''s own: JSON for STS answers, lines or tables for people elsewhere]'
            cand --query 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)'
            cand -v 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
            cand --verbose 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand assume-role 'Get temporary credentials for a RAM role (AssumeRole)'
            cand assume-role-with-oidc 'Get temporary credentials for a RAM role with an OIDC token, no AccessKey (AssumeRoleWithOIDC)'
            cand get-caller-identity 'Show the identity behind the current credentials (GetCallerIdentity)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'alicli;sts;assume-role'= {
            cand --role-arn 'Role to assume: acs:ram::<account-id>:role/<role-name>'
            cand --role-session-name 'Name for this session (2-64 of letters, digits, . @ - _); shows in audit logs'
            cand --policy 'Inline policy narrowing the role: JSON text, or @FILE to read it from a file'
            cand --duration-seconds 'Lifetime in seconds, 900-43200 (the role''s maximum session duration caps it) [service default: 3600]'
            cand --external-id 'External id the role''s trust policy may require (2-1224 of letters, digits, _+=,.@:/-)'
            cand --endpoint 'STS endpoint, e.g. sts.cn-hangzhou.aliyuncs.com or http://127.0.0.1:9000'
            cand --save-profile 'Also store the temporary credentials in this profile (with what is needed to renew them)'
            cand --profile 'Profile to use [default: default]; naming one makes it win over credentials in the environment'
            cand --config-file 'Profile file [default: ~/.config/alicli/config.toml]'
            cand --region 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)'
            cand --retries 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]'
            cand --connect-timeout 'Seconds to wait for a connection [default: 10]'
            cand --read-timeout 'Seconds to wait for the next bytes of an answer [default: 60]'
            cand --proxy 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)'
            cand --sts-signature-version 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile''s renewals included (profile key `sts_signature_version`) [default: v1]'
            cand --output 'Format of the data a command prints [default: each command''s own: JSON for STS answers, lines or tables for people elsewhere]'
            cand --query 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)'
            cand -v 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
            cand --verbose 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'alicli;sts;assume-role-with-oidc'= {
            cand --role-arn 'Role to assume: acs:ram::<account-id>:role/<role-name>'
            cand --oidc-provider-arn 'The OIDC identity provider in RAM: acs:ram::<account-id>:oidc-provider/<name>'
            cand --role-session-name 'Name for this session (2-64 of letters, digits, . @ - _) [default: from the CI run (gh-<run>-<attempt>, gitlab-<job>), else alicli-<unix time>]'
            cand --oidc-token-file 'File holding the OIDC token, `-` for stdin [default: ALIBABA_CLOUD_OIDC_TOKEN_FILE, else the GitHub Actions token]'
            cand --audience 'Audience of the GitHub Actions token to ask for'
            cand --policy 'Inline policy narrowing the role: JSON text, or @FILE to read it from a file'
            cand --duration-seconds 'Lifetime in seconds, 900-43200 (the role''s maximum session duration caps it) [service default: 3600]'
            cand --endpoint 'STS endpoint, e.g. sts.cn-hangzhou.aliyuncs.com or http://127.0.0.1:9000'
            cand --save-profile 'Also store the temporary credentials in this profile, which renews itself from the same token source'
            cand --profile 'Profile to use [default: default]; naming one makes it win over credentials in the environment'
            cand --config-file 'Profile file [default: ~/.config/alicli/config.toml]'
            cand --region 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)'
            cand --retries 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]'
            cand --connect-timeout 'Seconds to wait for a connection [default: 10]'
            cand --read-timeout 'Seconds to wait for the next bytes of an answer [default: 60]'
            cand --proxy 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)'
            cand --sts-signature-version 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile''s renewals included (profile key `sts_signature_version`) [default: v1]'
            cand --output 'Format of the data a command prints [default: each command''s own: JSON for STS answers, lines or tables for people elsewhere]'
            cand --query 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)'
            cand -v 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
            cand --verbose 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'alicli;sts;get-caller-identity'= {
            cand --endpoint 'STS endpoint, e.g. sts.cn-hangzhou.aliyuncs.com or http://127.0.0.1:9000'
            cand --profile 'Profile to use [default: default]; naming one makes it win over credentials in the environment'
            cand --config-file 'Profile file [default: ~/.config/alicli/config.toml]'
            cand --region 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)'
            cand --retries 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]'
            cand --connect-timeout 'Seconds to wait for a connection [default: 10]'
            cand --read-timeout 'Seconds to wait for the next bytes of an answer [default: 60]'
            cand --proxy 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)'
            cand --sts-signature-version 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile''s renewals included (profile key `sts_signature_version`) [default: v1]'
            cand --output 'Format of the data a command prints [default: each command''s own: JSON for STS answers, lines or tables for people elsewhere]'
            cand --query 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)'
            cand -v 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
            cand --verbose 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'alicli;sts;help'= {
            cand assume-role 'Get temporary credentials for a RAM role (AssumeRole)'
            cand assume-role-with-oidc 'Get temporary credentials for a RAM role with an OIDC token, no AccessKey (AssumeRoleWithOIDC)'
            cand get-caller-identity 'Show the identity behind the current credentials (GetCallerIdentity)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'alicli;sts;help;assume-role'= {
        }
        &'alicli;sts;help;assume-role-with-oidc'= {
        }
        &'alicli;sts;help;get-caller-identity'= {
        }
        &'alicli;sts;help;help'= {
        }
        &'alicli;oss'= {
            cand --profile 'Profile to use [default: default]; naming one makes it win over credentials in the environment'
            cand --config-file 'Profile file [default: ~/.config/alicli/config.toml]'
            cand --region 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)'
            cand --retries 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]'
            cand --connect-timeout 'Seconds to wait for a connection [default: 10]'
            cand --read-timeout 'Seconds to wait for the next bytes of an answer [default: 60]'
            cand --proxy 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)'
            cand --sts-signature-version 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile''s renewals included (profile key `sts_signature_version`) [default: v1]'
            cand --output 'Format of the data a command prints [default: each command''s own: JSON for STS answers, lines or tables for people elsewhere]'
            cand --query 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)'
            cand -v 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
            cand --verbose 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand config 'Store the OSS endpoint and credentials (e.g. temporary ones) in the profile''s oss section'
            cand get 'Download an object to a file, a folder or stdout'
            cand put 'Upload a file or stdin to an object'
            cand sign 'Print a presigned URL for an object (GET or PUT), usable without credentials until it expires'
            cand cp 'Copy a file, an object or (with -r) a whole folder or prefix: local ↔ OSS, OSS → OSS'
            cand sync 'Copy only what is missing or different between a folder and a prefix, or two prefixes'
            cand rm 'Delete an object, or (with -r) every object under a prefix'
            cand ls 'List buckets, or the objects and folders under a prefix'
            cand stat 'Show an object''s size, dates, checksums, type and metadata (HeadObject)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'alicli;oss;config'= {
            cand --endpoint 'OSS endpoint, e.g. oss-cn-hangzhou.aliyuncs.com or http://127.0.0.1:9000'
            cand --access-key-id 'AccessKey ID for OSS (STS.… for temporary credentials)'
            cand --access-key-secret 'AccessKey secret for OSS; `-` reads it from stdin (keeps it out of `ps` and shell history); asked for on a terminal when missing'
            cand --security-token 'Security token that comes with temporary credentials; `-` reads it from stdin (after the secret when both are `-`)'
            cand --sts-token 'Security token that comes with temporary credentials; `-` reads it from stdin (after the secret when both are `-`)'
            cand --sign-version 'Force an OSS signature version for this profile (default: v4 when the region is known)'
            cand --expiration 'When the temporary credentials expire (UTC, e.g. 2026-01-13T15:03:39Z); lets alicli refuse them early'
            cand --profile 'Profile to use [default: default]; naming one makes it win over credentials in the environment'
            cand --config-file 'Profile file [default: ~/.config/alicli/config.toml]'
            cand --region 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)'
            cand --retries 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]'
            cand --connect-timeout 'Seconds to wait for a connection [default: 10]'
            cand --read-timeout 'Seconds to wait for the next bytes of an answer [default: 60]'
            cand --proxy 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)'
            cand --sts-signature-version 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile''s renewals included (profile key `sts_signature_version`) [default: v1]'
            cand --output 'Format of the data a command prints [default: each command''s own: JSON for STS answers, lines or tables for people elsewhere]'
            cand --query 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)'
            cand -v 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
            cand --verbose 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'alicli;oss;get'= {
            cand --include 'Take paths matching PATTERN again after an --exclude (repeatable; the last matching rule wins)'
            cand --exclude 'Leave out paths matching PATTERN, a glob on the path relative to SRC: ''*.log'', ''tmp/*'' (repeatable)'
            cand --max-errors 'Stop starting new objects once N have failed [default: go on to the end]'
            cand --endpoint 'OSS endpoint, e.g. oss-cn-hangzhou.aliyuncs.com or http://127.0.0.1:9000'
            cand --sign-version 'Signature version [default: v4 when the region is known, else v1 with a warning]'
            cand --multipart-threshold 'Objects at least this large move in parts (e.g. 64M, 1G)'
            cand --part-size 'Part size [default: 8M, or larger to stay within 10000 parts]'
            cand --jobs 'Requests in flight at once: parts of one object [default: 4], or objects of a tree (-r, sync, rm -r), large ones'' parts included [default: 32]'
            cand --profile 'Profile to use [default: default]; naming one makes it win over credentials in the environment'
            cand --config-file 'Profile file [default: ~/.config/alicli/config.toml]'
            cand --region 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)'
            cand --retries 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]'
            cand --connect-timeout 'Seconds to wait for a connection [default: 10]'
            cand --read-timeout 'Seconds to wait for the next bytes of an answer [default: 60]'
            cand --proxy 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)'
            cand --sts-signature-version 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile''s renewals included (profile key `sts_signature_version`) [default: v1]'
            cand --output 'Format of the data a command prints [default: each command''s own: JSON for STS answers, lines or tables for people elsewhere]'
            cand --query 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)'
            cand -r 'Download every object under the prefix into the folder DEST, as `cp -r` does'
            cand --recursive 'Download every object under the prefix into the folder DEST, as `cp -r` does'
            cand --no-overwrite 'Leave an existing DEST file alone instead of replacing it'
            cand --dry-run 'Show what would be done, and do nothing (no write request is sent)'
            cand --follow-symlinks 'Follow symbolic links in a local source folder (without it they are skipped, with a warning)'
            cand --no-resume 'Do not resume an interrupted transfer, nor keep a checkpoint to resume this one'
            cand --no-progress 'No progress bar (it only shows when stderr is a terminal anyway)'
            cand -v 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
            cand --verbose 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'alicli;oss;put'= {
            cand --content-type 'Content-Type to store [default: guessed from the key''s extension]'
            cand --cache-control 'Cache-Control to store, e.g. "max-age=3600"'
            cand --content-disposition 'Content-Disposition to store, e.g. "attachment"'
            cand --meta 'User metadata to store as x-oss-meta-KEY (repeatable)'
            cand --storage-class 'Storage class of the new objects'
            cand --acl 'ACL of the new objects (default: the bucket''s)'
            cand --include 'Take paths matching PATTERN again after an --exclude (repeatable; the last matching rule wins)'
            cand --exclude 'Leave out paths matching PATTERN, a glob on the path relative to SRC: ''*.log'', ''tmp/*'' (repeatable)'
            cand --max-errors 'Stop starting new objects once N have failed [default: go on to the end]'
            cand --endpoint 'OSS endpoint, e.g. oss-cn-hangzhou.aliyuncs.com or http://127.0.0.1:9000'
            cand --sign-version 'Signature version [default: v4 when the region is known, else v1 with a warning]'
            cand --multipart-threshold 'Objects at least this large move in parts (e.g. 64M, 1G)'
            cand --part-size 'Part size [default: 8M, or larger to stay within 10000 parts]'
            cand --jobs 'Requests in flight at once: parts of one object [default: 4], or objects of a tree (-r, sync, rm -r), large ones'' parts included [default: 32]'
            cand --profile 'Profile to use [default: default]; naming one makes it win over credentials in the environment'
            cand --config-file 'Profile file [default: ~/.config/alicli/config.toml]'
            cand --region 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)'
            cand --retries 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]'
            cand --connect-timeout 'Seconds to wait for a connection [default: 10]'
            cand --read-timeout 'Seconds to wait for the next bytes of an answer [default: 60]'
            cand --proxy 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)'
            cand --sts-signature-version 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile''s renewals included (profile key `sts_signature_version`) [default: v1]'
            cand --output 'Format of the data a command prints [default: each command''s own: JSON for STS answers, lines or tables for people elsewhere]'
            cand --query 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)'
            cand -r 'Upload a folder: every file under SRC, keys made of DEST''s prefix and the relative paths'
            cand --recursive 'Upload a folder: every file under SRC, keys made of DEST''s prefix and the relative paths'
            cand --no-overwrite 'Never replace: OSS refuses to overwrite an existing object (x-oss-forbid-overwrite), and a download skips a file that exists'
            cand --dry-run 'Show what would be done, and do nothing (no write request is sent)'
            cand --follow-symlinks 'Follow symbolic links in a local source folder (without it they are skipped, with a warning)'
            cand --no-resume 'Do not resume an interrupted transfer, nor keep a checkpoint to resume this one'
            cand --no-progress 'No progress bar (it only shows when stderr is a terminal anyway)'
            cand -v 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
            cand --verbose 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'alicli;oss;sign'= {
            cand --expires 'Seconds the URL stays valid, 1 to 604800 (7 days)'
            cand --method 'HTTP method the URL allows'
            cand --content-type 'Content-Type the uploader must send (signed into a PUT URL)'
            cand --endpoint 'OSS endpoint, e.g. oss-cn-hangzhou.aliyuncs.com or http://127.0.0.1:9000'
            cand --sign-version 'Signature version [default: v4 when the region is known, else v1 with a warning]'
            cand --profile 'Profile to use [default: default]; naming one makes it win over credentials in the environment'
            cand --config-file 'Profile file [default: ~/.config/alicli/config.toml]'
            cand --region 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)'
            cand --retries 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]'
            cand --connect-timeout 'Seconds to wait for a connection [default: 10]'
            cand --read-timeout 'Seconds to wait for the next bytes of an answer [default: 60]'
            cand --proxy 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)'
            cand --sts-signature-version 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile''s renewals included (profile key `sts_signature_version`) [default: v1]'
            cand --output 'Format of the data a command prints [default: each command''s own: JSON for STS answers, lines or tables for people elsewhere]'
            cand --query 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)'
            cand -v 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
            cand --verbose 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'alicli;oss;cp'= {
            cand --content-type 'Content-Type to store [default: guessed from the key''s extension]'
            cand --cache-control 'Cache-Control to store, e.g. "max-age=3600"'
            cand --content-disposition 'Content-Disposition to store, e.g. "attachment"'
            cand --meta 'User metadata to store as x-oss-meta-KEY (repeatable)'
            cand --storage-class 'Storage class of the new objects'
            cand --acl 'ACL of the new objects (default: the bucket''s)'
            cand --include 'Take paths matching PATTERN again after an --exclude (repeatable; the last matching rule wins)'
            cand --exclude 'Leave out paths matching PATTERN, a glob on the path relative to SRC: ''*.log'', ''tmp/*'' (repeatable)'
            cand --max-errors 'Stop starting new objects once N have failed [default: go on to the end]'
            cand --endpoint 'OSS endpoint, e.g. oss-cn-hangzhou.aliyuncs.com or http://127.0.0.1:9000'
            cand --sign-version 'Signature version [default: v4 when the region is known, else v1 with a warning]'
            cand --multipart-threshold 'Objects at least this large move in parts (e.g. 64M, 1G)'
            cand --part-size 'Part size [default: 8M, or larger to stay within 10000 parts]'
            cand --jobs 'Requests in flight at once: parts of one object [default: 4], or objects of a tree (-r, sync, rm -r), large ones'' parts included [default: 32]'
            cand --profile 'Profile to use [default: default]; naming one makes it win over credentials in the environment'
            cand --config-file 'Profile file [default: ~/.config/alicli/config.toml]'
            cand --region 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)'
            cand --retries 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]'
            cand --connect-timeout 'Seconds to wait for a connection [default: 10]'
            cand --read-timeout 'Seconds to wait for the next bytes of an answer [default: 60]'
            cand --proxy 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)'
            cand --sts-signature-version 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile''s renewals included (profile key `sts_signature_version`) [default: v1]'
            cand --output 'Format of the data a command prints [default: each command''s own: JSON for STS answers, lines or tables for people elsewhere]'
            cand --query 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)'
            cand -r 'Copy everything under SRC (a folder or a prefix), keeping relative paths'
            cand --recursive 'Copy everything under SRC (a folder or a prefix), keeping relative paths'
            cand --no-overwrite 'Never replace: OSS refuses to overwrite an existing object (x-oss-forbid-overwrite), and a download skips a file that exists'
            cand --dry-run 'Show what would be done, and do nothing (no write request is sent)'
            cand --follow-symlinks 'Follow symbolic links in a local source folder (without it they are skipped, with a warning)'
            cand --no-resume 'Do not resume an interrupted transfer, nor keep a checkpoint to resume this one'
            cand --no-progress 'No progress bar (it only shows when stderr is a terminal anyway)'
            cand -v 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
            cand --verbose 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'alicli;oss;sync'= {
            cand --content-type 'Content-Type to store [default: guessed from the key''s extension]'
            cand --cache-control 'Cache-Control to store, e.g. "max-age=3600"'
            cand --content-disposition 'Content-Disposition to store, e.g. "attachment"'
            cand --meta 'User metadata to store as x-oss-meta-KEY (repeatable)'
            cand --storage-class 'Storage class of the new objects'
            cand --acl 'ACL of the new objects (default: the bucket''s)'
            cand --include 'Take paths matching PATTERN again after an --exclude (repeatable; the last matching rule wins)'
            cand --exclude 'Leave out paths matching PATTERN, a glob on the path relative to SRC: ''*.log'', ''tmp/*'' (repeatable)'
            cand --max-errors 'Stop starting new objects once N have failed [default: go on to the end]'
            cand --endpoint 'OSS endpoint, e.g. oss-cn-hangzhou.aliyuncs.com or http://127.0.0.1:9000'
            cand --sign-version 'Signature version [default: v4 when the region is known, else v1 with a warning]'
            cand --multipart-threshold 'Objects at least this large move in parts (e.g. 64M, 1G)'
            cand --part-size 'Part size [default: 8M, or larger to stay within 10000 parts]'
            cand --jobs 'Requests in flight at once: parts of one object [default: 4], or objects of a tree (-r, sync, rm -r), large ones'' parts included [default: 32]'
            cand --profile 'Profile to use [default: default]; naming one makes it win over credentials in the environment'
            cand --config-file 'Profile file [default: ~/.config/alicli/config.toml]'
            cand --region 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)'
            cand --retries 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]'
            cand --connect-timeout 'Seconds to wait for a connection [default: 10]'
            cand --read-timeout 'Seconds to wait for the next bytes of an answer [default: 60]'
            cand --proxy 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)'
            cand --sts-signature-version 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile''s renewals included (profile key `sts_signature_version`) [default: v1]'
            cand --output 'Format of the data a command prints [default: each command''s own: JSON for STS answers, lines or tables for people elsewhere]'
            cand --query 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)'
            cand --delete 'Also remove from DST what SRC does not have'
            cand --checksum 'Compare CRC-64s (computed locally, read from OSS without a download) when sizes agree, instead of times'
            cand --no-overwrite 'Never replace: OSS refuses to overwrite an existing object (x-oss-forbid-overwrite), and a download skips a file that exists'
            cand --dry-run 'Show what would be done, and do nothing (no write request is sent)'
            cand --follow-symlinks 'Follow symbolic links in a local source folder (without it they are skipped, with a warning)'
            cand --no-resume 'Do not resume an interrupted transfer, nor keep a checkpoint to resume this one'
            cand --no-progress 'No progress bar (it only shows when stderr is a terminal anyway)'
            cand -v 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
            cand --verbose 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'alicli;oss;rm'= {
            cand --include 'Take paths matching PATTERN again after an --exclude (repeatable; the last matching rule wins)'
            cand --exclude 'Leave out paths matching PATTERN, a glob on the path relative to SRC: ''*.log'', ''tmp/*'' (repeatable)'
            cand --max-errors 'Stop starting new objects once N have failed [default: go on to the end]'
            cand --endpoint 'OSS endpoint, e.g. oss-cn-hangzhou.aliyuncs.com or http://127.0.0.1:9000'
            cand --sign-version 'Signature version [default: v4 when the region is known, else v1 with a warning]'
            cand --multipart-threshold 'Objects at least this large move in parts (e.g. 64M, 1G)'
            cand --part-size 'Part size [default: 8M, or larger to stay within 10000 parts]'
            cand --jobs 'Requests in flight at once: parts of one object [default: 4], or objects of a tree (-r, sync, rm -r), large ones'' parts included [default: 32]'
            cand --profile 'Profile to use [default: default]; naming one makes it win over credentials in the environment'
            cand --config-file 'Profile file [default: ~/.config/alicli/config.toml]'
            cand --region 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)'
            cand --retries 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]'
            cand --connect-timeout 'Seconds to wait for a connection [default: 10]'
            cand --read-timeout 'Seconds to wait for the next bytes of an answer [default: 60]'
            cand --proxy 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)'
            cand --sts-signature-version 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile''s renewals included (profile key `sts_signature_version`) [default: v1]'
            cand --output 'Format of the data a command prints [default: each command''s own: JSON for STS answers, lines or tables for people elsewhere]'
            cand --query 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)'
            cand -r 'Delete every key under the prefix'
            cand --recursive 'Delete every key under the prefix'
            cand --dry-run 'Show what would be done, and do nothing (no write request is sent)'
            cand --follow-symlinks 'Follow symbolic links in a local source folder (without it they are skipped, with a warning)'
            cand --no-resume 'Do not resume an interrupted transfer, nor keep a checkpoint to resume this one'
            cand --no-progress 'No progress bar (it only shows when stderr is a terminal anyway)'
            cand -v 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
            cand --verbose 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'alicli;oss;ls'= {
            cand --endpoint 'OSS endpoint, e.g. oss-cn-hangzhou.aliyuncs.com or http://127.0.0.1:9000'
            cand --sign-version 'Signature version [default: v4 when the region is known, else v1 with a warning]'
            cand --profile 'Profile to use [default: default]; naming one makes it win over credentials in the environment'
            cand --config-file 'Profile file [default: ~/.config/alicli/config.toml]'
            cand --region 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)'
            cand --retries 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]'
            cand --connect-timeout 'Seconds to wait for a connection [default: 10]'
            cand --read-timeout 'Seconds to wait for the next bytes of an answer [default: 60]'
            cand --proxy 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)'
            cand --sts-signature-version 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile''s renewals included (profile key `sts_signature_version`) [default: v1]'
            cand --output 'Format of the data a command prints [default: each command''s own: JSON for STS answers, lines or tables for people elsewhere]'
            cand --query 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)'
            cand -r 'Every key under the prefix, not only one level'
            cand --recursive 'Every key under the prefix, not only one level'
            cand -H 'Sizes in KiB, MiB, GiB… instead of bytes'
            cand --human-readable 'Sizes in KiB, MiB, GiB… instead of bytes'
            cand --summarize 'End with the number of objects and their total size'
            cand -v 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
            cand --verbose 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'alicli;oss;stat'= {
            cand --endpoint 'OSS endpoint, e.g. oss-cn-hangzhou.aliyuncs.com or http://127.0.0.1:9000'
            cand --sign-version 'Signature version [default: v4 when the region is known, else v1 with a warning]'
            cand --profile 'Profile to use [default: default]; naming one makes it win over credentials in the environment'
            cand --config-file 'Profile file [default: ~/.config/alicli/config.toml]'
            cand --region 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)'
            cand --retries 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]'
            cand --connect-timeout 'Seconds to wait for a connection [default: 10]'
            cand --read-timeout 'Seconds to wait for the next bytes of an answer [default: 60]'
            cand --proxy 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)'
            cand --sts-signature-version 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile''s renewals included (profile key `sts_signature_version`) [default: v1]'
            cand --output 'Format of the data a command prints [default: each command''s own: JSON for STS answers, lines or tables for people elsewhere]'
            cand --query 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)'
            cand -v 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
            cand --verbose 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'alicli;oss;help'= {
            cand config 'Store the OSS endpoint and credentials (e.g. temporary ones) in the profile''s oss section'
            cand get 'Download an object to a file, a folder or stdout'
            cand put 'Upload a file or stdin to an object'
            cand sign 'Print a presigned URL for an object (GET or PUT), usable without credentials until it expires'
            cand cp 'Copy a file, an object or (with -r) a whole folder or prefix: local ↔ OSS, OSS → OSS'
            cand sync 'Copy only what is missing or different between a folder and a prefix, or two prefixes'
            cand rm 'Delete an object, or (with -r) every object under a prefix'
            cand ls 'List buckets, or the objects and folders under a prefix'
            cand stat 'Show an object''s size, dates, checksums, type and metadata (HeadObject)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'alicli;oss;help;config'= {
        }
        &'alicli;oss;help;get'= {
        }
        &'alicli;oss;help;put'= {
        }
        &'alicli;oss;help;sign'= {
        }
        &'alicli;oss;help;cp'= {
        }
        &'alicli;oss;help;sync'= {
        }
        &'alicli;oss;help;rm'= {
        }
        &'alicli;oss;help;ls'= {
        }
        &'alicli;oss;help;stat'= {
        }
        &'alicli;oss;help;help'= {
        }
        &'alicli;policy'= {
            cand --profile 'Profile to use [default: default]; naming one makes it win over credentials in the environment'
            cand --config-file 'Profile file [default: ~/.config/alicli/config.toml]'
            cand --region 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)'
            cand --retries 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]'
            cand --connect-timeout 'Seconds to wait for a connection [default: 10]'
            cand --read-timeout 'Seconds to wait for the next bytes of an answer [default: 60]'
            cand --proxy 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)'
            cand --sts-signature-version 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile''s renewals included (profile key `sts_signature_version`) [default: v1]'
            cand --output 'Format of the data a command prints [default: each command''s own: JSON for STS answers, lines or tables for people elsewhere]'
            cand --query 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)'
            cand -v 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
            cand --verbose 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand check 'Validate policy documents and point out likely mistakes, with JSON paths (exit 2 on errors)'
            cand eval 'Decide requests against policies offline and show which statement decided'
            cand probe 'Try object operations under a prefix with a profile''s credentials and show what is allowed'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'alicli;policy;check'= {
            cand --profile 'Profile to use [default: default]; naming one makes it win over credentials in the environment'
            cand --config-file 'Profile file [default: ~/.config/alicli/config.toml]'
            cand --region 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)'
            cand --retries 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]'
            cand --connect-timeout 'Seconds to wait for a connection [default: 10]'
            cand --read-timeout 'Seconds to wait for the next bytes of an answer [default: 60]'
            cand --proxy 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)'
            cand --sts-signature-version 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile''s renewals included (profile key `sts_signature_version`) [default: v1]'
            cand --output 'Format of the data a command prints [default: each command''s own: JSON for STS answers, lines or tables for people elsewhere]'
            cand --query 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)'
            cand --session 'Check as a session policy (the --policy of sts assume-role): over 2048 characters is an error'
            cand -v 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
            cand --verbose 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'alicli;policy;eval'= {
            cand --policy 'Policy to test (the session policy when --role-policy is given): a file, - for stdin, the JSON itself, or a system policy name; repeat for several'
            cand --role-policy 'A policy attached to the role; requests must then be allowed by the role''s policies and by --policy (repeatable)'
            cand --action 'Action such as oss:GetObject; repeat (or separate with commas) for several'
            cand --resource 'Resource: acs:oss:*:<account>:bucket/key, oss://bucket/key (oss://bucket for the bucket), or *; repeatable'
            cand --context 'A request condition value such as acs:SourceIp=203.0.113.7; repeatable (acs:CurrentTime defaults to now)'
            cand --account 'Account id written into resources given as oss:// URLs [default: *]'
            cand --profile 'Profile to use [default: default]; naming one makes it win over credentials in the environment'
            cand --config-file 'Profile file [default: ~/.config/alicli/config.toml]'
            cand --region 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)'
            cand --retries 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]'
            cand --connect-timeout 'Seconds to wait for a connection [default: 10]'
            cand --read-timeout 'Seconds to wait for the next bytes of an answer [default: 60]'
            cand --proxy 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)'
            cand --sts-signature-version 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile''s renewals included (profile key `sts_signature_version`) [default: v1]'
            cand --output 'Format of the data a command prints [default: each command''s own: JSON for STS answers, lines or tables for people elsewhere]'
            cand --query 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)'
            cand -v 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
            cand --verbose 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'alicli;policy;probe'= {
            cand --suffix 'Appended to the probe object''s name, e.g. .jpg to probe a policy that allows only *.jpg'
            cand --endpoint 'OSS endpoint, e.g. oss-cn-hangzhou.aliyuncs.com or http://127.0.0.1:9000'
            cand --sign-version 'Signature version [default: v4 when the region is known, else v1 with a warning]'
            cand --profile 'Profile to use [default: default]; naming one makes it win over credentials in the environment'
            cand --config-file 'Profile file [default: ~/.config/alicli/config.toml]'
            cand --region 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)'
            cand --retries 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]'
            cand --connect-timeout 'Seconds to wait for a connection [default: 10]'
            cand --read-timeout 'Seconds to wait for the next bytes of an answer [default: 60]'
            cand --proxy 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)'
            cand --sts-signature-version 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile''s renewals included (profile key `sts_signature_version`) [default: v1]'
            cand --output 'Format of the data a command prints [default: each command''s own: JSON for STS answers, lines or tables for people elsewhere]'
            cand --query 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)'
            cand -v 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
            cand --verbose 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'alicli;policy;help'= {
            cand check 'Validate policy documents and point out likely mistakes, with JSON paths (exit 2 on errors)'
            cand eval 'Decide requests against policies offline and show which statement decided'
            cand probe 'Try object operations under a prefix with a profile''s credentials and show what is allowed'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'alicli;policy;help;check'= {
        }
        &'alicli;policy;help;eval'= {
        }
        &'alicli;policy;help;probe'= {
        }
        &'alicli;policy;help;help'= {
        }
        &'alicli;serve'= {
            cand --listen 'Address to listen on; port 0 picks a free port'
            cand --data-dir 'Where objects are kept [default: a temporary folder removed on exit]'
            cand --config 'TOML file describing the account, users, roles and buckets'
            cand --profile 'Profile to use [default: default]; naming one makes it win over credentials in the environment'
            cand --config-file 'Profile file [default: ~/.config/alicli/config.toml]'
            cand --region 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)'
            cand --retries 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]'
            cand --connect-timeout 'Seconds to wait for a connection [default: 10]'
            cand --read-timeout 'Seconds to wait for the next bytes of an answer [default: 60]'
            cand --proxy 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)'
            cand --sts-signature-version 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile''s renewals included (profile key `sts_signature_version`) [default: v1]'
            cand --output 'Format of the data a command prints [default: each command''s own: JSON for STS answers, lines or tables for people elsewhere]'
            cand --query 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)'
            cand -v 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
            cand --verbose 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'alicli;demo'= {
            cand --profile 'Profile to use [default: default]; naming one makes it win over credentials in the environment'
            cand --config-file 'Profile file [default: ~/.config/alicli/config.toml]'
            cand --region 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)'
            cand --retries 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]'
            cand --connect-timeout 'Seconds to wait for a connection [default: 10]'
            cand --read-timeout 'Seconds to wait for the next bytes of an answer [default: 60]'
            cand --proxy 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)'
            cand --sts-signature-version 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile''s renewals included (profile key `sts_signature_version`) [default: v1]'
            cand --output 'Format of the data a command prints [default: each command''s own: JSON for STS answers, lines or tables for people elsewhere]'
            cand --query 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)'
            cand -v 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
            cand --verbose 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'alicli;completions'= {
            cand --profile 'Profile to use [default: default]; naming one makes it win over credentials in the environment'
            cand --config-file 'Profile file [default: ~/.config/alicli/config.toml]'
            cand --region 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)'
            cand --retries 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]'
            cand --connect-timeout 'Seconds to wait for a connection [default: 10]'
            cand --read-timeout 'Seconds to wait for the next bytes of an answer [default: 60]'
            cand --proxy 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)'
            cand --sts-signature-version 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile''s renewals included (profile key `sts_signature_version`) [default: v1]'
            cand --output 'Format of the data a command prints [default: each command''s own: JSON for STS answers, lines or tables for people elsewhere]'
            cand --query 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)'
            cand --install 'Install completion that also knows your profile names and `configure` keys (it asks alicli at each Tab), in the shell''s folder for your completions, and print the file written'
            cand -v 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
            cand --verbose 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'alicli;man'= {
            cand --profile 'Profile to use [default: default]; naming one makes it win over credentials in the environment'
            cand --config-file 'Profile file [default: ~/.config/alicli/config.toml]'
            cand --region 'Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)'
            cand --retries 'Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]'
            cand --connect-timeout 'Seconds to wait for a connection [default: 10]'
            cand --read-timeout 'Seconds to wait for the next bytes of an answer [default: 60]'
            cand --proxy 'Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)'
            cand --sts-signature-version 'Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile''s renewals included (profile key `sts_signature_version`) [default: v1]'
            cand --output 'Format of the data a command prints [default: each command''s own: JSON for STS answers, lines or tables for people elsewhere]'
            cand --query 'JMESPath expression applied to the JSON form of the answer before it is printed, e.g. Credentials.AccessKeyId (per record for commands that print one per object)'
            cand --install 'Write alicli.1 and a page per command into your man folder (or DIR), and print the folder'
            cand -v 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
            cand --verbose 'Trace each request on stderr: request line, status, request id, what was signed (secrets masked)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'alicli;help'= {
            cand configure 'Store a RAM user''s long-term AccessKey (and region, STS endpoint) in a profile'
            cand sts 'Security Token Service: assume a role, show who you are'
            cand oss 'Object Storage Service: configure, list, describe, download and upload objects'
            cand policy 'RAM policies: check a document, evaluate requests against it, probe what credentials may do'
            cand serve 'Run the local cloud: an STS + OSS endpoint on loopback that checks signatures and policies'
            cand demo 'Walk through the whole flow against a throwaway local cloud'
            cand completions 'Print a shell completion script, or install one that knows your profiles (--install)'
            cand man 'Install the man pages (`man alicli`, `man alicli-oss-cp`, …) in your man folder or DIR'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'alicli;help;configure'= {
            cand list 'List profiles: kind, region, endpoint, time left, masked key id (never secrets)'
            cand get 'Print one setting of the profile (secrets are never printed; see export-credentials)'
            cand set 'Change one setting of the profile (an empty VALUE removes it; `-` reads it from stdin)'
            cand export-credentials 'Print the profile''s credentials for another tool (a role profile renews them first)'
            cand import 'Copy profiles from the official CLI''s ~/.aliyun/config.json (never written)'
        }
        &'alicli;help;configure;list'= {
        }
        &'alicli;help;configure;get'= {
        }
        &'alicli;help;configure;set'= {
        }
        &'alicli;help;configure;export-credentials'= {
        }
        &'alicli;help;configure;import'= {
        }
        &'alicli;help;sts'= {
            cand assume-role 'Get temporary credentials for a RAM role (AssumeRole)'
            cand assume-role-with-oidc 'Get temporary credentials for a RAM role with an OIDC token, no AccessKey (AssumeRoleWithOIDC)'
            cand get-caller-identity 'Show the identity behind the current credentials (GetCallerIdentity)'
        }
        &'alicli;help;sts;assume-role'= {
        }
        &'alicli;help;sts;assume-role-with-oidc'= {
        }
        &'alicli;help;sts;get-caller-identity'= {
        }
        &'alicli;help;oss'= {
            cand config 'Store the OSS endpoint and credentials (e.g. temporary ones) in the profile''s oss section'
            cand get 'Download an object to a file, a folder or stdout'
            cand put 'Upload a file or stdin to an object'
            cand sign 'Print a presigned URL for an object (GET or PUT), usable without credentials until it expires'
            cand cp 'Copy a file, an object or (with -r) a whole folder or prefix: local ↔ OSS, OSS → OSS'
            cand sync 'Copy only what is missing or different between a folder and a prefix, or two prefixes'
            cand rm 'Delete an object, or (with -r) every object under a prefix'
            cand ls 'List buckets, or the objects and folders under a prefix'
            cand stat 'Show an object''s size, dates, checksums, type and metadata (HeadObject)'
        }
        &'alicli;help;oss;config'= {
        }
        &'alicli;help;oss;get'= {
        }
        &'alicli;help;oss;put'= {
        }
        &'alicli;help;oss;sign'= {
        }
        &'alicli;help;oss;cp'= {
        }
        &'alicli;help;oss;sync'= {
        }
        &'alicli;help;oss;rm'= {
        }
        &'alicli;help;oss;ls'= {
        }
        &'alicli;help;oss;stat'= {
        }
        &'alicli;help;policy'= {
            cand check 'Validate policy documents and point out likely mistakes, with JSON paths (exit 2 on errors)'
            cand eval 'Decide requests against policies offline and show which statement decided'
            cand probe 'Try object operations under a prefix with a profile''s credentials and show what is allowed'
        }
        &'alicli;help;policy;check'= {
        }
        &'alicli;help;policy;eval'= {
        }
        &'alicli;help;policy;probe'= {
        }
        &'alicli;help;serve'= {
        }
        &'alicli;help;demo'= {
        }
        &'alicli;help;completions'= {
        }
        &'alicli;help;man'= {
        }
        &'alicli;help;help'= {
        }
    ]
    $completions[$command]
}
