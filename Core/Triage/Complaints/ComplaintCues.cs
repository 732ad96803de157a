namespace CmBot.Core.Triage.Complaints;

/// <summary>
/// Built-in cue phrases (folded at load; '*' is a prefix wildcard). Problem cues say something went wrong with
/// a product, an order, an account or a service; remedy cues ask for it to be put right. Written for CmBot from
/// the vocabulary of customer-care posts (reviewed against the training split, never the dev split).
/// </summary>
public static class ComplaintCues
{
    public static readonly IReadOnlyList<string> Problems =
    [
        // English: things that do not work.
        "not working", "doesn t work", "does not work", "didn t work", "did not work", "won t work", "isn t working", "stopped working",
        "not work", "no longer works", "won t turn on", "won t start", "won t load", "won t let me", "doesn t let me", "keeps crashing",
        "broken", "broke", "crash*", "freez*", "defective", "faulty", "damaged", "leak*", "malfunction*", "glitch*", "bug", "bugged", "buggy",
        "error", "errors", "failed", "fails", "failing", "declined", "rejected", "blocked", "locked out", "stuck", 
        "can t log in", "cannot log in", "can t login", "can t access", "cannot access", "unable to", "can t get", "cannot get", "can t use",
        // English: orders, money, delivery.
        "never arrived", "hasn t arrived", "has not arrived", "didn t arrive", "did not arrive", "not arrived", "never received",
        "haven t received", "have not received", "didn t receive", "did not receive", "not received", "still haven t", "still not",
        "still waiting", "still no", "been waiting", "waiting for", "missing", "lost my", "charged twice",
        "double charged", "charged me", "overcharged", "extra charge", "unauthorized", "unauthorised", "don t recognise", "don t recognize",
        "not recognised", "not recognized", "didn t make", "never made", "not showing", "isn t showing", "not show up", "hasn t gone through",
        "not gone through", "disappeared", "reverted", "pending", "cancelled my", "canceled my", "delayed", "delay", "outage", "down again",
        
        "no response", "no reply", "nobody", "ignored", 
        // French: ce qui ne marche pas.
        "twice", "two times", "duplicate", "doubled", "don t see", "dont see", "do not see", "can t see", "not in my account", "not reflected",
        "isn t reflected", "does not reflect", "doesn t reflect", "hasn t shown up", "not shown up", "isn t showing up", "not gone thru",
        "didn t make", "did not make", "didnt make", "didn t do", "did not do", "haven t done", "don t remember making", "dont recognize",
        "dont recognise", "isnt working", "wasn t working", "wouldn t", "doesnt work", "didnt arrive", "didnt receive", "havent received",
        "hasnt arrived", "cant log in", "isnt showing", "could not get", "couldn t get", "didn t get", "didn t give", "less than", "less cash",
        "less money", "extra fee", "charge me extra", "charged me extra", "stole", "stolen", "hacked", "fraudulent", "was canceled",
        "was cancelled", "still don t", "still dont", "hasn t gone", "hasn t changed", "wrong amount", "wrong item", "wrong order", "wrong size",
        "took my money", "taken my money", "no refund", "get a refund", "getting a refund", "keeps rejecting", "unusual",
        "not seeing", "not yet", "never submitted", "never authorised", "never authorized", "didn t set up", "did not set up", "not familiar",
        "only gave", "fishy", "suspicious", "not on there", "still hasn t", "never got", "never came", "did not authorize",
        "ne marche pas", "marche pas", "marche plus", "ne fonctionne pas", "fonctionne pas", "fonctionne plus", "en panne", "panne",
        "plante", "bug*", "beug*", "casse", "cassee", "casses", "brise*", "fuit", "fuite", "defectueu*", "abime*", "endommag*", "erreur",
        "bloque*", "impossible de", "impossible d", "n arrive pas", "arrive pas", "n arrive plus", "refuse*", "echec", "echoue", 
        // French: commandes, argent, livraison.
        "jamais recu", "jamais recue", "pas recu", "pas recue", "toujours pas", "toujours rien", "tjrs pas", "tjs pas", "tjrs rien", "toujours en attente", "j attends", "j attend",
        "attends depuis", "depuis des semaines", "depuis des jours", "perdu", "perdue", "manquant*", "debite* deux fois",
        "preleve* deux fois", "deux fois", "facture* en trop", "trop facture", "retard", "en retard", "annule*", "arnaque*", "escroc*",
        
        "aucune reponse", "sans reponse", "personne ne", "zero reponse", "0 reponse", "ne repond*", "repond pas", "repond plus", "injoignable",
        "inutilisable", "hors service", "pas livre", "pas livree", "jamais livre", "jamais livree", "pas ete livre*", "s allume plus",
        "s allume pas", "ne charge plus", "charge plus", "plus de reseau", "pas de reseau", "coupe depuis", "coupure", 
    ];

    /// <summary>Weak problem cues: a bad experience or a vague trouble, which needs another cue to make a complaint.</summary>
    public static readonly IReadOnlyList<string> WeakProblems =
    [
        "scam", "scammed", "fraud", "rip off", "ripped off", "terrible service", "worst", "awful", "horrible", "unacceptable", "ridiculous",
        "disappointed", "disappointing", "fed up", "sick of", "issue", "issues", "problem", "problems", "wrong", "incorrect", "late", "odd",
        "strange", "fee", "fees", "charge", "charged", "frozen",
        "inadmissible", "inacceptable", "honteux", "honte", "scandale*", "lamentable", "nul", "nulle", "pire", "decu", "decue", "decevant",
        "marre", "probleme", "problemes", "souci", "soucis", "incident", "mauvais", "mauvaise", "frais", "vol", "rate", "ratee",
        "rame", "rament", "voleur*", "foutage", "ras le bol", "lent", "lente", "galere", "pourri", "pourrie", "nul a chier",
    ];

    public static readonly IReadOnlyList<string> Remedies =
    [
        "please", "pls", "plz", "help", "fix", "fixed", "sort it", "sort this", "refund*", "money back", "replace*", "replacement", "compensat*",
        "reimburse*", "asap", "urgent*", "why", "what s going on", "what is going on", "how do i", "how can i", "can you", "could you",
        "customer service", "support", "contact*", "respond", "answer", "explain",
        "svp", "s il vous plait", "s il te plait", "merci de", "aidez", "aide", "aider", "rembours*", "remplace*", "dedommag*", "geste commercial",
        "reparer", "reparez", "regler", "reglez", "j exige", "je veux", "je demande", "pourquoi", "comment", "service client", "sav",
        "repondez", "repondre", "contacte*", "urgent*", "au plus vite",
    ];
}
