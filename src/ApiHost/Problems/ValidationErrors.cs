using Microsoft.AspNetCore.Http.HttpResults;

namespace Pbx.ApiHost.Problems;

/// <summary>
/// Collects what is wrong with each field of a request, so one 400 names them all: <c>errors</c> holds the English
/// reasons per field, <c>fieldCodes</c> their stable codes, and <c>code</c> the first field's first code.
/// </summary>
internal sealed class ValidationErrors
{
    private readonly Dictionary<string, List<(string Reason, string Code)>> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;

    /// <summary>Adds a reason for <paramref name="field"/>; without a <paramref name="code"/>, a reason starting "is required" is
    /// <see cref="ProblemCodes.FieldRequired"/> and any other <see cref="ProblemCodes.FieldInvalid"/>.</summary>
    public void Add(string field, string reason, string? code = null)
    {
        if (!_errors.TryGetValue(field, out var reasons))
            _errors[field] = reasons = [];
        reasons.Add((reason, code ?? (reason.StartsWith("is required", StringComparison.Ordinal) ? ProblemCodes.FieldRequired : ProblemCodes.FieldInvalid)));
    }

    public void Require(bool condition, string field, string reason, string? code = null)
    {
        if (!condition)
            Add(field, reason, code);
    }

    public ValidationProblem ToProblem() =>
        TypedResults.ValidationProblem(
            _errors.ToDictionary(e => e.Key, e => e.Value.Select(r => r.Reason).ToArray(), StringComparer.Ordinal),
            title: "One or more fields are invalid.",
            extensions: new Dictionary<string, object?>
            {
                ["code"] = _errors.First().Value[0].Code,
                ["fieldCodes"] = _errors.ToDictionary(e => e.Key, e => e.Value.Select(r => r.Code).ToArray(), StringComparer.Ordinal),
            });
}
