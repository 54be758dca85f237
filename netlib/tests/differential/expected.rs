//! The expected differences the differential test allows, read from the
//! committed lists, each with the exact condition under which it applies.
//!
//! - `vectors/ipaddress_expected_differences.json`: `(section, field)` rules
//!   for the CPython 3.13.0 bug gh-88178 (scoped IPv6 `exploded` and
//!   `reverse_pointer` raise). They apply only where Python raised and netlib
//!   gave exactly the value the file describes.
//! - `vectors/differential_expected_differences.json`: the differences that
//!   only the differential test meets, each naming the rule that recognises it.
//!
//! Every rule must be used by a default-sized run: one that no longer
//! occurs is reported, so the lists never hold stale entries.

use serde_json::Value;

use crate::netlib_side::Record;
use crate::vectors::{Check as Listed, ExpectedDifferences};

/// One difference as the comparison sees it.
pub struct Diff<'a> {
    pub op: &'a str,
    pub field: &'a str,
    pub python: &'a Value,
    pub netlib: &'a Value,
    /// Every field CPython recorded for the case (the `_` ones included).
    pub py: &'a Record,
}

type Check = fn(&Diff, &str) -> bool;

/// The ops of `differential_cases.py`.
const OPS: &[&str] = &[
    "address",
    "network",
    "interface",
    "url",
    "unsplit",
    "join",
    "quote",
    "qs",
    "inet",
    "hex",
];

/// A listed difference: where it is listed, what it covers, how to recognise it.
pub struct Rule {
    pub id: String,
    /// Op and field prefix (`strict.`, `loose.`, `split.`) pairs it covers, with the field.
    targets: Vec<(&'static str, String)>,
    check: Check,
}

fn raised(v: &Value) -> bool {
    v.get("error").is_some()
}

fn text<'a>(py: &'a Record, key: &str) -> &'a str {
    py.get(key).and_then(Value::as_str).unwrap_or_default()
}

/// `prefix` is the field's prefix (`""`, `strict.`, `loose.`): the record
/// it belongs to, whose `_`-fields feed the rule.
fn aux<'a>(d: &'a Diff, prefix: &str, name: &str) -> &'a str {
    text(d.py, &format!("_{prefix}{name}"))
}

fn address_exploded(d: &Diff, p: &str) -> bool {
    let scope = d.py.get(&format!("{p}scope_id")).and_then(Value::as_str);
    raised(d.python)
        && scope.is_some_and(|s| {
            d.netlib.as_str() == Some(&format!("{}%{s}", aux(d, p, "unscoped_exploded")))
        })
}

fn unscoped_reverse_pointer(d: &Diff, p: &str) -> bool {
    let plain = aux(d, p, "unscoped_reverse_pointer");
    raised(d.python) && !plain.is_empty() && d.netlib.as_str() == Some(plain)
}

fn network_exploded(d: &Diff, p: &str) -> bool {
    let shown = text(d.py, &format!("{p}str"));
    let scope = shown
        .split_once('%')
        .and_then(|(_, rest)| rest.rsplit_once('/'))
        .map(|(scope, _)| scope);
    let unscoped = aux(d, p, "unscoped_exploded");
    let allowed = match (scope, unscoped.rsplit_once('/')) {
        (Some(scope), Some((addr, len))) => format!("{addr}%{scope}/{len}"),
        _ => return false,
    };
    raised(d.python) && d.netlib.as_str() == Some(&allowed)
}

/// The checks an entry of `differential_expected_differences.json` can name
/// (its `rule`), each recognising one difference exactly; none is needed today.
const NAMED: &[(&str, Check)] = &[];

/// Every listed difference this test can meet. Panics on an entry it does
/// not know how to recognise, so no listed difference is silently ignored.
pub fn rules() -> Vec<Rule> {
    let mut rules = Vec::new();
    for (section, field, _) in ExpectedDifferences::load("ipaddress").rules() {
        let (targets, check): (Vec<(&str, String)>, Check) = match (section, field) {
            ("addresses", "exploded") => (vec![("address", String::new())], address_exploded),
            ("addresses", "reverse_pointer") => {
                (vec![("address", String::new())], unscoped_reverse_pointer)
            }
            ("networks", "exploded" | "reverse_pointer") => (
                vec![("network", "strict.".into()), ("network", "loose.".into())],
                if field == "exploded" {
                    network_exploded
                } else {
                    unscoped_reverse_pointer
                },
            ),
            _ => panic!(
                "ipaddress_expected_differences.json: {section}.{field} is new; teach \
                 tests/differential/expected.rs how to recognise it"
            ),
        };
        rules.push(Rule {
            id: format!("ipaddress_expected_differences.json {section}.{field}"),
            targets: targets
                .into_iter()
                .map(|(op, prefix)| (op, format!("{prefix}{field}")))
                .collect(),
            check,
        });
    }
    for entry in ExpectedDifferences::load("differential").differences {
        let Listed::Differential {
            op,
            rule: name,
            fields,
        } = &entry.check
        else {
            panic!(
                "differential_expected_differences.json: {} is not a differential entry",
                entry.id
            )
        };
        let (op, name) = (op.as_str(), name.as_str());
        let check = NAMED
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, check)| *check)
            .unwrap_or_else(|| {
                panic!("differential_expected_differences.json: no rule called {name:?}")
            });
        let op: &'static str = OPS
            .iter()
            .find(|o| **o == op)
            .unwrap_or_else(|| panic!("differential_expected_differences.json: unknown op {op:?}"));
        rules.push(Rule {
            id: format!("differential_expected_differences.json {name}"),
            targets: fields.iter().map(|f| (op, f.clone())).collect(),
            check,
        });
    }
    rules
}

/// The index of the rule that allows this difference, if any.
pub fn allowed(rules: &[Rule], d: &Diff) -> Option<usize> {
    rules.iter().position(|rule| {
        rule.targets.iter().any(|(op, field)| {
            *op == d.op
                && field == d.field
                && (rule.check)(d, &field[..field.rfind('.').map_or(0, |i| i + 1)])
        })
    })
}
