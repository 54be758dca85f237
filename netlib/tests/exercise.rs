//! `netlib::exercise` on real loopback connections: each way a student's
//! server or client can go wrong ends as one readable row, quickly.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::time::{Duration, Instant};

use netlib::exercise::{self, Check, Outcome};

fn talk_line(addr: SocketAddr) -> std::io::Result<String> {
    let mut stream = exercise::connect(addr)?;
    stream.write_all(b"hello\n")?;
    let mut reply = String::new();
    BufReader::new(stream).read_line(&mut reply)?;
    Ok(reply)
}

fn outcome_of<S, R>(server: S) -> (Outcome, Duration)
where
    S: FnOnce(TcpListener) -> R + Send + 'static,
    R: Send + 'static,
{
    let started = Instant::now();
    let check = Check::new("server").case("hello", "HELLO\n".to_string(), move || {
        exercise::run_server(server, talk_line)
    });
    (check.report().cases[0].outcome.clone(), started.elapsed())
}

#[test]
fn a_server_that_works_passes() {
    let (outcome, _) = outcome_of(|listener: TcpListener| -> std::io::Result<()> {
        let (stream, _) = listener.accept()?;
        let mut line = String::new();
        BufReader::new(&stream).read_line(&mut line)?;
        (&stream).write_all(line.to_uppercase().as_bytes())
    });
    assert_eq!(outcome, Outcome::Passed);
}

#[test]
fn a_server_not_written_yet_is_reported_as_such_at_once() {
    let (outcome, took) = outcome_of(|_listener: TcpListener| -> std::io::Result<()> { todo!() });
    assert_eq!(outcome, Outcome::NotImplemented);
    assert!(took < Duration::from_secs(2), "{took:?}");
}

#[test]
fn a_server_that_panics_says_where() {
    let (outcome, _) = outcome_of(|listener: TcpListener| -> std::io::Result<()> {
        let (_stream, _) = listener.accept()?;
        let v: Vec<u8> = Vec::new();
        let _ = v[3];
        Ok(())
    });
    match outcome {
        Outcome::Trouble(text) => assert!(
            text.starts_with("서버가 멈췄다: 패닉: index out of bounds"),
            "{text}"
        ),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_server_that_never_answers_is_a_timeout_on_the_wire() {
    let (outcome, took) = outcome_of(|listener: TcpListener| -> std::io::Result<()> {
        let (mut stream, _) = listener.accept()?;
        // Reads until the client gives up, answers nothing.
        let mut sink = Vec::new();
        let _ = stream.read_to_end(&mut sink);
        Ok(())
    });
    match outcome {
        Outcome::Trouble(text) => {
            assert!(text.contains("상대가 시간 안에 답하지 않았다"), "{text}")
        }
        other => panic!("{other:?}"),
    }
    assert!(took < exercise::DEFAULT_TIME_LIMIT, "{took:?}");
}

#[test]
fn a_server_that_keeps_running_is_reported() {
    let (outcome, took) = outcome_of(|listener: TcpListener| {
        // Serves every client for ever: the bug the exercise names.
        for stream in listener.incoming().flatten() {
            let mut line = String::new();
            let _ = BufReader::new(&stream).read_line(&mut line);
            let _ = (&stream).write_all(line.to_uppercase().as_bytes());
        }
    });
    match outcome {
        Outcome::Trouble(text) => {
            assert!(text.starts_with("서버가 1초 안에 끝나지 않았다"), "{text}")
        }
        other => panic!("{other:?}"),
    }
    assert!(took < exercise::DEFAULT_TIME_LIMIT, "{took:?}");
}

fn ask(addr: SocketAddr) -> std::io::Result<String> {
    let mut stream = TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(Duration::from_secs(1)))?;
    stream.write_all(b"ping\n")?;
    let mut reply = String::new();
    BufReader::new(stream).read_line(&mut reply)?;
    Ok(reply)
}

fn answer_pong(stream: TcpStream) -> std::io::Result<()> {
    let mut line = String::new();
    BufReader::new(&stream).read_line(&mut line)?;
    if line != "ping\n" {
        return Err(std::io::Error::other(format!(
            "ping\\n을 기대했는데 {line:?}가 왔다"
        )));
    }
    (&stream).write_all(b"pong\n")
}

#[test]
fn a_client_is_answered_and_its_mistakes_are_explained() {
    let good = Check::new("ask").case("ping", Some("pong\n".to_string()), || {
        exercise::run_client(answer_pong, |addr| ask(addr).ok())
    });
    assert_eq!(good.report().cases[0].outcome, Outcome::Passed);

    let wrong = Check::new("ask").case("ping", Some("pong\n".to_string()), || {
        exercise::run_client(answer_pong, |addr| {
            let mut stream = TcpStream::connect(addr).ok()?;
            stream.write_all(b"PING\n").ok()?;
            let mut reply = String::new();
            stream.read_to_string(&mut reply).ok()?;
            Some(reply)
        })
    });
    match &wrong.report().cases[0].outcome {
        Outcome::Trouble(text) => assert!(
            text.contains("ping\\n을 기대했는데 \"PING\\n\"가 왔다"),
            "{text}"
        ),
        other => panic!("{other:?}"),
    }

    let absent = Check::new("ask").case("ping", Some("pong\n".to_string()), || {
        exercise::run_client(answer_pong, |_addr| None)
    });
    match &absent.report().cases[0].outcome {
        Outcome::Trouble(text) => assert!(text.contains("클라이언트가 연결하지 않았다"), "{text}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn after_a_timeout_the_rest_is_not_run() {
    let check = Check::new("slow")
        .time_limit(Duration::from_millis(100))
        .case("1", 1, || {
            std::thread::sleep(Duration::from_millis(400));
            1
        })
        .case("2", 2, || 2);
    let outcomes: Vec<_> = check
        .report()
        .cases
        .iter()
        .map(|c| c.outcome.clone())
        .collect();
    assert_eq!(
        outcomes,
        [
            Outcome::TimedOut(Duration::from_millis(100)),
            Outcome::NotRun
        ]
    );
}
