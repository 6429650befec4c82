//! Object ACLs: GetObjectACL (`GET /key?acl`), answered with OSS's `<AccessControlPolicy>`, and
//! PutObjectACL (`PUT /key?acl` with `x-oss-object-acl`), which changes the ACL alone: the
//! object's bytes, headers, ETag and Last-Modified stay as they were.
//!
//! The ACL is kept and answered, and changes nothing else here: every request the local cloud
//! carries out is signed and decided by RAM policies, and an anonymous one is refused before any
//! object is looked at, so a `public-read` object is not readable without a signature as it is
//! on OSS.

use axum::body::Body;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Serialize;

use super::attributes::{self, Given};
use super::error::{no_such_key, storage_failed, OssError};
use super::listing::Owner;
use super::object::stored;
use super::response::answer;
use super::Call;

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct AccessControlList {
    grant: &'static str,
}

/// GetObjectACL's answer, element order as in the OSS documentation.
#[derive(Serialize)]
#[serde(rename = "AccessControlPolicy", rename_all = "PascalCase")]
struct AccessControlPolicy {
    owner: Owner,
    access_control_list: AccessControlList,
}

pub(super) async fn get_acl(call: &Call<'_>) -> Result<Response, OssError> {
    let meta = stored(call).await?;
    // Every object here belongs to the account, which OSS names by its id in both fields.
    let owner = call.cloud.account_id.clone();
    let document = alicli_wire::oss::xml::to_document(&AccessControlPolicy {
        owner: Owner {
            id: owner.clone(),
            display_name: owner,
        },
        access_control_list: AccessControlList {
            grant: meta.acl.name(),
        },
    });
    Ok(super::response::xml(call.rid, document))
}

pub(super) async fn put_acl(call: &Call<'_>) -> Result<Response, OssError> {
    let acl = attributes::object_acl(call.headers, Given::SetAcl)?.unwrap_or_default();
    let found = call
        .cloud
        .store
        .set_acl(&call.bucket, &call.key, acl)
        .await
        .map_err(storage_failed)?;
    if !found {
        return Err(no_such_key());
    }
    Ok(answer(StatusCode::OK, call.rid)
        .body(Body::empty())
        .unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_document_has_oss_shape() {
        let document = alicli_wire::oss::xml::to_document(&AccessControlPolicy {
            owner: Owner {
                id: "1234".into(),
                display_name: "1234".into(),
            },
            access_control_list: AccessControlList {
                grant: "public-read",
            },
        });
        assert!(
            document.ends_with(
                "<AccessControlPolicy><Owner><ID>1234</ID><DisplayName>1234</DisplayName></Owner>\
                 <AccessControlList><Grant>public-read</Grant></AccessControlList>\
                 </AccessControlPolicy>\n"
            ),
            "{document}"
        );
    }
}
