//! The staging buffer between a message's pieces and the hash or MAC state that signs
//! it: pieces are copied into a stack buffer and the state takes the message in one
//! call, as it would take a built string, without a string being built.

use sha2::digest::Update;
use zeroize::Zeroize as _;

use super::sink::{Sink, member_in_pieces, pair_in_pieces};

/// Bytes not yet hashed: a typical message whole (the seeds' are 230 to 280 bytes), so
/// the state takes it in one call, as it would take a built string.
const STAGE: usize = 512;

/// A staging buffer in front of a hash or MAC state: a message arrives in many short
/// pieces (`name`, `=`, `value`, `&`...), and a state takes whole blocks far faster
/// than slivers. RustCrypto's 0.10 states do not wipe their own buffers on drop;
/// neither did they when a built string was hashed.
pub(crate) struct Staged<'h, H: Update> {
    state: &'h mut H,
    bytes: [u8; STAGE],
    len: usize,
    /// Where the shared secret was copied into the buffer, so it is wiped when dropped:
    /// a secret is copied whole into one fill, and later fills only overwrite it, so the
    /// span of every copy covers whatever is left of it.
    secret: Option<(usize, usize)>,
}

impl<'h, H: Update> Staged<'h, H> {
    pub(crate) fn new(state: &'h mut H) -> Self {
        Staged {
            state,
            bytes: [0; STAGE],
            len: 0,
            secret: None,
        }
    }

    pub(crate) fn flush(&mut self) {
        self.state.update(&self.bytes[..self.len]);
        self.len = 0;
    }

    /// Wipes what is left of the secret in the buffer.
    fn wipe(&mut self) {
        if let Some((start, end)) = self.secret
            && let Some(span) = self.bytes.get_mut(start..end)
        {
            span.zeroize();
        }
    }
}

impl<H: Update> Drop for Staged<'_, H> {
    fn drop(&mut self) {
        self.wipe();
    }
}

impl<H: Update> Sink for Staged<'_, H> {
    #[inline]
    fn put(&mut self, bytes: &[u8]) {
        if bytes.len() > STAGE - self.len {
            self.flush();
            if bytes.len() >= STAGE {
                self.state.update(bytes);
                return;
            }
        }
        if let Some(room) = self.bytes.get_mut(self.len..self.len + bytes.len()) {
            copy_short(room, bytes);
            self.len += bytes.len();
        }
    }

    #[inline]
    fn put_byte(&mut self, byte: u8) {
        if self.len == STAGE {
            self.flush();
        }
        if let Some(slot) = self.bytes.get_mut(self.len) {
            *slot = byte;
            self.len += 1;
        }
    }

    // Inlined into the pairs' loop: a call per pair costs a fifth of the pair.
    #[inline(always)]
    fn put_pair(&mut self, separator: Option<u8>, name: &[u8], equals: u8, value: &[u8]) {
        let len = usize::from(separator.is_some()) + name.len() + 1 + value.len();
        // Most pairs fit what is left of the buffer: one test of room for the four pieces.
        let Some(room) = self.bytes.get_mut(self.len..self.len + len) else {
            return pair_in_pieces(self, separator, name, equals, value);
        };
        let room = match separator {
            Some(separator) => {
                room[0] = separator;
                &mut room[1..]
            }
            None => room,
        };
        let (name_room, rest) = room.split_at_mut(name.len());
        copy_short(name_room, name);
        rest[0] = equals;
        copy_short(&mut rest[1..], value);
        self.len += len;
    }

    // Inlined into the JSON writer's loop, as `put_pair` is into the pairs'.
    #[inline(always)]
    fn put_quoted(&mut self, bytes: &[u8]) {
        let Some(room) = self.bytes.get_mut(self.len..self.len + bytes.len() + 2) else {
            self.put_byte(b'"');
            self.put(bytes);
            self.put_byte(b'"');
            return;
        };
        let (quote, rest) = room.split_at_mut(1);
        quote[0] = b'"';
        let (text, quote) = rest.split_at_mut(bytes.len());
        copy_short(text, bytes);
        quote[0] = b'"';
        self.len += bytes.len() + 2;
    }

    // Inlined into the JSON writer's loop: one test of room for the member's pieces.
    #[inline(always)]
    fn put_member(&mut self, separator: Option<u8>, name: &[u8], value: &[u8], quoted: bool) {
        let quotes = 2 * usize::from(quoted);
        let len = usize::from(separator.is_some()) + name.len() + 3 + value.len() + quotes;
        let Some(room) = self.bytes.get_mut(self.len..self.len + len) else {
            return member_in_pieces(self, separator, name, value, quoted);
        };
        let room = match separator {
            Some(separator) => {
                room[0] = separator;
                &mut room[1..]
            }
            None => room,
        };
        room[0] = b'"';
        let (name_room, rest) = room[1..].split_at_mut(name.len());
        copy_short(name_room, name);
        rest[..2].copy_from_slice(b"\":");
        let rest = &mut rest[2..];
        if quoted {
            rest[0] = b'"';
            copy_short(&mut rest[1..], value);
            rest[value.len() + 1] = b'"';
        } else {
            copy_short(rest, value);
        }
        self.len += len;
    }

    fn put_secret(&mut self, bytes: &[u8]) {
        // As `put` does it: copied whole into the buffer when it fits what is left, or
        // after a flush when shorter than a stage; else handed to the state directly.
        let copied = bytes.len() <= STAGE - self.len || bytes.len() < STAGE;
        self.put(bytes);
        if copied {
            let (start, end) = (self.len.saturating_sub(bytes.len()), self.len);
            self.secret = Some(match self.secret {
                Some((from, to)) => (from.min(start), to.max(end)),
                None => (start, end),
            });
        }
    }
}

/// Copies `src` to the start of `dst`, which has room for it. A message's pieces are
/// mostly a few bytes long, and a call to `memcpy` for each costs more than the copy: up
/// to 32 bytes are copied as two overlapping moves of a fixed size, which compile to
/// plain loads and stores.
#[inline(always)]
fn copy_short(dst: &mut [u8], src: &[u8]) {
    let len = src.len();
    let dst = &mut dst[..len];
    match len {
        0 => {}
        1..=3 => {
            dst[0] = src[0];
            dst[len / 2] = src[len / 2];
            dst[len - 1] = src[len - 1];
        }
        4..=7 => {
            dst[..4].copy_from_slice(&src[..4]);
            dst[len - 4..].copy_from_slice(&src[len - 4..]);
        }
        8..=15 => {
            dst[..8].copy_from_slice(&src[..8]);
            dst[len - 8..].copy_from_slice(&src[len - 8..]);
        }
        16..=32 => {
            dst[..16].copy_from_slice(&src[..16]);
            dst[len - 16..].copy_from_slice(&src[len - 16..]);
        }
        _ => dst.copy_from_slice(src),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A state that keeps what it is given.
    #[derive(Default)]
    struct Kept(Vec<u8>);

    impl Update for Kept {
        fn update(&mut self, data: &[u8]) {
            self.0.extend_from_slice(data);
        }
    }

    fn staged(state: &mut Kept) -> Staged<'_, Kept> {
        Staged::new(state)
    }

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn a_short_copy_copies_every_byte_of_every_length() {
        let source: Vec<u8> = (1..=40).collect();
        for len in 0..=source.len() {
            let mut copied = vec![0; len];
            copy_short(&mut copied, &source[..len]);
            assert_eq!(copied, source[..len], "{len} bytes");
        }
    }

    #[test]
    fn a_member_is_written_whole_or_in_pieces_alike() {
        // Before the member: room for it, and too little room (it is written in pieces
        // across a flush).
        for before in [0, 7, STAGE - 12, STAGE - 1] {
            for (separator, quoted) in [(None, true), (Some(b','), true), (Some(b','), false)] {
                let mut state = Kept::default();
                let mut expected = vec![b'x'; before];
                let mut sink = staged(&mut state);
                for _ in 0..before {
                    sink.put_byte(b'x');
                }
                sink.put_member(separator, b"bank_name", b"BBVA MEXICO", quoted);
                expected.put_member(separator, b"bank_name", b"BBVA MEXICO", quoted);
                sink.flush();
                drop(sink);
                assert_eq!(state.0, expected, "{before} bytes before, {separator:?}");
            }
        }
    }

    #[test]
    fn a_secret_of_exactly_one_stage_is_wiped_too() {
        let secret = vec![b'k'; STAGE];
        let body = vec![b'b'; STAGE + 88];
        // At the start of a message, and after a piece too long for the stage (which goes
        // to the state directly and leaves the stage empty): the secret fits exactly.
        for before in [&[][..], &body[..], b"x"] {
            let mut state = Kept::default();
            let mut sink = staged(&mut state);
            sink.put(before);
            sink.put_secret(&secret);
            sink.flush();
            sink.wipe();
            assert!(
                !contains(&sink.bytes, &secret[..16]),
                "{} bytes before: the secret is left in the stage",
                before.len()
            );
            drop(sink);
            assert_eq!(state.0, [before, &secret[..]].concat());
        }
    }

    #[test]
    fn the_state_gets_every_byte_and_the_buffer_keeps_no_secret() {
        const SECRET: &[u8] = b"2I9Q4nExEddsH6zo";
        // Before the secret: nothing, a little, and enough to flush once or twice.
        for before in [0, 10, STAGE - 5, STAGE + 100, 2 * STAGE + 3] {
            let mut state = Kept::default();
            let mut expected = Vec::new();
            let mut sink = staged(&mut state);
            for i in 0..before {
                let byte = b'a' + (i % 26) as u8;
                sink.put_byte(byte);
                expected.push(byte);
            }
            sink.put_pair(Some(b'&'), b"key", b'=', b"");
            sink.put_secret(SECRET);
            sink.put(b"&after");
            expected.extend_from_slice(b"&key=");
            expected.extend_from_slice(SECRET);
            expected.extend_from_slice(b"&after");
            sink.flush();
            sink.wipe();
            assert!(
                !contains(&sink.bytes, &SECRET[..4]),
                "{before} bytes before"
            );
            drop(sink);
            assert_eq!(state.0, expected, "{before} bytes before");
        }
    }
}
