//! [`Excerpts`]: the lines of an input that its report points at, with their
//! line and column numbers, so a report can be shown without keeping the
//! whole input (a long input is linted as it is read, see
//! [`Engine::lint_reader`](crate::Engine::lint_reader)).

use crate::report::Report;
use crate::text::{LineBreaks, Position, Span};

/// At most this many bytes of a line are kept on either side of a span: a
/// line longer than that (a megabyte without a line break) is cut, and a
/// snippet of it starts or ends inside the line.
pub const LINE_CONTEXT: usize = 16 * 1024;

/// The lines of a text that some spans lie on, kept with their positions.
#[derive(Debug, Clone, Default)]
pub struct Excerpts {
    /// Sorted by start, disjoint.
    pieces: Vec<Piece>,
}

/// Consecutive lines of the text.
#[derive(Debug, Clone)]
struct Piece {
    /// Its first byte in the text.
    start: usize,
    /// Where that byte is.
    at: Position,
    text: String,
    breaks: LineBreaks,
}

impl Piece {
    fn end(&self) -> usize {
        self.start + self.text.len()
    }

    fn contains(&self, span: Span) -> bool {
        self.start <= span.start && span.end <= self.end()
    }

    /// The position of byte `offset` of the text, which lies in this piece.
    fn position(&self, offset: usize) -> Position {
        let (line, chars) = self
            .breaks
            .locate(&self.text, offset.saturating_sub(self.start));
        // The piece's first line may start inside a line of the text.
        let column = if line == 0 { self.at.column } else { 1 };
        Position {
            line: self.at.line + line,
            column: column + chars,
        }
    }
}

/// The spans a report points at: its findings' and its parts'.
pub(crate) fn report_spans(report: &Report) -> impl Iterator<Item = Span> + '_ {
    report
        .findings
        .iter()
        .map(|f| f.span)
        .chain(report.parts.spans.values().flatten().copied())
}

impl Excerpts {
    /// The lines of `text` that `spans` lie on.
    pub fn new(text: &str, spans: impl IntoIterator<Item = Span>) -> Self {
        let mut builder = ExcerptsBuilder::default();
        builder.push(text, spans);
        builder.finish()
    }

    /// The lines of `text` that `report`'s findings and part spans lie on.
    pub fn of_report(text: &str, report: &Report) -> Self {
        Excerpts::new(text, report_spans(report))
    }

    fn piece(&self, span: Span) -> Option<&Piece> {
        let after = self.pieces.partition_point(|p| p.start <= span.start);
        after
            .checked_sub(1)
            .map(|i| &self.pieces[i])
            .filter(|p| p.contains(span))
    }

    /// The text `span` covers, if it was kept.
    pub fn text(&self, span: Span) -> Option<&str> {
        let piece = self.piece(span)?;
        piece
            .text
            .get(span.start - piece.start..span.end - piece.start)
    }

    /// The line and column of the start of `span`, if it was kept.
    pub fn position(&self, span: Span) -> Option<Position> {
        self.piece(span).map(|p| p.position(span.start))
    }

    /// The whole lines `span` lies on (as far as they were kept), the byte
    /// of the text they start at and the number of their first line.
    pub fn lines(&self, span: Span) -> Option<(&str, usize, usize)> {
        let piece = self.piece(span)?;
        let (from, to) = (span.start - piece.start, span.end - piece.start);
        let first = piece.text[..from].rfind('\n').map_or(0, |i| i + 1);
        let last = piece.text[to..]
            .find('\n')
            .map_or(piece.text.len(), |i| to + i);
        let line = piece.position(piece.start + first).line;
        Some((&piece.text[first..last], piece.start + first, line))
    }
}

/// Builds [`Excerpts`] from a text given a piece at a time, in order.
#[derive(Debug)]
pub struct ExcerptsBuilder {
    pieces: Vec<Piece>,
    /// Bytes of the text pushed so far.
    len: usize,
    /// Where the next piece starts.
    at: Position,
}

impl Default for ExcerptsBuilder {
    fn default() -> Self {
        ExcerptsBuilder {
            pieces: Vec::new(),
            len: 0,
            at: Position { line: 1, column: 1 },
        }
    }
}

impl ExcerptsBuilder {
    /// Adds the next piece of the text, keeping the lines `spans` (byte
    /// spans of `text`) lie on; spans outside `text` are left out.
    pub fn push(&mut self, text: &str, spans: impl IntoIterator<Item = Span>) {
        let mut ranges: Vec<(usize, usize)> = spans
            .into_iter()
            .filter(|s| text.get(s.range()).is_some())
            .map(|s| {
                let before = text.floor_char_boundary(s.start.saturating_sub(LINE_CONTEXT));
                let after = text.ceil_char_boundary(s.end.saturating_add(LINE_CONTEXT));
                let from = text[before..s.start]
                    .rfind('\n')
                    .map_or(before, |i| before + i + 1);
                let to = text[s.end..after].find('\n').map_or(after, |i| s.end + i);
                (from, to)
            })
            .collect();
        ranges.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
        for (from, to) in ranges {
            match merged.last_mut() {
                Some(last) if from <= last.1 + 1 => last.1 = last.1.max(to),
                _ => merged.push((from, to)),
            }
        }
        // Walk the piece once, counting lines up to each kept range.
        let mut at = self.at;
        let mut walked = 0;
        for (from, to) in merged {
            at = advance(at, &text[walked..from]);
            walked = from;
            let kept = &text[from..to];
            self.pieces.push(Piece {
                start: self.len + from,
                at,
                text: kept.to_owned(),
                breaks: LineBreaks::of(kept),
            });
        }
        self.at = advance(at, &text[walked..]);
        self.len += text.len();
    }

    /// The excerpts of everything pushed.
    pub fn finish(self) -> Excerpts {
        Excerpts {
            pieces: self.pieces,
        }
    }
}

/// The position just after `text`, which starts at `at`.
fn advance(at: Position, text: &str) -> Position {
    match text.rfind('\n') {
        Some(last) => Position {
            line: at.line + text.matches('\n').count(),
            column: 1 + text[last + 1..].chars().count(),
        },
        None => Position {
            line: at.line,
            column: at.column + text.chars().count(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::LineIndex;

    #[test]
    fn positions_and_texts_match_the_whole_text_across_pieces() {
        let text = "Dear Ana,\nwe are sorry — the parcel é late.\n\nIt was our fault.\nBest, Bo";
        let spans: Vec<Span> = ["sorry", "é late", "our fault", "Bo"]
            .iter()
            .map(|w| {
                let at = text.find(w).unwrap_or_default();
                Span::new(at, at + w.len())
            })
            .collect();
        let lines = LineIndex::new(text);
        // Pushed whole, then in two pieces cut mid-line.
        for cut in [text.len(), text.find("parcel").unwrap_or_default()] {
            let mut builder = ExcerptsBuilder::default();
            let (head, tail) = text.split_at(cut);
            builder.push(head, spans.iter().filter(|s| s.end <= cut).copied());
            builder.push(
                tail,
                spans
                    .iter()
                    .filter(|s| s.start >= cut)
                    .map(|s| Span::new(s.start - cut, s.end - cut)),
            );
            let excerpts = builder.finish();
            for &span in &spans {
                assert_eq!(excerpts.text(span), Some(span.text(text)), "cut {cut}");
                assert_eq!(excerpts.position(span), Some(lines.position(span.start)));
            }
        }
    }

    #[test]
    fn only_the_lines_of_the_spans_are_kept() {
        let text = "one\ntwo sorry two\nthree\nfour\n";
        let at = text.find("sorry").unwrap_or_default();
        let span = Span::new(at, at + 5);
        let mut builder = ExcerptsBuilder::default();
        builder.push(text, [span]);
        let excerpts = builder.finish();
        assert_eq!(excerpts.lines(span), Some(("two sorry two", 4, 2)));
        let three = text.find("three").unwrap_or_default();
        assert_eq!(excerpts.text(Span::new(three, three + 5)), None);
        assert_eq!(excerpts.position(Span::new(0, 3)), None);
    }

    #[test]
    fn a_huge_line_is_kept_around_the_span_only() {
        let text = format!(
            "{}sorry{}",
            "é".repeat(LINE_CONTEXT),
            "a".repeat(3 * LINE_CONTEXT)
        );
        let at = text.find("sorry").unwrap_or_default();
        let span = Span::new(at, at + 5);
        let mut builder = ExcerptsBuilder::default();
        builder.push(&text, [span]);
        let excerpts = builder.finish();
        let (kept, start, line) = excerpts.lines(span).unwrap_or_default();
        assert!(kept.len() <= 2 * LINE_CONTEXT + 5, "{}", kept.len());
        assert_eq!(line, 1);
        assert_eq!(&text[start..start + kept.len()], kept);
        // The column still counts from the start of the line.
        assert_eq!(
            excerpts.position(span),
            Some(Position {
                line: 1,
                column: LINE_CONTEXT + 1
            })
        );
    }
}
