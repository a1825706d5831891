//! An arbitrary `parts.model`: parsing reports errors or succeeds, never
//! panics; a model that parses scores a message.
#![no_main]

use libfuzzer_sys::fuzz_target;
use meaculpa::pack::Ids;
use meaculpa::rules::model::PartModel;
use meaculpa::text::Analysis;

const MESSAGE: &str = "Dear Ann, we are sorry that your order arrived late. \
    We refunded the delivery fee today, and we have changed how we book couriers \
    so that it does not happen again. We will write to you on Friday.";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(ids) = Ids::embedded() else { return };
    if let Ok(model) = PartModel::parse("fuzz/parts.model", text, &ids) {
        let analysis = Analysis::new(MESSAGE, &[], &|_| false);
        for show in model.show(&analysis, |i| analysis.norm(i), |_| true) {
            assert!(show.span.end <= MESSAGE.len());
            assert!((0.0..=1.0).contains(&show.probability));
        }
    }
});
