## Apology templates (Tagalog / Taglish). Conventions: src/generate.rs (each part is a
## family `<part>-N`; selectors $register, $channel, $severity, $named, $signed, $hours).
##
## Registers. formal = the usual PH support voice: `po` on most clauses (second-position
## enclitic: `Humihingi po kami…`, `Nabasa ko po…`), kayo/ninyo/inyo/inyong for the
## customer. informal = ikaw/ka/mo/iyo/sa'yo, no `po`, a little more Taglish. The two
## sets are never mixed in one message, and `sila` is never used for the customer.
## The company speaks as `kami/namin` (exclusive), the writer as `ako/ko`.
## Email is mostly Tagalog; chat and social use the everyday Taglish of PH support.
##
## Form of the incident fields (they are inserted into these sentences; write them in
## Tagalog, lower-case first letter, no final full stop, and with NO 2nd-person pronoun
## — no kayo/ninyo/inyong/ka/mo/iyong — because the same text serves both registers):
##   mistake      a clause in the 1st person plural, with `namin/kami` as the doer, past
##                aspect: `na-charge namin nang dalawang beses ang bayad para sa order #4471`,
##                `mali ang naipadala naming size ng damit sa order #1189`. Never agentless
##                (`na-delay ang order`): that is passive evasion.
##   impact       a noun phrase for what it cost the customer, read after `ang`:
##                `tatlong araw na gipit sa pera`, `dalawang araw na walang internet…`.
##   cause        a noun phrase for our own slip, read after `ay` / `dahil sa`:
##                `isang bug sa aming payment system na nag-ulit ng singil`. Never a courier,
##                the weather or "high volume" as the cause.
##   fix          a clause in the 1st person plural, completed aspect:
##                `na-refund na namin kaninang umaga ang pangalawang singil`.
##   prevention   a clause in the 1st person plural, past or progressive:
##                `nagdagdag kami ng tseke na humaharang sa dobleng singil`.
##   compensation a noun phrase read after `ng` / `ang`: `libreng delivery sa susunod na pagbili`,
##                `isang buwang libreng internet sa susunod na bill`.
##   contact      an address or number: `tulong@sulitmart.ph`, `0917 555 0143 (Viber)`.
##   customer     the full name as the customer writes it; `$first_name` is used in chat.
##
## Rules of thumb followed here: one apology anchor in the `apologize` family and at most
## one more (`bilang paumanhin` in `compensate`), never `kung … man`, `pero`, `anumang
## abala`, `sa nangyari`, `hindi na mauulit`, `sa lalong madaling panahon`, `salamat sa
## inyong pasensya`. Tagalog nouns do not change with number, so the plural variants of
## `$follow_up_hours` only pick the numeral: `isang oras`, `24 oras`.

## Greeting. Email keeps the full name (the customer's own spelling); chat may use the
## first name in the informal register.

greeting-1 = { $named ->
    [yes] { $register ->
        [formal] { $channel ->
            [chat] Magandang araw po, { $customer }!
           *[other] Magandang araw po, { $customer },
        }
       *[informal] { $channel ->
            [chat] Hi { $first_name }!
           *[other] Hi { $customer },
        }
    }
   *[no] { $register ->
        [formal] { $channel ->
            [chat] Magandang araw po!
           *[other] Magandang araw po,
        }
       *[informal] { $channel ->
            [chat] Hi!
           *[other] Hi,
        }
    }
 }
greeting-2 = { $named ->
    [yes] { $register ->
        [formal] { $channel ->
            [chat] Hello po, { $customer }.
           *[other] Mahal na { $customer },
        }
       *[informal] { $channel ->
            [chat] Hello, { $first_name }!
           *[other] Hello { $customer },
        }
    }
   *[no] { $register ->
        [formal] { $channel ->
            [chat] Hello po.
           *[other] Mahal naming customer,
        }
       *[informal] { $channel ->
            [chat] Hello!
           *[other] Hello,
        }
    }
 }
greeting-3 = { $named ->
    [yes] { $register ->
        [formal] { $channel ->
            [chat] Hi po, { $customer }!
           *[other] Magandang araw sa inyo, { $customer },
        }
       *[informal] { $channel ->
            [chat] Hi, { $first_name }.
           *[other] Magandang araw, { $customer }!
        }
    }
   *[no] { $register ->
        [formal] { $channel ->
            [chat] Hi po!
           *[other] Magandang araw sa inyo,
        }
       *[informal] Magandang araw!
    }
 }

## Acknowledge: name the mistake, as a fact and with us as the doer.

acknowledge-1 = { $register ->
    [formal] { $channel ->
        [chat] Tama po kayo: { $mistake }.
       *[other] Nabasa ko po ang inyong mensahe, at tama po kayo: { $mistake }.
    }
   *[informal] { $channel ->
        [chat] Tama ka: { $mistake }.
       *[other] Nabasa ko ang message mo, at tama ka: { $mistake }.
    }
 }
acknowledge-2 = { $register ->
    [formal] { $channel ->
        [chat] Na-check ko na po: { $mistake }.
       *[other] Inalam ko po agad ang nangyari, at malinaw ang nakita ko: { $mistake }.
    }
   *[informal] { $channel ->
        [chat] Na-check ko na: { $mistake }.
       *[other] Chineck ko agad, at ito ang nangyari: { $mistake }.
    }
 }
acknowledge-3 = { $register ->
    [formal] Alam po naming hindi dapat nangyari ito: { $mistake }.
   *[informal] Alam naming hindi dapat nangyari 'to: { $mistake }.
 }

## Apologize: one anchor, naming what we apologize for; graver when severe, lighter when minor.

apologize-1 = { $severity ->
    [severe] { $register ->
        [formal] Taos-puso po kaming humihingi ng paumanhin.
       *[informal] Taos-puso kaming humihingi ng paumanhin sa'yo.
    }
    [minor] { $register ->
        [formal] Pasensya na po talaga.
       *[informal] Sorry talaga diyan.
    }
   *[other] { $register ->
        [formal] Humihingi po kami ng paumanhin sa pagkakamaling ito.
       *[informal] Sorry talaga sa pagkakamaling 'to.
    }
 }
apologize-2 = { $severity ->
    [severe] { $register ->
        [formal] Humihingi po ako ng taos-pusong paumanhin sa inyo.
       *[informal] Humihingi ako ng taos-pusong paumanhin sa'yo.
    }
    [minor] { $register ->
        [formal] Pasensya na po rito.
       *[informal] Pasensya na, ha.
    }
   *[other] { $register ->
        [formal] Lubos po akong humihingi ng paumanhin.
       *[informal] Pasensya ka na talaga.
    }
 }
apologize-3 = { $severity ->
    [minor] { $register ->
        [formal] Sorry po sa sablay namin.
       *[informal] Sorry sa sablay namin.
    }
   *[other] { $register ->
        [formal] Pasensya na po talaga sa perwisyong idinulot namin.
       *[informal] Sobrang sorry sa perwisyong dinulot namin.
    }
 }

## Take responsibility: ours, plainly, with no one else to blame.

responsibility-1 = { $severity ->
    [minor] { $register ->
        [formal] Pagkakamali po namin ito.
       *[informal] Pagkakamali namin 'yon.
    }
   *[other] { $register ->
        [formal] Pagkakamali po namin ito, at kami ang mag-aayos nito.
       *[informal] Pagkakamali namin 'to, at kami ang mag-aayos nito.
    }
 }
responsibility-2 = { $register ->
    [formal] Inaako po namin ang buong pananagutan dito.
   *[informal] Kami ang nagkamali dito, wala nang iba.
 }
responsibility-3 = { $register ->
    [formal] Kami po ang nagkamali, at wala po kaming maidadahilan.
   *[informal] Kasalanan namin 'to, at wala kaming maidadahilan.
 }

## Severe only: one sentence that shows we are treating it as serious.

severe-1 = { $register ->
    [formal] Alam ko pong mabigat ito para sa inyo, kaya ako mismo ang tututok dito hanggang matapos.
   *[informal] Alam kong mabigat 'to para sa'yo, kaya ako mismo ang tututok dito hanggang matapos.
 }
severe-2 = { $register ->
    [formal] Hindi po ito dapat nangyari, at iniulat ko na ito sa aming pamunuan para masuri nang buo.
   *[informal] Hindi dapat nangyari 'to, at iniulat ko na ito sa management namin para masuri nang buo.
 }
severe-3 = { $register ->
    [formal] Hindi po namin ito binabalewala: personal na sinusuri ng aming pamunuan ang buong pangyayari.
   *[informal] Hindi namin 'to binabalewala — personal na sinusuri ng management namin ang buong pangyayari.
 }

## Empathize (email, when the impact is known): the cost to the customer, in their terms.

empathize-1 = { $register ->
    [formal] Hindi po biro ang { $impact }, at naiintindihan ko kung gaano ito nakakabahala.
   *[informal] Hindi biro ang { $impact }, at gets ko kung gaano 'yon nakaka-stress.
 }
empathize-2 = { $register ->
    [formal] Naiintindihan ko po kung gaano kabigat ang { $impact }.
   *[informal] Ramdam ko kung gaano kabigat ang { $impact }.
 }
empathize-3 = { $register ->
    [formal] Nauunawaan ko po ang inyong pagkadismaya — hindi maliit na bagay ang { $impact }.
   *[informal] Naiintindihan ko ang inis mo — hindi maliit na bagay ang { $impact }.
 }

## Explain (when the cause is known): one short sentence, our own slip.

explain-1 = { $register ->
    [formal] Ang dahilan po nito ay { $cause }.
   *[informal] Ang pinagmulan nito ay { $cause }.
 }
explain-2 = { $register ->
    [formal] Nangyari po ito dahil sa { $cause }.
   *[informal] Nangyari ito dahil sa { $cause }.
 }
explain-3 = { $register ->
    [formal] Sinuri po namin ito, at ang naging sanhi ay { $cause }.
   *[informal] Inalam namin ang nangyari: ang naging sanhi ay { $cause }.
 }

## Fix: what has already been done.

fix-1 = { $register ->
    [formal] Inayos na po namin ito: { $fix }.
   *[informal] Inayos na namin 'to: { $fix }.
 }
fix-2 = { $register ->
    [formal] Para maitama ang pagkakamali, { $fix }.
   *[informal] Para maitama 'yon, { $fix }.
 }
fix-3 = { $register ->
    [formal] Hindi na po namin ito pinatagal: { $fix }.
   *[informal] Inasikaso na namin agad: { $fix }.
 }

## Prevent: what changes so it does not happen again (a purpose clause, never a guarantee).

prevent-1 = { $register ->
    [formal] Para hindi na po ito maulit, { $prevention }.
   *[informal] Para 'di na maulit, { $prevention }.
 }
prevent-2 = { $register ->
    [formal] Upang maiwasan ang ganitong pagkakamali, { $prevention }.
   *[informal] Para maiwasan ang ganitong pagkakamali, { $prevention }.
 }
prevent-3 = { $register ->
    [formal] Binago na po namin ang aming proseso: { $prevention }.
   *[informal] Binago na namin ang proseso namin: { $prevention }.
 }

## Compensate (when given): a proportionate gesture, offered, not bargained.

compensate-1 = { $register ->
    [formal] Bilang paumanhin, nais po naming ibigay sa inyo ang { $compensation }.
   *[informal] Bilang paumanhin, ibibigay namin sa'yo ang { $compensation }.
 }
compensate-2 = { $register ->
    [formal] Tanggapin po sana ninyo ang { $compensation } bilang paumanhin.
   *[informal] Sana tanggapin mo ang { $compensation } bilang paumanhin namin.
 }
compensate-3 = { $register ->
    [formal] Para po makabawi, bibigyan namin kayo ng { $compensation }.
   *[informal] Para makabawi, bibigyan ka namin ng { $compensation } bilang paumanhin.
 }

## Follow-up: when the customer hears from us again, or how to reach us back.

follow-up-1 = { $hours ->
    [yes] { $register ->
        [formal] Babalitaan ko po kayo ulit sa loob ng { $follow_up_hours ->
            [1] isang oras
            [one] { $follow_up_hours } oras
           *[other] { $follow_up_hours } oras
        } para matiyak na ayos na ang lahat.
       *[informal] Ia-update kita ulit sa loob ng { $follow_up_hours ->
            [1] isang oras
            [one] { $follow_up_hours } oras
           *[other] { $follow_up_hours } oras
        } para matiyak na ayos na ang lahat.
    }
   *[no] { $register ->
        [formal] { $channel ->
            [chat] Kung may tanong pa po kayo, mag-message lang po kayo rito.
           *[other] Kung may tanong pa po kayo, i-reply lang po ang email na ito at ako mismo ang tutulong sa inyo.
        }
       *[informal] { $channel ->
            [chat] Nandito lang ako kung may kailangan ka pa.
           *[other] Kung may tanong ka pa, i-reply mo lang ang email na 'to — nandito lang ako.
        }
    }
 }
follow-up-2 = { $hours ->
    [yes] { $register ->
        [formal] Makakatanggap po kayo ng update mula sa akin sa loob ng { $follow_up_hours ->
            [1] isang oras
            [one] { $follow_up_hours } oras
           *[other] { $follow_up_hours } oras
        }.
       *[informal] Makakatanggap ka ng update mula sa akin sa loob ng { $follow_up_hours ->
            [1] isang oras
            [one] { $follow_up_hours } oras
           *[other] { $follow_up_hours } oras
        }.
    }
   *[no] { $register ->
        [formal] Nandito lang po kami kung may iba pa kayong kailangan.
       *[informal] Nandito lang kami kung may kailangan ka pa.
    }
 }
follow-up-3 = { $hours ->
    [yes] { $register ->
        [formal] { $channel ->
            [chat] Babalikan ko po kayo rito sa loob ng { $follow_up_hours ->
            [1] isang oras
            [one] { $follow_up_hours } oras
           *[other] { $follow_up_hours } oras
        } para sa update.
           *[other] Babalikan ko po kayo sa loob ng { $follow_up_hours ->
            [1] isang oras
            [one] { $follow_up_hours } oras
           *[other] { $follow_up_hours } oras
        } para kumpirmahing tapos na ang lahat.
        }
       *[informal] Magpapadala ako ng update sa loob ng { $follow_up_hours ->
            [1] isang oras
            [one] { $follow_up_hours } oras
           *[other] { $follow_up_hours } oras
        }.
    }
   *[no] { $register ->
        [formal] { $channel ->
            [chat] Huwag po kayong mag-atubiling mag-message rito kung may kailangan pa kayo.
           *[other] Huwag po kayong mag-atubiling sumagot sa email na ito kung may kailangan pa kayo.
        }
       *[informal] Huwag kang mag-atubiling mag-message kung may kailangan ka pa.
    }
 }

## Contact (when given).

contact-1 = { $register ->
    [formal] Maaari rin po ninyo kaming kontakin nang direkta sa { $contact }.
   *[informal] Puwede mo rin kaming i-message diretso sa { $contact }.
 }
contact-2 = { $register ->
    [formal] Kung mas komportable po kayo, maaari rin kayong makipag-ugnayan sa amin sa { $contact }.
   *[informal] Kung mas gusto mo, puwede mo rin kaming kontakin sa { $contact }.
 }

## Closing, with the signature (email); chat signs off with the agent's name or not at all.

closing-1 = { $channel ->
    [chat] { $signed ->
        [yes] — { $agent }
       *[no] { "" }
    }
   *[other] { $register ->
        [formal] Lubos na gumagalang,
       *[informal] Ingat palagi,
    }
    { $signed ->
        [yes] { $agent }, { $company }
       *[no] Customer Care ng { $company }
    }
 }
closing-2 = { $channel ->
    [chat] { $signed ->
        [yes] { $register ->
            [formal] Ingat po kayo! — { $agent }, { $company }
           *[informal] Ingat! — { $agent }, { $company }
        }
       *[no] { "" }
    }
   *[other] { $register ->
        [formal] Sumasainyo,
       *[informal] Hanggang sa muli,
    }
    { $signed ->
        [yes] { $agent }
              { $company }
       *[no] Ang team ng { $company }
    }
 }

## Social: one public reply (at most 280 characters with the company name): no name,
## no order details, no amounts; apologize, own it, say it is fixed, invite a private message.

social-1 = { $register ->
    [formal] { $severity ->
        [severe] Taos-puso po kaming humihingi ng paumanhin.
       *[other] Humihingi po kami ng paumanhin.
    } Pagkakamali po namin ito. Naayos na po namin ang problema, at binago namin ang aming proseso para hindi na ito maulit. Paki-message po kami nang pribado para matulungan namin kayo. — { $company }
   *[informal] { $severity ->
        [severe] Buong-puso kaming humihingi ng paumanhin.
       *[other] Sorry talaga.
    } Pagkakamali namin 'to, at walang ibang dapat sisihin. Naayos na namin, at binago na rin namin ang proseso para 'di na maulit. I-DM mo kami para maayos namin 'to para sa'yo. — { $company }
 }
social-2 = { $register ->
    [formal] Paumanhin po — kami ang nagkamali, at inaako namin ito. Naitama na po namin ang problema, at nagdagdag kami ng mga hakbang para hindi na ito maulit. Mag-message po kayo sa amin nang pribado para personal namin kayong matulungan. — { $company }
   *[informal] Kami ang nagkamali dito, at humihingi kami ng paumanhin. Naayos na namin, at may dagdag na kaming check para 'di na maulit. I-DM mo kami para personal ka naming matulungan! — { $company }
 }
social-3 = { $register ->
    [formal] Pasensya na po sa perwisyong dulot namin. Kasalanan po namin ito; inaayos na namin ang problema at binabago ang aming proseso para hindi na ito maulit. Mag-message po kayo sa amin nang pribado para maasikaso namin kayo. — { $company }
   *[informal] Pasensya ka na sa perwisyong idinulot namin — kasalanan namin ito. Inaayos na namin ang problema, at binabago na rin ang aming proseso para hindi na ito maulit. Mag-message ka sa amin para matulungan ka namin agad. — { $company }
 }
