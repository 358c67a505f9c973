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

/// `#[doc = "..."]` attributes, one per line of `text`; paragraphs separated by `///`.
pub fn doc<'a>(paragraphs: impl IntoIterator<Item = &'a str>) -> TokenStream {
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
                .map(|l| format!(" {}", l.trim_end())),
        );
    }
    quote! { #( #[doc = #lines] )* }
}
