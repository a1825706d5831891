# Messages of the Tagalog pack (Taglish, po register): rule explanations and suggestions, part names, CLI strings.

## Rules: the explanation of a finding, with a rewrite hint.

rule-conditional-apology = May kondisyon ang paumanhin (“kung … man”, “kung sakaling”, “if”), kaya parang hindi sigurado kung may napinsala talaga.
    .suggestion = Sabihin po ang nangyari bilang katotohanan: “Humihingi po kami ng paumanhin dahil naputulan namin kayo ng tubig habang pinoproseso pa ang inyong bayad.”
rule-feelings-apology = Ang paumanhin ay para sa nararamdaman o reaksyon ng customer, hindi para sa ginawa ng kumpanya.
    .suggestion = Humingi po ng paumanhin para sa aming ginawa, saka ipakita ang pag-unawa sa epekto nito: “Pasensya na po, mali ang sagot ng aming page. Naiintindihan po namin kung bakit kayo nainis.”
rule-but-apology = May “pero/ngunit/kaso” pagkatapos ng paumanhin, kaya nababawi ang paumanhin ng kasunod na dahilan.
    .suggestion = Tanggalin po ang bahaging may “pero”. Ilagay ang maikling paliwanag pagkatapos ng pag-ako ng responsibilidad, sa hiwalay na pangungusap.
rule-blame-customer = Lumalabas na ang customer ang sinisisi (“dapat po ay nag-…”, “nakalagay naman po sa description”).
    .suggestion = Akuin po muna ang bahagi ng kumpanya at ayusin ito. Ang payo para sa susunod ay isulat bilang tulong: “Para mas mabilis sa susunod, puwede po ninyong…”
rule-blame-vendor = Ang courier, bangko o partner ang itinuturong may sala, pero kami ang pinili ng customer at kami ang nagbenta ng serbisyo.
    .suggestion = Akuin po ang problema: “Na-delay po ng aming delivery partner ang inyong parcel. Responsibilidad po namin ito, at naipadala na namin ang kapalit.”
rule-blame-employee = Isang empleyado o rider ang itinuturong may kasalanan, o ibinabalita sa customer ang parusa sa kanya.
    .suggestion = Sabihin po na kumpanya ang nagkamali (“Nagkamali po kami”) at kung ano ang babaguhin ninyo (training, proseso). Panatilihing internal ang usaping HR.
rule-denial = Itinatanggi ang pagkakamali o umaasa sa “ayon sa system” kahit may reklamo ang customer.
    .suggestion = Kung may bahagi kayong pagkakamali, akuin po ito nang malinaw. Kung wala talaga, sumulat ng makatotohanan at maunawaing sagot at ipa-review muna sa isang supervisor.
rule-minimizing = Pinaliliit ang problema (“maliit na aberya”, “isolated case”, “delay lang po”), pero para sa customer ay malaki ito.
    .suggestion = Ilarawan po ang epekto mula sa panig ng customer: “Limang oras po kayong hindi naka-access sa inyong account.”
rule-hedged-regret = Ang “anumang abala” o “abalang maaaring naidulot” ay nagdududa kung may napinsala, kahit alam na nating mayroon.
    .suggestion = Pangalanan po ang pinsala at alisin ang alinlangan: “Paumanhin po sa tatlong araw na pagkaantala ng inyong order.”
rule-passive-evasion = Walang gumawa sa pangungusap (“nagkaroon po ng aberya”, “nadoble po ang singil”), kaya nakatago kung sino ang responsable.
    .suggestion = Isulat po kung sino ang nagkamali: “Nagkamali po kami: na-charge namin kayo nang dalawang beses.”
rule-circumstance-excuse = Ang panahon, dami ng order o “technical reasons” ang ginagawang dahilan, walang pag-ako sa kakulangan ng paghahanda.
    .suggestion = Akuin po muna ang pagkukulang, saka ibigay ang dahilan sa isang maikling pangungusap at ang ginagawa ninyo para maayos ito.
rule-intent-excuse = Ang mabuting intensyon ang ginagamit na depensa (“hindi po namin sinasadya”).
    .suggestion = Tanggalin po ang usapin ng intensyon. Sabihin ang nangyari, akuin ito, at ilahad ang pag-aayos.
rule-unrealistic-eta = Nangangako ng maikling oras ng pag-aayos na hindi pa natitiyak (“maaayos po sa loob ng 30 minuto”).
    .suggestion = Ipangako po ang oras ng susunod na update sa halip na oras ng pagkaayos: “Magbibigay po kami ng update bago mag-alas tres.”
rule-absolute-promise = Lubos na pangako (“hindi na po ito mauulit”) na walang kongkretong hakbang para maiwasan ito.
    .suggestion = Sabihin po ang tiyak na binago ninyo: “Para hindi na po maulit, nagdagdag kami ng tseke bago i-charge ang card.”
rule-thanks-instead-of-apology = Pasasalamat sa pasensya o pag-unawa ang ipinalit sa paumanhin, kahit hindi maliit ang naging problema.
    .suggestion = Humingi po muna ng paumanhin para sa tiyak na pagkakamali; saka na magpasalamat: “Humihingi po kami ng paumanhin sa pagkaantala. Salamat po sa paghihintay.”
rule-flippant = Parang biro ang paumanhin (“oops”, “sowi”, “hehe”, emoji), kaya hindi ito seryoso sa pandinig ng customer.
    .suggestion = Gumamit po ng seryosong paumanhin na may pangalan ng pagkakamali: “Pasensya na po, mali ang naipadala naming size.”
rule-dismissive-closure = Isinasara ang usapan para sa customer (“huminahon po kayo”, “wala na po kaming magagawa”, “pasensya na lang po”).
    .suggestion = Iwanang bukas po ang usapan: sabihin ang susunod na hakbang at anyayahan ang customer na sumagot kung may kulang pa.
rule-hedged-commitment = Alanganin ang pangako sa pag-aayos (“susubukan po namin”, “sana po ay maayos”, “sa lalong madaling panahon”).
    .suggestion = Sabihin po kung ano ang gagawin at kailan: “Ire-refund po namin ito bukas, at ia-update namin kayo bago mag-alas singko.”
rule-vague-offense = Hindi pinangalanan ang pagkakamali (“paumanhin po sa nangyari”, “sorry po sa abala”).
    .suggestion = Sabihin po kung para saan ang paumanhin: “Pasensya na po at dalawang beses namin kayong na-charge para sa order 1182.”
rule-self-focus = Ang nararamdaman ng kumpanya ang nasa gitna (“dismayado rin po kami”, “tao lang din po kami”), hindi ang customer.
    .suggestion = Ibaling po ang pansin sa customer: “Naiintindihan po namin kung gaano ito nakakaabala sa inyo.”
rule-bolstering = Pagpupuri sa sarili sa loob ng paumanhin (“ginagawa po namin ang lahat”, “prayoridad po namin kayo”).
    .suggestion = Palitan po ng kongkretong hakbang ang papuri: sabihin kung ano ang inayos at binago ninyo.
rule-over-apologizing = Paulit-ulit ang paumanhin, kaya nababawasan ang bigat nito.
    .suggestion = Isang malinaw na paumanhin po ang sapat; gamitin ang natitirang espasyo para sa pag-aayos at sa susunod na hakbang.
rule-buried-apology = Natabunan ang paumanhin: lumalabas lang ito pagkatapos ng mahabang paliwanag.
    .suggestion = Ilagay po ang paumanhin at ang pag-ako ng responsibilidad sa simula ng mensahe; paikliin ang paliwanag at ilipat ito pagkatapos.
rule-no-apology = Binabanggit ng mensahe ang isang pagkakamali o aberya pero walang paumanhin.
    .suggestion = Magdagdag po ng malinaw na paumanhin para sa tiyak na pagkakamali: “Humihingi po kami ng paumanhin sa pagkaantala ng inyong order.”

## Parts of a sincere apology.

part-acknowledge = pagkilala sa pagkakamali
part-apologize = paghingi ng paumanhin
part-take-responsibility = pag-ako ng responsibilidad
part-empathize = pag-unawa sa customer
part-explain = maikling paliwanag
part-fix = pag-aayos
part-prevent = pag-iwas na maulit
part-compensate = kabayaran
part-follow-up = pag-follow up

## Command line.

cli-language = wika
cli-language-given = ibinigay
cli-language-detected = natukoy
cli-language-unknown = hindi alam
cli-parts-present = mga bahaging naroon
cli-parts-missing = mga bahaging kulang
cli-parts-none = wala
cli-score = iskor
cli-errors = { $count } error
cli-warnings = { $count } babala
cli-hints = { $count } hint
cli-pattern = pattern
cli-part-model = modelo ng mga bahagi, probabilidad
cli-suggestion = mungkahi

## Mga paalala para sa sumusulat ng sagot (hindi kasama sa text para sa customer).

note-legal-review = Seryoso ang insidenteng ito: ipa-review muna sa legal ang sagot bago ipadala.
note-over-compensation = Mukhang malaki ang compensation para sa maliit na insidente; gawing proporsyonal ang pagbawi.
note-language-mismatch = Mukhang nakasulat sa { $detected } ang field na `{ $field }` ng insidente, hindi sa wika ng sagot.
cli-language-mismatch = ang sagot ay nasa { $found }, hindi sa wika ng customer ({ $expected })
cli-note = paalala
cli-part-lost = bahaging nawala sa pagsasalin
