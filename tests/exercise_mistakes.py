"""Wrong answers students are likely to write, one or more per exercise, and what
each exercise's check must say about it (tests/test_exercises.py runs them).

Each is a whole solution cell as a student would leave it. `expect` holds text
the check's report must show: the hint that names the mistake, or the words
the check uses for what went wrong on the wire.
"""

from exercises import Mistake

MISTAKES = {
    "00-network-programming": [
        Mistake(
            "ex00-1-code",
            "reads once, as the lesson's first server does",
            """use std::io::{Read, Write};
use std::net::TcpListener;

fn echo_all(listener: TcpListener) -> std::io::Result<()> {
    let (mut conn, _peer) = listener.accept()?;
    let mut buf = [0u8; 4096];
    let n = conn.read(&mut buf)?;
    conn.write_all(&buf[..n])
}""",
            ["✔ 1.", "✘ 2. 100,000바이트", "힌트: read 한 번은 도착한 만큼만 준다"],
        ),
        Mistake(
            "ex00-1-code",
            "serves for ever instead of one connection",
            """use std::io::{Read, Write};
use std::net::TcpListener;

fn echo_all(listener: TcpListener) -> std::io::Result<()> {
    for conn in listener.incoming() {
        let mut conn = conn?;
        let mut reader = conn.try_clone()?;
        std::io::copy(&mut reader, &mut conn)?;
    }
    Ok(())
}""",
            ["서버가 1초 안에 끝나지 않았다"],
        ),
        Mistake(
            "ex00-2-code",
            "expects a timeout, and port 0",
            """fn predict_closed_port() -> std::io::ErrorKind {
    std::io::ErrorKind::TimedOut
}
fn predict_port_is_zero() -> bool {
    true
}""",
            ["결과: Some(TimedOut)", "힌트: 듣는 소켓이 없는 포트에 SYN이 오면", "힌트: 포트 0은"],
        ),
    ],
    "01-ipaddress-and-socket": [
        Mistake(
            "ex01-1-code",
            "compares the first three octets whatever the prefix",
            """fn same_subnet(a: &str, b: &str, prefix: u8) -> bool {
    let _ = prefix;
    let first3 = |s: &str| s.rsplitn(2, '.').nth(1).map(str::to_owned);
    first3(a).is_some() && first3(a) == first3(b)
}""",
            ["✘ 3. 10.1.2.3, 10.200.0.1, /8", "힌트: 프리픽스를 24로 고정하지 않았는가?"],
        ),
        Mistake(
            "ex01-1-code",
            "unwraps, so a wrong address panics",
            """fn same_subnet(a: &str, b: &str, prefix: u8) -> bool {
    let net_a = ip_interface(format!("{a}/{prefix}").as_str()).unwrap().network();
    let net_b = ip_interface(format!("{b}/{prefix}").as_str()).unwrap().network();
    net_a == net_b
}""",
            ["결과: 패닉: called `Result::unwrap()` on an `Err` value", "힌트: 잘못된 주소에는 false를 돌려주자"],
        ),
        Mistake(
            "ex01-2-code",
            "keeps the bug: is_private before is_loopback",
            """fn kind_of(text: &str) -> &'static str {
    let Ok(addr) = ip_address(text) else {
        return "invalid";
    };
    if addr.is_private() {
        return "private";
    }
    if addr.is_loopback() {
        return "loopback";
    }
    if addr.is_global() { "global" } else { "other" }
}""",
            ["결과: \"private\"", "힌트: 127.0.0.1은 is_private()도 true다"],
        ),
        Mistake(
            "ex01-3-code",
            "no byte swap; counts the network and broadcast addresses",
            """fn predict_htons() -> u16 {
    0x1234
}
fn predict_hosts() -> usize {
    4
}""",
            ["결과: \"0x1234\"", "힌트: htons는 16비트 값의 두 바이트를 맞바꾼다", "힌트: /30은 주소 4개다"],
        ),
        Mistake(
            "ex01-4-code",
            "ignores the port written in the URL",
            """fn service_port(url: &str) -> Option<u16> {
    let parts = urlparse(url).ok()?;
    socket::getservbyname(&parts.scheme, Some("tcp")).ok()
}""",
            ["결과: Some(443)", "힌트: URL에 적힌 포트가 먼저다"],
        ),
        Mistake(
            "ex01-4-code",
            "unwraps the port, so an out-of-range port panics",
            """fn service_port(url: &str) -> Option<u16> {
    let parts = urlparse(url).ok()?;
    match parts.port().unwrap() {
        Some(port) => Some(port),
        None => socket::getservbyname(&parts.scheme, Some("tcp")).ok(),
    }
}""",
            ["✘ 5. http://www.example.com:99999/", "결과: 패닉: called `Result::unwrap()`", "힌트: 포트가 범위(0-65535) 밖이면"],
        ),
    ],
}
