//! Python's `socket` module. (Being written.)
