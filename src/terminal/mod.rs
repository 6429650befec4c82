//! What reaches the terminal: stdout for data, stderr for everything else (always redacted and
//! escaped), progress bars, the hints added to service errors, and the formats scripts read
//! (`--output`, `--query`: [`render`]).

pub mod format;
pub mod hints;
pub mod output;
pub mod progress;
pub mod prompt;
pub mod redact;
pub mod render;
pub mod table;
