//! One captured frame, decoded: Ethernet, IPv4/IPv6, then TCP, UDP or ICMP,
//! as far as its bytes go. Decoding never fails: what it does not know (or
//! what a truncated frame lacks) is [`Kind::Other`].

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::time::{Duration, SystemTime};

/// TCP's flag bits, in the order Wireshark lists them (`[FIN, PSH, ACK]`).
///
/// ```
/// use netlib::wire::Flags;
/// // Python: (no equivalent; Wireshark's tcp.flags)
/// let f = Flags(Flags::SYN | Flags::ACK);
/// assert_eq!(f.to_string(), "SYN, ACK");
/// assert!(f.has(Flags::SYN) && !f.has(Flags::FIN));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Flags(pub u16);

impl Flags {
    /// No more data from the sender.
    pub const FIN: u16 = 0x001;
    /// Synchronise sequence numbers: a connection's first segment each way.
    pub const SYN: u16 = 0x002;
    /// Reset: the connection (or the attempt) is refused or aborted.
    pub const RST: u16 = 0x004;
    /// Push: hand the data to the application now.
    pub const PSH: u16 = 0x008;
    /// The acknowledgment number is valid.
    pub const ACK: u16 = 0x010;
    /// The urgent pointer is valid.
    pub const URG: u16 = 0x020;
    /// ECN echo.
    pub const ECE: u16 = 0x040;
    /// Congestion window reduced.
    pub const CWR: u16 = 0x080;

    const NAMES: [(u16, &'static str); 8] = [
        (Self::FIN, "FIN"),
        (Self::SYN, "SYN"),
        (Self::RST, "RST"),
        (Self::PSH, "PSH"),
        (Self::ACK, "ACK"),
        (Self::URG, "URG"),
        (Self::ECE, "ECE"),
        (Self::CWR, "CWR"),
    ];

    /// Whether `bit` (one of the constants) is set.
    ///
    /// ```
    /// use netlib::wire::Flags;
    /// // Python: bool(flags & 0x02)
    /// assert!(Flags(0x012).has(Flags::SYN));
    /// ```
    pub fn has(self, bit: u16) -> bool {
        self.0 & bit != 0
    }
}

/// `SYN, ACK`: the set flags' names, Wireshark's order.
impl fmt::Display for Flags {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for (bit, name) in Self::NAMES {
            if self.has(bit) {
                if !first {
                    f.write_str(", ")?;
                }
                f.write_str(name)?;
                first = false;
            }
        }
        if first {
            f.write_str("<None>")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Flags {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{self}]")
    }
}

/// A TCP segment's header, with the numbers Wireshark shows: sequence and
/// acknowledgment numbers relative to each side's first (its ISN), and the
/// window scaled by what the handshake agreed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tcp {
    /// The flags (`SYN`, `ACK`, …).
    pub flags: Flags,
    /// The sequence number as sent.
    pub seq: u32,
    /// The acknowledgment number as sent (meaningful with `ACK`).
    pub ack: u32,
    /// `seq` minus the sender's initial sequence number (0 for its SYN).
    pub relative_seq: u32,
    /// `ack` minus the receiver's initial sequence number.
    pub relative_ack: u32,
    /// The window field as sent.
    pub window: u16,
    /// The window in bytes, once the handshake's window scale is known.
    pub scaled_window: Option<u32>,
    /// The options, as Wireshark names them (`MSS=65495`, `SACK_PERM`, `WS=128`).
    pub options: Vec<String>,
    /// The window-scale option's shift (`WS=128` is 7), if the segment has one.
    pub window_scale: Option<u8>,
}

/// What a frame carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A TCP segment.
    Tcp(Tcp),
    /// A UDP datagram.
    Udp,
    /// An ICMP or ICMPv6 message: its type and code.
    Icmp {
        /// ICMP's type (3: destination unreachable; ICMPv6's 1).
        kind: u8,
        /// ICMP's code (3: port unreachable; ICMPv6's 4).
        code: u8,
        /// ICMPv6 rather than ICMP.
        v6: bool,
    },
    /// Anything else: the protocol's name (`ARP`, `IPv4 fragment`, …).
    Other(String),
}

/// One captured packet.
#[derive(Clone, PartialEq, Eq)]
pub struct Packet {
    /// Its number in the capture, from 1 (Wireshark's "No.").
    pub number: usize,
    /// When it was seen, from the capture's start.
    pub at: Duration,
    /// The interface it was seen on (`lo`, `tap0`).
    pub interface: String,
    /// Its length on the wire (the frame), in bytes.
    pub len: usize,
    /// Where it came from: IP address and port (port 0 without ports).
    pub src: Option<SocketAddr>,
    /// Where it went.
    pub dst: Option<SocketAddr>,
    /// TCP, UDP, ICMP or other.
    pub kind: Kind,
    /// The length of what it carries for the application (TCP or UDP payload).
    pub payload_len: usize,
    /// The first bytes of that payload (all of it, up to the capture's snap length).
    pub payload: Vec<u8>,
    pub(crate) time: SystemTime,
    pub(crate) frame: Vec<u8>,
}

impl Packet {
    /// The TCP header, if this is a TCP segment.
    ///
    /// ```
    /// use netlib::wire::Packets;
    /// // Python: pkt.haslayer(TCP)   (scapy)
    /// assert!(Packets::default().iter().all(|p| p.tcp().is_none()));
    /// ```
    pub fn tcp(&self) -> Option<&Tcp> {
        match &self.kind {
            Kind::Tcp(t) => Some(t),
            _ => None,
        }
    }

    /// When the kernel took the packet in (wall-clock time, as pcap files
    /// and Wireshark keep it); [`at`](Packet::at) is the same from the
    /// capture's start.
    ///
    /// ```
    /// use netlib::wire::Packets;
    /// // Python: pkt.time   (scapy)
    /// assert!(Packets::default().iter().all(|p| p.time() > std::time::UNIX_EPOCH));
    /// ```
    pub fn time(&self) -> SystemTime {
        self.time
    }

    /// `TCP`, `UDP`, `ICMP`, `ICMPv6` or the other protocol's name.
    ///
    /// ```
    /// use netlib::wire::Packets;
    /// // Python: (Wireshark's Protocol column)
    /// assert!(Packets::default().iter().all(|p| !p.protocol().is_empty()));
    /// ```
    pub fn protocol(&self) -> &str {
        match &self.kind {
            Kind::Tcp(_) => "TCP",
            Kind::Udp => "UDP",
            Kind::Icmp { v6: false, .. } => "ICMP",
            Kind::Icmp { v6: true, .. } => "ICMPv6",
            Kind::Other(name) => name,
        }
    }

    /// Wireshark's Info column: `54321 → 8080 [SYN] Seq=0 Win=65495 Len=0 MSS=65495`.
    ///
    /// ```
    /// use netlib::wire::Packets;
    /// // Python: (Wireshark's Info column)
    /// assert!(Packets::default().iter().all(|p| !p.info().is_empty()));
    /// ```
    pub fn info(&self) -> String {
        let ports = || match (self.src, self.dst) {
            (Some(s), Some(d)) => format!("{} → {}", s.port(), d.port()),
            _ => String::new(),
        };
        match &self.kind {
            Kind::Tcp(t) => {
                let mut s = format!("{} [{}] Seq={}", ports(), t.flags, t.relative_seq);
                if t.flags.has(Flags::ACK) {
                    s.push_str(&format!(" Ack={}", t.relative_ack));
                }
                let win = t.scaled_window.unwrap_or(u32::from(t.window));
                s.push_str(&format!(" Win={win} Len={}", self.payload_len));
                for o in &t.options {
                    s.push(' ');
                    s.push_str(o);
                }
                s
            }
            Kind::Udp => format!("{} Len={}", ports(), self.payload_len),
            Kind::Icmp { kind, code, v6 } => icmp_text(*kind, *code, *v6),
            Kind::Other(name) if name == "ARP" => {
                arp_text(&self.frame).unwrap_or_else(|| name.clone())
            }
            Kind::Other(name) => name.clone(),
        }
    }
}

/// tshark's words for an ARP request or reply (Ethernet, IPv4).
fn arp_text(frame: &[u8]) -> Option<String> {
    let arp = frame.get(14..42)?;
    let ip = |o: usize| Ipv4Addr::new(arp[o], arp[o + 1], arp[o + 2], arp[o + 3]);
    match u16::from_be_bytes([arp[6], arp[7]]) {
        1 => Some(format!("Who has {}? Tell {}", ip(24), ip(14))),
        2 => Some(format!("{} is at {}", ip(14), mac(&arp[8..14]))),
        _ => None,
    }
}

/// `52:55:0a:00:02:02`; `Broadcast` for all ones, as tshark writes it.
fn mac(b: &[u8]) -> String {
    if b.iter().all(|&x| x == 0xff) {
        return "Broadcast".to_owned();
    }
    b.iter()
        .map(|x| format!("{x:02x}"))
        .collect::<Vec<_>>()
        .join(":")
}

fn icmp_text(kind: u8, code: u8, v6: bool) -> String {
    let name = match (v6, kind, code) {
        (false, 0, _) | (true, 129, _) => "Echo (ping) reply",
        (false, 8, _) | (true, 128, _) => "Echo (ping) request",
        (false, 3, 3) | (true, 1, 4) => "Destination unreachable (Port unreachable)",
        (false, 3, _) | (true, 1, _) => "Destination unreachable",
        (false, 11, _) | (true, 3, _) => "Time-to-live exceeded",
        (true, 133, _) => "Router Solicitation",
        (true, 134, _) => "Router Advertisement",
        (true, 135, _) => "Neighbor Solicitation",
        (true, 136, _) => "Neighbor Advertisement",
        (true, 143, _) => "Multicast Listener Report Message v2",
        _ => return format!("type {kind}, code {code}"),
    };
    name.to_owned()
}

/// `    1 0.000000000    127.0.0.1 → 127.0.0.1    TCP 74 54321 → 8080 [SYN] …`,
/// tshark's one-line summary (times from the capture's first packet are
/// filled in by [`Packets`](super::Packets)' `Debug`; alone, from the start).
impl fmt::Debug for Packet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        summary(self, self.at, f)
    }
}

pub(crate) fn summary(p: &Packet, t: Duration, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    // Without IP addresses (ARP), the Ethernet ones, as tshark shows them.
    let host = |a: Option<SocketAddr>, at: usize| match a {
        Some(a) => a.ip().to_string(),
        None => p.frame.get(at..at + 6).map_or_else(String::new, mac),
    };
    write!(
        f,
        "{:>5} {:>11.9} {:>12} → {:<12} {} {} {}",
        p.number,
        t.as_secs_f64(),
        host(p.src, 6),
        host(p.dst, 0),
        p.protocol(),
        p.len,
        p.info()
    )
}

/// Decodes `frame` (an Ethernet header first; Linux's `lo` has one too).
pub(crate) fn decode(
    frame: &[u8],
    len: usize,
) -> (Option<SocketAddr>, Option<SocketAddr>, Kind, usize, Vec<u8>) {
    let other = |name: &str| (None, None, Kind::Other(name.to_owned()), 0, Vec::new());
    let Some(mut ethertype) = be16(frame, 12) else {
        return other("Ethernet (truncated)");
    };
    let mut at = 14;
    if ethertype == 0x8100 {
        // An 802.1Q VLAN tag sits between the addresses and the type.
        let Some(t) = be16(frame, 16) else {
            return other("802.1Q");
        };
        ethertype = t;
        at = 18;
    }
    // The IP packet's length comes from its header: the frame may be truncated.
    let wire_len = len.saturating_sub(at);
    let (src, dst, proto, body, body_len) = match ethertype {
        0x0800 => {
            let Some(ip) = frame.get(at..) else {
                return other("IPv4");
            };
            if ip.len() < 20 {
                return other("IPv4");
            }
            let ihl = usize::from(ip[0] & 0x0f) * 4;
            let total = usize::from(u16::from_be_bytes([ip[2], ip[3]]));
            let fragment = u16::from_be_bytes([ip[6], ip[7]]) & 0x1fff;
            if fragment != 0 {
                return other("IPv4 fragment");
            }
            let src = IpAddr::V4(Ipv4Addr::new(ip[12], ip[13], ip[14], ip[15]));
            let dst = IpAddr::V4(Ipv4Addr::new(ip[16], ip[17], ip[18], ip[19]));
            let body = ip.get(ihl..).unwrap_or(&[]);
            (
                src,
                dst,
                ip[9],
                body,
                total.min(wire_len).saturating_sub(ihl),
            )
        }
        0x86dd => {
            let Some(ip) = frame.get(at..) else {
                return other("IPv6");
            };
            if ip.len() < 40 {
                return other("IPv6");
            }
            let payload = usize::from(u16::from_be_bytes([ip[4], ip[5]]));
            let addr = |o: usize| {
                let mut b = [0u8; 16];
                b.copy_from_slice(&ip[o..o + 16]);
                IpAddr::V6(Ipv6Addr::from(b))
            };
            // Skip the extension headers Linux may put before TCP or UDP.
            let (mut next, mut off) = (ip[6], 40usize);
            for _ in 0..8 {
                match next {
                    0 | 43 | 60 => {
                        let (Some(&n), Some(&l)) = (ip.get(off), ip.get(off + 1)) else {
                            return other("IPv6");
                        };
                        next = n;
                        off += (usize::from(l) + 1) * 8;
                    }
                    44 => return other("IPv6 fragment"),
                    _ => break,
                }
            }
            let body = ip.get(off..).unwrap_or(&[]);
            let body_len = (payload + 40).min(wire_len).saturating_sub(off);
            (addr(8), addr(24), next, body, body_len)
        }
        0x0806 => return other("ARP"),
        t => return other(&format!("Ethernet type 0x{t:04x}")),
    };
    match proto {
        6 if body.len() >= 20 => {
            let sport = u16::from_be_bytes([body[0], body[1]]);
            let dport = u16::from_be_bytes([body[2], body[3]]);
            let offset = usize::from(body[12] >> 4) * 4;
            let (options, window_scale) = tcp_options(body.get(20..offset.max(20)).unwrap_or(&[]));
            let tcp = Tcp {
                flags: Flags(u16::from_be_bytes([body[12] & 0x01, body[13]])),
                seq: u32::from_be_bytes([body[4], body[5], body[6], body[7]]),
                ack: u32::from_be_bytes([body[8], body[9], body[10], body[11]]),
                relative_seq: 0,
                relative_ack: 0,
                window: u16::from_be_bytes([body[14], body[15]]),
                scaled_window: None,
                options,
                window_scale,
            };
            let payload = body.get(offset..).unwrap_or(&[]).to_vec();
            (
                Some(SocketAddr::new(src, sport)),
                Some(SocketAddr::new(dst, dport)),
                Kind::Tcp(tcp),
                body_len.saturating_sub(offset),
                payload,
            )
        }
        17 if body.len() >= 8 => {
            let sport = u16::from_be_bytes([body[0], body[1]]);
            let dport = u16::from_be_bytes([body[2], body[3]]);
            let udp_len = usize::from(u16::from_be_bytes([body[4], body[5]]));
            (
                Some(SocketAddr::new(src, sport)),
                Some(SocketAddr::new(dst, dport)),
                Kind::Udp,
                udp_len.saturating_sub(8),
                body[8..].to_vec(),
            )
        }
        1 | 58 if body.len() >= 2 => (
            Some(SocketAddr::new(src, 0)),
            Some(SocketAddr::new(dst, 0)),
            Kind::Icmp {
                kind: body[0],
                code: body[1],
                v6: proto == 58,
            },
            0,
            Vec::new(),
        ),
        p => (
            Some(SocketAddr::new(src, 0)),
            Some(SocketAddr::new(dst, 0)),
            Kind::Other(format!("IP protocol {p}")),
            0,
            Vec::new(),
        ),
    }
}

fn be16(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*b.get(at)?, *b.get(at + 1)?]))
}

/// The options Wireshark names in its Info column, in the segment's order,
/// and the window-scale shift among them.
fn tcp_options(mut opts: &[u8]) -> (Vec<String>, Option<u8>) {
    let mut out = Vec::new();
    let mut scale = None;
    while let Some(&kind) = opts.first() {
        match kind {
            0 => break,
            1 => {
                opts = &opts[1..];
                continue;
            }
            _ => {}
        }
        let Some(&len) = opts.get(1) else { break };
        let len = usize::from(len);
        let Some(body) = opts.get(2..len.max(2)) else {
            break;
        };
        match (kind, body.len()) {
            (2, 2) => out.push(format!("MSS={}", u16::from_be_bytes([body[0], body[1]]))),
            (3, 1) => {
                let shift = body[0].min(14); // RFC 7323's largest
                scale = Some(shift);
                out.push(format!("WS={}", 1u32 << shift));
            }
            (4, 0) => out.push("SACK_PERM".to_owned()),
            (8, 8) => {
                let val = u32::from_be_bytes([body[0], body[1], body[2], body[3]]);
                let ecr = u32::from_be_bytes([body[4], body[5], body[6], body[7]]);
                out.push(format!("TSval={val}"));
                out.push(format!("TSecr={ecr}"));
            }
            _ => {}
        }
        if len < 2 {
            break;
        }
        opts = &opts[len.min(opts.len())..];
    }
    (out, scale)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn packet(frame: Vec<u8>, len: usize) -> Packet {
        let (src, dst, kind, payload_len, payload) = decode(&frame, len);
        Packet {
            number: 1,
            at: Duration::ZERO,
            interface: "lo".to_owned(),
            len,
            src,
            dst,
            kind,
            payload_len,
            payload,
            time: SystemTime::UNIX_EPOCH,
            frame,
        }
    }

    #[test]
    fn arp_reads_as_tshark_writes_it() {
        let mut frame = vec![0xff; 6]; // to everyone
        frame.extend([0x52, 0x55, 10, 0, 2, 2, 0x08, 0x06]);
        frame.extend([0, 1, 8, 0, 6, 4, 0, 1]); // Ethernet, IPv4, request
        frame.extend([0x52, 0x55, 10, 0, 2, 2, 10, 0, 2, 2]);
        frame.extend([0, 0, 0, 0, 0, 0, 10, 0, 2, 100]);
        let p = packet(frame.clone(), frame.len());
        assert_eq!(p.info(), "Who has 10.0.2.100? Tell 10.0.2.2");
        let line = format!("{p:?}");
        assert!(line.contains("52:55:0a:00:02:02 → Broadcast"), "{line}");
        frame[21] = 2; // a reply
        assert_eq!(
            packet(frame.clone(), frame.len()).info(),
            "10.0.2.2 is at 52:55:0a:00:02:02"
        );
    }

    proptest! {
        // Any bytes, any claimed length: decoded without a panic, and printable.
        #[test]
        fn any_frame_decodes(frame in proptest::collection::vec(any::<u8>(), 0..120), extra in 0usize..70000) {
            let len = frame.len() + extra;
            let p = packet(frame, len);
            let _ = (p.info(), format!("{p:?}"));
        }

        // IPv4/IPv6 headers with random bodies: the most-travelled paths.
        #[test]
        fn any_ip_frame_decodes(v6 in any::<bool>(), proto in prop_oneof![Just(6u8), Just(17), Just(1), Just(58), Just(0), any::<u8>()],
                                body in proptest::collection::vec(any::<u8>(), 0..80)) {
            let mut frame = vec![0u8; 12];
            if v6 {
                frame.extend([0x86, 0xdd, 0x60, 0, 0, 0, 0, body.len() as u8, proto, 64]);
                frame.extend([0u8; 32]);
            } else {
                frame.extend([0x08, 0x00, 0x45, 0, 0, 20 + body.len() as u8, 0, 0, 0, 0, 64, proto, 0, 0]);
                frame.extend([127, 0, 0, 1, 127, 0, 0, 1]);
            }
            frame.extend(&body);
            let len = frame.len();
            let p = packet(frame, len);
            let _ = (p.info(), format!("{p:?}"));
        }
    }
}
