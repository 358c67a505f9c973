//! The typestate builder of a generated struct: `X::builder()`, one setter per member
//! (`maybe_x` too for an optional one), and `build()`, which compiles only once every
//! required member is set. The required members are one tuple, each element
//! `runtime::builder::Unset<marker>` until set: putting a value in its slot is the
//! runtime's (`Slot`), so each setter here is one line, and a forgotten member is a
//! compile error naming its marker. Optional members are plain `Option`s.

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
    let optional: Vec<&Member> = members.iter().filter(|m| !m.required).collect();
    let optional_names: Vec<&Ident> = optional.iter().map(|m| &m.name).collect();
    let optional_fields = optional.iter().map(|m| {
        let (name, value) = (&m.name, &m.ty);
        quote! { #name: Option<#value> }
    });
    let setters = members.iter().map(|m| {
        let slot = required.iter().position(|r| r.name == m.name);
        setter(&builder, type_name, &optional_names, m, slot)
    });
    let start_doc = format!(
        " Starts building a [`{type_name}`]: `build()` compiles once every required member is set."
    );
    let build_doc = format!(" The [`{type_name}`], once every required member is set.");
    if required.is_empty() {
        let built = optional_names
            .iter()
            .map(|name| quote! { #name: self.#name });
        let builder_doc = format!(
            " Builds a [`{type_name}`] one member at a time (from [`{type_name}::builder`])."
        );
        return quote! {
            impl #ty {
                #[doc = #start_doc]
                pub fn builder() -> #builder {
                    #builder { #( #optional_names: None ),* }
                }
            }

            #[doc = #builder_doc]
            pub struct #builder {
                #( #optional_fields ),*
            }

            impl #builder {
                #( #setters )*

                #[doc = #build_doc]
                pub fn build(self) -> #ty {
                    #ty { #( #built ),* }
                }
            }
        };
    }
    let builder_doc = format!(
        " Builds a [`{type_name}`] one member at a time (from [`{type_name}::builder`]). `S` holds the required members: each `Unset` until its setter is called."
    );
    let markers_doc =
        format!(" Names of the required members of [`{type_name}`], for the builder's errors.");
    let marker_names: Vec<&Ident> = required.iter().map(|m| &m.name).collect();
    // `build` is on the tuple's elements, each bound to be its member's value: a
    // forgotten member is reported as that element's bound, nothing else.
    let params: Vec<Ident> = (0..required.len()).map(|i| format_ident!("S{i}")).collect();
    let bounds = required.iter().zip(&params).map(|(m, p)| {
        let value = &m.ty;
        quote! { #p: runtime::builder::Member<#value> }
    });
    let values = required.iter().zip(&params).map(|(m, p)| {
        let name = &m.name;
        let p = format_ident!("{}", p.to_string().to_lowercase());
        quote! { #name: #p.value() }
    });
    let bindings: Vec<Ident> = params
        .iter()
        .map(|p| format_ident!("{}", p.to_string().to_lowercase()))
        .collect();
    let optional_built = optional_names
        .iter()
        .map(|name| quote! { #name: self.#name });
    quote! {
        impl #ty {
            #[doc = #start_doc]
            pub fn builder() -> #builder {
                #builder {
                    required: runtime::builder::Start::start(),
                    #( #optional_names: None, )*
                }
            }
        }

        #[doc = #builder_doc]
        pub struct #builder<S = ( #( runtime::builder::Unset<#markers::#marker_names>, )* )> {
            required: S,
            #( #optional_fields, )*
        }

        #[doc = #markers_doc]
        #[doc(hidden)]
        #[allow(non_camel_case_types)]
        pub mod #markers {
            #(
                #[doc = " A required member."]
                pub enum #marker_names {}
            )*
        }

        impl<S> #builder<S> {
            #( #setters )*
        }

        impl<#( #params ),*> #builder<( #( #params, )* )> {
            #[doc = #build_doc]
            pub fn build(self) -> #ty
            where
                #( #bounds, )*
            {
                let ( #( #bindings, )* ) = self.required;
                #ty { #( #values, )* #( #optional_built, )* }
            }
        }
    }
}

/// The setters of one member: a required one's puts its value in its slot of the
/// tuple (the builder's type changes); an optional one's sets its `Option`.
fn setter(
    builder: &Ident,
    type_name: &str,
    optional: &[&Ident],
    member: &Member,
    slot: Option<usize>,
) -> TokenStream {
    let (name, value) = (&member.name, &member.ty);
    let (arg, converted) = if member.into {
        (quote! { impl Into<#value> }, quote! { value.into() })
    } else {
        (quote! { #value }, quote! { value })
    };
    let Some(slot) = slot else {
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
    let doc = format!(" Sets [`{type_name}::{name}`] (required).");
    quote! {
        #[doc = #doc]
        pub fn #name(self, value: #arg) -> #builder<S::Out>
        where
            S: runtime::builder::Slot<#slot, #value>,
        {
            #builder {
                required: self.required.set(#converted),
                #( #optional: self.#optional, )*
            }
        }
    }
}
