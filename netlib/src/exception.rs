//! [`python_error!`]: how every module declares its `Error` and `ErrorKind`.
//!
//! Each netlib module has one error type, `Error`, standing for the Python
//! exceptions its functions raise, and one `ErrorKind` enum naming those
//! exception **classes** (not failure reasons: Python code tells failures
//! apart by class, and the message says the rest). The macro writes, for
//! every module alike, what rust-url's `simple_enum_error!` writes for its
//! error kinds, plus what a Python exception carries:
//!
//! - `ErrorKind`, with [`python_name`](crate::ipaddress::ErrorKind::python_name)
//!   (`type(exc).__name__`, module-qualified where Python's traceback
//!   qualifies it: `binascii.Error`, `urllib.error.URLError`);
//! - `Error` holding the class, `str(exc)` and the arguments `repr(exc)`
//!   shows, plus any field a module adds (which must be `Default`), with
//!   `kind()`, `python_class()`, `message()`, `Display` (= `str(exc)`),
//!   `Debug` (= `repr(exc)`, unless the module writes its own) and
//!   `std::error::Error`;
//! - doctests for those items from one example per module.

/// Declares a module's `ErrorKind` (Python exception classes) and `Error`.
///
/// ```ignore
/// python_error! {
///     /// Which Python exception class an [`Error`] is.
///     pub enum ErrorKind {
///         /// `ValueError`.
///         ValueError => "ValueError",
///     }
///     /// The error of every fallible `foo` function.
///     #[derive(Hash)]
///     pub struct Error {}
///     // repr(exc) of the example, or `debug: custom` for a hand-written Debug
///     debug: "ValueError('bad')",
///     example: {
///         module: netlib::foo,
///         python: "foo.bar('x')",
///         rust: foo::bar("x"),
///         kind: ValueError,
///         class: "ValueError",
///         message: "bad",
///     }
/// }
/// ```
macro_rules! python_error {
    (
        $(#[$kind_meta:meta])*
        pub enum ErrorKind {
            $( $(#[$variant_meta:meta])* $variant:ident => $name:literal, )+
        }
        $(#[$error_meta:meta])*
        pub struct Error { $( $(#[$field_meta:meta])* $field:ident : $field_ty:ty, )* }
        debug: $debug:tt,
        example: {
            module: $first:ident $(:: $rest:ident)*,
            python: $python:literal,
            rust: $rust:expr,
            kind: $example_kind:ident,
            class: $example_class:literal,
            message: $example_message:literal,
        }
    ) => {
        $(#[$kind_meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum ErrorKind {
            $( $(#[$variant_meta])* $variant, )+
        }

        impl ErrorKind {
            /// The class name Python shows, module-qualified where Python's
            /// traceback qualifies it.
            ///
            /// ```
            #[doc = concat!("use ", stringify!($first), $("::", stringify!($rest),)* "::{self, *};")]
            #[doc = concat!("// Python: type(e).__name__ of ", $python)]
            #[doc = concat!("assert_eq!(ErrorKind::", stringify!($example_kind),
                            ".python_name(), ", stringify!($example_class), ");")]
            /// ```
            pub fn python_name(self) -> &'static str {
                match self {
                    $( ErrorKind::$variant => $name, )+
                }
            }
        }

        $(#[$error_meta])*
        #[derive(Clone, PartialEq, Eq)]
        pub struct Error {
            kind: ErrorKind,
            /// `str(exc)`.
            message: String,
            /// `repr(exc.args)` without its parentheses, when that is not
            /// just the repr of `message`.
            args: Option<String>,
            $( $(#[$field_meta])* $field: $field_ty, )*
        }

        impl Error {
            /// An exception of class `kind` whose `str()` is `message`.
            #[allow(dead_code)]
            pub(crate) fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
                Error {
                    kind,
                    message: message.into(),
                    args: None,
                    $( $field: <$field_ty>::default(), )*
                }
            }

            /// The same exception with `repr(exc.args)` (without the
            /// parentheses) given, for exceptions of several arguments.
            #[allow(dead_code)]
            pub(crate) fn with_args(mut self, args: impl Into<String>) -> Self {
                self.args = Some(args.into());
                self
            }

            /// The Python exception class this error stands for.
            ///
            /// ```
            #[doc = concat!("use ", stringify!($first), $("::", stringify!($rest),)* "::{self, *};")]
            #[doc = concat!("// Python: ", $python)]
            #[doc = concat!("let err = ", stringify!($rust), ".unwrap_err();")]
            #[doc = concat!("assert_eq!(err.kind(), ErrorKind::", stringify!($example_kind), ");")]
            /// ```
            pub fn kind(&self) -> ErrorKind {
                self.kind
            }

            /// The Python class name, `type(e).__name__`: the
            /// [`python_name`](ErrorKind::python_name) of [`kind`](Self::kind).
            ///
            /// ```
            #[doc = concat!("use ", stringify!($first), $("::", stringify!($rest),)* "::{self, *};")]
            #[doc = concat!("// Python: ", $python)]
            #[doc = concat!("let err = ", stringify!($rust), ".unwrap_err();")]
            #[doc = concat!("assert_eq!(err.python_class(), ", stringify!($example_class), ");")]
            /// ```
            pub fn python_class(&self) -> &'static str {
                self.kind.python_name()
            }

            /// `str(e)`, the same text as `Display`.
            ///
            /// ```
            #[doc = concat!("use ", stringify!($first), $("::", stringify!($rest),)* "::{self, *};")]
            #[doc = concat!("// Python: str(e) of ", $python)]
            #[doc = concat!("let err = ", stringify!($rust), ".unwrap_err();")]
            #[doc = concat!("assert_eq!(err.message(), ", stringify!($example_message), ");")]
            #[doc = concat!("assert_eq!(err.to_string(), ", stringify!($example_message), ");")]
            /// ```
            pub fn message(&self) -> &str {
                &self.message
            }

            /// `repr(exc.args)` without its parentheses.
            #[allow(dead_code)]
            fn args_repr(&self) -> String {
                self.args
                    .clone()
                    .unwrap_or_else(|| $crate::repr::str_repr(&self.message))
            }
        }

        /// `str(exc)`.
        impl std::fmt::Display for Error {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.message)
            }
        }

        impl std::error::Error for Error {}

        $crate::exception::python_error!(@debug $debug, [$first $(:: $rest)*], $python, $rust);
    };
    (@debug custom, [$($path:tt)*], $python:literal, $rust:expr) => {};
    (@debug $repr:literal, [$first:ident $(:: $rest:ident)*], $python:literal, $rust:expr) => {
        /// `repr(exc)`: the class name without its module, then the arguments.
        ///
        /// ```
        #[doc = concat!("use ", stringify!($first), $("::", stringify!($rest),)* "::{self, *};")]
        #[doc = concat!("// Python: repr(e) of ", $python)]
        #[doc = concat!("let err = ", stringify!($rust), ".unwrap_err();")]
        #[doc = concat!("assert_eq!(format!(\"{err:?}\"), ", stringify!($repr), ");")]
        /// ```
        impl std::fmt::Debug for Error {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                let class = self.kind.python_name();
                let class = class.rsplit_once('.').map_or(class, |(_, name)| name);
                write!(f, "{class}({})", self.args_repr())
            }
        }
    };
}

pub(crate) use python_error;

/// The C library's text for `errno`, as Python's `OSError` shows it
/// (`os.strerror(errno)`): std's `io::Error` text without the
/// ` (os error N)` it appends.
pub(crate) fn strerror(errno: i32) -> String {
    let text = std::io::Error::from_raw_os_error(errno).to_string();
    match text.strip_suffix(&format!(" (os error {errno})")) {
        Some(plain) => plain.to_owned(),
        None => text,
    }
}
