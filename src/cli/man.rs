//! `igp man`: the manual page, generated from the same clap definitions as `--help` (as
//! ripgrep's `rg --generate man`): one page with the global options and, for each command,
//! its synopsis, description, options and examples.

use super::{Cli, Exit};
use clap::CommandFactory;
use std::io::Write;

/// Print the manual page (roff), for man(1).
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  igp man > igp.1 && man -l igp.1\n  igp man > ~/.local/share/man/man1/igp.1"
)]
pub struct Args {}

pub fn run(_args: Args) -> anyhow::Result<Exit> {
    let mut out = super::stdout();
    out.write_all(page().as_bytes())?;
    out.flush()?;
    Ok(Exit::Clean)
}

/// One of clap_mangen's sections, rendered into a writer.
type Section = fn(&clap_mangen::Man, &mut dyn Write) -> std::io::Result<()>;

/// The page: its version is the crate's alone, not the commit, so that the page changes
/// only when the command line does (the wheel carries a copy, checked to be current).
pub fn page() -> String {
    let cmd = Cli::command().version(env!("CARGO_PKG_VERSION"));
    let man = clap_mangen::Man::new(cmd.clone()).manual("igp manual");
    let mut page = Vec::new();
    let sections: [Section; 5] = [
        clap_mangen::Man::render_title,
        clap_mangen::Man::render_name_section,
        clap_mangen::Man::render_synopsis_section,
        clap_mangen::Man::render_description_section,
        clap_mangen::Man::render_options_section,
    ];
    for section in sections {
        section(&man, &mut page).expect("writing to memory");
    }
    // Each command as a section of its own, its options and examples as subsections: one
    // page, not one per command, so that `man igp` has it all.
    let mut built = cmd;
    built.build();
    for sub in built.get_subcommands().filter(|s| !s.is_hide_set()) {
        if sub.get_name() == "help" {
            continue;
        }
        let sub_man = clap_mangen::Man::new(sub.clone());
        let mut text = Vec::new();
        let sections: [Section; 3] = [
            clap_mangen::Man::render_synopsis_section,
            clap_mangen::Man::render_description_section,
            clap_mangen::Man::render_options_section,
        ];
        for section in sections {
            section(&sub_man, &mut text).expect("writing to memory");
        }
        let text = String::from_utf8(text).expect("roff is UTF-8");
        let name = format!("IGP {}", sub.get_name().to_uppercase());
        page.extend_from_slice(format!(".SH \"{name}\"\n").as_bytes());
        for line in text.lines() {
            let line = match line.strip_prefix(".SH ") {
                Some("SYNOPSIS") => continue,
                // A paragraph between the synopsis and the description, and before the examples.
                Some("DESCRIPTION") => ".PP".to_string(),
                Some(heading) => format!(".SS {}", title_case(heading.trim_matches('"'))),
                None => line.to_string(),
            };
            page.extend_from_slice(line.as_bytes());
            page.push(b'\n');
        }
        if let Some(examples) = sub.get_after_help() {
            page.extend_from_slice(b".PP\n");
            page.extend_from_slice(verbatim(&examples.to_string()).as_bytes());
        }
    }
    if let Some(examples) = built.get_after_help() {
        page.extend_from_slice(b".SH EXAMPLES\n");
        let examples = examples.to_string();
        let examples = examples.strip_prefix("Examples:\n").unwrap_or(&examples);
        page.extend_from_slice(verbatim(examples).as_bytes());
    }
    man.render_version_section(&mut page)
        .expect("writing to memory");
    // Each section rendered apart defines the quote string again: once is enough.
    let page = String::from_utf8(page).expect("roff is UTF-8");
    let mut seen = std::collections::HashSet::new();
    page.lines()
        .filter(|line| {
            !(line.starts_with(".ie \\n(.g .ds Aq") || line.starts_with(".el .ds Aq"))
                || seen.insert(*line)
        })
        .flat_map(|line| [line, "\n"])
        .collect()
}

/// Text as it is, line by line (no filling, no hyphenation), for examples to copy: a
/// backslash, a minus and a line's leading control character escaped.
fn verbatim(text: &str) -> String {
    let mut roff = String::from(".nf\n");
    for line in text.lines() {
        let line = line.replace('\\', "\\e").replace('-', "\\-");
        if line.starts_with('.') || line.starts_with('\'') {
            roff.push_str("\\&");
        }
        roff.push_str(&line);
        roff.push('\n');
    }
    roff.push_str(".fi\n");
    roff
}

/// "OPTIONS" as "Options", for a subsection's heading.
fn title_case(heading: &str) -> String {
    let lower = heading.to_lowercase();
    let mut chars = lower.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
