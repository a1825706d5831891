## Modelli di scuse (italiano). Convenzioni in src/generate.rs: ogni parte è una famiglia
## `<parte>-N` di formulazioni; le variabili sono i campi dell'incidente; i selettori sono
## $register (formal = Lei | informal = tu), $channel (email | chat | social),
## $severity (minor | moderate | severe), $named / $signed / $hours (yes | no).
## Registro formale: Lei, con le forme di cortesia maiuscole (La, Le, Lei, Sua) come nelle
## lettere commerciali. Nessun participio riferito al cliente (il genere non è noto).
## Ogni messaggio usa solo le variabili che usa il messaggio di riferimento inglese con lo
## stesso id (controllo `variable-parity` di `meaculpa check`): per questo molte frasi
## sono neutre rispetto al registro (prima persona plurale, "noi").
##
## Forma dei campi dell'incidente (vengono inseriti così come sono, senza la maiuscola
## iniziale e senza il punto finale; non devono contenere "Lei/La/Le/Sua" né "tu/ti/tuo",
## perché la stessa frase serve a entrambi i registri):
##   mistake      frase al passato prossimo, 1ª persona plurale, che nomina l'errore in
##                concreto: "abbiamo addebitato due volte l'importo dell'ordine n. 4471"
##                (entra dopo "Ci rendiamo conto che …" e dopo i due punti).
##   impact       frase all'indicativo con un proprio soggetto (non il cliente), che dice
##                che cosa ha comportato: "per cinque giorni quasi 90 euro sono rimasti
##                bloccati sul conto" (entra dopo "Sappiamo che …" e dopo i due punti).
##   cause        sintagma nominale con articolo indeterminato (un/uno/una), meglio se in
##                prima persona: "un aggiornamento che abbiamo installato senza testarlo"
##                (entra dopo "La causa è stata …" e "Il problema è nato da …").
##   fix          frase al passato prossimo, 1ª persona plurale, con il rimedio già fatto:
##                "abbiamo stornato il secondo addebito" (entra dopo i due punti o la virgola).
##   prevention   frase al passato prossimo, 1ª persona plurale, con il passo concreto:
##                "abbiamo introdotto un controllo che blocca i pagamenti doppi"
##                (entra dopo "Per evitare che si ripeta, …"); niente "mai più".
##   compensation sintagma nominale con articolo indeterminato: "un buono sconto di 15 euro
##                sul prossimo ordine" (entra dopo "aggiungiamo …" / "Le offriamo anche …").
##   contact      un indirizzo e-mail o un numero di telefono, da solo.
##   agent        nome e cognome di chi firma; customer: nome e cognome del cliente.

## Saluto. In chat il saluto condivide la riga con il messaggio: per questo termina con una
## frase completa, e il testo che segue può cominciare con la maiuscola.

greeting-1 = { $named ->
    [yes] { $register ->
        [formal] { $channel ->
            [chat] Buongiorno { $customer }, grazie per averci scritto.
           *[other] Gentile { $customer },
        }
       *[informal] { $channel ->
            [chat] Ciao { $first_name }, grazie per averci scritto.
           *[other] Ciao { $customer },
        }
    }
   *[no] { $register ->
        [formal] { $channel ->
            [chat] Buongiorno, grazie per averci scritto.
           *[other] Buongiorno,
        }
       *[informal] { $channel ->
            [chat] Ciao, grazie per averci scritto.
           *[other] Ciao,
        }
    }
 }
greeting-2 = { $named ->
    [yes] { $register ->
        [formal] { $channel ->
            [chat] Gentile { $customer }, grazie per la segnalazione.
           *[other] Buongiorno { $customer },
        }
       *[informal] { $channel ->
            [chat] Ciao { $first_name }, grazie per avercelo segnalato.
           *[other] Buongiorno { $customer },
        }
    }
   *[no] { $register ->
        [formal] { $channel ->
            [chat] Buongiorno, grazie per la segnalazione.
           *[other] Buongiorno,
        }
       *[informal] { $channel ->
            [chat] Ciao, grazie per avercelo segnalato.
           *[other] Ciao,
        }
    }
 }

## Riconoscere l'errore: ogni formulazione contiene già un segnale che il pacchetto riconosce
## ("ci rendiamo conto che", "ha ragione", "siamo consapevoli di").

acknowledge-1 = Ci rendiamo conto che { $mistake }.
acknowledge-2 = { $register ->
    [formal] Ha perfettamente ragione: { $mistake }.
   *[informal] Hai perfettamente ragione: { $mistake }.
 }
acknowledge-3 = Siamo consapevoli di quanto è successo: { $mistake }.

## Scusarsi: una sola formula di scuse per messaggio, più lieve per un incidente minore e più
## grave per uno serio.

apologize-1 = { $severity ->
    [severe] { $register ->
        [formal] Le porgiamo le nostre più sincere scuse.
       *[informal] Ti chiediamo scusa, di cuore.
    }
    [minor] { $register ->
        [formal] Ce ne scusiamo.
       *[informal] Scusaci!
    }
   *[other] { $register ->
        [formal] Le chiediamo sinceramente scusa.
       *[informal] Ti chiediamo davvero scusa.
    }
 }
apologize-2 = { $register ->
    [formal] La preghiamo di accettare le nostre scuse.
   *[informal] Ci dispiace davvero tanto.
 }
apologize-3 = { $severity ->
    [severe] { $register ->
        [formal] Siamo profondamente dispiaciuti per questo errore.
       *[informal] Ci dispiace moltissimo, davvero.
    }
    [minor] { $register ->
        [formal] Ci scusiamo per l'errore.
       *[informal] Scusaci per l'errore.
    }
   *[other] { $register ->
        [formal] Siamo davvero spiacenti per questo errore.
       *[informal] Ci dispiace tantissimo.
    }
 }

## Assumersi la responsabilità.

responsibility-1 = È stato un errore nostro, e lo riconosciamo senza riserve.
responsibility-2 = { $register ->
    [formal] La responsabilità è interamente nostra, non Sua.
   *[informal] È colpa nostra, non tua.
 }
responsibility-3 = { $register ->
    [formal] Abbiamo sbagliato noi, e ce ne assumiamo tutta la responsabilità.
   *[informal] Abbiamo sbagliato noi, e non cerchiamo scuse.
 }

## Incidente grave: una frase in più che mostra che lo prendiamo sul serio (senza autoelogi).

severe-1 = Quello che è successo è grave, e lo stiamo trattando come tale.
severe-2 = Un errore del genere non sarebbe dovuto accadere: stiamo ricostruendo passo per passo come sia stato possibile.

## Empatia (solo nell'e-mail, quando l'incidente indica l'impatto).

empathize-1 = Sappiamo che { $impact }, e capiamo quanto sia stato pesante.
empathize-2 = { $register ->
    [formal] Immaginiamo quanto sia stato frustrante per Lei: { $impact }.
   *[informal] Immaginiamo quanto sia stato frustrante per te: { $impact }.
 }

## Spiegare la causa, in una frase.

explain-1 = La causa è stata { $cause }.
explain-2 = Il problema è nato da { $cause }.

## Rimediare.

fix-1 = Ecco che cosa abbiamo fatto per rimediare: { $fix }.
fix-2 = Per rimediare, { $fix }.
fix-3 = Ci siamo già attivati: { $fix }.

## Prevenire: il passo concreto, senza promesse assolute.

prevent-1 = Per evitare che si ripeta, { $prevention }.
prevent-2 = Perché lo stesso errore non si ripeta, { $prevention }.

## Risarcire, in proporzione.

compensate-1 = Come gesto di scuse, aggiungiamo { $compensation }.
compensate-2 = { $register ->
    [formal] Per farci perdonare, Le offriamo anche { $compensation }.
   *[informal] Per farci perdonare, ti offriamo anche { $compensation }.
 }

## Seguito: quando ci risentiamo, oppure come continuare la conversazione.

follow-up-1 = { $hours ->
    [yes] { $channel ->
        [chat] { $follow_up_hours ->
            [one] Entro un'ora invieremo un aggiornamento in questa chat.
           *[other] Entro { $follow_up_hours } ore invieremo un aggiornamento in questa chat.
        }
       *[other] { $follow_up_hours ->
            [one] Entro un'ora invieremo un aggiornamento per confermare che è tutto a posto.
           *[other] Entro { $follow_up_hours } ore invieremo un aggiornamento per confermare che è tutto a posto.
        }
    }
   *[no] { $channel ->
        [chat] Per qualsiasi altra domanda, siamo qui in chat.
       *[other] Se qualcosa non torna, basta rispondere a questa e-mail: restiamo a disposizione.
    }
 }
follow-up-2 = { $hours ->
    [yes] { $register ->
        [formal] { $follow_up_hours ->
            [one] La ricontatteremo entro un'ora con un aggiornamento.
           *[other] La ricontatteremo entro { $follow_up_hours } ore con un aggiornamento.
        }
       *[informal] { $follow_up_hours ->
            [one] Ti ricontatteremo entro un'ora con un aggiornamento.
           *[other] Ti ricontatteremo entro { $follow_up_hours } ore con un aggiornamento.
        }
    }
   *[no] { $register ->
        [formal] Se ha altre domande, ci scriva pure: siamo qui per aiutarLa.
       *[informal] Se hai altre domande, scrivici pure: siamo qui per aiutarti.
    }
 }

## Recapito diretto (solo se l'incidente lo indica): un indirizzo e-mail o un numero.

contact-1 = Il nostro recapito diretto è { $contact }.
contact-2 = È possibile anche contattarci direttamente a questo recapito: { $contact }.

## Chiusura e firma. In chat: solo il nome di chi scrive, o niente.

closing-1 = { $channel ->
    [chat] { $signed ->
        [yes] { $register ->
            [formal] Cordiali saluti, { $agent }
           *[informal] Un saluto, { $agent }
        }
       *[no] { "" }
    }
   *[other] { $register ->
        [formal] Cordiali saluti,
       *[informal] Un caro saluto,
    }
    { $signed ->
        [yes] { $agent }
              Servizio clienti { $company }
       *[no] Il servizio clienti di { $company }
    }
 }
closing-2 = { $channel ->
    [chat] { $signed ->
        [yes] { $register ->
            [formal] { $agent }, servizio clienti { $company }
           *[informal] { $agent } di { $company }
        }
       *[no] { "" }
    }
   *[other] { $register ->
        [formal] Un cordiale saluto,
       *[informal] A presto,
    }
    { $signed ->
        [yes] { $agent }, { $company }
       *[no] Il team di { $company }
    }
 }

## Risposta pubblica (social): una sola risposta completa, al massimo 280 caratteri, senza
## dettagli privati (niente errore specifico, nomi, recapiti o importi).

social-1 = { $register ->
    [formal] Ci scusiamo: l'errore è nostro e ce ne assumiamo la piena responsabilità. Ci siamo già attivati per rimediare e abbiamo cambiato le procedure perché non si ripeta. Ci scriva in privato: seguiremo di persona il Suo caso. – { $company }
   *[informal] Scusaci: l'errore è nostro e ce ne prendiamo tutta la responsabilità. Ci siamo già attivati per rimediare e abbiamo cambiato le procedure perché non si ripeta. Scrivici in privato: seguiremo di persona il tuo caso. – { $company }
 }
social-2 = { $register ->
    [formal] Ha ragione, e Le chiediamo scusa: abbiamo sbagliato noi. Stiamo già rimediando e ci siamo organizzati per evitare che si ripeta. Ci scriva in privato, così possiamo aiutarLa direttamente. – { $company }
   *[informal] Hai ragione, e ti chiediamo scusa: abbiamo sbagliato noi. Stiamo già rimediando e ci siamo organizzati per evitare che si ripeta. Scrivici in DM, così ti aiutiamo direttamente. – { $company }
 }
