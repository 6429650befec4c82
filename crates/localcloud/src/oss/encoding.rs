//! `encoding-type=url`: the official v2 SDK asks for it on every listing and on the multipart
//! answers that name a key; names in those answers are then percent-encoded, and the answer says
//! so. One reading of the parameter and one encoding, for listings and multipart alike.

use super::error::{error, OssError};
use super::request::{self, Query};

/// `encoding-type`: `url` is the only one OSS defines; anything else (a bare `?encoding-type`
/// included) is a client error there.
pub(crate) fn url_encoding(query: &Query) -> Result<bool, OssError> {
    match request::given(query, "encoding-type") {
        None => Ok(false),
        Some(v) if v.eq_ignore_ascii_case("url") => Ok(true),
        Some(v) => Err(error(
            400,
            "InvalidArgument",
            format!("Invalid Encoding Method specified in Request: {v:?}; only url is valid."),
            "0016-00000707",
        )),
    }
}

/// Percent-encodes every byte but the unreserved ones and `/`, so the answer stays valid XML
/// whatever the key holds (control characters included) and decodes back with any URL decoder.
pub(crate) fn encode(text: &str) -> String {
    const KEEP: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'_')
        .remove(b'.')
        .remove(b'~')
        .remove(b'/');
    percent_encoding::utf8_percent_encode(text, KEEP).to_string()
}

/// A name as an answer shows it: encoded when `url`, as it is otherwise.
pub(crate) fn shown(url: bool, text: &str) -> String {
    if url {
        encode(text)
    } else {
        text.to_string()
    }
}

/// Adds `<EncodingType>url</EncodingType>` as the first child of a multipart answer
/// (InitiateMultipartUpload, CompleteMultipartUpload, ListParts), whose shapes are shared with the
/// client in `alicli_wire::oss::xml` and have no such element. The key in it is already encoded.
pub(crate) fn mark_url_encoded(document: String, root: &str) -> String {
    document.replacen(
        &format!("<{root}>"),
        &format!("<{root}><EncodingType>url</EncodingType>"),
        1,
    )
}

/// [`mark_url_encoded`] when `url`, the document untouched otherwise.
pub(crate) fn marked(url: bool, document: String, root: &str) -> String {
    if url {
        mark_url_encoded(document, root)
    } else {
        document
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_encoding_keeps_xml_valid_and_decodes_back() {
        let key = "a b/c+d%\u{1}文.txt";
        let encoded = encode(key);
        assert_eq!(encoded, "a%20b/c%2Bd%25%01%E6%96%87.txt");
        assert_eq!(
            percent_encoding::percent_decode_str(&encoded)
                .decode_utf8()
                .unwrap(),
            key
        );
        assert_eq!(
            mark_url_encoded(
                "<?xml?>\n<ListPartsResult><Key>k</Key>".into(),
                "ListPartsResult"
            ),
            "<?xml?>\n<ListPartsResult><EncodingType>url</EncodingType><Key>k</Key>"
        );
    }

    #[test]
    fn only_url_is_an_encoding() {
        let q = |s: &str| request::parse_query(Some(s));
        assert!(url_encoding(&q("encoding-type=URL")).is_ok_and(|u| u));
        assert!(url_encoding(&q("prefix=a")).is_ok_and(|u| !u));
        assert!(url_encoding(&q("encoding-type")).is_err());
        assert!(url_encoding(&q("encoding-type=base64")).is_err());
        assert_eq!(shown(false, "a b"), "a b");
    }
}
