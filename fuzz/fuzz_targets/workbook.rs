//! Any bytes as a file: sniffing, the workbook readers (calamine), the locator, the rules.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    igp::fuzzing::file(data);
});
