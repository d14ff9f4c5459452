//! Which files of a folder are plans: the one rule for `igp check DIR` (and every command
//! that walks a folder) and for a folder dropped on `igp serve`; and the office lock files,
//! named as what they are wherever they turn up.

use std::path::Path;

/// The extensions of files taken from a folder: workbooks (and their templates), Excel
/// 2003 XML and flat ODS, delimited text, igp's JSON plans, and the spreadsheet formats igp
/// cannot read but names with what to do (a plan saved as .numbers is one to tell its
/// owner about).
pub const EXTENSIONS: [&str; 26] = [
    "xlsx", "xlsm", "xlsb", "xls", "xltx", "xltm", "xlt", "ods", "ots", "fods", "xml", "csv",
    "tsv", "tab", "txt", "json", "numbers", "slk", "gnumeric", "qpw", "wb1", "wb2", "wb3", "wk1",
    "wk3", "wk4",
];

/// The extensions as a file input's `accept` list (`.xlsx,.xlsm,...`): the web page's
/// file chooser offers what a folder walk takes.
pub fn accept() -> String {
    EXTENSIONS.map(|e| format!(".{e}")).join(",")
}

/// How much of a file [`skip`] looks at, for the extensions whose name is not enough.
pub const HEAD_BYTES: usize = 64 * 1024;

/// Why a file of a folder is not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skip {
    /// A file name that is not UTF-8.
    NameNotUtf8,
    /// The lock file Excel or LibreOffice keeps beside a workbook while it is open.
    LockFile { of: String },
    /// A dot-file.
    Hidden,
    /// An extension that is not a spreadsheet's, a CSV's or a plan's.
    NotSpreadsheet,
    /// A .txt whose first lines are prose, not a table.
    Prose,
    /// A .json that is not igp's JSON model of a plan.
    OtherJson,
}

impl Skip {
    pub fn is_lock_file(&self) -> bool {
        matches!(self, Skip::LockFile { .. })
    }
}

impl std::fmt::Display for Skip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Skip::NameNotUtf8 => f.write_str("a file name that is not UTF-8"),
            Skip::LockFile { of } => write!(f, "the lock file of {of} (kept while it is open)"),
            Skip::Hidden => f.write_str("a hidden file"),
            Skip::NotSpreadsheet => f.write_str("not a spreadsheet or CSV file"),
            Skip::Prose => f.write_str("text that is not a table"),
            Skip::OtherJson => f.write_str("JSON that is not an igp plan"),
        }
    }
}

/// Why the file named `name` (a path or a bare name; only its last part counts) is not
/// read when found in a folder, or `None` to read it. `head` gives the file's first bytes
/// ([`HEAD_BYTES`] are enough) and is asked for only when the name is not enough (.txt,
/// .json); `None` from it (the file cannot be read) takes the file, so that reading it
/// says what is wrong.
pub fn skip(name: &str, head: impl FnOnce() -> Option<Vec<u8>>) -> Option<Skip> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    if let Some(of) = lock_target(base) {
        return Some(Skip::LockFile { of });
    }
    if base.starts_with('.') {
        return Some(Skip::Hidden);
    }
    let ext = Path::new(base)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        // A .txt is often a note: read only when its first lines are a table. Text that
        // cannot be decoded is read, and reading it says what is wrong.
        Some("txt") => {
            let head = head()?;
            let prose = super::delimited::decode(&head)
                .is_ok_and(|(text, _)| !super::delimited::looks_like_table(&text));
            prose.then_some(Skip::Prose)
        }
        // A .json is a plan when it is igp's model, which names its schema version.
        Some("json") => {
            let head = head()?;
            let plan = memchr::memmem::find(&head, b"\"schema_version\"").is_some();
            (!plan).then_some(Skip::OtherJson)
        }
        Some(e) if EXTENSIONS.contains(&e) => None,
        _ => Some(Skip::NotSpreadsheet),
    }
}

/// [`skip`] for a file on disk, reading its head when the name is not enough.
pub fn skip_path(path: &Path) -> Option<Skip> {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return Some(Skip::NameNotUtf8);
    };
    skip(name, || {
        use std::io::Read;
        let mut head = Vec::new();
        std::fs::File::open(path)
            .and_then(|f| f.take(HEAD_BYTES as u64).read_to_end(&mut head))
            .ok()?;
        Some(head)
    })
}

/// The workbook a lock file's name stands for: `~$Plan.xlsx` (Excel) and
/// `.~lock.Plan.ods#` (LibreOffice) are the lock files of `Plan.xlsx` and `Plan.ods`.
fn lock_target(base: &str) -> Option<String> {
    if let Some(of) = base.strip_prefix("~$") {
        return Some(of.to_string()).filter(|of| !of.is_empty());
    }
    let of = base.strip_prefix(".~lock.")?;
    Some(of.strip_suffix('#').unwrap_or(of).to_string()).filter(|of| !of.is_empty())
}

/// When the file named `name` with these bytes is an office lock file, what it is, in one
/// sentence that names the workbook to read instead. A file named like a lock file that
/// holds a workbook (a zip or an OLE file) is not one.
pub fn lock_file(name: &str, bytes: &[u8]) -> Option<String> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let of = lock_target(base)?;
    if bytes.starts_with(b"PK") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return None;
    }
    let (a, app, owner) = if base.starts_with("~$") {
        ("an", "Excel", excel_owner(bytes))
    } else {
        ("a", "LibreOffice", libreoffice_owner(bytes))
    };
    let by = owner.map(|o| format!(" (here by {o})")).unwrap_or_default();
    Some(format!(
        "{a} {app} lock file, not a plan: {app} keeps it beside {of} while that file is open{by} \
         and deletes it on closing; check {of} itself"
    ))
}

/// The owner's name in an Excel lock file: a length byte and the name in the ANSI code
/// page, padded to 55 bytes, then a 16-bit length and the name in UTF-16.
fn excel_owner(bytes: &[u8]) -> Option<String> {
    let n = usize::from(*bytes.first()?);
    if n == 0 || n > 53 {
        return None;
    }
    let wide = bytes.get(57..57 + 2 * n).and_then(|w| {
        let units: Vec<u16> = w
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16(&units).ok()
    });
    let name = wide.or_else(|| {
        let ansi = bytes.get(1..1 + n)?;
        ansi.is_ascii()
            .then(|| String::from_utf8_lossy(ansi).into_owned())
    })?;
    clean_owner(&name)
}

/// The owner's name in a LibreOffice lock file: the first field of its one line
/// (`name,host,user,date,profile;`).
fn libreoffice_owner(bytes: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(&bytes[..bytes.len().min(4096)]).ok()?;
    clean_owner(text.split([',', ';', '\n']).next()?)
}

fn clean_owner(name: &str) -> Option<String> {
    let name = name.trim();
    (!name.is_empty() && name.chars().count() <= 64 && !name.chars().any(char::is_control))
        .then(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn never() -> Option<Vec<u8>> {
        panic!("the name is enough")
    }

    #[test]
    fn files_are_taken_or_skipped_by_name() {
        for (name, why) in [
            ("plans/alice.xlsx", None),
            ("plans/BOB.CSV", None),
            ("plans/old.xltx", None),
            ("plans/alice.numbers", None),
            ("plans/bob.fods", None),
            ("plans/bob.tab", None),
            (
                "plans/~$alice.xlsx",
                Some(Skip::LockFile {
                    of: "alice.xlsx".into(),
                }),
            ),
            (
                "plans/.~lock.bob.ods#",
                Some(Skip::LockFile {
                    of: "bob.ods".into(),
                }),
            ),
            ("plans/.DS_Store", Some(Skip::Hidden)),
            ("plans/notes.pdf", Some(Skip::NotSpreadsheet)),
            ("plans/README", Some(Skip::NotSpreadsheet)),
        ] {
            assert_eq!(skip(name, never), why, "{name}");
        }
    }

    #[test]
    fn text_and_json_are_taken_by_their_first_bytes() {
        let with = |b: &[u8]| {
            let b = b.to_vec();
            move || Some(b)
        };
        assert_eq!(
            skip("notes.txt", with(b"Remember to book the course.\n")),
            Some(Skip::Prose)
        );
        assert_eq!(skip("plan.txt", with(b"Name\tAlice\nRole\tDev\n")), None);
        assert_eq!(
            skip("package.json", with(br#"{"name": "x"}"#)),
            Some(Skip::OtherJson)
        );
        assert_eq!(skip("plan.json", with(br#"{"schema_version": "1"}"#)), None);
        // Unreadable: taken, and reading it says why.
        assert_eq!(skip("plan.txt", || None), None);
    }

    #[test]
    fn lock_files_name_their_workbook_and_owner() {
        // As Excel writes it: 165 bytes.
        let mut excel = vec![12u8];
        excel.extend(b"Jan Havl\xED\xE8ek");
        excel.resize(55, b' ');
        excel.extend([12, 0]);
        excel.extend("Jan Havlíček".encode_utf16().flat_map(u16::to_le_bytes));
        while excel.len() < 165 {
            excel.extend([b' ', 0]);
        }
        excel.truncate(165);
        let said = lock_file("dir/~$Plan 2026.xlsx", &excel).unwrap();
        assert_eq!(
            said,
            "an Excel lock file, not a plan: Excel keeps it beside Plan 2026.xlsx while that \
             file is open (here by Jan Havlíček) and deletes it on closing; check Plan 2026.xlsx \
             itself"
        );
        let lo = b"Alice Smith,laptop,alice,06.12.2026 17:40,file:///home/alice/.config;";
        let said = lock_file(".~lock.plan.ods#", lo).unwrap();
        assert_eq!(
            said,
            "a LibreOffice lock file, not a plan: LibreOffice keeps it beside plan.ods while \
             that file is open (here by Alice Smith) and deletes it on closing; check plan.ods \
             itself"
        );
        // A workbook named like a lock file is a workbook.
        assert_eq!(lock_file("~$plan.xlsx", b"PK\x03\x04rest"), None);
        assert_eq!(lock_file("plan.xlsx", b"\x05Alice"), None);
    }
}
