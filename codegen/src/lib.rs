//! payspec code generator.
