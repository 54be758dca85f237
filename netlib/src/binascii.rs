//! Python's `binascii` module. (Being written.)
