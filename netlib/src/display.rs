//! Rich display in Jupyter, as IPython's `display()` and `_repr_html_` give
//! Python objects: addresses, networks and URLs drawn as small pictures.
//!
//! The `Rust (netlib)` kernel (evcxr) shows a cell's last expression by
//! calling its `evcxr_display()` method, which prints MIME blocks between
//! `EVCXR_BEGIN_CONTENT <mime>` and `EVCXR_END_CONTENT` lines. netlib's types
//! that teach better as a picture have that method (inherent, so no import is
//! needed): [`Ipv4Address`](crate::ipaddress::Ipv4Address) and the other
//! address, network and interface types,
//! [`ParseResult`](crate::urllib::parse::ParseResult) and
//! [`SplitResult`](crate::urllib::parse::SplitResult), and [`Table`], the
//! wrapper [`table`] puts around resolver results that are plain tuples and
//! lists, and [`BarChart`], a lesson's measurements as grouped bars.
//!
//! Every bundle carries `text/plain` equal to the value's `Debug` (Python's
//! `repr()`), so plain frontends, nbclient and text comparisons see exactly
//! what they saw before, and `text/html` with the picture: self-contained (no
//! external CSS, fonts, scripts or images), coloured through JupyterLab's CSS
//! variables with fallbacks so it reads in the light and the dark theme and in
//! nbconvert's HTML export.
//!
//! ```
//! use netlib::display::RichDisplay;
//! use netlib::prelude::*;
//!
//! // Python: ipaddress.ip_network('192.168.100.0/24')   (IPython draws its repr)
//! let net = ip_network("192.168.100.0/24")?;
//! let html = net.to_html();
//! assert!(html.starts_with(r#"<div class="netlib-display netlib-network""#));
//! assert!(html.contains("255.255.255.0"));
//! // The text every other frontend shows stays Python's repr.
//! assert!(netlib::display::bundle(&net).contains("\nIPv4Network('192.168.100.0/24')\n"));
//! # Ok::<(), netlib::ipaddress::Error>(())
//! ```

use std::fmt;
use std::io::Write;

mod chart;
mod exercise;
mod html;
mod ipaddress;
mod packets;
mod socket;
mod urllib;
mod wire;

pub use chart::BarChart;
pub use socket::{Table, Tabular, table};

/// A value that has a picture: the HTML a notebook shows for it, next to
/// its `Debug` text (Python: an object with `_repr_html_`).
///
/// ```
/// use netlib::display::RichDisplay;
/// use netlib::prelude::*;
///
/// // Python: ipaddress.ip_address('192.168.0.15')._repr_html_()  (if it had one)
/// let html = ip_address("192.168.0.15")?.to_html();
/// assert!(html.contains("11000000")); // 192, bit by bit
/// assert!(html.contains(r"\xc0\xa8\x00\x0f")); // packed, b'\xc0\xa8\x00\x0f'
/// # Ok::<(), netlib::ipaddress::Error>(())
/// ```
pub trait RichDisplay: fmt::Debug {
    /// The picture as one self-contained HTML fragment whose root is
    /// `<div class="netlib-display netlib-KIND">`.
    fn to_html(&self) -> String;
}

/// The MIME bundle evcxr reads from a cell's stdout: `text/plain` (the
/// value's `Debug`, Python's repr) and `text/html` (the picture).
///
/// ```
/// use netlib::prelude::*;
///
/// // Python: IPython.display.display(ipaddress.ip_address('::1'))
/// let text = netlib::display::bundle(&ip_address("::1")?);
/// assert!(text.starts_with("EVCXR_BEGIN_CONTENT text/plain\nIPv6Address('::1')\nEVCXR_END_CONTENT\n"));
/// assert!(text.contains("EVCXR_BEGIN_CONTENT text/html\n<div class=\"netlib-display"));
/// assert!(text.ends_with("\nEVCXR_END_CONTENT\n"));
/// # Ok::<(), netlib::ipaddress::Error>(())
/// ```
pub fn bundle<T: RichDisplay + ?Sized>(value: &T) -> String {
    // evcxr ends a block at a line that is exactly EVCXR_END_CONTENT; the
    // HTML is written without line breaks, and a repr never contains one.
    let html = value.to_html().replace('\n', " ");
    format!(
        "EVCXR_BEGIN_CONTENT text/plain\n{value:?}\nEVCXR_END_CONTENT\n\
         EVCXR_BEGIN_CONTENT text/html\n{html}\nEVCXR_END_CONTENT\n"
    )
}

/// Python `IPython.display.display(value)`: sends the value's bundle to the
/// notebook. evcxr 0.22 sends one result per cell, the last bundle printed,
/// so this is what a cell's last expression does through `evcxr_display`.
///
/// ```
/// use netlib::prelude::*;
///
/// // Python: display(urllib.parse.urlparse('http://www.cwi.nl:80/%7Eguido/Python.html'))
/// netlib::display::show(&urlparse("http://www.cwi.nl:80/%7Eguido/Python.html")?);
/// # Ok::<(), netlib::urllib::parse::Error>(())
/// ```
pub fn show<T: RichDisplay + ?Sized>(value: &T) {
    // One write, so another thread's output cannot land inside the bundle;
    // a closed stdout is not the caller's error to handle.
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(bundle(value).as_bytes());
    let _ = out.flush();
}

/// Gives each listed type the inherent `evcxr_display` method evcxr calls
/// on a cell's last expression (an inherent method needs no import and
/// wins over the kernel prelude's `Debug`-only fallback).
macro_rules! evcxr_display {
    ($($ty:ty),* $(,)?) => {$(
        impl $ty {
            /// Jupyter (evcxr) display: `text/plain` = `Debug` (Python's
            /// repr) and `text/html` = the picture
            /// ([`RichDisplay::to_html`](crate::display::RichDisplay::to_html)).
            /// evcxr calls it on a cell's last expression.
            ///
            /// ```
            /// use netlib::prelude::*;
            /// // Python: ipaddress.ip_interface('192.168.100.10/24')  (last line of a cell)
            /// ip_interface("192.168.100.10/24")?.evcxr_display();
            /// # Ok::<(), netlib::ipaddress::Error>(())
            /// ```
            pub fn evcxr_display(&self) {
                crate::display::show(self)
            }
        }
    )*};
}
pub(crate) use evcxr_display;
