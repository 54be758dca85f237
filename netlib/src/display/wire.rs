//! The picture of [`Sockets`]: one row per socket, as `ss -tuan` prints them,
//! with the state in words a student can look up in the lesson's diagram;
//! and of [`Changes`]: one row per state change [`watch`](crate::wire::watch) saw.

use super::RichDisplay;
use super::html::{self, Figure};
use crate::socket::SocketKind;
use crate::wire::{Changes, Sockets, State};

super::evcxr_display!(Sockets);

impl RichDisplay for Sockets {
    /// ```
    /// use std::net::TcpListener;
    /// use netlib::display::RichDisplay;
    /// use netlib::wire;
    /// // Python: psutil.Process().net_connections()  (drawn as a table)
    /// let server = TcpListener::bind("127.0.0.1:0")?;
    /// let html = wire::sockets()?.to_html();
    /// assert!(html.starts_with(r#"<div class="netlib-display netlib-table""#));
    /// assert!(html.contains("LISTEN") && html.contains(&server.local_addr()?.to_string()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn to_html(&self) -> String {
        let rows: Vec<Vec<String>> = self
            .iter()
            .map(|c| {
                vec![
                    if c.kind == SocketKind::SOCK_STREAM {
                        "tcp"
                    } else {
                        "udp"
                    }
                    .to_owned(),
                    c.local.to_string(),
                    c.peer.map_or_else(|| "*".to_owned(), |p| p.to_string()),
                    c.state.map_or_else(|| "-".to_owned(), |s| s.to_string()),
                    c.recv_queue.to_string(),
                    c.send_queue.to_string(),
                    c.fd.map_or_else(|| "(닫힘)".to_owned(), |fd| fd.to_string()),
                ]
            })
            .collect();
        let headers = [
            "종류",
            "로컬 주소",
            "상대 주소",
            "상태",
            "Recv-Q",
            "Send-Q",
            "fd",
        ];
        let title = format!("이 프로세스의 소켓 {}개", self.len());
        let mut figure = Figure::new("table", &title);
        figure.push(&html::grid(&headers, &rows));
        figure.caption(
            "fd가 (닫힘)인 줄: 닫은 연결이 커널에 남긴 것 (TIME_WAIT은 60초 뒤에 사라진다)",
        );
        figure.finish()
    }
}

super::evcxr_display!(Changes);

impl RichDisplay for Changes {
    /// ```
    /// use std::net::TcpListener;
    /// use netlib::display::RichDisplay;
    /// use netlib::wire;
    /// // Python: (no equivalent; the state changes of a cell's sockets, drawn)
    /// let (server, changes) = wire::watch(|| TcpListener::bind("127.0.0.1:0").unwrap());
    /// let html = changes.to_html();
    /// assert!(html.contains("LISTEN") && html.contains(&server.local_addr()?.to_string()));
    /// # Ok::<(), std::io::Error>(())
    /// ```
    fn to_html(&self) -> String {
        let state = |s: Option<State>| s.map_or_else(|| "(없음)".to_owned(), |s| s.to_string());
        let rows: Vec<Vec<String>> = self
            .iter()
            .map(|c| {
                vec![
                    format!("{:.1} ms", c.at.as_secs_f64() * 1000.0),
                    c.local.to_string(),
                    c.peer.map_or_else(|| "*".to_owned(), |p| p.to_string()),
                    format!("{} → {}", state(c.from), state(c.to)),
                ]
            })
            .collect();
        let headers = ["시각", "로컬 주소", "상대 주소", "상태 변화"];
        let title = format!("TCP 상태 변화 {}개", self.0.len());
        let mut figure = Figure::new("table", &title);
        figure.push(&html::grid(&headers, &rows));
        figure.caption("몇 ms마다 본 것: 그보다 짧게 지나간 상태(SYN_SENT 등)는 보이지 않는다");
        figure.finish()
    }
}
