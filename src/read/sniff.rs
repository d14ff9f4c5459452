//! Telling a file's real type from its bytes, whatever its name says.

use std::io::Cursor;

/// What a file's bytes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Xlsx,
    Xlsm,
    Xlsb,
    Xls,
    Ods,
    /// Delimited text (CSV, TSV, semicolon- or pipe-separated).
    Delimited,
    /// A plan in igp's own JSON model.
    Json,
}

impl Kind {
    /// The name used in the model's `source.format`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Xlsx => "xlsx",
            Kind::Xlsm => "xlsm",
            Kind::Xlsb => "xlsb",
            Kind::Xls => "xls",
            Kind::Ods => "ods",
            Kind::Delimited => "csv",
            Kind::Json => "json",
        }
    }
}

/// Tells what `bytes` are, or says in a few words what they are instead.
pub fn sniff(bytes: &[u8]) -> Result<Kind, String> {
    if bytes.is_empty() {
        return Err("the file is empty".into());
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return sniff_zip(bytes);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        if contains_utf16(bytes, "EncryptedPackage") {
            return Err("the workbook is password-protected (encrypted); save an unprotected copy and try again".into());
        }
        return Ok(Kind::Xls);
    }
    let magic: [(&[u8], &str); 9] = [
        (b"%PDF", "a PDF document, not a spreadsheet or CSV"),
        (b"\x89PNG", "a PNG image, not a spreadsheet or CSV"),
        (b"\xFF\xD8\xFF", "a JPEG image, not a spreadsheet or CSV"),
        (b"GIF8", "a GIF image, not a spreadsheet or CSV"),
        (b"\x1F\x8B", "a gzip archive, not a spreadsheet or CSV"),
        (b"Rar!", "a RAR archive, not a spreadsheet or CSV"),
        (b"7z\xBC\xAF", "a 7-Zip archive, not a spreadsheet or CSV"),
        (
            b"\x7FELF",
            "a program (ELF binary), not a spreadsheet or CSV",
        ),
        (b"{\\rtf", "an RTF document, not a spreadsheet or CSV"),
    ];
    for (m, what) in magic {
        if bytes.starts_with(m) {
            return Err(what.into());
        }
    }
    if bytes.len() > 12 && &bytes[0..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        return Err("a WebP image, not a spreadsheet or CSV".into());
    }
    let head = text_head(bytes);
    let lower = head.trim_start().to_ascii_lowercase();
    if lower.starts_with("<!doctype html")
        || lower.starts_with("<html")
        || lower.contains("<html") && lower.starts_with('<')
    {
        return Err(
            "an HTML page, not a spreadsheet or CSV (did the download save a sign-in page?)".into(),
        );
    }
    if lower.starts_with("<?xml") || lower.starts_with("<svg") {
        return Err(
            "an XML document, not a spreadsheet or CSV (save it as .xlsx, .ods or .csv)".into(),
        );
    }
    if lower.starts_with('{') {
        return Ok(Kind::Json);
    }
    Ok(Kind::Delimited)
}

fn sniff_zip(bytes: &[u8]) -> Result<Kind, String> {
    let archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        format!("a damaged or truncated zip archive, not a readable workbook ({e})")
    })?;
    let has = |name: &str| archive.index_for_name(name).is_some();
    if has("xl/workbook.xml") {
        return Ok(if has("xl/vbaProject.bin") {
            Kind::Xlsm
        } else {
            Kind::Xlsx
        });
    }
    if has("xl/workbook.bin") {
        return Ok(Kind::Xlsb);
    }
    if has("content.xml") && (has("mimetype") || has("META-INF/manifest.xml")) {
        return Ok(Kind::Ods);
    }
    if has("word/document.xml") {
        return Err("a Word document, not a spreadsheet".into());
    }
    if has("ppt/presentation.xml") {
        return Err("a PowerPoint presentation, not a spreadsheet".into());
    }
    Err("a zip archive that is not a workbook (no xl/workbook.xml or content.xml inside)".into())
}

/// The sum of the declared uncompressed sizes of a zip's entries.
pub fn zip_unpacked_size(bytes: &[u8]) -> Result<u64, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("a damaged zip archive ({e})"))?;
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let f = archive
            .by_index_raw(i)
            .map_err(|e| format!("a damaged zip archive ({e})"))?;
        total = total.saturating_add(f.size());
    }
    Ok(total)
}

fn contains_utf16(bytes: &[u8], needle: &str) -> bool {
    let pat: Vec<u8> = needle
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    bytes.windows(pat.len()).any(|w| w == pat.as_slice())
}

/// The first bytes as text (BOMs and UTF-16 handled), for recognising markup.
fn text_head(bytes: &[u8]) -> String {
    let head = &bytes[..bytes.len().min(1024)];
    let (text, _, _) = encoding_rs::UTF_8.decode(head);
    let t = text.trim_start_matches('\u{feff}');
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        let (text, _) = encoding_rs::Encoding::for_bom(head)
            .map(|(e, _)| e)
            .unwrap_or(encoding_rs::UTF_16LE)
            .decode_with_bom_removal(head);
        return text.into_owned();
    }
    t.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_types_by_bytes() {
        assert_eq!(sniff(b"Name,Alice\n"), Ok(Kind::Delimited));
        assert_eq!(sniff(b"{\"schema_version\":1}"), Ok(Kind::Json));
        assert!(sniff(b"").unwrap_err().contains("empty"));
        assert!(sniff(b"%PDF-1.7 ...").unwrap_err().contains("PDF"));
        assert!(sniff(b"\n<!DOCTYPE html><html>")
            .unwrap_err()
            .contains("HTML"));
        assert!(sniff(b"PK\x03\x04garbage").unwrap_err().contains("zip"));
    }
}
