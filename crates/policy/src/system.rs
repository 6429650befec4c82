//! RAM's system policies by name (`AliyunOSSReadOnlyAccess`…), for the local cloud's roles and
//! for `policy check` / `policy eval`, which take a name where they take a document.

/// The system policies alicli knows by name, with the documents RAM gives them: what a role of
/// the local cloud may be granted, and what `policy check` / `policy eval` accept as a name.
pub fn system_policy(name: &str) -> Option<&'static str> {
    Some(match name {
        "AliyunOSSReadOnlyAccess" => {
            r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["oss:Get*","oss:List*"],"Resource":"*"}]}"#
        }
        "AliyunOSSFullAccess" => {
            r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:*","Resource":"*"}]}"#
        }
        "AliyunSTSAssumeRoleAccess" => {
            r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}]}"#
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn system_policies_parse() {
        for name in [
            "AliyunOSSReadOnlyAccess",
            "AliyunOSSFullAccess",
            "AliyunSTSAssumeRoleAccess",
        ] {
            let text = system_policy(name).unwrap();
            assert!(crate::Policy::parse(text).is_ok(), "{name}");
        }
        assert!(system_policy("NoSuchPolicy").is_none());
    }
}
