namespace Pbx.MediaNode.Mixing;

/// <summary>
/// Mixes a conference one frame (20 ms) at a time. Each member hears everyone else ("minus self", so nobody
/// hears their own echo): the frames of all unmuted members are summed once in 32 bits, then each member's
/// own contribution is subtracted, which keeps a tick O(members) rather than O(members^2). Results beyond
/// 16 bits are saturated. Muted members are heard by nobody but still hear the others. A member with no frame
/// this tick (packet lost, not yet started) counts as silence.
/// Not thread-safe: one media thread drives a conference (write every member, <see cref="Mix"/>, read every member).
/// Only <see cref="Join"/> may allocate; a tick allocates nothing.
/// </summary>
public sealed class ConferenceMixer
{
    private readonly int _frameSamples;
    private readonly int[] _sum;
    private short[][] _inputs = [];
    private short[][] _outputs = [];
    private bool[] _present = [];
    private bool[] _muted = [];
    private bool[] _hasInput = [];

    /// <param name="frameSamples">Samples per frame: 160 is 20 ms at 8 kHz.</param>
    public ConferenceMixer(int frameSamples = 160)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frameSamples);
        _frameSamples = frameSamples;
        _sum = new int[frameSamples];
    }

    /// <summary>Samples per frame.</summary>
    public int FrameSamples => _frameSamples;

    /// <summary>Members currently in the conference.</summary>
    public int MemberCount { get; private set; }

    /// <summary>Adds a member and returns its id (ids of members who left are reused).</summary>
    public int Join()
    {
        int id = Array.IndexOf(_present, false);
        if (id < 0)
        {
            id = _present.Length;
            Grow(Math.Max(4, _present.Length * 2));
        }
        _present[id] = true;
        _muted[id] = false;
        _hasInput[id] = false;
        Array.Clear(_outputs[id]);
        MemberCount++;
        return id;
    }

    /// <summary>Removes a member; its id may be handed out again.</summary>
    public void Leave(int member)
    {
        CheckMember(member);
        _present[member] = false;
        MemberCount--;
    }

    /// <summary>Mutes or unmutes a member's voice; a muted member keeps hearing the conference.</summary>
    public void SetMuted(int member, bool muted)
    {
        CheckMember(member);
        _muted[member] = muted;
    }

    /// <summary>Whether the member's voice is muted.</summary>
    public bool IsMuted(int member)
    {
        CheckMember(member);
        return _muted[member];
    }

    /// <summary>Gives the member's frame for this tick; a shorter frame is padded with silence.</summary>
    public void Write(int member, ReadOnlySpan<short> frame)
    {
        CheckMember(member);
        if (frame.Length > _frameSamples)
            throw new ArgumentException($"Frame of {frame.Length} samples, the conference mixes {_frameSamples}.", nameof(frame));
        frame.CopyTo(_inputs[member]);
        _inputs[member].AsSpan(frame.Length).Clear();
        _hasInput[member] = true;
    }

    /// <summary>Computes every member's output for this tick and clears the inputs for the next one.</summary>
    public void Mix()
    {
        var sum = _sum.AsSpan();
        sum.Clear();
        for (int m = 0; m < _present.Length; m++)
        {
            if (!Speaks(m))
                continue;
            var input = _inputs[m];
            for (int i = 0; i < sum.Length; i++)
                sum[i] += input[i];
        }
        for (int m = 0; m < _present.Length; m++)
        {
            if (!_present[m])
                continue;
            var output = _outputs[m].AsSpan();
            if (Speaks(m))
            {
                var input = _inputs[m];
                for (int i = 0; i < output.Length; i++)
                    output[i] = Saturate(sum[i] - input[i]);
            }
            else
            {
                for (int i = 0; i < output.Length; i++)
                    output[i] = Saturate(sum[i]);
            }
        }
        for (int m = 0; m < _hasInput.Length; m++)
            _hasInput[m] = false;
    }

    /// <summary>The member's output of the last <see cref="Mix"/>; valid until the next one.</summary>
    public ReadOnlySpan<short> Read(int member)
    {
        CheckMember(member);
        return _outputs[member];
    }

    private bool Speaks(int member) => _present[member] && !_muted[member] && _hasInput[member];

    private static short Saturate(int value) => (short)Math.Clamp(value, short.MinValue, short.MaxValue);

    private void Grow(int capacity)
    {
        int old = _present.Length;
        Array.Resize(ref _inputs, capacity);
        Array.Resize(ref _outputs, capacity);
        Array.Resize(ref _present, capacity);
        Array.Resize(ref _muted, capacity);
        Array.Resize(ref _hasInput, capacity);
        for (int i = old; i < capacity; i++)
        {
            _inputs[i] = new short[_frameSamples];
            _outputs[i] = new short[_frameSamples];
        }
    }

    private void CheckMember(int member)
    {
        if ((uint)member >= (uint)_present.Length || !_present[member])
            throw new ArgumentOutOfRangeException(nameof(member), member, "Not a member of this conference.");
    }
}
