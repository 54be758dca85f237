//! The one error type of [`ipaddress`](crate::ipaddress), carrying Python's
//! exception class and message.

crate::exception::python_error! {
    /// Which Python exception class an [`Error`] is.
    ///
    /// Python's `AddressValueError` and `NetmaskValueError` both subclass
    /// `ValueError`; [`Error::is_value_error`] answers `isinstance(e, ValueError)`.
    ///
    /// ```
    /// use netlib::ipaddress::{ErrorKind, Ipv4Address};
    ///
    /// // Python: ipaddress.IPv4Address('300.1.1.1')  # raises AddressValueError
    /// let err = "300.1.1.1".parse::<Ipv4Address>().unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::AddressValueError);
    /// ```
    pub enum ErrorKind {
        /// `ipaddress.AddressValueError`: the address part is not valid.
        AddressValueError => "AddressValueError",
        /// `ipaddress.NetmaskValueError`: the prefix length or mask is not valid.
        NetmaskValueError => "NetmaskValueError",
        /// `ValueError`: the factories' "does not appear to be" errors, host bits
        /// set, bad `subnets()`/`supernet()`/`address_exclude()` arguments.
        ValueError => "ValueError",
        /// `TypeError`: an operation mixed IPv4 and IPv6.
        TypeError => "TypeError",
        /// `AssertionError`: CPython's `address_exclude` gives up on a network
        /// whose scope id makes it equal to none of the halves it walks.
        AssertionError => "AssertionError",
        /// `IndexError`: `network[i]` past either end of the network.
        IndexError => "IndexError",
        /// `ZeroDivisionError`: an [`AddressCount`](super::AddressCount)
        /// divided by zero (`//` or `%`).
        ZeroDivisionError => "ZeroDivisionError",
        /// `OverflowError`: an [`AddressCount`](super::AddressCount) that does
        /// not fit the Rust integer it is converted to (or netlib's 2^320 bound).
        OverflowError => "OverflowError",
    }

    /// An `ipaddress` failure. `Display` prints exactly what Python's `str(exc)`
    /// prints for the same input, `Debug` what `repr(exc)` prints.
    ///
    /// ```
    /// use netlib::ipaddress::{self, ErrorKind};
    ///
    /// // Python: ipaddress.ip_address('300.1.1.1')
    /// // ValueError: '300.1.1.1' does not appear to be an IPv4 or IPv6 address
    /// let err = ipaddress::ip_address("300.1.1.1").unwrap_err();
    /// assert_eq!(err.to_string(), "'300.1.1.1' does not appear to be an IPv4 or IPv6 address");
    /// assert_eq!(err.python_class(), "ValueError");
    /// assert_eq!(err.kind(), ErrorKind::ValueError);
    /// ```
    #[derive(Hash)]
    pub struct Error {}
    debug: "NetmaskValueError(\"'33' is not a valid netmask\")",
    example: {
        module: netlib::ipaddress,
        python: "ipaddress.IPv4Network('10.0.0.0/33')",
        rust: "10.0.0.0/33".parse::<Ipv4Network>(),
        kind: NetmaskValueError,
        class: "NetmaskValueError",
        message: "'33' is not a valid netmask",
    }
}

impl Error {
    pub(crate) fn address(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::AddressValueError, message)
    }

    pub(crate) fn netmask(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::NetmaskValueError, message)
    }

    pub(crate) fn value(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::ValueError, message)
    }

    pub(crate) fn type_error(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::TypeError, message)
    }

    /// `isinstance(exc, ValueError)`: true for `AddressValueError`,
    /// `NetmaskValueError` and `ValueError`.
    ///
    /// ```
    /// // Python: isinstance(e, ValueError)
    /// let err = "1.2.3".parse::<netlib::ipaddress::Ipv4Address>().unwrap_err();
    /// assert!(err.is_value_error());
    /// ```
    pub fn is_value_error(&self) -> bool {
        matches!(
            self.kind(),
            ErrorKind::AddressValueError | ErrorKind::NetmaskValueError | ErrorKind::ValueError
        )
    }
}
