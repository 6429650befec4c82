//! The workers of a tree command, and the budget of requests in flight they share.
//!
//! `--jobs N` is the number of requests in flight for the whole command. Each worker holds one
//! unit of the [`Budget`] while it moves an object; a large file in parts takes what is free
//! besides (never waiting for it), so one big file among idle workers goes as fast as a single
//! `put` would, and among thousands of small ones it does not starve them.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::{Condvar, Mutex};

use anyhow::Result;

use super::report::Report;
use super::{Record, Task};

/// Requests in flight, shared by all the workers of a command.
#[derive(Debug)]
pub struct Budget {
    free: Mutex<usize>,
    freed: Condvar,
}

impl Budget {
    pub fn new(units: usize) -> Budget {
        Budget {
            free: Mutex::new(units),
            freed: Condvar::new(),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, usize> {
        self.free.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Waits for one unit.
    pub fn take_one(&self) {
        let mut free = self.lock();
        while *free == 0 {
            free = self.freed.wait(free).unwrap_or_else(|e| e.into_inner());
        }
        *free -= 1;
    }

    /// Takes up to `most` units that are free now, without waiting.
    pub fn try_take(&self, most: usize) -> usize {
        let mut free = self.lock();
        let got = (*free).min(most);
        *free -= got;
        got
    }

    pub fn give(&self, units: usize) {
        if units > 0 {
            *self.lock() += units;
            self.freed.notify_all();
        }
    }
}

/// How the planner hands work over. `task` and `record` return false once the command is
/// stopping (Ctrl-C, or `--max-errors` reached): the planner should then stop too.
pub struct Planner<'a> {
    tasks: SyncSender<Task>,
    records: SyncSender<Record>,
    stop: &'a AtomicBool,
}

impl Planner<'_> {
    pub fn stopping(&self) -> bool {
        self.stop.load(Ordering::Relaxed) || crate::interrupted()
    }

    pub fn task(&self, task: Task) -> bool {
        !self.stopping() && self.tasks.send(task).is_ok()
    }

    /// A record the planner decides itself: a refused key, a dry run, a file it cannot read.
    pub fn record(&self, record: Record) -> bool {
        !self.stopping() && self.records.send(record).is_ok()
    }
}

/// Runs `plan` on a thread of its own, the tasks it makes on `jobs` workers running `work`, and
/// reports every record on this thread. Returns the planner's error if it failed (a listing
/// that could not be read ends the command), else the report's verdict.
pub fn run(
    jobs: usize,
    budget: &Budget,
    report: &mut Report,
    plan: impl FnOnce(&Planner) -> Result<()> + Send,
    work: impl Fn(Task) -> Vec<Record> + Sync,
) -> Result<()> {
    let stop = AtomicBool::new(false);
    let (task_tx, task_rx) = sync_channel::<Task>(jobs * 2);
    let (record_tx, record_rx): (SyncSender<Record>, Receiver<Record>) = sync_channel(jobs * 8);
    let task_rx = Mutex::new(task_rx);
    let planned = std::thread::scope(|scope| {
        let planner = {
            let records = record_tx.clone();
            let stop = &stop;
            scope.spawn(move || {
                let planner = Planner {
                    tasks: task_tx,
                    records,
                    stop,
                };
                plan(&planner)
            })
        };
        for _ in 0..jobs {
            let records = record_tx.clone();
            let (task_rx, work, stop) = (&task_rx, &work, &stop);
            scope.spawn(move || loop {
                let next = task_rx.lock().unwrap_or_else(|e| e.into_inner()).recv();
                let Ok(task) = next else { return };
                if stop.load(Ordering::Relaxed) || crate::interrupted() {
                    // Drain the queue without doing anything, so the planner is not blocked.
                    continue;
                }
                budget.take_one();
                let done = work(task);
                budget.give(1);
                for record in done {
                    if records.send(record).is_err() {
                        return;
                    }
                }
            });
        }
        drop(record_tx);
        for record in record_rx {
            report.add(record);
            if report.over_max_errors() {
                stop.store(true, Ordering::Relaxed);
            }
        }
        planner
            .join()
            .unwrap_or_else(|_| Err(anyhow::anyhow!("the planner of this command panicked")))
    });
    report.finish();
    planned?;
    if crate::interrupted() {
        return Err(anyhow::Error::new(crate::Interrupted).context(report.interrupted_hint()));
    }
    report.verdict()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_budget_lends_only_what_is_free() {
        let b = Budget::new(4);
        b.take_one();
        assert_eq!(b.try_take(8), 3);
        assert_eq!(b.try_take(1), 0);
        b.give(3);
        assert_eq!(b.try_take(2), 2);
        b.give(2);
        b.give(1);
        assert_eq!(b.try_take(10), 4);
    }
}
