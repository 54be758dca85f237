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
    "02-tcp-udp-sockets": [
        Mistake(
            "ex02-1-code",
            "splits the arguments on whitespace and joins them again",
            """fn handle_command(line: &str) -> String {
    let words: Vec<&str> = line.split_whitespace().collect();
    let Some((command, args)) = words.split_first() else {
        return "ERR unknown command ".to_string();
    };
    match *command {
        "ECHO" => args.join(" "),
        "UPPER" => args.join(" ").to_uppercase(),
        "ADD" => match args.iter().map(|a| a.parse::<i64>()).collect::<Result<Vec<_>, _>>() {
            Ok(numbers) if !numbers.is_empty() => numbers.iter().sum::<i64>().to_string(),
            _ => "ERR bad number".to_string(),
        },
        _ => format!("ERR unknown command {command}"),
    }
}""",
            ["✘ 2. ECHO a  b", "결과: \"a b\"", "힌트: 인자를 split_whitespace로 나눴다 붙이면 공백이 바뀐다"],
        ),
        Mistake(
            "ex02-1-code",
            "unwraps split_once, so a command without arguments panics",
            """fn handle_command(line: &str) -> String {
    let (command, rest) = line.split_once(' ').unwrap();
    match command {
        "ECHO" => rest.to_string(),
        "UPPER" => rest.to_uppercase(),
        "ADD" => match rest.split_whitespace().map(str::parse::<i64>).collect::<Result<Vec<_>, _>>() {
            Ok(numbers) if !numbers.is_empty() => numbers.iter().sum::<i64>().to_string(),
            _ => "ERR bad number".to_string(),
        },
        _ => format!("ERR unknown command {command}"),
    }
}""",
            ["✘ 7. PING", "결과: 패닉: called `Option::unwrap()` on a `None` value", "힌트: 공백이 없는 줄은 split_once(' ')가 None이다"],
        ),
        Mistake(
            "ex02-2-code",
            "keeps the bug: one read for the header, one for the body",
            """fn recv_frame(sock: &mut TcpStream) -> io::Result<String> {
    let mut header = [0u8; 4];
    let _ = sock.read(&mut header)?;
    let mut body = vec![0u8; u32::from_be_bytes(header) as usize];
    let n = sock.read(&mut body)?;
    String::from_utf8(body[..n].to_vec()).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
}""",
            ["✘ 2. 길이가 두 조각", "힌트: read는 도착한 만큼만 채운다", "✘ 3. 본문이 세 조각", "힌트: 본문도 read 한 번으로는 모자랄 수 있다"],
        ),
        Mistake(
            "ex02-3-code",
            "a new BufReader for every line, which drops what the last one had read",
            """fn upper_server(listener: TcpListener) -> io::Result<()> {
    let (conn, _) = listener.accept()?;
    let mut writer = conn.try_clone()?;
    loop {
        let mut line = String::new();
        if BufReader::new(&conn).read_line(&mut line)? == 0 {
            return Ok(());
        }
        writer.write_all(format!("{}\\n", line.trim_end().to_uppercase()).as_bytes())?;
    }
}""",
            ["✘ 2. 세 줄을 한 번에", "결과: \"A\\n\"", "힌트: read 한 번에 여러 줄이 올 수 있다: BufReader는 루프 밖에서 한 번만 만들자"],
        ),
        Mistake(
            "ex02-3-code",
            "answers one read, not lines",
            """fn upper_server(listener: TcpListener) -> io::Result<()> {
    let (mut conn, _) = listener.accept()?;
    let mut buf = [0u8; 1024];
    let n = conn.read(&mut buf)?;
    conn.write_all(String::from_utf8_lossy(&buf[..n]).to_uppercase().as_bytes())
}""",
            ["✘ 3. 한 줄을 두 조각으로", "결과: \"HEL\"", "힌트: 줄바꿈이 올 때까지 모아서", "✘ 4. 줄바꿈 없는 마지막 줄"],
        ),
        Mistake(
            "ex02-4-code",
            "asks once and gives up",
            """fn udp_ask(server: std::net::SocketAddr, question: &str) -> io::Result<String> {
    let sock = UdpSocket::bind("127.0.0.1:0")?;
    sock.set_read_timeout(Some(Duration::from_millis(200)))?;
    sock.send_to(question.as_bytes(), server)?;
    let mut buf = [0u8; 1500];
    let (n, _) = sock.recv_from(&mut buf)?;
    Ok(String::from_utf8_lossy(&buf[..n]).into_owned())
}""",
            ["✘ 2. 첫 요청을 잃는 서버", "결과: \"오류: 시간 초과 (요청 1번)\"", "힌트: 0.2초 안에 답이 없으면 같은 질문을 다시 보내자"],
        ),
        Mistake(
            "ex02-4-code",
            "no timeout: waits for ever for a datagram that was lost",
            """fn udp_ask(server: std::net::SocketAddr, question: &str) -> io::Result<String> {
    let sock = UdpSocket::bind("127.0.0.1:0")?;
    sock.send_to(question.as_bytes(), server)?;
    let mut buf = [0u8; 1500];
    let (n, _) = sock.recv_from(&mut buf)?;
    Ok(String::from_utf8_lossy(&buf[..n]).into_owned())
}""",
            ["✔ 1. 바로 답하는 서버", "✘ 2. 첫 요청을 잃는 서버", "3초 안에 끝나지 않았다", "✘ 3. 두 요청을 잃는 서버", "실행하지 않았다"],
        ),
        Mistake(
            "ex02-5-code",
            "thinks of UDP as a byte stream",
            """fn predict_first_recv() -> usize {
    8
}
fn predict_small_buffer() -> String {
    "defgh".to_string()
}""",
            ["결과: 8", "힌트: UDP는 데이터그램 하나를 통째로 받는다", "결과: \"defgh\"", "힌트: 버퍼보다 큰 데이터그램은 잘려"],
        ),
    ],
    "03-select-selectors": [
        Mistake(
            "ex03-1-code",
            "one read per event, as a level-triggered loop would",
            """fn drain(sock: &mut TcpStream) -> std::io::Result<(Vec<u8>, bool)> {
    let mut buf = [0u8; 4096];
    match sock.read(&mut buf) {
        Ok(0) => Ok((Vec::new(), true)),
        Ok(n) => Ok((buf[..n].to_vec(), false)),
        Err(e) if e.kind() == ErrorKind::WouldBlock => Ok((Vec::new(), false)),
        Err(e) => Err(e),
    }
}""",
            ["✘ 2. 100,000바이트", "결과: \"4096바이트 / EOF false\"", "힌트: read 한 번은 버퍼 크기만큼만 읽는다"],
        ),
        Mistake(
            "ex03-1-code",
            "treats WouldBlock as an error",
            """fn drain(sock: &mut TcpStream) -> std::io::Result<(Vec<u8>, bool)> {
    let mut data = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let n = sock.read(&mut buf)?;
        if n == 0 {
            return Ok((data, true));
        }
        data.extend_from_slice(&buf[..n]);
    }
}""",
            ["✘ 3. 아무것도 오지 않음", "결과: \"오류: WouldBlock\"", "힌트: 논블로킹 소켓의 WouldBlock은 오류가 아니다"],
        ),
        Mistake(
            "ex03-1-code",
            "never stops at EOF: reads 0 bytes for ever",
            """fn drain(sock: &mut TcpStream) -> std::io::Result<(Vec<u8>, bool)> {
    let mut data = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match sock.read(&mut buf) {
            Ok(n) => data.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == ErrorKind::WouldBlock => return Ok((data, false)),
            Err(e) => return Err(e),
        }
    }
}""",
            ["✘ 4. bye를 보내고 닫음", "3초 안에 끝나지 않았다"],
        ),
        Mistake(
            "ex03-2-code",
            "keeps the bugs: WRITABLE, and no timeout",
            """fn wait_readable(sock: &mut mio::net::TcpStream, timeout: Duration) -> std::io::Result<bool> {
    let _ = timeout;
    let mut poll = Poll::new()?;
    let mut events = Events::with_capacity(8);
    poll.registry().register(sock, Token(0), Interest::WRITABLE)?;
    poll.poll(&mut events, None)?;
    Ok(!events.is_empty())
}""",
            ["✘ 3. 아무것도 오지 않음 (0.2초 기다림)", "결과: \"true\"", "힌트: 데이터가 없으면 timeout 뒤에 false여야 한다"],
        ),
        Mistake(
            "ex03-2-code",
            "fixes the interest but not the timeout",
            """fn wait_readable(sock: &mut mio::net::TcpStream, timeout: Duration) -> std::io::Result<bool> {
    let _ = timeout;
    let mut poll = Poll::new()?;
    let mut events = Events::with_capacity(8);
    poll.registry().register(sock, Token(0), Interest::READABLE)?;
    poll.poll(&mut events, None)?;
    Ok(!events.is_empty())
}""",
            ["✘ 3. 아무것도 오지 않음 (0.2초 기다림)", "3초 안에 끝나지 않았다", "✘ 4. 상대가 닫음 (EOF)", "실행하지 않았다"],
        ),
        Mistake(
            "ex03-3-code",
            "blocking: one client at a time, each until it closes",
            """use std::io::{BufRead, BufReader};

fn reverse_server(listener: TcpListener, clients: usize) -> std::io::Result<()> {
    for _ in 0..clients {
        let (conn, _) = listener.accept()?;
        let mut writer = conn.try_clone()?;
        for line in BufReader::new(conn).lines() {
            let reversed: String = line?.chars().rev().collect();
            writer.write_all(format!("{reversed}\\n").as_bytes())?;
        }
    }
    Ok(())
}""",
            ["✔ 1.", "✘ 4. 느린 클라이언트가", "결과: \"(1초 안에 답이 없음) / fedcba\"", "힌트: 한 연결의 줄을 기다리며 멈추면 다른 클라이언트가 기다린다"],
        ),
        Mistake(
            "ex03-4-code",
            "expects a timeout and one byte",
            """fn predict_nothing_yet() -> ErrorKind {
    ErrorKind::TimedOut
}
fn predict_after_close() -> usize {
    1
}""",
            ["결과: TimedOut", "힌트: 논블로킹 소켓은 기다리지 않고", "결과: 1", "힌트: EOF는 오류가 아니라 0바이트 읽기다"],
        ),
    ],
    "04-socketserver": [
        Mistake(
            "ex04-1-code",
            "expects lost updates, and a copy",
            """fn predict_total() -> u64 {
    3999
}
fn predict_same_value() -> bool {
    false
}""",
            ["결과: 3999", "힌트: 잠금(Mutex, Lock) 안에서 더하므로", "결과: false", "힌트: Arc::clone은 값을 복사하지 않고"],
        ),
        Mistake(
            "ex04-2-code",
            "keeps the bug: serves each connection to its end before the next accept",
            """fn echo_server(listener: TcpListener, clients: usize) -> std::io::Result<()> {
    for _ in 0..clients {
        let (conn, _) = listener.accept()?;
        let mut writer = conn.try_clone()?;
        for line in BufReader::new(conn).lines() {
            writer.write_all(format!("{}\\n", line?).as_bytes())?;
        }
    }
    Ok(())
}""",
            ["✔ 2. 세 클라이언트가 차례로", "✘ 3. 말없는 클라이언트가", "결과: \"(1초 안에 답이 없음) / 늦었다\"", "힌트: 한 연결을 처리하는 동안 accept가 멈춰 있다"],
        ),
        Mistake(
            "ex04-3-code",
            "asks the servers one after another",
            """fn ask_all(addrs: &[SocketAddr], question: &str) -> Vec<String> {
    addrs
        .iter()
        .map(|&addr| {
            let ask = || -> std::io::Result<String> {
                let mut sock = TcpStream::connect_timeout(&addr, Duration::from_secs(2))?;
                sock.set_read_timeout(Some(Duration::from_secs(2)))?;
                sock.write_all(format!("{question}\\n").as_bytes())?;
                let mut line = String::new();
                BufReader::new(sock).read_line(&mut line)?;
                Ok(line.trim_end_matches('\\n').to_string())
            };
            ask().unwrap_or_else(|e| format!("오류: {:?}", e.kind()))
        })
        .collect()
}""",
            ["✔ 1. 서버 하나", "✘ 2. 서버 셋", "서버0: (혼자 왔다)", "힌트: 서버에 차례로 물으면 첫 서버는 혼자 온 연결을 본다"],
        ),
        Mistake(
            "ex04-3-code",
            "unwraps, so one closed server takes the others' answers with it",
            """fn ask_all(addrs: &[SocketAddr], question: &str) -> Vec<String> {
    let handles: Vec<_> = addrs
        .iter()
        .map(|&addr| {
            let question = question.to_string();
            thread::spawn(move || {
                let mut sock = TcpStream::connect_timeout(&addr, Duration::from_secs(2)).unwrap();
                sock.set_read_timeout(Some(Duration::from_secs(2))).unwrap();
                sock.write_all(format!("{question}\\n").as_bytes()).unwrap();
                let mut line = String::new();
                BufReader::new(sock).read_line(&mut line).unwrap();
                line.trim_end_matches('\\n').to_string()
            })
        })
        .collect();
    handles.into_iter().map(|h| h.join().unwrap()).collect()
}""",
            ["✘ 3. 서버 둘 사이에 닫힌 주소", "결과: 패닉: called `Result::unwrap()` on an `Err` value", "힌트: 연결하지 못한 서버는 그 자리에 오류를 적고"],
        ),
        Mistake(
            "ex04-4-code",
            "a total per connection instead of one for all",
            """fn counter_server(listener: TcpListener, clients: usize) -> std::io::Result<()> {
    let mut handles = Vec::new();
    for _ in 0..clients {
        let (conn, _) = listener.accept()?;
        handles.push(thread::spawn(move || -> std::io::Result<()> {
            let mut total = 0i64;
            let mut writer = conn.try_clone()?;
            for line in BufReader::new(conn).lines() {
                let line = line?;
                let answer = match line.trim().split_once(' ') {
                    Some(("ADD", n)) => match n.parse::<i64>() {
                        Ok(n) => {
                            total += n;
                            total.to_string()
                        }
                        Err(_) => "ERR".to_string(),
                    },
                    None if line.trim() == "GET" => total.to_string(),
                    _ => "ERR".to_string(),
                };
                writer.write_all(format!("{answer}\\n").as_bytes())?;
            }
            Ok(())
        }));
    }
    for h in handles {
        let _ = h.join();
    }
    Ok(())
}""",
            ["✘ 3. 두 연결", "결과: \"5 / 10 / 5\"", "힌트: 합계는 연결마다 따로가 아니라 하나다"],
        ),
    ],
    "05-asyncio-tokio": [
        Mistake(
            "ex05-1-code",
            "the order they finished for the results, and the other way round",
            """fn predict_results() -> String {
    "b a".to_string()
}
fn predict_finished() -> String {
    "a b".to_string()
}""",
            ["결과: \"b a\"", "힌트: join!과 gather는 결과를 인자의 순서대로", "결과: \"a b\"", "힌트: 두 코루틴은 동시에 기다린다"],
        ),
        Mistake(
            "ex05-2-code",
            "no time limit",
            """async fn ask_with_timeout(addr: SocketAddr, line: &str, limit: Duration) -> Result<String, String> {
    let _ = limit;
    let ask = async {
        let mut stream = TcpStream::connect(addr).await?;
        stream.write_all(format!("{line}\\n").as_bytes()).await?;
        let mut answer = String::new();
        BufReader::new(stream).read_line(&mut answer).await?;
        Ok::<String, std::io::Error>(answer.trim_end_matches('\\n').to_string())
    };
    match ask.await {
        Ok(answer) => Ok(answer),
        Err(e) if e.kind() == std::io::ErrorKind::ConnectionRefused => Err("연결 거부".to_string()),
        Err(_) => Err("오류".to_string()),
    }
}""",
            ["✘ 3. 1초 뒤에 답하는 서버", "결과: \"답: PING\"", "힌트: tokio::time::timeout(limit, …)으로"],
        ),
        Mistake(
            "ex05-2-code",
            "every error is the same error",
            """async fn ask_with_timeout(addr: SocketAddr, line: &str, limit: Duration) -> Result<String, String> {
    let ask = async {
        let mut stream = TcpStream::connect(addr).await?;
        stream.write_all(format!("{line}\\n").as_bytes()).await?;
        let mut answer = String::new();
        BufReader::new(stream).read_line(&mut answer).await?;
        Ok::<String, std::io::Error>(answer.trim_end_matches('\\n').to_string())
    };
    match tokio::time::timeout(limit, ask).await {
        Ok(Ok(answer)) => Ok(answer),
        _ => Err("오류".to_string()),
    }
}""",
            ["✘ 3. 1초 뒤에 답하는 서버", "결과: \"오류: 오류\"", "✘ 4. 아무도 듣지 않는 주소", "힌트: ErrorKind::ConnectionRefused면"],
        ),
        Mistake(
            "ex05-3-code",
            "keeps the blocking socket",
            """async fn fetch_line(addr: SocketAddr) -> std::io::Result<String> {
    use std::io::BufRead;
    let stream = std::net::TcpStream::connect_timeout(&addr, Duration::from_secs(2))?;
    stream.set_read_timeout(Some(Duration::from_secs(2)))?;
    let mut line = String::new();
    std::io::BufReader::new(stream).read_line(&mut line)?;
    Ok(line.trim_end_matches('\\n').to_string())
}""",
            ["결과: \"hello, 루프 멈춤\"", "힌트: 블로킹 소켓은 기다리는 동안 이벤트 루프를 붙잡는다"],
        ),
        Mistake(
            "ex05-4-code",
            "serves each connection to its end before the next accept",
            """async fn serve_upper(listener: TcpListener, clients: usize) -> std::io::Result<()> {
    for _ in 0..clients {
        let (stream, _) = listener.accept().await?;
        let (reader, mut writer) = stream.into_split();
        let mut lines = BufReader::new(reader).lines();
        while let Some(line) = lines.next_line().await? {
            writer.write_all(format!("{}\\n", line.to_uppercase()).as_bytes()).await?;
        }
    }
    Ok(())
}""",
            ["✔ 1.", "✘ 2. 말없는 클라이언트가", "결과: \"(1초 안에 답이 없음) / LATE\"", "힌트: 연결마다 tokio::spawn으로 태스크를 만들고"],
        ),
        Mistake(
            "ex05-4-code",
            "spawns the tasks but does not wait for them",
            """async fn serve_upper(listener: TcpListener, clients: usize) -> std::io::Result<()> {
    for _ in 0..clients {
        let (stream, _) = listener.accept().await?;
        tokio::spawn(async move {
            let (reader, mut writer) = stream.into_split();
            let mut lines = BufReader::new(reader).lines();
            while let Ok(Some(line)) = lines.next_line().await {
                let _ = writer.write_all(format!("{}\\n", line.to_uppercase()).as_bytes()).await;
            }
        });
    }
    Ok(())
}""",
            ["✘ 2. 말없는 클라이언트가", "결과: \" / \"", "JoinHandle을 모두 .await하자"],
        ),
    ],
    "06-urllib-http": [
        Mistake(
            "ex06-1-code",
            "thinks the most specific rule wins",
            """fn predict_public_page() -> bool {
    true
}
fn predict_index() -> bool {
    true
}""",
            ["✘ 1. /private/public.html", "결과: true", "힌트: urllib.robotparser는 위에서부터 처음 맞는 규칙을 따른다"],
        ),
        Mistake(
            "ex06-2-code",
            "appends every cookie, even a name it already has, and keeps expired ones",
            """fn cookie_header(set_cookies: &[&str]) -> String {
    let mut pairs = Vec::new();
    for header in set_cookies {
        let Ok(cookie) = SimpleCookie::parse(header) else { continue };
        for morsel in cookie.values() {
            pairs.push(format!("{}={}", morsel.key(), morsel.value()));
        }
    }
    pairs.join("; ")
}""",
            ["✘ 3. a=1, b=2, a=3", "결과: \"a=1; b=2; a=3\"", "힌트: 같은 이름이 다시 오면 값만 바꾸고", "✘ 4.", "힌트: Max-Age=0인 쿠키는 지운다"],
        ),
        Mistake(
            "ex06-3-code",
            "ends the request head without the blank line",
            """fn http_get(addr: std::net::SocketAddr, path: &str) -> std::io::Result<(u16, String)> {
    let mut sock = std::net::TcpStream::connect_timeout(&addr, Duration::from_secs(2))?;
    sock.set_read_timeout(Some(Duration::from_secs(2)))?;
    sock.write_all(format!("GET {path} HTTP/1.0\\r\\nHost: {addr}\\r\\n").as_bytes())?;
    let mut data = Vec::new();
    sock.read_to_end(&mut data)?;
    let text = String::from_utf8_lossy(&data);
    let (head, body) = text.split_once("\\r\\n\\r\\n").unwrap_or((&text, ""));
    let status = head.split(' ').nth(1).and_then(|code| code.parse().ok()).unwrap_or(0);
    Ok((status, body.to_string()))
}""",
            ["✘ 1. 200, 본문 안녕", "요청 헤더가 빈 줄"],
        ),
        Mistake(
            "ex06-3-code",
            "one read for the whole answer",
            """fn http_get(addr: std::net::SocketAddr, path: &str) -> std::io::Result<(u16, String)> {
    let mut sock = std::net::TcpStream::connect_timeout(&addr, Duration::from_secs(2))?;
    sock.set_read_timeout(Some(Duration::from_secs(2)))?;
    sock.write_all(format!("GET {path} HTTP/1.0\\r\\nHost: {addr}\\r\\n\\r\\n").as_bytes())?;
    let mut buf = [0u8; 4096];
    let n = sock.read(&mut buf)?;
    let text = String::from_utf8_lossy(&buf[..n]).into_owned();
    let (head, body) = text.split_once("\\r\\n\\r\\n").unwrap_or((&text, ""));
    let status = head.split(' ').nth(1).and_then(|code| code.parse().ok()).unwrap_or(0);
    Ok((status, body.to_string()))
}""",
            ["✘ 3. 답이 네 조각으로 온다", "힌트: recv/read 한 번은 일부만 줄 수 있다"],
        ),
        Mistake(
            "ex06-4-code",
            "Content-Length in characters, and the name left percent-encoded",
            """fn hello_server(listener: std::net::TcpListener, requests: usize) -> std::io::Result<()> {
    for _ in 0..requests {
        let (mut conn, _) = listener.accept()?;
        conn.set_read_timeout(Some(Duration::from_secs(2)))?;
        let mut head = Vec::new();
        let mut byte = [0u8; 1];
        while !head.ends_with(b"\\r\\n\\r\\n") && conn.read(&mut byte)? == 1 {
            head.push(byte[0]);
        }
        let head = String::from_utf8_lossy(&head);
        let mut request_line = head.lines().next().unwrap_or("").split(' ');
        let (method, target) = (request_line.next().unwrap_or(""), request_line.next().unwrap_or(""));
        let (path, query) = target.split_once('?').unwrap_or((target, ""));
        let (code, body) = if method != "GET" {
            (405, "허용되지 않는 메서드".to_string())
        } else if path == "/hello" {
            let name = query.strip_prefix("name=").unwrap_or("손님");
            (200, format!("안녕, {name}!"))
        } else {
            (404, "찾을 수 없음".to_string())
        };
        let reply = format!(
            "HTTP/1.0 {code} X\\r\\nContent-Type: text/plain; charset=utf-8\\r\\nContent-Length: {}\\r\\n\\r\\n{body}",
            body.chars().count()
        );
        conn.write_all(reply.as_bytes())?;
    }
    Ok(())
}""",
            ["✘ 1. GET /hello?name=Rust", "(Content-Length 9, 본문 13바이트)", "힌트: Content-Length는 글자 수가 아니라 본문의 바이트 수다", "힌트: 이름은 퍼센트 인코딩을 풀어서 쓴다"],
        ),
    ],
}
