//! The picture of a check ([`Report`]): its summary in green when every case
//! passed and in red otherwise, then one row per case — a mark, what the
//! case gave the student's code, what it expected, and for a failed case
//! what came and the hint — as the feedback table of an autograder.

use std::fmt::Write;

use super::RichDisplay;
use super::html::{self, BORDER, FG, FONT, Figure, MONO, MUTED};
use crate::exercise::Report;

super::evcxr_display!(Report);

const PASS: &str = "var(--jp-success-color1, #388e3c)";
const FAIL: &str = "var(--jp-error-color1, #d32f2f)";

impl RichDisplay for Report {
    /// ```
    /// use netlib::display::RichDisplay;
    /// use netlib::exercise::Check;
    /// // Python: Check('port').case('https', 443, lambda: 80).hint('기본 포트')._repr_html_()
    /// let check = Check::new("port").case("https", 443, || 80).hint("기본 포트");
    /// let html = check.report().to_html();
    /// assert!(html.starts_with(r#"<div class="netlib-display netlib-exercise""#));
    /// assert!(html.contains("기본 포트") && html.contains("443"));
    /// ```
    fn to_html(&self) -> String {
        let colour = if self.all_passed() { PASS } else { FAIL };
        let mut figure = Figure::new("exercise", &self.title);
        let mut out = format!(
            "<div style=\"color:{colour};font-weight:600;margin:2px 0 4px\">{}</div>",
            html::esc(&self.summary())
        );
        let cell = format!(
            "text-align:left;vertical-align:top;padding:2px 10px 2px 0;border:none;\
             border-bottom:1px solid {BORDER};background:transparent;color:{FG}"
        );
        out.push_str("<table style=\"border-collapse:collapse;font-size:inherit\"><thead><tr>");
        for header in ["", "사례", "기대", "결과"] {
            let _ = write!(
                out,
                "<th style=\"{cell};color:{MUTED};font-weight:600;white-space:nowrap\">{header}</th>"
            );
        }
        out.push_str("</tr></thead><tbody>");
        for (i, case) in self.cases.iter().enumerate() {
            let passed = case.outcome.passed();
            let (mark, mark_colour) = if passed { ("✔", PASS) } else { ("✘", FAIL) };
            let mut result = if passed {
                "통과".to_owned()
            } else {
                html::esc(&case.outcome.describe())
            };
            for message in case.shown_thread_panics() {
                let _ = write!(
                    result,
                    "<div style=\"color:{MUTED};margin-top:2px;font-family:{FONT}\">스레드의 패닉: {}</div>",
                    html::esc(message)
                );
            }
            if let Some(hint) = case.shown_hint() {
                let _ = write!(
                    result,
                    "<div style=\"color:{MUTED};margin-top:2px;font-family:{FONT}\">힌트: {}</div>",
                    html::esc(hint)
                );
            }
            // A wrong value is code (its Debug); every other result is a sentence.
            let result_style = match case.outcome {
                crate::exercise::Outcome::Passed => format!("color:{PASS}"),
                crate::exercise::Outcome::Wrong(_) => {
                    format!("font-family:{MONO};white-space:pre-wrap")
                }
                _ => format!("font-family:{FONT}"),
            };
            let _ = write!(
                out,
                "<tr><td style=\"{cell};color:{mark_colour};font-weight:700;white-space:nowrap\">{mark} {}</td>\
                 <td style=\"{cell}\">{}</td>\
                 <td style=\"{cell};font-family:{MONO};white-space:pre-wrap\">{}</td>\
                 <td style=\"{cell};{result_style}\">{result}</td></tr>",
                i + 1,
                html::esc(&case.input),
                html::esc(&case.expected),
            );
        }
        out.push_str("</tbody></table>");
        if self.not_written_yet() {
            let _ = write!(
                out,
                "<div style=\"color:{MUTED};margin-top:4px\">{}</div>",
                html::esc(crate::exercise::report::WRITE_IT_FIRST)
            );
        }
        figure.push(&out).finish()
    }
}
