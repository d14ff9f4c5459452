//! Any bytes as delimited text: decoding, delimiter sniffing, CSV parsing, the locator.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    igp::fuzzing::delimited(data);
});
