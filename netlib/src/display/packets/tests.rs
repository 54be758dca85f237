//! The sequence diagram of hand-made captures: Ethernet frames built here
//! and decoded as a capture decodes them, and packets no capture makes.

use std::time::{Duration, SystemTime};

use proptest::prelude::*;

use super::*;
use crate::wire::Raw;

const SYN: u16 = Flags::SYN;
const ACK: u16 = Flags::ACK;
const PSH_ACK: u16 = Flags::PSH | Flags::ACK;
const FIN_ACK: u16 = Flags::FIN | Flags::ACK;

/// An Ethernet frame with an IPv4 header for `proto` around `l4`.
fn ipv4(src: SocketAddr, dst: SocketAddr, proto: u8, l4: &[u8]) -> Vec<u8> {
    let ip = |a: SocketAddr| match a.ip() {
        std::net::IpAddr::V4(v4) => v4.octets(),
        std::net::IpAddr::V6(_) => panic!("IPv4 only"),
    };
    let mut f = vec![0u8; 12];
    f.extend_from_slice(&[0x08, 0x00, 0x45, 0]);
    f.extend_from_slice(&(20 + l4.len() as u16).to_be_bytes());
    f.extend_from_slice(&[0, 0, 0x40, 0, 64, proto, 0, 0]);
    f.extend_from_slice(&ip(src));
    f.extend_from_slice(&ip(dst));
    f.extend_from_slice(l4);
    f
}

fn ports(src: SocketAddr, dst: SocketAddr) -> Vec<u8> {
    [src.port().to_be_bytes(), dst.port().to_be_bytes()].concat()
}

fn tcp(src: &str, dst: &str, flags: u16, seq: u32, ack: u32, data: &[u8]) -> Vec<u8> {
    let (src, dst) = (src.parse().unwrap(), dst.parse().unwrap());
    let mut h = ports(src, dst);
    h.extend_from_slice(&seq.to_be_bytes());
    h.extend_from_slice(&ack.to_be_bytes());
    h.extend_from_slice(&[0x50, flags as u8, 0xff, 0xd7, 0, 0, 0, 0]);
    h.extend_from_slice(data);
    ipv4(src, dst, 6, &h)
}

fn udp(src: &str, dst: &str, data: &[u8]) -> Vec<u8> {
    let (src, dst) = (src.parse().unwrap(), dst.parse().unwrap());
    let mut h = ports(src, dst);
    h.extend_from_slice(&(8 + data.len() as u16).to_be_bytes());
    h.extend_from_slice(&[0, 0]);
    h.extend_from_slice(data);
    ipv4(src, dst, 17, &h)
}

/// Packets as a capture would decode them, 12 µs apart.
fn capture(frames: Vec<Vec<u8>>) -> Packets {
    let raw = frames
        .into_iter()
        .enumerate()
        .map(|(i, frame)| Raw {
            time: SystemTime::UNIX_EPOCH,
            at: Duration::from_micros(1000 + 12 * i as u64),
            interface: "lo".to_owned(),
            len: frame.len(),
            frame,
        })
        .collect();
    Packets::from_raw(raw, 0)
}

/// A connection's life: handshake, a request and its reply, both FINs;
/// then a DNS-like UDP question.
fn conversation() -> Vec<Vec<u8>> {
    let (c, s) = ("127.0.0.1:40000", "127.0.0.1:8080");
    vec![
        tcp(c, s, SYN, 1000, 0, b""),
        tcp(s, c, SYN | ACK, 5000, 1001, b""),
        tcp(c, s, ACK, 1001, 5001, b""),
        tcp(
            c,
            s,
            PSH_ACK,
            1001,
            5001,
            b"GET / HTTP/1.1\r\nHost: x\r\n\r\n",
        ),
        tcp(s, c, ACK, 5001, 1028, b""),
        tcp(
            s,
            c,
            PSH_ACK,
            5001,
            1028,
            b"HTTP/1.1 200 OK\r\n\r\n<b>hi</b>",
        ),
        tcp(c, s, ACK, 1028, 5029, b""),
        tcp(c, s, FIN_ACK, 1028, 5029, b""),
        tcp(s, c, FIN_ACK, 5029, 1029, b""),
        tcp(c, s, ACK, 1029, 5030, b""),
        udp(
            "127.0.0.1:5000",
            "127.0.0.1:5353",
            b"\x12\x34\x01\x00example",
        ),
    ]
}

fn count(html: &str, what: &str) -> usize {
    html.matches(what).count()
}

/// One line, balanced, nothing external: what evcxr and a notebook need.
fn assert_well_formed(html: &str) {
    assert!(html.starts_with("<div class=\"netlib-display netlib-packets\""));
    assert!(!html.contains('\n') && !html.contains('\r'));
    for tag in ["div", "span", "svg", "g", "text", "tspan", "title"] {
        let open = count(html, &format!("<{tag}>")) + count(html, &format!("<{tag} "));
        assert_eq!(open, count(html, &format!("</{tag}>")), "{tag}: {html}");
    }
    for bad in ["<script", "<style", " href=", "url(", " id="] {
        assert!(!html.contains(bad), "{bad}: {html}");
    }
}

#[test]
fn a_connection_is_drawn_lane_to_lane() {
    let html = capture(conversation()).to_html();
    assert_well_formed(&html);
    assert_eq!(count(&html, "class=\"netlib-lane\""), 4);
    assert_eq!(count(&html, "class=\"netlib-packet\""), 11);
    assert!(!html.contains("netlib-gap"));
    // Lanes by first appearance, roles from the handshake.
    let lane = |addr: &str| html.find(&format!(">{addr}</text>")).unwrap();
    assert!(lane("127.0.0.1:40000") < lane("127.0.0.1:8080"));
    assert!(lane("127.0.0.1:8080") < lane("127.0.0.1:5000"));
    assert_eq!(count(&html, ">클라이언트</text>"), 1);
    assert_eq!(count(&html, ">서버</text>"), 1);
    // Relative numbers, ack only with ACK, len only with data.
    assert!(html.contains(">SYN</tspan> seq=0</text>"));
    assert!(html.contains(">SYN, ACK</tspan> seq=0 ack=1</text>"));
    assert!(html.contains(">PSH, ACK</tspan> seq=1 ack=1 len=27</text>"));
    assert!(html.contains(">FIN, ACK</tspan> seq=28 ack=29</text>"));
    assert!(html.contains(">UDP</tspan> len=11</text>"));
    // Previews: control bytes as dots, cut at 24 with an ellipsis, escaped.
    assert!(html.contains("&quot;GET / HTTP/1.1..Host: x.&quot;…"));
    assert!(html.contains("&quot;HTTP/1.1 200 OK....&lt;b&gt;hi&quot;…"));
    assert!(html.contains("&quot;.4..example&quot;<"));
    assert!(html.contains(">0.000 ms<") && html.contains(">0.120 ms<"));
    // The legend names what is drawn, and only that.
    for c in [
        Category::Syn,
        Category::Data,
        Category::Fin,
        Category::Ack,
        Category::Udp,
    ] {
        assert!(html.contains(c.colour()), "{c:?}");
    }
    assert!(!html.contains(Category::Rst.colour()));
    assert!(html.contains("상대값"));
}

#[test]
fn long_captures_keep_both_ends_and_count_the_middle() {
    // 25 connections of 4 packets: SYN, SYN-ACK, data, RST.
    let frames = (0..25u16)
        .flat_map(|i| {
            let c = format!("127.0.0.1:{}", 40000 + i);
            let s = "127.0.0.1:8080";
            [
                tcp(&c, s, SYN, 1, 0, b""),
                tcp(s, &c, SYN | ACK, 1, 2, b""),
                tcp(&c, s, PSH_ACK, 2, 2, b"x"),
                tcp(&c, s, Flags::RST | ACK, 3, 2, b""),
            ]
        })
        .collect();
    let html = capture(frames).to_html();
    assert_well_formed(&html);
    assert!(html.contains("패킷 100개</div>"));
    assert_eq!(count(&html, "class=\"netlib-packet\""), 40);
    assert_eq!(count(&html, "class=\"netlib-gap\""), 1);
    // Packets 21..=80: connections 6..=20, 4 packets each.
    assert!(html.contains("… 패킷 60개 생략 (SYN 30, 데이터 15, RST 15) …"));
    assert!(html.contains(">1</text>") && html.contains(">20</text>"));
    assert!(html.contains(">81</text>") && html.contains(">100</text>"));
    assert!(!html.contains(">21</text>") && !html.contains(">80</text>"));
    // 26 endpoints among the drawn: 7 lanes and a shared one of clients.
    assert_eq!(count(&html, "class=\"netlib-lane\""), MAX_LANES);
    assert!(html.contains(">기타 ") && html.contains("클라이언트"));
    assert!(html.contains("마지막 레인 하나에 모았다"));
}

#[test]
fn thousands_of_packets_draw_forty() {
    let frames = (0..5000u32)
        .map(|i| {
            let c = format!("127.0.0.{}:{}", i % 200 + 1, 1024 + i % 60000);
            udp(&c, "127.0.0.1:9", &i.to_be_bytes())
        })
        .collect();
    let mut packets = capture(frames);
    packets.not_kept = 7;
    let html = packets.to_html();
    assert_well_formed(&html);
    assert_eq!(count(&html, "class=\"netlib-packet\""), 40);
    assert!(html.contains("… 패킷 4960개 생략 (UDP 4960) …"));
    assert!(html.contains("남기지 않은 패킷 7개"));
    // The width grows with the lanes, and no more than 8 are drawn.
    assert!(html.contains(&format!("width=\"{}\"", TIME_W + LANE_W * 8.0 + 8.0)));
}

/// A packet no decoder made: any addresses, any kind, any payload.
fn packet(src: Option<SocketAddr>, dst: Option<SocketAddr>, kind: Kind, payload: &[u8]) -> Packet {
    Packet {
        number: 1,
        at: Duration::ZERO,
        interface: "lo".to_owned(),
        len: payload.len(),
        src,
        dst,
        kind,
        payload_len: payload.len(),
        payload: payload.to_vec(),
        time: SystemTime::UNIX_EPOCH,
        frame: Vec::new(),
    }
}

#[test]
fn odd_packets_do_not_break_the_picture() {
    let frames = vec![
        Vec::new(),
        vec![0u8; 13], // a truncated Ethernet header
        [vec![0u8; 12], vec![0x08, 0x06], vec![0; 28]].concat(), // ARP
        udp("127.0.0.1:7", "127.0.0.1:7", b"\xff\xfe<script>\x00\x80"), // to itself
        tcp("10.0.0.1:1", "10.0.0.2:2", 0, 0, 0, b""), // no flags
        ipv4(
            "127.0.0.1:0".parse().unwrap(),
            "127.0.0.2:0".parse().unwrap(),
            1,
            &[3, 3, 0, 0],
        ),
    ];
    let html = capture(frames).to_html();
    assert_well_formed(&html);
    assert_eq!(count(&html, "class=\"netlib-packet\""), 6);
    assert!(html.contains("&quot;..&lt;script&gt;..&quot;") && !html.contains("<script"));
    assert!(html.contains(">ARP</tspan></text>"));
    assert!(html.contains("<path d=")); // the loop of the datagram to itself
    assert!(html.contains(">&lt;None&gt;</tspan> seq=0</text>"));
    // ICMP's lanes are bare addresses.
    assert!(html.contains(">127.0.0.2</text>"));
    assert!(html.contains(">ICMP</tspan> Destination unreachable (Port unreachable)</text>"));

    // One address only, and an IPv6 address wider than its lane's box.
    let v6: SocketAddr = "[2001:db8:1234:5678:9abc:def0:1234:5678]:65535"
        .parse()
        .unwrap();
    let packets = Packets {
        packets: vec![
            packet(Some(v6), None, Kind::Udp, b"\xc3\x28"),
            packet(None, Some(v6), Kind::Other("<x>".to_owned()), b""),
        ],
        ..Packets::default()
    };
    let html = packets.to_html();
    assert_well_formed(&html);
    assert_eq!(count(&html, "class=\"netlib-lane\""), 1);
    assert_eq!(count(&html, "<path d="), 2);
    assert!(html.contains("textLength=") && html.contains(">&lt;x&gt;</tspan>"));
}

#[test]
fn no_capture_and_no_packets_say_so() {
    let error = crate::wire::Error::new(crate::wire::ErrorKind::PermissionError, "<no> & \"why\"");
    let html = Packets::unavailable(error).to_html();
    assert_well_formed(&html);
    assert!(
        html.contains("패킷을 잡지 못했다") && html.contains("&lt;no&gt; &amp; &quot;why&quot;")
    );
    assert!(!html.contains("<svg"));
    let mut none = Packets::default();
    assert!(none.to_html().contains("잡힌 패킷이 없다"));
    none.not_kept = 3;
    assert!(none.to_html().contains("남기지 않은 패킷 3개"));
}

fn any_packet() -> impl Strategy<Value = Packet> {
    let addr = prop::option::of((0u8..3, prop_oneof![Just(0u16), 1u16..20]))
        .prop_map(|a| a.map(|(h, p)| SocketAddr::from(([127, 0, 0, h], p))));
    let kind = prop_oneof![
        (any::<u16>(), any::<u32>(), any::<u32>()).prop_map(|(f, s, a)| Kind::Tcp(
            crate::wire::Tcp {
                flags: Flags(f),
                seq: s,
                ack: a,
                relative_seq: s,
                relative_ack: a,
                window: 0,
                scaled_window: None,
                options: Vec::new(),
                window_scale: None,
            }
        )),
        Just(Kind::Udp),
        (any::<u8>(), any::<u8>(), any::<bool>()).prop_map(|(kind, code, v6)| Kind::Icmp {
            kind,
            code,
            v6
        }),
        "\\PC{0,12}".prop_map(Kind::Other),
    ];
    (
        addr.clone(),
        addr,
        kind,
        any::<usize>(),
        prop::collection::vec(any::<u8>(), 0..40),
        any::<u64>(),
    )
        .prop_map(|(src, dst, kind, payload_len, payload, micros)| Packet {
            number: micros as usize,
            at: Duration::from_micros(micros),
            payload_len,
            ..packet(src, dst, kind, &payload)
        })
}

proptest! {
    #[test]
    fn any_packets_draw(packets in prop::collection::vec(any_packet(), 0..60), not_kept in any::<u64>()) {
        let n = packets.len();
        let html = Packets { packets, not_kept, unavailable: None }.to_html();
        assert_well_formed(&html);
        prop_assert_eq!(count(&html, "class=\"netlib-packet\""), n.min(MAX_DRAWN));
        prop_assert!(count(&html, "class=\"netlib-lane\"") <= MAX_LANES);
    }

    #[test]
    fn any_frames_draw(
        frames in prop::collection::vec((prop::collection::vec(any::<u8>(), 0..80), 0u8..3), 0..50),
    ) {
        // Mostly IPv4 and IPv6 frames with garbage inside, so decoding
        // goes deep and finds addresses, ports and payloads.
        let frames: Vec<Vec<u8>> = frames
            .into_iter()
            .map(|(mut f, ip)| {
                if f.len() >= 15 && ip > 0 {
                    let t: &[u8] = if ip == 1 { &[0x08, 0x00, 0x45] } else { &[0x86, 0xdd, 0x60] };
                    f[12..15].copy_from_slice(t);
                }
                f
            })
            .collect();
        let n = frames.len();
        let html = capture(frames).to_html();
        assert_well_formed(&html);
        prop_assert_eq!(count(&html, "class=\"netlib-packet\""), n.min(MAX_DRAWN));
    }
}

#[test]
fn a_text_payload_previews_as_text_and_bytes_as_dots() {
    let html = capture(vec![
        udp("127.0.0.1:1000", "127.0.0.1:2000", "안녕".as_bytes()),
        udp("127.0.0.1:1000", "127.0.0.1:2000", &[0xff, 0x00, b'a']),
        // A character cut by the preview's length still shows the ones before it.
        udp(
            "127.0.0.1:1000",
            "127.0.0.1:2000",
            "가".repeat(20).as_bytes(),
        ),
    ])
    .to_html();
    assert!(
        html.contains("&quot;안녕&quot;") || html.contains("\"안녕\""),
        "{html}"
    );
    assert!(html.contains("..a"), "{html}");
    assert!(html.contains("가가가가"), "{html}");
}
