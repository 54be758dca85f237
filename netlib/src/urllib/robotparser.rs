//! Python's `urllib.robotparser`: reads a site's `robots.txt` and answers
//! whether a crawler (a *user agent*) may fetch a URL.
//!
//! The rules are CPython 3.13's (`Lib/urllib/robotparser.py`), which differ
//! from Google's and [RFC 9309](https://www.rfc-editor.org/rfc/rfc9309)'s longest-match rule: the **first** entry whose
//! `User-agent` is a substring of the agent's name (before any `/`, case
//! ignored) decides; the `*` entry only when no other applies; inside it the
//! **first** `Allow`/`Disallow` line whose path is a prefix of the URL's
//! (both percent-quoted) wins. Before `parse` or `read`, nothing is allowed.
//!
//! ```
//! use netlib::urllib::robotparser::RobotFileParser;
//!
//! // Python: rp = RobotFileParser(); rp.parse(lines)
//! let mut rp = RobotFileParser::new();
//! rp.parse(["User-agent: *", "Disallow: /private/", "Crawl-delay: 2"])?;
//! // Python: rp.can_fetch('mybot', '/private/x.html'), rp.crawl_delay('mybot')
//! assert_eq!(rp.can_fetch("mybot", "/private/x.html")?, false);
//! assert_eq!(rp.can_fetch("mybot", "/index.html")?, true);
//! assert_eq!(rp.crawl_delay("mybot"), Some(2));
//! # Ok::<(), netlib::urllib::robotparser::Error>(())
//! ```

use std::fmt;
use std::io::Read;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::pystr;
use crate::urllib::parse::{quote, unquote, urlparse, urlunparse};

mod error;

pub use error::{Error, ErrorKind};

/// Python's `RequestRate(requests, seconds)` named tuple: `requests` per
/// `seconds`, from a `Request-rate: 3/20` line.
///
/// ```
/// use netlib::urllib::robotparser::RequestRate;
/// // Python: repr(rp.request_rate('*'))  ->  'RequestRate(requests=3, seconds=20)'
/// let r = RequestRate { requests: 3, seconds: 20 };
/// assert_eq!(format!("{r:?}"), "RequestRate(requests=3, seconds=20)");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct RequestRate {
    /// `rate.requests`
    pub requests: u64,
    /// `rate.seconds`
    pub seconds: u64,
}

impl fmt::Debug for RequestRate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "RequestRate(requests={}, seconds={})",
            self.requests, self.seconds
        )
    }
}

/// One `Allow:` or `Disallow:` line, its path as CPython keeps it
/// (`quote(urlunparse(urlparse(path)))`).
#[derive(Clone, Debug, PartialEq, Eq)]
struct RuleLine {
    path: String,
    allowance: bool,
}

impl RuleLine {
    fn new(path: &str, allowance: bool) -> Result<RuleLine, Error> {
        // An empty Disallow allows everything.
        let allowance = allowance || path.is_empty();
        let path = quote(&urlunparse(urlparse(path)?));
        Ok(RuleLine { path, allowance })
    }

    fn applies_to(&self, filename: &str) -> bool {
        self.path == "*" || filename.starts_with(&self.path)
    }
}

/// The lines between two blank lines: agents, then rules.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Entry {
    useragents: Vec<String>,
    rulelines: Vec<RuleLine>,
    delay: Option<u64>,
    req_rate: Option<RequestRate>,
}

impl Entry {
    fn applies_to(&self, useragent: &str) -> bool {
        let name = pystr::lower(useragent.split('/').next().unwrap_or(""));
        self.useragents
            .iter()
            .any(|agent| agent == "*" || name.contains(&pystr::lower(agent)))
    }

    fn allowance(&self, filename: &str) -> bool {
        self.rulelines
            .iter()
            .find(|line| line.applies_to(filename))
            .is_none_or(|line| line.allowance)
    }
}

impl fmt::Display for Entry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut lines: Vec<String> = self
            .useragents
            .iter()
            .map(|a| format!("User-agent: {a}"))
            .collect();
        if let Some(d) = self.delay {
            lines.push(format!("Crawl-delay: {d}"));
        }
        if let Some(r) = self.req_rate {
            lines.push(format!("Request-rate: {}/{}", r.requests, r.seconds));
        }
        for rule in &self.rulelines {
            let word = if rule.allowance { "Allow" } else { "Disallow" };
            lines.push(format!("{word}: {}", rule.path));
        }
        f.write_str(&lines.join("\n"))
    }
}

/// Python's `urllib.robotparser.RobotFileParser`.
///
/// `Display` is Python's `str(rp)`: the entries as read, the `*` entry last.
#[derive(Clone, Debug, Default)]
pub struct RobotFileParser {
    entries: Vec<Entry>,
    sitemaps: Vec<String>,
    default_entry: Option<Entry>,
    disallow_all: bool,
    allow_all: bool,
    url: String,
    host: String,
    path: String,
    last_checked: f64,
    /// `None` until [`set_timeout`](RobotFileParser::set_timeout): then
    /// [`READ_TIMEOUT`].
    timeout: Option<Duration>,
}

/// How long [`RobotFileParser::read`] waits for the whole answer unless
/// [`RobotFileParser::set_timeout`] says otherwise. Python's `read()` calls
/// `urlopen(url)` without a timeout and so waits as long as the server keeps
/// the connection open (forever, for a server that accepts and never answers);
/// a lesson's cell must not.
pub const READ_TIMEOUT: Duration = Duration::from_secs(10);

/// Where `parse` is: `Start` before any `User-agent`, `Agents` after one,
/// `Rules` after a rule line (a `User-agent` then starts a new entry).
#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Start,
    Agents,
    Rules,
}

impl RobotFileParser {
    /// Python's `RobotFileParser()`: no URL, nothing read.
    ///
    /// ```
    /// use netlib::urllib::robotparser::RobotFileParser;
    /// // Python: RobotFileParser().can_fetch('*', '/')  ->  False (nothing read yet)
    /// assert_eq!(RobotFileParser::new().can_fetch("*", "/")?, false);
    /// # Ok::<(), netlib::urllib::robotparser::Error>(())
    /// ```
    pub fn new() -> RobotFileParser {
        RobotFileParser::default()
    }

    /// Python's `RobotFileParser(url)`; `Err` where `urlparse(url)` raises.
    ///
    /// ```
    /// use netlib::urllib::robotparser::RobotFileParser;
    /// // Python: rp = RobotFileParser('http://127.0.0.1:8000/robots.txt'); rp.host, rp.path
    /// let rp = RobotFileParser::with_url("http://127.0.0.1:8000/robots.txt")?;
    /// assert_eq!((rp.host(), rp.path()), ("127.0.0.1:8000", "/robots.txt"));
    /// # Ok::<(), netlib::urllib::robotparser::Error>(())
    /// ```
    pub fn with_url(url: &str) -> Result<RobotFileParser, Error> {
        let mut rp = RobotFileParser::new();
        rp.set_url(url)?;
        Ok(rp)
    }

    /// Python's `rp.set_url(url)`: the URL [`read`](Self::read) fetches.
    ///
    /// ```
    /// use netlib::urllib::robotparser::RobotFileParser;
    /// // Python: rp.set_url('http://[::1/robots.txt')  ->  ValueError: Invalid IPv6 URL
    /// let err = RobotFileParser::new().set_url("http://[::1/robots.txt").unwrap_err();
    /// assert_eq!(err.to_string(), "Invalid IPv6 URL");
    /// ```
    pub fn set_url(&mut self, url: &str) -> Result<(), Error> {
        let parts = urlparse(url)?;
        self.url = url.to_owned();
        self.host = parts.netloc;
        self.path = parts.path;
        Ok(())
    }

    /// `rp.url`
    ///
    /// ```
    /// use netlib::urllib::robotparser::RobotFileParser;
    /// assert_eq!(RobotFileParser::with_url("http://h/robots.txt")?.url(), "http://h/robots.txt");
    /// # Ok::<(), netlib::urllib::robotparser::Error>(())
    /// ```
    pub fn url(&self) -> &str {
        &self.url
    }

    /// `rp.host`: the URL's netloc.
    ///
    /// ```
    /// use netlib::urllib::robotparser::RobotFileParser;
    /// assert_eq!(RobotFileParser::with_url("http://h:1/robots.txt")?.host(), "h:1");
    /// # Ok::<(), netlib::urllib::robotparser::Error>(())
    /// ```
    pub fn host(&self) -> &str {
        &self.host
    }

    /// `rp.path`: the URL's path.
    ///
    /// ```
    /// use netlib::urllib::robotparser::RobotFileParser;
    /// assert_eq!(RobotFileParser::with_url("http://h/robots.txt")?.path(), "/robots.txt");
    /// # Ok::<(), netlib::urllib::robotparser::Error>(())
    /// ```
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Python's `rp.mtime()`: when the file was last read or parsed, in
    /// seconds since the epoch; `0.0` before.
    ///
    /// ```
    /// use netlib::urllib::robotparser::RobotFileParser;
    /// let mut rp = RobotFileParser::new();
    /// assert_eq!(rp.mtime(), 0.0);
    /// rp.parse([""; 0])?;
    /// assert!(rp.mtime() > 0.0);
    /// # Ok::<(), netlib::urllib::robotparser::Error>(())
    /// ```
    pub fn mtime(&self) -> f64 {
        self.last_checked
    }

    /// Python's `rp.modified()`: sets [`mtime`](Self::mtime) to now.
    ///
    /// ```
    /// use netlib::urllib::robotparser::RobotFileParser;
    /// let mut rp = RobotFileParser::new();
    /// rp.modified();
    /// assert!(rp.mtime() > 0.0);
    /// ```
    pub fn modified(&mut self) {
        self.last_checked = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(f64::MIN_POSITIVE, |d| d.as_secs_f64());
    }

    /// How long [`read`](Self::read) waits for the whole answer
    /// ([`READ_TIMEOUT`] unless set).
    ///
    /// ```
    /// use netlib::urllib::robotparser::{RobotFileParser, READ_TIMEOUT};
    /// // Python: socket.getdefaulttimeout()  ->  None (read() has no timeout of its own)
    /// assert_eq!(RobotFileParser::new().timeout(), READ_TIMEOUT);
    /// ```
    pub fn timeout(&self) -> Duration {
        self.timeout.unwrap_or(READ_TIMEOUT)
    }

    /// Sets how long [`read`](Self::read) waits for the whole answer: connecting,
    /// sending and reading the body together. Python has no such parameter
    /// (`socket.setdefaulttimeout(t)` changes every socket instead).
    ///
    /// ```
    /// use std::time::Duration;
    /// use netlib::urllib::robotparser::RobotFileParser;
    /// // Python: socket.setdefaulttimeout(2)
    /// let mut rp = RobotFileParser::new();
    /// rp.set_timeout(Duration::from_secs(2));
    /// assert_eq!(rp.timeout(), Duration::from_secs(2));
    /// ```
    pub fn set_timeout(&mut self, timeout: Duration) {
        self.timeout = Some(timeout);
    }

    /// Python's `rp.read()`: fetches [`url`](Self::url) over HTTP (with
    /// `ureq`, as Python with `urlopen`) and parses it, waiting at most
    /// [`timeout`](Self::timeout) (Python waits without limit): past it the
    /// error is Python's `URLError` `timed out`. A `401` or `403`
    /// answer disallows everything, any other 4xx allows everything, a 5xx
    /// leaves the parser unread (so nothing is allowed). Other failures are
    /// Python's exceptions: `URLError` (refused, unknown host), or
    /// `UnicodeDecodeError` for a body that is not UTF-8.
    ///
    /// ```no_run
    /// use netlib::urllib::robotparser::RobotFileParser;
    /// // Python: rp = RobotFileParser('http://127.0.0.1:8000/robots.txt'); rp.read()
    /// let mut rp = RobotFileParser::with_url("http://127.0.0.1:8000/robots.txt")?;
    /// rp.read()?;
    /// println!("{}", rp.can_fetch("*", "http://127.0.0.1:8000/private/")?);
    /// # Ok::<(), netlib::urllib::robotparser::Error>(())
    /// ```
    pub fn read(&mut self) -> Result<(), Error> {
        let url = self.url.clone();
        let failed = |e: &ureq::Error| Error::from(crate::urllib::error::Error::from_ureq(e, &url));
        let request = ureq::get(&self.url)
            .config()
            .timeout_global(Some(self.timeout()))
            .build();
        match request.call() {
            Ok(response) => {
                let mut raw = Vec::new();
                response
                    .into_body()
                    .into_reader()
                    .read_to_end(&mut raw)
                    .map_err(|e| failed(&ureq::Error::Io(e)))?;
                let text = pystr::decode_utf8(&raw).map_err(Error::unicode_decode)?;
                self.parse(pystr::splitlines(text))
            }
            Err(ureq::Error::StatusCode(401 | 403)) => {
                self.disallow_all = true;
                Ok(())
            }
            Err(ureq::Error::StatusCode(400..=499)) => {
                self.allow_all = true;
                Ok(())
            }
            Err(ureq::Error::StatusCode(_)) => Ok(()),
            Err(e) => Err(failed(&e)),
        }
    }

    fn add_entry(&mut self, entry: Entry) {
        if entry.useragents.iter().any(|a| a == "*") {
            // The first `*` entry is the default, asked last; later ones are lost.
            if self.default_entry.is_none() {
                self.default_entry = Some(entry);
            }
        } else {
            self.entries.push(entry);
        }
    }

    /// Python's `rp.parse(lines)`: reads robots.txt lines (`str.splitlines()`
    /// of the file). `Err` where Python raises: a rule path `urlparse`
    /// rejects (`Invalid IPv6 URL`), a `Crawl-delay` of digits `int()` does
    /// not read (`²`). What was parsed before the error stays, as in Python.
    ///
    /// ```
    /// use netlib::urllib::robotparser::RobotFileParser;
    /// let mut rp = RobotFileParser::new();
    /// // Python: rp.parse(['User-agent: figtree', 'Disallow: /tmp', '', 'User-agent: *', 'Disallow: /'])
    /// rp.parse(["User-agent: figtree", "Disallow: /tmp", "", "User-agent: *", "Disallow: /"])?;
    /// assert_eq!(rp.can_fetch("FigTree/1.0", "/index.html")?, true);
    /// assert_eq!(rp.can_fetch("otherbot", "/index.html")?, false);
    /// // Python: print(rp)
    /// assert_eq!(rp.to_string(), "User-agent: figtree\nDisallow: /tmp\n\nUser-agent: *\nDisallow: /");
    /// # Ok::<(), netlib::urllib::robotparser::Error>(())
    /// ```
    pub fn parse<I>(&mut self, lines: I) -> Result<(), Error>
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        let mut state = State::Start;
        let mut entry = Entry::default();
        self.modified();
        for line in lines {
            let line = line.as_ref();
            // Only a truly empty line ends an entry (not one of spaces).
            if line.is_empty() {
                match state {
                    State::Agents => entry = Entry::default(),
                    State::Rules => self.add_entry(std::mem::take(&mut entry)),
                    State::Start => {}
                }
                state = State::Start;
            }
            let line = pystr::strip(line.split('#').next().unwrap_or(""));
            let Some((field, value)) = line.split_once(':') else {
                continue;
            };
            let field = pystr::lower(pystr::strip(field));
            let value = unquote(pystr::strip(value));
            match (field.as_str(), state) {
                ("user-agent", _) => {
                    if state == State::Rules {
                        self.add_entry(std::mem::take(&mut entry));
                    }
                    entry.useragents.push(value);
                    state = State::Agents;
                }
                ("disallow" | "allow", State::Agents | State::Rules) => {
                    entry
                        .rulelines
                        .push(RuleLine::new(&value, field == "allow")?);
                    state = State::Rules;
                }
                ("crawl-delay", State::Agents | State::Rules) => {
                    if pystr::is_digit(pystr::strip(&value)) {
                        // A number above u64::MAX is kept as no delay.
                        entry.delay = pystr::int(&value).map_err(Error::value)?;
                    }
                    state = State::Rules;
                }
                ("request-rate", State::Agents | State::Rules) => {
                    let numbers: Vec<&str> = value.split('/').collect();
                    if let [requests, seconds] = numbers[..]
                        && pystr::is_digit(pystr::strip(requests))
                        && pystr::is_digit(pystr::strip(seconds))
                    {
                        let requests = pystr::int(requests).map_err(Error::value)?;
                        let seconds = pystr::int(seconds).map_err(Error::value)?;
                        // Numbers above u64::MAX are kept as no rate.
                        entry.req_rate = requests
                            .zip(seconds)
                            .map(|(requests, seconds)| RequestRate { requests, seconds });
                    }
                    state = State::Rules;
                }
                // Independent of the entries: the state does not change.
                ("sitemap", _) => self.sitemaps.push(value),
                _ => {}
            }
        }
        if state == State::Rules {
            self.add_entry(entry);
        }
        Ok(())
    }

    /// The URL as CPython compares it with rule paths: unquoted, scheme and
    /// host dropped, quoted again; `/` when that leaves nothing.
    fn comparable(url: &str) -> Result<String, Error> {
        let p = urlparse(&unquote(url))?;
        let url = quote(&urlunparse([
            "",
            "",
            &p.path,
            &p.params,
            &p.query,
            &p.fragment,
        ]));
        Ok(if url.is_empty() { "/".to_owned() } else { url })
    }

    fn entry_for(&self, useragent: &str) -> Option<&Entry> {
        self.entries
            .iter()
            .find(|e| e.applies_to(useragent))
            .or(self.default_entry.as_ref())
    }

    /// Python's `rp.can_fetch(useragent, url)`. `url` may be a full URL or a
    /// path; `Err` where Python's `urlparse` raises.
    ///
    /// ```
    /// use netlib::urllib::robotparser::RobotFileParser;
    /// let mut rp = RobotFileParser::new();
    /// rp.parse(["User-agent: *", "Allow: /private/public.html", "Disallow: /private/"])?;
    /// // Python: rp.can_fetch('*', 'http://127.0.0.1/private/public.html')  ->  True
    /// assert!(rp.can_fetch("*", "http://127.0.0.1/private/public.html")?);
    /// // Python: rp.can_fetch('*', '/private/%70ublic.html')  ->  True (quoting compared)
    /// assert!(rp.can_fetch("*", "/private/%70ublic.html")?);
    /// assert!(!rp.can_fetch("*", "/private/secret.html")?);
    /// # Ok::<(), netlib::urllib::robotparser::Error>(())
    /// ```
    pub fn can_fetch(&self, useragent: &str, url: &str) -> Result<bool, Error> {
        if self.disallow_all {
            return Ok(false);
        }
        if self.allow_all {
            return Ok(true);
        }
        // Until the file has been read, nothing is allowed.
        if self.last_checked == 0.0 {
            return Ok(false);
        }
        let url = Self::comparable(url)?;
        Ok(self
            .entry_for(useragent)
            .is_none_or(|entry| entry.allowance(&url)))
    }

    /// Python's `rp.crawl_delay(useragent)`: the `Crawl-delay` of the entry
    /// that applies, `None` when it has none (or before reading).
    ///
    /// ```
    /// use netlib::urllib::robotparser::RobotFileParser;
    /// let mut rp = RobotFileParser::new();
    /// rp.parse(["User-agent: slowbot", "Crawl-delay: 10", "", "User-agent: *", "Crawl-delay: 1"])?;
    /// // Python: rp.crawl_delay('SlowBot/2.1'), rp.crawl_delay('fastbot')  ->  (10, 1)
    /// assert_eq!((rp.crawl_delay("SlowBot/2.1"), rp.crawl_delay("fastbot")), (Some(10), Some(1)));
    /// # Ok::<(), netlib::urllib::robotparser::Error>(())
    /// ```
    pub fn crawl_delay(&self, useragent: &str) -> Option<u64> {
        if self.last_checked == 0.0 {
            return None;
        }
        self.entry_for(useragent)?.delay
    }

    /// Python's `rp.request_rate(useragent)`.
    ///
    /// ```
    /// use netlib::urllib::robotparser::{RequestRate, RobotFileParser};
    /// let mut rp = RobotFileParser::new();
    /// rp.parse(["User-agent: *", "Request-rate: 3/20"])?;
    /// // Python: rp.request_rate('*')  ->  RequestRate(requests=3, seconds=20)
    /// assert_eq!(rp.request_rate("*"), Some(RequestRate { requests: 3, seconds: 20 }));
    /// # Ok::<(), netlib::urllib::robotparser::Error>(())
    /// ```
    pub fn request_rate(&self, useragent: &str) -> Option<RequestRate> {
        if self.last_checked == 0.0 {
            return None;
        }
        self.entry_for(useragent)?.req_rate
    }

    /// Python's `rp.site_maps()`: the `Sitemap` URLs in file order, `None`
    /// when there are none.
    ///
    /// ```
    /// use netlib::urllib::robotparser::RobotFileParser;
    /// let mut rp = RobotFileParser::new();
    /// rp.parse(["Sitemap: http://127.0.0.1/sitemap.xml"])?;
    /// // Python: rp.site_maps()  ->  ['http://127.0.0.1/sitemap.xml']
    /// assert_eq!(rp.site_maps(), Some(&["http://127.0.0.1/sitemap.xml".to_string()][..]));
    /// # Ok::<(), netlib::urllib::robotparser::Error>(())
    /// ```
    pub fn site_maps(&self) -> Option<&[String]> {
        (!self.sitemaps.is_empty()).then_some(&self.sitemaps[..])
    }
}

impl fmt::Display for RobotFileParser {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let texts: Vec<String> = self
            .entries
            .iter()
            .chain(&self.default_entry)
            .map(Entry::to_string)
            .collect();
        f.write_str(&texts.join("\n\n"))
    }
}
