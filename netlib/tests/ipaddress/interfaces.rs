//! Interfaces against the vectors.

use super::networks::check_factory;
use super::*;

fn check_interface(r: &mut Report, ctx: &str, rec: &Value, i: &IpInterface) {
    r.eq(ctx, "str", &rec["str"], json!(i.to_string()));
    r.eq(ctx, "repr", &rec["repr"], json!(format!("{i:?}")));
    r.eq(ctx, "version", &rec["version"], json!(i.version()));
    r.eq(ctx, "ip", &rec["ip"], json!(format!("{:?}", i.ip())));
    r.eq(
        ctx,
        "network",
        &rec["network"],
        json!(format!("{:?}", i.network())),
    );
    r.eq(
        ctx,
        "netmask",
        &rec["netmask"],
        json!(format!("{:?}", i.netmask())),
    );
    r.eq(
        ctx,
        "hostmask",
        &rec["hostmask"],
        json!(format!("{:?}", i.hostmask())),
    );
    r.eq(
        ctx,
        "with_prefixlen",
        &rec["with_prefixlen"],
        json!(i.with_prefixlen()),
    );
    r.eq(
        ctx,
        "with_netmask",
        &rec["with_netmask"],
        json!(i.with_netmask()),
    );
    r.eq(
        ctx,
        "with_hostmask",
        &rec["with_hostmask"],
        json!(i.with_hostmask()),
    );
    r.eq(ctx, "exploded", &rec["exploded"], json!(i.exploded()));
    r.eq(ctx, "compressed", &rec["compressed"], json!(i.compressed()));
    r.eq(
        ctx,
        "reverse_pointer",
        &rec["reverse_pointer"],
        json!(i.reverse_pointer()),
    );
    r.eq(
        ctx,
        "packed",
        &rec["packed"],
        json!(hex::encode(i.packed())),
    );
    r.eq(
        ctx,
        "int",
        &rec["int"],
        json!(u128::from(i.ip()).to_string()),
    );
    let props: [(&str, bool); 7] = python_props!(i);
    for (name, value) in props {
        r.eq(ctx, name, &rec[name], json!(value));
    }
    if let IpInterface::V6(v6) = i {
        r.eq(
            ctx,
            "is_site_local",
            &rec["is_site_local"],
            json!(v6.is_site_local()),
        );
        r.eq(ctx, "scope_id", &rec["scope_id"], json!(v6.scope_id()));
    }
}

#[test]
fn interfaces_match_cpython() {
    let v = vectors();
    let mut r = Report::new();
    for rec in list(&v, "interfaces") {
        let input = text(rec, "input");
        check_factory(
            &mut r,
            &format!("ip_interface({input:?})"),
            &rec["result"],
            ip_interface(input),
            check_interface,
        );
    }
    r.finish();
}
