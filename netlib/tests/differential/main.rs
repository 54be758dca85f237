//! Differential random test: netlib against a live CPython 3.13, side by
//! side, on generated inputs (see `tests/vectors/DIFFERENTIAL.md`).
//!
//! `tests/vectors/differential_cases.py` generates the inputs (a grammar of
//! addresses, networks, interfaces, URLs, joins, quotes, query strings,
//! inet forms and hex strings, plus random mutations; case `i` of a seed is
//! always the same). `differential_cpython.py` evaluates each case in
//! CPython and prints it with every observable result; this test evaluates
//! the same case through netlib (`netlib_side.rs`) and compares field by
//! field: values, `repr()`/`str()`, properties, exception class and text.
//! Every difference is reported with its input, unless it is one of the
//! listed expected differences (`expected.rs`); a listed difference that no
//! longer occurs is reported too.
//!
//! Environment:
//! - `NETLIB_DIFFERENTIAL_COUNT` (default 40,000), `NETLIB_DIFFERENTIAL_SEED`
//!   (default 20240801), `NETLIB_DIFFERENTIAL_START` (first case number, 0):
//!   which cases run. The long run: `NETLIB_DIFFERENTIAL_COUNT=1000000 cargo
//!   test --release -p netlib --test differential -- --nocapture`.
//! - `NETLIB_DIFFERENTIAL_JOBS`: CPython processes in parallel (default: the
//!   number of CPUs, at most 4).
//! - `NETLIB_PYTHON`: the interpreter to use. Otherwise the first of
//!   `python3.13`, `python3` with `PYENV_VERSION=3.13` (pyenv), `python3`
//!   that is CPython 3.13. Without one the test **fails** and says so;
//!   `NETLIB_DIFFERENTIAL_SKIP=1` skips it instead (for machines without
//!   CPython 3.13, where the committed vectors still run).

#[macro_use]
#[path = "../common/props.rs"]
mod props;
#[path = "../common/vectors.rs"]
mod vectors;

mod expected;
mod netlib_side;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::process::{Command, Stdio};
use std::time::Instant;

use serde_json::Value;

use expected::{Diff, Rule};
use netlib_side::Record;

const DEFAULT_COUNT: u64 = 40_000;
const DEFAULT_SEED: u64 = 20_240_801;
const EXAMPLES: usize = 5;
const SCRIPT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/vectors/differential_cpython.py"
);

/// A program and the environment that makes it CPython 3.13.
struct Python {
    program: String,
    env: Vec<(&'static str, &'static str)>,
}

impl Python {
    fn command(&self) -> Command {
        let mut c = Command::new(&self.program);
        c.envs(self.env.iter().copied());
        c
    }

    fn shown(&self) -> String {
        let env: Vec<String> = self.env.iter().map(|(k, v)| format!("{k}={v} ")).collect();
        format!("{}{}", env.concat(), self.program)
    }

    fn is_313(&self) -> bool {
        let probe = "import sys; print(sys.implementation.name, sys.version_info[:2] == (3, 13))";
        self.command()
            .args(["-c", probe])
            .stderr(Stdio::null())
            .output()
            .is_ok_and(|o| o.status.success() && o.stdout.trim_ascii() == b"cpython True")
    }
}

fn find_python() -> Result<Python, String> {
    if let Ok(program) = std::env::var("NETLIB_PYTHON") {
        let python = Python {
            program,
            env: Vec::new(),
        };
        return if python.is_313() {
            Ok(python)
        } else {
            Err(format!(
                "NETLIB_PYTHON={} is not CPython 3.13",
                python.program
            ))
        };
    }
    let candidates = [
        ("python3.13", vec![]),
        ("python3", vec![("PYENV_VERSION", "3.13")]),
        ("python3", vec![]),
    ];
    let mut tried = Vec::new();
    for (program, env) in candidates {
        let python = Python {
            program: program.into(),
            env,
        };
        if python.is_313() {
            return Ok(python);
        }
        tried.push(python.shown());
    }
    Err(format!(
        "the differential test needs CPython 3.13 and found none (tried: {}). Install it \
         (e.g. `pyenv install 3.13`), point NETLIB_PYTHON at it, or set \
         NETLIB_DIFFERENTIAL_SKIP=1 to skip this test",
        tried.join(", ")
    ))
}

fn env_number(name: &str, default: u64) -> u64 {
    match std::env::var(name) {
        Ok(v) => v
            .replace('_', "")
            .parse()
            .unwrap_or_else(|_| panic!("{name}={v} is not a number")),
        Err(_) => default,
    }
}

/// One difference that no rule allows.
struct Found {
    index: u64,
    input: String,
    python: Value,
    netlib: Value,
}

/// What a range of cases gave.
#[derive(Default)]
struct Outcome {
    cases: u64,
    fields: u64,
    per_op: BTreeMap<String, u64>,
    /// (op, field) → how many cases differ, and the first few.
    groups: BTreeMap<(String, String), (u64, Vec<Found>)>,
    /// Rule index → how many differences it allowed.
    rules_used: BTreeMap<usize, u64>,
}

impl Outcome {
    fn merge(&mut self, other: Outcome) {
        self.cases += other.cases;
        self.fields += other.fields;
        for (op, n) in other.per_op {
            *self.per_op.entry(op).or_default() += n;
        }
        for (key, (n, mut found)) in other.groups {
            let group = self.groups.entry(key).or_default();
            group.0 += n;
            group.1.append(&mut found);
            group.1.sort_by_key(|f| f.index);
            group.1.truncate(EXAMPLES);
        }
        for (rule, n) in other.rules_used {
            *self.rules_used.entry(rule).or_default() += n;
        }
    }

    fn compare(&mut self, rules: &[Rule], case: &Value, py: &Record, netlib: &Record) {
        let op = case["op"].as_str().unwrap_or_default();
        let absent = Value::from("<no such field>");
        let mut fields: Vec<&String> = py.keys().filter(|k| !k.starts_with('_')).collect();
        fields.extend(netlib.keys().filter(|k| !py.contains_key(*k)));
        for field in fields {
            self.fields += 1;
            let (python, ours) = (
                py.get(field).unwrap_or(&absent),
                netlib.get(field).unwrap_or(&absent),
            );
            if python == ours {
                continue;
            }
            let diff = Diff {
                op,
                field,
                python,
                netlib: ours,
                py,
            };
            if let Some(rule) = expected::allowed(rules, &diff) {
                *self.rules_used.entry(rule).or_default() += 1;
                continue;
            }
            self.found(op, field, case, python.clone(), ours.clone());
        }
    }

    fn found(&mut self, op: &str, field: &str, case: &Value, python: Value, netlib: Value) {
        let group = self
            .groups
            .entry((op.to_owned(), field.to_owned()))
            .or_default();
        group.0 += 1;
        if group.1.len() < EXAMPLES {
            group.1.push(Found {
                index: case["i"].as_u64().unwrap_or_default(),
                input: case["in"].to_string(),
                python,
                netlib,
            });
        }
    }
}

/// Runs cases `start..start + count` through CPython and netlib.
fn run_range(python: &Python, rules: &[Rule], seed: u64, start: u64, count: u64) -> Outcome {
    let mut child = python
        .command()
        .arg(SCRIPT)
        .args(["--seed", &seed.to_string(), "--start", &start.to_string()])
        .args(["--count", &count.to_string()])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", python.shown()));
    let stdout = child.stdout.take().expect("piped stdout");
    let mut out = Outcome::default();
    for line in BufReader::with_capacity(1 << 20, stdout).lines() {
        let line = line.expect("CPython's output is UTF-8 text");
        let case: Value = serde_json::from_str(&line).expect("CPython printed a JSON case");
        let op = case["op"].as_str().expect("op").to_owned();
        let py = case["py"].as_object().expect("py record");
        out.cases += 1;
        *out.per_op.entry(op.clone()).or_default() += 1;
        match catch_unwind(AssertUnwindSafe(|| netlib_side::evaluate(&op, &case["in"]))) {
            Ok(netlib) => out.compare(rules, &case, py, &netlib),
            Err(panic) => {
                let message = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                    .unwrap_or_default();
                let python = Value::from("no panic");
                out.found(&op, "(panic)", &case, python, Value::from(message));
            }
        }
    }
    let status = child.wait().expect("CPython finishes");
    assert!(
        status.success(),
        "{} {SCRIPT} failed: {status}",
        python.shown()
    );
    assert_eq!(
        out.cases, count,
        "CPython printed fewer cases than asked for"
    );
    out
}

#[test]
fn netlib_matches_cpython_on_random_inputs() {
    if std::env::var("NETLIB_DIFFERENTIAL_SKIP").is_ok_and(|v| v == "1") {
        eprintln!("NOTE: NETLIB_DIFFERENTIAL_SKIP=1, differential test against CPython skipped");
        return;
    }
    let python = find_python().unwrap_or_else(|e| panic!("{e}"));
    let count = env_number("NETLIB_DIFFERENTIAL_COUNT", DEFAULT_COUNT);
    let seed = env_number("NETLIB_DIFFERENTIAL_SEED", DEFAULT_SEED);
    let start = env_number("NETLIB_DIFFERENTIAL_START", 0);
    let cpus = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    let jobs = env_number("NETLIB_DIFFERENTIAL_JOBS", cpus as u64).clamp(1, count.max(1));
    let rules = expected::rules();
    let began = Instant::now();
    let mut total = Outcome::default();
    std::thread::scope(|scope| {
        let (python, rules) = (&python, &rules);
        let handles: Vec<_> = (0..jobs)
            .map(|j| {
                let (from, to) = (start + count * j / jobs, start + count * (j + 1) / jobs);
                scope.spawn(move || run_range(python, rules, seed, from, to - from))
            })
            .collect();
        for h in handles {
            // A worker's panic (CPython failed) is the test's failure, message and all.
            total.merge(h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
        }
    });
    let secs = began.elapsed().as_secs_f64();

    let ops: Vec<String> = total
        .per_op
        .iter()
        .map(|(op, n)| format!("{op} {n}"))
        .collect();
    eprintln!(
        "differential: {} cases (seed {seed}, cases {start}..{}) through {} and netlib in \
         {secs:.1} s with {jobs} jobs; {} fields compared; by op: {}",
        total.cases,
        start + count,
        python.shown(),
        total.fields,
        ops.join(", ")
    );
    for (i, rule) in rules.iter().enumerate() {
        let n = total.rules_used.get(&i).copied().unwrap_or(0);
        eprintln!("  expected difference {}: {n} fields", rule.id);
    }

    let mut report = Vec::new();
    for ((op, field), (n, found)) in &total.groups {
        report.push(format!("[{op}] {field}: {n} cases differ, e.g."));
        for f in found {
            report.push(format!(
                "  case {} {}\n      python: {}\n      netlib: {}",
                f.index, f.input, f.python, f.netlib
            ));
        }
    }
    let stale: Vec<&Rule> = (0..rules.len())
        .filter(|i| !total.rules_used.contains_key(i))
        .map(|i| &rules[i])
        .collect();
    if count >= DEFAULT_COUNT {
        for rule in stale {
            report.push(format!(
                "expected difference {} no longer occurs: netlib now matches CPython there, \
                 remove the entry",
                rule.id
            ));
        }
    } else if !stale.is_empty() {
        eprintln!("NOTE: a run below {DEFAULT_COUNT} cases does not check for stale entries");
    }
    assert!(
        report.is_empty(),
        "netlib differs from CPython 3.13 ({} of {} fields unexplained):\n{}\n\
         Re-run one case: {} {SCRIPT} --seed {seed} --start <case> --count 1",
        total.groups.values().map(|g| g.0).sum::<u64>(),
        total.fields,
        report.join("\n"),
        python.shown(),
    );
}
