//! The one error type of [`ipaddress`](crate::ipaddress), carrying Python's
//! exception class and message.

use std::fmt;

/// Which Python exception class a failure maps to.
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// `ipaddress.AddressValueError`: the address part is not valid.
    AddressValueError,
    /// `ipaddress.NetmaskValueError`: the prefix length or mask is not valid.
    NetmaskValueError,
    /// `ValueError`: the factories' "does not appear to be" errors, host bits
    /// set, bad `subnets()`/`supernet()`/`address_exclude()` arguments.
    ValueError,
    /// `TypeError`: an operation mixed IPv4 and IPv6.
    TypeError,
    /// `AssertionError`: CPython's `address_exclude` gives up on a network
    /// whose scope id makes it equal to none of the halves it walks.
    AssertionError,
    /// `IndexError`: `network[i]` past either end of the network.
    IndexError,
    /// `ZeroDivisionError`: an [`AddressCount`](super::AddressCount)
    /// divided by zero (`//` or `%`).
    ZeroDivisionError,
    /// `OverflowError`: an [`AddressCount`](super::AddressCount) that does
    /// not fit the Rust integer it is converted to (or netlib's 2^320 bound).
    OverflowError,
}

impl ErrorKind {
    /// The Python class name, e.g. `"AddressValueError"`.
    ///
    /// ```
    /// use netlib::ipaddress::ErrorKind;
    ///
    /// // Python: type(e).__name__
    /// assert_eq!(ErrorKind::NetmaskValueError.python_name(), "NetmaskValueError");
    /// ```
    pub fn python_name(self) -> &'static str {
        match self {
            ErrorKind::AddressValueError => "AddressValueError",
            ErrorKind::NetmaskValueError => "NetmaskValueError",
            ErrorKind::ValueError => "ValueError",
            ErrorKind::TypeError => "TypeError",
            ErrorKind::AssertionError => "AssertionError",
            ErrorKind::IndexError => "IndexError",
            ErrorKind::ZeroDivisionError => "ZeroDivisionError",
            ErrorKind::OverflowError => "OverflowError",
        }
    }
}

/// An `ipaddress` failure. `Display` prints exactly what Python's `str(exc)`
/// prints for the same input.
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
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Error {
    kind: ErrorKind,
    message: String,
}

impl Error {
    pub(crate) fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
        }
    }

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

    /// The Python exception class this error stands for.
    ///
    /// ```
    /// use netlib::ipaddress::{ErrorKind, Ipv4Network};
    ///
    /// // Python: ipaddress.IPv4Network('10.0.0.0/33')  # NetmaskValueError
    /// let err = "10.0.0.0/33".parse::<Ipv4Network>().unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::NetmaskValueError);
    /// ```
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// Python's class name: `"AddressValueError"`, `"NetmaskValueError"`,
    /// `"ValueError"`, `"TypeError"`, `"AssertionError"`, `"IndexError"`,
    /// `"ZeroDivisionError"` or `"OverflowError"`.
    ///
    /// ```
    /// // Python: type(e).__name__
    /// let err = netlib::ipaddress::ip_network("10.1.1.5/24").unwrap_err();
    /// assert_eq!(err.python_class(), "ValueError");
    /// assert_eq!(err.to_string(), "10.1.1.5/24 has host bits set");
    /// ```
    pub fn python_class(&self) -> &'static str {
        self.kind.python_name()
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
            self.kind,
            ErrorKind::AddressValueError | ErrorKind::NetmaskValueError | ErrorKind::ValueError
        )
    }

    /// The message alone, what `str(exc)` gives (same as `Display`).
    ///
    /// ```
    /// // Python: str(e)
    /// let err = "1.2.3".parse::<netlib::ipaddress::Ipv4Address>().unwrap_err();
    /// assert_eq!(err.message(), "Expected 4 octets in '1.2.3'");
    /// ```
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}
