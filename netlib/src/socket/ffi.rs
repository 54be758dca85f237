//! The C library calls Python's `socket` module makes that neither `libc`
//! (0.2) nor `dns-lookup` bind, wrapped so the rest of the module stays safe.
//!
//! Signatures are glibc's (musl agrees); the crate targets Linux.

use std::ffi::{CStr, c_char, c_int, c_void};
use std::mem::MaybeUninit;
use std::ptr;

use libc::{hostent, in_addr, protoent, servent, size_t, socklen_t};

unsafe extern "C" {
    fn gethostbyname_r(
        name: *const c_char,
        ret: *mut hostent,
        buf: *mut c_char,
        buflen: size_t,
        result: *mut *mut hostent,
        h_errnop: *mut c_int,
    ) -> c_int;
    fn gethostbyaddr_r(
        addr: *const c_void,
        len: socklen_t,
        af: c_int,
        ret: *mut hostent,
        buf: *mut c_char,
        buflen: size_t,
        result: *mut *mut hostent,
        h_errnop: *mut c_int,
    ) -> c_int;
    fn getservbyname_r(
        name: *const c_char,
        proto: *const c_char,
        result_buf: *mut servent,
        buf: *mut c_char,
        buflen: size_t,
        result: *mut *mut servent,
    ) -> c_int;
    fn getservbyport_r(
        port: c_int,
        proto: *const c_char,
        result_buf: *mut servent,
        buf: *mut c_char,
        buflen: size_t,
        result: *mut *mut servent,
    ) -> c_int;
    fn getprotobyname_r(
        name: *const c_char,
        result_buf: *mut protoent,
        buf: *mut c_char,
        buflen: size_t,
        result: *mut *mut protoent,
    ) -> c_int;
    fn inet_aton(cp: *const c_char, inp: *mut in_addr) -> c_int;
    /// The thread's `h_errno` (glibc and musl both export it).
    fn __h_errno_location() -> *mut c_int;
    fn inet_pton(af: c_int, src: *const c_char, dst: *mut c_void) -> c_int;
    fn inet_ntop(af: c_int, src: *const c_void, dst: *mut c_char, size: socklen_t)
    -> *const c_char;
}

/// CPython starts with 16 KiB (and fails beyond it); we grow on `ERANGE`
/// up to this cap so a huge `/etc/hosts` entry still resolves.
const FIRST_BUF: usize = 16 * 1024;
const MAX_BUF: usize = 16 * 1024 * 1024;

/// `h_errno` value glibc reports with `ERANGE`.
const NETDB_INTERNAL: c_int = -1;

/// A `struct hostent` copied out of the C buffer.
pub(crate) struct HostEnt {
    pub name: String,
    pub aliases: Vec<String>,
    pub addrtype: c_int,
    pub addrs: Vec<Vec<u8>>,
}

/// Runs a `*_r` call with a growing buffer. `call` gets the buffer and
/// returns the C return value; it is retried only on `ERANGE`.
fn with_buffer<T>(mut call: impl FnMut(&mut [c_char]) -> (c_int, Option<T>)) -> (c_int, Option<T>) {
    let mut len = FIRST_BUF;
    loop {
        let mut buf: Vec<c_char> = vec![0; len];
        let (rc, out) = call(&mut buf);
        if rc != libc::ERANGE || len >= MAX_BUF {
            return (rc, out);
        }
        len *= 2;
    }
}

/// Copies a C string; hostnames that are not UTF-8 keep their valid parts
/// (CPython would raise `UnicodeDecodeError`).
///
/// # Safety
/// `p` must be null or point to a NUL-terminated string.
unsafe fn c_string(p: *const c_char) -> String {
    if p.is_null() {
        return String::new();
    }
    // SAFETY: the caller guarantees a NUL-terminated string.
    unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned()
}

/// Collects a NULL-terminated array of pointers.
///
/// # Safety
/// `list` must be null or point to a NULL-terminated array of pointers.
unsafe fn pointer_list(list: *mut *mut c_char) -> Vec<*mut c_char> {
    let mut out = Vec::new();
    if list.is_null() {
        return out;
    }
    let mut i = 0;
    loop {
        // SAFETY: the array is NULL-terminated and we stop at the NULL;
        // read_unaligned because CPython notes the array may be misaligned.
        let p = unsafe { ptr::read_unaligned(list.add(i)) };
        if p.is_null() {
            return out;
        }
        out.push(p);
        i += 1;
    }
}

/// Copies a `hostent` filled in by `gethostby*_r`.
///
/// # Safety
/// `h` must point to a `hostent` the C library just filled in, whose
/// buffer is still alive.
unsafe fn copy_hostent(h: *const hostent) -> HostEnt {
    // SAFETY: per the caller, every pointer in *h is valid now.
    unsafe {
        let h = &*h;
        let len = usize::try_from(h.h_length).unwrap_or(0);
        HostEnt {
            name: c_string(h.h_name),
            aliases: pointer_list(h.h_aliases)
                .into_iter()
                .map(|p| c_string(p))
                .collect(),
            addrtype: h.h_addrtype,
            addrs: pointer_list(h.h_addr_list)
                .into_iter()
                .map(|p| std::slice::from_raw_parts(p.cast::<u8>(), len).to_vec())
                .collect(),
        }
    }
}

/// The calling thread's `h_errno`, which CPython's `gethost_common()` reports
/// after a failed `gethostbyname_r`/`gethostbyaddr_r` instead of the code the
/// call wrote through its `h_errnop` argument. glibc does not always set the
/// global (a name the resolver rejects outright leaves it as it was), so
/// Python can say `[Errno 0] Resolver Error 0 (no error)`; reading the same
/// variable gives the same answer.
fn thread_h_errno() -> c_int {
    // SAFETY: __h_errno_location returns a valid pointer to this thread's
    // h_errno for the thread's whole life.
    unsafe { *__h_errno_location() }
}

/// The `hostent` out-parameters of one `gethostby*_r` attempt.
struct HostOut {
    ent: MaybeUninit<hostent>,
    result: *mut hostent,
    /// Written by glibc, but CPython ignores it (see `thread_h_errno`).
    herr: c_int,
}

/// Runs a `gethostby*_r` call, growing its buffer on `ERANGE`, and copies
/// the answer out; `Err` carries `h_errno`. `call` gets the buffer and the
/// out-parameters and returns the C function's result code.
fn host_call(mut call: impl FnMut(&mut [c_char], &mut HostOut) -> c_int) -> Result<HostEnt, c_int> {
    let (rc, out) = with_buffer(|buf| {
        let mut out = HostOut {
            ent: MaybeUninit::zeroed(),
            result: ptr::null_mut(),
            herr: 0,
        };
        let rc = call(buf, &mut out);
        if out.result.is_null() {
            (rc, Some(Err(thread_h_errno())))
        } else {
            // SAFETY: result points at `out.ent`, whose strings live in `buf`.
            (rc, Some(Ok(unsafe { copy_hostent(out.result) })))
        }
    });
    match out {
        Some(r) if rc != libc::ERANGE => r,
        _ => Err(NETDB_INTERNAL),
    }
}

/// `gethostbyname_r(name)`; `Err` carries `h_errno`.
pub(crate) fn host_by_name(name: &CStr) -> Result<HostEnt, c_int> {
    host_call(|buf, out| {
        // SAFETY: every pointer is valid for the call; buf.len() is its size.
        unsafe {
            gethostbyname_r(
                name.as_ptr(),
                out.ent.as_mut_ptr(),
                buf.as_mut_ptr(),
                buf.len(),
                &mut out.result,
                &mut out.herr,
            )
        }
    })
}

/// `gethostbyaddr_r(addr, len, af)`; `Err` carries `h_errno`.
pub(crate) fn host_by_addr(addr: &[u8], af: c_int) -> Result<HostEnt, c_int> {
    let Ok(addr_len) = socklen_t::try_from(addr.len()) else {
        return Err(NETDB_INTERNAL);
    };
    host_call(|buf, out| {
        // SAFETY: addr is valid for addr_len bytes, the rest as above.
        unsafe {
            gethostbyaddr_r(
                addr.as_ptr().cast(),
                addr_len,
                af,
                out.ent.as_mut_ptr(),
                buf.as_mut_ptr(),
                buf.len(),
                &mut out.result,
                &mut out.herr,
            )
        }
    })
}

fn opt_ptr(s: Option<&CStr>) -> *const c_char {
    s.map_or(ptr::null(), CStr::as_ptr)
}

/// Runs a `getservby*_r` call, growing its buffer on `ERANGE`; returns the
/// entry's `(s_name, port in host order)`. `call` gets the buffer and the
/// out-parameters and returns the C function's result code.
fn serv_call(
    mut call: impl FnMut(&mut [c_char], *mut servent, &mut *mut servent) -> c_int,
) -> Option<(String, u16)> {
    with_buffer(|buf| {
        let mut ent = MaybeUninit::<servent>::zeroed();
        let mut result: *mut servent = ptr::null_mut();
        let rc = call(buf, ent.as_mut_ptr(), &mut result);
        if result.is_null() {
            return (rc, None);
        }
        // SAFETY: result points at the filled-in `ent`, whose strings live in
        // `buf`; s_port holds the port in network order in the low 16 bits.
        let (sname, port) = unsafe { (c_string((*result).s_name), (*result).s_port) };
        (rc, Some((sname, u16::from_be(port as u16))))
    })
    .1
}

/// `getservbyname_r(name, proto)` → `(s_name, port in host order)`.
pub(crate) fn serv_by_name(name: &CStr, proto: Option<&CStr>) -> Option<(String, u16)> {
    serv_call(|buf, ent, result| {
        // SAFETY: strings are NUL-terminated, buffers sized as passed.
        unsafe {
            getservbyname_r(
                name.as_ptr(),
                opt_ptr(proto),
                ent,
                buf.as_mut_ptr(),
                buf.len(),
                result,
            )
        }
    })
}

/// `getservbyport_r(port, proto)`; `port` is already in network order.
pub(crate) fn serv_by_port(port: c_int, proto: Option<&CStr>) -> Option<String> {
    serv_call(|buf, ent, result| {
        // SAFETY: as in serv_by_name.
        unsafe {
            getservbyport_r(
                port,
                opt_ptr(proto),
                ent,
                buf.as_mut_ptr(),
                buf.len(),
                result,
            )
        }
    })
    .map(|(name, _)| name)
}

/// `getprotobyname_r(name)` → `p_proto`.
pub(crate) fn proto_by_name(name: &CStr) -> Option<i32> {
    with_buffer(|buf| {
        let mut ent = MaybeUninit::<protoent>::zeroed();
        let mut result: *mut protoent = ptr::null_mut();
        // SAFETY: as in serv_by_name.
        let rc = unsafe {
            getprotobyname_r(
                name.as_ptr(),
                ent.as_mut_ptr(),
                buf.as_mut_ptr(),
                buf.len(),
                &mut result,
            )
        };
        if result.is_null() {
            return (rc, None);
        }
        // SAFETY: result points at the filled-in `ent`.
        (rc, Some(unsafe { (*result).p_proto }))
    })
    .1
}

/// `inet_aton(cp)`: the C library's own parser, so every short form it
/// accepts (`127.1`, `0x7f.1`, trailing text after a space) is accepted.
pub(crate) fn aton(cp: &CStr) -> Option<[u8; 4]> {
    let mut addr = in_addr { s_addr: 0 };
    // SAFETY: cp is NUL-terminated, addr is a valid in_addr.
    let ok = unsafe { inet_aton(cp.as_ptr(), &mut addr) };
    // s_addr is in network order, i.e. its bytes in memory are the octets.
    (ok != 0).then(|| addr.s_addr.to_ne_bytes())
}

/// `inet_pton(af, src)`: `Ok(Some(bytes))` parsed, `Ok(None)` rejected,
/// `Err(errno)` for an unsupported family.
pub(crate) fn pton(af: c_int, src: &CStr) -> Result<Option<[u8; 16]>, c_int> {
    let mut out = [0u8; 16];
    // SAFETY: 16 bytes hold an in6_addr, the largest result inet_pton
    // writes for any family it supports.
    let rc = unsafe { inet_pton(af, src.as_ptr(), out.as_mut_ptr().cast()) };
    match rc {
        1.. => Ok(Some(out)),
        0 => Ok(None),
        _ => Err(std::io::Error::last_os_error()
            .raw_os_error()
            .unwrap_or(libc::EAFNOSUPPORT)),
    }
}

/// `inet_ntop(af, src)`; the caller checks `src` has the family's length.
pub(crate) fn ntop(af: c_int, src: &[u8]) -> Result<String, c_int> {
    let mut buf = [0 as c_char; 64];
    let need = match af {
        libc::AF_INET => 4,
        libc::AF_INET6 => 16,
        _ => return Err(libc::EAFNOSUPPORT),
    };
    if src.len() != need {
        return Err(libc::EINVAL);
    }
    // SAFETY: src holds the family's address size (checked), buf is 64
    // bytes, more than INET6_ADDRSTRLEN (46).
    let p = unsafe { inet_ntop(af, src.as_ptr().cast(), buf.as_mut_ptr(), 64) };
    if p.is_null() {
        return Err(std::io::Error::last_os_error()
            .raw_os_error()
            .unwrap_or(libc::EINVAL));
    }
    // SAFETY: on success inet_ntop wrote a NUL-terminated string into buf.
    Ok(unsafe { c_string(buf.as_ptr()) })
}

/// `hstrerror(code)`: glibc's text for an `h_errno`.
pub(crate) fn hstrerror(code: c_int) -> String {
    // SAFETY: hstrerror returns a pointer to a static string for any code.
    unsafe { c_string(libc::hstrerror(code)) }
}

/// `gai_strerror(code)`: glibc's text for an `EAI_*` code.
pub(crate) fn gai_strerror(code: c_int) -> String {
    // SAFETY: gai_strerror returns a pointer to a static string for any code.
    unsafe { c_string(libc::gai_strerror(code)) }
}

/// One entry of a `getaddrinfo` result, copied out of the C list.
pub(crate) struct AddrInfoEnt {
    pub(crate) family: c_int,
    pub(crate) socktype: c_int,
    pub(crate) protocol: c_int,
    pub(crate) canonname: String,
    /// `None` for a family other than IPv4/IPv6 (getaddrinfo on Linux
    /// returns none).
    pub(crate) addr: Option<std::net::SocketAddr>,
}

/// A `sockaddr` from the C library as Python's `makesockaddr()` reads it:
/// ports and IPv6 flow labels to host order, the scope id as it is.
///
/// # Safety
/// `sa` must point to `len` readable bytes of a socket address.
unsafe fn copy_sockaddr(sa: *const libc::sockaddr, len: socklen_t) -> Option<std::net::SocketAddr> {
    use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr, SocketAddrV4, SocketAddrV6};
    if sa.is_null() {
        return None;
    }
    // SAFETY: the caller guarantees `len` readable bytes; each branch checks
    // that they hold the whole structure it reads (unaligned reads: the C
    // library's buffer promises no alignment for the wider type).
    unsafe {
        match c_int::from((*sa).sa_family) {
            libc::AF_INET if len as usize >= std::mem::size_of::<libc::sockaddr_in>() => {
                let sin = ptr::read_unaligned(sa.cast::<libc::sockaddr_in>());
                Some(SocketAddr::V4(SocketAddrV4::new(
                    Ipv4Addr::from(u32::from_be(sin.sin_addr.s_addr)),
                    u16::from_be(sin.sin_port),
                )))
            }
            libc::AF_INET6 if len as usize >= std::mem::size_of::<libc::sockaddr_in6>() => {
                let sin6 = ptr::read_unaligned(sa.cast::<libc::sockaddr_in6>());
                Some(SocketAddr::V6(SocketAddrV6::new(
                    Ipv6Addr::from(sin6.sin6_addr.s6_addr),
                    u16::from_be(sin6.sin6_port),
                    u32::from_be(sin6.sin6_flowinfo),
                    sin6.sin6_scope_id,
                )))
            }
            _ => None,
        }
    }
}

/// `getaddrinfo(3)` with the arguments CPython passes (`None` = `NULL`).
/// `Err((code, errno))`: the `EAI_*` code, and `errno` for `EAI_SYSTEM`.
/// dns-lookup's wrapper is not used here: it refuses a `NULL` host with a
/// `NULL` service itself, and panics on a canonical name that is not UTF-8.
pub(crate) fn getaddrinfo(
    host: Option<&CStr>,
    service: Option<&CStr>,
    hints: (c_int, c_int, c_int, c_int),
) -> Result<Vec<AddrInfoEnt>, (c_int, c_int)> {
    let (family, socktype, protocol, flags) = hints;
    // SAFETY: an all-zero addrinfo is the documented "no hints" value.
    let mut hint: libc::addrinfo = unsafe { std::mem::zeroed() };
    hint.ai_family = family;
    hint.ai_socktype = socktype;
    hint.ai_protocol = protocol;
    hint.ai_flags = flags;
    let mut res: *mut libc::addrinfo = ptr::null_mut();
    // SAFETY: the strings are NUL-terminated or NULL, `hint` is initialised
    // and `res` receives a list we free below.
    let code = unsafe {
        libc::getaddrinfo(
            host.map_or(ptr::null(), CStr::as_ptr),
            service.map_or(ptr::null(), CStr::as_ptr),
            &hint,
            &mut res,
        )
    };
    if code != 0 {
        let errno = std::io::Error::last_os_error().raw_os_error().unwrap_or(0);
        return Err((code, errno));
    }
    let mut out = Vec::new();
    let mut cur = res;
    while !cur.is_null() {
        // SAFETY: `cur` is a node of the list getaddrinfo returned, alive
        // until freeaddrinfo; its strings and sockaddr belong to it.
        unsafe {
            let a = &*cur;
            out.push(AddrInfoEnt {
                family: a.ai_family,
                socktype: a.ai_socktype,
                protocol: a.ai_protocol,
                canonname: c_string(a.ai_canonname),
                addr: copy_sockaddr(a.ai_addr, a.ai_addrlen),
            });
            cur = a.ai_next;
        }
    }
    if !res.is_null() {
        // SAFETY: `res` came from a successful getaddrinfo and is freed once.
        unsafe { libc::freeaddrinfo(res) };
    }
    Ok(out)
}
