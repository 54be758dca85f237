//! The seven `is_*` properties Python's ipaddress gives addresses, networks
//! and interfaces alike, in Python's order, for the tests that compare them
//! with CPython (`tests/ipaddress/`, the differential test). A macro, not a
//! function: the three kinds share the method names, not a trait.

macro_rules! python_props {
    ($x:expr) => {{
        let x = &$x;
        [
            ("is_private", x.is_private()),
            ("is_global", x.is_global()),
            ("is_reserved", x.is_reserved()),
            ("is_multicast", x.is_multicast()),
            ("is_loopback", x.is_loopback()),
            ("is_link_local", x.is_link_local()),
            ("is_unspecified", x.is_unspecified()),
        ]
    }};
}
