//! Networks and their relations (subnets, supernets, exclusion, ordering) against the vectors.

use super::*;

fn check_network(r: &mut Report, ctx: &str, rec: &Value, n: &IpNetwork) {
    r.eq(ctx, "str", &rec["str"], json!(n.to_string()));
    r.eq(ctx, "repr", &rec["repr"], json!(format!("{n:?}")));
    r.eq(ctx, "version", &rec["version"], json!(n.version()));
    r.eq(
        ctx,
        "network_address",
        &rec["network_address"],
        json!(format!("{:?}", n.network_address())),
    );
    r.eq(
        ctx,
        "broadcast_address",
        &rec["broadcast_address"],
        json!(format!("{:?}", n.broadcast_address())),
    );
    r.eq(
        ctx,
        "netmask",
        &rec["netmask"],
        json!(format!("{:?}", n.netmask())),
    );
    r.eq(
        ctx,
        "hostmask",
        &rec["hostmask"],
        json!(format!("{:?}", n.hostmask())),
    );
    r.eq(ctx, "prefixlen", &rec["prefixlen"], json!(n.prefixlen()));
    r.eq(
        ctx,
        "num_addresses",
        &rec["num_addresses"],
        json!(n.num_addresses().to_string()),
    );
    r.eq(
        ctx,
        "with_prefixlen",
        &rec["with_prefixlen"],
        json!(n.with_prefixlen()),
    );
    r.eq(
        ctx,
        "with_netmask",
        &rec["with_netmask"],
        json!(n.with_netmask()),
    );
    r.eq(
        ctx,
        "with_hostmask",
        &rec["with_hostmask"],
        json!(n.with_hostmask()),
    );
    r.eq(ctx, "compressed", &rec["compressed"], json!(n.compressed()));
    let scope = text(rec, "str")
        .split_once('%')
        .map(|(_, rest)| rest.rsplit_once('/').map_or(rest, |(s, _)| s).to_owned());
    let allowed_exploded = scope.as_ref().map(|s| {
        let unscoped = text(rec, "unscoped_exploded");
        match unscoped.rsplit_once('/') {
            Some((addr, len)) => format!("{addr}%{s}/{len}"),
            None => unscoped.to_owned(),
        }
    });
    r.eq_or_rule(
        "networks",
        ctx,
        "exploded",
        &rec["exploded"],
        json!(n.exploded()),
        allowed_exploded,
    );
    let allowed_ptr = scope.map(|_| text(rec, "unscoped_reverse_pointer").to_owned());
    r.eq_or_rule(
        "networks",
        ctx,
        "reverse_pointer",
        &rec["reverse_pointer"],
        json!(n.reverse_pointer()),
        allowed_ptr,
    );
    let reprs = |it: &mut dyn Iterator<Item = IpAddress>, k: usize| -> Value {
        json!(it.take(k).map(|a| format!("{a:?}")).collect::<Vec<_>>())
    };
    r.eq(
        ctx,
        "first_hosts",
        &rec["first_hosts"],
        reprs(&mut n.hosts(), 3),
    );
    r.eq(
        ctx,
        "first_addresses",
        &rec["first_addresses"],
        reprs(&mut n.iter(), 3),
    );
    let strs = |res: Result<ipaddress::Iter<IpNetwork>, Error>, k: usize| -> Value {
        match res {
            Ok(it) => json!(it.take(k).map(|s| s.to_string()).collect::<Vec<_>>()),
            Err(e) => err(&e),
        }
    };
    r.eq(ctx, "subnets", &rec["subnets"], strs(n.subnets(1), 4));
    r.eq(
        ctx,
        "subnets_diff3",
        &rec["subnets_diff3"],
        strs(n.subnets(3), 4),
    );
    r.eq(
        ctx,
        "subnets_new_prefix_24",
        &rec["subnets_new_prefix_24"],
        strs(n.subnets_new_prefix(24), 3),
    );
    r.eq(ctx, "supernet", &rec["supernet"], str_or_err(n.supernet(1)));
    r.eq(
        ctx,
        "supernet_diff5",
        &rec["supernet_diff5"],
        str_or_err(n.supernet(5)),
    );
    r.eq(
        ctx,
        "supernet_new_prefix_16",
        &rec["supernet_new_prefix_16"],
        str_or_err(n.supernet_new_prefix(16)),
    );
    if let Some(count) = rec.get("hosts_count") {
        r.eq(ctx, "hosts_count", count, json!(n.hosts().count()));
        let mut last: Vec<String> = n.hosts().rev().take(3).map(|a| format!("{a:?}")).collect();
        last.reverse();
        r.eq(ctx, "last_hosts", &rec["last_hosts"], json!(last));
    }
    let props: [(&str, bool); 7] = python_props!(n);
    for (name, value) in props {
        r.eq(ctx, name, &rec[name], json!(value));
    }
    if n.version() == 6 {
        r.eq(
            ctx,
            "is_site_local",
            &rec["is_site_local"],
            json!(n.is_site_local()),
        );
    }
}

pub(super) fn check_factory<T>(
    r: &mut Report,
    ctx: &str,
    expected: &Value,
    actual: Result<T, Error>,
    check: fn(&mut Report, &str, &Value, &T),
) {
    match (expected.get("ok"), actual) {
        (Some(rec), Ok(v)) => check(r, ctx, rec, &v),
        (None, Err(e)) => r.eq(ctx, "error", expected, err(&e)),
        (Some(_), Err(e)) => r.eq(ctx, "result", expected, err(&e)),
        (None, Ok(_)) => r.eq(ctx, "result", expected, json!("netlib accepted it")),
    }
}

#[test]
fn networks_match_cpython() {
    let v = vectors();
    let mut r = Report::new();
    for rec in list(&v, "networks") {
        let input = text(rec, "input");
        check_factory(
            &mut r,
            &format!("ip_network({input:?})"),
            &rec["strict"],
            ip_network(input),
            check_network,
        );
        check_factory(
            &mut r,
            &format!("ip_network({input:?}, strict=False)"),
            &rec["loose"],
            ip_network_loose(input),
            check_network,
        );
        let ctx = format!("{input:?}");
        r.eq(
            &ctx,
            "IPv4Network",
            &rec["IPv4Network"],
            repr_or_err(Ipv4Network::new(input, true)),
        );
        r.eq(
            &ctx,
            "IPv4Network (FromStr)",
            &rec["IPv4Network"],
            repr_or_err(input.parse::<Ipv4Network>()),
        );
        r.eq(
            &ctx,
            "IPv6Network",
            &rec["IPv6Network"],
            repr_or_err(Ipv6Network::new(input, true)),
        );
        r.eq(
            &ctx,
            "IPv6Network (FromStr)",
            &rec["IPv6Network"],
            repr_or_err(input.parse::<Ipv6Network>()),
        );
        r.eq(
            &ctx,
            "IpNetwork (FromStr)",
            &strict_repr(&rec["strict"]),
            repr_or_err(input.parse::<IpNetwork>()),
        );
    }
    for rec in list(&v, "pairs") {
        let addr = text(rec, "addr");
        let ctx = format!("({addr:?}, {})", rec["mask"]);
        if let Some(mask) = rec["mask"].as_u64() {
            let mask = u32::try_from(mask).expect("small mask");
            r.eq(
                &ctx,
                "ip_network",
                &rec["ip_network"],
                repr_or_err(ip_network((addr, mask))),
            );
            r.eq(
                &ctx,
                "ip_network_loose",
                &rec["ip_network_loose"],
                repr_or_err(ip_network_loose((addr, mask))),
            );
            r.eq(
                &ctx,
                "ip_interface",
                &rec["ip_interface"],
                repr_or_err(ip_interface((addr, mask))),
            );
            r.eq(
                &ctx,
                "ip_address",
                &rec["ip_address"],
                repr_or_err(ip_address((addr, mask))),
            );
        } else {
            let mask = text(rec, "mask");
            r.eq(
                &ctx,
                "ip_network",
                &rec["ip_network"],
                repr_or_err(ip_network((addr, mask))),
            );
            r.eq(
                &ctx,
                "ip_network_loose",
                &rec["ip_network_loose"],
                repr_or_err(ip_network_loose((addr, mask))),
            );
            r.eq(
                &ctx,
                "ip_interface",
                &rec["ip_interface"],
                repr_or_err(ip_interface((addr, mask))),
            );
            r.eq(
                &ctx,
                "ip_address",
                &rec["ip_address"],
                repr_or_err(ip_address((addr, mask))),
            );
        }
    }
    r.finish();
}

fn strict_repr(expected: &Value) -> Value {
    match expected.get("ok") {
        Some(rec) => rec["repr"].clone(),
        None => expected.clone(),
    }
}

#[test]
fn network_relations_match_cpython() {
    let v = vectors();
    let mut r = Report::new();
    for rec in list(&v, "relations") {
        let a = ip_network(text(rec, "a")).expect("a");
        let b = ip_network(text(rec, "b")).expect("b");
        let ctx = format!("{a} vs {b}");
        r.eq(&ctx, "overlaps", &rec["overlaps"], json!(a.overlaps(&b)));
        let boolean = |res: Result<bool, Error>| match res {
            Ok(x) => json!(x),
            Err(e) => err(&e),
        };
        r.eq(
            &ctx,
            "subnet_of",
            &rec["subnet_of"],
            boolean(a.subnet_of(&b)),
        );
        r.eq(
            &ctx,
            "supernet_of",
            &rec["supernet_of"],
            boolean(a.supernet_of(&b)),
        );
        let cmp = match a.compare_networks(&b) {
            Ok(o) => json!(o as i8),
            Err(e) => err(&e),
        };
        r.eq(&ctx, "compare_networks", &rec["compare_networks"], cmp);
        r.eq(
            &ctx,
            "contains_network_address",
            &rec["contains_network_address"],
            json!(a.contains(&b.network_address())),
        );
        r.eq(&ctx, "eq", &rec["eq"], json!(a == b));
        let excl = match a.address_exclude(&b) {
            Ok(list) => json!(list.iter().map(|n| n.to_string()).collect::<Vec<_>>()),
            Err(e) => err(&e),
        };
        r.eq(&ctx, "address_exclude", &rec["address_exclude"], excl);
    }
    r.finish();
}
