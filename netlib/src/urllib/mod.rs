//! Python's `urllib` package; only [`parse`] is part of the lessons.

pub mod parse;
