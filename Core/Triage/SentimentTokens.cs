using System.Buffers;
using System.Globalization;
using System.Text;
using CmBot.Core.Text;

namespace CmBot.Core.Triage;

/// <summary>What a sentiment token is: a folded word, or an emoticon/emoji with its own valence.</summary>
internal enum SentimentTokenKind : byte
{
    Word,
    Symbol,
}

/// <summary>A token of <see cref="SentimentTokens"/>: a slice of the folded buffer, or a symbol's valence.</summary>
internal struct SentimentToken
{
    public int Start;
    public int Length;
    public SentimentTokenKind Kind;
    public bool AllCaps;
    public bool Elongated;

    /// <summary>A sentence or clause mark (. ! ? ; :) comes right before this token: negation does not reach across it.</summary>
    public bool ClauseStart;
    public double Valence;

    public readonly int End => Start + Length;
}

/// <summary>
/// Allocation-free tokenisation for sentiment: words are folded (lower case, no accents, apostrophes and hyphens
/// split words as in <see cref="TextFolding"/>) into one buffer separated by single spaces, so a multi-word
/// lexicon entry is one contiguous slice; emoticons (whole whitespace-separated chunks found in the lexicon)
/// and emoji become symbol tokens; '!' and '?' are counted. Buffers come from the array pool: dispose it.
/// </summary>
internal ref struct SentimentTokens
{
    private const int MaxEmoticonLength = 16;

    private static readonly SearchValues<char> LettersAndDigits = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");

    private static readonly string[] FoldTable = BuildFoldTable();

    private char[] _buffer;
    private SentimentToken[] _tokens;

    /// <summary>
    /// An emoticon as written, else in lower case (":O", "=P" are VADER's ":o", "=p"; its own matching is
    /// case-insensitive too).
    /// </summary>
    private static bool TryEmoticon(SentimentLexicon lexicon, ReadOnlySpan<char> chunk, out double valence)
    {
        if (lexicon.EmoticonLookup.TryGetValue(chunk, out valence))
        {
            return true;
        }

        // Only a chunk with a capital and a symbol can be an emoticon in other capitals (words are the common case).
        if (chunk.Length > MaxEmoticonLength || !chunk.ContainsAnyInRange('A', 'Z') || !chunk.ContainsAnyExcept(LettersAndDigits))
        {
            return false;
        }

        Span<char> lowered = stackalloc char[MaxEmoticonLength];
        chunk.ToLowerInvariant(lowered);

        return lexicon.EmoticonLookup.TryGetValue(lowered[..chunk.Length], out valence);
    }

    public SentimentTokens(ReadOnlySpan<char> text, SentimentLexicon lexicon)
    {
        _buffer = ArrayPool<char>.Shared.Rent((text.Length * 2) + 4);
        _tokens = ArrayPool<SentimentToken>.Shared.Rent(text.Length + 1);
        Count = 0;
        Exclamations = 0;
        Questions = 0;
        var written = 0;
        var letters = 0;
        var upperLetters = 0;
        var clauseBreak = false;
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }

            var end = i;
            while (end < text.Length && !char.IsWhiteSpace(text[end]))
            {
                end++;
            }

            var chunk = text[i..end];
            if (chunk.Length <= lexicon.LongestEmoticon && TryEmoticon(lexicon, chunk, out var emoticon))
            {
                _tokens[Count++] = new SentimentToken { Kind = SentimentTokenKind.Symbol, Valence = emoticon, Start = written, ClauseStart = true };
                clauseBreak = true;
                i = end;
                continue;
            }

            var wordStart = -1;
            var upper = 0;
            var lower = 0;
            var run = 0;
            var elongated = false;
            var previous = '\0';
            for (var j = i; j <= end; j++)
            {
                var c = j < end ? text[j] : ' ';
                if (char.IsLetterOrDigit(c))
                {
                    if (wordStart < 0)
                    {
                        wordStart = written;
                        upper = lower = run = 0;
                        elongated = false;
                        previous = '\0';
                    }

                    if (char.IsUpper(c))
                    {
                        upper++;
                    }
                    else if (char.IsLower(c))
                    {
                        lower++;
                    }

                    run = c == previous ? run + 1 : 1;
                    elongated |= run >= 3 && char.IsLetter(c);
                    previous = c;
                    var folded = c < FoldTable.Length ? FoldTable[c] : null;
                    if (folded is not null)
                    {
                        folded.AsSpan().CopyTo(_buffer.AsSpan(written));
                        written += folded.Length;
                    }
                    else
                    {
                        _buffer[written++] = char.ToLowerInvariant(c);
                    }

                    continue;
                }

                if (wordStart >= 0 && CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
                {
                    continue;
                }

                if (wordStart >= 0)
                {
                    _tokens[Count++] = new SentimentToken
                    {
                        Kind = SentimentTokenKind.Word,
                        Start = wordStart,
                        Length = written - wordStart,
                        AllCaps = upper >= 2 && lower == 0,
                        Elongated = elongated,
                        ClauseStart = clauseBreak,
                    };
                    clauseBreak = false;
                    _buffer[written++] = ' ';
                    letters += upper + lower;
                    upperLetters += upper;
                    wordStart = -1;
                }

                if (c is '!' or '?' or '.' or ';' or ':')
                {
                    Exclamations += c == '!' ? 1 : 0;
                    Questions += c == '?' ? 1 : 0;
                    clauseBreak = true;
                }
                else if (j < end && Emoji.TryGet(text, j, out var valence, out var width))
                {
                    _tokens[Count++] = new SentimentToken { Kind = SentimentTokenKind.Symbol, Valence = valence, Start = written };
                    j += width - 1;
                }
            }

            i = end;
        }

        Text = _buffer.AsSpan(0, written);
        ShoutedText = letters >= 4 && upperLetters == letters;
    }

    public int Count { get; }

    public int Exclamations { get; }

    public int Questions { get; }

    /// <summary>The whole text is in capitals: then capitals emphasise nothing.</summary>
    public bool ShoutedText { get; }

    /// <summary>The folded words separated by single spaces.</summary>
    public ReadOnlySpan<char> Text { get; }

    public readonly ref SentimentToken this[int index] => ref _tokens[index];

    public readonly ReadOnlySpan<char> Word(int index) => Text.Slice(_tokens[index].Start, _tokens[index].Length);

    /// <summary>Words <paramref name="index"/>..index+count-1 as one slice, or empty when a symbol sits between.</summary>
    public readonly ReadOnlySpan<char> Words(int index, int count)
    {
        for (var k = index; k < index + count; k++)
        {
            if (_tokens[k].Kind != SentimentTokenKind.Word)
            {
                return [];
            }
        }

        return Text[_tokens[index].Start.._tokens[index + count - 1].End];
    }

    public void Dispose()
    {
        ArrayPool<char>.Shared.Return(_buffer);
        ArrayPool<SentimentToken>.Shared.Return(_tokens);
        _buffer = [];
        _tokens = [];
    }

    private static string[] BuildFoldTable()
    {
        var table = new string[0x250];
        for (var c = 0; c < table.Length; c++)
        {
            if (char.IsLetterOrDigit((char)c))
            {
                var folded = TextFolding.Fold(((char)c).ToString());
                table[c] = folded.Normalize(NormalizationForm.FormC);
            }
        }

        return table;
    }
}
