//! Tables for what the resolver returns as plain tuples and lists
//! (`gethostbyname_ex`, `gethostbyaddr`, `getaddrinfo`) and for the members
//! of `AddressFamily` and `SocketKind`. A tuple or a `Vec` cannot have an
//! inherent `evcxr_display`, so [`table`] wraps the value in a [`Table`] that
//! has one.

use std::fmt;

use super::RichDisplay;
use super::html::{self, Figure};
use crate::repr::str_repr;
use crate::socket::{AddrInfo, AddressFamily, SocketKind, sockaddr_repr};

/// A value a [`Table`] can draw: its Python repr (the table's `text/plain`),
/// a caption, and its rows.
///
/// ```
/// use netlib::display::Tabular;
/// use netlib::prelude::*;
///
/// // Python: repr(socket.gethostbyname_ex('localhost'))
/// let entry = ("localhost".to_string(), vec![], vec!["127.0.0.1".to_string()]);
/// assert_eq!(entry.py_repr(), "('localhost', [], ['127.0.0.1'])");
/// ```
pub trait Tabular {
    /// Python's `repr()` of the value.
    fn py_repr(&self) -> String;
    /// The line above the table, in Korean like the lessons.
    fn caption(&self) -> String;
    /// Column names (Python's field names); empty for a name/value table.
    fn headers(&self) -> Vec<&'static str>;
    /// The rows, each as many cells as there are headers (two without headers).
    fn rows(&self) -> Vec<Vec<String>>;
}

/// A resolver result (or member list) with a table as its picture; `Debug`
/// is the wrapped value's Python repr.
///
/// ```
/// use netlib::display::{RichDisplay, table};
/// use netlib::prelude::*;
///
/// // Python: socket.getaddrinfo('127.0.0.1', 80, type=socket.SOCK_STREAM)
/// let infos = socket::getaddrinfo_with("127.0.0.1", 80, socket::AF_UNSPEC, socket::SOCK_STREAM, 0, 0)?;
/// let t = table(infos);
/// assert_eq!(
///     format!("{t:?}"),
///     "[(<AddressFamily.AF_INET: 2>, <SocketKind.SOCK_STREAM: 1>, 6, '', ('127.0.0.1', 80))]"
/// );
/// assert!(t.to_html().contains("<th"));
/// # Ok::<(), socket::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Table<T>(pub T);

/// Wraps `value` so that a notebook draws it as a table (Python: IPython
/// shows the value's repr; there is no table to ask for).
///
/// ```
/// use netlib::prelude::*;
///
/// // Python: list(socket.SocketKind)
/// let kinds = netlib::display::table(SocketKind::members());
/// assert!(format!("{kinds:?}").starts_with("[<SocketKind.SOCK_STREAM: 1>, "));
/// ```
pub fn table<T: Tabular>(value: T) -> Table<T> {
    Table(value)
}

impl<T: Tabular> fmt::Debug for Table<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.py_repr())
    }
}

impl<T: Tabular> RichDisplay for Table<T> {
    fn to_html(&self) -> String {
        let headers = self.0.headers();
        let rows = self.0.rows();
        let body = if headers.is_empty() {
            let pairs: Vec<(String, String)> = rows
                .into_iter()
                .map(|mut row| {
                    let value = row.pop().unwrap_or_default();
                    (row.pop().unwrap_or_default(), value)
                })
                .collect();
            html::key_values(&pairs)
        } else {
            html::grid(&headers, &rows)
        };
        Figure::new("table", &self.0.caption()).push(&body).finish()
    }
}

impl<T: Tabular> Table<T> {
    /// Jupyter (evcxr) display: `text/plain` = the value's Python repr,
    /// `text/html` = the table. evcxr calls it on a cell's last expression.
    ///
    /// ```
    /// use netlib::prelude::*;
    /// // Python: socket.gethostbyname_ex('localhost')  (last line of a cell)
    /// netlib::display::table(socket::gethostbyname_ex("localhost")?).evcxr_display();
    /// # Ok::<(), socket::Error>(())
    /// ```
    pub fn evcxr_display(&self) {
        super::show(self)
    }
}

fn list_repr(items: &[String]) -> String {
    let inner: Vec<String> = items.iter().map(|s| str_repr(s)).collect();
    format!("[{}]", inner.join(", "))
}

/// `(hostname, aliaslist, ipaddrlist)`, what `gethostbyname_ex` and
/// `gethostbyaddr` return.
impl Tabular for (String, Vec<String>, Vec<String>) {
    fn py_repr(&self) -> String {
        format!(
            "({}, {}, {})",
            str_repr(&self.0),
            list_repr(&self.1),
            list_repr(&self.2)
        )
    }
    fn caption(&self) -> String {
        format!(
            "(hostname, aliaslist, ipaddrlist): 별칭 {}개, 주소 {}개",
            self.1.len(),
            self.2.len()
        )
    }
    fn headers(&self) -> Vec<&'static str> {
        Vec::new()
    }
    fn rows(&self) -> Vec<Vec<String>> {
        let mut rows = vec![vec!["hostname".to_owned(), str_repr(&self.0)]];
        for (name, list) in [("aliaslist", &self.1), ("ipaddrlist", &self.2)] {
            if list.is_empty() {
                rows.push(vec![name.to_owned(), "[]".to_owned()]);
            }
            for (i, item) in list.iter().enumerate() {
                rows.push(vec![format!("{name}[{i}]"), str_repr(item)]);
            }
        }
        rows
    }
}

/// `getaddrinfo`'s list of `(family, type, proto, canonname, sockaddr)`.
impl Tabular for Vec<AddrInfo> {
    fn py_repr(&self) -> String {
        format!("{self:?}")
    }
    fn caption(&self) -> String {
        format!(
            "[(family, type, proto, canonname, sockaddr), …]: {}개",
            self.len()
        )
    }
    fn headers(&self) -> Vec<&'static str> {
        vec!["family", "type", "proto", "canonname", "sockaddr"]
    }
    fn rows(&self) -> Vec<Vec<String>> {
        self.iter()
            .map(|info| {
                vec![
                    format!("{:?}", info.family),
                    format!("{:?}", info.socktype),
                    info.proto.to_string(),
                    str_repr(&info.canonname),
                    sockaddr_repr(&info.sockaddr),
                ]
            })
            .collect()
    }
}

macro_rules! member_table {
    ($ty:ty, $class:literal) => {
        #[doc = concat!("`list(socket.", $class, ")`: each member's name and value.")]
        impl Tabular for Vec<$ty> {
            fn py_repr(&self) -> String {
                format!("{self:?}")
            }
            fn caption(&self) -> String {
                format!(concat!("socket.", $class, " 멤버 {}개"), self.len())
            }
            fn headers(&self) -> Vec<&'static str> {
                vec!["name", "value"]
            }
            fn rows(&self) -> Vec<Vec<String>> {
                self.iter()
                    .map(|m| {
                        let name = m.name().map_or_else(|| format!("{m:?}"), str::to_owned);
                        vec![name, m.value().to_string()]
                    })
                    .collect()
            }
        }
    };
}
member_table!(AddressFamily, "AddressFamily");
member_table!(SocketKind, "SocketKind");
