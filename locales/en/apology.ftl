## Apology templates (English). Conventions in src/generate.rs: each part is a family
## `<part>-N` of phrasings; variables are the incident fields; selectors are
## $register (formal | informal), $channel (email | chat | social),
## $severity (minor | moderate | severe), $named / $signed / $hours (yes | no).
## Formal is the courteous business register; informal is warm and direct.

greeting-1 = { $named ->
    [yes] { $register ->
        [formal] { $channel ->
            [chat] Hello { $customer },
           *[other] Dear { $customer },
        }
       *[informal] Hi { $first_name },
    }
   *[no] { $register ->
        [formal] Hello,
       *[informal] Hi there,
    }
 }
greeting-2 = { $named ->
    [yes] { $register ->
        [formal] { $channel ->
            [chat] Good day { $customer },
           *[other] Dear { $customer },
        }
       *[informal] Hello { $first_name },
    }
   *[no] { $register ->
        [formal] Good day,
       *[informal] Hello,
    }
 }

acknowledge-1 = I have looked into what happened: { $mistake }.
acknowledge-2 = { $register ->
    [formal] I am writing about our mistake: { $mistake }.
   *[informal] I've looked into it, and you're right: { $mistake }.
 }
acknowledge-3 = We got this wrong: { $mistake }.

apologize-1 = { $severity ->
    [severe] I am deeply sorry.
    [minor] { $register ->
        [formal] I am sorry about that.
       *[informal] Sorry about that.
    }
   *[other] { $register ->
        [formal] I am truly sorry.
       *[informal] I'm really sorry.
    }
 }
apologize-2 = { $register ->
    [formal] Please accept my sincere apologies.
   *[informal] I'm so sorry.
 }
apologize-3 = { $severity ->
    [minor] I'm sorry.
   *[other] { $register ->
        [formal] I apologize sincerely.
       *[informal] I'm genuinely sorry.
    }
 }

responsibility-1 = This was our mistake, and it is ours to fix.
responsibility-2 = { $register ->
    [formal] The responsibility is entirely ours.
   *[informal] That's on us, not on you.
 }
responsibility-3 = { $register ->
    [formal] It was our fault, and we own it.
   *[informal] It was our fault, plain and simple.
 }

severe-1 = I know how serious this is, and we are treating it that way.
severe-2 = This should never have happened, and it has my full attention until it is settled.

empathize-1 = I understand that { $impact }, and I know how stressful that must have been.
empathize-2 = { $register ->
    [formal] I realize that { $impact }, and I can only imagine how frustrating that was.
   *[informal] I get that { $impact }, and that must have been really frustrating.
 }

explain-1 = The cause was { $cause }.
explain-2 = In short, it came down to { $cause }.

fix-1 = Here is what we have done: { $fix }.
fix-2 = To put it right, { $fix }.
fix-3 = We have already acted on it: { $fix }.

prevent-1 = To make sure it does not happen again, { $prevention }.
prevent-2 = So that this does not happen again, { $prevention }.

compensate-1 = To make up for it, we would like to offer you { $compensation }.
compensate-2 = { $register ->
    [formal] We would also like to offer you { $compensation } to make amends.
   *[informal] We'd also like to make it up to you with { $compensation }.
 }

follow-up-1 = { $hours ->
    [yes] I will write to you again within { $follow_up_hours } { $follow_up_hours ->
        [one] hour
       *[other] hours
    } to confirm that everything is settled.
   *[no] { $channel ->
        [chat] If anything else comes up, just write to us here.
       *[other] If anything still looks wrong, just reply to this email and I will look into it personally.
    }
 }
follow-up-2 = { $hours ->
    [yes] You will hear from us again within { $follow_up_hours } { $follow_up_hours ->
        [one] hour
       *[other] hours
    } with an update.
   *[no] { $register ->
        [formal] If you have any questions, please reply to this message and we will be glad to help.
       *[informal] Any questions at all, just reply and we'll help.
    }
 }

contact-1 = You can also reach us directly at { $contact }.
contact-2 = If you prefer, you can write to { $contact }.

closing-1 = { $channel ->
    [chat] { $signed ->
        [yes] — { $agent }
       *[no] { "" }
    }
   *[other] { $register ->
        [formal] Kind regards,
       *[informal] All the best,
    }
    { $signed ->
        [yes] { $agent }, { $company }
       *[no] The { $company } team
    }
 }
closing-2 = { $channel ->
    [chat] { $signed ->
        [yes] — { $agent }, { $company }
       *[no] { "" }
    }
   *[other] { $register ->
        [formal] Sincerely,
       *[informal] Take care,
    }
    { $signed ->
        [yes] { $agent }, { $company }
       *[no] The { $company } team
    }
 }

social-1 = { $register ->
    [formal] We are sorry: we got this wrong, and it is our responsibility. We have already fixed it and are making sure it does not happen again. Please send us a direct message so we can put things right for you. — { $company }
   *[informal] We're so sorry, we got this wrong and that's on us. It's fixed now, and we're making sure it doesn't happen again. Send us a DM so we can make it right for you! — { $company }
 }
social-2 = { $register ->
    [formal] We apologize: this was our mistake, and we take full responsibility. It has been corrected, and we have changed our process so it does not happen again. Please message us privately so we can help you directly. — { $company }
   *[informal] Sorry, this one's on us. We've fixed it and changed how we work so it doesn't happen again. DM us and we'll sort it out with you personally. — { $company }
 }
