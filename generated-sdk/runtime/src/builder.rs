//! The typestate of generated builders. A builder has one type parameter per required
//! member: [`Unset`] until its setter is called, the member's value after. `build()`
//! asks each parameter to be a [`Member`] of the member's type, which only a set value
//! is, so a forgotten required member does not compile, and the error names it.

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
