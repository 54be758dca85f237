//! [`Ipv6Address`]: its methods, text forms and conversions.

use super::*;

impl Ipv6Address {
    /// Python's `IPv6Address(address)`: a string (optionally with
    /// `%scope`), an integer or 16 packed bytes.
    ///
    /// ```
    /// use netlib::ipaddress::Ipv6Address;
    ///
    /// // Python: ipaddress.IPv6Address(42540766411282592856903984951653826561)
    /// let addr = Ipv6Address::new(42540766411282592856903984951653826561u128)?;
    /// assert_eq!(addr.to_string(), "2001:db8::1");
    /// // Python: ipaddress.IPv6Address('1::2::3')
    /// assert_eq!(Ipv6Address::new("1::2::3").unwrap_err().to_string(),
    ///            "At most one '::' permitted in '1::2::3'");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn new(address: impl IntoIpAddress) -> Result<Self, Error> {
        Self::from_arg(&address.into_arg())
    }

    pub(crate) fn from_arg(arg: &Arg) -> Result<Self, Error> {
        match arg {
            Arg::Int {
                negative,
                magnitude,
            } => {
                if *negative && *magnitude != 0 {
                    Err(int_error(true, false, *magnitude, 6))
                } else {
                    Ok(Ipv6Address::from(*magnitude))
                }
            }
            Arg::Bytes(bytes) => <[u8; 16]>::try_from(bytes.as_slice())
                .map(Ipv6Address::from)
                .map_err(|_| packed_error(bytes, 16, 6)),
            Arg::Text { text, .. } => Self::from_text(text),
            Arg::Pair(..) => Self::from_text(&arg.str_text()),
        }
    }

    fn from_text(text: &str) -> Result<Self, Error> {
        let (ip, scope) = parse::v6_address_from_str(text)?;
        Ok(Ipv6Address { ip, scope })
    }

    pub(crate) fn bits(&self) -> u128 {
        self.ip
    }

    /// Always 6: Python's `version`.
    ///
    /// ```
    /// // Python: ipaddress.IPv6Address('::1').version
    /// assert_eq!("::1".parse::<netlib::ipaddress::Ipv6Address>()?.version(), 6);
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn version(&self) -> u8 {
        6
    }

    /// Always 128: Python's `max_prefixlen`.
    ///
    /// ```
    /// // Python: ipaddress.IPv6Address('::1').max_prefixlen
    /// assert_eq!("::1".parse::<netlib::ipaddress::Ipv6Address>()?.max_prefixlen(), 128);
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn max_prefixlen(&self) -> u8 {
        128
    }

    /// The zone after `%` ([RFC 4007](https://www.rfc-editor.org/rfc/rfc4007)), Python's `scope_id`.
    ///
    /// ```
    /// // Python: ipaddress.IPv6Address('fe80::1%eth0').scope_id
    /// let addr: netlib::ipaddress::Ipv6Address = "fe80::1%eth0".parse()?;
    /// assert_eq!(addr.scope_id(), Some("eth0"));
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn scope_id(&self) -> Option<&str> {
        self.scope.as_deref()
    }

    /// Not globally reachable per the IANA IPv6 special-purpose registry
    /// (CPython 3.13 table). Since 3.13 an IPv4-mapped address answers as
    /// its IPv4 address does.
    ///
    /// ```
    /// use netlib::ipaddress::Ipv6Address;
    ///
    /// // Python: ipaddress.IPv6Address('fd00::1').is_private
    /// assert!("fd00::1".parse::<Ipv6Address>()?.is_private());
    /// // Python: ipaddress.IPv6Address('::ffff:8.8.8.8').is_private  (3.13: False)
    /// assert!(!"::ffff:8.8.8.8".parse::<Ipv6Address>()?.is_private());
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn is_private(&self) -> bool {
        match self.ipv4_mapped() {
            Some(v4) => v4.is_private(),
            None => special::v6_private(self.ip, self.ip),
        }
    }

    /// `not is_private` (CPython 3.13.0 defines it so for IPv6, IPv4-mapped
    /// addresses included: `::ffff:100.64.0.1` is global there).
    ///
    /// ```
    /// // Python: ipaddress.IPv6Address('2606:4700::1111').is_global
    /// assert!("2606:4700::1111".parse::<netlib::ipaddress::Ipv6Address>()?.is_global());
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn is_global(&self) -> bool {
        !self.is_private()
    }

    /// In one of the blocks [RFC 4291](https://www.rfc-editor.org/rfc/rfc4291) leaves unassigned.
    ///
    /// ```
    /// // Python: ipaddress.IPv6Address('4000::1').is_reserved
    /// assert!("4000::1".parse::<netlib::ipaddress::Ipv6Address>()?.is_reserved());
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn is_reserved(&self) -> bool {
        special::V6_RESERVED.iter().any(|&b| v6_in(self.ip, b))
    }

    /// In `ff00::/8` ([RFC 2373 §2.7](https://www.rfc-editor.org/rfc/rfc2373#section-2.7)).
    ///
    /// ```
    /// // Python: ipaddress.IPv6Address('ff02::1').is_multicast
    /// assert!("ff02::1".parse::<netlib::ipaddress::Ipv6Address>()?.is_multicast());
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn is_multicast(&self) -> bool {
        v6_in(self.ip, special::V6_MULTICAST)
    }

    /// `::1`, or (3.13) an IPv4-mapped loopback like `::ffff:127.0.0.1`.
    ///
    /// ```
    /// // Python: ipaddress.IPv6Address('::1').is_loopback
    /// assert!("::1".parse::<netlib::ipaddress::Ipv6Address>()?.is_loopback());
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn is_loopback(&self) -> bool {
        match self.ipv4_mapped() {
            Some(v4) => v4.is_loopback(),
            None => self.ip == 1,
        }
    }

    /// In `fe80::/10` ([RFC 4291](https://www.rfc-editor.org/rfc/rfc4291)).
    ///
    /// ```
    /// // Python: ipaddress.IPv6Address('fe80::1').is_link_local
    /// assert!("fe80::1".parse::<netlib::ipaddress::Ipv6Address>()?.is_link_local());
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn is_link_local(&self) -> bool {
        v6_in(self.ip, special::V6_LINK_LOCAL)
    }

    /// In the deprecated site-local `fec0::/10` ([RFC 3513 §2.5.6](https://www.rfc-editor.org/rfc/rfc3513#section-2.5.6)).
    ///
    /// ```
    /// // Python: ipaddress.IPv6Address('fec0::1').is_site_local
    /// assert!("fec0::1".parse::<netlib::ipaddress::Ipv6Address>()?.is_site_local());
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn is_site_local(&self) -> bool {
        v6_in(self.ip, special::V6_SITE_LOCAL)
    }

    /// `::` ([RFC 2373 §2.5.2](https://www.rfc-editor.org/rfc/rfc2373#section-2.5.2)).
    ///
    /// ```
    /// // Python: ipaddress.IPv6Address('::').is_unspecified
    /// assert!("::".parse::<netlib::ipaddress::Ipv6Address>()?.is_unspecified());
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn is_unspecified(&self) -> bool {
        self.ip == 0
    }

    /// The 16 bytes in network order, Python's `packed`.
    ///
    /// ```
    /// // Python: ipaddress.IPv6Address('::1').packed
    /// let addr: netlib::ipaddress::Ipv6Address = "::1".parse()?;
    /// assert_eq!(addr.packed(), b"\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x01");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn packed(&self) -> Vec<u8> {
        self.octets().to_vec()
    }

    /// The 16 bytes in network order, as an array.
    ///
    /// ```
    /// // Python: tuple(ipaddress.IPv6Address('::1').packed)
    /// let addr: netlib::ipaddress::Ipv6Address = "::1".parse()?;
    /// assert_eq!(addr.octets()[15], 1);
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn octets(&self) -> [u8; 16] {
        self.ip.to_be_bytes()
    }

    /// All eight hextets written out (IPv4-mapped addresses keep their
    /// dotted tail, as in 3.13).
    ///
    /// Difference from CPython 3.13.0: with a scope id Python raises
    /// `AddressValueError` (bug gh-88178, fixed upstream later); netlib
    /// returns the exploded address followed by `%scope`, as the fix does.
    ///
    /// ```
    /// // Python: ipaddress.IPv6Address('2001:db8::1').exploded
    /// let addr: netlib::ipaddress::Ipv6Address = "2001:db8::1".parse()?;
    /// assert_eq!(addr.exploded(), "2001:0db8:0000:0000:0000:0000:0000:0001");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn exploded(&self) -> String {
        let mut out = self.exploded_unscoped();
        if let Some(scope) = &self.scope {
            out.push('%');
            out.push_str(scope);
        }
        out
    }

    pub(crate) fn exploded_unscoped(&self) -> String {
        let hex = text::v6_exploded_hex(self.ip);
        match self.ipv4_mapped() {
            // The first 30 characters are `0000:0000:0000:0000:0000:ffff:`.
            Some(v4) => format!("{}{v4}", hex.get(..30).unwrap_or_default()),
            None => hex,
        }
    }

    /// Same as `Display` (Python's `compressed`).
    ///
    /// ```
    /// // Python: ipaddress.IPv6Address('2001:0db8::0001').compressed
    /// let addr: netlib::ipaddress::Ipv6Address = "2001:0db8::0001".parse()?;
    /// assert_eq!(addr.compressed(), "2001:db8::1");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn compressed(&self) -> String {
        self.to_string()
    }

    /// The `ip6.arpa` reverse-DNS name ([RFC 3596 §2.5](https://www.rfc-editor.org/rfc/rfc3596#section-2.5)). The scope id is
    /// left out (CPython 3.13.0 raises for scoped addresses, see
    /// [`exploded`](Self::exploded)).
    ///
    /// ```
    /// // Python: ipaddress.ip_address('2001:db8::1').reverse_pointer
    /// let addr: netlib::ipaddress::Ipv6Address = "2001:db8::1".parse()?;
    /// assert_eq!(addr.reverse_pointer(),
    ///     "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn reverse_pointer(&self) -> String {
        text::v6_reverse_of(&text::v6_exploded_hex(self.ip))
    }

    /// The embedded IPv4 address of `::ffff:a.b.c.d`, else `None`.
    ///
    /// ```
    /// // Python: ipaddress.IPv6Address('::ffff:192.0.2.1').ipv4_mapped
    /// let addr: netlib::ipaddress::Ipv6Address = "::ffff:192.0.2.1".parse()?;
    /// assert_eq!(addr.ipv4_mapped().map(|v4| v4.to_string()).as_deref(), Some("192.0.2.1"));
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn ipv4_mapped(&self) -> Option<Ipv4Address> {
        (self.ip >> 32 == 0xffff).then_some(Ipv4Address(self.ip as u32))
    }

    /// The embedded IPv4 address of a 6to4 address (`2002::/16`, [RFC 3056](https://www.rfc-editor.org/rfc/rfc3056)).
    ///
    /// ```
    /// // Python: ipaddress.IPv6Address('2002:c000:204::1').sixtofour
    /// let addr: netlib::ipaddress::Ipv6Address = "2002:c000:204::1".parse()?;
    /// assert_eq!(addr.sixtofour().map(|v4| v4.to_string()).as_deref(), Some("192.0.2.4"));
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn sixtofour(&self) -> Option<Ipv4Address> {
        (self.ip >> 112 == 0x2002).then_some(Ipv4Address((self.ip >> 80) as u32))
    }

    /// The `(server, client)` IPv4 addresses of a Teredo address
    /// (`2001::/32`, [RFC 4380](https://www.rfc-editor.org/rfc/rfc4380)).
    ///
    /// ```
    /// // Python: ipaddress.IPv6Address('2001:0:4136:e378:8000:63bf:3fff:fdd2').teredo
    /// let addr: netlib::ipaddress::Ipv6Address = "2001:0:4136:e378:8000:63bf:3fff:fdd2".parse()?;
    /// let (server, client) = addr.teredo().unwrap();
    /// assert_eq!((server.to_string(), client.to_string()),
    ///            ("65.54.227.120".to_string(), "192.0.2.45".to_string()));
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn teredo(&self) -> Option<(Ipv4Address, Ipv4Address)> {
        (self.ip >> 96 == 0x2001_0000).then_some((
            Ipv4Address((self.ip >> 64) as u32),
            Ipv4Address(!(self.ip as u32)),
        ))
    }

    /// `self + n` with Python's `AddressValueError` out of range; like
    /// Python, the result has no scope id. A negative `n` subtracts.
    ///
    /// ```
    /// // Python: ipaddress.IPv6Address('::1') + 1
    /// let addr: netlib::ipaddress::Ipv6Address = "::1".parse()?;
    /// assert_eq!(addr.checked_add(1)?.to_string(), "::2");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn checked_add(&self, n: i128) -> Result<Self, Error> {
        self.offset_by(n.unsigned_abs(), n < 0)
    }

    /// `self - n` with Python's `AddressValueError` below `::`.
    ///
    /// ```
    /// // Python: ipaddress.IPv6Address('::1') - 2
    /// let addr: netlib::ipaddress::Ipv6Address = "::1".parse()?;
    /// assert_eq!(addr.checked_sub(2).unwrap_err().to_string(),
    ///            "-1 (< 0) is not permitted as an IPv6 address");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn checked_sub(&self, n: i128) -> Result<Self, Error> {
        self.offset_by(n.unsigned_abs(), n >= 0)
    }

    fn offset_by(&self, delta: u128, subtract: bool) -> Result<Self, Error> {
        match offset(self.ip, delta, subtract) {
            (true, _, low) => Err(int_error(true, false, low, 6)),
            (false, true, low) => Err(int_error(false, true, low, 6)),
            (false, false, low) => Ok(Ipv6Address::from(low)),
        }
    }
}

impl Ipv6Address {
    /// Python's `str()` without the scope id.
    pub(crate) fn unscoped_text(&self) -> String {
        match self.ipv4_mapped() {
            // `_ipv4_mapped_ipv6_to_str`: the high 96 bits are always ::ffff.
            Some(v4) => format!("::ffff:{v4}"),
            None => text::v6_compressed(self.ip),
        }
    }
}

impl fmt::Display for Ipv6Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = self.unscoped_text();
        if let Some(scope) = &self.scope {
            out.push('%');
            out.push_str(scope);
        }
        f.pad(&out)
    }
}

impl fmt::Debug for Ipv6Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "IPv6Address({})", str_repr(&self.to_string()))
    }
}

/// Python's `IPv6Address(str)`, errors as `AddressValueError`.
impl FromStr for Ipv6Address {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Self::from_text(s)
    }
}

impl From<u128> for Ipv6Address {
    fn from(ip: u128) -> Self {
        Ipv6Address { ip, scope: None }
    }
}

impl From<[u8; 16]> for Ipv6Address {
    fn from(b: [u8; 16]) -> Self {
        Ipv6Address::from(u128::from_be_bytes(b))
    }
}

impl From<Ipv6Addr> for Ipv6Address {
    fn from(a: Ipv6Addr) -> Self {
        Ipv6Address::from(a.to_bits())
    }
}

/// Drops the scope id (std's `Ipv6Addr` has none).
impl From<Ipv6Address> for Ipv6Addr {
    fn from(a: Ipv6Address) -> Self {
        Ipv6Addr::from_bits(a.ip)
    }
}

/// Python's `int(addr)`.
impl From<Ipv6Address> for u128 {
    fn from(a: Ipv6Address) -> Self {
        a.ip
    }
}

/// Python's `int(addr)`.
impl From<&Ipv6Address> for u128 {
    fn from(a: &Ipv6Address) -> Self {
        a.ip
    }
}
