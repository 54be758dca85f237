//! What the student's own code does on the network: the packets it sends
//! and receives, its sockets and their TCP states.
//!
//! [`capture`] runs some code while capturing the packets of the process's
//! network namespace and returns them as [`Packets`]: decoded as Wireshark
//! numbers them (TCP flags, sequence and acknowledgment numbers relative to
//! each side's first, the scaled window, UDP, ICMP), `Debug` one line per
//! packet as `tshark` prints it, a notebook picture that is a sequence
//! diagram, filters by port and connection, and [`Packets::save_pcap`] for
//! Wireshark. [`Capture`] is the same as a start and a stop, and
//! [`capture_async`] the same around an `.await`. Capturing needs
//! `CAP_NET_RAW` in the namespace: the Rust (netlib) kernel runs the cells in
//! a user and network namespace of their own (evcxr patch 0022), where they
//! have it and where the only traffic is theirs; elsewhere a capture says why
//! it cannot, and `capture(|| …)` still runs the code.
//!
//! [`sockets`] lists the TCP and UDP sockets of the process that runs the
//! cells (local and peer address, state such as `LISTEN`, `ESTABLISHED`,
//! `FIN_WAIT2`, `TIME_WAIT`, `CLOSE_WAIT`, and the bytes waiting in the
//! receive and send queues), read from Linux's `/proc/net/{tcp,tcp6,udp,udp6}`
//! without any privilege, as `ss -tuan` shows them. It also lists what a closed
//! connection leaves behind in the kernel (`TIME_WAIT`, `FIN_WAIT2`,
//! `LAST_ACK`): those entries belong to no process any more, so netlib keeps
//! the ones on a port this process still uses (a server's listening port) or,
//! when the process is alone in its network namespace, all of them.
//!
//! [`watch`] runs some code and lists the state changes of this process's
//! connections meanwhile (`ESTABLISHED -> FIN_WAIT2 -> TIME_WAIT`), sampled.
//!
//! Python has no such call in its standard library; the third-party psutil's
//! `psutil.Process().net_connections()` is the nearest, and `Debug` prints
//! each entry as psutil's `pconn` does.
//!
//! ```
//! use std::net::TcpListener;
//! use netlib::wire;
//!
//! // Python: psutil.Process().net_connections()
//! let listener = TcpListener::bind("127.0.0.1:0")?;
//! let port = listener.local_addr()?.port();
//! let mine = wire::sockets()?;
//! let entry = mine.iter().find(|c| c.local.port() == port).expect("the listener");
//! assert_eq!(entry.state, Some(wire::State::Listen));
//! assert!(format!("{entry:?}").ends_with("raddr=(), status='LISTEN')"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod capture;
mod packet;
mod packets;
mod sockets;
mod watch;

pub use capture::{Capture, MAX_PACKETS, capture, capture_async};
pub use packet::{Flags, Kind, Packet, Tcp};
/// For the picture's tests, which build packets from hand-made frames.
#[cfg(test)]
pub(crate) use packets::Raw;
pub use packets::{Packets, SNAPLEN};
pub use sockets::{Connection, Sockets, State, sockets, sockets_of};
pub use watch::{AFTER, Change, Changes, SAMPLE, watch};

crate::exception::python_error! {
    /// Which Python exception a failed [`sockets`] call is: what Python's
    /// `open()` or `os.listdir()` of the same `/proc` file raises.
    ///
    /// ```
    /// use netlib::wire::ErrorKind;
    /// // Python: type(e).__name__ of os.listdir('/proc/4194305/fd')
    /// assert_eq!(ErrorKind::FileNotFoundError.python_name(), "FileNotFoundError");
    /// ```
    pub enum ErrorKind {
        /// `OSError`: reading `/proc` failed otherwise (no `/proc`, I/O).
        OSError => "OSError",
        /// `FileNotFoundError`: no such process (or no `/proc/net` file).
        FileNotFoundError => "FileNotFoundError",
        /// `PermissionError`: another user's process.
        PermissionError => "PermissionError",
    }

    /// A failed read of `/proc`; `Display` is Python's `str(exc)`,
    /// `[Errno 2] No such file or directory: '/proc/4194305/fd'`.
    ///
    /// ```
    /// use netlib::wire;
    /// // Python: os.listdir('/proc/4194305/fd')   (no process has that id)
    /// let err = wire::sockets_of(4_194_305).unwrap_err();
    /// assert_eq!(err.to_string(), "[Errno 2] No such file or directory: '/proc/4194305/fd'");
    /// ```
    pub struct Error {}
    debug: "FileNotFoundError(2, 'No such file or directory')",
    example: {
        module: netlib::wire,
        python: "os.listdir('/proc/4194305/fd')",
        rust: wire::sockets_of(4_194_305),
        kind: FileNotFoundError,
        class: "FileNotFoundError",
        message: "[Errno 2] No such file or directory: '/proc/4194305/fd'",
    }
}
