//! The typestate builder of a generated struct: `X::builder()`, one setter per member
//! (`maybe_x` too for an optional one), and `build()`, which compiles only once every
//! required member is set. Each required member is a type parameter of the builder,
//! holding its value once set (`runtime::builder::Unset<marker>` before): a forgotten one
//! is a compile error naming it. Optional members are plain `Option`s. This is a few
//! items per struct, where a derive macro's general-purpose typestate is dozens.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

/// A member as the builder sets it.
pub struct Member {
    /// The struct's member (`merchant_order_no`).
    pub name: Ident,
    /// Its value's type, without the `Option` of an optional member.
    pub ty: TokenStream,
    /// Whether `build` needs it.
    pub required: bool,
    /// Whether its setters take anything `Into` its type (text).
    pub into: bool,
}

/// `X::builder()`, the builder struct, its markers, setters and `build`.
pub fn builder(type_name: &str, members: &[Member]) -> TokenStream {
    let ty = format_ident!("{type_name}");
    let builder = format_ident!("{type_name}Builder");
    let markers = format_ident!("{}_members", heck::AsSnakeCase(type_name).to_string());
    let required: Vec<&Member> = members.iter().filter(|m| m.required).collect();
    // One type parameter per required member: S0, S1, ...
    let params: Vec<Ident> = (0..required.len()).map(|i| format_ident!("S{i}")).collect();
    let position = |m: &Member| required.iter().position(|r| r.name == m.name);
    let marker_names = required.iter().map(|m| &m.name);
    let defaults = required.iter().zip(&params).map(|(m, p)| {
        let name = &m.name;
        quote! { #p = runtime::builder::Unset<#markers::#name> }
    });
    let fields = members.iter().map(|m| {
        let (name, value) = (&m.name, &m.ty);
        match position(m) {
            Some(i) => {
                let p = &params[i];
                quote! { #name: #p }
            }
            None => quote! { #name: Option<#value> },
        }
    });
    let starts = members.iter().map(|m| {
        let name = &m.name;
        if m.required {
            quote! { #name: runtime::builder::Unset::new() }
        } else {
            quote! { #name: None }
        }
    });
    let setters = members
        .iter()
        .map(|m| setter(&builder, type_name, members, &params, m, position(m)));
    let bounds = required.iter().zip(&params).map(|(m, p)| {
        let value = &m.ty;
        quote! { #p: runtime::builder::Member<#value> }
    });
    let built = members.iter().map(|m| {
        let name = &m.name;
        if m.required {
            quote! { #name: self.#name.value() }
        } else {
            quote! { #name: self.#name }
        }
    });
    let start_doc = format!(
        " Starts building a [`{type_name}`]: `build()` compiles once every required member is set."
    );
    let builder_doc = format!(
        " Builds a [`{type_name}`] one member at a time (from [`{type_name}::builder`]). Each type parameter is a required member: `Unset` until its setter is called."
    );
    let markers_doc =
        format!(" Names of the required members of [`{type_name}`], for the builder's errors.");
    let build_doc = format!(" The [`{type_name}`], once every required member is set.");
    let (generics, where_bounds) = if params.is_empty() {
        (TokenStream::new(), TokenStream::new())
    } else {
        (quote! { <#( #params ),*> }, quote! { where #( #bounds ),* })
    };
    let marker_module = (!required.is_empty()).then(|| {
        quote! {
            #[doc = #markers_doc]
            #[doc(hidden)]
            #[allow(non_camel_case_types)]
            pub mod #markers {
                #(
                    #[doc = " A required member."]
                    pub enum #marker_names {}
                )*
            }
        }
    });
    let defaults = (!params.is_empty()).then(|| quote! { <#( #defaults ),*> });
    quote! {
        impl #ty {
            #[doc = #start_doc]
            pub fn builder() -> #builder {
                #builder { #( #starts ),* }
            }
        }

        #[doc = #builder_doc]
        pub struct #builder #defaults {
            #( #fields ),*
        }

        #marker_module

        impl #generics #builder #generics {
            #( #setters )*

            #[doc = #build_doc]
            pub fn build(self) -> #ty #where_bounds {
                #ty { #( #built ),* }
            }
        }
    }
}

/// The setters of one member: a required one's moves every member into the builder of
/// the next state; an optional one's sets its `Option`.
fn setter(
    builder: &Ident,
    type_name: &str,
    members: &[Member],
    params: &[Ident],
    member: &Member,
    position: Option<usize>,
) -> TokenStream {
    let (name, value) = (&member.name, &member.ty);
    let (arg, converted) = if member.into {
        (quote! { impl Into<#value> }, quote! { value.into() })
    } else {
        (quote! { #value }, quote! { value })
    };
    let Some(index) = position else {
        let maybe = format_ident!("maybe_{}", name.to_string().trim_start_matches("r#"));
        let set_doc = format!(" Sets [`{type_name}::{name}`] (optional).");
        let maybe_doc = format!(" Sets or clears [`{type_name}::{name}`] (optional).");
        let mapped = if member.into {
            quote! { value.map(Into::into) }
        } else {
            quote! { value }
        };
        return quote! {
            #[doc = #set_doc]
            pub fn #name(mut self, value: #arg) -> Self {
                self.#name = Some(#converted);
                self
            }

            #[doc = #maybe_doc]
            pub fn #maybe(mut self, value: Option<#arg>) -> Self {
                self.#name = #mapped;
                self
            }
        };
    };
    let next = params.iter().enumerate().map(|(i, p)| {
        if i == index {
            quote! { #value }
        } else {
            quote! { #p }
        }
    });
    let moved = members.iter().map(|m| {
        let other = &m.name;
        if m.name == member.name && *other == converted.to_string() {
            // A member named like the setter's argument (`value`): the shorthand.
            quote! { #other }
        } else if m.name == member.name {
            quote! { #other: #converted }
        } else {
            quote! { #other: self.#other }
        }
    });
    let doc = format!(" Sets [`{type_name}::{name}`] (required).");
    let this = &params[index];
    quote! {
        #[doc = #doc]
        pub fn #name(self, value: #arg) -> #builder<#( #next ),*>
        where
            #this: runtime::builder::IsUnset,
        {
            #builder { #( #moved ),* }
        }
    }
}
