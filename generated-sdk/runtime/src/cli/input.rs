//! Reading a request or body from a file or standard input.

use std::io::Read;

/// The bytes of `file`, or of standard input when `file` is `-`.
pub fn read(file: &str) -> Result<Vec<u8>, String> {
    if file == "-" {
        let mut body = Vec::new();
        std::io::stdin()
            .read_to_end(&mut body)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        Ok(body)
    } else {
        std::fs::read(file).map_err(|e| format!("cannot read {file}: {e}"))
    }
}
