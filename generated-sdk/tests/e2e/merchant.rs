//! A merchant's callback endpoint on loopback, for the suites that receive callbacks.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, channel};
use std::thread::JoinHandle;
use std::time::Duration;

/// A merchant's callback endpoint on loopback: answers each request with `handler` and
/// keeps what it received.
pub struct Merchant {
    pub url: String,
    received: Receiver<http::Request<Vec<u8>>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

type Handler = dyn FnMut(&http::Request<Vec<u8>>) -> http::Response<Vec<u8>> + Send;

impl Merchant {
    pub fn start(
        handler: impl FnMut(&http::Request<Vec<u8>>) -> http::Response<Vec<u8>> + Send + 'static,
    ) -> Merchant {
        let server = tiny_http::Server::http("127.0.0.1:0").expect("bind");
        let url = format!(
            "http://{}/callback",
            server.server_addr().to_ip().expect("ip")
        );
        let (tx, received) = channel();
        let stop = Arc::new(AtomicBool::new(false));
        let mut handler: Box<Handler> = Box::new(handler);
        let stopping = Arc::clone(&stop);
        let thread = std::thread::spawn(move || {
            while !stopping.load(Ordering::SeqCst) {
                let Ok(Some(mut incoming)) = server.recv_timeout(Duration::from_millis(50)) else {
                    continue;
                };
                let mut body = Vec::new();
                std::io::Read::read_to_end(incoming.as_reader(), &mut body).expect("body");
                let mut request = http::Request::builder()
                    .method(incoming.method().as_str())
                    .uri(incoming.url());
                for h in incoming.headers() {
                    request = request.header(h.field.as_str().as_str(), h.value.as_str());
                }
                let request = request.body(body).expect("request");
                let reply = handler(&request);
                let _ = tx.send(request);
                let mut response = tiny_http::Response::from_data(reply.body().clone())
                    .with_status_code(reply.status().as_u16());
                for (name, value) in reply.headers() {
                    response.add_header(
                        tiny_http::Header::from_bytes(name.as_str(), value.as_bytes())
                            .expect("header"),
                    );
                }
                let _ = incoming.respond(response);
            }
        });
        Merchant {
            url,
            received,
            stop,
            thread: Some(thread),
        }
    }

    /// The next callback received (waits up to 5 s).
    pub fn next(&self) -> http::Request<Vec<u8>> {
        self.received
            .recv_timeout(Duration::from_secs(5))
            .expect("a callback arrived")
    }
}

impl Drop for Merchant {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
