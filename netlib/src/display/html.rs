//! The one place that writes netlib's HTML: escaping, colours, and the few
//! shapes every picture is made of (a figure, a bit bar, a key/value table, a
//! grid table, flags).
//!
//! Colours are JupyterLab's theme variables with the light theme's values as
//! fallbacks, so a picture follows the light and the dark theme in the lab
//! and in nbconvert's `lab` export, and still reads where no variable is
//! defined. Styles are inline: no `<style>` element leaks into the page.

use std::fmt::Write;

/// Text colour (JupyterLab's main content colour).
pub(super) const FG: &str = "var(--jp-content-font-color1, rgba(0, 0, 0, 0.87))";
/// Secondary text: captions, labels under bits.
pub(super) const MUTED: &str = "var(--jp-content-font-color2, rgba(0, 0, 0, 0.54))";
/// Background of the picture, so text and background always come from the
/// same theme.
pub(super) const BG: &str = "var(--jp-layout-color1, #fff)";
/// Frames, table rules and grid lines.
pub(super) const BORDER: &str = "var(--jp-border-color2, #e0e0e0)";
pub(super) const MONO: &str = "var(--jp-code-font-family, monospace)";
pub(super) const FONT: &str = "var(--jp-content-font-family, system-ui, sans-serif)";

/// The network part of an address: the theme's brand colour under inverse text
/// (white on blue in the light theme, black on light blue in the dark one).
pub(super) const NET_BG: &str = "var(--jp-brand-color1, #1976d2)";
pub(super) const NET_FG: &str = "var(--jp-ui-inverse-font-color0, #fff)";
/// The host part, and bits that belong to no part.
pub(super) const HOST_BG: &str = "var(--jp-layout-color2, #eee)";

/// Underline colours for the parts of a URL, in the order they appear.
pub(super) const PART_COLOURS: [&str; 6] = [
    "var(--jp-brand-color1, #1976d2)",
    "var(--jp-accent-color1, #388e3c)",
    "var(--jp-warn-color1, #f57c00)",
    "var(--jp-info-color1, #0097a7)",
    "var(--jp-error-color1, #d32f2f)",
    "var(--jp-brand-color2, #64b5f6)",
];

/// `text` with `&`, `<`, `>`, `"` and `'` escaped, for element content and
/// attribute values alike.
pub(super) fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Line breaks would end evcxr's MIME block early (a line that is
            // exactly EVCXR_END_CONTENT); a numeric reference keeps them.
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
    out
}

/// A picture under construction: a titled root `div` of class
/// `netlib-display netlib-KIND`.
pub(super) struct Figure {
    out: String,
}

impl Figure {
    /// Opens the root element; `title` is the value's repr, in code font.
    pub(super) fn new(kind: &str, title: &str) -> Figure {
        let mut out = String::with_capacity(4096);
        let _ = write!(
            out,
            "<div class=\"netlib-display netlib-{kind}\" style=\"color:{FG};background:{BG};\
             font-family:{FONT};font-size:13px;line-height:1.45;padding:6px 8px;\
             border:1px solid {BORDER};border-radius:4px;display:inline-block;max-width:100%;\
             box-sizing:border-box\">\
             <div style=\"font-family:{MONO};font-weight:600;margin-bottom:4px\">{}</div>",
            esc(title)
        );
        Figure { out }
    }

    /// Appends raw HTML made by this module's other functions.
    pub(super) fn push(&mut self, html: &str) -> &mut Figure {
        self.out.push_str(html);
        self
    }

    /// A caption line in the secondary colour.
    pub(super) fn caption(&mut self, text: &str) -> &mut Figure {
        let _ = write!(
            self.out,
            "<div style=\"color:{MUTED};margin:4px 0 2px\">{}</div>",
            esc(text)
        );
        self
    }

    /// Closes the root element and returns the HTML.
    pub(super) fn finish(&mut self) -> String {
        let mut out = std::mem::take(&mut self.out);
        out.push_str("</div>");
        out
    }
}

/// One group of a bit bar: its bits (`true` = 1), how many of them from the
/// left belong to the network part, and the label under it.
pub(super) struct BitGroup {
    pub(super) bits: Vec<bool>,
    pub(super) network_bits: usize,
    pub(super) label: String,
}

/// A row of bit groups (octets or hextets), each with its label underneath;
/// groups wrap onto a new line when the output is narrow.
pub(super) fn bit_bar(groups: &[BitGroup], neutral: bool) -> String {
    let mut out = String::from(
        "<div class=\"netlib-bits\" style=\"display:flex;flex-wrap:wrap;gap:2px 6px;margin:2px 0\">",
    );
    for group in groups {
        let _ = write!(
            out,
            "<div style=\"display:flex;flex-direction:column;align-items:center\">\
             <div style=\"font-family:{MONO};letter-spacing:0.06em;white-space:nowrap\">"
        );
        let split = group.network_bits.min(group.bits.len());
        let (net, host) = group.bits.split_at(split);
        for (part, is_net) in [(net, !neutral), (host, false)] {
            if part.is_empty() {
                continue;
            }
            let (bg, fg) = if is_net {
                (NET_BG, NET_FG)
            } else {
                (HOST_BG, FG)
            };
            let digits: String = part.iter().map(|&b| if b { '1' } else { '0' }).collect();
            let _ = write!(
                out,
                "<span style=\"background:{bg};color:{fg};padding:1px 2px\">{digits}</span>"
            );
        }
        let _ = write!(
            out,
            "</div><div style=\"color:{MUTED};font-family:{MONO};font-size:90%\">{}</div></div>",
            esc(&group.label)
        );
    }
    out.push_str("</div>");
    out
}

/// A legend swatch and its text, for the network and host parts.
pub(super) fn legend(items: &[(&str, &str, String)]) -> String {
    let mut out =
        String::from("<div style=\"display:flex;flex-wrap:wrap;gap:4px 14px;margin:2px 0\">");
    for (bg, fg, text) in items {
        let _ = write!(
            out,
            "<span><span style=\"background:{bg};color:{fg};font-family:{MONO};padding:0 4px;\
             margin-right:4px\">&#160;</span>{}</span>",
            esc(text)
        );
    }
    out.push_str("</div>");
    out
}

/// A two-column table: names (Python attribute names, in code font) and
/// values (already Python-formatted text).
pub(super) fn key_values(rows: &[(String, String)]) -> String {
    let mut out = String::from(
        "<table style=\"border-collapse:collapse;font-size:inherit;margin:4px 0 0\"><tbody>",
    );
    for (key, value) in rows {
        let _ = write!(
            out,
            "<tr><th style=\"text-align:left;font-family:{MONO};font-weight:normal;color:{MUTED};\
             padding:1px 14px 1px 0;border:none;background:transparent\">{}</th>\
             <td style=\"text-align:left;font-family:{MONO};padding:1px 0;border:none;\
             background:transparent;color:{FG}\">{}</td></tr>",
            esc(key),
            esc(value)
        );
    }
    out.push_str("</tbody></table>");
    out
}

/// A table with a header row; cells are plain text.
pub(super) fn grid(headers: &[&str], rows: &[Vec<String>]) -> String {
    let cell = "text-align:left;padding:2px 10px 2px 0;border:none;border-bottom:1px solid";
    let mut out = String::from(
        "<table style=\"border-collapse:collapse;font-size:inherit;margin:4px 0 0\"><thead><tr>",
    );
    for header in headers {
        let _ = write!(
            out,
            "<th style=\"{cell} {BORDER};font-family:{MONO};color:{MUTED};font-weight:600;\
             background:transparent\">{}</th>",
            esc(header)
        );
    }
    out.push_str("</tr></thead><tbody>");
    for row in rows {
        out.push_str("<tr>");
        for value in row {
            let _ = write!(
                out,
                "<td style=\"{cell} {BORDER};font-family:{MONO};color:{FG};background:transparent\">{}</td>",
                esc(value)
            );
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
    out
}

/// Boolean properties as small labels: a filled one for `True`, an outlined
/// one in the secondary colour for `False`.
pub(super) fn flags(items: &[(&str, bool)]) -> String {
    let mut out =
        String::from("<div style=\"display:flex;flex-wrap:wrap;gap:4px;margin:6px 0 0\">");
    for (name, on) in items {
        let style = if *on {
            format!("background:{NET_BG};color:{NET_FG};border:1px solid {NET_BG}")
        } else {
            format!("color:{MUTED};border:1px solid {BORDER}")
        };
        let value = if *on { "True" } else { "False" };
        let _ = write!(
            out,
            "<span style=\"{style};font-family:{MONO};font-size:90%;padding:0 5px;border-radius:3px\">\
             {} {value}</span>",
            esc(name)
        );
    }
    out.push_str("</div>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_markup_quotes_and_line_breaks() {
        assert_eq!(
            esc("<a href='x'>\"&\"</a>\n"),
            "&lt;a href=&#39;x&#39;&gt;&quot;&amp;&quot;&lt;/a&gt;&#10;"
        );
    }

    #[test]
    fn a_figure_is_one_balanced_root_element() {
        let html = Figure::new("test", "<T>")
            .caption("c")
            .push(&flags(&[("x", true)]))
            .finish();
        assert!(html.starts_with("<div class=\"netlib-display netlib-test\""));
        assert_eq!(html.matches("<div").count(), html.matches("</div>").count());
        assert!(html.contains("&lt;T&gt;"));
    }
}
