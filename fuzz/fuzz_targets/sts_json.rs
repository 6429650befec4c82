//! Fuzz target: what STS answers, as alicli reads it: error bodies through
//! `alicli_wire::sts::parse_error` (any text, JSON or not) and successful AssumeRole answers as
//! `alicli_wire::sts::AssumeRoleResponse`. The first two bytes pick the HTTP status. An answer that
//! reads must print and re-read unchanged (assume-role prints it as JSON, `--save-profile` keeps it).
#![no_main]

use alicli::sts::{parse_error, AssumeRoleResponse};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (status, body) = match data {
        [a, b, rest @ ..] => (u16::from_be_bytes([*a, *b]), rest),
        _ => (400, data),
    };
    let text = String::from_utf8_lossy(body);

    let error = parse_error(status, &text);
    assert_eq!(error.status, status);
    let _ = alicli::error::exit_of_service(&error);
    let _ = error.to_string();

    if let Ok(answer) = serde_json::from_str::<AssumeRoleResponse>(&text) {
        let printed = serde_json::to_string_pretty(&answer).expect("an answer prints");
        let again: AssumeRoleResponse =
            serde_json::from_str(&printed).expect("a printed answer reads back");
        assert_eq!(format!("{answer:?}"), format!("{again:?}"));
    }
});
