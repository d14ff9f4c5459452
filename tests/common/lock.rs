//! What office programs leave beside an open file (shared by tests/check.rs and
//! tests/serve.rs, which take a folder holding one by the same rule).

/// An Excel lock file as Excel writes it beside an open workbook: 165 bytes, the owner's
/// name in ANSI and in UTF-16, padded.
pub fn excel_lock(owner: &str) -> Vec<u8> {
    let mut b = vec![owner.len() as u8];
    b.extend(owner.bytes());
    b.resize(55, b' ');
    b.extend([owner.len() as u8, 0]);
    b.extend(owner.encode_utf16().flat_map(u16::to_le_bytes));
    while b.len() < 165 {
        b.extend([b' ', 0]);
    }
    b.truncate(165);
    b
}
