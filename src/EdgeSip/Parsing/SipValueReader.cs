namespace Pbx.EdgeSip.Parsing;

/// <summary>
/// Cursor over one header value (folding already allowed: CR and LF count as white space) that reads the
/// RFC 3261 section 25 pieces and throws <see cref="SipParseException"/> at the first fault. The parser runs it
/// to validate every structured header; the typed accessors run it again to pick out the parts they need.
/// </summary>
internal ref struct SipValueReader
{
    private readonly ReadOnlySpan<byte> _text;
    private readonly SipParseError _error;

    public SipValueReader(ReadOnlySpan<byte> text, SipParseError error)
    {
        _text = text;
        _error = error;
    }

    public int Position { get; private set; }

    public readonly bool AtEnd => Position >= _text.Length;

    public readonly byte Current => _text[Position];

    public readonly ReadOnlySpan<byte> Slice(Range range) => _text[range];

    public void MoveTo(int position) => Position = position;

    public void SkipLws()
    {
        // Most values have no white space where LWS is allowed: skip the vectorized search for them.
        if (Position >= _text.Length || _text[Position] is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            return;
        var rest = _text[Position..].IndexOfAnyExcept(SipChars.Lws);
        Position = rest < 0 ? _text.Length : Position + rest;
    }

    /// <summary>Skips LWS, then consumes <paramref name="c"/> and the LWS after it if it is next (SWS c SWS of section 25.1).</summary>
    public bool TryConsume(byte c)
    {
        SkipLws();
        if (AtEnd || _text[Position] != c)
            return false;
        Position++;
        SkipLws();
        return true;
    }

    public void Expect(byte c)
    {
        if (!TryConsume(c))
            Fail();
    }

    public Range ReadRun(System.Buffers.SearchValues<byte> allowed)
    {
        var start = Position;
        var length = _text[start..].IndexOfAnyExcept(allowed);
        Position = length < 0 ? _text.Length : start + length;
        if (Position == start)
            Fail();
        return start..Position;
    }

    public Range ReadToken() => ReadRun(SipChars.Token);

    /// <summary>quoted-string = DQUOTE *(qdtext / quoted-pair) DQUOTE; returns the range inside the quotes (escapes kept).</summary>
    public Range ReadQuoted()
    {
        var start = ++Position;
        while (Position < _text.Length)
        {
            var b = _text[Position];
            if (b == (byte)'"')
                return start..Position++;
            // quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F): never an escaped CR or LF.
            if (b == (byte)'\\')
            {
                if (Position + 1 >= _text.Length || _text[Position + 1] is (byte)'\r' or (byte)'\n')
                    break;
                Position++;
            }
            Position++;
        }
        SipParseErrors.Throw(SipParseError.InvalidQuotedString, _text[(start - 1)..]);
        return default;
    }

    /// <summary>*(SEMI generic-param): gen-value = token / host / quoted-string. Returns the range of the whole list.</summary>
    public Range ReadParams()
    {
        var start = Position;
        while (TryConsume((byte)';'))
            ReadParam(out _, out _);
        return start..Position;
    }

    /// <summary>One "name [= value]" after a semicolon; empty names (";;") are the fault RFC 4475 3.1.2.1 tests.</summary>
    public void ReadParam(out Range name, out Range value)
    {
        if (AtEnd || !SipChars.Token.Contains(_text[Position]))
            SipParseErrors.Throw(SipParseError.InvalidParameter, _text[Math.Max(0, Position - 1)..]);
        name = ReadToken();
        value = default;
        if (TryConsume((byte)'='))
        {
            if (AtEnd)
                SipParseErrors.Throw(SipParseError.InvalidParameter, _text[name.Start..]);
            value = _text[Position] == (byte)'"' ? ReadQuoted() : ReadRun(SipChars.ParamValue);
        }
    }

    /// <summary>Between two values of a comma-separated header: false at the end, true after a comma that is followed by a value.</summary>
    public bool NextListValue()
    {
        SkipLws();
        if (AtEnd)
            return false;
        Expect((byte)',');
        if (AtEnd || _text[Position] == (byte)',')
            Fail();
        return true;
    }

    public readonly void ExpectEnd()
    {
        if (!AtEnd)
            Fail();
    }

    public readonly ulong ReadNumber(ulong max, ref int position)
    {
        ulong value = 0;
        var start = position;
        while (position < _text.Length && SipChars.IsDigit(_text[position]))
        {
            value = value * 10 + (ulong)(_text[position++] - '0');
            if (value > max)
                Fail();
        }
        if (position == start)
            Fail();
        return value;
    }

    /// <summary>1*DIGIT not above <paramref name="max"/> (leading zeros allowed: "0068", RFC 4475 3.1.1.1).</summary>
    public ulong ReadNumber(ulong max)
    {
        var position = Position;
        var value = ReadNumber(max, ref position);
        Position = position;
        return value;
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public readonly void Fail() => SipParseErrors.Throw(_error, _text[Math.Max(0, Math.Min(Position, _text.Length) - 8)..]);
}
