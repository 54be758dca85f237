//! netlib against CPython on the same 1,000,000 inputs (issue 5, part 2).
//!
//! Run it through `netlib/benches/run`, which writes the inputs
//! (`build/bench/inputs/`, fixed seed), runs this bench and the CPython
//! passes of `micro_python.py` (next to this file), and prints the ratios.
//!
//! One criterion iteration is one whole pass over the 1,000,000 items, so
//! the figure compares directly with a CPython `timeit` pass, with no
//! per-item scaling; `SamplingMode::Flat` and ten samples keep a bench to a
//! few seconds. Each pass keeps the same cheap count or sum as its CPython
//! twin, and an untimed full check (CRC-32 of every field) runs once per
//! operation; both are written to `$NETLIB_BENCH_CHECKSUMS` for the script
//! to compare with CPython's. Without that variable no check runs, so a
//! profile sees the pass alone:
//! `cargo bench -p netlib --bench micro -- --profile-time 5 urlparse`
//! (inputs from `$NETLIB_BENCH_INPUTS`, default `build/bench/inputs`).
//!
//! Under `cargo test --benches` (no `--bench` flag) each pass runs once on a
//! few built-in items: a test checks that the passes run, and 1,000,000
//! items in a debug build would take minutes.

use std::collections::BTreeMap;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{Criterion, SamplingMode, Throughput};
use netlib::binascii::hexlify;
use netlib::ipaddress::ip_address;
use netlib::socket::{inet_aton, inet_ntoa};
use netlib::urllib::parse::urlparse;

/// Named like the CPython checksum keys in `micro_python.py`.
type Checksum = BTreeMap<&'static str, u64>;

/// One operation: its timed pass and its untimed full check.
struct Op<'a> {
    name: &'static str,
    count: usize,
    pass: &'a dyn Fn() -> Checksum,
    verify: &'a dyn Fn() -> Checksum,
}

struct Inputs {
    addresses: Vec<String>,
    urls: Vec<String>,
    inet: Vec<String>,
    hex: Vec<[u8; 16]>,
}

fn pass_parse_classify(items: &[String]) -> Checksum {
    let (mut private, mut global, mut errors) = (0, 0, 0);
    for s in items {
        match ip_address(s.as_str()) {
            Ok(a) => {
                private += u64::from(a.is_private());
                global += u64::from(a.is_global());
            }
            Err(_) => errors += 1,
        }
    }
    Checksum::from([("private", private), ("global", global), ("errors", errors)])
}

fn pass_urlparse(items: &[String]) -> Checksum {
    let (mut errors, mut netloc_chars) = (0, 0);
    for u in items {
        match urlparse(u) {
            Ok(r) => netloc_chars += chars(&r.netloc),
            Err(_) => errors += 1,
        }
    }
    Checksum::from([("errors", errors), ("netloc_chars", netloc_chars)])
}

fn pass_inet(items: &[String]) -> Checksum {
    let (mut errors, mut total) = (0, 0);
    for s in items {
        match inet_aton(s).and_then(|packed| inet_ntoa(&packed)) {
            Ok(text) => total += text.len() as u64,
            Err(_) => errors += 1,
        }
    }
    Checksum::from([("errors", errors), ("chars", total)])
}

fn pass_hexlify(items: &[[u8; 16]]) -> Checksum {
    let mut total = 0;
    for b in items {
        // The last digit keeps the value in use, as in the CPython pass.
        total += hexlify(b).as_bytes().last().map_or(0, |&d| u64::from(d));
    }
    Checksum::from([("last_digit_sum", total)])
}

/// Python's `len(str)` (code points), so that non-ASCII text counts alike.
fn chars(s: &str) -> u64 {
    s.chars().count() as u64
}

fn verify_urlparse(items: &[String]) -> Checksum {
    let mut c = Checksum::new();
    let mut crc = Crc32::default();
    for u in items {
        let Ok(r) = urlparse(u) else {
            *c.entry("verify_errors").or_default() += 1;
            continue;
        };
        let fields = [
            &r.scheme,
            &r.netloc,
            &r.path,
            &r.params,
            &r.query,
            &r.fragment,
        ];
        *c.entry("verify_field_chars").or_default() += fields.iter().map(|f| chars(f)).sum::<u64>();
        for (i, f) in fields.iter().enumerate() {
            if i > 0 {
                crc.update(b"\x1f");
            }
            crc.update(f.as_bytes());
        }
        crc.update(b"\x1e");
        match r.port() {
            Ok(Some(port)) => {
                *c.entry("verify_ports").or_default() += 1;
                *c.entry("verify_port_sum").or_default() += u64::from(port);
            }
            Ok(None) => {}
            Err(_) => *c.entry("verify_port_errors").or_default() += 1,
        }
        if let Some(h) = r.hostname() {
            *c.entry("verify_hostnames").or_default() += 1;
            *c.entry("verify_hostname_chars").or_default() += chars(&h);
        }
        *c.entry("verify_usernames").or_default() += u64::from(r.username().is_some());
        *c.entry("verify_passwords").or_default() += u64::from(r.password().is_some());
    }
    c.insert("verify_fields_crc32", crc.value());
    for key in [
        "verify_errors",
        "verify_field_chars",
        "verify_ports",
        "verify_port_sum",
        "verify_port_errors",
        "verify_hostnames",
        "verify_hostname_chars",
        "verify_usernames",
        "verify_passwords",
    ] {
        c.entry(key).or_default();
    }
    c
}

fn verify_inet(items: &[String]) -> Checksum {
    let (mut errors, mut crc) = (0, Crc32::default());
    for s in items {
        match inet_aton(s).and_then(|packed| inet_ntoa(&packed)) {
            Ok(text) => {
                crc.update(text.as_bytes());
                crc.update(b"\n");
            }
            Err(_) => errors += 1,
        }
    }
    Checksum::from([
        ("verify_errors", errors),
        ("verify_text_crc32", crc.value()),
    ])
}

fn verify_hexlify(items: &[[u8; 16]]) -> Checksum {
    let mut crc = Crc32::default();
    for b in items {
        crc.update(hexlify(b).as_bytes());
    }
    Checksum::from([("verify_hex_crc32", crc.value())])
}

/// CRC-32 (IEEE, as Python's `zlib.crc32`), bit by bit: it runs once per
/// operation, outside the timings, so table-free is fast enough.
#[derive(Default)]
struct Crc32(u32);

impl Crc32 {
    fn update(&mut self, bytes: &[u8]) {
        let mut crc = !self.0;
        for &b in bytes {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = (crc >> 1) ^ (0xEDB8_8320 & (crc & 1).wrapping_neg());
            }
        }
        self.0 = !crc;
    }

    fn value(&self) -> u64 {
        u64::from(self.0)
    }
}

fn inputs_dir() -> PathBuf {
    match std::env::var_os("NETLIB_BENCH_INPUTS") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../build/bench/inputs"),
    }
}

fn read_lines(path: &Path) -> std::io::Result<Vec<String>> {
    Ok(std::fs::read_to_string(path)?
        .lines()
        .map(str::to_owned)
        .collect())
}

fn load_inputs(dir: &Path) -> std::io::Result<Inputs> {
    let raw = std::fs::read(dir.join("hex.bin"))?;
    let hex = raw
        .chunks_exact(16)
        .map(|c| <[u8; 16]>::try_from(c).unwrap_or_default())
        .collect();
    Ok(Inputs {
        addresses: read_lines(&dir.join("addresses.txt"))?,
        urls: read_lines(&dir.join("urls.txt"))?,
        inet: read_lines(&dir.join("inet.txt"))?,
        hex,
    })
}

/// A few items of each kind for `cargo test --benches` without input files.
fn smoke_inputs() -> Inputs {
    let own = |items: &[&str]| items.iter().map(|s| s.to_string()).collect();
    Inputs {
        addresses: own(&[
            "192.0.0.1",
            "8.8.8.8",
            "2001:db8::1",
            "::ffff:10.0.0.1",
            "300.1.1.1",
        ]),
        urls: own(&[
            "http://www.cwi.nl:80/%7Eguido/Python.html",
            "http://[::1/x",
            "//h:99999/p;q?a#f",
        ]),
        inet: own(&["127.1", "0x7f.1", "256.1.1.1"]),
        hex: vec![*b"0123456789abcdef", [0xff; 16]],
    }
}

fn main() {
    let benchmarking = std::env::args().any(|a| a == "--bench");
    let dir = inputs_dir();
    let inputs = match load_inputs(&dir) {
        // A test run checks that each pass runs, not 1,000,000 items in debug.
        _ if !benchmarking => smoke_inputs(),
        Ok(inputs) => inputs,
        Err(e) => {
            eprintln!(
                "cannot read the bench inputs in {} ({e}); run kernel-setup/bench/micro, \
                 which writes them",
                dir.display()
            );
            std::process::exit(2);
        }
    };

    let checksums_path = std::env::var_os("NETLIB_BENCH_CHECKSUMS");
    let mut checksums: BTreeMap<&str, Checksum> = BTreeMap::new();
    let ops = [
        Op {
            name: "parse_classify",
            count: inputs.addresses.len(),
            pass: &|| pass_parse_classify(&inputs.addresses),
            // The timed pass's counts are the whole check: a second pass
            // would add nothing but time.
            verify: &Checksum::new,
        },
        Op {
            name: "urlparse",
            count: inputs.urls.len(),
            pass: &|| pass_urlparse(&inputs.urls),
            verify: &|| verify_urlparse(&inputs.urls),
        },
        Op {
            name: "inet_aton_ntoa",
            count: inputs.inet.len(),
            pass: &|| pass_inet(&inputs.inet),
            verify: &|| verify_inet(&inputs.inet),
        },
        Op {
            name: "hexlify",
            count: inputs.hex.len(),
            pass: &|| pass_hexlify(&inputs.hex),
            verify: &|| verify_hexlify(&inputs.hex),
        },
    ];

    let measurement = std::env::var("NETLIB_BENCH_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3.0);
    let mut criterion = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs_f64(measurement))
        .configure_from_args();
    let mut group = criterion.benchmark_group("netlib_micro");
    group.sampling_mode(SamplingMode::Flat);
    for Op {
        name,
        count,
        pass,
        verify,
    } in ops
    {
        // Only for the script: a profiling run should see the pass alone.
        if checksums_path.is_some() {
            let mut checksum = pass();
            checksum.extend(verify());
            checksum.insert("items", count as u64);
            checksums.insert(name, checksum);
        }
        group.throughput(Throughput::Elements(count as u64));
        group.bench_function(name, |b| b.iter(|| black_box(pass())));
    }
    group.finish();
    criterion.final_summary();

    if let Some(path) = checksums_path {
        let text = serde_json::to_string_pretty(&checksums).unwrap_or_default();
        if let Err(e) = std::fs::write(&path, text + "\n") {
            eprintln!("cannot write {}: {e}", Path::new(&path).display());
            std::process::exit(2);
        }
    }
}
