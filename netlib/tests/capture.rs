//! `netlib::wire::Capture` on this machine's real kernel, in a network
//! namespace this test makes for itself (as the Rust (netlib) kernel does for
//! its cells): a TCP connection's segments, a refused connect's RST, UDP
//! datagrams and ICMP's "port unreachable", the same packets as tshark
//! reads them from the pcap file `save_pcap` wrote, and a connection's
//! sequence diagram.
//!
//! No test harness (`harness = false`): a process enters a user namespace
//! only while it has one thread, so `main` does that first, then runs the
//! checks one after another.

use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream, UdpSocket};
use std::process::Command;
use std::time::Duration;

use netlib::wire::{self, Flags, Packets};

fn main() {
    if std::env::var_os(REFUSED_CHILD).is_some() {
        return capture_is_refused_here();
    }
    if let Err(why) = own_namespace() {
        // Only a machine that forbids user namespaces gets here; this one's
        // CI does not (and as root, nothing is forbidden).
        assert_ne!(
            unsafe { libc::geteuid() },
            0,
            "root could not make a namespace: {why}"
        );
        eprintln!("skipped: no network namespace of our own here: {why}");
        return;
    }
    let tests: [(&str, fn()); 6] = [
        ("refused", a_process_without_the_capability_is_told_why),
        ("a TCP exchange", a_tcp_exchange_is_handshake_data_and_fins),
        ("a refused connect", a_refused_connect_is_a_syn_and_a_reset),
        ("UDP", udp_datagrams_keep_their_boundaries),
        ("tshark", tshark_reads_the_same_packets),
        ("filters", filters_keep_numbers),
    ];
    for (name, test) in tests {
        eprint!("test {name} ... ");
        test();
        eprintln!("ok");
    }
}

/// A user (unless root) and network namespace with `lo` up, as evcxr patch
/// 0022 makes for the kernel's cells.
fn own_namespace() -> Result<(), String> {
    let root = unsafe { libc::geteuid() } == 0;
    let (uid, gid) = unsafe { (libc::getuid(), libc::getgid()) };
    let flags = libc::CLONE_NEWNET | if root { 0 } else { libc::CLONE_NEWUSER };
    if unsafe { libc::unshare(flags) } != 0 {
        return Err(std::io::Error::last_os_error().to_string());
    }
    if !root {
        std::fs::write("/proc/self/setgroups", "deny").map_err(|e| e.to_string())?;
        std::fs::write("/proc/self/uid_map", format!("{uid} {uid} 1"))
            .map_err(|e| e.to_string())?;
        std::fs::write("/proc/self/gid_map", format!("{gid} {gid} 1"))
            .map_err(|e| e.to_string())?;
    }
    // By ioctl, not `ip link`: a program this process starts as a user
    // other than root loses the namespace's capabilities at exec.
    loopback_up().map_err(|e| format!("lo up: {e}"))
}

fn loopback_up() -> std::io::Result<()> {
    let sock = std::net::UdpSocket::bind("0.0.0.0:0")?;
    let mut req: libc::ifreq = unsafe { std::mem::zeroed() };
    for (dst, src) in req.ifr_name.iter_mut().zip(b"lo\0") {
        *dst = *src as libc::c_char;
    }
    use std::os::fd::AsRawFd;
    unsafe {
        if libc::ioctl(sock.as_raw_fd(), libc::SIOCGIFFLAGS, &mut req) != 0 {
            return Err(std::io::Error::last_os_error());
        }
        req.ifr_ifru.ifru_flags |= libc::IFF_UP as libc::c_short;
        if libc::ioctl(sock.as_raw_fd(), libc::SIOCSIFFLAGS, &req) != 0 {
            return Err(std::io::Error::last_os_error());
        }
    }
    Ok(())
}

fn flags(p: &Packets) -> Vec<String> {
    p.iter()
        .map(|p| p.tcp().map_or("-".to_owned(), |t| t.flags.to_string()))
        .collect()
}

fn a_tcp_exchange_is_handshake_data_and_fins() {
    let server = TcpListener::bind("127.0.0.1:0").unwrap();
    let (ends, packets) = wire::capture(|| {
        let mut client = TcpStream::connect(server.local_addr().unwrap()).unwrap();
        let (mut conn, _) = server.accept().unwrap();
        client.write_all(b"hello").unwrap();
        let mut five = [0; 5];
        conn.read_exact(&mut five).unwrap();
        conn.write_all(b"HELLO!").unwrap();
        client.read_exact(&mut [0; 6]).unwrap();
        client.shutdown(Shutdown::Write).unwrap();
        assert_eq!(conn.read(&mut five).unwrap(), 0); // the client's FIN
        drop(conn);
        let mut rest = Vec::new();
        client.read_to_end(&mut rest).unwrap(); // the server's FIN
        (client.local_addr().unwrap(), server.local_addr().unwrap())
    });
    assert!(packets.error().is_none(), "{packets:?}");
    let ours = packets.between(ends.0, ends.1);
    let f = flags(&ours);
    assert_eq!(f[..3], ["SYN", "SYN, ACK", "ACK"], "{ours:?}");
    let tcp: Vec<_> = ours.iter().map(|p| p.tcp().unwrap()).collect();
    // Relative numbers: each side's SYN is 0, the handshake's ACKs say 1.
    assert_eq!(
        (
            tcp[0].relative_seq,
            tcp[1].relative_seq,
            tcp[1].relative_ack
        ),
        (0, 0, 1)
    );
    assert_eq!((tcp[2].relative_seq, tcp[2].relative_ack), (1, 1));
    // The data, each way, in one segment each, with its bytes.
    let data: Vec<_> = ours
        .iter()
        .filter(|p| p.payload_len > 0)
        .map(|p| {
            (
                p.src.unwrap() == ends.0,
                p.payload.clone(),
                p.tcp().unwrap().relative_seq,
            )
        })
        .collect();
    assert_eq!(
        data,
        [(true, b"hello".to_vec(), 1), (false, b"HELLO!".to_vec(), 1)],
        "{ours:?}"
    );
    // The client's FIN first, after its 5 bytes; then the server's, after its 6.
    let fins: Vec<_> = ours
        .iter()
        .filter(|p| p.tcp().unwrap().flags.has(Flags::FIN))
        .map(|p| (p.src.unwrap() == ends.0, p.tcp().unwrap().relative_seq))
        .collect();
    assert_eq!(fins, [(true, 6), (false, 7)], "{ours:?}");
    assert!(
        ours.iter().all(|p| p.interface == "lo" && p.len >= 54),
        "{ours:?}"
    );
    // The kernel's time stamps: in order, from the capture's start.
    let times: Vec<_> = packets.iter().map(|p| p.at).collect();
    assert!(times.windows(2).all(|w| w[0] <= w[1]), "{packets:?}");
    // Its picture: the client's lane, then the server's, an arrow per segment.
    let html = netlib::display::RichDisplay::to_html(&ours);
    let lane = |role: &str| html.find(&format!(">{role}</text>")).expect(role);
    assert!(lane("클라이언트") < lane("서버"), "{html}");
    assert_eq!(html.matches("class=\"netlib-lane\"").count(), 2, "{html}");
    assert_eq!(html.matches("class=\"netlib-packet\"").count(), ours.len());
    assert!(
        html.contains(">SYN, ACK</tspan> seq=0 ack=1</text>"),
        "{html}"
    );
    assert!(html.contains(" seq=1 ack=1 len=5</text>") && html.contains("&quot;hello&quot;"));
}

fn a_refused_connect_is_a_syn_and_a_reset() {
    let closed = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap(); // bound, then closed
    let (result, packets) =
        wire::capture(|| TcpStream::connect_timeout(&closed, Duration::from_secs(2)));
    let err = result.unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::ConnectionRefused);
    let ours = packets.port(closed.port());
    assert_eq!(flags(&ours), ["SYN", "RST, ACK"], "{ours:?}");
}

fn udp_datagrams_keep_their_boundaries() {
    let a = UdpSocket::bind("127.0.0.1:0").unwrap();
    let b = UdpSocket::bind("127.0.0.1:0").unwrap();
    let gone: SocketAddr = UdpSocket::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let ((), packets) = wire::capture(|| {
        a.send_to(b"abc", b.local_addr().unwrap()).unwrap();
        a.send_to(b"defgh", b.local_addr().unwrap()).unwrap();
        a.send_to(b"?", gone).unwrap(); // nobody there: ICMP says so
    });
    let ours = packets.between(a.local_addr().unwrap(), b.local_addr().unwrap());
    let sizes: Vec<_> = ours
        .iter()
        .map(|p| (p.protocol().to_owned(), p.payload_len))
        .collect();
    assert_eq!(
        sizes,
        [("UDP".to_owned(), 3), ("UDP".to_owned(), 5)],
        "{packets:?}"
    );
    assert_eq!(ours.iter().next().unwrap().payload, b"abc");
    let icmp: Vec<_> = packets
        .iter()
        .filter(|p| p.protocol() == "ICMP")
        .map(|p| p.info())
        .collect();
    assert_eq!(
        icmp,
        ["Destination unreachable (Port unreachable)"],
        "{packets:?}"
    );
}

fn tshark_reads_the_same_packets() {
    if Command::new("tshark").arg("--version").output().is_err() {
        eprint!("(skipped: tshark is not installed) ");
        return;
    }
    let server = TcpListener::bind("127.0.0.1:0").unwrap();
    let udp = UdpSocket::bind("127.0.0.1:0").unwrap();
    let ((), packets) = wire::capture(|| {
        // The issue's known exchange: connect, send 5 bytes, receive 5, close.
        let mut client = TcpStream::connect(server.local_addr().unwrap()).unwrap();
        let (mut conn, _) = server.accept().unwrap();
        client.write_all(b"hello").unwrap();
        let mut five = [0; 5];
        conn.read_exact(&mut five).unwrap();
        conn.write_all(&five).unwrap();
        client.read_exact(&mut five).unwrap();
        drop(client);
        conn.read_to_end(&mut Vec::new()).unwrap();
        drop(conn);
        udp.send_to(b"ping", udp.local_addr().unwrap()).unwrap();
    });
    let path = std::env::temp_dir().join(format!("netlib-capture-{}.pcap", std::process::id()));
    packets.save_pcap(&path).unwrap();
    let out = Command::new("tshark")
        .args(["-n", "-r"])
        .arg(&path)
        .args(["-T", "fields", "-E", "separator=|"])
        .args([
            "-e",
            "frame.number",
            "-e",
            "frame.len",
            "-e",
            "_ws.col.Protocol",
            "-e",
            "_ws.col.Info",
            "-e",
            "frame.time_relative",
        ])
        .output()
        .unwrap();
    std::fs::remove_file(&path).unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    if std::env::var_os("NETLIB_SHOW").is_some() {
        eprintln!("\n{text}\n{packets:?}");
    }
    let theirs: Vec<_> = text.lines().collect();
    // What tshark says, in short: SYN, SYN-ACK, ACK, the 5 bytes each way, the FINs.
    let flags: Vec<_> = theirs
        .iter()
        .filter_map(|l| Some(l.split_once('[')?.1.split_once(']')?.0))
        .collect();
    assert_eq!(flags[..3], ["SYN", "SYN, ACK", "ACK"], "{text}");
    assert_eq!(
        theirs.iter().filter(|l| l.contains("Len=5 ")).count(),
        2,
        "{text}"
    );
    assert_eq!(
        flags.iter().filter(|f| f.contains("FIN")).count(),
        2,
        "{text}"
    );
    assert_eq!(theirs.len(), packets.len(), "{text}\n{packets:?}");
    let micros_of = |p: &netlib::wire::Packet| {
        p.time()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_micros()
    };
    let first = micros_of(packets.iter().next().unwrap());
    for (line, p) in theirs.iter().zip(&packets) {
        // The file keeps the kernel's time stamps in microseconds.
        let micros = micros_of(p) - first;
        let ours = format!(
            "{}|{}|{}|{}|{}.{:06}000",
            p.number,
            p.len,
            p.protocol(),
            p.info(),
            micros / 1_000_000,
            micros % 1_000_000
        );
        // tshark adds its analysis in brackets ("[TCP Window Update] ");
        // the rest is the same text.
        let theirs = line.replace("[TCP Window Update] ", "");
        assert_eq!(theirs, ours, "\n{text}\n{packets:?}");
    }
}

fn filters_keep_numbers() {
    let a = UdpSocket::bind("127.0.0.1:0").unwrap();
    let b = UdpSocket::bind("127.0.0.1:0").unwrap();
    let c = UdpSocket::bind("127.0.0.1:0").unwrap();
    let ((), packets) = wire::capture(|| {
        for to in [&b, &c, &b] {
            a.send_to(b"x", to.local_addr().unwrap()).unwrap();
        }
    });
    let to_b = packets.port(b.local_addr().unwrap().port());
    assert_eq!(
        to_b.iter().map(|p| p.number).collect::<Vec<_>>(),
        [1, 3],
        "{packets:?}"
    );
    assert!(
        format!("{to_b:?}").starts_with("    1 0.000000000"),
        "{to_b:?}"
    );
}

const REFUSED_CHILD: &str = "NETLIB_CAPTURE_TEST_REFUSED";
const REASON: &str = "unshare: Operation not permitted (a test's reason)";

/// This test again, without `CAP_NET_RAW`: as root through setpriv with the
/// capability out of its bounding set; as another user simply by exec,
/// which leaves a user namespace's capabilities behind.
fn a_process_without_the_capability_is_told_why() {
    let exe = std::env::current_exe().unwrap();
    let cmd = if unsafe { libc::geteuid() } == 0 {
        let mut c = Command::new("setpriv");
        c.args(["--bounding-set", "-net_raw", "--"]).arg(&exe);
        c
    } else {
        Command::new(&exe)
    };
    refused_in(cmd);
    // With the capability (in this namespace) but a kernel whose cells are in
    // the machine's namespace (NETLIB_KERNEL_NETNS=0), netlib refuses itself.
    refused_in(Command::new(&exe));
}

/// Runs the refused-capture checks in `cmd` (this test binary again), with
/// the kernel's reason in the environment; they must pass there.
fn refused_in(mut cmd: Command) {
    let out = cmd
        .env(REFUSED_CHILD, "1")
        .env("EVCXR_NETNS_STATUS", REASON)
        .output()
        .expect("the test binary runs again");
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn capture_is_refused_here() {
    let err = wire::Capture::start()
        .err()
        .expect("no CAP_NET_RAW: refused");
    assert_eq!(err.python_class(), "PermissionError", "{err}");
    let text = err.to_string();
    assert!(
        text.contains("패킷을 잡을 수 없습니다") && text.contains("Cannot capture packets"),
        "{text}"
    );
    assert!(
        text.contains(REASON),
        "the kernel's reason is not in: {text}"
    );
    // The code runs all the same, and the packets say why.
    let (ran, packets) = wire::capture(|| 42);
    assert_eq!(ran, 42);
    assert_eq!(packets.error().map(|e| e.to_string()), Some(text.clone()));
    assert_eq!(format!("{packets:?}"), format!("(no capture: {text})"));
    use netlib::display::RichDisplay;
    let html = packets.to_html();
    assert!(
        html.contains("패킷을 잡지 못했다") && html.contains("Cannot capture packets"),
        "{html}"
    );
}
