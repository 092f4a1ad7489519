//! `detente docs-figures`: every figure quoted in the docs, computed again and written in place.
//!
//! A figure in a Markdown file stands between two markers that name it:
//! `<!-- fig:2013.tft.mas -->43.4%<!-- /fig -->` (the markers are invisible on a rendered
//! page). The command runs every experiment (`experiments`) and rewrites the text between the
//! markers; with `--check` it writes nothing and fails when a figure differs, so a test keeps
//! the docs from drifting away from the code.

mod evolution;
mod experiments;

pub use experiments::{CHALLENGERS, SEATS, TEXTBOOK, compute, percent};

use crate::cli::output::{progress_bar, say};
use crate::files::write_all_atomic;
use crate::sim::InputError;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const OPEN: &str = "<!-- fig:";
const CLOSE: &str = "<!-- /fig -->";

/// The docs whose figures are computed, under the docs folder.
pub const DOCS: [&str; 2] = ["model.md", "classroom.md"];

/// A figure whose text in the docs is not what the model gives now.
#[derive(Debug, Clone, PartialEq)]
pub struct Stale {
    pub file: PathBuf,
    pub line: usize,
    pub id: String,
    pub written: String,
    pub computed: String,
}

impl std::fmt::Display for Stale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}: figure {} reads {:?}; the model gives {:?}",
            self.file.display(),
            self.line,
            self.id,
            self.written,
            self.computed
        )
    }
}

/// `text` with every marked figure set to its computed value, and the figures that changed.
///
/// Errors (with the file and line): a figure's text not followed by its closing marker before
/// the next comment (a closing marker missing or misspelt), a closing marker with no figure
/// before it, a comment that looks like a marker but is not one (`<!--fig:…-->`), or a figure
/// no experiment gives.
pub fn refresh(
    file: &Path,
    text: &str,
    figures: &BTreeMap<String, String>,
) -> Result<(String, Vec<Stale>), InputError> {
    let mut out = String::with_capacity(text.len());
    let mut stale = Vec::new();
    let mut rest = text;
    let line_at =
        |rest: &str, at: usize| text[..text.len() - rest.len() + at].matches('\n').count() + 1;
    while let Some(at) = rest.find("<!--") {
        let line = line_at(rest, at);
        let here = |m: String| InputError::new(format!("{}:{line}", file.display()), m);
        out.push_str(&rest[..at]);
        let comment = &rest[at..];
        if comment.starts_with(CLOSE) {
            return Err(here(format!("{CLOSE} closes no figure")));
        }
        if !comment.starts_with(OPEN) {
            let inner = comment[4..].trim_start();
            if inner.starts_with("fig") || inner.starts_with("/fig") {
                return Err(here(format!(
                    "a figure marker is written {OPEN}ID -->TEXT{CLOSE}, with those spaces"
                )));
            }
            // Any other comment is the author's: kept as it is.
            let end = comment.find("-->").map_or(comment.len(), |e| e + 3);
            out.push_str(&comment[..end]);
            rest = &comment[end..];
            continue;
        }
        let after = &comment[OPEN.len()..];
        let Some(id_end) = after.find("-->") else {
            return Err(here(format!("{OPEN}… is not closed by -->")));
        };
        let id = after[..id_end].trim();
        let body = &after[id_end + 3..];
        // The figure's text runs to the next comment, which must be its closing marker.
        let value_end = body.find("<!--").unwrap_or(body.len());
        if !body[value_end..].starts_with(CLOSE) {
            return Err(here(format!(
                "figure {id} is not followed by {CLOSE} before the next comment"
            )));
        }
        let written = &body[..value_end];
        let Some(computed) = figures.get(id) else {
            return Err(here(format!(
                "unknown figure {id:?}: no experiment of `detente docs-figures` gives it"
            )));
        };
        if written != computed {
            stale.push(Stale {
                file: file.to_path_buf(),
                line,
                id: id.to_string(),
                written: written.to_string(),
                computed: computed.clone(),
            });
        }
        out.push_str(&format!("{OPEN}{id} -->{computed}{CLOSE}"));
        rest = &body[value_end + CLOSE.len()..];
    }
    out.push_str(rest);
    Ok((out, stale))
}

/// The figures in `docs` (`DOCS` under it) that differ from what the model gives now.
pub fn stale_figures(docs: &Path) -> Result<Vec<Stale>, InputError> {
    let figures = compute(|_, _| {})?;
    let mut stale = Vec::new();
    for name in DOCS {
        let path = docs.join(name);
        let text = read(&path)?;
        stale.extend(refresh(&path, &text, &figures)?.1);
    }
    Ok(stale)
}

fn read(path: &Path) -> Result<String, InputError> {
    std::fs::read_to_string(path)
        .map_err(|e| InputError::new(path.display().to_string(), format!("cannot read: {e}")))
}

/// Runs `detente docs-figures`: computes every figure and rewrites the docs (all of them at
/// once, or none), or with `check` reports the stale ones and fails (exit code 1).
pub fn run(docs: &Path, check: bool) -> Result<bool, InputError> {
    let texts: Vec<(PathBuf, String)> = DOCS
        .iter()
        .map(|name| {
            let path = docs.join(name);
            read(&path).map(|t| (path, t))
        })
        .collect::<Result<_, _>>()?;
    let bar = progress_bar(1, "experiments", false);
    let figures = compute(|done, total| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    })?;
    bar.finish_and_clear();
    let mut rewritten = Vec::new();
    let mut stale = Vec::new();
    for (path, text) in &texts {
        let (new, changed) = refresh(path, text, &figures)?;
        stale.extend(changed);
        rewritten.push((path.clone(), new));
    }
    for s in &stale {
        say(s);
    }
    if check {
        if stale.is_empty() {
            say(format!(
                "every figure in {} is what the model gives ({} figures computed)",
                docs.display(),
                figures.len()
            ));
        }
        return Ok(stale.is_empty());
    }
    let files: Vec<(&Path, &[u8])> = rewritten
        .iter()
        .map(|(p, t)| (p.as_path(), t.as_bytes()))
        .collect();
    write_all_atomic(&files)?;
    say(format!(
        "{} changed; wrote {}",
        crate::cli::output::count(stale.len() as u64, "figure", "figures"),
        DOCS.map(|d| docs.join(d).display().to_string())
            .join(" and ")
    ));
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_are_rewritten_between_their_markers_and_unknown_ones_refused() {
        let figures = BTreeMap::from([("a.b".to_string(), "43.4%".to_string())]);
        let text = "MAS in <!-- fig:a.b -->56.0%<!-- /fig --> of games.\n";
        let (new, stale) = refresh(Path::new("x.md"), text, &figures).unwrap();
        assert_eq!(new, "MAS in <!-- fig:a.b -->43.4%<!-- /fig --> of games.\n");
        assert_eq!(stale.len(), 1);
        assert_eq!((stale[0].line, stale[0].written.as_str()), (1, "56.0%"));
        let (again, none) = refresh(Path::new("x.md"), &new, &figures).unwrap();
        assert_eq!((again, none.len()), (new.clone(), 0));
        let unknown = refresh(
            Path::new("x.md"),
            "\n<!-- fig:c -->1<!-- /fig -->",
            &figures,
        );
        assert!(unknown.unwrap_err().to_string().contains("x.md:2"));
        let open = refresh(Path::new("x.md"), "<!-- fig:a.b -->1", &figures);
        assert!(open.unwrap_err().to_string().contains("not followed by"));
        // A closing marker missing or misspelt before the next figure: refused, not eaten.
        for broken in [
            "<!-- fig:a.b -->1 | <!-- fig:a.b -->2<!-- /fig -->",
            "<!-- fig:a.b -->1<!-- /fig--> and <!-- fig:a.b -->2<!-- /fig -->",
        ] {
            let err = refresh(Path::new("x.md"), broken, &figures).unwrap_err();
            assert!(err.to_string().contains("not followed by"), "{err}");
        }
        for stray in ["a <!-- /fig --> b", "a <!--fig:a.b-->1<!-- /fig -->"] {
            assert!(
                refresh(Path::new("x.md"), stray, &figures).is_err(),
                "{stray}"
            );
        }
        // Other comments are kept.
        let kept = "<!-- a note -->x <!-- fig:a.b -->43.4%<!-- /fig -->";
        assert_eq!(refresh(Path::new("x.md"), kept, &figures).unwrap().0, kept);
    }
}
