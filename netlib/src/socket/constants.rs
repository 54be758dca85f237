//! `socket.AddressFamily`, `socket.SocketKind` and the module's integer
//! constants, with this platform's (Linux) values taken from `libc`.

use std::fmt;

/// `AF_QIPCRTR` (Qualcomm IPC router), which `libc` 0.2 binds for no glibc
/// target; the value is fixed by the kernel's `linux/socket.h`.
const AF_QIPCRTR_VALUE: i32 = 42;

/// The `AF_*` names CPython 3.13 compiles in on Linux (without Bluetooth
/// headers, as the pyenv build here), in Python's `_convert_` order: by
/// value, then by name. A later name with the same value is an alias.
const ADDRESS_FAMILIES: &[(&str, i32)] = &[
    ("AF_UNSPEC", libc::AF_UNSPEC),
    ("AF_UNIX", libc::AF_UNIX),
    ("AF_INET", libc::AF_INET),
    ("AF_AX25", libc::AF_AX25),
    ("AF_IPX", libc::AF_IPX),
    ("AF_APPLETALK", libc::AF_APPLETALK),
    ("AF_NETROM", libc::AF_NETROM),
    ("AF_BRIDGE", libc::AF_BRIDGE),
    ("AF_ATMPVC", libc::AF_ATMPVC),
    ("AF_X25", libc::AF_X25),
    ("AF_INET6", libc::AF_INET6),
    ("AF_ROSE", libc::AF_ROSE),
    ("AF_NETBEUI", libc::AF_NETBEUI),
    ("AF_SECURITY", libc::AF_SECURITY),
    ("AF_KEY", libc::AF_KEY),
    ("AF_NETLINK", libc::AF_NETLINK),
    ("AF_ROUTE", libc::AF_ROUTE),
    ("AF_PACKET", libc::AF_PACKET),
    ("AF_ASH", libc::AF_ASH),
    ("AF_ECONET", libc::AF_ECONET),
    ("AF_ATMSVC", libc::AF_ATMSVC),
    ("AF_RDS", libc::AF_RDS),
    ("AF_SNA", libc::AF_SNA),
    ("AF_IRDA", libc::AF_IRDA),
    ("AF_PPPOX", libc::AF_PPPOX),
    ("AF_WANPIPE", libc::AF_WANPIPE),
    ("AF_LLC", libc::AF_LLC),
    ("AF_CAN", libc::AF_CAN),
    ("AF_TIPC", libc::AF_TIPC),
    ("AF_ALG", libc::AF_ALG),
    ("AF_VSOCK", libc::AF_VSOCK),
    ("AF_QIPCRTR", AF_QIPCRTR_VALUE),
];

/// The `SOCK_*` names CPython 3.13 has on Linux, in `_convert_` order.
const SOCKET_KINDS: &[(&str, i32)] = &[
    ("SOCK_STREAM", libc::SOCK_STREAM),
    ("SOCK_DGRAM", libc::SOCK_DGRAM),
    ("SOCK_RAW", libc::SOCK_RAW),
    ("SOCK_RDM", libc::SOCK_RDM),
    ("SOCK_SEQPACKET", libc::SOCK_SEQPACKET),
    ("SOCK_NONBLOCK", libc::SOCK_NONBLOCK),
    ("SOCK_CLOEXEC", libc::SOCK_CLOEXEC),
];

/// Plain-`int` constants of Python's `socket` module that lessons meet
/// (`AF_DECnet` is not upper-case, so Python leaves it out of the enum).
const INT_CONSTANTS: &[(&str, i64)] = &[
    ("AF_DECnet", libc::AF_DECnet as i64),
    ("SOMAXCONN", libc::SOMAXCONN as i64),
    ("SOL_SOCKET", libc::SOL_SOCKET as i64),
    ("SO_REUSEADDR", libc::SO_REUSEADDR as i64),
    ("SO_REUSEPORT", libc::SO_REUSEPORT as i64),
    ("SO_BROADCAST", libc::SO_BROADCAST as i64),
    ("SO_KEEPALIVE", libc::SO_KEEPALIVE as i64),
    ("SO_RCVBUF", libc::SO_RCVBUF as i64),
    ("SO_SNDBUF", libc::SO_SNDBUF as i64),
    ("SO_ERROR", libc::SO_ERROR as i64),
    ("SO_TYPE", libc::SO_TYPE as i64),
    ("SO_LINGER", libc::SO_LINGER as i64),
    ("IPPROTO_IP", libc::IPPROTO_IP as i64),
    ("IPPROTO_ICMP", libc::IPPROTO_ICMP as i64),
    ("IPPROTO_TCP", libc::IPPROTO_TCP as i64),
    ("IPPROTO_UDP", libc::IPPROTO_UDP as i64),
    ("IPPROTO_IPV6", libc::IPPROTO_IPV6 as i64),
    ("IPPROTO_RAW", libc::IPPROTO_RAW as i64),
    ("IPPROTO_ICMPV6", libc::IPPROTO_ICMPV6 as i64),
    ("TCP_NODELAY", libc::TCP_NODELAY as i64),
    ("SHUT_RD", libc::SHUT_RD as i64),
    ("SHUT_WR", libc::SHUT_WR as i64),
    ("SHUT_RDWR", libc::SHUT_RDWR as i64),
    ("INADDR_ANY", libc::INADDR_ANY as i64),
    ("INADDR_BROADCAST", libc::INADDR_BROADCAST as i64),
    ("INADDR_LOOPBACK", libc::INADDR_LOOPBACK as i64),
    ("INADDR_NONE", libc::INADDR_NONE as i64),
    ("IP_TTL", libc::IP_TTL as i64),
    ("IP_MULTICAST_TTL", libc::IP_MULTICAST_TTL as i64),
    ("IPV6_V6ONLY", libc::IPV6_V6ONLY as i64),
];

/// The canonical name of `value` in a `_convert_`-ordered table: the first
/// entry with that value.
fn canonical_name(table: &'static [(&'static str, i32)], value: i32) -> Option<&'static str> {
    table.iter().find(|(_, v)| *v == value).map(|(n, _)| *n)
}

fn lookup(table: &'static [(&'static str, i32)], name: &str) -> Option<i32> {
    table.iter().find(|(n, _)| *n == name).map(|(_, v)| *v)
}

/// Canonical members in definition (value) order, as `list(Enum)` gives.
fn canonical_members(table: &'static [(&'static str, i32)]) -> Vec<(&'static str, i32)> {
    let mut out: Vec<(&'static str, i32)> = Vec::new();
    for &(name, value) in table {
        if !out.iter().any(|&(_, v)| v == value) {
            out.push((name, value));
        }
    }
    out
}

/// The abridged `help(Enum)` text: header and the member list pydoc prints
/// (canonical members, sorted by name); int's inherited methods are left out.
fn help_text(class: &str, table: &'static [(&'static str, i32)]) -> String {
    let mut members = canonical_members(table);
    members.sort_by(|a, b| a.0.cmp(b.0));
    let mut out = format!(
        "Help on class {class} in module socket:\n\n\
         class {class}(enum.IntEnum)\n \
         |  {class}(*values)\n \
         |\n \
         |  An enumeration.\n \
         |\n \
         |  Method resolution order:\n \
         |      {class}\n \
         |      enum.IntEnum\n \
         |      builtins.int\n \
         |      enum.ReprEnum\n \
         |      enum.Enum\n \
         |      builtins.object\n \
         |\n \
         |  ----------------------------------------------------------------------\n \
         |  Data and other attributes defined here:\n \
         |\n"
    );
    for (i, (name, value)) in members.iter().enumerate() {
        if i > 0 {
            out.push_str(" |\n");
        }
        out.push_str(&format!(" |  {name} = <{class}.{name}: {value}>\n"));
    }
    out
}

macro_rules! int_enum {
    (
        $(#[$meta:meta])*
        $ty:ident, $class:literal, $table:ident,
        { $( $(#[$cmeta:meta])* $name:ident = $value:expr ),* $(,)? }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $ty(i32);

        #[allow(non_upper_case_globals)]
        impl $ty {
            $( $(#[$cmeta])* pub const $name: $ty = $ty($value); )*

            #[doc = concat!("The member's integer value (Python `int(", $class, ".X)`).")]
            ///
            /// ```
            /// use netlib::prelude::*;
            /// // Python: int(socket.AF_INET6) == 10; int(socket.SOCK_DGRAM) == 2
            /// assert_eq!(AddressFamily::AF_INET6.value(), 10);
            /// assert_eq!(SocketKind::SOCK_DGRAM.value(), 2);
            /// ```
            pub const fn value(self) -> i32 {
                self.0
            }

            #[doc = concat!("The member's name (Python `", $class, ".X.name`); `None` for a value")]
            /// Python's enum does not have.
            ///
            /// ```
            /// use netlib::prelude::*;
            /// // Python: socket.AF_ROUTE.name == 'AF_NETLINK'  (an alias)
            /// assert_eq!(socket::AF_ROUTE.name(), Some("AF_NETLINK"));
            /// assert_eq!(SocketKind::from(1).name(), Some("SOCK_STREAM"));
            /// ```
            pub fn name(self) -> Option<&'static str> {
                canonical_name($table, self.0)
            }

            #[doc = concat!("Python `", $class, "[name]` / `getattr(socket, name)`: a member by")]
            /// name, aliases included.
            ///
            /// ```
            /// use netlib::prelude::*;
            /// // Python: socket.AddressFamily['AF_INET']
            /// assert_eq!(AddressFamily::from_name("AF_INET"), Some(socket::AF_INET));
            /// assert_eq!(SocketKind::from_name("SOCK_RAW"), Some(socket::SOCK_RAW));
            /// assert_eq!(AddressFamily::from_name("AF_NOPE"), None);
            /// ```
            pub fn from_name(name: &str) -> Option<$ty> {
                lookup($table, name).map($ty)
            }

            #[doc = concat!("Python `list(socket.", $class, ")`: every member, aliases left out,")]
            /// in value order.
            ///
            /// ```
            /// use netlib::prelude::*;
            /// // Python: list(socket.SocketKind)[:2]
            /// //         [<SocketKind.SOCK_STREAM: 1>, <SocketKind.SOCK_DGRAM: 2>]
            /// let kinds = SocketKind::members();
            /// assert_eq!(format!("{:?}", &kinds[..2]),
            ///            "[<SocketKind.SOCK_STREAM: 1>, <SocketKind.SOCK_DGRAM: 2>]");
            /// assert!(AddressFamily::members().contains(&socket::AF_INET6));
            /// ```
            pub fn members() -> Vec<$ty> {
                canonical_members($table).into_iter().map(|(_, v)| $ty(v)).collect()
            }

            #[doc = concat!("Python `help(socket.", $class, ")`, abridged to the header and the")]
            /// member list (sorted by name, as pydoc prints it).
            ///
            /// ```
            /// use netlib::prelude::*;
            /// // Python: help(socket.AddressFamily)
            /// let text = AddressFamily::help();
            /// assert!(text.starts_with("Help on class AddressFamily in module socket:"));
            /// assert!(text.contains(" |  AF_INET = <AddressFamily.AF_INET: 2>\n"));
            /// ```
            pub fn help() -> String {
                help_text($class, $table)
            }
        }

        impl From<i32> for $ty {
            fn from(value: i32) -> $ty {
                $ty(value)
            }
        }

        impl From<$ty> for i32 {
            fn from(member: $ty) -> i32 {
                member.0
            }
        }

        /// Python `repr()`: `<AddressFamily.AF_INET: 2>`; a value outside the
        /// enum prints as the bare number, as Python's sockets show it.
        impl fmt::Debug for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self.name() {
                    Some(name) => write!(f, "<{}.{}: {}>", $class, name, self.0),
                    None => write!(f, "{}", self.0),
                }
            }
        }

        /// Python 3.11+ `str()` of an `IntEnum` member: the number (`'2'`).
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0, f)
            }
        }
    };
}

int_enum! {
    /// Python's `socket.AddressFamily` (an `IntEnum` of the `AF_*` constants).
    ///
    /// ```
    /// use netlib::prelude::*;
    ///
    /// // Python: socket.AF_INET            → <AddressFamily.AF_INET: 2>
    /// assert_eq!(format!("{:?}", socket::AF_INET), "<AddressFamily.AF_INET: 2>");
    /// // Python: str(socket.AF_INET)       → '2'   (3.11+; 3.10 printed the name)
    /// assert_eq!(socket::AF_INET.to_string(), "2");
    /// // Python: socket.AF_INET.name       → 'AF_INET'
    /// assert_eq!(AddressFamily::AF_INET.name(), Some("AF_INET"));
    /// ```
    #[doc(alias = "AF_INET")]
    AddressFamily, "AddressFamily", ADDRESS_FAMILIES,
    {
        /// `AF_UNSPEC`: any family (getaddrinfo hint).
        AF_UNSPEC = libc::AF_UNSPEC,
        /// `AF_UNIX`: local (Unix-domain) sockets.
        AF_UNIX = libc::AF_UNIX,
        /// `AF_INET`: IPv4.
        AF_INET = libc::AF_INET,
        /// `AF_AX25`: amateur radio AX.25.
        AF_AX25 = libc::AF_AX25,
        /// `AF_IPX`: Novell IPX.
        AF_IPX = libc::AF_IPX,
        /// `AF_APPLETALK`: AppleTalk DDP.
        AF_APPLETALK = libc::AF_APPLETALK,
        /// `AF_NETROM`: amateur radio NET/ROM.
        AF_NETROM = libc::AF_NETROM,
        /// `AF_BRIDGE`: multiprotocol bridge.
        AF_BRIDGE = libc::AF_BRIDGE,
        /// `AF_ATMPVC`: ATM PVCs.
        AF_ATMPVC = libc::AF_ATMPVC,
        /// `AF_X25`: ITU-T X.25.
        AF_X25 = libc::AF_X25,
        /// `AF_INET6`: IPv6.
        AF_INET6 = libc::AF_INET6,
        /// `AF_ROSE`: amateur radio X.25 PLP.
        AF_ROSE = libc::AF_ROSE,
        /// `AF_NETBEUI`: reserved for the 802.2LLC project.
        AF_NETBEUI = libc::AF_NETBEUI,
        /// `AF_SECURITY`: security callback pseudo family.
        AF_SECURITY = libc::AF_SECURITY,
        /// `AF_KEY`: PF_KEY key management.
        AF_KEY = libc::AF_KEY,
        /// `AF_NETLINK`: kernel user interface.
        AF_NETLINK = libc::AF_NETLINK,
        /// `AF_ROUTE`: alias of `AF_NETLINK` (Python shows the member as `AF_NETLINK`).
        AF_ROUTE = libc::AF_ROUTE,
        /// `AF_PACKET`: raw packets.
        AF_PACKET = libc::AF_PACKET,
        /// `AF_ASH`: Ash.
        AF_ASH = libc::AF_ASH,
        /// `AF_ECONET`: Acorn Econet.
        AF_ECONET = libc::AF_ECONET,
        /// `AF_ATMSVC`: ATM SVCs.
        AF_ATMSVC = libc::AF_ATMSVC,
        /// `AF_RDS`: reliable datagram sockets.
        AF_RDS = libc::AF_RDS,
        /// `AF_SNA`: Linux SNA.
        AF_SNA = libc::AF_SNA,
        /// `AF_IRDA`: IrDA.
        AF_IRDA = libc::AF_IRDA,
        /// `AF_PPPOX`: PPPoX.
        AF_PPPOX = libc::AF_PPPOX,
        /// `AF_WANPIPE`: Wanpipe API.
        AF_WANPIPE = libc::AF_WANPIPE,
        /// `AF_LLC`: Linux LLC.
        AF_LLC = libc::AF_LLC,
        /// `AF_CAN`: Controller Area Network.
        AF_CAN = libc::AF_CAN,
        /// `AF_TIPC`: TIPC.
        AF_TIPC = libc::AF_TIPC,
        /// `AF_ALG`: kernel crypto API.
        AF_ALG = libc::AF_ALG,
        /// `AF_VSOCK`: VM sockets.
        AF_VSOCK = libc::AF_VSOCK,
        /// `AF_QIPCRTR`: Qualcomm IPC router.
        AF_QIPCRTR = AF_QIPCRTR_VALUE,
    }
}

int_enum! {
    /// Python's `socket.SocketKind` (an `IntEnum` of the `SOCK_*` constants).
    ///
    /// ```
    /// use netlib::prelude::*;
    ///
    /// // Python: socket.SOCK_STREAM        → <SocketKind.SOCK_STREAM: 1>
    /// assert_eq!(format!("{:?}", socket::SOCK_STREAM), "<SocketKind.SOCK_STREAM: 1>");
    /// // Python: str(socket.SOCK_STREAM)   → '1'
    /// assert_eq!(socket::SOCK_STREAM.to_string(), "1");
    /// ```
    #[doc(alias = "SOCK_STREAM")]
    SocketKind, "SocketKind", SOCKET_KINDS,
    {
        /// `SOCK_STREAM`: reliable byte stream (TCP).
        SOCK_STREAM = libc::SOCK_STREAM,
        /// `SOCK_DGRAM`: datagrams (UDP).
        SOCK_DGRAM = libc::SOCK_DGRAM,
        /// `SOCK_RAW`: raw protocol access.
        SOCK_RAW = libc::SOCK_RAW,
        /// `SOCK_RDM`: reliably delivered messages.
        SOCK_RDM = libc::SOCK_RDM,
        /// `SOCK_SEQPACKET`: sequenced, reliable datagrams.
        SOCK_SEQPACKET = libc::SOCK_SEQPACKET,
        /// `SOCK_NONBLOCK`: flag, opens the socket non-blocking (Linux).
        SOCK_NONBLOCK = libc::SOCK_NONBLOCK,
        /// `SOCK_CLOEXEC`: flag, close-on-exec (Linux).
        SOCK_CLOEXEC = libc::SOCK_CLOEXEC,
    }
}

/// What `getattr(socket, name)` gives for a constant: an enum member or a
/// plain `int`.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub enum Constant {
    /// An `AF_*` member.
    AddressFamily(AddressFamily),
    /// A `SOCK_*` member.
    SocketKind(SocketKind),
    /// A plain integer constant (`SOMAXCONN`, `IPPROTO_TCP`, …).
    Int(i64),
}

impl Constant {
    /// The integer value, whatever the kind (Python `int(x)`).
    ///
    /// ```
    /// // Python: int(getattr(socket, 'SOCK_DGRAM')) == 2
    /// assert_eq!(netlib::socket::getattr("SOCK_DGRAM").unwrap().value(), 2);
    /// ```
    pub fn value(self) -> i64 {
        match self {
            Constant::AddressFamily(af) => i64::from(af.value()),
            Constant::SocketKind(k) => i64::from(k.value()),
            Constant::Int(n) => n,
        }
    }
}

/// Python `repr()`: `<AddressFamily.AF_INET: 2>` or a bare number.
impl fmt::Debug for Constant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Constant::AddressFamily(af) => fmt::Debug::fmt(af, f),
            Constant::SocketKind(k) => fmt::Debug::fmt(k, f),
            Constant::Int(n) => write!(f, "{n}"),
        }
    }
}

/// Python `str()`: the number.
impl fmt::Display for Constant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.value())
    }
}

/// Python `getattr(socket, name)` for the module's constants: `AF_*` and
/// `SOCK_*` give enum members (an alias gives its canonical member), a few
/// common integer constants (`SOMAXCONN`, `SOL_SOCKET`, `SO_*`, `IPPROTO_*`,
/// `SHUT_*`, `INADDR_*`, …) give `Constant::Int`; anything else is `None`
/// (Python raises `AttributeError`).
///
/// ```
/// use netlib::socket;
///
/// // Python: getattr(socket, 'AF_INET')    → <AddressFamily.AF_INET: 2>
/// assert_eq!(format!("{:?}", socket::getattr("AF_INET").unwrap()), "<AddressFamily.AF_INET: 2>");
/// // Python: getattr(socket, 'AF_ROUTE')   → <AddressFamily.AF_NETLINK: 16>
/// assert_eq!(format!("{:?}", socket::getattr("AF_ROUTE").unwrap()), "<AddressFamily.AF_NETLINK: 16>");
/// // Python: getattr(socket, 'IPPROTO_TCP') → 6
/// assert_eq!(format!("{:?}", socket::getattr("IPPROTO_TCP").unwrap()), "6");
/// assert!(socket::getattr("AF_NOPE").is_none());
/// ```
pub fn getattr(name: &str) -> Option<Constant> {
    if let Some(af) = AddressFamily::from_name(name) {
        return Some(Constant::AddressFamily(af));
    }
    if let Some(kind) = SocketKind::from_name(name) {
        return Some(Constant::SocketKind(kind));
    }
    INT_CONSTANTS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|&(_, v)| Constant::Int(v))
}

/// Every name [`getattr`] knows, with its value as Python's `repr()` shows
/// it, in Python's `dir(socket)` order (sorted by name).
///
/// ```
/// // Python: [(n, getattr(socket, n)) for n in dir(socket) if n.startswith('SOCK_')]
/// let all = netlib::socket::constants();
/// assert!(all.iter().any(|(n, c)| *n == "SOCK_STREAM" && c.value() == 1));
/// ```
#[doc(alias = "dir")]
pub fn constants() -> Vec<(&'static str, Constant)> {
    let mut out: Vec<(&'static str, Constant)> = ADDRESS_FAMILIES
        .iter()
        .map(|&(n, v)| (n, Constant::AddressFamily(AddressFamily(v))))
        .chain(
            SOCKET_KINDS
                .iter()
                .map(|&(n, v)| (n, Constant::SocketKind(SocketKind(v)))),
        )
        .chain(INT_CONSTANTS.iter().map(|&(n, v)| (n, Constant::Int(v))))
        .collect();
    out.sort_by(|a, b| a.0.cmp(b.0));
    out
}
