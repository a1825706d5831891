# Messaggi del pacchetto italiano: spiegazioni e suggerimenti delle regole, nomi delle parti, testi della CLI.
# Registro dei suggerimenti: Lei (le forme di cortesia sono in minuscolo, come nelle e-mail di assistenza).

## Regole: la spiegazione di una segnalazione, con un suggerimento di riscrittura.

rule-conditional-apology = Le scuse dipendono da una condizione ("ci scusiamo se…", "qualora…"): fanno pensare che il danno forse non ci sia stato, o che il problema sia la sensibilità del cliente.
    .suggestion = Dica il fatto come fatto: "Ci scusiamo per aver sospeso la fornitura mentre il suo pagamento era ancora in lavorazione."
rule-feelings-apology = Ci si scusa per la reazione o i sentimenti del cliente ("ci dispiace che si sia sentito…", "per il malinteso"), non per quello che l'azienda ha fatto.
    .suggestion = Si scusi per l'azione dell'azienda e poi mostri empatia per il suo effetto: "Ci scusiamo per non averla richiamata: capiamo quanto sia stato frustrante."
rule-but-apology = Dopo le scuse arriva un "ma", un "tuttavia" o un "ci teniamo a precisare" che introduce una giustificazione e annulla le scuse.
    .suggestion = Tolga la frase con il "ma". Se serve, spieghi la causa in una frase separata, dopo aver riconosciuto la responsabilità.
rule-blame-customer = La risposta attribuisce la colpa al cliente ("avrebbe dovuto…", "come indicato nelle condizioni…") o lo minaccia.
    .suggestion = Riconosca la parte dell'azienda e risolva; i consigli per il futuro li offra come aiuto: "La prossima volta può indicare l'orario di consegna dall'app."
rule-blame-vendor = La colpa viene scaricata su un corriere, un fornitore o un partner ("non dipende da noi"), ma per il cliente il servizio è vostro: il fornitore l'avete scelto voi.
    .suggestion = Citi il fornitore solo come fatto e si assuma la responsabilità: "Il corriere ha smarrito il pacco: è una nostra responsabilità e le abbiamo già spedito un sostituto."
rule-blame-employee = Un singolo collaboratore viene indicato come colpevole o si annunciano provvedimenti disciplinari: il cliente dubiterà di tutto lo staff.
    .suggestion = Parli a nome dell'azienda ("abbiamo sbagliato") e dica cosa cambia (formazione, procedure); le conseguenze interne restano interne.
rule-denial = La risposta nega l'errore o la responsabilità ("nessun errore da parte nostra", "dai nostri sistemi risulta") invece di riconoscere quello che è andato storto.
    .suggestion = Se una parte dell'errore è vostra, la riconosca chiaramente; se non lo è, non scriva scuse ma una risposta fattuale ed empatica, fatta rivedere da una persona.
rule-minimizing = Il problema viene sminuito ("piccolo disguido", "caso isolato", "sono cose che capitano"): per il cliente può essere un problema grande.
    .suggestion = Descriva l'effetto dal punto di vista del cliente: "Non ha potuto accedere al suo conto per cinque ore."
rule-hedged-regret = "Eventuali disagi", "qualsiasi inconveniente" o "che possa averle causato" mettono in dubbio un danno che l'azienda conosce.
    .suggestion = Nomini il danno senza "eventuale": "Ci scusiamo per il ritardo di tre giorni nella consegna."
rule-passive-evasion = Una forma impersonale o passiva ("si è verificato un disguido", "sono stati commessi errori") nasconde chi ha sbagliato.
    .suggestion = Usi la prima persona: "Abbiamo sbagliato: abbiamo spedito il suo ordine al vecchio indirizzo."
rule-circumstance-excuse = Circostanze esterne (maltempo, volumi eccezionali, "motivi tecnici", forza maggiore) vengono presentate come scusante.
    .suggestion = Spieghi la causa in una frase, poi dica cosa avreste dovuto fare e cosa fate ora: "Il maltempo ha bloccato le consegne, ma avremmo dovuto avvisarla subito."
rule-intent-excuse = Le buone intenzioni ("non era nostra intenzione", "in buona fede") vengono usate come difesa.
    .suggestion = Parli dell'effetto, non dell'intenzione: "Il nostro messaggio l'ha offesa e ce ne scusiamo."
rule-unrealistic-eta = Un tempo di risoluzione breve e preciso ("entro 20 minuti", "entro stasera") che l'azienda non può garantire.
    .suggestion = Prometta l'orario del prossimo aggiornamento, non quello della soluzione: "Le scriviamo entro le 18 con lo stato dell'intervento."
rule-absolute-promise = Una garanzia assoluta ("non succederà mai più", "garantiamo che non…") difficile da mantenere.
    .suggestion = Descriva il passo concreto che avete fatto per prevenire il problema: "Abbiamo aggiunto un controllo che blocca gli addebiti doppi."
rule-thanks-instead-of-apology = Il ringraziamento per la pazienza o la comprensione prende il posto delle scuse.
    .suggestion = Per un disservizio vero si scusi prima: "Ci scusiamo per l'attesa di due settimane", poi ringrazi se lo ritiene opportuno.
rule-flippant = Un tono scherzoso ("ops", "ci è scappato", emoji) in una comunicazione di scuse sminuisce il problema.
    .suggestion = Usi un tono sobrio e nomini l'errore: "Abbiamo spedito per errore il colore sbagliato."
rule-dismissive-closure = La risposta chiude l'argomento al posto del cliente ("consideriamo chiusa la questione", "si calmi").
    .suggestion = Lasci aperta la conversazione: "Se qualcosa non la convince, mi risponda pure a questa e-mail."
rule-hedged-commitment = L'impegno è incerto ("cercheremo di", "dovrebbe tornare", "al più presto").
    .suggestion = Dica cosa farete e quando: "Il tecnico interviene domani tra le 9 e le 11; le scriviamo appena ha finito."
rule-vague-offense = Le scuse non dicono per cosa ("per l'accaduto", "per il disagio"): l'errore non viene nominato.
    .suggestion = Nomini l'errore: "Ci scusiamo per averle addebitato due volte l'ordine del 3 marzo."
rule-self-focus = Al centro ci sono i sentimenti dell'azienda o di chi scrive, non quelli del cliente.
    .suggestion = Sposti l'attenzione sul cliente: "Capiamo quanto sia stato frustrante per lei."
rule-bolstering = Autoelogio dentro le scuse ("il cliente è al primo posto", "la nostra risaputa serietà"): sposta l'attenzione dal danno all'immagine.
    .suggestion = Tolga l'autoelogio e lo sostituisca con un'azione concreta: "Abbiamo rivisto la procedura di controllo degli ordini."
rule-over-apologizing = Troppe scuse nello stesso messaggio: perdono peso e suonano di circostanza.
    .suggestion = Si scusi una volta, in modo chiaro e specifico, e usi il resto del messaggio per la soluzione.
rule-buried-apology = Le scuse arrivano solo dopo un lungo preambolo burocratico o tecnico.
    .suggestion = Apra con le scuse e con l'errore: "Gentile signora Rossi, ci scusiamo per il ritardo nel rimborso."
rule-no-apology = Il messaggio parla di un errore o di un disservizio ma non contiene scuse.
    .suggestion = Aggiunga scuse esplicite per l'errore: "Ci scusiamo per il doppio addebito."

## Parti di scuse sincere.

part-acknowledge = riconoscere l'errore
part-apologize = scusarsi
part-take-responsibility = assumersi la responsabilità
part-empathize = mostrare empatia
part-explain = spiegare
part-fix = rimediare
part-prevent = prevenire
part-compensate = risarcire
part-follow-up = seguire il cliente

## Riga di comando.

cli-language = lingua
cli-language-given = indicata
cli-language-detected = rilevata
cli-language-unknown = sconosciuta
cli-parts-present = parti presenti
cli-parts-missing = parti mancanti
cli-parts-none = nessuna
cli-score = punteggio
cli-errors = { $count ->
    [one] { $count } errore
   *[other] { $count } errori
}
cli-warnings = { $count ->
    [one] { $count } avviso
   *[other] { $count } avvisi
}
cli-hints = { $count ->
    [one] { $count } suggerimento
   *[other] { $count } suggerimenti
}
cli-pattern = pattern
cli-part-model = modello delle parti, probabilità
cli-suggestion = suggerimento

## Note per chi scrive (non entrano nel testo per il cliente) e testi della CLI.
## Registro: Lei, forme di cortesia in minuscolo, come nel resto di messages.ftl.

note-legal-review = L'incidente è grave: prima di inviare la risposta, la faccia rivedere dall'ufficio legale.
note-over-compensation = Per un incidente lieve il risarcimento sembra alto: offra un gesto proporzionato al danno.
note-language-mismatch = Il campo `{ $field }` dell'incidente sembra scritto in un'altra lingua ({ $detected }), non in quella della risposta.
cli-note = nota
cli-part-lost = parte persa nella traduzione
cli-language-mismatch = la risposta è in { $found }, non nella lingua del cliente ({ $expected })
