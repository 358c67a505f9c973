// A currency of more decimals than an amount's text holds does not compile: its amounts
// would be written wrong.
use payspec_sdk::runtime::{Currency, Money};

enum Satoshi {}

impl Currency for Satoshi {
    const CODE: &'static str = "SAT";
    const DECIMALS: u32 = 8;
}

fn main() {
    let _amount = Money::<Satoshi>::from_minor_units(100_000_000);
}
