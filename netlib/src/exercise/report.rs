//! What a check found: one row per case, as a table in the notebook
//! ([`crate::display`] draws it) and as text (`Debug`, the `text/plain` twin
//! every other frontend and the lesson comparisons read).

use std::fmt;
use std::time::Duration;

/// How one case went.
///
/// ```
/// use netlib::exercise::{Check, Outcome};
/// // Python: Check('t').case('todo', 1, lambda: todo())   # NotImplementedError
/// let check = Check::new("t").case("todo", 1, || -> i32 { todo!() });
/// assert_eq!(check.report().cases[0].outcome, Outcome::NotImplemented);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The code returned what was expected.
    Passed,
    /// The code returned something else (its `Debug`).
    Wrong(String),
    /// The code reached `todo!()` or `unimplemented!()`: not written yet.
    NotImplemented,
    /// The code panicked, with this message.
    Panicked(String),
    /// The check's side of the exercise found a problem it explains in
    /// this message (a server that does not end, a refused connection).
    Trouble(String),
    /// The code did not return within the limit; its thread may still run.
    TimedOut(Duration),
    /// Not run, because an earlier case ran out of time.
    NotRun,
}

/// One case of a check: what it gave the code, what it expected, what came.
///
/// ```
/// use netlib::exercise::Check;
/// // Python: check.cases[0].input
/// let check = Check::new("t").case("2 + 2", 4, || 2 + 2);
/// assert_eq!(check.report().cases[0].input, "2 + 2");
/// assert_eq!(check.report().cases[0].expected, "4");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseReport {
    /// What the case gives the student's code.
    pub input: String,
    /// What it expects, as text.
    pub expected: String,
    /// How it went.
    pub outcome: Outcome,
    /// Shown when the code ran and returned a wrong value or panicked.
    pub hint: Option<String>,
    /// The messages of panics in threads the code spawned while the case
    /// ran (shown for a failed case, instead of a trace on stderr).
    pub thread_panics: Vec<String>,
}

/// A finished check: its title and its cases. `Debug` is the text report;
/// in a notebook it is drawn as a table.
///
/// ```
/// use netlib::exercise::Check;
/// // Python: print(repr(Check('double').case('2', 4, lambda: 4).finish()))
/// let report = Check::new("double").case("2", 4, || 4).finish()?;
/// assert_eq!(format!("{report:?}"), "double: 1개 모두 통과\n✔ 1. 2 → 4");
/// # Ok::<(), netlib::exercise::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Report {
    /// What was checked (usually the function's name).
    pub title: String,
    /// The cases, in the order they ran.
    pub cases: Vec<CaseReport>,
}

impl Outcome {
    /// Did the case pass?
    ///
    /// ```
    /// use netlib::exercise::Outcome;
    /// // Python: outcome.passed
    /// assert!(Outcome::Passed.passed());
    /// assert!(!Outcome::NotRun.passed());
    /// ```
    pub fn passed(&self) -> bool {
        matches!(self, Outcome::Passed)
    }

    /// What came, in Korean, for the report's "결과" line.
    ///
    /// ```
    /// use netlib::exercise::Outcome;
    /// // Python: outcome.describe()
    /// assert_eq!(Outcome::Wrong("5".into()).describe(), "5");
    /// assert_eq!(Outcome::NotImplemented.describe(), "아직 작성하지 않았다 (todo!()에 닿았다)");
    /// ```
    pub fn describe(&self) -> String {
        match self {
            Outcome::Passed => "통과".to_owned(),
            Outcome::Wrong(got) => got.clone(),
            Outcome::NotImplemented => "아직 작성하지 않았다 (todo!()에 닿았다)".to_owned(),
            Outcome::Panicked(message) => format!("패닉: {message}"),
            Outcome::Trouble(message) => message.clone(),
            Outcome::TimedOut(limit) => format!(
                "{}초 안에 끝나지 않았다: 끝없는 반복이나, 오지 않을 데이터를 기다리는 read/recv가 있는지 보자 \
                 (그 코드는 아직 돌고 있을 수 있다; 커널을 다시 시작하면 멈춘다)",
                seconds(*limit)
            ),
            Outcome::NotRun => "실행하지 않았다: 앞의 사례가 시간 안에 끝나지 않았다".to_owned(),
        }
    }
}

impl CaseReport {
    /// The panics of the code's own threads the report shows: up to three,
    /// for a failed case that did not just reach `todo!()` (which says why).
    ///
    /// (A doctest of its own process: the kept messages are the process's, and
    /// a check running beside it in another merged doctest would take them.)
    ///
    /// ```standalone_crate
    /// use netlib::exercise::Check;
    /// // Python: check.cases[0].shown_thread_errors()
    /// let check = Check::new("t").case("a", 1, || std::thread::spawn(|| -> i32 { panic!("inner") }).join().unwrap_or(0));
    /// assert_eq!(check.report().cases[0].shown_thread_panics(), ["inner"]);
    /// ```
    pub fn shown_thread_panics(&self) -> &[String] {
        match self.outcome {
            Outcome::Passed | Outcome::NotImplemented | Outcome::NotRun => &[],
            _ => &self.thread_panics[..self.thread_panics.len().min(3)],
        }
    }

    /// The hint, when the report shows it: the code ran and returned a
    /// wrong value or panicked (a timeout or `todo!()` has its own advice).
    ///
    /// ```
    /// use netlib::exercise::Check;
    /// // Python: check.cases[0].shown_hint()
    /// let check = Check::new("t").case("a", 1, || 2).hint("하나").case("b", 1, || -> i32 { todo!() }).hint("둘");
    /// assert_eq!(check.report().cases[0].shown_hint(), Some("하나"));
    /// assert_eq!(check.report().cases[1].shown_hint(), None);
    /// ```
    pub fn shown_hint(&self) -> Option<&str> {
        match self.outcome {
            Outcome::Wrong(_) | Outcome::Panicked(_) => self.hint.as_deref(),
            _ => None,
        }
    }
}

/// The line under a report in which the code is not written yet.
pub(crate) const WRITE_IT_FIRST: &str =
    "→ 풀이 셀의 todo!() 자리에 코드를 쓰고, 그 셀을 실행한 다음 채점 셀을 다시 실행하자";

impl Report {
    /// Did a case reach `todo!()` (the solution cell is not written yet)?
    ///
    /// ```
    /// use netlib::exercise::Check;
    /// // Python: check.not_written_yet
    /// assert!(Check::new("t").case("a", 1, || -> i32 { todo!() }).report().not_written_yet());
    /// ```
    pub fn not_written_yet(&self) -> bool {
        self.cases
            .iter()
            .any(|c| c.outcome == Outcome::NotImplemented)
    }

    /// How many cases passed.
    ///
    /// ```
    /// use netlib::exercise::Check;
    /// // Python: check.passed
    /// assert_eq!(Check::new("t").case("a", 1, || 2).report().passed(), 0);
    /// ```
    pub fn passed(&self) -> usize {
        self.cases.iter().filter(|c| c.outcome.passed()).count()
    }

    /// Did every case pass (and was there one)?
    ///
    /// ```
    /// use netlib::exercise::Check;
    /// // Python: check.all_passed
    /// assert!(Check::new("t").case("a", 1, || 1).report().all_passed());
    /// assert!(!Check::new("empty").report().all_passed());
    /// ```
    pub fn all_passed(&self) -> bool {
        !self.cases.is_empty() && self.passed() == self.cases.len()
    }

    /// The first line of the report, and the failed check's error text:
    /// `title: 4개 중 2개 통과 (틀린 사례: 2, 4)`.
    ///
    /// ```
    /// use netlib::exercise::Check;
    /// // Python: check.summary()
    /// let check = Check::new("t").case("a", 1, || 1).case("b", 2, || 3);
    /// assert_eq!(check.report().summary(), "t: 2개 중 1개 통과 (틀린 사례: 2)");
    /// ```
    pub fn summary(&self) -> String {
        let total = self.cases.len();
        if total == 0 {
            return format!("{}: 확인한 사례가 없다", self.title);
        }
        if self.all_passed() {
            return format!("{}: {total}개 모두 통과", self.title);
        }
        let failed: Vec<String> = self
            .cases
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.outcome.passed())
            .map(|(i, _)| (i + 1).to_string())
            .collect();
        format!(
            "{}: {total}개 중 {}개 통과 (틀린 사례: {})",
            self.title,
            self.passed(),
            failed.join(", ")
        )
    }
}

/// The text report: the summary, then a line per case; a failed case adds
/// what was expected, what came and the hint, indented.
impl fmt::Debug for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.summary())?;
        for (i, case) in self.cases.iter().enumerate() {
            let n = i + 1;
            if case.outcome.passed() {
                write!(f, "\n✔ {n}. {} → {}", case.input, case.expected)?;
                continue;
            }
            write!(f, "\n✘ {n}. {}", case.input)?;
            write!(f, "\n     기대: {}", case.expected)?;
            write!(f, "\n     결과: {}", case.outcome.describe())?;
            for message in case.shown_thread_panics() {
                write!(f, "\n     스레드의 패닉: {message}")?;
            }
            if let Some(hint) = case.shown_hint() {
                write!(f, "\n     힌트: {hint}")?;
            }
        }
        if self.not_written_yet() {
            write!(f, "\n{WRITE_IT_FIRST}")?;
        }
        Ok(())
    }
}

/// `3` for three seconds, `0.5` for half of one.
fn seconds(limit: Duration) -> String {
    let s = limit.as_secs_f64();
    if s.fract() == 0.0 {
        format!("{s:.0}")
    } else {
        format!("{s}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_case_shows_expected_result_and_hint() {
        let report = Report {
            title: "f".into(),
            cases: vec![
                CaseReport {
                    input: "a".into(),
                    expected: "1".into(),
                    outcome: Outcome::Passed,
                    hint: Some("never shown".into()),
                    thread_panics: Vec::new(),
                },
                CaseReport {
                    input: "b".into(),
                    expected: "2".into(),
                    outcome: Outcome::Wrong("3".into()),
                    hint: Some("더하기".into()),
                    thread_panics: vec!["inner".into()],
                },
                CaseReport {
                    input: "c".into(),
                    expected: "3".into(),
                    outcome: Outcome::TimedOut(Duration::from_millis(500)),
                    hint: Some("not for a timeout".into()),
                    thread_panics: Vec::new(),
                },
            ],
        };
        let text = format!("{report:?}");
        assert!(text.starts_with("f: 3개 중 1개 통과 (틀린 사례: 2, 3)\n✔ 1. a → 1\n✘ 2. b\n     기대: 2\n     결과: 3\n     스레드의 패닉: inner\n     힌트: 더하기\n✘ 3. c"));
        assert!(text.contains("결과: 0.5초 안에 끝나지 않았다"));
        assert!(!text.contains("never shown") && !text.contains("not for a timeout"));
    }
}
