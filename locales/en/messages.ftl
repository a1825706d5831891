# Messages of the English pack: rule explanations and suggestions, part names, CLI strings.

## Rules: the explanation of a finding, with a rewrite hint.

rule-conditional-apology = The apology depends on a condition ("sorry if"), which suggests the harm may not be real.
    .suggestion = Name what happened as a fact: "We're sorry that we charged your card twice."

## Parts of a sincere apology.

part-acknowledge = acknowledge
part-apologize = apologize
part-take-responsibility = take responsibility
part-empathize = empathize
part-explain = explain
part-fix = fix
part-prevent = prevent
part-compensate = make amends
part-follow-up = follow up

## Command line.

cli-language = language
cli-language-given = given
cli-language-detected = detected
cli-language-unknown = unknown
cli-parts-present = parts present
cli-parts-missing = parts missing
cli-score = score
cli-errors = errors
cli-warnings = warnings
cli-hints = hints
cli-suggestion = suggestion
