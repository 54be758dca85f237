//! The picture of [`Packets`]: a sequence diagram, as Wireshark's flow graph
//! draws one: a lane per endpoint, an arrow per packet from its sender's lane
//! to its receiver's, going down in the order the packets were seen, each
//! labelled with what a lesson talks about (flags, relative seq/ack, length,
//! the first bytes of the payload).
//!
//! It is inline SVG inside the usual figure: no marker or other element with
//! an `id` (two pictures in one notebook would share it), colours through
//! `currentColor` and JupyterLab's variables in `style` attributes (SVG's
//! presentation attributes do not take `var()`).

use std::collections::HashMap;
use std::fmt::Write;
use std::net::SocketAddr;

use super::RichDisplay;
use super::html::{self, BG, FG, FONT, Figure, MONO, MUTED, NET_FG};
use crate::wire::{Flags, Kind, MAX_PACKETS, Packet, Packets};

super::evcxr_display!(Packets);

/// Above this many packets only the first and the last half are drawn: a
/// diagram of thousands of arrows is read by nobody (tshark's text has them).
const MAX_DRAWN: usize = 40;
const HALF: usize = MAX_DRAWN / 2;
/// At most this many lanes; the endpoints beyond the first ones share the
/// last lane, so lesson 05's hundred clients still fit on a screen.
const MAX_LANES: usize = 8;
const LANE_W: f64 = 170.0;
/// The number and time column on the left.
const TIME_W: f64 = 140.0;
const HEAD_H: f64 = 48.0;
/// Even spacing: the order of the packets is the lesson, not their timing.
const ROW_H: f64 = 40.0;
/// Payload bytes shown in an arrow's preview.
const PREVIEW: usize = 24;
const LIFELINE: &str = "var(--jp-border-color1, #bdbdbd)";

/// What a packet is, for its colour, the legend and the left-out counts.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Category {
    Syn,
    Data,
    Fin,
    Rst,
    Ack,
    Udp,
    Icmp,
    Other,
}

impl Category {
    const ALL: [Category; 8] = [
        Category::Syn,
        Category::Data,
        Category::Fin,
        Category::Rst,
        Category::Ack,
        Category::Udp,
        Category::Icmp,
        Category::Other,
    ];

    /// A segment's most telling trait first: a RST ends everything, a
    /// FIN that carries the last bytes is still the close.
    fn of(p: &Packet) -> Category {
        match &p.kind {
            Kind::Tcp(t) if t.flags.has(Flags::RST) => Category::Rst,
            Kind::Tcp(t) if t.flags.has(Flags::SYN) => Category::Syn,
            Kind::Tcp(t) if t.flags.has(Flags::FIN) => Category::Fin,
            Kind::Tcp(_) if p.payload_len > 0 => Category::Data,
            Kind::Tcp(_) => Category::Ack,
            Kind::Udp => Category::Udp,
            Kind::Icmp { .. } => Category::Icmp,
            Kind::Other(_) => Category::Other,
        }
    }

    fn colour(self) -> &'static str {
        match self {
            Category::Syn => "var(--jp-brand-color1, #1976d2)",
            Category::Data => "var(--jp-accent-color1, #388e3c)",
            Category::Fin => "var(--jp-warn-color1, #f57c00)",
            Category::Rst => "var(--jp-error-color1, #d32f2f)",
            Category::Ack => MUTED,
            Category::Udp => "var(--jp-info-color1, #0097a7)",
            Category::Icmp | Category::Other => {
                "var(--jp-content-font-color3, rgba(0, 0, 0, 0.38))"
            }
        }
    }

    fn name(self) -> &'static str {
        match self {
            Category::Syn => "SYN",
            Category::Data => "데이터",
            Category::Fin => "FIN",
            Category::Rst => "RST",
            Category::Ack => "ACK",
            Category::Udp => "UDP",
            Category::Icmp => "ICMP",
            Category::Other => "기타",
        }
    }
}

/// A lane's name: `ip:port`, or the bare address where there is no port
/// (ICMP, other protocols), so those meet the host's other lanes by eye.
fn endpoint(a: SocketAddr) -> String {
    if a.port() == 0 {
        a.ip().to_string()
    } else {
        a.to_string()
    }
}

/// The sender's and receiver's endpoints; a packet with one address only
/// loops on its lane, one with none (ARP) has no lane.
fn ends(p: &Packet) -> Option<(String, String)> {
    match (p.src, p.dst) {
        (Some(s), Some(d)) => Some((endpoint(s), endpoint(d))),
        (Some(a), None) | (None, Some(a)) => Some((endpoint(a), endpoint(a))),
        (None, None) => None,
    }
}

/// Who opened each connection (the first SYN without ACK) and who answered
/// (SYN-ACK), over the whole capture: a lane's role does not depend on which
/// packets are drawn. An endpoint keeps the first role it is given.
fn roles(packets: &Packets) -> HashMap<String, &'static str> {
    let mut roles = HashMap::new();
    for p in packets {
        let (Some(t), Some(src)) = (p.tcp(), p.src) else {
            continue;
        };
        if t.flags.has(Flags::SYN) {
            let role = if t.flags.has(Flags::ACK) {
                "서버"
            } else {
                "클라이언트"
            };
            roles.entry(endpoint(src)).or_insert(role);
        }
    }
    roles
}

/// The lanes of the drawn packets, in order of first appearance.
struct Lanes {
    index: HashMap<String, usize>,
    /// Each lane's header: its address (or `기타 N개`) and its role.
    headers: Vec<(String, Option<&'static str>)>,
    merged: usize,
}

impl Lanes {
    fn new<'a>(
        drawn: impl Iterator<Item = &'a Packet>,
        roles: &HashMap<String, &'static str>,
    ) -> Lanes {
        let mut order: Vec<String> = Vec::new();
        let mut index = HashMap::new();
        for (s, d) in drawn.filter_map(ends) {
            for e in [s, d] {
                if !index.contains_key(&e) {
                    index.insert(e.clone(), order.len());
                    order.push(e);
                }
            }
        }
        let role = |e: &str| roles.get(e).copied();
        if order.len() <= MAX_LANES {
            let headers = order.iter().map(|e| (e.clone(), role(e))).collect();
            return Lanes {
                index,
                headers,
                merged: 0,
            };
        }
        let last = MAX_LANES - 1;
        let rest = &order[last..];
        // The shared lane has a role when all its endpoints have the same one
        // (lesson 05's clients); the endpoint keeps its address in the tooltip.
        let first = role(&rest[0]);
        let common = first.filter(|_| rest.iter().all(|e| role(e) == first));
        let mut headers: Vec<_> = order[..last].iter().map(|e| (e.clone(), role(e))).collect();
        headers.push((format!("기타 {}개", rest.len()), common));
        for e in rest {
            index.insert(e.clone(), last);
        }
        Lanes {
            index,
            headers,
            merged: rest.len(),
        }
    }

    fn x(&self, endpoint: &str) -> f64 {
        let lane = self.index.get(endpoint).copied().unwrap_or(0);
        TIME_W + LANE_W * (lane as f64 + 0.5)
    }
}

/// A row of the diagram: a packet, or the left-out middle of a long capture.
enum Row<'a> {
    Packet(&'a Packet),
    Gap(&'a [Packet]),
}

fn rows(packets: &[Packet]) -> Vec<Row<'_>> {
    if packets.len() <= MAX_DRAWN {
        return packets.iter().map(Row::Packet).collect();
    }
    let (head, rest) = packets.split_at(HALF);
    let (middle, tail) = rest.split_at(rest.len() - HALF);
    let mut rows: Vec<Row<'_>> = head.iter().map(Row::Packet).collect();
    rows.push(Row::Gap(middle));
    rows.extend(tail.iter().map(Row::Packet));
    rows
}

/// `"GET / HTTP/1.1.."`: printable ASCII as is, any other byte as `.`, cut
/// with an ellipsis (also when the capture kept fewer bytes than were sent).
fn preview(p: &Packet) -> Option<String> {
    if p.payload.is_empty() {
        return None;
    }
    let shown = &p.payload[..p.payload.len().min(PREVIEW)];
    // UTF-8 text reads as text ("안녕", cut at a character's middle or not);
    // other bytes and control characters as dots.
    let valid = match std::str::from_utf8(shown) {
        Ok(s) => s,
        Err(e) if e.error_len().is_none() => {
            std::str::from_utf8(&shown[..e.valid_up_to()]).unwrap_or("")
        }
        Err(_) => "",
    };
    let text: String = if valid.is_empty() && !shown.is_empty() {
        shown
            .iter()
            .map(|&b| {
                if (0x20..0x7f).contains(&b) {
                    b as char
                } else {
                    '.'
                }
            })
            .collect()
    } else {
        valid
            .chars()
            .map(|c| if c.is_control() { '.' } else { c })
            .collect()
    };
    let cut = p.payload.len() > PREVIEW || p.payload_len > shown.len();
    Some(format!("\"{text}\"{}", if cut { "…" } else { "" }))
}

/// The label above an arrow: its flags (in the arrow's colour) and numbers.
fn label(p: &Packet) -> (String, String) {
    let len = |n: usize| {
        if n > 0 {
            format!(" len={n}")
        } else {
            String::new()
        }
    };
    match &p.kind {
        Kind::Tcp(t) => {
            let mut rest = format!(" seq={}", t.relative_seq);
            if t.flags.has(Flags::ACK) {
                let _ = write!(rest, " ack={}", t.relative_ack);
            }
            rest.push_str(&len(p.payload_len));
            (t.flags.to_string(), rest)
        }
        Kind::Udp => ("UDP".to_owned(), len(p.payload_len)),
        Kind::Icmp { .. } => (p.protocol().to_owned(), format!(" {}", p.info())),
        Kind::Other(name) => (name.clone(), String::new()),
    }
}

/// A rough width of `text` at the diagram's 11 px (monospace Latin, wide
/// Hangul), to size the picture so no label is clipped.
fn text_width(text: &str) -> f64 {
    text.chars()
        .map(|c| if c.is_ascii() { 7.2 } else { 12.0 })
        .sum()
}

/// Text with a halo of the background colour, readable over lifelines.
fn text(out: &mut String, x: f64, y: f64, anchor: &str, style: &str, body: &str) {
    let _ = write!(
        out,
        "<text x=\"{x:.1}\" y=\"{y:.1}\" text-anchor=\"{anchor}\" style=\"paint-order:stroke;\
         stroke:{BG};stroke-width:3px;stroke-linejoin:round;{style}\">{body}</text>"
    );
}

/// One packet's row: its number and time, its arrow (or loop), its label.
/// Returns how far right its text reaches.
fn packet_row(out: &mut String, p: &Packet, first: &Packet, lanes: &Lanes, y: f64) -> f64 {
    let cat = Category::of(p);
    let ms = p.at.saturating_sub(first.at).as_secs_f64() * 1000.0;
    // The tooltip names both ends, which a shared lane does not.
    let (src, dst) = ends(p).unwrap_or_default();
    let tip = format!("{} {src} → {dst} {} {}", p.number, p.protocol(), p.info());
    let _ = write!(
        out,
        "<g class=\"netlib-packet\" style=\"color:{}\"><title>{}</title>",
        cat.colour(),
        html::esc(&tip)
    );
    text(
        out,
        6.0,
        y + 4.0,
        "start",
        &format!("fill:{MUTED}"),
        &p.number.to_string(),
    );
    text(
        out,
        TIME_W - 14.0,
        y + 4.0,
        "end",
        "",
        &format!("{ms:.3} ms"),
    );
    let (flags, numbers) = label(p);
    let body = format!(
        "<tspan style=\"fill:currentColor;font-weight:600\">{}</tspan>{}",
        html::esc(&flags),
        html::esc(&numbers)
    );
    let width = text_width(&flags) + text_width(&numbers);
    let preview = preview(p);
    let line = "fill:none;stroke:currentColor;stroke-width:1.5px";
    let head = "fill:currentColor;stroke:none";
    let (lx, anchor, below) = match ends(p) {
        Some((s, d)) if lanes.index.get(&s) != lanes.index.get(&d) => {
            let (x1, x2) = (lanes.x(&s), lanes.x(&d));
            let dir = if x2 > x1 { 1.0 } else { -1.0 };
            let _ = write!(
                out,
                "<line x1=\"{x1:.1}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" style=\"{line}\"/>\
                 <polygon points=\"{x2:.1},{y:.1} {:.1},{:.1} {:.1},{:.1}\" style=\"{head}\"/>",
                x2 - dir * 7.0,
                x2 - dir * 9.0,
                y - 4.5,
                x2 - dir * 9.0,
                y + 4.5
            );
            ((x1 + x2) / 2.0, "middle", 13.0)
        }
        // One endpoint to itself, or two merged into the shared lane.
        Some((s, _)) => {
            let x = lanes.x(&s);
            let _ = write!(
                out,
                "<path d=\"M{x:.1},{:.1} h26 v14 h-18\" style=\"{line}\"/>\
                 <polygon points=\"{:.1},{:.1} {:.1},{:.1} {:.1},{:.1}\" style=\"{head}\"/>",
                y - 7.0,
                x + 1.0,
                y + 7.0,
                x + 10.0,
                y + 2.5,
                x + 10.0,
                y + 11.5
            );
            (x + 32.0, "start", 12.0)
        }
        // No address at all (ARP): a note across the lanes, no arrow.
        None => {
            let x = TIME_W + LANE_W * lanes.headers.len().max(1) as f64 / 2.0;
            (x, "middle", 12.0)
        }
    };
    // Above the arrow, clear of its head: a label is often wider than a lane.
    let label_y = if anchor == "start" { y - 1.0 } else { y - 8.0 };
    text(out, lx, label_y, anchor, "", &body);
    let mut right = if anchor == "start" {
        lx + width
    } else {
        lx + width / 2.0
    };
    if let Some(pv) = preview {
        text(
            out,
            lx,
            y + below,
            anchor,
            &format!("fill:{MUTED}"),
            &html::esc(&pv),
        );
        let w = text_width(&pv);
        right = right.max(if anchor == "start" {
            lx + w
        } else {
            lx + w / 2.0
        });
    }
    out.push_str("</g>");
    right
}

/// `… 패킷 312개 생략 (SYN 100, FIN 200, 데이터 12) …`
fn gap_text(middle: &[Packet]) -> String {
    let mut counts = [0usize; Category::ALL.len()];
    for p in middle {
        counts[Category::of(p) as usize] += 1;
    }
    let per_kind: Vec<String> = Category::ALL
        .iter()
        .zip(counts)
        .filter(|(_, n)| *n > 0)
        .map(|(c, n)| format!("{} {n}", c.name()))
        .collect();
    format!("… 패킷 {}개 생략 ({}) …", middle.len(), per_kind.join(", "))
}

fn diagram(packets: &Packets, rows: &[Row<'_>], lanes: &Lanes) -> String {
    let Some(first) = packets.iter().next() else {
        return String::new();
    };
    let lanes_w = LANE_W * lanes.headers.len().max(1) as f64;
    let height = HEAD_H + ROW_H * rows.len() as f64 + 8.0;
    let mut body = String::new();
    // Lifelines first, so that arrows and labels are drawn over them.
    for (i, (name, role)) in lanes.headers.iter().enumerate() {
        let cx = TIME_W + LANE_W * (i as f64 + 0.5);
        let _ = write!(
            body,
            "<g class=\"netlib-lane\"><line x1=\"{cx:.1}\" y1=\"42\" x2=\"{cx:.1}\" y2=\"{:.1}\" \
             style=\"stroke:{LIFELINE};stroke-width:1px;stroke-dasharray:4 3\"/>\
             <rect x=\"{:.1}\" y=\"4\" width=\"{:.1}\" height=\"38\" rx=\"4\" \
             style=\"fill:{BG};stroke:{LIFELINE};stroke-width:1px\"/>",
            height - 4.0,
            cx - LANE_W / 2.0 + 6.0,
            LANE_W - 12.0,
        );
        // An address wider than its box (IPv6) is squeezed, not clipped.
        let fit = if text_width(name) * 12.0 / 11.0 > LANE_W - 20.0 {
            format!(
                " textLength=\"{:.0}\" lengthAdjust=\"spacingAndGlyphs\"",
                LANE_W - 20.0
            )
        } else {
            String::new()
        };
        let _ = write!(
            body,
            "<text x=\"{cx:.1}\" y=\"20\" text-anchor=\"middle\"{fit} \
             style=\"font-size:12px;font-weight:600\">{}</text>",
            html::esc(name)
        );
        if let Some(role) = role {
            let _ = write!(
                body,
                "<text x=\"{cx:.1}\" y=\"35\" text-anchor=\"middle\" \
                 style=\"font-family:{FONT};fill:{MUTED}\">{role}</text>"
            );
        }
        body.push_str("</g>");
    }
    let _ = write!(
        body,
        "<text x=\"6\" y=\"37\" style=\"fill:{MUTED}\">No.</text>\
         <text x=\"{:.1}\" y=\"37\" text-anchor=\"end\" style=\"font-family:{FONT};fill:{MUTED}\">\
         시각</text>",
        TIME_W - 14.0
    );
    let mut right = TIME_W + lanes_w;
    for (i, row) in rows.iter().enumerate() {
        let y = HEAD_H + ROW_H * i as f64 + 20.0;
        match row {
            Row::Packet(p) => right = right.max(packet_row(&mut body, p, first, lanes, y)),
            Row::Gap(middle) => {
                let gap = gap_text(middle);
                // A band of background breaks the lifelines: time is cut here.
                let _ = write!(
                    body,
                    "<g class=\"netlib-gap\"><rect x=\"{TIME_W:.1}\" y=\"{:.1}\" width=\"{lanes_w:.1}\" \
                     height=\"16\" style=\"fill:{BG};stroke:none\"/>",
                    y - 8.0
                );
                let style = format!("font-family:{FONT};fill:{MUTED}");
                text(
                    &mut body,
                    TIME_W + lanes_w / 2.0,
                    y + 4.0,
                    "middle",
                    &style,
                    &html::esc(&gap),
                );
                body.push_str("</g>");
                right = right.max(TIME_W + (lanes_w + text_width(&gap)) / 2.0);
            }
        }
    }
    let width = (right + 8.0).ceil();
    format!(
        "<div style=\"overflow-x:auto;max-width:100%\">\
         <svg class=\"netlib-sequence\" width=\"{width}\" height=\"{height}\" \
         viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"패킷 시퀀스 다이어그램\" \
         style=\"display:block;font-family:{MONO};font-size:11px;fill:{FG}\">{body}</svg></div>"
    )
}

impl RichDisplay for Packets {
    /// ```
    /// use netlib::display::RichDisplay;
    /// use netlib::wire::Packets;
    /// // Python: (no equivalent; Wireshark's flow graph of a capture)
    /// let html = Packets::default().to_html();
    /// assert!(html.starts_with(r#"<div class="netlib-display netlib-packets""#));
    /// assert!(html.contains("잡힌 패킷이 없다"));
    /// ```
    fn to_html(&self) -> String {
        if let Some(e) = self.error() {
            let mut figure = Figure::new("packets", "패킷을 잡지 못했다");
            figure.push(&format!(
                "<div style=\"white-space:pre-wrap;max-width:60em\">{}</div>",
                html::esc(&e.to_string())
            ));
            return figure.finish();
        }
        if self.is_empty() {
            let mut figure = Figure::new("packets", "잡힌 패킷이 없다");
            not_kept_caption(&mut figure, self.not_kept);
            return figure.finish();
        }
        let rows = rows(&self.packets);
        let drawn = || {
            rows.iter().filter_map(|r| match r {
                Row::Packet(p) => Some(*p),
                Row::Gap(_) => None,
            })
        };
        let lanes = Lanes::new(drawn(), &roles(self));
        let mut figure = Figure::new("packets", &format!("패킷 {}개", self.len()));
        let legend: Vec<_> = Category::ALL
            .iter()
            .filter(|c| drawn().any(|p| Category::of(p) == **c))
            .map(|c| (c.colour(), NET_FG, c.name().to_owned()))
            .collect();
        figure.push(&html::legend(&legend));
        figure.push(&diagram(self, &rows, &lanes));
        figure.caption(
            "화살표 하나가 패킷 하나: 시간 순서대로 위에서 아래로, 시간과 상관없이 같은 간격. \
             seq와 ack는 Wireshark처럼 각 쪽의 첫 순서 번호에서 센 상대값이다. \
             글자로 보는 화면(text/plain)에는 tshark의 한 줄 요약이 나온다.",
        );
        if lanes.merged > 0 {
            figure.caption(&format!(
                "끝점이 많아 {}개는 마지막 레인 하나에 모았다 (화살표에 마우스를 올리면 주소가 보인다)",
                lanes.merged
            ));
        }
        not_kept_caption(&mut figure, self.not_kept);
        figure.finish()
    }
}

fn not_kept_caption(figure: &mut Figure, not_kept: u64) {
    if not_kept > 0 {
        figure.caption(&format!(
            "잡았지만 남기지 않은 패킷 {not_kept}개: 한도 {MAX_PACKETS}개를 넘었거나 \
             커널이 따라가지 못해 버린 것"
        ));
    }
}

#[cfg(test)]
mod tests;
