//! Progress of external-link checking, on stderr: a bar on a terminal, a plain line every few
//! seconds in CI logs, nothing with `--quiet` (the caller picks, see [`Progress`]).

use std::collections::BTreeMap;
use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::external::Progress;

/// How often a plain progress line is written.
const LINE_EVERY: Duration = Duration::from_secs(5);

/// Counts shared by the checking tasks.
pub(crate) struct Tracker {
    mode: Progress,
    total: usize,
    done: AtomicUsize,
    failed: AtomicUsize,
    bar: Option<indicatif::ProgressBar>,
    hosts: Mutex<BTreeMap<String, usize>>,
    last_line: Mutex<Instant>,
}

impl Tracker {
    pub(crate) fn new(mode: Progress, total: usize) -> Self {
        let bar = (mode == Progress::Bar && total > 0).then(|| {
            let bar = indicatif::ProgressBar::with_draw_target(
                Some(total as u64),
                indicatif::ProgressDrawTarget::stderr(),
            );
            bar.set_style(
                indicatif::ProgressStyle::with_template(
                    "{spinner} external links {pos}/{len} [{bar:30}] {msg}",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
                .progress_chars("=> "),
            );
            bar.enable_steady_tick(Duration::from_millis(120));
            bar
        });
        Self {
            mode,
            total,
            done: AtomicUsize::new(0),
            failed: AtomicUsize::new(0),
            bar,
            hosts: Mutex::new(BTreeMap::new()),
            last_line: Mutex::new(Instant::now()),
        }
    }

    fn hosts_text(&self) -> String {
        let hosts = self
            .hosts
            .lock()
            .map(|h| h.keys().take(3).cloned().collect::<Vec<_>>());
        hosts.unwrap_or_default().join(", ")
    }

    fn refresh(&self) {
        if let Some(bar) = &self.bar {
            bar.set_message(format!(
                "{} failed · {}",
                self.failed.load(Ordering::Relaxed),
                self.hosts_text()
            ));
        }
    }

    /// A check of a URL on `host` starts.
    pub(crate) fn start(&self, host: &str) {
        if self.mode == Progress::Hidden {
            return;
        }
        if let Ok(mut hosts) = self.hosts.lock() {
            *hosts.entry(host.to_string()).or_default() += 1;
        }
        self.refresh();
    }

    /// A check of a URL on `host` ended.
    pub(crate) fn finish(&self, host: &str, failed: bool) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        if failed {
            self.failed.fetch_add(1, Ordering::Relaxed);
        }
        if self.mode == Progress::Hidden {
            return;
        }
        if let Ok(mut hosts) = self.hosts.lock() {
            if let Some(count) = hosts.get_mut(host) {
                *count -= 1;
                if *count == 0 {
                    hosts.remove(host);
                }
            }
        }
        if let Some(bar) = &self.bar {
            bar.set_position(done as u64);
            self.refresh();
        }
        if self.mode == Progress::Lines {
            let due = self.last_line.lock().is_ok_and(|mut last| {
                let due = last.elapsed() >= LINE_EVERY;
                if due {
                    *last = Instant::now();
                }
                due
            });
            if due {
                self.line(done);
            }
        }
    }

    fn line(&self, done: usize) {
        // Progress is best effort: a closed stderr must not stop the check.
        let _ = writeln!(
            std::io::stderr(),
            "sitelint: external links {done}/{} checked, {} failed",
            self.total,
            self.failed.load(Ordering::Relaxed)
        );
    }

    /// All checks ended.
    pub(crate) fn close(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
        if self.mode == Progress::Lines && self.total > 0 {
            self.line(self.done.load(Ordering::Relaxed));
        }
    }
}
