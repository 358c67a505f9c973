//! rustc-style diagnostics: every problem of every spec, each pointing at its YAML.

use std::fmt;

/// A position in a loaded file: which file (an index into [`Sources`]), line and column,
/// both counted from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    /// Index of the file in [`Sources`].
    pub source: usize,
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1.
    pub column: usize,
}

impl Pos {
    /// The start of a marked-yaml span (line 1, column 1 when the span has none).
    pub fn of_span(span: &marked_yaml::Span) -> Pos {
        match span.start() {
            Some(m) => Pos::of_marker(m),
            None => Pos {
                source: 0,
                line: 1,
                column: 1,
            },
        }
    }

    /// A marked-yaml marker as a position.
    pub fn of_marker(m: &marked_yaml::Marker) -> Pos {
        Pos {
            source: m.source(),
            line: m.line().max(1),
            column: m.column().max(1),
        }
    }
}

/// The files read in one run: their display paths and texts, by index, and the order
/// they are reported in (the order they were read in, spec by spec, even when some were
/// read ahead to be parsed on other threads).
#[derive(Debug, Default, Clone)]
pub struct Sources {
    files: Vec<(String, String)>,
    ranks: Vec<usize>,
    ranked: usize,
}

impl Sources {
    /// Registers a file and returns its index; it is reported after those before it.
    pub fn add(&mut self, display_path: String, text: String) -> usize {
        let id = self.add_ahead(display_path, text);
        self.rank(id);
        id
    }

    /// Registers a file read ahead of its turn: it is reported where [`Sources::rank`]
    /// puts it.
    pub fn add_ahead(&mut self, display_path: String, text: String) -> usize {
        self.files.push((display_path, text));
        self.ranks.push(usize::MAX);
        self.files.len() - 1
    }

    /// Puts a file read ahead in its turn: after every file ranked before it (a file
    /// already in its place stays there).
    pub fn rank(&mut self, source: usize) {
        if let Some(rank) = self.ranks.get_mut(source)
            && *rank == usize::MAX
        {
            *rank = self.ranked;
            self.ranked += 1;
        }
    }

    /// Where a file's problems are reported among the others'.
    pub fn rank_of(&self, source: usize) -> usize {
        self.ranks.get(source).copied().unwrap_or(usize::MAX)
    }

    /// The display path of a file.
    pub fn path(&self, source: usize) -> &str {
        self.files.get(source).map_or("<unknown>", |f| f.0.as_str())
    }

    /// The text of a file.
    pub fn text(&self, source: usize) -> &str {
        self.files.get(source).map_or("", |f| f.1.as_str())
    }
}

/// One problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// What is wrong, in one line.
    pub message: String,
    /// Where; `None` for a problem with no place (an unreadable folder).
    pub pos: Option<Pos>,
    /// Further facts, each printed as `= note: ...`.
    pub notes: Vec<String>,
    /// How to fix it, printed as `= help: ...`.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A problem at a position.
    pub fn at(pos: Pos, message: impl Into<String>) -> Self {
        Diagnostic {
            message: message.into(),
            pos: Some(pos),
            notes: Vec::new(),
            help: None,
        }
    }

    /// A problem with no position.
    pub fn nowhere(message: impl Into<String>) -> Self {
        Diagnostic {
            message: message.into(),
            pos: None,
            notes: Vec::new(),
            help: None,
        }
    }

    /// Adds a note.
    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// Sets the help line.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// Every problem found in one run, with the files they point into.
#[derive(Debug, Clone, Default)]
pub struct Diagnostics {
    /// The files read.
    pub sources: Sources,
    /// The problems, in file and position order.
    pub items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Whether there are no problems.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Sorts by position so the report reads top to bottom, file by file.
    pub fn sort(&mut self) {
        let sources = &self.sources;
        let key = |d: &Diagnostic| d.pos.map(|p| (sources.rank_of(p.source), p.line, p.column));
        self.items
            .sort_by(|a, b| key(a).cmp(&key(b)).then_with(|| a.message.cmp(&b.message)));
        self.items.dedup();
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(diagnostic: Diagnostic) -> Self {
        Diagnostics {
            sources: Sources::default(),
            items: vec![diagnostic],
        }
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.items {
            render(f, &self.sources, d)?;
            writeln!(f)?;
        }
        let n = self.items.len();
        write!(
            f,
            "error: {n} problem{} found in the specs",
            if n == 1 { "" } else { "s" }
        )
    }
}

/// Writes one diagnostic the way rustc does: message, location, the source line with a
/// caret under the offending token, then notes and help.
fn render(f: &mut fmt::Formatter<'_>, sources: &Sources, d: &Diagnostic) -> fmt::Result {
    writeln!(f, "error: {}", d.message)?;
    let gutter = match d.pos {
        Some(pos) => {
            let line_text = sources
                .text(pos.source)
                .lines()
                .nth(pos.line - 1)
                .unwrap_or("");
            let number = pos.line.to_string();
            let pad = " ".repeat(number.len());
            writeln!(
                f,
                "{pad}--> {}:{}:{}",
                sources.path(pos.source),
                pos.line,
                pos.column
            )?;
            writeln!(f, "{pad} |")?;
            writeln!(f, "{number} | {line_text}")?;
            let before: String = line_text
                .chars()
                .take(pos.column - 1)
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            writeln!(
                f,
                "{pad} | {before}{}",
                "^".repeat(token_width(line_text, pos.column))
            )?;
            pad
        }
        None => String::new(),
    };
    for note in &d.notes {
        writeln!(f, "{gutter} = note: {note}")?;
    }
    if let Some(help) = &d.help {
        writeln!(f, "{gutter} = help: {help}")?;
    }
    Ok(())
}

/// How many characters the token at `column` spans: up to a `:` that ends a key, a
/// comma, a bracket, or the end of the line.
fn token_width(line: &str, column: usize) -> usize {
    let rest: Vec<char> = line.chars().skip(column - 1).collect();
    let width = rest
        .iter()
        .take_while(|c| !matches!(c, ':' | ',' | '}' | ']' | '#'))
        .collect::<String>()
        .trim_end()
        .chars()
        .count();
    width.max(1)
}
