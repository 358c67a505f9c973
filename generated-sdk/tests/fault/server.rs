//! A loopback HTTP/1.1 server that misbehaves on purpose: raw bytes on a `TcpListener`, a
//! thread per connection, a fixed number of connections served, every request counted.
//!
//! Nothing here sleeps: each misbehaviour is a fixed sequence of writes, so what the client
//! makes of it cannot depend on timing. The one wait, [`Misbehaviour::Stall`], lasts until
//! the client goes away (with a cap, reported, as a safety net).

use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// The longest a stalled answer is held open when the client never goes away, and the
/// longest a write may block on a client that stopped reading: a safety net, reported.
pub const HOLD_CAP: Duration = Duration::from_secs(60);
/// The longest wait for a request's bytes (a client that connects and sends nothing).
const REQUEST_WAIT: Duration = Duration::from_secs(10);
/// The largest request head read; a client does not send more.
const MAX_HEAD: usize = 64 * 1024;
/// How many bytes a trickled answer writes at a time.
const PIECE: usize = 3;
/// Spaces written from one buffer, so that a huge answer costs the server no memory.
static PADDING: [u8; 64 * 1024] = [b' '; 64 * 1024];

/// What the server does once it has read a whole request.
#[derive(Debug, Clone)]
pub enum Misbehaviour {
    /// Closes the connection without a byte of answer.
    Close,
    /// Resets the connection: SO_LINGER 0 (through `socket2`), then close, which sends an
    /// RST instead of a FIN.
    Reset,
    /// Writes these bytes `PIECE` at a time, flushing after each, then closes.
    Trickle(Vec<u8>),
    /// Writes the first `sent` bytes of `answer` in pieces, then holds the connection open,
    /// without another byte, until the client closes it.
    Stall { answer: Vec<u8>, sent: usize },
    /// A 200 whose body is `json` followed by spaces up to `length` bytes in all, framed
    /// with a Content-Length or, when `chunked`, in 64 KiB chunks without one.
    Padded {
        json: Vec<u8>,
        length: u64,
        chunked: bool,
    },
    /// Writes these bytes as they are, then closes.
    Raw(Vec<u8>),
}

/// What the server received, once every connection has ended.
#[derive(Debug)]
pub struct Report {
    /// Each request's method and target (`POST /api/pay/payout/create/v1`), in order.
    pub requests: Vec<String>,
    /// Whether a connection only ended at [`HOLD_CAP`]: a stalled answer the client never
    /// left, or a write the client never read.
    pub stuck: bool,
}

/// A running server; [`Misbehaving::finish`] stops it and says what it received.
pub struct Misbehaving {
    url: String,
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    requests: Arc<Mutex<Vec<String>>>,
    stuck: Arc<AtomicBool>,
    acceptor: Option<JoinHandle<Vec<JoinHandle<()>>>>,
}

impl Misbehaving {
    /// Starts a server on a free loopback port that answers up to `connections`
    /// connections with `mode`, then refuses any more.
    pub fn start(mode: Misbehaviour, connections: usize) -> Misbehaving {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        let addr = listener.local_addr().expect("the bound address");
        let stop = Arc::new(AtomicBool::new(false));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let stuck = Arc::new(AtomicBool::new(false));
        let mode = Arc::new(mode);
        let (stopping, seen, stuck_flag) = (stop.clone(), requests.clone(), stuck.clone());
        let acceptor = std::thread::spawn(move || {
            let mut served = Vec::new();
            while served.len() < connections {
                let Ok((stream, _)) = listener.accept() else {
                    continue;
                };
                if stopping.load(Ordering::SeqCst) {
                    break;
                }
                let (mode, seen, stuck) = (mode.clone(), seen.clone(), stuck_flag.clone());
                served.push(std::thread::spawn(move || {
                    if serve(stream, &mode, &seen) == Ended::AtTheCap {
                        stuck.store(true, Ordering::SeqCst);
                    }
                }));
            }
            served
        });
        Misbehaving {
            url: format!("http://{addr}"),
            addr,
            stop,
            requests,
            stuck,
            acceptor: Some(acceptor),
        }
    }

    /// The base URL to give a client.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Stops accepting, waits for every connection to end, and reports what was received.
    pub fn finish(mut self) -> Report {
        let served = self.stop_accepting();
        for connection in served {
            assert!(connection.join().is_ok(), "a connection thread panicked");
        }
        let requests = self
            .requests
            .lock()
            .map(|r| r.clone())
            .expect("the request log is readable");
        Report {
            requests,
            stuck: self.stuck.load(Ordering::SeqCst),
        }
    }

    /// Wakes the acceptor (blocked in `accept`) with a connection of our own and waits for
    /// it; the connection threads it started.
    fn stop_accepting(&mut self) -> Vec<JoinHandle<()>> {
        self.stop.store(true, Ordering::SeqCst);
        let Some(acceptor) = self.acceptor.take() else {
            return Vec::new();
        };
        // Refused when the acceptor already served its connections and stopped.
        let _ = TcpStream::connect(self.addr);
        acceptor.join().unwrap_or_default()
    }
}

impl Drop for Misbehaving {
    /// A test that failed before `finish` still stops its server.
    fn drop(&mut self) {
        drop(self.stop_accepting());
    }
}

/// How a connection ended.
#[derive(Debug, PartialEq)]
enum Ended {
    /// As the misbehaviour goes, or because the client went away.
    Normally,
    /// At [`HOLD_CAP`]: the client neither read nor left.
    AtTheCap,
}

/// One connection: read the request, log it, misbehave. Write errors are expected (the
/// client may give up first) and end the connection, bar a timeout (the client stopped
/// reading but stayed), which is reported.
fn serve(mut stream: TcpStream, mode: &Misbehaviour, seen: &Mutex<Vec<String>>) -> Ended {
    let _ = stream.set_read_timeout(Some(REQUEST_WAIT));
    let _ = stream.set_write_timeout(Some(HOLD_CAP));
    let _ = stream.set_nodelay(true);
    let Some(request) = read_request(&mut stream) else {
        return Ended::Normally;
    };
    if let Ok(mut seen) = seen.lock() {
        seen.push(request);
    }
    let written = match mode {
        Misbehaviour::Close => stream.shutdown(Shutdown::Both),
        Misbehaviour::Reset => socket2::SockRef::from(&stream).set_linger(Some(Duration::ZERO)),
        Misbehaviour::Trickle(bytes) => trickle(&mut stream, bytes),
        Misbehaviour::Stall { answer, sent } => {
            let prefix = answer.get(..*sent).unwrap_or(answer);
            match trickle(&mut stream, prefix) {
                Ok(()) if !client_went_away(&mut stream) => return Ended::AtTheCap,
                other => other,
            }
        }
        Misbehaviour::Padded {
            json,
            length,
            chunked,
        } => padded(&mut stream, json, *length, *chunked),
        Misbehaviour::Raw(bytes) => stream.write_all(bytes).and_then(|()| stream.flush()),
    };
    match written {
        Err(e) if is_timeout(&e) => Ended::AtTheCap,
        _ => Ended::Normally,
    }
}

fn is_timeout(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
    )
}

/// Reads one request (head and Content-Length body); its method and target, or `None`
/// when the connection ended first.
fn read_request(stream: &mut TcpStream) -> Option<String> {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
        if buffer.len() > MAX_HEAD {
            return None;
        }
        let n = stream.read(&mut chunk).ok().filter(|n| *n > 0)?;
        buffer.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let length = head
        .lines()
        .filter_map(|line| line.split_once(':'))
        .find(|(name, _)| name.trim().eq_ignore_ascii_case("content-length"))
        .and_then(|(_, value)| value.trim().parse::<usize>().ok())
        .unwrap_or(0);
    let mut body = buffer.len() - head_end;
    while body < length {
        body += stream.read(&mut chunk).ok().filter(|n| *n > 0)?;
    }
    let line = head.lines().next().unwrap_or_default();
    let mut parts = line.split(' ');
    let method = parts.next().unwrap_or_default();
    let target = parts.next().unwrap_or_default();
    Some(format!("{method} {target}"))
}

fn trickle(stream: &mut TcpStream, bytes: &[u8]) -> std::io::Result<()> {
    for piece in bytes.chunks(PIECE) {
        stream.write_all(piece)?;
        stream.flush()?;
    }
    Ok(())
}

/// Waits for the client to close its side (a read of 0 bytes, or an error such as a
/// reset); `false` when [`HOLD_CAP`] ran out first.
fn client_went_away(stream: &mut TcpStream) -> bool {
    let deadline = Instant::now() + HOLD_CAP;
    let mut byte = [0u8; 1];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            return false;
        }
        match stream.read(&mut byte) {
            Ok(0) => return true,
            Ok(_) => {}
            Err(e) => return !is_timeout(&e),
        }
    }
}

fn padded(stream: &mut TcpStream, json: &[u8], length: u64, chunked: bool) -> std::io::Result<()> {
    let framing = if chunked {
        "Transfer-Encoding: chunked".to_string()
    } else {
        format!("Content-Length: {length}")
    };
    write!(
        stream,
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n{framing}\r\nConnection: close\r\n\r\n"
    )?;
    let mut write = |part: &[u8]| -> std::io::Result<()> {
        if chunked {
            write!(stream, "{:x}\r\n", part.len())?;
            stream.write_all(part)?;
            stream.write_all(b"\r\n")
        } else {
            stream.write_all(part)
        }
    };
    write(json)?;
    let mut left = length.saturating_sub(json.len() as u64);
    while left > 0 {
        let n = usize::try_from(left).map_or(PADDING.len(), |l| l.min(PADDING.len()));
        write(&PADDING[..n])?;
        left -= n as u64;
    }
    if chunked {
        stream.write_all(b"0\r\n\r\n")?;
    }
    stream.flush()
}
