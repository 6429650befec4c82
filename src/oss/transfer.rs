//! Shared pieces of the large-object engines (upload.rs, download.rs): part sizing, positioned
//! file I/O, re-hashing the parts a resume keeps, and a small pool that runs numbered parts on N
//! threads and stops at the first error (parts.rs builds the checkpointed part loop on it).

use std::fs::File;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;

use anyhow::Result;

use crate::error::UsageError;

pub const MIB: u64 = 1024 * 1024;
/// Objects at least this large go multipart / ranged by default.
pub const DEFAULT_THRESHOLD: u64 = 64 * MIB;
/// Default parts are at least this large.
pub const DEFAULT_MIN_PART: u64 = 8 * MIB;
/// OSS limits: part numbers 1–10 000; parts from 100 KB (except the last) to 5 GB.
pub const MAX_PARTS: u64 = 10_000;
/// Keys one DeleteMultipleObjects may name.
pub const MAX_DELETE_BATCH: usize = 1000;
pub const MIN_PART: u64 = 100 * 1024;
pub const MAX_PART: u64 = 5 * 1024 * MIB;
pub const DEFAULT_JOBS: usize = 4;

/// The default part size for `size` bytes: at least 8 MiB, and large enough that the object
/// fits in 10 000 parts, rounded up to a whole MiB.
pub fn default_part_size(size: u64) -> u64 {
    let needed = size.div_ceil(MAX_PARTS).div_ceil(MIB) * MIB;
    needed.max(DEFAULT_MIN_PART)
}

/// Checks a `--part-size` against OSS's limits (and, when the size is known, the part count).
pub fn check_part_size(part_size: u64, size: Option<u64>) -> Result<()> {
    if !(MIN_PART..=MAX_PART).contains(&part_size) {
        return Err(UsageError(format!(
            "invalid --part-size {part_size}: OSS accepts parts from 100 KiB (102400) to 5 GiB"
        ))
        .into());
    }
    if let Some(size) = size {
        let parts = size.div_ceil(part_size);
        if parts > MAX_PARTS {
            return Err(UsageError(format!(
                "--part-size {part_size} would cut {size} bytes into {parts} parts; OSS allows at most 10000 (use at least {})",
                size.div_ceil(MAX_PARTS)
            ))
            .into());
        }
    }
    Ok(())
}

/// Byte range `[start, start+len)` of part `number` (1-based).
pub fn part_range(number: u32, part_size: u64, size: u64) -> (u64, u64) {
    let start = (number as u64 - 1) * part_size;
    (start, part_size.min(size - start))
}

pub fn part_count(size: u64, part_size: u64) -> u32 {
    size.div_ceil(part_size).max(1) as u32
}

#[cfg(unix)]
pub fn write_at(file: &File, buf: &[u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::write_all_at(file, buf, offset)
}

#[cfg(windows)]
pub fn write_at(file: &File, mut buf: &[u8], mut offset: u64) -> std::io::Result<()> {
    use std::os::windows::fs::FileExt;
    while !buf.is_empty() {
        let n = file.seek_write(buf, offset)?;
        buf = &buf[n..];
        offset += n as u64;
    }
    Ok(())
}

/// Reads `[offset, offset+len)` of a shared file with positioned reads, so parts read in
/// parallel never disturb each other's position. Streams a part into an HTTP body without
/// buffering it: memory stays flat whatever the part size.
pub struct PartReader {
    file: std::sync::Arc<File>,
    offset: u64,
    remaining: u64,
}

impl PartReader {
    pub fn new(file: std::sync::Arc<File>, offset: u64, len: u64) -> PartReader {
        PartReader {
            file,
            offset,
            remaining: len,
        }
    }
}

impl std::io::Read for PartReader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let want = buf.len().min(self.remaining as usize);
        if want == 0 {
            return Ok(0);
        }
        #[cfg(unix)]
        let n = std::os::unix::fs::FileExt::read_at(&*self.file, &mut buf[..want], self.offset)?;
        #[cfg(windows)]
        let n =
            std::os::windows::fs::FileExt::seek_read(&*self.file, &mut buf[..want], self.offset)?;
        if n == 0 {
            return Err(std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                "the file became shorter during the upload",
            ));
        }
        self.offset += n as u64;
        self.remaining -= n as u64;
        Ok(n)
    }
}

/// The CRC-64 of part `number` of a file of `size` bytes cut into `part_size` parts, read
/// back with positioned reads. A resume checks with it that a part kept on disk (a download's
/// part file, an upload's source) still holds the bytes that were transferred.
pub fn crc64_of_part(
    file: &std::sync::Arc<File>,
    number: u32,
    part_size: u64,
    size: u64,
) -> std::io::Result<u64> {
    let (start, len) = part_range(number, part_size, size);
    let mut reader = PartReader::new(file.clone(), start, len);
    let mut crc = alicli_wire::crc64::new_digest();
    let mut buf = vec![0u8; 256 * 1024];
    loop {
        match std::io::Read::read(&mut reader, &mut buf)? {
            0 => return Ok(crc.finalize()),
            n => crc.update(&buf[..n]),
        }
    }
}

/// True when part `p` of a file kept from an earlier run (a download's part file, an upload's
/// source) is what the checkpoint says was transferred: its length, and its CRC-64 read back.
/// Same size and mtime prove nothing about the bytes, so a resume trusts only this.
pub fn kept_part_matches(
    file: &std::sync::Arc<File>,
    p: &crate::oss::checkpoint::DonePart,
    part_size: u64,
    size: u64,
) -> bool {
    part_range(p.number, part_size, size).1 == p.size
        && crc64_of_part(file, p.number, part_size, size).ok() == Some(p.crc64)
}

/// Runs `work` for every item on `jobs` threads. After the first error no new item starts; the
/// error returned is the first one, with the items that finished reported through `work` itself.
pub fn run_parallel<T: Sync>(
    items: &[T],
    jobs: usize,
    work: impl Fn(&T) -> Result<()> + Sync,
) -> Result<()> {
    let next = AtomicUsize::new(0);
    let finished = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let first_error: Mutex<Option<anyhow::Error>> = Mutex::new(None);
    std::thread::scope(|scope| {
        for _ in 0..jobs.clamp(1, items.len().max(1)) {
            scope.spawn(|| loop {
                if stop.load(Ordering::Relaxed) || crate::interrupted() {
                    return;
                }
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(item) = items.get(i) else { return };
                let outcome = work(item);
                if outcome.is_ok() {
                    finished.fetch_add(1, Ordering::Relaxed);
                }
                if let Err(e) = outcome {
                    stop.store(true, Ordering::Relaxed);
                    let mut slot = first_error.lock().unwrap_or_else(|e| e.into_inner());
                    if slot.is_none() {
                        *slot = Some(e);
                    }
                    return;
                }
            });
        }
    });
    if let Some(e) = first_error.into_inner().unwrap_or_else(|e| e.into_inner()) {
        return Err(e);
    }
    // Ctrl-C after the last item finished interrupts nothing: let the caller complete.
    if crate::interrupted() && finished.load(Ordering::Relaxed) < items.len() {
        return Err(crate::Interrupted.into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_parts_stay_within_limits() {
        assert_eq!(default_part_size(1), 8 * MIB);
        assert_eq!(default_part_size(1024 * MIB), 8 * MIB);
        let huge = 200 * 1024 * 1024 * MIB; // 200 TiB
        let part = default_part_size(huge);
        assert!(huge.div_ceil(part) <= MAX_PARTS);
        assert_eq!(part % MIB, 0);
        for size in [0, 1, 80_000 * MIB, 80_001 * MIB, 5 * 1024 * 1024 * MIB] {
            assert!(
                part_count(size, default_part_size(size)) as u64 <= MAX_PARTS,
                "{size}"
            );
        }
    }

    #[test]
    fn part_sizes_are_checked() {
        assert!(check_part_size(MIN_PART - 1, None).is_err());
        assert!(check_part_size(MAX_PART + 1, None).is_err());
        assert!(check_part_size(MIN_PART, Some(MIN_PART * 10_000)).is_ok());
        assert!(check_part_size(MIN_PART, Some(MIN_PART * 10_000 + 1)).is_err());
    }

    #[test]
    fn ranges_cover_the_object() {
        assert_eq!(part_range(1, 10, 25), (0, 10));
        assert_eq!(part_range(3, 10, 25), (20, 5));
        assert_eq!(part_count(25, 10), 3);
        assert_eq!(part_count(0, 10), 1);
    }

    #[test]
    fn pool_stops_at_the_first_error() {
        let done = Mutex::new(Vec::new());
        let items: Vec<u32> = (1..=50).collect();
        let r = run_parallel(&items, 4, |n| {
            if *n == 5 {
                anyhow::bail!("part 5 failed");
            }
            // Work that takes a moment, as parts do, so the failure is seen before the end.
            std::thread::sleep(std::time::Duration::from_millis(5));
            done.lock().unwrap().push(*n);
            Ok(())
        });
        assert_eq!(r.unwrap_err().to_string(), "part 5 failed");
        assert!(done.lock().unwrap().len() < 49);
        let all = Mutex::new(0);
        run_parallel(&items, 3, |_| {
            *all.lock().unwrap() += 1;
            Ok(())
        })
        .unwrap();
        assert_eq!(*all.lock().unwrap(), 50);
    }
}
