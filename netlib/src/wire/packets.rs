//! A capture's packets: numbered, with each TCP stream's relative sequence
//! numbers, filtered by port or connection, written as a pcap file.

use std::collections::HashMap;
use std::fmt;
use std::io::{self, Write};
use std::net::SocketAddr;
use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::Error;
use super::packet::{self, Flags, Kind, Packet};

/// The bytes of one packet a capture keeps (the rest is counted, not kept).
pub const SNAPLEN: usize = 4096;

/// What a capture saw, in order. `Debug` prints tshark's one-line summary
/// per packet; a notebook draws a sequence diagram, one lane per endpoint.
///
/// ```
/// use netlib::wire::Packets;
/// // Python: scapy's PacketList
/// let none = Packets::default();
/// assert!(none.is_empty());
/// assert_eq!(format!("{none:?}"), "(no packets)");
/// ```
#[derive(Clone, Default)]
pub struct Packets {
    pub(crate) packets: Vec<Packet>,
    /// Packets the capture saw but did not keep (past its limit, or dropped
    /// by the kernel when the capture fell behind).
    pub not_kept: u64,
    /// Why there are no packets, when capturing was not possible here.
    pub(crate) unavailable: Option<Error>,
}

/// A frame as the capture socket gave it.
pub(crate) struct Raw {
    pub(crate) time: SystemTime,
    pub(crate) at: Duration,
    pub(crate) interface: String,
    pub(crate) len: usize,
    pub(crate) frame: Vec<u8>,
}

impl Packets {
    pub(crate) fn from_raw(raw: Vec<Raw>, not_kept: u64) -> Packets {
        let packets = raw
            .into_iter()
            .enumerate()
            .map(|(i, r)| {
                let (src, dst, kind, payload_len, payload) = packet::decode(&r.frame, r.len);
                Packet {
                    number: i + 1,
                    at: r.at,
                    interface: r.interface,
                    len: r.len,
                    src,
                    dst,
                    kind,
                    payload_len,
                    payload,
                    time: r.time,
                    frame: r.frame,
                }
            })
            .collect();
        let mut p = Packets {
            packets,
            not_kept,
            unavailable: None,
        };
        p.number_streams();
        p
    }

    pub(crate) fn unavailable(why: Error) -> Packets {
        Packets {
            unavailable: Some(why),
            ..Packets::default()
        }
    }

    /// Why nothing was captured, when capturing is not possible here (the
    /// kernel is not in a network namespace of its own).
    ///
    /// ```
    /// use netlib::wire::Packets;
    /// // Python: (no equivalent)
    /// assert!(Packets::default().error().is_none());
    /// ```
    pub fn error(&self) -> Option<&Error> {
        self.unavailable.as_ref()
    }

    /// Relative sequence numbers and scaled windows, per direction of each
    /// connection, as Wireshark computes them: from the first segment seen
    /// that way (a SYN starts over), scaled once both SYNs offered a scale.
    fn number_streams(&mut self) {
        type Dir = (SocketAddr, SocketAddr);
        let mut isn: HashMap<Dir, u32> = HashMap::new();
        let mut shift: HashMap<Dir, Option<u8>> = HashMap::new();
        for p in &mut self.packets {
            let (Some(src), Some(dst)) = (p.src, p.dst) else {
                continue;
            };
            let Kind::Tcp(t) = &mut p.kind else { continue };
            let (here, back) = ((src, dst), (dst, src));
            if t.flags.has(Flags::SYN) {
                isn.insert(here, t.seq);
                shift.insert(here, t.window_scale);
                if !t.flags.has(Flags::ACK) {
                    // A new connection on these ports: forget the old one's.
                    isn.remove(&back);
                    shift.remove(&back);
                }
            }
            let base = *isn.entry(here).or_insert(t.seq);
            t.relative_seq = t.seq.wrapping_sub(base);
            if t.flags.has(Flags::ACK) {
                let other = *isn.entry(back).or_insert(t.ack);
                t.relative_ack = t.ack.wrapping_sub(other);
            }
            // A SYN's window is never scaled; later ones are, when both
            // sides' SYNs carried the option.
            if !t.flags.has(Flags::SYN)
                && let (Some(Some(s)), Some(Some(_))) = (shift.get(&here), shift.get(&back))
            {
                t.scaled_window = Some(u32::from(t.window) << s);
            }
        }
    }

    /// The packets, in order.
    ///
    /// ```
    /// use netlib::wire::Packets;
    /// // Python: for pkt in packets: ...
    /// assert_eq!(Packets::default().iter().count(), 0);
    /// ```
    pub fn iter(&self) -> std::slice::Iter<'_, Packet> {
        self.packets.iter()
    }

    /// How many packets.
    ///
    /// ```
    /// use netlib::wire::Packets;
    /// // Python: len(packets)
    /// assert_eq!(Packets::default().len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        self.packets.len()
    }

    /// Whether there are none.
    ///
    /// ```
    /// use netlib::wire::Packets;
    /// // Python: not packets
    /// assert!(Packets::default().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.packets.is_empty()
    }

    /// The packets to or from `port` (TCP or UDP), numbered as before.
    ///
    /// ```
    /// use netlib::wire::Packets;
    /// // Python: tshark -Y 'tcp.port == 8080 || udp.port == 8080'
    /// assert!(Packets::default().port(8080).is_empty());
    /// ```
    pub fn port(&self, port: u16) -> Packets {
        self.filter(|p| {
            p.src.is_some_and(|a| a.port() == port) || p.dst.is_some_and(|a| a.port() == port)
        })
    }

    /// The packets between `a` and `b`, both ways: one connection (or one
    /// UDP conversation).
    ///
    /// ```
    /// use netlib::wire::Packets;
    /// // Python: tshark -Y 'ip.addr == … && tcp.port == … && tcp.port == …'
    /// let (a, b) = ("127.0.0.1:1".parse()?, "127.0.0.1:2".parse()?);
    /// assert!(Packets::default().between(a, b).is_empty());
    /// # Ok::<(), std::net::AddrParseError>(())
    /// ```
    pub fn between(&self, a: SocketAddr, b: SocketAddr) -> Packets {
        self.filter(|p| {
            (p.src == Some(a) && p.dst == Some(b)) || (p.src == Some(b) && p.dst == Some(a))
        })
    }

    /// The packets for which `keep` is true, numbered as before.
    ///
    /// ```
    /// use netlib::wire::Packets;
    /// // Python: [p for p in packets if ...]
    /// assert!(Packets::default().filter(|p| p.tcp().is_some()).is_empty());
    /// ```
    pub fn filter(&self, keep: impl Fn(&Packet) -> bool) -> Packets {
        Packets {
            packets: self.packets.iter().filter(|p| keep(p)).cloned().collect(),
            not_kept: self.not_kept,
            unavailable: self.unavailable.clone(),
        }
    }

    /// Writes the packets as a pcap file (Ethernet frames, microsecond
    /// times) that Wireshark and tshark open; errors as Python's `open()`.
    ///
    /// ```
    /// use netlib::wire::Packets;
    /// // Python: scapy.wrpcap('none.pcap', packets)
    /// let path = std::env::temp_dir().join(format!("netlib-doc-{}.pcap", std::process::id()));
    /// Packets::default().save_pcap(&path)?;
    /// assert_eq!(std::fs::read(&path)?.len(), 24); // the file header alone
    /// std::fs::remove_file(&path)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn save_pcap(&self, path: impl AsRef<Path>) -> Result<(), Error> {
        let path = path.as_ref();
        let write = || -> io::Result<()> {
            let mut out = io::BufWriter::new(std::fs::File::create(path)?);
            out.write_all(&pcap_header())?;
            for p in &self.packets {
                out.write_all(&pcap_record(p))?;
            }
            out.flush()
        };
        write().map_err(|e| super::sockets::os_error(&e, &path.to_string_lossy()))
    }
}

/// pcap's file header: magic, version 2.4, no time zone, snap length,
/// link type 1 (Ethernet), little-endian like the machine that writes it.
fn pcap_header() -> Vec<u8> {
    let mut h = Vec::with_capacity(24);
    h.extend_from_slice(&0xa1b2_c3d4u32.to_le_bytes());
    h.extend_from_slice(&2u16.to_le_bytes());
    h.extend_from_slice(&4u16.to_le_bytes());
    h.extend_from_slice(&0i32.to_le_bytes());
    h.extend_from_slice(&0u32.to_le_bytes());
    h.extend_from_slice(&(SNAPLEN as u32).to_le_bytes());
    h.extend_from_slice(&1u32.to_le_bytes());
    h
}

fn pcap_record(p: &Packet) -> Vec<u8> {
    let t = p.time.duration_since(UNIX_EPOCH).unwrap_or_default();
    let mut r = Vec::with_capacity(16 + p.frame.len());
    r.extend_from_slice(&(t.as_secs() as u32).to_le_bytes());
    r.extend_from_slice(&t.subsec_micros().to_le_bytes());
    r.extend_from_slice(&(p.frame.len() as u32).to_le_bytes());
    r.extend_from_slice(&(p.len as u32).to_le_bytes());
    r.extend_from_slice(&p.frame);
    r
}

impl<'a> IntoIterator for &'a Packets {
    type Item = &'a Packet;
    type IntoIter = std::slice::Iter<'a, Packet>;
    fn into_iter(self) -> Self::IntoIter {
        self.packets.iter()
    }
}

/// tshark's summary, a line per packet, times from the first packet.
impl fmt::Debug for Packets {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(e) = &self.unavailable {
            return write!(f, "(no capture: {e})");
        }
        if self.packets.is_empty() {
            return f.write_str("(no packets)");
        }
        let first = self.packets[0].at;
        for (i, p) in self.packets.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            packet::summary(p, p.at.saturating_sub(first), f)?;
        }
        if self.not_kept > 0 {
            write!(f, "\n({} more packets not kept)", self.not_kept)?;
        }
        Ok(())
    }
}
