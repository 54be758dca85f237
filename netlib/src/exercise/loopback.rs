//! The check's end of a loopback connection, for exercises where the student
//! writes a server or a client: the check starts the student's server and
//! talks to it as a client would, or answers the student's client as a
//! server would, with timeouts on every call, and says in words what went
//! wrong on the wire.

use std::io;
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use super::Outcome;
use super::sandbox::{self, trouble};

/// How long the check waits for one read, write, connect or accept, and for
/// the other side's thread to end: short enough that a case which waits in
/// vain still ends (and says why) within [`super::DEFAULT_TIME_LIMIT`].
pub const IO_TIMEOUT: Duration = Duration::from_secs(1);

/// Python: `socket.socketpair()`, over TCP: a connected pair of streams on
/// 127.0.0.1 (client, server side), each with read and write timeouts of
/// [`IO_TIMEOUT`], so a test of `recv_exactly` can feed one end and give the
/// other to the student's function.
///
/// ```
/// use std::io::{Read, Write};
/// // Python: a, b = socket.socketpair(); a.sendall(b'hi'); b.recv(2)
/// let (mut a, mut b) = netlib::exercise::tcp_pair()?;
/// a.write_all(b"hi")?;
/// let mut buf = [0; 2];
/// b.read_exact(&mut buf)?;
/// assert_eq!(&buf, b"hi");
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn tcp_pair() -> io::Result<(TcpStream, TcpStream)> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
    let client = connect(listener.local_addr()?)?;
    let (server, _) = listener.accept()?;
    with_timeouts(&server)?;
    Ok((client, server))
}

/// A client's connection to `addr` with [`IO_TIMEOUT`] on connect, read and
/// write. Python: `socket.create_connection(addr, timeout=1)`.
///
/// ```
/// use std::net::TcpListener;
/// // Python: socket.create_connection(listener.getsockname(), timeout=1)
/// let listener = TcpListener::bind("127.0.0.1:0")?;
/// let stream = netlib::exercise::connect(listener.local_addr()?)?;
/// assert_eq!(stream.peer_addr()?, listener.local_addr()?);
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn connect(addr: SocketAddr) -> io::Result<TcpStream> {
    let stream = TcpStream::connect_timeout(&addr, IO_TIMEOUT)?;
    with_timeouts(&stream)?;
    Ok(stream)
}

fn with_timeouts(stream: &TcpStream) -> io::Result<()> {
    stream.set_read_timeout(Some(IO_TIMEOUT))?;
    stream.set_write_timeout(Some(IO_TIMEOUT))
}

/// Tests a student's server: binds a listener on 127.0.0.1 port 0, runs
/// `server(listener)` on a thread, and calls `talk(address)`, which connects
/// (with [`connect`]) and returns what the case compares. Then the server
/// must end by itself: an exercise's server serves the clients it is told
/// to and returns. What goes wrong is reported in words (ends the case as
/// [`Outcome::Trouble`]): the server panicked, never answered, or is still
/// running; a server that is `todo!()` is reported as not written yet.
///
/// ```
/// use std::io::{BufRead, BufReader, Write};
/// use std::net::TcpListener;
/// use netlib::exercise::{self, Check};
///
/// // The student's server: one client, one line back in upper case.
/// fn upper_once(listener: TcpListener) -> std::io::Result<()> {
///     let (stream, _) = listener.accept()?;
///     let mut line = String::new();
///     BufReader::new(&stream).read_line(&mut line)?;
///     (&stream).write_all(line.to_uppercase().as_bytes())
/// }
/// // Python: Check('upper_once').case('hello', 'HELLO\n', lambda: run_server(upper_once, talk))
/// let report = Check::new("upper_once")
///     .case("hello", "HELLO\n".to_string(), || {
///         exercise::run_server(upper_once, |addr| {
///             let mut stream = exercise::connect(addr)?;
///             stream.write_all(b"hello\n")?;
///             let mut reply = String::new();
///             BufReader::new(stream).read_line(&mut reply)?;
///             Ok(reply)
///         })
///     })
///     .finish()?;
/// assert!(report.all_passed());
/// # Ok::<(), netlib::exercise::Error>(())
/// ```
pub fn run_server<S, R, F, T>(server: S, talk: F) -> T
where
    S: FnOnce(TcpListener) -> R + Send + 'static,
    R: Send + 'static,
    F: FnOnce(SocketAddr) -> io::Result<T>,
{
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .unwrap_or_else(|e| trouble(format!("검사용 리스너를 열 수 없다: {e}")));
    let addr = listener
        .local_addr()
        .unwrap_or_else(|e| trouble(format!("검사용 리스너의 주소를 알 수 없다: {e}")));
    let ended = spawn_side("server", move || server(listener));
    let talked = talk(addr);
    // The server's own failure explains a failed conversation best (a
    // `todo!()` server drops the listener, and the client sees a reset).
    let server_end = wait(
        &ended,
        if talked.is_ok() {
            IO_TIMEOUT
        } else {
            IO_TIMEOUT / 2
        },
    );
    match (talked, server_end) {
        (_, Some(Err(outcome))) => report_server_panic(outcome),
        (Err(e), _) => trouble(format!("서버와 주고받다가: {}", wire_error(&e))),
        (Ok(_), None) => trouble(format!(
            "서버가 {}초 안에 끝나지 않았다: 클라이언트를 다 처리하면 함수가 끝나야 한다 \
             (그 스레드는 아직 돌고 있다)",
            IO_TIMEOUT.as_secs()
        )),
        (Ok(value), Some(Ok(_))) => value,
    }
}

/// Tests a student's client: binds a listener on 127.0.0.1 port 0, answers
/// one connection to it with `answer(stream)` on a thread (the stream has
/// [`IO_TIMEOUT`]s), and returns what `client(address)` returns. If the
/// check's side fails (the client sent something else, or nothing), its
/// error text is the case's report.
///
/// ```
/// use std::io::{BufRead, BufReader, Write};
/// use std::net::{SocketAddr, TcpStream};
/// use netlib::exercise::{self, Check};
///
/// // The student's client: sends a line, returns the line that comes back.
/// fn ask(addr: SocketAddr, question: &str) -> std::io::Result<String> {
///     let mut stream = TcpStream::connect(addr)?;
///     stream.write_all(format!("{question}\n").as_bytes())?;
///     let mut reply = String::new();
///     BufReader::new(stream).read_line(&mut reply)?;
///     Ok(reply.trim_end().to_string())
/// }
/// // Python: Check('ask').case('ping', 'pong', lambda: run_client(answer, lambda a: ask(a, 'ping')))
/// let report = Check::new("ask")
///     .case("ping", Some("pong".to_string()), || {
///         exercise::run_client(
///             |mut stream| {
///                 let mut line = String::new();
///                 BufReader::new(&stream).read_line(&mut line)?;
///                 // The answer in two pieces, as TCP may deliver it.
///                 stream.write_all(b"po")?;
///                 stream.write_all(b"ng\n")
///             },
///             |addr| ask(addr, "ping").ok(),
///         )
///     })
///     .finish()?;
/// assert!(report.all_passed());
/// # Ok::<(), netlib::exercise::Error>(())
/// ```
pub fn run_client<A, C, T>(answer: A, client: C) -> T
where
    A: FnOnce(TcpStream) -> io::Result<()> + Send + 'static,
    C: FnOnce(SocketAddr) -> T,
{
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .unwrap_or_else(|e| trouble(format!("검사용 서버를 열 수 없다: {e}")));
    let addr = listener
        .local_addr()
        .unwrap_or_else(|e| trouble(format!("검사용 서버의 주소를 알 수 없다: {e}")));
    let ended = spawn_side("peer", move || -> io::Result<()> {
        let stream = accept_within(&listener, IO_TIMEOUT)?;
        with_timeouts(&stream)?;
        answer(stream)
    });
    let value = client(addr);
    // Longer than the side's own accept and read limits, so that it ends
    // with its reason rather than being given up on.
    match wait(&ended, IO_TIMEOUT * 3 / 2) {
        Some(Ok(Ok(()))) => value,
        Some(Ok(Err(e))) => trouble(format!("검사용 서버: {}", wire_error(&e))),
        Some(Err(outcome)) => trouble(format!("검사용 서버가 멈췄다: {}", outcome.describe())),
        None => trouble("검사용 서버가 끝나지 않았다: 클라이언트가 연결을 닫지 않았다".to_owned()),
    }
}

/// Waits for a connection for at most `limit` (std's `accept` has no
/// timeout: the listener polls, non-blocking, a few times per second).
fn accept_within(listener: &TcpListener, limit: Duration) -> io::Result<TcpStream> {
    listener.set_nonblocking(true)?;
    let deadline = Instant::now() + limit;
    loop {
        match listener.accept() {
            Ok((stream, _)) => {
                stream.set_nonblocking(false)?;
                return Ok(stream);
            }
            Err(e) if e.kind() == io::ErrorKind::WouldBlock && Instant::now() < deadline => {
                thread::sleep(Duration::from_millis(10));
            }
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                return Err(io::Error::new(
                    io::ErrorKind::TimedOut,
                    "클라이언트가 연결하지 않았다",
                ));
            }
            Err(e) => return Err(e),
        }
    }
}

/// The side's end within `limit`: `None` if it is still running, and its
/// value otherwise (`Ok(())` for a server whose value is not looked at).
/// One side of the exercise on an exercise thread; a thread that cannot be
/// made ends the case with that reason.
fn spawn_side<R, F>(what: &str, run: F) -> mpsc::Receiver<Result<R, Outcome>>
where
    R: Send + 'static,
    F: FnOnce() -> R + Send + 'static,
{
    sandbox::spawn_exercise_thread(what, run)
        .unwrap_or_else(|e| trouble(format!("스레드를 만들 수 없다: {e}")))
}

fn wait<R>(
    ended: &mpsc::Receiver<Result<R, Outcome>>,
    limit: Duration,
) -> Option<Result<R, Outcome>> {
    ended.recv_timeout(limit).ok()
}

fn report_server_panic(outcome: Outcome) -> ! {
    match outcome {
        // Reported as the case's own todo!(): the server is not written yet.
        Outcome::NotImplemented => std::panic::panic_any("not yet implemented"),
        other => trouble(format!("서버가 멈췄다: {}", other.describe())),
    }
}

/// An I/O error as a student should read it: what it means on the wire.
fn wire_error(e: &io::Error) -> String {
    let meaning = match e.kind() {
        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut => "상대가 시간 안에 답하지 않았다",
        io::ErrorKind::ConnectionRefused => "연결이 거부되었다 (듣는 소켓이 없다)",
        io::ErrorKind::ConnectionReset => "상대가 연결을 끊었다 (RST)",
        io::ErrorKind::UnexpectedEof => "상대가 기대한 데이터를 다 보내기 전에 연결을 닫았다",
        io::ErrorKind::BrokenPipe => "상대가 이미 연결을 닫았는데 보냈다",
        _ => return format!("{:?}: {e}", e.kind()),
    };
    format!("{meaning} ({:?}: {e})", e.kind())
}
