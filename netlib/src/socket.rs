//! Python's `socket` module: name resolution, the services and protocols
//! databases, address conversions and the `AF_*` / `SOCK_*` constants, with
//! the values CPython 3.13 gives on the same (Linux) machine.
//!
//! Every call mirrors the C function CPython's `Modules/socketmodule.c`
//! calls, so results and failures match Python's:
//!
//! ```
//! use netlib::socket;
//!
//! // Python: socket.gethostbyname('localhost')
//! assert_eq!(socket::gethostbyname("localhost")?, "127.0.0.1");
//! // Python: socket.getservbyname('http')
//! assert_eq!(socket::getservbyname("http", None)?, 80);
//! // Python: socket.inet_aton('127.0.0.1')
//! assert_eq!(socket::inet_aton("127.0.0.1")?, [127, 0, 0, 1]);
//! # Ok::<(), socket::Error>(())
//! ```
//!
//! ```no_run
//! // no_run: the answer comes from a DNS server (a machine without one says
//! // [Errno -3] Temporary failure in name resolution), and cargo test must
//! // not depend on the network.
//! use netlib::socket;
//!
//! // Python: socket.gethostbyname('testname')  → socket.gaierror
//! let err = socket::gethostbyname("testname").unwrap_err();
//! assert_eq!(err.to_string(), "[Errno -2] Name or service not known");
//! ```
//!
//! | Python | C call used | failure |
//! |---|---|---|
//! | `gethostname()` | `gethostname` | `OSError` |
//! | `gethostbyname(h)` | `inet_pton`, else `getaddrinfo(AF_INET)` | `gaierror` |
//! | `gethostbyname_ex(h)` | as above, then `gethostbyname_r` | `gaierror`, `herror` |
//! | `gethostbyaddr(ip)` | `inet_pton`/`getaddrinfo`, then `gethostbyaddr_r` | `gaierror`, `herror` |
//! | `getfqdn(name)` | `gethostbyaddr` (Lib/socket.py) | none for lookups |
//! | `getaddrinfo(host, port, …)` | `getaddrinfo` | `gaierror` |
//! | `getnameinfo(sockaddr, flags)` | `getaddrinfo(AI_NUMERICHOST)`, then `getnameinfo` | `gaierror`, `OSError` |
//! | `getservbyname`, `getservbyport`, `getprotobyname` | `getservbyname_r`, `getservbyport_r`, `getprotobyname_r` | `OSError` |
//! | `inet_aton`, `inet_pton`, `inet_ntop` | the C functions of the same names | `OSError`, `ValueError` |
//! | a socket method (`connect`, `bind`, `recv`, …) | `std::net`, then [`py_error`] | `OSError` and its subclasses, `TimeoutError: timed out` |
//!
//! Host-name arguments go through Python's `idna` codec first (empty or
//! over-long labels are `UnicodeEncodeError`, a NUL is `TypeError`); string
//! arguments of the other calls refuse a NUL with `ValueError: embedded null
//! character`. No function panics.
//!
//! The module targets Linux with glibc (or musl), as the course machines.

mod addrinfo;
mod constants;
mod convert;
mod error;
mod ffi;
mod idna;
mod oserror;
mod resolver;
mod services;

pub(crate) use addrinfo::sockaddr_repr;
pub use addrinfo::{
    AI_ADDRCONFIG, AI_ALL, AI_CANONNAME, AI_NUMERICHOST, AI_NUMERICSERV, AI_PASSIVE, AI_V4MAPPED,
    AddrInfo, HostArg, NI_DGRAM, NI_NAMEREQD, NI_NOFQDN, NI_NUMERICHOST, NI_NUMERICSERV, PortArg,
    SockAddrArg, getaddrinfo, getaddrinfo_with, getnameinfo,
};
pub use constants::{AddressFamily, Constant, SocketKind, constants, getattr};
pub use convert::{htonl, htons, inet_aton, inet_ntoa, inet_ntop, inet_pton, ntohl, ntohs};
pub use error::{Error, ErrorKind};
pub use oserror::{py_error, py_error_nonblocking};
pub use resolver::{getfqdn, gethostbyaddr, gethostbyname, gethostbyname_ex, gethostname};
pub use services::{getprotobyname, getservbyname, getservbyport};

/// Python `socket.AF_UNSPEC` (`AddressFamily.AF_UNSPEC`).
pub const AF_UNSPEC: AddressFamily = AddressFamily::AF_UNSPEC;
/// Python `socket.AF_UNIX` (`AddressFamily.AF_UNIX`).
pub const AF_UNIX: AddressFamily = AddressFamily::AF_UNIX;
/// Python `socket.AF_INET` (`AddressFamily.AF_INET`).
pub const AF_INET: AddressFamily = AddressFamily::AF_INET;
/// Python `socket.AF_AX25` (`AddressFamily.AF_AX25`).
pub const AF_AX25: AddressFamily = AddressFamily::AF_AX25;
/// Python `socket.AF_IPX` (`AddressFamily.AF_IPX`).
pub const AF_IPX: AddressFamily = AddressFamily::AF_IPX;
/// Python `socket.AF_APPLETALK` (`AddressFamily.AF_APPLETALK`).
pub const AF_APPLETALK: AddressFamily = AddressFamily::AF_APPLETALK;
/// Python `socket.AF_NETROM` (`AddressFamily.AF_NETROM`).
pub const AF_NETROM: AddressFamily = AddressFamily::AF_NETROM;
/// Python `socket.AF_BRIDGE` (`AddressFamily.AF_BRIDGE`).
pub const AF_BRIDGE: AddressFamily = AddressFamily::AF_BRIDGE;
/// Python `socket.AF_ATMPVC` (`AddressFamily.AF_ATMPVC`).
pub const AF_ATMPVC: AddressFamily = AddressFamily::AF_ATMPVC;
/// Python `socket.AF_X25` (`AddressFamily.AF_X25`).
pub const AF_X25: AddressFamily = AddressFamily::AF_X25;
/// Python `socket.AF_INET6` (`AddressFamily.AF_INET6`).
pub const AF_INET6: AddressFamily = AddressFamily::AF_INET6;
/// Python `socket.AF_ROSE` (`AddressFamily.AF_ROSE`).
pub const AF_ROSE: AddressFamily = AddressFamily::AF_ROSE;
/// Python `socket.AF_NETBEUI` (`AddressFamily.AF_NETBEUI`).
pub const AF_NETBEUI: AddressFamily = AddressFamily::AF_NETBEUI;
/// Python `socket.AF_SECURITY` (`AddressFamily.AF_SECURITY`).
pub const AF_SECURITY: AddressFamily = AddressFamily::AF_SECURITY;
/// Python `socket.AF_KEY` (`AddressFamily.AF_KEY`).
pub const AF_KEY: AddressFamily = AddressFamily::AF_KEY;
/// Python `socket.AF_NETLINK` (`AddressFamily.AF_NETLINK`).
pub const AF_NETLINK: AddressFamily = AddressFamily::AF_NETLINK;
/// Python `socket.AF_ROUTE` (`AddressFamily.AF_ROUTE`).
pub const AF_ROUTE: AddressFamily = AddressFamily::AF_ROUTE;
/// Python `socket.AF_PACKET` (`AddressFamily.AF_PACKET`).
pub const AF_PACKET: AddressFamily = AddressFamily::AF_PACKET;
/// Python `socket.AF_ASH` (`AddressFamily.AF_ASH`).
pub const AF_ASH: AddressFamily = AddressFamily::AF_ASH;
/// Python `socket.AF_ECONET` (`AddressFamily.AF_ECONET`).
pub const AF_ECONET: AddressFamily = AddressFamily::AF_ECONET;
/// Python `socket.AF_ATMSVC` (`AddressFamily.AF_ATMSVC`).
pub const AF_ATMSVC: AddressFamily = AddressFamily::AF_ATMSVC;
/// Python `socket.AF_RDS` (`AddressFamily.AF_RDS`).
pub const AF_RDS: AddressFamily = AddressFamily::AF_RDS;
/// Python `socket.AF_SNA` (`AddressFamily.AF_SNA`).
pub const AF_SNA: AddressFamily = AddressFamily::AF_SNA;
/// Python `socket.AF_IRDA` (`AddressFamily.AF_IRDA`).
pub const AF_IRDA: AddressFamily = AddressFamily::AF_IRDA;
/// Python `socket.AF_PPPOX` (`AddressFamily.AF_PPPOX`).
pub const AF_PPPOX: AddressFamily = AddressFamily::AF_PPPOX;
/// Python `socket.AF_WANPIPE` (`AddressFamily.AF_WANPIPE`).
pub const AF_WANPIPE: AddressFamily = AddressFamily::AF_WANPIPE;
/// Python `socket.AF_LLC` (`AddressFamily.AF_LLC`).
pub const AF_LLC: AddressFamily = AddressFamily::AF_LLC;
/// Python `socket.AF_CAN` (`AddressFamily.AF_CAN`).
pub const AF_CAN: AddressFamily = AddressFamily::AF_CAN;
/// Python `socket.AF_TIPC` (`AddressFamily.AF_TIPC`).
pub const AF_TIPC: AddressFamily = AddressFamily::AF_TIPC;
/// Python `socket.AF_ALG` (`AddressFamily.AF_ALG`).
pub const AF_ALG: AddressFamily = AddressFamily::AF_ALG;
/// Python `socket.AF_VSOCK` (`AddressFamily.AF_VSOCK`).
pub const AF_VSOCK: AddressFamily = AddressFamily::AF_VSOCK;
/// Python `socket.AF_QIPCRTR` (`AddressFamily.AF_QIPCRTR`).
pub const AF_QIPCRTR: AddressFamily = AddressFamily::AF_QIPCRTR;
/// Python `socket.SOCK_STREAM` (`SocketKind.SOCK_STREAM`).
pub const SOCK_STREAM: SocketKind = SocketKind::SOCK_STREAM;
/// Python `socket.SOCK_DGRAM` (`SocketKind.SOCK_DGRAM`).
pub const SOCK_DGRAM: SocketKind = SocketKind::SOCK_DGRAM;
/// Python `socket.SOCK_RAW` (`SocketKind.SOCK_RAW`).
pub const SOCK_RAW: SocketKind = SocketKind::SOCK_RAW;
/// Python `socket.SOCK_RDM` (`SocketKind.SOCK_RDM`).
pub const SOCK_RDM: SocketKind = SocketKind::SOCK_RDM;
/// Python `socket.SOCK_SEQPACKET` (`SocketKind.SOCK_SEQPACKET`).
pub const SOCK_SEQPACKET: SocketKind = SocketKind::SOCK_SEQPACKET;
/// Python `socket.SOCK_NONBLOCK` (`SocketKind.SOCK_NONBLOCK`).
pub const SOCK_NONBLOCK: SocketKind = SocketKind::SOCK_NONBLOCK;
/// Python `socket.SOCK_CLOEXEC` (`SocketKind.SOCK_CLOEXEC`).
pub const SOCK_CLOEXEC: SocketKind = SocketKind::SOCK_CLOEXEC;
