//! Settings: severities per rule, the limits, extra header aliases, the as-of date; read
//! from `igp.toml` (found from the current folder upward) or `--config FILE`.

use crate::finding::{self, Code, Finding, Severity};
use chrono::NaiveDate;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The name of the configuration file looked for from the current folder upward.
pub const CONFIG_FILE: &str = "igp.toml";

/// Resolved settings for checking.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Severity per code; `None` turns the rule off. Codes not listed keep their default.
    pub severities: BTreeMap<&'static str, Option<Severity>>,
    /// G004: the most action steps per goal.
    pub max_steps: usize,
    /// P002: the most goals per plan.
    pub max_goals: usize,
    /// P007: days after which the last review is stale.
    pub stale_days: i64,
    /// The date deadlines and reviews are judged against.
    pub as_of: NaiveDate,
    /// Extra goal column headers, as (field key, header).
    pub aliases: Vec<(String, String)>,
    /// What one input may cost to read (the file's size, its unpacked size, cells...).
    pub reading: crate::read::Limits,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            severities: BTreeMap::new(),
            max_steps: 2,
            max_goals: 3,
            stale_days: 92,
            as_of: chrono::Local::now().date_naive(),
            aliases: Vec::new(),
            reading: crate::read::Limits::default(),
        }
    }
}

/// The configuration file's form.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    as_of: Option<String>,
    #[serde(default)]
    severity: BTreeMap<String, String>,
    #[serde(default)]
    limits: Limits,
    #[serde(default)]
    aliases: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Limits {
    max_steps: Option<usize>,
    max_goals: Option<usize>,
    stale_days: Option<i64>,
    max_file_size: Option<u64>,
    max_unpacked_size: Option<u64>,
    max_cell_length: Option<usize>,
    max_shared_strings: Option<usize>,
    max_shared_strings_size: Option<u64>,
    max_cells: Option<usize>,
    max_sheets: Option<usize>,
    max_xml_depth: Option<usize>,
}

impl Settings {
    /// The severity a code has under these settings; `None` when it is off.
    pub fn severity(&self, code: Code) -> Option<Severity> {
        self.severities
            .get(code.code)
            .copied()
            .unwrap_or(Some(code.severity))
    }

    /// Applies the severities: findings of rules turned off are dropped, others take the
    /// configured severity.
    pub fn apply(&self, findings: Vec<Finding>) -> Vec<Finding> {
        findings
            .into_iter()
            .filter_map(|mut f| match self.severities.get(f.code) {
                Some(None) => None,
                Some(Some(sev)) => {
                    // A finding its rule lowered below the rule's default (a borderline
                    // G005 step, info) stays as low: it asks, it does not assert.
                    let lowered = finding::lookup(f.code).is_some_and(|c| f.severity < c.severity);
                    f.severity = if lowered { f.severity.min(*sev) } else { *sev };
                    Some(f)
                }
                None => Some(f),
            })
            .collect()
    }

    /// The settings that differ from the defaults, as (setting, value) pairs a report can
    /// show: severities, limits and header aliases.
    pub fn describe(&self) -> Vec<(String, String)> {
        let default = Settings::default();
        let mut out = Vec::new();
        for (code, sev) in &self.severities {
            let sev = sev.map_or("off", Severity::as_str);
            out.push((format!("severity.{code}"), sev.to_string()));
        }
        for (name, value, default) in [
            ("limits.max_steps", self.max_steps, default.max_steps),
            ("limits.max_goals", self.max_goals, default.max_goals),
        ] {
            if value != default {
                out.push((name.to_string(), value.to_string()));
            }
        }
        let (r, d) = (&self.reading, &default.reading);
        const MB: u64 = 1024 * 1024;
        for (name, value, default) in [
            (
                "limits.max_file_size",
                r.max_file_bytes / MB,
                d.max_file_bytes / MB,
            ),
            (
                "limits.max_unpacked_size",
                r.max_unpacked_bytes / MB,
                d.max_unpacked_bytes / MB,
            ),
            (
                "limits.max_cell_length",
                r.max_cell_chars as u64,
                d.max_cell_chars as u64,
            ),
            (
                "limits.max_shared_strings",
                r.max_shared_strings as u64,
                d.max_shared_strings as u64,
            ),
            (
                "limits.max_shared_strings_size",
                r.max_shared_bytes / MB,
                d.max_shared_bytes / MB,
            ),
            ("limits.max_cells", r.max_cells as u64, d.max_cells as u64),
            (
                "limits.max_sheets",
                r.max_sheets as u64,
                d.max_sheets as u64,
            ),
            (
                "limits.max_xml_depth",
                r.max_xml_depth as u64,
                d.max_xml_depth as u64,
            ),
        ] {
            if value != default {
                out.push((name.to_string(), value.to_string()));
            }
        }
        if self.stale_days != default.stale_days {
            out.push(("limits.stale_days".to_string(), self.stale_days.to_string()));
        }
        for (key, header) in &self.aliases {
            out.push((format!("aliases.{key}"), header.clone()));
        }
        out
    }

    /// Reads settings from TOML text; `origin` names the file in errors.
    ///
    /// # Errors
    ///
    /// A sentence naming the file and what is wrong in it.
    pub fn from_toml(text: &str, origin: &Path) -> Result<Settings, String> {
        let file: File =
            toml::from_str(text).map_err(|e| format!("{}: {}", origin.display(), e.message()))?;
        let mut s = Settings::default();
        if let Some(d) = file.as_of {
            s.as_of = parse_as_of(&d).map_err(|e| format!("{}: as_of: {e}", origin.display()))?;
        }
        for (key, value) in file.severity {
            let code = finding::lookup(&key).ok_or_else(|| {
                format!(
                    "{}: [severity] {key}: no such rule (see `igp rules`)",
                    origin.display()
                )
            })?;
            let sev = match value.to_ascii_lowercase().as_str() {
                "error" => Some(Severity::Error),
                "warning" | "warn" => Some(Severity::Warning),
                "info" => Some(Severity::Info),
                "off" => None,
                other => {
                    return Err(format!(
                        "{}: [severity] {key} = \"{other}\": use error, warning, info or off",
                        origin.display()
                    ))
                }
            };
            s.severities.insert(code.code, sev);
        }
        if let Some(n) = file.limits.max_steps {
            s.max_steps = n;
        }
        if let Some(n) = file.limits.max_goals {
            s.max_goals = n;
        }
        if let Some(n) = file.limits.stale_days {
            if n < 0 {
                return Err(format!(
                    "{}: [limits] stale_days must not be negative",
                    origin.display()
                ));
            }
            s.stale_days = n;
        }
        let l = &file.limits;
        s.reading = crate::read::LimitChanges {
            max_file_size: l.max_file_size,
            max_unpacked_size: l.max_unpacked_size,
            max_cell_length: l.max_cell_length,
            max_shared_strings: l.max_shared_strings,
            max_shared_strings_size: l.max_shared_strings_size,
            max_cells: l.max_cells,
            max_sheets: l.max_sheets,
            max_xml_depth: l.max_xml_depth,
        }
        .apply(s.reading);
        for (key, headers) in file.aliases {
            if !crate::layout::GOAL_COLUMNS.iter().any(|c| c.key == key) {
                return Err(format!(
                    "{}: [aliases] {key}: not a goal column; use skill, resources, career_support, action_steps, network or challenges",
                    origin.display()
                ));
            }
            s.aliases
                .extend(headers.into_iter().map(|h| (key.clone(), h)));
        }
        Ok(s)
    }

    /// Reads `path`, or finds `igp.toml` from `start` upward; defaults when there is none.
    ///
    /// # Errors
    ///
    /// When the file cannot be read or is not valid.
    pub fn load(path: Option<&Path>, start: &Path) -> Result<(Settings, Option<PathBuf>), String> {
        let found = match path {
            Some(p) => Some(p.to_path_buf()),
            None => start
                .ancestors()
                .map(|d| d.join(CONFIG_FILE))
                .find(|p| p.is_file()),
        };
        match found {
            Some(p) => {
                let text = std::fs::read_to_string(&p)
                    .map_err(|e| format!("{}: cannot read the configuration: {e}", p.display()))?;
                Ok((Settings::from_toml(&text, &p)?, Some(p)))
            }
            None => Ok((Settings::default(), None)),
        }
    }
}

/// Reads an as-of date (`YYYY-MM-DD`).
///
/// # Errors
///
/// When the text is not such a date.
pub fn parse_as_of(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| format!("\"{text}\" is not a date; write it as YYYY-MM-DD"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_finding_its_rule_lowered_stays_lowered() {
        let mut s = Settings::default();
        s.severities.insert("G005", Some(Severity::Error));
        let asks = Finding {
            severity: Severity::Info,
            ..Finding::new(finding::G005, "borderline")
        };
        let asserts = Finding::new(finding::G005, "unmeasurable");
        let out = s.apply(vec![asks, asserts]);
        assert_eq!(out[0].severity, Severity::Info);
        assert_eq!(out[1].severity, Severity::Error);
        s.severities.insert("G005", None);
        let asks = Finding {
            severity: Severity::Info,
            ..Finding::new(finding::G005, "borderline")
        };
        assert!(s.apply(vec![asks]).is_empty());
    }

    #[test]
    fn reads_a_configuration() {
        let s = Settings::from_toml(
            "as_of = \"2026-06-01\"\n[severity]\nG004 = \"off\"\nmany-goals = \"warning\"\n[limits]\nmax_goals = 5\n[aliases]\nskill = [\"Competency\"]\n",
            Path::new("igp.toml"),
        )
        .unwrap();
        assert_eq!(s.as_of, NaiveDate::from_ymd_opt(2026, 6, 1).unwrap());
        assert_eq!(s.severity(finding::G004), None);
        assert_eq!(s.severity(finding::P002), Some(Severity::Warning));
        assert_eq!(s.severity(finding::G001), Some(Severity::Error));
        assert_eq!(s.max_goals, 5);
        assert_eq!(
            s.aliases,
            vec![("skill".to_string(), "Competency".to_string())]
        );
        let s = Settings::from_toml(
            "[limits]\nmax_file_size = 2\nmax_unpacked_size = 3\nmax_cell_length = 4\nmax_shared_strings = 5\nmax_shared_strings_size = 6\nmax_cells = 7\nmax_sheets = 8\nmax_xml_depth = 9\n",
            Path::new("igp.toml"),
        )
        .unwrap();
        let mb = 1024 * 1024;
        assert_eq!(
            s.reading,
            crate::read::Limits {
                max_file_bytes: 2 * mb,
                max_unpacked_bytes: 3 * mb,
                max_cell_chars: 4,
                max_shared_strings: 5,
                max_shared_bytes: 6 * mb,
                max_cells: 7,
                max_sheets: 8,
                max_xml_depth: 9,
            }
        );
        assert_eq!(s.describe().len(), 8);
    }

    #[test]
    fn bad_configurations_say_what_is_wrong() {
        let e = |t: &str| Settings::from_toml(t, Path::new("igp.toml")).unwrap_err();
        assert!(e("[severity]\nG999 = \"off\"").contains("G999: no such rule"));
        assert!(e("[severity]\nG001 = \"loud\"").contains("use error, warning, info or off"));
        assert!(e("as_of = \"tomorrow\"").contains("not a date"));
        assert!(e("[limits]\nmax_stepz = 3").contains("igp.toml"));
        assert!(e("[aliases]\nskills = [\"x\"]").contains("not a goal column"));
    }
}
