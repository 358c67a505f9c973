//! The typestate of generated builders. A builder holds its required members in one
//! tuple, each element [`Unset`] until its setter is called and the member's value
//! after. A setter puts its value in its slot ([`Slot`], which only an unset element
//! takes), and `build()` asks each element to be a [`Member`] of its member's type,
//! which only a value is: a forgotten required member does not compile, and the error
//! names it. The tuple impls are written here once for every size, so a generated
//! setter is one line.

use std::marker::PhantomData;

/// A required member not set yet; `M` names it (a marker the generated code declares).
pub struct Unset<M>(PhantomData<fn() -> M>);

impl<M> Unset<M> {
    /// The state of a member before its setter is called.
    pub const fn new() -> Self {
        Unset(PhantomData)
    }
}

impl<M> Default for Unset<M> {
    fn default() -> Self {
        Self::new()
    }
}

/// A required member's state that `build()` takes: its value, set.
#[diagnostic::on_unimplemented(
    message = "the required member `{Self}` was not set",
    label = "`build()` needs every required member",
    note = "call the member's setter before `build()`"
)]
pub trait Member<T> {
    /// The value set.
    fn value(self) -> T;
}

impl<T> Member<T> for T {
    fn value(self) -> T {
        self
    }
}

/// A required member's state before its setter is called: a member is set once.
#[diagnostic::on_unimplemented(
    message = "this required member is already set (to a `{Self}`)",
    label = "set once"
)]
pub trait IsUnset {}

impl<M> IsUnset for Unset<M> {}

/// The required members of a builder that was just started: every one unset.
pub trait Start {
    /// Every element [`Unset`].
    fn start() -> Self;
}

/// The tuple of required members with the `I`th set to `T`.
pub trait Slot<const I: usize, T> {
    /// The tuple after.
    type Out;
    /// Sets the `I`th member.
    fn set(self, value: T) -> Self::Out;
}

/// `Slot` for each element of one tuple: `[before] [current, after...]; index`.
macro_rules! slots {
    ([$($before:ident $b:ident)*] []; $index:expr) => {};
    ([$($before:ident $b:ident)*] [$current:ident $c:ident $($after:ident $a:ident)*]; $index:expr) => {
        impl<$($before,)* $current: IsUnset, $($after,)* T> Slot<{ $index }, T>
            for ($($before,)* $current, $($after,)*)
        {
            type Out = ($($before,)* T, $($after,)*);
            fn set(self, value: T) -> Self::Out {
                let ($($b,)* _, $($a,)*) = self;
                ($($b,)* value, $($a,)*)
            }
        }
        slots!([$($before $b)* $current $c] [$($after $a)*]; $index + 1);
    };
}

/// `Start` and `Slot` for tuples of every size up to the list's.
macro_rules! tuples {
    ([$($done:ident $d:ident)*] []) => {};
    ([$($done:ident $d:ident)*] [$next:ident $n:ident $($rest:ident $r:ident)*]) => {
        impl<$($done,)* $next> Start for ($(Unset<$done>,)* Unset<$next>,) {
            fn start() -> Self {
                ($(Unset::<$done>::new(),)* Unset::<$next>::new(),)
            }
        }
        slots!([] [$($done $d)* $next $n]; 0);
        tuples!([$($done $d)* $next $n] [$($rest $r)*]);
    };
}

// Up to 32 required members per struct (the generator refuses more).
tuples!([] [
    A0 a0 A1 a1 A2 a2 A3 a3 A4 a4 A5 a5 A6 a6 A7 a7 A8 a8 A9 a9 A10 a10
    A11 a11 A12 a12 A13 a13 A14 a14 A15 a15 A16 a16 A17 a17 A18 a18 A19 a19 A20 a20 A21 a21
    A22 a22 A23 a23 A24 a24 A25 a25 A26 a26 A27 a27 A28 a28 A29 a29 A30 a30 A31 a31
]);
