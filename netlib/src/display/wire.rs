//! The picture of [`Sockets`]: one row per socket, as `ss -tuan` prints them,
//! with the state in words a student can look up in the lesson's diagram.

use super::RichDisplay;
use super::html::{self, Figure};
use crate::socket::SocketKind;
use crate::wire::Sockets;

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
