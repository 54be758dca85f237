//! Python's `resource` module (Unix): the process's limits and its resource
//! usage, with Python's values and error texts.
//!
//! A server that holds a thousand connections needs more than the usual
//! 1,024 open files (every socket is a file descriptor); lesson 07 raises
//! the soft limit of `RLIMIT_NOFILE` up to the hard one first, as a Python
//! program does with `resource.setrlimit`.
//!
//! ```
//! use netlib::resource::{self, RLIMIT_NOFILE};
//!
//! // Python: soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
//! let (soft, hard) = resource::getrlimit(RLIMIT_NOFILE)?;
//! // Python: resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
//! resource::setrlimit(RLIMIT_NOFILE, (hard, hard))?;
//! assert_eq!(resource::getrlimit(RLIMIT_NOFILE)?, (hard, hard));
//! # resource::setrlimit(RLIMIT_NOFILE, (soft, hard))?;
//! # Ok::<(), resource::Error>(())
//! ```
//!
//! Limits are `i64` as Python's `int`s are: [`RLIM_INFINITY`] is `-1`, and a
//! negative value given to [`setrlimit`] is read as C's unsigned `rlim_t`,
//! as CPython reads it.

use std::fmt;

crate::exception::python_error! {
    /// Which Python exception an [`Error`] is.
    ///
    /// ```
    /// use netlib::resource::{self, ErrorKind};
    /// // Python: resource.getrlimit(99)  ->  ValueError: invalid resource specified
    /// assert_eq!(resource::getrlimit(99).unwrap_err().kind(), ErrorKind::ValueError);
    /// ```
    pub enum ErrorKind {
        /// `ValueError`: `invalid resource specified`, `current limit exceeds
        /// maximum limit` (soft above hard, `EINVAL`), `not allowed to raise
        /// maximum limit` (`EPERM`: only a privileged process may raise the
        /// hard limit), `invalid who parameter`.
        ValueError => "ValueError",
        /// `OSError`: any other failure of the system call, `[Errno N] text`.
        OSError => "OSError",
    }

    /// The error of every fallible `resource` function; `Display` is
    /// Python's `str(exc)`.
    ///
    /// ```
    /// use netlib::resource::{self, RLIMIT_NOFILE};
    /// // Python: resource.setrlimit(resource.RLIMIT_NOFILE, (2, 1))
    /// let err = resource::setrlimit(RLIMIT_NOFILE, (2, 1)).unwrap_err();
    /// assert_eq!(err.to_string(), "current limit exceeds maximum limit");
    /// ```
    #[derive(Hash)]
    pub struct Error {}
    debug: "ValueError('invalid resource specified')",
    example: {
        module: netlib::resource,
        python: "resource.getrlimit(99)",
        rust: resource::getrlimit(99),
        kind: ValueError,
        class: "ValueError",
        message: "invalid resource specified",
    }
}

impl Error {
    fn invalid_resource() -> Self {
        Error::new(ErrorKind::ValueError, "invalid resource specified")
    }

    /// `OSError` from the C library's `errno`, `[Errno N] text`.
    fn os(errno: i32) -> Self {
        let text = crate::exception::strerror(errno);
        Error::new(ErrorKind::OSError, format!("[Errno {errno}] {text}"))
            .with_args(format!("{errno}, {}", crate::repr::str_repr(&text)))
    }
}

/// Python `resource.RLIM_INFINITY`: no limit.
pub const RLIM_INFINITY: i64 = -1;
/// Python `resource.RLIMIT_CPU`: CPU time in seconds.
pub const RLIMIT_CPU: i32 = 0;
/// Python `resource.RLIMIT_FSIZE`: largest file the process may create.
pub const RLIMIT_FSIZE: i32 = 1;
/// Python `resource.RLIMIT_DATA`: heap size.
pub const RLIMIT_DATA: i32 = 2;
/// Python `resource.RLIMIT_STACK`: the main thread's stack size.
pub const RLIMIT_STACK: i32 = 3;
/// Python `resource.RLIMIT_CORE`: core file size.
pub const RLIMIT_CORE: i32 = 4;
/// Python `resource.RLIMIT_NPROC`: processes (and threads) of the user.
pub const RLIMIT_NPROC: i32 = 6;
/// Python `resource.RLIMIT_NOFILE`: open file descriptors, sockets included.
#[doc(alias = "ulimit -n")]
pub const RLIMIT_NOFILE: i32 = 7;
/// Python `resource.RLIMIT_AS`: address space (virtual memory).
pub const RLIMIT_AS: i32 = 9;
/// Python `resource.RUSAGE_SELF`: the calling process (all its threads).
pub const RUSAGE_SELF: i32 = 0;
/// Python `resource.RUSAGE_CHILDREN`: its terminated, waited-for children.
pub const RUSAGE_CHILDREN: i32 = -1;
/// Python `resource.RUSAGE_THREAD`: the calling thread only (Linux).
pub const RUSAGE_THREAD: i32 = 1;

/// Linux's `RLIM_NLIMITS`: resources are `0..16`; CPython refuses others
/// before calling the system.
const RLIM_NLIMITS: i32 = 16;

fn errno() -> i32 {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
}

fn check_resource(resource: i32) -> Result<libc::__rlimit_resource_t, Error> {
    if (0..RLIM_NLIMITS).contains(&resource) {
        // 0..16 fits every platform's type for the resource number.
        Ok(resource as libc::__rlimit_resource_t)
    } else {
        Err(Error::invalid_resource())
    }
}

/// Python `resource.getrlimit(resource)`: the `(soft, hard)` limits, `-1`
/// for [`RLIM_INFINITY`].
///
/// ```
/// use netlib::resource::{self, RLIMIT_NOFILE};
/// // Python: resource.getrlimit(resource.RLIMIT_NOFILE)  ->  (1024, 524288) on many machines
/// let (soft, hard) = resource::getrlimit(RLIMIT_NOFILE)?;
/// assert!(soft <= hard || hard == resource::RLIM_INFINITY);
/// // Python: resource.getrlimit(-1)  ->  ValueError: invalid resource specified
/// assert_eq!(resource::getrlimit(-1).unwrap_err().to_string(), "invalid resource specified");
/// # Ok::<(), resource::Error>(())
/// ```
pub fn getrlimit(resource: i32) -> Result<(i64, i64), Error> {
    let which = check_resource(resource)?;
    let mut rl = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: `rl` is a valid, writable rlimit; the resource number is checked.
    if unsafe { libc::getrlimit(which, &mut rl) } == -1 {
        return Err(Error::os(errno()));
    }
    // rlim_t is unsigned; Python shows it as a C long long (infinity is -1).
    Ok((rl.rlim_cur as i64, rl.rlim_max as i64))
}

/// Python `resource.setrlimit(resource, (soft, hard))`.
///
/// Any process may lower its hard limit and move its soft limit up to the
/// hard one; raising the hard limit needs privilege (`CAP_SYS_RESOURCE`).
///
/// ```
/// use netlib::resource::{self, RLIMIT_NOFILE};
/// let (soft, hard) = resource::getrlimit(RLIMIT_NOFILE)?;
/// // Python: resource.setrlimit(resource.RLIMIT_NOFILE, (hard + 1, hard))
/// let err = resource::setrlimit(RLIMIT_NOFILE, (hard + 1, hard)).unwrap_err();
/// assert_eq!(format!("{err:?}"), "ValueError('current limit exceeds maximum limit')");
/// // Python: resource.setrlimit(99, (1, 1))  ->  ValueError: invalid resource specified
/// assert_eq!(resource::setrlimit(99, (1, 1)).unwrap_err().to_string(), "invalid resource specified");
/// // Python: resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))   (unchanged)
/// resource::setrlimit(RLIMIT_NOFILE, (soft, hard))?;
/// # Ok::<(), resource::Error>(())
/// ```
pub fn setrlimit(resource: i32, limits: (i64, i64)) -> Result<(), Error> {
    let which = check_resource(resource)?;
    let rl = libc::rlimit {
        rlim_cur: limits.0 as libc::rlim_t,
        rlim_max: limits.1 as libc::rlim_t,
    };
    // SAFETY: `rl` is a valid rlimit; the resource number is checked.
    if unsafe { libc::setrlimit(which, &rl) } == -1 {
        return Err(match errno() {
            libc::EINVAL => {
                Error::new(ErrorKind::ValueError, "current limit exceeds maximum limit")
            }
            libc::EPERM => Error::new(ErrorKind::ValueError, "not allowed to raise maximum limit"),
            n => Error::os(n),
        });
    }
    Ok(())
}

/// Python `resource.struct_rusage`, what [`getrusage`] returns. Times are
/// seconds; `ru_maxrss` is the peak resident set size in kilobytes (Linux).
/// `Debug` is Python's repr.
///
/// ```
/// use netlib::resource::{self, RUSAGE_SELF};
/// // Python: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss   (KiB, the peak so far)
/// let usage = resource::getrusage(RUSAGE_SELF)?;
/// assert!(usage.ru_maxrss > 0);
/// assert!(format!("{usage:?}").starts_with("resource.struct_rusage(ru_utime="));
/// # Ok::<(), resource::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Default)]
#[allow(missing_docs)] // the fields are C's and Python's, named as there
pub struct StructRusage {
    pub ru_utime: f64,
    pub ru_stime: f64,
    pub ru_maxrss: i64,
    pub ru_ixrss: i64,
    pub ru_idrss: i64,
    pub ru_isrss: i64,
    pub ru_minflt: i64,
    pub ru_majflt: i64,
    pub ru_nswap: i64,
    pub ru_inblock: i64,
    pub ru_oublock: i64,
    pub ru_msgsnd: i64,
    pub ru_msgrcv: i64,
    pub ru_nsignals: i64,
    pub ru_nvcsw: i64,
    pub ru_nivcsw: i64,
}

/// Python's `repr(float)` (shortest round-trip digits, as Rust's `Debug`),
/// with Python's exponent spelling (`1e-05`, `1e+16`).
fn float_repr(x: f64) -> String {
    let text = format!("{x:?}");
    match text.split_once('e') {
        Some((mantissa, exp)) => {
            let (sign, digits) = match exp.strip_prefix('-') {
                Some(d) => ('-', d),
                None => ('+', exp),
            };
            format!("{mantissa}e{sign}{digits:0>2}").replace(".0e", "e")
        }
        None => text,
    }
}

impl fmt::Debug for StructRusage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "resource.struct_rusage(ru_utime={}, ru_stime={}",
            float_repr(self.ru_utime),
            float_repr(self.ru_stime)
        )?;
        let ints = [
            ("ru_maxrss", self.ru_maxrss),
            ("ru_ixrss", self.ru_ixrss),
            ("ru_idrss", self.ru_idrss),
            ("ru_isrss", self.ru_isrss),
            ("ru_minflt", self.ru_minflt),
            ("ru_majflt", self.ru_majflt),
            ("ru_nswap", self.ru_nswap),
            ("ru_inblock", self.ru_inblock),
            ("ru_oublock", self.ru_oublock),
            ("ru_msgsnd", self.ru_msgsnd),
            ("ru_msgrcv", self.ru_msgrcv),
            ("ru_nsignals", self.ru_nsignals),
            ("ru_nvcsw", self.ru_nvcsw),
            ("ru_nivcsw", self.ru_nivcsw),
        ];
        for (name, value) in ints {
            write!(f, ", {name}={value}")?;
        }
        f.write_str(")")
    }
}

/// Python `resource.getrusage(who)`: [`RUSAGE_SELF`], [`RUSAGE_CHILDREN`]
/// or [`RUSAGE_THREAD`].
///
/// ```
/// use netlib::resource::{self, RUSAGE_SELF};
/// // Python: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
/// let peak_kib = resource::getrusage(RUSAGE_SELF)?.ru_maxrss;
/// assert!(peak_kib > 0);
/// // Python: resource.getrusage(5)  ->  ValueError: invalid who parameter
/// assert_eq!(resource::getrusage(5).unwrap_err().to_string(), "invalid who parameter");
/// # Ok::<(), resource::Error>(())
/// ```
pub fn getrusage(who: i32) -> Result<StructRusage, Error> {
    // SAFETY: an all-zero rusage is a valid value of this plain C struct.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `ru` is valid and writable; the kernel checks `who`.
    if unsafe { libc::getrusage(who, &mut ru) } == -1 {
        return Err(match errno() {
            libc::EINVAL => Error::new(ErrorKind::ValueError, "invalid who parameter"),
            n => Error::os(n),
        });
    }
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 * 0.000001;
    Ok(StructRusage {
        ru_utime: secs(ru.ru_utime),
        ru_stime: secs(ru.ru_stime),
        ru_maxrss: ru.ru_maxrss as i64,
        ru_ixrss: ru.ru_ixrss as i64,
        ru_idrss: ru.ru_idrss as i64,
        ru_isrss: ru.ru_isrss as i64,
        ru_minflt: ru.ru_minflt as i64,
        ru_majflt: ru.ru_majflt as i64,
        ru_nswap: ru.ru_nswap as i64,
        ru_inblock: ru.ru_inblock as i64,
        ru_oublock: ru.ru_oublock as i64,
        ru_msgsnd: ru.ru_msgsnd as i64,
        ru_msgrcv: ru.ru_msgrcv as i64,
        ru_nsignals: ru.ru_nsignals as i64,
        ru_nvcsw: ru.ru_nvcsw as i64,
        ru_nivcsw: ru.ru_nivcsw as i64,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_repr_spells_exponents_as_python() {
        assert_eq!(float_repr(0.0), "0.0");
        assert_eq!(float_repr(0.017194), "0.017194");
        assert_eq!(float_repr(0.000005), "5e-06");
        assert_eq!(float_repr(1.5e-7), "1.5e-07");
        assert_eq!(float_repr(1e16), "1e+16");
        assert_eq!(float_repr(12.5), "12.5");
    }

    #[test]
    fn a_zero_rusage_reads_as_pythons() {
        assert_eq!(
            format!("{:?}", StructRusage::default()),
            "resource.struct_rusage(ru_utime=0.0, ru_stime=0.0, ru_maxrss=0, ru_ixrss=0, \
             ru_idrss=0, ru_isrss=0, ru_minflt=0, ru_majflt=0, ru_nswap=0, ru_inblock=0, \
             ru_oublock=0, ru_msgsnd=0, ru_msgrcv=0, ru_nsignals=0, ru_nvcsw=0, ru_nivcsw=0)"
        );
    }

    #[test]
    fn bad_resources_and_whos_are_value_errors_not_panics() {
        for r in [-1, 16, 99, i32::MIN, i32::MAX] {
            assert_eq!(
                getrlimit(r).unwrap_err().to_string(),
                "invalid resource specified"
            );
            assert_eq!(
                setrlimit(r, (1, 1)).unwrap_err().kind(),
                ErrorKind::ValueError
            );
        }
        for who in [5, -2, i32::MAX] {
            let err = getrusage(who).unwrap_err();
            assert_eq!(format!("{err:?}"), "ValueError('invalid who parameter')");
        }
        assert!(getrusage(RUSAGE_CHILDREN).is_ok() && getrusage(RUSAGE_THREAD).is_ok());
    }

    #[test]
    fn soft_above_hard_is_refused_as_python_refuses_it() {
        let (_, hard) = getrlimit(RLIMIT_NOFILE).unwrap();
        if hard != RLIM_INFINITY {
            let err = setrlimit(RLIMIT_NOFILE, (hard + 1, hard)).unwrap_err();
            assert_eq!(err.to_string(), "current limit exceeds maximum limit");
        }
        // -2 is a huge unsigned soft limit for C, as for CPython.
        let err = setrlimit(RLIMIT_NOFILE, (-2, hard.max(0))).unwrap_err();
        assert_eq!(err.to_string(), "current limit exceeds maximum limit");
    }

    #[test]
    fn os_errors_read_as_pythons() {
        let err = Error::os(libc::EFAULT);
        assert_eq!(err.to_string(), "[Errno 14] Bad address");
        assert_eq!(format!("{err:?}"), "OSError(14, 'Bad address')");
    }
}
