//! Pictures of addresses, networks and interfaces: the address bit by bit,
//! grouped by octet (IPv4) or hextet (IPv6), split into network and host part
//! at the prefix length, with the values Python's attributes give.

use super::RichDisplay;
use super::html::{self, BitGroup, FG, Figure, HOST_BG, NET_BG, NET_FG};
use crate::ipaddress::{
    IpAddress, IpInterface, IpNetwork, Ipv4Address, Ipv4Interface, Ipv4Network, Ipv6Address,
    Ipv6Interface, Ipv6Network,
};
use crate::repr::{bytes_repr, str_repr};

super::evcxr_display!(
    Ipv4Address,
    Ipv6Address,
    IpAddress,
    Ipv4Network,
    Ipv6Network,
    IpNetwork,
    Ipv4Interface,
    Ipv6Interface,
    IpInterface,
);

/// `[("is_private", v.is_private()), …]` for the listed properties, in order.
macro_rules! flags {
    ($v:expr; $($name:ident),* $(,)?) => {
        vec![$((stringify!($name), $v.$name())),*]
    };
}

/// The bit groups of an address: octets labelled in decimal (IPv4) or
/// hextets labelled in hex (IPv6); with a prefix, its bits are the network
/// part.
fn groups(octets: &[u8], prefix: Option<u8>) -> Vec<BitGroup> {
    let per_group = if octets.len() == 4 { 1 } else { 2 };
    let prefix = usize::from(prefix.unwrap_or(0));
    octets
        .chunks(per_group)
        .enumerate()
        .map(|(i, chunk)| {
            let bits: Vec<bool> = chunk
                .iter()
                .flat_map(|byte| (0..8).rev().map(move |bit| byte >> bit & 1 == 1))
                .collect();
            let start = i * bits.len();
            let label = match chunk {
                [byte] => byte.to_string(),
                _ => chunk.iter().map(|b| format!("{b:02x}")).collect(),
            };
            BitGroup {
                network_bits: prefix.saturating_sub(start).min(bits.len()),
                bits,
                label,
            }
        })
        .collect()
}

fn bits_caption(octets: &[u8]) -> &'static str {
    if octets.len() == 4 {
        "32비트 = 옥텟(8비트) 4개, 아래는 각 옥텟의 10진수 값"
    } else {
        "128비트 = 헥스텟(16비트) 8개, 아래는 각 헥스텟의 16진수 값"
    }
}

/// What an address picture shows, gathered from either version.
struct AddressFacts {
    octets: Vec<u8>,
    rows: Vec<(String, String)>,
    flags: Vec<(&'static str, bool)>,
}

fn address_html(title: &str, facts: &AddressFacts) -> String {
    Figure::new("address", title)
        .push(&html::bit_bar(&groups(&facts.octets, None), true))
        .caption(bits_caption(&facts.octets))
        .push(&html::key_values(&facts.rows))
        .push(&html::flags(&facts.flags))
        .finish()
}

fn row(key: &str, value: impl ToString) -> (String, String) {
    (key.to_owned(), value.to_string())
}

/// The rows both address versions show, read from `$a`'s own methods
/// (the same names on `Ipv4Address` and `Ipv6Address`).
macro_rules! common_rows {
    ($a:expr) => {{
        let packed = $a.packed();
        vec![
            row("version", $a.version()),
            row("max_prefixlen", $a.max_prefixlen()),
            row("str(addr)", str_repr(&$a.to_string())),
            row("int(addr)", u128::from($a)),
            row("packed", bytes_repr(&packed)),
            row("packed.hex()", str_repr(&crate::binascii::hexlify(&packed))),
            row("reverse_pointer", str_repr(&$a.reverse_pointer())),
        ]
    }};
}

fn ipv4_facts(a: &Ipv4Address) -> AddressFacts {
    let rows = common_rows!(a);
    AddressFacts {
        octets: a.packed(),
        rows,
        flags: flags!(a; is_private, is_global, is_loopback, is_multicast, is_reserved,
            is_link_local, is_unspecified),
    }
}

fn ipv6_facts(a: &Ipv6Address) -> AddressFacts {
    let mut rows = common_rows!(a);
    rows.insert(3, row("exploded", str_repr(&a.exploded())));
    let none = || "None".to_owned();
    rows.push(row("scope_id", a.scope_id().map_or_else(none, str_repr)));
    // Python prints these embedded IPv4 addresses as reprs.
    if let Some(v4) = a.ipv4_mapped() {
        rows.push(row("ipv4_mapped", format!("{v4:?}")));
    }
    if let Some(v4) = a.sixtofour() {
        rows.push(row("sixtofour", format!("{v4:?}")));
    }
    if let Some((server, client)) = a.teredo() {
        rows.push(row("teredo", format!("({server:?}, {client:?})")));
    }
    AddressFacts {
        octets: a.packed(),
        rows,
        flags: flags!(a; is_private, is_global, is_loopback, is_multicast, is_reserved,
            is_link_local, is_site_local, is_unspecified),
    }
}

impl RichDisplay for Ipv4Address {
    fn to_html(&self) -> String {
        address_html(&format!("{self:?}"), &ipv4_facts(self))
    }
}

impl RichDisplay for Ipv6Address {
    fn to_html(&self) -> String {
        address_html(&format!("{self:?}"), &ipv6_facts(self))
    }
}

impl RichDisplay for IpAddress {
    fn to_html(&self) -> String {
        match self {
            IpAddress::V4(a) => a.to_html(),
            IpAddress::V6(a) => a.to_html(),
        }
    }
}

/// What a network picture shows: the network address's bits split at the
/// prefix, then the attributes.
struct NetworkFacts {
    octets: Vec<u8>,
    prefixlen: u8,
    max_prefixlen: u8,
    rows: Vec<(String, String)>,
    flags: Vec<(&'static str, bool)>,
}

fn network_html(kind: &str, title: &str, lead: &str, facts: &NetworkFacts) -> String {
    let host_bits = facts.max_prefixlen - facts.prefixlen;
    Figure::new(kind, title)
        .caption(lead)
        .push(&html::bit_bar(
            &groups(&facts.octets, Some(facts.prefixlen)),
            false,
        ))
        .push(&html::legend(&[
            (
                NET_BG,
                NET_FG,
                format!("네트워크 부분: 앞 {}비트 (prefixlen)", facts.prefixlen),
            ),
            (HOST_BG, FG, format!("호스트 부분: 뒤 {host_bits}비트")),
        ]))
        .push(&html::key_values(&facts.rows))
        .push(&html::flags(&facts.flags))
        .finish()
}

/// `len(list(net.hosts()))` without listing them: every address but the
/// network and broadcast addresses (IPv4) or the Subnet-Router anycast
/// address (IPv6), all of them in the two smallest networks.
fn hosts_count(max_prefixlen: u8, prefixlen: u8, num_addresses: &str) -> String {
    let host_bits = u32::from(max_prefixlen - prefixlen);
    match (max_prefixlen, host_bits) {
        (_, 0 | 1) => num_addresses.to_owned(),
        (32, n) => ((1u64 << n) - 2).to_string(),
        // 2**n - 1 for n up to 128.
        (_, n) => (u128::MAX >> (128 - n)).to_string(),
    }
}

/// The rows networks and interfaces share; `first`/`last` are the ends of
/// `hosts()`.
fn network_rows(net: &dyn NetView, rows: &mut Vec<(String, String)>) {
    rows.extend([
        row("network_address", net.network_address()),
        row("netmask", net.netmask()),
        row("hostmask", net.hostmask()),
        row("broadcast_address", net.broadcast_address()),
        row("prefixlen", net.prefixlen()),
        row("num_addresses", net.num_addresses()),
        row(
            "len(list(hosts()))",
            hosts_count(net.max_prefixlen(), net.prefixlen(), &net.num_addresses()),
        ),
        row("list(hosts())[0]", net.first_host()),
        row("list(hosts())[-1]", net.last_host()),
    ]);
}

/// The network attributes the pictures read, the same for both versions.
trait NetView {
    fn network_address(&self) -> String;
    fn netmask(&self) -> String;
    fn hostmask(&self) -> String;
    fn broadcast_address(&self) -> String;
    fn prefixlen(&self) -> u8;
    fn max_prefixlen(&self) -> u8;
    fn num_addresses(&self) -> String;
    fn first_host(&self) -> String;
    fn last_host(&self) -> String;
    fn octets(&self) -> Vec<u8>;
    fn flags(&self) -> Vec<(&'static str, bool)>;
}

macro_rules! net_view {
    ($ty:ty, $($site_local:ident)?) => {
        impl NetView for $ty {
            fn network_address(&self) -> String {
                <$ty>::network_address(self).to_string()
            }
            fn netmask(&self) -> String {
                <$ty>::netmask(self).to_string()
            }
            fn hostmask(&self) -> String {
                <$ty>::hostmask(self).to_string()
            }
            fn broadcast_address(&self) -> String {
                <$ty>::broadcast_address(self).to_string()
            }
            fn prefixlen(&self) -> u8 {
                <$ty>::prefixlen(self)
            }
            fn max_prefixlen(&self) -> u8 {
                <$ty>::max_prefixlen(self)
            }
            fn num_addresses(&self) -> String {
                <$ty>::num_addresses(self).to_string()
            }
            fn first_host(&self) -> String {
                self.hosts().next().map(|h| h.to_string()).unwrap_or_default()
            }
            fn last_host(&self) -> String {
                self.hosts().next_back().map(|h| h.to_string()).unwrap_or_default()
            }
            fn octets(&self) -> Vec<u8> {
                <$ty>::network_address(self).packed()
            }
            fn flags(&self) -> Vec<(&'static str, bool)> {
                flags!(self; is_private, is_global, is_loopback, is_multicast, is_reserved,
                    is_link_local, $($site_local,)? is_unspecified)
            }
        }
    };
}
net_view!(Ipv4Network,);
net_view!(Ipv6Network, is_site_local);

fn network_picture(net: &dyn NetView, title: &str) -> String {
    let mut rows = Vec::new();
    network_rows(net, &mut rows);
    let lead = format!(
        "네트워크 {}/{}: 주소 {}개, 그중 호스트에 줄 수 있는 주소 {}개",
        net.network_address(),
        net.prefixlen(),
        net.num_addresses(),
        hosts_count(net.max_prefixlen(), net.prefixlen(), &net.num_addresses()),
    );
    let facts = NetworkFacts {
        octets: net.octets(),
        prefixlen: net.prefixlen(),
        max_prefixlen: net.max_prefixlen(),
        rows,
        flags: net.flags(),
    };
    network_html("network", title, &lead, &facts)
}

impl RichDisplay for Ipv4Network {
    fn to_html(&self) -> String {
        network_picture(self, &format!("{self:?}"))
    }
}

impl RichDisplay for Ipv6Network {
    fn to_html(&self) -> String {
        network_picture(self, &format!("{self:?}"))
    }
}

impl RichDisplay for IpNetwork {
    fn to_html(&self) -> String {
        match self {
            IpNetwork::V4(n) => n.to_html(),
            IpNetwork::V6(n) => n.to_html(),
        }
    }
}

/// An interface is an address plus the network it sits in: its own bits,
/// split at the prefix, then its network's attributes.
/// `flags` are the interface's own: Python's interfaces take them from the
/// address, except `is_loopback`/`is_unspecified` of IPv6 interfaces.
fn interface_picture(
    ip: &str,
    packed: Vec<u8>,
    with_prefixlen: &str,
    net: &dyn NetView,
    flags: Vec<(&'static str, bool)>,
    title: &str,
) -> String {
    let mut rows = vec![
        row("ip", ip),
        row(
            "network",
            format!("{}/{}", net.network_address(), net.prefixlen()),
        ),
        row("with_prefixlen", str_repr(with_prefixlen)),
    ];
    network_rows(net, &mut rows);
    let lead = format!(
        "인터페이스 = 주소 {ip} + 그 주소가 속한 네트워크 {}/{}",
        net.network_address(),
        net.prefixlen()
    );
    let facts = NetworkFacts {
        octets: packed,
        prefixlen: net.prefixlen(),
        max_prefixlen: net.max_prefixlen(),
        rows,
        flags,
    };
    network_html("interface", title, &lead, &facts)
}

impl RichDisplay for Ipv4Interface {
    fn to_html(&self) -> String {
        let ip = self.ip();
        interface_picture(
            &ip.to_string(),
            ip.packed(),
            &self.with_prefixlen(),
            &self.network(),
            flags!(self; is_private, is_global, is_loopback, is_multicast, is_reserved,
                is_link_local, is_unspecified),
            &format!("{self:?}"),
        )
    }
}

impl RichDisplay for Ipv6Interface {
    fn to_html(&self) -> String {
        let ip = self.ip();
        interface_picture(
            &ip.to_string(),
            ip.packed(),
            &self.with_prefixlen(),
            &self.network(),
            flags!(self; is_private, is_global, is_loopback, is_multicast, is_reserved,
                is_link_local, is_site_local, is_unspecified),
            &format!("{self:?}"),
        )
    }
}

impl RichDisplay for IpInterface {
    fn to_html(&self) -> String {
        match self {
            IpInterface::V4(i) => i.to_html(),
            IpInterface::V6(i) => i.to_html(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_counts_follow_pythons_hosts() {
        assert_eq!(hosts_count(32, 24, "256"), "254");
        assert_eq!(hosts_count(32, 31, "2"), "2");
        assert_eq!(hosts_count(32, 32, "1"), "1");
        assert_eq!(hosts_count(32, 0, "4294967296"), "4294967294");
        assert_eq!(
            hosts_count(128, 64, "18446744073709551616"),
            "18446744073709551615"
        );
        assert_eq!(
            hosts_count(128, 0, "340282366920938463463374607431768211456"),
            u128::MAX.to_string()
        );
        assert_eq!(hosts_count(128, 127, "2"), "2");
    }

    #[test]
    fn groups_split_at_the_prefix() {
        let g = groups(&[192, 168, 100, 0], Some(20));
        assert_eq!(
            g.iter().map(|g| g.network_bits).collect::<Vec<_>>(),
            [8, 8, 4, 0]
        );
        assert_eq!(g[2].label, "100");
        let g = groups(
            &[0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1],
            Some(32),
        );
        assert_eq!(g.len(), 8);
        assert_eq!(g[1].label, "0db8");
        assert_eq!(
            g.iter().map(|g| g.network_bits).collect::<Vec<_>>(),
            [16, 16, 0, 0, 0, 0, 0, 0]
        );
    }
}
