//! CPython 3.13's special-purpose address tables (`_IPv4Constants`,
//! `_IPv6Constants`), from the IANA registries as revised in 2024.
//!
//! Sources: <https://www.iana.org/assignments/iana-ipv4-special-registry/>
//! and <https://www.iana.org/assignments/iana-ipv6-special-registry/>.

/// A CIDR block as (first address, prefix length).
pub(crate) type Block<T> = (T, u8);

pub(crate) fn v4_in(addr: u32, (base, len): Block<u32>) -> bool {
    let mask = u32::MAX.checked_shl(32 - u32::from(len)).unwrap_or(0);
    addr & mask == base
}

pub(crate) fn v6_in(addr: u128, (base, len): Block<u128>) -> bool {
    let mask = u128::MAX.checked_shl(128 - u32::from(len)).unwrap_or(0);
    addr & mask == base
}

const fn v4(a: u8, b: u8, c: u8, d: u8) -> u32 {
    u32::from_be_bytes([a, b, c, d])
}

/// Blocks IANA marks "not globally reachable".
pub(crate) const V4_PRIVATE: [Block<u32>; 14] = [
    (v4(0, 0, 0, 0), 8),          // RFC 791 "this network"
    (v4(10, 0, 0, 0), 8),         // RFC 1918
    (v4(127, 0, 0, 0), 8),        // RFC 1122 loopback
    (v4(169, 254, 0, 0), 16),     // RFC 3927 link local
    (v4(172, 16, 0, 0), 12),      // RFC 1918
    (v4(192, 0, 0, 0), 24),       // RFC 6890 IETF protocol assignments
    (v4(192, 0, 0, 170), 31),     // RFC 7050 NAT64 discovery
    (v4(192, 0, 2, 0), 24),       // RFC 5737 TEST-NET-1
    (v4(192, 168, 0, 0), 16),     // RFC 1918
    (v4(198, 18, 0, 0), 15),      // RFC 2544 benchmarking
    (v4(198, 51, 100, 0), 24),    // RFC 5737 TEST-NET-2
    (v4(203, 0, 113, 0), 24),     // RFC 5737 TEST-NET-3
    (v4(240, 0, 0, 0), 4),        // RFC 1112 reserved
    (v4(255, 255, 255, 255), 32), // RFC 919 limited broadcast
];

/// Globally reachable exceptions inside [`V4_PRIVATE`] (PCP and TURN anycast).
pub(crate) const V4_PRIVATE_EXCEPTIONS: [Block<u32>; 2] =
    [(v4(192, 0, 0, 9), 32), (v4(192, 0, 0, 10), 32)];

/// [RFC 6598](https://www.rfc-editor.org/rfc/rfc6598) shared address space: neither private nor global in Python.
pub(crate) const V4_SHARED: Block<u32> = (v4(100, 64, 0, 0), 10);
pub(crate) const V4_RESERVED: Block<u32> = (v4(240, 0, 0, 0), 4);
pub(crate) const V4_MULTICAST: Block<u32> = (v4(224, 0, 0, 0), 4);
pub(crate) const V4_LOOPBACK: Block<u32> = (v4(127, 0, 0, 0), 8);
pub(crate) const V4_LINK_LOCAL: Block<u32> = (v4(169, 254, 0, 0), 16);

const fn v6(groups: [u16; 8]) -> u128 {
    let mut value = 0u128;
    let mut i = 0;
    while i < 8 {
        value = (value << 16) | groups[i] as u128;
        i += 1;
    }
    value
}

/// Blocks IANA marks "not globally reachable" (plus 2002::/16, where IANA
/// says N/A and CPython errs on the safe side).
pub(crate) const V6_PRIVATE: [Block<u128>; 10] = [
    (1, 128),                                    // ::1 loopback
    (0, 128),                                    // :: unspecified
    (v6([0, 0, 0, 0, 0, 0xffff, 0, 0]), 96),     // IPv4-mapped
    (v6([0x64, 0xff9b, 1, 0, 0, 0, 0, 0]), 48),  // RFC 8215 local-use NAT64
    (v6([0x100, 0, 0, 0, 0, 0, 0, 0]), 64),      // RFC 6666 discard-only
    (v6([0x2001, 0, 0, 0, 0, 0, 0, 0]), 23),     // RFC 2928 IETF protocols
    (v6([0x2001, 0xdb8, 0, 0, 0, 0, 0, 0]), 32), // RFC 3849 documentation
    (v6([0x2002, 0, 0, 0, 0, 0, 0, 0]), 16),     // RFC 3056 6to4
    (v6([0xfc00, 0, 0, 0, 0, 0, 0, 0]), 7),      // RFC 4193 unique local
    (v6([0xfe80, 0, 0, 0, 0, 0, 0, 0]), 10),     // RFC 4291 link local
];

/// Globally reachable exceptions inside [`V6_PRIVATE`].
pub(crate) const V6_PRIVATE_EXCEPTIONS: [Block<u128>; 6] = [
    (v6([0x2001, 1, 0, 0, 0, 0, 0, 1]), 128),    // PCP anycast
    (v6([0x2001, 1, 0, 0, 0, 0, 0, 2]), 128),    // TURN anycast
    (v6([0x2001, 3, 0, 0, 0, 0, 0, 0]), 32),     // AMT
    (v6([0x2001, 4, 0x112, 0, 0, 0, 0, 0]), 48), // AS112-v6
    (v6([0x2001, 0x20, 0, 0, 0, 0, 0, 0]), 28),  // ORCHIDv2
    (v6([0x2001, 0x30, 0, 0, 0, 0, 0, 0]), 28),  // drone remote ID
];

/// Blocks [RFC 4291](https://www.rfc-editor.org/rfc/rfc4291) leaves unassigned, as CPython lists them.
pub(crate) const V6_RESERVED: [Block<u128>; 15] = [
    (v6([0, 0, 0, 0, 0, 0, 0, 0]), 8),
    (v6([0x100, 0, 0, 0, 0, 0, 0, 0]), 8),
    (v6([0x200, 0, 0, 0, 0, 0, 0, 0]), 7),
    (v6([0x400, 0, 0, 0, 0, 0, 0, 0]), 6),
    (v6([0x800, 0, 0, 0, 0, 0, 0, 0]), 5),
    (v6([0x1000, 0, 0, 0, 0, 0, 0, 0]), 4),
    (v6([0x4000, 0, 0, 0, 0, 0, 0, 0]), 3),
    (v6([0x6000, 0, 0, 0, 0, 0, 0, 0]), 3),
    (v6([0x8000, 0, 0, 0, 0, 0, 0, 0]), 3),
    (v6([0xa000, 0, 0, 0, 0, 0, 0, 0]), 3),
    (v6([0xc000, 0, 0, 0, 0, 0, 0, 0]), 3),
    (v6([0xe000, 0, 0, 0, 0, 0, 0, 0]), 4),
    (v6([0xf000, 0, 0, 0, 0, 0, 0, 0]), 5),
    (v6([0xf800, 0, 0, 0, 0, 0, 0, 0]), 6),
    (v6([0xfe00, 0, 0, 0, 0, 0, 0, 0]), 9),
];

pub(crate) const V6_MULTICAST: Block<u128> = (v6([0xff00, 0, 0, 0, 0, 0, 0, 0]), 8);
pub(crate) const V6_LINK_LOCAL: Block<u128> = (v6([0xfe80, 0, 0, 0, 0, 0, 0, 0]), 10);
pub(crate) const V6_SITE_LOCAL: Block<u128> = (v6([0xfec0, 0, 0, 0, 0, 0, 0, 0]), 10);

/// Python's `is_private` rule shared by addresses and networks: inside a
/// private block, outside every exception (checked on both ends for networks).
pub(crate) fn v4_private(first: u32, last: u32) -> bool {
    V4_PRIVATE
        .iter()
        .any(|&b| v4_in(first, b) && v4_in(last, b))
        && V4_PRIVATE_EXCEPTIONS
            .iter()
            .all(|&b| !v4_in(first, b) && !v4_in(last, b))
}

/// IPv6 counterpart of [`v4_private`], on raw bits (no IPv4-mapped deferral).
pub(crate) fn v6_private(first: u128, last: u128) -> bool {
    V6_PRIVATE
        .iter()
        .any(|&b| v6_in(first, b) && v6_in(last, b))
        && V6_PRIVATE_EXCEPTIONS
            .iter()
            .all(|&b| !v6_in(first, b) && !v6_in(last, b))
}
