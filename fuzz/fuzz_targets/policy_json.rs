//! Fuzz target: RAM policy documents (session policies from `--policy`, the local cloud's role
//! and trust policies, `policy check` and `policy eval` input). Parses with
//! `alicli_policy::Policy::parse`; what parses is evaluated against fixed requests (alone, in
//! layers, as a trust policy, with near-miss explanations), and every text goes through
//! `alicli_policy::lint::check`, whose verdict on validity must agree with the parser's.
#![no_main]

use alicli_policy::explain::near_misses;
use alicli_policy::lint::{check, CheckOptions};
use alicli_policy::{
    evaluate, evaluate_layers, trust_allows, wildcard_match, Policy, RequestContext,
};
use libfuzzer_sys::fuzz_target;

fn requests() -> Vec<RequestContext> {
    let context = vec![
        ("acs:SourceIp".to_string(), "203.0.113.7".to_string()),
        (
            "acs:CurrentTime".to_string(),
            "2026-01-13T15:03:39Z".to_string(),
        ),
        ("acs:SecureTransport".to_string(), "true".to_string()),
        ("oss:Prefix".to_string(), "2015/01/".to_string()),
    ];
    vec![
        RequestContext {
            action: "oss:GetObject".into(),
            resource: "acs:oss:*:1234567890123456:sample-bucket/2015/01/01/grass.jpg".into(),
            context: context.clone(),
        },
        RequestContext {
            action: "oss:ListObjects".into(),
            resource: "acs:oss:*:1234567890123456:sample-bucket".into(),
            context,
        },
        RequestContext {
            action: "sts:AssumeRole".into(),
            resource: "acs:ram::1234567890123456:role/oss-readonly".into(),
            context: Vec::new(),
        },
    ]
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };

    let parsed = Policy::parse(text);
    if let Ok(policy) = &parsed {
        for request in requests() {
            let decision = evaluate(&[policy], &request);
            let layered = evaluate_layers(&[&[policy], &[policy]], &request);
            assert_eq!(decision.is_allowed(), layered.is_allowed());
            for miss in near_misses(policy, &request) {
                assert!(miss.statement < policy.statements().len());
            }
        }
        let _ = trust_allows(policy, "acs:ram::1234567890123456:user/appserver");
        let _ = trust_allows(policy, "acs:ram::1234567890123456:root");
    }

    for session in [false, true] {
        let report = check(text, CheckOptions { session });
        for finding in &report.findings {
            assert!(finding.path.starts_with('$'), "{finding:?}");
            let _ = finding.to_string();
        }
        // check parses the trimmed text; so must the plain parser.
        assert_eq!(
            report.policy.is_some(),
            Policy::parse(text.trim()).is_ok(),
            "check and parse disagree"
        );
    }

    // The wildcard matcher, with the text split into pattern and value.
    if let Some((pattern, value)) = text.split_once('\n') {
        let _ = wildcard_match(pattern, value);
    }
});
