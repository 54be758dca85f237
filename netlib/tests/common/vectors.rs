//! The one loader of the committed vector files (`tests/vectors/*.json`,
//! written by the `gen_*.py` scripts from CPython 3.13) and of their lists of
//! expected differences, as rust-url reads its web-platform-tests vectors and
//! its expected failures.
//!
//! Every module has a `<module>_expected_differences.json` in one format:
//!
//! ```json
//! {"python": "3.13.0", "note": "…", "differences": [
//!   {"id": "…", "python": "what CPython does", "netlib": "what netlib does and why",
//!    "check": "rule" | "differential" | "probe" | "api", …the check's fields}
//! ]}
//! ```
//!
//! - `rule` (`section`, `field`, `expected`): the module's vector test lets
//!   netlib give `expected` where the vectors record that Python raised; a rule
//!   no vector uses fails that test.
//! - `differential` (`op`, `rule`, `fields`): the same, for the differential
//!   test's random inputs (`tests/differential/expected.rs` names the rules).
//! - `probe` (`cpython`): [`ExpectedDifferences::check_probes`] runs the
//!   module test's probe of that id, which returns netlib's answer; the same
//!   answer as `cpython` is an unexpected success and fails the test.
//! - `api` (`tested`): a difference of types or signatures that no call can
//!   show (Python's `bytes` variants, a `String` for `bytes`); `tested` names
//!   the test or doctest that pins netlib's side.
//!
//! Included with `#[path = "common/vectors.rs"] mod vectors;` (or
//! `"../common/vectors.rs"` from a test directory).

#![allow(dead_code)]

use std::path::PathBuf;

use serde::Deserialize;
use serde::de::DeserializeOwned;

/// The path of a committed vector file.
pub fn path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/vectors")
        .join(name)
}

/// The vector file `name` (e.g. `"binascii.json"`) read as `T`: a
/// `#[derive(Deserialize)]` record type, or `serde_json::Value` for files
/// whose sections differ in shape.
pub fn load<T: DeserializeOwned>(name: &str) -> T {
    let path = path(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (vector files are committed; tests/vectors/gen_*.py rewrite them)",
            path.display()
        )
    });
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// What CPython did with one input, as `vectorfile.py` records it:
/// `{"ok": value}` or `{"error": {"class": …, "message": …}}`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome<T> {
    Ok(T),
    Error(PyException),
}

/// A Python exception in a vector: its class as Python names it
/// (`ValueError`, `binascii.Error`) and `str(exc)`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct PyException {
    pub class: String,
    pub message: String,
}

impl<T> Outcome<T> {
    /// The outcome as a `Result` with the exception as `(class, message)`,
    /// the form netlib errors give through `python_class()` and `to_string()`.
    pub fn into_result(self) -> Result<T, (String, String)> {
        match self {
            Outcome::Ok(v) => Ok(v),
            Outcome::Error(e) => Err((e.class, e.message)),
        }
    }
}

/// A module's `<module>_expected_differences.json`.
#[derive(Debug, Deserialize)]
pub struct ExpectedDifferences {
    /// The CPython version the differences were seen against.
    pub python: String,
    pub note: String,
    pub differences: Vec<Difference>,
    /// The file's name, for messages.
    #[serde(skip)]
    pub file: String,
}

/// One known difference from CPython.
#[derive(Debug, Deserialize)]
pub struct Difference {
    pub id: String,
    /// What CPython does.
    pub python: String,
    /// What netlib does instead, and why.
    pub netlib: String,
    #[serde(flatten)]
    pub check: Check,
}

/// How a test meets the difference (see the module docs).
#[derive(Debug, Deserialize)]
#[serde(tag = "check", rename_all = "lowercase")]
pub enum Check {
    Rule {
        section: String,
        field: String,
        expected: String,
    },
    Differential {
        op: String,
        rule: String,
        fields: Vec<String>,
    },
    Probe {
        cpython: String,
    },
    Api {
        tested: String,
    },
}

/// A probe: netlib's answer to the input a `probe` difference describes.
pub type Probe = (&'static str, fn() -> String);

impl ExpectedDifferences {
    /// `tests/vectors/<module>_expected_differences.json`.
    pub fn load(module: &str) -> Self {
        let file = format!("{module}_expected_differences.json");
        ExpectedDifferences {
            file: file.clone(),
            ..load(&file)
        }
    }

    /// The `rule` entries: (section, field, expected).
    pub fn rules(&self) -> impl Iterator<Item = (&str, &str, &str)> {
        self.differences.iter().filter_map(|d| match &d.check {
            Check::Rule {
                section,
                field,
                expected,
            } => Some((section.as_str(), field.as_str(), expected.as_str())),
            _ => None,
        })
    }

    /// Runs `probes` against the file's `probe` entries and fails on an
    /// unexpected success (netlib now answers what CPython answers), on an
    /// entry without a probe and on a probe without an entry. Checks that
    /// every `api` entry names where it is tested.
    pub fn check_probes(&self, probes: &[Probe]) {
        let mut failures = Vec::new();
        for d in &self.differences {
            match &d.check {
                Check::Probe { cpython } => match probes.iter().find(|(id, _)| *id == d.id) {
                    Some((_, probe)) => {
                        let netlib = probe();
                        if netlib == *cpython {
                            failures.push(format!(
                                "{}: unexpected success, netlib now gives CPython's {cpython:?}; \
                                 remove the entry",
                                d.id
                            ));
                        }
                    }
                    None => failures.push(format!("{}: no probe in the test", d.id)),
                },
                Check::Api { tested } if tested.trim().is_empty() => {
                    failures.push(format!("{}: an api difference names no test", d.id));
                }
                _ => {}
            }
        }
        for (id, _) in probes {
            let listed = self
                .differences
                .iter()
                .any(|d| d.id == *id && matches!(d.check, Check::Probe { .. }));
            if !listed {
                failures.push(format!("{id}: a probe with no probe entry"));
            }
        }
        assert!(
            failures.is_empty(),
            "{}:\n{}",
            self.file,
            failures.join("\n")
        );
    }
}
