//! Exercises with feedback: a check cell runs the student's code on a few
//! cases and shows, in Korean, which pass and why the others do not — the
//! Rust side of the `assert` cells an nbgrader notebook in Python grades
//! with, and of the lessons' Python twins' `exercise.py`.
//!
//! A case runs the student's code on its own thread, under a time limit, so
//! whatever the code does — returns a wrong value, panics (`todo!()` in a
//! cell not filled in yet), never returns, or leaves a server running — the
//! check reports it as one row of its table and the kernel stays usable:
//!
//! ```
//! use netlib::exercise::Check;
//!
//! // What the student wrote (here with a bug: the prefix is ignored).
//! fn same_subnet(a: &str, b: &str, _prefix: u8) -> bool {
//!     a.rsplit_once('.').map(|p| p.0) == b.rsplit_once('.').map(|p| p.0)
//! }
//!
//! // Python: check = Check('same_subnet')
//! // Python: check.case('192.168.0.10, 192.168.0.200, /24', True, lambda: same_subnet('192.168.0.10', '192.168.0.200', 24))
//! // Python: check.case('10.0.0.1, 10.0.1.1, /16', True, lambda: same_subnet('10.0.0.1', '10.0.1.1', 16))
//! // Python: check.hint('/16이면 앞의 두 옥텟만 같으면 된다')
//! // Python: check.finish()     # raises AssertionError: same_subnet: 2개 중 1개 통과
//! let result = Check::new("same_subnet")
//!     .case("192.168.0.10, 192.168.0.200, /24", true, || same_subnet("192.168.0.10", "192.168.0.200", 24))
//!     .case("10.0.0.1, 10.0.1.1, /16", true, || same_subnet("10.0.0.1", "10.0.1.1", 16))
//!     .hint("/16이면 앞의 두 옥텟만 같으면 된다")
//!     .finish();
//! let err = result.unwrap_err();
//! assert_eq!(err.to_string(), "same_subnet: 2개 중 1개 통과 (틀린 사례: 2)");
//! assert_eq!(err.python_class(), "AssertionError");
//! ```
//!
//! In a notebook the check cell ends with `.finish()?`: when every case
//! passes its value is the [`Report`], drawn as a table; when one fails, the
//! table is shown and the cell ends with an `error` output (the kernel's
//! `?`), so nbgrader scores the cell 0 and Run All stops there, as an
//! `AssertionError` does in Python.
//!
//! [`run_server`] and [`run_client`] put the student's server or client on
//! one end of a real loopback connection and the check's script on the other.

use std::fmt;
use std::time::Duration;

mod loopback;
pub(crate) mod report;
mod sandbox;

pub use loopback::{IO_TIMEOUT, connect, run_client, run_server, tcp_pair};
pub use report::{CaseReport, Outcome, Report};

crate::exception::python_error! {
    /// Which Python exception a failed check is: `AssertionError`, what a
    /// failing `assert` in an nbgrader test cell raises.
    ///
    /// ```
    /// use netlib::exercise::ErrorKind;
    /// // Python: type(e).__name__ of a failed check
    /// assert_eq!(ErrorKind::AssertionError.python_name(), "AssertionError");
    /// ```
    pub enum ErrorKind {
        /// `AssertionError`: at least one case did not pass.
        AssertionError => "AssertionError",
    }

    /// A check with a case that did not pass; `Display` is the summary line
    /// (which cases failed), the table says the rest.
    ///
    /// ```
    /// use netlib::exercise::Check;
    /// // Python: Check('port').case('http', 80, lambda: 8080).finish()
    /// let err = Check::new("port").case("http", 80, || 8080).finish().unwrap_err();
    /// assert_eq!(err.to_string(), "port: 1개 중 0개 통과 (틀린 사례: 1)");
    /// ```
    pub struct Error {}
    debug: "AssertionError('port: 1개 중 0개 통과 (틀린 사례: 1)')",
    example: {
        module: netlib::exercise,
        python: "Check('port').case('http', 80, lambda: 8080).finish()",
        rust: Check::new("port").case("http", 80, || 8080).finish(),
        kind: AssertionError,
        class: "AssertionError",
        message: "port: 1개 중 0개 통과 (틀린 사례: 1)",
    }
}

/// How long one case may run when the check does not say otherwise.
pub const DEFAULT_TIME_LIMIT: Duration = Duration::from_secs(3);

/// A check under construction: each [`case`](Check::case) runs as it is
/// added; [`finish`](Check::finish) turns the results into a verdict.
///
/// ```
/// use netlib::exercise::Check;
/// use netlib::prelude::*;
///
/// fn hosts(net: &str) -> u128 {
///     net.parse::<Ipv4Network>().map(|n| n.num_addresses() - 2).unwrap_or(0)
/// }
/// // Python: Check('hosts').case('192.168.0.0/26', 62, lambda: hosts('192.168.0.0/26')).finish()
/// let report = Check::new("hosts").case("192.168.0.0/26", 62, || hosts("192.168.0.0/26")).finish()?;
/// assert!(report.all_passed());
/// # Ok::<(), netlib::exercise::Error>(())
/// ```
#[derive(Debug)]
pub struct Check {
    report: Report,
    limit: Duration,
    /// A case ran out of time: its thread may still run, so the cases after
    /// it are not started (each would leave one more such thread behind).
    stalled: bool,
}

impl Check {
    /// A check of what the exercise calls `title` (usually the function's
    /// name). Python: `Check('same_subnet')`.
    ///
    /// ```
    /// use netlib::exercise::Check;
    /// // Python: Check('recv_exactly')
    /// let check = Check::new("recv_exactly");
    /// # let _ = check;
    /// ```
    pub fn new(title: impl Into<String>) -> Check {
        Check {
            report: Report {
                title: title.into(),
                cases: Vec::new(),
            },
            limit: DEFAULT_TIME_LIMIT,
            stalled: false,
        }
    }

    /// The time each later case may run ([`DEFAULT_TIME_LIMIT`] until set).
    ///
    /// ```
    /// use std::time::Duration;
    /// use netlib::exercise::Check;
    /// // Python: Check('slow', time_limit=0.1).case('loop', 1, lambda: spin())
    /// let check = Check::new("slow")
    ///     .time_limit(Duration::from_millis(100))
    ///     .case("loop", 1, || loop { std::thread::sleep(Duration::from_millis(10)) });
    /// assert!(matches!(check.report().cases[0].outcome, netlib::exercise::Outcome::TimedOut(_)));
    /// ```
    pub fn time_limit(mut self, limit: Duration) -> Check {
        self.limit = limit;
        self
    }

    /// Runs `run` and expects `expected`; `input` says what the case gives
    /// the student's code, in words or values. Python:
    /// `check.case(input, expected, lambda: ...)`.
    ///
    /// ```
    /// use netlib::exercise::{Check, Outcome};
    /// // Python: Check('double').case('2', 4, lambda: double(2))
    /// let check = Check::new("double").case("2", 4, || 2 * 2);
    /// assert_eq!(check.report().cases[0].outcome, Outcome::Passed);
    /// ```
    pub fn case<T, F>(self, input: impl Into<String>, expected: T, run: F) -> Check
    where
        T: PartialEq + fmt::Debug + Send + 'static,
        F: FnOnce() -> T + Send + 'static,
    {
        let expected_text = format!("{expected:?}");
        self.case_by(input, expected_text, run, move |got| *got == expected)
    }

    /// Runs `run` and passes the case when `judge` accepts what it returned;
    /// `expected` describes in words what is accepted. For values without
    /// `PartialEq` (an `io::Error`) or answers with some freedom. Python:
    /// `check.case_by(input, expected, lambda: ..., judge)`.
    ///
    /// ```
    /// use std::io;
    /// use netlib::exercise::{Check, Outcome};
    /// // Python: Check('read').case_by('EOF', 'EOFError', lambda: read(), lambda r: isinstance(r, EOFError))
    /// let check = Check::new("read").case_by(
    ///     "빈 연결",
    ///     "Err(UnexpectedEof)",
    ///     || -> io::Result<Vec<u8>> { Err(io::ErrorKind::UnexpectedEof.into()) },
    ///     |got| matches!(got, Err(e) if e.kind() == io::ErrorKind::UnexpectedEof),
    /// );
    /// assert_eq!(check.report().cases[0].outcome, Outcome::Passed);
    /// ```
    pub fn case_by<T, F, J>(
        mut self,
        input: impl Into<String>,
        expected: impl Into<String>,
        run: F,
        judge: J,
    ) -> Check
    where
        T: fmt::Debug + Send + 'static,
        F: FnOnce() -> T + Send + 'static,
        J: FnOnce(&T) -> bool,
    {
        let (outcome, thread_panics) = if self.stalled {
            (Outcome::NotRun, Vec::new())
        } else {
            let (result, thread_panics) = sandbox::run_limited(run, self.limit);
            let outcome = match result {
                Ok(got) if judge(&got) => Outcome::Passed,
                Ok(got) => Outcome::Wrong(format!("{got:?}")),
                Err(outcome) => outcome,
            };
            (outcome, thread_panics)
        };
        self.stalled |= matches!(outcome, Outcome::TimedOut(_));
        self.report.cases.push(CaseReport {
            input: input.into(),
            expected: expected.into(),
            outcome,
            hint: None,
            thread_panics,
        });
        self
    }

    /// Compares the student's prediction with what the code really gives
    /// (both already computed: the prediction by the student's function,
    /// which may panic, so it is passed as a closure). Python:
    /// `check.predict(question, lambda: prediction(), actual)`.
    ///
    /// ```
    /// use netlib::exercise::{Check, Outcome};
    /// use netlib::prelude::*;
    /// fn my_prediction() -> u128 { 64 }
    /// let actual = "192.168.0.0/26".parse::<Ipv4Network>()?.num_addresses();
    /// // Python: Check('예측').predict('/26의 주소 수', lambda: my_prediction(), net.num_addresses)
    /// let check = Check::new("예측").predict("/26의 주소 수", my_prediction, actual);
    /// assert_eq!(check.report().cases[0].outcome, Outcome::Passed);
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn predict<T, F>(self, question: impl Into<String>, prediction: F, actual: T) -> Check
    where
        T: PartialEq + fmt::Debug + Send + 'static,
        F: FnOnce() -> T + Send + 'static,
    {
        self.case(question, actual, prediction)
    }

    /// The hint shown under the last case when it fails with a wrong value.
    /// Python: `check.hint('...')`.
    ///
    /// ```
    /// use netlib::exercise::Check;
    /// // Python: Check('port').case('https', 443, lambda: 80).hint('https의 기본 포트는?')
    /// let check = Check::new("port").case("https", 443, || 80).hint("https의 기본 포트는?");
    /// assert_eq!(check.report().cases[0].hint.as_deref(), Some("https의 기본 포트는?"));
    /// ```
    pub fn hint(mut self, hint: impl Into<String>) -> Check {
        if let Some(case) = self.report.cases.last_mut() {
            case.hint = Some(hint.into());
        }
        self
    }

    /// The cases so far and how each went.
    ///
    /// ```
    /// use netlib::exercise::Check;
    /// // Python: len(check.cases)
    /// assert_eq!(Check::new("t").case("a", 1, || 1).report().cases.len(), 1);
    /// ```
    pub fn report(&self) -> &Report {
        &self.report
    }

    /// The verdict: the [`Report`] when every case passed; otherwise the
    /// report is shown in the notebook (a table, as the passing one is) and
    /// the error says which cases failed. Python: `check.finish()`, which
    /// raises `AssertionError` after showing the table.
    ///
    /// ```
    /// use netlib::exercise::Check;
    /// // Python: Check('t').case('a', 1, lambda: 1).finish()
    /// let report = Check::new("t").case("a", 1, || 1).finish()?;
    /// assert_eq!(report.passed(), 1);
    /// # Ok::<(), netlib::exercise::Error>(())
    /// ```
    pub fn finish(self) -> Result<Report, Error> {
        if self.report.all_passed() {
            return Ok(self.report);
        }
        crate::display::show(&self.report);
        Err(Error::new(ErrorKind::AssertionError, self.report.summary()))
    }
}
