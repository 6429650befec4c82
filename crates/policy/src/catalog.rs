//! What alicli knows about the names that appear in OSS and STS policies: the RAM action names of
//! OSS (with the level of resource each one is authorized on) and of STS, the API operations that
//! are authorized under another action's name, and the condition keys the checks understand. The
//! lists follow the RAM documentation pages "OSS actions" and "Policy elements"; `policy check`
//! uses them to catch typos and mismatched resources before a policy reaches the cloud.

/// The kind of resource an action is authorized on, which decides what `Resource` must match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// The account's OSS as a whole (ListBuckets).
    Service,
    /// `acs:oss:*:<account>:<bucket>`.
    Bucket,
    /// `acs:oss:*:<account>:<bucket>/<key>`.
    Object,
    /// Access points, live channels and other resources with their own forms: no resource check.
    Other,
}

/// OSS actions as RAM spells them (without the `oss:` prefix).
const OSS: &[(&str, Level)] = &[
    // Service level.
    ("ListBuckets", Level::Service),
    ("ListUserDataRedundancyTransition", Level::Service),
    ("ActivateProduct", Level::Service),
    ("CreateOrder", Level::Service),
    ("PutPublicAccessBlock", Level::Service),
    ("GetPublicAccessBlock", Level::Service),
    ("DeletePublicAccessBlock", Level::Service),
    ("InitUserAntiDDosInfo", Level::Service),
    ("UpdateUserAntiDDosInfo", Level::Service),
    ("GetUserAntiDDosInfo", Level::Service),
    // Bucket level.
    ("PutBucket", Level::Bucket),
    ("DeleteBucket", Level::Bucket),
    ("ListObjects", Level::Bucket),
    ("ListObjectVersions", Level::Bucket),
    ("ListMultipartUploads", Level::Bucket),
    ("GetBucketInfo", Level::Bucket),
    ("GetBucketLocation", Level::Bucket),
    ("GetBucketStat", Level::Bucket),
    ("PutBucketVersioning", Level::Bucket),
    ("GetBucketVersioning", Level::Bucket),
    ("PutBucketAcl", Level::Bucket),
    ("GetBucketAcl", Level::Bucket),
    ("InitiateBucketWorm", Level::Bucket),
    ("AbortBucketWorm", Level::Bucket),
    ("CompleteBucketWorm", Level::Bucket),
    ("ExtendBucketWorm", Level::Bucket),
    ("GetBucketWorm", Level::Bucket),
    ("PutBucketLogging", Level::Bucket),
    ("GetBucketLogging", Level::Bucket),
    ("DeleteBucketLogging", Level::Bucket),
    ("PutBucketWebsite", Level::Bucket),
    ("GetBucketWebsite", Level::Bucket),
    ("DeleteBucketWebsite", Level::Bucket),
    ("PutBucketReferer", Level::Bucket),
    ("GetBucketReferer", Level::Bucket),
    ("PutBucketLifecycle", Level::Bucket),
    ("GetBucketLifecycle", Level::Bucket),
    ("DeleteBucketLifecycle", Level::Bucket),
    ("PutBucketTransferAcceleration", Level::Bucket),
    ("GetBucketTransferAcceleration", Level::Bucket),
    ("PutBucketCors", Level::Bucket),
    ("GetBucketCors", Level::Bucket),
    ("DeleteBucketCors", Level::Bucket),
    ("PutBucketPolicy", Level::Bucket),
    ("GetBucketPolicy", Level::Bucket),
    ("DeleteBucketPolicy", Level::Bucket),
    ("GetBucketPolicyStatus", Level::Bucket),
    ("PutBucketTagging", Level::Bucket),
    ("GetBucketTagging", Level::Bucket),
    ("DeleteBucketTagging", Level::Bucket),
    ("PutBucketEncryption", Level::Bucket),
    ("GetBucketEncryption", Level::Bucket),
    ("DeleteBucketEncryption", Level::Bucket),
    ("PutBucketRequestPayment", Level::Bucket),
    ("GetBucketRequestPayment", Level::Bucket),
    ("PutBucketReplication", Level::Bucket),
    ("PutBucketRTC", Level::Bucket),
    ("GetBucketReplication", Level::Bucket),
    ("DeleteBucketReplication", Level::Bucket),
    ("GetBucketReplicationLocation", Level::Bucket),
    ("GetBucketReplicationProgress", Level::Bucket),
    ("ReplicateList", Level::Bucket),
    ("PutBucketInventory", Level::Bucket),
    ("GetBucketInventory", Level::Bucket),
    ("DeleteBucketInventory", Level::Bucket),
    ("PutBucketAccessMonitor", Level::Bucket),
    ("GetBucketAccessMonitor", Level::Bucket),
    ("OpenMetaQuery", Level::Bucket),
    ("GetMetaQueryStatus", Level::Bucket),
    ("DoMetaQuery", Level::Bucket),
    ("CloseMetaQuery", Level::Bucket),
    ("InitBucketAntiDDosInfo", Level::Bucket),
    ("UpdateBucketAntiDDosInfo", Level::Bucket),
    ("ListBucketAntiDDosInfo", Level::Other),
    ("PutBucketResourceGroup", Level::Bucket),
    ("GetBucketResourceGroup", Level::Bucket),
    ("CreateCnameToken", Level::Bucket),
    ("GetCnameToken", Level::Bucket),
    ("PutCname", Level::Bucket),
    ("ListCname", Level::Bucket),
    ("DeleteCname", Level::Bucket),
    ("PutStyle", Level::Bucket),
    ("GetStyle", Level::Bucket),
    ("ListStyle", Level::Bucket),
    ("DeleteStyle", Level::Bucket),
    ("PutBucketArchiveDirectRead", Level::Bucket),
    ("GetBucketArchiveDirectRead", Level::Bucket),
    ("PutBucketHttpsConfig", Level::Bucket),
    ("GetBucketHttpsConfig", Level::Bucket),
    ("CreateBucketDataRedundancyTransition", Level::Bucket),
    ("GetBucketDataRedundancyTransition", Level::Bucket),
    ("DeleteBucketDataRedundancyTransition", Level::Bucket),
    ("ListBucketDataRedundancyTransition", Level::Bucket),
    ("PutBucketPublicAccessBlock", Level::Bucket),
    ("GetBucketPublicAccessBlock", Level::Bucket),
    ("DeleteBucketPublicAccessBlock", Level::Bucket),
    // Access points have resources of their own.
    ("CreateAccessPoint", Level::Other),
    ("GetAccessPoint", Level::Other),
    ("DeleteAccessPoint", Level::Other),
    ("ListAccessPoints", Level::Other),
    ("PutAccessPointPolicy", Level::Other),
    ("GetAccessPointPolicy", Level::Other),
    ("DeleteAccessPointPolicy", Level::Other),
    ("PutAccessPointPublicAccessBlock", Level::Other),
    ("GetAccessPointPublicAccessBlock", Level::Other),
    ("DeleteAccessPointPublicAccessBlock", Level::Other),
    ("CreateAccessPointForObjectProcess", Level::Other),
    ("GetAccessPointForObjectProcess", Level::Other),
    ("DeleteAccessPointForObjectProcess", Level::Other),
    ("ListAccessPointsForObjectProcess", Level::Other),
    ("PutAccessPointConfigForObjectProcess", Level::Other),
    ("GetAccessPointConfigForObjectProcess", Level::Other),
    ("PutAccessPointPolicyForObjectProcess", Level::Other),
    ("GetAccessPointPolicyForObjectProcess", Level::Other),
    ("DeleteAccessPointPolicyForObjectProcess", Level::Other),
    ("WriteGetObjectResponse", Level::Other),
    // Object level.
    ("PutObject", Level::Object),
    ("GetObject", Level::Object),
    ("DeleteObject", Level::Object),
    ("AbortMultipartUpload", Level::Object),
    ("ListParts", Level::Object),
    ("PutObjectAcl", Level::Object),
    ("GetObjectAcl", Level::Object),
    ("RestoreObject", Level::Object),
    ("PutObjectTagging", Level::Object),
    ("GetObjectTagging", Level::Object),
    ("DeleteObjectTagging", Level::Object),
    ("GetObjectVersion", Level::Object),
    ("PutObjectVersionAcl", Level::Object),
    ("GetObjectVersionAcl", Level::Object),
    ("RestoreObjectVersion", Level::Object),
    ("DeleteObjectVersion", Level::Object),
    ("PutObjectVersionTagging", Level::Object),
    ("GetObjectVersionTagging", Level::Object),
    ("DeleteObjectVersionTagging", Level::Object),
    ("ProcessImm", Level::Object),
    ("PostProcessTask", Level::Object),
    ("ReplicateGet", Level::Object),
    ("ReplicatePut", Level::Object),
    ("ReplicateDelete", Level::Object),
    // Live channels (RTMP ingest) are named under the bucket in their own way.
    ("PutLiveChannel", Level::Other),
    ("ListLiveChannel", Level::Other),
    ("DeleteLiveChannel", Level::Other),
    ("PutLiveChannelStatus", Level::Other),
    ("GetLiveChannel", Level::Other),
    ("GetLiveChannelStat", Level::Other),
    ("GetLiveChannelHistory", Level::Other),
    ("PostVodPlaylist", Level::Other),
    ("GetVodPlaylist", Level::Other),
    ("PublishRtmpStream", Level::Other),
];

/// STS actions that RAM policies can name.
const STS: &[&str] = &[
    "AssumeRole",
    "AssumeRoleWithSAML",
    "AssumeRoleWithOIDC",
    "GetCallerIdentity",
];

/// OSS API operations that have no action of their own: RAM authorizes them as the listed
/// actions, so writing the operation's name in a policy grants nothing.
const OSS_OPERATIONS: &[(&str, &[&str])] = &[
    ("HeadObject", &["GetObject"]),
    ("GetObjectMeta", &["GetObject"]),
    ("SelectObject", &["GetObject"]),
    ("GetSymlink", &["GetObject"]),
    ("AppendObject", &["PutObject"]),
    ("PostObject", &["PutObject"]),
    ("PutSymlink", &["PutObject"]),
    ("InitiateMultipartUpload", &["PutObject"]),
    ("UploadPart", &["PutObject"]),
    ("CompleteMultipartUpload", &["PutObject"]),
    ("CopyObject", &["GetObject", "PutObject"]),
    ("UploadPartCopy", &["GetObject", "PutObject"]),
    ("DeleteMultipleObjects", &["DeleteObject"]),
    ("GetBucket", &["ListObjects"]),
    ("ListObjectsV2", &["ListObjects"]),
    ("GetService", &["ListBuckets"]),
];

/// The value type a condition key carries, which decides the operators that make sense for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyType {
    Text,
    Date,
    Bool,
    Ip,
    Number,
}

/// Condition keys the checks know, with their types: the common `acs:` keys, the OSS ones, and
/// the claims of an OIDC token that a role's trust policy may test (AssumeRoleWithOIDC).
const CONDITION_KEYS: &[(&str, KeyType)] = &[
    ("acs:SourceIp", KeyType::Ip),
    ("acs:CurrentTime", KeyType::Date),
    ("acs:SecureTransport", KeyType::Bool),
    ("acs:MFAPresent", KeyType::Bool),
    ("acs:SourceVpc", KeyType::Text),
    ("acs:AccessId", KeyType::Text),
    ("acs:UserAgent", KeyType::Text),
    ("acs:Referer", KeyType::Text),
    ("oss:Prefix", KeyType::Text),
    ("oss:Delimiter", KeyType::Text),
    ("oss:MaxKeys", KeyType::Number),
    ("oss:x-oss-object-acl", KeyType::Text),
    ("oss:x-oss-storage-class", KeyType::Text),
    ("oss:x-oss-forbid-overwrite", KeyType::Bool),
    ("oss:x-oss-server-side-encryption", KeyType::Text),
    ("oidc:iss", KeyType::Text),
    ("oidc:aud", KeyType::Text),
    ("oidc:sub", KeyType::Text),
];

/// The OSS actions that carry `oss:Prefix` in their request context.
pub const LISTING_ACTIONS: &[&str] = &["ListObjects", "ListObjectVersions", "ListMultipartUploads"];

/// The services whose action names alicli knows in full.
pub fn is_cataloged_service(service: &str) -> bool {
    service.eq_ignore_ascii_case("oss") || service.eq_ignore_ascii_case("sts")
}

/// Every known action of a cataloged service, `service:Name` spelled as RAM documents it.
pub fn actions(service: &str) -> Vec<String> {
    if service.eq_ignore_ascii_case("oss") {
        OSS.iter().map(|(name, _)| format!("oss:{name}")).collect()
    } else if service.eq_ignore_ascii_case("sts") {
        STS.iter().map(|name| format!("sts:{name}")).collect()
    } else {
        Vec::new()
    }
}

/// The canonical spelling of a known action (matching is case-insensitive, as RAM's is).
pub fn known_action(action: &str) -> Option<String> {
    let (service, _) = action.split_once(':')?;
    actions(service)
        .into_iter()
        .find(|known| known.eq_ignore_ascii_case(action))
}

/// The resource level of a known OSS action.
pub fn oss_level(action: &str) -> Option<Level> {
    let name = action
        .get(..4)
        .filter(|p| p.eq_ignore_ascii_case("oss:"))
        .map(|_| &action[4..])?;
    OSS.iter()
        .find(|(known, _)| known.eq_ignore_ascii_case(name))
        .map(|(_, level)| *level)
}

/// For an OSS API operation name written as an action (`oss:HeadObject`), the actions RAM
/// authorizes it as.
pub fn operation_actions(action: &str) -> Option<Vec<String>> {
    let (service, name) = action.split_once(':')?;
    if !service.eq_ignore_ascii_case("oss") {
        return None;
    }
    OSS_OPERATIONS
        .iter()
        .find(|(op, _)| op.eq_ignore_ascii_case(name))
        .map(|(_, actions)| actions.iter().map(|a| format!("oss:{a}")).collect())
}

/// The type and canonical spelling of a known condition key (keys compare case-insensitively).
pub fn condition_key(key: &str) -> Option<(&'static str, KeyType)> {
    CONDITION_KEYS
        .iter()
        .find(|(known, _)| known.eq_ignore_ascii_case(key))
        .copied()
}

/// Known condition keys of the same namespace (`acs:`, `oss:`), for suggestions.
pub fn condition_keys() -> impl Iterator<Item = &'static str> {
    CONDITION_KEYS.iter().map(|(k, _)| *k)
}

/// The candidate closest to `word` by edit distance (case-insensitive), when it is close enough
/// to be a likely typo: at most 2 edits, and fewer than a third of the word.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word = word.to_lowercase();
    let budget = 2.min(word.chars().count() / 3);
    candidates
        .into_iter()
        .map(|c| (edit_distance(&word, &c.to_lowercase()), c))
        .filter(|(d, _)| *d <= budget)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance over characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        current[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitute = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitute.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_well_formed() {
        let mut seen = std::collections::HashSet::new();
        for (name, _) in OSS {
            assert!(seen.insert(name.to_lowercase()), "duplicate {name}");
            assert!(name.chars().all(|c| c.is_ascii_alphanumeric()), "{name}");
        }
        for (op, targets) in OSS_OPERATIONS {
            assert!(known_action(&format!("oss:{op}")).is_none(), "{op}");
            for t in *targets {
                assert!(known_action(&format!("oss:{t}")).is_some(), "{t}");
            }
        }
    }

    #[test]
    fn lookups() {
        assert_eq!(
            known_action("OSS:getobject").as_deref(),
            Some("oss:GetObject")
        );
        assert_eq!(
            known_action("sts:assumerole").as_deref(),
            Some("sts:AssumeRole")
        );
        assert!(known_action("oss:GetObjects").is_none());
        assert!(known_action("GetObject").is_none());
        assert_eq!(oss_level("oss:ListObjects"), Some(Level::Bucket));
        assert_eq!(oss_level("oss:getobject"), Some(Level::Object));
        assert_eq!(oss_level("oss:ListBuckets"), Some(Level::Service));
        assert_eq!(oss_level("sts:AssumeRole"), None);
        assert_eq!(oss_level("é"), None);
        assert_eq!(
            operation_actions("oss:headobject"),
            Some(vec!["oss:GetObject".to_string()])
        );
        assert_eq!(operation_actions("sts:HeadObject"), None);
        assert_eq!(
            condition_key("ACS:sourceip"),
            Some(("acs:SourceIp", KeyType::Ip))
        );
    }

    #[test]
    fn distances_and_suggestions() {
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("same", "same"), 0);
        let all = actions("oss");
        let names = all.iter().map(String::as_str);
        assert_eq!(
            nearest("oss:GetObjects", names.clone()),
            Some("oss:GetObject")
        );
        assert_eq!(
            nearest("oss:getobjet", names.clone()),
            Some("oss:GetObject")
        );
        assert_eq!(
            nearest("oss:ListObject", names.clone()),
            Some("oss:ListObjects")
        );
        assert_eq!(nearest("oss:Frobnicate", names.clone()), None);
        // Short words get a smaller budget so unrelated short names are not "corrected".
        assert_eq!(nearest("ab", ["xy"]), None);
    }
}
