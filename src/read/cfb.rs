//! A bounded look at a compound file (an xls workbook) before calamine reads it.
//!
//! calamine's compound-file reader trusts the file's sector chains and record sizes: a chain
//! that loops makes it grow a buffer without end (a 1 KiB file asked for 17 GB), and a sheet
//! whose DIMENSIONS record claims A1:IV65536 makes it reserve 16.7 million cells (1 GiB)
//! for four. So an xls is walked here first, every step bounded by the file's size: the
//! header, the DIFAT and FAT, each chain calamine will follow (checked for loops and for
//! sectors past the end), then the records of the workbook stream, which say whether the
//! file is encrypted and how large each sheet's cells really span. What would cost more than
//! the limits allow is refused before calamine allocates anything; an oversized DIMENSIONS
//! claim is zeroed in a copy of the file, so the sheet costs only its cells.

use super::{bounds, Limits};
use std::borrow::Cow;

const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
const DIFSECT: u32 = 0xFFFF_FFFC;
const RESERVED: u32 = 0xFFFF_FFFA;
const MINI_SECTOR: usize = 64;
/// Streams shorter than this live in the mini stream.
const MINI_CUTOFF: u64 = 4096;

/// The chains and directory of a compound file, all checked against its size.
#[derive(Debug)]
pub struct Compound<'a> {
    bytes: &'a [u8],
    sector: usize,
    fat: Vec<u32>,
    minifat: Vec<u32>,
    /// The sectors that hold the mini stream, in order.
    mini_chain: Vec<u32>,
    mini_len: usize,
    entries: Vec<Entry>,
}

/// One directory entry.
#[derive(Debug, Clone)]
struct Entry {
    name: String,
    start: u32,
    len: u64,
}

/// A damaged file, in the reader's words.
fn damaged(what: &str) -> String {
    format!("a damaged xls workbook ({what}); open it in Excel or LibreOffice and save it again")
}

fn u16_at(b: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([b[at], b[at + 1]])
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

impl<'a> Compound<'a> {
    /// Reads the header, the allocation tables and the directory.
    ///
    /// # Errors
    ///
    /// A phrase for the person when the structure is damaged: a chain that loops or
    /// points past the end of the file, more allocation sectors than the file has.
    pub fn open(bytes: &'a [u8]) -> Result<Compound<'a>, String> {
        if bytes.len() < 512 {
            return Err(damaged("shorter than a compound file's header"));
        }
        let sector = match u16_at(bytes, 30) {
            9 => 512,
            12 => 4096,
            _ => return Err(damaged("an unknown sector size")),
        };
        if u16_at(bytes, 32) != 6 {
            return Err(damaged("an unknown mini sector size"));
        }
        // Sector `id` starts at byte (id + 1) * sector; a last, partial sector counts.
        let sectors = bytes.len().saturating_sub(sector).div_ceil(sector);
        let mut cfb = Compound {
            bytes,
            sector,
            fat: Vec::new(),
            minifat: Vec::new(),
            mini_chain: Vec::new(),
            mini_len: 0,
            entries: Vec::new(),
        };

        // DIFAT: 109 entries in the header, then a chain of sectors of 127 more each.
        let mut difat: Vec<u32> = (0..109).map(|i| u32_at(bytes, 76 + 4 * i)).collect();
        let mut next = u32_at(bytes, 68);
        let mut seen = vec![false; sectors];
        while next < RESERVED {
            let id = next as usize;
            if id >= sectors {
                return Err(damaged("the sector table points past the end of the file"));
            }
            if std::mem::replace(&mut seen[id], true) {
                return Err(damaged("the sector table's chain loops"));
            }
            let s = cfb.sector_bytes(next);
            let words: Vec<u32> = s.chunks_exact(4).map(|w| u32_at(w, 0)).collect();
            let Some((last, rest)) = words.split_last() else {
                break;
            };
            difat.extend_from_slice(rest);
            next = *last;
        }
        let fat_sectors: Vec<u32> = difat.into_iter().filter(|id| *id < DIFSECT).collect();
        if fat_sectors.len() > sectors {
            return Err(damaged("more allocation sectors than the file has"));
        }
        for id in fat_sectors {
            if id as usize >= sectors {
                return Err(damaged(
                    "the allocation table points past the end of the file",
                ));
            }
            let s = cfb.sector_bytes(id);
            cfb.fat.extend(s.chunks_exact(4).map(|w| u32_at(w, 0)));
        }

        // The directory: calamine reads its whole chain.
        let dir_chain = cfb.chain(u32_at(bytes, 48), false, usize::MAX)?;
        let dir = cfb.gather(&dir_chain, false, usize::MAX);
        cfb.entries = dir
            .chunks_exact(128)
            .map(|e| {
                let units: Vec<u16> = e[..64].chunks_exact(2).map(|c| u16_at(c, 0)).collect();
                let name = String::from_utf16_lossy(&units);
                let name = name.split('\0').next().unwrap_or_default().to_string();
                let len = if sector == 512 {
                    u64::from(u32_at(e, 120))
                } else {
                    u64::from(u32_at(e, 120)) | (u64::from(u32_at(e, 124)) << 32)
                };
                Entry {
                    name,
                    start: u32_at(e, 116),
                    len,
                }
            })
            .collect();
        let Some(root) = cfb.entries.first().cloned() else {
            return Err(damaged("an empty directory"));
        };

        // The mini stream and its allocation table, when there is one.
        let mini_fat_len = u32_at(bytes, 64) as usize;
        if mini_fat_len > 0 {
            let root_len = usize::try_from(root.len).unwrap_or(usize::MAX);
            cfb.mini_chain = cfb.chain(root.start, false, root_len)?;
            cfb.mini_len = (cfb.mini_chain.len() * sector).min(root_len);
            let want = mini_fat_len.saturating_mul(sector);
            let chain = cfb.chain(u32_at(bytes, 60), false, want)?;
            let table = cfb.gather(&chain, false, want);
            cfb.minifat = table.chunks_exact(4).map(|w| u32_at(w, 0)).collect();
        }
        Ok(cfb)
    }

    /// Whether the directory has an entry of this name (case ignored, as calamine does).
    pub fn has(&self, name: &str) -> bool {
        self.entry(name).is_some()
    }

    fn entry(&self, name: &str) -> Option<&Entry> {
        self.entries
            .iter()
            .find(|e| e.name.eq_ignore_ascii_case(name))
    }

    /// The bytes of sector `id` (shorter for the last, partial one).
    fn sector_bytes(&self, id: u32) -> &'a [u8] {
        let start = (id as usize + 1) * self.sector;
        let end = (start + self.sector).min(self.bytes.len());
        &self.bytes[start.min(end)..end]
    }

    /// The chain from `start` through the FAT (or the mini FAT), up to `len` bytes, as
    /// calamine walks it: every id must be a sector of the file, none visited twice.
    fn chain(&self, start: u32, mini: bool, len: usize) -> Result<Vec<u32>, String> {
        let (table, unit, units) = if mini {
            (
                &self.minifat,
                MINI_SECTOR,
                self.mini_len.div_ceil(MINI_SECTOR),
            )
        } else {
            let units = self
                .bytes
                .len()
                .saturating_sub(self.sector)
                .div_ceil(self.sector);
            (&self.fat, self.sector, units)
        };
        let mut seen = vec![false; units];
        let mut chain = Vec::new();
        let mut id = start;
        while id != ENDOFCHAIN {
            let i = id as usize;
            if i >= units {
                return Err(damaged("a sector chain points past the end of the file"));
            }
            if std::mem::replace(&mut seen[i], true) {
                return Err(damaged("a sector chain loops"));
            }
            chain.push(id);
            if chain.len().saturating_mul(unit) >= len {
                break;
            }
            id = *table
                .get(i)
                .ok_or_else(|| damaged("a sector chain leaves the allocation table"))?;
        }
        Ok(chain)
    }

    /// The file offsets and lengths of the pieces of a chain, `len` bytes at most.
    fn pieces(&self, chain: &[u32], mini: bool, len: usize) -> Vec<(usize, usize)> {
        let mut out = Vec::with_capacity(chain.len());
        let mut left = len;
        for &id in chain {
            if left == 0 {
                break;
            }
            let (at, n) = if mini {
                let offset = id as usize * MINI_SECTOR;
                let host = self.mini_chain[offset / self.sector];
                let at = (host as usize + 1) * self.sector + offset % self.sector;
                (at, MINI_SECTOR)
            } else {
                ((id as usize + 1) * self.sector, self.sector)
            };
            let n = n.min(left).min(self.bytes.len().saturating_sub(at));
            out.push((at, n));
            left -= n;
        }
        out
    }

    fn gather(&self, chain: &[u32], mini: bool, len: usize) -> Vec<u8> {
        let mut out = Vec::new();
        for (at, n) in self.pieces(chain, mini, len) {
            out.extend_from_slice(&self.bytes[at..at + n]);
        }
        out
    }

    /// A stream by name, with where each of its pieces lies in the file.
    fn stream(&self, name: &str) -> Result<Option<Stream>, String> {
        let Some(e) = self.entry(name) else {
            return Ok(None);
        };
        let len = usize::try_from(e.len).unwrap_or(usize::MAX);
        let mini = e.len < MINI_CUTOFF;
        let chain = self.chain(e.start, mini, len)?;
        let pieces = self.pieces(&chain, mini, len);
        let mut bytes = Vec::new();
        for &(at, n) in &pieces {
            bytes.extend_from_slice(&self.bytes[at..at + n]);
        }
        Ok(Some(Stream::new(bytes, pieces)))
    }
}

/// A stream's bytes and where they lie in the file.
struct Stream {
    bytes: Vec<u8>,
    /// (file offset, length) of each piece, in stream order.
    pieces: Vec<(usize, usize)>,
    /// The stream offset each piece starts at.
    starts: Vec<usize>,
}

impl Stream {
    fn new(bytes: Vec<u8>, pieces: Vec<(usize, usize)>) -> Stream {
        let starts = pieces
            .iter()
            .scan(0, |base, &(_, n)| {
                let start = *base;
                *base += n;
                Some(start)
            })
            .collect();
        Stream {
            bytes,
            pieces,
            starts,
        }
    }

    /// Writes `value` over the stream's bytes at `offset`, in `file` (a copy of the file).
    fn patch(&self, file: &mut [u8], offset: usize, value: &[u8]) {
        for (i, &b) in value.iter().enumerate() {
            let o = offset + i;
            let p = self.starts.partition_point(|&s| s <= o).saturating_sub(1);
            if let (Some(&(at, n)), Some(&start)) = (self.pieces.get(p), self.starts.get(p)) {
                if o - start < n {
                    file[at + o - start] = b;
                }
            }
        }
    }
}

/// Cell records of a worksheet substream that calamine turns into cells (row, first
/// column; MulRk gives its last column at its end).
fn cell_span(typ: u16, data: &[u8]) -> Option<(u32, u32, u32)> {
    if data.len() < 4 {
        return None;
    }
    let row = u32::from(u16_at(data, 0));
    let col = u32::from(u16_at(data, 2));
    match typ {
        0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 => Some((row, col, col)),
        0x00BD if data.len() >= 6 => Some((row, col, u32::from(u16_at(data, data.len() - 2)))),
        _ => None,
    }
}

/// The cells calamine reserves for a DIMENSIONS record, computed as calamine 0.38 does
/// (`parse_dimensions`, then `(last - first + 1)` rows and columns in wrapping u32
/// arithmetic: a last row before the first wraps to four billion).
fn reserved_cells(data: &[u8]) -> u64 {
    let (rf, rl, mut cf, cl) = if data.len() >= 14 {
        (
            u32_at(data, 0),
            u32_at(data, 4),
            u32::from(u16_at(data, 8)),
            u32::from(u16_at(data, 10)),
        )
    } else {
        (
            u32::from(u16_at(data, 0)),
            u32::from(u16_at(data, 2)),
            u32::from(u16_at(data, 4)),
            u32::from(u16_at(data, 6)),
        )
    };
    if cf > 0xFF || cl < cf {
        cf = 0;
    }
    let (start, end) = if rl >= 1 && cl >= 1 {
        ((rf, cf), (rl - 1, cl - 1))
    } else {
        ((rf, cf), (rf, cf))
    };
    let rows = end.0.wrapping_sub(start.0).wrapping_add(1);
    let cols = end.1.wrapping_sub(start.1).wrapping_add(1);
    u64::from(rows) * u64::from(cols)
}

/// A record of a worksheet that calamine turns into a cell (or a formula's string result).
struct CellRecord {
    /// The stream offset of the record's header.
    at: usize,
    row: u32,
    first: u32,
    last: u32,
    formula: bool,
    /// The String records (0x0207) that give this formula its text result.
    results: Vec<usize>,
}

/// A band of one sheet's cells read in one pass: their records and the span of their rows
/// and columns.
struct Band {
    sheet: usize,
    records: Vec<usize>,
    rows: (u32, u32),
    cols: (u32, u32),
}

impl Band {
    fn area(rows: (u32, u32), cols: (u32, u32)) -> u64 {
        (u64::from(rows.1 - rows.0) + 1) * (u64::from(cols.1 - cols.0) + 1)
    }
}

/// The most passes one xls is read in (each pass parses the whole workbook again).
const MAX_PASSES: usize = 16;

/// Checks an xls before calamine reads it, and gives the bytes to read, in one pass or
/// several: the file itself, or copies in which some records are changed so that no dense
/// range calamine builds is larger than the limits allow.
///
/// calamine reserves the cells a DIMENSIONS record claims, then keeps each sheet as a dense
/// range from its first to its last cell: four cells at the corners of A1:IV65536 cost
/// 16.7 million. Oversized DIMENSIONS records are zeroed in the copy. When cells themselves
/// span too far, each sheet's cells are cut into bands of rows whose span fits, and each
/// pass keeps the cell records of some bands (the others become BLANK records, which
/// calamine skips): the caller reads each pass and puts the cells together, at their own
/// row and column. Memory stays bounded by the limits, whatever the file claims.
///
/// # Errors
///
/// A phrase for the person: a damaged structure, a password, not a workbook, or cells so
/// scattered that more than 16 passes would be needed.
pub fn prepare_xls<'a>(bytes: &'a [u8], limits: &Limits) -> Result<Vec<Cow<'a, [u8]>>, String> {
    let cfb = Compound::open(bytes)?;
    if cfb.has("EncryptedPackage") {
        return Err(PASSWORD.into());
    }
    let stream = match cfb.stream("Workbook")? {
        Some(s) => s,
        None => match cfb.stream("Book")? {
            Some(s) => s,
            None => return Err(not_a_workbook(&cfb)),
        },
    };
    let s = &stream.bytes;
    let mut at = 0;
    let mut depth = 0usize;
    let mut sheet = 0usize;
    let mut sheets: Vec<Vec<CellRecord>> = Vec::new();
    let mut dimensions = Vec::new();
    // The bounds of what calamine will hold: the shared strings (the SST record and the
    // CONTINUE records after it), the sheets (BOUNDSHEET) and the cell records.
    let mut sheet_places = Vec::new();
    let (mut shared_bytes, mut in_sst, mut bound_sheets, mut cell_records) =
        (0u64, false, 0, limits.max_cells);
    while at + 4 <= s.len() {
        let typ = u16_at(s, at);
        let len = usize::from(u16_at(s, at + 2));
        let Some(data) = s.get(at + 4..at + 4 + len) else {
            break;
        };
        in_sst = (typ == 0x00FC && depth == 0) || (in_sst && typ == 0x003C);
        if in_sst {
            shared_bytes += len as u64;
            if shared_bytes > limits.max_shared_bytes {
                return Err(bounds::Over::shared_bytes(shared_bytes, limits).into());
            }
            if typ == 0x00FC && data.len() >= 8 {
                let unique = u64::from(u32_at(data, 4));
                if unique > limits.max_shared_strings as u64 {
                    let table = format!("{unique} (as the table says)");
                    return Err(bounds::Over::shared_strings(table, limits).into());
                }
            }
        }
        if typ == 0x0085 && depth == 0 {
            // Each sheet from its own place in the stream: calamine would read a place
            // named twice twice.
            let place = (data.len() >= 4).then(|| u32_at(data, 0));
            if sheet_places.contains(&place) {
                return Err(format!(
                    "a damaged workbook: two sheets start at the same place; {}",
                    "if it opens in Excel or LibreOffice, save it again from there"
                ));
            }
            sheet_places.push(place);
            bound_sheets += 1;
            if bound_sheets > limits.max_sheets {
                let more = format!("more than {}", limits.max_sheets);
                return Err(bounds::Over::sheets(more, limits).into());
            }
        }
        match typ {
            // FilePass: XOR obfuscation or RC4 encryption.
            0x002F => return Err(PASSWORD.into()),
            0x0809 => {
                depth += 1;
                if depth == 1 {
                    sheet = sheets.len();
                    sheets.push(Vec::new());
                }
            }
            0x000A => depth = depth.saturating_sub(1),
            0x0200 if data.len() >= 8 && reserved_cells(data) > 65_536 => {
                dimensions.push((at + 4, len));
            }
            // A formula's string result belongs to the formula before it.
            0x0207 if depth == 1 => {
                if let Some(f) = sheets[sheet].iter_mut().rev().find(|c| c.formula) {
                    f.results.push(at);
                }
            }
            _ if depth == 1 => {
                if let Some((row, first, last)) = cell_span(typ, data) {
                    bounds::take_cell(&mut cell_records, limits)?;
                    sheets[sheet].push(CellRecord {
                        at,
                        row,
                        first,
                        last: last.max(first),
                        formula: typ == 0x0006,
                        results: Vec::new(),
                    });
                }
            }
            _ => {}
        }
        at += 4 + len;
    }

    // Each sheet's cells in bands of rows whose span (cells and formulas, both dense in
    // calamine) fits half the budget of a pass.
    let budget = 2 * limits.max_cells as u64;
    let mut bands: Vec<Band> = Vec::new();
    let mut whole = true;
    for (i, cells) in sheets.iter().enumerate() {
        let mut order: Vec<usize> = (0..cells.len()).collect();
        order.sort_by_key(|&k| cells[k].row);
        let first_band = bands.len();
        for k in order {
            let c = &cells[k];
            let fits = |b: &Band| {
                let rows = (b.rows.0.min(c.row), b.rows.1.max(c.row));
                let cols = (b.cols.0.min(c.first), b.cols.1.max(c.last));
                (2 * Band::area(rows, cols) <= budget / 2).then_some((rows, cols))
            };
            match bands.last_mut().filter(|b| b.sheet == i) {
                Some(b) if fits(b).is_some() => {
                    if let Some((rows, cols)) = fits(b) {
                        (b.rows, b.cols) = (rows, cols);
                        b.records.push(k);
                    }
                }
                _ => bands.push(Band {
                    sheet: i,
                    records: vec![k],
                    rows: (c.row, c.row),
                    cols: (c.first, c.last),
                }),
            }
        }
        if bands.len() > first_band + 1 {
            whole = false;
        }
    }
    // Passes: bands packed first-fit, each pass within the budget.
    let mut passes: Vec<(u64, Vec<usize>)> = Vec::new();
    for (i, b) in bands.iter().enumerate() {
        let cost = 2 * Band::area(b.rows, b.cols);
        match passes.iter_mut().find(|(used, members)| {
            used + cost <= budget && !members.iter().any(|&m| bands[m].sheet == b.sheet)
        }) {
            Some((used, members)) => {
                *used += cost;
                members.push(i);
            }
            None => passes.push((cost, vec![i])),
        }
    }
    if whole && passes.len() <= 1 {
        if dimensions.is_empty() {
            return Ok(vec![Cow::Borrowed(bytes)]);
        }
        let mut copy = bytes.to_vec();
        for &(offset, len) in &dimensions {
            stream.patch(&mut copy, offset, &vec![0; len]);
        }
        return Ok(vec![Cow::Owned(copy)]);
    }
    if passes.len() > MAX_PASSES {
        let cells: usize = sheets.iter().map(Vec::len).sum();
        return Err(format!(
            "the workbook's {cells} cells are scattered so far apart that reading them would \
             take more than {MAX_PASSES} passes over the file; an IGP spans a few hundred cells \
             (delete the far-away cells and save it again)"
        ));
    }
    let blank = 0x0201u16.to_le_bytes();
    let mut copies = Vec::with_capacity(passes.len());
    for (_, members) in &passes {
        let mut copy = bytes.to_vec();
        for &(offset, len) in &dimensions {
            stream.patch(&mut copy, offset, &vec![0; len]);
        }
        // Every cell record outside this pass's bands becomes a BLANK record.
        for (b_index, band) in bands.iter().enumerate() {
            if members.contains(&b_index) {
                continue;
            }
            for &k in &band.records {
                let c = &sheets[band.sheet][k];
                stream.patch(&mut copy, c.at, &blank);
                for &r in &c.results {
                    stream.patch(&mut copy, r, &blank);
                }
            }
        }
        copies.push(Cow::Owned(copy));
    }
    Ok(copies)
}

const PASSWORD: &str = "the workbook is password-protected; save an unprotected copy and try again";

/// What a compound file without a workbook stream is.
fn not_a_workbook(cfb: &Compound<'_>) -> String {
    if cfb.has("WordDocument") {
        return "a Word document (.doc), not a spreadsheet; if the plan is a table in it, copy \
                the table into a spreadsheet and save that as .xlsx"
            .into();
    }
    if cfb.has("NativeContent_MAIN") || cfb.has("PerfectOffice_MAIN") {
        return "a Quattro Pro spreadsheet: open it in LibreOffice, save it as Excel Workbook \
                (.xlsx) and check that"
            .into();
    }
    if cfb.has("PowerPoint Document") {
        return "a PowerPoint presentation (.ppt), not a spreadsheet".into();
    }
    "an Office compound file with no workbook in it, not a spreadsheet".into()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A compound file of 512-byte sectors: a header, one FAT sector (sector 0) and the
    /// sectors given, the directory at `dir_start`.
    fn compound(fat: &[u32], dir_start: u32, sectors: &[[u8; 512]]) -> Vec<u8> {
        let mut b = vec![0u8; 512];
        b[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
        b[26] = 3;
        b[30] = 9;
        b[32] = 6;
        b[44] = 1;
        b[48..52].copy_from_slice(&dir_start.to_le_bytes());
        b[60..64].copy_from_slice(&ENDOFCHAIN.to_le_bytes());
        b[68..72].copy_from_slice(&ENDOFCHAIN.to_le_bytes());
        for i in 0..109 {
            let v: u32 = if i == 0 { 0 } else { 0xFFFF_FFFF };
            b[76 + 4 * i..80 + 4 * i].copy_from_slice(&v.to_le_bytes());
        }
        let mut table = [0xFFu8; 512];
        for (i, v) in fat.iter().enumerate() {
            table[4 * i..4 * i + 4].copy_from_slice(&v.to_le_bytes());
        }
        b.extend_from_slice(&table);
        for s in sectors {
            b.extend_from_slice(s);
        }
        b
    }

    #[test]
    fn a_looping_directory_chain_is_refused_without_growing() {
        // Sector 1 (the directory) points to itself.
        let file = compound(&[DIFSECT + 1, 1], 1, &[[0; 512]]);
        let err = Compound::open(&file).unwrap_err();
        assert!(err.contains("loops"), "{err}");
    }

    #[test]
    fn a_chain_past_the_end_is_refused() {
        let file = compound(&[DIFSECT + 1, 7], 1, &[[0; 512]]);
        let err = Compound::open(&file).unwrap_err();
        assert!(err.contains("past the end"), "{err}");
    }

    #[test]
    fn a_sound_directory_is_read() {
        let mut dir = [0u8; 512];
        for (i, u) in "Root Entry".encode_utf16().enumerate() {
            dir[2 * i..2 * i + 2].copy_from_slice(&u.to_le_bytes());
        }
        dir[116..120].copy_from_slice(&ENDOFCHAIN.to_le_bytes());
        let file = compound(&[DIFSECT + 1, ENDOFCHAIN], 1, &[dir]);
        let cfb = Compound::open(&file).unwrap();
        assert!(cfb.has("root entry"));
        assert!(!cfb.has("Workbook"));
        assert!(prepare_xls(&file, &Limits::default())
            .unwrap_err()
            .contains("no workbook"));
    }

    #[test]
    fn dimensions_are_measured_as_calamine_does() {
        let record = |rf: u32, rl: u32, cf: u16, cl: u16| {
            let mut d = Vec::new();
            d.extend(rf.to_le_bytes());
            d.extend(rl.to_le_bytes());
            d.extend(cf.to_le_bytes());
            d.extend(cl.to_le_bytes());
            d.extend([0, 0]);
            d
        };
        assert_eq!(reserved_cells(&record(0, 10, 0, 4)), 40);
        assert_eq!(reserved_cells(&record(0, 65536, 0, 256)), 65536 * 256);
        // A last row before the first wraps, in calamine, to four billion rows.
        assert!(reserved_cells(&record(10, 5, 0, 1)) > 1 << 31);
    }
}
