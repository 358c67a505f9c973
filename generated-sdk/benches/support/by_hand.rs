//! The gateway-id payout checked and signed by hand: code written for this one request,
//! as tight as it reasonably gets (every check on the printable-ASCII fast path, the
//! message written into one stack buffer with its names as literals, one MAC update),
//! so that the bench can print what validate + sign costs when nothing is generic, beside
//! the generated API. It is a floor, not a second implementation: the bench prints its
//! ratios only when its signatures equal the SDK's.
//!
//! The checks are those of the spec's `create_payout` fields: length at most N
//! characters, no control character, not blank when required, a positive amount of at
//! most 10 digits, a request time of at most 10 digits between 2000 and 2100.

use hmac::{Hmac, Mac};
use md5::{Digest, Md5};
use sha2::Sha256;

/// The request's fields, as the bench's typed request holds them.
pub struct Payout<'a> {
    pub platform_id: &'a str,
    pub payout_cl_id: &'a str,
    pub amount_minor: u64,
    pub notify_url: Option<&'a str>,
    pub bank_name: &'a str,
    pub name: &'a str,
    pub number: &'a str,
    pub request_time: u64,
}

/// A text field of at most `max` characters with no control character, and not blank
/// when `required`.
fn text_passes(value: &str, max: usize, required: bool) -> bool {
    let printable = value
        .bytes()
        .fold(true, |ok, b| ok & (0x20..0x7f).contains(&b));
    let not_blank = !required || value.bytes().any(|b| b != b' ');
    if printable {
        value.len() <= max && not_blank
    } else {
        value.chars().count() <= max && not_blank && !value.chars().any(char::is_control)
    }
}

fn digits(n: u64) -> u32 {
    n.checked_ilog10().map_or(1, |d| d + 1)
}

/// Whether every check of the spec passes.
pub fn check(p: &Payout<'_>) -> bool {
    text_passes(p.platform_id, 7, true)
        & text_passes(p.payout_cl_id, 32, true)
        & (p.amount_minor > 0 && digits(p.amount_minor) <= 10)
        & p.notify_url.is_none_or(|url| text_passes(url, 256, false))
        & text_passes(p.bank_name, 16, true)
        & text_passes(p.name, 16, true)
        & text_passes(p.number, 32, true)
        & (digits(p.request_time) <= 10 && (946_684_800..4_102_444_800).contains(&p.request_time))
}

/// The message, written once into a stack buffer.
struct Message {
    bytes: [u8; 512],
    len: usize,
}

impl Message {
    fn put(&mut self, piece: &[u8]) {
        self.bytes[self.len..self.len + piece.len()].copy_from_slice(piece);
        self.len += piece.len();
    }

    /// The sorted non-empty fields but `sign` and `sign_type`, joined with `&`.
    fn of(p: &Payout<'_>) -> Message {
        let mut m = Message {
            bytes: [0; 512],
            len: 0,
        };
        let mut amount = itoa::Buffer::new();
        let mut time = itoa::Buffer::new();
        m.put(b"amount=");
        m.put(amount.format(p.amount_minor).as_bytes());
        m.put(b"&bank_name=");
        m.put(p.bank_name.as_bytes());
        m.put(b"&currency=idr&name=");
        m.put(p.name.as_bytes());
        if let Some(url) = p.notify_url.filter(|u| !u.is_empty()) {
            m.put(b"&notify_url=");
            m.put(url.as_bytes());
        }
        m.put(b"&number=");
        m.put(p.number.as_bytes());
        m.put(b"&payout_cl_id=");
        m.put(p.payout_cl_id.as_bytes());
        m.put(b"&platform_id=");
        m.put(p.platform_id.as_bytes());
        m.put(b"&request_time=");
        m.put(time.format(p.request_time).as_bytes());
        m.put(b"&service_id=SVC0004");
        m
    }

    fn text(&self) -> &[u8] {
        &self.bytes[..self.len]
    }
}

/// The message's length once written: what writing it costs, for the bench to time. The
/// bytes go through `black_box`, so the writes cannot be dropped as unread.
pub fn message_len(p: &Payout<'_>) -> usize {
    std::hint::black_box(Message::of(p).text()).len()
}

/// Lowercase hex of a digest, as the signature's text.
pub fn hex(digest: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut text = [0u8; 64];
    for (pair, byte) in text.chunks_exact_mut(2).zip(digest) {
        pair[0] = DIGITS[usize::from(byte >> 4)];
        pair[1] = DIGITS[usize::from(byte & 15)];
    }
    std::str::from_utf8(&text[..digest.len() * 2])
        .map(str::to_owned)
        .unwrap_or_default()
}

/// The MD5 scheme: the message, `&` and the key, MD5, lowercase hex.
pub fn sign_md5(p: &Payout<'_>, key: &str) -> String {
    let mut m = Message::of(p);
    m.put(b"&");
    m.put(key.as_bytes());
    hex(&Md5::digest(m.text()))
}

/// The HMAC-SHA256 scheme: the message, HMAC-SHA256 under the key, lowercase hex.
pub fn sign_hmac(p: &Payout<'_>, key: &str) -> String {
    let m = Message::of(p);
    match Hmac::<Sha256>::new_from_slice(key.as_bytes()) {
        Ok(mut mac) => {
            mac.update(m.text());
            hex(&mac.finalize().into_bytes())
        }
        Err(_) => String::new(),
    }
}
