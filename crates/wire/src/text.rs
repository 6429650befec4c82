//! Text from outside (a server's message, an object key, a header) made safe to show: ESC and BEL
//! can retitle or clear a terminal or fake output, a CR or LF can forge a line. Both ends use it:
//! the client before anything reaches a terminal, the local cloud in its log.

/// `text` with every control character (C0 but tab, DEL, C1, and the bidirectional overrides
/// that make text display in another order than it reads) written as a visible escape: `\n`,
/// `\r`, `\x1b`, `\u{9b}`, `\u{202e}`.
pub fn escape_untrusted(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if !needs_escape(c) {
            out.push(c);
            continue;
        }
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x80 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
        }
    }
    std::borrow::Cow::Owned(out)
}

fn needs_escape(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}')
}
