//! The tables commands print for people (`configure list`, `policy eval`, `policy probe`):
//! left-aligned columns two spaces apart, a header line in capitals, no borders, never wrapped
//! (a pipe to `grep` or `awk` gets whole lines), no trailing blanks. Widths are display widths,
//! so a key in CJK characters lines up too.

use comfy_table::presets::NOTHING;
use comfy_table::{ContentArrangement, Table};

/// The lines of the table, header first, each without its line break.
pub fn lines(header: &[&str], rows: &[Vec<String>]) -> Vec<String> {
    let mut table = Table::new();
    table
        .load_preset(NOTHING)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(header.to_vec());
    for row in rows {
        table.add_row(row.clone());
    }
    for column in table.column_iter_mut() {
        column.set_padding((0, 2));
    }
    table
        .lines()
        .map(|line| line.trim_end().to_string())
        .collect()
}

/// The table as text, every line ended by a line break.
pub fn render(header: &[&str], rows: &[Vec<String>]) -> String {
    lines(header, rows)
        .into_iter()
        .map(|line| line + "\n")
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_two_spaces_apart_without_trailing_blanks() {
        let rows = vec![
            vec!["oss:GetObject".to_string(), "b/k".into(), "allowed".into()],
            vec!["oss:PutObject".to_string(), "b/kkkkk".into(), String::new()],
        ];
        assert_eq!(
            render(&["ACTION", "RESOURCE", "DECISION"], &rows),
            "ACTION         RESOURCE  DECISION\n\
             oss:GetObject  b/k       allowed\n\
             oss:PutObject  b/kkkkk\n"
        );
        let wide = vec![vec!["桶/键".to_string(), "x".into()]];
        assert_eq!(lines(&["KEY", "V"], &wide)[1], "桶/键  x");
        assert_eq!(lines(&["KEY", "V"], &wide)[0], "KEY    V");
    }
}
