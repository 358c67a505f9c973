//! The client over HTTPS (feature `client-tls`), against a real TLS server on loopback: a
//! certificate made for `127.0.0.1` and `localhost` at test time (rcgen), served by rustls
//! over std's `TcpListener`. Nothing of TLS is mocked.
//!
//! Trusted (its certificate added as a root), the server's canned TeemoPay answer reads as
//! accepted; not trusted, or trusted but for another name, the create is an unknown
//! outcome over a single connection that never carried a request.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use payspec_sdk::client::ClientError;
use payspec_sdk::client::blocking::Client;
use payspec_sdk::runtime::OperationRole;
use payspec_sdk::runtime::wire::{Outcome, PayoutState, Unknown};
use rcgen::CertifiedKey;
use rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};

use crate::support::{Case, accepted, cases};

/// The client's timeout: far above a loopback handshake, far below the test's patience.
const CLIENT_TIMEOUT: Duration = Duration::from_secs(5);
/// A connection's read and write timeout on the server.
const IO_TIMEOUT: Duration = Duration::from_secs(5);
/// The server stops accepting after this long, whatever the test does.
const SERVER_LIFETIME: Duration = Duration::from_secs(30);

/// A certificate (and its key) for `names`, signed by itself.
fn certificate(names: &[&str]) -> CertifiedKey<rcgen::KeyPair> {
    let names: Vec<String> = names.iter().map(|n| (*n).to_string()).collect();
    rcgen::generate_simple_self_signed(names).expect("a certificate")
}

/// What the server saw.
#[derive(Default)]
struct Seen {
    /// TCP connections accepted.
    connections: AtomicUsize,
    /// Requests read over TLS: the head (request line and headers) and the body.
    requests: Mutex<Vec<(String, Vec<u8>)>>,
    /// Connections that ended before a request was read (a handshake refused), and why.
    failed: Mutex<Vec<String>>,
}

/// An HTTPS server on `127.0.0.1:0` answering every request with `answer` (JSON, 200).
struct TlsServer {
    port: u16,
    seen: Arc<Seen>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl TlsServer {
    fn start(certified: &CertifiedKey<rcgen::KeyPair>, answer: String) -> TlsServer {
        let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(
            certified.signing_key.serialize_der(),
        ));
        let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
        let config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .expect("TLS versions")
            .with_no_client_auth()
            .with_single_cert(vec![certified.cert.der().clone()], key)
            .expect("a server certificate");
        let config = Arc::new(config);
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        listener.set_nonblocking(true).expect("non-blocking");
        let port = listener.local_addr().expect("address").port();
        let seen = Arc::new(Seen::default());
        let stop = Arc::new(AtomicBool::new(false));
        let (seeing, stopping) = (Arc::clone(&seen), Arc::clone(&stop));
        let thread = std::thread::spawn(move || {
            let deadline = Instant::now() + SERVER_LIFETIME;
            while !stopping.load(Ordering::SeqCst) && Instant::now() < deadline {
                match listener.accept() {
                    Ok((tcp, _)) => {
                        // Counted before the handshake: a client that refuses the
                        // certificate has been counted by the time it knows.
                        seeing.connections.fetch_add(1, Ordering::SeqCst);
                        serve(tcp, &config, &answer, &seeing);
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                        std::thread::sleep(Duration::from_millis(5));
                    }
                    Err(e) => panic!("accept: {e}"),
                }
            }
        });
        TlsServer {
            port,
            seen,
            stop,
            thread: Some(thread),
        }
    }

    fn url(&self, host: &str) -> String {
        format!("https://{host}:{}", self.port)
    }

    /// Waits (up to 5 s) until the server has finished with `n` connections.
    fn settled(&self, n: usize) {
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            let done = self.seen.requests.lock().expect("lock").len()
                + self.seen.failed.lock().expect("lock").len();
            if done >= n {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "the server finished {done} of {n} connections"
            );
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

impl Drop for TlsServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// One connection: the handshake, one request, the answer, then close.
fn serve(tcp: TcpStream, config: &Arc<rustls::ServerConfig>, answer: &str, seen: &Seen) {
    let ready = tcp
        .set_nonblocking(false)
        .and_then(|()| tcp.set_read_timeout(Some(IO_TIMEOUT)))
        .and_then(|()| tcp.set_write_timeout(Some(IO_TIMEOUT)));
    if let Err(e) = ready {
        seen.failed.lock().expect("lock").push(e.to_string());
        return;
    }
    let connection = rustls::ServerConnection::new(Arc::clone(config)).expect("a TLS session");
    let mut tls = rustls::StreamOwned::new(connection, tcp);
    let request = read_request(&mut tls);
    let (head, body) = match request {
        Ok(request) => request,
        Err(e) => {
            seen.failed.lock().expect("lock").push(e.to_string());
            return;
        }
    };
    seen.requests.lock().expect("lock").push((head, body));
    let response = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\
         connection: close\r\n\r\n{answer}",
        answer.len()
    );
    let _ = tls.write_all(response.as_bytes());
    tls.conn.send_close_notify();
    let _ = tls.flush();
}

/// Reads one HTTP/1.1 request (the handshake happens on the first read): its head and its
/// `content-length` body.
fn read_request(stream: &mut impl Read) -> std::io::Result<(String, Vec<u8>)> {
    let mut reader = BufReader::new(stream);
    let mut head = String::new();
    let mut length = 0usize;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            return Err(std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                "closed before a whole request",
            ));
        }
        if line == "\r\n" {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().map_err(std::io::Error::other)?;
        }
        head.push_str(&line);
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    Ok((head, body))
}

fn teemopay_mx() -> Case {
    cases()
        .into_iter()
        .find(|case| case.spec.id == "teemopay-mx")
        .expect("the teemopay-mx spec")
}

/// A signed TeemoPay create of `id`, and the answer the provider gives it.
fn create_and_answer(case: &Case, id: &str) -> (http::Request<Vec<u8>>, String) {
    let request = case.request(case.create, &case.create_body(id, None), &case.key);
    let answer = format!(
        r#"{{"code":200,"msg":"success","data":{{"merchantOrderNo":"{id}","tradeNo":"TLS-{id}","status":1}}}}"#
    );
    (request, answer)
}

fn https_client(base_url: &str, root: Option<&str>) -> Client {
    let mut builder = Client::builder(base_url).timeout(CLIENT_TIMEOUT).no_proxy();
    if let Some(pem) = root {
        builder = builder
            .add_root_certificate_pem(pem.as_bytes())
            .expect("a root certificate");
    }
    builder.build().expect("client")
}

#[test]
fn a_client_trusting_the_certificate_gets_the_answer_over_https() {
    let case = teemopay_mx();
    let certified = certificate(&["127.0.0.1", "localhost"]);
    let root = certified.cert.pem();
    let id = case.order_number("tls-");
    let (request, answer) = create_and_answer(&case, &id);
    let server = TlsServer::start(&certified, answer);

    // By address (the certificate's IP name), then by host name (its DNS name).
    for (n, host) in ["127.0.0.1", "localhost"].into_iter().enumerate() {
        let client = https_client(&server.url(host), Some(&root));
        let outcome = client.send_operation(
            crate::support::mx_operation(OperationRole::Create),
            &request,
        );
        let created = accepted(outcome, host);
        assert_eq!(
            created.platform_order_no(),
            Some(format!("TLS-{id}").as_str())
        );
        assert_eq!(
            created.status().and_then(|s| s.state),
            Some(PayoutState::Processing)
        );
        server.settled(n + 1);
    }

    let requests = server.seen.requests.lock().expect("lock");
    assert_eq!(requests.len(), 2);
    for (head, body) in requests.iter() {
        assert!(
            head.starts_with("POST /api/pay/payout/create/v1 HTTP/1.1\r\n"),
            "{head}"
        );
        assert_eq!(body, request.body(), "the signed body arrived as sent");
    }
    assert!(server.seen.failed.lock().expect("lock").is_empty());
}

/// A create to a server whose certificate the client refuses: unknown, over exactly one
/// connection (the create is not sent again) that carried no request.
fn refused(server: &TlsServer, client: &Client, request: http::Request<Vec<u8>>) -> String {
    let before = server.seen.connections.load(Ordering::SeqCst);
    let outcome = client.send_operation(
        crate::support::mx_operation(OperationRole::Create),
        &request,
    );
    let Outcome::Unknown(Unknown::Transport(why)) = outcome else {
        panic!("a refused certificate is a transport failure, got {outcome:?}")
    };
    assert_eq!(
        server.seen.connections.load(Ordering::SeqCst),
        before + 1,
        "one connection: the create was not sent again"
    );
    server.settled(before + 1);
    assert!(server.seen.requests.lock().expect("lock").is_empty());
    why
}

#[test]
fn a_certificate_not_trusted_or_for_another_name_is_refused_and_the_create_not_retried() {
    let case = teemopay_mx();
    let id = case.order_number("tls-refused-");
    let (request, answer) = create_and_answer(&case, &id);

    // Self-signed and not added as a root: the platform's roots do not vouch for it.
    let certified = certificate(&["127.0.0.1", "localhost"]);
    let server = TlsServer::start(&certified, answer.clone());
    let why = refused(
        &server,
        &https_client(&server.url("127.0.0.1"), None),
        request.clone(),
    );
    assert!(
        why.contains("invalid peer certificate: UnknownIssuer"),
        "{why}"
    );
    assert_eq!(server.seen.failed.lock().expect("lock").len(), 1);

    // Trusted, but made for `localhost` only and reached as 127.0.0.1: the name is checked.
    let certified = certificate(&["localhost"]);
    let root = certified.cert.pem();
    let server = TlsServer::start(&certified, answer);
    let why = refused(
        &server,
        &https_client(&server.url("127.0.0.1"), Some(&root)),
        request,
    );
    assert!(why.contains("certificate not valid for name"), "{why}");
}

#[test]
fn an_unusable_root_is_refused_without_quoting_it() {
    let certified = certificate(&["localhost"]);
    let key_pem = certified.signing_key.serialize_pem();
    let key_body = key_pem.lines().nth(1).expect("a base64 line").to_string();
    let not_base64 =
        "-----BEGIN CERTIFICATE-----\nSECRET-MARKER!!not*base64\n-----END CERTIFICATE-----\n";
    for (pem, quoted) in [
        (key_pem.as_str(), key_body.as_str()),
        ("", "-----"),
        (not_base64, "SECRET-MARKER"),
    ] {
        let error = Client::builder("https://127.0.0.1:1")
            .add_root_certificate_pem(pem.as_bytes())
            .expect_err("not a certificate");
        assert!(matches!(error, ClientError::RootCertificate(_)), "{error}");
        for text in [error.to_string(), format!("{error:?}")] {
            assert!(!text.contains(quoted), "{text}");
        }
    }
    // Valid PEM around bytes that are no certificate: refused when the client is built,
    // still without quoting them.
    let garbage = format!(
        "-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n",
        "U0VDUkVULU1BUktFUi1TRUNSRVQtTUFSS0VS" // base64 of SECRET-MARKER-SECRET-MARKER
    );
    let built = Client::builder("https://127.0.0.1:1")
        .add_root_certificate_pem(garbage.as_bytes())
        .expect("valid PEM")
        .build();
    let Err(ClientError::Setup(why)) = built else {
        panic!("a root that is no certificate is refused, got {built:?}")
    };
    assert!(
        !why.contains("U0VDUkVU") && !why.contains("SECRET"),
        "{why}"
    );
    // A certificate with a key beside it: the key is skipped, the certificate kept.
    let both = format!("{}{key_pem}", certified.cert.pem());
    Client::builder("https://127.0.0.1:1")
        .add_root_certificate_pem(both.as_bytes())
        .expect("the certificate is used")
        .build()
        .expect("client");
}
