//! Linting an input as it is read: [`Engine::lint_reader`] reads a window of
//! chunks of whole paragraphs at a time, lints them on every core and keeps
//! only the report and the lines it points at ([`Excerpts`]), so memory does
//! not grow with the input. The report is the one [`Engine::lint`] gives for
//! the same text: the chunks are cut where it cuts them.

use std::io::{self, Read};

use crate::excerpt::{Excerpts, ExcerptsBuilder, report_spans};
use crate::lint::{CHUNK_BYTES, Engine, LintError, LintOptions, Merge, first_chunk};
use crate::report::Report;
use crate::text::Span;

/// How many chunks are read and linted at a time, per core: enough that a
/// slow chunk rarely keeps the other cores waiting, few enough that the
/// window (a megabyte a core) stays small.
const CHUNKS_PER_CORE: usize = 4;

/// An input could not be read and linted.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReadError {
    /// Reading failed.
    #[error("{0}")]
    Io(#[from] io::Error),
    /// The input is not UTF-8: the byte offset of the first invalid (or cut)
    /// sequence.
    #[error("invalid UTF-8 at byte {offset}")]
    InvalidUtf8 {
        /// Where the first invalid sequence starts.
        offset: usize,
    },
    /// Linting could not run.
    #[error("{0}")]
    Lint(#[from] LintError),
}

/// An input linted as it was read.
#[derive(Debug, Clone)]
pub struct Streamed {
    /// Its report, as [`Engine::lint`] gives it.
    pub report: Report,
    /// The lines its findings, part spans and message facts lie on.
    pub excerpts: Excerpts,
    /// How many bytes it had.
    pub len: usize,
}

impl Engine {
    /// Lints what `input` yields without holding all of it: a chunk of whole
    /// paragraphs ([`CHUNK_BYTES`]) at a time, a window of chunks on every
    /// core. The report is [`Engine::lint`]'s for the same text; the input
    /// must be UTF-8.
    ///
    /// ```
    /// use meaculpa::{Engine, LintOptions};
    ///
    /// let engine = Engine::new()?;
    /// let input = "We're sorry if you were upset.".as_bytes();
    /// let linted = engine.lint_reader(input, &LintOptions::language("en"))?;
    /// let finding = &linted.report.findings[0];
    /// assert_eq!(linted.excerpts.text(finding.span), Some("We're sorry if"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn lint_reader(
        &self,
        mut input: impl Read,
        options: &LintOptions,
    ) -> Result<Streamed, ReadError> {
        let workers = crate::parallel::cores();
        let window = CHUNKS_PER_CORE * workers;
        // Four bytes past the chunks, so a sequence cut by the read lies
        // beyond the last chunk's limit.
        let want = window * CHUNK_BYTES + 4;
        let mut buffer = Vec::new();
        let mut ended = fill(&mut input, &mut buffer, want)?;
        if ended && buffer.len() <= CHUNK_BYTES {
            // A short input in one piece, as `Engine::lint` takes it.
            let text = utf8(&buffer, 0, true)?;
            let report = self.lint(text, options)?;
            let excerpts = Excerpts::of_report(text, &report);
            return Ok(Streamed {
                report,
                excerpts,
                len: text.len(),
            });
        }
        let mut merge = Merge::new(self);
        let mut excerpts = ExcerptsBuilder::default();
        let mut offset = 0;
        loop {
            let text = utf8(&buffer, offset, ended)?;
            let mut chunks = Vec::new();
            let mut at = 0;
            while chunks.len() < window && at < text.len() {
                let rest = &text[at..];
                if !ended && rest.len() <= CHUNK_BYTES {
                    break;
                }
                let end = at + first_chunk(rest, CHUNK_BYTES);
                chunks.push(Span::new(at, end));
                at = end;
            }
            let pieces = crate::parallel::map_in_order(&chunks, |c| {
                self.lint_whole(&text[c.range()], options)
            });
            for (chunk, piece) in chunks.iter().zip(pieces) {
                let piece = piece?;
                let (report, facts) = &piece;
                let spans = report_spans(report).chain(facts.iter().flat_map(|(_, f)| f.spans()));
                excerpts.push(&text[chunk.range()], spans);
                merge.add(offset + chunk.start, chunk.end - chunk.start, piece);
            }
            offset += at;
            buffer.drain(..at);
            if ended && buffer.is_empty() {
                break;
            }
            ended = fill(&mut input, &mut buffer, want)?;
        }
        Ok(Streamed {
            report: merge.finish(options)?,
            excerpts: excerpts.finish(),
            len: offset,
        })
    }
}

/// Reads into `buffer` until it holds `want` bytes or the input ends;
/// whether it ended.
fn fill(input: &mut impl Read, buffer: &mut Vec<u8>, want: usize) -> io::Result<bool> {
    let missing = want.saturating_sub(buffer.len());
    let read = input.take(missing as u64).read_to_end(buffer)?;
    Ok(read < missing)
}

/// The longest UTF-8 prefix of `buffer` that is whole, or the error with
/// its offset in the input (`offset` is the buffer's): an invalid sequence,
/// or one cut by the end of the input.
fn utf8(buffer: &[u8], offset: usize, ended: bool) -> Result<&str, ReadError> {
    match std::str::from_utf8(buffer) {
        Ok(text) => Ok(text),
        Err(e) if e.error_len().is_none() && !ended => {
            let valid = &buffer[..e.valid_up_to()];
            // Checked just now: the prefix is valid UTF-8.
            Ok(std::str::from_utf8(valid).unwrap_or_default())
        }
        Err(e) => Err(ReadError::InvalidUtf8 {
            offset: offset + e.valid_up_to(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that hands out at most `step` bytes a call, as a pipe may.
    struct Trickle<'a> {
        bytes: &'a [u8],
        step: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
            let n = self.step.min(out.len()).min(self.bytes.len());
            out[..n].copy_from_slice(&self.bytes[..n]);
            self.bytes = &self.bytes[n..];
            Ok(n)
        }
    }

    fn long_text() -> String {
        let paragraph = "Our records show the parcel was delivered. Thank you for your patience.\n\
                         Il pacco è arrivato in ritardo, ci dispiace.\n\n";
        let mut text = paragraph.repeat(3 * CHUNK_BYTES * CHUNKS_PER_CORE / paragraph.len());
        text.push_str("We are sorry: it was our fault, and we refunded you.\n");
        text
    }

    #[test]
    fn a_streamed_report_is_the_report_of_the_whole_text() {
        let engine = Engine::new().unwrap_or_else(|e| panic!("{e}"));
        let text = long_text();
        for options in [LintOptions::language("en"), LintOptions::default()] {
            let whole = engine
                .lint(&text, &options)
                .unwrap_or_else(|e| panic!("{e}"));
            let reader = Trickle {
                bytes: text.as_bytes(),
                step: 100_003,
            };
            let streamed = engine
                .lint_reader(reader, &options)
                .unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(streamed.len, text.len());
            assert_eq!(streamed.report, whole);
            assert!(!whole.findings.is_empty());
            let lines = crate::text::LineIndex::new(&text);
            for f in &whole.findings {
                assert_eq!(streamed.excerpts.text(f.span), Some(f.span.text(&text)));
                assert_eq!(
                    streamed.excerpts.position(f.span),
                    Some(lines.position(f.span.start))
                );
            }
        }
    }

    #[test]
    fn invalid_utf8_is_reported_at_its_offset_in_the_input() {
        let engine = Engine::new().unwrap_or_else(|e| panic!("{e}"));
        let mut bytes = long_text().into_bytes();
        let at = bytes.len() - 10;
        bytes[at] = 0xFF;
        let error = engine.lint_reader(&bytes[..], &LintOptions::language("en"));
        assert!(matches!(error, Err(ReadError::InvalidUtf8 { offset }) if offset == at));
        // A sequence cut by the end of the input.
        let mut cut = long_text().into_bytes();
        cut.extend_from_slice("é".as_bytes().get(..1).unwrap_or_default());
        let error = engine.lint_reader(&cut[..], &LintOptions::language("en"));
        assert!(matches!(error, Err(ReadError::InvalidUtf8 { offset }) if offset == cut.len() - 1));
        let short = engine.lint_reader(&b"sorry \xC3"[..], &LintOptions::language("en"));
        assert!(matches!(short, Err(ReadError::InvalidUtf8 { offset: 6 })));
    }
}
