//! The Rust (netlib) kernel's prelude, `kernel-setup/kernel/prelude.rs`, which the
//! install writes into every kernel's startup configuration: compiled here, so that
//! `cargo clippy --all-targets` and the compiler check it as they check netlib.

include!("../../kernel-setup/kernel/prelude.rs");

#[test]
fn the_prelude_brings_netlib_into_scope_and_shows_values_with_debug() {
    // `ip_address` comes from `use netlib::prelude::*;` at the top of the prelude.
    let addr = ip_address("192.0.0.1").unwrap();
    assert_eq!(format!("{addr:?}"), "IPv4Address('192.0.0.1')");
    // Any Debug value has evcxr_display through the prelude's blanket trait.
    NetlessonsShowDebug::evcxr_display(&vec![1, 2]);
}
