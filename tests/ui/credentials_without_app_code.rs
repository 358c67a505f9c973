// Credentials carry every value the spec's headers need: no app_code, no credentials.
use payspec_sdk::teemopay_mx::Credentials;

fn main() {
    let _credentials = Credentials::builder().build();
}
