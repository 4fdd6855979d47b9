using System.Buffers;
using System.Text;

namespace Pbx.EdgeSip.Parsing;

/// <summary>
/// A SIP request or response. A parsed message owns a pooled copy of its bytes and keeps headers as offsets into it;
/// strings are made only when a header is read. <see cref="Dispose"/> returns the buffer to the pool; a message that
/// is never disposed is simply collected. Headers added by code are held as strings and serialized after the parsed ones.
/// </summary>
public abstract partial class SipMessage : IDisposable
{
    private byte[] _buffer;
    private SipHeader[] _headers;
    private int _count;
    private bool _pooled;

    private protected SipMessage()
    {
        _buffer = [];
        _headers = new SipHeader[12];
    }

    private protected SipMessage(byte[] buffer, SipHeader[] headers, int count, ReadOnlyMemory<byte> body)
    {
        _buffer = buffer;
        _headers = headers;
        _count = count;
        _pooled = true;
        Body = body;
    }

    public int HeaderCount => _count;

    /// <summary>The body; for a parsed message, a slice of its pooled buffer (valid until <see cref="Dispose"/>).</summary>
    public ReadOnlyMemory<byte> Body { get; set; }

    public SipHeaderId GetHeaderId(int index) => _headers[index].Id;

    /// <summary>Name as received for extension headers, canonical long name for known ones.</summary>
    public string GetHeaderName(int index)
    {
        var header = _headers[index];
        return header.Name ?? (header.Id != SipHeaderId.Unknown
            ? SipHeaderNames.Name(header.Id)
            : Encoding.ASCII.GetString(_buffer, header.NameStart, header.NameLength));
    }

    /// <summary>Value with folding replaced by one space (RFC 3261 7.3.1).</summary>
    public string GetHeaderValue(int index)
    {
        var header = _headers[index];
        if (header.Value is not null)
            return header.Value;
        var raw = Encoding.UTF8.GetString(_buffer, header.ValueStart, header.ValueLength);
        return header.Folded ? Unfold(raw) : raw;
    }

    /// <summary>First value of a known header, or null.</summary>
    public string? Get(SipHeaderId id)
    {
        var index = IndexOf(id, 0);
        return index < 0 ? null : GetHeaderValue(index);
    }

    /// <summary>First value of a header by name (compact forms and case are handled), or null.</summary>
    public string? Get(string name)
    {
        var id = SipHeaderNames.Lookup(name);
        if (id != SipHeaderId.Unknown)
            return Get(id);
        for (var i = 0; i < _count; i++)
        {
            if (_headers[i].Id == SipHeaderId.Unknown && string.Equals(GetHeaderName(i), name, StringComparison.OrdinalIgnoreCase))
                return GetHeaderValue(i);
        }
        return null;
    }

    /// <summary>Every header line of a known header, in order (a comma list stays one entry).</summary>
    public IReadOnlyList<string> GetAll(SipHeaderId id)
    {
        var values = new List<string>();
        for (var i = IndexOf(id, 0); i >= 0; i = IndexOf(id, i + 1))
            values.Add(GetHeaderValue(i));
        return values;
    }

    /// <summary>How many header lines of <paramref name="id"/> the message has (RFC 4475 3.3.8 checks single-value headers).</summary>
    public int Count(SipHeaderId id)
    {
        var count = 0;
        for (var i = IndexOf(id, 0); i >= 0; i = IndexOf(id, i + 1))
            count++;
        return count;
    }

    public SipMessage Add(SipHeaderId id, string value) => Add(id, SipHeaderNames.Name(id), value);

    public SipMessage Add(string name, string value) => Add(SipHeaderNames.Lookup(name), name, value);

    /// <summary>Replaces every line of <paramref name="id"/> with one line holding <paramref name="value"/>.</summary>
    public SipMessage Set(SipHeaderId id, string value)
    {
        Remove(id);
        return Add(id, value);
    }

    public void Remove(SipHeaderId id)
    {
        var kept = 0;
        for (var i = 0; i < _count; i++)
        {
            if (_headers[i].Id != id)
                _headers[kept++] = _headers[i];
        }
        _count = kept;
    }

    public string? CallId => Get(SipHeaderId.CallId)?.Trim();

    public SipCSeq? CSeq
    {
        get
        {
            var index = IndexOf(SipHeaderId.CSeq, 0);
            if (index < 0)
                return null;
            var value = ValueBytes(index);
            var reader = new SipValueReader(value, SipParseError.InvalidCSeq);
            var number = SipGrammar.ReadCSeq(ref reader, out var method);
            return new SipCSeq(number, Encoding.ASCII.GetString(value[method]));
        }
    }

    /// <summary>All Via values, top first, whether in one comma list or several lines (RFC 3261 7.3.1).</summary>
    public IReadOnlyList<SipVia> Vias
    {
        get
        {
            var vias = new List<SipVia>();
            for (var i = IndexOf(SipHeaderId.Via, 0); i >= 0; i = IndexOf(SipHeaderId.Via, i + 1))
                SipVia.ReadAll(ValueBytes(i), vias);
            return vias;
        }
    }

    /// <summary>
    /// The branch of the top Via, read without building the Via: the one string the transaction layer needs from every
    /// message (RFC 3261 17.1.3, 17.2.3). Null when the top Via has none.
    /// </summary>
    public string? TopViaBranch
    {
        get
        {
            var index = IndexOf(SipHeaderId.Via, 0);
            if (index < 0)
                return null;
            var value = ValueBytes(index);
            var reader = new SipValueReader(value, SipParseError.InvalidVia);
            SipGrammar.ReadVia(ref reader, out var parts);
            var parameters = new SipValueReader(value[parts.Params], SipParseError.InvalidParameter);
            while (parameters.TryConsume((byte)';'))
            {
                parameters.ReadParam(out var name, out var found);
                if (Ascii.EqualsIgnoreCase(parameters.Slice(name), "branch"u8))
                    return found.Equals(default(Range)) ? "" : Encoding.ASCII.GetString(parameters.Slice(found));
            }
            return null;
        }
    }

    public SipVia? TopVia
    {
        get
        {
            var index = IndexOf(SipHeaderId.Via, 0);
            if (index < 0)
                return null;
            var vias = new List<SipVia>(1);
            SipVia.ReadAll(ValueBytes(index), vias);
            return vias[0];
        }
    }

    public SipNameAddress? From => First(SipHeaderId.From);

    public SipNameAddress? To => First(SipHeaderId.To);

    public IReadOnlyList<SipNameAddress> Contacts => NameAddresses(SipHeaderId.Contact);

    public IReadOnlyList<SipNameAddress> RecordRoutes => NameAddresses(SipHeaderId.RecordRoute);

    public int? MaxForwards => int.TryParse(Get(SipHeaderId.MaxForwards), out var hops) ? hops : null;

    /// <summary>Expires header in seconds (overlarge values clamp to 2^32-1).</summary>
    public uint? Expires => SipNumbers.ParseDeltaSeconds(Get(SipHeaderId.Expires)?.Trim());

    public string? ContentType => Get(SipHeaderId.ContentType)?.Trim();

    public void Dispose()
    {
        if (_pooled)
        {
            _pooled = false;
            ArrayPool<byte>.Shared.Return(_buffer);
            ArrayPool<SipHeader>.Shared.Return(_headers);
            _buffer = [];
            _headers = [];
            _count = 0;
            Body = default;
        }
        GC.SuppressFinalize(this);
    }

    /// <summary>Raw bytes of a header value (encoded on the fly for headers added as strings).</summary>
    internal ReadOnlySpan<byte> ValueBytes(int index)
    {
        var header = _headers[index];
        return header.Value is not null
            ? Encoding.UTF8.GetBytes(header.Value)
            : _buffer.AsSpan(header.ValueStart, header.ValueLength);
    }

    internal ReadOnlySpan<byte> NameBytes(int index)
    {
        var header = _headers[index];
        return _buffer.AsSpan(header.NameStart, header.NameLength);
    }

    private protected string DecodeBuffer(int start, int length) => Encoding.UTF8.GetString(_buffer, start, length);

    internal bool HasOwnStrings(int index) => _headers[index].Value is not null;

    internal bool IsFolded(int index) => _headers[index].Folded;

    private SipMessage Add(SipHeaderId id, string name, string value)
    {
        if (_count == _headers.Length)
        {
            var grown = new SipHeader[_headers.Length * 2];
            _headers.AsSpan(0, _count).CopyTo(grown);
            if (_pooled)
                ArrayPool<SipHeader>.Shared.Return(_headers);
            _headers = grown;
        }
        _headers[_count++] = new SipHeader(id, 0, 0, 0, 0, false, name, value);
        return this;
    }

    private int IndexOf(SipHeaderId id, int from)
    {
        for (var i = from; i < _count; i++)
        {
            if (_headers[i].Id == id)
                return i;
        }
        return -1;
    }

    private SipNameAddress? First(SipHeaderId id)
    {
        var index = IndexOf(id, 0);
        if (index < 0)
            return null;
        var values = new List<SipNameAddress>(1);
        SipNameAddress.ReadAll(ValueBytes(index), values);
        return values[0];
    }

    private List<SipNameAddress> NameAddresses(SipHeaderId id)
    {
        var values = new List<SipNameAddress>();
        for (var i = IndexOf(id, 0); i >= 0; i = IndexOf(id, i + 1))
            SipNameAddress.ReadAll(ValueBytes(i), values);
        return values;
    }

    /// <summary>RFC 3261 7.3.1: a line fold (CRLF plus the white space around it) equals one SP; other white space stays.</summary>
    private static string Unfold(string raw)
    {
        var text = new StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] is not ('\r' or '\n'))
            {
                text.Append(raw[i]);
                continue;
            }
            while (text.Length > 0 && text[^1] is ' ' or '\t')
                text.Length--;
            while (i + 1 < raw.Length && raw[i + 1] is '\r' or '\n' or ' ' or '\t')
                i++;
            text.Append(' ');
        }
        return text.ToString();
    }
}
