//! Local files from and into places others may share: the folder a download lands in, the cache
//! folder, a policy or profile file named on the command line.
//!
//! A folder can hold what someone else planted there: a symlink named like alicli's next
//! temporary file makes a plain `File::create` overwrite whatever the link points to; a FIFO
//! makes a plain read wait forever; `/dev/zero` makes it grow until memory runs out. So files
//! alicli makes are created exclusively without following links, files it reopens must be
//! regular files of its own user, and files it reads are read with a bound and without
//! blocking on a pipe that has no writer.

use std::fs::{File, OpenOptions};
use std::io::{BufRead, Read};
use std::path::Path;

/// Creates `path` for reading and writing; fails if anything, a symlink included, is already
/// there (O_CREAT|O_EXCL never follows a link). `mode` is filtered by the umask.
pub fn create_exclusive(path: &Path, mode: u32) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(mode).custom_flags(libc::O_NOFOLLOW);
    }
    #[cfg(not(unix))]
    let _ = mode;
    options.open(path)
}

/// Opens an existing file alicli made earlier (a part file, a checkpoint) to go on with it,
/// without following a link, and checks it is still that: a regular file owned by this user,
/// with no other name (a hard link to someone's file would otherwise be written through).
/// The error says why it is not.
pub fn reopen_own(path: &Path, write: bool) -> Result<File, String> {
    let mut options = OpenOptions::new();
    options.read(true).write(write);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // O_NONBLOCK: a FIFO planted under the name must not block the open.
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(|e| {
        if e.raw_os_error() == Some(ELOOP) {
            "it is a symbolic link".to_string()
        } else {
            e.to_string()
        }
    })?;
    let meta = file.metadata().map_err(|e| e.to_string())?;
    if !meta.is_file() {
        return Err("it is not a regular file".into());
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // SAFETY: geteuid has no arguments and cannot fail.
        let me = unsafe { libc::geteuid() };
        if meta.uid() != me {
            return Err(format!(
                "it belongs to user {}, not to this user",
                meta.uid()
            ));
        }
        if meta.nlink() != 1 {
            return Err("it has other names (hard links)".into());
        }
        clear_nonblocking(&file);
    }
    Ok(file)
}

#[cfg(unix)]
const ELOOP: i32 = libc::ELOOP;
#[cfg(not(unix))]
const ELOOP: i32 = -1;

#[cfg(unix)]
fn clear_nonblocking(file: &File) {
    use std::os::unix::io::AsRawFd;
    let fd = file.as_raw_fd();
    // SAFETY: fcntl on a descriptor this File owns, with integer arguments.
    unsafe {
        let flags = libc::fcntl(fd, libc::F_GETFL);
        if flags >= 0 {
            libc::fcntl(fd, libc::F_SETFL, flags & !libc::O_NONBLOCK);
        }
    }
}

/// Creates `dir` (and its parents) private to this user (0700), and makes an existing one
/// of this user's private too (earlier versions left the checkpoint folder 0755): the folders
/// alicli keeps profiles and checkpoints in name secrets, paths, keys and upload ids.
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt, MetadataExt, PermissionsExt};
        builder.mode(0o700);
        builder.create(dir)?;
        let meta = std::fs::symlink_metadata(dir)?;
        // SAFETY: geteuid has no arguments and cannot fail.
        let me = unsafe { libc::geteuid() };
        if meta.is_dir() && meta.uid() == me && meta.mode() & 0o077 != 0 {
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
        }
        Ok(())
    }
    #[cfg(not(unix))]
    builder.create(dir)
}

/// Makes sure `len` bytes of disk are there for `file`, so that a download cannot run out of
/// room half-way (a file merely extended is sparse: it fills the disk later, part by part).
/// Filesystems that cannot reserve get a plain extension instead.
pub fn reserve(file: &File, len: u64) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::io::AsRawFd;
        if len > 0 {
            // SAFETY: fallocate on a descriptor this File owns; mode 0 allocates and extends.
            let r = unsafe { libc::fallocate(file.as_raw_fd(), 0, 0, len as libc::off_t) };
            if r == 0 {
                return Ok(());
            }
            let err = std::io::Error::last_os_error();
            if !matches!(
                err.raw_os_error(),
                Some(libc::EOPNOTSUPP) | Some(libc::ENOSYS) | Some(libc::EINVAL)
            ) {
                return Err(err);
            }
        }
    }
    file.set_len(len)
}

/// True for the errors that mean "no room": disk full, over quota, or over the file size limit.
pub fn is_no_room(err: &std::io::Error) -> bool {
    #[cfg(unix)]
    {
        matches!(
            err.raw_os_error(),
            Some(libc::ENOSPC) | Some(libc::EDQUOT) | Some(libc::EFBIG)
        )
    }
    #[cfg(not(unix))]
    {
        err.kind() == std::io::ErrorKind::StorageFull
    }
}

/// What may be read as an input file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Accept {
    /// Regular files and character devices (`/dev/null` for "no profiles"), not pipes: a
    /// profile file that is a FIFO would block every command.
    FilesAndDevices,
    /// Pipes as well: `--policy @<(jq … )` hands a pipe that already has its writer.
    AlsoPipes,
}

/// Why an input file could not be read.
#[derive(Debug)]
pub enum ReadError {
    Io(std::io::Error),
    /// A FIFO or socket where [`Accept::FilesAndDevices`] applies.
    NotAFile,
    /// More than the limit (the limit is in the variant).
    TooLarge(usize),
    /// Bytes that are not UTF-8 where text was expected.
    NotText,
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Io(e) => write!(f, "{e}"),
            ReadError::NotAFile => f.write_str("it is a pipe or socket, not a regular file"),
            ReadError::TooLarge(limit) => write!(f, "it is larger than {}", human_limit(*limit)),
            ReadError::NotText => f.write_str("it is not UTF-8 text"),
        }
    }
}

fn human_limit(limit: usize) -> String {
    if limit >= 1024 * 1024 && limit.is_multiple_of(1024 * 1024) {
        format!("{} MiB", limit / (1024 * 1024))
    } else if limit >= 1024 && limit.is_multiple_of(1024) {
        format!("{} KiB", limit / 1024)
    } else {
        format!("{limit} bytes")
    }
}

/// Reads at most `limit` bytes of the file at `path`; more is [`ReadError::TooLarge`]. A FIFO
/// without a writer reads as empty instead of blocking (it is opened non-blocking first).
pub fn read_input(path: &Path, limit: usize, accept: Accept) -> Result<Vec<u8>, ReadError> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(ReadError::Io)?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if (t.is_fifo() || t.is_socket()) && accept == Accept::FilesAndDevices {
            return Err(ReadError::NotAFile);
        }
        clear_nonblocking(&file);
    }
    if meta.is_dir() {
        return Err(ReadError::Io(std::io::Error::new(
            std::io::ErrorKind::IsADirectory,
            "it is a folder",
        )));
    }
    read_limited(file, limit)
}

/// [`read_input`] of a file that must be UTF-8 text.
pub fn read_text(path: &Path, limit: usize, accept: Accept) -> Result<String, ReadError> {
    String::from_utf8(read_input(path, limit, accept)?).map_err(|_| ReadError::NotText)
}

/// Reads `reader` to its end, or fails once it gives more than `limit` bytes.
pub fn read_limited(reader: impl Read, limit: usize) -> Result<Vec<u8>, ReadError> {
    let mut out = Vec::new();
    reader
        .take(limit as u64 + 1)
        .read_to_end(&mut out)
        .map_err(ReadError::Io)?;
    if out.len() > limit {
        return Err(ReadError::TooLarge(limit));
    }
    Ok(out)
}

/// One line of `reader` (without its line break), at most `limit` bytes: a secret piped in on
/// stdin. Input without a line break ends the line at the end of input.
pub fn read_line(reader: impl BufRead, limit: usize) -> Result<String, ReadError> {
    let mut line = Vec::new();
    reader
        .take(limit as u64 + 2)
        .read_until(b'\n', &mut line)
        .map_err(ReadError::Io)?;
    if line.last() == Some(&b'\n') {
        line.pop();
    }
    if line.last() == Some(&b'\r') {
        line.pop();
    }
    if line.len() > limit {
        return Err(ReadError::TooLarge(limit));
    }
    String::from_utf8(line).map_err(|_| ReadError::NotText)
}

/// True when `path` is an existing file alicli must not replace: one without any write
/// permission (as `cp` and `curl -o` leave such files alone), or one this user cannot write.
pub fn is_read_only(path: &Path) -> bool {
    let Ok(meta) = std::fs::metadata(path) else {
        return false;
    };
    if !meta.is_file() {
        return false;
    }
    if meta.permissions().readonly() {
        return true;
    }
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let Ok(c_path) = std::ffi::CString::new(path.as_os_str().as_bytes()) else {
            return false;
        };
        // SAFETY: access() reads a NUL-terminated path and an integer.
        return unsafe { libc::access(c_path.as_ptr(), libc::W_OK) } != 0;
    }
    #[allow(unreachable_code)]
    false
}

/// Replaces the file at `path` with `contents`, atomically: they are written to a new file next to
/// it (created exclusively, so a link planted under the temporary name is not followed), given
/// exactly `mode` whatever the umask, synced, and renamed over `path`. A reader sees the old file
/// or the new one, never half of one. A symlink at `path` is refused rather than replaced: it is
/// someone's choice (a dotfile manager's, or a planted one), and only they know where it should
/// point. So is anything else that is not a regular file.
pub fn replace_file(path: &Path, contents: &[u8], mode: u32) -> std::io::Result<()> {
    use std::io::Write;
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            return Err(std::io::Error::other(
                "it is a symbolic link (left alone; remove it to write a file there)",
            ))
        }
        Ok(meta) if !meta.is_file() => {
            return Err(std::io::Error::other("it exists and is not a regular file"))
        }
        _ => {}
    }
    let name = path
        .file_name()
        .ok_or_else(|| std::io::Error::other("it names no file"))?;
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let temp = folder.join(format!(
        ".{}.{}-{nanos}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let written = (|| {
        let mut file = create_exclusive(&temp, mode)?;
        file.write_all(contents)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            file.set_permissions(std::fs::Permissions::from_mode(mode))?;
        }
        file.sync_all()?;
        std::fs::rename(&temp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written
}

/// Removes temporary files `<prefix>…<suffix>` in `dir` left by processes that died (killed with
/// SIGKILL, say, which leaves no chance to clean up). A live writer holds an advisory lock on
/// its temporary file, so a file whose lock can be taken has no writer any more; one younger
/// than a few seconds is left alone all the same (its writer may be between creating and
/// locking it). Only regular files of this user are touched.
pub fn sweep_abandoned(dir: &Path, prefix: &str, suffix: &str) {
    sweep_abandoned_older_than(dir, prefix, suffix, std::time::Duration::from_secs(5))
}

fn sweep_abandoned_older_than(dir: &Path, prefix: &str, suffix: &str, age: std::time::Duration) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(prefix) && name.ends_with(suffix)) {
            continue;
        }
        let path = entry.path();
        let Ok(file) = reopen_own(&path, false) else {
            continue;
        };
        let old = file
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| t.elapsed().is_ok_and(|e| e >= age));
        if old && file.try_lock().is_ok() {
            let _ = std::fs::remove_file(&path);
        }
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn exclusive_creation_never_follows_a_planted_link() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, b"precious").unwrap();
        let planted = dir.path().join(".out.alicli-download");
        symlink(&victim, &planted).unwrap();
        assert!(create_exclusive(&planted, 0o600).is_err());
        assert_eq!(std::fs::read(&victim).unwrap(), b"precious");
        let e = reopen_own(&planted, true).unwrap_err();
        assert!(e.contains("symbolic link"), "{e}");
        assert_eq!(std::fs::read(&victim).unwrap(), b"precious");
    }

    #[test]
    fn replaced_files_get_their_mode_and_links_are_refused() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let page = dir.path().join("alicli.1");
        replace_file(&page, b"one", 0o644).unwrap();
        std::fs::set_permissions(&page, std::fs::Permissions::from_mode(0o600)).unwrap();
        replace_file(&page, b"two", 0o644).unwrap();
        assert_eq!(std::fs::read(&page).unwrap(), b"two");
        let mode = std::fs::metadata(&page).unwrap().permissions().mode();
        assert_eq!(mode & 0o7777, 0o644);
        let victim = dir.path().join("victim");
        std::fs::write(&victim, b"precious").unwrap();
        let planted = dir.path().join("alicli.fish");
        symlink(&victim, &planted).unwrap();
        let e = replace_file(&planted, b"x", 0o644).unwrap_err();
        assert!(e.to_string().contains("symbolic link"), "{e}");
        assert_eq!(std::fs::read(&victim).unwrap(), b"precious");
        assert!(std::fs::symlink_metadata(&planted)
            .unwrap()
            .file_type()
            .is_symlink());
        // Nothing is left behind: only the page, the victim and the link.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 3);
    }

    #[test]
    fn reopened_files_must_be_plain_and_single() {
        let dir = tempfile::tempdir().unwrap();
        let mine = dir.path().join("mine");
        drop(create_exclusive(&mine, 0o600).unwrap());
        assert!(reopen_own(&mine, true).is_ok());
        std::fs::hard_link(&mine, dir.path().join("other-name")).unwrap();
        assert!(reopen_own(&mine, true).unwrap_err().contains("hard links"));
        let fifo = dir.path().join("fifo");
        let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        assert!(reopen_own(&fifo, false)
            .unwrap_err()
            .contains("not a regular file"));
    }

    #[test]
    fn inputs_are_bounded_and_pipes_do_not_block() {
        let e = read_input(Path::new("/dev/zero"), 1000, Accept::AlsoPipes).unwrap_err();
        assert!(matches!(e, ReadError::TooLarge(1000)), "{e}");
        assert_eq!(
            read_input(Path::new("/dev/null"), 10, Accept::FilesAndDevices).unwrap(),
            b""
        );
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        assert!(matches!(
            read_input(&fifo, 10, Accept::FilesAndDevices),
            Err(ReadError::NotAFile)
        ));
        // No writer: empty at once, not a wait.
        assert_eq!(read_input(&fifo, 10, Accept::AlsoPipes).unwrap(), b"");
        assert_eq!(read_line(&b"secret\r\nmore"[..], 64).unwrap(), "secret");
        assert!(matches!(
            read_line(std::io::BufReader::new(std::io::repeat(b'x')), 64),
            Err(ReadError::TooLarge(64))
        ));
        assert_eq!(
            read_line(&b"no line break"[..], 64).unwrap(),
            "no line break"
        );
    }

    #[test]
    fn abandoned_temporaries_are_swept_live_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        let dead = dir.path().join(".f.abc.alicli-part");
        let live = dir.path().join(".f.def.alicli-part");
        let other = dir.path().join(".g.abc.alicli-part");
        for p in [&dead, &live, &other] {
            std::fs::write(p, b"x").unwrap();
        }
        let held = File::open(&live).unwrap();
        held.lock().unwrap();
        sweep_abandoned(dir.path(), ".f.", ".alicli-part");
        assert!(dead.exists(), "too young to be abandoned");
        sweep_abandoned_older_than(dir.path(), ".f.", ".alicli-part", std::time::Duration::ZERO);
        assert!(!dead.exists());
        assert!(live.exists(), "its writer holds the lock");
        assert!(other.exists(), "another file's temporaries");
    }

    #[test]
    fn read_only_files_are_recognised() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("f");
        std::fs::write(&f, b"x").unwrap();
        assert!(!is_read_only(&f));
        std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o444)).unwrap();
        assert!(is_read_only(&f), "even for root, as cp leaves it");
        assert!(!is_read_only(&dir.path().join("missing")));
    }
}
