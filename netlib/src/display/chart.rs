//! A small grouped bar chart ([`BarChart`]): one group of bars per thing
//! compared (a server design), one bar per series in each group (a load
//! size), as a lesson's measurements are read. Its `text/plain` is the same
//! numbers as a table, so plain frontends and comparisons see them too.
//!
//! Inline SVG inside the usual figure, as the packet diagram: no element
//! with an `id`, colours through JupyterLab's variables in `style`
//! attributes (SVG's presentation attributes do not take `var()`).

use std::fmt::{self, Write};

use super::RichDisplay;
use super::html::{self, BG, BORDER, FG, FONT, Figure, MONO, MUTED, PART_COLOURS};

super::evcxr_display!(BarChart);

const PLOT_H: f64 = 180.0;
/// Room above the plot for the unit.
const TOP: f64 = 26.0;
const LEFT: f64 = 64.0;
const BAR_W: f64 = 18.0;
const GROUP_GAP: f64 = 22.0;
/// Room under the plot for the group names.
const BOTTOM: f64 = 34.0;

/// Grouped bars with a value axis; build it with [`BarChart::new`],
/// [`series`](BarChart::series) and [`group`](BarChart::group).
///
/// `Debug` (the `text/plain` a notebook keeps) is a table of the values:
/// the title and unit, then a row per group.
///
/// ```
/// use netlib::display::{BarChart, RichDisplay};
///
/// // Python: (matplotlib's grouped bar chart, drawn here without it)
/// let chart = BarChart::new("처리량", "요청/초")
///     .series(["10", "100"])
///     .group("blocking", [5200.0, 4800.0])
///     .group("tokio", [9100.0, 12000.0]);
/// let text = format!("{chart:?}");
/// assert!(text.starts_with("처리량 (요청/초)\n"));
/// assert!(text.contains("tokio") && text.contains("12000"));
/// let html = chart.to_html();
/// assert!(html.starts_with(r#"<div class="netlib-display netlib-chart""#));
/// assert_eq!(html.matches("<rect class=\"netlib-bar\"").count(), 4);
/// ```
#[derive(Clone, PartialEq, Default)]
pub struct BarChart {
    title: String,
    unit: String,
    series: Vec<String>,
    groups: Vec<(String, Vec<f64>)>,
    log: bool,
}

impl BarChart {
    /// An empty chart: its title and the unit of its values.
    pub fn new(title: impl Into<String>, unit: impl Into<String>) -> BarChart {
        BarChart {
            title: title.into(),
            unit: unit.into(),
            ..BarChart::default()
        }
    }

    /// The series' names, one bar of each per group, in this order (the
    /// legend).
    pub fn series<S: Into<String>>(mut self, names: impl IntoIterator<Item = S>) -> BarChart {
        self.series = names.into_iter().map(Into::into).collect();
        self
    }

    /// Adds a group: its name and one value per series. A missing value
    /// (fewer values than series, or one that is not finite) draws no bar
    /// and reads `-` in the table; values past the series are ignored.
    pub fn group(
        mut self,
        name: impl Into<String>,
        values: impl IntoIterator<Item = f64>,
    ) -> BarChart {
        self.groups
            .push((name.into(), values.into_iter().collect()));
        self
    }

    /// A logarithmic value axis (powers of ten), for values that differ by
    /// orders of magnitude; values at or below zero draw no bar there.
    ///
    /// ```
    /// use netlib::display::{BarChart, RichDisplay};
    /// let chart = BarChart::new("p99", "ms").series(["10"]).group("a", [0.2]).group("b", [1000.0]).log_scale();
    /// assert!(chart.to_html().contains(">1000<"));
    /// ```
    pub fn log_scale(mut self) -> BarChart {
        self.log = true;
        self
    }

    /// The value of `group` in `series`, if it is drawn.
    fn value(&self, group: usize, series: usize) -> Option<f64> {
        let v = *self.groups.get(group)?.1.get(series)?;
        (v.is_finite() && (!self.log || v > 0.0)).then_some(v)
    }

    fn values(&self) -> impl Iterator<Item = f64> + '_ {
        (0..self.groups.len())
            .flat_map(move |g| (0..self.series.len()).filter_map(move |s| self.value(g, s)))
    }
}

/// A number as the table and the labels print it: whole from 100 up, three
/// significant digits below, without trailing zeros (`0.1`, not `0.100`).
fn number(v: f64) -> String {
    let text = if !v.is_finite() {
        return "-".to_owned();
    } else if v.abs() >= 100.0 || v == v.trunc() {
        format!("{v:.0}")
    } else if v.abs() >= 10.0 {
        format!("{v:.1}")
    } else if v.abs() >= 1.0 {
        format!("{v:.2}")
    } else {
        format!("{v:.3}")
    };
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text
    }
}

/// A tick step of 1, 2 or 5 times a power of ten giving about four ticks.
fn nice_step(max: f64) -> f64 {
    let raw = max / 4.0;
    let power = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|step| *step >= raw)
        .unwrap_or(10.0 * power)
}

/// The axis: its ticks and how a value maps to a height in `0..=PLOT_H`.
struct Axis {
    ticks: Vec<f64>,
    log: bool,
    low: f64,
    high: f64,
}

impl Axis {
    fn of(chart: &BarChart) -> Axis {
        let max = chart.values().fold(0.0f64, f64::max);
        if chart.log {
            let min = chart.values().fold(f64::INFINITY, f64::min);
            let (lo, hi) = if min.is_finite() {
                // A value on the lowest tick would draw no bar: one decade lower then.
                let mut lo = min.log10().floor();
                if 10f64.powf(lo) >= min {
                    lo -= 1.0;
                }
                (lo, max.log10().ceil().max(lo + 1.0))
            } else {
                (0.0, 1.0)
            };
            let ticks = (lo as i32..=hi as i32).map(|e| 10f64.powi(e)).collect();
            Axis {
                ticks,
                log: true,
                low: lo,
                high: hi,
            }
        } else {
            let max = if max > 0.0 { max } else { 1.0 };
            let step = nice_step(max);
            let top = (max / step).ceil() * step;
            let n = (top / step).round() as usize;
            let ticks = (0..=n).map(|i| i as f64 * step).collect();
            Axis {
                ticks,
                log: false,
                low: 0.0,
                high: top,
            }
        }
    }

    fn height(&self, v: f64) -> f64 {
        let x = if self.log { v.log10() } else { v };
        ((x - self.low) / (self.high - self.low)).clamp(0.0, 1.0) * PLOT_H
    }
}

/// A rough width of `text` at 11 px (Latin narrow, Hangul wide).
fn text_width(text: &str) -> f64 {
    text.chars()
        .map(|c| if c.is_ascii() { 6.6 } else { 11.5 })
        .sum()
}

fn svg(chart: &BarChart) -> String {
    let axis = Axis::of(chart);
    let n = chart.series.len().max(1) as f64;
    let group_w = n * BAR_W + GROUP_GAP;
    let label_w = chart
        .groups
        .iter()
        .map(|(name, _)| text_width(name) + 8.0)
        .fold(group_w, f64::max);
    let plot_w = label_w * chart.groups.len().max(1) as f64;
    let legend_w: f64 = chart
        .series
        .iter()
        .map(|s| text_width(s) + 30.0)
        .sum::<f64>()
        + 20.0;
    let width = (LEFT + plot_w + 10.0).max(LEFT + legend_w).ceil();
    let base = TOP + PLOT_H;
    let height = base + BOTTOM + 22.0;
    let mut body = String::new();
    for &t in &axis.ticks {
        let y = base - axis.height(t);
        let _ = write!(
            body,
            "<line x1=\"{LEFT}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" \
             style=\"stroke:{BORDER};stroke-width:1px\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" style=\"fill:{MUTED}\">{}</text>",
            LEFT + plot_w,
            LEFT - 6.0,
            y + 4.0,
            number(t)
        );
    }
    for (g, (name, _)) in chart.groups.iter().enumerate() {
        let x0 = LEFT + label_w * g as f64 + (label_w - n * BAR_W) / 2.0;
        for (s, series) in chart.series.iter().enumerate() {
            let Some(v) = chart.value(g, s) else {
                continue;
            };
            let h = axis.height(v).max(1.0);
            let colour = PART_COLOURS[s % PART_COLOURS.len()];
            let _ = write!(
                body,
                "<rect class=\"netlib-bar\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{h:.1}\" \
                 style=\"fill:{colour}\"><title>{} · {}: {} {}</title></rect>",
                x0 + BAR_W * s as f64 + 1.0,
                base - h,
                BAR_W - 2.0,
                html::esc(name),
                html::esc(series),
                number(v),
                html::esc(&chart.unit)
            );
        }
        let _ = write!(
            body,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" style=\"fill:{FG}\">{}</text>",
            LEFT + label_w * (g as f64 + 0.5),
            base + 16.0,
            html::esc(name)
        );
    }
    let _ = write!(
        body,
        "<line x1=\"{LEFT}\" y1=\"{base:.1}\" x2=\"{:.1}\" y2=\"{base:.1}\" \
         style=\"stroke:{FG};stroke-width:1px\"/>\
         <text x=\"6\" y=\"{:.1}\" style=\"fill:{MUTED};font-family:{FONT}\">{}</text>",
        LEFT + plot_w,
        TOP - 12.0,
        html::esc(&chart.unit)
    );
    let mut x = LEFT;
    let y = base + BOTTOM + 8.0;
    for (s, series) in chart.series.iter().enumerate() {
        let colour = PART_COLOURS[s % PART_COLOURS.len()];
        let _ = write!(
            body,
            "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"12\" height=\"12\" style=\"fill:{colour}\"/>\
             <text x=\"{:.1}\" y=\"{y:.1}\" style=\"fill:{FG}\">{}</text>",
            y - 10.0,
            x + 16.0,
            html::esc(series)
        );
        x += text_width(series) + 30.0;
    }
    format!(
        "<div style=\"overflow-x:auto;max-width:100%\">\
         <svg class=\"netlib-bars\" width=\"{width}\" height=\"{height:.0}\" \
         viewBox=\"0 0 {width} {height:.0}\" role=\"img\" aria-label=\"{}\" \
         style=\"display:block;font-family:{MONO};font-size:11px;fill:{FG};background:{BG}\">{body}</svg></div>",
        html::esc(&chart.title)
    )
}

impl RichDisplay for BarChart {
    fn to_html(&self) -> String {
        let mut figure = Figure::new("chart", &format!("{} ({})", self.title, self.unit));
        if self.groups.is_empty() || self.series.is_empty() {
            return figure.caption("그릴 값이 없다").finish();
        }
        figure.push(&svg(self));
        if self.log {
            figure.caption("세로축은 로그 눈금: 한 칸마다 10배");
        }
        figure.finish()
    }
}

/// The values as a table: `title (unit)`, a header of the series' names,
/// a row per group, columns right-aligned.
impl fmt::Debug for BarChart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} ({})", self.title, self.unit)?;
        let name_w = self
            .groups
            .iter()
            .map(|(n, _)| n.chars().count())
            .max()
            .unwrap_or(0);
        let cells: Vec<Vec<String>> = (0..self.groups.len())
            .map(|g| {
                (0..self.series.len())
                    .map(|s| self.value(g, s).map_or_else(|| "-".to_owned(), number))
                    .collect()
            })
            .collect();
        let col_w: Vec<usize> = (0..self.series.len())
            .map(|s| {
                cells
                    .iter()
                    .map(|row| row[s].chars().count())
                    .chain([self.series[s].chars().count()])
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let mut header = " ".repeat(name_w);
        for (s, name) in self.series.iter().enumerate() {
            let _ = write!(header, "  {name:>w$}", w = col_w[s]);
        }
        write!(f, "{}", header.trim_end())?;
        for ((name, _), row) in self.groups.iter().zip(&cells) {
            let pad = name_w - name.chars().count();
            write!(f, "\n{name}{}", " ".repeat(pad))?;
            for (s, cell) in row.iter().enumerate() {
                write!(f, "  {cell:>w$}", w = col_w[s])?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> BarChart {
        BarChart::new("처리량", "요청/초")
            .series(["10", "100", "1000"])
            .group("blocking", [5200.0, 4800.0, 700.5])
            .group("thread/conn", [9000.0, f64::NAN])
            .group("<tokio>", [12000.0, 11000.0, 9000.0, 1.0])
    }

    #[test]
    fn the_text_is_a_table_of_the_numbers() {
        assert_eq!(
            format!("{:?}", sample()),
            "처리량 (요청/초)\n\
             \x20               10    100  1000\n\
             blocking      5200   4800   700\n\
             thread/conn   9000      -     -\n\
             <tokio>      12000  11000  9000"
        );
    }

    #[test]
    fn one_bar_per_drawn_value_and_balanced_markup() {
        let html = sample().to_html();
        // blocking 3, thread/conn 1 (NaN draws none), tokio 3 (a fourth value has no series)
        assert_eq!(html.matches("<rect class=\"netlib-bar\"").count(), 7);
        assert_eq!(html.matches("<div").count(), html.matches("</div>").count());
        assert_eq!(html.matches("<svg").count(), html.matches("</svg>").count());
        assert!(html.contains("&lt;tokio&gt;") && !html.contains("<tokio>"));
        assert!(!html.contains(" id=") && !html.contains('\n'));
        assert!(html.contains("var(--jp-"));
    }

    #[test]
    fn the_highest_bar_fills_at_most_the_plot_and_the_axis_is_nice() {
        let axis = Axis::of(&sample());
        assert_eq!(axis.ticks, [0.0, 5000.0, 10000.0, 15000.0]);
        assert!((axis.height(12000.0) - PLOT_H * 0.8).abs() < 1e-9);
        assert_eq!(nice_step(4.0), 1.0);
        assert_eq!(nice_step(0.9), 0.5);
    }

    #[test]
    fn numbers_drop_trailing_zeros() {
        assert_eq!(number(0.1), "0.1");
        assert_eq!(number(0.928), "0.928");
        assert_eq!(number(5.0), "5");
        assert_eq!(number(43.5), "43.5");
        assert_eq!(number(12345.6), "12346");
        assert_eq!(number(f64::NAN), "-");
    }

    #[test]
    fn a_value_on_a_power_of_ten_still_draws_a_bar_on_a_log_axis() {
        let chart = BarChart::new("threads", "개")
            .series(["a"])
            .group("one", [1.0])
            .group("many", [51.0])
            .log_scale();
        let axis = Axis::of(&chart);
        assert_eq!(axis.ticks, [0.1, 1.0, 10.0, 100.0]);
        assert!(axis.height(1.0) > 10.0);
    }

    #[test]
    fn a_log_axis_spans_whole_powers_of_ten() {
        let chart = BarChart::new("p99", "ms")
            .series(["a"])
            .group("x", [0.25])
            .group("y", [1500.0])
            .group("z", [0.0])
            .log_scale();
        let axis = Axis::of(&chart);
        assert_eq!(axis.ticks, [0.1, 1.0, 10.0, 100.0, 1000.0, 10000.0]);
        assert!((axis.height(1.0) - PLOT_H * 0.2).abs() < 1e-9);
        // Zero has no place on a log axis: no bar, '-' in the table.
        assert_eq!(
            chart
                .to_html()
                .matches("<rect class=\"netlib-bar\"")
                .count(),
            2
        );
        assert!(format!("{chart:?}").ends_with("z     -"));
    }

    #[test]
    fn empty_or_strange_charts_do_not_panic() {
        for chart in [
            BarChart::new("t", "u"),
            BarChart::new("t", "u").series(["a"]),
            BarChart::new("t", "u").group("g", [1.0]),
            BarChart::new("t", "u")
                .series(["a"])
                .group("g", [f64::INFINITY]),
            BarChart::new("t", "u")
                .series(["a"])
                .group("g", [-5.0])
                .log_scale(),
            BarChart::new("t", "u").series(["a"]).group("g", [0.0]),
        ] {
            let html = chart.to_html();
            assert!(html.starts_with("<div class=\"netlib-display netlib-chart\""));
            let _ = format!("{chart:?}");
        }
    }
}
