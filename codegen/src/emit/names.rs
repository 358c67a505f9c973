//! Identifiers and doc attributes for emitted code.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

/// An identifier, written raw (`r#type`) when it is a Rust keyword.
pub fn ident(name: &str) -> Ident {
    match syn::parse_str::<Ident>(name) {
        Ok(ident) => ident,
        Err(_) => Ident::new_raw(name, Span::call_site()),
    }
}

/// `Some(n)` as a `usize` literal, or `None`: a bound the runtime takes as `Option<usize>`.
pub fn bound(n: Option<u32>) -> TokenStream {
    match n {
        Some(n) => {
            let n = n as usize;
            quote! { Some(#n) }
        }
        None => quote! { None },
    }
}

/// `#[doc = "..."]` attributes, one per line of `text`; paragraphs separated by `///`.
pub fn doc<'a>(paragraphs: impl IntoIterator<Item = &'a str>) -> TokenStream {
    let lines = doc_lines(paragraphs);
    quote! { #( #[doc = #lines] )* }
}

/// The lines of [`doc`]: spec text, escaped for rustdoc, paragraphs separated by a blank.
pub fn doc_lines<'a>(paragraphs: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for paragraph in paragraphs {
        if paragraph.trim().is_empty() {
            continue;
        }
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.extend(
            paragraph
                .trim()
                .lines()
                .map(|l| format!(" {}", escape_markdown(l.trim_end()))),
        );
    }
    lines
}

/// Generated Markdown (intra-doc links, code), not spec text: its lines as they are,
/// after a blank line that separates them from the paragraphs before.
pub fn raw_lines(text: &str) -> Vec<String> {
    std::iter::once(String::new())
        .chain(text.lines().map(|l| format!(" {l}")))
        .collect()
}

/// Spec text as rustdoc shows it: outside `code spans`, `<nonce>` would be an HTML tag
/// that vanishes and `[payouts]` a broken link, so both are escaped; bare URLs become
/// links.
fn escape_markdown(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for (i, part) in line.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        if i % 2 == 1 {
            out.push_str(part);
            continue;
        }
        for word in part.split_inclusive(' ') {
            // A URL, possibly quoted or in parentheses: `"https://x.example"),`.
            let opening = word.len() - word.trim_start_matches(['"', '(', '\'']).len();
            let bare = word[opening..]
                .trim_end()
                .trim_end_matches([',', '.', ';', ':', ')', '"', '\'']);
            if bare.starts_with("http://") || bare.starts_with("https://") {
                out.push_str(&word[..opening]);
                out.push('<');
                out.push_str(bare);
                out.push('>');
                out.push_str(&word[opening + bare.len()..]);
                continue;
            }
            for c in word.chars() {
                match c {
                    '<' => out.push_str("&lt;"),
                    '>' => out.push_str("&gt;"),
                    '[' => out.push_str("\\["),
                    ']' => out.push_str("\\]"),
                    _ => out.push(c),
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape_markdown;

    #[test]
    fn spec_text_survives_rustdoc() {
        assert_eq!(
            escape_markdown("then &nonce=<nonce> is appended; data: [payouts]"),
            "then &nonce=&lt;nonce&gt; is appended; data: \\[payouts\\]"
        );
        assert_eq!(
            escape_markdown("see `a<b>` and https://example.com/x, done"),
            "see `a<b>` and <https://example.com/x>, done"
        );
        assert_eq!(
            escape_markdown(r#"callbackUrl "https://a.example/cb" (was "https://b.example")"#),
            r#"callbackUrl "<https://a.example/cb>" (was "<https://b.example>")"#
        );
    }
}
