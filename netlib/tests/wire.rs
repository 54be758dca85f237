//! `netlib::wire::sockets` on this machine's real kernel: a connection's
//! states as each side closes, and the same view as iproute2's `ss`.

use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream, UdpSocket};
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

use netlib::wire::{self, Connection, State};

/// The entry whose local address is `local` (and peer `peer`, if given),
/// waiting up to 2 s for the kernel to reach `want` (a FIN is on its way).
fn entry(local: SocketAddr, peer: Option<SocketAddr>, want: Option<State>) -> Connection {
    let deadline = Instant::now() + Duration::from_secs(2);
    loop {
        let all = wire::sockets().expect("sockets");
        let found = all
            .iter()
            .find(|c| c.local == local && (peer.is_none() || c.peer == peer))
            .cloned();
        match found {
            Some(c) if want.is_none() || c.state == want || Instant::now() > deadline => return c,
            None if Instant::now() > deadline => panic!("no entry for {local} in {all:?}"),
            _ => sleep(Duration::from_millis(20)),
        }
    }
}

#[test]
fn a_connection_goes_through_its_states_as_each_side_closes() {
    let server = TcpListener::bind("127.0.0.1:0").unwrap();
    let listen = server.local_addr().unwrap();
    assert_eq!(entry(listen, None, None).state, Some(State::Listen));

    let client = TcpStream::connect(listen).unwrap();
    let (mut accepted, _) = server.accept().unwrap();
    let (c, s) = (client.local_addr().unwrap(), accepted.local_addr().unwrap());
    assert_eq!(entry(c, Some(s), None).state, Some(State::Established));
    assert_eq!(entry(s, Some(c), None).state, Some(State::Established));

    // Bytes written and not read wait in the receiver's queue.
    (&client).write_all(b"hello").unwrap();
    assert_eq!(entry(s, Some(c), None).recv_queue, 5);
    let mut five = [0u8; 5];
    accepted.read_exact(&mut five).unwrap();

    // The client closes its sending side: its FIN makes the server CLOSE_WAIT.
    client.shutdown(Shutdown::Write).unwrap();
    assert_eq!(
        entry(c, Some(s), Some(State::FinWait2)).state,
        Some(State::FinWait2)
    );
    assert_eq!(
        entry(s, Some(c), Some(State::CloseWait)).state,
        Some(State::CloseWait)
    );

    // Both closed, the client first: it waits in TIME_WAIT, owned by no fd.
    drop(accepted);
    drop(client);
    let left = entry(c, Some(s), Some(State::TimeWait));
    assert_eq!(
        (left.state, left.fd),
        (Some(State::TimeWait), None),
        "{left:?}"
    );
}

/// `ss -tuanH`'s state words for the kernel's names.
fn ss_state(state: Option<State>) -> String {
    match state {
        None => "UNCONN".to_owned(),
        Some(State::Established) => "ESTAB".to_owned(),
        Some(State::FinWait1) => "FIN-WAIT-1".to_owned(),
        Some(State::FinWait2) => "FIN-WAIT-2".to_owned(),
        Some(s) => s.name().replace('_', "-"),
    }
}

#[test]
fn the_same_sockets_as_ss_shows() {
    if Command::new("ss").arg("-V").output().is_err() {
        eprintln!("skipped: iproute2's `ss` is not installed");
        return;
    }
    let server = TcpListener::bind("127.0.0.1:0").unwrap();
    let six = TcpListener::bind("[::1]:0").ok(); // a machine without IPv6 has no ::1
    let client = TcpStream::connect(server.local_addr().unwrap()).unwrap();
    let (_accepted, _) = server.accept().unwrap();
    let udp = UdpSocket::bind("127.0.0.1:0").unwrap();
    // Each socket by kind and both ends: tests run in parallel, and a port
    // number may be another protocol's, or the same client port towards
    // another peer.
    use netlib::socket::{SOCK_DGRAM, SOCK_STREAM};
    let tcp = |a: std::io::Result<SocketAddr>, p: Option<SocketAddr>| (SOCK_STREAM, a.unwrap(), p);
    let ours: Vec<_> = [
        tcp(server.local_addr(), None),
        tcp(client.local_addr(), client.peer_addr().ok()),
        (SOCK_DGRAM, udp.local_addr().unwrap(), None),
    ]
    .into_iter()
    .chain(six.as_ref().map(|l| tcp(l.local_addr(), None)))
    .collect();

    let mine = wire::sockets().unwrap();
    let out = Command::new("ss").args(["-tuanH"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    for (kind, addr, peer) in &ours {
        let c = mine
            .iter()
            .find(|c| c.kind == *kind && c.local == *addr && c.peer == *peer)
            .unwrap_or_else(|| panic!("{addr} not in {mine:?}"));
        let name = if *kind == SOCK_STREAM { "tcp" } else { "udp" };
        // ss prints `Netid State Recv-Q Send-Q Local Peer`, IPv6 in brackets.
        let line = text
            .lines()
            .map(|l| l.split_whitespace().collect::<Vec<_>>())
            .find(|f| {
                f.len() >= 6
                    && f[0] == name
                    && f[4] == addr.to_string()
                    && peer.is_none_or(|p| f[5] == p.to_string())
            })
            .unwrap_or_else(|| panic!("ss does not list {name} {addr}:\n{text}"));
        assert_eq!(
            (line[0], line[1]),
            (name, ss_state(c.state).as_str()),
            "{c:?}"
        );
    }
}

#[test]
fn the_table_shows_each_socket() {
    use netlib::display::RichDisplay;
    let server = TcpListener::bind("127.0.0.1:0").unwrap();
    let html = wire::sockets().unwrap().to_html();
    assert!(
        html.contains(&server.local_addr().unwrap().to_string()) && html.contains("LISTEN"),
        "{html}"
    );
    // Balanced: as many closing as opening div, table and tr tags.
    for tag in ["div", "table", "tr"] {
        assert_eq!(
            html.matches(&format!("<{tag}")).count(),
            html.matches(&format!("</{tag}>")).count(),
            "{tag}: {html}"
        );
    }
}

#[test]
fn watch_sees_each_side_close_in_turn() {
    let server = TcpListener::bind("127.0.0.1:0").unwrap();
    let listen = server.local_addr().unwrap();
    let ((c, s), changes) = wire::watch(|| {
        let client = TcpStream::connect(listen).unwrap();
        let (accepted, _) = server.accept().unwrap();
        let ends = (client.local_addr().unwrap(), accepted.local_addr().unwrap());
        sleep(Duration::from_millis(300)); // many samples, even on a busy machine
        client.shutdown(Shutdown::Write).unwrap();
        sleep(Duration::from_millis(300)); // many samples, even on a busy machine
        drop(accepted);
        drop(client);
        ends
    });
    // FIN_WAIT1 lasts until the peer's ACK of the FIN, a few ms on loopback when the
    // ACK is delayed: seen or not, depending on the sample.
    // Another test's connection may use the same client port towards another
    // peer: follow this connection by both of its ends.
    let client_states: Vec<_> = changes
        .between(c, listen)
        .map(|x| x.to)
        .filter(|s| *s != Some(State::FinWait1))
        .collect();
    assert_eq!(
        client_states,
        [
            Some(State::Established),
            Some(State::FinWait2),
            Some(State::TimeWait)
        ],
        "{changes:?}"
    );
    let server_side: Vec<_> = changes
        .iter()
        .filter(|x| x.local == s && x.peer == Some(c))
        .map(|x| x.to)
        .collect();
    assert_eq!(
        server_side.first(),
        Some(&Some(State::Established)),
        "{changes:?}"
    );
    assert!(server_side.contains(&Some(State::CloseWait)), "{changes:?}");
    assert_eq!(
        server_side.last(),
        Some(&None),
        "the server's socket is gone: {changes:?}"
    );
    // The listener was there before and did not change: not listed.
    assert!(
        changes
            .iter()
            .all(|x| !(x.local == listen && x.peer.is_none())),
        "{changes:?}"
    );
    // Each line reads as the time, the ends and the two states.
    assert!(
        format!("{changes:?}").contains(&format!("{c} -> {s} (없음) -> ESTABLISHED")),
        "{changes:?}"
    );
}
