//! Telling the author's own text from text that is not theirs.
//!
//! Replies carry the customer's message quoted below (`> …`, `On … wrote:`),
//! quotations inside the reply (`"…"`, `«…»`, `„…“`) and signatures with legal
//! disclaimers. Rules must not run on them, yet every span must stay a byte
//! range of the input as given. The [`Segmenter`] therefore does not cut the
//! text: it returns the byte ranges to leave out, and [`crate::text::Analysis`]
//! skips them. Quote marks, quote prefixes, reply headers and signature
//! markers are pack data, one set per locale.

use std::ops::Range;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::rules::gated::{Compiled, GatedRegex};

/// A reply header or signature marker is a short line: longer lines are
/// never taken for one (so pack expressions may use `.+`, which compiles to a
/// far smaller automaton than `.{1,200}`).
pub const MAX_CUT_LINE_BYTES: usize = 400;

/// A quotation longer than this is taken as a stray quote mark, not a quote.
pub const MAX_QUOTE_BYTES: usize = 600;

/// A locale's rules for finding text that is not the author's.
#[derive(Debug, Clone)]
pub struct Segmenter {
    pairs: Vec<(String, String)>,
    line_prefixes: Vec<String>,
    /// Every reply-header and signature expression in one, so each line is
    /// searched once.
    cut_line: Option<GatedRegex>,
    /// The same expressions in groups (the reply headers, the signature
    /// markers), each gated: a text that passes one group's gate only
    /// compiles that group (a reply with a sign-off and no quoted
    /// message). Empty: `cut_line` alone.
    groups: Vec<GatedRegex>,
    /// The first bytes of `pairs`' opening marks: a quotation can only
    /// start at one of them (a byte-table scan; the opening marks are a
    /// handful of punctuation characters).
    opener_bytes: [bool; 256],
}

/// A [`Segmenter`] in a rule image: what [`Segmenter::new`] takes, the
/// expression as its source.
#[derive(Serialize, Deserialize)]
struct SegmenterImage {
    pairs: Vec<(String, String)>,
    line_prefixes: Vec<String>,
    cut_line: Option<GatedRegex>,
    groups: Vec<GatedRegex>,
}

impl Serialize for Segmenter {
    fn serialize<S: Serializer>(&self, out: S) -> Result<S::Ok, S::Error> {
        SegmenterImage {
            pairs: self.pairs.clone(),
            line_prefixes: self.line_prefixes.clone(),
            cut_line: self.cut_line.clone(),
            groups: self.groups.clone(),
        }
        .serialize(out)
    }
}

impl<'de> Deserialize<'de> for Segmenter {
    fn deserialize<D: Deserializer<'de>>(input: D) -> Result<Self, D::Error> {
        let image = SegmenterImage::deserialize(input)?;
        Ok(
            Segmenter::new(image.pairs, image.line_prefixes, image.cut_line)
                .with_groups(image.groups),
        )
    }
}

impl Default for Segmenter {
    /// A segmenter that finds nothing.
    fn default() -> Self {
        Segmenter::new(Vec::new(), Vec::new(), None)
    }
}

impl Segmenter {
    /// A segmenter from quote pairs, quoted-line prefixes, and one regular
    /// expression for the lines that start a quoted reply or a signature.
    pub fn new(
        pairs: Vec<(String, String)>,
        line_prefixes: Vec<String>,
        cut_line: Option<GatedRegex>,
    ) -> Self {
        let mut opener_bytes = [false; 256];
        for (open, _) in &pairs {
            match open.as_bytes().first() {
                Some(&first) => opener_bytes[usize::from(first)] = true,
                // An empty opening mark opens anywhere.
                None => opener_bytes = [true; 256],
            }
        }
        Segmenter {
            pairs,
            line_prefixes,
            cut_line,
            groups: Vec::new(),
            opener_bytes,
        }
    }

    /// The segmenter with the cut-line expression also in `groups`, whose
    /// alternation it must be: a text that passes one group's gate only
    /// compiles that group.
    pub fn with_groups(mut self, groups: Vec<GatedRegex>) -> Self {
        self.groups = groups;
        self
    }

    /// The cut-line expression compiled for `text`: `None` when no group's
    /// gate lets `text` through, the one group that does, or all of them.
    fn cut_line_for(&self, text: &str) -> Option<Compiled<'_>> {
        let all = self.cut_line.as_ref()?;
        if self.groups.is_empty() {
            return all.for_text(text);
        }
        let mut passing = self.groups.iter().filter(|g| g.gate_passes(text));
        match (passing.next(), passing.next()) {
            (None, _) => None,
            (Some(one), None) => one.compiled(text),
            (Some(_), Some(_)) => all.compiled(text),
        }
    }

    /// Byte ranges of `text` that are not the author's, sorted and disjoint.
    pub fn excluded(&self, text: &str) -> Vec<Range<usize>> {
        let mut out: Vec<Range<usize>> = Vec::new();
        let mut offset = 0;
        let mut body_end = text.len();
        // The gate is checked once for the whole text, not per line.
        let cut_line = self.cut_line_for(text);
        let mut lines = text.split_inclusive('\n');
        while let Some(line) = lines.next() {
            let start = offset;
            offset += line.len();
            let content = line.trim_end_matches(['\n', '\r']);
            let trimmed = content.trim_start();
            if trimmed.is_empty() {
                continue;
            }
            if content.len() <= MAX_CUT_LINE_BYTES
                && cut_line.is_some_and(|r| r.is_match(content.trim()))
            {
                // A header ending in a colon ("You wrote:") above a quoted
                // passage the author then answers introduces an inline
                // quotation: only the line itself is not the author's.
                // Anything else starts the trail (an unprefixed quoted
                // message, a signature) and ends the body.
                let next = lines.clone().map(str::trim_start).find(|l| !l.is_empty());
                if content.trim_end().ends_with(':')
                    && next.is_some_and(|l| self.opens_quotation(l))
                {
                    push_range(&mut out, start..start + content.len());
                    continue;
                }
                body_end = start;
                break;
            }
            if self.is_quoted_line(trimmed) {
                push_range(&mut out, start..start + content.len());
            }
        }
        let mut quotes = self.quotes(&text[..body_end]);
        let mut merged = Vec::with_capacity(out.len() + quotes.len() + 1);
        merged.append(&mut out);
        merged.append(&mut quotes);
        if body_end < text.len() {
            merged.push(body_end..text.len());
        }
        merged.sort_by_key(|r| r.start);
        let mut result: Vec<Range<usize>> = Vec::with_capacity(merged.len());
        for r in merged {
            push_range(&mut result, r);
        }
        result
    }

    /// Whether a line (leading blanks removed) is a quoted line (`> …`).
    fn is_quoted_line(&self, line: &str) -> bool {
        self.line_prefixes
            .iter()
            .any(|p| line.starts_with(p.as_str()))
    }

    /// Whether a line (leading blanks removed) opens a quotation: a quoted
    /// line, or one that starts with an opening quote mark.
    fn opens_quotation(&self, line: &str) -> bool {
        self.is_quoted_line(line)
            || self
                .pairs
                .iter()
                .any(|(open, _)| !open.is_empty() && line.starts_with(open.as_str()))
    }

    fn quotes(&self, text: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let bytes = text.as_bytes();
        let mut i = 0;
        while let Some(found) = bytes[i..]
            .iter()
            .position(|&b| self.opener_bytes[usize::from(b)])
        {
            let at = i + found;
            let rest = &text[at..];
            // The first pair (in pack order) whose opening mark starts here.
            let opened = self
                .pairs
                .iter()
                .find(|(open, _)| rest.starts_with(open.as_str()));
            if let Some((open, close)) = opened {
                let body_start = at + open.len();
                let window_end = text.floor_char_boundary(body_start + MAX_QUOTE_BYTES);
                let window = &text[body_start..window_end];
                let paragraph_end = window.find("\n\n").unwrap_or(window.len());
                if let Some(close_at) = window[..paragraph_end].find(close.as_str()) {
                    let end = body_start + close_at + close.len();
                    out.push(at..end);
                    i = end;
                    continue;
                }
            }
            i = at + rest.chars().next().map_or(1, char::len_utf8);
        }
        out
    }
}

fn push_range(out: &mut Vec<Range<usize>>, r: Range<usize>) {
    if let Some(last) = out.last_mut()
        && r.start <= last.end
    {
        last.end = last.end.max(r.end);
        return;
    }
    out.push(r);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segmenter() -> Segmenter {
        Segmenter::new(
            vec![("„".into(), "“".into()), ("\"".into(), "\"".into())],
            vec![">".into()],
            GatedRegex::new(&[r"(?i)^on .* wrote:$"]).ok(),
        )
    }

    /// Reply headers and signature markers as a pack's compilation makes
    /// them: one expression, and each group apart. Read back as from a rule
    /// image (nothing compiled).
    fn grouped() -> Segmenter {
        let headers = ["(?:(?i)^on .+ wrote:$)", "(?:(?i)^from: .+$)"];
        let markers = ["(?:(?i)^-- ?$)", "(?:(?i)^(kind|best) regards,?$)"];
        let all: Vec<&str> = headers.iter().chain(&markers).copied().collect();
        let made =
            Segmenter::new(Vec::new(), Vec::new(), GatedRegex::new(&all).ok()).with_groups(vec![
                GatedRegex::new(&headers).unwrap(),
                GatedRegex::new(&markers).unwrap(),
            ]);
        let bytes = postcard::to_allocvec(&made).unwrap();
        postcard::from_bytes(&bytes).unwrap()
    }

    #[test]
    fn a_text_compiles_only_the_group_of_cut_lines_its_gates_let_through() {
        let compiled = |s: &Segmenter| {
            (
                s.cut_line.as_ref().is_some_and(GatedRegex::is_compiled),
                s.groups
                    .iter()
                    .map(GatedRegex::is_compiled)
                    .collect::<Vec<_>>(),
            )
        };
        let text = "Sorry for the delay.\n\nBest regards,\nAnn";
        let only_signature = grouped();
        assert_eq!(excluded_in(&only_signature, text), ["Best regards,\nAnn"]);
        assert_eq!(compiled(&only_signature), (false, vec![false, true]));
        // Both kinds of line: the one expression, as without groups.
        let text = "Sorry.\n--\nAnn\nOn Monday, Bob wrote:\nold";
        let both = grouped();
        assert_eq!(
            excluded_in(&both, text),
            ["--\nAnn\nOn Monday, Bob wrote:\nold"]
        );
        assert_eq!(compiled(&both), (true, vec![false, false]));
        // Neither: nothing compiled.
        let neither = grouped();
        assert!(neither.excluded("Sorry for the delay.").is_empty());
        assert_eq!(compiled(&neither), (false, vec![false, false]));
    }

    /// The parts of `text` that `segmenter` leaves out.
    fn excluded_in<'t>(segmenter: &Segmenter, text: &'t str) -> Vec<&'t str> {
        segmenter
            .excluded(text)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn quoted_lines_quotes_and_reply_tails_are_excluded() {
        let text =
            "We are sorry.\n> sorry if\nYou wrote „but“ and \"x\".\nOn Monday Ann wrote:\nold";
        assert_eq!(
            excluded_in(&segmenter(), text),
            ["> sorry if", "„but“", "\"x\"", "On Monday Ann wrote:\nold"]
        );
    }

    /// What a segmenter with `"` quotes, `>` quoted lines and the cut-line
    /// expression `cut` leaves out of `text`.
    fn excluded_with(cut: &str, text: &str) -> Vec<String> {
        Segmenter::new(
            vec![("\"".into(), "\"".into())],
            vec![">".into()],
            GatedRegex::new(&[cut]).ok(),
        )
        .excluded(text)
        .into_iter()
        .map(|r| text[r].to_owned())
        .collect()
    }

    #[test]
    fn a_header_above_an_inline_quotation_excludes_only_itself_and_the_quote() {
        let excluded = |text: &str| excluded_with(r"(?i)^.+ wrote:$", text);
        // Quoted with a prefix, then answered.
        let text = "Thanks for writing. You wrote:\n\n> It broke.\n> Twice.\n\nSorry if it did.";
        assert_eq!(
            excluded(text),
            ["Thanks for writing. You wrote:", "> It broke.", "> Twice."]
        );
        // Quoted between quote marks, then answered.
        let text = "You wrote:\n\"It broke.\"\nSorry if it did.";
        assert_eq!(excluded(text), ["You wrote:", "\"It broke.\""]);
        // A trail without prefixes is still cut to the end.
        let text = "Sorry.\nAnn wrote:\nIt broke.\n> old";
        assert_eq!(excluded(text), ["Ann wrote:\nIt broke.\n> old"]);
        // So is a header with nothing after it.
        assert_eq!(excluded("Sorry.\nAnn wrote:\n\n"), ["Ann wrote:\n\n"]);
        // A signature is cut with what follows it, a quoted motto included.
        let text = "Sorry.\nBest,\n\"We care.\"\nAnn, Support";
        assert_eq!(
            excluded_with(r"(?i)^best,$", text),
            ["Best,\n\"We care.\"\nAnn, Support"]
        );
    }

    #[test]
    fn an_empty_opening_mark_opens_at_any_character() {
        // A pack may write one (nothing forbids it): each character may then
        // open a quotation, multi-byte ones included, up to the closing mark.
        let segmenter = Segmenter::new(vec![(String::new(), "»".to_owned())], Vec::new(), None);
        let text = "éa » b";
        let excluded: Vec<&str> = segmenter
            .excluded(text)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(excluded, ["éa »"]);
        assert!(segmenter.excluded("éa b").is_empty());
    }

    #[test]
    fn a_stray_quote_mark_excludes_nothing() {
        let text = "5\" screen, and more\n\nanother \"paragraph";
        assert!(segmenter().excluded(text).is_empty());
    }
}
