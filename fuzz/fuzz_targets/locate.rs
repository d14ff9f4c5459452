//! Any grid of cells: the section locator and the rules.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    igp::fuzzing::grid(data);
});
