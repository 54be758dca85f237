//! Python's `ipaddress` module. (Being written.)
