//! The checkpointed part loop that multipart uploads and ranged downloads share.
//!
//! Both cut an object into numbered parts, skip the parts an earlier run finished (and the
//! caller re-verified), move the rest on `jobs` worker threads, append each finished part to the
//! checkpoint at once (so a kill loses at most the parts in flight), keep the progress bar's part
//! count, and stop between parts at the first error or on Ctrl-C. What moving one part means
//! is the caller's closure; what to do with the outcome (complete, rename, abort, keep the
//! checkpoint) stays with the caller too, since uploads and downloads recover differently.

use std::sync::Mutex;

use anyhow::{Context, Result};

use super::checkpoint::{Checkpoint, DonePart, Header};
use super::transfer::{part_count, run_parallel};
use crate::terminal::progress::{Direction, Progress};
use alicli_wire::crc64;

/// One run of the part loop: the object's shape, how to show it, and what an earlier run left.
pub struct Job<'a, H> {
    pub size: u64,
    pub part_size: u64,
    pub jobs: usize,
    pub show_progress: crate::terminal::progress::Show,
    pub direction: Direction,
    /// The object as messages and the progress bar name it.
    pub shown: &'a str,
    /// Parts an earlier run finished that still hold; they are not moved again.
    pub resumed: Vec<DonePart>,
    /// Where finished parts are recorded; none when the transfer is not resumable.
    pub checkpoint: Option<Checkpoint<H>>,
}

/// What the part loop did. The progress bar is still live: the caller finishes or abandons it
/// once it knows whether the transfer as a whole succeeded.
pub struct Ran<H> {
    pub total: u32,
    /// The first part's error, or `Interrupted` when Ctrl-C stopped the loop with parts left.
    pub result: Result<()>,
    /// Every part done, resumed ones included, in part order.
    pub parts: Vec<DonePart>,
    /// How many of `parts` an earlier run did.
    pub resumed: u32,
    pub checkpoint: Option<Checkpoint<H>>,
    pub progress: Progress,
}

/// Runs `part(number, progress)` for every part not resumed and records each one it returns.
/// `part` reports the bytes it moves to the progress itself, as it moves them (a download
/// counts while it writes, an upload once OSS has the part), so the bar follows the data.
pub fn run<H: Header + Send>(
    job: Job<'_, H>,
    part: impl Fn(u32, &Progress) -> Result<DonePart> + Sync,
) -> Ran<H> {
    let total = part_count(job.size, job.part_size);
    // A part table rather than a search of `resumed` per part: 10 000 parts stay linear.
    let mut kept = vec![false; total as usize + 1];
    for p in &job.resumed {
        if let Some(k) = kept.get_mut(p.number as usize) {
            *k = true;
        }
    }
    let todo: Vec<u32> = (1..=total).filter(|n| !kept[*n as usize]).collect();
    let progress = Progress::new(
        Some(job.size),
        total,
        job.show_progress,
        job.direction,
        job.shown,
    );
    progress.add_resumed(job.resumed.iter().map(|p| p.size).sum());
    let resumed = job.resumed.len() as u32;
    let what = match job.direction {
        Direction::Upload => "cannot update the upload checkpoint",
        Direction::Download => "cannot update the download checkpoint",
    };
    let finished = Mutex::new((job.resumed, job.checkpoint));
    let result = run_parallel(&todo, job.jobs, |&number| {
        let done = part(number, &progress)?;
        // One lock for the record and the count, so the file and the bar agree on the order.
        let mut guard = finished.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(c) = guard.1.as_mut() {
            c.record(done.clone()).context(what)?;
        }
        guard.0.push(done);
        progress.parts_done(guard.0.len() as u32);
        Ok(())
    });
    let (mut parts, checkpoint) = finished.into_inner().unwrap_or_else(|e| e.into_inner());
    parts.sort_by_key(|p| p.number);
    Ran {
        total,
        result,
        parts,
        resumed,
        checkpoint,
        progress,
    }
}

/// The whole object's CRC-64, combined from its parts' (in part order) without reading a byte
/// again: what OSS must report for an upload, what a download's part file must hash to.
pub fn combined_crc64(parts: &[DonePart]) -> u64 {
    parts
        .iter()
        .fold(0u64, |acc, p| crc64::combine(acc, p.crc64, p.size))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::oss::transfer::MIN_PART;
    use serde::{Deserialize, Serialize};

    #[derive(Serialize, Deserialize)]
    struct TestHeader {
        size: u64,
        part_size: u64,
    }

    impl Header for TestHeader {
        fn size(&self) -> u64 {
            self.size
        }
        fn part_size(&self) -> u64 {
            self.part_size
        }
    }

    fn done(number: u32, size: u64) -> DonePart {
        DonePart {
            number,
            etag: String::new(),
            crc64: number as u64,
            size,
        }
    }

    fn job(checkpoint: Option<Checkpoint<TestHeader>>) -> Job<'static, TestHeader> {
        Job {
            size: 5 * MIN_PART + 7,
            part_size: MIN_PART,
            jobs: 3,
            show_progress: crate::terminal::progress::Show::Nothing,
            direction: Direction::Download,
            shown: "oss://b/k",
            resumed: vec![done(2, MIN_PART), done(4, MIN_PART)],
            checkpoint,
        }
    }

    #[test]
    fn resumed_parts_are_skipped_and_new_ones_recorded_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.jsonl");
        let header = TestHeader {
            size: 5 * MIN_PART + 7,
            part_size: MIN_PART,
        };
        let checkpoint = Checkpoint::create(&path, header).unwrap();
        let moved = Mutex::new(Vec::new());
        let ran = run(job(Some(checkpoint)), |n, _| {
            moved.lock().unwrap().push(n);
            let len = if n == 6 { 7 } else { MIN_PART };
            Ok(done(n, len))
        });
        ran.result.unwrap();
        let mut moved = moved.into_inner().unwrap();
        moved.sort();
        assert_eq!(moved, [1, 3, 5, 6]);
        assert_eq!(ran.total, 6);
        assert_eq!(ran.resumed, 2);
        let numbers: Vec<u32> = ran.parts.iter().map(|p| p.number).collect();
        assert_eq!(numbers, [1, 2, 3, 4, 5, 6]);
        let mut recorded: Vec<u32> = ran
            .checkpoint
            .unwrap()
            .done
            .iter()
            .map(|p| p.number)
            .collect();
        recorded.sort();
        assert_eq!(
            recorded,
            [1, 3, 5, 6],
            "only the parts this run moved are appended"
        );
    }

    #[test]
    fn parts_combine_to_the_whole_objects_crc() {
        let data: Vec<u8> = (0..1000u32).map(|i| (i * 7) as u8).collect();
        let parts: Vec<DonePart> = data
            .chunks(300)
            .enumerate()
            .map(|(i, c)| DonePart {
                number: i as u32 + 1,
                etag: String::new(),
                crc64: crc64::checksum(c),
                size: c.len() as u64,
            })
            .collect();
        assert_eq!(combined_crc64(&parts), crc64::checksum(&data));
        assert_eq!(combined_crc64(&[]), 0);
    }

    #[test]
    fn a_failed_part_stops_the_loop_and_keeps_what_finished() {
        let ran = run(job(None), |n, _| {
            if n == 1 {
                anyhow::bail!("part 1 failed");
            }
            Ok(done(n, if n == 6 { 7 } else { MIN_PART }))
        });
        assert_eq!(ran.result.unwrap_err().to_string(), "part 1 failed");
        assert!(ran.checkpoint.is_none());
        assert!(
            ran.parts.iter().any(|p| p.number == 2),
            "resumed parts stay listed"
        );
        assert!(ran.parts.windows(2).all(|w| w[0].number < w[1].number));
    }
}
