//! Python's `urllib.parse` module. (Being written.)
