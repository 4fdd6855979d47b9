using System.Collections.Concurrent;
using System.Numerics;

namespace Pbx.Audio;

/// <summary>
/// Rational-ratio sample-rate converter (L/M = output/input reduced) built as a polyphase bank of one
/// Kaiser-windowed sinc low-pass, so going from 44.1 or 48 kHz down to 8 kHz does not fold the content above
/// the new Nyquist frequency back into the voice band. The output is aligned with the input (the filter's
/// delay is compensated) and has ceil(inputLength * L / M) samples.
/// </summary>
public sealed class PolyphaseResampler
{
    // Pass band to 0.425 x the lower rate (3.4 kHz at 8 kHz, the telephone band), stop band from its Nyquist
    // frequency at 70 dB: aliases stay below G.711's own quantisation noise.
    private const double PassFraction = 0.425;
    private const double StopAttenuationDb = 70;
    private const int ChunkFrames = 1024;

    private static readonly ConcurrentDictionary<(int In, int Out), FilterBank> Banks = new();

    private readonly FilterBank _bank;
    private readonly Func<Span<float>, int> _fill;
    private readonly float[] _buffer;
    private long _bufferStart;
    private int _count;
    private long _outputIndex;
    private bool _inputEnded;

    /// <param name="inputRate">Rate of the samples <paramref name="fill"/> supplies.</param>
    /// <param name="outputRate">Rate produced by <see cref="Read"/>.</param>
    /// <param name="fill">Writes the next input samples into its argument, returning how many; 0 at end of input.</param>
    public PolyphaseResampler(int inputRate, int outputRate, Func<Span<float>, int> fill)
    {
        _bank = Banks.GetOrAdd((inputRate, outputRate), static key => FilterBank.Design(key.In, key.Out));
        _fill = fill;
        _buffer = new float[_bank.Taps + ChunkFrames];
        Reset();
    }

    /// <summary>Output samples that <paramref name="inputLength"/> input samples give.</summary>
    public long OutputLength(long inputLength) => (inputLength * _bank.Up + _bank.Down - 1) / _bank.Down;

    /// <summary>Forgets all input, as before the first <see cref="Read"/>.</summary>
    public void Reset()
    {
        // The first output needs HalfTaps samples before the first input: they are silence.
        _bufferStart = -_bank.HalfTaps;
        _count = _bank.HalfTaps;
        Array.Clear(_buffer);
        _outputIndex = 0;
        _inputEnded = false;
    }

    /// <summary>Fills <paramref name="output"/> entirely; past the end of input the filter rings out into silence.</summary>
    public void Read(Span<short> output)
    {
        int up = _bank.Up;
        int taps = _bank.Taps;
        for (int i = 0; i < output.Length; i++)
        {
            // Output n sits at input time n*M/L; in the upsampled domain its centre tap is HalfTaps*L further on.
            long position = _outputIndex * _bank.Down + (long)_bank.HalfTaps * up;
            long newest = position / up;
            int phase = (int)(position % up);
            while (newest >= _bufferStart + _count)
                Refill(newest - taps + 1);
            var window = _buffer.AsSpan((int)(newest - taps + 1 - _bufferStart), taps);
            float value = Dot(_bank.Phase(phase), window);
            output[i] = (short)Math.Clamp(MathF.Round(value), short.MinValue, short.MaxValue);
            _outputIndex++;
        }
    }

    private void Refill(long oldestNeeded)
    {
        int drop = (int)(oldestNeeded - _bufferStart);
        if (drop > 0)
        {
            Array.Copy(_buffer, drop, _buffer, 0, _count - drop);
            _count -= drop;
            _bufferStart = oldestNeeded;
        }
        var free = _buffer.AsSpan(_count);
        int read = _inputEnded ? 0 : _fill(free);
        if (read == 0)
        {
            _inputEnded = true;
            free.Clear();
            read = free.Length;
        }
        _count += read;
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = Vector<float>.Zero;
        int i = 0;
        for (; i <= a.Length - Vector<float>.Count; i += Vector<float>.Count)
            sum += new Vector<float>(a[i..]) * new Vector<float>(b[i..]);
        float total = Vector.Sum(sum);
        for (; i < a.Length; i++)
            total += a[i] * b[i];
        return total;
    }

    private sealed class FilterBank
    {
        private readonly float[] _coefficients;

        private FilterBank(int up, int down, int halfTaps, float[] coefficients)
        {
            Up = up;
            Down = down;
            HalfTaps = halfTaps;
            _coefficients = coefficients;
        }

        public int Up { get; }

        public int Down { get; }

        public int HalfTaps { get; }

        public int Taps => 2 * HalfTaps + 1;

        /// <summary>Coefficients of one phase, reversed so they line up with the oldest-first input window.</summary>
        public ReadOnlySpan<float> Phase(int phase) => _coefficients.AsSpan(phase * Taps, Taps);

        public static FilterBank Design(int inputRate, int outputRate)
        {
            int gcd = (int)BigInteger.GreatestCommonDivisor(inputRate, outputRate);
            int up = outputRate / gcd;
            int down = inputRate / gcd;
            double lowRate = Math.Min(inputRate, outputRate);
            double transition = (0.5 - PassFraction) * lowRate;
            double cutoff = (PassFraction + 0.5) / 2 * lowRate;
            // Kaiser's estimates of the order and shape for the wanted attenuation and transition width.
            double beta = 0.1102 * (StopAttenuationDb - 8.7);
            double order = (StopAttenuationDb - 7.95) / (2.285 * 2 * Math.PI * transition / inputRate);
            int halfTaps = (int)Math.Ceiling(order / 2);
            int taps = 2 * halfTaps + 1;

            double upsampledRate = (double)inputRate * up;
            int centre = halfTaps * up;
            double normalised = 2 * cutoff / upsampledRate;
            var coefficients = new float[up * taps];
            double i0Beta = BesselI0(beta);
            for (int phase = 0; phase < up; phase++)
            {
                for (int k = 0; k < taps; k++)
                {
                    // Tap k of this phase multiplies the input sample k places before the newest one.
                    int m = phase + k * up;
                    if (m > 2 * centre)
                        continue;
                    double x = m - centre;
                    double sinc = x == 0 ? 1 : Math.Sin(Math.PI * normalised * x) / (Math.PI * normalised * x);
                    double ratio = x / centre;
                    double window = BesselI0(beta * Math.Sqrt(Math.Max(0, 1 - ratio * ratio))) / i0Beta;
                    // Gain L restores the level lost by the zeros that upsampling inserts.
                    coefficients[phase * taps + (taps - 1 - k)] = (float)(up * normalised * sinc * window);
                }
            }
            return new FilterBank(up, down, halfTaps, coefficients);
        }

        private static double BesselI0(double x)
        {
            double sum = 1, term = 1, quarterSquare = x * x / 4;
            for (int k = 1; k < 50 && term > 1e-12 * sum; k++)
            {
                term *= quarterSquare / (k * k);
                sum += term;
            }
            return sum;
        }
    }
}
