//! Unsigned magnitudes of up to 320 bits, the digits of [`AddressCount`].
//!
//! 320 bits hold every product of two counts (2^128 · 2^128 = 2^256) and of
//! a count with any Rust integer, so one operation on values a student gets
//! from netlib is always exact. Five `u64` limbs keep the type `Copy`,
//! which `AddressCount` has always been; a heap-allocated big integer would
//! not be.
//!
//! [`AddressCount`]: super::AddressCount

use std::cmp::Ordering;

const LIMBS: usize = 5;

/// Little-endian limbs: `0[0]` is the lowest 64 bits.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default, Debug)]
pub(super) struct Mag([u64; LIMBS]);

impl Mag {
    pub(super) const ZERO: Mag = Mag([0; LIMBS]);

    pub(super) fn from_u128(v: u128) -> Mag {
        Mag([v as u64, (v >> 64) as u64, 0, 0, 0])
    }

    /// 2^bits, for `bits` below 320.
    pub(super) fn power_of_two(bits: u32) -> Mag {
        let mut m = Mag::ZERO;
        if let Some(limb) = m.0.get_mut((bits / 64) as usize) {
            *limb = 1 << (bits % 64);
        }
        m
    }

    pub(super) fn is_zero(&self) -> bool {
        self.0.iter().all(|&l| l == 0)
    }

    /// The value when it fits a `u128`.
    pub(super) fn to_u128(self) -> Option<u128> {
        let [lo, hi, rest @ ..] = self.0;
        rest.iter()
            .all(|&l| l == 0)
            .then_some(u128::from(lo) | (u128::from(hi) << 64))
    }

    pub(super) fn cmp(&self, other: &Mag) -> Ordering {
        // Most significant limb first.
        self.0.iter().rev().cmp(other.0.iter().rev())
    }

    /// `None` when the sum needs more than 320 bits.
    pub(super) fn checked_add(self, other: Mag) -> Option<Mag> {
        let mut out = Mag::ZERO;
        let mut carry = false;
        for (o, (a, b)) in out.0.iter_mut().zip(self.0.iter().zip(other.0.iter())) {
            let (s1, c1) = a.overflowing_add(*b);
            let (s2, c2) = s1.overflowing_add(u64::from(carry));
            *o = s2;
            carry = c1 || c2;
        }
        (!carry).then_some(out)
    }

    /// `self - other` for `self >= other` (callers compare first); below
    /// that it wraps modulo 2^320, which long division relies on.
    pub(super) fn sub(self, other: Mag) -> Mag {
        let mut out = Mag::ZERO;
        let mut borrow = false;
        for (o, (a, b)) in out.0.iter_mut().zip(self.0.iter().zip(other.0.iter())) {
            let (d1, b1) = a.overflowing_sub(*b);
            let (d2, b2) = d1.overflowing_sub(u64::from(borrow));
            *o = d2;
            borrow = b1 || b2;
        }
        out
    }

    /// Schoolbook product; `None` when it needs more than 320 bits.
    pub(super) fn checked_mul(self, other: Mag) -> Option<Mag> {
        let mut wide = [0u64; 2 * LIMBS];
        for (i, &a) in self.0.iter().enumerate() {
            let mut carry = 0u128;
            for (j, &b) in other.0.iter().enumerate() {
                // a*b + wide + carry < 2^128: (2^64-1)^2 + 2(2^64-1) = 2^128-1.
                let cur = u128::from(a) * u128::from(b) + u128::from(wide[i + j]) + carry;
                wide[i + j] = cur as u64;
                carry = cur >> 64;
            }
            wide[i + LIMBS] = carry as u64;
        }
        let (low, high) = wide.split_at(LIMBS);
        if high.iter().any(|&l| l != 0) {
            return None;
        }
        let mut out = Mag::ZERO;
        out.0.copy_from_slice(low);
        Some(out)
    }

    fn bit(&self, i: usize) -> bool {
        self.0[i / 64] >> (i % 64) & 1 == 1
    }

    fn shl1_or(self, bit: bool) -> Mag {
        let mut out = Mag::ZERO;
        let mut carry = u64::from(bit);
        for (o, &l) in out.0.iter_mut().zip(self.0.iter()) {
            *o = (l << 1) | carry;
            carry = l >> 63;
        }
        out
    }

    /// `(self / d, self % d)`, truncating; `None` for `d == 0`.
    pub(super) fn divmod(self, d: Mag) -> Option<(Mag, Mag)> {
        if d.is_zero() {
            return None;
        }
        if let (Some(a), Some(b)) = (self.to_u128(), d.to_u128()) {
            return Some((Mag::from_u128(a / b), Mag::from_u128(a % b)));
        }
        // Binary long division, one bit at a time: 320 steps at most.
        let mut q = Mag::ZERO;
        let mut r = Mag::ZERO;
        for i in (0..64 * LIMBS).rev() {
            // r < d before the shift, so 2r + 1 < 2d ≤ 2^321: the shift may
            // drop a top bit only when d itself has its top bit set, and then
            // r >= d holds; `overflowed` keeps that case right.
            let overflowed = r.bit(64 * LIMBS - 1);
            r = r.shl1_or(self.bit(i));
            if overflowed || r.cmp(&d) != Ordering::Less {
                r = r.sub(d);
                q.0[i / 64] |= 1 << (i % 64);
            }
        }
        Some((q, r))
    }

    /// Python's `str(int)` of the magnitude.
    pub(super) fn to_decimal(self) -> String {
        if let Some(v) = self.to_u128() {
            return v.to_string();
        }
        // Peel off 19 decimal digits at a time (10^19 < 2^64).
        const CHUNK: u64 = 10_000_000_000_000_000_000;
        let mut chunks = Vec::new();
        let mut rest = self;
        while !rest.is_zero() {
            let mut rem = 0u128;
            for limb in rest.0.iter_mut().rev() {
                let cur = (rem << 64) | u128::from(*limb);
                *limb = (cur / u128::from(CHUNK)) as u64;
                rem = cur % u128::from(CHUNK);
            }
            chunks.push(rem as u64);
        }
        let mut out = String::new();
        for (i, chunk) in chunks.iter().rev().enumerate() {
            if i == 0 {
                out.push_str(&chunk.to_string());
            } else {
                out.push_str(&format!("{chunk:019}"));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn big(hex: &str) -> Mag {
        let mut m = Mag::ZERO;
        for c in hex.chars() {
            let d = Mag::from_u128(u128::from(c.to_digit(16).unwrap()));
            m = m
                .checked_mul(Mag::from_u128(16))
                .unwrap()
                .checked_add(d)
                .unwrap();
        }
        m
    }

    #[test]
    fn decimal_of_powers_of_two() {
        assert_eq!(
            Mag::power_of_two(128).to_decimal(),
            "340282366920938463463374607431768211456"
        );
        assert_eq!(
            Mag::power_of_two(256).to_decimal(),
            "115792089237316195423570985008687907853269984665640564039457584007913129639936"
        );
        assert_eq!(Mag::ZERO.to_decimal(), "0");
        assert_eq!(Mag::power_of_two(320), Mag::ZERO);
    }

    #[test]
    fn long_division_matches_multiplication() {
        let a = big("fedcba9876543210fedcba9876543210fedcba9876543210fedcba98765432");
        let d = big("123456789abcdef0123456789");
        let (q, r) = a.divmod(d).unwrap();
        assert_eq!(r.cmp(&d), Ordering::Less);
        assert_eq!(q.checked_mul(d).unwrap().checked_add(r), Some(a));
        // A divisor with the top bit set exercises the overflowed-shift case.
        let top = Mag([u64::MAX; LIMBS]);
        let d = Mag([1, 0, 0, 0, 1 << 63]);
        let (q, r) = top.divmod(d).unwrap();
        assert_eq!(q, Mag::from_u128(1));
        assert_eq!(r, top.sub(d));
        assert_eq!(top.checked_add(Mag::from_u128(1)), None);
        assert_eq!(top.checked_mul(Mag::from_u128(2)), None);
        assert_eq!(a.divmod(Mag::ZERO), None);
    }
}
