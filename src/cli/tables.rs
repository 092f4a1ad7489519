//! CSV tables as the classroom tools write and read them: quoting per RFC 4180 by the `csv`
//! crate (a field with a comma, quote or line break is quoted), numbers always written with a
//! `.` (Rust's formatting, whatever the locale), columns found by their header's name.

use crate::files::Staging;
use crate::files::text::read_text;
use crate::sim::InputError;
use std::io::Write;
use std::path::Path;

/// A CSV writer with the tools' settings (RFC 4180, `\n` line ends).
pub fn writer<W: Write>(out: W) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out)
}

/// A whole table as CSV text: the header, then the rows.
pub fn to_csv<S: AsRef<str>>(header: &[S], rows: impl IntoIterator<Item = Vec<String>>) -> String {
    let mut w = writer(Vec::new());
    let write = |w: &mut csv::Writer<Vec<u8>>| -> csv::Result<()> {
        w.write_record(header.iter().map(AsRef::as_ref))?;
        for row in rows {
            w.write_record(&row)?;
        }
        w.flush()?;
        Ok(())
    };
    write(&mut w).expect("writing CSV to memory cannot fail");
    String::from_utf8(w.into_inner().expect("a flushed CSV writer")).expect("CSV of UTF-8 fields")
}

/// A CSV file written row by row as a run produces them (too large to hold in memory), to a
/// temporary of `Staging` that its commit renames into place.
pub struct CsvFile {
    writer: csv::Writer<std::io::BufWriter<std::fs::File>>,
    target: String,
    /// The first error, kept until `finish` reports it.
    error: Option<csv::Error>,
}

impl CsvFile {
    /// Starts the file with its header.
    pub fn create<S: AsRef<str>>(
        staging: &mut Staging,
        target: &Path,
        header: &[S],
    ) -> Result<CsvFile, InputError> {
        let file = staging.create(target)?;
        let mut writer = writer(std::io::BufWriter::new(file));
        let error = writer.write_record(header.iter().map(AsRef::as_ref)).err();
        Ok(CsvFile {
            writer,
            target: target.display().to_string(),
            error,
        })
    }

    /// Adds a row (after an error, nothing: `finish` reports it).
    pub fn row(&mut self, row: &[String]) {
        if self.error.is_none() {
            self.error = self.writer.write_record(row).err();
        }
    }

    /// Flushes the file and syncs it to disk, ready for the commit.
    ///
    /// Errors: the first write that failed, or the flush, naming the file.
    pub fn finish(mut self) -> Result<(), InputError> {
        let target = self.target.clone();
        let fail = |e: String| InputError::new(&target, format!("cannot write: {e}"));
        if let Some(e) = self.error.take() {
            return Err(fail(e.to_string()));
        }
        let mut file = self
            .writer
            .into_inner()
            .map_err(|e| fail(e.to_string()))?
            .into_inner()
            .map_err(|e| fail(e.to_string()))?;
        file.flush().map_err(|e| fail(e.to_string()))?;
        file.sync_all().map_err(|e| fail(e.to_string()))
    }
}

/// A CSV file read whole: its header and rows, with the file's name for messages.
#[derive(Debug, Clone)]
pub struct Table {
    pub origin: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    /// Reads `path` (UTF-8, a byte-order mark allowed) and checks that its header has every
    /// column of `required`, in any order. `expected` names the file for messages.
    ///
    /// Errors: the file cannot be read or is not UTF-8; a record that is not CSV or has another
    /// number of fields than the header (`PATH:LINE`); a required column missing (`PATH:1:1`).
    pub fn read(path: &Path, required: &[&str], expected: &str) -> Result<Table, InputError> {
        let origin = path.display().to_string();
        let text = read_text(path, expected)?;
        let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
        let place = |e: &csv::Error| {
            let line = e.position().map_or(1, |p| p.line());
            format!("{origin}:{line}")
        };
        let header: Vec<String> = reader
            .headers()
            .map_err(|e| InputError::new(place(&e), format!("{e}; expected {expected}")))?
            .iter()
            .map(str::to_string)
            .collect();
        if let Some((k, twice)) = header
            .iter()
            .enumerate()
            .find(|(k, h)| header[..*k].contains(h))
        {
            return Err(InputError::at(
                &origin,
                1,
                1,
                format!(
                    "the column `{twice}` is in the header twice (column {}); expected {expected}",
                    k + 1
                ),
            ));
        }
        if let Some(missing) = required.iter().find(|c| !header.iter().any(|h| h == *c)) {
            return Err(InputError::at(
                &origin,
                1,
                1,
                format!(
                    "no column `{missing}` in the header; expected {expected}, with the columns {}",
                    required.join(",")
                ),
            ));
        }
        let mut rows = Vec::new();
        for record in reader.records() {
            let record = record
                .map_err(|e| InputError::new(place(&e), format!("{e}; expected {expected}")))?;
            rows.push(record.iter().map(str::to_string).collect());
        }
        Ok(Table {
            origin,
            header,
            rows,
        })
    }

    /// The index of a column by its name.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|h| h == name)
    }

    /// The text of row `row` (0-based, after the header) in column `name` ("" when absent).
    pub fn text(&self, row: usize, name: &str) -> &str {
        self.column(name)
            .and_then(|c| self.rows[row].get(c))
            .map_or("", String::as_str)
    }

    /// The number in row `row`, column `name`.
    ///
    /// Errors: not a finite number, at `PATH:LINE` with the column's name.
    pub fn number(&self, row: usize, name: &str) -> Result<f64, InputError> {
        let field = self.text(row, name).trim();
        field
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .ok_or_else(|| {
                InputError::new(
                    format!("{}:{}", self.origin, row + 2),
                    format!("column `{name}`: expected a number, found `{field}`"),
                )
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_with_commas_quotes_and_line_breaks_are_quoted() {
        let text = to_csv(
            &["id", "name"],
            [
                vec!["a,b".to_string(), "say \"hi\"".to_string()],
                vec!["c".to_string(), "two\nlines".to_string()],
            ],
        );
        assert_eq!(
            text,
            "id,name\n\"a,b\",\"say \"\"hi\"\"\"\nc,\"two\nlines\"\n"
        );
        let dir = std::env::temp_dir().join(format!("detente-tables-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("t.csv");
        std::fs::write(&path, format!("\u{feff}{text}")).unwrap();
        let table = Table::read(&path, &["name", "id"], "a table").unwrap();
        assert_eq!(table.rows.len(), 2);
        assert_eq!(table.text(0, "id"), "a,b");
        assert_eq!(table.text(1, "name"), "two\nlines");
        let e = Table::read(&path, &["id", "score"], "a table").unwrap_err();
        assert!(e.to_string().contains("no column `score`"), "{e}");
        std::fs::write(&path, "id,score,id\na,1,b\n").unwrap();
        let e = Table::read(&path, &["id"], "a table")
            .unwrap_err()
            .to_string();
        assert!(e.contains("`id` is in the header twice (column 3)"), "{e}");
        std::fs::write(&path, "id,score\na,1.5\nb,1e400\nc,2,3\n").unwrap();
        let e = Table::read(&path, &["id"], "a table").unwrap_err();
        assert!(
            e.to_string().starts_with(&format!("{}:4", path.display())),
            "{e}"
        );
        std::fs::write(&path, "id,score\na,1.5\nb,inf\n").unwrap();
        let table = Table::read(&path, &["id"], "a table").unwrap();
        assert_eq!(table.number(0, "score").unwrap(), 1.5);
        let e = table.number(1, "score").unwrap_err().to_string();
        assert!(e.starts_with(&format!("{}:3", path.display())), "{e}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
