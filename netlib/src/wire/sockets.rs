//! [`sockets`]: a process's TCP and UDP sockets from `/proc`.
//!
//! Linux lists every socket of a network namespace in `/proc/net/tcp`,
//! `tcp6`, `udp` and `udp6` (one line each: addresses in hex, the state, the
//! queues, the inode); a process's own sockets are the inodes its
//! `/proc/<pid>/fd` links name (`socket:[12345]`). Both are readable without
//! privilege for one's own process.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::io;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use super::{Error, ErrorKind};
use crate::repr::str_repr;
use crate::socket::{AddressFamily, SocketKind};

/// A TCP connection's state, as the kernel names it (`ss`, psutil and
/// Python's `psutil.CONN_*` constants use the same words).
///
/// ```
/// use netlib::wire::State;
/// // Python: psutil.CONN_TIME_WAIT
/// assert_eq!(State::TimeWait.to_string(), "TIME_WAIT");
/// assert_eq!(format!("{:?}", State::Listen), "'LISTEN'");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub enum State {
    /// `ESTABLISHED`: the handshake is done; data flows both ways.
    Established,
    /// `SYN_SENT`: a client sent SYN and waits for SYN-ACK.
    SynSent,
    /// `SYN_RECV`: a server answered SYN-ACK and waits for the last ACK.
    SynRecv,
    /// `FIN_WAIT1`: this side closed (sent FIN), not yet acknowledged.
    FinWait1,
    /// `FIN_WAIT2`: this side's FIN was acknowledged; the peer has not closed.
    FinWait2,
    /// `TIME_WAIT`: both closed, this side first; kept for 60 s on Linux.
    TimeWait,
    /// `CLOSE`: closed.
    Close,
    /// `CLOSE_WAIT`: the peer closed (its FIN came); this side has not.
    CloseWait,
    /// `LAST_ACK`: the peer closed first, then this side; waits for the ACK.
    LastAck,
    /// `LISTEN`: a server socket waiting for connections.
    Listen,
    /// `CLOSING`: both sides sent FIN at once.
    Closing,
    /// `NEW_SYN_RECV`: a connection request on its way into a listen queue.
    NewSynRecv,
}

impl State {
    /// The state of the hex code in `/proc/net/tcp`'s `st` column.
    fn from_code(code: u8) -> Option<State> {
        use State::*;
        Some(match code {
            0x01 => Established,
            0x02 => SynSent,
            0x03 => SynRecv,
            0x04 => FinWait1,
            0x05 => FinWait2,
            0x06 => TimeWait,
            0x07 => Close,
            0x08 => CloseWait,
            0x09 => LastAck,
            0x0A => Listen,
            0x0B => Closing,
            0x0C => NewSynRecv,
            _ => return None,
        })
    }

    /// The kernel's name, e.g. `"FIN_WAIT2"`.
    ///
    /// ```
    /// use netlib::wire::State;
    /// // Python: psutil.CONN_CLOSE_WAIT
    /// assert_eq!(State::CloseWait.name(), "CLOSE_WAIT");
    /// ```
    pub fn name(self) -> &'static str {
        use State::*;
        match self {
            Established => "ESTABLISHED",
            SynSent => "SYN_SENT",
            SynRecv => "SYN_RECV",
            FinWait1 => "FIN_WAIT1",
            FinWait2 => "FIN_WAIT2",
            TimeWait => "TIME_WAIT",
            Close => "CLOSE",
            CloseWait => "CLOSE_WAIT",
            LastAck => "LAST_ACK",
            Listen => "LISTEN",
            Closing => "CLOSING",
            NewSynRecv => "NEW_SYN_RECV",
        }
    }

    /// Whether a closed connection leaves this state behind in the kernel
    /// after its socket is gone (no process owns it any more).
    fn left_behind(self) -> bool {
        matches!(
            self,
            State::TimeWait | State::FinWait1 | State::FinWait2 | State::LastAck | State::Closing
        )
    }
}

impl fmt::Display for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Python's repr of psutil's status string: `'LISTEN'`.
impl fmt::Debug for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "'{}'", self.name())
    }
}

/// One socket (or what a closed connection left), as a line of `ss -tuan`.
///
/// ```
/// use std::net::UdpSocket;
/// use netlib::wire;
///
/// // Python: [c for c in psutil.Process().net_connections('udp')]
/// let udp = UdpSocket::bind("127.0.0.1:0")?;
/// let here = udp.local_addr()?;
/// let mine = wire::sockets()?;
/// let c = mine.iter().find(|c| c.local == here && c.kind == netlib::socket::SOCK_DGRAM).expect("the UDP socket");
/// assert_eq!((c.kind, c.peer, c.state), (netlib::socket::SOCK_DGRAM, None, None));
/// assert!(c.fd.is_some());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Connection {
    /// The file descriptor in this process; `None` for what a closed
    /// connection left behind (psutil's `fd=-1`).
    pub fd: Option<i32>,
    /// `AF_INET` or `AF_INET6`.
    pub family: AddressFamily,
    /// `SOCK_STREAM` (TCP) or `SOCK_DGRAM` (UDP).
    pub kind: SocketKind,
    /// The local address (psutil's `laddr`).
    pub local: SocketAddr,
    /// The peer's address, `None` for a listening or unconnected socket
    /// (psutil's `raddr=()`).
    pub peer: Option<SocketAddr>,
    /// The TCP state; `None` for UDP (psutil's `status='NONE'`).
    pub state: Option<State>,
    /// Bytes received and not yet read (a listening socket: connections
    /// waiting for `accept`), `ss`'s `Recv-Q`.
    pub recv_queue: u64,
    /// Bytes written and not yet acknowledged by the peer, `ss`'s `Send-Q`.
    pub send_queue: u64,
}

fn addr_repr(addr: &SocketAddr) -> String {
    format!(
        "addr(ip={}, port={})",
        str_repr(&addr.ip().to_string()),
        addr.port()
    )
}

/// psutil's `pconn(fd=3, family=<AddressFamily.AF_INET: 2>, type=<SocketKind.SOCK_STREAM: 1>,
/// laddr=addr(ip='127.0.0.1', port=40000), raddr=(), status='LISTEN')`.
impl fmt::Debug for Connection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "pconn(fd={}, family={:?}, type={:?}, laddr={}, raddr={}, status={})",
            self.fd.unwrap_or(-1),
            self.family,
            self.kind,
            addr_repr(&self.local),
            self.peer
                .as_ref()
                .map_or_else(|| "()".to_owned(), addr_repr),
            self.state
                .map_or_else(|| "'NONE'".to_owned(), |s| format!("{s:?}")),
        )
    }
}

/// The sockets [`sockets`] found, in the order `ss` lists them (TCP before
/// UDP, IPv4 before IPv6, then by local port); a notebook draws them as a
/// table.
///
/// ```
/// use netlib::wire;
/// // Python: psutil.Process().net_connections()
/// let all = wire::sockets()?;
/// assert!(format!("{all:?}").starts_with('['));
/// # Ok::<(), wire::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Sockets(pub Vec<Connection>);

impl Sockets {
    /// The entries, one by one.
    ///
    /// ```
    /// use std::net::TcpListener;
    /// use netlib::wire;
    /// // Python: any(c.status == 'LISTEN' for c in psutil.Process().net_connections())
    /// let _server = TcpListener::bind("127.0.0.1:0")?;
    /// assert!(wire::sockets()?.iter().any(|c| c.state == Some(wire::State::Listen)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn iter(&self) -> std::slice::Iter<'_, Connection> {
        self.0.iter()
    }

    /// How many entries there are.
    ///
    /// ```
    /// use netlib::wire;
    /// // Python: len(psutil.Process().net_connections())
    /// let all = wire::sockets()?;
    /// assert_eq!(all.len(), all.iter().count());
    /// # Ok::<(), wire::Error>(())
    /// ```
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there is none.
    ///
    /// ```
    /// use netlib::wire;
    /// // Python: not psutil.Process().net_connections()
    /// assert_eq!(wire::Sockets::default().is_empty(), true);
    /// ```
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Sockets {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[")?;
        for (i, c) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{c:?}")?;
        }
        f.write_str("]")
    }
}

/// The TCP and UDP sockets of this process (the one that runs the cells),
/// with what its closed connections left behind; see the [module](super).
///
/// ```
/// use std::net::{TcpListener, TcpStream};
/// use netlib::wire::{self, State};
///
/// // Python: psutil.Process().net_connections()
/// let server = TcpListener::bind("127.0.0.1:0")?;
/// let client = TcpStream::connect(server.local_addr()?)?;
/// let (accepted, _) = server.accept()?;
/// let here = client.local_addr()?;
/// let tcp = |c: &&wire::Connection| c.local == here && c.kind == netlib::socket::SOCK_STREAM;
/// let states: Vec<_> = wire::sockets()?.iter().filter(tcp).map(|c| c.state).collect();
/// assert_eq!(states, [Some(State::Established)]);
///
/// // The client closes first: its side waits in TIME_WAIT once the server closes too.
/// drop(client);
/// drop(accepted);
/// std::thread::sleep(std::time::Duration::from_millis(100));
/// let left = wire::sockets()?;
/// let gone = left.iter().find(tcp).expect("what the client left");
/// assert_eq!((gone.state, gone.fd), (Some(State::TimeWait), None));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn sockets() -> Result<Sockets, Error> {
    read("self")
}

/// [`sockets`] of the process `pid` (one of this user's: another user's
/// `/proc/<pid>/fd` is closed, `PermissionError`).
///
/// ```
/// use netlib::wire;
/// // Python: psutil.Process(os.getpid()).net_connections()
/// let server = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
/// let here = server.local_addr().expect("its address");
/// assert!(wire::sockets_of(std::process::id())?.iter().any(|c| c.local == here));
/// # Ok::<(), wire::Error>(())
/// ```
pub fn sockets_of(pid: u32) -> Result<Sockets, Error> {
    read(&pid.to_string())
}

pub(super) fn os_error(e: &io::Error, path: &str) -> Error {
    match e.raw_os_error() {
        Some(errno) => {
            let strerror = crate::exception::strerror(errno);
            let kind = match errno {
                libc::ENOENT | libc::ESRCH => ErrorKind::FileNotFoundError,
                libc::EACCES | libc::EPERM => ErrorKind::PermissionError,
                _ => ErrorKind::OSError,
            };
            Error::new(
                kind,
                format!("[Errno {errno}] {strerror}: {}", str_repr(path)),
            )
            .with_args(format!("{errno}, {}", str_repr(&strerror)))
        }
        None => Error::new(ErrorKind::OSError, format!("{e}: {}", str_repr(path))),
    }
}

/// The inode -> fd map of `/proc/<pid>/fd`'s socket links.
fn socket_inodes(pid: &str) -> Result<HashMap<u64, i32>, Error> {
    let dir = format!("/proc/{pid}/fd");
    let entries = std::fs::read_dir(&dir).map_err(|e| os_error(&e, &dir))?;
    let mut inodes = HashMap::new();
    for entry in entries.flatten() {
        // An fd closed between the listing and the readlink is simply gone.
        let (Ok(target), Some(fd)) = (
            std::fs::read_link(entry.path()),
            entry
                .file_name()
                .to_str()
                .and_then(|s| s.parse::<i32>().ok()),
        ) else {
            continue;
        };
        let target = target.to_string_lossy();
        if let Some(inode) = target
            .strip_prefix("socket:[")
            .and_then(|s| s.strip_suffix(']'))
            && let Ok(inode) = inode.parse()
        {
            inodes.insert(inode, fd);
        }
    }
    Ok(inodes)
}

/// One line of a `/proc/net` table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Line {
    pub(crate) local: SocketAddr,
    pub(crate) peer: SocketAddr,
    pub(crate) code: u8,
    pub(crate) send_queue: u64,
    pub(crate) recv_queue: u64,
    pub(crate) inode: u64,
}

/// An address as `/proc/net` prints it: the IP's 32-bit words in hex as the
/// machine stores them (`0100007F` is 127.0.0.1 on x86), the port in hex.
fn parse_addr(text: &str) -> Option<SocketAddr> {
    let (ip, port) = text.split_once(':')?;
    let port = u16::from_str_radix(port, 16).ok()?;
    let word = |i: usize| -> Option<[u8; 4]> {
        let hex = ip.get(i * 8..i * 8 + 8)?;
        Some(u32::from_str_radix(hex, 16).ok()?.to_ne_bytes())
    };
    let ip = match ip.len() {
        8 => IpAddr::V4(Ipv4Addr::from(word(0)?)),
        32 => {
            let mut bytes = [0u8; 16];
            for i in 0..4 {
                bytes[i * 4..i * 4 + 4].copy_from_slice(&word(i)?);
            }
            IpAddr::V6(Ipv6Addr::from(bytes))
        }
        _ => return None,
    };
    Some(SocketAddr::new(ip, port))
}

/// The lines of one `/proc/net/{tcp,tcp6,udp,udp6}` text; a line that does
/// not parse (a kernel that adds a column changes nothing before the inode)
/// is skipped.
pub(crate) fn parse_table(text: &str) -> Vec<Line> {
    text.lines()
        .skip(1)
        .filter_map(|line| {
            let f: Vec<&str> = line.split_whitespace().collect();
            let (send, recv) = f.get(4)?.split_once(':')?;
            Some(Line {
                local: parse_addr(f.get(1)?)?,
                peer: parse_addr(f.get(2)?)?,
                code: u8::from_str_radix(f.get(3)?, 16).ok()?,
                send_queue: u64::from_str_radix(send, 16).ok()?,
                recv_queue: u64::from_str_radix(recv, 16).ok()?,
                inode: f.get(9)?.parse().ok()?,
            })
        })
        .collect()
}

/// `pid`'s sockets, from its own view of the network (`/proc/<pid>/net`: its
/// namespace's tables).
fn read(pid: &str) -> Result<Sockets, Error> {
    let inodes = socket_inodes(pid)?;
    let tables = [
        ("tcp", AddressFamily::AF_INET, SocketKind::SOCK_STREAM),
        ("tcp6", AddressFamily::AF_INET6, SocketKind::SOCK_STREAM),
        ("udp", AddressFamily::AF_INET, SocketKind::SOCK_DGRAM),
        ("udp6", AddressFamily::AF_INET6, SocketKind::SOCK_DGRAM),
    ];
    let mut lines = Vec::new();
    for (name, family, kind) in tables {
        let path = format!("/proc/{pid}/net/{name}");
        match std::fs::read_to_string(&path) {
            Ok(text) => lines.extend(parse_table(&text).into_iter().map(|l| (l, family, kind))),
            // A kernel without IPv6 has no tcp6/udp6: nothing of that kind.
            Err(e) if e.kind() == io::ErrorKind::NotFound && name.ends_with('6') => {}
            Err(e) => return Err(os_error(&e, &path)),
        }
    }
    Ok(select(lines, &inodes))
}

/// This process's entries, and those a closed connection left (inode 0) on a
/// port it still uses, or all of them when no other process has a socket in
/// the namespace (the kernel alone in its own network namespace).
fn select(lines: Vec<(Line, AddressFamily, SocketKind)>, inodes: &HashMap<u64, i32>) -> Sockets {
    let alone = lines
        .iter()
        .all(|(l, _, _)| l.inode == 0 || inodes.contains_key(&l.inode));
    // TIME_WAIT and the like are TCP: only this process's TCP ports count (a UDP
    // socket's port number is another protocol's).
    let ports: HashSet<u16> = lines
        .iter()
        .filter(|(l, _, kind)| *kind == SocketKind::SOCK_STREAM && inodes.contains_key(&l.inode))
        .map(|(l, _, _)| l.local.port())
        .collect();
    let mut found: Vec<Connection> = lines
        .into_iter()
        .filter_map(|(l, family, kind)| {
            let fd = inodes.get(&l.inode).copied();
            let tcp = kind == SocketKind::SOCK_STREAM;
            let state = if tcp { State::from_code(l.code) } else { None };
            let left = l.inode == 0
                && tcp
                && state.is_some_and(State::left_behind)
                && (alone || ports.contains(&l.local.port()) || ports.contains(&l.peer.port()));
            if fd.is_none() && !left {
                return None;
            }
            let unspecified = l.peer.ip().is_unspecified() && l.peer.port() == 0;
            Some(Connection {
                fd,
                family,
                kind,
                local: l.local,
                peer: (!unspecified).then_some(l.peer),
                state,
                recv_queue: l.recv_queue,
                send_queue: l.send_queue,
            })
        })
        .collect();
    found.sort_by_key(|c| {
        (
            c.kind != SocketKind::SOCK_STREAM,
            c.family != AddressFamily::AF_INET,
            c.local.port(),
            c.peer.map(|p| p.port()),
        )
    });
    Sockets(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Two lines of a real /proc/net/tcp (x86_64): a listener on 127.0.0.1:40000
    // with one connection waiting, and a connection in TIME_WAIT.
    const TCP: &str = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:9C40 00000000:0000 0A 00000000:00000001 00:00000000 00000000     0        0 123456 1 0000000000000000 100 0 0 10 0
   1: 0100007F:D431 0100007F:9C40 06 00000000:00000000 03:00001770 00000000     0        0 0 3 0000000000000000
";

    #[test]
    fn parses_addresses_states_queues_and_inodes() {
        let lines = parse_table(TCP);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].local, "127.0.0.1:40000".parse().unwrap());
        assert_eq!(lines[0].peer, "0.0.0.0:0".parse().unwrap());
        assert_eq!(
            (lines[0].code, lines[0].recv_queue, lines[0].inode),
            (0x0A, 1, 123456)
        );
        assert_eq!((lines[1].code, lines[1].inode), (0x06, 0));
    }

    #[test]
    fn parses_ipv6_words() {
        let text = "header\n 0: 00000000000000000000000001000000:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 77 1\n";
        let lines = parse_table(text);
        assert_eq!(lines[0].local, "[::1]:8080".parse().unwrap());
    }

    #[test]
    fn malformed_lines_are_skipped_not_a_panic() {
        for text in [
            "",
            "only a header",
            "h\n0: zz:1 00:00 0A 0:0 x x x x 1",
            "h\n0: 0100007F 0 0A",
            "h\n0: 0100007F:FFFFF 0:0 0A 0:0 0 0 0 0 1",
        ] {
            assert!(parse_table(text).is_empty(), "{text:?}");
        }
    }

    #[test]
    fn keeps_its_own_and_what_its_ports_left() {
        let lines: Vec<_> = parse_table(TCP)
            .into_iter()
            .map(|l| (l, AddressFamily::AF_INET, SocketKind::SOCK_STREAM))
            .collect();
        let mine: HashMap<u64, i32> = [(123456, 5)].into();
        let got = select(lines.clone(), &mine);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(
            format!("{:?}", got.0[0]),
            "pconn(fd=5, family=<AddressFamily.AF_INET: 2>, type=<SocketKind.SOCK_STREAM: 1>, laddr=addr(ip='127.0.0.1', port=40000), raddr=(), status='LISTEN')"
        );
        assert_eq!(got.0[1].fd, None);
        // Another process's listener: its TIME_WAIT is not ours, and we are not alone.
        let mut theirs = lines;
        theirs[0].0.inode = 999;
        assert!(select(theirs, &HashMap::new()).is_empty());
    }

    #[test]
    fn errors_read_as_python_os_errors() {
        let e = os_error(&io::Error::from_raw_os_error(libc::EACCES), "/proc/1/fd");
        assert_eq!(
            (e.python_class(), e.to_string()),
            (
                "PermissionError",
                "[Errno 13] Permission denied: '/proc/1/fd'".to_owned()
            )
        );
        assert_eq!(format!("{e:?}"), "PermissionError(13, 'Permission denied')");
    }
}
