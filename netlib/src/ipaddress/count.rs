//! [`AddressCount`]: Python's `num_addresses`, an exact integer that takes
//! part in arithmetic and comparisons with Rust's integer types.

mod wide;

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::iter::Sum;
use std::ops::{
    Add, AddAssign, Div, DivAssign, Mul, MulAssign, Neg, Rem, RemAssign, Sub, SubAssign,
};

use super::error::{Error, ErrorKind};
use wide::Mag;

/// The number of addresses in a network, Python's `num_addresses`: an
/// exact integer, like Python's `int`.
///
/// A `u128` cannot hold the 2^128 addresses of `::/0`, and Python's
/// `net.num_addresses - 2` is negative for a `/32`; this type holds both
/// exactly. It works with every Rust integer type on either side of
/// `+ - * / %`, `==`, `<`, …, so Python's everyday arithmetic compiles as
/// written:
///
/// ```
/// use netlib::ipaddress::ip_network;
///
/// // Python: ipaddress.ip_network('192.168.0.0/24').num_addresses - 2
/// let net = ip_network("192.168.0.0/24")?;
/// assert_eq!(net.num_addresses() - 2, 254);
/// // Python: ipaddress.ip_network('10.0.0.1/32').num_addresses - 2
/// assert_eq!(ip_network("10.0.0.1/32")?.num_addresses() - 2, -1);
/// // Python: ipaddress.ip_network('::/0').num_addresses - 2   (exact)
/// let all = ip_network("::/0")?.num_addresses();
/// assert_eq!((all - 2).to_string(), "340282366920938463463374607431768211454");
/// assert_eq!(all - 2, u128::MAX - 1);
/// // Python: ipaddress.ip_network('::/0').num_addresses
/// assert_eq!(all.to_string(), "340282366920938463463374607431768211456");
/// // Python: 2 * net.num_addresses + 1;  net.num_addresses // 16;  … % 100
/// assert_eq!(2 * net.num_addresses() + 1, 513);
/// assert_eq!(net.num_addresses() / 16, 16);
/// assert_eq!(net.num_addresses() % 100, 56);
/// // Python: net.num_addresses > 200;  300 > net.num_addresses
/// assert!(net.num_addresses() > 200 && 300 > net.num_addresses());
/// // Python: int(net.num_addresses)  (to a Rust integer)
/// assert_eq!(u128::try_from(net.num_addresses())?, 256);
/// assert_eq!(u128::try_from(all).unwrap_err().to_string(), "int too big to convert");
/// # Ok::<(), netlib::ipaddress::Error>(())
/// ```
///
/// # Python's rules, and where netlib must differ
/// - `/` is Python's `//` (floor division) and `%` is Python's `%` (the
///   result has the divisor's sign), unlike Rust's integer `/` and `%`,
///   which truncate. Python's true division `/` gives a float: write
///   `f64::from(count) / 2.0`.
/// - Exact, not saturating: every result below 2^320 in absolute value is
///   exact, and that bound holds any product of two counts (`::/0`'s count
///   squared is 2^256). Python's ints have no bound; a result past netlib's
///   is an `OverflowError` value, as below.
/// - Python raises `ZeroDivisionError` for `// 0` and `% 0`. An operator
///   cannot return a `Result` without making `count - 2` one too, so the
///   count carries the error instead, like a float's NaN: it propagates
///   through further arithmetic, prints as
///   `ZeroDivisionError: integer division or modulo by zero`, equals no
///   integer, orders after every integer, and [`check`](Self::check),
///   `u128::try_from` or an address `+` turn it into Python's exception.
/// - An integer literal whose type is left open is an `i32`, as everywhere
///   in Rust: one above 2^31 - 1 needs its suffix, `count == 4294967296u64`
///   (the same holds for `address + n`).
/// - With the integer on the left (`2 * count`), a method called straight
///   on the result needs the literal's type, `(2u32 * count).to_string()`:
///   Rust picks the literal's type only after the call. Arithmetic,
///   comparisons and `println!("{}", 2 * count)` need nothing.
/// - [`Ipv4Network::num_addresses`](super::Ipv4Network::num_addresses)
///   returns a plain `u128`, as it always has; wrap it,
///   `AddressCount::from(net.num_addresses()) - 2`, for arithmetic that may
///   go below zero.
///
/// ```
/// use netlib::ipaddress::{ip_network, AddressCount, Ipv4Network};
///
/// let c = ip_network("192.168.0.0/24")?.num_addresses();
/// // Python: (c - 263) // 2,  (c - 263) % 2,  c / 3
/// assert_eq!((c - 263) / 2, -4);
/// assert_eq!((c - 263) % 2, 1);
/// assert_eq!(f64::from(c) / 3.0, 85.33333333333333);
/// // Python: ipaddress.IPv4Network('10.0.0.1/32').num_addresses - 2
/// let host: Ipv4Network = "10.0.0.1/32".parse()?;
/// assert_eq!(AddressCount::from(host.num_addresses()) - 2, -1);
/// // Python: sum(n.num_addresses for n in nets)
/// let nets = [ip_network("10.0.0.0/24")?, ip_network("10.0.1.0/25")?];
/// assert_eq!(nets.iter().map(|n| n.num_addresses()).sum::<AddressCount>(), 384);
/// # Ok::<(), netlib::ipaddress::Error>(())
/// ```
///
/// ```
/// use netlib::ipaddress::ip_network;
///
/// // Python: ipaddress.ip_network('10.0.0.0/24').num_addresses // 0
/// let bad = ip_network("10.0.0.0/24")?.num_addresses() / 0;
/// assert_eq!(bad.to_string(), "ZeroDivisionError: integer division or modulo by zero");
/// assert_eq!(bad.check().unwrap_err().to_string(), "integer division or modulo by zero");
/// assert_ne!(bad + 1, 0);
/// # Ok::<(), netlib::ipaddress::Error>(())
/// ```
// `PartialEq`, `PartialOrd` and `Hash` are written out below: one generic
// impl for every right-hand side keeps `(count - 2).to_string()` inferable.
#[derive(Clone, Copy)]
pub struct AddressCount(Value);

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Value {
    /// Canonical: zero is never negative, so derived `Eq`/`Hash` are right.
    Int {
        negative: bool,
        mag: Mag,
    },
    Fault(Fault),
}

/// What Python would have raised instead of giving a value.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Fault {
    DivisionByZero,
    ModuloByZero,
    Overflow,
}

impl Fault {
    fn error(self) -> Error {
        match self {
            Fault::DivisionByZero => Error::new(
                ErrorKind::ZeroDivisionError,
                "integer division or modulo by zero",
            ),
            Fault::ModuloByZero => {
                Error::new(ErrorKind::ZeroDivisionError, "integer modulo by zero")
            }
            Fault::Overflow => Error::new(
                ErrorKind::OverflowError,
                "integer too large for netlib's AddressCount (at least 2**320 in absolute value)",
            ),
        }
    }
}

fn too_big() -> Error {
    // CPython's text when an int does not fit a fixed-size integer
    // (`int.to_bytes`), the closest Python has to a Rust conversion.
    Error::new(ErrorKind::OverflowError, "int too big to convert")
}

impl AddressCount {
    fn int(negative: bool, mag: Mag) -> Self {
        AddressCount(Value::Int {
            negative: negative && !mag.is_zero(),
            mag,
        })
    }

    fn checked_int(negative: bool, mag: Option<Mag>) -> Self {
        match mag {
            Some(mag) => Self::int(negative, mag),
            None => AddressCount(Value::Fault(Fault::Overflow)),
        }
    }

    /// A network's count from `last - first + 1`, `None` meaning 2^128.
    pub(crate) fn new(value: Option<u128>) -> Self {
        match value {
            Some(v) => AddressCount::from(v),
            None => Self::int(false, Mag::power_of_two(128)),
        }
    }

    /// The count as a `u128`; `None` for the 2^128 addresses of `::/0`, for
    /// a negative result of arithmetic and for a count holding an error.
    ///
    /// ```
    /// // Python: ipaddress.ip_network('::/64').num_addresses
    /// let n = netlib::ipaddress::ip_network("::/64")?.num_addresses();
    /// assert_eq!(n.to_u128(), Some(1 << 64));
    /// assert_eq!((n - (1u128 << 65)).to_u128(), None);
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn to_u128(self) -> Option<u128> {
        match self.0 {
            Value::Int {
                negative: false,
                mag,
            } => mag.to_u128(),
            _ => None,
        }
    }

    /// The count itself, or the exception Python would have raised while
    /// computing it (`ZeroDivisionError` after `/ 0` or `% 0`), so `?`
    /// raises it where Python would.
    ///
    /// ```
    /// use netlib::ipaddress::{ip_network, ErrorKind};
    ///
    /// let n = ip_network("10.0.0.0/30")?.num_addresses();
    /// // Python: n // 2
    /// assert_eq!((n / 2).check()?, 2);
    /// // Python: n % 0   ->  ZeroDivisionError: integer modulo by zero
    /// let err = (n % 0).check().unwrap_err();
    /// assert_eq!((err.python_class(), err.to_string().as_str()),
    ///            ("ZeroDivisionError", "integer modulo by zero"));
    /// assert_eq!(err.kind(), ErrorKind::ZeroDivisionError);
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn check(self) -> Result<Self, Error> {
        match self.0 {
            Value::Fault(f) => Err(f.error()),
            Value::Int { .. } => Ok(self),
        }
    }

    /// `(negative, magnitude)` or the pending exception.
    fn parts(self) -> Result<(bool, Mag), Error> {
        match self.0 {
            Value::Int { negative, mag } => Ok((negative, mag)),
            Value::Fault(f) => Err(f.error()),
        }
    }

    /// Both operands' `(negative, magnitude, negative, magnitude)`, or the
    /// fault of the first one that holds one. The binary operators share
    /// this so they all agree that the left operand's error wins, as
    /// Python evaluates left to right.
    fn operands(self, other: Self) -> Result<(bool, Mag, bool, Mag), Fault> {
        match (self.0, other.0) {
            (Value::Fault(f), _) | (_, Value::Fault(f)) => Err(f),
            (
                Value::Int {
                    negative: an,
                    mag: a,
                },
                Value::Int {
                    negative: bn,
                    mag: b,
                },
            ) => Ok((an, a, bn, b)),
        }
    }

    /// Python's `divmod(self, other)`: floor quotient and a remainder with
    /// the divisor's sign.
    fn divmod(self, other: Self) -> Result<(Self, Self), Fault> {
        let (an, a, bn, b) = self.operands(other)?;
        let (q, r) = a.divmod(b).ok_or(Fault::DivisionByZero)?;
        if an == bn || r.is_zero() {
            return Ok((Self::int(an != bn, q), Self::int(bn, r)));
        }
        // Signs differ and the division is inexact: round the quotient down
        // (one further from zero) and take the remainder from the other end.
        let q = q.checked_add(Mag::from_u128(1));
        Ok((Self::checked_int(true, q), Self::int(bn, b.sub(r))))
    }
}

impl Ord for AddressCount {
    fn cmp(&self, other: &Self) -> Ordering {
        match self.operands(*other) {
            Ok((an, a, bn, b)) => match (an, bn) {
                (false, true) => Ordering::Greater,
                (true, false) => Ordering::Less,
                (false, false) => a.cmp(&b),
                (true, true) => b.cmp(&a),
            },
            // An error sorts after every integer (`None < Some`), errors
            // among themselves by kind.
            Err(_) => {
                let fault = |c: &Self| match c.0 {
                    Value::Fault(f) => Some(f),
                    Value::Int { .. } => None,
                };
                fault(self).cmp(&fault(other))
            }
        }
    }
}

/// `count == n` for a count or any Rust integer `n`.
impl<T: Into<AddressCount> + Copy> PartialEq<T> for AddressCount {
    fn eq(&self, other: &T) -> bool {
        self.0 == (*other).into().0
    }
}

impl Eq for AddressCount {}

impl Hash for AddressCount {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.hash(state);
    }
}

/// `count < n` for a count or any Rust integer `n`.
impl<T: Into<AddressCount> + Copy> PartialOrd<T> for AddressCount {
    fn partial_cmp(&self, other: &T) -> Option<Ordering> {
        Some(self.cmp(&(*other).into()))
    }
}

/// Python's `str(int)`; an error prints as Python's traceback line.
impl fmt::Display for AddressCount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Value::Int { negative, mag } => {
                let digits = mag.to_decimal();
                if negative {
                    f.pad(&format!("-{digits}"))
                } else {
                    f.pad(&digits)
                }
            }
            Value::Fault(fault) => {
                let e = fault.error();
                f.pad(&format!("{}: {e}", e.python_class()))
            }
        }
    }
}

/// Python's `repr(int)`, the same digits as `str()`.
impl fmt::Debug for AddressCount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// Python's `float(count)`, correctly rounded (`NaN` for an error).
impl From<AddressCount> for f64 {
    fn from(c: AddressCount) -> f64 {
        match c.0 {
            // Rust's float parsing rounds to nearest-even, as Python's
            // int-to-float conversion does.
            Value::Int { .. } => c.to_string().parse().unwrap_or(f64::NAN),
            Value::Fault(_) => f64::NAN,
        }
    }
}

impl Neg for AddressCount {
    type Output = AddressCount;
    fn neg(self) -> AddressCount {
        match self.0 {
            Value::Int { negative, mag } => Self::int(!negative, mag),
            Value::Fault(_) => self,
        }
    }
}

impl AddressCount {
    fn plus(self, other: AddressCount) -> AddressCount {
        // A fault is returned as the count that holds it (`self` first).
        let (an, a, bn, b) = match self.operands(other) {
            Ok(ints) => ints,
            Err(f) => return AddressCount(Value::Fault(f)),
        };
        if an == bn {
            return Self::checked_int(an, a.checked_add(b));
        }
        match a.cmp(&b) {
            Ordering::Less => Self::int(bn, b.sub(a)),
            _ => Self::int(an, a.sub(b)),
        }
    }

    fn minus(self, other: AddressCount) -> AddressCount {
        match self.0 {
            Value::Fault(_) => self,
            Value::Int { .. } => self.plus(-other),
        }
    }

    fn times(self, other: AddressCount) -> AddressCount {
        match self.operands(other) {
            Ok((an, a, bn, b)) => Self::checked_int(an != bn, a.checked_mul(b)),
            Err(f) => AddressCount(Value::Fault(f)),
        }
    }

    fn floor_div(self, other: AddressCount) -> AddressCount {
        match self.divmod(other) {
            Ok((q, _)) => q,
            Err(f) => AddressCount(Value::Fault(f)),
        }
    }

    fn modulo(self, other: AddressCount) -> AddressCount {
        match self.divmod(other) {
            Ok((_, r)) => r,
            // Python's `%` by zero has its own message.
            Err(Fault::DivisionByZero) => AddressCount(Value::Fault(Fault::ModuloByZero)),
            Err(f) => AddressCount(Value::Fault(f)),
        }
    }
}

/// `count op n` and `count op= n` for a count or any Rust integer `n`: one
/// generic impl per operator, so the result type is known before the
/// integer literal's type is (`(count - 2).to_string()` compiles).
macro_rules! count_ops {
    ($($op:ident $method:ident, $assign:ident $assign_method:ident => $f:ident, $doc:literal);*) => {$(
        #[doc = $doc]
        impl<T: Into<AddressCount>> $op<T> for AddressCount {
            type Output = AddressCount;
            fn $method(self, other: T) -> AddressCount {
                self.$f(other.into())
            }
        }

        #[doc = $doc]
        impl<T: Into<AddressCount>> $assign<T> for AddressCount {
            fn $assign_method(&mut self, other: T) {
                *self = self.$f(other.into());
            }
        }
    )*};
}

count_ops!(
    Add add, AddAssign add_assign => plus, "Python's `+`, exact.";
    Sub sub, SubAssign sub_assign => minus, "Python's `-`, exact.";
    Mul mul, MulAssign mul_assign => times, "Python's `*`, exact.";
    Div div, DivAssign div_assign => floor_div, "Python's `//`: floor division.";
    Rem rem, RemAssign rem_assign => modulo, "Python's `%`: the remainder has the divisor's sign."
);

/// Python's `sum(n.num_addresses for n in nets)`.
impl Sum for AddressCount {
    fn sum<I: Iterator<Item = AddressCount>>(iter: I) -> AddressCount {
        iter.fold(AddressCount::from(0u8), AddressCount::plus)
    }
}

/// Python's `sum(...)` over borrowed counts.
impl<'a> Sum<&'a AddressCount> for AddressCount {
    fn sum<I: Iterator<Item = &'a AddressCount>>(iter: I) -> AddressCount {
        iter.copied().sum()
    }
}

/// What a Rust integer type does with a count: `n op count`, `n == count`,
/// `n < count`, `AddressCount::from(n)` and `n::try_from(count)`. The
/// integer is widened to an `AddressCount` first, so every combination is
/// exact.
macro_rules! int_ops {
    (@reversed $t:ty; $($op:ident $method:ident),*) => {$(
        /// `n op count`, as `count op n` with the operands swapped.
        impl $op<AddressCount> for $t {
            type Output = AddressCount;
            fn $method(self, other: AddressCount) -> AddressCount {
                $op::$method(AddressCount::from(self), other)
            }
        }
    )*};
    ($($t:ty),*) => {$(
        int_ops!(@reversed $t; Add add, Sub sub, Mul mul, Div div, Rem rem);

        impl PartialEq<AddressCount> for $t {
            fn eq(&self, other: &AddressCount) -> bool {
                AddressCount::from(*self) == *other
            }
        }
        impl PartialOrd<AddressCount> for $t {
            fn partial_cmp(&self, other: &AddressCount) -> Option<Ordering> {
                Some(AddressCount::from(*self).cmp(other))
            }
        }

        impl From<$t> for AddressCount {
            fn from(n: $t) -> AddressCount {
                // Unsigned types widen to u128, signed ones to i128; the
                // branch not taken for `$t` is never run.
                if <$t>::MIN == 0 {
                    AddressCount::int(false, Mag::from_u128(n as u128))
                } else {
                    let n = n as i128;
                    AddressCount::int(n < 0, Mag::from_u128(n.unsigned_abs()))
                }
            }
        }

        /// Python's `int(count)` into a fixed-size integer, with the
        /// `OverflowError` texts of CPython's `int.to_bytes`.
        impl TryFrom<AddressCount> for $t {
            type Error = Error;
            fn try_from(c: AddressCount) -> Result<$t, Error> {
                let (negative, mag) = c.parts()?;
                // CPython tests the sign first: -2**200 is "negative" for
                // an unsigned type, not "too big".
                if negative && <$t>::MIN == 0 {
                    return Err(Error::new(
                        ErrorKind::OverflowError,
                        "can't convert negative int to unsigned",
                    ));
                }
                let magnitude = mag.to_u128().ok_or_else(too_big)?;
                if !negative {
                    return <$t>::try_from(magnitude).map_err(|_| too_big());
                }
                let value = 0i128.checked_sub_unsigned(magnitude).ok_or_else(too_big)?;
                <$t>::try_from(value).map_err(|_| too_big())
            }
        }
    )*};
}

int_ops!(
    u8, u16, u32, u64, u128, usize, i8, i16, i32, i64, i128, isize
);
