//! Capturing the packets of the kernel's own network namespace with an
//! `AF_PACKET` socket, on a thread, until stopped.
//!
//! Linux lets a process open such a socket with `CAP_NET_RAW` in the user
//! namespace that owns its network namespace. The Rust (netlib) kernel runs
//! the cells in a user and network namespace of their own (evcxr patch 0022,
//! `EVCXR_NETNS_STATUS=own`), where they have it, and where the only traffic
//! is their own: loopback, and `tap0` to the outside through slirp4netns.

use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, SystemTime};

use super::packets::{Packets, Raw, SNAPLEN};
use super::{Error, ErrorKind};

/// At most this many packets are kept; later ones are counted in
/// [`Packets::not_kept`] (a capture left running must not eat the memory of a
/// classroom server).
pub const MAX_PACKETS: usize = 20_000;

/// How often the capture thread looks whether it should stop.
const POLL: Duration = Duration::from_millis(20);

/// A capture running on its own thread; [`stop`](Capture::stop) returns what
/// it saw. Dropping it stops it too (a re-run cell replaces its variable).
///
/// ```
/// use std::net::{TcpListener, TcpStream};
/// use netlib::wire::Capture;
///
/// // Python: (no equivalent in the standard library; scapy's AsyncSniffer)
/// match Capture::start() {
///     Ok(capture) => {
///         let server = TcpListener::bind("127.0.0.1:0")?;
///         let client = TcpStream::connect(server.local_addr()?)?;
///         let packets = capture.stop()?;
///         let ours = packets.between(client.local_addr()?, server.local_addr()?);
///         assert!(ours.iter().any(|p| p.tcp().is_some_and(|t| t.flags.to_string() == "SYN")));
///     }
///     // Outside a namespace of its own (as `cargo test` runs), it says why.
///     Err(e) => assert_eq!(e.python_class(), "PermissionError", "{e}"),
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Capture {
    started: SystemTime,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<io::Result<Seen>>>,
}

impl Capture {
    /// Starts capturing every interface of this network namespace.
    ///
    /// Fails with `PermissionError` where the process may not capture (its
    /// network namespace is the machine's), saying why in Korean and English.
    ///
    /// ```
    /// use netlib::wire::Capture;
    /// // Python: sniffer = scapy.AsyncSniffer(); sniffer.start()
    /// if let Ok(c) = Capture::start() {
    ///     assert!(c.stop()?.iter().all(|p| p.number >= 1));
    /// }
    /// # Ok::<(), netlib::wire::Error>(())
    /// ```
    pub fn start() -> Result<Capture, Error> {
        // In the Rust (netlib) kernel, only in the cells' own namespace: in the
        // machine's, a capture (where root may make one) would show everyone's
        // traffic, not the student's.
        if let Ok(status) = std::env::var(NETNS_STATUS)
            && status != "own"
        {
            return Err(cannot(&status));
        }
        // Before the socket exists, so that no packet's time is earlier.
        let started = SystemTime::now();
        let sock = open().map_err(refused)?;
        let stop = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&stop);
        let thread = std::thread::Builder::new()
            .name("netlib-capture".to_owned())
            .spawn(move || run(&sock, &flag, started))
            .map_err(|e| Error::new(ErrorKind::OSError, e.to_string()))?;
        Ok(Capture {
            started,
            stop,
            thread: Some(thread),
        })
    }

    /// When the capture began: each packet's [`at`](super::Packet::at)
    /// counts from here, so a cell can put its own events on the same time
    /// line (`SystemTime::now().duration_since(capture.started())`).
    ///
    /// ```
    /// use std::time::SystemTime;
    /// use netlib::wire::Capture;
    /// // Python: t0 = time.time()   (when the sniffer started)
    /// if let Ok(c) = Capture::start() {
    ///     assert!(c.started() <= SystemTime::now());
    ///     c.stop()?;
    /// }
    /// # Ok::<(), netlib::wire::Error>(())
    /// ```
    pub fn started(&self) -> SystemTime {
        self.started
    }

    /// Stops and returns the packets seen since [`start`](Capture::start),
    /// including those still queued in the socket.
    ///
    /// ```
    /// use netlib::wire::Capture;
    /// // Python: packets = sniffer.stop()
    /// if let Ok(c) = Capture::start() {
    ///     let packets = c.stop()?;
    ///     assert_eq!(packets.not_kept, 0);
    /// }
    /// # Ok::<(), netlib::wire::Error>(())
    /// ```
    pub fn stop(mut self) -> Result<Packets, Error> {
        self.stop.store(true, Ordering::Relaxed);
        let thread = self.thread.take().expect("a capture is stopped once");
        match thread.join() {
            Ok(Ok((raw, not_kept))) => Ok(Packets::from_raw(raw, not_kept)),
            Ok(Err(e)) => Err(Error::new(ErrorKind::OSError, e.to_string())),
            Err(_) => Err(Error::new(
                ErrorKind::OSError,
                "the capture thread panicked",
            )),
        }
    }
}

impl Drop for Capture {
    fn drop(&mut self) {
        // The thread sees the flag within POLL and ends; nobody waits for it.
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// Runs `f` while capturing and returns its value and the packets, or, where
/// capturing is not possible, its value and empty [`Packets`] whose picture
/// (and [`Packets::error`]) says why: the code runs either way.
///
/// ```
/// use std::net::UdpSocket;
/// use netlib::wire;
///
/// // Python: (no equivalent; scapy.sniff around the code)
/// let a = UdpSocket::bind("127.0.0.1:0")?;
/// let b = UdpSocket::bind("127.0.0.1:0")?;
/// let (sent, packets) = wire::capture(|| a.send_to(b"hello", b.local_addr().unwrap()).unwrap());
/// assert_eq!(sent, 5);
/// if packets.error().is_none() {
///     let ours = packets.between(a.local_addr()?, b.local_addr()?);
///     assert_eq!(ours.iter().map(|p| p.payload_len).collect::<Vec<_>>(), [5]);
/// }
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn capture<T>(f: impl FnOnce() -> T) -> (T, Packets) {
    match Capture::start() {
        Ok(c) => {
            let value = f();
            let packets = c.stop().unwrap_or_else(Packets::unavailable);
            (value, packets)
        }
        Err(e) => (f(), Packets::unavailable(e)),
    }
}

/// [`capture`] for async code: awaits `fut` while capturing. Like
/// `capture`, it never fails: where capturing is refused, the future still
/// runs and the [`Packets`] say why.
///
/// ```
/// use netlib::wire;
/// // Python: (no equivalent; scapy's AsyncSniffer around an await)
/// let fut = wire::capture_async(async { 6 * 7 });
/// // Any executor runs it; a Rust (netlib) cell simply writes `.await`.
/// let waker = std::task::Waker::noop();
/// let mut cx = std::task::Context::from_waker(&waker);
/// let mut fut = std::pin::pin!(fut);
/// match fut.as_mut().poll(&mut cx) {
///     std::task::Poll::Ready((answer, _packets)) => assert_eq!(answer, 42),
///     std::task::Poll::Pending => unreachable!("nothing to wait for"),
/// }
/// ```
pub async fn capture_async<T>(fut: impl std::future::Future<Output = T>) -> (T, Packets) {
    match Capture::start() {
        Ok(c) => {
            let value = fut.await;
            let packets = c.stop().unwrap_or_else(Packets::unavailable);
            (value, packets)
        }
        Err(e) => (fut.await, Packets::unavailable(e)),
    }
}

fn open() -> io::Result<OwnedFd> {
    let proto = (libc::ETH_P_ALL as u16).to_be();
    let fd = unsafe {
        libc::socket(
            libc::AF_PACKET,
            libc::SOCK_RAW | libc::SOCK_CLOEXEC,
            libc::c_int::from(proto),
        )
    };
    if fd < 0 {
        return Err(io::Error::last_os_error());
    }
    let fd = unsafe { OwnedFd::from_raw_fd(fd) };
    // A roomy queue, so a burst on loopback is not dropped before the
    // thread reads it; and a read timeout, so the thread sees its stop flag.
    let size: libc::c_int = 8 << 20;
    let tv = libc::timeval {
        tv_sec: 0,
        tv_usec: POLL.as_micros() as libc::suseconds_t,
    };
    // The kernel stamps each packet as it takes it in; reading the clock
    // when this thread gets to it would be later, and late by different
    // amounts for packets read in one go.
    let on: libc::c_int = 1;
    unsafe {
        setsockopt(&fd, libc::SO_RCVBUF, &size);
        setsockopt(&fd, libc::SO_RCVTIMEO, &tv);
        setsockopt(&fd, libc::SO_TIMESTAMPNS, &on);
    }
    Ok(fd)
}

unsafe fn setsockopt<T>(fd: &OwnedFd, opt: libc::c_int, value: &T) {
    // A failure leaves the default, which still works.
    unsafe {
        libc::setsockopt(
            fd.as_raw_fd(),
            libc::SOL_SOCKET,
            opt,
            (value as *const T).cast(),
            std::mem::size_of::<T>() as libc::socklen_t,
        );
    }
}

/// What the Rust (netlib) kernel's start says of the cells' network
/// namespace (evcxr patch 0022): `own`, or why not.
const NETNS_STATUS: &str = "EVCXR_NETNS_STATUS";

/// The error for a socket the kernel refused, with the reason the kernel
/// start left in `EVCXR_NETNS_STATUS`.
fn refused(e: io::Error) -> Error {
    if e.raw_os_error() != Some(libc::EPERM) && e.raw_os_error() != Some(libc::EACCES) {
        return Error::new(ErrorKind::OSError, e.to_string());
    }
    let why = match std::env::var(NETNS_STATUS) {
        Ok(s) if s == "own" => "the namespace did not give the capability".to_owned(),
        Ok(s) => s,
        Err(_) => "this process runs in the machine's own network namespace \
                   (not in the Rust (netlib) kernel)"
            .to_owned(),
    };
    cannot(&why)
}

/// `PermissionError`, in Korean and English, with `why`.
fn cannot(why: &str) -> Error {
    Error::new(
        ErrorKind::PermissionError,
        format!(
            "패킷을 잡을 수 없습니다: 커널이 자기만의 네트워크 네임스페이스에서 돌고 있지 않습니다. \
             Cannot capture packets: {why}. \
             The Rust (netlib) kernel captures in a user and network namespace of its own; \
             see README.md, \"Seeing the packets\"."
        ),
    )
}

/// The frames kept, and how many more were seen and not kept.
type Seen = (Vec<Raw>, u64);

fn run(sock: &OwnedFd, stop: &AtomicBool, started: SystemTime) -> io::Result<Seen> {
    let mut names = std::collections::HashMap::new();
    let mut kept = Vec::new();
    let mut not_kept = 0u64;
    let mut buf = vec![0u8; SNAPLEN];
    let mut draining = false;
    loop {
        if !draining && stop.load(Ordering::Relaxed) {
            // What was sent before stop() is already queued: read it without waiting.
            draining = true;
        }
        let flags = libc::MSG_TRUNC | if draining { libc::MSG_DONTWAIT } else { 0 };
        let (n, addr, stamp) = match receive(sock, &mut buf, flags) {
            Ok(got) => got,
            Err(e) => match e.kind() {
                io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut if draining => break,
                io::ErrorKind::WouldBlock
                | io::ErrorKind::TimedOut
                | io::ErrorKind::Interrupted => {
                    continue;
                }
                _ => return Err(e),
            },
        };
        let time = stamp.unwrap_or_else(SystemTime::now);
        // On loopback each packet passes twice, going out and coming in: keep one.
        let hatype = addr.sll_hatype;
        if addr.sll_pkttype == libc::PACKET_OUTGOING && hatype == libc::ARPHRD_LOOPBACK {
            continue;
        }
        if hatype != libc::ARPHRD_ETHER && hatype != libc::ARPHRD_LOOPBACK {
            continue; // not Ethernet-framed: the pcap file could not hold it
        }
        if kept.len() >= MAX_PACKETS {
            not_kept += 1;
            continue;
        }
        let interface = names
            .entry(addr.sll_ifindex)
            .or_insert_with(|| interface_name(addr.sll_ifindex))
            .clone();
        kept.push(Raw {
            time,
            at: time.duration_since(started).unwrap_or_default(),
            interface,
            len: n, // with MSG_TRUNC: the frame's real length
            frame: buf[..n.min(SNAPLEN)].to_vec(),
        });
    }
    Ok((kept, not_kept + kernel_drops(sock)))
}

/// One frame: its length, where it was seen, and the kernel's time stamp.
fn receive(
    sock: &OwnedFd,
    buf: &mut [u8],
    flags: libc::c_int,
) -> io::Result<(usize, libc::sockaddr_ll, Option<SystemTime>)> {
    let mut addr: libc::sockaddr_ll = unsafe { std::mem::zeroed() };
    let mut iov = libc::iovec {
        iov_base: buf.as_mut_ptr().cast(),
        iov_len: buf.len(),
    };
    // Room for one control message holding a timespec, aligned for cmsghdr.
    let mut control = [0u64; 8];
    let mut msg: libc::msghdr = unsafe { std::mem::zeroed() };
    msg.msg_name = (&raw mut addr).cast();
    msg.msg_namelen = std::mem::size_of::<libc::sockaddr_ll>() as libc::socklen_t;
    msg.msg_iov = &mut iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control.as_mut_ptr().cast();
    msg.msg_controllen = std::mem::size_of_val(&control);
    let n = unsafe { libc::recvmsg(sock.as_raw_fd(), &mut msg, flags) };
    if n < 0 {
        return Err(io::Error::last_os_error());
    }
    let mut stamp = None;
    // SAFETY: the kernel filled msg_control; the CMSG_* walk stays inside it.
    unsafe {
        let mut c = libc::CMSG_FIRSTHDR(&msg);
        while !c.is_null() {
            if (*c).cmsg_level == libc::SOL_SOCKET && (*c).cmsg_type == libc::SCM_TIMESTAMPNS {
                let ts: libc::timespec = std::ptr::read_unaligned(libc::CMSG_DATA(c).cast());
                stamp = Some(
                    SystemTime::UNIX_EPOCH + Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32),
                );
            }
            c = libc::CMSG_NXTHDR(&msg, c);
        }
    }
    Ok((n as usize, addr, stamp))
}

fn interface_name(index: libc::c_int) -> String {
    let mut name = [0 as libc::c_char; libc::IF_NAMESIZE];
    let p = unsafe { libc::if_indextoname(index as libc::c_uint, name.as_mut_ptr()) };
    if p.is_null() {
        return format!("if{index}");
    }
    unsafe { std::ffi::CStr::from_ptr(p) }
        .to_string_lossy()
        .into_owned()
}

/// Packets the kernel dropped because the socket's queue was full.
fn kernel_drops(sock: &OwnedFd) -> u64 {
    let mut stats: libc::tpacket_stats = unsafe { std::mem::zeroed() };
    let mut len = std::mem::size_of::<libc::tpacket_stats>() as libc::socklen_t;
    let r = unsafe {
        libc::getsockopt(
            sock.as_raw_fd(),
            libc::SOL_PACKET,
            libc::PACKET_STATISTICS,
            (&raw mut stats).cast(),
            &mut len,
        )
    };
    if r == 0 { u64::from(stats.tp_drops) } else { 0 }
}
