# Messages of the English pack: rule explanations and suggestions, part names, CLI strings.
# English is the reference locale: every other pack translates these ids.

## Rules: the explanation of a finding (one or two sentences), with a rewrite hint.

rule-conditional-apology = The apology depends on a condition ("sorry if"), which suggests the harm may not be real and shifts it to the reader's sensitivity; Lazare: an apology with "if" or "but" in it is doomed.
    .suggestion = Name what happened as a fact: "We're sorry that we charged your card twice."
rule-feelings-apology = The apology is about the reader's feelings or reaction, not about what the company did, so it admits nothing and casts the reader as over-sensitive.
    .suggestion = Apologize for your act, then show empathy for its effect: "We're sorry we cancelled your booking; I can imagine how stressful that was."
rule-but-apology = A "but" or "however" after the apology introduces an excuse that cancels it; the reader remembers the second half.
    .suggestion = Cut the "but" clause. Own the mistake first, then give a short explanation in a separate sentence.
rule-blame-customer = The customer is made responsible ("you should have…", the terms cited at them, a threat), which reverses the apology; never blame the user.
    .suggestion = Own your part and fix it; offer tips for next time as options: "Next time, you can…"
rule-blame-vendor = A courier, host or partner is named as the culprit, but the customer bought from you and you chose that partner: in their eyes it is your failure.
    .suggestion = Own it: "Our delivery partner lost your parcel. That's our responsibility, and a replacement ships today."
rule-blame-employee = One employee or team is singled out as the culprit, or disciplinary action is announced; this is unprofessional and makes the customer doubt all your staff.
    .suggestion = Say "we got this wrong" and describe what the company changes (training, process); keep HR matters internal.
rule-denial = The message denies the failure or our part in it, leaning on records, systems or procedures; after a competence failure an apology repairs trust better than a denial (Kim et al., 2004).
    .suggestion = If part of the fault is yours, own that part explicitly. If none is, don't apologize: reply factually and with empathy, and have a person review it.
rule-minimizing = Words like "small glitch", "isolated incident" or "just" shrink a harm that is not small for the customer (Benoit's "minimization").
    .suggestion = Describe the effect from the customer's side: "You couldn't access your account for five hours."
rule-hedged-regret = "Any inconvenience" or "may have caused" doubts that harm happened when you know it did; "any" adds insult to injury.
    .suggestion = Name the harm and drop the hedge: "We're sorry for the three-day delay in delivering your order."
rule-passive-evasion = Agentless wording ("mistakes were made", "your order was delayed") hides who is responsible; acknowledging responsibility is the most effective part of an apology (Lewicki et al., 2016).
    .suggestion = Say who did it: "We made a mistake: we shipped your order to your old address."
rule-circumstance-excuse = Demand, weather or "circumstances beyond our control" are offered as the reason, which presents the failure as unavoidable instead of owning how prepared you were.
    .suggestion = State the cause in one sentence, then own the part you control: "We didn't staff up for the sale, and that's on us."
rule-intent-excuse = Good intentions ("it was never our intention", "in good faith") are offered as a defence; the reader cares about the effect, not the intent.
    .suggestion = Drop the intent and name the effect: "Our email misled you about the price, and I'm sorry."
rule-unrealistic-eta = A short, specific fix time you cannot verify ("fixed in 20 minutes") teaches customers not to trust your updates when it slips.
    .suggestion = Promise the next update time instead: "We'll update you by 3 pm, whether or not it's fixed by then."
rule-absolute-promise = A guarantee like "this will never happen again" may not be keepable and can come back to bite you.
    .suggestion = Name the concrete step that prevents a repeat: "We added a check that blocks duplicate charges."
rule-thanks-instead-of-apology = Thanks for patience or a request for understanding stands in place of an apology; that works for minor slips only, and bigger failures still deserve an apology (Toister).
    .suggestion = Apologize first, then thank: "I'm sorry for the wait, and thank you for bearing with us."
rule-flippant = "Oops", "whoops" or "my bad" make light of a failure that cost the customer something.
    .suggestion = Use a plain apology: "I'm sorry, we sent you the wrong size."
rule-dismissive-closure = The message closes the topic for the customer ("let's move on", "calm down"), which puts the apologizer back in control.
    .suggestion = Leave the door open: "If anything still isn't right, reply here and I'll look at it myself."
rule-hedged-commitment = The fix or prevention is hedged ("we'll try", "should be fixed", "as soon as possible"), so the customer cannot rely on it.
    .suggestion = Commit to a concrete action and time: "We'll refund you by Friday and email you when it's done."
rule-vague-offense = The apology's object is vague ("for what happened", "for the situation"); say exactly what you are apologizing for (Lazare; Ingall and McCarthy).
    .suggestion = Name the mistake: "We're sorry we shipped your order to your old address."
rule-self-focus = The writer's own feelings take centre stage ("we are devastated", "this has been hard for us"), leaving little room for the customer's.
    .suggestion = Keep the focus on the customer: "I know how much you were counting on this delivery."
rule-bolstering = Self-praise inside the apology ("we take this very seriously", "our customers are our top priority") moves attention from the harm to the company's image.
    .suggestion = Replace the claim with a concrete action: "We now check every order twice before it ships."
rule-over-apologizing = The message apologizes three or more times; repeated, reflexive sorries sound scripted and weaken the one that matters.
    .suggestion = Apologize once, clearly, and spend the other sentences on the fix.
rule-buried-apology = The apology comes only after a long preamble, so the customer may never reach it.
    .suggestion = Put the apology and the mistake in the first two sentences; the background can follow.
rule-no-apology = The message admits or discusses a failure (a double charge, a delay, an outage) but never apologizes.
    .suggestion = Add an explicit apology that names the mistake: "I'm sorry we charged you twice."

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
cli-parts-none = none
cli-score = score
cli-errors = { $count ->
    [one] { $count } error
   *[other] { $count } errors
}
cli-warnings = { $count ->
    [one] { $count } warning
   *[other] { $count } warnings
}
cli-hints = { $count ->
    [one] { $count } hint
   *[other] { $count } hints
}
cli-pattern = pattern
cli-part-model = part model, probability
cli-suggestion = suggestion
cli-language-mismatch = the reply is in { $found }, not in the customer's language ({ $expected })
cli-note = note
cli-part-lost = part lost in translation

## Notes for the writer of a drafted apology (never part of the customer's text).

note-legal-review = This incident is severe: have the reply reviewed by legal before sending it.
note-over-compensation = The compensation looks large for a minor incident; make amends in proportion.
note-language-mismatch = The incident field `{ $field }` seems to be written in { $detected }, not in the reply's language.
