//! CRC-64 as OSS computes it (CRC-64/XZ, header `x-oss-hash-crc64ecma`), on the SIMD-accelerated
//! `crc-fast` crate, plus a reader that checksums and counts what streams through it.

use std::io::Read;
use std::sync::{Arc, Mutex};

use crc_fast::{CrcAlgorithm, Digest};

pub fn new_digest() -> Digest {
    Digest::new(CrcAlgorithm::Crc64Xz)
}

pub fn checksum(data: &[u8]) -> u64 {
    crc_fast::checksum(CrcAlgorithm::Crc64Xz, data)
}

/// CRC of `a ++ b` from the CRCs of `a` and `b` and the length of `b`.
pub fn combine(crc_a: u64, crc_b: u64, len_b: u64) -> u64 {
    crc_fast::checksum_combine(CrcAlgorithm::Crc64Xz, crc_a, crc_b, len_b)
}

/// Running CRC and byte count, shared with whoever needs them after the reader has been moved
/// into an HTTP body.
#[derive(Clone)]
pub struct Tally(Arc<Mutex<(Digest, u64)>>);

impl Default for Tally {
    fn default() -> Self {
        Tally(Arc::new(Mutex::new((new_digest(), 0))))
    }
}

impl Tally {
    pub fn update(&self, data: &[u8]) {
        let mut guard = self.0.lock().unwrap_or_else(|e| e.into_inner());
        guard.0.update(data);
        guard.1 += data.len() as u64;
    }

    /// (crc64, bytes) so far.
    pub fn get(&self) -> (u64, u64) {
        let guard = self.0.lock().unwrap_or_else(|e| e.into_inner());
        (guard.0.finalize(), guard.1)
    }
}

/// Passes bytes through, adding them to a [`Tally`].
pub struct TallyReader<R> {
    inner: R,
    tally: Tally,
}

impl<R: Read> TallyReader<R> {
    pub fn new(inner: R, tally: Tally) -> Self {
        TallyReader { inner, tally }
    }
}

impl<R: Read> Read for TallyReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.tally.update(&buf[..n]);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_answers_from_the_oss_docs() {
        assert_eq!(checksum(b"123456789"), 0x995DC9BBDF1939FA);
        assert_eq!(checksum(b"123456789").to_string(), "11051210869376104954");
        assert_eq!(checksum(b""), 0);
    }

    #[test]
    fn parts_combine_into_the_whole() {
        let (a, b) = (b"hello, ".as_slice(), b"world".as_slice());
        let whole = checksum(b"hello, world");
        assert_eq!(combine(checksum(a), checksum(b), b.len() as u64), whole);
    }

    #[test]
    fn reader_tallies_what_passes() {
        let tally = Tally::default();
        let mut r = TallyReader::new(&b"123456789"[..], tally.clone());
        std::io::copy(&mut r, &mut std::io::sink()).unwrap();
        assert_eq!(tally.get(), (0x995DC9BBDF1939FA, 9));
    }
}
