//! Running the student's code so that nothing it does ends the check: on a
//! thread of its own (a panic unwinds that thread only), under a time limit
//! (a thread cannot be killed, so one that does not return is left running
//! and reported), with the panic's report kept off stderr (the report is the
//! check's table, not `thread '…' panicked at src/lib.rs:…` and a backtrace:
//! the kernel runs cells with `RUST_BACKTRACE=1`).

use std::any::Any;
use std::panic;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, Once, mpsc};
use std::thread;
use std::time::Duration;

use super::Outcome;

/// Threads whose name starts with this run the student's code or the
/// check's side of an exercise; their panics become rows of a report.
pub(super) const THREAD_PREFIX: &str = "netlib-exercise";

/// A panic the check's own code raises to report a problem in words
/// (`Outcome::Trouble`), as opposed to a panic of the student's code.
#[derive(Debug)]
pub(super) struct Trouble(pub(super) String);

/// Ends the calling exercise thread with a [`Trouble`] report.
pub(super) fn trouble(message: impl Into<String>) -> ! {
    panic::panic_any(Trouble(message.into()))
}

/// Cases running now: while one runs, a panic of a thread without a name
/// (one the student's code spawned with `thread::spawn`) is kept for the
/// case's report instead of going to stderr.
static RUNNING: AtomicUsize = AtomicUsize::new(0);
static THREAD_PANICS: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Runs `run` on an exercise thread and waits at most `limit` for it; also
/// returns the messages of the panics of the threads it spawned meanwhile.
pub(super) fn run_limited<T, F>(run: F, limit: Duration) -> (Result<T, Outcome>, Vec<String>)
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    quiet_exercise_panics();
    RUNNING.fetch_add(1, Ordering::SeqCst);
    let result = wait_for(run, limit);
    RUNNING.fetch_sub(1, Ordering::SeqCst);
    let panics = std::mem::take(&mut *THREAD_PANICS.lock().unwrap_or_else(|e| e.into_inner()));
    (result, panics)
}

fn wait_for<T, F>(run: F, limit: Duration) -> Result<T, Outcome>
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    let result = match spawn_exercise_thread("case", run) {
        Ok(result) => result,
        Err(e) => return Err(Outcome::Trouble(format!("스레드를 만들 수 없다: {e}"))),
    };
    match result.recv_timeout(limit) {
        Ok(outcome) => outcome,
        Err(mpsc::RecvTimeoutError::Timeout) => Err(Outcome::TimedOut(limit)),
        // The thread ended without sending: only an abort could do that,
        // and it would have ended the process too.
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            Err(Outcome::Trouble("코드가 결과 없이 끝났다".to_owned()))
        }
    }
}

/// Runs `run` on a thread named `THREAD_PREFIX-what` (so its panic says
/// nothing on stderr); the receiver gets its value, or how it panicked, when
/// it ends. Nobody may be listening by then (a time limit passed): that is
/// not the thread's concern.
pub(super) fn spawn_exercise_thread<R, F>(
    what: &str,
    run: F,
) -> std::io::Result<mpsc::Receiver<Result<R, Outcome>>>
where
    R: Send + 'static,
    F: FnOnce() -> R + Send + 'static,
{
    let (done, ended) = mpsc::channel();
    thread::Builder::new()
        .name(format!("{THREAD_PREFIX}-{what}"))
        .spawn(move || {
            let result = panic::catch_unwind(panic::AssertUnwindSafe(run))
                .map_err(|payload| panic_outcome(payload.as_ref()));
            let _ = done.send(result);
        })?;
    Ok(ended)
}

/// What a panic's payload says, as an outcome.
pub(super) fn panic_outcome(payload: &(dyn Any + Send)) -> Outcome {
    if let Some(Trouble(message)) = payload.downcast_ref::<Trouble>() {
        return Outcome::Trouble(message.clone());
    }
    let message = panic_message(payload);
    // The messages of `todo!()` and `unimplemented!()`, with or without
    // their own text after a colon.
    if message.starts_with("not yet implemented") || message.starts_with("not implemented") {
        Outcome::NotImplemented
    } else {
        Outcome::Panicked(message)
    }
}

/// The text of a panic's payload (`panic!` gives a `&str` or a `String`).
pub(super) fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(Trouble(message)) = payload.downcast_ref::<Trouble>() {
        return message.clone();
    }
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(메시지 없음)".to_owned())
}

/// Installs, once per process, a panic hook that says nothing for exercise
/// threads, keeps the message of an unnamed thread's panic while a case runs
/// (for the case's report), and hands every other panic to the hook that was
/// there before.
fn quiet_exercise_panics() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            let current = thread::current();
            match current.name() {
                Some(name) if name.starts_with(THREAD_PREFIX) => {}
                None if RUNNING.load(Ordering::SeqCst) > 0 => {
                    THREAD_PANICS
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push(panic_message(info.payload()));
                }
                _ => previous(info),
            }
        }));
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_panics_todo_and_timeouts() {
        let limit = Duration::from_secs(2);
        let result = |r: (Result<i32, Outcome>, Vec<String>)| r.0;
        assert_eq!(result(run_limited(|| 7, limit)), Ok(7));
        assert_eq!(
            result(run_limited(|| -> i32 { panic!("boom {}", 1) }, limit)),
            Err(Outcome::Panicked("boom 1".into()))
        );
        assert_eq!(
            result(run_limited(|| -> i32 { todo!() }, limit)),
            Err(Outcome::NotImplemented)
        );
        assert_eq!(
            result(run_limited(|| -> i32 { unimplemented!("later") }, limit)),
            Err(Outcome::NotImplemented)
        );
        assert_eq!(
            result(run_limited(
                || -> i32 { trouble("서버가 끝나지 않았다") },
                limit
            )),
            Err(Outcome::Trouble("서버가 끝나지 않았다".into()))
        );
        let short = Duration::from_millis(50);
        assert_eq!(
            run_limited(|| thread::sleep(Duration::from_millis(500)), short).0,
            Err(Outcome::TimedOut(short))
        );

        // A thread the code spawned: its panic goes to the report, not stderr.
        // (In this one test: the kept messages are the process's, and a check
        // running beside it in another test would take them.)
        let (result, panics) = run_limited(
            || {
                thread::spawn(|| -> i32 { panic!("inner {}", 2) })
                    .join()
                    .is_err()
            },
            Duration::from_secs(2),
        );
        assert_eq!(result, Ok(true));
        assert_eq!(panics, ["inner 2"]);
    }
}
