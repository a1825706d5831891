//! Fluent bundles per locale: negotiating a requested locale against the
//! installed ones, following fallback chains, and rendering messages.
//!
//! Bundles are `fluent_bundle::concurrent::FluentBundle`, so the engine stays
//! `Send + Sync`; isolation marks are off because the output is plain text.
//! Rendering collects Fluent errors instead of aborting and falls back along
//! the chain `locale → pack fallbacks → en`. A message that renders with
//! errors in one locale is taken from the next; the caller never sees a
//! `{$placeholder}` or Fluent's error text.
//!
//! Negotiation uses fluent-langneg 0.13 (`it-CH` finds `it`) plus the alias
//! Filipino ↔ Tagalog (`fil` ↔ `tl`), which CLDR keeps as separate tags.

use std::collections::HashMap;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use fluent_langneg::{NegotiationStrategy, negotiate_languages};
use unic_langid::LanguageIdentifier;

use crate::pack::{Pack, PackError};

/// The reference locale every chain ends with.
pub const REFERENCE_LOCALE: &str = "en";

/// Language tags that name the same language.
const ALIASES: [(&str, &str); 2] = [("fil", "tl"), ("tl", "fil")];

type Bundle = FluentBundle<FluentResource>;

/// One locale's Fluent file and its bundle, built at once for packs
/// checked at load time, on first use for the lazily loaded embedded packs.
struct Entry {
    source: String,
    langid: LanguageIdentifier,
    bundle: std::sync::OnceLock<Bundle>,
}

impl Entry {
    fn bundle(&self) -> &Bundle {
        self.bundle
            .get_or_init(|| build_bundle(&self.source, &self.langid, &mut Vec::new(), ""))
    }
}

/// Builds a bundle (isolation off, built-in functions on), recording parse
/// and resource errors in `errors` against the file `shown`.
fn build_bundle(
    source: &str,
    langid: &LanguageIdentifier,
    errors: &mut Vec<PackError>,
    shown: &str,
) -> Bundle {
    let resource = match FluentResource::try_new(source.to_owned()) {
        Ok(r) => r,
        Err((r, parse_errors)) => {
            for e in parse_errors {
                errors.push(PackError::at(
                    shown,
                    source,
                    e.pos.start,
                    format!("Fluent syntax: {}", e.kind),
                ));
            }
            r
        }
    };
    let mut bundle = Bundle::new_concurrent(vec![langid.clone()]);
    bundle.set_use_isolating(false);
    if let Err(e) = bundle.add_builtins() {
        errors.push(PackError::file(
            shown,
            format!("cannot add Fluent functions: {e}"),
        ));
    }
    if let Err(add_errors) = bundle.add_resource(resource) {
        for e in add_errors {
            errors.push(PackError::file(shown, format!("{e}")));
        }
    }
    bundle
}

/// Rendered Fluent messages for every installed locale.
pub struct Localizer {
    bundles: HashMap<String, Entry>,
    chains: HashMap<String, Vec<String>>,
    available: Vec<LanguageIdentifier>,
}

impl std::fmt::Debug for Localizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Localizer")
            .field("locales", &self.chains.keys().collect::<Vec<_>>())
            .finish()
    }
}

impl Localizer {
    /// Builds one bundle per pack from its `messages.ftl`, collecting parse
    /// errors with their places.
    pub fn new<'p>(
        packs: impl IntoIterator<Item = &'p Pack>,
        file: &str,
    ) -> Result<Self, Vec<PackError>> {
        let mut errors = Vec::new();
        let mut bundles = HashMap::new();
        let mut chains = HashMap::new();
        let mut available = Vec::new();
        for pack in packs {
            let Ok(source) = pack.source.file(file) else {
                continue;
            };
            let shown = pack.source.path(file);
            let langid: LanguageIdentifier = match pack.id.parse() {
                Ok(l) => l,
                Err(_) => continue,
            };
            let entry = Entry {
                source: source.to_owned(),
                langid: langid.clone(),
                bundle: std::sync::OnceLock::new(),
            };
            if !pack.is_lazy() {
                let _ = entry
                    .bundle
                    .set(build_bundle(source, &langid, &mut errors, &shown));
            }
            let mut chain = vec![pack.id.clone()];
            for f in pack
                .fallback
                .iter()
                .map(String::as_str)
                .chain([REFERENCE_LOCALE])
            {
                if !chain.iter().any(|c| c == f) {
                    chain.push(f.to_owned());
                }
            }
            chains.insert(pack.id.clone(), chain);
            bundles.insert(pack.id.clone(), entry);
            available.push(langid);
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        available.sort_by_key(|l| l.to_string());
        Ok(Localizer {
            bundles,
            chains,
            available,
        })
    }

    /// The installed locale that best serves `requested` (a BCP 47 tag or a
    /// POSIX locale such as `it_IT.UTF-8`), if any.
    pub fn negotiate(&self, requested: &str) -> Option<String> {
        let cleaned = requested
            .split(['.', '@'])
            .next()
            .unwrap_or_default()
            .replace('_', "-");
        let parsed: LanguageIdentifier = cleaned.parse().ok()?;
        let mut requested = vec![parsed.clone()];
        for (from, to) in ALIASES {
            if parsed.language.as_str() == from
                && let Ok(alias) = to.parse::<LanguageIdentifier>()
            {
                requested.push(alias);
            }
        }
        let found = negotiate_languages(
            &requested,
            &self.available,
            None,
            NegotiationStrategy::Filtering,
        );
        found.first().map(|l| l.to_string())
    }

    /// Renders message `id` (or its attribute `attr`) for `locale`, following
    /// the fallback chain. `None` when no locale has it without errors.
    pub fn message(
        &self,
        locale: &str,
        id: &str,
        attr: Option<&str>,
        args: Option<&FluentArgs>,
    ) -> Option<String> {
        let default_chain = [locale.to_owned(), REFERENCE_LOCALE.to_owned()];
        let chain = self
            .chains
            .get(locale)
            .map_or(&default_chain[..], Vec::as_slice);
        chain.iter().find_map(|l| self.render_in(l, id, attr, args))
    }

    /// Renders in exactly one locale, without fallback.
    pub fn render_in(
        &self,
        locale: &str,
        id: &str,
        attr: Option<&str>,
        args: Option<&FluentArgs>,
    ) -> Option<String> {
        let bundle = self.bundles.get(locale)?.bundle();
        let message = bundle.get_message(id)?;
        let pattern = match attr {
            Some(a) => message.get_attribute(a)?.value(),
            None => message.value()?,
        };
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, args, &mut errors);
        errors.is_empty().then(|| text.into_owned())
    }

    /// Whether `locale`'s own bundle has message `id`.
    pub fn has_message(&self, locale: &str, id: &str) -> bool {
        self.bundles
            .get(locale)
            .is_some_and(|b| b.bundle().has_message(id))
    }
}
