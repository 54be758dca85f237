//! Lazy sequences returned by `hosts()`, `iter()` and `subnets()`, the
//! counterparts of Python's generators.

use std::fmt;

/// A lazily generated run of addresses or networks, what Python's
/// `hosts()`/`subnets()` generators and `iter(network)` yield.
///
/// Runs can be longer than `usize::MAX` (an IPv6 `/0` holds 2^128
/// addresses); nothing is built before it is asked for.
///
/// ```
/// use netlib::ipaddress::ip_network;
///
/// // Python: list(ipaddress.ip_network('192.0.2.0/30').hosts())
/// let hosts: Vec<String> = ip_network("192.0.2.0/30")?.hosts().map(|h| h.to_string()).collect();
/// assert_eq!(hosts, ["192.0.2.1", "192.0.2.2"]);
/// # Ok::<(), netlib::ipaddress::Error>(())
/// ```
pub struct Iter<T> {
    single: Option<T>,
    range: Option<(u128, u128)>,
    step: u128,
    tag: u8,
    make: fn(u128, u8) -> T,
}

impl<T> Iter<T> {
    /// `first..=last` by `step`, each value built by `make(value, tag)`.
    pub(crate) fn range(
        first: u128,
        last: u128,
        step: u128,
        tag: u8,
        make: fn(u128, u8) -> T,
    ) -> Self {
        Iter {
            single: None,
            range: (first <= last && step > 0).then_some((first, last)),
            step,
            tag,
            make,
        }
    }

    /// Exactly one item, already built (keeps an IPv6 scope id).
    pub(crate) fn single(item: T, make: fn(u128, u8) -> T) -> Self {
        Iter {
            single: Some(item),
            range: None,
            step: 1,
            tag: 0,
            make,
        }
    }

    /// The same run, items built as another type (`IpNetwork` wraps the
    /// per-version iterators this way).
    pub(crate) fn map_into<U>(self, make: fn(u128, u8) -> U, convert: fn(T) -> U) -> Iter<U> {
        Iter {
            single: self.single.map(convert),
            range: self.range,
            step: self.step,
            tag: self.tag,
            make,
        }
    }

    fn remaining(&self) -> Option<u128> {
        let ranged = match self.range {
            Some((first, last)) => ((last - first) / self.step).checked_add(1)?,
            None => 0,
        };
        ranged.checked_add(u128::from(self.single.is_some()))
    }
}

impl<T> Iterator for Iter<T> {
    type Item = T;

    fn next(&mut self) -> Option<T> {
        if let Some(item) = self.single.take() {
            return Some(item);
        }
        let (first, last) = self.range?;
        self.range = first
            .checked_add(self.step)
            .filter(|&next| first < last && next <= last)
            .map(|next| (next, last));
        Some((self.make)(first, self.tag))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        match self.remaining().map(usize::try_from) {
            Some(Ok(n)) => (n, Some(n)),
            _ => (usize::MAX, None),
        }
    }

    /// Jumps, so `net.hosts().nth(i)` (Python's `list(net.hosts())[i]`)
    /// answers at once even for an IPv6 `/0`.
    fn nth(&mut self, n: usize) -> Option<T> {
        let mut n = n as u128;
        if n > 0 && self.single.take().is_some() {
            n -= 1;
        }
        if n > 0
            && let Some((first, last)) = self.range
        {
            let skip = self.step.checked_mul(n);
            match skip.and_then(|s| first.checked_add(s)) {
                Some(start) if start <= last => self.range = Some((start, last)),
                _ => {
                    self.range = None;
                    return None;
                }
            }
        }
        self.next()
    }

    /// Counted, not walked: `len(list(net))` for any size at once (past
    /// `usize::MAX` the count saturates, as `Iterator::count` allows).
    fn count(self) -> usize {
        self.remaining()
            .map_or(usize::MAX, |n| usize::try_from(n).unwrap_or(usize::MAX))
    }

    fn last(mut self) -> Option<T> {
        self.next_back()
    }
}

impl<T> DoubleEndedIterator for Iter<T> {
    fn next_back(&mut self) -> Option<T> {
        let Some((first, last)) = self.range else {
            return self.single.take();
        };
        // Align the end on the step so both ends walk the same grid.
        let back = last - (last - first) % self.step;
        self.range = back
            .checked_sub(self.step)
            .filter(|&prev| back > first && prev >= first)
            .map(|prev| (first, prev));
        Some((self.make)(back, self.tag))
    }
}

impl<T> fmt::Debug for Iter<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Python shows `<generator object ...>`; the bounds say more.
        f.debug_struct("Iter")
            .field("range", &self.range)
            .field("step", &self.step)
            .finish_non_exhaustive()
    }
}
