//! [`watch`]: the TCP states this process's connections go through while
//! some code runs, by looking at [`sockets`](super::sockets) again and again.
//!
//! Linux sends no notice of a state change to an unprivileged process, so
//! this samples: a look reads `/proc/net` (about 3 ms on a 2-core machine: the
//! kernel walks its whole socket tables, `tcp6` alone about 1.5 ms), then waits
//! [`SAMPLE`]; a state that lasts less than a sample (a loopback handshake's
//! `SYN_SENT`, microseconds) is not seen, one that lasts about as long (a
//! `FIN_WAIT1` whose ACK the peer delays a few ms) sometimes is; the states a
//! lesson talks about while one side has closed (`FIN_WAIT2`, `CLOSE_WAIT`,
//! `TIME_WAIT`) last until the other side acts, and are.

use std::collections::BTreeMap;
use std::fmt;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use super::{Connection, State, sockets};

/// How long [`watch`] waits between two looks (each look itself takes a few ms).
pub const SAMPLE: Duration = Duration::from_millis(2);

/// How long [`watch`] keeps looking after the code returned: what a close
/// starts (the peer's FIN, `TIME_WAIT`) arrives within it on loopback.
pub const AFTER: Duration = Duration::from_millis(200);

/// One connection's change: at `at` after the watch began, the socket
/// `local` -> `peer` went from `from` to `to` (`None`: it did not exist).
///
/// ```
/// use std::net::{TcpListener, TcpStream};
/// use netlib::wire::{self, State};
/// // Python: (no equivalent; psutil sampled in a loop)
/// let server = TcpListener::bind("127.0.0.1:0")?;
/// let (client, changes) = wire::watch(|| TcpStream::connect(server.local_addr().unwrap()).unwrap());
/// let (here, there) = (client.local_addr()?, client.peer_addr()?);
/// let first = changes.between(here, there).next().expect("the client's socket appeared");
/// assert_eq!((first.from, first.to), (None, Some(State::Established)));
/// # Ok::<(), std::io::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Change {
    /// Time since the watch began.
    pub at: Duration,
    /// The socket's local address.
    pub local: SocketAddr,
    /// Its peer, `None` for a listening socket.
    pub peer: Option<SocketAddr>,
    /// The state before; `None`: the socket was not there.
    pub from: Option<State>,
    /// The state after; `None`: the socket is gone (closed and forgotten).
    pub to: Option<State>,
}

fn state_text(s: Option<State>) -> &'static str {
    s.map_or("(없음)", State::name)
}

/// `12.0 ms 127.0.0.1:54321 -> 127.0.0.1:40000 ESTABLISHED -> FIN_WAIT2`.
impl fmt::Debug for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let peer = self.peer.map_or_else(|| "*".to_owned(), |p| p.to_string());
        write!(
            f,
            "{:>7.1} ms {} -> {} {} -> {}",
            self.at.as_secs_f64() * 1000.0,
            self.local,
            peer,
            state_text(self.from),
            state_text(self.to)
        )
    }
}

/// What [`watch`] saw, in time order; `Debug` prints a line per change.
///
/// ```
/// use netlib::wire;
/// // Python: (no equivalent)
/// let ((), changes) = wire::watch(|| ());
/// assert!(changes.iter().all(|c| c.from != c.to));
/// ```
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Changes(pub Vec<Change>);

impl Changes {
    /// The changes, in time order.
    ///
    /// ```
    /// use netlib::wire;
    /// // Python: (no equivalent)
    /// let ((), changes) = wire::watch(|| ());
    /// assert_eq!(changes.iter().count(), changes.0.len());
    /// ```
    pub fn iter(&self) -> std::slice::Iter<'_, Change> {
        self.0.iter()
    }

    /// The changes of the socket whose local address is `local` (one end of
    /// one connection, or a listener), in time order.
    ///
    /// ```
    /// use std::net::TcpListener;
    /// use netlib::wire::{self, State};
    /// // Python: (no equivalent)
    /// let (server, changes) = wire::watch(|| TcpListener::bind("127.0.0.1:0").unwrap());
    /// let states: Vec<_> = changes.of(server.local_addr()?).filter(|c| c.peer.is_none()).map(|c| c.to).collect();
    /// assert_eq!(states, [Some(State::Listen)]);
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn of(&self, local: SocketAddr) -> impl Iterator<Item = &Change> {
        self.0.iter().filter(move |c| c.local == local)
    }

    /// The changes of one end of one connection: the socket at `local`
    /// connected to `peer`. A client's port number is unique only per peer
    /// (Linux reuses an ephemeral port for another destination), so this is
    /// the way to follow one connection when others run at the same time.
    ///
    /// ```
    /// use std::net::{TcpListener, TcpStream};
    /// use netlib::wire::{self, State};
    /// // Python: (no equivalent)
    /// let server = TcpListener::bind("127.0.0.1:0")?;
    /// let (client, changes) = wire::watch(|| TcpStream::connect(server.local_addr().unwrap()).unwrap());
    /// let states: Vec<_> = changes.between(client.local_addr()?, server.local_addr()?).map(|c| c.to).collect();
    /// assert_eq!(states, [Some(State::Established)], "{changes:?}");
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn between(&self, local: SocketAddr, peer: SocketAddr) -> impl Iterator<Item = &Change> {
        self.0
            .iter()
            .filter(move |c| c.local == local && c.peer == Some(peer))
    }
}

impl fmt::Debug for Changes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, c) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{c:?}")?;
        }
        Ok(())
    }
}

type Key = (SocketAddr, Option<SocketAddr>);

fn snapshot() -> BTreeMap<Key, Option<State>> {
    // A read that fails (the process is going away) is an empty sample.
    sockets()
        .map(|all| {
            all.iter()
                .filter(|c| c.kind == crate::socket::SocketKind::SOCK_STREAM)
                .map(|c: &Connection| ((c.local, c.peer), c.state))
                .collect()
        })
        .unwrap_or_default()
}

/// Runs `f` and returns its value with every TCP state change of this
/// process's sockets seen while it ran and [`AFTER`] it. Linux tells an
/// unprivileged process nothing of state changes, so this samples: a look
/// reads `/proc/net` (about 3 ms on a 2-core machine), then waits [`SAMPLE`].
/// A state shorter than that (a loopback handshake's `SYN_SENT`) is not seen,
/// a `FIN_WAIT1` whose ACK is delayed a few ms sometimes is; `FIN_WAIT2`,
/// `CLOSE_WAIT` and `TIME_WAIT` last until the other side acts, and are.
/// Sockets that were there before and did not change are not listed.
///
/// ```
/// use std::io::{Read, Write};
/// use std::net::{Shutdown, TcpListener, TcpStream};
/// use netlib::wire::{self, State};
///
/// // Python: (no equivalent; psutil sampled in a loop)
/// let server = TcpListener::bind("127.0.0.1:0")?;
/// let mut client = TcpStream::connect(server.local_addr()?)?;
/// let (mut conn, _) = server.accept()?;
/// let here = client.local_addr()?;
/// let ((), changes) = wire::watch(|| {
///     client.shutdown(Shutdown::Write).unwrap(); // the client's FIN
///     std::thread::sleep(std::time::Duration::from_millis(300)); // many samples
///     drop(conn); // the server's FIN
/// });
/// let there = server.local_addr()?;
/// let states: Vec<_> = changes.between(here, there).map(|c| c.to).collect();
/// assert_eq!(states.last(), Some(&Some(State::TimeWait)), "{changes:?}");
/// assert!(states.contains(&Some(State::FinWait2)), "{changes:?}");
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn watch<T>(f: impl FnOnce() -> T) -> (T, Changes) {
    let started = Instant::now();
    let stop = Arc::new(AtomicBool::new(false));
    let sampler = {
        let stop = Arc::clone(&stop);
        let mut last = snapshot();
        thread::Builder::new()
            .name("netlib-wire-watch".into())
            .spawn(move || {
                let mut changes = Vec::new();
                let mut ended_at: Option<Instant> = None;
                loop {
                    let now = snapshot();
                    let at = started.elapsed();
                    for key in last
                        .keys()
                        .chain(now.keys())
                        .collect::<std::collections::BTreeSet<_>>()
                    {
                        // Absent (None) or present with its state: a change is either.
                        let (was, is) = (last.get(key), now.get(key));
                        if was != is {
                            changes.push(Change {
                                at,
                                local: key.0,
                                peer: key.1,
                                from: was.copied().flatten(),
                                to: is.copied().flatten(),
                            });
                        }
                    }
                    last = now;
                    if stop.load(Ordering::Acquire) {
                        let end = *ended_at.get_or_insert_with(Instant::now);
                        if end.elapsed() >= AFTER {
                            return changes;
                        }
                    }
                    thread::sleep(SAMPLE);
                }
            })
    };
    let value = f();
    stop.store(true, Ordering::Release);
    // Without a sampler thread (none could start), nothing was seen.
    let changes = sampler.ok().and_then(|h| h.join().ok()).unwrap_or_default();
    (value, Changes(changes))
}
