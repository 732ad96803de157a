namespace CmBot.Core.Triage.Complaints;

/// <summary>
/// English problem reports built from two short lists instead of spelled out one by one: a denial of ability or
/// function ("can't", "won't", "isn't", "unable to", "not able to", "never", with and without the apostrophe)
/// followed by a verb of a product or service doing its job ("log in", "load", "let me", "receive", "show up"...),
/// as in "it won't let me log in", "I'm not able to find it", "comments aren't appearing", "I did not get the
/// game"; and a repeated failure ("keeps resetting", "keep getting"), or trouble ("having trouble", "technical
/// difficulties"). Folded like the other cues ("can't" is "can t").
/// </summary>
public static class FailureReports
{
    /// <summary>Denials followed by a verb's base form: "can't load", "won't let", "did not get".</summary>
    private static readonly string[] BeforeBase =
    [
        "can t", "cant", "cannot", "can not", "unable to", "not able to", "won t", "wont", "will not", "doesn t", "doesnt",
        "does not", "don t", "dont", "do not", "didn t", "didnt", "did not", "couldn t", "couldnt", "could not", "wouldn t",
        "wouldnt", "would not", "still can t", "still cant", "still cannot", "no way to",
    ];

    /// <summary>Denials followed by a verb's -ing form: "isn't loading", "not letting", "stopped showing".</summary>
    private static readonly string[] BeforeIng =
    [
        "not", "isn t", "isnt", "aren t", "arent", "wasn t", "wasnt", "weren t", "werent", "stopped", "keeps", "keep", "kept",
        "still not",
    ];

    /// <summary>Denials followed by a past form: "never arrived", "hasn't loaded".</summary>
    private static readonly string[] BeforePast =
    [
        "never", "hasn t", "hasnt", "has not", "haven t", "havent", "have not", "still hasn t", "still haven t",
    ];

    /// <summary>
    /// Verbs of a product or service doing its job: base, -ing and past forms ("save" left out: "won't save you";
    /// "don't play" and "don't get" too: "don't play dumb", "I don't get it").
    /// </summary>
    private static readonly (string Base, string Ing, string Past)[] Verbs =
    [
        ("work", "working", "worked"), ("load", "loading", "loaded"), ("open", "opening", "opened"), ("start", "starting", "started"),
        ("launch", "launching", "launched"), ("boot", "booting", "booted"), ("connect", "connecting", "connected"),
        ("sync", "syncing", "synced"), ("charge", "charging", "charged"), ("play", "playing", "played"),
        ("watch", "watching", "watched"), ("go online", "going online", "gone online"),
        ("log in", "logging in", "logged in"), ("login", "logging in", "logged in"), ("log into", "logging into", "logged into"),
        ("sign in", "signing in", "signed in"), ("access", "accessing", "accessed"), ("let me", "letting me", "let me"),
        ("let us", "letting us", "let us"), ("allow me", "allowing me", "allowed me"), ("find", "finding", "found"),
        ("receive", "receiving", "received"), ("get", "getting", "got"), ("download", "downloading", "downloaded"),
        ("install", "installing", "installed"), ("update", "updating", "updated"), ("upload", "uploading", "uploaded"),
        ("delete", "deleting", "deleted"), ("remove", "removing", "removed"), ("cancel", "cancelling", "cancelled"),
        ("unsubscribe", "unsubscribing", "unsubscribed"), ("change", "changing", "changed"), ("reset", "resetting", "reset"),
        ("recover", "recovering", "recovered"), ("restore", "restoring", "restored"), ("verify", "verifying", "verified"),
        ("show", "showing", "shown"), ("show up", "showing up", "shown up"), ("appear", "appearing", "appeared"),
        ("display", "displaying", "displayed"), ("send", "sending", "sent"), ("respond", "responding", "responded"),
        ("reply", "replying", "replied"), ("answer", "answering", "answered"), ("arrive", "arriving", "arrived"),
        ("deliver", "delivering", "delivered"), ("accept", "accepting", "accepted"), ("recognize", "recognizing", "recognized"),
        ("recognise", "recognising", "recognised"), ("pay", "paying", "paid"), ("transfer", "transferring", "transferred"),
        ("withdraw", "withdrawing", "withdrawn"), ("refund", "refunding", "refunded"), ("print", "printing", "printed"),
        ("stream", "streaming", "streamed"), ("turn on", "turning on", "turned on"),
        ("go through", "going through", "gone through"), ("come through", "coming through", "come through"),
    ];

    /// <summary>Repeated failure or trouble, whatever the verb.</summary>
    private static readonly string[] Trouble =
    [
        "having trouble", "having issues", "having problems", "having difficulties", "having a problem", "having an issue",
        "technical difficulties", "trouble with", "keep getting", "keeps getting", "keeps resetting", "keeps restarting",
        "keeps logging me out", "keeps freezing", "keeps asking", "takes forever", "is gone", "are gone", "went missing",
        "compromised", "signed into my", "logged into my", "died on me", "just died", "denied access", "access denied",
        "keeps coming up", "no one is helping", "nobody is helping", "no one helping", "no ones helping",
    ];

    /// <summary>French clitics that may sit between "ne" and the verb: "ne se connecte pas", "ne m'affiche plus".</summary>
    private static readonly string[] FrenchClitics = ["", "se ", "s ", "me ", "m ", "nous ", "vous ", "te ", "t ", "l ", "le ", "la ", "les ", "y "];

    /// <summary>
    /// French verbs of a product or service doing its job, in the forms a report uses ("l'appli ne se lance plus", "je
    /// ne reçois pas"); "passe", "trouve" and "laisse" are left out ("ne passe pas inaperçu", "je ne trouve pas ça
    /// drôle", "ne laisse pas indifférent").
    /// </summary>
    private static readonly string[] FrenchVerbs =
    [
        "marche", "fonctionne", "charge", "chargent", "allume", "affiche", "affichent", "lance", "connecte", "connectent",
        "demarre", "ouvre", "ouvrent", "repond", "repondent", "recois", "recoit", "recevons", "arrive", "arrivent", "telecharge",
        "installe", "synchronise", "imprime", "envoie", "envoient", "valide", "debloque", "rembourse", "livrent",
        "accepte", "reconnait",
    ];

    /// <summary>Every English phrase, folded as the detector matches it.</summary>
    public static IReadOnlyList<string> English { get; } = Build();

    /// <summary>
    /// French denials wrapped around a function verb ("ne" or "n'", an optional clitic, the verb, "pas"/"plus"/"jamais"):
    /// "l'appli ne se lance plus", "je ne reçois pas le code", "la carte n'est pas acceptée" is left to other cues.
    /// </summary>
    public static IReadOnlyList<string> French { get; } =
        [.. from ne in new[] { "ne", "n" }
            from clitic in FrenchClitics
            from verb in FrenchVerbs
            from neg in new[] { "pas", "plus", "jamais" }
            select $"{ne} {clitic}{verb} {neg}"];

    private static string[] Build()
    {
        var phrases = new List<string>(Trouble);
        foreach (var (baseForm, ing, past) in Verbs)
        {
            phrases.AddRange(BeforeBase.Select(d => $"{d} {baseForm}"));
            phrases.AddRange(BeforeIng.Where(d => d is not ("keeps" or "keep" or "kept") || ing is "working" or "loading").Select(d => $"{d} {ing}"));
            phrases.AddRange(BeforePast.Select(d => $"{d} {past}"));
        }

        // "I don't get it" is about understanding, not about receiving.
        return [.. phrases.Distinct(StringComparer.Ordinal).Where(p => p is not ("don t get" or "dont get" or "do not get" or "don t play" or "dont play" or "do not play"))];
    }
}
